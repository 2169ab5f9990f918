/**
 * The configuration cases that both the fixture recorder (record-fixtures.ts, on a real
 * redis-server 7.0.15) and the engine tests run. Keeping them in one list is what makes the
 * comparison honest: the fixture is what real Redis did with exactly this input.
 *
 * `__PORT__` stands for a free port the recorder picks (the engine test uses its own); the
 * working directory is normalised to `<dir>` in recorded output.
 */

/** A config file (and/or argv) that must make redis-server refuse to start. */
export interface LoadCase {
  name: string;
  /** The config file's text, or null to start without a file (argv only). */
  conf: string | null;
  argv?: string[];
  /** Extra files written next to the config file (for `include`). */
  files?: Record<string, string>;
}

/** A server session: start with `conf`, send `commands`, record every reply (and the file). */
export interface SessionCase {
  name: string;
  conf: string | null;
  argv?: string[];
  commands: string[][];
  /** Record the config file after the commands (for CONFIG REWRITE). */
  readConf?: boolean;
}

const head = 'bind 127.0.0.1\nport __PORT__\n';

export const LOAD_CASES: LoadCase[] = [
  { name: 'unknown directive', conf: `${head}foo bar\n` },
  { name: 'port not a number', conf: `${head}port abc\n` },
  { name: 'port out of range', conf: `${head}port 70000\n` },
  { name: 'port negative', conf: `${head}port -1\n` },
  { name: 'port leading zero', conf: `${head}port 0123\n` },
  { name: 'port plus sign', conf: `${head}port +123\n` },
  { name: 'port two args', conf: `${head}port 1 2\n` },
  { name: 'port no args', conf: `${head}port\n` },
  { name: 'replicaof missing port', conf: `${head}replicaof 127.0.0.1\n` },
  { name: 'replicaof bad port', conf: `${head}replicaof 127.0.0.1 abc\n` },
  { name: 'replicaof port out of range', conf: `${head}replicaof 127.0.0.1 70000\n` },
  { name: 'slaveof three args', conf: `${head}slaveof a b c\n` },
  { name: 'yes/no', conf: `${head}appendonly maybe\n` },
  { name: 'requirepass without value', conf: `${head}requirepass\n` },
  { name: 'unbalanced double quote', conf: `${head}requirepass "abc\n` },
  { name: 'unbalanced single quote', conf: `${head}requirepass 'abc\n` },
  { name: 'quote followed by a letter', conf: `${head}requirepass "abc"x\n` },
  { name: 'sentinel directive', conf: `${head}sentinel monitor m 127.0.0.1 6379 2\n` },
  { name: 'memory value', conf: `${head}maxmemory 10xb\n` },
  { name: 'memory negative', conf: `${head}maxmemory -1\n` },
  { name: 'memory below bound', conf: `${head}repl-backlog-size 0\n` },
  { name: 'enum', conf: `${head}loglevel loud\n` },
  { name: 'enum appendfsync', conf: `${head}appendfsync sometimes\n` },
  { name: 'enum enable-debug-command', conf: `${head}enable-debug-command maybe\n` },
  { name: 'multi-arg enum', conf: `${head}shutdown-on-sigterm save nosave\n` },
  { name: 'multi-arg enum unknown', conf: `${head}shutdown-on-sigterm loudly\n` },
  { name: 'save odd', conf: `${head}save 3600\n` },
  { name: 'save zero seconds', conf: `${head}save 0 1\n` },
  { name: 'save not a number', conf: `${head}save abc 1\n` },
  { name: 'dir missing', conf: `${head}dir /no/such/dir\n` },
  { name: 'dir is a file', conf: `${head}dir ./redis.conf\n` },
  { name: 'dir two args', conf: `${head}dir a b\n` },
  { name: 'dbfilename path', conf: `${head}dbfilename dumps/x.rdb\n` },
  { name: 'appendfilename path', conf: `${head}appendfilename dir/x.aof\n` },
  { name: 'appendfilename empty', conf: `${head}appendfilename ""\n` },
  { name: 'appenddirname path', conf: `${head}appenddirname a/b\n` },
  { name: 'databases zero', conf: `${head}databases 0\n` },
  { name: 'bind too many', conf: `${head}bind 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n` },
  { name: 'client-output-buffer-limit count', conf: `${head}client-output-buffer-limit normal 0 0\n` },
  { name: 'client-output-buffer-limit class', conf: `${head}client-output-buffer-limit master 0 0 0\n` },
  { name: 'client-output-buffer-limit values', conf: `${head}client-output-buffer-limit replica 1x 0 0\n` },
  { name: 'oom-score-adj-values', conf: `${head}oom-score-adj-values 0 200\n` },
  { name: 'oom-score-adj-values range', conf: `${head}oom-score-adj-values 0 200 3000\n` },
  { name: 'notify-keyspace-events', conf: `${head}notify-keyspace-events KEq\n` },
  { name: 'latency percentiles', conf: `${head}latency-tracking-info-percentiles 50 abc\n` },
  { name: 'latency percentiles range', conf: `${head}latency-tracking-info-percentiles 50 101\n` },
  { name: 'maxmemory-clients percent', conf: `${head}maxmemory-clients 101%\n` },
  { name: 'unixsocketperm octal', conf: `${head}unixsocketperm 999\n` },
  { name: 'list-max-listpack-size int range', conf: `${head}list-max-listpack-size 99999999999\n` },
  { name: 'maxclients zero', conf: `${head}maxclients 0\n` },
  { name: 'include missing', conf: `${head}include other.conf\n` },
  { name: 'include with an error', conf: `${head}include other.conf\n`, files: { 'other.conf': '# included\nhz 10\nnosuch 1\n' } },
  { name: 'rename-command unknown', conf: `${head}rename-command NOSUCH other\n` },
  { name: 'rename-command wrong arity', conf: `${head}rename-command GET\n` },
  { name: 'rename-command onto an existing command', conf: `${head}rename-command GET SET\n` },
  { name: 'rename-command twice', conf: `${head}rename-command GET fetch\nrename-command GET other\n` },
  { name: 'rename-command renamed target', conf: `${head}rename-command GET fetch\nrename-command SET fetch\n` },
  { name: 'module config without value', conf: `${head}mymod.opt\n` },
  { name: 'uppercase directive', conf: `${head}PORT abc\n` },
  { name: 'comment and blank lines', conf: `# a comment\n\n   \t\n${head}  # indented comment\n  hz   abc  \n` },
  { name: 'crlf line', conf: `${head}port abc\r\n` },
  { name: 'logfile in missing directory', conf: `${head}logfile /no/such/dir/redis.log\n` },
  { name: 'argv port', conf: null, argv: ['--port', 'abc'] },
  { name: 'argv unknown option', conf: null, argv: ['--nosuchoption', '1'] },
  { name: 'argv after file', conf: `${head}hz 10\n`, argv: ['--hz', 'x'] },
  { name: 'argv second option', conf: `${head}`, argv: ['--hz', '10', '--port', '1', '2'] },
  { name: 'argv quoted value', conf: `${head}`, argv: ['--requirepass', 'a "b" c\n', '--port', 'x'] },
  { name: 'argv option and value in one word', conf: `${head}`, argv: ['--port 99999'] },
  { name: 'argv replicaof one word', conf: `${head}`, argv: ['--replicaof', '127.0.0.1 abc'] },
  { name: 'argv option without value', conf: `${head}`, argv: ['--port', '--hz', '5'] },
  { name: 'argv values only after file', conf: `${head}`, argv: ['--save', '--port', 'x'] },
  { name: 'argv sentinel in the middle', conf: `${head}`, argv: ['--appendonly', 'maybe', '--sentinel', '--hz', '1'] },
];

export const SESSION_CASES: SessionCase[] = [
  {
    name: 'CONFIG GET forms',
    conf: head,
    commands: [
      ['CONFIG', 'GET', 'port'],
      ['CONFIG', 'GET', 'PORT'],
      ['CONFIG', 'GET', 'port', 'PORT'],
      ['CONFIG', 'GET', 'nosuchparam'],
      ['CONFIG', 'GET', 'slave-priority'],
      ['CONFIG', 'GET', 'replicaof'],
      ['CONFIG', 'GET', 'slaveof'],
      ['CONFIG', 'GET', '*pass*'],
      ['CONFIG', 'GET', 'maxmemory', 'hz', 'databases'],
      ['CONFIG', 'GET', 'watchdog-period'],
      ['CONFIG', 'GET', 'save'],
      ['CONFIG', 'GET', 'bind'],
      ['CONFIG', 'GET', 'client-output-buffer-limit'],
      ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
      ['CONFIG', 'GET', 'unixsocketperm'],
      ['CONFIG', 'GET', 'maxmemory-clients'],
      ['CONFIG', 'GET', 'notify-keyspace-events'],
      ['CONFIG', 'GET', 'shutdown-on-sigterm'],
      ['CONFIG', 'GET'],
      ['CONFIG'],
      ['CONFIG', 'FOO'],
      ['CONFIG', 'HELP'],
      ['CONFIG', 'HELP', 'x'],
      ['CONFIG', 'RESETSTAT'],
      ['CONFIG', 'RESETSTAT', 'x'],
    ],
  },
  {
    name: 'CONFIG SET forms and errors',
    conf: head,
    commands: [
      ['CONFIG', 'SET', 'nosuchparam', '1'],
      ['CONFIG', 'SET', 'maxmemory', 'abc'],
      ['CONFIG', 'SET', 'appendonly', 'maybe'],
      ['CONFIG', 'SET', 'enable-debug-command', 'yes'],
      ['CONFIG', 'SET', 'dir', '/tmp'],
      ['CONFIG', 'SET', 'dbfilename', 'x.rdb'],
      ['CONFIG', 'SET', 'replicaof', '127.0.0.1 6379'],
      ['CONFIG', 'SET', 'daemonize', 'yes'],
      ['CONFIG', 'SET', 'hz'],
      ['CONFIG', 'SET', 'hz', '20', 'loglevel'],
      ['CONFIG', 'SET', 'hz', '20', 'hz', '30'],
      ['CONFIG', 'SET', 'hz', '20', 'nosuch', '1'],
      ['CONFIG', 'SET', 'nosuch', '1', 'daemonize', 'yes'],
      ['CONFIG', 'SET', 'daemonize', 'yes', 'nosuch', '1'],
      ['CONFIG', 'SET', 'hz', '20', 'port', 'abc'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'SET', 'hz', '20', 'maxmemory', '1mb'],
      ['CONFIG', 'GET', 'hz', 'maxmemory'],
      ['CONFIG', 'SET', 'hz', '1000'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'SET', 'hz', '0'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'SET', 'HZ', '15', 'MaxMemory', '2gb'],
      ['CONFIG', 'GET', 'hz', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', ''],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', '10k'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'maxmemory', '10KB'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'SET', 'port', '70000'],
      ['CONFIG', 'SET', 'repl-backlog-size', '0'],
      ['CONFIG', 'SET', 'maxclients', '0'],
      ['CONFIG', 'SET', 'loglevel', 'loud'],
      ['CONFIG', 'SET', 'loglevel', 'WARNING'],
      ['CONFIG', 'GET', 'loglevel'],
      ['CONFIG', 'SET', 'loglevel', 'notice'],
      ['CONFIG', 'SET', 'save', '900 1 300'],
      ['CONFIG', 'SET', 'save', '900 1 300 10'],
      ['CONFIG', 'GET', 'save'],
      ['CONFIG', 'SET', 'save', ''],
      ['CONFIG', 'GET', 'save'],
      ['CONFIG', 'SET', 'bind', '127.0.0.1 -::1'],
      ['CONFIG', 'GET', 'bind'],
      ['CONFIG', 'SET', 'slave-read-only', 'no'],
      ['CONFIG', 'GET', 'replica-read-only'],
      ['CONFIG', 'GET', 'slave-read-only'],
      ['CONFIG', 'SET', 'requirepass', 'p'],
      ['AUTH', 'p'],
      ['CONFIG', 'GET', 'requirepass'],
      ['CONFIG', 'SET', 'requirepass', ''],
      ['CONFIG', 'SET', 'masterauth', 'secret'],
      ['CONFIG', 'GET', 'masterauth'],
      ['CONFIG', 'SET', 'min-replicas-to-write', '-1'],
      ['CONFIG', 'SET', 'min-slaves-to-write', '1'],
      ['CONFIG', 'GET', 'min-replicas-to-write'],
      ['CONFIG', 'SET', 'min-slaves-to-write', '0'],
      ['CONFIG', 'SET', 'maxmemory-clients', '10%'],
      ['CONFIG', 'GET', 'maxmemory-clients'],
      ['CONFIG', 'SET', 'maxmemory-clients', '0'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'KExg'],
      ['CONFIG', 'GET', 'notify-keyspace-events'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'AKE'],
      ['CONFIG', 'GET', 'notify-keyspace-events'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'Q'],
      ['CONFIG', 'SET', 'notify-keyspace-events', ''],
      ['CONFIG', 'SET', 'shutdown-on-sigterm', 'nosave now'],
      ['CONFIG', 'GET', 'shutdown-on-sigterm'],
      ['CONFIG', 'SET', 'shutdown-on-sigterm', 'save nosave'],
      ['CONFIG', 'SET', 'shutdown-on-sigterm', 'default'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'replica 512mb 128mb 120'],
      ['CONFIG', 'GET', 'client-output-buffer-limit'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'replica 256mb 64mb 60'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50.5 99 100'],
      ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', ''],
      ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 99 99.9'],
      ['CONFIG', 'SET', 'oom-score-adj-values', '0 200'],
      ['CONFIG', 'SET', 'appendfsync', 'ALWAYS'],
      ['CONFIG', 'GET', 'appendfsync'],
      ['CONFIG', 'SET', 'appendfsync', 'everysec'],
      ['CONFIG', 'SET', 'list-max-ziplist-size', '-3'],
      ['CONFIG', 'GET', 'list-max-*'],
      ['CONFIG', 'SET', 'list-max-ziplist-size', '-2'],
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '-2'],
      ['CONFIG', 'SET', 'proto-max-bulk-len', '1000'],
      ['CONFIG', 'SET', 'unixsocketperm', '700'],
      ['CONFIG', 'SET', 'lua-time-limit', '6000'],
      ['CONFIG', 'GET', 'busy-reply-threshold', 'lua-time-limit'],
    ],
  },
  {
    name: 'values loaded from a file',
    conf: `${head}hz 1000\nsave 100 1\nsave ""\nsave 200 2\nSAVE 300 3\nmaxmemory 1GB\nslave-priority 5\nbind 127.0.0.1 ::1\nbind 127.0.0.1\nlua-time-limit 100\nlist-max-ziplist-entries 10\nlua-replicate-commands yes\nrename-command DEBUG ""\nrequirepass "a b"\nlatency-tracking-info-percentiles "1 2.50"\n`,
    commands: [
      ['AUTH', 'a b'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'GET', 'save'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'GET', 'replica-priority'],
      ['CONFIG', 'GET', 'busy-reply-threshold'],
      ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
      ['CONFIG', 'GET', 'requirepass'],
    ],
  },
  {
    name: 'argv options',
    conf: head,
    argv: ['--save', '--hz', '12', '--replicaof', '127.0.0.1 1', '--maxmemory 2mb', '--appendonly', 'no'],
    commands: [
      ['CONFIG', 'GET', 'save'],
      ['CONFIG', 'GET', 'hz'],
      ['CONFIG', 'GET', 'replicaof'],
      ['CONFIG', 'GET', 'maxmemory'],
      ['CONFIG', 'GET', 'appendonly'],
    ],
  },
  {
    name: 'CONFIG REWRITE of the tutorial primary',
    conf: `# Primary (tutorial layout). Each instance runs in its own scratch directory,
# started from that directory as:  redis-server ./primary.conf
bind 127.0.0.1
port __PORT__
daemonize no
logfile "redis.log"
appendonly yes
appendfilename "appendonly-6379.aof"
dbfilename "dump-6379.rdb"
requirepass a_strong_password
masterauth a_strong_password
`,
    commands: [['AUTH', 'a_strong_password'], ['CONFIG', 'REWRITE']],
    readConf: true,
  },
  {
    name: 'CONFIG REWRITE after CONFIG SET',
    conf: `# comment at the top
bind 127.0.0.1
port __PORT__
  # indented comment
save 900 1
save 300 10
save 60 10000
hz 20
maxmemory 100mb
list-max-ziplist-entries 10
lua-replicate-commands yes
slave-read-only yes
slave-priority 10
replica-priority 20
loglevel notice


timeout 0
`,
    commands: [
      ['CONFIG', 'SET', 'save', '3600 1'],
      ['CONFIG', 'SET', 'hz', '10'],
      ['CONFIG', 'SET', 'maxmemory', '3000'],
      ['CONFIG', 'SET', 'replica-read-only', 'no'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'],
      ['CONFIG', 'SET', 'masterauth', 'has "quotes" and\\back'],
      ['CONFIG', 'SET', 'notify-keyspace-events', 'Ex'],
      ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 64mb 16mb 90'],
      ['CONFIG', 'SET', 'repl-backlog-size', '1073741824'],
      ['CONFIG', 'SET', 'timeout', '5'],
      ['CONFIG', 'SET', 'oom-score-adj-values', '0 100 800'],
      ['CONFIG', 'SET', 'maxmemory-clients', '5%'],
      ['CONFIG', 'SET', 'shutdown-on-sigint', 'nosave force'],
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', ''],
      ['CONFIG', 'SET', 'requirepass', 'pw'],
      ['AUTH', 'pw'],
      ['CONFIG', 'REWRITE'],
    ],
    readConf: true,
  },
  {
    name: 'CONFIG REWRITE removes directives back at default',
    conf: `bind 127.0.0.1
port __PORT__
appendonly yes
replica-serve-stale-data no
save ""
logfile ""
`,
    commands: [
      ['CONFIG', 'SET', 'appendonly', 'no'],
      ['CONFIG', 'SET', 'replica-serve-stale-data', 'yes'],
      ['CONFIG', 'SET', 'save', '3600 1 300 100 60 10000'],
      ['CONFIG', 'REWRITE'],
    ],
    readConf: true,
  },
  {
    name: 'CONFIG REWRITE blanks replicaof after REPLICAOF NO ONE',
    conf: `bind 127.0.0.1\nport __PORT__\nreplicaof 127.0.0.1 1\nhz 10\n`,
    commands: [['CONFIG', 'GET', 'replicaof'], ['REPLICAOF', 'NO', 'ONE'], ['CONFIG', 'GET', 'replicaof'], ['CONFIG', 'REWRITE']],
    readConf: true,
  },
  {
    name: 'CONFIG REWRITE keeps a replicaof given on the command line',
    conf: `bind 127.0.0.1\nport __PORT__\n`,
    argv: ['--replicaof', '127.0.0.1', '1', '--save', ''],
    commands: [['CONFIG', 'GET', 'slaveof'], ['CONFIG', 'REWRITE']],
    readConf: true,
  },
  {
    name: 'CONFIG REWRITE twice is stable',
    conf: `bind 127.0.0.1\nport __PORT__\nhz 15\n`,
    commands: [['CONFIG', 'REWRITE'], ['CONFIG', 'SET', 'hz', '16'], ['CONFIG', 'REWRITE']],
    readConf: true,
  },
  {
    name: 'CONFIG REWRITE without a trailing newline',
    conf: `bind 127.0.0.1\nport __PORT__\nsave ""`,
    commands: [['CONFIG', 'REWRITE']],
    readConf: true,
  },
  {
    name: 'CONFIG REWRITE without a config file',
    conf: null,
    argv: ['--port', '__PORT__', '--bind', '127.0.0.1'],
    commands: [['CONFIG', 'REWRITE']],
  },
];
