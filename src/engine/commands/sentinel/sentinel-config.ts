/**
 * SENTINEL CONFIG GET pattern / SENTINEL CONFIG SET option value — Sentinel's global settings
 * (resolve-hostnames, announce-hostnames, announce-ip, announce-port, sentinel-user,
 * sentinel-pass). SET saves the config; a new sentinel-user/-pass drops the links to the
 * other sentinels so they reconnect with it.
 * Counterpart in Redis: `sentinelConfigGetCommand`, `sentinelConfigSetCommand`.
 */
import { array, bulk, OK, type Reply } from '../../resp/reply.ts';
import { defineCommand, parseIntArg, ReplyError } from '../command.ts';
import { globMatch } from '../../util/glob.ts';
import { FLUSH_FAILED, sentinelOf } from './common.ts';

export const sentinelConfig = defineCommand({
  name: 'sentinel|config',
  parse(argv) {
    const sub = argv[2].toLowerCase();
    if (sub === 'set' && argv.length === 5) return { op: 'set' as const, name: argv[3], value: argv[4] };
    if (sub === 'get' && argv.length === 4) return { op: 'get' as const, name: argv[3], value: '' };
    throw new ReplyError('ERR Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported.');
  },
  apply(ctx, { op, name, value }) {
    const s = sentinelOf(ctx);
    if (op === 'get') {
      const out: Reply[] = [];
      const add = (k: string, v: string) => {
        if (globMatch(name, k, true)) out.push(bulk(k), bulk(v));
      };
      add('resolve-hostnames', s.resolveHostnames ? 'yes' : 'no');
      add('announce-hostnames', s.announceHostnames ? 'yes' : 'no');
      add('announce-ip', s.announceIp ?? '');
      add('announce-port', String(s.announcePort));
      add('sentinel-user', s.sentinelAuthUser ?? '');
      add('sentinel-pass', s.sentinelAuthPass ?? '');
      return array(out);
    }
    const o = name.toLowerCase();
    const badfmt = () => new ReplyError(`ERR Invalid value '${value}' to SENTINEL CONFIG SET '${name}'`);
    const yesno = () => {
      const v = value.toLowerCase();
      if (v !== 'yes' && v !== 'no') throw badfmt();
      return v === 'yes';
    };
    let dropConns = false;
    if (o === 'resolve-hostnames') s.resolveHostnames = yesno();
    else if (o === 'announce-hostnames') s.announceHostnames = yesno();
    else if (o === 'announce-ip') s.announceIp = value;
    else if (o === 'announce-port') {
      let n: number;
      try {
        n = parseIntArg(value);
      } catch {
        throw badfmt();
      }
      if (n < 0 || n > 65535) throw badfmt();
      s.announcePort = n;
    } else if (o === 'sentinel-user') {
      s.sentinelAuthUser = value.length ? value : null;
      dropConns = true;
    } else if (o === 'sentinel-pass') {
      s.sentinelAuthPass = value.length ? value : null;
      dropConns = true;
    } else {
      throw new ReplyError(`ERR Invalid argument '${name}' to SENTINEL CONFIG SET`);
    }
    const ok = s.flushConfig();
    if (dropConns) s.dropSentinelConnections();
    if (!ok) throw new ReplyError(FLUSH_FAILED);
    return OK;
  },
});
