// Records Redis 7.0's command table from a real redis-server (and a real sentinel): the exact
// replies of COMMAND INFO and COMMAND DOCS for every command, and the redis-cli help line of
// each (built from the docs the way redis-cli 7.0's generated help table is). These are facts
// about Redis — arity, flags, key positions, summaries — that COMMAND, HELP and the terminal's
// hints must print byte for byte. Run: `npm exec -- node scripts/gen-command-table.ts`.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { ReplyParser } from '../src/engine/resp/reply-parser.ts';
import { encodeCommand, encodeReply, type Reply } from '../src/engine/resp/reply.ts';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function query(port: number, argv: string[]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const parser = new ReplyParser();
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => {
      parser.push(d);
      const r = parser.next();
      if (r) {
        sock.end();
        resolve(r);
      }
    });
    sock.on('error', reject);
    sock.write(Buffer.from(encodeCommand(argv), 'latin1'));
  });
}

async function waitUp(port: number) {
  for (let i = 0; i < 100; i++) {
    try {
      await query(port, ['PING']);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('server did not start');
}

const str = (r: Reply): string => (r.type === 'bulk' || r.type === 'simple' ? (r.value ?? '') : '');
const pairs = (r: Reply): Map<string, Reply> => {
  const m = new Map<string, Reply>();
  if (r.type === 'array' && r.value) for (let i = 0; i + 1 < r.value.length; i += 2) m.set(str(r.value[i]), r.value[i + 1]);
  return m;
};

/** redis-cli 7.0's parameter text for one documented argument (its `cliAddArgument`). */
function argHint(arg: Map<string, Reply>): string {
  const type = str(arg.get('type') ?? { type: 'bulk', value: '' });
  const name = arg.has('name') ? str(arg.get('name')!) : '';
  const flags = arg.get('flags')?.type === 'array' ? (arg.get('flags')!.value as Reply[]).map(str) : [];
  const nested = arg.get('arguments');
  let repeat = '';
  if (['key', 'string', 'integer', 'double', 'pattern', 'unix-time', 'token'].includes(type)) repeat = name;
  else if (type === 'oneof') repeat = concatArgs(nested, '|');
  else if (type === 'block') repeat = concatArgs(nested, ' ');
  let token = arg.has('token') ? str(arg.get('token')!) : '';
  if (token !== '' && type !== 'pure-token') token += ' ';
  let out = flags.includes('optional') ? '[' : '';
  out += token + repeat;
  if (flags.includes('multiple')) out += ' [' + (flags.includes('multiple_token') ? token : '') + repeat + ' ...]';
  if (flags.includes('optional')) out += ']';
  return out;
}

/** Joins the parameter texts of a list of arguments (redis-cli's `cliConcatArguments`). */
function concatArgs(args: Reply | undefined, sep: string): string {
  if (!args || args.type !== 'array' || !args.value) return '';
  return args.value.map((a) => argHint(pairs(a))).join(sep);
}

function helpParams(doc: Map<string, Reply>): string {
  return concatArgs(doc.get('arguments'), ' ');
}

interface HelpEntry { name: string; params: string; summary: string; since: string; group: string }

function collect(info: Reply, docs: Reply) {
  const infoByName = new Map<string, string>();
  if (info.type === 'array' && info.value) for (const c of info.value) {
    if (c.type === 'array' && c.value) infoByName.set(str(c.value[0]), encodeReply(c));
  }
  const docsByName = new Map<string, string>();
  const help: HelpEntry[] = [];
  const d = pairs(docs);
  for (const [name, doc] of d) {
    docsByName.set(name, encodeReply(doc));
    const m = pairs(doc);
    const subs = m.get('subcommands');
    const entry = (n: string, dm: Map<string, Reply>) => ({
      name: n.toUpperCase().replace('|', ' '), params: helpParams(dm), summary: str(dm.get('summary') ?? { type: 'bulk', value: '' }),
      since: str(dm.get('since') ?? { type: 'bulk', value: '' }), group: str(dm.get('group') ?? { type: 'bulk', value: '' }),
    });
    help.push(entry(name, m));
    if (subs && subs.type === 'array' && subs.value) for (const [sn, sd] of pairs(subs)) help.push(entry(sn, pairs(sd)));
  }
  help.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { infoByName, docsByName, help };
}

const dir = mkdtempSync(join(tmpdir(), 'gen-command-table-'));
const port = await freePort();
const sport = await freePort();
const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir], { stdio: 'ignore' });
writeFileSync(join(dir, 'sentinel.conf'), `port ${sport}\nbind 127.0.0.1\n`);
const sentinel = spawn('redis-sentinel', [join(dir, 'sentinel.conf')], { stdio: 'ignore', cwd: dir });
try {
  await waitUp(port);
  await waitUp(sport);
  const server7 = collect(await query(port, ['COMMAND']), await query(port, ['COMMAND', 'DOCS']));
  const sentinel7 = collect(await query(sport, ['COMMAND']), await query(sport, ['COMMAND', 'DOCS']));
  const version = str(pairs(await query(port, ['HELLO'])).get('version') ?? { type: 'bulk', value: '?' });
  const lit = (m: Map<string, string>) => '{\n' + [...m].sort().map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n') + '\n}';
  const header = `// Generated by scripts/gen-command-table.ts from a real redis-server ${version}: do not edit.\n`;
  writeFileSync('src/engine/commands/table.generated.ts',
    header +
    '// Each value is the exact RESP reply of `COMMAND INFO name` / `COMMAND DOCS name` (one element).\n' +
    `export const REDIS_VERSION = ${JSON.stringify(version)};\n` +
    `export const SERVER_COMMAND_INFO: Record<string, string> = ${lit(server7.infoByName)};\n` +
    `export const SERVER_COMMAND_DOCS: Record<string, string> = ${lit(server7.docsByName)};\n` +
    `export const SENTINEL_COMMAND_INFO: Record<string, string> = ${lit(sentinel7.infoByName)};\n` +
    `export const SENTINEL_COMMAND_DOCS: Record<string, string> = ${lit(sentinel7.docsByName)};\n`);
  writeFileSync('src/engine/commands/help.generated.ts',
    header +
    '// redis-cli 7.0\'s help table: `HELP cmd`, and the grey hints shown while typing.\n' +
    'export interface HelpEntry { name: string; params: string; summary: string; since: string; group: string }\n' +
    `export const HELP: HelpEntry[] = [\n${server7.help.map((h) => '  ' + JSON.stringify(h) + ',').join('\n')}\n];\n` +
    `export const SENTINEL_HELP: HelpEntry[] = [\n${sentinel7.help.map((h) => '  ' + JSON.stringify(h) + ',').join('\n')}\n];\n`);
  console.log(`server: ${server7.infoByName.size} commands, sentinel: ${sentinel7.infoByName.size}`);
} finally {
  server.kill('SIGTERM');
  sentinel.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 200));
  rmSync(dir, { recursive: true, force: true });
}
