/**
 * The configuration of a server: every directive Redis 7.0 knows, its value, and the rules for
 * setting it from redis.conf, from the command line and from CONFIG SET.
 *
 * Counterpart in Redis: config.c (`standardConfig`, `loadServerConfigFromString`,
 * `configSetCommand`, `configGetCommand`). Values are kept in the canonical text form that
 * CONFIG GET prints (`appendonly` → `no`, `save` → `3600 1 300 100 60 10000`), with typed
 * accessors for the engine. Errors are Redis's texts, without the surrounding report.
 */
import { DIRECTIVES, type DirectiveSpec } from './directives.ts';

/** Where a value comes from: CONFIG SET refuses immutable directives, the file does not. */
export type ConfigSource = 'file' | 'set';

export class ServerConfig {
  private readonly values = new Map<string, string>();
  /** Directives given explicitly in the file or on the command line (CONFIG REWRITE keeps them). */
  readonly explicit = new Set<string>();

  constructor() {
    for (const spec of DIRECTIVES) this.values.set(spec.name, spec.default);
  }

  /** The spec for a name or alias, case-insensitively. */
  static lookup(name: string): DirectiveSpec | undefined {
    return BY_NAME.get(name.toLowerCase());
  }

  /** The canonical value of a directive (by name or alias). */
  get(name: string): string {
    const spec = ServerConfig.lookup(name);
    if (!spec) throw new Error(`unknown config ${name}`);
    return this.values.get(spec.name)!;
  }

  int(name: string): number {
    return Number(this.get(name));
  }

  bool(name: string): boolean {
    return this.get(name) === 'yes';
  }

  /**
   * Sets a directive from already split arguments (the directive's words after its name).
   * Returns null on success, or Redis's error text ("argument must be 'yes' or 'no'").
   */
  set(name: string, args: string[], source: ConfigSource): string | null {
    const spec = ServerConfig.lookup(name);
    if (!spec) return 'Bad directive or wrong number of arguments';
    if (source === 'set' && spec.immutable) return "can't set immutable config";
    const parsed = spec.parse(args, this);
    if (typeof parsed !== 'string') return parsed.error;
    this.values.set(spec.name, parsed);
    if (source === 'file') this.explicit.add(spec.name);
    return null;
  }

  /** `CONFIG GET pattern`: name/value pairs whose names (or aliases) match the glob. */
  match(pattern: (name: string) => boolean): [string, string][] {
    const out: [string, string][] = [];
    for (const spec of DIRECTIVES) {
      if (spec.hidden) continue;
      if (pattern(spec.name)) out.push([spec.name, this.values.get(spec.name)!]);
      if (spec.alias && pattern(spec.alias)) out.push([spec.alias, this.values.get(spec.name)!]);
    }
    return out;
  }
}

const BY_NAME = new Map<string, DirectiveSpec>();
for (const spec of DIRECTIVES) {
  BY_NAME.set(spec.name, spec);
  if (spec.alias) BY_NAME.set(spec.alias, spec);
}
