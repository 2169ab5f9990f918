/** The pubsub commands, one file each. */
import type { CommandHandler } from '../command.ts';
import { subscribe } from './subscribe.ts';
import { unsubscribe } from './unsubscribe.ts';
import { psubscribe } from './psubscribe.ts';
import { punsubscribe } from './punsubscribe.ts';
import { publish } from './publish.ts';
import { pubsubChannels } from './pubsub-channels.ts';
import { pubsubNumsub } from './pubsub-numsub.ts';
import { pubsubNumpat } from './pubsub-numpat.ts';
import { pubsubHelp } from './pubsub-help.ts';

export const COMMANDS: CommandHandler<any>[] = [
  subscribe, unsubscribe, psubscribe, punsubscribe, publish, pubsubChannels, pubsubNumsub, pubsubNumpat, pubsubHelp,
];
