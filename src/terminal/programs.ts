/**
 * Programs only the browser terminal has, added to each tab's shell (`ShellOptions.programs`):
 * `clear`, `help` and `edit FILE`.
 *
 * Counterpart: ncurses' `clear` (it writes the terminal's clear sequence: home, erase screen,
 * erase scrollback), bash's `help` (here a summary of what the lab's shell offers), and a
 * full-screen editor such as nano (here a panel beside the terminal).
 */
import type { Program } from '../shell/process.ts';
import { fromBytes, toBytes } from '../shell/streams.ts';

/** What `edit` needs from the page: show the file, resolve with the saved text or null (closed unsaved). */
export type OpenEditor = (path: string, text: string, signal: { cancelled: Promise<never> }) => Promise<string | null>;

export const clear: Program = async (ctx) => {
  ctx.stdout.write('\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

export const HELP_TEXT = `Redis HA Lab shell: a small bash with Redis in it. Commands:

  redis-server FILE [--port N] [--replicaof HOST PORT] [--sentinel]   start a server
  redis-sentinel FILE                   start a sentinel
  redis-cli [-h HOST] [-p PORT] [-a PASSWORD] [CMD ...]
                                        talk to a server (interactive without CMD)
  ls, cat, cp, mv, rm, mkdir, touch     files on the lab's disk
  echo TEXT > FILE, >> FILE             write or append to a file
  edit FILE                             open FILE in the editor panel
  grep, head, tail [-f], wc             read files and logs
  sort, uniq, cut, tr, sed, seq         filter text: ... | sort -n | uniq -c
  ps, kill [-9|-STOP|-CONT] PID, jobs, wait
                                        processes; CMD & runs in the background
  sleep N, cd, pwd, export, clear, help, exit
  source FILE, read VAR, NAME() { ...; }, local, return
                                        scripts: also if/case/for/while, [[ ]],
                                        $( ), \`...\`, {1..3}, $(( ))

Keys: Tab completes, Up/Down walk the history, Ctrl+C stops the running command,
Ctrl+A/E/U/K/W edit the line, Ctrl+L clears the screen.
`;

export const help: Program = async (ctx) => {
  ctx.stdout.write(toBytes(HELP_TEXT));
  return 0;
};

/** `edit FILE`: opens the file (or a new one) in the page's editor and saves it to the disk. */
export function editProgram(open: OpenEditor): Program {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    if (args.length !== 1) {
      ctx.stderr.write('edit: usage: edit FILE\n');
      return 2;
    }
    const name = args[0];
    const path = ctx.resolve(name);
    const disk = ctx.host.disk;
    if (disk.isDirectory(path)) {
      ctx.stderr.write(`edit: ${name}: Is a directory\n`);
      return 1;
    }
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!disk.isDirectory(parent)) {
      ctx.stderr.write(`edit: ${name}: No such file or directory\n`);
      return 1;
    }
    const before = disk.read(path);
    // Rejects when the program is killed (Ctrl+C): the page closes the panel then.
    const cancelled = ctx.signals.killed();
    cancelled.catch(() => {});
    const saved = await ctx.signals.race(open(path, fromBytes(before ?? ''), { cancelled }));
    if (saved === null) {
      ctx.stdout.write(toBytes(`edit: ${name}: not saved\n`));
      return 0;
    }
    const bytes = toBytes(saved);
    disk.write(path, bytes);
    ctx.stdout.write(toBytes(`edit: ${name}: saved (${bytes.length} bytes)\n`));
    return 0;
  };
}
