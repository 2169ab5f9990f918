/**
 * OBJECT FREQ key — the LFU access counter, which exists only under an LFU maxmemory policy;
 * the lab never runs one, so an existing key gets Redis's error. Nil for a missing key.
 * Counterpart in Redis: `objectCommand` (object.c).
 */
import { NIL } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { lookupRead } from '../../server/keyspace.ts';

export const objectFreq = defineCommand({
  name: 'object|freq',
  parse(argv) {
    return { key: argv[2] };
  },
  apply(ctx, { key }) {
    if (!lookupRead(ctx, key)) return NIL;
    throw new ReplyError(
      'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
    );
  },
});
