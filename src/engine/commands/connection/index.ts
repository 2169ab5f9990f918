/** The connection commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { ping } from './ping.ts';
import { auth } from './auth.ts';
import { hello } from './hello.ts';
import { echo } from './echo.ts';
import { quit } from './quit.ts';
import { reset } from './reset.ts';
import { select } from './select.ts';
import { aclWhoami } from './acl-whoami.ts';
import { clientId } from './client-id.ts';
import { clientSetname } from './client-setname.ts';
import { clientGetname } from './client-getname.ts';
import { clientList } from './client-list.ts';
import { clientInfo } from './client-info.ts';
import { clientKill } from './client-kill.ts';
import { clientHelp } from './client-help.ts';
import { clientNoEvict } from './client-no-evict.ts';
import { clientReply } from './client-reply.ts';

export const COMMANDS: CommandHandler<any>[] = [
  ping, auth, hello, echo, quit, reset, select, aclWhoami,
  clientId, clientSetname, clientGetname, clientList, clientInfo, clientKill, clientHelp, clientNoEvict, clientReply,
];
