/**
 * The history entry an interactive bash makes of a command typed on several lines (`cmdhist`):
 * the lines joined with `; ` where a `;` may end the line, with a space after words and operators
 * that a command must follow (`do`, `then`, `{`, `|`, `&&`, `;;`…), blank lines dropped,
 * backslash-newline removed; lines of a here-document, lines after an unclosed quote or `$(`,
 * and the line after a comment keep their newline.
 *
 * Counterpart in bash: bashhist.c (`bash_add_history`) and parse.y (`history_delimiting_chars`
 * with its `no_semi_successors`).
 */

/** Words after which bash joins the next line with a space (no `;` may follow them). */
const NO_SEMI_WORDS = new Set(['do', 'then', 'else', 'elif', 'if', 'while', 'until', 'case', 'in', '{', '!', 'function']);
const NO_SEMI_OPERATORS = [';;&', ';;', ';&', '&&', '||', '|', ';', '&', '(', ')'];

interface ScanState {
  quote: "'" | '"' | '`' | null;
  /** Open `$(` (and parentheses inside them). */
  depth: number;
}

/** Scans one line: updates quotes, reports a comment, a trailing backslash and here-document delimiters. */
function scan(line: string, st: ScanState): { comment: boolean; continued: boolean; heredocs: { delimiter: string; strip: boolean }[] } {
  const heredocs: { delimiter: string; strip: boolean }[] = [];
  let comment = false;
  let continued = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (st.quote === "'") {
      if (c === "'") st.quote = null;
      continue;
    }
    if (c === '\\') {
      if (i === line.length - 1) continued = true;
      i++;
      continue;
    }
    if (st.quote === '"' || st.quote === '`') {
      if (c === st.quote) st.quote = null;
      else if (c === '$' && line[i + 1] === '(') {
        st.depth++;
        i++;
      }
      continue;
    }
    if (c === "'" || c === '"' || c === '`') st.quote = c;
    else if (c === '$' && line[i + 1] === '(') {
      st.depth++;
      i++;
    } else if (c === '(' && st.depth > 0) st.depth++;
    else if (c === ')' && st.depth > 0) st.depth--;
    else if (c === '#' && (i === 0 || /[\s;&|()]/.test(line[i - 1]))) {
      comment = true;
      break;
    } else if (c === '<' && line[i + 1] === '<' && line[i + 2] !== '<') {
      const m = /^<<(-?)[ \t]*(['"]?)([^\s'"<>|&;()]+)\2/.exec(line.slice(i));
      if (m) {
        heredocs.push({ delimiter: m[3], strip: m[1] === '-' });
        i += m[0].length - 1;
      }
    }
  }
  return { comment, continued: continued && st.quote !== "'", heredocs };
}

/** What bash puts between the previous line and the next one in the history entry. */
function delimiter(prev: string): string {
  const text = prev.replace(/[ \t]+$/, '');
  for (const op of NO_SEMI_OPERATORS) if (text.endsWith(op)) return ' ';
  const words = text.split(/[ \t;&|()]+/);
  return NO_SEMI_WORDS.has(words[words.length - 1]) ? ' ' : '; ';
}

/** The history entry for `src`, a complete command typed as one or more lines. */
export function historyEntry(src: string): string {
  const lines = src.split('\n');
  const st: ScanState = { quote: null, depth: 0 };
  let out = '';
  let pending: { delimiter: string; strip: boolean }[] = [];
  let inHeredoc = false;
  let afterHeredoc = false;
  let prevComment = false;
  let prevContinued = false;
  let prev = '';
  for (const [i, line] of lines.entries()) {
    if (inHeredoc) {
      out += '\n' + line;
      const h = pending[0];
      if ((h.strip ? line.replace(/^\t+/, '') : line) === h.delimiter) {
        pending.shift();
        if (pending.length === 0) {
          inHeredoc = false;
          afterHeredoc = true;
          // bash ends the document's last line with its newline.
          out += '\n';
        }
      }
      continue;
    }
    const openBefore = st.quote !== null || st.depth > 0;
    const r = scan(line, st);
    if (i === 0) out = line;
    else if (prevContinued) out = out.slice(0, -1) + line;
    else if (openBefore || prevComment || r.heredocs.length > 0) out += '\n' + line;
    else if (line.trim() === '') continue;
    else if (afterHeredoc) out += ' ' + line;
    else out += delimiter(prev) + line;
    afterHeredoc = false;
    prevComment = r.comment;
    prevContinued = r.continued;
    prev = line;
    if (r.heredocs.length > 0) {
      pending = r.heredocs;
      inHeredoc = true;
    }
  }
  return out;
}
