/** The string commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { append } from './append.ts';
import { decr } from './decr.ts';
import { decrby } from './decrby.ts';
import { get } from './get.ts';
import { getdel } from './getdel.ts';
import { getex } from './getex.ts';
import { getrange } from './getrange.ts';
import { getset } from './getset.ts';
import { incr } from './incr.ts';
import { incrby } from './incrby.ts';
import { incrbyfloat } from './incrbyfloat.ts';
import { mget } from './mget.ts';
import { mset } from './mset.ts';
import { msetnx } from './msetnx.ts';
import { psetex } from './psetex.ts';
import { set } from './set.ts';
import { setex } from './setex.ts';
import { setnx } from './setnx.ts';
import { setrange } from './setrange.ts';
import { strlen } from './strlen.ts';

export const COMMANDS: CommandHandler<any>[] = [
  append, decr, decrby, get, getdel, getex, getrange, getset, incr, incrby, incrbyfloat,
  mget, mset, msetnx, psetex, set, setex, setnx, setrange, strlen,
];
