/**
 * redis-cli's built-in help: `HELP cmd`, `HELP @group`, bare `HELP`, and the grey hints shown
 * after the cursor while typing (7.0 rules). Both work without a connection.
 *
 * Counterpart in Redis: `cliOutputHelp`, `cliOutputCommandHelp`, `cliOutputGenericHelp` and
 * `hintsCallback` in redis-cli.c; the entries come from redis-cli 7.0's table
 * (src/engine/commands/help.generated.ts).
 */
import { HELP, type HelpEntry } from '../../engine/commands/help.generated.ts';
import { splitArgs } from '../../engine/util/split-args.ts';

export const REDIS_CLI_VERSION = '7.0.15';

interface Entry {
  org: HelpEntry;
  argv: string[];
}

const ENTRIES: Entry[] = HELP.map((org) => ({ org, argv: org.name.split(' ') })).sort((a, b) => {
  const x = a.org.name.toLowerCase();
  const y = b.org.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
});

function commandHelp(e: HelpEntry, withGroup: boolean): string {
  let out = `\r\n  \x1b[1m${e.name}\x1b[0m \x1b[90m${e.params}\x1b[0m\r\n`;
  out += `  \x1b[33msummary:\x1b[0m ${e.summary}\r\n`;
  if (e.since) out += `  \x1b[33msince:\x1b[0m ${e.since}\r\n`;
  if (withGroup) out += `  \x1b[33mgroup:\x1b[0m ${e.group}\r\n`;
  return out;
}

/** What `HELP args…` prints (args after the word HELP). */
export function helpText(args: string[]): string {
  if (args.length === 0) {
    return (
      `redis-cli ${REDIS_CLI_VERSION}\n` +
      'To get help about Redis commands type:\n' +
      '      "help @<group>" to get a list of commands in <group>\n' +
      '      "help <command>" for help on <command>\n' +
      '      "help <tab>" to get a list of possible help topics\n' +
      '      "quit" to exit\n' +
      '\n' +
      'To set redis-cli preferences:\n' +
      '      ":set hints" enable online hints\n' +
      '      ":set nohints" disable online hints\n' +
      'Set your preferences in ~/.redisclirc\n'
    );
  }
  let out = '';
  const group = args[0].startsWith('@') ? args[0].slice(1).toLowerCase() : null;
  for (const e of ENTRIES) {
    if (group === null) {
      if (args.length <= e.argv.length && args.every((a, j) => a.toLowerCase() === e.argv[j].toLowerCase())) out += commandHelp(e.org, true);
    } else if (e.org.group.toLowerCase() === group) out += commandHelp(e.org, false);
  }
  return out + '\r\n';
}

/**
 * The hint redis-cli shows after what is typed so far: null when none (nothing typed, an
 * unknown command, a partial word), otherwise the text to draw in grey after the cursor —
 * possibly empty, or a lone space. Arguments already typed are dropped from the front of the
 * hint until the first optional `[` part, which stays (7.0 behaviour).
 */
export function hintFor(line: string): string | null {
  const argv = splitArgs(line);
  if (argv === null || argv.length === 0) return null;
  const endSpace = line.length > 0 && /\s$/.test(line);
  let best: Entry | null = null;
  let matchLen = 0;
  for (const e of ENTRIES) {
    if (e.argv.length > argv.length) continue;
    if (e.argv.every((w, j) => w.toLowerCase() === argv[j].toLowerCase()) && e.argv.length > matchLen) {
      matchLen = e.argv.length;
      best = e;
    }
  }
  if (!best) return null;
  let hint = best.org.params;
  let toRemove = argv.length - matchLen;
  while (toRemove > 0 && hint.length > 0) {
    if (hint[0] === '[') break;
    if (hint[0] === ' ') toRemove--;
    hint = hint.slice(1);
  }
  return endSpace ? hint : ' ' + hint;
}

/** Command names for tab completion of the current line (`completionCallback`). */
export function completions(line: string): string[] {
  let start = 0;
  let groups = false;
  if (line.toLowerCase().startsWith('help ')) {
    start = 5;
    while (/\s/.test(line[start] ?? '')) start++;
    groups = true;
  }
  const typed = line.slice(start).toLowerCase();
  const names = ENTRIES.map((e) => e.org.name);
  if (groups) names.push(...[...new Set(HELP.map((e) => `@${e.group}`))].sort());
  return names.filter((n) => n.toLowerCase().startsWith(typed)).map((n) => line.slice(0, start) + n);
}
