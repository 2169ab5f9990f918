/**
 * COMMAND HELP — the subcommands of COMMAND.
 * Counterpart in Redis: `commandHelpCommand` (server.c).
 */
import { defineCommand } from '../command.ts';
import { helpReply } from './help.ts';
import { COMMAND_HELP } from './help-texts.ts';

export const commandHelp = defineCommand({
  name: 'command|help',
  parse(argv) {
    return { argv0: argv[0] };
  },
  apply(_ctx, { argv0 }) {
    return helpReply(argv0, COMMAND_HELP);
  },
});
