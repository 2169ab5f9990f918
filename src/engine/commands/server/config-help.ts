/**
 * CONFIG HELP — the subcommands of CONFIG, one status line each, as `addReplyHelp` prints them.
 * Counterpart in Redis: `configHelpCommand` (config.c).
 */
import { array, simple } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

const HELP = [
  'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
  'HELP',
  '    Prints this help.',
];

export const configHelp = defineCommand({
  name: 'config|help',
  parse() {
    return {};
  },
  apply() {
    return array(HELP.map(simple));
  },
});
