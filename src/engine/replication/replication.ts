/**
 * Replication state of a server, both roles: as a primary its replication ID, offset, backlog
 * and attached replicas (full and partial synchronisation, the command stream, WAIT); as a
 * replica its link to the primary (the handshake state machine, the snapshot transfer, the
 * applied stream and its offsets, the cached primary for a later partial resync).
 *
 * Counterpart in Redis: replication.c (`replicationCron`, `syncWithMaster` and its
 * `REPL_STATE_*`, `slaveTryPartialResynchronization`, `readSyncBulkPayload`,
 * `syncCommand`, `masterTryPartialResynchronization`, `replconfCommand`, `waitCommand`,
 * `replicationSetMaster` / `replicationUnsetMaster`, `replicationCacheMaster`,
 * `shiftReplicationId`, `refreshGoodSlavesCount`) and the master-client parts of networking.c
 * (a replica applies its primary's stream without replying and counts the applied bytes).
 * Primary or replica is state, not a kind of node: REPLICAOF changes it at run time.
 *
 * Models and simplifications, each visible in timing only:
 * - The forked child that streams a snapshot to replicas is a job: the payload is produced at
 *   once, and its bytes reach the replicas after {@link rdbTransferMs} (a fixed 2 ms plus
 *   1 ms per 50 kB, i.e. fork, serialisation and loopback at ~50 MB/s), so a larger dataset
 *   syncs visibly more slowly. Loading on the replica is instant.
 * - A replica without `masterauth` facing a password-protected primary retries in a tight loop
 *   in real Redis (~2 400 attempts and 24 000 log lines per second). The lab keeps the loop,
 *   its ten log lines per attempt and the `handshake` state, but when a handshake fails again
 *   within a second of the previous failure, the next attempt's PING waits until
 *   {@link FAILED_RETRY_MIN_MS} after the reconnect: at most ten attempts (a hundred log lines)
 *   per second, so the log floods visibly without drowning the simulator.
 */
import type { Addr, Bytes, ConnId } from '../types.ts';
import type { Reply } from '../resp/reply.ts';
import { encodeCommand } from '../resp/reply.ts';
import type { RedisServer, OutgoingHandler } from '../server/server.ts';
import type { Client } from '../server/client.ts';
import { randomHex } from '../util/random.ts';
import { formatLogLine } from '../log.ts';
import { unreachable } from '../types.ts';
import { ReplBacklog } from './backlog.ts';
import { StreamReader } from './stream-reader.ts';
import { encodeSnapshot, isFallbackSnapshot, loadSnapshot } from './fallback-snapshot.ts';
import { clientInfoLine } from './client-info.ts';

/** Redis's `REPL_STATE_*`: where a replica is in connecting and synchronising with its primary. */
export type ReplState =
  | 'none'
  | 'connect'
  | 'connecting'
  | 'receive_ping_reply'
  | 'send_handshake'
  | 'receive_auth_reply'
  | 'receive_port_reply'
  | 'receive_capa_reply'
  | 'send_psync'
  | 'receive_psync_reply'
  | 'transfer'
  | 'connected';

/** Redis's `failover_state` (`master_failover_state` in INFO): where a FAILOVER command is. */
export type FailoverState = 'no-failover' | 'waiting-for-sync' | 'failover-in-progress';

/** Redis's `SLAVE_STATE_*`: where an attached replica is, seen from its primary. */
export type ReplicaState = 'wait_bgsave_start' | 'wait_bgsave_end' | 'send_bulk' | 'online';

/** What a primary knows of one replica connection (fields of `struct client` in Redis). */
export interface ReplicaLink {
  client: Client;
  state: ReplicaState;
  /** REPLCONF listening-port (0 until told). */
  listeningPort: number;
  /** REPLCONF ip-address, when the replica announced one. */
  announcedIp: string | null;
  capaEof: boolean;
  capaPsync2: boolean;
  /** True for a replica that used SYNC (no offsets, no ACKs). */
  prePsync: boolean;
  /** Highest offset the replica acknowledged (`repl_ack_off`). */
  ackOff: number;
  /** Unix seconds of its last REPLCONF ACK (`repl_ack_time`). */
  ackTimeSec: number;
  /** The offset its snapshot corresponds to (`psync_initial_offset`). */
  psyncInitialOffset: number;
  /** Start sending the stream at its first ACK after a diskless transfer. */
  startStreamOnAck: boolean;
  /** Stream bytes produced while it may not receive them yet (its output buffer). */
  held: Bytes;
  /** Whether it is in the list of replicas (`server.slaves`). */
  attached: boolean;
}

/** The snapshot being produced for replicas (the RDB child of `startBgsaveForReplication`). */
interface SyncJob {
  target: 'socket' | 'disk';
  childPid: number;
  payload: Bytes;
  /** The EOF mark that ends a diskless transfer. */
  mark: string;
  /** Replicas served by this job. */
  replicas: ReplicaLink[];
  /** When the payload has been written to the replicas' sockets. */
  doneAtMs: number;
  sent: boolean;
  /** When the parent notices the child exited, at the latest (serverCron's checkChildrenDone). */
  reapAtMs: number;
}

/** Our link to the primary once synchronised (`server.master`), or its cached state. */
interface PrimaryLink {
  client: Client | null;
  conn: ConnId;
  replid: string;
  /** Offset of the last byte applied (`reploff`) and read (`read_reploff`). */
  reploff: number;
  readReploff: number;
  /** Unix seconds of the last byte received (`lastinteraction`). */
  lastInteractionSec: number;
  db: number;
  reader: StreamReader;
  /** Bytes of a MULTI … EXEC block applied so far; the offset moves when it completes. */
  txnRaw: Bytes;
}

const ZERO_ID = '0000000000000000000000000000000000000000';
/** Spacing of the reconnects that follow a failed handshake (see the file comment). */
export const FAILED_RETRY_MIN_MS = 100;
const RDB_BYTES_PER_MS = 50_000;

/** Virtual duration of producing and streaming a snapshot of `bytes` bytes. */
export function rdbTransferMs(bytes: number): number {
  return 2 + Math.ceil(bytes / RDB_BYTES_PER_MS);
}

/** Optional hooks of the persistence module used around a full synchronisation. */
interface PersistenceSyncHooks {
  prepareFullSyncLoad?(): void;
  restartAofAfterSync?(): void;
  hasActiveChild?(): boolean;
  forkChild?(spec: { keys: number; payloadBytes: number; childLines: string[]; onExit(nowMs: number): void }): number | null;
}

export class Replication {
  private readonly server: RedisServer;
  /** `master_replid`: the history this node's dataset belongs to. */
  replid = '';
  /** `master_replid2`: the previous history, valid up to {@link secondReplOffset}. */
  replid2 = ZERO_ID;
  /** `master_repl_offset`: bytes of replication stream produced (or applied) so far. */
  offset = 0;
  /** `second_repl_offset`: first offset that replid2 does not cover, -1 when none. */
  secondReplOffset = -1;
  backlog: ReplBacklog | null = null;

  // --- as a primary -------------------------------------------------------------------
  /** Attached replicas in attach order (`server.slaves`). */
  readonly replicas: ReplicaLink[] = [];
  private readonly links = new Map<Client, ReplicaLink>();
  /** The db the stream last SELECTed (`server.slaveseldb`), -1 to force a SELECT. */
  private selDb = -1;
  private goodReplicas = 0;
  private noReplicasSinceSec = 0;
  private cronLoops = 0;
  private getAckPending = false;
  private job: SyncJob | null = null;
  private childPids = 0;
  private readonly waiting = new Set<Client>();

  // --- as a replica -------------------------------------------------------------------
  /** `masterhost` / `masterport`; null host on a primary. */
  primaryHost: string | null = null;
  primaryPort = 0;
  replState: ReplState = 'none';
  private transferConn: ConnId | null = null;
  private linkGen = 0;
  private transferLastIoSec = 0;
  private reader = new StreamReader();
  private primary: PrimaryLink | null = null;
  private cachedPrimary: PrimaryLink | null = null;
  private primaryReplid = '';
  private primaryInitialOffset = -1;
  private downSinceSec = 0;
  private transfer: { usemark: boolean; mark: string; size: number; read: number } | null = null;
  /** replicationCron's run at the first serverCron tick after startup is still to come. */
  private startupCronPending = false;
  private lastFailedRetryMs = -Infinity;
  /** While a failed handshake loops, the next PING waits until then (see the file comment). */
  private throttleUntilMs = 0;
  private pingAtMs = 0;

  // --- FAILOVER (a coordinated switch with one of our replicas) ------------------------
  /** `server.failover_state`. */
  failoverState: FailoverState = 'no-failover';
  /** `failover_end_time`: when waiting for the replica gives up (0: never). */
  private failoverEndMs = 0;
  private forceFailover = false;
  /** `target_replica_host` / `target_replica_port`: null until a replica is chosen. */
  private failoverHost: string | null = null;
  private failoverPort = 0;
  /** Clients whose write was postponed by the failover's write pause, with that command. */
  private readonly postponed = new Map<Client, Bytes[]>();
  /** The pause ended: postponed commands run again before the server goes back to sleep. */
  private unpausePending = false;
  /** While a failover runs, replicationCron runs every 100 ms instead of every second. */
  private fastCronAtMs = 0;

  // --- propagation of the running command ---------------------------------------------
  private pending: { dbId: number; argv: Bytes[]; replOnly?: boolean }[] = [];
  /** DELs of keys found expired while loading the RDB at startup (see feedExpiredOnLoad). */
  private loadDels: { dbId: number; argv: Bytes[] }[] = [];
  private rewritten: Bytes[][] | null = null;
  private suppressed = false;
  private inCommand = false;

  constructor(server: RedisServer) {
    this.server = server;
  }

  /** True when this node replicates from a primary (`server.masterhost != NULL`). */
  get isReplica(): boolean {
    return this.primaryHost !== null;
  }

  /** Whether the link to the primary is up (`repl_state == REPL_STATE_CONNECTED`). */
  get linkUp(): boolean {
    return this.replState === 'connected';
  }

  private persistence(): PersistenceSyncHooks {
    return this.server.persistence as unknown as PersistenceSyncHooks;
  }

  private get nowSec(): number {
    return Math.floor(this.server.nowMs / 1000);
  }

  /** Reads the replication directives once the config is loaded (`replicaof host port`). */
  configure(): void {
    this.replid = randomHex(this.server.rng, 40);
    const replicaof = this.server.config.get('replicaof');
    if (replicaof !== '') {
      const [host, port] = replicaof.split(' ');
      this.primaryHost = host;
      this.primaryPort = Number(port);
      this.replState = 'connect';
    }
    this.server.config.onChange('repl-backlog-size', () => this.resizeBacklog());
    // `updateGoodSlaves`: CONFIG SET of either directive recounts the good replicas at once.
    this.server.config.onChange('min-replicas-to-write', () => this.refreshGoodReplicasCount());
    this.server.config.onChange('min-replicas-max-lag', () => this.refreshGoodReplicasCount());
    // CONFIG GET / CONFIG REWRITE show the live primary (REPLICAOF, Sentinel's reconfiguration).
    this.server.config.bindLive('replicaof', () => (this.primaryHost === null ? null : { host: this.primaryHost, port: this.primaryPort }));
    // replicationCron first runs at the very first serverCron tick, right after startup.
    this.startupCronPending = true;
  }

  /**
   * `rdbPopulateSaveInfo`: the replication ID, offset and stream db an RDB should carry (for a
   * primary with a backlog, or a replica), or null. Called by the persistence module.
   */
  rdbSaveInfo(): { streamDb: number; replid: string; offset: number } | null {
    if (this.primaryHost === null && this.backlog) return { streamDb: this.selDb === -1 ? 0 : this.selDb, replid: this.replid, offset: this.offset };
    const p = this.primary ?? this.cachedPrimary;
    if (p) return { streamDb: p.client ? p.client.db : p.db, replid: this.replid, offset: this.offset };
    return null;
  }

  /**
   * The RDB loaded at startup carried replication info (`loadDataFromDisk`): a replica
   * synthesises a cached primary from it so it may continue with a partial resync; a primary
   * keeps it as its secondary ID so its former replicas may. Called by the persistence module.
   */
  restoreFromRdb(info: { streamDb: number; replid: string; offset: number }): void {
    if (info.offset === -1 || info.streamDb === -1) return;
    if (this.isReplica) {
      this.replid = info.replid;
      this.offset = info.offset;
      this.cacheUsingMyself();
      if (this.cachedPrimary) this.cachedPrimary.db = info.streamDb;
    } else {
      this.replid2 = info.replid;
      this.secondReplOffset = info.offset + 1;
      this.offset = info.offset;
      this.createBacklog();
      this.noReplicasSinceSec = this.nowSec;
      for (const op of this.loadDels) this.feedReplicas(op.dbId, op.argv);
    }
    this.loadDels = [];
  }

  /**
   * An expired key a primary dropped while loading its RDB at startup (`rdbLoad` with
   * RDBFLAGS_FEED_REPL): Redis feeds a DEL for it to the fresh backlog before rebasing the
   * offset on the RDB's repl-offset, so a replica continuing partially deletes it as well.
   * Kept here until {@link restoreFromRdb} creates the backlog; dropped when the RDB carried
   * no replication info (Redis then frees that backlog). Called by the persistence module.
   */
  feedExpiredOnLoad(dbId: number, key: Bytes): void {
    if (this.isReplica) return;
    this.loadDels.push({ dbId, argv: ['DEL', key] });
  }

  /** A persistence child exited and none is active: a waiting full sync may start now. */
  startPendingFork(_nowMs: number): void {
    this.startPendingSync();
  }

  // =====================================================================================
  // Timers
  // =====================================================================================

  /** The next time `tick` has something to do (a WAIT deadline, a transfer, a retry). */
  nextWakeMs(): number {
    let next = Infinity;
    if (this.startupCronPending) next = this.server.nowMs;
    if (this.pingAtMs) next = Math.min(next, this.pingAtMs);
    if (this.fastCronAtMs) next = Math.min(next, this.fastCronAtMs);
    if (this.job) next = Math.min(next, this.job.sent ? this.job.reapAtMs : this.job.doneAtMs);
    for (const c of this.waiting) {
      if (c.blocked?.kind === 'wait' && c.blocked.timeoutAtMs > 0) next = Math.min(next, c.blocked.timeoutAtMs);
    }
    return next;
  }

  /** Fine-grained timers: the startup connect, spaced retries, the snapshot job, WAIT timeouts. */
  tick(nowMs: number): void {
    if (this.startupCronPending) {
      this.startupCronPending = false;
      this.loadDels = [];
      this.cron(nowMs);
    }
    if (this.fastCronAtMs && nowMs >= this.fastCronAtMs) {
      this.fastCronAtMs = 0;
      this.cron(nowMs, true);
    }
    if (this.pingAtMs && nowMs >= this.pingAtMs) {
      this.pingAtMs = 0;
      if (this.replState === 'receive_ping_reply') this.sendToPrimary(['PING']);
    }
    if (this.job && !this.job.sent && nowMs >= this.job.doneAtMs) this.finishJobTransfer();
    if (this.job && this.job.sent && nowMs >= this.job.reapAtMs) this.reapJob();
    let due = false;
    for (const c of this.waiting) {
      if (c.blocked?.kind === 'wait' && c.blocked.timeoutAtMs > 0 && c.blocked.timeoutAtMs <= nowMs) due = true;
    }
    if (due) this.server.checkBlockedClients(nowMs);
  }

  /** What Redis does before going back to sleep: ask replicas for ACKs, serve WAIT. */
  beforeSleep(nowMs: number): void {
    // No GETACK while writes are paused: it would move the offset the failover waits for.
    if (this.getAckPending && !this.writesPaused()) {
      this.getAckPending = false;
      this.feedReplicas(this.selDb, ['REPLCONF', 'GETACK', '*']);
    }
    if (this.waiting.size) this.server.checkBlockedClients(nowMs);
    this.updateFailoverStatus();
    if (this.unpausePending) this.runPostponed();
  }

  /** replicationCron: once a second, every 100 ms while a FAILOVER runs (`fast`). */
  cron(nowMs: number, fast = false): void {
    if (this.failoverState !== 'no-failover') {
      if (!fast && this.fastCronAtMs) return;
      this.fastCronAtMs = nowMs + 100;
    }
    this.updateFailoverStatus();
    const now = Math.floor(nowMs / 1000);
    const timeout = this.server.config.int('repl-timeout');
    if (this.primaryHost !== null) {
      if ((this.replState === 'connecting' || this.inHandshake()) && now - this.transferLastIoSec > timeout) {
        this.server.log('warning', 'Timeout connecting to the MASTER...');
        this.cancelHandshake(true);
      }
      if (this.replState === 'transfer' && now - this.transferLastIoSec > timeout) {
        this.server.log('warning', "Timeout receiving bulk data from MASTER... If the problem persists try to set the 'repl-timeout' parameter in redis.conf to a larger value.");
        this.cancelHandshake(true);
      }
      if (this.replState === 'connected' && this.primary && now - this.primary.lastInteractionSec > timeout) {
        this.server.log('warning', 'MASTER timeout: no data nor PING received...');
        if (this.primary.client) this.server.freeClient(this.primary.client, true);
      }
      if (this.replState === 'connect') {
        this.server.log('notice', `Connecting to MASTER ${this.primaryHost}:${this.primaryPort}`);
        this.connectWithPrimary();
      }
      if (this.primary) this.sendAck();
    }
    if (this.cronLoops % this.server.config.int('repl-ping-replica-period') === 0 && this.replicas.length) {
      // A FAILOVER with a TIMEOUT keeps the offsets still while writes are paused.
      if (!(this.failoverEndMs && this.writesPaused())) this.feedReplicas(this.selDb, ['PING']);
    }
    for (const link of [...this.replicas]) {
      const presync = link.state === 'wait_bgsave_start' || (link.state === 'wait_bgsave_end' && this.job?.target !== 'socket');
      if (presync) this.server.send(link.client.conn, '\n');
    }
    for (const link of [...this.replicas]) {
      if (link.state === 'online' && !link.prePsync && now - link.ackTimeSec > timeout) {
        this.server.log('warning', `Disconnecting timedout replica (streaming sync): ${this.replicaName(link)}`);
        this.server.freeClient(link.client, true);
      }
    }
    const ttl = this.server.config.int('repl-backlog-ttl');
    if (this.replicas.length === 0 && ttl && this.backlog && this.primaryHost === null && now - this.noReplicasSinceSec > ttl) {
      this.replid = randomHex(this.server.rng, 40);
      this.clearReplid2();
      this.backlog = null;
      this.server.log('notice', `Replication backlog freed after ${ttl} seconds without connected replicas.`);
    }
    this.startPendingSync();
    this.refreshGoodReplicasCount();
    this.cronLoops++;
  }

  // =====================================================================================
  // The replica's side: connecting and the handshake (syncWithMaster)
  // =====================================================================================

  private inHandshake(): boolean {
    switch (this.replState) {
      case 'receive_ping_reply':
      case 'send_handshake':
      case 'receive_auth_reply':
      case 'receive_port_reply':
      case 'receive_capa_reply':
      case 'send_psync':
      case 'receive_psync_reply':
        return true;
      case 'none':
      case 'connect':
      case 'connecting':
      case 'transfer':
      case 'connected':
        return false;
      default:
        return unreachable(this.replState);
    }
  }

  /** `connectWithMaster`: opens the link; the handshake goes on when it is established. */
  private connectWithPrimary(): void {
    const gen = ++this.linkGen;
    const live = () => gen === this.linkGen;
    this.reader = new StreamReader();
    const handler: OutgoingHandler = {
      onConnected: () => {
        if (live()) this.onLinkConnected();
      },
      onConnectFailed: (error) => {
        if (live()) this.onLinkFailed(error);
      },
      onData: (bytes) => {
        if (live()) this.onLinkData(bytes);
      },
      onClosed: () => {
        if (live()) this.onLinkClosed();
      },
    };
    this.transferConn = this.server.connect(this.primaryHost!, this.primaryPort, handler);
    this.transferLastIoSec = this.nowSec;
    this.replState = 'connecting';
    this.server.log('notice', 'MASTER <-> REPLICA sync started');
  }

  /** Closes the handshake link (`undoConnectWithMaster`). */
  private undoConnect(): void {
    this.linkGen++;
    this.pingAtMs = 0;
    if (this.transferConn !== null) this.server.closeOutgoing(this.transferConn);
    this.transferConn = null;
    this.transfer = null;
  }

  /** The `error:` exit of syncWithMaster: close, and let the cron retry in a second. */
  private handshakeError(): void {
    this.undoConnect();
    this.replState = 'connect';
  }

  /**
   * `cancelReplicationHandshake`: aborts a handshake or transfer in progress; with `reconnect`
   * tries again at once (spaced by FAILED_RETRY_MIN_MS, see the file comment).
   */
  private cancelHandshake(reconnect: boolean): boolean {
    if (this.replState === 'transfer' || this.replState === 'connecting' || this.inHandshake()) {
      this.undoConnect();
      this.replState = 'connect';
    } else {
      return false;
    }
    if (!reconnect) return true;
    this.reconnectAfterFailure();
    return true;
  }

  private reconnectAfterFailure(): void {
    // A failure shortly after the previous one is a loop: space its attempts.
    const now = this.server.nowMs;
    this.throttleUntilMs = now - this.lastFailedRetryMs < 1000 ? now + FAILED_RETRY_MIN_MS : 0;
    this.lastFailedRetryMs = now;
    this.server.log('notice', `Reconnecting to MASTER ${this.primaryHost}:${this.primaryPort} after failure`);
    this.connectWithPrimary();
  }

  private onLinkFailed(error: string): void {
    this.transferConn = null;
    const text = error === 'refused' ? 'Connection refused' : error === 'timeout' ? 'Connection timed out' : error === 'unreachable' ? 'No route to host' : error;
    this.server.log('warning', `Error condition on socket for SYNC: ${text}`);
    this.handshakeError();
  }

  private onLinkConnected(): void {
    if (this.replState !== 'connecting') return;
    this.server.log('notice', 'Non blocking connect for SYNC fired the event.');
    this.replState = 'receive_ping_reply';
    if (this.server.nowMs < this.throttleUntilMs) this.pingAtMs = this.throttleUntilMs;
    else this.sendToPrimary(['PING']);
  }

  private sendToPrimary(argv: Bytes[]): void {
    if (this.transferConn !== null) this.server.send(this.transferConn, encodeCommand(argv));
  }

  private onLinkClosed(): void {
    this.transferConn = null;
    if (this.replState === 'connected') {
      // Our primary closed the link: free the primary client (which caches its state).
      const c = this.primary?.client;
      if (c) this.server.freeClient(c, false);
      return;
    }
    if (this.replState === 'transfer') {
      this.server.log('warning', 'I/O error trying to sync with MASTER: connection lost');
      this.cancelHandshake(true);
      return;
    }
    if (this.replState === 'receive_psync_reply') {
      this.server.log('warning', 'Master did not reply to PSYNC, will try later');
      this.handshakeError();
      return;
    }
    if (this.inHandshake()) {
      this.server.log('warning', 'Master did not respond to command during SYNC handshake');
      this.handshakeError();
      return;
    }
    if (this.replState === 'connecting') {
      // Closed before the connect completed: the connect handler sees the socket in error.
      this.server.log('warning', 'Error condition on socket for SYNC: Connection reset by peer');
      this.handshakeError();
    }
  }

  private onLinkData(bytes: Bytes): void {
    if (this.replState === 'connected' && this.primary) {
      this.readFromPrimary(bytes);
      return;
    }
    this.reader.push(bytes);
    this.transferLastIoSec = this.nowSec;
    this.driveHandshake();
  }

  /** Reads replies in the order the handshake expects them (syncWithMaster's states). */
  private driveHandshake(): void {
    for (;;) {
      switch (this.replState) {
        case 'receive_ping_reply': {
          const line = this.reader.readLine();
          if (line === null) return;
          if (!line.startsWith('+') && !line.startsWith('-NOAUTH') && !line.startsWith('-NOPERM') && !line.startsWith('-ERR operation not permitted')) {
            this.server.log('warning', `Error reply to PING from master: '${line}'`);
            this.handshakeError();
            return;
          }
          this.server.log('notice', 'Master replied to PING, replication can continue...');
          this.replState = 'send_handshake';
          break;
        }
        case 'send_handshake': {
          const auth = this.server.config.get('masterauth');
          if (auth !== '') {
            const user = this.server.config.get('masteruser');
            this.sendToPrimary(user !== '' ? ['AUTH', user, auth] : ['AUTH', auth]);
          }
          const announced = this.server.config.int('replica-announce-port');
          this.sendToPrimary(['REPLCONF', 'listening-port', String(announced || this.server.port)]);
          this.sendToPrimary(['REPLCONF', 'capa', 'eof', 'capa', 'psync2']);
          this.replState = auth !== '' ? 'receive_auth_reply' : 'receive_port_reply';
          break;
        }
        case 'receive_auth_reply': {
          const line = this.reader.readLine();
          if (line === null) return;
          if (line.startsWith('-')) {
            this.server.log('warning', `Unable to AUTH to MASTER: ${line}`);
            this.handshakeError();
            return;
          }
          this.replState = 'receive_port_reply';
          break;
        }
        case 'receive_port_reply': {
          const line = this.reader.readLine();
          if (line === null) return;
          if (line.startsWith('-')) this.server.log('notice', `(Non critical) Master does not understand REPLCONF listening-port: ${line}`);
          this.replState = 'receive_capa_reply';
          break;
        }
        case 'receive_capa_reply': {
          const line = this.reader.readLine();
          if (line === null) return;
          if (line.startsWith('-')) this.server.log('notice', `(Non critical) Master does not understand REPLCONF capa: ${line}`);
          this.replState = 'send_psync';
          break;
        }
        case 'send_psync':
          this.sendPsync();
          this.replState = 'receive_psync_reply';
          break;
        case 'receive_psync_reply': {
          const line = this.reader.readLine();
          if (line === null) return;
          if (line === '') break; // the primary's keepalive newline while we wait
          if (!this.handlePsyncReply(line)) return;
          break;
        }
        case 'transfer':
          if (!this.readSyncPayload()) return;
          break;
        case 'connected':
          // The rest of the buffer is the command stream.
          if (this.primary && this.reader.length) this.readFromPrimary(this.reader.takeAll());
          return;
        case 'none':
        case 'connect':
        case 'connecting':
          return;
        default:
          unreachable(this.replState);
      }
    }
  }

  /** The first half of `slaveTryPartialResynchronization`: ask to continue, or for everything. */
  private sendPsync(): void {
    this.primaryInitialOffset = -1;
    if (this.cachedPrimary) {
      const id = this.cachedPrimary.replid;
      const off = String(this.cachedPrimary.reploff + 1);
      this.server.log('notice', `Trying a partial resynchronization (request ${id}:${off}).`);
      this.sendToPrimary(this.failoverState === 'failover-in-progress' ? ['PSYNC', id, off, 'FAILOVER'] : ['PSYNC', id, off]);
    } else {
      this.server.log('notice', 'Partial resynchronization not possible (no cached master)');
      this.sendToPrimary(this.failoverState === 'failover-in-progress' ? ['PSYNC', '?', '-1', 'FAILOVER'] : ['PSYNC', '?', '-1']);
    }
  }

  /** The second half: act on +FULLRESYNC, +CONTINUE or an error. False stops reading. */
  private handlePsyncReply(line: string): boolean {
    if (line.startsWith('+FULLRESYNC')) {
      const m = /^\+FULLRESYNC ([0-9a-zA-Z]{40}) (-?\d+)/.exec(line);
      if (!m) {
        this.server.log('warning', 'Master replied with wrong +FULLRESYNC syntax.');
        this.primaryReplid = '';
      } else {
        this.primaryReplid = m[1];
        this.primaryInitialOffset = Number(m[2]);
        this.server.log('notice', `Full resync from master: ${this.primaryReplid}:${this.primaryInitialOffset}`);
      }
      if (this.failoverState === 'failover-in-progress') this.clearFailoverState();
      this.beginTransfer();
      return true;
    }
    if (line.startsWith('+CONTINUE')) {
      this.server.log('notice', 'Successful partial resynchronization with master.');
      const cached = this.cachedPrimary!;
      const newId = line.slice(10).trim();
      if (newId.length === 40 && newId !== cached.replid) {
        this.server.log('warning', `Master replication ID changed to ${newId}`);
        this.replid2 = cached.replid;
        this.secondReplOffset = this.offset + 1;
        this.replid = newId;
        cached.replid = newId;
        this.disconnectReplicas();
      }
      if (this.failoverState === 'failover-in-progress') this.clearFailoverState();
      this.resurrectCachedPrimary();
      if (!this.backlog) this.createBacklog();
      this.server.log('notice', 'MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
      return true;
    }
    if (line.startsWith('-NOMASTERLINK') || line.startsWith('-LOADING')) {
      this.server.log('notice', `Master is currently unable to PSYNC but should be in the future: ${line}`);
      if (this.failoverState === 'failover-in-progress') {
        this.abortFailover('Failover target rejected psync request');
        return false;
      }
      this.handshakeError();
      return false;
    }
    if (!line.startsWith('-ERR')) this.server.log('warning', `Unexpected reply to PSYNC from master: ${line}`);
    else this.server.log('notice', `Master does not support PSYNC or is in error state (reply: ${line})`);
    if (this.failoverState === 'failover-in-progress') {
      this.abortFailover('Failover target rejected psync request');
      return false;
    }
    this.server.log('notice', 'Retrying with SYNC...');
    if (this.transferConn !== null) this.server.send(this.transferConn, 'SYNC\r\n');
    this.beginTransfer();
    return true;
  }

  private beginTransfer(): void {
    this.replState = 'transfer';
    this.transfer = null;
    this.transferLastIoSec = this.nowSec;
  }

  /** `readSyncBulkPayload`: the `$EOF:<mark>` or `$<len>` preamble, then the snapshot. */
  private readSyncPayload(): boolean {
    if (!this.transfer) {
      const line = this.reader.readLine();
      if (line === null) return false;
      if (line.startsWith('-')) {
        this.server.log('warning', `MASTER aborted replication with an error: ${line.slice(1)}`);
        this.cancelHandshake(true);
        return false;
      }
      if (line === '') return true;
      if (!line.startsWith('$')) {
        this.server.log('warning', `Bad protocol from MASTER, the first byte is not '$' (we received '${line}'), are you sure the host and port are right?`);
        this.cancelHandshake(true);
        return false;
      }
      if (line.startsWith('$EOF:') && line.length >= 45) {
        this.transfer = { usemark: true, mark: line.slice(5, 45), size: 0, read: 0 };
        this.server.log('notice', 'MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk');
      } else {
        const size = parseInt(line.slice(1), 10) || 0;
        this.transfer = { usemark: false, mark: '', size, read: 0 };
        this.server.log('notice', `MASTER <-> REPLICA sync: receiving ${size} bytes from master to disk`);
      }
      return true;
    }
    const t = this.transfer;
    let payload: Bytes | null;
    if (t.usemark) {
      // Everything up to the mark; bytes after it (none in practice) belong to the stream.
      const all = this.reader.takeAll();
      const at = all.indexOf(t.mark);
      if (at < 0) {
        this.reader.push(all);
        t.read = all.length;
        return false;
      }
      payload = all.slice(0, at);
      this.reader.push(all.slice(at + t.mark.length));
    } else {
      payload = this.reader.take(t.size);
      if (payload === null) {
        t.read = this.reader.length;
        return false;
      }
    }
    this.loadSyncPayload(payload);
    return this.replState === 'connected';
  }

  /** The end of `readSyncBulkPayload`: flush, load, become a synchronised replica. */
  private loadSyncPayload(payload: Bytes): void {
    const hooks = this.persistence();
    hooks.prepareFullSyncLoad?.();
    this.attachToNewPrimary();
    this.server.log('notice', 'MASTER <-> REPLICA sync: Flushing old data');
    for (const db of this.server.dbs) db.clear();
    this.server.log('notice', 'MASTER <-> REPLICA sync: Loading DB in memory');
    try {
      if (isFallbackSnapshot(payload)) {
        this.server.log('notice', 'Loading RDB produced by version 7.0.15');
        this.server.log('notice', 'RDB age 0 seconds');
        this.server.log('notice', 'RDB memory usage when created 0.98 Mb');
        const n = loadSnapshot(payload, this.server.dbs);
        this.server.log('notice', `Done loading RDB, keys loaded: ${n}, keys expired: 0.`);
      } else if (payload.length) {
        this.server.persistence.loadRdbPayload(payload);
      }
    } catch {
      this.server.log('warning', 'Failed trying to load the MASTER synchronization DB from disk: Invalid argument');
      this.cancelHandshake(true);
      return;
    }
    this.server.markDirty();
    const conn = this.transferConn!;
    this.transferConn = null;
    this.transfer = null;
    // The stream goes on in the db the RDB's repl-stream-db names: a primary forces a SELECT
    // after a full sync, but a replica serving a sub-replica passes its primary's stream on
    // unchanged, so the sub-replica must start in the db that stream last selected.
    const streamDb = isFallbackSnapshot(payload) ? 0 : Math.max(0, this.server.persistence.lastLoadedReplInfo()?.streamDb ?? 0);
    this.createPrimaryClient(conn, this.primaryReplid, this.primaryInitialOffset, streamDb);
    this.replState = 'connected';
    this.downSinceSec = 0;
    this.replid = this.primaryReplid;
    this.offset = this.primaryInitialOffset;
    this.clearReplid2();
    if (!this.backlog) this.createBacklog();
    this.server.log('notice', 'MASTER <-> REPLICA sync: Finished with success');
    this.sendAck();
    hooks.restartAofAfterSync?.();
  }

  /** `replicationAttachToNewMaster`: a full sync replaces history, cache and sub-replicas. */
  private attachToNewPrimary(): void {
    this.discardCachedPrimary();
    this.disconnectReplicas();
    this.backlog = null;
  }

  /** Creates the client that applies the primary's stream (`replicationCreateMasterClient`). */
  private createPrimaryClient(conn: ConnId, replid: string, reploff: number, db: number): void {
    const peer: Addr = { host: this.primaryHost ?? '', port: this.primaryPort };
    const c = this.server.attachClient(conn, peer, { host: '127.0.0.1', port: this.server.port });
    c.kind = 'primary';
    c.authenticated = true;
    c.db = db;
    this.primary = {
      client: c,
      conn,
      replid,
      reploff,
      readReploff: reploff,
      lastInteractionSec: this.nowSec,
      db,
      reader: new StreamReader(),
      txnRaw: '',
    };
  }

  /** `replicationResurrectCachedMaster`: the cached state comes back on the new link. */
  private resurrectCachedPrimary(): void {
    const cached = this.cachedPrimary!;
    this.cachedPrimary = null;
    const conn = this.transferConn!;
    this.transferConn = null;
    this.createPrimaryClient(conn, cached.replid, cached.reploff, cached.db);
    this.replState = 'connected';
    this.downSinceSec = 0;
    const rest = this.reader.takeAll();
    if (rest) this.readFromPrimary(rest);
  }

  /**
   * Applies the primary's stream as Redis's master client does: commands run without replies,
   * the applied offset moves after each command (after the whole block inside MULTI … EXEC),
   * and the applied bytes are passed on unchanged to our own replicas and backlog.
   */
  private readFromPrimary(bytes: Bytes): void {
    const p = this.primary!;
    p.readReploff += bytes.length;
    p.lastInteractionSec = this.nowSec;
    p.reader.push(bytes);
    for (;;) {
      const c = p.client;
      if (!c || c.closed || this.primary !== p) return;
      const r = p.reader.readCommand();
      if (r === null) return;
      if (r === 'error') {
        this.server.log('warning', 'Protocol error from MASTER: the replication stream is not RESP');
        this.server.freeClient(c, true);
        return;
      }
      p.txnRaw += r.raw;
      this.server.processCommand(c, r.argv);
      if (this.primary !== p) return;
      p.db = c.db;
      if (!c.multi) {
        const applied = p.txnRaw;
        p.txnRaw = '';
        p.reploff += applied.length;
        this.feedStream(applied);
      }
    }
  }

  /** `replicationSendAck`: REPLCONF ACK <applied offset>, the replica's heartbeat. */
  private sendAck(): void {
    const p = this.primary;
    if (p?.client && !p.client.closed) this.server.send(p.conn, encodeCommand(['REPLCONF', 'ACK', String(p.reploff)]));
  }

  /** The primary client was freed: keep its state for a partial resync (`replicationCacheMaster`). */
  private cachePrimary(p: PrimaryLink): void {
    this.server.log('warning', 'Connection with master lost.');
    this.server.log('notice', 'Caching the disconnected master state.');
    this.server.forgetOutgoing(p.conn);
    p.client = null;
    p.reader = new StreamReader();
    p.readReploff = p.reploff;
    p.txnRaw = '';
    this.cachedPrimary = p;
    this.primary = null;
    this.replState = 'connect';
    this.downSinceSec = this.nowSec;
    if (this.primaryHost !== null) {
      this.server.log('notice', `Reconnecting to MASTER ${this.primaryHost}:${this.primaryPort}`);
      this.connectWithPrimary();
    }
  }

  /** `replicationCacheMasterUsingMyself`: a former primary can continue its own history. */
  private cacheUsingMyself(): void {
    this.server.log('notice', 'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.');
    this.primaryInitialOffset = this.offset;
    this.cachedPrimary = {
      client: null,
      conn: -1,
      replid: this.replid,
      reploff: this.offset,
      readReploff: this.offset,
      lastInteractionSec: this.nowSec,
      db: 0,
      reader: new StreamReader(),
      txnRaw: '',
    };
  }

  private discardCachedPrimary(): void {
    if (!this.cachedPrimary) return;
    this.server.log('notice', 'Discarding previously cached master state.');
    this.cachedPrimary = null;
  }

  // =====================================================================================
  // REPLICAOF
  // =====================================================================================

  /**
   * REPLICAOF host port (`replicationSetMaster`): become a replica of host:port, keeping our
   * own history as a cached primary so the new primary may accept a partial resync.
   * Returns the reply text.
   */
  replicaOf(c: Client, host: string, port: number, argv: Bytes[]): 'OK' | 'OK Already connected to specified master' {
    if (this.primaryHost !== null && this.primaryHost.toLowerCase() === host.toLowerCase() && this.primaryPort === port) {
      this.server.log('notice', 'REPLICAOF would result into synchronization with the master we are already connected with. No operation performed.');
      return 'OK Already connected to specified master';
    }
    this.setPrimary(host, port);
    this.server.log('notice', `REPLICAOF ${host}:${port} enabled (user request from '${clientInfoLine(this.server, c, argv)}')`);
    return 'OK';
  }

  /** Starts replicating from host:port (also used by Sentinel's reconfiguration). */
  setPrimary(host: string, port: number): void {
    const wasPrimary = this.primaryHost === null;
    this.primaryHost = null;
    if (this.primary?.client) this.server.freeClient(this.primary.client, true);
    this.disconnectBlockedClients();
    this.primaryHost = host;
    this.primaryPort = port;
    this.cancelHandshake(false);
    if (wasPrimary) {
      this.discardCachedPrimary();
      this.cacheUsingMyself();
    }
    this.replState = 'connect';
    this.server.log('notice', `Connecting to MASTER ${host}:${port}`);
    this.connectWithPrimary();
    this.server.emit({ kind: 'event', event: { type: 'role', role: 'replica' } });
  }

  /** REPLICAOF NO ONE (`replicationUnsetMaster`): become a primary continuing our history. */
  replicaOfNoOne(c: Client, argv: Bytes[]): void {
    if (this.primaryHost === null) return;
    this.unsetPrimary();
    this.server.log('notice', `MASTER MODE enabled (user request from '${clientInfoLine(this.server, c, argv)}')`);
  }

  unsetPrimary(): void {
    if (this.primaryHost === null) return;
    this.primaryHost = null;
    if (this.primary?.client) this.server.freeClient(this.primary.client, true);
    this.discardCachedPrimary();
    this.cancelHandshake(false);
    this.shiftReplid();
    this.disconnectReplicas();
    this.replState = 'none';
    this.selDb = -1;
    this.noReplicasSinceSec = this.nowSec;
    this.downSinceSec = 0;
    this.persistence().restartAofAfterSync?.();
    this.server.emit({ kind: 'event', event: { type: 'role', role: 'primary' } });
  }

  /** `shiftReplicationId`: the old history stays valid as replid2 up to the current offset. */
  private shiftReplid(): void {
    this.replid2 = this.replid;
    this.secondReplOffset = this.offset + 1;
    this.replid = randomHex(this.server.rng, 40);
    this.server.log('warning', `Setting secondary replication ID to ${this.replid2}, valid up to offset: ${this.secondReplOffset}. New replication ID is ${this.replid}`);
  }

  private clearReplid2(): void {
    this.replid2 = ZERO_ID;
    this.secondReplOffset = -1;
  }

  /** Clients blocked in WAIT when the role changes get Redis's UNBLOCKED error. */
  private disconnectBlockedClients(): void {
    for (const c of [...this.waiting]) {
      this.waiting.delete(c);
      c.blocked = null;
      this.server.addReply(c, { type: 'error', value: 'UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)' });
      c.closeAfterReply = true;
      this.server.freeClient(c, true);
    }
  }

  /** Closes every replica connection (they reconnect and ask again). */
  private disconnectReplicas(): void {
    for (const link of [...this.replicas]) this.server.freeClient(link.client, true);
  }

  // =====================================================================================
  // The primary's side: SYNC / PSYNC, REPLCONF, the snapshot job
  // =====================================================================================

  private linkOf(c: Client): ReplicaLink {
    let link = this.links.get(c);
    if (!link) {
      link = {
        client: c,
        state: 'wait_bgsave_start',
        listeningPort: 0,
        announcedIp: null,
        capaEof: false,
        capaPsync2: false,
        prePsync: false,
        ackOff: 0,
        ackTimeSec: 0,
        psyncInitialOffset: 0,
        startStreamOnAck: false,
        held: '',
        attached: false,
      };
      this.links.set(c, link);
    }
    return link;
  }

  /** `replicationGetSlaveName`: `ip:listening-port` as log lines name a replica. */
  replicaName(link: ReplicaLink): string {
    const ip = link.announcedIp ?? link.client.addr.host;
    return link.listeningPort ? `${ip}:${link.listeningPort}` : `${ip}:<unknown-replica-port>`;
  }

  /**
   * SYNC / PSYNC replid offset (`syncCommand`): a replica asks for the stream. Returns an
   * error text, or null when the reply was written directly (+CONTINUE now, +FULLRESYNC when
   * the snapshot starts).
   */
  syncCommand(c: Client, argv: Bytes[]): string | null {
    if (c.kind === 'replica') return null;
    if (argv.length > 3 && argv[0].toLowerCase() === 'psync' && argv[3].toLowerCase() === 'failover') {
      this.server.log('warning', `Failover request received for replid ${argv[1]}.`);
      if (this.primaryHost === null) return "ERR PSYNC FAILOVER can't be sent to a master.";
      if (argv[1].toLowerCase() !== this.replid) return 'ERR PSYNC FAILOVER replid must match my replid.';
      this.unsetPrimary();
      this.server.log('notice', `MASTER MODE enabled (failover request from '${clientInfoLine(this.server, c, argv)}')`);
    }
    if (this.failoverState !== 'no-failover') return "NOMASTERLINK Can't SYNC while failing over";
    if (this.primaryHost !== null && this.replState !== 'connected') return "NOMASTERLINK Can't SYNC while not connected with my master";
    const link = this.linkOf(c);
    this.server.log('notice', `Replica ${this.replicaName(link)} asks for synchronization`);
    const isPsync = argv[0].toLowerCase() === 'psync';
    if (isPsync) {
      const off = argv[2];
      if (!/^-?\d+$/.test(off)) {
        this.server.log('warning', `Replica ${this.replicaName(link)} asks for synchronization but with a wrong offset`);
        return 'ERR value is not an integer or out of range';
      }
      if (this.tryPartialResync(link, argv[1], Number(off))) {
        this.server.stats.syncPartialOk++;
        return null;
      }
      if (argv[1] !== '?') this.server.stats.syncPartialErr++;
    } else {
      link.prePsync = true;
    }
    this.server.stats.syncFull++;
    link.state = 'wait_bgsave_start';
    this.attach(link);
    if (this.replicas.length === 1 && !this.backlog) {
      this.replid = randomHex(this.server.rng, 40);
      this.clearReplid2();
      this.createBacklog();
      this.server.log('notice', `Replication backlog created, my new replication IDs are '${this.replid}' and '${this.replid2}'`);
    }
    if (this.job?.target === 'socket') {
      this.server.log('notice', 'Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC');
    } else if (this.job?.target === 'disk') {
      // Attach to the snapshot being written, as Redis does when the capabilities match.
      link.state = 'wait_bgsave_end';
      link.psyncInitialOffset = this.job.replicas[0]?.psyncInitialOffset ?? this.offset;
      link.held = this.job.replicas[0]?.held ?? '';
      this.job.replicas.push(link);
      this.writeFullResync(link, link.psyncInitialOffset);
      this.server.log('notice', 'Waiting for end of BGSAVE for SYNC');
    } else if (this.server.config.bool('repl-diskless-sync') && link.capaEof && this.server.config.int('repl-diskless-sync-delay')) {
      this.server.log('notice', 'Delay next BGSAVE for diskless SYNC');
    } else if (this.persistence().hasActiveChild?.()) {
      this.server.log('notice', 'No BGSAVE in progress, but another BG operation is active. BGSAVE for replication delayed');
    } else {
      this.startSyncJob();
    }
    return null;
  }

  /** `masterTryPartialResynchronization`: +CONTINUE with the missing bytes, if we have them. */
  private tryPartialResync(link: ReplicaLink, replid: string, psyncOffset: number): boolean {
    const sameHistory = replid.toLowerCase() === this.replid || (replid.toLowerCase() === this.replid2 && psyncOffset <= this.secondReplOffset);
    if (!sameHistory) {
      if (replid !== '?') {
        if (replid.toLowerCase() !== this.replid && replid.toLowerCase() !== this.replid2) {
          this.server.log('notice', `Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '${replid}', my replication IDs are '${this.replid}' and '${this.replid2}')`);
        } else {
          this.server.log('notice', `Partial resynchronization not accepted: Requested offset for second ID was ${psyncOffset}, but I can reply up to ${this.secondReplOffset}`);
        }
      } else {
        this.server.log('notice', `Full resync requested by replica ${this.replicaName(link)}`);
      }
      return false;
    }
    if (!this.backlog || !this.backlog.covers(psyncOffset)) {
      this.server.log('notice', `Unable to partial resync with replica ${this.replicaName(link)} for lack of backlog (Replica request was: ${psyncOffset}).`);
      if (psyncOffset > this.offset) {
        this.server.log('warning', `Warning: replica ${this.replicaName(link)} tried to PSYNC with an offset that is greater than the master replication offset.`);
      }
      return false;
    }
    link.state = 'online';
    link.ackTimeSec = this.nowSec;
    link.startStreamOnAck = false;
    link.held = '';
    this.attach(link);
    this.server.send(link.client.conn, link.capaPsync2 ? `+CONTINUE ${this.replid}\r\n` : '+CONTINUE\r\n');
    const missing = this.backlog.from(psyncOffset);
    if (missing) this.server.send(link.client.conn, missing);
    this.server.log('notice', `Partial resynchronization request from ${this.replicaName(link)} accepted. Sending ${missing.length} bytes of backlog starting from offset ${psyncOffset}.`);
    this.refreshGoodReplicasCount();
    return true;
  }

  private attach(link: ReplicaLink): void {
    link.client.kind = 'replica';
    if (!link.attached) {
      link.attached = true;
      this.replicas.push(link);
    }
  }

  private createBacklog(): void {
    this.backlog = new ReplBacklog(this.offset, this.server.config.int('repl-backlog-size'));
  }

  /** `shouldStartChildReplication` + `startBgsaveForReplication`, run by the cron. */
  private startPendingSync(): void {
    if (this.job || this.persistence().hasActiveChild?.()) return;
    const waiting = this.replicas.filter((l) => l.state === 'wait_bgsave_start');
    if (!waiting.length) return;
    let maxIdle = 0;
    for (const l of waiting) maxIdle = Math.max(maxIdle, this.nowSec - Math.floor(l.client.lastInteractionMs / 1000));
    const diskless = this.server.config.bool('repl-diskless-sync');
    const maxReplicas = this.server.config.int('repl-diskless-sync-max-replicas');
    if (!diskless || (maxReplicas > 0 && waiting.length >= maxReplicas) || maxIdle >= this.server.config.int('repl-diskless-sync-delay')) {
      this.startSyncJob();
    }
  }

  /** Forks (models) the snapshot for every replica waiting for one. */
  private startSyncJob(): void {
    const waiting = this.replicas.filter((l) => l.state === 'wait_bgsave_start');
    if (!waiting.length) return;
    const socket = this.server.config.bool('repl-diskless-sync') && waiting.every((l) => l.capaEof);
    this.server.log('notice', `Starting BGSAVE for SYNC with target: ${socket ? 'replicas sockets' : 'disk'}`);
    let payload = this.server.persistence.snapshotRdb();
    if (payload === '') payload = encodeSnapshot(this.server.dbs);
    const duration = rdbTransferMs(payload.length);
    const keys = this.server.dbs.reduce((n, db) => n + db.size, 0);
    // The persistence module keeps the one-child-at-a-time rule (BGSAVE is refused meanwhile).
    const forked = this.persistence().forkChild?.({ keys, payloadBytes: payload.length, childLines: [], onExit: () => this.reapJob() });
    const childPid = forked ?? this.server.pid + 1000 + ++this.childPids;
    const mark = randomHex(this.server.rng, 40);
    this.job = { target: socket ? 'socket' : 'disk', childPid, payload, mark, replicas: waiting, doneAtMs: this.server.nowMs + duration, sent: false, reapAtMs: Infinity };
    this.server.log('notice', socket ? `Background RDB transfer started by pid ${childPid}` : `Background saving started by pid ${childPid}`);
    for (const link of waiting) {
      link.state = 'wait_bgsave_end';
      link.held = '';
      this.writeFullResync(link, this.offset);
      // The child starts streaming at once: the EOF-marked preamble comes first.
      if (socket) this.server.send(link.client.conn, `$EOF:${mark}\r\n`);
    }
  }

  /** `replicationSetupSlaveForFullResync`: +FULLRESYNC, and a SELECT before the next command. */
  private writeFullResync(link: ReplicaLink, offset: number): void {
    link.psyncInitialOffset = offset;
    this.selDb = -1;
    if (!link.prePsync) this.server.send(link.client.conn, `+FULLRESYNC ${this.replid} ${offset}\r\n`);
  }

  private childLog(pid: number, message: string): void {
    const line = formatLogLine(pid, 'C', this.server.nowMs, 'notice', message);
    this.server.writeLogRaw(line + '\n');
  }

  /** The child has written the snapshot: its bytes reach the replicas. */
  private finishJobTransfer(): void {
    const job = this.job!;
    job.sent = true;
    job.reapAtMs = this.server.nowMs + 100;
    const alive = job.replicas.filter((l) => !l.client.closed && l.state === 'wait_bgsave_end');
    if (job.target === 'socket') {
      this.childLog(job.childPid, 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB');
      this.server.log('warning', `Diskless rdb transfer, done reading from pipe, ${alive.length} replicas still up.`);
      for (const l of alive) this.server.send(l.client.conn, `${job.payload}${job.mark}`);
    } else {
      this.childLog(job.childPid, 'DB saved on disk');
      this.childLog(job.childPid, 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB');
      job.reapAtMs = this.server.nowMs;
    }
  }

  /** The parent notices the child exited (`updateSlavesWaitingBgsave`). */
  private reapJob(): void {
    const job = this.job;
    if (!job) return;
    if (!job.sent) this.finishJobTransfer();
    this.job = null;
    if (job.target === 'socket') {
      this.server.log('notice', 'Background RDB transfer terminated with success');
    } else {
      this.server.log('notice', 'Background saving terminated with success');
    }
    for (const link of job.replicas) {
      if (link.client.closed || link.state !== 'wait_bgsave_end') continue;
      if (job.target === 'socket') {
        this.server.log('notice', `Streamed RDB transfer with replica ${this.replicaName(link)} succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming`);
        this.putOnline(link);
        link.startStreamOnAck = true;
      } else {
        this.server.send(link.client.conn, `$${job.payload.length}\r\n${job.payload}`);
        this.putOnline(link);
        this.startStream(link);
      }
    }
    // A replica that arrived during this snapshot may start the next one right away.
    this.startPendingSync();
  }

  /** `replicaPutOnline`. */
  private putOnline(link: ReplicaLink): void {
    link.state = 'online';
    link.ackTimeSec = this.nowSec;
    this.refreshGoodReplicasCount();
    this.server.log('notice', `Synchronization with replica ${this.replicaName(link)} succeeded`);
  }

  /** `replicaStartCommandStream`: what accumulated meanwhile goes out, then the live stream. */
  private startStream(link: ReplicaLink): void {
    link.startStreamOnAck = false;
    if (link.held) this.server.send(link.client.conn, link.held);
    link.held = '';
  }

  /**
   * REPLCONF option value … (`replconfCommand`). Returns the reply, or null for none
   * (ACK and GETACK are never answered with a reply).
   */
  replconf(c: Client, argv: Bytes[]): Reply | null {
    if (argv.length % 2 === 0) return { type: 'error', value: 'ERR syntax error' };
    for (let j = 1; j < argv.length; j += 2) {
      const opt = argv[j].toLowerCase();
      const val = argv[j + 1];
      if (opt === 'listening-port') {
        if (!/^-?\d+$/.test(val)) return { type: 'error', value: 'ERR value is not an integer or out of range' };
        this.linkOf(c).listeningPort = Number(val);
      } else if (opt === 'ip-address') {
        if (val.length >= 46) return { type: 'error', value: `ERR REPLCONF ip-address provided by replica instance is too long: ${val.length} bytes` };
        this.linkOf(c).announcedIp = val;
      } else if (opt === 'capa') {
        if (val.toLowerCase() === 'eof') this.linkOf(c).capaEof = true;
        else if (val.toLowerCase() === 'psync2') this.linkOf(c).capaPsync2 = true;
      } else if (opt === 'ack') {
        const link = this.links.get(c);
        if (c.kind !== 'replica' || !link) return null;
        if (!/^-?\d+$/.test(val)) return null;
        const off = Number(val);
        if (off > link.ackOff) link.ackOff = off;
        link.ackTimeSec = this.nowSec;
        if (this.job?.sent && link.state === 'wait_bgsave_end') this.reapJob();
        if (link.startStreamOnAck && link.state === 'online') this.startStream(link);
        return null;
      } else if (opt === 'getack') {
        if (this.primaryHost !== null && this.primary) this.sendAck();
        return null;
      } else if (opt === 'rdb-only' || opt === 'rdb-filter-only') {
        // Accepted and ignored: the lab has no partial snapshots.
      } else {
        return { type: 'error', value: `ERR Unrecognized REPLCONF option: ${argv[j]}` };
      }
    }
    return { type: 'simple', value: 'OK' };
  }

  // =====================================================================================
  // The stream: propagation of commands
  // =====================================================================================

  /** Called before each top-level command. */
  beginCommand(): void {
    this.loadDels = [];
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

  /**
   * The command goes to the replicas even though it changed nothing, and not to the AOF
   * (`forceCommandPropagation(c, PROPAGATE_REPL)`): PUBLISH does this, so messages published
   * on a primary reach the replicas' subscribers, and every Sentinel hello moves the offsets.
   */
  propagateToReplicas(dbId: number, argv: Bytes[]): void {
    this.pending.push({ dbId, argv, replOnly: true });
  }

  /** An expired key was deleted: replicas and the AOF get a DEL. */
  propagateExpire(dbId: number, key: Bytes): void {
    this.alsoPropagate(dbId, ['DEL', key]);
    if (!this.inCommand) this.flush();
  }

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

  /**
   * Writes the pending commands to the AOF and the replication stream, wrapped in MULTI/EXEC
   * when there are several (Redis 7's `propagatePendingCommands`).
   */
  private flush(): void {
    const ops = this.pending;
    this.pending = [];
    if (ops.length === 0) return;
    const wrap = ops.length > 1;
    // Redis 7.0 gives MULTI the first command's db (a SELECT comes before it) and EXEC the last's.
    if (wrap) this.propagate(ops[0].dbId, ['MULTI']);
    for (const op of ops) this.propagate(op.dbId, op.argv, op.replOnly);
    if (wrap) this.propagate(ops[ops.length - 1].dbId, ['EXEC']);
  }

  private propagate(dbId: number, argv: Bytes[], replOnly = false): void {
    if (!replOnly) this.server.persistence.feed(dbId, argv);
    this.feedReplicas(dbId, argv);
  }

  /**
   * `replicationFeedSlaves`: a primary appends a command to its stream, preceded by SELECT when
   * the db differs from the stream's. A replica never generates a stream of its own: it passes
   * on its primary's (see readFromPrimary).
   */
  private feedReplicas(dbId: number, argv: Bytes[]): void {
    if (this.primaryHost !== null) return;
    if (!this.backlog && this.replicas.length === 0) return;
    if (this.selDb !== dbId && dbId >= 0) {
      this.feedStream(encodeCommand(['SELECT', String(dbId)]));
      this.selDb = dbId;
    }
    this.feedStream(encodeCommand(argv));
  }

  /** `feedReplicationBuffer`: stream bytes go to the backlog and to every replica that may take them. */
  private feedStream(bytes: Bytes): void {
    if (!this.backlog) return;
    this.backlog.append(bytes);
    this.offset += bytes.length;
    for (const link of this.replicas) {
      if (link.state === 'wait_bgsave_start') continue;
      if (link.state === 'online' && !link.startStreamOnAck) this.server.send(link.client.conn, bytes);
      else link.held += bytes;
    }
  }

  /** CONFIG SET repl-backlog-size. */
  resizeBacklog(): void {
    this.backlog?.resize(this.server.config.int('repl-backlog-size'));
  }

  // =====================================================================================
  // Clients, min-replicas, WAIT
  // =====================================================================================

  /** Input of our primary's link is read by this module, never by the request parser. */
  consumesInput(c: Client): boolean {
    return c.kind === 'primary';
  }

  /** A client is being freed: a replica leaves the list, our primary's client is cached. */
  onClientFreed(c: Client): void {
    this.waiting.delete(c);
    this.postponed.delete(c);
    if (this.primary && this.primary.client === c) {
      this.cachePrimary(this.primary);
      return;
    }
    const link = this.links.get(c);
    if (!link) return;
    this.links.delete(c);
    if (link.attached) {
      this.server.log('warning', `Connection with replica ${this.replicaName(link)} lost.`);
      this.replicas.splice(this.replicas.indexOf(link), 1);
      link.attached = false;
      if (this.replicas.length === 0) this.noReplicasSinceSec = this.nowSec;
      this.refreshGoodReplicasCount();
    }
  }

  /** `refreshGoodSlavesCount`: online replicas whose last ACK is at most min-replicas-max-lag old. */
  private refreshGoodReplicasCount(): void {
    const min = this.server.config.int('min-replicas-to-write');
    const maxLag = this.server.config.int('min-replicas-max-lag');
    if (!min || !maxLag) return;
    let good = 0;
    for (const l of this.replicas) if (l.state === 'online' && this.nowSec - l.ackTimeSec <= maxLag) good++;
    this.goodReplicas = good;
  }

  /** `checkGoodReplicasStatus`: whether min-replicas-to-write lets a write through. */
  goodReplicasOk(_nowMs: number): boolean {
    const min = this.server.config.int('min-replicas-to-write');
    const maxLag = this.server.config.int('min-replicas-max-lag');
    return this.primaryHost !== null || !maxLag || !min || this.goodReplicas >= min;
  }

  /** `replicationCountAcksByOffset`: online replicas that acknowledged at least `offset`. */
  countAcks(offset: number): number {
    let n = 0;
    for (const l of this.replicas) if (l.state === 'online' && l.ackOff >= offset) n++;
    return n;
  }

  /**
   * WAIT numreplicas timeout (`waitCommand`): the count now when enough replicas acknowledged
   * the client's last write (or inside MULTI), else the client blocks and replicas are asked for
   * an ACK. Throws nothing: errors come back as replies.
   */
  waitCommand(c: Client, numArg: Bytes, timeoutArg: Bytes): Reply | 'blocked' {
    if (this.primaryHost !== null) {
      return { type: 'error', value: 'ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.' };
    }
    if (!isLongLong(numArg)) return { type: 'error', value: 'ERR value is not an integer or out of range' };
    const num = Number(numArg);
    if (!isLongLong(timeoutArg)) return { type: 'error', value: 'ERR timeout is not an integer or out of range' };
    const timeout = Number(timeoutArg);
    if (timeout < 0) return { type: 'error', value: 'ERR timeout is negative' };
    const acked = this.countAcks(c.woff);
    if (acked >= num || c.multi !== null || this.server.inExec) return { type: 'integer', value: acked };
    c.blocked = { kind: 'wait', numReplicas: num, targetOffset: c.woff, timeoutAtMs: timeout > 0 ? this.server.nowMs + timeout : 0 };
    this.waiting.add(c);
    this.getAckPending = true;
    return 'blocked';
  }

  /** A blocked client's reply once its condition holds or its timeout passed, else null. */
  tryUnblock(c: Client, nowMs: number): Reply | null {
    const b = c.blocked;
    if (!b || b.kind !== 'wait') return null;
    const n = this.countAcks(b.targetOffset);
    if (n >= b.numReplicas || (b.timeoutAtMs > 0 && nowMs >= b.timeoutAtMs)) {
      this.waiting.delete(c);
      return { type: 'integer', value: n };
    }
    return null;
  }

  /** Replication's part of shutdown (`finishShutdown`): report replicas that lag. */
  beforeShutdown(): string | null {
    let lagging = 0;
    for (const l of this.replicas) {
      if (l.ackOff !== this.offset) {
        lagging++;
        const lag = l.state === 'online' ? this.nowSec - l.ackTimeSec : 0;
        const state = l.state === 'wait_bgsave_start' || l.state === 'wait_bgsave_end' ? 'wait_bgsave' : l.state;
        this.server.log('warning', `Lagging replica ${this.replicaName(l)} reported offset ${this.offset - l.ackOff} behind master, lag=${lag}, state=${state}.`);
      }
    }
    if (this.replicas.length) this.server.log('notice', `${this.replicas.length - lagging} of ${this.replicas.length} replicas are in sync when shutting down.`);
    return null;
  }

  // =====================================================================================
  // FAILOVER: a coordinated switch between this primary and one of its replicas
  // =====================================================================================

  /** `findReplica`: the attached replica at host (its announced or peer address) and listening port. */
  private findReplica(host: string, port: number): ReplicaLink | null {
    for (const l of this.replicas) {
      const ip = l.announcedIp ?? l.client.addr.host;
      if (ip.toLowerCase() === host.toLowerCase() && l.listeningPort === port) return l;
    }
    return null;
  }

  /**
   * FAILOVER [TO host port [FORCE]] [TIMEOUT ms] (`failoverCommand`, after the syntax checks of
   * the command file): pauses writes and waits until a replica (the named one, or any) has
   * acknowledged our whole stream, then becomes its replica and asks it, with PSYNC … FAILOVER,
   * to take over. Returns the reply.
   */
  failoverCommand(opts: { host: string | null; port: number; force: boolean; timeoutMs: number }): Reply {
    const err = (value: string): Reply => ({ type: 'error', value });
    if (this.failoverState !== 'no-failover') return err('ERR FAILOVER already in progress.');
    if (this.primaryHost !== null) return err('ERR FAILOVER is not valid when server is a replica.');
    if (this.replicas.length === 0) return err('ERR FAILOVER requires connected replicas.');
    if (opts.force && (!opts.timeoutMs || opts.host === null)) return err('ERR FAILOVER with force option requires both a timeout and target HOST and IP.');
    if (opts.host !== null) {
      const link = this.findReplica(opts.host, opts.port);
      if (!link) return err('ERR FAILOVER target HOST and PORT is not a replica.');
      if (link.state !== 'online') return err('ERR FAILOVER target replica is not online.');
      this.failoverHost = opts.host;
      this.failoverPort = opts.port;
      this.server.log('notice', `FAILOVER requested to ${opts.host}:${opts.port}.`);
    } else {
      this.server.log('notice', 'FAILOVER requested to any replica.');
    }
    this.failoverEndMs = opts.timeoutMs ? this.server.nowMs + opts.timeoutMs : 0;
    this.forceFailover = opts.force;
    this.failoverState = 'waiting-for-sync';
    this.fastCronAtMs = this.server.nowMs + 100;
    return { type: 'simple', value: 'OK' };
  }

  /** FAILOVER ABORT. */
  failoverAbortCommand(): Reply {
    if (this.failoverState === 'no-failover') return { type: 'error', value: 'ERR No failover in progress.' };
    this.abortFailover('Failover manually aborted');
    return { type: 'simple', value: 'OK' };
  }

  /** Whether writes are paused by a failover (`PAUSE_DURING_FAILOVER`, CLIENT_PAUSE_WRITE). */
  writesPaused(): boolean {
    return this.failoverState !== 'no-failover';
  }

  /**
   * The client-pause check of `processCommand`: while a failover pauses writes, a command that
   * may replicate (a write, or EXEC of one) from anyone but a replica blocks until the pause
   * ends, then runs again from scratch (usually to meet READONLY on the new replica). True
   * when the command was postponed. Called by the server.
   */
  postponeCommand(c: Client, argv: Bytes[], mayReplicate: boolean): boolean {
    if (!mayReplicate || c.kind === 'replica' || c.kind === 'primary' || !this.writesPaused()) return false;
    c.blocked = { kind: 'postpone' };
    this.postponed.set(c, argv);
    return true;
  }

  /** `updateFailoverStatus`: time out, or fail over to a replica that has caught up. */
  private updateFailoverStatus(): void {
    if (this.failoverState !== 'waiting-for-sync') return;
    const now = this.server.nowMs;
    if (this.failoverEndMs && this.failoverEndMs <= now) {
      if (this.forceFailover) {
        this.server.log('notice', `FAILOVER to ${this.failoverHost}:${this.failoverPort} time out exceeded, failing over.`);
        this.failoverState = 'failover-in-progress';
        this.setPrimary(this.failoverHost!, this.failoverPort);
      } else {
        this.abortFailover('Replica never caught up before timeout');
      }
      return;
    }
    let link: ReplicaLink | null = null;
    if (this.failoverHost !== null) {
      link = this.findReplica(this.failoverHost, this.failoverPort);
    } else {
      for (const l of this.replicas) {
        if (l.ackOff === this.offset) {
          link = l;
          this.failoverHost = l.announcedIp ?? l.client.addr.host;
          this.failoverPort = l.listeningPort;
          break;
        }
      }
    }
    if (link && link.ackOff === this.offset) {
      this.failoverState = 'failover-in-progress';
      this.server.log('notice', `Failover target ${this.failoverHost}:${this.failoverPort} is synced, failing over.`);
      this.setPrimary(this.failoverHost!, this.failoverPort);
    }
  }

  /** `abortFailover`: back to a primary if we had already turned, and writes resume. */
  private abortFailover(why: string): void {
    if (this.failoverState === 'no-failover') return;
    const target = this.failoverHost !== null ? `${this.failoverHost}:${this.failoverPort}` : 'any replica';
    this.server.log('notice', `FAILOVER to ${target} aborted: ${why}`);
    if (this.failoverState === 'failover-in-progress') this.unsetPrimary();
    this.clearFailoverState();
  }

  /** `clearFailoverState`: forget the failover and end its write pause. */
  private clearFailoverState(): void {
    this.failoverEndMs = 0;
    this.forceFailover = false;
    this.failoverHost = null;
    this.failoverPort = 0;
    this.failoverState = 'no-failover';
    this.fastCronAtMs = 0;
    if (this.postponed.size) this.unpausePending = true;
  }

  /** Postponed commands run again, in the order they arrived (`processUnblockedClients`). */
  private runPostponed(): void {
    this.unpausePending = false;
    const queued = [...this.postponed];
    this.postponed.clear();
    for (const [c, argv] of queued) {
      if (c.closed || c.blocked?.kind !== 'postpone') continue;
      c.blocked = null;
      this.server.processCommand(c, argv);
      this.server.processInputBuffer(c);
    }
  }

  // =====================================================================================
  // What learners inspect
  // =====================================================================================

  /** The replica-side state word of ROLE (`handshake`, `connect`, `sync`, `connected` …). */
  roleState(): string {
    if (this.inHandshake()) return 'handshake';
    switch (this.replState) {
      case 'none':
        return 'none';
      case 'connect':
        return 'connect';
      case 'connecting':
        return 'connecting';
      case 'transfer':
        return 'sync';
      case 'connected':
        return 'connected';
      default:
        return 'unknown';
    }
  }

  /** The applied offset of our primary link (cached when down), -1 without one. */
  private replicaOffsets(): { reploff: number; readReploff: number } | null {
    const p = this.primary ?? this.cachedPrimary;
    return p ? { reploff: p.reploff, readReploff: p.readReploff } : null;
  }

  /** The `# Replication` section of INFO, as `name:value` lines in Redis's order. */
  info(): string[] {
    const out: string[] = [];
    const now = this.nowSec;
    out.push(`role:${this.primaryHost === null ? 'master' : 'slave'}`);
    if (this.primaryHost !== null) {
      const offs = this.replicaOffsets();
      out.push(`master_host:${this.primaryHost}`);
      out.push(`master_port:${this.primaryPort}`);
      out.push(`master_link_status:${this.replState === 'connected' ? 'up' : 'down'}`);
      out.push(`master_last_io_seconds_ago:${this.primary ? now - this.primary.lastInteractionSec : -1}`);
      out.push(`master_sync_in_progress:${this.replState === 'transfer' ? 1 : 0}`);
      out.push(`slave_read_repl_offset:${offs ? offs.readReploff : 1}`);
      out.push(`slave_repl_offset:${offs ? offs.reploff : 1}`);
      if (this.replState === 'transfer') {
        const size = this.transfer?.size ?? -1;
        const read = this.transfer?.read ?? 0;
        const perc = size > 0 ? (read / size) * 100 : 0;
        out.push(`master_sync_total_bytes:${size}`);
        out.push(`master_sync_read_bytes:${read}`);
        out.push(`master_sync_left_bytes:${size - read}`);
        out.push(`master_sync_perc:${perc.toFixed(2)}`);
        out.push(`master_sync_last_io_seconds_ago:${now - this.transferLastIoSec}`);
      }
      if (this.replState !== 'connected') out.push(`master_link_down_since_seconds:${this.downSinceSec ? now - this.downSinceSec : -1}`);
      out.push(`slave_priority:${this.server.config.int('replica-priority')}`);
      out.push(`slave_read_only:${this.server.config.bool('replica-read-only') ? 1 : 0}`);
      out.push(`replica_announced:${this.server.config.bool('replica-announced') ? 1 : 0}`);
    }
    out.push(`connected_slaves:${this.replicas.length}`);
    if (this.server.config.int('min-replicas-to-write') && this.server.config.int('min-replicas-max-lag')) {
      out.push(`min_slaves_good_slaves:${this.goodReplicas}`);
    }
    let i = 0;
    for (const l of this.replicas) {
      const state = l.state === 'wait_bgsave_start' || l.state === 'wait_bgsave_end' ? 'wait_bgsave' : l.state;
      const lag = l.state === 'online' ? now - l.ackTimeSec : 0;
      out.push(`slave${i++}:ip=${l.announcedIp ?? l.client.addr.host},port=${l.listeningPort},state=${state},offset=${l.ackOff},lag=${lag}`);
    }
    out.push(`master_failover_state:${this.failoverState}`);
    out.push(`master_replid:${this.replid}`);
    out.push(`master_replid2:${this.replid2}`);
    out.push(`master_repl_offset:${this.offset}`);
    out.push(`second_repl_offset:${this.secondReplOffset}`);
    out.push(`repl_backlog_active:${this.backlog ? 1 : 0}`);
    out.push(`repl_backlog_size:${this.server.config.int('repl-backlog-size')}`);
    out.push(`repl_backlog_first_byte_offset:${this.backlog ? this.backlog.offset : 0}`);
    out.push(`repl_backlog_histlen:${this.backlog ? this.backlog.histlen : 0}`);
    return out;
  }

  /** The reply of ROLE (`roleCommand`): the primary's port and offsets are strings in its list. */
  roleReply(): Reply {
    if (this.primaryHost === null) {
      const list: Reply[] = [];
      for (const l of this.replicas) {
        if (l.state !== 'online') continue;
        list.push({
          type: 'array',
          value: [
            { type: 'bulk', value: l.announcedIp ?? l.client.addr.host },
            { type: 'bulk', value: String(l.listeningPort) },
            { type: 'bulk', value: String(l.ackOff) },
          ],
        });
      }
      return { type: 'array', value: [{ type: 'bulk', value: 'master' }, { type: 'integer', value: this.offset }, { type: 'array', value: list }] };
    }
    return {
      type: 'array',
      value: [
        { type: 'bulk', value: 'slave' },
        { type: 'bulk', value: this.primaryHost },
        { type: 'integer', value: this.primaryPort },
        { type: 'bulk', value: this.roleState() },
        { type: 'integer', value: this.primary ? this.primary.reploff : -1 },
      ],
    };
  }

  /** The applied replication offset a replica reports (`replicationGetSlaveOffset`). */
  replicaOffset(): number {
    if (this.primaryHost === null) return 0;
    const p = this.primary ?? this.cachedPrimary;
    return Math.max(0, p ? p.reploff : 0);
  }
}

/** Whether an argument reads as a signed 64-bit integer (`getLongLongFromObject`). */
function isLongLong(s: Bytes): boolean {
  if (!/^-?(0|[1-9][0-9]*)$/.test(s) || s.length > 20) return false;
  const big = BigInt(s);
  return big <= 9223372036854775807n && big >= -9223372036854775808n;
}
