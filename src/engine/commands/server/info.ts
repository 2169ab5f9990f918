/**
 * INFO [section …] — the server's state as `name:value` lines grouped in `# Section`s.
 * Counterpart in Redis: `infoCommand` (server.c); the text is built by server/info.ts.
 */
import { bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';
import { genInfoString, infoSelection } from '../../server/info.ts';

export const info = defineCommand({
  name: 'info',
  parse(argv) {
    return { selection: infoSelection(argv.slice(1)) };
  },
  apply({ server, client }, { selection }) {
    return bulk(genInfoString(server, selection, client));
  },
});
