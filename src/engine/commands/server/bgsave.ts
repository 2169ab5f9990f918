/**
 * BGSAVE [SCHEDULE] — starts an RDB snapshot in a (modelled) child process and replies at
 * once; inside MULTI, or with SCHEDULE while another child runs, the save is scheduled.
 * Counterpart in Redis: `bgsaveCommand` (rdb.c); the work is `persistence.bgsave()`.
 */
import { simple } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';

export const bgsave = defineCommand({
  name: 'bgsave',
  parse(argv) {
    if (argv.length > 1 && !(argv.length === 2 && argv[1].toLowerCase() === 'schedule')) throw new ReplyError(Errors.syntax);
    return { schedule: argv.length === 2 };
  },
  apply({ server }, { schedule }) {
    return simple(server.persistence.bgsave(schedule || server.inExec));
  },
});
