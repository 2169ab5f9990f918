/** The hash commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { hdel } from './hdel.ts';
import { hexists } from './hexists.ts';
import { hget } from './hget.ts';
import { hgetall } from './hgetall.ts';
import { hincrby } from './hincrby.ts';
import { hincrbyfloat } from './hincrbyfloat.ts';
import { hkeys } from './hkeys.ts';
import { hlen } from './hlen.ts';
import { hmget } from './hmget.ts';
import { hmset } from './hmset.ts';
import { hset } from './hset.ts';
import { hsetnx } from './hsetnx.ts';
import { hstrlen } from './hstrlen.ts';
import { hvals } from './hvals.ts';

export const COMMANDS: CommandHandler<any>[] = [
  hdel, hexists, hget, hgetall, hincrby, hincrbyfloat, hkeys, hlen, hmget, hmset, hset, hsetnx, hstrlen, hvals,
];
