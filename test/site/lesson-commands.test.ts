// Goal: every lesson in content/lessons is well formed for the lab, whoever wrote it — its
// frontmatter parses with the lesson schema (a page with a scenario has order and summary too),
// every goal check is one of output/event/primary/command with a regex that compiles, and every
// `<Run cmd="…">` command parses in the lab's shell without a syntax error and names only
// programs the lab's terminal knows. Method: read each .mdx, load its YAML frontmatter with
// js-yaml, check it with the schema the site build uses (lessonFields), and feed each Run
// command to the shell's own parser (src/shell/parse.ts), walking the parsed commands for the
// name each simple command runs. New lessons are picked up without editing this file.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CHECK_KINDS, lessonComplete, lessonFields, normalizeGoals, regexError } from '../../src/components/lab/lesson-schema.ts';
import { Parser, ShellSyntaxError, type Word } from '../../src/shell/parse.ts';
import { toBytes, fromBytes } from '../../src/shell/streams.ts';
import { BUILTINS } from '../../src/shell/commands/builtins.ts';
import { PROGRAMS } from '../../src/shell/commands/programs.ts';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const DIR = fileURLToPath(new URL('../../content/lessons/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.mdx')).sort();

/** What the lab's terminal runs: the shell's builtins and programs, and the terminal's own (src/terminal/programs.ts). */
const KNOWN = new Set([...Object.keys(BUILTINS), ...Object.keys(PROGRAMS), 'clear', 'help', 'edit']);

function split(source: string): { frontmatter: unknown; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!m) return { frontmatter: undefined, body: source };
  return { frontmatter: yaml.load(m[1]), body: m[2] };
}

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", '#39': "'" };

/** The `cmd` of every `<Run …>` of a lesson body, in page order (quoted attribute or `{"…"}` expression). */
export function runCommands(body: string): string[] {
  const out: string[] = [];
  // Attributes may hold `>` (a redirection in a command): match them whole, quoted or braced.
  for (const tag of body.matchAll(/<Run\b((?:\s+[A-Za-z]+(?:=(?:"[^"]*"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\}))?)*)\s*\/?>/g)) {
    const attrs = tag[1];
    const m = /\bcmd=(?:"([^"]*)"|'([^']*)'|\{\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`([^`]*)`)\s*\})/.exec(attrs);
    if (!m) {
      out.push(`<unreadable Run tag: ${tag[0]}>`);
      continue;
    }
    const raw = m[1] ?? m[2] ?? m[5] ?? (m[3] !== undefined ? JSON.parse(`"${m[3]}"`) : m[4]!.replace(/\\(.)/g, '$1'));
    out.push(m[1] !== undefined || m[2] !== undefined ? raw.replace(/&(quot|amp|lt|gt|apos|#39);/g, (_: string, e: string) => ENTITIES[e]) : raw);
  }
  return out;
}

/** The literal first word of every simple command in a parsed script (null where it is an expansion). */
function commandNames(node: unknown, out: Array<string | null>): Array<string | null> {
  if (Array.isArray(node)) {
    for (const n of node) commandNames(n, out);
    return out;
  }
  if (node === null || typeof node !== 'object') return out;
  const o = node as Record<string, unknown>;
  if (o.kind === 'simple') {
    const words = o.words as Word[];
    if (words.length > 0) {
      const first = words[0];
      out.push(first.every((p) => p.kind === 'lit') ? first.map((p) => (p as { text: string }).text).join('') : null);
    }
  }
  for (const [k, v] of Object.entries(o)) if (k !== 'words' && k !== 'assigns' && k !== 'redirects') commandNames(v, out);
  return out;
}

function parseLine(cmd: string): { error: string | null; names: Array<string | null> } {
  const parser = new Parser(toBytes(cmd));
  const names: Array<string | null> = [];
  try {
    for (;;) {
      const step = parser.next();
      if (step.kind === 'eof') break;
      commandNames(step.items, names);
    }
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { error: fromBytes(e.message), names };
    throw e;
  }
  return { error: null, names };
}

describe('the checker itself', () => {
  it('reads Run commands in every attribute form and refuses shell syntax errors', () => {
    expect(runCommands('<Run cmd="redis-cli -p 6379 PING" />\n<Run cmd=\'ls\' newTab />\n<Run cmd={"echo \\"hi\\""} />\n<Run cmd="echo \'port 6380\' >> a.conf" />')).toEqual(['redis-cli -p 6379 PING', 'ls', 'echo "hi"', "echo 'port 6380' >> a.conf"]);
    expect(parseLine('redis-cli -p 6379 PING && cat a | grep b').names).toEqual(['redis-cli', 'cat', 'grep']);
    expect(parseLine('echo "unterminated').error).not.toBeNull();
    expect(parseLine('ls )').error).toMatch(/syntax error/);
  });
});

describe.each(FILES)('%s', (file) => {
  const { frontmatter, body } = split(readFileSync(DIR + file, 'utf8'));

  it('has frontmatter the lesson schema accepts', () => {
    expect(frontmatter, 'a YAML frontmatter block').toBeTypeOf('object');
    const parsed = lessonFields.safeParse(frontmatter);
    expect(parsed.success ? '' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toBe('');
    if (parsed.success) expect(lessonComplete(parsed.data), 'a lesson with a scenario has order and summary').toBe(true);
  });

  it('has goal checks of one known kind, with regexes that compile', () => {
    const goals = normalizeGoals((frontmatter as { goals?: unknown } | undefined)?.goals ?? []);
    for (const g of goals) {
      if (!g.check) continue;
      expect(CHECK_KINDS).toContain(g.check.kind);
      if (g.check.kind === 'primary') expect(g.check.value, g.text).toMatch(/^[0-9]{1,5}$/);
      else expect(regexError(g.check.value), `${g.text}: /${g.check.value}/`).toBeNull();
    }
  });

  it('has Run commands the lab shell parses, naming programs it knows', () => {
    for (const cmd of runCommands(body)) {
      const { error, names } = parseLine(cmd);
      expect(error, `syntax error in: ${cmd}`).toBeNull();
      expect(names.length, `a command in: ${cmd}`).toBeGreaterThan(0);
      for (const name of names) {
        if (name === null) continue;
        expect(KNOWN.has(name), `"${name}" (in: ${cmd}) is not a program of the lab's shell`).toBe(true);
      }
    }
  });
});
