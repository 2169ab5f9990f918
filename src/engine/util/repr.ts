/**
 * Quoting a string the way Redis prints it: into a config file or a command line, in MONITOR
 * lines, the crash report's argv, the AOF manifest, and redis-cli's bulk strings.
 *
 * Counterpart in Redis: `sdscatrepr` (sds.c). The result is always double quoted; `\` and `"`
 * are escaped, `\n \r \t \a \b` use their short escapes, other unprintable bytes become `\xHH`.
 * `splitArgs` reads it back to the same bytes.
 */

/** `sdscatrepr`: the quoted, escaped form of a binary string. */
export function catRepr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (ch === '\\' || ch === '"') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (c < 32 || c >= 127) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}
