/**
 * `redis-cli` as a program of the shell: its options, one-shot mode (a command on the command
 * line) and batch mode (no command and a standard input that is not a terminal: one command
 * per line, like the interactive prompt without prompts).
 *
 * Counterpart in Redis: `main`, `parseOptions`, `noninteractive` and `repl` in redis-cli.c.
 * The interactive prompt with line editing lives in the terminal (a later issue) and drives the
 * same {@link RedisCliSession}.
 */
import type { ProcCtx, Program } from '../process.ts';
import { lines, type Input } from '../streams.ts';
import { completions } from './help.ts';
import type { OutputMode } from './format.ts';
import { REDIS_CLI_VERSION } from './help.ts';
import { CliExit, RedisCliSession, type CliConfig } from './session.ts';

export interface ParsedCliArgs {
  config: CliConfig;
  /** The command to run (one-shot mode); empty for interactive or batch mode. */
  command: string[];
  /** Whether to print the `-a` warning (a password on the command line, no `--no-auth-warning`). */
  authWarning: boolean;
}

/** The options this lab's redis-cli understands; others get redis-cli's own refusal. */
export function parseCliArgs(args: string[], stdoutIsTty: boolean, env: Record<string, string>): ParsedCliArgs | { exit: number; stdout?: string; stderr?: string } {
  const config: CliConfig = {
    host: '127.0.0.1',
    port: 6379,
    auth: null,
    user: null,
    dbnum: 0,
    output: stdoutIsTty || env.FAKETTY !== undefined ? 'standard' : 'raw',
    repeat: 1,
    intervalMs: 0,
  };
  let noAuthWarning = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    const last = i === args.length - 1;
    const value = () => args[++i];
    if (a === '-h' && !last) config.host = value();
    else if (a === '-p' && !last) config.port = atoi(value());
    else if (a === '-n' && !last) config.dbnum = atoi(value());
    else if ((a === '-a' || a === '--pass') && !last) config.auth = value();
    else if (a === '--user' && !last) config.user = value();
    else if (a === '--no-auth-warning') noAuthWarning = true;
    else if (a === '--raw') config.output = 'raw';
    else if (a === '--no-raw') config.output = 'standard';
    else if (a === '-r' && !last) config.repeat = atoi(value());
    else if (a === '-i' && !last) config.intervalMs = (Number.parseFloat(value()) || 0) * 1000;
    else if (a === '-v' || a === '--version') return { exit: 0, stdout: `redis-cli ${REDIS_CLI_VERSION}\n` };
    else if ((a === '-h' && last) || a === '--help') return { exit: 0, stdout: usage() };
    else if (a === '-2' || a === '-c' || a === '-e' || a === '--verbose' || a === '--quoted-input') continue;
    else if (a.startsWith('-')) return { exit: 1, stderr: `Unrecognized option or bad number of args for: '${a}'\n` };
    else break;
  }
  const authWarning = !noAuthWarning && config.auth !== null;
  if (config.auth === null && env.REDISCLI_AUTH !== undefined) config.auth = env.REDISCLI_AUTH;
  return { config, command: args.slice(i), authWarning };
}

/** C's atoi: leading digits, 0 when none. */
function atoi(s: string | undefined): number {
  const m = /^\s*[-+]?\d+/.exec(s ?? '');
  return m ? Number.parseInt(m[0], 10) : 0;
}

function usage(): string {
  return (
    `redis-cli ${REDIS_CLI_VERSION}\n\n` +
    'Usage: redis-cli [OPTIONS] [cmd [arg [arg ...]]]\n' +
    '  -h <hostname>      Server hostname (default: 127.0.0.1).\n' +
    '  -p <port>          Server port (default: 6379).\n' +
    '  -a <password>      Password to use when connecting to the server.\n' +
    '                     You can also use the REDISCLI_AUTH environment\n' +
    '                     variable to pass this password more safely\n' +
    '                     (if both are used, this argument takes precedence).\n' +
    '  --user <username>  Used to send ACL style \'AUTH username pass\'. Needs -a.\n' +
    '  --pass <password>  Alias of -a for consistency with the new --user option.\n' +
    '  -r <repeat>        Execute specified command N times.\n' +
    '  -i <interval>      When -r is used, waits <interval> seconds per command.\n' +
    '                     It is possible to specify sub-second times like -i 0.1.\n' +
    '  -n <db>            Database number.\n' +
    '  --raw              Use raw formatting for replies (default when STDOUT is\n' +
    '                     not a tty).\n' +
    '  --no-raw           Force formatted output even when STDOUT is not a tty.\n' +
    '  --no-auth-warning  Don\'t show warning message when using password on command\n' +
    '                     line interface.\n' +
    '  --help             Output this help and exit.\n' +
    '  --version          Output version and exit.\n'
  );
}

/**
 * What starting the redis-cli process costs before it connects (fork, exec, dynamic linking):
 * about a millisecond on the reference machine, where a whole one-shot call took 5–8 ms. It
 * matters for what a server sees: the previous redis-cli's disconnection reaches it first, so a
 * new connection reuses the lowest file descriptor as it does with real processes.
 */
const PROCESS_START_MS = 1;

export const redisCli: Program = async (ctx: ProcCtx) => {
  await ctx.signals.race(ctx.host.sleep(PROCESS_START_MS));
  const parsed = parseCliArgs(ctx.argv.slice(1), ctx.stdout.isTty, ctx.env);
  if ('exit' in parsed) {
    if (parsed.stdout) ctx.stdout.write(parsed.stdout);
    if (parsed.stderr) ctx.stderr.write(parsed.stderr);
    return parsed.exit;
  }
  if (parsed.authWarning) {
    ctx.stderr.write("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.\n");
  }
  const session = new RedisCliSession(ctx.host, parsed.config, {
    out: (t) => ctx.stdout.write(t),
    err: (t) => ctx.stderr.write(t),
  });
  try {
    if (parsed.command.length > 0) {
      // One-shot: connect quietly; a refused connection is reported when the command is sent.
      await ctx.signals.race(session.connect({ quiet: true }));
      const ok = await ctx.signals.race(session.issueCommand(parsed.command));
      return ok ? 0 : 1;
    }
    return await batch(ctx, session);
  } catch (e) {
    if (e instanceof CliExit) return e.code;
    throw e;
  } finally {
    session.close();
  }
};

/** No command: read commands from standard input, one per line, until its end. */
async function batch(ctx: ProcCtx, session: RedisCliSession): Promise<number> {
  session.interactive = true;
  if (ctx.stdin.isTty && ctx.stdin.readLine) return interactive(ctx, session, ctx.stdin);
  let exitOnInterrupt: ((code: number) => void) | null = null;
  const interrupted = new Promise<number>((resolve) => (exitOnInterrupt = resolve));
  // redis-cli's SIGINT handler: out of SUBSCRIBE/MONITOR back to reading; otherwise exit(1).
  ctx.signals.handle((sig) => {
    if (sig !== 'INT') return false;
    if (!session.interrupt()) exitOnInterrupt?.(1);
    return true;
  });
  const run = async (): Promise<number> => {
    await session.connect();
    await session.initHelp();
    for await (const { line } of lines(ctx.stdin)) await session.runLine(line.replace(/\r$/, ''));
    return 0;
  };
  return ctx.signals.race(Promise.race([run(), interrupted]));
}

/**
 * The interactive prompt on a terminal with a line editor (`repl()` in redis-cli.c): one line
 * at a time with the session's prompt, hints and completions; Ctrl+C or Ctrl+D at the prompt
 * ends redis-cli (linenoise returns NULL), Ctrl+C during SUBSCRIBE/MONITOR returns to it, and
 * during any other command ends redis-cli as its default SIGINT action does.
 */
async function interactive(ctx: ProcCtx, session: RedisCliSession, tty: Input): Promise<number> {
  let exitOnInterrupt: ((code: number) => void) | null = null;
  const interrupted = new Promise<number>((resolve) => (exitOnInterrupt = resolve));
  ctx.signals.handle((sig) => {
    if (sig !== 'INT') return false;
    if (!session.interrupt()) exitOnInterrupt?.(1);
    return true;
  });
  const run = async (): Promise<number> => {
    await session.connect();
    await session.initHelp();
    for (;;) {
      const line = await tty.readLine!({
        prompt: session.prompt(),
        hint: (l) => session.hint(l),
        complete: (l) => completions(l),
        history: 'redis-cli',
        remember: (l) => !isSensitive(l),
      });
      if (line === null) return 0;
      await session.runLine(line);
    }
  };
  return ctx.signals.race(Promise.race([run(), interrupted]));
}

/** Lines redis-cli keeps out of its history (`isSensitiveCommand`): AUTH, passwords in CONFIG SET, … */
function isSensitive(line: string): boolean {
  const argv = line.trim().split(/\s+/).map((a) => a.toLowerCase());
  if (argv.length > 1 && /^[-+]?\d+$/.test(argv[0])) argv.shift();
  const [a, b, c] = argv;
  if (a === 'auth') return true;
  if (a === 'acl' && b === 'setuser') return true;
  if (a === 'config' && b === 'set' && (c === 'masterauth' || c === 'masteruser' || c === 'requirepass')) return true;
  if (a === 'hello' && argv.includes('auth')) return true;
  return false;
}

export type { OutputMode };
