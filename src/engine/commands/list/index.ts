/** The list commands, one file each (Redis 7.0 stores every list as a quicklist). */
import type { CommandHandler } from '../command.ts';
import { lindex } from './lindex.ts';
import { linsert } from './linsert.ts';
import { llen } from './llen.ts';
import { lpop } from './lpop.ts';
import { lpos } from './lpos.ts';
import { lpush } from './lpush.ts';
import { lpushx } from './lpushx.ts';
import { lrange } from './lrange.ts';
import { lrem } from './lrem.ts';
import { lset } from './lset.ts';
import { ltrim } from './ltrim.ts';
import { rpop } from './rpop.ts';
import { rpush } from './rpush.ts';
import { rpushx } from './rpushx.ts';

export const COMMANDS: CommandHandler<any>[] = [
  lindex, linsert, llen, lpop, lpos, lpush, lpushx, lrange, lrem, lset, ltrim, rpop, rpush, rpushx,
];
