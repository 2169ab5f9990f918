/**
 * ACL WHOAMI — the user the connection is authenticated as (always `default` in the lab).
 * Counterpart in Redis: `aclCommand` WHOAMI branch (acl.c).
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const aclWhoami = defineCommand({
  name: 'acl|whoami',
  parse() {
    return {};
  },
  apply({ client }) {
    return bulk(client.user);
  },
});
