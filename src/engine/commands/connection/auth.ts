/**
 * AUTH [username] password — authenticates the connection. With one argument the user is
 * `default`; when no `requirepass` is configured that form is refused with Redis's hint, while
 * `AUTH default anything` succeeds (the default user is then `nopass`).
 * Counterpart in Redis: `authCommand` and `ACLAuthenticateUser` (acl.c). The lab has one
 * user, `default`, whose password is `requirepass`.
 */
import type { Bytes } from '../../types.ts';
import type { RedisServer } from '../../server/server.ts';
import type { Client } from '../../server/client.ts';
import { OK } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';

/**
 * `ACLAuthenticateUser`: true (and the client is authenticated as the user) when the user
 * exists and the password matches, or the user has no password.
 */
export function authenticateUser(server: RedisServer, c: Client, username: Bytes, password: Bytes): boolean {
  if (username !== 'default') return false;
  const requirepass = server.config.get('requirepass');
  if (requirepass !== '' && password !== requirepass) return false;
  c.authenticated = true;
  c.user = 'default';
  return true;
}

export const auth = defineCommand({
  name: 'auth',
  parse(argv) {
    if (argv.length > 3) throw new ReplyError(Errors.syntax);
    return argv.length === 2 ? { username: null, password: argv[1] } : { username: argv[1], password: argv[2] };
  },
  apply({ server, client }, { username, password }) {
    if (username === null && server.config.get('requirepass') === '') {
      throw new ReplyError(
        'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
      );
    }
    if (!authenticateUser(server, client, username ?? 'default', password)) throw new ReplyError(Errors.wrongPass);
    return OK;
  },
});
