/**
 * What a command is: a name from Redis 7's command table, a `parse` step that checks syntax
 * only, and an `apply` step that runs it against the server and returns its reply.
 *
 * Counterpart in Redis: `struct redisCommand` (server.h) and each `*Command(client *c)`
 * function. Redis interleaves parsing and execution; splitting them (as mini-redis does) keeps
 * the syntax errors of a command in one place and lets MULTI check a command before queueing.
 * Both steps signal an error reply by throwing {@link ReplyError} with Redis's exact text.
 */
import type { Bytes } from '../types.ts';
import type { Reply } from '../resp/reply.ts';
import type { Client } from '../server/client.ts';
import type { RedisServer } from '../server/server.ts';
import type { Db } from '../server/db.ts';

/** An error reply raised from inside a command; `message` is the whole line (`ERR syntax error`). */
export class ReplyError extends Error {
  constructor(message: string) {
    super(message);
  }
}

/** The standard error texts of Redis's `shared` objects (server.c `createSharedObjects`). */
export const Errors = {
  syntax: 'ERR syntax error',
  notInteger: 'ERR value is not an integer or out of range',
  notFloat: 'ERR value is not a valid float',
  wrongType: 'WRONGTYPE Operation against a key holding the wrong kind of value',
  noSuchKey: 'ERR no such key',
  outOfRange: 'ERR index out of range',
  noAuth: 'NOAUTH Authentication required.',
  wrongPass: 'WRONGPASS invalid username-password pair or user is disabled.',
  readOnly: "READONLY You can't write against a read only replica.",
  noReplicas: 'NOREPLICAS Not enough good replicas to write.',
  oom: "OOM command not allowed when used memory > 'maxmemory'.",
  masterDown: "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
  loading: 'LOADING Redis is loading the dataset in memory',
  execAbort: 'EXECABORT Transaction discarded because of previous errors.',
  dbIndex: 'ERR DB index is out of range',
  overflow: 'ERR increment or decrement would overflow',
} as const;

/** Everything a command may touch while it runs. */
export interface CommandContext {
  server: RedisServer;
  client: Client;
  /** The client's selected database. */
  db: Db;
  nowMs: number;
}

/**
 * A reply that is not ready yet: the client is blocked (WAIT, DEBUG SLEEP …) and the server
 * will send the reply later. `blocked` describes what it waits for.
 */
export interface Blocked {
  type: 'blocked';
}

export type CommandResult = Reply | Blocked;

export interface CommandHandler<P = unknown> {
  /** Lower-case name as in the command table (`get`, `config|get` for a subcommand). */
  name: string;
  /** Checks syntax and converts arguments; `argv[0]` is the command name as typed. */
  parse(argv: Bytes[]): P;
  apply(ctx: CommandContext, args: P): CommandResult;
}

/** Declares a command; the generic ties `parse`'s result to `apply`'s argument. */
export function defineCommand<P>(handler: CommandHandler<P>): CommandHandler<P> {
  return handler;
}

/**
 * Reads an integer argument as `getLongLongFromObjectOrReply` does: decimal, no spaces, no
 * leading `+`, within the signed 64-bit range; otherwise the given error (Redis's default:
 * "value is not an integer or out of range").
 */
export function parseIntArg(arg: Bytes, message: string = Errors.notInteger): number {
  if (!/^-?[0-9]+$/.test(arg) || arg.length > 20 || (arg.length > 1 && /^-?0/.test(arg) && arg !== '0')) {
    throw new ReplyError(message);
  }
  const big = BigInt(arg);
  if (big > 9223372036854775807n || big < -9223372036854775808n) throw new ReplyError(message);
  return Number(arg);
}

/** Reads a float as `getLongDoubleFromObject` does (used by INCRBYFLOAT and friends). */
export function parseFloatArg(arg: Bytes, message: string = Errors.notFloat): number {
  if (arg.length === 0 || /^\s|\s$/.test(arg)) throw new ReplyError(message);
  const n = Number(arg);
  if (Number.isNaN(n) && !/^[+-]?(inf|infinity)$/i.test(arg)) throw new ReplyError(message);
  return n;
}

/** Case-insensitive comparison of an argument with an option keyword. */
export function isWord(arg: Bytes | undefined, word: string): boolean {
  return arg !== undefined && arg.toLowerCase() === word.toLowerCase();
}
