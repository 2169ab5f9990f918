/**
 * The lab's default scenario: the tutorial's cluster — primary 6379, replica 6380 and three
 * sentinels 5000–5002 — with its config files in the learner's home directory, so that
 * `cat sentinel1.conf` shows what the lessons talk about.
 *
 * The files are the ones the fidelity reference was recorded with (../shared/fidelity/conf),
 * with one change: there every node ran in its own directory and logged to `redis.log` or
 * `sentinel.log`; here all files share one directory, so each node logs to a file named after
 * its port.
 */

export const HOME = '/home/learner';

const server = (port: number, replicaof: boolean): string =>
  [
    `# ${replicaof ? 'Replica' : 'Primary'} (tutorial layout):  redis-server ${replicaof ? 'replica' : 'primary'}.conf`,
    'bind 127.0.0.1',
    `port ${port}`,
    'daemonize no',
    `logfile "redis-${port}.log"`,
    ...(replicaof ? ['replicaof 127.0.0.1 6379'] : []),
    'appendonly yes',
    `appendfilename "appendonly-${port}.aof"`,
    `dbfilename "dump-${port}.rdb"`,
    'requirepass a_strong_password',
    'masterauth a_strong_password',
    '',
  ].join('\n');

const sentinel = (n: number): string =>
  [
    `# Sentinel ${n}:  redis-sentinel sentinel${n}.conf   (or: redis-server sentinel${n}.conf --sentinel)`,
    '# Sentinel REWRITES this file at startup and on every state change (must be writable).',
    'bind 127.0.0.1',
    `port ${4999 + n}`,
    'daemonize no',
    `logfile "sentinel-${4999 + n}.log"`,
    'sentinel monitor myprimary 127.0.0.1 6379 2',
    'sentinel down-after-milliseconds myprimary 5000',
    'sentinel failover-timeout myprimary 60000',
    'sentinel auth-pass myprimary a_strong_password',
    '',
  ].join('\n');

/** File name (relative to {@link HOME}) → content. */
export const DEFAULT_FILES: Readonly<Record<string, string>> = {
  'primary.conf': server(6379, false),
  'replica.conf': server(6380, true),
  'sentinel1.conf': sentinel(1),
  'sentinel2.conf': sentinel(2),
  'sentinel3.conf': sentinel(3),
};

/** The processes running when the lab opens, in start order, as a shell would start them. */
export const DEFAULT_NODES: ReadonlyArray<{ program: 'redis-server' | 'redis-sentinel'; argv: string[]; port: number }> = [
  { program: 'redis-server', argv: ['primary.conf'], port: 6379 },
  { program: 'redis-server', argv: ['replica.conf'], port: 6380 },
  { program: 'redis-sentinel', argv: ['sentinel1.conf'], port: 5000 },
  { program: 'redis-sentinel', argv: ['sentinel2.conf'], port: 5001 },
  { program: 'redis-sentinel', argv: ['sentinel3.conf'], port: 5002 },
];

/** The password of the scenario's data nodes. */
export const PASSWORD = 'a_strong_password';
