/**
 * Looking a command up by its full name as COMMAND INFO and COMMAND DOCS accept it: `get`, or
 * `config|get` for a subcommand, case-insensitively.
 * Counterpart in Redis: server.c `lookupCommandBySds` (splits the name on `|`).
 */
import type { Bytes } from '../../types.ts';
import type { CommandMeta, CommandTable } from '../table.ts';

export function lookupByFullName(table: CommandTable, name: Bytes): CommandMeta | undefined {
  const parts = name.toLowerCase().split('|');
  if (parts.length > 2) return undefined;
  const base = table.get(parts[0]);
  if (!base || parts.length === 1) return base;
  return base.subcommands?.get(parts[1]);
}
