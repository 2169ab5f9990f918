/**
 * CLIENT HELP — the subcommands of CLIENT.
 * Counterpart in Redis: `clientCommand` HELP branch (networking.c).
 */
import { defineCommand } from '../command.ts';
import { helpReply } from '../server/help.ts';
import { CLIENT_HELP } from '../server/help-texts.ts';

export const clientHelp = defineCommand({
  name: 'client|help',
  parse(argv) {
    return { argv0: argv[0] };
  },
  apply(_ctx, { argv0 }) {
    return helpReply(argv0, CLIENT_HELP);
  },
});
