/**
 * Goal: the forwarding rule of disk changes (src/runtime/runtime.ts, "Disk"): a node's worker
 * holds the content only of the files the node reads or writes, and knows every other file by
 * name; what it reads is exact all the same. A config the shell wrote reaches the node at
 * startup, and the shell's later edit of it is what CONFIG REWRITE reads; a file named only
 * inside the config (an `include` outside the working directory) is fetched during startup;
 * a node's RDB reaches the shell's disk and survives a kill -9, and the next process loads it
 * (its content fetched when the startup reads it); a node never receives the content of a
 * file it never touched — another node's RDB — though it knows the name (`exists` is exact).
 * Method: real workers on Node's worker_threads; what a worker holds is read from its
 * snapshot (`disk.held` / `disk.stubs`) and from the runtime's `diskView` (watched paths,
 * bytes of content sent); replies and files are compared with what Redis gives.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterRuntime } from '../../src/runtime/runtime.ts';
import { client, runtime, spawn, until } from './support.ts';

const conf = (lines: string[]) => lines.join('\n') + '\n';

/** CONFIG GET's value, on a connection of its own (the test client reads simple replies only). */
async function configGet(rt: ClusterRuntime, port: number, name: string): Promise<string> {
  const c = await client(rt, port);
  c.send('CONFIG', 'GET', name);
  await until(() => /^\*2\r\n\$\d+\r\n[^\r]*\r\n\$\d+\r\n[^\r]*\r\n/.test(c.buffered), `CONFIG GET ${name}`);
  c.conn.close();
  return c.buffered.split('\r\n')[4];
}

describe('runtime: disk changes go to the nodes that read the file', () => {
  it('the shell\'s config reaches the node at startup, and its later edit is what CONFIG REWRITE reads', async () => {
    const rt = runtime();
    rt.disk.write('/home/learner/a.conf', conf(['port 7601', 'dbfilename a.rdb']));
    spawn(rt, ['a.conf']);
    const c = await client(rt, 7601);
    expect(await configGet(rt, 7601, 'dbfilename')).toBe('a.rdb');
    // The shell edits the file the node read at startup: the change is numbered before the
    // next call, so CONFIG REWRITE reads it (the comment stays, the set value is rewritten in).
    rt.disk.write('/home/learner/a.conf', conf(['# edited by the shell', 'port 7601', 'dbfilename a.rdb']));
    expect(await c.call('CONFIG', 'SET', 'maxmemory', '1mb')).toBe('+OK\r\n');
    expect(await c.call('CONFIG', 'REWRITE')).toBe('+OK\r\n');
    const text = rt.disk.read('/home/learner/a.conf') ?? '';
    expect(text.startsWith('# edited by the shell\nport 7601\ndbfilename "a.rdb"\n')).toBe(true);
    expect(text).toContain('maxmemory 1mb');
  });

  it('a file named only inside the config (an include elsewhere) is fetched during startup', async () => {
    const rt = runtime();
    rt.disk.write('/etc/redis/extra.conf', conf(['maxmemory 2mb']));
    rt.disk.write('/home/learner/b.conf', conf(['port 7602', 'include /etc/redis/extra.conf', 'logfile "b.log"', 'appendonly yes', 'appenddirname "b-aof"']));
    const b = spawn(rt, ['b.conf']);
    expect(await configGet(rt, 7602, 'maxmemory')).toBe('2097152');
    expect(rt.diskView(b.pid)?.watched).toEqual(expect.arrayContaining(['/etc/redis/extra.conf', '/home/learner/b.conf']));
    // The undone first run left nothing behind: the startup's log lines appear once, in the
    // log file (the first run had written them too) and in the stores.
    const file = rt.disk.read('/home/learner/b.log') ?? '';
    expect(file.split('\n').filter((l) => l.includes('Ready to accept connections')).length).toBe(1);
    expect(file.split('\n').filter((l) => l.includes('oO0OoO0OoO0Oo Redis is starting')).length).toBe(1);
    // The kept run created the AOF (the undone one's files were taken back, so it did not find them).
    expect(rt.disk.list('/home/learner/b-aof')).toEqual(['appendonly.aof.1.base.rdb', 'appendonly.aof.1.incr.aof', 'appendonly.aof.manifest']);
    expect(file).toContain('Creating AOF base file appendonly.aof.1.base.rdb on server start');
  });

  it('a node\'s RDB reaches the shell and survives kill -9; the next process loads it; an unrelated node gets its name only', async () => {
    const rt = runtime();
    rt.disk.write('/home/learner/a.conf', conf(['port 7611', 'dbfilename a.rdb']));
    rt.disk.write('/home/learner/b.conf', conf(['port 7612', 'dbfilename b.rdb']));
    const a = spawn(rt, ['a.conf']);
    const b = spawn(rt, ['b.conf']);
    const ca = await client(rt, 7611);
    const cb = await client(rt, 7612);
    expect(await ca.call('SET', 'kept', 'x'.repeat(5000))).toBe('+OK\r\n');
    expect(await ca.call('SAVE')).toBe('+OK\r\n');
    // The shell's disk has the RDB (`cat`, `ls`, `tail -f` read this disk).
    await until(() => rt.disk.read('/home/learner/a.rdb')?.startsWith('REDIS0010') === true, 'the RDB on the shared disk');
    const before = rt.diskView(b.pid)?.bytesIn ?? -1;
    // A snapshot is numbered after the forwarded change: what b holds is settled by then.
    const snapB = await rt.snapshot(b.pid);
    expect(snapB?.disk?.stubs).toContain('/home/learner/a.rdb');
    expect(snapB?.disk?.held).not.toContain('/home/learner/a.rdb');
    expect(snapB?.disk?.held).toContain('/home/learner/b.conf');
    expect(rt.diskView(b.pid)?.watched).not.toContain('/home/learner/a.rdb');
    expect(rt.diskView(b.pid)?.bytesIn).toBe(before);
    expect(before).toBeLessThan(5000);
    // a holds its own RDB (it wrote it).
    expect((await rt.snapshot(a.pid))?.disk?.held).toContain('/home/learner/a.rdb');
    expect(await cb.call('DBSIZE')).toBe(':0\r\n');
    // kill -9: a's memory is gone, its RDB stays on the shared disk; the next process reads it at startup.
    expect(rt.kill(a.pid, 'KILL')).toBe(true);
    expect(await a.exit).toBe(137);
    expect(rt.disk.read('/home/learner/a.rdb')?.startsWith('REDIS0010')).toBe(true);
    const a2 = rt.restart(a.pid);
    const ca2 = await client(rt, 7611);
    expect(await ca2.call('STRLEN', 'kept')).toBe(':5000\r\n');
    expect(rt.diskView(a2)?.watched).toContain('/home/learner/a.rdb');
    // b still never got a's RDB content.
    expect(rt.diskView(b.pid)?.bytesIn).toBe(before);
  });

  it('a node that read a missing file gets it once the shell creates it', async () => {
    const rt = runtime();
    rt.disk.write('/home/learner/c.conf', conf(['port 7621', 'dbfilename c.rdb', 'enable-debug-command yes']));
    const c = spawn(rt, ['c.conf']);
    const cc = await client(rt, 7621);
    // The startup looked for c.rdb (missing): the node watches it.
    expect(rt.diskView(c.pid)?.watched).toContain('/home/learner/c.rdb');
    // Copy another server's RDB into place from the shell, then DEBUG RELOAD NOSAVE reads it.
    rt.disk.write('/home/learner/d.conf', conf(['port 7622', 'dbfilename d.rdb']));
    spawn(rt, ['d.conf']);
    const cd = await client(rt, 7622);
    expect(await cd.call('SET', 'from-d', 'yes')).toBe('+OK\r\n');
    expect(await cd.call('SAVE')).toBe('+OK\r\n');
    await until(() => rt.disk.read('/home/learner/d.rdb') !== null, 'd.rdb on the shared disk');
    rt.disk.write('/home/learner/c.rdb', rt.disk.read('/home/learner/d.rdb') ?? '');
    expect(await cc.call('DEBUG', 'RELOAD', 'NOSAVE')).toBe('+OK\r\n');
    expect(await cc.call('GET', 'from-d')).toBe('$3\r\nyes\r\n');
  });
});
