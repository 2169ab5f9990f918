/**
 * Turns what a terminal sends (xterm's `onData`: typed characters, control bytes and escape
 * sequences, or a whole paste) into keys the line editor understands.
 *
 * Counterpart in a real system: the bytes a terminal emulator writes to a pty in raw mode, as
 * linenoise (redis-cli) and readline (bash) decode them: `ESC [ A` for ↑, `ESC [ 3 ~` for
 * Delete, `ESC O H` for Home, and so on.
 */

export type KeyName =
  | 'char'
  | 'enter'
  | 'tab'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'escape'
  | 'ctrl-a'
  | 'ctrl-b'
  | 'ctrl-c'
  | 'ctrl-d'
  | 'ctrl-e'
  | 'ctrl-f'
  | 'ctrl-k'
  | 'ctrl-l'
  | 'ctrl-n'
  | 'ctrl-p'
  | 'ctrl-t'
  | 'ctrl-u'
  | 'ctrl-w'
  | 'ignored';

export interface Key {
  name: KeyName;
  /** The text for `char` keys (one character). */
  text: string;
  /** The bytes this key came from (what a cooked-mode tty would echo). */
  raw: string;
}

const CONTROL: Record<string, KeyName> = {
  '\x01': 'ctrl-a',
  '\x02': 'ctrl-b',
  '\x03': 'ctrl-c',
  '\x04': 'ctrl-d',
  '\x05': 'ctrl-e',
  '\x06': 'ctrl-f',
  '\x08': 'backspace',
  '\t': 'tab',
  '\n': 'enter',
  '\x0b': 'ctrl-k',
  '\x0c': 'ctrl-l',
  '\r': 'enter',
  '\x0e': 'ctrl-n',
  '\x10': 'ctrl-p',
  '\x14': 'ctrl-t',
  '\x15': 'ctrl-u',
  '\x17': 'ctrl-w',
  '\x7f': 'backspace',
};

/** Final bytes of `ESC [ …` and `ESC O …` sequences. */
const CSI_FINAL: Record<string, KeyName> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end' };
/** `ESC [ n ~` sequences. */
const TILDE: Record<string, KeyName> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '3': 'delete' };

/**
 * Splits terminal input into keys. `\r\n` (a pasted Windows line end) counts as one Enter.
 * Unknown escape sequences become `ignored` keys, so they never reach a buffer as text.
 */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let i = 0;
  while (i < data.length) {
    const c = data[i];
    if (c === '\x1b') {
      const next = data[i + 1];
      if (next === '[' || next === 'O') {
        // CSI: parameters and intermediates (0x20–0x3f), then one final byte (0x40–0x7e).
        let j = i + 2;
        while (j < data.length && data.charCodeAt(j) >= 0x20 && data.charCodeAt(j) <= 0x3f) j++;
        if (j >= data.length) {
          keys.push({ name: 'ignored', text: '', raw: data.slice(i) });
          break;
        }
        const params = data.slice(i + 2, j);
        const final = data[j];
        const raw = data.slice(i, j + 1);
        let name: KeyName = 'ignored';
        if (final === '~') name = TILDE[params.split(';')[0]] ?? 'ignored';
        else if (CSI_FINAL[final] && (params === '' || /^1(;\d+)?$/.test(params))) name = CSI_FINAL[final];
        keys.push({ name, text: '', raw });
        i = j + 1;
        continue;
      }
      if (next === undefined) {
        keys.push({ name: 'escape', text: '', raw: c });
        i++;
        continue;
      }
      // Alt+key: ESC followed by the key; the lab binds none of them.
      keys.push({ name: next === '\x1b' ? 'escape' : 'ignored', text: '', raw: data.slice(i, i + 2) });
      i += next === '\x1b' ? 1 : 2;
      continue;
    }
    if (c === '\r' && data[i + 1] === '\n') {
      keys.push({ name: 'enter', text: '', raw: '\r\n' });
      i += 2;
      continue;
    }
    const control = CONTROL[c];
    if (control) {
      keys.push({ name: control, text: '', raw: c });
      i++;
      continue;
    }
    const code = c.charCodeAt(0);
    if (code < 0x20) {
      keys.push({ name: 'ignored', text: '', raw: c });
      i++;
      continue;
    }
    // A surrogate pair stays one character.
    const ch = code >= 0xd800 && code <= 0xdbff && i + 1 < data.length ? data.slice(i, i + 2) : c;
    keys.push({ name: 'char', text: ch, raw: ch });
    i += ch.length;
  }
  return keys;
}
