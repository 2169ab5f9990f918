/**
 * Every command the engine implements, by full name (`get`, `config|get`). A command present in
 * Redis's table but not here replies that the lab does not offer it.
 */
import type { CommandHandler } from './command.ts';
import { COMMANDS as connection } from './connection/index.ts';
import { COMMANDS as string } from './string/index.ts';
import { COMMANDS as keys } from './keys/index.ts';
import { COMMANDS as list } from './list/index.ts';
import { COMMANDS as hash } from './hash/index.ts';
import { COMMANDS as set } from './set/index.ts';
import { COMMANDS as transactions } from './transactions/index.ts';
import { COMMANDS as server } from './server/index.ts';
import { COMMANDS as pubsub } from './pubsub/index.ts';
import { COMMANDS as replication } from './replication/index.ts';

import { COMMANDS as sentinel } from './sentinel/index.ts';

const HANDLERS = new Map<string, CommandHandler<any>>();
const SENTINEL_HANDLERS = new Map<string, CommandHandler<any>>(sentinel.map((h) => [h.name, h]));
for (const group of [connection, string, keys, list, hash, set, transactions, server, pubsub, replication]) {
  for (const h of group) HANDLERS.set(h.name, h);
}

/**
 * The handler of a command by full name. In sentinel mode Sentinel's own versions come first
 * (SENTINEL, INFO, ROLE, PUBLISH, HELLO…, registered by commands/sentinel/), then the shared ones.
 */
export function lookupHandler(name: string, mode: 'standalone' | 'sentinel' = 'standalone'): CommandHandler<any> | undefined {
  if (mode === 'sentinel') return SENTINEL_HANDLERS.get(name) ?? HANDLERS.get(name);
  return HANDLERS.get(name);
}

export function implementedCommands(): string[] {
  return [...HANDLERS.keys()].sort();
}
