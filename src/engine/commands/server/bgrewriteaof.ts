/**
 * BGREWRITEAOF — rewrites the append-only file in a (modelled) child process.
 * Counterpart in Redis: `bgrewriteaofCommand` (aof.c); the work is
 * `persistence.bgrewriteaof()`.
 */
import { simple } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const bgrewriteaof = defineCommand({
  name: 'bgrewriteaof',
  parse() {
    return {};
  },
  apply({ server }) {
    return simple(server.persistence.bgrewriteaof());
  },
});
