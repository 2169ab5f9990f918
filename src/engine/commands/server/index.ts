/** The server commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { configGet } from './config-get.ts';
import { configSet } from './config-set.ts';
import { configRewrite } from './config-rewrite.ts';
import { configResetstat } from './config-resetstat.ts';
import { configHelp } from './config-help.ts';
import { info } from './info.ts';
import { role } from './role.ts';
import { time } from './time.ts';
import { lastsave } from './lastsave.ts';
import { save } from './save.ts';
import { bgsave } from './bgsave.ts';
import { bgrewriteaof } from './bgrewriteaof.ts';
import { shutdown } from './shutdown.ts';
import { monitor } from './monitor.ts';
import { debug } from './debug.ts';
import { command } from './command.ts';
import { commandCount } from './command-count.ts';
import { commandInfo } from './command-info.ts';
import { commandDocs } from './command-docs.ts';
import { commandList } from './command-list.ts';
import { commandGetkeys, commandGetkeysandflags } from './command-getkeys.ts';
import { commandHelp } from './command-help.ts';

export const COMMANDS: CommandHandler<any>[] = [
  configGet, configSet, configRewrite, configResetstat, configHelp,
  info, role, time, lastsave, save, bgsave, bgrewriteaof, shutdown, monitor, debug,
  command, commandCount, commandInfo, commandDocs, commandList, commandGetkeys, commandGetkeysandflags, commandHelp,
];
