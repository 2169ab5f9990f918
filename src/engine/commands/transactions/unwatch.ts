/**
 * UNWATCH — forgets every WATCHed key (and a pending WATCH failure).
 * Counterpart in Redis: multi.c `unwatchCommand`.
 */
import { OK } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { resetWatchState } from './watched-keys.ts';

export const unwatch = defineCommand({
  name: 'unwatch',
  parse() {
    return {};
  },
  apply({ client }) {
    resetWatchState(client);
    return OK;
  },
});
