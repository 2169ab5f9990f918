/** The replication commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { replicaof } from './replicaof.ts';
import { slaveof } from './slaveof.ts';
import { sync } from './sync.ts';
import { psync } from './psync.ts';
import { replconf } from './replconf.ts';
import { wait } from './wait.ts';
import { failover } from './failover.ts';

export const COMMANDS: CommandHandler<any>[] = [replicaof, slaveof, sync, psync, replconf, wait, failover];
