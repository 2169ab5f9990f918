// Goal: a command typed on several lines goes into the history as bash 5.2's interactive
// history (cmdhist) has it, so ↑ brings back what bash would bring back.
// Method: each case's expected entry was recorded from `bash -i` (5.2.15) fed the same lines,
// then `history` (see the report of the commit adding this file); the lab's historyEntry must
// produce it.
import { describe, expect, it } from 'vitest';
import { historyEntry } from '../../src/shell/history-entry.ts';

const RECORDED: [string, string][] = [
  ['for i in 1 2\ndo\n  echo $i\ndone', 'for i in 1 2; do   echo $i; done'],
  ['if true\nthen echo a\nelse\n  echo b\nfi', 'if true; then echo a; else   echo b; fi'],
  ['f() {\n  echo x\n}', 'f() {   echo x; }'],
  ['f()\n{\n  echo x\n}', 'f() {   echo x; }'],
  ['echo a |\n  cat', 'echo a |   cat'],
  ['case x in\n  x) echo x;;\nesac', 'case x in   x) echo x;; esac'],
  ['while true; do\n\n  break\ndone', 'while true; do   break; done'],
  ['echo a &&\necho b', 'echo a && echo b'],
  ['{ echo g\necho h; }', '{ echo g; echo h; }'],
  ['if true; then\n  echo a\nelif false; then\n  echo b\nfi', 'if true; then   echo a; elif false; then   echo b; fi'],
  ['echo a \\\nb', 'echo a b'],
  ['x=1\\\n2', 'x=12'],
  // Lines that keep their newline: a comment, an open quote or $( ), a here-document.
  ['for i in 1 # c\ndo echo $i\ndone', 'for i in 1 # c\ndo echo $i; done'],
  ['echo "multi\nline"', 'echo "multi\nline"'],
  ['echo $(echo a\necho b)', 'echo $(echo a\necho b)'],
  ['cat <<EOF\nhello\nEOF', 'cat <<EOF\nhello\nEOF\n'],
  ['echo a; cat <<EOF | grep x\nx1\nEOF', 'echo a; cat <<EOF | grep x\nx1\nEOF\n'],
  ['for i in 1\ndo cat <<EOF\n$i\nEOF\ndone', 'for i in 1\ndo cat <<EOF\n$i\nEOF\n done'],
];

describe('history entries of multi-line commands', () => {
  for (const [typed, entry] of RECORDED) {
    it(JSON.stringify(typed), () => {
      expect(historyEntry(typed)).toBe(entry);
    });
  }
  it('a one-line command is its own entry', () => {
    expect(historyEntry('redis-cli -p 6380 INFO replication | grep role')).toBe('redis-cli -p 6380 INFO replication | grep role');
  });
});

describe('in a terminal tab', () => {
  it('↑ brings back a multi-line loop joined as bash joins it, and it runs again', async () => {
    const { lab } = await import('../terminal/support.ts');
    const t = lab().tab();
    await t.line('for i in 1 2');
    await t.line('do');
    await t.line('  echo "n$i"');
    await t.line('done');
    await t.type('\x1b[A');
    expect((await t.screen.cursor()).row).toBe('$ for i in 1 2; do   echo "n$i"; done');
    await t.type('\r');
    expect(await t.text()).toContain('$ for i in 1 2; do   echo "n$i"; done\nn1\nn2\n$');
  });

  it('help names the scripting features and the text filters', async () => {
    const { lab } = await import('../terminal/support.ts');
    const t = lab().tab();
    await t.line('help');
    const text = await t.text();
    expect(text).toContain('sort, uniq, cut, tr, sed, seq');
    expect(text).toContain('source FILE, read VAR, NAME() { ...; }, local, return');
  });
});
