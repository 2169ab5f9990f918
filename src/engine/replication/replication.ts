/**
 * Replication state of a server, both roles: as a primary its replication ID, offset, backlog
 * and attached replicas; as a replica its link to the primary.
 *
 * Counterpart in Redis: replication.c. Primary or replica is state, not a kind of node:
 * REPLICAOF changes it at run time.
 *
 * STUB for issue 2: a server is always a primary without replicas here; the propagation path
 * (every write reaches the AOF, and later the replicas, in Redis's stream format) is real.
 * Issue 3 fills in the replica side, the backlog, PSYNC and WAIT.
 */
import type { Bytes } from '../types.ts';
import type { Reply } from '../resp/reply.ts';
import type { RedisServer } from '../server/server.ts';
import type { Client } from '../server/client.ts';
import { randomHex } from '../util/random.ts';

export class Replication {
  private readonly server: RedisServer;
  replid = '';
  replid2 = '0000000000000000000000000000000000000000';
  /** master_repl_offset: bytes of replication stream produced so far. */
  offset = 0;
  secondReplOffset = -1;
  /** Commands produced by the running command, propagated when it ends. */
  private pending: { dbId: number; argv: Bytes[] }[] = [];
  private rewritten: Bytes[][] | null = null;
  private suppressed = false;

  constructor(server: RedisServer) {
    this.server = server;
  }

  get isReplica(): boolean {
    return false;
  }

  /** Whether the link to the primary is up (meaningless on a primary). */
  get linkUp(): boolean {
    return true;
  }

  /** Reads the replication directives once the config is loaded. */
  configure(): void {
    this.replid = randomHex(this.server.rng, 40);
  }

  /** replicationCron: once a second. */
  cron(_nowMs: number): void {}

  /** `min-replicas-to-write`: whether enough replicas are connected with a small enough lag. */
  goodReplicasOk(_nowMs: number): boolean {
    return this.server.config.int('min-replicas-to-write') === 0 || this.server.config.int('min-replicas-max-lag') === 0;
  }

  /** The primary link consumes its own input (the replication stream) when it must. */
  consumesInput(_c: Client): boolean {
    return false;
  }

  onClientFreed(_c: Client): void {}

  /** Replication's part of shutdown; an error text aborts the shutdown. */
  beforeShutdown(): string | null {
    return null;
  }

  /** Called before each top-level command. */
  beginCommand(): void {
    if (this.server.inExec) return;
    this.inCommand = true;
    this.pending = [];
    this.rewritten = null;
    this.suppressed = false;
  }

  /** The command asks to be propagated as these commands instead of its own argv. */
  rewrite(argvs: Bytes[][]): void {
    this.rewritten = argvs;
  }

  /** The command must not be propagated at all. */
  suppress(): void {
    this.suppressed = true;
  }

  /** A command may also propagate something of its own (e.g. an expired key's DEL). */
  alsoPropagate(dbId: number, argv: Bytes[]): void {
    this.pending.push({ dbId, argv });
  }

  propagateExpire(dbId: number, key: Bytes): void {
    this.alsoPropagate(dbId, ['DEL', key]);
    if (!this.inCommand) this.flush();
  }

  /** True between beginCommand and endCommand of a top-level command. */
  private inCommand = false;

  /** After each command: queue what it changed, and flush at the end of the top-level call. */
  endCommand(c: Client, argv: Bytes[], changed: boolean): void {
    if (changed && !this.suppressed) {
      for (const a of this.rewritten ?? [argv]) this.pending.push({ dbId: c.db, argv: a });
    }
    this.rewritten = null;
    this.suppressed = false;
    if (!this.server.inExec) {
      this.inCommand = false;
      this.flush();
    }
  }

  /** Writes the pending commands to the AOF and the replication stream, wrapped in MULTI/EXEC if several. */
  private flush(): void {
    const ops = this.pending;
    this.pending = [];
    if (ops.length === 0) return;
    const wrap = ops.length > 1;
    if (wrap) this.feed(ops[0].dbId, ['MULTI']);
    for (const op of ops) this.feed(op.dbId, op.argv);
    if (wrap) this.feed(ops[0].dbId, ['EXEC']);
  }

  private feed(dbId: number, argv: Bytes[]): void {
    this.server.persistence.feed(dbId, argv);
  }

  /** The `# Replication` section of INFO, as `name:value` lines in Redis's order. */
  info(): string[] {
    return [];
  }

  /** The reply of ROLE. */
  roleReply(): Reply {
    return { type: 'array', value: [{ type: 'bulk', value: 'master' }, { type: 'integer', value: this.offset }, { type: 'array', value: [] }] };
  }

  /** A blocked client's reply once its condition holds or its timeout passed, else null. */
  tryUnblock(_c: Client, _nowMs: number): Reply | null {
    return null;
  }
}
