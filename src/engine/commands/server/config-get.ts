/**
 * CONFIG GET parameter [parameter ...] — the name/value pairs of the directives matching any of
 * the glob patterns (case-insensitive; aliases are listed under their own names; an exact name
 * also finds hidden directives and is echoed as typed).
 * Counterpart in Redis: `configGetCommand` (config.c).
 */
import { array, bulk } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const configGet = defineCommand({
  name: 'config|get',
  parse(argv) {
    return { patterns: argv.slice(2) };
  },
  apply({ server }, { patterns }) {
    const pairs = server.config.configGet(patterns);
    return array(pairs.flatMap(([name, value]) => [bulk(name), bulk(value)]));
  },
});
