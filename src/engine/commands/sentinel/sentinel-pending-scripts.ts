/**
 * SENTINEL PENDING-SCRIPTS — the notification scripts waiting to run. The lab runs no scripts,
 * so the list is always empty, as on a sentinel without scripts configured.
 * Counterpart in Redis: `sentinelPendingScriptsCommand`.
 */
import { EMPTY_ARRAY } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const sentinelPendingScripts = defineCommand({
  name: 'sentinel|pending-scripts',
  parse() {
    return {};
  },
  apply() {
    return EMPTY_ARRAY;
  },
});
