/**
 * The replies shared by container commands: `<CMD> HELP` and the "unknown subcommand or wrong
 * number of arguments" error of commands that parse their own subcommands (DEBUG) or extra
 * arguments (PUBSUB CHANNELS).
 * Counterpart in Redis: networking.c `addReplyHelp` and `addReplySubcommandSyntaxError`; both
 * print the command name as typed, upper-cased.
 */
import type { Bytes } from '../../types.ts';
import { array, simple, type Reply } from '../../resp/reply.ts';
import { ReplyError } from '../command.ts';

/** The HELP reply: a header naming the command, the lines, and the HELP entry itself. */
export function helpReply(argv0: Bytes, lines: readonly string[]): Reply {
  const cmd = argv0.toUpperCase();
  return array([
    simple(`${cmd} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`),
    ...lines.map(simple),
    simple('HELP'),
    simple('    Prints this help.'),
  ]);
}

/** The error for an unknown subcommand or a known one with the wrong number of arguments. */
export function subcommandSyntaxError(argv: readonly Bytes[]): ReplyError {
  return new ReplyError(
    `ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try ${argv[0].toUpperCase()} HELP.`,
  );
}
