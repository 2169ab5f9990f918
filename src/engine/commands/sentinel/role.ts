/**
 * ROLE in sentinel mode — `sentinel` and the names of the monitored primaries.
 * Counterpart in Redis: `sentinelRoleCommand`.
 */
import { array, bulk, bulks } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { sentinelOf } from './common.ts';

export const sentinelRole = defineCommand({
  name: 'role',
  parse() {
    return {};
  },
  apply(ctx) {
    return array([bulk('sentinel'), bulks([...sentinelOf(ctx).masters.keys()])]);
  },
});
