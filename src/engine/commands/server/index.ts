/** The server commands, one file each. */
import type { CommandHandler } from '../command.ts';

export const COMMANDS: CommandHandler<any>[] = [];
