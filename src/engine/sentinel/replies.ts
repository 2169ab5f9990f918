/**
 * How Sentinel describes its state in replies: the flat field lists of SENTINEL MASTER /
 * REPLICAS / SENTINELS, SENTINEL DEBUG's timers, the `# Sentinel` INFO section and ROLE.
 *
 * Counterpart in Redis: sentinel.c `addReplySentinelRedisInstance`, `addReplyDictOfRedisInstances`,
 * `addReplySentinelDebugInfo`, `sentinelInfoCommand` (the Sentinel section) and
 * `sentinelRoleCommand`. Every value is a bulk string, numbers included, as Redis sends them.
 */
import { array, bulk, type Reply } from '../resp/reply.ts';
import type { Sentinel } from './sentinel.ts';
import type { SentinelInstance } from './instance.ts';

/** The name/value list describing one instance. */
export function instanceReply(s: Sentinel, ri: SentinelInstance): Reply {
  const now = s.now;
  const f: [string, string | number][] = [];
  f.push(['name', ri.name], ['ip', s.announce(ri.addr)], ['port', ri.addr.port], ['runid', ri.runid ?? ''], ['flags', ri.flagsString()]);
  f.push(['link-pending-commands', ri.link.pendingCommands], ['link-refcount', ri.link.refcount]);
  if (ri.failoverInProgress) f.push(['failover-state', ri.failoverState]);
  f.push(['last-ping-sent', ri.link.actPingTime ? now - ri.link.actPingTime : 0]);
  f.push(['last-ok-ping-reply', now - ri.link.lastAvailTime], ['last-ping-reply', now - ri.link.lastPongTime]);
  if (ri.sDown) f.push(['s-down-time', now - ri.sDownSinceTime]);
  if (ri.oDown) f.push(['o-down-time', now - ri.oDownSinceTime]);
  f.push(['down-after-milliseconds', ri.downAfterPeriod]);
  if (ri.kind !== 'sentinel') {
    f.push(['info-refresh', ri.infoRefresh ? now - ri.infoRefresh : 0]);
    f.push(['role-reported', ri.roleReported === 'master' ? 'master' : 'slave'], ['role-reported-time', now - ri.roleReportedTime]);
  }
  if (ri.kind === 'master') {
    f.push(['config-epoch', ri.configEpoch], ['num-slaves', ri.slaves.size], ['num-other-sentinels', ri.sentinels.size]);
    f.push(['quorum', ri.quorum], ['failover-timeout', ri.failoverTimeout], ['parallel-syncs', ri.parallelSyncs]);
    if (ri.notificationScript) f.push(['notification-script', ri.notificationScript]);
    if (ri.clientReconfigScript) f.push(['client-reconfig-script', ri.clientReconfigScript]);
  }
  if (ri.kind === 'slave') {
    f.push(['master-link-down-time', ri.masterLinkDownTime], ['master-link-status', ri.slaveMasterLinkStatusUp ? 'ok' : 'err']);
    f.push(['master-host', ri.slaveMasterHost ?? '?'], ['master-port', ri.slaveMasterPort]);
    f.push(['slave-priority', ri.slavePriority], ['slave-repl-offset', ri.slaveReplOffset], ['replica-announced', ri.replicaAnnounced]);
  }
  if (ri.kind === 'sentinel') {
    f.push(['last-hello-message', now - ri.lastHelloTime], ['voted-leader', ri.leader ?? '?'], ['voted-leader-epoch', ri.leaderEpoch]);
  }
  return array(f.flatMap(([k, v]) => [bulk(k), bulk(String(v))]));
}

/** A list of instances, replicas that asked not to be announced left out. */
export function instancesReply(s: Sentinel, instances: Iterable<SentinelInstance>): Reply {
  const out: Reply[] = [];
  for (const ri of instances) {
    if (ri.kind === 'slave' && !ri.replicaAnnounced) continue;
    out.push(instanceReply(s, ri));
  }
  return array(out);
}

/** SENTINEL DEBUG without arguments. */
export function debugInfoReply(s: Sentinel): Reply {
  const p = s.periods;
  const pairs: [string, number][] = [
    ['INFO-PERIOD', p.infoPeriod], ['PING-PERIOD', p.pingPeriod], ['ASK-PERIOD', p.askPeriod], ['PUBLISH-PERIOD', p.publishPeriod],
    ['DEFAULT-DOWN-AFTER', p.defaultDownAfter], ['DEFAULT-FAILOVER-TIMEOUT', p.defaultFailoverTimeout], ['TILT-TRIGGER', p.tiltTrigger],
    ['TILT-PERIOD', p.tiltPeriod], ['SLAVE-RECONF-TIMEOUT', p.slaveReconfTimeout], ['MIN-LINK-RECONNECT-PERIOD', p.minLinkReconnectPeriod],
    ['ELECTION-TIMEOUT', p.electionTimeout], ['SCRIPT-MAX-RUNTIME', p.scriptMaxRuntime], ['SCRIPT-RETRY-DELAY', p.scriptRetryDelay],
  ];
  return array(pairs.flatMap(([k, v]) => [bulk(k), bulk(String(v))]));
}

/** The `# Sentinel` section of INFO (lines without line ends). */
export function infoSentinelSection(s: Sentinel): string[] {
  const lines = [
    '# Sentinel',
    `sentinel_masters:${s.masters.size}`,
    `sentinel_tilt:${s.tilt ? 1 : 0}`,
    `sentinel_tilt_since_seconds:${s.tilt ? Math.floor((s.now - s.tiltStartTime) / 1000) : -1}`,
    'sentinel_running_scripts:0',
    'sentinel_scripts_queue_length:0',
    `sentinel_simulate_failure_flags:${s.simFailureFlags}`,
  ];
  let id = 0;
  for (const ri of s.masters.values()) {
    const status = ri.oDown ? 'odown' : ri.sDown ? 'sdown' : 'ok';
    lines.push(`master${id++}:name=${ri.name},status=${status},address=${s.announce(ri.addr)}:${ri.addr.port},slaves=${ri.slaves.size},sentinels=${ri.sentinels.size + 1}`);
  }
  return lines;
}
