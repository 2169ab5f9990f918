/**
 * A simulated process: one engine node with its pid, its spawn request, its sockets and its
 * run state. The kernel's side of a process — what survives the engine (nothing but the disk)
 * and what `ps` shows — lives here; the node's own state lives in the engine.
 */
import type { EngineNode } from '../engine/node.ts';
import type { ConnId, NodeInput } from '../engine/types.ts';
import type { SimEvent } from './event-queue.ts';
import type { End } from './network.ts';

/** How a node process is started (the same shape as the shell's `SpawnRequest`). */
export interface SpawnRequest {
  program: 'redis-server' | 'redis-sentinel';
  argv: string[];
  cwd: string;
  /** Whether the process's stdout is a terminal (redis-server prints its ASCII logo then). */
  stdoutIsTty: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Called once when the process ends, with its exit status (137 after `kill -9`). */
  exit(code: number): void;
}

/** `running`, `stopped` (SIGSTOP), or `exited` (its pid is free again). */
export type ProcState = 'running' | 'stopped' | 'exited';

export class Proc {
  readonly pid: number;
  readonly request: SpawnRequest;
  /** The engine; null once the process is gone (a crash takes its memory). */
  node: EngineNode | null = null;
  state: ProcState = 'running';
  exitCode: number | null = null;
  /** The listening port and the addresses bound there (`*` for all), once listening. */
  port = 0;
  bindHosts: string[] = [];
  mode: 'standalone' | 'sentinel' | null = null;
  /** The last role the node announced (`primary`, `replica`, `sentinel`). */
  role = '';
  /** The last state summary the node announced (for the lab's map). */
  summary: Record<string, string | number> = {};
  /** The node's open sockets by the id the node knows them by. */
  readonly ends = new Map<ConnId, End>();
  /** Ids of sockets the node has closed or been told are closed (a second close is harmless). */
  readonly closedConns = new Set<ConnId>();
  /** The id the next accepted connection gets (nodes number outgoing ones from 1,000,000). */
  nextAcceptConn = 1;
  /** Inputs waiting while the process is stopped, delivered in order on SIGCONT. */
  pending: NodeInput[] = [];
  /** Addresses the node asked about (`canBind`) since it last listened: the ones it binds next. */
  readonly bindTried: Array<{ host: string; port: number }> = [];
  /** The process's timer: the next `cron` call, at the node's `nextWakeMs()`. */
  readonly cron: SimEvent;
  /** The engine ms of the last cron call (guards against a node that keeps asking for now). */
  lastCronMs = -1;

  constructor(pid: number, request: SpawnRequest, cron: SimEvent) {
    this.pid = pid;
    this.request = request;
    this.cron = cron;
    this.party = `pid:${pid}`;
  }

  /** Records that the node listens on `port` at `hosts`. */
  setListening(port: number, hosts: string[], mode: 'standalone' | 'sentinel'): void {
    this.port = port;
    this.bindHosts = hosts;
    this.mode = mode;
    this.party = String(port);
  }

  /**
   * The name network faults use for this process: its listening port (`"6379"`), stable across
   * restarts, or `pid:N` before it listens.
   */
  party: string;

  /**
   * The command line `ps` shows. Redis rewrites its title to `proc-title-template`'s default,
   * `{title} {listen-addr} {server-mode}`: `redis-server 127.0.0.1:6379` (the first `bind`
   * address), `redis-server *:6379` without `bind`, `redis-sentinel *:5000 [sentinel]`.
   * Before it listens the title is the command line as typed.
   */
  get title(): string {
    const program = this.request.program;
    if (this.port > 0 && this.bindHosts.length > 0) {
      return `${program} ${this.bindHosts[0]}:${this.port}${this.mode === 'sentinel' ? ' [sentinel]' : ''}`;
    }
    return [program, ...this.request.argv].join(' ');
  }
}
