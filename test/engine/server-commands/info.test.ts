/**
 * Goal: INFO prints Redis 7.0.15's sections in Redis's order with 7.0's field names, `\r\n`
 * line ends and a blank line between sections; section selection works as
 * `genInfoSectionDict` (default, all, everything, names, case-insensitive, unknown → empty);
 * values the engine knows are real (uptime, counters, keyspace, errorstats, commandstats).
 * Method: compare the field names of each section with a fixture recorded from a real
 * redis-server 7.0.15 (`INFO everything`, fixtures/info-fields-7.0.15.json), and check
 * values after driving the engine on the harness.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { startServer, show, START_MS } from '../../support/engine-harness.ts';
import { bytesToHuman, hdrHighestEquivalent } from '../../../src/engine/server/info.ts';

const FIXTURE = JSON.parse(readFileSync(new URL('./fixtures/info-fields-7.0.15.json', import.meta.url), 'utf8')) as Record<string, string[]>;

/** Splits INFO text into section title → field names, checking the line format on the way. */
function parse(text: string): { order: string[]; fields: Record<string, string[]>; values: Record<string, string> } {
  expect(text.endsWith('\r\n')).toBe(true);
  const order: string[] = [];
  const fields: Record<string, string[]> = {};
  const values: Record<string, string> = {};
  const blocks = text.slice(0, -2).split('\r\n\r\n');
  for (const block of blocks) {
    const [title, ...lines] = block.split('\r\n');
    expect(title).toMatch(/^# [A-Z][a-z]+|^# CPU$/);
    const name = title.slice(2);
    order.push(name);
    fields[name] = lines.map((l) => {
      expect(l).toMatch(/^[A-Za-z0-9_|.-]+:/);
      const i = l.indexOf(':');
      values[l.slice(0, i)] = l.slice(i + 1);
      return l.slice(0, i);
    });
  }
  return { order, fields, values };
}

const ALL = ['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules', 'Commandstats', 'Errorstats', 'Latencystats', 'Cluster', 'Keyspace'];
const DEFAULT = ['Server', 'Clients', 'Memory', 'Persistence', 'Stats', 'Replication', 'CPU', 'Modules', 'Errorstats', 'Cluster', 'Keyspace'];

describe('INFO sections and field names', () => {
  it('INFO, INFO default, INFO all and INFO everything print the sections of 7.0 in order', () => {
    const c = startServer().client();
    expect(parse(show(c.call('INFO')) as string).order).toEqual(DEFAULT);
    expect(parse(show(c.call('INFO', 'default')) as string).order).toEqual(DEFAULT);
    expect(parse(show(c.call('INFO', 'all')) as string).order).toEqual(ALL);
    expect(parse(show(c.call('INFO', 'everything')) as string).order).toEqual(ALL);
  });

  for (const section of ['Server', 'Clients', 'Memory', 'Stats', 'CPU', 'Modules', 'Cluster']) {
    it(`# ${section} has the field names of Redis 7.0.15, in order`, () => {
      const c = startServer().client();
      const { fields } = parse(show(c.call('INFO', section)) as string);
      expect(fields[section]).toEqual(FIXTURE[section]);
    });
  }

  for (const section of ['Persistence', 'Replication']) {
    it(`# ${section} (from its module) has the field names of Redis 7.0.15, in order`, () => {
      const c = startServer().client();
      const { fields } = parse(show(c.call('INFO', section)) as string);
      expect(fields[section]).toEqual(FIXTURE[section]);
    });
  }

  it('selects named sections case-insensitively, in Redis’s order, and ignores unknown names', () => {
    const c = startServer().client();
    expect(parse(show(c.call('INFO', 'keyspace', 'SERVER', 'cpu')) as string).order).toEqual(['Server', 'CPU', 'Keyspace']);
    expect(show(c.call('INFO', 'foo'))).toBe('');
    expect(show(c.call('INFO', 'modules'))).toBe('# Modules\r\n');
    expect(show(c.call('INFO', 'cluster'))).toBe('# Cluster\r\ncluster_enabled:0\r\n');
  });
});

describe('INFO values', () => {
  it('server: process, run id, port and the virtual clock', () => {
    const s = startServer({ conf: 'port 6380\n', pid: 12307 });
    const c = s.client();
    s.advance(6500);
    const { values } = parse(show(c.call('INFO', 'server')) as string);
    expect(values.redis_version).toBe('7.0.15');
    expect(values.redis_mode).toBe('standalone');
    expect(values.process_id).toBe('12307');
    expect(values.run_id).toMatch(/^[0-9a-f]{40}$/);
    expect(values.tcp_port).toBe('6380');
    expect(values.uptime_in_seconds).toBe('6');
    expect(values.uptime_in_days).toBe('0');
    expect(values.server_time_usec).toBe(String((START_MS + 6500) * 1000));
    expect(values.lru_clock).toBe(String(Math.floor((START_MS + 6500) / 1000) & 0xffffff));
    expect(values.hz).toBe('10');
    expect(values.executable).toBe('/home/learner/redis-server');
    expect(values.config_file).toBe('/home/learner/redis.conf');
  });

  it('clients, stats, keyspace and errorstats count what happened', () => {
    const s = startServer();
    const c = s.client();
    s.client();
    c.call('SET', 'a', '1');
    c.call('SET', 'b', '2', 'EX', '100');
    c.call('GET', 'a');
    c.call('GET', 'nosuch');
    c.call('FOO');
    c.call('GET');
    c.call('INCR', 'x', 'y');
    c.call('LPUSH', 'a', 'x');
    const { values } = parse(show(c.call('INFO', 'clients', 'stats', 'keyspace', 'errorstats')) as string);
    expect(values.connected_clients).toBe('2');
    expect(values.total_connections_received).toBe('2');
    expect(values.total_commands_processed).toBe('5');
    expect(values.keyspace_hits).toBe('1');
    expect(values.keyspace_misses).toBe('1');
    expect(values.total_error_replies).toBe('4');
    expect(values.errorstat_ERR).toBe('count=3');
    expect(values.errorstat_WRONGTYPE).toBe('count=1');
    expect(values.db0).toBe('keys=2,expires=1,avg_ttl=100000');
  });

  it('commandstats and latencystats list the commands called, with their counts', () => {
    const c = startServer().client();
    c.call('PING');
    c.call('PING');
    c.call('CLIENT', 'ID');
    c.call('GET', 'a', 'b');
    const text = show(c.call('INFO', 'commandstats', 'latencystats')) as string;
    expect(text).toMatch(/\r\ncmdstat_ping:calls=2,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0\r\n/);
    expect(text).toMatch(/\r\ncmdstat_client\|id:calls=1,/);
    expect(text).toMatch(/\r\ncmdstat_get:calls=0,usec=0,usec_per_call=0\.00,rejected_calls=1,failed_calls=0\r\n/);
    expect(text).toMatch(/\r\nlatency_percentiles_usec_ping:p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}\r\n/);
    expect(text).not.toMatch(/latency_percentiles_usec_get:/);
  });

  it('CONFIG RESETSTAT counts itself in the statistics it has just reset (call() counts after the command ran)', () => {
    const c = startServer().client();
    c.call('PING');
    c.call('CONFIG', 'RESETSTAT');
    const text = show(c.call('INFO', 'commandstats')) as string;
    expect(text).toMatch(/\r\ncmdstat_config\|resetstat:calls=1,/);
    expect(text).not.toMatch(/cmdstat_ping:/);
    expect(show(c.call('INFO', 'stats')) as string).toMatch(/\r\ntotal_commands_processed:2\r\n/);
  });

  it('memory figures are plausible and consistent', () => {
    const s = startServer();
    const c = s.client();
    const empty = parse(show(c.call('INFO', 'memory')) as string).values;
    expect(Number(empty.used_memory)).toBeGreaterThan(800_000);
    expect(empty.used_memory_human).toBe(bytesToHuman(Number(empty.used_memory)));
    expect(Number(empty.used_memory)).toBe(Number(empty.used_memory_overhead) + Number(empty.used_memory_dataset));
    expect(empty.mem_allocator).toBe('jemalloc-5.3.0');
    expect(empty.maxmemory_policy).toBe('noeviction');
    c.call('SET', 'big', 'x'.repeat(100_000));
    const full = parse(show(c.call('INFO', 'memory')) as string).values;
    expect(Number(full.used_memory) - Number(empty.used_memory)).toBeGreaterThan(100_000);
    expect(Number(full.used_memory_peak)).toBeGreaterThanOrEqual(Number(full.used_memory));
  });

  it('formats like Redis: bytesToHuman and HDR percentile values', () => {
    expect(bytesToHuman(200)).toBe('200B');
    expect(bytesToHuman(966024)).toBe('943.38K');
    expect(bytesToHuman(12275712)).toBe('11.71M');
    expect(bytesToHuman(25276063744)).toBe('23.54G');
    // Recorded: a 7 µs PING and an 18 µs SET report p50=7.007 and p50=18.047.
    expect(hdrHighestEquivalent(7000)).toBe(7007);
    expect(hdrHighestEquivalent(18000)).toBe(18047);
    expect(hdrHighestEquivalent(200)).toBe(200);
  });
});
