/**
 * redis-cli's core, without a terminal: the connection (connect, AUTH, SELECT, reconnect),
 * sending a command and printing its reply, pub/sub and MONITOR streaming, the prompt, and
 * the handling of one typed line (quoting errors, `HELP`, repeat counts, `(1.06s)` timings).
 * One-shot mode, batch mode (commands read from a non-terminal stdin) and the terminal's
 * interactive mode all drive this class.
 *
 * Counterpart in Redis: redis-cli.c — `cliConnect`, `cliAuth`, `cliSelect`, `cliSendCommand`,
 * `cliReadReply`, `issueCommandRepeat`, `cliRefreshPrompt` and the body of `repl()`.
 */
import type { Reply } from '../../engine/resp/reply.ts';
import { encodeCommand } from '../../engine/resp/reply.ts';
import { ReplyParser } from '../../engine/resp/reply-parser.ts';
import { splitArgs } from '../../engine/util/split-args.ts';
import type { ClientConnection, ShellHost } from '../host.ts';
import { formatElapsed, formatReply, printsVerbatim, type OutputMode } from './format.ts';
import { helpText, hintFor } from './help.ts';

export interface CliConfig {
  host: string;
  port: number;
  /** `-a` / `--pass` / REDISCLI_AUTH. */
  auth: string | null;
  user: string | null;
  /** `-n`: the database to SELECT after connecting. */
  dbnum: number;
  output: OutputMode;
  /** `-r`: how many times to run the command (negative: forever). */
  repeat: number;
  /** `-i`: pause between repeats, ms. */
  intervalMs: number;
}

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Thrown when redis-cli would call exit(): the program ends with this status. */
export class CliExit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`redis-cli exit ${code}`);
    this.code = code;
  }
}

const CONNECT_ERRORS: Record<string, string> = {
  refused: 'Connection refused',
  timeout: 'Connection timed out',
  unreachable: 'No route to host',
};

/** A connection with a reply reader: hiredis's `redisContext`. */
class Conn {
  private parser = new ReplyParser();
  private replies: Reply[] = [];
  private waiter: (() => void) | null = null;
  /** Set once the peer closed (`Server closed the connection`) or the read was aborted. */
  eof = false;
  aborted = false;
  protocolError: string | null = null;
  link!: ClientConnection;

  static async open(host: ShellHost, h: string, p: number): Promise<Conn> {
    const conn = new Conn();
    conn.link = await host.connect(h, p, {
      onData: (bytes) => conn.onData(bytes),
      onClose: () => {
        conn.eof = true;
        conn.wake();
      },
    });
    return conn;
  }

  private onData(bytes: string): void {
    this.parser.push(bytes);
    try {
      for (let r = this.parser.next(); r !== null; r = this.parser.next()) this.replies.push(r);
    } catch (e) {
      this.protocolError = e instanceof Error ? e.message : String(e);
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  send(argv: readonly string[]): void {
    if (!this.eof) this.link.send(encodeCommand(argv));
  }

  /** The next reply; null when the connection ended first (or the read was aborted). */
  async read(): Promise<Reply | null> {
    for (;;) {
      if (this.aborted) return null;
      if (this.replies.length > 0) return this.replies.shift()!;
      if (this.eof || this.protocolError !== null) return null;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** Ends a pending read (Ctrl-C out of SUBSCRIBE or MONITOR). */
  abort(): void {
    this.aborted = true;
    this.wake();
  }

  close(): void {
    this.link.close();
    this.eof = true;
    this.wake();
  }
}

export class RedisCliSession {
  readonly config: CliConfig;
  private readonly host: ShellHost;
  private readonly io: CliOutput;
  private conn: Conn | null = null;
  /** The database the connection is on (the prompt's `[1]`). */
  private dbnum = 0;
  private inMulti = false;
  private preMultiDb = 0;
  /** Interactive or batch mode (`config.interactive` in redis-cli.c). */
  interactive = false;
  private streaming = false;
  private abortedStream = false;
  private shutdownSent = false;

  /** Set by {@link close}: redis-cli has exited, whatever was still running prints nothing. */
  private exited = false;

  constructor(host: ShellHost, config: CliConfig, io: CliOutput) {
    this.host = host;
    this.config = config;
    this.io = {
      out: (t) => {
        if (!this.exited) io.out(t);
      },
      err: (t) => {
        if (!this.exited) io.err(t);
      },
    };
  }

  get connected(): boolean {
    return this.conn !== null;
  }

  /** The prompt: `127.0.0.1:6379> `, `127.0.0.1:6379[1](TX)> `, or `not connected> `. */
  prompt(): string {
    if (!this.conn) return 'not connected> ';
    const host = this.config.host.includes(':') ? `[${this.config.host}]` : this.config.host;
    return `${host}:${this.config.port}${this.dbnum !== 0 ? `[${this.dbnum}]` : ''}${this.inMulti ? '(TX)' : ''}> `;
  }

  /** The grey hint for the line being typed (see {@link hintFor}). */
  hint(line: string): string | null {
    return hintFor(line);
  }

  /**
   * Connects (again, with `force`), then AUTH and SELECT as configured. Prints `Could not
   * connect to Redis at …` unless `quiet`. False when any step failed (the connection may
   * still be open after a failed AUTH, as in redis-cli).
   */
  async connect(opts: { force?: boolean; quiet?: boolean } = {}): Promise<boolean> {
    if (this.conn && !opts.force) return true;
    if (this.conn) {
      this.conn.close();
      this.conn = null;
      this.dbnum = 0;
      this.inMulti = false;
    }
    try {
      this.conn = await Conn.open(this.host, this.config.host, this.config.port);
    } catch (e) {
      const code = e instanceof Error ? e.message : String(e);
      if (!opts.quiet) this.io.err(`Could not connect to Redis at ${this.config.host}:${this.config.port}: ${CONNECT_ERRORS[code] ?? code}\n`);
      this.conn = null;
      return false;
    }
    if (this.config.auth !== null) {
      const argv = this.config.user !== null ? ['AUTH', this.config.user, this.config.auth] : ['AUTH', this.config.auth];
      const reply = await this.call(argv);
      if (reply === null) {
        this.io.err('\nI/O error\n');
        return false;
      }
      if (reply.type === 'error') {
        this.io.err(`AUTH failed: ${reply.value}\n`);
        return false;
      }
    }
    return this.select();
  }

  /**
   * What `cliInitHelp` does when the prompt loop starts (interactive and batch mode): connect
   * quietly if not connected, then send COMMAND DOCS (for HELP). The reply is not used (the
   * lab's help comes from the command table) but the server sees and counts the command, as
   * INFO commandstats and MONITOR show.
   */
  async initHelp(): Promise<void> {
    if (!this.conn && !(await this.connect({ quiet: true }))) return;
    await this.call(['COMMAND', 'DOCS']);
  }

  private async select(): Promise<boolean> {
    if (this.config.dbnum === this.dbnum || !this.conn) return true;
    const reply = await this.call(['SELECT', String(this.config.dbnum)]);
    if (reply === null) {
      this.io.err('\nI/O error\n');
      return false;
    }
    if (reply.type === 'error') {
      this.io.err(`SELECT ${this.config.dbnum} failed: ${reply.value}\n`);
      return false;
    }
    this.dbnum = this.config.dbnum;
    return true;
  }

  private async call(argv: string[]): Promise<Reply | null> {
    if (!this.conn) return null;
    this.conn.send(argv);
    return this.conn.read();
  }

  /** Closes the connection (redis-cli exiting): nothing more is printed. */
  close(): void {
    this.exited = true;
    this.conn?.close();
    this.conn = null;
  }

  /**
   * Ctrl-C in interactive or batch mode: out of SUBSCRIBE/MONITOR back to the prompt (true);
   * during any other command redis-cli exits with status 1 (false: the caller exits).
   */
  interrupt(): boolean {
    if (this.streaming && this.conn) {
      this.abortedStream = true;
      this.conn.abort();
      return true;
    }
    return false;
  }

  /**
   * Handles one line typed at the prompt (or read in batch mode): quoting errors, repeat
   * counts, `quit`/`exit` (throws {@link CliExit}), `HELP`, `connect H P`, then the command
   * and its `(1.06s)` timing.
   */
  async runLine(line: string): Promise<void> {
    if (line === '') return;
    const argv = splitArgs(line);
    if (argv === null) {
      this.io.out('Invalid argument(s)\n');
      return;
    }
    if (argv.length === 0) return;
    let repeat = 1;
    let skip = 0;
    if (argv.length > 1 && /^[-+]?\d+$/.test(argv[0])) {
      repeat = Number(argv[0]);
      if (repeat <= 0 || !Number.isSafeInteger(repeat)) {
        this.io.out('Invalid redis-cli repeat command option value.\n');
        return;
      }
      skip = 1;
    }
    const cmd = argv[0].toLowerCase();
    if (cmd === 'quit' || cmd === 'exit') throw new CliExit(0);
    if (argv[0].startsWith(':')) {
      if (cmd === ':set' && argv.length >= 2) {
        const pref = argv[1].toLowerCase();
        if (pref !== 'hints' && pref !== 'nohints') this.io.out(`unknown redis-cli preference '${argv[1]}'\n`);
      } else this.io.out(`unknown redis-cli internal command '${argv[0]}'\n`);
      return;
    }
    if (cmd === 'restart') {
      this.io.out("Use 'restart' only in Lua debugging mode.\n");
      return;
    }
    if (argv.length === 3 && cmd === 'connect') {
      this.config.host = argv[1];
      this.config.port = Number.parseInt(argv[2], 10) || 0;
      await this.connect({ force: true });
      return;
    }
    const start = this.host.now();
    await this.issueCommand(argv.slice(skip), repeat);
    const elapsed = formatElapsed(this.host.now() - start);
    if (elapsed !== null && this.config.output === 'standard') this.io.out(elapsed);
  }

  /**
   * Sends a command (reconnecting first when needed) and prints its replies; `HELP` is
   * answered locally. Returns false when the command could not be run (redis-cli's REDIS_ERR:
   * a one-shot redis-cli exits with status 1 then).
   */
  async issueCommand(argv: string[], repeat = this.config.repeat): Promise<boolean> {
    const cmd = argv[0].toLowerCase();
    if (cmd === 'help' || cmd === '?') {
      this.io.out(helpText(argv.slice(1)));
      return true;
    }
    if (!this.conn || this.conn.eof) {
      if (this.conn?.eof && this.interactive) {
        // The server went away while we were idle: redis-cli only notices when it reads.
        this.conn.close();
        this.conn = null;
        this.io.err('Error: Server closed the connection\n');
        return false;
      }
      if (!(await this.connect({ force: true }))) return false;
    }
    const ok = await this.sendCommand(argv, repeat);
    if (!ok) {
      if (this.conn) {
        this.io.err('Error: Server closed the connection\n');
        this.conn.close();
      }
      this.conn = null;
      return false;
    }
    return true;
  }

  private async sendCommand(argv: string[], repeat: number): Promise<boolean> {
    const cmd = argv[0].toLowerCase();
    const verbatim = printsVerbatim(argv);
    const monitor = cmd === 'monitor';
    const pubsub = cmd === 'subscribe' || cmd === 'psubscribe' || cmd === 'ssubscribe';
    this.shutdownSent = cmd === 'shutdown';
    while (repeat < 0 || repeat-- > 0) {
      const conn = this.conn!;
      conn.send(argv);
      if (monitor || pubsub) {
        if (pubsub && this.config.output !== 'raw') this.io.out('Reading messages... (press Ctrl-C to quit)\n');
        this.streaming = true;
        try {
          for (;;) {
            const reply = await conn.read();
            if (reply === null) {
              if (this.abortedStream) {
                // Ctrl-C: drop the connection and open a fresh one, as redis-cli does.
                this.abortedStream = false;
                this.streaming = false;
                await this.connect({ force: true });
                return true;
              }
              this.io.err('Error: Server closed the connection\n');
              throw new CliExit(1);
            }
            this.io.out(formatReply(reply, this.config.output, verbatim));
            if (reply.type === 'error') break;
          }
        } finally {
          this.streaming = false;
        }
        if (monitor) return true;
        continue;
      }
      const reply = await conn.read();
      if (reply === null) {
        if (this.shutdownSent) {
          conn.close();
          this.conn = null;
          return true;
        }
        if (!this.interactive) {
          this.io.err('Error: Server closed the connection\n');
          throw new CliExit(1);
        }
        return false;
      }
      this.io.out(formatReply(reply, this.config.output, verbatim));
      await this.afterReply(argv, reply);
      // redis-cli pauses after every repetition, the last one too.
      if (this.config.intervalMs > 0) await this.host.sleep(this.config.intervalMs);
    }
    return true;
  }

  /** Tracks SELECT, AUTH, MULTI/EXEC/DISCARD and RESET for the prompt, as redis-cli does. */
  private async afterReply(argv: string[], reply: Reply): Promise<void> {
    const cmd = argv[0].toLowerCase();
    const n = argv.length;
    const failed = reply.type === 'error';
    if (cmd === 'select' && n === 2 && !failed) {
      this.config.dbnum = this.dbnum = Number.parseInt(argv[1], 10) || 0;
    } else if (cmd === 'auth' && (n === 2 || n === 3)) {
      await this.select();
    } else if (cmd === 'multi' && n === 1 && !failed) {
      this.inMulti = true;
      this.preMultiDb = this.dbnum;
    } else if (cmd === 'exec' && n === 1 && this.inMulti) {
      this.inMulti = false;
      const nil = (reply.type === 'bulk' && reply.value === null) || (reply.type === 'array' && reply.value === null);
      if (failed || nil) this.config.dbnum = this.dbnum = this.preMultiDb;
    } else if (cmd === 'discard' && n === 1 && !failed) {
      this.inMulti = false;
      this.config.dbnum = this.dbnum = this.preMultiDb;
    } else if (cmd === 'reset' && n === 1 && !failed) {
      this.inMulti = false;
      this.config.dbnum = this.dbnum = 0;
    }
  }
}
