/**
 * What the shell needs from whatever runs the cluster: a filesystem, processes, connections and
 * time. The simulator (src/sim), the browser runtime (src/runtime) and the worker_threads host
 * each provide one; the shell never knows which (DESIGN.md §2).
 *
 * Everything that can take time returns a promise. In the simulator, virtual time advances only
 * while the shell awaits, so `sleep 10` costs milliseconds and every run of a seed is the same.
 */
import type { Disk, Bytes } from '../engine/types.ts';

export type Signal = 'TERM' | 'KILL' | 'INT' | 'STOP' | 'CONT';

/** How a node process is started: `redis-server ARGS` or `redis-sentinel ARGS` in `cwd`. */
export interface SpawnRequest {
  program: 'redis-server' | 'redis-sentinel';
  argv: string[];
  cwd: string;
  /**
   * The pid the shell reserved for this process with {@link ShellHost.allocatePid} (as `fork`
   * would have), so `$!` names the node. Hosts use it when given.
   */
  pid?: number;
  /** Whether the process's stdout is a terminal (redis-server prints its ASCII logo then). */
  stdoutIsTty: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Called once when the process ends, with its exit status (128+9 after `kill -9`). */
  exit(code: number): void;
}

export interface ProcessEntry {
  pid: number;
  /** The command line as `ps` shows it, e.g. `redis-server 127.0.0.1:6379` (Redis's proc title). */
  title: string;
  state: 'running' | 'stopped';
}

/** A client connection opened by a program such as redis-cli. */
export interface ClientConnection {
  send(bytes: Bytes): void;
  close(): void;
  /** Our end's address (the `addr=` a server shows in CLIENT LIST). */
  readonly local: { host: string; port: number };
}

export interface ConnectHandlers {
  onData(bytes: Bytes): void;
  /** The server closed the connection (or the process died). */
  onClose(): void;
}

export interface ShellHost {
  /** The shared virtual disk: config files, RDB, AOF and logs of every node. */
  readonly disk: Disk;
  /** Unix time in ms (virtual in the simulator). */
  now(): number;
  /** Resolves after `ms` of (virtual) time. */
  sleep(ms: number): Promise<void>;
  /** Starts a node process; returns its pid. Startup output arrives through the request's callbacks. */
  spawn(req: SpawnRequest): number;
  /** Sends a signal; false when there is no such process (`kill: (123) - No such process`). */
  kill(pid: number, signal: Signal): boolean;
  processes(): ProcessEntry[];
  /**
   * Reserves a pid for a process the shell runs itself (`sleep 5 &`, `tail -f`, the shell's
   * own `$$`), from the same sequence as node pids so they never collide. Optional: without
   * it the shell numbers its own processes from 4000.
   */
  allocatePid?(): number;
  /**
   * Opens a TCP-like connection to `host:port`. Rejects with `'refused'` when nothing listens
   * there (redis-cli prints `Could not connect to Redis at 127.0.0.1:6379: Connection refused`).
   */
  connect(host: string, port: number, handlers: ConnectHandlers): Promise<ClientConnection>;
}
