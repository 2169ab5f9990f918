/**
 * Goal: Sentinel behaves as Redis 7.0.15 does in the situations the tutorial and its "beyond"
 * lessons show: a frozen primary (DEBUG SLEEP 30), partitions isolating the primary with a
 * minority or a majority of sentinels, too few sentinels for the quorum, replica-priority 0,
 * no promotable replica, a sentinel dying mid-failover, a sentinel started from a copied config.
 * Method: the tutorial cluster on the simulator with safety checkers after every step (one
 * vote per sentinel per epoch, epochs never decrease); assert on the sentinels' logs, their
 * replies and, after healing, on convergence (one primary that everybody follows).
 */
import { describe, expect, it } from 'vitest';
import {
  addSentinelSafetyCheckers, convergenceProblem, dir, failoverTimeline, firstEvent, logEvents, plain, primaryAddrSeenBy, roleOf, runUntilEvent,
  sentinelFile, sentinelState, startSentinel, tutorialCluster, SENTINEL_PORTS,
} from '../support/sentinel-harness.ts';

const DATA = [6379, 6380, 6381];

describe('sentinel: a frozen primary (06-failover/debug-sleep)', () => {
  // DEBUG SLEEP 30 freezes the primary with its TCP links alive. The simulator's SIGSTOP is the
  // same from the sentinels' side and lets the simulator account for what the frozen process
  // writes to connections closed meanwhile (see the report: DEBUG SLEEP in the engine buffers
  // those inputs itself, which the simulator's connection checker flags).
  it('fails over while the primary is frozen, then converts the zombie when it wakes up', () => {
    const s = tutorialCluster({ seed: 31 });
    addSentinelSafetyCheckers(s);
    const t0 = s.nowMs;
    s.pause(6379);
    s.runFor(12000);
    const t = failoverTimeline(s, t0);
    // The links stay up, so SDOWN comes from the oldest unanswered PING: later than after a kill.
    expect(t.first_sdown).toBeGreaterThan(5000);
    expect(t.first_sdown).toBeLessThan(6100);
    expect(t.promoted).toBeGreaterThan(5900);
    expect(t.promoted).toBeLessThan(7400);
    expect(t.last_switch_master).toBeLessThan(8600);
    s.runFor(18000);
    const t1 = s.nowMs;
    s.resume(6379);
    s.runFor(20000);
    const conv = SENTINEL_PORTS.map((p) => firstEvent(s, p, '+convert-to-slave', t1, 'slave 127.0.0.1:6379')).filter((e) => e !== null);
    expect(conv.length).toBeGreaterThanOrEqual(1);
    s.runFor(10000);
    expect(convergenceProblem(s, DATA)).toBeNull();
  });
});

describe('sentinel: partitions', () => {
  it('primary isolated with a minority of sentinels: the majority fails over; after healing everybody follows the new primary', () => {
    const s = tutorialCluster({ seed: 32 });
    addSentinelSafetyCheckers(s);
    const t0 = s.nowMs;
    s.partition([6379, 5000], [6380, 6381, 5001, 5002]);
    s.runFor(20000);
    const t = failoverTimeline(s, t0, [5001, 5002]);
    expect(t.elected).toBeGreaterThan(5000);
    expect(t.last_switch_master).toBeLessThan(12000);
    // The isolated sentinel saw its primary healthy the whole time: no failover there.
    expect(firstEvent(s, 5000, '+sdown', t0, 'master myprimary')).toBeNull();
    expect(sentinelState(s, 5000).currentEpoch).toBe(0);
    s.repair();
    s.runFor(30000);
    expect(convergenceProblem(s, DATA)).toBeNull();
    expect(firstEvent(s, 5000, '+switch-master', t0)).not.toBeNull();
    expect(SENTINEL_PORTS.some((p) => firstEvent(s, p, '+convert-to-slave', t0, 'slave 127.0.0.1:6379') !== null)).toBe(true);
  });

  it('primary isolated with a majority of sentinels: the lone sentinel sees SDOWN but cannot reach ODOWN', () => {
    const s = tutorialCluster({ seed: 33 });
    addSentinelSafetyCheckers(s);
    const t0 = s.nowMs;
    s.partition([6379, 5000, 5001], [6380, 6381, 5002]);
    s.runFor(20000);
    expect(firstEvent(s, 5002, '+sdown', t0, 'master myprimary')).not.toBeNull();
    expect(firstEvent(s, 5002, '+odown', t0)).toBeNull();
    for (const p of SENTINEL_PORTS) expect(firstEvent(s, p, '+try-failover', t0)).toBeNull();
    expect(plain(s.client(5002).call('INFO', 'sentinel'))).toContain('master0:name=myprimary,status=sdown,');
    s.repair();
    s.runFor(15000);
    expect(firstEvent(s, 5002, '-sdown', t0, 'master myprimary')).not.toBeNull();
    expect(convergenceProblem(s, DATA)).toBeNull();
    expect(primaryAddrSeenBy(s, 5002)).toBe('127.0.0.1:6379');
  });
});

describe('sentinel: quorum not reachable (06-failover/no-quorum)', () => {
  it('one sentinel alone only reaches SDOWN; a second one restarted reaches ODOWN and fails over', () => {
    const s = tutorialCluster({ seed: 34, replicas: [6380] });
    addSentinelSafetyCheckers(s);
    s.crash(5001).crash(5002);
    const t0 = s.nowMs;
    s.crash(6379);
    s.runFor(15000);
    const sd = firstEvent(s, 5000, '+sdown', t0, 'master myprimary');
    expect(sd!.ms - t0).toBeGreaterThan(5000);
    expect(sd!.ms - t0).toBeLessThan(5200);
    expect(firstEvent(s, 5000, '+odown', t0)).toBeNull();
    expect(plain(s.client(5000).call('INFO', 'sentinel'))).toContain('status=sdown');
    expect(plain(s.client(5000).call('SENTINEL', 'ckquorum', 'myprimary'))).toBe(
      '!NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified quorum for this master. Not enough available Sentinels to reach the majority and authorize a failover',
    );
    const t1 = s.nowMs;
    s.restart(5001);
    runUntilEvent(s, 5001, '+switch-master', t1, 20000);
    const sw = firstEvent(s, 5001, '+switch-master', t1)!.ms - t1;
    expect(sw).toBeGreaterThan(5500);
    expect(sw).toBeLessThan(7500);
    s.runFor(1000);
    expect(primaryAddrSeenBy(s, 5000)).toBe('127.0.0.1:6380');
  });
});

describe('sentinel: replica selection', () => {
  it('never promotes a replica with replica-priority 0', () => {
    for (const seed of [35, 36, 37]) {
      const s = tutorialCluster({ seed, replicaExtra: { 6380: 'replica-priority 0' } });
      const t0 = s.nowMs;
      s.crash(6379);
      s.runFor(12000);
      const leader = SENTINEL_PORTS.find((p) => firstEvent(s, p, '+selected-slave', t0))!;
      expect(firstEvent(s, leader, '+selected-slave', t0)!.text).toBe('+selected-slave slave 127.0.0.1:6381 127.0.0.1 6381 @ myprimary 127.0.0.1 6379');
      expect(roleOf(s, 6381)).toBe('master');
    }
  });

  it('aborts with -failover-abort-no-good-slave when no replica qualifies, and retries only after 2 x failover-timeout', () => {
    const s = tutorialCluster({ seed: 38, replicas: [6380], replicaExtra: { 6380: 'replica-priority 0' } });
    addSentinelSafetyCheckers(s);
    const t0 = s.nowMs;
    s.crash(6379);
    s.runFor(20000);
    const leader = SENTINEL_PORTS.find((p) => firstEvent(s, p, '+elected-leader', t0))!;
    const names = logEvents(s, leader).filter((e) => e.ms >= t0).map((e) => e.type);
    expect(names.slice(names.indexOf('+elected-leader'), names.indexOf('+elected-leader') + 3)).toEqual(['+elected-leader', '+failover-state-select-slave', '-failover-abort-no-good-slave']);
    expect(logEvents(s, leader).filter((e) => e.ms >= t0 && e.type === '+try-failover').length).toBe(1);
    expect(roleOf(s, 6380)).toBe('slave');
  });
});

describe('sentinel: a sentinel crashing mid-failover', () => {
  it('the others take over in a later epoch, after the failover-timeout delay', () => {
    const s = tutorialCluster({ seed: 39, failoverTimeout: 20000 });
    addSentinelSafetyCheckers(s);
    const t0 = s.nowMs;
    s.crash(6379);
    s.runUntil(() => SENTINEL_PORTS.some((p) => firstEvent(s, p, '+elected-leader', t0)), 20000, 'a leader');
    const leader = SENTINEL_PORTS.find((p) => firstEvent(s, p, '+elected-leader', t0))!;
    s.crash(leader);
    const rest = SENTINEL_PORTS.filter((p) => p !== leader);
    s.runUntil(() => rest.every((p) => firstEvent(s, p, '+switch-master', t0) !== null), 120000, 'switch on the survivors');
    const epochs = rest.map((p) => sentinelState(s, p).currentEpoch);
    expect(Math.min(...epochs)).toBeGreaterThanOrEqual(2);
    // Nobody started another attempt before 2 x failover-timeout after voting.
    const retry = rest.map((p) => firstEvent(s, p, '+try-failover', t0)).filter((e) => e !== null);
    expect(retry.length).toBeGreaterThanOrEqual(1);
    expect(Math.min(...retry.map((e) => e!.ms)) - t0).toBeGreaterThan(40000);
    s.runFor(20000);
    expect(convergenceProblem(s, [6380, 6381], rest)).toBeNull();
  });
});

describe('sentinel: a sentinel started from a copied, rewritten config', () => {
  it('keeps the copied myid: the original ignores it, the others see one sentinel switching addresses', () => {
    const s = tutorialCluster({ seed: 40, replicas: [6380] });
    const copied = s.read(sentinelFile(5000))!.replace('port 5000', 'port 5003');
    s.file('/home/learner/5003/sentinel.conf', copied);
    s.start('redis-sentinel', ['./sentinel.conf'], { cwd: '/home/learner/5003' });
    const t0 = s.nowMs;
    s.runFor(6000);
    const id = plain(s.client(5000).call('SENTINEL', 'myid'));
    expect(plain(s.client(5003).call('SENTINEL', 'myid'))).toBe(id);
    // The copy keeps the original's `dir` line, so it logs into the original's directory.
    expect(s.read('/home/learner/5003/sentinel.log')).toBeNull();
    expect(s.read(`${dir(5000)}/sentinel.log`)).toContain('* Running mode=sentinel, port=5003.');
    expect(logEvents(s, 5001).some((e) => e.ms >= t0 && e.text === `+sentinel-address-switch master myprimary 127.0.0.1 6379 ip 127.0.0.1 port 5003 for ${id}`)).toBe(true);
    expect(firstEvent(s, 5000, '+sentinel', t0)).toBeNull();
    void startSentinel;
  });
});
