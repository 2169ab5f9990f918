/**
 * Goal: an automatic failover on the simulator follows real Sentinel 7.0.15's sequence and
 * timing (06-failover/kill-1 timeline, summary.txt): detection, election, promotion,
 * reconfiguration, the switch on every sentinel, the rewritten configs, and what clients see;
 * and the variants the tutorial shows (one replica, old primary rejoining, manual failover).
 * Method: the tutorial cluster from test/support/sentinel-harness.ts; SIGKILL the primary and
 * read each sentinel's log with virtual timestamps; compare the event sequence with the
 * recorded one, and the measured milestones with the recorded min–max and medians.
 */
import { describe, expect, it } from 'vitest';
import {
  cli, dir, failoverTimeline, firstEvent, logEvents, plain, primaryAddrSeenBy, roleOf, runUntilEvent, sentinelFile, sentinelState, tutorialCluster, SENTINEL_PORTS,
} from '../support/sentinel-harness.ts';

/** The leader is the sentinel that logged +elected-leader after t0. */
function leaderOf(s: ReturnType<typeof tutorialCluster>, t0: number): number {
  return SENTINEL_PORTS.find((p) => firstEvent(s, p, '+elected-leader', t0)) ?? -1;
}

/** Event names a sentinel logged after t0, in order (without the config-saved lines). */
function eventNames(s: ReturnType<typeof tutorialCluster>, port: number, t0: number): string[] {
  return logEvents(s, port).filter((e) => e.ms >= t0 && e.text !== 'Sentinel new configuration saved on disk').map((e) => (/voted for/.test(e.text) ? 'voted-for' : e.type));
}

describe('sentinel: primary crash (06-failover/kill-1)', () => {
  const s = tutorialCluster({ seed: 11 });
  const t0 = s.nowMs;
  const c5000 = s.client(5000);
  c5000.call('SUBSCRIBE', '+switch-master');
  s.crash(6379);
  s.runFor(15000);
  const leader = leaderOf(s, t0);
  const others = SENTINEL_PORTS.filter((p) => p !== leader);

  it('the leader logs the recorded sequence of events', () => {
    expect(leader).toBeGreaterThan(0);
    const names = eventNames(s, leader, t0);
    expect(names.slice(0, 6)).toEqual(['+sdown', '+odown', '+new-epoch', '+try-failover', '+vote-for-leader', 'voted-for']);
    // -odown comes once the others answer "not down" for the old address: right after
    // +slave-reconf-sent or with +failover-end, as in the recorded runs.
    expect(names).toContain('-odown');
    expect(names.slice(names.indexOf('+elected-leader')).filter((n) => n !== '-odown')).toEqual([
      '+elected-leader', '+failover-state-select-slave', '+selected-slave', '+failover-state-send-slaveof-noone', '+failover-state-wait-promotion',
      '+promoted-slave', '+failover-state-reconf-slaves', '+slave-reconf-sent', '+slave-reconf-inprog', '+slave-reconf-done',
      '+failover-end', '+switch-master', '+slave', '+slave', '+sdown',
    ]);
    const levels = logEvents(s, leader).filter((e) => e.ms >= t0).map((e) => `${e.mark} ${e.type}`);
    expect(levels).toContain('* +failover-state-send-slaveof-noone');
    expect(levels).toContain('* +slave-reconf-sent');
    expect(levels).toContain('# +promoted-slave');
  });

  it('the other sentinels vote, then switch through the leader\'s hello', () => {
    for (const p of others) {
      const names = eventNames(s, p, t0);
      expect(names).toContain('+vote-for-leader');
      expect(names).not.toContain('+elected-leader');
      const i = names.indexOf('+config-update-from');
      expect(names.slice(i, i + 4)).toEqual(['+config-update-from', '+switch-master', '+slave', '+slave']);
      const delay = logEvents(s, p).find((e) => e.ms >= t0 && e.text.startsWith('Next failover delay'));
      if (delay) expect(delay.text).toMatch(/^Next failover delay: I will not start a failover before \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    }
    const vote = logEvents(s, others[0]).find((e) => e.ms >= t0 && e.type === '+vote-for-leader')!;
    expect(vote.text).toBe(`+vote-for-leader ${plain(s.client(leader).call('SENTINEL', 'myid'))} 1`);
  });

  it('every sentinel and every node agree on the new primary', () => {
    const promoted = /slave 127\.0\.0\.1:(\d+)/.exec(firstEvent(s, leader, '+promoted-slave', t0)!.text)![1];
    for (const p of SENTINEL_PORTS) expect(primaryAddrSeenBy(s, p)).toBe(`127.0.0.1:${promoted}`);
    expect(roleOf(s, Number(promoted))).toBe('master');
    const other = promoted === '6380' ? 6381 : 6380;
    expect(plain(cli(s, other).call('INFO', 'replication'))).toContain(`master_port:${promoted}\r\nmaster_link_status:up`);
    const sw = firstEvent(s, leader, '+switch-master', t0)!;
    expect(sw.text).toBe(`+switch-master myprimary 127.0.0.1 6379 127.0.0.1 ${promoted}`);
    expect(c5000.take().map(plain)).toContainEqual(['message', '+switch-master', `myprimary 127.0.0.1 6379 127.0.0.1 ${promoted}`]);
  });

  it('rewrites the sentinel configs with the new primary and epochs (kill-1/5000-sentinel1.conf.at-end.txt)', () => {
    const promoted = primaryAddrSeenBy(s, leader).split(':')[1];
    for (const p of SENTINEL_PORTS) {
      const text = s.read(sentinelFile(p))!;
      expect(text).toContain(`sentinel monitor myprimary 127.0.0.1 ${promoted} 2\n`);
      expect(text).toContain('sentinel config-epoch myprimary 1\n');
      expect(text).toContain('sentinel current-epoch 1\n');
      expect(text).toContain('sentinel leader-epoch myprimary 1\n');
      expect(text).toContain('sentinel known-replica myprimary 127.0.0.1 6379\n');
      expect(text).not.toContain(`known-replica myprimary 127.0.0.1 ${promoted}\n`);
    }
    // Sentinel's CONFIG REWRITE reached the promoted replica.
    const conf = s.read(`${dir(Number(promoted))}/replica${promoted === '6381' ? '2' : ''}.conf`)!;
    expect(conf).toContain('# Generated by CONFIG REWRITE');
  });

  // The data nodes' files after Sentinel's CONFIG REWRITE (kill-2/6380-replica.conf.at-end.txt,
  // kill-2/6381-replica2.conf.at-end.txt): the promoted replica's `replicaof` line is blanked in
  // place, the reconfigured one names the new primary in place; the appended block is in hash
  // order in Redis, so it is compared sorted.
  it('CONFIG REWRITE writes the live replicaof: blanked on the promoted replica, the new primary on the other', () => {
    const promoted = Number(primaryAddrSeenBy(s, leader).split(':')[1]);
    const other = promoted === 6380 ? 6381 : 6380;
    const file = (p: number) => s.read(`${dir(p)}/replica${p === 6381 ? '2' : ''}.conf`)!;
    const sortBlock = (t: string) => t.replace(/(# Generated by CONFIG REWRITE\n)([^]*)$/, (_m, h: string, b: string) => h + b.trimEnd().split('\n').sort().join('\n') + '\n');
    const expected = (p: number, replicaof: string) => sortBlock([
      'bind 127.0.0.1', `port ${p}`, 'daemonize no', 'logfile "redis.log"', replicaof, 'appendonly yes', `appendfilename "appendonly-${p}.aof"`,
      `dbfilename "dump-${p}.rdb"`, 'requirepass "a_strong_password"', 'masterauth "a_strong_password"', '', '# Generated by CONFIG REWRITE',
      `dir "${dir(p)}"`, 'latency-tracking-info-percentiles 50 99 99.9', 'save 3600 1', 'save 300 100', 'save 60 10000',
      'user default on #733116273917fed0de156e663850b6acaa3b6e0cd69fafb2a44aafcf193517de ~* &* +@all',
    ].join('\n') + '\n');
    expect(sortBlock(file(promoted))).toBe(expected(promoted, ''));
    expect(sortBlock(file(other))).toBe(expected(other, `replicaof 127.0.0.1 ${promoted}`));
  });

  it('the old primary rejoins as a primary and is converted 10 s later (kill-1/timeline-restart-old-primary.md)', () => {
    const t1 = s.nowMs;
    s.restart(6379);
    const conv = SENTINEL_PORTS.map((p) => {
      try {
        return runUntilEvent(s, p, '+convert-to-slave', t1, 20000);
      } catch {
        return null;
      }
    }).filter((e) => e !== null);
    expect(conv.length).toBeGreaterThanOrEqual(1);
    const first = Math.min(...conv.map((e) => e!.ms)) - t1;
    expect(first).toBeGreaterThan(8000);
    expect(first).toBeLessThan(13000);
    expect(firstEvent(s, leader, '-sdown', t1, 'slave 127.0.0.1:6379')).not.toBeNull();
    s.runFor(8000);
    expect(roleOf(s, 6379)).toBe('slave');
  });
});

describe('sentinel: timing (06-failover/summary.txt)', () => {
  // Recorded: SIGKILL of the primary, 2 replicas, 3 sentinels, n=5 (min, median, max).
  const REAL: Record<string, [number, number, number]> = {
    first_sdown: [5012, 5038, 5065],
    first_odown: [5086, 5123, 5160],
    elected: [5177, 5213, 5221],
    promoted: [5971, 6076, 6111],
    first_switch_master: [6054, 6159, 6211],
    last_switch_master: [7088, 7188, 7246],
  };
  const runs: Record<string, number>[] = [];
  for (let seed = 1; seed <= 10; seed++) {
    const s = tutorialCluster({ seed });
    const t0 = s.nowMs;
    s.crash(6379);
    s.runFor(12000);
    runs.push(failoverTimeline(s, t0));
  }
  const median = (k: string) => {
    const v = runs.map((r) => r[k]).sort((a, b) => a - b);
    return (v[4] + v[5]) / 2;
  };

  it.each(Object.keys(REAL))('%s: the simulated median lies within the recorded min–max and within 15 percent of the recorded median', (k) => {
    const [min, med, max] = REAL[k];
    const m = median(k);
    expect(m).toBeGreaterThanOrEqual(min);
    expect(m).toBeLessThanOrEqual(max);
    expect(Math.abs(m - med) / med).toBeLessThan(0.15);
    for (const r of runs) expect(Math.abs(r[k] - med) / med).toBeLessThan(0.15);
  });

  it('GET-MASTER-ADDR-BY-NAME answers the new address on every sentinel ≈6.1–6.3 s after the kill', () => {
    const s = tutorialCluster({ seed: 21 });
    const t0 = s.nowMs;
    s.crash(6379);
    const clients = SENTINEL_PORTS.map((p) => s.client(p));
    const seen = SENTINEL_PORTS.map(() => -1);
    for (let t = 0; t < 9000; t += 100) {
      s.runFor(100);
      clients.forEach((c, i) => {
        const r = plain(c.call('SENTINEL', 'get-master-addr-by-name', 'myprimary')) as string[];
        if (seen[i] < 0 && r[1] !== '6379') seen[i] = s.nowMs - t0;
      });
    }
    for (const v of seen) {
      expect(v).toBeGreaterThan(5900);
      expect(v).toBeLessThan(6500);
    }
  });
});

describe('sentinel: one replica, the tutorial topology (06-failover/one-replica)', () => {
  it('fails over with nothing to reconfigure: +failover-end and +switch-master everywhere at once', () => {
    const s = tutorialCluster({ seed: 7, replicas: [6380] });
    const t0 = s.nowMs;
    s.crash(6379);
    s.runFor(10000);
    const t = failoverTimeline(s, t0);
    expect(t.promoted).toBeGreaterThan(5800);
    expect(t.promoted).toBeLessThan(6400);
    expect(t.last_switch_master - t.first_switch_master).toBeLessThan(150);
    for (const p of SENTINEL_PORTS) expect(primaryAddrSeenBy(s, p)).toBe('127.0.0.1:6380');
    expect(roleOf(s, 6380)).toBe('master');
  });
});

describe('sentinel: manual failover (kill-1/timeline-manual-failover.md)', () => {
  it('SENTINEL FAILOVER answers OK, then INPROG; the failover needs no agreement', () => {
    const s = tutorialCluster({ seed: 8 });
    const t0 = s.nowMs;
    const c = s.client(5000);
    expect(plain(c.call('SENTINEL', 'failover', 'myprimary'))).toBe('OK');
    expect(plain(c.call('SENTINEL', 'failover', 'myprimary'))).toBe('!INPROG Failover already in progress');
    runUntilEvent(s, 5000, '+switch-master', t0, 30000);
    const names = eventNames(s, 5000, t0);
    expect(names.slice(0, 6)).toEqual(['Executing', '+new-epoch', '+try-failover', '+vote-for-leader', '+elected-leader', '+failover-state-select-slave']);
    expect(logEvents(s, 5000).find((e) => e.ms >= t0)!.text).toBe("Executing user requested FAILOVER of 'myprimary'");
    expect(names).not.toContain('+sdown');
    const el = firstEvent(s, 5000, '+elected-leader', t0)!.ms - t0;
    expect(el).toBeLessThan(150);
    const promoted = firstEvent(s, 5000, '+promoted-slave', t0)!.ms - t0;
    expect(promoted).toBeGreaterThan(800);
    expect(promoted).toBeLessThan(1300);
    // The old primary is now a replica of the promoted one; a second failover is accepted at once.
    s.runUntil(() => roleOf(s, 6379) === 'slave', 20000, 'old primary converted');
    const t1 = s.nowMs;
    expect(plain(c.call('SENTINEL', 'failover', 'myprimary'))).toBe('OK');
    runUntilEvent(s, 5000, '+switch-master', t1, 30000);
    expect(s.read(sentinelFile(5000))).toContain('sentinel current-epoch 2\n');
  });

  it('answers NOGOODSLAVE when no replica can be promoted', () => {
    const s = tutorialCluster({ seed: 9, replicas: [6380] });
    s.crash(6380);
    s.runFor(7000);
    expect(plain(s.client(5000).call('SENTINEL', 'failover', 'myprimary'))).toBe('!NOGOODSLAVE No suitable replica to promote');
  });
});

describe('sentinel: three failovers in a row', () => {
  it('each one bumps the epoch and moves the primary; configs never go back', () => {
    const s = tutorialCluster({ seed: 12 });
    const epochs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = s.nowMs;
      const current = primaryAddrSeenBy(s, 5001);
      expect(plain(s.client(5001).call('SENTINEL', 'failover', 'myprimary'))).toBe('OK');
      runUntilEvent(s, 5001, '+failover-end', t, 60000);
      s.runFor(15000);
      expect(primaryAddrSeenBy(s, 5001)).not.toBe(current);
      for (const p of SENTINEL_PORTS) expect(primaryAddrSeenBy(s, p)).toBe(primaryAddrSeenBy(s, 5001));
      epochs.push(sentinelState(s, 5001).currentEpoch);
    }
    expect(epochs).toEqual([1, 2, 3]);
    const primaries = [6379, 6380, 6381].filter((p) => roleOf(s, p) === 'master');
    expect(primaries.length).toBe(1);
  });
});
