/**
 * The failover: deciding to start one, waiting to be elected, choosing the replica, promoting
 * it, reconfiguring the other replicas, and switching the monitored address.
 *
 * Counterpart in Redis: sentinel.c `sentinelSendSlaveOf`, `sentinelStartFailover`,
 * `sentinelStartFailoverIfNeeded`, `compareSlavesForPromotion`, `sentinelSelectSlave`,
 * `sentinelFailoverWaitStart`, `sentinelFailoverSelectSlave`,
 * `sentinelFailoverSendSlaveOfNoOne`, `sentinelFailoverWaitPromotion`,
 * `sentinelFailoverDetectEnd`, `sentinelFailoverReconfNextSlave`,
 * `sentinelFailoverSwitchToPromotedSlave`, `sentinelFailoverStateMachine`,
 * `sentinelAbortFailover`.
 */
import { unreachable } from '../types.ts';
import { formatCtime } from '../log.ts';
import type { Sentinel } from './sentinel.ts';
/** SENTINEL_MAX_DESYNC: the spread of the randomised failover start time. */
const MAX_DESYNC = 1000;
import { FAILOVER_ORDER, type SentinelAddr, type SentinelInstance } from './instance.ts';

/**
 * `sentinelSendSlaveOf`: one transaction — MULTI, SLAVEOF host port (or NO ONE), CONFIG
 * REWRITE, CLIENT KILL TYPE normal, CLIENT KILL TYPE pubsub, EXEC — whose replies are ignored:
 * the effect is observed in the next INFO. False when the command link is missing.
 */
export function sendSlaveOf(s: Sentinel, ri: SentinelInstance, addr: SentinelAddr | null): boolean {
  const cc = ri.link.cc;
  if (!cc) return false;
  const host = addr ? s.announce(addr) : 'NO';
  const port = addr ? String(addr.port) : 'ONE';
  const m = (c: string) => s.mapCommand(ri, c);
  s.discardingCommand(ri, cc, [m('MULTI')]);
  s.discardingCommand(ri, cc, [m('SLAVEOF'), host, port]);
  s.discardingCommand(ri, cc, [m('CONFIG'), 'REWRITE']);
  s.discardingCommand(ri, cc, [m('CLIENT'), 'KILL', 'TYPE', 'normal']);
  s.discardingCommand(ri, cc, [m('CLIENT'), 'KILL', 'TYPE', 'pubsub']);
  s.discardingCommand(ri, cc, [m('EXEC')]);
  return true;
}

/** `sentinelStartFailover`: a new epoch, +try-failover, and a randomised start time. */
export function startFailover(s: Sentinel, master: SentinelInstance): void {
  master.failoverState = 'wait_start';
  master.failoverInProgress = true;
  master.failoverEpoch = ++s.currentEpoch;
  s.eventRaw('warning', '+new-epoch', String(s.currentEpoch));
  s.event('warning', '+try-failover', master, '');
  master.failoverStartTime = s.now + s.rand(MAX_DESYNC);
  master.failoverStateChangeTime = s.now;
}

/**
 * `sentinelStartFailoverIfNeeded`: ODOWN, no failover running, and none started (or voted for)
 * within 2 × failover-timeout — otherwise the "Next failover delay" line, once per attempt.
 */
export function startFailoverIfNeeded(s: Sentinel, master: SentinelInstance): boolean {
  if (!master.oDown) return false;
  if (master.failoverInProgress) return false;
  if (s.now - master.failoverStartTime < master.failoverTimeout * 2) {
    if (master.failoverDelayLogged !== master.failoverStartTime) {
      const clockMs = Math.floor((master.failoverStartTime + master.failoverTimeout * 2) / 1000) * 1000;
      master.failoverDelayLogged = master.failoverStartTime;
      s.server.log('warning', `Next failover delay: I will not start a failover before ${formatCtime(clockMs)}`);
    }
    return false;
  }
  startFailover(s, master);
  return true;
}

/** `compareSlavesForPromotion`: lower priority, then greater offset, then smaller run id (unknown last). */
function compareSlaves(a: SentinelInstance, b: SentinelInstance): number {
  if (a.slavePriority !== b.slavePriority) return a.slavePriority - b.slavePriority;
  if (a.slaveReplOffset > b.slaveReplOffset) return -1;
  if (a.slaveReplOffset < b.slaveReplOffset) return 1;
  if (a.runid === null && b.runid === null) return 0;
  if (a.runid === null) return 1;
  if (b.runid === null) return -1;
  const x = a.runid.toLowerCase();
  const y = b.runid.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `sentinelSelectSlave`: among replicas that are up, connected, answered a PING within 5 s,
 * sent INFO recently, were not disconnected from the primary for too long and have a non-zero
 * priority, the best by {@link compareSlaves}; null if none qualifies.
 */
export function selectSlave(s: Sentinel, master: SentinelInstance): SentinelInstance | null {
  const now = s.now;
  let maxMasterDownTime = 0;
  if (master.sDown) maxMasterDownTime += now - master.sDownSinceTime;
  maxMasterDownTime += master.downAfterPeriod * 10;
  const candidates: SentinelInstance[] = [];
  for (const slave of master.slaves.values()) {
    if (slave.sDown || slave.oDown) continue;
    if (slave.link.disconnected) continue;
    if (now - slave.link.lastAvailTime > s.periods.pingPeriod * 5) continue;
    if (slave.slavePriority === 0) continue;
    const infoValidity = master.sDown ? s.periods.pingPeriod * 5 : s.periods.infoPeriod * 3;
    if (now - slave.infoRefresh > infoValidity) continue;
    if (slave.masterLinkDownTime > maxMasterDownTime) continue;
    candidates.push(slave);
  }
  candidates.sort(compareSlaves);
  return candidates[0] ?? null;
}

/** `sentinelAbortFailover` (only before the promotion was acknowledged). */
export function abortFailover(s: Sentinel, ri: SentinelInstance): void {
  ri.failoverInProgress = false;
  ri.forceFailover = false;
  ri.failoverState = 'none';
  ri.failoverStateChangeTime = s.now;
  if (ri.promotedSlave) {
    ri.promotedSlave.promoted = false;
    ri.promotedSlave = null;
  }
}

/** `sentinelFailoverWaitStart`: go on once elected (or forced); give up after the election timeout. */
function waitStart(s: Sentinel, ri: SentinelInstance): void {
  const leader = s.getLeader(ri, ri.failoverEpoch);
  const isLeader = leader !== null && leader.toLowerCase() === s.myid.toLowerCase();
  if (!isLeader && !ri.forceFailover) {
    const electionTimeout = Math.min(s.periods.electionTimeout, ri.failoverTimeout);
    if (s.now - ri.failoverStartTime > electionTimeout) {
      s.event('warning', '-failover-abort-not-elected', ri, '');
      abortFailover(s, ri);
    }
    return;
  }
  s.event('warning', '+elected-leader', ri, '');
  if (s.simFailureFlags & 1) {
    s.simFailureCrash();
    return;
  }
  ri.failoverState = 'select_slave';
  ri.failoverStateChangeTime = s.now;
  s.event('warning', '+failover-state-select-slave', ri, '');
}

/** `sentinelFailoverSelectSlave`. */
function selectSlaveState(s: Sentinel, ri: SentinelInstance): void {
  const slave = selectSlave(s, ri);
  if (slave === null) {
    s.event('warning', '-failover-abort-no-good-slave', ri, '');
    abortFailover(s, ri);
    return;
  }
  s.event('warning', '+selected-slave', slave, '');
  slave.promoted = true;
  ri.promotedSlave = slave;
  ri.failoverState = 'send_slaveof_noone';
  ri.failoverStateChangeTime = s.now;
  s.event('notice', '+failover-state-send-slaveof-noone', slave, '');
}

/** `sentinelFailoverSendSlaveOfNoOne`: retried while the replica is disconnected, until the timeout. */
function sendSlaveOfNoOne(s: Sentinel, ri: SentinelInstance): void {
  const promoted = ri.promotedSlave!;
  if (promoted.link.disconnected) {
    if (s.now - ri.failoverStateChangeTime > ri.failoverTimeout) {
      s.event('warning', '-failover-abort-slave-timeout', ri, '');
      abortFailover(s, ri);
    }
    return;
  }
  if (!sendSlaveOf(s, promoted, null)) return;
  s.event('notice', '+failover-state-wait-promotion', promoted, '');
  ri.failoverState = 'wait_promotion';
  ri.failoverStateChangeTime = s.now;
}

/** `sentinelFailoverWaitPromotion`: the INFO of the replica moves us on; here only the timeout. */
function waitPromotion(s: Sentinel, ri: SentinelInstance): void {
  if (s.now - ri.failoverStateChangeTime > ri.failoverTimeout) {
    s.event('warning', '-failover-abort-slave-timeout', ri, '');
    abortFailover(s, ri);
  }
}

/** `sentinelFailoverDetectEnd`: every reachable replica reconfigured, or the failover timed out. */
function detectEnd(s: Sentinel, master: SentinelInstance): void {
  const elapsed = s.now - master.failoverStateChangeTime;
  if (master.promotedSlave === null || master.promotedSlave.sDown) return;
  let notReconfigured = 0;
  let timeout = false;
  for (const slave of master.slaves.values()) {
    if (slave.promoted || slave.reconfDone) continue;
    if (slave.sDown) continue;
    notReconfigured++;
  }
  if (elapsed > master.failoverTimeout) {
    notReconfigured = 0;
    timeout = true;
    s.event('warning', '+failover-end-for-timeout', master, '');
  }
  if (notReconfigured === 0) {
    s.event('warning', '+failover-end', master, '');
    master.failoverState = 'update_config';
    master.failoverStateChangeTime = s.now;
  }
  if (timeout) {
    // A best-effort SLAVEOF to the replicas still not reconfigured.
    for (const slave of master.slaves.values()) {
      if (slave.promoted || slave.reconfDone || slave.reconfSent) continue;
      if (slave.link.disconnected) continue;
      if (sendSlaveOf(s, slave, master.promotedSlave.addr)) {
        s.event('notice', '+slave-reconf-sent-be', slave, '');
        slave.reconfSent = true;
      }
    }
  }
}

/** `sentinelFailoverReconfNextSlave`: SLAVEOF the new primary to at most parallel-syncs replicas at a time. */
function reconfNextSlave(s: Sentinel, master: SentinelInstance): void {
  let inProgress = 0;
  for (const slave of master.slaves.values()) if (slave.reconfSent || slave.reconfInprog) inProgress++;
  for (const slave of master.slaves.values()) {
    if (inProgress >= master.parallelSyncs) break;
    if (slave.promoted || slave.reconfDone) continue;
    if (slave.reconfSent && s.now - slave.slaveReconfSentTime > s.periods.slaveReconfTimeout) {
      s.event('notice', '-slave-reconf-sent-timeout', slave, '');
      slave.reconfSent = false;
      slave.reconfDone = true;
    }
    if (slave.reconfSent || slave.reconfInprog) continue;
    if (slave.link.disconnected) continue;
    if (sendSlaveOf(s, slave, master.promotedSlave!.addr)) {
      slave.reconfSent = true;
      slave.slaveReconfSentTime = s.now;
      s.event('notice', '+slave-reconf-sent', slave, '');
      inProgress++;
    }
  }
  detectEnd(s, master);
}

/** `sentinelFailoverSwitchToPromotedSlave`: +switch-master, then monitor the new address. */
export function failoverSwitchToPromotedSlave(s: Sentinel, master: SentinelInstance): void {
  const ref = master.promotedSlave ?? master;
  s.eventRaw('warning', '+switch-master', `${master.name} ${s.announce(master.addr)} ${master.addr.port} ${s.announce(ref.addr)} ${ref.addr.port}`);
  s.resetMasterAndChangeAddress(master, ref.addr.hostname, ref.addr.port);
}

/** `sentinelFailoverStateMachine`: one step of the failover in progress, by state. */
export function failoverStateMachine(s: Sentinel, ri: SentinelInstance): void {
  if (!ri.failoverInProgress) return;
  const state = ri.failoverState;
  switch (state) {
    case 'wait_start':
      waitStart(s, ri);
      break;
    case 'select_slave':
      selectSlaveState(s, ri);
      break;
    case 'send_slaveof_noone':
      sendSlaveOfNoOne(s, ri);
      break;
    case 'wait_promotion':
      waitPromotion(s, ri);
      break;
    case 'reconf_slaves':
      reconfNextSlave(s, ri);
      break;
    case 'none':
    case 'update_config':
      break;
    default:
      unreachable(state);
  }
}

export { FAILOVER_ORDER };
