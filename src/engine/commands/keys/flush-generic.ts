/**
 * The option of FLUSHDB and FLUSHALL: nothing, SYNC or ASYNC (the lab frees memory at once
 * either way); anything else is a syntax error. Counterpart in Redis: `getFlushCommandFlags`
 * (db.c).
 */
import type { Bytes } from '../../types.ts';
import { Errors, ReplyError } from '../command.ts';

export function parseFlushOption(argv: Bytes[]): 'default' | 'sync' | 'async' {
  if (argv.length === 1) return 'default';
  if (argv.length === 2 && argv[1].toLowerCase() === 'sync') return 'sync';
  if (argv.length === 2 && argv[1].toLowerCase() === 'async') return 'async';
  throw new ReplyError(Errors.syntax);
}
