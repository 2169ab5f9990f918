/**
 * Parses the shell's bash subset into commands: words with quoting, `;` `&` `&&` `||` `|`,
 * redirections (`>` `>>` `<` `2>&1` `&>` `N>FILE`), here-documents (`<<EOF`, `<<'EOF'`,
 * `<<-EOF`), `NAME=value` assignments, `#` comments and `$NAME` `${NAME}` `$(...)` expansions.
 *
 * Counterpart in bash: parse.y and its `read_token`/`shell_getc` pair. Like bash, the script is
 * read one complete command at a time (a line, plus any lines a trailing `|`, `&&` or a
 * here-document pulls in), so the commands before a syntax error run before bash reports it;
 * errors carry bash's own wording.
 */

/** Part of a word: literal text (quoted or not) or an expansion. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  /** `$NAME`, `${NAME}`, `$?`, `$$`, `$!`, `$#`, `$0`…`$9`, `$@`, `$*`; `op` for `${NAME:-word}`-style forms. */
  | { kind: 'param'; name: string; quoted: boolean; op?: { kind: ':-' | '-' | ':=' | ':+' | '#'; word: WordPart[] } }
  /** `$(...)`: the inner script, run when the word is expanded. */
  | { kind: 'cmdsub'; source: string; quoted: boolean; line: number }
  /** `~` at the start of a word. */
  | { kind: 'tilde' }
  /** `${...}` that bash rejects at expansion time (`bad substitution`). */
  | { kind: 'bad'; text: string };

export type Word = WordPart[];

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '>|';

export interface Redirect {
  fd: number;
  op: RedirectOp;
  /** The file name (or fd number for `>&`), or the here-document's delimiter. */
  target: Word;
  /** Here-documents: the body and whether `$` expansions apply (unquoted delimiter). */
  heredoc?: { body: string; expand: boolean };
}

export interface SimpleCommand {
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
  line: number;
}

export interface Pipeline {
  commands: SimpleCommand[];
  negate: boolean;
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface ListItem {
  andOr: AndOr;
  background: boolean;
}

/** A bash syntax error, worded as bash words it (without the `script.sh: line N: ` prefix). */
export class ShellSyntaxError extends Error {
  readonly line: number;
  /** Bash's second line, `` `the offending line' ``, when it prints one. */
  readonly context: string | null;
  constructor(message: string, line: number, context: string | null) {
    super(message);
    this.line = line;
    this.context = context;
  }
}

/** The result of reading one complete command. */
export type ParseStep =
  | { kind: 'command'; items: ListItem[]; warnings: { line: number; text: string }[] }
  | { kind: 'eof' };

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
  line: number;
}

/** Reads a script one complete command at a time. */
export class Parser {
  private readonly src: string;
  private pos = 0;
  /** Line number (1-based) at `pos`. */
  private line = 1;
  private pending: PendingHeredoc[] = [];
  private warnings: { line: number; text: string }[] = [];

  constructor(src: string) {
    this.src = src;
  }

  /** Parses the next complete command; throws {@link ShellSyntaxError}. */
  next(): ParseStep {
    this.warnings = [];
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) return { kind: 'eof' };
      const c = this.src[this.pos];
      if (c === '\n') {
        this.newline();
        continue;
      }
      if (c === '#') {
        this.skipComment();
        continue;
      }
      break;
    }
    const items = this.parseList();
    // The list ends at a newline or the end of the script.
    this.skipBlanks();
    if (this.pos < this.src.length) {
      if (this.src[this.pos] === '#') this.skipComment();
      if (this.pos < this.src.length) {
        if (this.src[this.pos] !== '\n') this.unexpected();
        this.newline();
      }
    }
    if (this.pending.length > 0) this.readHeredocs();
    return { kind: 'command', items, warnings: this.warnings };
  }

  // ---- grammar ----

  private parseList(): ListItem[] {
    const items: ListItem[] = [];
    for (;;) {
      const andOr = this.parseAndOr();
      this.skipBlanks();
      const op = this.peekOp();
      if (op === ';' || op === '&') {
        this.pos += 1;
        items.push({ andOr, background: op === '&' });
        this.skipBlanks();
        const after = this.peekOp();
        if (this.pos >= this.src.length || after === '\n' || this.src[this.pos] === '#') return items;
        if (after === ';' || after === '&' || after === ';;' || after === '&&' || after === '||' || after === '|' || after === ')') this.unexpected();
        continue;
      }
      items.push({ andOr, background: false });
      return items;
    }
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.skipBlanks();
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') return { first, rest };
      this.pos += 2;
      this.linebreak();
      rest.push({ op, pipeline: this.parsePipeline() });
    }
  }

  private parsePipeline(): Pipeline {
    this.skipBlanks();
    let negate = false;
    if (this.src[this.pos] === '!' && (this.pos + 1 >= this.src.length || /[ \t\n]/.test(this.src[this.pos + 1]))) {
      negate = true;
      this.pos++;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.peekOp() !== '|') return { commands, negate };
      this.pos += 1;
      this.linebreak();
      commands.push(this.parseCommand());
    }
  }

  private parseCommand(): SimpleCommand {
    this.skipBlanks();
    const cmd: SimpleCommand = { assigns: [], words: [], redirects: [], line: this.line };
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) break;
      const c = this.src[this.pos];
      if (c === '#' && cmd.words.length + cmd.assigns.length + cmd.redirects.length > 0) break;
      const redirect = this.tryRedirect();
      if (redirect) {
        cmd.redirects.push(redirect);
        continue;
      }
      if (META.has(c)) break;
      const startLine = this.line;
      const word = this.readWord();
      if (cmd.words.length === 0 && cmd.assigns.length >= 0) {
        const assign = asAssignment(word);
        if (assign) {
          cmd.assigns.push(assign);
          continue;
        }
      }
      if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) cmd.line = startLine;
      cmd.words.push(word);
    }
    if (cmd.words.length + cmd.assigns.length + cmd.redirects.length === 0) this.unexpected();
    return cmd;
  }

  /** After `|`, `&&`, `||`: newlines (and comments) may follow before the next command. */
  private linebreak(): void {
    for (;;) {
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === '\n') {
        this.newline();
        if (this.pending.length > 0) this.readHeredocs();
      } else if (c === '#') this.skipComment();
      else return;
    }
  }

  private tryRedirect(): Redirect | null {
    const m = /^(\d*)(&>>|&>|>>|>&|>\||<<-|<<|<&|>|<)/.exec(this.src.slice(this.pos, this.pos + 12));
    if (!m) return null;
    if (m[1] !== '' && (m[2] === '&>' || m[2] === '&>>')) return null;
    const op = m[2] as RedirectOp;
    const fd = m[1] !== '' ? Number(m[1]) : op.startsWith('<') ? 0 : 1;
    this.pos += m[0].length;
    this.skipBlanks();
    if (this.pos >= this.src.length || META.has(this.src[this.pos])) this.unexpected();
    const target = this.readWord();
    const redirect: Redirect = { fd, op, target };
    if (op === '<<' || op === '<<-') {
      const quoted = target.some((p) => p.kind === 'lit' && p.quoted);
      redirect.heredoc = { body: '', expand: !quoted };
      this.pending.push({ redirect, delimiter: wordSource(target), stripTabs: op === '<<-', line: this.line });
    }
    return redirect;
  }

  private readHeredocs(): void {
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) {
      let body = '';
      for (;;) {
        if (this.pos >= this.src.length) {
          this.warnings.push({
            // bash counts the last line it read, not the empty one after the final newline.
            line: this.src.endsWith('\n') ? this.line - 1 : this.line,
            text: `warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delimiter}')`,
          });
          break;
        }
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let text = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? end : end + 1;
        if (nl >= 0) this.line++;
        if (h.stripTabs) text = text.replace(/^\t+/, '');
        if (text === h.delimiter) break;
        body += text + '\n';
      }
      h.redirect.heredoc!.body = body;
    }
  }

  // ---- words ----

  private readWord(): Word {
    const parts: WordPart[] = [];
    const lit = (text: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
      else parts.push({ kind: 'lit', text, quoted });
    };
    if (this.src[this.pos] === '~') {
      const next = this.src[this.pos + 1];
      if (next === undefined || next === '/' || META.has(next)) {
        parts.push({ kind: 'tilde' });
        this.pos++;
      }
    }
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (META.has(c)) break;
      if (c === '\\') {
        const n = this.src[this.pos + 1];
        if (n === undefined) {
          lit('\\', false);
          this.pos++;
        } else if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else {
          lit(n, true);
          this.pos += 2;
        }
      } else if (c === "'") {
        const startLine = this.line;
        const end = this.src.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", startLine, null);
        const text = this.src.slice(this.pos + 1, end);
        this.line += countNewlines(text);
        lit(text, true);
        this.pos = end + 1;
      } else if (c === '"') {
        const startLine = this.line;
        this.pos++;
        // An empty "" still makes a (quoted, empty) word.
        lit('', true);
        for (;;) {
          if (this.pos >= this.src.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'', startLine, null);
          const d = this.src[this.pos];
          if (d === '"') {
            this.pos++;
            break;
          }
          if (d === '\\') {
            const n = this.src[this.pos + 1];
            if (n === '\n') {
              this.pos += 2;
              this.line++;
            } else if (n === '$' || n === '`' || n === '"' || n === '\\') {
              lit(n, true);
              this.pos += 2;
            } else {
              lit('\\', true);
              this.pos++;
            }
          } else if (d === '$') {
            const exp = this.readDollar(true, startLine);
            if (exp) parts.push(exp);
            else {
              lit('$', true);
              this.pos++;
            }
          } else {
            if (d === '\n') this.line++;
            lit(d, true);
            this.pos++;
          }
        }
      } else if (c === '$') {
        const exp = this.readDollar(false, this.line);
        if (exp) parts.push(exp);
        else {
          lit('$', false);
          this.pos++;
        }
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    return parts;
  }

  /** Reads an expansion at `$`; null when the `$` is literal. */
  private readDollar(quoted: boolean, startLine: number): WordPart | null {
    const s = this.src;
    const n = s[this.pos + 1];
    if (n === undefined) return null;
    if (/[?$!#@*0-9-]/.test(n)) {
      this.pos += 2;
      return { kind: 'param', name: n, quoted };
    }
    if (/[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1))!;
      this.pos += 1 + m[0].length;
      return { kind: 'param', name: m[0], quoted };
    }
    if (n === '{') {
      const close = s.indexOf('}', this.pos + 2);
      if (close < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'", startLine, null);
      const inner = s.slice(this.pos + 2, close);
      this.line += countNewlines(inner);
      this.pos = close + 1;
      return parseBraced(inner, quoted);
    }
    if (n === '(') {
      if (s[this.pos + 2] === '(') return null;
      const end = findClosingParen(s, this.pos + 2);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", startLine, null);
      const source = s.slice(this.pos + 2, end);
      const line = this.line;
      this.line += countNewlines(source);
      this.pos = end + 1;
      return { kind: 'cmdsub', source, quoted, line };
    }
    return null;
  }

  /** Reads the rest of the source as one word, blanks kept literal (`${NAME:-a default}`). */
  wordFrom(): Word {
    const parts: Word = [];
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (META.has(c)) {
        parts.push({ kind: 'lit', text: c, quoted: true });
        this.pos++;
      } else parts.push(...this.readWord());
    }
    return parts;
  }

  /** Parses here-document text with `$` expansions: `\$`, `` \` `` and `\\` escape, the rest is literal. */
  heredocWord(): Word {
    const body = this.src;
    const parts: WordPart[] = [];
    let text = '';
    const flush = () => {
      if (text !== '') parts.push({ kind: 'lit', text, quoted: true });
      text = '';
    };
    while (this.pos < body.length) {
      const c = body[this.pos];
      if (c === '\\' && body[this.pos + 1] !== undefined && '$`\\\n'.includes(body[this.pos + 1])) {
        if (body[this.pos + 1] !== '\n') text += body[this.pos + 1];
        this.pos += 2;
      } else if (c === '$') {
        const exp = this.readDollar(true, 1);
        if (exp) {
          flush();
          parts.push(exp);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  // ---- lexing helpers ----

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else return;
    }
  }

  private skipComment(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
  }

  private newline(): void {
    this.pos++;
    this.line++;
  }

  private peekOp(): string | null {
    const s = this.src.slice(this.pos, this.pos + 2);
    if (s === '&&' || s === '||' || s === ';;' || s === ';&') return s;
    const c = this.src[this.pos];
    if (c === ';' || c === '&' || c === '|' || c === '\n' || c === '(' || c === ')') return c;
    return null;
  }

  /** Throws bash's `syntax error near unexpected token` for the token at `pos`. */
  private unexpected(): never {
    if (this.pos >= this.src.length) throw new ShellSyntaxError('syntax error: unexpected end of file', this.line, null);
    let token: string;
    const redirect = /^(&>>|&>|>>|>&|>\||<<-|<<|<&|>|<)/.exec(this.src.slice(this.pos, this.pos + 3));
    if (this.src[this.pos] === '\n') token = 'newline';
    else if (redirect) token = redirect[1];
    else token = this.peekOp() ?? this.src[this.pos];
    const lineStart = this.src.lastIndexOf('\n', this.pos - 1) + 1;
    let lineEnd = this.src.indexOf('\n', this.pos);
    if (lineEnd < 0) lineEnd = this.src.length;
    throw new ShellSyntaxError(`syntax error near unexpected token \`${token}'`, this.line, `\`${this.src.slice(lineStart, lineEnd)}'`);
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}

/** The text of a word with its quotes removed (here-document delimiters). */
function wordSource(word: Word): string {
  return word.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'param' ? `$${p.name}` : p.kind === 'tilde' ? '~' : '')).join('');
}

function asAssignment(word: Word): { name: string; value: Word } | null {
  const first = word[0];
  if (!first || first.kind !== 'lit' || first.quoted) return null;
  const eq = first.text.indexOf('=');
  if (eq <= 0 || !NAME_RE.test(first.text.slice(0, eq))) return null;
  const rest = first.text.slice(eq + 1);
  const value: Word = rest === '' ? [] : [{ kind: 'lit', text: rest, quoted: false }];
  return { name: first.text.slice(0, eq), value: [...value, ...word.slice(1)] };
}

function parseBraced(inner: string, quoted: boolean): WordPart {
  const bad: WordPart = { kind: 'bad', text: `\${${inner}}` };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(inner) || /^[?$!#@*0-9]$/.test(inner)) return { kind: 'param', name: inner, quoted };
  const len = /^#([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner);
  if (len) return { kind: 'param', name: len[1], quoted, op: { kind: '#', word: [] } };
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:-|-|:=|:\+)(.*)$/s.exec(inner);
  if (!m) return bad;
  const word = new Parser(m[3]).wordFrom();
  return { kind: 'param', name: m[1], quoted, op: { kind: m[2] as ':-' | '-' | ':=' | ':+', word } };
}

/** Finds the `)` that closes a `$(` whose content starts at `from`, skipping quotes. */
function findClosingParen(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const e = s.indexOf("'", i + 1);
      if (e < 0) return -1;
      i = e;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Parses here-document text with `$` expansions (the delimiter was unquoted). */
export function parseHeredocBody(body: string): Word {
  return new Parser(body).heredocWord();
}
