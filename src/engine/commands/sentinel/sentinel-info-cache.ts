/**
 * SENTINEL INFO-CACHE [name …] — the last INFO text received from each primary (all, or the
 * named ones) and its replicas, with its age in ms.
 * Counterpart in Redis: `sentinelCommand` "info-cache" (the replicas' age is computed only when
 * the primary has INFO, as in Redis).
 */
import { array, bulk, integer, NIL, type Reply } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import type { SentinelInstance } from '../../sentinel/instance.ts';
import { sentinelOf } from './common.ts';

export const sentinelInfoCache = defineCommand({
  name: 'sentinel|info-cache',
  parse(argv) {
    return { names: argv.slice(2) };
  },
  apply(ctx, { names }) {
    const s = sentinelOf(ctx);
    const now = s.now;
    let masters: SentinelInstance[] = [...s.masters.values()];
    if (names.length) {
      const picked = new Map<string, SentinelInstance>();
      for (const n of names) {
        const ri = s.masters.get(n);
        if (ri) picked.set(ri.name, ri);
      }
      masters = [...picked.values()];
    }
    const out: Reply[] = [];
    for (const ri of masters) {
      out.push(bulk(ri.name));
      const items: Reply[] = [array([integer(ri.infoRefresh ? now - ri.infoRefresh : 0), ri.info === null ? NIL : bulk(ri.info)])];
      for (const sri of ri.slaves.values()) {
        items.push(array([integer(ri.infoRefresh ? now - sri.infoRefresh : 0), sri.info === null ? NIL : bulk(sri.info)]));
      }
      out.push(array(items));
    }
    return array(out);
  },
});
