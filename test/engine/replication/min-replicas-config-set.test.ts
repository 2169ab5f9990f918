/**
 * Goal: CONFIG SET min-replicas-to-write / min-replicas-max-lag recounts the good replicas at
 * once, as Redis's `updateGoodSlaves` apply function does: a primary with an online replica
 * accepts the very next write (no NOREPLICAS until the next replication cron), and INFO shows
 * `min_slaves_good_slaves:1` right away. Method: nodes on the simulator, the write sent in the
 * same instant as the CONFIG SET.
 */
import { expect, test } from 'vitest';
import { simCluster, show } from '../../sim/replication-support.ts';

test('CONFIG SET min-replicas-to-write counts the online replica at once', () => {
  const cl = simCluster();
  cl.start(6379);
  cl.start(6380, { conf: 'replicaof 127.0.0.1 6379\n' });
  cl.run(7000);
  const c = cl.client(6379);
  expect(show(c.call('CONFIG', 'SET', 'min-replicas-to-write', '1'))).toBe('OK');
  expect(cl.server(6379).replication.info()).toContain('min_slaves_good_slaves:1');
  expect(show(c.call('SET', 'k', 'v'))).toBe('OK');
  // More good replicas asked for than exist: refused at once too.
  expect(show(c.call('CONFIG', 'SET', 'min-replicas-to-write', '2', 'min-replicas-max-lag', '10'))).toBe('OK');
  expect(show(c.call('SET', 'k', 'v2'))).toBe('(error) NOREPLICAS Not enough good replicas to write.');
});
