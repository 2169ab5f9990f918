/** The server commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { configGet } from './config-get.ts';
import { configSet } from './config-set.ts';
import { configRewrite } from './config-rewrite.ts';
import { configResetstat } from './config-resetstat.ts';
import { configHelp } from './config-help.ts';

export const COMMANDS: CommandHandler<any>[] = [
  configGet, configSet, configRewrite, configResetstat, configHelp,
];
