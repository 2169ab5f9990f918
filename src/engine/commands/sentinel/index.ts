/**
 * Sentinel mode's own commands: SENTINEL and its subcommands, and the sentinel versions of
 * INFO, ROLE, PUBLISH and HELLO. The other commands of Sentinel's table (PING, AUTH, CLIENT,
 * COMMAND, ACL, SUBSCRIBE…, SHUTDOWN) are the shared ones.
 */
import type { CommandHandler } from '../command.ts';
import { sentinelMasters } from './sentinel-masters.ts';
import { sentinelMaster } from './sentinel-master.ts';
import { sentinelReplicas } from './sentinel-replicas.ts';
import { sentinelSlaves } from './sentinel-slaves.ts';
import { sentinelSentinels } from './sentinel-sentinels.ts';
import { sentinelMyid } from './sentinel-myid.ts';
import { sentinelIsMasterDownByAddr } from './sentinel-is-master-down-by-addr.ts';
import { sentinelReset } from './sentinel-reset.ts';
import { sentinelGetMasterAddrByName } from './sentinel-get-master-addr-by-name.ts';
import { sentinelFailover } from './sentinel-failover.ts';
import { sentinelPendingScripts } from './sentinel-pending-scripts.ts';
import { sentinelMonitor } from './sentinel-monitor.ts';
import { sentinelFlushconfig } from './sentinel-flushconfig.ts';
import { sentinelRemove } from './sentinel-remove.ts';
import { sentinelCkquorum } from './sentinel-ckquorum.ts';
import { sentinelSet } from './sentinel-set.ts';
import { sentinelConfig } from './sentinel-config.ts';
import { sentinelInfoCache } from './sentinel-info-cache.ts';
import { sentinelSimulateFailure } from './sentinel-simulate-failure.ts';
import { sentinelDebug } from './sentinel-debug.ts';
import { sentinelHelp } from './sentinel-help.ts';
import { sentinelInfo } from './info.ts';
import { sentinelRole } from './role.ts';
import { sentinelPublish } from './publish.ts';
import { sentinelHello } from './hello.ts';

export const COMMANDS: CommandHandler<any>[] = [
  sentinelMasters, sentinelMaster, sentinelReplicas, sentinelSlaves, sentinelSentinels, sentinelMyid,
  sentinelIsMasterDownByAddr, sentinelReset, sentinelGetMasterAddrByName, sentinelFailover, sentinelPendingScripts,
  sentinelMonitor, sentinelFlushconfig, sentinelRemove, sentinelCkquorum, sentinelSet, sentinelConfig,
  sentinelInfoCache, sentinelSimulateFailure, sentinelDebug, sentinelHelp,
  sentinelInfo, sentinelRole, sentinelPublish, sentinelHello,
];
