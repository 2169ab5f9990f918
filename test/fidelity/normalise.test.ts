/**
 * Goal: the fidelity normalisation rewrites exactly what is random by nature and nothing else,
 * and the diff shows where two transcripts part.
 * Method: feed it lines copied from real Redis 7.0.15 runs (two runs' worth where values differ)
 * and check what comes out; check that deterministic text passes through byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { normalise, normaliseInfoLine } from './harness/normalise.ts';
import { firstDifference, unifiedDiff } from './harness/diff.ts';

const ctx = { dir: '/scratch/redis-fidelity-AbC123', scriptDir: '/repo/test/fidelity/scenarios', ports: { P1: 40123, P2: 40999 } };

describe('normalise', () => {
  it('rewrites log prefixes, pids, run ids and load timings, and keeps the message', () => {
    const a = [
      '12307:C 27 Nov 2026 19:52:56.203 # Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=12307, just started',
      '12307:M 27 Nov 2026 19:52:56.204 * Running mode=standalone, port=40123.',
      "12307:M 27 Nov 2026 19:52:56.204 * Replication backlog created, my new replication IDs are '9f0b0948ce70d5a7f8e3b08a04999fb125248d87' and '0000000000000000000000000000000000000000'",
      '12307:M 27 Nov 2026 19:52:56.205 * Background saving started by pid 12400',
      '12400:C 27 Nov 2026 19:52:56.206 * Fork CoW for RDB: current 1 MB, peak 1 MB, average 0 MB',
      '12307:M 27 Nov 2026 19:52:56.205 * DB loaded from disk: 0.001 seconds',
      '12333:signal-handler (1795809189) Received SIGTERM scheduling shutdown...',
    ].join('\n');
    expect(normalise(a, ctx)).toBe([
      '<pid>:C <time> # Redis version=7.0.15, bits=64, commit=00000000, modified=0, pid=<pid>, just started',
      '<pid>:M <time> * Running mode=standalone, port=<P1>.',
      "<pid>:M <time> * Replication backlog created, my new replication IDs are '<id>' and '0000000000000000000000000000000000000000'",
      '<pid>:M <time> * Background saving started by pid <pid>',
      '<pid>:C <time> * Fork CoW for RDB: current <n> MB, peak <n> MB, average <n> MB',
      '<pid>:M <time> * DB loaded from disk: <n> seconds',
      '<pid>:signal-handler (<unixtime>) Received SIGTERM scheduling shutdown...',
    ].join('\n'));
  });

  it('rewrites the memory figure of the maxmemory warning and the client port of verbose Accepted lines, not the limit or the address', () => {
    const text = [
      '12307:M 27 Nov 2026 19:52:56.204 # WARNING: the new maxmemory value set via CONFIG SET (1000) is smaller than the current memory usage (963864). This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.',
      '12307:M 27 Nov 2026 19:52:56.204 - Accepted 127.0.0.1:56148',
      'Accepted 127.0.0.1:56148',
    ].join('\n');
    expect(normalise(text, ctx)).toBe([
      '<pid>:M <time> # WARNING: the new maxmemory value set via CONFIG SET (1000) is smaller than the current memory usage (<n>). This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.',
      '<pid>:M <time> - Accepted 127.0.0.1:<port>',
      'Accepted 127.0.0.1:56148',
    ].join('\n'));
  });

  it('drops the host overcommit warning and nothing around it', () => {
    const text = "1:M 27 Nov 2026 19:52:56.204 # Server initialized\n1:M 27 Nov 2026 19:52:56.204 # WARNING Memory overcommit must be enabled! Without it, a background save ... for this to take effect.\n1:M 27 Nov 2026 19:52:56.206 * Ready to accept connections\n";
    expect(normalise(text, ctx)).toBe('<pid>:M <time> # Server initialized\n<pid>:M <time> * Ready to accept connections\n');
  });

  it('keeps deterministic INFO values exact and rewrites the volatile ones, keeping names and \\r', () => {
    expect(normaliseInfoLine('redis_version:7.0.15\r')).toBe('redis_version:7.0.15\r');
    expect(normaliseInfoLine('aof_enabled:1\r')).toBe('aof_enabled:1\r');
    expect(normaliseInfoLine('used_memory_human:943.28K\r')).toBe('used_memory_human:<n>\r');
    expect(normaliseInfoLine('run_id:7f869988f879fb2f81522f4c916e108e4693c7da\r')).toBe('run_id:<id>\r');
    expect(normaliseInfoLine('master_replid2:0000000000000000000000000000000000000000\r')).toBe('master_replid2:0000000000000000000000000000000000000000\r');
    expect(normaliseInfoLine('rdb_last_save_time:1795815495')).toBe('rdb_last_save_time:<unixtime>');
    expect(normaliseInfoLine('db0:keys=1,expires=1,avg_ttl=99950\r')).toBe('db0:keys=1,expires=1,avg_ttl=<n>\r');
    expect(normaliseInfoLine('db2:keys=1,expires=0,avg_ttl=0\r')).toBe('db2:keys=1,expires=0,avg_ttl=0\r');
    expect(normaliseInfoLine('cmdstat_set:calls=1,usec=9,usec_per_call=9.00,rejected_calls=0,failed_calls=0\r'))
      .toBe('cmdstat_set:calls=1,usec=<n>,usec_per_call=<n>,rejected_calls=0,failed_calls=0\r');
    expect(normaliseInfoLine('errorstat_ERR:count=2\r')).toBe('errorstat_ERR:count=2\r');
    // an unknown field stays exact; so does anything that is not an INFO line
    expect(normaliseInfoLine('some_new_field:123\r')).toBe('some_new_field:123\r');
    expect(normaliseInfoLine('(integer) 5')).toBe('(integer) 5');
  });

  it('sorts command-table-ordered INFO lines (random per process) without losing \\r', () => {
    const run1 = '# Commandstats\r\ncmdstat_set:calls=1,usec=1,usec_per_call=1.00,rejected_calls=0,failed_calls=0\r\ncmdstat_get:calls=2,usec=1,usec_per_call=0.50,rejected_calls=0,failed_calls=0\r\n\r\n';
    const run2 = '# Commandstats\r\ncmdstat_get:calls=2,usec=3,usec_per_call=1.50,rejected_calls=0,failed_calls=0\r\ncmdstat_set:calls=1,usec=2,usec_per_call=2.00,rejected_calls=0,failed_calls=0\r\n\r\n';
    expect(normalise(run1, ctx)).toBe(normalise(run2, ctx));
    expect(normalise(run1, ctx)).toContain('cmdstat_get:calls=2,usec=<n>,usec_per_call=<n>,rejected_calls=0,failed_calls=0\r\ncmdstat_set');
    // a different call count is still a difference
    expect(normalise(run1.replace('calls=2', 'calls=3'), ctx)).not.toBe(normalise(run2, ctx));
  });

  it('sorts only the block CONFIG REWRITE appends, whose order is random per process', () => {
    const a = 'port 40123\n# Generated by CONFIG REWRITE\nhz 15\ndir "/scratch/redis-fidelity-AbC123"\n--- next\n';
    const b = 'port 40123\n# Generated by CONFIG REWRITE\ndir "/scratch/redis-fidelity-AbC123"\nhz 15\n--- next\n';
    expect(normalise(a, ctx)).toBe('port <P1>\n# Generated by CONFIG REWRITE\ndir "<dir>"\nhz 15\n--- next\n');
    expect(normalise(b, ctx)).toBe(normalise(a, ctx));
  });

  it('rewrites client ports and memory figures in CLIENT LIST, not ids or fds', () => {
    const line = 'id=6 addr=127.0.0.1:59978 laddr=127.0.0.1:40123 fd=7 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=37658 events=r cmd=client|list user=default redir=-1 resp=2';
    expect(normalise(line, ctx)).toBe('id=6 addr=127.0.0.1:<port> laddr=127.0.0.1:<P1> fd=7 name= age=<n> idle=<n> flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=<n> qbuf-free=<n> argv-mem=<n> multi-mem=<n> rbs=<n> rbp=<n> obl=<n> oll=<n> omem=<n> tot-mem=<n> events=r cmd=client|list user=default redir=-1 resp=2');
  });

  it('rewrites unix times, TIME, bash job pids, the scratch dir and the script dir', () => {
    expect(normalise('(integer) 1795815495\n', ctx)).toBe('(integer) <unixtime>\n');
    expect(normalise('1) "1795815495"\n2) "770784"\n', ctx)).toBe('1) "<unixtime>"\n2) "<usec>"\n');
    expect(normalise('$13\r\n1795815495123\r\n', ctx)).toBe('$13\r\n<unixtime>\r\n');
    expect(normalise('/repo/test/fidelity/scenarios/11-rdb.sh: line 31:  8924 Killed                  redis-server r.conf\n', ctx))
      .toBe('11-rdb.sh: line 31: <pid> Killed                  redis-server r.conf\n');
    expect(normalise("Fatal error, can't open config file '/scratch/redis-fidelity-AbC123/x.conf'", ctx)).toBe("Fatal error, can't open config file '<dir>/x.conf'");
    expect(normalise('(1.06s)\n', ctx)).toBe('(<t>s)\n');
  });

  it('leaves ordinary replies alone, including numbers that are not times or chosen ports', () => {
    const text = '(integer) 42\n"9223372036854775807"\n1) "40124"\n(error) ERR value is not an integer or out of range\r\n';
    expect(normalise(text, ctx)).toBe(text);
    expect(normalise('4012345', ctx)).toBe('4012345');
  });

  it('Sentinel: ids in sentinel.conf, known-* lines and SENTINEL entries in hash order, volatile reply fields', () => {
    const id1 = 'f6f602be923cf81a784d77ec23b68899662c17df';
    const id2 = '35547a41dab15a29f9658d672cd52e7b957c8597';
    const conf = (a: number, b: number) => `sentinel myid ${id1}\nsentinel known-replica myprimary 127.0.0.1 40999\n\nsentinel known-sentinel myprimary 127.0.0.1 ${a} ${id1}\n\nsentinel known-sentinel myprimary 127.0.0.1 ${b} ${id2}\n--- next\n`;
    const ports = { ...ctx, ports: { P1: 40123, P2: 40999, P3: 41000, P4: 39000 } };
    expect(normalise(conf(41000, 39000), ports)).toBe(normalise(conf(39000, 41000), ports));
    expect(normalise(conf(41000, 39000), ports)).toBe('sentinel myid <id>\nsentinel known-replica myprimary 127.0.0.1 <P2>\n\nsentinel known-sentinel myprimary 127.0.0.1 <P3> <id>\n\nsentinel known-sentinel myprimary 127.0.0.1 <P4> <id>\n--- next\n');
    const entry = (port: number, id: string, ping: number) => `    2) "${id}"\n    3) "port"\n    4) "${port}"\n    5) "last-ping-reply"\n    6) "${ping}"\n`;
    const reply = (a: string, b: string) => `1)  1) "name"\n${a}2)  1) "name"\n${b}(integer) 7\n`;
    const x = normalise(reply(entry(41000, id1, 70), entry(39000, id2, 866)), ports);
    expect(x).toBe(normalise(reply(entry(39000, id2, 12), entry(41000, id1, 5)), ports));
    expect(x).toBe('1)  1) "name"\n    2) "<id>"\n    3) "port"\n    4) "<P3>"\n    5) "last-ping-reply"\n    6) "<n>"\n2)  1) "name"\n    2) "<id>"\n    3) "port"\n    4) "<P4>"\n    5) "last-ping-reply"\n    6) "<n>"\n(integer) 7\n');
    // raw format; a field name alone does not touch a value that is not of its kind
    expect(normalise(`runid\n${id1}\ninfo-refresh\n5514\nflags\nmaster\nname\nmyprimary\n`, ctx)).toBe('runid\n<id>\ninfo-refresh\n<n>\nflags\nmaster\nname\nmyprimary\n');
    // an id whose first ten characters are digits is an id, not a unix time
    expect(normalise('sentinel known-sentinel myprimary 127.0.0.1 40999 1796512345b1d8e98e82abc2295fcc1cda3f710f\n', ctx)).toBe('sentinel known-sentinel myprimary 127.0.0.1 <P2> <id>\n');
    expect(normalise('runid\n1796512345b1d8e98e82abc2295fcc1cda3f710f\n', ctx)).toBe('runid\n<id>\n');
    // a DEBUG DIGEST-like bare hex line stays
    expect(normalise(`${id1}\n`, ctx)).toBe(`${id1}\n`);
  });
});

describe('diff', () => {
  it('prints a unified diff with visible carriage returns, and the first differing line', () => {
    const d = unifiedDiff('a\nb\r\nc\n', 'a\nb\nc\n');
    expect(d).toContain('-b␍');
    expect(d).toContain('+b');
    expect(d).toMatch(/^--- real\n\+\+\+ lab\n@@ -1,4 \+1,4 @@/);
    expect(unifiedDiff('same\n', 'same\n')).toBe('');
    expect(firstDifference('x\ny\n', 'x\nz\n')).toBe('line 2: real "y" / lab "z"');
    expect(firstDifference('x\n', 'x\nextra\n')).toBe('line 2: real "" / lab "extra"');
  });
});
