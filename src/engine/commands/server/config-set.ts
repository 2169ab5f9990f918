/**
 * CONFIG SET parameter value [parameter value ...] — sets one or more directives at once: all
 * of them or none (a failure restores every value). Immutable and protected directives are
 * refused; modules waiting on a change are told through `ServerConfig.onChange`.
 * Counterpart in Redis: `configSetCommand` (config.c).
 */
import { OK, error } from '../../resp/reply.ts';
import { defineCommand, Errors, ReplyError } from '../command.ts';

export const configSet = defineCommand({
  name: 'config|set',
  parse(argv) {
    // Arity (-4) is checked before; an odd count means a name without its value.
    if (argv.length % 2 === 1) throw new ReplyError(Errors.syntax);
    const pairs: [string, string][] = [];
    for (let i = 2; i < argv.length; i += 2) pairs.push([argv[i], argv[i + 1]]);
    return { pairs };
  },
  apply({ server, client }, { pairs }) {
    const mode = server.config.get('enable-protected-configs');
    const local = client.addr.host === '127.0.0.1' || client.addr.host === '::1' || client.addr.host === 'localhost';
    const err = server.config.configSet(pairs, {
      loading: server.persistence.loading,
      allowProtected: mode === 'yes' || (mode === 'local' && local),
    });
    return err === null ? OK : error(err);
  },
});
