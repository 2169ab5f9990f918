/**
 * CONFIG REWRITE — rewrites the config file the server was started with so that it holds the
 * current configuration, keeping its comments and layout (see config/rewrite.ts).
 * Counterpart in Redis: `configRewriteCommand` and `rewriteConfig` (config.c).
 */
import { OK, error } from '../../resp/reply.ts';
import { defineCommand } from '../command.ts';

export const configRewrite = defineCommand({
  name: 'config|rewrite',
  parse() {
    return {};
  },
  apply({ server }) {
    if (server.configFile === '') return error('ERR The server is running without a config file');
    const path = server.configFile;
    if (server.disk.isDirectory(path)) {
      server.log('warning', 'CONFIG REWRITE failed: Is a directory');
      return error('ERR Rewriting config file: Is a directory');
    }
    const text = server.config.rewrite(server.disk.read(path));
    // Redis writes a temporary file next to it and renames it over the old one.
    server.disk.write(path, text);
    server.log('warning', 'CONFIG REWRITE executed with success.');
    return OK;
  },
});
