/** The string commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { get } from './get.ts';
import { set } from './set.ts';

export const COMMANDS: CommandHandler<any>[] = [get, set];
