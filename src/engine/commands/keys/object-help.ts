/**
 * OBJECT HELP — the subcommands of OBJECT, as Redis 7.0 lists them.
 * Counterpart in Redis: `objectCommand` and `addReplyHelp` (object.c, networking.c).
 */
import { array, simple } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

const HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Print this help.',
];

export const objectHelp = defineCommand({
  name: 'object|help',
  parse() {
    return {};
  },
  apply() {
    return array(HELP.map(simple));
  },
});
