/**
 * INFO [section …] in sentinel mode — only the Server, Clients, Stats and CPU sections of a
 * server (with `redis_mode:sentinel` and the randomised hz), then `# Sentinel`.
 * Counterpart in Redis: `sentinelInfoCommand`.
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { genInfoString } from '../../server/info.ts';
import { infoSentinelSection } from '../../sentinel/replies.ts';
import { sentinelOf } from './common.ts';

const SECTIONS = ['server', 'clients', 'cpu', 'stats', 'sentinel'];

export const sentinelInfo = defineCommand({
  name: 'info',
  parse(argv) {
    const names = new Set<string>();
    const args = argv.slice(1).map((a) => a.toLowerCase());
    if (args.length === 0 || args.some((a) => a === 'default' || a === 'all' || a === 'everything')) {
      for (const s of SECTIONS) names.add(s);
    }
    for (const a of args) if (SECTIONS.includes(a)) names.add(a);
    return { names };
  },
  apply(ctx, { names }) {
    const s = sentinelOf(ctx);
    const serverNames = new Set([...names].filter((n) => n !== 'sentinel'));
    let info = '';
    if (serverNames.size) {
      info = genInfoString(ctx.server, { all: false, everything: false, names: serverNames }, ctx.client)
        .replace('\r\nredis_mode:standalone\r\n', '\r\nredis_mode:sentinel\r\n')
        .replace(/\r\nhz:\d+\r\n/, `\r\nhz:${s.hz}\r\n`);
    }
    if (names.has('sentinel')) {
      if (info.length) info += '\r\n';
      info += infoSentinelSection(s).map((l) => l + '\r\n').join('');
    }
    return bulk(info);
  },
});
