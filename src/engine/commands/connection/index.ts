/** The connection commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { ping } from './ping.ts';

export const COMMANDS: CommandHandler<any>[] = [ping];
