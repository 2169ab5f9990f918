/**
 * The programs the shell can run that are not bash builtins, by name (its `PATH`).
 */
import type { Program } from '../process.ts';
import { FILE_PROGRAMS } from './files.ts';
import { TEXT_PROGRAMS } from './text.ts';
import { FILTER_PROGRAMS } from './filters.ts';
import { SED_PROGRAMS } from './sed.ts';
import { PROC_PROGRAMS } from './procs.ts';
import { redisServer } from './redis-server.ts';
import { redisCli } from '../redis-cli/program.ts';

export const PROGRAMS: Record<string, Program> = {
  ...FILE_PROGRAMS,
  ...TEXT_PROGRAMS,
  ...FILTER_PROGRAMS,
  ...SED_PROGRAMS,
  ...PROC_PROGRAMS,
  'redis-server': redisServer,
  'redis-sentinel': redisServer,
  'redis-cli': redisCli,
};
