/**
 * PUBSUB HELP — the subcommands of PUBSUB.
 * Counterpart in Redis: `pubsubCommand` HELP branch (pubsub.c).
 */
import type { Bytes } from '../../types.ts';
import { defineCommand } from '../command.ts';
import { helpReply, subcommandSyntaxError } from '../server/help.ts';
import { PUBSUB_HELP } from '../server/help-texts.ts';

/** Throws Redis's subcommand syntax error unless the PUBSUB form is valid. */
export function pubsubArity(argv: readonly Bytes[], ok: boolean): void {
  if (!ok) throw subcommandSyntaxError(argv);
}

export const pubsubHelp = defineCommand({
  name: 'pubsub|help',
  parse(argv) {
    return { argv0: argv[0] };
  },
  apply(_ctx, { argv0 }) {
    return helpReply(argv0, PUBSUB_HELP);
  },
});
