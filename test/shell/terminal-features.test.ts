// Goal: the shell features that involve the terminal work in a lab tab: `read` from the
// keyboard shows its prompt through the line editor and takes the typed line; a function and
// `source` defined in one command line stay for the next ones, as in an interactive bash.
// Method: TabSessions on the simulator drawn on a headless xterm screen (test/terminal/support.ts).
import { describe, expect, it } from 'vitest';
import { lab } from '../terminal/support.ts';

describe('a terminal tab', () => {
  it('read -p prompts on the terminal and reads what is typed', async () => {
    const t = lab().tab();
    await t.line('read -p "port? " port rest; echo "[$port][$rest]"');
    await t.line('6380 and more');
    expect(await t.text()).toBe('$ read -p "port? " port rest; echo "[$port][$rest]"\nport? 6380 and more\n[6380][and more]\n$');
  });

  it('keeps functions and sourced variables between command lines; errors carry bash: only', async () => {
    const t = lab().tab();
    await t.line('greet() { echo "hi $1"; }');
    await t.line('echo "X=sourced; nosuch" > lib.sh; . lib.sh');
    await t.line('greet "$X"');
    expect(await t.text()).toBe('$ greet() { echo "hi $1"; }\n$ echo "X=sourced; nosuch" > lib.sh; . lib.sh\nbash: nosuch: command not found\n$ greet "$X"\nhi sourced\n$');
  });
});

describe('set -e in a terminal tab', () => {
  it('Ctrl+C on a foreground program abandons the line but keeps the tab', async () => {
    const l = lab();
    const t = l.tab();
    await t.line('set -e');
    t.session.input('sleep 30; echo never\r');
    await l.wait(10);
    expect(t.session.currentTitle()).toBe('sleep');
    await t.type('\x03');
    await t.line('echo "still here $?"');
    expect(await t.text()).toContain('still here 130');
    expect(await t.text()).not.toContain('\nnever');
  });
});

describe('set -u in a terminal tab', () => {
  it('an unbound variable abandons the line with bash: and status 1, and the tab stays', async () => {
    const t = lab().tab();
    await t.line('set -u');
    await t.line('echo $NOPE; echo never');
    await t.line('echo "status $?"');
    expect(await t.text()).toBe('$ set -u\n$ echo $NOPE; echo never\nbash: NOPE: unbound variable\n$ echo "status $?"\nstatus 1\n$');
  });
});
