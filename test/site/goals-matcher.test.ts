// Goal: a lesson's goal checks tick exactly when the lab shows what they name, and the schema
// refuses checks a lesson writer gets wrong with a message that says why. Method: the pure
// GoalMatcher fed terminal output (in awkward chunkings, with escape sequences and line-editor
// redraws, as the tab's screen gets it), command lines, event log lines and primaries; the
// goal schema (normalizeGoals, goalCheckSchema) fed good and bad frontmatter.
import { describe, expect, it } from 'vitest';
import { GoalMatcher, stripAnsi } from '../../src/components/lab/goal-matcher.ts';
import { goalCheckSchema, normalizeGoals, type Goal } from '../../src/components/lab/lesson-schema.ts';

const goals: Goal[] = [
  { text: 'READONLY', check: { kind: 'output', value: "READONLY You can't write against a read only replica" } },
  { text: 'value', check: { kind: 'output', value: '^"replication"$' } },
  { text: 'odown', check: { kind: 'event', value: '\\+odown master myprimary' } },
  { text: 'promoted', check: { kind: 'primary', value: '6380' } },
  { text: 'server from config', check: { kind: 'command', value: '^redis-server .*replica\\.conf' } },
  { text: 'by hand' },
];

describe('GoalMatcher', () => {
  it('output: a line split over chunks, with colours and CRLF, ticks once', () => {
    const m = new GoalMatcher(goals);
    expect(m.output('1', '(error) \x1b[31mREADONLY You can')).toEqual([]);
    expect(m.output('1', "'t write against a read only replica.\r\n$ ")).toEqual([0]);
    expect(m.output('1', "(error) READONLY You can't write against a read only replica.\r\n")).toEqual([]);
    expect(m.isDone(0)).toBe(true);
  });

  it('output: anchors apply to the line as the screen shows it; other tabs keep their own partial lines', () => {
    const m = new GoalMatcher(goals);
    expect(m.output('1', '"replic')).toEqual([]);
    expect(m.output('2', 'x"replication"\r\n')).toEqual([]);
    expect(m.output('1', 'ation"\r\n')).toEqual([1]);
  });

  it('output: the line editor redraws (\\r, erase line, cursor moves) do not glue text to a line', () => {
    const m = new GoalMatcher([{ text: 'typed', check: { kind: 'output', value: '^\\$ redis-cli$' } }]);
    expect(m.output('1', '$ \r\x1b[0K$ r\r\x1b[3C')).toEqual([]);
    expect(m.output('1', '\r\x1b[0K$ redis-cli\r\x1b[11C')).toEqual([0]);
  });

  it('output: an unfinished line (a prompt) is tested too', () => {
    const m = new GoalMatcher([{ text: 'prompt', check: { kind: 'output', value: '^not connected> $' } }]);
    expect(m.output('1', 'not connected> ')).toEqual([0]);
  });

  it('command: trimmed, regex on the submitted line', () => {
    const m = new GoalMatcher(goals);
    expect(m.command('redis-server 6379/primary.conf')).toEqual([]);
    expect(m.command('  redis-server 6380/replica.conf --port 6380 ')).toEqual([4]);
    expect(m.command('redis-server 6380/replica.conf')).toEqual([]);
  });

  it('event: a log line (trailing newline removed); primary: exact port', () => {
    const m = new GoalMatcher(goals);
    expect(m.event('1:X 28 Nov 2026 01:00:05.100 # +sdown master myprimary 127.0.0.1 6379\n')).toEqual([]);
    expect(m.event('1:X 28 Nov 2026 01:00:05.200 # +odown master myprimary 127.0.0.1 6379 #quorum 2/2\n')).toEqual([2]);
    expect(m.primary('6379')).toEqual([]);
    expect(m.primary(null)).toEqual([]);
    expect(m.primary('63800')).toEqual([]);
    expect(m.primary('6380')).toEqual([3]);
  });

  it('a goal without a check never ticks itself; markDone / unmark are the hand ticks', () => {
    const m = new GoalMatcher(goals);
    expect(m.output('1', 'by hand\r\n')).toEqual([]);
    expect(m.markDone(5)).toBe(true);
    expect(m.markDone(5)).toBe(false);
    m.unmark(5);
    expect(m.isDone(5)).toBe(false);
    // A goal marked from stored progress is not reported again.
    m.markDone(0);
    expect(m.output('1', "READONLY You can't write against a read only replica\r\n")).toEqual([]);
  });

  it('wants() says whether any goal of a kind still waits', () => {
    const m = new GoalMatcher(goals);
    expect(m.wants('output')).toBe(true);
    m.markDone(0);
    m.markDone(1);
    expect(m.wants('output')).toBe(false);
    expect(m.wants('event')).toBe(true);
  });

  it('stripAnsi removes CSI, OSC and control characters but keeps text, tabs and line ends', () => {
    expect(stripAnsi('\x1b[1;32mOK\x1b[0m\t\x1b]0;title\x07done\b\r\n')).toBe('OK\tdone\r\n');
  });
});

describe('goal schema', () => {
  it('normalizes strings and checks; a numeric primary becomes a string', () => {
    expect(normalizeGoals(['Plain', { text: 'T', check: { event: '\\+sdown' } }, { text: 'P', check: { primary: 6380 } }, { text: 'N' }])).toEqual([
      { text: 'Plain' },
      { text: 'T', check: { kind: 'event', value: '\\+sdown' } },
      { text: 'P', check: { kind: 'primary', value: '6380' } },
      { text: 'N' },
    ]);
  });

  it('an invalid regex fails with a message naming the goal, the pattern and the reason', () => {
    expect(() => normalizeGoals([{ text: 'ok' }, { text: 'bad', check: { output: 'READONLY (' } }])).toThrow(/goals\.1\.check\.output: not a valid JavaScript regular expression: "READONLY \(".*Unterminated group/);
  });

  it('exactly one kind per check; unknown keys and bad ports are refused', () => {
    expect(goalCheckSchema.safeParse({ output: 'a', event: 'b' }).success).toBe(false);
    expect(goalCheckSchema.safeParse({}).success).toBe(false);
    expect(goalCheckSchema.safeParse({ outptu: 'a' }).success).toBe(false);
    expect(goalCheckSchema.safeParse({ primary: 'localhost:6380' }).success).toBe(false);
    expect(goalCheckSchema.safeParse({ command: '^redis-cli' }).success).toBe(true);
    expect(() => normalizeGoals([{ text: 'two', check: { output: 'a', event: 'b' } }])).toThrow(/exactly one of output, event, primary, command \(found output, event\)/);
  });
});
