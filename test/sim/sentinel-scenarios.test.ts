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
  addSentinelSafetyCheckers, cli, convergenceProblem, dir, linkUp, failoverTimeline, firstEvent, logEvents, plain, primaryAddrSeenBy, roleOf, runUntilEvent,
  sentinelFile, sentinelState, startSentinel, tutorialCluster, PASSWORD, SENTINEL_PORTS,
} from '../support/sentinel-harness.ts';

const DATA = [6379, 6380, 6381];

describe('sentinel: a frozen primary (06-failover/debug-sleep, timeline-debug-sleep.md)', () => {
  // DEBUG SLEEP 30 freezes the primary with its TCP links alive, as the recording did
  // (`enable-debug-command yes` on the data nodes). Recorded: +sdown 5672–5702 ms (the PINGs
  // are pending on a live link, so down-after counts from the oldest unanswered one),
  // +promoted-slave 6857, +switch-master 6908 (others) / 7938 (leader), +convert-to-slave 10 s
  // after the wake-up; a write sent to the frozen primary after the failover is answered OK
  // when it wakes (nobody told it yet), then lost when it becomes a replica.
  //
  // When +sdown comes depends on where in each sentinel's 1 s PING cycle the freeze lands (random
  // in reality): the recorded 5.7 s means every sentinel had its last PONG ~0.35–0.45 s before
  // the freeze. The test freezes at that phase (the sentinels' cycles are close together, as in
  // the recording, because they started together).
  const s = tutorialCluster({ seed: 2, dataExtra: 'enable-debug-command yes' });
  addSentinelSafetyCheckers(s);
  const pongAge = (p: number) => s.nowMs - sentinelState(s, p).masters.get('myprimary')!.link.lastPongTime;
  s.runUntil(() => SENTINEL_PORTS.every((p) => pongAge(p) >= 330 && pongAge(p) <= 450), 5000, 'the recorded PING phase');
  const t0 = s.nowMs;
  const sleeper = cli(s, 6379);
  sleeper.send('DEBUG', 'SLEEP', '30');
  s.runUntil(() => SENTINEL_PORTS.every((p) => primaryAddrSeenBy(s, p) !== '127.0.0.1:6379'), 20000, 'the switch on every sentinel');
  s.runFor(1000);
  // A new client: its connection is accepted by the kernel; AUTH and SET wait in the socket.
  const writer = s.client(6379);
  const setSentMs = s.nowMs - t0;
  writer.send('AUTH', PASSWORD).send('SET', 'written-to-frozen-old-primary', '1');
  s.runUntil(() => s.nowMs - t0 > 30100, 40000, 'the wake-up');
  const sleepReply = plain(sleeper.read());
  const authReply = plain(writer.read());
  const setReply = plain(writer.read());
  const tWake = s.nowMs;
  const t = failoverTimeline(s, t0);
  const roleAtWake = plain(writer.call('ROLE')) as unknown[];
  const getAtWake = plain(writer.call('GET', 'written-to-frozen-old-primary'));

  it('detects the freeze later than a kill and fails over on the recorded timeline', () => {
    for (const p of SENTINEL_PORTS) {
      const sd = firstEvent(s, p, '+sdown', t0, 'master myprimary')!.ms - t0;
      expect(sd).toBeGreaterThan(5550);
      expect(sd).toBeLessThan(5850);
    }
    // Recorded: promoted 6857, switch 6908 (first) / 7938 (last); ±15 % as the issue asks.
    const near = (v: number, real: number) => expect(Math.abs(v - real) / real, `${v} vs ${real}`).toBeLessThan(0.15);
    near(t.promoted, 6857);
    near(t.first_switch_master, 6908);
    near(t.last_switch_master, 7938);
  });

  it('the frozen primary answers DEBUG SLEEP, then the queued write with OK, as a primary still', () => {
    expect(sleepReply).toBe('OK');
    expect(setSentMs).toBeGreaterThan(7000);
    expect(authReply).toBe('OK');
    expect(setReply).toBe('OK');
    expect(roleAtWake[0]).toBe('master');
    expect(getAtWake).toBe('1');
  });

  it('is converted about 10 s after waking up, and the acknowledged write is lost', () => {
    s.runUntil(() => SENTINEL_PORTS.some((p) => firstEvent(s, p, '+convert-to-slave', tWake, 'slave 127.0.0.1:6379')), 20000, '+convert-to-slave');
    const conv = Math.min(...SENTINEL_PORTS.map((p) => firstEvent(s, p, '+convert-to-slave', tWake)?.ms ?? Infinity)) - tWake;
    expect(conv).toBeGreaterThan(8000);
    expect(conv).toBeLessThan(12000);
    s.runUntil(() => linkUp(s, 6379), 30000, 'old primary in sync');
    s.runFor(3000);
    const newPrimary = Number(primaryAddrSeenBy(s, 5000).split(':')[1]);
    expect((plain(cli(s, 6379).call('ROLE')) as unknown[]).slice(0, 3)).toEqual(['slave', '127.0.0.1', newPrimary]);
    expect(plain(cli(s, 6379).call('GET', 'written-to-frozen-old-primary'))).toBeNull();
    expect(plain(cli(s, newPrimary).call('GET', 'written-to-frozen-old-primary'))).toBeNull();
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
