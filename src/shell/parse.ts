/**
 * Parses the shell's bash subset into commands: words with quoting, `;` `&` `&&` `||` `|` `!`,
 * redirections (`>` `>>` `<` `<>` `2>&1` `&>` `N>FILE` `<<<`), here-documents (`<<EOF`,
 * `<<'EOF'`, `<<-EOF`), `NAME=value` assignments, `#` comments, `$NAME` `${NAME}` `$(...)`
 * `$((...))` and `` `...` `` expansions, the compound commands `if`, `for` (both forms), `while`,
 * `until`, `case`, `{ …; }`, `( … )`, `(( … ))` and `[[ … ]]`, and function definitions
 * (`NAME() …`, `function NAME …`).
 *
 * Counterpart in bash: parse.y and its `read_token`/`shell_getc` pair. Like bash, the script is
 * read one complete command at a time (a line, plus any lines a trailing `|`, `&&`, an open
 * compound command or a here-document pulls in), so the commands before a syntax error run
 * before bash reports it; `$( )` is parsed with the command that contains it; errors carry
 * bash's own wording.
 */

/** Part of a word: literal text (quoted or not) or an expansion. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  /** `$NAME`, `${NAME}`, `$?`, `$$`, `$!`, `$#`, `$0`…`$9`, `$@`, `$*`; `op` for `${NAME:-word}`-style forms. */
  | { kind: 'param'; name: string; quoted: boolean; op?: { kind: ':-' | '-' | ':=' | ':+' | '#' | 'trim#' | 'trim##' | 'trim%' | 'trim%%' | '^' | '^^' | ',' | ',,'; word: WordPart[] } }
  /** `${NAME/PATTERN/STRING}` and `${NAME//PATTERN/STRING}`: the first (every) match replaced. */
  | { kind: 'replace'; name: string; quoted: boolean; all: boolean; pattern: WordPart[]; replacement: WordPart[] }
  /**
   * `$(...)`: the inner script, run when the word is expanded. `body` is its parsed form (a
   * script's `$( )` is parsed with the script); without it `source` is parsed when run.
   */
  | { kind: 'cmdsub'; source: string; quoted: boolean; line: number; body?: ListItem[] }
  /** `$((...))`: the expression, expanded as in double quotes, then evaluated. */
  | { kind: 'arith'; expr: WordPart[]; source: string; quoted: boolean }
  /** `~` at the start of a word. */
  | { kind: 'tilde' }
  /** `${...}` that bash rejects at expansion time (`bad substitution`). */
  | { kind: 'bad'; text: string };

export type Word = WordPart[];

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '>|' | '<>' | '<<<';

export interface Redirect {
  fd: number;
  op: RedirectOp;
  /** The file name (or fd number for `>&`), or the here-document's delimiter. */
  target: Word;
  /** Here-documents: the body and whether `$` expansions apply (unquoted delimiter). */
  heredoc?: { body: string; expand: boolean };
  /** The line of the here-document operator (where bash counts its `$( )` errors from). */
  line?: number;
}

export interface SimpleCommand {
  kind: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
  line: number;
}

/** `if LIST; then LIST; [elif LIST; then LIST;]… [else LIST;] fi`. */
export interface IfCommand {
  kind: 'if';
  clauses: { cond: ListItem[]; body: ListItem[] }[];
  elseBody: ListItem[] | null;
  redirects: Redirect[];
  line: number;
}

/** `for NAME [in WORDS…]; do LIST; done` (no `in`: the positional parameters). */
export interface ForCommand {
  kind: 'for';
  name: string;
  words: Word[] | null;
  body: ListItem[];
  redirects: Redirect[];
  line: number;
}

/** `for (( INIT; COND; STEP )); do LIST; done`. */
export interface ArithForCommand {
  kind: 'arithFor';
  init: Word;
  cond: Word;
  step: Word;
  body: ListItem[];
  redirects: Redirect[];
  line: number;
}

/** `while LIST; do LIST; done` and `until LIST; do LIST; done`. */
export interface WhileCommand {
  kind: 'while' | 'until';
  cond: ListItem[];
  body: ListItem[];
  redirects: Redirect[];
  line: number;
}

/** `{ LIST; }` runs in the shell itself; `( LIST )` in a subshell. */
export interface GroupCommand {
  kind: 'group' | 'subshell';
  body: ListItem[];
  redirects: Redirect[];
  line: number;
}

/** `(( EXPRESSION ))`: status 0 when the value is not zero. */
export interface ArithCommand {
  kind: 'arith';
  expr: Word;
  redirects: Redirect[];
  line: number;
}

/** `case WORD in PATTERN|PATTERN) LIST ;; … esac`; `;&` falls through, `;;&` tests the next patterns. */
export interface CaseCommand {
  kind: 'case';
  word: Word;
  items: { patterns: Word[]; body: ListItem[]; end: ';;' | ';&' | ';;&' }[];
  redirects: Redirect[];
  line: number;
}

/** A `[[ … ]]` expression: operators, and words expanded without splitting or globbing. */
export type CondExpr =
  | { kind: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { kind: 'not'; expr: CondExpr }
  | { kind: 'unary'; op: string; arg: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word }
  | { kind: 'word'; word: Word };

/** `[[ EXPRESSION ]]`: status 0 when true, 1 when false, 2 on an error. */
export interface CondCommand {
  kind: 'cond';
  expr: CondExpr | null;
  redirects: Redirect[];
  line: number;
}

export type CompoundCommand = IfCommand | ForCommand | ArithForCommand | WhileCommand | GroupCommand | ArithCommand | CaseCommand | CondCommand;

/**
 * `NAME() COMPOUND` or `function NAME [()] COMPOUND`: defines a function (status 0). `raw` is the
 * name as written; a name with quotes or expansions is refused when the definition runs.
 */
export interface FunctionDef {
  kind: 'function';
  name: string;
  raw: string;
  valid: boolean;
  body: CompoundCommand;
  /** Always empty: redirections after the body belong to the body. */
  redirects: Redirect[];
  line: number;
}

export type Command = SimpleCommand | CompoundCommand | FunctionDef;

export interface Pipeline {
  /** Empty for a lone `!` (status 1). */
  commands: Command[];
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
  /**
   * A malformed `[[ ]]`: bash 5.2 prints its message (some have none) and ends a script with the
   * status it had, not 2.
   */
  readonly keepStatus: boolean;
  /** Warnings bash printed before it met the error (a here-document cut short by the end of file). */
  warnings: { line: number; text: string }[] = [];
  constructor(message: string, line: number, context: string | null, keepStatus = false) {
    super(message);
    this.line = line;
    this.context = context;
    this.keepStatus = keepStatus;
  }
}

const COND_UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
const COND_BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** A token inside `[[ ]]`: an operator, or a word with its text as written (`raw`). */
type CondToken = { kind: 'op'; text: string } | { kind: 'word'; word: Word; raw: string } | { kind: 'eof' };

/** The result of reading one complete command. */
export type ParseStep =
  | { kind: 'command'; items: ListItem[]; warnings: { line: number; text: string }[] }
  | { kind: 'eof' };

const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words that are reserved at the start of a command (`!` is handled with pipelines). */
const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', '{', '}', '!', 'function', 'case', 'esac', '[[', ']]']);
const REDIRECT_RE = /^(&>>|&>|>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/;

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  stripTabs: boolean;
  line: number;
}

/** Reads a script one complete command at a time. */
export class Parser {
  private src: string;
  private pos = 0;
  /** Line number (1-based) at `pos`. */
  private line = 1;
  private pending: PendingHeredoc[] = [];
  private warnings: { line: number; text: string }[] = [];
  /** How many `$(` enclose `pos`: end of file inside one reports the missing `)`. */
  private comsubDepth = 0;
  private normalized = false;
  /** For a here-document body: the line of its operator (its `$( )` are parsed separately). */
  private readonly heredocLine: number | null;

  constructor(src: string, opts: { line?: number; comsubDepth?: number; heredocLine?: number } = {}) {
    this.src = src;
    this.line = opts.line ?? 1;
    this.comsubDepth = opts.comsubDepth ?? 0;
    this.heredocLine = opts.heredocLine ?? null;
  }

  /** Parses the next complete command; throws {@link ShellSyntaxError}. */
  next(): ParseStep {
    // Bash reads a script's last line as if it ended with a newline.
    if (!this.normalized) {
      this.normalized = true;
      if (this.src !== '' && !this.src.endsWith('\n')) this.src += '\n';
    }
    this.warnings = [];
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) return { kind: 'eof' };
      const c = this.src[this.pos];
      if (c === '\n') {
        this.consumeNewline();
        continue;
      }
      if (c === '#') {
        this.skipComment();
        continue;
      }
      break;
    }
    try {
      const items = this.parseList();
      // The list ends at a newline or the end of the script.
      this.skipBlanks();
      if (this.src[this.pos] === '#') this.skipComment();
      if (this.pos < this.src.length) {
        if (this.src[this.pos] !== '\n') this.unexpected();
        this.consumeNewline();
      }
      if (this.pending.length > 0) this.readHeredocs();
      return { kind: 'command', items, warnings: this.warnings };
    } catch (e) {
      if (e instanceof ShellSyntaxError) e.warnings = this.warnings;
      throw e;
    }
  }

  // ---- grammar ----

  /** A top-level list: and-or lists separated by `;` or `&`, up to the end of the line. */
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
        const c = this.src[this.pos];
        if (this.pos >= this.src.length || c === '\n' || c === '#') return items;
        continue;
      }
      items.push({ andOr, background: false });
      return items;
    }
  }

  /**
   * The list inside a compound command: and-or lists separated by `;`, `&` or newlines, up to
   * one of the reserved words in `terms` (or `)` when `terms` has it) at the start of a command.
   */
  private parseCompoundList(terms: string[], allowEmpty = false): ListItem[] {
    const items: ListItem[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.pos >= this.src.length) this.unexpected();
      if (terms.includes(')') && this.src[this.pos] === ')') break;
      if (terms.includes(';;') && (this.src.startsWith(';;', this.pos) || this.src.startsWith(';&', this.pos))) break;
      const w = this.peekReserved();
      if (w !== null && terms.includes(w)) break;
      const andOr = this.parseAndOr();
      this.skipBlanks();
      const op = this.peekOp();
      if (op === ';' || op === '&') {
        this.pos += 1;
        items.push({ andOr, background: op === '&' });
        continue;
      }
      items.push({ andOr, background: false });
      if (op === '\n' || this.src[this.pos] === '#') continue;
      break;
    }
    if (items.length === 0 && !allowEmpty) this.unexpected();
    return items;
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
    while (this.peekReserved() === '!') {
      negate = !negate;
      this.pos++;
      this.skipBlanks();
    }
    if (negate && this.endsPipeline()) return { commands: [], negate };
    const commands = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.peekOp() !== '|') return { commands, negate };
      if (this.src[this.pos + 1] === '&') {
        // `a |& b` is `a 2>&1 | b`.
        commands[commands.length - 1].redirects.push({ fd: 2, op: '>&', target: [{ kind: 'lit', text: '1', quoted: false }] });
        this.pos++;
      }
      this.pos += 1;
      this.linebreak();
      commands.push(this.parseCommand());
    }
  }

  /** After `!`: whether the pipeline is empty (bash accepts a lone `!`, status 1). */
  private endsPipeline(): boolean {
    const c = this.src[this.pos];
    const n = this.src[this.pos + 1];
    return this.pos >= this.src.length || c === '\n' || c === '#' || c === ')' || (c === ';' && n !== ';' && n !== '&') || (c === '&' && n !== '&' && n !== '>');
  }

  private parseCommand(): Command {
    this.skipBlanks();
    const line = this.line;
    if (this.src[this.pos] === '(') {
      if (this.src[this.pos + 1] === '(') {
        const end = findArithEnd(this.src, this.pos + 2);
        if (end === -2) throw arithEof(this.src, this.pos + 2, line);
        if (end >= 0) {
          const expr = this.arithText(this.pos + 2, end);
          this.pos = end + 2;
          return this.finishCompound({ kind: 'arith', expr, redirects: [], line });
        }
      }
      this.pos++;
      const body = this.parseCompoundList([')']);
      if (this.src[this.pos] !== ')') this.unexpected();
      this.pos++;
      return this.finishCompound({ kind: 'subshell', body, redirects: [], line });
    }
    switch (this.peekReserved()) {
      case null:
        return this.parseSimple();
      case 'if':
        return this.finishCompound(this.parseIf());
      case 'for':
        return this.finishCompound(this.parseFor());
      case 'while':
      case 'until':
        return this.finishCompound(this.parseWhile());
      case 'case':
        return this.finishCompound(this.parseCase());
      case '[[':
        return this.finishCompound(this.parseCond());
      case 'function': {
        this.pos += 8;
        this.skipBlanks();
        if (this.pos >= this.src.length || META.has(this.src[this.pos])) this.unexpected();
        const start = this.pos;
        const word = this.readWord();
        const raw = this.src.slice(start, this.pos);
        this.skipBlanks();
        if (this.src[this.pos] === '(') {
          this.pos++;
          this.skipBlanks();
          if (this.src[this.pos] !== ')') this.unexpected();
          this.pos++;
        }
        return this.functionBody(word, raw, line);
      }
      case '{': {
        this.pos++;
        const body = this.parseCompoundList(['}']);
        this.expectReserved('}');
        return this.finishCompound({ kind: 'group', body, redirects: [], line });
      }
      default:
        // `then`, `fi`, `done`, `}`, `in`, `!`… where a command should start.
        this.unexpected();
    }
  }

  /** After `NAME()` or `function NAME`: newlines, then the body, which must be a compound command. */
  private functionBody(word: Word, raw: string, line: number): FunctionDef {
    this.linebreak();
    const w = this.peekReserved();
    const compound = w === '{' || w === 'if' || w === 'for' || w === 'while' || w === 'until' || w === 'case' || w === '[[' || this.src[this.pos] === '(';
    if (!compound) this.unexpected();
    const body = this.parseCommand() as CompoundCommand;
    const valid = word.every((p) => p.kind === 'lit' && !p.quoted);
    return { kind: 'function', name: wordSource(word), raw, valid, body, redirects: [], line };
  }

  /** Redirections after a compound command; then only an operator or a reserved word may follow. */
  private finishCompound(cmd: CompoundCommand): CompoundCommand {
    for (;;) {
      this.skipBlanks();
      const r = this.tryRedirect();
      if (!r) break;
      cmd.redirects.push(r);
    }
    const c = this.src[this.pos];
    if (this.pos < this.src.length && !META.has(c) && c !== '#' && this.peekReserved() === null) this.unexpected();
    if (c === '(') this.unexpected();
    return cmd;
  }

  private parseIf(): IfCommand {
    const line = this.line;
    this.pos += 2;
    const clauses: IfCommand['clauses'] = [];
    let elseBody: ListItem[] | null = null;
    let keyword: string;
    for (;;) {
      const cond = this.parseCompoundList(['then']);
      this.expectReserved('then');
      const body = this.parseCompoundList(['elif', 'else', 'fi']);
      clauses.push({ cond, body });
      keyword = this.peekReserved() ?? '';
      if (keyword !== 'elif') break;
      this.pos += 4;
    }
    if (keyword === 'else') {
      this.pos += 4;
      elseBody = this.parseCompoundList(['fi']);
    }
    this.expectReserved('fi');
    return { kind: 'if', clauses, elseBody, redirects: [], line };
  }

  private parseFor(): ForCommand | ArithForCommand {
    const line = this.line;
    this.pos += 3;
    this.skipBlanks();
    if (this.src.startsWith('((', this.pos)) {
      const end = findArithEnd(this.src, this.pos + 2);
      if (end === -2) throw arithEof(this.src, this.pos + 2, line);
      if (end < 0) this.unexpected();
      const parts = splitArithFor(this.src.slice(this.pos + 2, end));
      if (parts === null) throw new ShellSyntaxError('syntax error: arithmetic expression required', line, `syntax error: \`${this.src.slice(this.pos, end + 2)}'`);
      const start = this.pos + 2;
      const [init, cond, step] = [
        this.arithText(start, start + parts[0].length),
        this.arithText(start + parts[0].length + 1, start + parts[0].length + 1 + parts[1].length),
        this.arithText(end - parts[2].length, end),
      ];
      this.pos = end + 2;
      this.skipBlanks();
      if (this.src[this.pos] === ';') this.pos++;
      this.skipSeparators();
      const body = this.loopBody();
      return { kind: 'arithFor', init, cond, step, body, redirects: [], line };
    }
    if (this.pos >= this.src.length || META.has(this.src[this.pos])) this.unexpected();
    const name = wordSource(this.readWord());
    this.skipBlanks();
    let words: Word[] | null = null;
    if (this.src[this.pos] === ';' && this.src[this.pos + 1] !== ';') {
      this.pos++;
      this.skipSeparators();
    } else {
      this.skipSeparators();
      if (this.peekReserved() === 'in') {
        this.pos += 2;
        words = [];
        for (;;) {
          this.skipBlanks();
          const c = this.src[this.pos];
          if (c === '#') this.skipComment();
          else if (c === '\n') {
            this.consumeNewline();
            break;
          } else if (c === ';' && this.src[this.pos + 1] !== ';') {
            this.pos++;
            break;
          } else if (this.pos >= this.src.length || META.has(c)) this.unexpected();
          else words.push(this.readWord());
        }
        this.skipSeparators();
      }
    }
    const body = this.loopBody();
    return { kind: 'for', name, words, body, redirects: [], line };
  }

  /** A `for` loop's body: `do LIST; done`, or bash's `{ LIST; }` form. */
  private loopBody(): ListItem[] {
    this.skipBlanks();
    if (this.peekReserved() === '{') {
      const line = this.line;
      this.pos++;
      const body = this.parseCompoundList(['}']);
      this.expectReserved('}');
      return [{ andOr: { first: { commands: [{ kind: 'group', body, redirects: [], line }], negate: false }, rest: [] }, background: false }];
    }
    this.expectReserved('do');
    const body = this.parseCompoundList(['done']);
    this.expectReserved('done');
    return body;
  }

  /** `case WORD in [(]PATTERN[|PATTERN]…) LIST ;; … esac`. */
  private parseCase(): CaseCommand {
    const line = this.line;
    this.pos += 4;
    this.skipBlanks();
    if (this.pos >= this.src.length || META.has(this.src[this.pos])) this.unexpected();
    const word = this.readWord();
    this.linebreak();
    this.expectReserved('in');
    const items: CaseCommand['items'] = [];
    for (;;) {
      this.skipSeparators();
      if (this.peekReserved() === 'esac') break;
      const patterns: Word[] = [];
      if (this.src[this.pos] === '(') {
        this.pos++;
        this.skipBlanks();
      }
      for (;;) {
        if (this.pos >= this.src.length || META.has(this.src[this.pos])) this.unexpected();
        patterns.push(this.readWord());
        this.skipBlanks();
        const c = this.src[this.pos];
        if (c === '|' && this.src[this.pos + 1] !== '|') {
          this.pos++;
          this.skipBlanks();
          continue;
        }
        if (c !== ')') this.unexpected();
        this.pos++;
        break;
      }
      const body = this.parseCompoundList(['esac', ';;'], true);
      let end: ';;' | ';&' | ';;&' | null = null;
      if (this.src.startsWith(';;&', this.pos)) end = ';;&';
      else if (this.src.startsWith(';;', this.pos)) end = ';;';
      else if (this.src.startsWith(';&', this.pos)) end = ';&';
      items.push({ patterns, body, end: end ?? ';;' });
      if (end === null) break;
      this.pos += end.length;
    }
    this.skipSeparators();
    this.expectReserved('esac');
    return { kind: 'case', word, items, redirects: [], line };
  }

  /** `[[ EXPRESSION ]]`: `!`, `( )`, `&&`, `||`, unary and binary tests. */
  private parseCond(): CondCommand {
    const line = this.line;
    this.pos += 2;
    const fail = (message: string): never => {
      // At the end of the script bash's recovery meets the end of file: a plain error (status 2).
      const atEnd = message.includes("`newline'") && this.src.slice(this.pos + 1).trim() === '';
      throw new ShellSyntaxError(message, line, null, !atEnd);
    };
    let tok: CondToken = this.condToken(false);
    const advance = (regex = false): void => {
      tok = this.condToken(regex);
    };
    const op = (): string | null => (tok.kind === 'op' ? tok.text : null);
    const raw = (): string | null => (tok.kind === 'word' ? tok.raw : null);
    const text = (): string => op() ?? raw() ?? '';
    const isEnd = (): boolean => raw() === ']]';
    const eof = (): void => {
      if (tok.kind === 'eof') throw new ShellSyntaxError("unexpected EOF while looking for `]]'", line, null);
    };
    const takeWord = (): Word => {
      const t = tok as Extract<CondToken, { kind: 'word' }>;
      advance();
      return t.word;
    };
    const orExpr = (inParens: boolean): CondExpr => {
      let left = andExpr(inParens);
      while (op() === '||') {
        advance();
        left = { kind: 'or', left, right: andExpr(inParens) };
      }
      return left;
    };
    const andExpr = (inParens: boolean): CondExpr => {
      let left = term(inParens);
      while (op() === '&&') {
        advance();
        left = { kind: 'and', left, right: term(inParens) };
      }
      return left;
    };
    const term = (inParens: boolean): CondExpr => {
      eof();
      if (isEnd()) return fail(inParens ? "expected `)'" : '');
      const o = op();
      if (o !== null) {
        if (o !== '(') return fail(`unexpected token \`${o}' in conditional command`);
        advance();
        let expr: CondExpr;
        try {
          expr = orExpr(true);
        } catch (e) {
          // bash's recovery then misses the `)` as well and says so on a second line.
          if (e instanceof ShellSyntaxError && e.keepStatus && e.context === null && e.message !== "expected `)'") throw new ShellSyntaxError(e.message, e.line, "expected `)'", true);
          throw e;
        }
        eof();
        if (op() !== ')') fail(`unexpected token \`${text()}', expected \`)'`);
        advance();
        return expr;
      }
      const first = raw() ?? '';
      if (first === '!') {
        advance();
        return { kind: 'not', expr: term(inParens) };
      }
      const firstWord = takeWord();
      if (COND_UNARY.has(first)) {
        eof();
        if (raw() === null || isEnd()) fail(`unexpected argument \`${text()}' to conditional unary operator`);
        return { kind: 'unary', op: first, arg: takeWord() };
      }
      eof();
      const next = op();
      if (isEnd() || next === '&&' || next === '||' || next === ')') return { kind: 'word', word: firstWord };
      if (next !== null && next !== '<' && next !== '>') fail(`unexpected token \`${next}', conditional binary operator expected`);
      const binop = text();
      if (!COND_BINARY.has(binop) || (next !== null && next !== '<' && next !== '>')) fail('conditional binary operator expected');
      advance(binop === '=~');
      eof();
      if (raw() === null || isEnd()) fail(`unexpected argument \`${text()}' to conditional binary operator`);
      return { kind: 'binary', op: binop, left: firstWord, right: takeWord() };
    };
    const expr = orExpr(false);
    eof();
    if (op() === 'newline' && this.src.slice(this.pos + 1).trim() === '') throw new ShellSyntaxError("unexpected EOF while looking for `]]'", line, null);
    if (!isEnd()) fail(op() !== null ? `syntax error in conditional expression: unexpected token \`${op()}'` : 'syntax error in conditional expression');
    return { kind: 'cond', expr, redirects: [], line };
  }

  /** The next token inside `[[ ]]`; after `=~` (`regex`) a word may hold `(`, `)` and `|`. */
  private condToken(regex: boolean): CondToken {
    this.skipBlanks();
    if (this.pos >= this.src.length) return { kind: 'eof' };
    const c = this.src[this.pos];
    const two = this.src.slice(this.pos, this.pos + 2);
    if (c === '\n') return { kind: 'op', text: 'newline' };
    if (!regex && (two === '&&' || two === '||')) {
      this.pos += 2;
      return { kind: 'op', text: two };
    }
    if (!regex && (c === '(' || c === ')' || c === '<' || c === '>')) {
      this.pos++;
      return { kind: 'op', text: c };
    }
    if (META.has(c) && !(regex && (c === '(' || c === '|'))) {
      this.pos++;
      return { kind: 'op', text: c };
    }
    const start = this.pos;
    if (!regex) {
      const word = this.readWord();
      return { kind: 'word', word, raw: this.src.slice(start, this.pos) };
    }
    // A regular expression: parentheses nest, `|` and blanks inside them belong to it.
    const word: Word = [];
    let depth = 0;
    while (this.pos < this.src.length) {
      const d = this.src[this.pos];
      if (d === '(' || (d === '|' && depth > 0) || ((d === ' ' || d === '\t') && depth > 0)) {
        if (d === '(') depth++;
        word.push({ kind: 'lit', text: d, quoted: false });
        this.pos++;
      } else if (d === ')' && depth > 0) {
        depth--;
        word.push({ kind: 'lit', text: d, quoted: false });
        this.pos++;
      } else if (META.has(d)) break;
      else word.push(...this.readWord());
    }
    if (depth > 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", this.line, null);
    return { kind: 'word', word, raw: this.src.slice(start, this.pos) };
  }

  private parseWhile(): WhileCommand {
    const line = this.line;
    const kind = this.src.startsWith('while', this.pos) ? 'while' : 'until';
    this.pos += kind.length;
    const cond = this.parseCompoundList(['do']);
    this.expectReserved('do');
    const body = this.parseCompoundList(['done']);
    this.expectReserved('done');
    return { kind, cond, body, redirects: [], line };
  }

  /** Consumes the reserved word `w` at `pos`, or reports what is there instead. */
  private expectReserved(w: string): void {
    this.skipBlanks();
    if (this.peekReserved() !== w) this.unexpected();
    this.pos += w.length;
  }

  private parseSimple(): SimpleCommand | FunctionDef {
    const cmd: SimpleCommand = { kind: 'simple', assigns: [], words: [], redirects: [], line: this.line };
    let firstRaw = '';
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.src.length) break;
      const c = this.src[this.pos];
      if (c === '#') break;
      const redirect = this.tryRedirect();
      if (redirect) {
        cmd.redirects.push(redirect);
        continue;
      }
      if (c === '(' && cmd.words.length === 1 && cmd.assigns.length + cmd.redirects.length === 0) {
        // `name (` starts a function definition: `)` must follow, then the body.
        this.pos++;
        this.skipBlanks();
        if (this.src[this.pos] !== ')') this.unexpected();
        this.pos++;
        return this.functionBody(cmd.words[0], firstRaw, cmd.line);
      }
      if (META.has(c)) break;
      const startLine = this.line;
      const wordStart = this.pos;
      const word = this.readWord();
      if (cmd.words.length === 0) firstRaw = this.src.slice(wordStart, this.pos);
      if (cmd.words.length === 0) {
        const assign = asAssignment(word);
        if (assign && assign.value.length === 0 && this.src[this.pos] === '(') {
          // `NAME=(a b c)`: an array; the lab keeps its first element (what `$NAME` gives).
          assign.value = this.arrayElements()[0] ?? [];
          cmd.assigns.push(assign);
          continue;
        }
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

  /** The words of `(a b c)` after `NAME=`: blanks, newlines and comments between them. */
  private arrayElements(): Word[] {
    this.pos++;
    const words: Word[] = [];
    for (;;) {
      this.linebreak();
      if (this.pos >= this.src.length) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", this.line, null);
      if (this.src[this.pos] === ')') {
        this.pos++;
        return words;
      }
      if (META.has(this.src[this.pos])) this.unexpected();
      words.push(this.readWord());
    }
  }

  /** After `|`, `&&`, `||`: newlines (and comments) may follow before the next command. */
  private linebreak(): void {
    for (;;) {
      this.skipBlanks();
      const c = this.src[this.pos];
      if (c === '\n') this.consumeNewline();
      else if (c === '#') this.skipComment();
      else return;
    }
  }

  /** Blanks, newlines and comments between the commands of a compound list. */
  private skipSeparators(): void {
    this.linebreak();
  }

  private tryRedirect(): Redirect | null {
    const m = /^(\d*)(&>>|&>|>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/.exec(this.src.slice(this.pos, this.pos + 14));
    if (!m) return null;
    if (m[1] !== '' && (m[2] === '&>' || m[2] === '&>>')) return null;
    const op = m[2] as RedirectOp;
    const fd = m[1] !== '' ? Number(m[1]) : op.startsWith('<') ? 0 : 1;
    const line = this.line;
    this.pos += m[0].length;
    this.skipBlanks();
    // `#` after an operator starts a comment, so the file name is missing.
    if (this.src[this.pos] === '#') this.skipComment();
    if (this.pos >= this.src.length || META.has(this.src[this.pos])) this.unexpected();
    // A number followed by `<` or `>` is the next redirection's descriptor, not a file name.
    const io = /^\d+(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 12));
    if (io) this.unexpected(io[0]);
    const target = this.readWord();
    const redirect: Redirect = { fd, op, target };
    if (op === '<<' || op === '<<-') {
      const quoted = target.some((p) => p.kind === 'lit' && p.quoted);
      redirect.heredoc = { body: '', expand: !quoted };
      redirect.line = line;
      this.pending.push({ redirect, delimiter: wordSource(target), stripTabs: op === '<<-', line });
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
        let text = '';
        for (;;) {
          const nl = this.src.indexOf('\n', this.pos);
          const end = nl < 0 ? this.src.length : nl;
          const chunk = this.src.slice(this.pos, end);
          this.pos = nl < 0 ? end : end + 1;
          if (nl >= 0) this.line++;
          // With an unquoted delimiter, backslash-newline joins lines (the delimiter too).
          if (h.redirect.heredoc!.expand && nl >= 0 && /(^|[^\\])(\\\\)*\\$/.test(chunk) && this.pos < this.src.length) {
            text += chunk.slice(0, -1);
            continue;
          }
          text += chunk;
          break;
        }
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
          } else if (d === '`') {
            parts.push(this.readBackquote(true));
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
      } else if (c === '`') {
        parts.push(this.readBackquote(false));
      } else {
        lit(c, false);
        this.pos++;
      }
    }
    return parts;
  }

  /**
   * `` `…` ``: the old command substitution. Inside, `\\`, `` \` `` and `\$` (and `\"` within
   * double quotes) lose their backslash; the text is parsed when it runs, as bash does.
   */
  private readBackquote(quoted: boolean): WordPart {
    const openLine = this.line;
    let source = '';
    let i = this.pos + 1;
    for (;;) {
      if (i >= this.src.length) throw new ShellSyntaxError("unexpected EOF while looking for matching ``'", openLine, null);
      const c = this.src[i];
      if (c === '`') break;
      if (c === '\\' && i + 1 < this.src.length) {
        const n = this.src[i + 1];
        if (n === '\\' || n === '`' || n === '$' || (quoted && n === '"')) source += n;
        else source += c + n;
        i += 2;
        continue;
      }
      source += c;
      i++;
    }
    this.line += countNewlines(this.src.slice(this.pos, i));
    this.pos = i + 1;
    // bash numbers the commands inside from the line of the closing backquote.
    return { kind: 'cmdsub', source, quoted, line: this.line };
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
      const close = findBraceEnd(s, this.pos + 2, quoted, this.line, startLine);
      const inner = s.slice(this.pos + 2, close);
      this.line += countNewlines(inner);
      this.pos = close + 1;
      return parseBraced(inner, quoted);
    }
    if (n === '(') {
      if (s[this.pos + 2] === '(') {
        const end = findArithEnd(s, this.pos + 3);
        if (end === -2) throw arithEof(s, this.pos + 3, this.line);
        if (end >= 0) {
          const source = s.slice(this.pos + 3, end);
          const expr = this.arithText(this.pos + 3, end);
          this.pos = end + 2;
          return { kind: 'arith', expr, source, quoted };
        }
      }
      if (this.heredocLine !== null) return this.heredocComsub(quoted, this.heredocLine);
      const line = this.line;
      const start = this.pos + 2;
      if (s[start] === '(') {
        // A `$((` that is not arithmetic: bash finds its end by counting parentheses and
        // parses what is inside only when it runs.
        const close = findClosingParen(s, start);
        if (close < 0) throw arithEof(s, start, line);
        const source = s.slice(start, close);
        this.line += countNewlines(source);
        this.pos = close + 1;
        return { kind: 'cmdsub', source, quoted, line };
      }
      this.pos = start;
      this.comsubDepth++;
      const body = this.parseCompoundList([')'], true);
      if (this.src[this.pos] !== ')') this.unexpected();
      this.comsubDepth--;
      const source = s.slice(start, this.pos);
      this.pos++;
      return { kind: 'cmdsub', source, quoted, line, body };
    }
    return null;
  }

  /** A here-document's `$(` at `pos`, parsed on its own (see {@link parseHeredocBody}). */
  private heredocComsub(quoted: boolean, line: number): WordPart {
    const start = this.pos + 2;
    const sub = new Parser(this.src.slice(start), { line, comsubDepth: 1 });
    let body: ListItem[];
    try {
      body = sub.parseCompoundList([')'], true);
      if (sub.src[sub.pos] !== ')') sub.unexpected();
    } catch (e) {
      if (e instanceof ShellSyntaxError) throw new ShellSyntaxError(e.message, e.line + 1, e.context);
      throw e;
    }
    const source = this.src.slice(start, start + sub.pos);
    this.line += countNewlines(source);
    this.pos = start + sub.pos + 1;
    return { kind: 'cmdsub', source, quoted, line, body };
  }

  /** The text between `from` and `to` as an arithmetic expression (expanded as in double quotes). */
  private arithText(from: number, to: number): Word {
    const text = this.src.slice(from, to);
    const sub = new Parser(text, { line: this.line, comsubDepth: this.comsubDepth, heredocLine: this.heredocLine ?? undefined });
    const word = sub.expansionText(true);
    this.line += countNewlines(text);
    return word;
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
    return this.expansionText(false);
  }

  /**
   * Text where only `$` expansions and backslashes are special: a here-document body, or an
   * arithmetic expression (`arith`: double quotes are removed too, as bash does there).
   */
  private expansionText(arith: boolean): Word {
    const body = this.src;
    const parts: WordPart[] = [];
    let text = '';
    const flush = () => {
      if (text !== '') parts.push({ kind: 'lit', text, quoted: true });
      text = '';
    };
    while (this.pos < body.length) {
      const c = body[this.pos];
      if (c === '\\' && body[this.pos + 1] !== undefined && (arith ? '$`\\\n"' : '$`\\\n').includes(body[this.pos + 1])) {
        if (body[this.pos + 1] !== '\n') text += body[this.pos + 1];
        this.pos += 2;
      } else if (c === '"' && arith) {
        this.pos++;
      } else if (c === '`' && !arith) {
        flush();
        parts.push(this.readBackquote(true));
      } else if (c === '$') {
        const exp = this.readDollar(true, this.line);
        if (exp) {
          flush();
          parts.push(exp);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        if (c === '\n') this.line++;
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

  /** Consumes a newline token; here-documents started on the line are read after it. */
  private consumeNewline(): void {
    this.pos++;
    this.line++;
    if (this.pending.length > 0) this.readHeredocs();
  }

  private peekOp(): string | null {
    const s = this.src.slice(this.pos, this.pos + 2);
    if (s === '&&' || s === '||' || s === ';;' || s === ';&') return s;
    const c = this.src[this.pos];
    if (c === ';' || c === '&' || c === '|' || c === '\n' || c === '(' || c === ')') return c;
    return null;
  }

  /** The reserved word at `pos` (a whole unquoted word), or null. */
  private peekReserved(): string | null {
    const m = /^[^\s;&|<>()'"\\$`]+/.exec(this.src.slice(this.pos, this.pos + 8));
    if (!m) return null;
    const after = this.src[this.pos + m[0].length];
    if (after !== undefined && !META.has(after)) return null;
    return RESERVED.has(m[0]) ? m[0] : null;
  }

  /** Throws bash's `syntax error near unexpected token` for the token at `pos`. */
  private unexpected(tokenText?: string): never {
    if (this.pos >= this.src.length) {
      if (this.comsubDepth > 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", this.line, null);
      throw new ShellSyntaxError('syntax error: unexpected end of file', this.line, null);
    }
    let token: string;
    const redirect = REDIRECT_RE.exec(this.src.slice(this.pos, this.pos + 3));
    const op = this.peekOp();
    if (tokenText !== undefined) token = tokenText;
    else if (this.src[this.pos] === '\n') token = 'newline';
    else if (redirect) token = redirect[1];
    else if (op !== null) token = op;
    else {
      // The whole word, quotes and all.
      let end = this.pos;
      while (end < this.src.length && !META.has(this.src[end])) {
        const c = this.src[end];
        if (c === '\\') end += 2;
        else if (c === "'" || c === '"' || c === '`') {
          const close = this.src.indexOf(c, end + 1);
          // bash reads the whole token first: its open quote is the error then.
          if (close < 0) throw new ShellSyntaxError(`unexpected EOF while looking for matching \`${c}'`, this.line + countNewlines(this.src.slice(this.pos, end)), null);
          end = close + 1;
        } else end++;
      }
      token = this.src.slice(this.pos, end);
    }
    if (token.includes('\n')) {
      // A token that spans lines (a quoted newline): bash shows it $'…'-quoted, on the line
      // where it ends, with that line as the context.
      const shown = `$'${token.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
      const endAt = this.pos + token.length;
      const lineStart = this.src.lastIndexOf('\n', endAt - 1) + 1;
      let lineEnd = this.src.indexOf('\n', endAt);
      if (lineEnd < 0) lineEnd = this.src.length;
      throw new ShellSyntaxError(`syntax error near unexpected token \`${shown}'`, this.line + countNewlines(token), `\`${this.src.slice(lineStart, lineEnd)}'`);
    }
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

/** The text of a word with its quotes removed (here-document delimiters, `for` names). */
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
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(inner) || /^[?$!#@*0-9]$/.test(inner) || /^[1-9][0-9]+$/.test(inner)) return { kind: 'param', name: inner, quoted };
  // `${NAME[N]}`: the lab has no arrays; element N is the variable `NAME[N]` (0 is `$NAME`).
  if (/^[A-Za-z_][A-Za-z0-9_]*\[[0-9]+\]$/.test(inner)) return { kind: 'param', name: inner, quoted };
  const len = /^#([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner);
  if (len) return { kind: 'param', name: len[1], quoted, op: { kind: '#', word: [] } };
  // `${NAME^}` `^^` `,` `,,`: the first (every) letter upper- or lowercased.
  const caseOp = /^([A-Za-z_][A-Za-z0-9_]*)(\^\^?|,,?)$/.exec(inner);
  if (caseOp) return { kind: 'param', name: caseOp[1], quoted, op: { kind: caseOp[2] as '^', word: [] } };
  // `${NAME#PATTERN}` `##` `%` `%%`: a prefix or suffix removed (shortest, longest).
  const trim = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*])(##?|%%?)(.*)$/s.exec(inner);
  if (trim) return { kind: 'param', name: trim[1], quoted, op: { kind: `trim${trim[2]}` as 'trim#', word: new Parser(trim[3]).wordFrom() } };
  const rep = /^([A-Za-z_][A-Za-z0-9_]*)\/(\/?)((?:[^/\\]|\\.)*)(?:\/(.*))?$/s.exec(inner);
  if (rep) return { kind: 'replace', name: rep[1], quoted, all: rep[2] === '/', pattern: new Parser(rep[3]).wordFrom(), replacement: new Parser(rep[4] ?? '').wordFrom() };
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:-|-|:=|:\+)(.*)$/s.exec(inner);
  if (!m) return bad;
  const word = new Parser(m[3]).wordFrom();
  return { kind: 'param', name: m[1], quoted, op: { kind: m[2] as ':-' | '-' | ':=' | ':+', word } };
}

/**
 * Finds the `))` that closes an arithmetic `((` whose text starts at `from`: the index of its
 * first `)`, -1 when the parentheses close with a single `)` (then it is `$( (…) )`), -2
 * when they never close.
 */
function findArithEnd(s: string, from: number): number {
  let depth = 0;
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
      if (depth === 0) return s[i + 1] === ')' ? i : -1;
      depth--;
    }
  }
  return -2;
}

/**
 * Finds the `}` that closes a `${` whose text starts at `from`; quotes inside are skipped (an
 * unclosed one is reported, as bash does). Throws at the end of the script.
 */
function findBraceEnd(s: string, from: number, quoted: boolean, line: number, openLine: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
    else if (c === '"' || (c === "'" && !quoted)) {
      let e = i + 1;
      while (e < s.length && s[e] !== c) e += c === '"' && s[e] === '\\' ? 2 : 1;
      if (e >= s.length) throw new ShellSyntaxError(`unexpected EOF while looking for matching \`${c}'`, line + countNewlines(s.slice(from, i)), null);
      i = e;
    }
  }
  throw new ShellSyntaxError("unexpected EOF while looking for matching `}'", openLine, null);
}

/**
 * The error for a `((` that never closes: the quote left open inside it (on its own line), or
 * the missing `)` (on the line where the `((` began).
 */
function arithEof(s: string, from: number, line: number): ShellSyntaxError {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      let e = i + 1;
      if (c === "'") e = s.indexOf("'", e);
      else {
        while (e < s.length && s[e] !== '"') e += s[e] === '\\' ? 2 : 1;
        if (e >= s.length) e = -1;
      }
      if (e < 0) return new ShellSyntaxError(`unexpected EOF while looking for matching \`${c}'`, line + countNewlines(s.slice(from, i)), null);
      i = e;
    }
  }
  return new ShellSyntaxError("unexpected EOF while looking for matching `)'", line, null);
}

/** Finds the `)` that closes a `$(` whose content starts at `from`, skipping quotes; -1 if none. */
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

/** Splits `init; cond; step` of an arithmetic `for` at its two top-level `;`; null otherwise. */
function splitArithFor(text: string): [string, string, string] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.length === 3 ? [parts[0], parts[1], parts[2]] : null;
}

/**
 * Parses here-document text with `$` expansions (the delimiter was unquoted). A `$(` in it is
 * parsed now, when the document is expanded, as bash does: its commands are numbered from the
 * here-document operator's line (`line`), and its syntax errors one line further.
 */
export function parseHeredocBody(body: string, line = 0): Word {
  return new Parser(body, { heredocLine: line }).heredocWord();
}
