/**
 * A node as its host sees it: something that takes inputs and the passing of time and returns
 * outputs. Server mode and sentinel mode are two implementations behind this one face.
 *
 * Counterpart in Redis: `main()` in server.c choosing `sentinel_mode` from the program name or
 * `--sentinel`, then the event loop (`aeMain`) that the host replaces.
 */
import type { Disk, NodeInput, NodeOutput, ProcessInfo, Rng } from './types.ts';

/** What a host provides when it starts a node. */
export interface NodeEnv {
  process: ProcessInfo;
  disk: Disk;
  rng: Rng;
  /** Unix time in ms at which the process starts. */
  nowMs: number;
  /** Whether `host:port` can be bound (nothing else listens there). */
  canBind(host: string, port: number): boolean;
}

export interface EngineNode {
  /** Delivers one input at time `nowMs`; returns what the node does in response. */
  handle(input: NodeInput, nowMs: number): NodeOutput[];
  /** Lets time pass: runs timers due by `nowMs` (serverCron, replication cron, timeouts). */
  cron(nowMs: number): NodeOutput[];
  /** The time at which `cron` must next be called, at the latest. */
  nextWakeMs(): number;
  /** True once the process has exited (shutdown, fatal error, crash). */
  readonly exited: boolean;
  /** The port the node listens on, once it does. */
  readonly port: number;
}

import { RedisServer } from './server/server.ts';

/**
 * Starts a node as `redis-server ARGS` or `redis-sentinel ARGS` would: sentinel mode when the
 * program is redis-sentinel or `--sentinel` is among the arguments.
 */
export function startNode(env: NodeEnv): { node: EngineNode; outputs: NodeOutput[] } {
  // One process type for both modes: RedisServer reads the mode from the program name and
  // argv (server.sentinel_mode) and runs Sentinel's timer and commands in sentinel mode.
  return RedisServer.start(env);
}
