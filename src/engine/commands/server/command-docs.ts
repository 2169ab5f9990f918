/**
 * COMMAND DOCS [name …] — a map from command name to its documentation (summary, since,
 * group, complexity, history, arguments, subcommands), as recorded from Redis 7.0.15; unknown
 * names are left out; no names means every command. redis-cli reads it for its hints.
 * Counterpart in Redis: `commandDocsCommand` (server.c).
 */
import type { Bytes } from '../../types.ts';
import type { CommandTable } from '../table.ts';
import { array, bulk, type Reply } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { lookupByFullName } from './command-lookup.ts';

/** The docs of a command or (from its parent's `subcommands` map) a subcommand. */
function docsOf(table: CommandTable, fullName: string): Reply | undefined {
  const [base, sub] = fullName.split('|');
  const docs = table.docs(base);
  if (sub === undefined || !docs || docs.type !== 'array' || !docs.value) return docs;
  const fields = docs.value;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const f = fields[i];
    if (f.type !== 'bulk' || f.value !== 'subcommands') continue;
    const subs = fields[i + 1];
    if (subs.type !== 'array' || !subs.value) return undefined;
    for (let j = 0; j + 1 < subs.value.length; j += 2) {
      const n = subs.value[j];
      if (n.type === 'bulk' && n.value === fullName) return subs.value[j + 1];
    }
  }
  return undefined;
}

export const commandDocs = defineCommand({
  name: 'command|docs',
  parse(argv) {
    return { names: argv.slice(2) as Bytes[] };
  },
  apply({ server }, { names }) {
    const out: Reply[] = [];
    const metas = names.length ? names.map((n) => lookupByFullName(server.commands, n)) : [...server.commands.all()];
    for (const meta of metas) {
      if (!meta) continue;
      const docs = docsOf(server.commands, meta.name);
      if (docs) out.push(bulk(meta.name), docs);
    }
    return array(out);
  },
});
