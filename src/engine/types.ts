/**
 * The vocabulary shared by every part of the engine and by its hosts.
 *
 * The engine is sans-I/O (DESIGN.md §2): a node is driven by inputs — bytes arriving on a
 * connection, a connection opening or closing, a signal, the passing of time — and answers
 * with outputs: bytes to send, connections to open or close, log text, an exit. The host
 * (the simulator, a Web Worker, a Node worker thread) carries them out. Nothing here reads a
 * clock or a random source: time comes in as `nowMs` (Unix epoch milliseconds, virtual in the
 * simulator) and randomness from an injected {@link Rng}.
 */

/**
 * Bytes as a binary string: every UTF-16 code unit holds one byte (0–255). Redis strings are
 * binary safe; this keeps them byte-exact (STRLEN, offsets, RDB sizes) while staying cheap to
 * store, compare and send over a MessageChannel. The shell converts typed UTF-8 at its edge.
 */
export type Bytes = string;

/** A connection, numbered by the node that owns one end of it. */
export type ConnId = number;

/** An IPv4 address and port as Redis prints it (`127.0.0.1:6379`). */
export interface Addr {
  host: string;
  port: number;
}

/** The seeded generator every random choice goes through (run ids, jitter, elections). */
export interface Rng {
  /** A uniformly distributed integer in [0, 2^32). */
  nextUint32(): number;
}

/**
 * The node's view of its disk: the virtual files that survive a kill (config files, RDB,
 * AOF, logs). Paths are absolute (`/home/learner/redis.conf`); `resolvePath` joins a relative
 * name to the node's working directory as a process would.
 */
export interface Disk {
  read(path: string): Bytes | null;
  write(path: string, data: Bytes): void;
  /** Appends through the page cache: the data survives a process kill, not a power cut, until `fsync`. */
  append(path: string, data: Bytes): void;
  /** Makes a file's current content durable (`fsync`): a power cut keeps it. `write` is durable already. */
  fsync(path: string): void;
  remove(path: string): void;
  rename(from: string, to: string): void;
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  mkdir(path: string): void;
  /** The names (not paths) directly inside a directory, sorted. */
  list(dir: string): string[];
}

/** What a host hands to a node. */
export type NodeInput =
  /** A client (or another node) opened a connection to us. */
  | { kind: 'accept'; conn: ConnId; peer: Addr; local: Addr }
  /** Bytes arrived on a connection. */
  | { kind: 'data'; conn: ConnId; bytes: Bytes }
  /** The peer closed the connection, or the host tore it down. */
  | { kind: 'closed'; conn: ConnId }
  /** An outgoing connection we asked for is established. */
  | { kind: 'connected'; conn: ConnId; local: Addr }
  /** An outgoing connection we asked for failed (nothing listening, or no route). */
  | { kind: 'connectFailed'; conn: ConnId; error: ConnectError }
  /** A signal from `kill`: TERM and INT shut down gracefully, as Redis does. */
  | { kind: 'signal'; signal: 'TERM' | 'INT' };

export type ConnectError = 'refused' | 'timeout' | 'unreachable';

/** What a node asks its host to do. */
export type NodeOutput =
  | { kind: 'send'; conn: ConnId; bytes: Bytes }
  /** Close after the bytes already sent have been delivered. */
  | { kind: 'close'; conn: ConnId }
  /** Open an outgoing connection; the host answers with `connected` or `connectFailed`. */
  | { kind: 'connect'; conn: ConnId; host: string; port: number }
  /** Text for the process's standard output or error (log lines when no logfile is set). */
  | { kind: 'stdout'; text: string }
  | { kind: 'stderr'; text: string }
  /** The process exits with this code; the host tears down its connections. */
  | { kind: 'exit'; code: number }
  /** A structured observation for the lab's map and event log; never shown as Redis output. */
  | { kind: 'event'; event: NodeEvent };

/** Observations a UI may draw; the text a learner reads always comes from logs and replies. */
export type NodeEvent =
  | { type: 'listening'; port: number; mode: 'standalone' | 'sentinel' }
  | { type: 'role'; role: 'primary' | 'replica' | 'sentinel' }
  | { type: 'log'; level: LogLevel; line: string }
  | { type: 'state'; summary: Record<string, string | number> };

/** Redis's log levels; the mark is what the log line shows. */
export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning';

/** The process-level facts a node is started with. */
export interface ProcessInfo {
  pid: number;
  /** Working directory of the process (relative config paths resolve against it). */
  cwd: string;
  /** The program name as typed: `redis-server` or `redis-sentinel`. */
  program: 'redis-server' | 'redis-sentinel';
  /** Command-line arguments after the program name. */
  argv: string[];
  /** Whether a stdout/stderr that is a terminal is attached (ASCII logo and colours). */
  stdoutIsTty: boolean;
}

/** Exhaustiveness guard for `switch` over string-literal unions (DESIGN.md §8). */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
