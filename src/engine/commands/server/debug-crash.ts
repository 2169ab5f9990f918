/**
 * DEBUG SEGFAULT — the process crashes with SIGSEGV: Redis's crash handler writes its bug
 * report to the log, and the process dies (exit status 139 = 128 + 11, as the shell reports
 * a segfault).
 * Counterpart in Redis: debug.c (`sigsegvHandler`, `printCrashReport`, `bugReportStart`,
 * `bugReportEnd`, `logStackTrace`, `logCurrentClient`, `logConfigDebugInfo`). The report has
 * 7.0.15's header, signal line and sections in order, with real INFO and CLIENT LIST output.
 * Simplifications: the stack trace, registers and memory test show a fixed, plausible
 * content (a real process's addresses would differ at each run anyway); the EIP code dump is
 * omitted. Real Redis on the recorded machine reports `si_code: 2` (SEGV_ACCERR: DEBUG
 * SEGFAULT writes to a read-only page); so does this.
 */
import type { Bytes } from '../../types.ts';
import type { RedisServer } from '../../server/server.ts';
import type { Client } from '../../server/client.ts';
import { genInfoString } from '../../server/info.ts';
import { clientInfoString } from '../connection/client-info-string.ts';
import { REDIS_VERSION } from '../table.generated.ts';
import { catRepr } from '../../util/repr.ts';

/** The process title Redis shows in stack traces: `redis-server 127.0.0.1:6379`. */
function processTitle(server: RedisServer): string {
  const bind = server.bindAddresses()[0] ?? '*';
  return `${server.program} ${bind}:${server.port}`;
}

/** Writes the crash report of a SIGSEGV in DEBUG SEGFAULT and ends the process with 139. */
export function crashWithSegfault(server: RedisServer, c: Client, argv: Bytes[]): void {
  const title = processTitle(server);
  const raw = (text: string) => server.writeLogRaw(text);
  const log = (msg: string) => server.log('warning', msg);
  raw('\n\n=== REDIS BUG REPORT START: Cut & paste starting from here ===\n');
  log(`Redis ${REDIS_VERSION} crashed by signal: 11, si_code: 2`);
  log('Accessing address: 0x7f0a8996b000');
  log('Crashed running the instruction at: 0x5592378b975f');
  raw('\n------ STACK TRACE ------\nEIP:\n');
  raw(`${title}(debugCommand+0x26f)[0x5592378b975f]\n\nBacktrace:\n`);
  raw(
    [
      '/lib/x86_64-linux-gnu/libc.so.6(+0x3c050)[0x7f0a88c5a050]',
      `${title}(debugCommand+0x26f)[0x5592378b975f]`,
      `${title}(call+0xdb)[0x5592378546fb]`,
      `${title}(processCommand+0x98d)[0x559237855ccd]`,
      `${title}(processInputBuffer+0xe6)[0x55923786eff6]`,
      `${title}(readQueryFromClient+0x2e8)[0x559237872e08]`,
      `${title}(+0x13c334)[0x559237922334]`,
      `${title}(+0x64ef8)[0x55923784aef8]`,
      `${title}(aeMain+0x1d)[0x55923784b9ed]`,
      `${title}(main+0x316)[0x559237847216]`,
      '/lib/x86_64-linux-gnu/libc.so.6(+0x2724a)[0x7f0a88c4524a]',
      '/lib/x86_64-linux-gnu/libc.so.6(__libc_start_main+0x85)[0x7f0a88c45305]',
      `${title}(_start+0x21)[0x559237847931]`,
    ].join('\n') + '\n',
  );
  raw('\n------ REGISTERS ------\n');
  log('');
  raw(
    [
      'RAX:00007f0a8996b000 RBX:00007f0a8849d200',
      'RCX:00007f0a88d1f9b3 RDX:0000000000000001',
      'RDI:0000000000000000 RSI:0000000000001000',
      'RBP:00007f0a885aa613 RSP:00007ffcc42e1140',
      'R8 :00000000ffffffff R9 :0000000000000000',
      'R10:0000000000000022 R11:0000000000000246',
      'R12:0000000000000000 R13:0000000000000002',
      'R14:00007f0a88508610 R15:00007ffcc42e2520',
      'RIP:00005592378b975f EFL:0000000000010207',
      'CSGSFS:002b000000000033',
    ].join('\n') + '\n',
  );
  raw('\n------ INFO OUTPUT ------\n');
  raw(genInfoString(server, { all: true, everything: false, names: new Set() }, c));
  raw('\n------ CLIENT LIST OUTPUT ------\n');
  const running = { argv, name: 'debug' };
  for (const x of server.clients.values()) raw(clientInfoString(server, x, x === c ? running : undefined) + '\n');
  raw('\n------ CURRENT CLIENT INFO ------\n');
  raw(clientInfoString(server, c, running) + '\n');
  argv.forEach((a, j) => raw(`argv[${j}]: '${catRepr(a.slice(0, 128))}'\n`));
  raw('\n------ MODULES INFO OUTPUT ------\n');
  raw('\n------ CONFIG DEBUG OUTPUT ------\n');
  const cfg = (name: string, fallback: string) => {
    try {
      return server.config.get(name);
    } catch {
      return fallback;
    }
  };
  raw(
    [
      'sanitize-dump-payload no',
      `replica-read-only ${cfg('replica-read-only', 'yes')}`,
      'proto-max-bulk-len 512mb',
      `repl-diskless-sync ${cfg('repl-diskless-sync', 'yes')}`,
      `slave-read-only ${cfg('replica-read-only', 'yes')}`,
      'repl-diskless-load disabled',
      'io-threads-do-reads no',
      'activedefrag no',
      'lazyfree-lazy-user-flush no',
      'client-query-buffer-limit 1gb',
      'lazyfree-lazy-server-del no',
      'lazyfree-lazy-eviction no',
      'io-threads 1',
      'list-compress-depth 0',
      'lazyfree-lazy-user-del no',
      'lazyfree-lazy-expire no',
    ].join('\n') + '\n',
  );
  raw('\n------ FAST MEMORY TEST ------\n');
  log('Bio thread for job type #0 terminated');
  log('Bio thread for job type #1 terminated');
  log('Bio thread for job type #2 terminated');
  raw('.O.O.O.O.O.O.O.O.O.O.O.O.O.O.O.O.O\nFast memory test PASSED, however your memory can still be broken. Please run a memory test for several hours if possible.\n');
  raw(
    '\n=== REDIS BUG REPORT END. Make sure to include from START to END. ===\n\n' +
      '       Please report the crash by opening an issue on github:\n\n' +
      '           http://github.com/redis/redis/issues\n\n' +
      "  If a Redis module was involved, please open in the module's repo instead.\n\n" +
      '  Suspect RAM error? Use redis-server --test-memory to verify it.\n\n' +
      '  Some other issues could be detected by redis-server --check-system\n',
  );
  server.exit(139);
}
