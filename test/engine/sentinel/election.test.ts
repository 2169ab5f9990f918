/**
 * Goal: the pieces of Sentinel's decision making behave as sentinel.c's: votes (one per epoch,
 * epochs adopted and persisted), the leader rule (absolute majority of all known sentinels and
 * at least quorum), SDOWN seen by is-master-down-by-addr, replica selection order, TILT on a
 * stalled timer, and +fix-slave-config for a replica following the wrong primary.
 * Method: drive real sentinels on the simulator; for the pure rules, set the fields of a live
 * sentinel's instance records and call its functions (selectSlave, getLeader).
 */
import { describe, expect, it } from 'vitest';
import { cli, firstEvent, logEvents, plain, runUntilEvent, sentinelFile, sentinelState, tutorialCluster } from '../../support/sentinel-harness.ts';
import { selectSlave } from '../../../src/engine/sentinel/failover.ts';

describe('sentinel: votes', () => {
  const s = tutorialCluster({ seed: 51, replicas: [6380] });
  const c = s.client(5000);
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);

  it('votes once per epoch, adopting the requested epoch and saving it', () => {
    expect(plain(c.call('SENTINEL', 'is-master-down-by-addr', '127.0.0.1', '6379', '1', A))).toEqual([0, A, 1]);
    expect(plain(c.call('SENTINEL', 'is-master-down-by-addr', '127.0.0.1', '6379', '1', B))).toEqual([0, A, 1]);
    expect(plain(c.call('SENTINEL', 'is-master-down-by-addr', '127.0.0.1', '6379', '2', B))).toEqual([0, B, 2]);
    const ev = logEvents(s, 5000).filter((e) => ['+new-epoch', '+vote-for-leader'].includes(e.type)).map((e) => e.text);
    expect(ev).toEqual(['+new-epoch 1', `+vote-for-leader ${A} 1`, '+new-epoch 2', `+vote-for-leader ${B} 2`]);
    const conf = s.read(sentinelFile(5000))!;
    expect(conf).toContain('sentinel current-epoch 2\n');
    expect(conf).toContain('sentinel leader-epoch myprimary 2\n');
  });

  it('answers an old epoch with its latest vote, and an unknown address with no vote', () => {
    expect(plain(c.call('SENTINEL', 'is-master-down-by-addr', '127.0.0.1', '6379', '1', A))).toEqual([0, B, 2]);
    expect(plain(c.call('SENTINEL', 'is-master-down-by-addr', '127.0.0.1', '6399', '5', A))).toEqual([0, '*', 0]);
    expect(plain(c.call('SENTINEL', 'is-master-down-by-addr', '127.0.0.1', 'x', '5', A))).toBe('!ERR value is not an integer or out of range');
  });

  it('says the primary is down once it is SDOWN here', () => {
    const t0 = s.nowMs;
    s.crash(6379);
    runUntilEvent(s, 5000, '+sdown', t0, 10000);
    expect((plain(c.call('SENTINEL', 'is-master-down-by-addr', '127.0.0.1', '6379', '0', '*')) as unknown[])[0]).toBe(1);
  });
});

describe('sentinel: leader rule and replica selection', () => {
  const s = tutorialCluster({ seed: 52 });
  const st = sentinelState(s, 5000);
  const m = st.masters.get('myprimary')!;

  it('needs a majority of all known sentinels and at least quorum', () => {
    const others = [...m.sentinels.values()];
    st.currentEpoch = 7;
    m.oDown = true;
    // Both others voted for sentinel X: 3 of 3 with our vote following the majority.
    for (const o of others) {
      o.leader = 'x'.repeat(40);
      o.leaderEpoch = 7;
    }
    expect(st.getLeader(m, 7)).toBe('x'.repeat(40));
    // Split: one for X, one for Y; we already voted X in epoch 7 → X has 2 of 3.
    others[1].leader = 'y'.repeat(40);
    expect(st.getLeader(m, 7)).toBe('x'.repeat(40));
    // A new epoch where nobody else voted: only our own vote → 1 of 3, no leader.
    st.currentEpoch = 8;
    expect(st.getLeader(m, 8)).toBeNull();
    // With quorum 3, even 2 of 3 is not enough.
    st.currentEpoch = 9;
    others[0].leader = st.myid;
    others[1].leader = 'y'.repeat(40);
    for (const o of others) o.leaderEpoch = 9;
    m.quorum = 3;
    expect(st.getLeader(m, 9)).toBeNull();
    others[1].leader = st.myid;
    expect(st.getLeader(m, 9)).toBe(st.myid);
    m.quorum = 2;
    m.oDown = false;
  });

  it('selects by lowest priority, then greatest offset, then smallest run id, skipping unusable replicas', () => {
    const [r1, r2] = [...m.slaves.values()];
    const reset = () => {
      for (const r of [r1, r2]) {
        r.slavePriority = 100;
        r.slaveReplOffset = 10;
        r.sDown = false;
        r.infoRefresh = st.now;
        r.link.lastAvailTime = st.now;
        r.masterLinkDownTime = 0;
      }
      r1.runid = 'b'.repeat(40);
      r2.runid = 'a'.repeat(40);
    };
    reset();
    expect(selectSlave(st, m)).toBe(r2);
    r1.slaveReplOffset = 11;
    expect(selectSlave(st, m)).toBe(r1);
    r2.slavePriority = 50;
    expect(selectSlave(st, m)).toBe(r2);
    r2.slavePriority = 0;
    expect(selectSlave(st, m)).toBe(r1);
    reset();
    r2.sDown = true;
    expect(selectSlave(st, m)).toBe(r1);
    reset();
    r2.infoRefresh = st.now - 31000;
    expect(selectSlave(st, m)).toBe(r1);
    reset();
    r2.link.lastAvailTime = st.now - 6000;
    expect(selectSlave(st, m)).toBe(r1);
    reset();
    r2.masterLinkDownTime = 50001;
    expect(selectSlave(st, m)).toBe(r1);
    r1.slavePriority = 0;
    expect(selectSlave(st, m)).toBeNull();
    reset();
  });
});

describe('sentinel: TILT', () => {
  it('enters TILT when its timer stalls for more than 2 s and leaves it 30 s later', () => {
    const s = tutorialCluster({ seed: 53, replicas: [6380] });
    const t0 = s.nowMs;
    s.pause(5002);
    s.runFor(3000);
    s.resume(5002);
    s.runFor(100);
    expect(firstEvent(s, 5002, '+tilt', t0)!.text).toBe('+tilt #tilt mode entered');
    expect(plain(s.client(5002).call('INFO', 'sentinel'))).toMatch(/sentinel_tilt:1\r\nsentinel_tilt_since_seconds:0\r\n/);
    expect(plain(s.client(5002).call('SENTINEL', 'is-master-down-by-addr', '127.0.0.1', '6379', '0', '*'))).toEqual([0, '*', 0]);
    const exit = runUntilEvent(s, 5002, '-tilt', t0, 40000);
    expect(exit.text).toBe('-tilt #tilt mode exited');
    expect(exit.ms - firstEvent(s, 5002, '+tilt', t0)!.ms).toBeGreaterThanOrEqual(30000);
    expect(exit.ms - firstEvent(s, 5002, '+tilt', t0)!.ms).toBeLessThan(30200);
  });
});

describe('sentinel: +fix-slave-config', () => {
  it('points a replica following another node back at the primary after failover-timeout', () => {
    const s = tutorialCluster({ seed: 54, failoverTimeout: 20000 });
    const t0 = s.nowMs;
    expect(plain(cli(s, 6381).call('REPLICAOF', '127.0.0.1', '6380'))).toBe('OK');
    const fix = [5000, 5001, 5002].map((p) => {
      try {
        return runUntilEvent(s, p, '+fix-slave-config', t0, 40000);
      } catch {
        return null;
      }
    }).find((e) => e !== null)!;
    expect(fix.text).toBe('+fix-slave-config slave 127.0.0.1:6381 127.0.0.1 6381 @ myprimary 127.0.0.1 6379');
    expect(fix.ms - t0).toBeGreaterThan(20000);
    s.runFor(8000);
    expect(plain(cli(s, 6381).call('INFO', 'replication'))).toContain('master_port:6379\r\nmaster_link_status:up');
  });
});
