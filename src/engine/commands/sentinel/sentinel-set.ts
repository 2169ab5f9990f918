/**
 * SENTINEL SET name option value [option value …] — changes a primary's settings at run time
 * (down-after-milliseconds, failover-timeout, parallel-syncs, quorum, auth-pass, auth-user,
 * rename-command, master-reboot-down-after-period, scripts), logging `+set` for each and
 * saving the config. Options before a bad one stay applied, as in Redis.
 * Counterpart in Redis: `sentinelSetCommand`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand, parseIntArg, ReplyError } from '../command.ts';
import type { Sentinel } from '../../sentinel/sentinel.ts';
import type { SentinelInstance } from '../../sentinel/instance.ts';
import { FLUSH_FAILED, masterByName, sentinelOf } from './common.ts';

function ll(arg: string): number | null {
  try {
    return parseIntArg(arg);
  } catch {
    return null;
  }
}

const SCRIPTS_DENIED =
  'ERR Reconfiguration of scripts path is denied for security reasons. Check the deny-scripts-reconfig configuration directive in your Sentinel configuration';

/** Applies the pairs from argv[3]; returns the number of changes and the error that stopped it. */
function applySet(s: Sentinel, ri: SentinelInstance, argv: string[]): { changes: number; error: string | null } {
  let changes = 0;
  for (let j = 3; j < argv.length; j++) {
    const moreargs = argv.length - 1 - j;
    const option = argv[j];
    const o = option.toLowerCase();
    const oldJ = j;
    let redacted = false;
    const badfmt = (k: number) => ({ changes, error: `ERR Invalid argument '${argv[k]}' for SENTINEL SET '${option}'` });
    if (o === 'down-after-milliseconds' && moreargs > 0) {
      const v = ll(argv[++j]);
      if (v === null || v <= 0) return badfmt(j);
      ri.downAfterPeriod = v;
      s.propagateDownAfterPeriod(ri);
    } else if (o === 'failover-timeout' && moreargs > 0) {
      const v = ll(argv[++j]);
      if (v === null || v <= 0) return badfmt(j);
      ri.failoverTimeout = v;
    } else if (o === 'parallel-syncs' && moreargs > 0) {
      const v = ll(argv[++j]);
      if (v === null || v <= 0) return badfmt(j);
      ri.parallelSyncs = v;
    } else if ((o === 'notification-script' || o === 'client-reconfig-script') && moreargs > 0) {
      const value = argv[++j];
      if (s.denyScriptsReconfig) return { changes, error: SCRIPTS_DENIED };
      if (value.length && !s.server.disk.exists(s.server.config.resolvePath(value))) {
        return {
          changes,
          error: o === 'notification-script' ? 'ERR Notification script seems non existing or non executable' : 'ERR Client reconfiguration script seems non existing or non executable',
        };
      }
      if (o === 'notification-script') ri.notificationScript = value.length ? value : null;
      else ri.clientReconfigScript = value.length ? value : null;
    } else if (o === 'auth-pass' && moreargs > 0) {
      const value = argv[++j];
      ri.authPass = value.length ? value : null;
      s.dropInstanceConnections(ri);
      redacted = true;
    } else if (o === 'auth-user' && moreargs > 0) {
      const value = argv[++j];
      ri.authUser = value.length ? value : null;
      s.dropInstanceConnections(ri);
    } else if (o === 'quorum' && moreargs > 0) {
      const v = ll(argv[++j]);
      if (v === null || v <= 0) return badfmt(j);
      ri.quorum = v;
    } else if (o === 'rename-command' && moreargs > 1) {
      const oldname = argv[++j];
      const newname = argv[++j];
      if (oldname.length === 0 || newname.length === 0) return badfmt(newname.length ? j - 1 : j);
      ri.renamedCommands.delete(oldname.toLowerCase());
      if (oldname.toLowerCase() !== newname.toLowerCase()) ri.renamedCommands.set(oldname.toLowerCase(), [oldname, newname]);
    } else if (o === 'master-reboot-down-after-period' && moreargs > 0) {
      const v = ll(argv[++j]);
      if (v === null || v < 0) return badfmt(j);
      ri.masterRebootDownAfterPeriod = v;
    } else {
      return { changes, error: `ERR Unknown option or number of arguments for SENTINEL SET '${option}'` };
    }
    changes++;
    const numargs = j - oldJ + 1;
    if (numargs === 2) s.event('warning', '+set', ri, `${argv[oldJ]} ${redacted ? '******' : argv[oldJ + 1]}`);
    else if (numargs === 3) s.event('warning', '+set', ri, `${argv[oldJ]} ${argv[oldJ + 1]} ${argv[oldJ + 2]}`);
    else s.event('warning', '+set', ri, argv[oldJ]);
  }
  return { changes, error: null };
}

export const sentinelSet = defineCommand({
  name: 'sentinel|set',
  parse(argv) {
    return { argv };
  },
  apply(ctx, { argv }) {
    const s = sentinelOf(ctx);
    const ri = masterByName(s, argv[2]);
    const { changes, error } = applySet(s, ri, argv);
    if (error !== null) {
      if (changes) s.flushConfig();
      throw new ReplyError(error);
    }
    if (changes && !s.flushConfig()) throw new ReplyError(FLUSH_FAILED);
    return OK;
  },
});
