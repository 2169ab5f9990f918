/** The keys commands (generic commands on any key type), one file each. */
import type { CommandHandler } from '../command.ts';
import { copy } from './copy.ts';
import { dbsize } from './dbsize.ts';
import { del } from './del.ts';
import { exists } from './exists.ts';
import { expire } from './expire.ts';
import { expireat } from './expireat.ts';
import { expiretime } from './expiretime.ts';
import { flushall } from './flushall.ts';
import { flushdb } from './flushdb.ts';
import { keys } from './keys.ts';
import { move } from './move.ts';
import { objectEncodingCommand } from './object-encoding.ts';
import { objectFreq } from './object-freq.ts';
import { objectHelp } from './object-help.ts';
import { objectRefcount } from './object-refcount.ts';
import { persist } from './persist.ts';
import { pexpire } from './pexpire.ts';
import { pexpireat } from './pexpireat.ts';
import { pexpiretime } from './pexpiretime.ts';
import { pttl } from './pttl.ts';
import { randomkey } from './randomkey.ts';
import { rename } from './rename.ts';
import { renamenx } from './renamenx.ts';
import { scan } from './scan.ts';
import { touch } from './touch.ts';
import { ttl } from './ttl.ts';
import { type } from './type.ts';
import { unlink } from './unlink.ts';

export const COMMANDS: CommandHandler<any>[] = [
  copy, dbsize, del, exists, expire, expireat, expiretime, flushall, flushdb, keys, move,
  objectEncodingCommand, objectFreq, objectHelp, objectRefcount, persist, pexpire, pexpireat,
  pexpiretime, pttl, randomkey, rename, renamenx, scan, touch, ttl, type, unlink,
];
