/**
 * COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN glob] — the full names of
 * every command and subcommand (parents before their subcommands), optionally filtered.
 * Counterpart in Redis: `commandListCommand` / `shouldFilterFromCommandList` (server.c). The
 * lab loads no modules, so a MODULE filter matches nothing.
 */
import type { Bytes } from '../../types.ts';
import type { CommandMeta } from '../table.ts';
import { bulks, type Reply } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';
import { globMatch } from '../../util/glob.ts';

type Filter = { type: 'none' } | { type: 'module' | 'aclcat' | 'pattern'; arg: Bytes };

function categories(meta: CommandMeta): string[] {
  const info: Reply = meta.info;
  const cats = info.type === 'array' && info.value ? info.value[6] : undefined;
  if (!cats || cats.type !== 'array' || !cats.value) return [];
  return cats.value.map((r) => (r.type === 'simple' || r.type === 'bulk' ? (r.value ?? '').toLowerCase() : ''));
}

function keep(meta: CommandMeta, f: Filter): boolean {
  switch (f.type) {
    case 'none':
      return true;
    case 'module':
      return false;
    case 'aclcat':
      return categories(meta).includes('@' + f.arg.toLowerCase());
    case 'pattern':
      return globMatch(f.arg, meta.name, true);
  }
}

export const commandList = defineCommand({
  name: 'command|list',
  parse(argv): Filter {
    let filter: Filter = { type: 'none' };
    for (let i = 2; i < argv.length; i++) {
      const more = argv.length - 1 - i;
      if (argv[i].toLowerCase() === 'filterby' && more === 2) {
        const t = argv[i + 1].toLowerCase();
        if (t !== 'module' && t !== 'aclcat' && t !== 'pattern') throw new ReplyError(Errors.syntax);
        filter = { type: t, arg: argv[i + 2] };
        i += 2;
      } else {
        throw new ReplyError(Errors.syntax);
      }
    }
    return filter;
  },
  apply({ server }, filter) {
    const names: string[] = [];
    for (const meta of server.commands.all()) {
      if (keep(meta, filter)) names.push(meta.name);
      for (const sub of meta.subcommands?.values() ?? []) if (keep(sub, filter)) names.push(sub.name);
    }
    return bulks(names);
  },
});
