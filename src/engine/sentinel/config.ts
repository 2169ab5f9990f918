/**
 * The `sentinel …` lines of sentinel.conf: reading them (with Redis's error texts) and writing
 * Sentinel's state back as the same lines when the config is rewritten.
 *
 * Counterpart in Redis: sentinel.c `preMonitorCfgName`, `sentinelHandleConfiguration`,
 * `sentinelCheckCreateInstanceErrors`, `rewriteConfigSentinelOption`. Script paths are checked
 * against the virtual disk: a script "exists and is executable" when the file exists.
 */
import type { RewriteState } from '../config/rewrite.ts';
import type { Sentinel, CreateError } from './sentinel.ts';
import type { InstanceKind } from './instance.ts';
import { atoi, strtoull } from './instance.ts';
import { catRepr } from '../util/repr.ts';

const PRE_MONITOR = ['announce-ip', 'announce-port', 'deny-scripts-reconfig', 'sentinel-user', 'sentinel-pass', 'current-epoch', 'myid', 'resolve-hostnames', 'announce-hostnames'];

/** Whether a `sentinel <name>` line is loaded before the `monitor` lines. */
export function preMonitorOption(name: string): boolean {
  return PRE_MONITOR.includes(name.toLowerCase());
}

/** `sentinelCheckCreateInstanceErrors`. */
export function createErrorText(err: CreateError, kind: InstanceKind): string {
  switch (err) {
    case 'EBUSY':
      return kind === 'master' ? 'Duplicate master name.' : kind === 'slave' ? 'Duplicate hostname and port for replica.' : 'Duplicate runid for sentinel.';
    case 'ENOENT':
      return "Can't resolve instance hostname.";
    case 'EINVAL':
      return 'Invalid port number.';
  }
}

function yesno(s: string): boolean | null {
  const v = s.toLowerCase();
  return v === 'yes' ? true : v === 'no' ? false : null;
}

/** `sentinelHandleConfiguration`: one `sentinel` line's words after `sentinel`; an error text or null. */
export function handleConfiguration(s: Sentinel, argv: string[]): string | null {
  const argc = argv.length;
  const name = argv[0].toLowerCase();
  const master = () => s.masters.get(argv[1]) ?? null;
  const NO_MASTER = 'No such master with specified name.';
  const fileExists = (p: string) => s.server.disk.exists(s.server.config.resolvePath(p));
  if (name === 'monitor' && argc === 5) {
    const quorum = atoi(argv[4]);
    if (quorum <= 0) return 'Quorum must be 1 or greater.';
    const ri = s.createInstance(argv[1], 'master', argv[2], atoi(argv[3]), quorum, null);
    if (typeof ri === 'string') return createErrorText(ri, 'master');
  } else if (name === 'down-after-milliseconds' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    ri.downAfterPeriod = atoi(argv[2]);
    if (ri.downAfterPeriod <= 0) return 'negative or zero time parameter.';
    s.propagateDownAfterPeriod(ri);
  } else if (name === 'failover-timeout' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    ri.failoverTimeout = atoi(argv[2]);
    if (ri.failoverTimeout <= 0) return 'negative or zero time parameter.';
  } else if (name === 'parallel-syncs' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    ri.parallelSyncs = atoi(argv[2]);
  } else if (name === 'notification-script' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    if (!fileExists(argv[2])) return 'Notification script seems non existing or non executable.';
    ri.notificationScript = argv[2];
  } else if (name === 'client-reconfig-script' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    if (!fileExists(argv[2])) return 'Client reconfiguration script seems non existing or non executable.';
    ri.clientReconfigScript = argv[2];
  } else if (name === 'auth-pass' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    ri.authPass = argv[2];
  } else if (name === 'auth-user' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    ri.authUser = argv[2];
  } else if (name === 'current-epoch' && argc === 2) {
    const epoch = strtoull(argv[1]);
    if (epoch > s.currentEpoch) s.currentEpoch = epoch;
  } else if (name === 'myid' && argc === 2) {
    if (argv[1].length !== 40) return 'Malformed Sentinel id in myid option.';
    s.myid = argv[1];
  } else if (name === 'config-epoch' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    ri.configEpoch = strtoull(argv[2]);
    if (ri.configEpoch > s.currentEpoch) s.currentEpoch = ri.configEpoch;
  } else if (name === 'leader-epoch' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    ri.leaderEpoch = strtoull(argv[2]);
  } else if ((name === 'known-slave' || name === 'known-replica') && argc === 4) {
    const ri = master();
    if (!ri) return NO_MASTER;
    const slave = s.createInstance(null, 'slave', argv[2], atoi(argv[3]), ri.quorum, ri);
    if (typeof slave === 'string') return createErrorText(slave, 'slave');
  } else if (name === 'known-sentinel' && (argc === 4 || argc === 5)) {
    // The old form without a run id is accepted and ignored.
    if (argc === 5) {
      const ri = master();
      if (!ri) return NO_MASTER;
      const si = s.createInstance(argv[4], 'sentinel', argv[2], atoi(argv[3]), ri.quorum, ri);
      if (typeof si === 'string') return createErrorText(si, 'sentinel');
      si.runid = argv[4];
      s.tryConnectionSharing(si);
    }
  } else if (name === 'rename-command' && argc === 4) {
    const ri = master();
    if (!ri) return NO_MASTER;
    const key = argv[2].toLowerCase();
    if (ri.renamedCommands.has(key)) return 'Same command renamed multiple times with rename-command.';
    ri.renamedCommands.set(key, [argv[2], argv[3]]);
  } else if (name === 'announce-ip' && argc === 2) {
    if (argv[1].length) s.announceIp = argv[1];
  } else if (name === 'announce-port' && argc === 2) {
    s.announcePort = atoi(argv[1]);
  } else if (name === 'deny-scripts-reconfig' && argc === 2) {
    const v = yesno(argv[1]);
    if (v === null) return 'Please specify yes or no for the deny-scripts-reconfig options.';
    s.denyScriptsReconfig = v;
  } else if (name === 'sentinel-user' && argc === 2) {
    if (argv[1].length) s.sentinelAuthUser = argv[1];
  } else if (name === 'sentinel-pass' && argc === 2) {
    if (argv[1].length) s.sentinelAuthPass = argv[1];
  } else if (name === 'resolve-hostnames' && argc === 2) {
    const v = yesno(argv[1]);
    if (v === null) return 'Please specify yes or no for the resolve-hostnames option.';
    s.resolveHostnames = v;
  } else if (name === 'announce-hostnames' && argc === 2) {
    const v = yesno(argv[1]);
    if (v === null) return 'Please specify yes or no for the announce-hostnames option.';
    s.announceHostnames = v;
  } else if (name === 'master-reboot-down-after-period' && argc === 3) {
    const ri = master();
    if (!ri) return NO_MASTER;
    ri.masterRebootDownAfterPeriod = atoi(argv[2]);
    if (ri.masterRebootDownAfterPeriod < 0) return 'negative time parameter.';
  } else {
    return 'Unrecognized sentinel configuration statement.';
  }
  return null;
}

/**
 * `rewriteConfigSentinelOption`: Sentinel's state as `sentinel …` lines, reusing the file's
 * existing lines for each option in order and appending the rest.
 */
export function rewriteSentinelOptions(s: Sentinel, state: RewriteState): void {
  const line = (option: string, text: string, force: boolean) => state.rewriteLine(`sentinel ${option}`, text, force);
  line('myid', `sentinel myid ${s.myid}`, true);
  line('deny-scripts-reconfig', `sentinel deny-scripts-reconfig ${s.denyScriptsReconfig ? 'yes' : 'no'}`, !s.denyScriptsReconfig);
  line('resolve-hostnames', `sentinel resolve-hostnames ${s.resolveHostnames ? 'yes' : 'no'}`, s.resolveHostnames);
  line('announce-hostnames', `sentinel announce-hostnames ${s.announceHostnames ? 'yes' : 'no'}`, s.announceHostnames);
  for (const master of s.masters.values()) {
    const masterAddr = s.currentMasterAddress(master);
    line('monitor', `sentinel monitor ${master.name} ${s.announce(masterAddr)} ${masterAddr.port} ${master.quorum}`, true);
    if (master.downAfterPeriod !== s.periods.defaultDownAfter) {
      line('down-after-milliseconds', `sentinel down-after-milliseconds ${master.name} ${master.downAfterPeriod}`, true);
    }
    if (master.failoverTimeout !== s.periods.defaultFailoverTimeout) {
      line('failover-timeout', `sentinel failover-timeout ${master.name} ${master.failoverTimeout}`, true);
    }
    if (master.parallelSyncs !== 1) line('parallel-syncs', `sentinel parallel-syncs ${master.name} ${master.parallelSyncs}`, true);
    if (master.notificationScript) line('notification-script', `sentinel notification-script ${master.name} ${master.notificationScript}`, true);
    if (master.clientReconfigScript) line('client-reconfig-script', `sentinel client-reconfig-script ${master.name} ${master.clientReconfigScript}`, true);
    if (master.authPass) line('auth-pass', `sentinel auth-pass ${master.name} ${master.authPass}`, true);
    if (master.authUser) line('auth-user', `sentinel auth-user ${master.name} ${master.authUser}`, true);
    if (master.masterRebootDownAfterPeriod !== 0) {
      line('master-reboot-down-after-period', `sentinel master-reboot-down-after-period ${master.name} ${master.masterRebootDownAfterPeriod}`, true);
    }
    line('config-epoch', `sentinel config-epoch ${master.name} ${master.configEpoch}`, true);
    line('leader-epoch', `sentinel leader-epoch ${master.name} ${master.leaderEpoch}`, true);
    for (const ri of master.slaves.values()) {
      // The promoted replica, during a failover, is written with the old primary's address.
      let addr = ri.addr;
      if (s.addrEqual(addr, masterAddr)) addr = master.addr;
      line('known-replica', `sentinel known-replica ${master.name} ${s.announce(addr)} ${addr.port}`, true);
    }
    for (const ri of master.sentinels.values()) {
      if (ri.runid === null) continue;
      line('known-sentinel', `sentinel known-sentinel ${master.name} ${s.announce(ri.addr)} ${ri.addr.port} ${ri.runid}`, true);
    }
    for (const [from, to] of master.renamedCommands.values()) {
      line('rename-command', `sentinel rename-command ${master.name} ${from} ${to}`, true);
    }
  }
  line('current-epoch', `sentinel current-epoch ${s.currentEpoch}`, true);
  if (s.announceIp !== null) line('announce-ip', `sentinel announce-ip ${catRepr(s.announceIp)}`, true);
  else state.markProcessed('sentinel announce-ip');
  if (s.announcePort) line('announce-port', `sentinel announce-port ${s.announcePort}`, true);
  else state.markProcessed('sentinel announce-port');
  if (s.sentinelAuthUser) line('sentinel-user', `sentinel sentinel-user ${s.sentinelAuthUser}`, true);
  else state.markProcessed('sentinel sentinel-user');
  if (s.sentinelAuthPass) line('sentinel-pass', `sentinel sentinel-pass ${s.sentinelAuthPass}`, true);
  else state.markProcessed('sentinel sentinel-pass');
  for (const o of ['monitor', 'down-after-milliseconds', 'failover-timeout', 'parallel-syncs', 'notification-script', 'client-reconfig-script',
    'auth-pass', 'auth-user', 'config-epoch', 'leader-epoch', 'known-replica', 'known-sentinel', 'rename-command', 'master-reboot-down-after-period']) {
    state.markProcessed(`sentinel ${o}`);
  }
}
