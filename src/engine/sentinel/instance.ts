/**
 * What a sentinel knows about each monitored instance: primaries, their replicas and the other
 * sentinels watching them, with the shared link state used for failure detection.
 *
 * Counterpart in Redis: sentinel.c `sentinelAddr`, `instanceLink`, `sentinelRedisInstance`
 * (the SRI_* flags become booleans), `createSentinelAddr`, `createInstanceLink`,
 * `createSentinelRedisInstance`, the failover state enum and the C parsing helpers Sentinel
 * relies on (`atoi`, `strtoull`).
 */
import type { RespConn } from './link.ts';

/** Redis's SENTINEL_FAILOVER_STATE_* values, as `sentinelFailoverStateStr` names them. */
export type FailoverState =
  | 'none'
  | 'wait_start'
  | 'select_slave'
  | 'send_slaveof_noone'
  | 'wait_promotion'
  | 'reconf_slaves'
  | 'update_config';

/** The order of the failover states (Redis compares them numerically). */
export const FAILOVER_ORDER: Record<FailoverState, number> = {
  none: 0,
  wait_start: 1,
  select_slave: 2,
  send_slaveof_noone: 3,
  wait_promotion: 4,
  reconf_slaves: 5,
  update_config: 6,
};

/** What kind of instance a record describes (SRI_MASTER, SRI_SLAVE, SRI_SENTINEL). */
export type InstanceKind = 'master' | 'slave' | 'sentinel';

/** An address as configured (`hostname`) and as resolved (`ip`). */
export interface SentinelAddr {
  hostname: string;
  ip: string;
  port: number;
}

/**
 * The two connections to an instance (commands, and Pub/Sub for primaries and replicas) and
 * the times failure detection reads. Links to the same sentinel are shared across primaries.
 */
export class InstanceLink {
  refcount = 1;
  /** True while either needed connection is missing. */
  disconnected = true;
  pendingCommands = 0;
  cc: RespConn | null = null;
  pc: RespConn | null = null;
  ccConnTime = 0;
  pcConnTime = 0;
  pcLastActivity = 0;
  /** Last time a PING got an acceptable reply (PONG, LOADING, MASTERDOWN). */
  lastAvailTime: number;
  /** When the oldest unanswered PING was sent; 0 once answered. */
  actPingTime: number;
  lastPingTime = 0;
  /** Last time a PING got any reply. */
  lastPongTime: number;
  lastReconnTime = 0;

  constructor(nowMs: number) {
    // "Now" even though nothing was sent: an instance we can never reach times out too.
    this.actPingTime = nowMs;
    this.lastAvailTime = nowMs;
    this.lastPongTime = nowMs;
  }
}

/** One monitored instance (sentinel.c `sentinelRedisInstance`). */
export class SentinelInstance {
  readonly kind: InstanceKind;
  name: string;
  runid: string | null = null;
  configEpoch = 0;
  addr: SentinelAddr;
  link: InstanceLink;
  // Flags (SRI_*), kind aside.
  sDown = false;
  oDown = false;
  masterDown = false;
  failoverInProgress = false;
  promoted = false;
  reconfSent = false;
  reconfInprog = false;
  reconfDone = false;
  forceFailover = false;
  scriptKillSent = false;
  masterReboot = false;

  lastPubTime: number;
  lastHelloTime: number;
  lastMasterDownReplyTime: number;
  sDownSinceTime = 0;
  oDownSinceTime = 0;
  downAfterPeriod: number;
  masterRebootDownAfterPeriod = 0;
  masterRebootSinceTime = 0;
  infoRefresh = 0;
  /** Commands renamed on this primary (and its replicas): original (lower case) → new name. */
  readonly renamedCommands = new Map<string, [string, string]>();
  roleReported: 'master' | 'slave';
  roleReportedTime: number;
  slaveConfChangeTime: number;

  // Primary only.
  readonly sentinels = new Map<string, SentinelInstance>();
  slaves = new Map<string, SentinelInstance>();
  quorum: number;
  parallelSyncs = 1;
  authPass: string | null = null;
  authUser: string | null = null;

  // Replica only.
  masterLinkDownTime = 0;
  slavePriority = 100;
  replicaAnnounced = 1;
  slaveReconfSentTime = 0;
  readonly master: SentinelInstance | null;
  slaveMasterHost: string | null = null;
  slaveMasterPort = 0;
  slaveMasterLinkStatusUp = false;
  slaveReplOffset = 0;

  // Failover.
  /** Primary: the sentinel that should lead the failover; sentinel: whom it voted for. */
  leader: string | null = null;
  leaderEpoch = 0;
  failoverEpoch = 0;
  failoverState: FailoverState = 'none';
  failoverStateChangeTime = 0;
  failoverStartTime = 0;
  failoverTimeout: number;
  failoverDelayLogged = 0;
  promotedSlave: SentinelInstance | null = null;
  notificationScript: string | null = null;
  clientReconfigScript: string | null = null;
  /** The last INFO text received. */
  info: string | null = null;

  constructor(opts: {
    kind: InstanceKind;
    name: string;
    addr: SentinelAddr;
    quorum: number;
    master: SentinelInstance | null;
    nowMs: number;
    defaultDownAfter: number;
    defaultFailoverTimeout: number;
  }) {
    const now = opts.nowMs;
    this.kind = opts.kind;
    this.name = opts.name;
    this.addr = opts.addr;
    this.link = new InstanceLink(now);
    this.lastPubTime = now;
    this.lastHelloTime = now;
    this.lastMasterDownReplyTime = now;
    this.downAfterPeriod = opts.master ? opts.master.downAfterPeriod : opts.defaultDownAfter;
    this.quorum = opts.quorum;
    this.master = opts.master;
    this.failoverTimeout = opts.defaultFailoverTimeout;
    this.roleReported = opts.kind === 'slave' ? 'slave' : 'master';
    this.roleReportedTime = now;
    this.slaveConfChangeTime = now;
  }

  /** The primary this record belongs to (itself for a primary). */
  get primary(): SentinelInstance {
    return this.kind === 'master' ? this : (this.master as SentinelInstance);
  }

  /** SENTINEL MASTER's `flags` field, in Redis's order. */
  flagsString(): string {
    const f: string[] = [];
    if (this.sDown) f.push('s_down');
    if (this.oDown) f.push('o_down');
    f.push(this.kind);
    if (this.link.disconnected) f.push('disconnected');
    if (this.masterDown) f.push('master_down');
    if (this.failoverInProgress) f.push('failover_in_progress');
    if (this.promoted) f.push('promoted');
    if (this.reconfSent) f.push('reconf_sent');
    if (this.reconfInprog) f.push('reconf_inprog');
    if (this.reconfDone) f.push('reconf_done');
    if (this.forceFailover) f.push('force_failover');
    if (this.scriptKillSent) f.push('script_kill_sent');
    return f.join(',');
  }
}

/** C's `atoi`: leading blanks, an optional sign, then digits; anything else stops (0 if none). */
export function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]);
  // int overflow wraps in practice; keep within 32 bits as Redis's int fields do.
  return n > 2147483647 || n < -2147483648 ? Number(BigInt.asIntN(32, BigInt(m[1]))) : n;
}

/** C's `strtoull(s, NULL, 10)` for the epochs Sentinel reads (negative wraps, as in C). */
export function strtoull(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  if (!m) return 0;
  const big = BigInt.asUintN(64, BigInt(m[1]));
  return Number(big);
}

/** Whether `s` is an IPv4 or IPv6 literal (what `anetResolve` accepts with ANET_IP_ONLY). */
export function isIpLiteral(s: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) return v4.slice(1).every((p) => Number(p) <= 255);
  return s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s);
}

/** `ip:port`, with IPv6 addresses in brackets (`announceSentinelAddrAndPort`). */
export function addrAndPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
