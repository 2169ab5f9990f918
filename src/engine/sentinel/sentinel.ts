/**
 * Redis Sentinel inside a server process in sentinel mode: the global state, the timer that
 * drives monitoring, the links to primaries, replicas and other sentinels, INFO parsing and
 * discovery, hello messages, availability (SDOWN/ODOWN), leader election and events.
 * The failover state machine is in ./failover.ts, config loading and rewriting in ./config.ts.
 *
 * Counterpart in Redis: sentinel.c — `sentinelState`, `sentinelTimer`,
 * `sentinelHandleDictOfRedisInstances`, `sentinelHandleRedisInstance`,
 * `sentinelReconnectInstance`, `sentinelSendPeriodicCommands`, `sentinelRefreshInstanceInfo`,
 * `sentinelProcessHelloMessage`, `sentinelSendHello`, `sentinelCheckSubjectivelyDown`,
 * `sentinelCheckObjectivelyDown`, `sentinelAskMasterStateToOtherSentinels`,
 * `sentinelVoteLeader`, `sentinelGetLeader`, `sentinelEvent`, `sentinelCheckTiltCondition`.
 * Time is the server's `nowMs` (Redis's `mstime()`); `rand()` is the node's seeded Rng.
 */
import type { LogLevel } from '../types.ts';
import type { Reply } from '../resp/reply.ts';
import type { RedisServer } from '../server/server.ts';
import type { ConfigError, LoadOptions } from '../config/load.ts';
import type { RewriteState } from '../config/rewrite.ts';
import { randomHex, randomInt } from '../util/random.ts';
import { RespConn } from './link.ts';
import { SentinelInstance, addrAndPort, isIpLiteral, FAILOVER_ORDER, type InstanceKind, type SentinelAddr } from './instance.ts';
import type { InstanceLink } from './instance.ts';
import { handleConfiguration, preMonitorOption, rewriteSentinelOptions } from './config.ts';
import { failoverStateMachine, failoverSwitchToPromotedSlave, sendSlaveOf, startFailoverIfNeeded } from './failover.ts';

export const HELLO_CHANNEL = '__sentinel__:hello';
export const MAX_DESYNC = 1000;
const MAX_PENDING_COMMANDS = 100;

/** The timing parameters SENTINEL DEBUG shows and sets (sentinel.c's static periods). */
export interface SentinelPeriods {
  infoPeriod: number;
  pingPeriod: number;
  askPeriod: number;
  publishPeriod: number;
  defaultDownAfter: number;
  defaultFailoverTimeout: number;
  tiltTrigger: number;
  tiltPeriod: number;
  slaveReconfTimeout: number;
  minLinkReconnectPeriod: number;
  electionTimeout: number;
  scriptMaxRuntime: number;
  scriptRetryDelay: number;
}

/** Why an instance could not be created (`sentinelCheckCreateInstanceErrors`'s errno cases). */
export type CreateError = 'EBUSY' | 'ENOENT' | 'EINVAL';

interface QueuedLine {
  args: string[];
  lineNumber: number;
  line: string;
}

export class Sentinel {
  readonly server: RedisServer;
  myid = '';
  currentEpoch = 0;
  /** Monitored primaries by name, in the order they were added. */
  readonly masters = new Map<string, SentinelInstance>();
  tilt = false;
  tiltStartTime = 0;
  previousTime: number;
  announceIp: string | null = null;
  announcePort = 0;
  simFailureFlags = 0;
  denyScriptsReconfig = true;
  sentinelAuthPass: string | null = null;
  sentinelAuthUser: string | null = null;
  resolveHostnames = false;
  announceHostnames = false;
  /** The server's hz, re-randomised after every timer run (10..19). */
  hz = 10;
  readonly periods: SentinelPeriods = {
    infoPeriod: 10000,
    pingPeriod: 1000,
    askPeriod: 1000,
    publishPeriod: 2000,
    defaultDownAfter: 30000,
    defaultFailoverTimeout: 180000,
    tiltTrigger: 2000,
    tiltPeriod: 30000,
    slaveReconfTimeout: 10000,
    minLinkReconnectPeriod: 15000,
    electionTimeout: 10000,
    scriptMaxRuntime: 60000,
    scriptRetryDelay: 30000,
  };
  private queue: { pre: QueuedLine[]; monitor: QueuedLine[]; post: QueuedLine[] } = { pre: [], monitor: [], post: [] };

  constructor(server: RedisServer) {
    this.server = server;
    this.previousTime = server.nowMs;
  }

  get now(): number {
    return this.server.nowMs;
  }

  /** C's `rand() % n`, from the node's seeded generator. */
  rand(n: number): number {
    return randomInt(this.server.rng, n);
  }

  // ---------------------------------------------------------------------------------------
  // Startup and configuration
  // ---------------------------------------------------------------------------------------

  /** `initSentinelConfig`: Sentinel's defaults for port (26379) and protected-mode (no). */
  initConfig(): void {
    this.server.config.setValue('port', 26379n);
    this.server.config.setValue('protected-mode', false);
  }

  /** Options for the config loader: `sentinel …` lines are queued (`queueSentinelConfig`). */
  loadOptions(): LoadOptions {
    return {
      isSentinel: true,
      onSentinelLine: (args, lineNumber, line) => {
        const entry = { args, lineNumber, line };
        const name = args[0].toLowerCase();
        if (name === 'monitor') this.queue.monitor.push(entry);
        else if (preMonitorOption(name)) this.queue.pre.push(entry);
        else this.queue.post.push(entry);
        return null;
      },
    };
  }

  /** `loadSentinelConfigFromQueue`: pre-monitor lines, then monitors, then the rest. */
  loadQueuedConfig(): ConfigError | null {
    const all = [...this.queue.pre, ...this.queue.monitor, ...this.queue.post];
    this.queue = { pre: [], monitor: [], post: [] };
    for (const e of all) {
      const err = handleConfiguration(this, e.args);
      if (err) return { lineNumber: e.lineNumber, line: e.line, message: err };
    }
    return null;
  }

  /** `sentinelIsRunning`: pick and persist an id if there is none, log it, announce every primary. */
  isRunning(): void {
    if (this.myid === '') {
      this.myid = randomHex(this.server.rng, 40);
      this.flushConfig();
    }
    this.server.log('warning', `Sentinel ID is ${this.myid}`);
    for (const ri of this.masters.values()) this.event('warning', '+monitor', ri, `quorum ${ri.quorum}`);
  }

  /**
   * `sentinelFlushConfig`: CONFIG REWRITE of the sentinel's own file with its state. Returns
   * false (after logging Redis's warning) when the file cannot be written.
   */
  flushConfig(): boolean {
    const server = this.server;
    const path = server.configFile;
    try {
      const text = server.config.rewrite(server.disk.read(path), {
        sentinelMode: true,
        sentinel: (state: RewriteState) => rewriteSentinelOptions(this, state),
      });
      server.disk.write(path, text);
    } catch (e) {
      server.log('warning', `WARNING: Sentinel was not able to save the new configuration on disk!!!: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    server.log('notice', 'Sentinel new configuration saved on disk');
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // Addresses and instances
  // ---------------------------------------------------------------------------------------

  /** `createSentinelAddr`: only IP literals unless resolve-hostnames (then `localhost` too). */
  createAddr(hostname: string, port: number, acceptUnresolved: boolean): SentinelAddr | CreateError {
    if (port < 0 || port > 65535) return 'EINVAL';
    let ip = this.resolve(hostname);
    if (ip === null) {
      this.server.log('warning', `Failed to resolve hostname '${hostname}'`);
      if (this.resolveHostnames && acceptUnresolved) ip = '';
      else return 'ENOENT';
    }
    return { hostname, ip, port };
  }

  private resolve(hostname: string): string | null {
    if (isIpLiteral(hostname)) return hostname;
    if (this.resolveHostnames && hostname.toLowerCase() === 'localhost') return '127.0.0.1';
    return null;
  }

  /** The address as announced: the hostname with announce-hostnames, else the IP. */
  announce(a: SentinelAddr): string {
    return this.announceHostnames ? a.hostname : a.ip;
  }

  addrEqual(a: SentinelAddr, b: SentinelAddr): boolean {
    return a.port === b.port && (a.ip === b.ip || a.hostname.toLowerCase() === b.hostname.toLowerCase());
  }

  /** `sentinelAddrEqualsHostname`. */
  addrEqualsHostname(a: SentinelAddr, hostname: string | null): boolean {
    if (hostname === null) return false;
    const ip = this.resolve(hostname);
    if (ip === null) return (this.resolveHostnames ? a.hostname : a.ip).toLowerCase() === hostname.toLowerCase();
    return a.ip.toLowerCase() === ip.toLowerCase();
  }

  /**
   * `createSentinelRedisInstance`: a primary (into `masters`), or a replica/sentinel of
   * `master`. Replicas are named `ip:port`. Fails on a bad address or a duplicate.
   */
  createInstance(name: string | null, kind: InstanceKind, hostname: string, port: number, quorum: number, master: SentinelInstance | null): SentinelInstance | CreateError {
    const addr = this.createAddr(hostname, port, true);
    if (typeof addr === 'string') return addr;
    const instName = kind === 'slave' ? addrAndPort(this.announce(addr), addr.port) : (name ?? '');
    const table = kind === 'master' ? this.masters : kind === 'slave' ? master!.slaves : master!.sentinels;
    if (table.has(instName)) return 'EBUSY';
    const ri = new SentinelInstance({
      kind, name: instName, addr, quorum, master, nowMs: this.now,
      defaultDownAfter: this.periods.defaultDownAfter,
      defaultFailoverTimeout: this.periods.defaultFailoverTimeout,
    });
    table.set(instName, ri);
    return ri;
  }

  /** `sentinelRedisInstanceLookupSlave`. */
  lookupSlave(master: SentinelInstance, ip: string, port: number): SentinelInstance | null {
    const addr = this.createAddr(ip, port, false);
    if (typeof addr === 'string') return null;
    return master.slaves.get(addrAndPort(this.announce(addr), addr.port)) ?? null;
  }

  /** `getSentinelRedisInstanceByAddrAndRunID`. */
  findByAddrAndRunid(instances: Map<string, SentinelInstance>, ip: string | null, port: number, runid: string | null): SentinelInstance | null {
    let addr: SentinelAddr | null = null;
    if (ip !== null) {
      const a = this.createAddr(ip, port, true);
      if (typeof a === 'string') return null;
      addr = a;
    }
    for (const ri of instances.values()) {
      if (runid !== null && ri.runid === null) continue;
      if ((runid === null || ri.runid === runid) && (addr === null || this.addrEqual(ri.addr, addr))) return ri;
    }
    return null;
  }

  /** `sentinelGetCurrentMasterAddress`: the promoted replica's once it acknowledged its promotion. */
  currentMasterAddress(master: SentinelInstance): SentinelAddr {
    if (master.failoverInProgress && master.promotedSlave && FAILOVER_ORDER[master.failoverState] >= FAILOVER_ORDER.reconf_slaves) {
      return master.promotedSlave.addr;
    }
    return master.addr;
  }

  /** `sentinelPropagateDownAfterPeriod`. */
  propagateDownAfterPeriod(master: SentinelInstance): void {
    for (const d of [master.slaves, master.sentinels]) for (const ri of d.values()) ri.downAfterPeriod = master.downAfterPeriod;
  }

  /** `sentinelTryConnectionSharing`: reuse the link to the same sentinel under another primary. */
  tryConnectionSharing(ri: SentinelInstance): boolean {
    if (ri.runid === null || ri.link.refcount > 1) return false;
    for (const master of this.masters.values()) {
      if (master === ri.master) continue;
      const match = this.findByAddrAndRunid(master.sentinels, null, 0, ri.runid);
      if (!match || match === ri) continue;
      this.releaseLink(ri.link);
      ri.link = match.link;
      match.link.refcount++;
      return true;
    }
    return false;
  }

  /** `releaseInstanceLink`: drop one reference; close the connections with the last one. */
  releaseLink(link: InstanceLink): void {
    link.refcount--;
    if (link.refcount > 0) return;
    this.closeConnection(link, link.cc);
    this.closeConnection(link, link.pc);
  }

  /** Forgets an instance and everything under it (`releaseSentinelRedisInstance`). */
  releaseInstance(ri: SentinelInstance): void {
    for (const s of ri.sentinels.values()) this.releaseInstance(s);
    for (const s of ri.slaves.values()) this.releaseInstance(s);
    ri.sentinels.clear();
    ri.slaves.clear();
    this.releaseLink(ri.link);
    if (ri.kind === 'slave' && ri.promoted && ri.master) ri.master.promotedSlave = null;
  }

  /** `removeMatchingSentinelFromMaster`. */
  removeMatchingSentinel(master: SentinelInstance, runid: string | null): number {
    if (runid === null) return 0;
    let removed = 0;
    for (const [name, ri] of [...master.sentinels]) {
      if (ri.runid === runid) {
        master.sentinels.delete(name);
        this.releaseInstance(ri);
        removed++;
      }
    }
    return removed;
  }

  /**
   * `sentinelResetMaster`: forget replicas (and sentinels unless `keepSentinels`), drop the
   * links, end any failover, and allow a new failover at once.
   */
  resetMaster(ri: SentinelInstance, opts: { keepSentinels?: boolean; event?: boolean } = {}): void {
    for (const s of ri.slaves.values()) this.releaseInstance(s);
    ri.slaves = new Map();
    if (!opts.keepSentinels) {
      for (const s of ri.sentinels.values()) this.releaseInstance(s);
      ri.sentinels.clear();
    }
    this.closeConnection(ri.link, ri.link.cc);
    this.closeConnection(ri.link, ri.link.pc);
    ri.sDown = ri.oDown = ri.masterDown = ri.failoverInProgress = ri.promoted = false;
    ri.reconfSent = ri.reconfInprog = ri.reconfDone = ri.forceFailover = ri.scriptKillSent = ri.masterReboot = false;
    ri.leader = null;
    ri.failoverState = 'none';
    ri.failoverStateChangeTime = 0;
    ri.failoverStartTime = 0;
    ri.promotedSlave = null;
    ri.runid = null;
    ri.slaveMasterHost = null;
    const now = this.now;
    ri.link.actPingTime = now;
    ri.link.lastPingTime = 0;
    ri.link.lastAvailTime = now;
    ri.link.lastPongTime = now;
    ri.roleReportedTime = now;
    ri.roleReported = 'master';
    if (opts.event) this.event('warning', '+reset-master', ri, '');
  }

  /**
   * `sentinelResetMasterAndChangeAddress`: the primary now lives at `hostname:port`; the other
   * known replicas, and the old primary's address, are added back as replicas.
   */
  resetMasterAndChangeAddress(master: SentinelInstance, hostname: string, port: number): boolean {
    const newAddr = this.createAddr(hostname, port, false);
    if (typeof newAddr === 'string') return false;
    const slaves: SentinelAddr[] = [];
    for (const s of master.slaves.values()) {
      if (this.addrEqual(s.addr, newAddr)) continue;
      slaves.push({ ...s.addr });
    }
    if (!this.addrEqual(newAddr, master.addr)) slaves.push({ ...master.addr });
    this.resetMaster(master, { keepSentinels: true });
    master.addr = newAddr;
    master.oDownSinceTime = 0;
    master.sDownSinceTime = 0;
    for (const a of slaves) {
      const slave = this.createInstance(null, 'slave', a.hostname, a.port, master.quorum, master);
      if (typeof slave !== 'string') this.event('notice', '+slave', slave, '');
    }
    this.flushConfig();
    return true;
  }

  /** `sentinelRedisInstanceNoDownFor`. */
  noDownFor(ri: SentinelInstance, ms: number): boolean {
    const mostRecent = Math.max(ri.sDownSinceTime, ri.oDownSinceTime);
    return mostRecent === 0 || this.now - mostRecent > ms;
  }

  /** `sentinelInstanceMapCommand`: the name to send, after the primary's rename-command rules. */
  mapCommand(ri: SentinelInstance, command: string): string {
    const owner = ri.master ?? ri;
    return owner.renamedCommands.get(command.toLowerCase())?.[1] ?? command;
  }

  // ---------------------------------------------------------------------------------------
  // Events
  // ---------------------------------------------------------------------------------------

  /**
   * `sentinelEvent`: logs `type msg` at `level` and publishes `msg` on channel `type` (except
   * debug events). With an instance, `msg` starts with `<kind> <name> <ip> <port>` and, for
   * replicas and sentinels, ` @ <master name> <ip> <port>`; `rest` follows after a space.
   */
  event(level: LogLevel, type: string, ri: SentinelInstance | null, rest: string): void {
    let msg: string;
    if (ri) {
      msg = `${ri.kind} ${ri.name} ${this.announce(ri.addr)} ${ri.addr.port}`;
      if (ri.kind !== 'master' && ri.master) {
        const m = ri.master;
        msg += ` @ ${m.name} ${this.announce(m.addr)} ${m.addr.port}`;
      }
      if (rest !== '') msg += ' ' + rest;
    } else {
      msg = rest;
    }
    this.server.log(level, `${type} ${msg}`);
    if (level !== 'debug') this.server.publish(type, msg);
  }

  /** An event whose message has no instance prefix (`sentinelEvent` without `%@`). */
  eventRaw(level: LogLevel, type: string, msg: string): void {
    this.event(level, type, null, msg);
  }

  // ---------------------------------------------------------------------------------------
  // The timer
  // ---------------------------------------------------------------------------------------

  /** `sentinelTimer`: TILT check, every instance's periodic work, then a new random hz. */
  timer(nowMs: number): void {
    void nowMs;
    this.checkTiltCondition();
    this.handleDictOfInstances(this.masters);
    // Desynchronise the sentinels from one another: hz becomes 10..19.
    this.hz = 10 + this.rand(10);
  }

  /** `sentinelCheckTiltCondition`: a clock jump (backwards, or > 2 s between runs) enters TILT. */
  private checkTiltCondition(): void {
    const now = this.now;
    const delta = now - this.previousTime;
    if (delta < 0 || delta > this.periods.tiltTrigger) {
      this.tilt = true;
      this.tiltStartTime = now;
      this.eventRaw('warning', '+tilt', '#tilt mode entered');
    }
    this.previousTime = now;
  }

  /** `sentinelHandleDictOfRedisInstances`. */
  private handleDictOfInstances(instances: Map<string, SentinelInstance>): void {
    let switchToPromoted: SentinelInstance | null = null;
    for (const ri of [...instances.values()]) {
      if (ri.kind !== 'master' && ri.master && !(ri.kind === 'slave' ? ri.master.slaves : ri.master.sentinels).has(ri.name)) continue;
      this.handleInstance(ri);
      if (ri.kind === 'master') {
        this.handleDictOfInstances(ri.slaves);
        this.handleDictOfInstances(ri.sentinels);
        if (ri.failoverState === 'update_config') switchToPromoted = ri;
      }
    }
    if (switchToPromoted) failoverSwitchToPromotedSlave(this, switchToPromoted);
  }

  /** `sentinelHandleRedisInstance`: the monitoring half always, the acting half unless in TILT. */
  private handleInstance(ri: SentinelInstance): void {
    this.reconnectInstance(ri);
    this.sendPeriodicCommands(ri);
    if (this.tilt) {
      if (this.now - this.tiltStartTime < this.periods.tiltPeriod) return;
      this.tilt = false;
      this.eventRaw('warning', '-tilt', '#tilt mode exited');
    }
    this.checkSubjectivelyDown(ri);
    if (ri.kind === 'master') {
      this.checkObjectivelyDown(ri);
      if (startFailoverIfNeeded(this, ri)) this.askMasterStateToOtherSentinels(ri, true);
      failoverStateMachine(this, ri);
      this.askMasterStateToOtherSentinels(ri, false);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Links
  // ---------------------------------------------------------------------------------------

  /** `instanceLinkCloseConnection`. */
  closeConnection(link: InstanceLink, c: RespConn | null): void {
    if (c === null) return;
    if (link.cc === c) {
      link.cc = null;
      link.pendingCommands = 0;
    }
    if (link.pc === c) link.pc = null;
    link.disconnected = true;
    c.close();
  }

  /** `instanceLinkConnectionError`: the connection failed or the peer closed it. */
  private connectionLost(link: InstanceLink, c: RespConn): void {
    if (link.pc === c) link.pc = null;
    else if (link.cc === c) link.cc = null;
    else return;
    link.disconnected = true;
  }

  /** `sentinelReconnectInstance`: (re)open the missing connections, at most once per ping period. */
  private reconnectInstance(ri: SentinelInstance): void {
    const link = ri.link;
    if (!link.disconnected) return;
    if (ri.addr.port === 0) return;
    const now = this.now;
    if (now - link.lastReconnTime < this.periods.pingPeriod) return;
    link.lastReconnTime = now;
    if (link.cc === null) {
      const cc = new RespConn(this.server, ri.addr.ip, ri.addr.port, (c) => this.connectionLost(link, c));
      link.cc = cc;
      link.pendingCommands = 0;
      link.ccConnTime = now;
      this.sendAuthIfNeeded(ri, cc);
      this.setClientName(ri, cc, 'cmd');
      this.sendPing(ri);
    }
    if (ri.kind !== 'sentinel' && link.pc === null) {
      const pc = new RespConn(this.server, ri.addr.ip, ri.addr.port, (c) => this.connectionLost(link, c));
      link.pc = pc;
      link.pcConnTime = now;
      this.sendAuthIfNeeded(ri, pc);
      this.setClientName(ri, pc, 'pubsub');
      pc.command([this.mapCommand(ri, 'SUBSCRIBE'), HELLO_CHANNEL], (r) => this.receiveHelloMessages(ri, r), true);
    }
    if (link.cc && (ri.kind === 'sentinel' || link.pc)) link.disconnected = false;
  }

  /** `sentinelSendAuthIfNeeded`: the primary's auth-pass/auth-user, or for sentinels sentinel-pass (else requirepass). */
  private sendAuthIfNeeded(ri: SentinelInstance, c: RespConn): void {
    let pass: string | null;
    let user: string | null = null;
    if (ri.kind === 'sentinel') {
      if (this.sentinelAuthPass) {
        pass = this.sentinelAuthPass;
        user = this.sentinelAuthUser;
      } else {
        const rp = this.server.config.get('requirepass');
        pass = rp === '' ? null : rp;
      }
    } else {
      pass = ri.primary.authPass;
      user = ri.primary.authUser;
    }
    if (pass === null) return;
    const argv = user === null ? [this.mapCommand(ri, 'AUTH'), pass] : [this.mapCommand(ri, 'AUTH'), user, pass];
    this.discardingCommand(ri, c, argv);
  }

  /** `sentinelSetClientName`: `sentinel-<first 8 chars of myid>-<cmd|pubsub>`. */
  private setClientName(ri: SentinelInstance, c: RespConn, type: string): void {
    this.discardingCommand(ri, c, [this.mapCommand(ri, 'CLIENT'), 'SETNAME', `sentinel-${this.myid.slice(0, 8)}-${type}`]);
  }

  /** Sends a command whose reply only counts down the link's pending commands. */
  discardingCommand(ri: SentinelInstance, c: RespConn, argv: string[]): void {
    const link = ri.link;
    c.command(argv, () => {
      if (link.cc === c || link.pc === c) link.pendingCommands--;
    });
    link.pendingCommands++;
  }

  /** `sentinelSendPing`. */
  private sendPing(ri: SentinelInstance): void {
    const link = ri.link;
    const cc = link.cc;
    if (!cc) return;
    cc.command([this.mapCommand(ri, 'PING')], (r) => this.pingReply(ri, link, cc, r));
    link.pendingCommands++;
    link.lastPingTime = this.now;
    if (link.actPingTime === 0) link.actPingTime = link.lastPingTime;
  }

  /** `sentinelPingReplyCallback`: PONG, LOADING and MASTERDOWN count as the instance being available. */
  private pingReply(ri: SentinelInstance, link: InstanceLink, cc: RespConn, r: Reply): void {
    if (link.cc !== cc) return;
    link.pendingCommands--;
    const now = this.now;
    if (r.type === 'simple' || r.type === 'error') {
      const s = r.value;
      if (s.startsWith('PONG') || s.startsWith('LOADING') || s.startsWith('MASTERDOWN')) {
        link.lastAvailTime = now;
        link.actPingTime = 0;
        if (ri.masterReboot && s.startsWith('PONG')) ri.masterReboot = false;
      } else if (s.startsWith('BUSY') && ri.sDown && !ri.scriptKillSent) {
        cc.command([this.mapCommand(ri, 'SCRIPT'), 'KILL'], () => {
          if (link.cc === cc) link.pendingCommands--;
        });
        link.pendingCommands++;
        ri.scriptKillSent = true;
      }
    }
    link.lastPongTime = now;
  }

  /** `sentinelSendPeriodicCommands`: INFO (10 s, or 1 s around a failover), PING (1 s), hello (2 s). */
  private sendPeriodicCommands(ri: SentinelInstance): void {
    const link = ri.link;
    const now = this.now;
    if (link.disconnected || !link.cc) return;
    if (link.pendingCommands >= MAX_PENDING_COMMANDS * link.refcount) return;
    let infoPeriod = this.periods.infoPeriod;
    if (ri.kind === 'slave' && ri.master && (ri.master.oDown || ri.master.failoverInProgress || ri.masterLinkDownTime !== 0)) {
      infoPeriod = 1000;
    }
    let pingPeriod = ri.downAfterPeriod;
    if (pingPeriod > this.periods.pingPeriod) pingPeriod = this.periods.pingPeriod;
    if (ri.kind !== 'sentinel' && (ri.infoRefresh === 0 || now - ri.infoRefresh > infoPeriod)) {
      const cc = link.cc;
      cc.command([this.mapCommand(ri, 'INFO')], (r) => {
        if (link.cc !== cc) return;
        link.pendingCommands--;
        if (r.type === 'bulk' && r.value !== null) this.refreshInstanceInfo(ri, r.value);
      });
      link.pendingCommands++;
    }
    if (now - link.lastPongTime > pingPeriod && now - link.lastPingTime > pingPeriod / 2) this.sendPing(ri);
    if (now - ri.lastPubTime > this.periods.publishPeriod) this.sendHello(ri);
  }

  /** `sentinelSendHello`: `ip,port,myid,current_epoch,master_name,master_ip,master_port,master_config_epoch`. */
  sendHello(ri: SentinelInstance): boolean {
    const link = ri.link;
    if (link.disconnected || !link.cc) return false;
    const master = ri.primary;
    const masterAddr = this.currentMasterAddress(master);
    const cc = link.cc;
    const ip = this.announceIp ?? cc.local?.host ?? (ri.addr.ip.startsWith('127.') ? ri.addr.ip : '127.0.0.1');
    const port = this.announcePort || this.server.port;
    const payload = `${ip},${port},${this.myid},${this.currentEpoch},${master.name},${this.announce(masterAddr)},${masterAddr.port},${master.configEpoch}`;
    cc.command([this.mapCommand(ri, 'PUBLISH'), HELLO_CHANNEL, payload], (r) => {
      if (link.cc !== cc) return;
      link.pendingCommands--;
      if (r.type !== 'error') ri.lastPubTime = this.now;
    });
    link.pendingCommands++;
    return true;
  }

  /** `sentinelForceHelloUpdateForMaster`: make every hello to this primary's group due now. */
  forceHelloUpdateForMaster(master: SentinelInstance): void {
    const p = this.periods.publishPeriod + 1;
    if (master.lastPubTime >= p) master.lastPubTime -= p;
    for (const d of [master.sentinels, master.slaves]) for (const ri of d.values()) if (ri.lastPubTime >= p) ri.lastPubTime -= p;
  }

  /** `sentinelDropConnections`: close the links to every other sentinel; returns how many. */
  dropSentinelConnections(): number {
    let dropped = 0;
    for (const master of this.masters.values()) {
      for (const si of master.sentinels.values()) {
        if (!si.link.disconnected) {
          this.closeConnection(si.link, si.link.pc);
          this.closeConnection(si.link, si.link.cc);
          dropped++;
        }
      }
    }
    return dropped;
  }

  /** `dropInstanceConnections`: close the links to a primary and its replicas. */
  dropInstanceConnections(master: SentinelInstance): void {
    this.closeConnection(master.link, master.link.cc);
    this.closeConnection(master.link, master.link.pc);
    for (const s of master.slaves.values()) {
      this.closeConnection(s.link, s.link.cc);
      this.closeConnection(s.link, s.link.pc);
    }
  }

  // ---------------------------------------------------------------------------------------
  // INFO
  // ---------------------------------------------------------------------------------------

  /** `sentinelMasterLooksSane`. */
  masterLooksSane(master: SentinelInstance): boolean {
    return master.kind === 'master' && master.roleReported === 'master' && !master.sDown && !master.oDown && this.now - master.infoRefresh < this.periods.infoPeriod * 2;
  }

  /** `sentinelRefreshInstanceInfo`: read INFO, discover replicas, and act on role changes. */
  refreshInstanceInfo(ri: SentinelInstance, info: string): void {
    const now = this.now;
    ri.info = info;
    ri.masterLinkDownTime = 0;
    let role: 'master' | 'slave' | null = null;
    for (const l of info.split('\r\n')) {
      if (l.length >= 47 && l.startsWith('run_id:')) {
        const id = l.slice(7, 47);
        if (ri.runid === null) {
          ri.runid = id;
        } else if (ri.runid !== id) {
          this.event('notice', '+reboot', ri, '');
          if (ri.kind === 'master' && ri.masterRebootDownAfterPeriod !== 0) {
            ri.masterReboot = true;
            ri.masterRebootSinceTime = now;
          }
          ri.runid = id;
        }
      }
      if (ri.kind === 'master' && l.length >= 7 && l.startsWith('slave') && /\d/.test(l[5])) {
        let ip: string;
        let port: string;
        if (!l.includes('ip=')) {
          const m = /^[^:]*:([^,]*),([^,]*),/.exec(l);
          if (!m) continue;
          [ip, port] = [m[1], m[2]];
        } else {
          const ipAt = l.indexOf('ip=');
          const portAt = l.indexOf('port=');
          if (portAt < 0) continue;
          ip = l.slice(ipAt + 3).split(',')[0];
          port = l.slice(portAt + 5).split(',')[0];
        }
        const p = atoiPort(port);
        if (this.lookupSlave(ri, ip, p) === null) {
          const slave = this.createInstance(null, 'slave', ip, p, ri.quorum, ri);
          if (typeof slave !== 'string') {
            this.event('notice', '+slave', slave, '');
            this.flushConfig();
          }
        }
      }
      if (l.length >= 32 && l.startsWith('master_link_down_since_seconds')) {
        ri.masterLinkDownTime = atoiPort(l.slice(31)) * 1000;
      }
      if (l.length >= 11 && l.startsWith('role:master')) role = 'master';
      else if (l.length >= 10 && l.startsWith('role:slave')) role = 'slave';
      if (role === 'slave') {
        if (l.length >= 12 && l.startsWith('master_host:')) {
          const host = l.slice(12);
          if (ri.slaveMasterHost === null || ri.slaveMasterHost.toLowerCase() !== host.toLowerCase()) {
            ri.slaveMasterHost = host;
            ri.slaveConfChangeTime = now;
          }
        }
        if (l.length >= 12 && l.startsWith('master_port:')) {
          const port = atoiPort(l.slice(12));
          if (ri.slaveMasterPort !== port) {
            ri.slaveMasterPort = port;
            ri.slaveConfChangeTime = now;
          }
        }
        if (l.length >= 19 && l.startsWith('master_link_status:')) ri.slaveMasterLinkStatusUp = l.slice(19).toLowerCase() === 'up';
        if (l.length >= 15 && l.startsWith('slave_priority:')) ri.slavePriority = atoiPort(l.slice(15));
        if (l.length >= 18 && l.startsWith('slave_repl_offset:')) ri.slaveReplOffset = Number(/^\d+/.exec(l.slice(18))?.[0] ?? 0);
        if (l.length >= 18 && l.startsWith('replica_announced:')) ri.replicaAnnounced = atoiPort(l.slice(18));
      }
    }
    ri.infoRefresh = now;

    // The acting half. Role changes are noted even in TILT.
    if (role !== ri.roleReported) {
      ri.roleReportedTime = now;
      ri.roleReported = role ?? ('none' as 'master');
      if (role === 'slave') ri.slaveConfChangeTime = now;
      this.event('verbose', ri.kind === role ? '+role-change' : '-role-change', ri, `new reported role is ${role === 'master' ? 'master' : 'slave'}`);
    }
    if (this.tilt) return;
    const master = ri.master;

    // A replica turned into a primary.
    if (ri.kind === 'slave' && master && role === 'master') {
      if (ri.promoted && master.failoverInProgress && master.failoverState === 'wait_promotion') {
        // The promotion is acknowledged: claim the new configuration with our failover epoch.
        master.configEpoch = master.failoverEpoch;
        master.failoverState = 'reconf_slaves';
        master.failoverStateChangeTime = now;
        this.flushConfig();
        this.event('warning', '+promoted-slave', ri, '');
        if (this.simFailureFlags & 2) this.simFailureCrash();
        if (this.server.exited) return;
        this.event('warning', '+failover-state-reconf-slaves', master, '');
        this.forceHelloUpdateForMaster(master);
      } else {
        // Not ours: after a while, and with a healthy primary, turn it back into a replica.
        const waitTime = this.periods.publishPeriod * 4;
        if (!ri.promoted && this.masterLooksSane(master) && this.noDownFor(ri, waitTime) && now - ri.roleReportedTime > waitTime) {
          if (sendSlaveOf(this, ri, master.addr)) this.event('notice', '+convert-to-slave', ri, '');
        }
      }
    }

    // A replica replicating from the wrong primary.
    if (ri.kind === 'slave' && master && role === 'slave' && (ri.slaveMasterPort !== master.addr.port || !this.addrEqualsHostname(master.addr, ri.slaveMasterHost))) {
      const waitTime = master.failoverTimeout;
      if (this.masterLooksSane(master) && this.noDownFor(ri, waitTime) && now - ri.slaveConfChangeTime > waitTime) {
        if (sendSlaveOf(this, ri, master.addr)) this.event('notice', '+fix-slave-config', ri, '');
      }
    }

    // A replica being reconfigured during a failover moved on.
    if (ri.kind === 'slave' && master && role === 'slave' && (ri.reconfSent || ri.reconfInprog)) {
      const promoted = master.promotedSlave;
      if (ri.reconfSent && promoted && ri.slaveMasterHost !== null && this.addrEqualsHostname(promoted.addr, ri.slaveMasterHost) && ri.slaveMasterPort === promoted.addr.port) {
        ri.reconfSent = false;
        ri.reconfInprog = true;
        this.event('notice', '+slave-reconf-inprog', ri, '');
      }
      if (ri.reconfInprog && ri.slaveMasterLinkStatusUp) {
        ri.reconfInprog = false;
        ri.reconfDone = true;
        this.event('notice', '+slave-reconf-done', ri, '');
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Hello messages
  // ---------------------------------------------------------------------------------------

  /** `sentinelReceiveHelloMessages`: messages on `__sentinel__:hello`, our own excepted. */
  private receiveHelloMessages(ri: SentinelInstance, r: Reply): void {
    ri.link.pcLastActivity = this.now;
    if (r.type !== 'array' || !r.value || r.value.length !== 3) return;
    const [kind, , payload] = r.value;
    if (r.value.some((e) => e.type !== 'bulk' || e.value === null)) return;
    if (kind.type !== 'bulk' || kind.value !== 'message' || payload.type !== 'bulk' || payload.value === null) return;
    if (payload.value.includes(this.myid)) return;
    this.processHelloMessage(payload.value);
  }

  /**
   * `sentinelProcessHelloMessage`: learn about the sender (+sentinel), adopt a greater current
   * epoch (+new-epoch), and a newer configuration of the primary (+config-update-from,
   * +switch-master).
   */
  processHelloMessage(hello: string): void {
    const token = hello.split(',');
    if (token.length !== 8) return;
    const master = this.masters.get(token[4]);
    if (!master) return;
    const port = atoiPort(token[1]);
    const masterPort = atoiPort(token[6]);
    let si = this.findByAddrAndRunid(master.sentinels, token[0], port, token[2]);
    const currentEpoch = strtoullNum(token[3]);
    const masterConfigEpoch = strtoullNum(token[7]);
    if (!si) {
      const removed = this.removeMatchingSentinel(master, token[2]);
      if (removed) {
        this.event('notice', '+sentinel-address-switch', master, `ip ${token[0]} port ${port} for ${token[2]}`);
      } else {
        const other = this.findByAddrAndRunid(master.sentinels, token[0], port, null);
        if (other) {
          this.event('notice', '+sentinel-invalid-addr', other, '');
          const obsolete = other.runid;
          for (const m of this.masters.values()) this.removeMatchingSentinel(m, obsolete);
        }
      }
      const created = this.createInstance(token[2], 'sentinel', token[0], port, master.quorum, master);
      if (typeof created !== 'string') {
        si = created;
        if (!removed) this.event('notice', '+sentinel', si, '');
        si.runid = token[2];
        this.tryConnectionSharing(si);
        if (removed) this.updateSentinelAddressInAllMasters(si);
        this.flushConfig();
      }
    }
    if (currentEpoch > this.currentEpoch) {
      this.currentEpoch = currentEpoch;
      this.flushConfig();
      this.eventRaw('warning', '+new-epoch', String(this.currentEpoch));
    }
    if (si && master.configEpoch < masterConfigEpoch) {
      master.configEpoch = masterConfigEpoch;
      if (masterPort !== master.addr.port || !this.addrEqualsHostname(master.addr, token[5])) {
        this.event('warning', '+config-update-from', si, '');
        this.eventRaw('warning', '+switch-master', `${master.name} ${this.announce(master.addr)} ${master.addr.port} ${token[5]} ${masterPort}`);
        this.resetMasterAndChangeAddress(master, token[5], masterPort);
      }
    }
    if (si) si.lastHelloTime = this.now;
  }

  /** `sentinelUpdateSentinelAddressInAllMasters`. */
  private updateSentinelAddressInAllMasters(ri: SentinelInstance): number {
    let reconfigured = 0;
    for (const master of this.masters.values()) {
      const match = this.findByAddrAndRunid(master.sentinels, null, 0, ri.runid);
      if (!match) continue;
      if (match.link.cc) this.closeConnection(match.link, match.link.cc);
      if (match.link.pc) this.closeConnection(match.link, match.link.pc);
      if (match === ri) continue;
      match.addr = { ...ri.addr };
      reconfigured++;
    }
    if (reconfigured) this.event('notice', '+sentinel-address-update', ri, `${reconfigured} additional matching instances`);
    return reconfigured;
  }

  // ---------------------------------------------------------------------------------------
  // Availability
  // ---------------------------------------------------------------------------------------

  /** `sentinelCheckSubjectivelyDown`: no valid reply for down-after-milliseconds → +sdown. */
  private checkSubjectivelyDown(ri: SentinelInstance): void {
    const now = this.now;
    const link = ri.link;
    let elapsed = 0;
    if (link.actPingTime) elapsed = now - link.actPingTime;
    else if (link.disconnected) elapsed = now - link.lastAvailTime;
    // A command link connected long enough whose pings go unanswered is reconnected.
    if (link.cc && now - link.ccConnTime > this.periods.minLinkReconnectPeriod && link.actPingTime !== 0 &&
        now - link.actPingTime > ri.downAfterPeriod / 2 && now - link.lastPongTime > ri.downAfterPeriod / 2) {
      this.closeConnection(link, link.cc);
    }
    // A Pub/Sub link with no traffic for three publish periods is reconnected.
    if (link.pc && now - link.pcConnTime > this.periods.minLinkReconnectPeriod && now - link.pcLastActivity > this.periods.publishPeriod * 3) {
      this.closeConnection(link, link.pc);
    }
    if (elapsed > ri.downAfterPeriod ||
        (ri.kind === 'master' && ri.roleReported === 'slave' && now - ri.roleReportedTime > ri.downAfterPeriod + this.periods.infoPeriod * 2) ||
        (ri.masterReboot && now - ri.masterRebootSinceTime > ri.masterRebootDownAfterPeriod)) {
      if (!ri.sDown) {
        this.event('warning', '+sdown', ri, '');
        ri.sDownSinceTime = now;
        ri.sDown = true;
      }
    } else if (ri.sDown) {
      this.event('warning', '-sdown', ri, '');
      ri.sDown = false;
      ri.scriptKillSent = false;
    }
  }

  /** `sentinelCheckObjectivelyDown`: SDOWN here and at enough other sentinels → +odown. */
  private checkObjectivelyDown(master: SentinelInstance): void {
    let quorum = 0;
    let odown = false;
    if (master.sDown) {
      quorum = 1;
      for (const ri of master.sentinels.values()) if (ri.masterDown) quorum++;
      if (quorum >= master.quorum) odown = true;
    }
    if (odown) {
      if (!master.oDown) {
        this.event('warning', '+odown', master, `#quorum ${quorum}/${master.quorum}`);
        master.oDown = true;
        master.oDownSinceTime = this.now;
      }
    } else if (master.oDown) {
      this.event('warning', '-odown', master, '');
      master.oDown = false;
    }
  }

  /**
   * `sentinelAskMasterStateToOtherSentinels`: while the primary is SDOWN here, ask the others
   * with SENTINEL is-master-down-by-addr (with our id once we run a failover: a vote request).
   */
  askMasterStateToOtherSentinels(master: SentinelInstance, forced: boolean): void {
    const now = this.now;
    for (const ri of master.sentinels.values()) {
      const elapsed = now - ri.lastMasterDownReplyTime;
      if (elapsed > this.periods.askPeriod * 5) {
        ri.masterDown = false;
        ri.leader = null;
      }
      if (!master.sDown) continue;
      if (ri.link.disconnected || !ri.link.cc) continue;
      if (!forced && now - ri.lastMasterDownReplyTime < this.periods.askPeriod) continue;
      const link = ri.link;
      const cc = link.cc!;
      cc.command(
        [this.mapCommand(ri, 'SENTINEL'), 'is-master-down-by-addr', this.announce(master.addr), String(master.addr.port), String(this.currentEpoch), master.failoverState !== 'none' ? this.myid : '*'],
        (r) => this.receiveIsMasterDownReply(ri, link, cc, r),
      );
      link.pendingCommands++;
    }
  }

  /** `sentinelReceiveIsMasterDownReply`: the other's opinion, and its vote when it gave one. */
  private receiveIsMasterDownReply(ri: SentinelInstance, link: InstanceLink, cc: RespConn, r: Reply): void {
    if (link.cc !== cc) return;
    link.pendingCommands--;
    if (r.type !== 'array' || !r.value || r.value.length !== 3) return;
    const [down, leader, epoch] = r.value;
    if (down.type !== 'integer' || leader.type !== 'bulk' || leader.value === null || epoch.type !== 'integer') return;
    ri.lastMasterDownReplyTime = this.now;
    ri.masterDown = down.value === 1;
    if (leader.value !== '*') {
      if (ri.leaderEpoch !== epoch.value) this.server.log('warning', `${ri.name} voted for ${leader.value} ${epoch.value}`);
      ri.leader = leader.value;
      ri.leaderEpoch = epoch.value;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Election
  // ---------------------------------------------------------------------------------------

  /**
   * `sentinelVoteLeader`: vote for `reqRunid` in `reqEpoch` unless we already voted in that
   * epoch (or a later one); returns our vote for this primary and its epoch.
   */
  voteLeader(master: SentinelInstance, reqEpoch: number, reqRunid: string): { leader: string | null; epoch: number } {
    if (reqEpoch > this.currentEpoch) {
      this.currentEpoch = reqEpoch;
      this.flushConfig();
      this.eventRaw('warning', '+new-epoch', String(this.currentEpoch));
    }
    if (master.leaderEpoch < reqEpoch && this.currentEpoch <= reqEpoch) {
      master.leader = reqRunid;
      master.leaderEpoch = this.currentEpoch;
      this.flushConfig();
      this.eventRaw('warning', '+vote-for-leader', `${master.leader} ${master.leaderEpoch}`);
      // Voting for someone else delays our own failover attempts.
      if (master.leader.toLowerCase() !== this.myid.toLowerCase()) master.failoverStartTime = this.now + this.rand(MAX_DESYNC);
    }
    return { leader: master.leader, epoch: master.leaderEpoch };
  }

  /**
   * `sentinelGetLeader`: the sentinel voted by an absolute majority of all known sentinels
   * (and by at least quorum of them) in `epoch`, counting our own vote; null if none.
   */
  getLeader(master: SentinelInstance, epoch: number): string | null {
    const counters = new Map<string, number>();
    const voters = master.sentinels.size + 1;
    for (const ri of master.sentinels.values()) {
      if (ri.leader !== null && ri.leaderEpoch === this.currentEpoch) counters.set(ri.leader, (counters.get(ri.leader) ?? 0) + 1);
    }
    let winner: string | null = null;
    let maxVotes = 0;
    for (const [runid, votes] of counters) {
      if (votes > maxVotes) {
        maxVotes = votes;
        winner = runid;
      }
    }
    const mine = this.voteLeader(master, epoch, winner ?? this.myid);
    if (mine.leader !== null && mine.epoch === epoch) {
      const votes = (counters.get(mine.leader) ?? 0) + 1;
      counters.set(mine.leader, votes);
      if (votes > maxVotes) {
        maxVotes = votes;
        winner = mine.leader;
      }
    }
    const votersQuorum = Math.floor(voters / 2) + 1;
    if (winner !== null && (maxVotes < votersQuorum || maxVotes < master.quorum)) winner = null;
    return winner;
  }

  /** `SENTINEL SIMULATE-FAILURE`'s crash: log and exit 99. */
  simFailureCrash(): void {
    this.server.log('warning', 'Sentinel CRASH because of SENTINEL simulate-failure');
    this.server.exit(99);
  }

  /** `sentinelIsQuorumReachable`: usable sentinels (us included) vs quorum and majority. */
  isQuorumReachable(master: SentinelInstance): { usable: number; noQuorum: boolean; noAuth: boolean } {
    let usable = 1;
    const voters = master.sentinels.size + 1;
    for (const ri of master.sentinels.values()) if (!ri.sDown && !ri.oDown) usable++;
    return { usable, noQuorum: usable < master.quorum, noAuth: usable < Math.floor(voters / 2) + 1 };
  }
}

/** `atoi` of a port or count field (no 32-bit surprises needed here). */
function atoiPort(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** `strtoull` for epochs. */
function strtoullNum(s: string): number {
  const m = /^[ \t\n\v\f\r]*(\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}
