/**
 * COMMAND GETKEYS command [arg …] / COMMAND GETKEYSANDFLAGS — which arguments of a full
 * command line are keys (with their access flags for the second form), found through the key
 * specs of the command table.
 * Counterpart in Redis: `getKeysSubcommandImpl` (server.c). Commands whose keys Redis finds
 * with a custom function only (SORT's BY/GET patterns, MIGRATE's KEYS …) are not modelled
 * beyond their key specs.
 */
import type { Bytes } from '../../types.ts';
import type { RedisServer } from '../../server/server.ts';
import { array, bulk, simple, type Reply } from '../../resp/reply.ts';
import { defineCommand, ReplyError } from '../command.ts';
import { hasKeys, keyPositions, type KeyRef } from './key-specs.ts';

function getKeys(server: RedisServer, line: Bytes[]): KeyRef[] {
  const meta = server.lookupCommand(line);
  if (!meta) throw new ReplyError('ERR Invalid command specified');
  if (!hasKeys(meta)) throw new ReplyError('ERR The command has no key arguments');
  if ((meta.arity > 0 && meta.arity !== line.length) || line.length < -meta.arity) {
    throw new ReplyError('ERR Invalid number of arguments specified for command');
  }
  const keys = keyPositions(meta, line) ?? [];
  if (keys.length === 0 && !meta.flags.has('no_mandatory_keys')) throw new ReplyError('ERR Invalid arguments specified for command');
  return keys;
}

export const commandGetkeys = defineCommand({
  name: 'command|getkeys',
  parse(argv) {
    return { line: argv.slice(2) as Bytes[] };
  },
  apply({ server }, { line }) {
    return array(getKeys(server, line).map((k): Reply => bulk(line[k.pos])));
  },
});

export const commandGetkeysandflags = defineCommand({
  name: 'command|getkeysandflags',
  parse(argv) {
    return { line: argv.slice(2) as Bytes[] };
  },
  apply({ server }, { line }) {
    return array(getKeys(server, line).map((k): Reply => array([bulk(line[k.pos]), array(k.flags.map(simple))])));
  },
});
