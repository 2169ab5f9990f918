/**
 * DEBUG subcommand [arg …] — Redis's debugging toolbox, behind `enable-debug-command` (the
 * gate is in processCommand). Implemented: HELP, SLEEP (freezes the server, see
 * debug-sleep.ts), POPULATE count [prefix] [size], DIGEST, DIGEST-VALUE key…, RELOAD
 * [MERGE|NOFLUSH|NOSAVE], CHANGE-REPL-ID, LOG message, SET-ACTIVE-EXPIRE 0|1, SEGFAULT (the
 * crash report, see debug-crash.ts). Other subcommands of 7.0 answer that the lab does not
 * offer them; unknown ones get Redis's subcommand error.
 * Counterpart in Redis: debug.c `debugCommand`, which checks each subcommand's argument count
 * itself (hence "unknown subcommand or wrong number of arguments").
 */
import type { Bytes } from '../../types.ts';
import { array, OK, simple, type Reply } from '../../resp/reply.ts';
import { defineCommand, ReplyError, type CommandContext, type CommandResult } from '../command.ts';
import { positiveLongArg } from '../../server/keyspace.ts';
import { randomHex } from '../../util/random.ts';
import { absolutePath } from '../../util/path.ts';
import { helpReply, subcommandSyntaxError } from './help.ts';
import { DEBUG_HELP } from './help-texts.ts';
import { datasetDigest, valueDigest } from './digest.ts';
import { debugSleep } from './debug-sleep.ts';
import { crashWithSegfault } from './debug-crash.ts';
import { touchAllWatchedKeysInDb, touchWatchedKey } from '../transactions/watched-keys.ts';

/** Subcommands of 7.0's DEBUG that the lab does not model. */
const NOT_OFFERED = new Set([
  'aof-flush-sleep', 'assert', 'config-rewrite-force-all', 'crash-and-recover', 'error', 'leak', 'htstats', 'htstats-key',
  'loadaof', 'replicate', 'mallctl', 'mallctl-str', 'object', 'drop-cluster-packet-filter', 'oom', 'panic', 'protocol',
  'restart', 'sdslen', 'quicklist-packed-threshold', 'set-skip-checksum-validation', 'stringmatch-test', 'structsize',
  'listpack', 'quicklist', 'client-eviction', 'pause-cron', 'replybuffer', 'clusterlink', 'set-disable-deny-scripts',
]);

type DebugArgs =
  | { sub: 'help'; argv0: Bytes }
  | { sub: 'sleep'; seconds: Bytes }
  | { sub: 'populate'; count: number; prefix: Bytes; size: number }
  | { sub: 'digest' }
  | { sub: 'digest-value'; keys: Bytes[] }
  | { sub: 'reload'; flush: boolean; save: boolean }
  | { sub: 'change-repl-id' }
  | { sub: 'log'; message: Bytes }
  | { sub: 'set-active-expire' }
  | { sub: 'segfault'; argv: Bytes[] }
  | { sub: 'not-offered'; name: Bytes };

export const debug = defineCommand({
  name: 'debug',
  parse(argv): DebugArgs {
    const sub = argv[1].toLowerCase();
    const argc = argv.length;
    if (sub === 'help' && argc === 2) return { sub: 'help', argv0: argv[0] };
    if (sub === 'segfault') return { sub: 'segfault', argv: argv.slice() };
    if (sub === 'reload') {
      let flush = true;
      let save = true;
      for (const opt of argv.slice(2)) {
        const o = opt.toLowerCase();
        if (o === 'merge') continue;
        else if (o === 'noflush') flush = false;
        else if (o === 'nosave') save = false;
        else throw new ReplyError('ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.');
      }
      return { sub: 'reload', flush, save };
    }
    if (sub === 'populate' && argc >= 3 && argc <= 5) {
      const count = positiveLongArg(argv[2]);
      const size = argc === 5 ? positiveLongArg(argv[4]) : 0;
      return { sub: 'populate', count, prefix: argc >= 4 ? argv[3] : 'key', size };
    }
    if (sub === 'digest' && argc === 2) return { sub: 'digest' };
    if (sub === 'digest-value' && argc >= 2) return { sub: 'digest-value', keys: argv.slice(2) };
    if (sub === 'change-repl-id' && argc === 2) return { sub: 'change-repl-id' };
    if (sub === 'sleep' && argc === 3) return { sub: 'sleep', seconds: argv[2] };
    if (sub === 'log' && argc === 3) return { sub: 'log', message: argv[2] };
    if (sub === 'set-active-expire' && argc === 3) return { sub: 'set-active-expire' };
    if (NOT_OFFERED.has(sub)) return { sub: 'not-offered', name: argv[1] };
    throw subcommandSyntaxError(argv);
  },
  apply(ctx, args): CommandResult {
    const { server, client } = ctx;
    switch (args.sub) {
      case 'help':
        return helpReply(args.argv0, DEBUG_HELP);
      case 'sleep':
        return debugSleep(server, client, args.seconds);
      case 'populate':
        return populate(ctx, args.count, args.prefix, args.size);
      case 'digest':
        return simple(datasetDigest(server.dbs));
      case 'digest-value':
        return array(args.keys.map((k): Reply => simple(valueDigest(ctx.db, k))));
      case 'reload':
        return reload(ctx, args.flush, args.save);
      case 'change-repl-id':
        server.log('warning', 'Changing replication IDs after receiving DEBUG change-repl-id');
        server.replication.replid = randomHex(server.rng, 40);
        server.replication.replid2 = '0'.repeat(40);
        server.replication.secondReplOffset = -1;
        return OK;
      case 'log':
        server.log('warning', `DEBUG LOG: ${args.message}`);
        return OK;
      case 'set-active-expire':
        // The lab always expires keys actively; the switch is accepted for scripts that use it.
        return OK;
      case 'segfault':
        crashWithSegfault(server, client, args.argv);
        return { type: 'blocked' };
      case 'not-offered':
        throw new ReplyError(`ERR DEBUG ${args.name.toUpperCase()} is not available in this lab`);
    }
  },
});

/**
 * DEBUG POPULATE: creates `count` string keys `prefix:N` = `value:N` (padded with zero bytes
 * or cut to `size` when given), skipping keys that exist. Not propagated, and not counted as
 * changes to save, as in Redis; WATCHers of a created key are touched.
 */
function populate(ctx: CommandContext, count: number, prefix: Bytes, size: number): Reply {
  const db = ctx.db;
  const expiry = ctx.server.expiryContext();
  // Without any TTL in the db no key can be expired: a plain membership test does (and keeps
  // a million-key POPULATE at one hash lookup per key before the insert). Keys made here have none.
  const noTtl = db.expires.size === 0;
  for (let j = 0; j < count; j++) {
    const key = `${prefix}:${j}`;
    if (noTtl ? db.keys.has(key) : db.lookup(key, expiry) !== undefined) continue;
    let value = `value:${j}`;
    if (size > 0) value = value.length >= size ? value.slice(0, size) : value + '\0'.repeat(size - value.length);
    db.set(key, { type: 'string', value });
    touchWatchedKey(db, key);
  }
  return OK;
}

/**
 * DEBUG RELOAD: saves the RDB (unless NOSAVE), empties the dataset and loads the file back,
 * logging "DB reloaded by DEBUG RELOAD". Simplification: the load goes through the
 * persistence module's full-sync loader, so the dataset is always emptied first (NOFLUSH and
 * MERGE are accepted but change nothing) and, with `appendonly yes`, the AOF is restarted
 * with a rewrite as after a full sync.
 */
function reload(ctx: CommandContext, _flush: boolean, save: boolean): Reply {
  const { server } = ctx;
  if (save && !server.persistence.saveNow()) throw new ReplyError('ERR');
  const path = absolutePath(server.persistence.dataDir(), server.config.get('dbfilename'));
  const rdb = server.disk.read(path);
  if (rdb === null) throw new ReplyError('ERR Error trying to load the RDB dump');
  for (const db of server.dbs) touchAllWatchedKeysInDb(db);
  server.persistence.loadRdbPayload(rdb);
  server.persistence.restartAofAfterSync();
  server.log('warning', 'DB reloaded by DEBUG RELOAD');
  return OK;
}
