/**
 * SLAVEOF host port | SLAVEOF NO ONE — the old name of REPLICAOF, identical in every reply
 * and log line. Counterpart in Redis: `replicaofCommand` (replication.c), registered twice.
 */
import { replicaofHandler } from './replicaof.ts';

export const slaveof = replicaofHandler('slaveof');
