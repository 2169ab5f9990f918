/** The transactions commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { multi } from './multi.ts';
import { exec } from './exec.ts';
import { discard } from './discard.ts';
import { watch } from './watch.ts';
import { unwatch } from './unwatch.ts';

export const COMMANDS: CommandHandler<any>[] = [multi, exec, discard, watch, unwatch];
