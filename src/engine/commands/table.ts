/**
 * Redis 7.0's command table: arity, flags and key positions of every command and subcommand,
 * read from the replies a real server gave to COMMAND (see table.generated.ts).
 *
 * Counterpart in Redis: `redisCommandTable` (commands.c, generated from src/commands/*.json)
 * and `lookupCommand`. Arity follows Redis: N means exactly N words including the name, -N at
 * least N. A container command (CONFIG, CLIENT, DEBUG's siblings…) has subcommands whose full
 * name is `container|sub`.
 */
import { ReplyParser } from '../resp/reply-parser.ts';
import type { Reply } from '../resp/reply.ts';
import { SENTINEL_COMMAND_DOCS, SENTINEL_COMMAND_INFO, SERVER_COMMAND_DOCS, SERVER_COMMAND_INFO } from './table.generated.ts';

export interface CommandMeta {
  /** Full lower-case name: `get`, `config|get`. */
  name: string;
  arity: number;
  flags: ReadonlySet<string>;
  firstKey: number;
  lastKey: number;
  step: number;
  subcommands: ReadonlyMap<string, CommandMeta> | null;
  /** The exact COMMAND INFO reply element for this command. */
  info: Reply;
}

export type CommandTableKind = 'server' | 'sentinel';

function decode(resp: string): Reply {
  const p = new ReplyParser();
  p.push(resp);
  return p.next()!;
}

const text = (r: Reply): string => (r.type === 'bulk' || r.type === 'simple' ? (r.value ?? '') : '');
const num = (r: Reply): number => (r.type === 'integer' ? r.value : 0);
const items = (r: Reply): Reply[] => (r.type === 'array' && r.value ? r.value : []);

function toMeta(info: Reply): CommandMeta {
  const f = items(info);
  const subs = items(f[9] ?? { type: 'array', value: [] });
  return {
    name: text(f[0]),
    arity: num(f[1]),
    flags: new Set(items(f[2]).map(text)),
    firstKey: num(f[3]),
    lastKey: num(f[4]),
    step: num(f[5]),
    subcommands: subs.length ? new Map(subs.map((s) => { const m = toMeta(s); return [m.name.split('|')[1], m]; })) : null,
    info,
  };
}

export class CommandTable {
  private readonly metas = new Map<string, CommandMeta>();
  readonly kind: CommandTableKind;

  constructor(kind: CommandTableKind) {
    this.kind = kind;
    const src = kind === 'server' ? SERVER_COMMAND_INFO : SENTINEL_COMMAND_INFO;
    for (const [name, resp] of Object.entries(src)) this.metas.set(name, toMeta(decode(resp)));
  }

  /** Looks a command up by its first word, case-insensitively. */
  get(name: string): CommandMeta | undefined {
    return this.metas.get(name.toLowerCase());
  }

  get size(): number {
    return this.metas.size;
  }

  all(): IterableIterator<CommandMeta> {
    return this.metas.values();
  }

  /** The exact COMMAND DOCS reply element (a flat map) for a top-level command. */
  docs(name: string): Reply | undefined {
    const src = this.kind === 'server' ? SERVER_COMMAND_DOCS : SENTINEL_COMMAND_DOCS;
    const resp = src[name.toLowerCase()];
    return resp === undefined ? undefined : decode(resp);
  }
}

let serverTable: CommandTable | null = null;
let sentinelTable: CommandTable | null = null;

/** The shared, lazily decoded table for a mode. */
export function commandTable(kind: CommandTableKind): CommandTable {
  if (kind === 'server') return (serverTable ??= new CommandTable('server'));
  return (sentinelTable ??= new CommandTable('sentinel'));
}
