/**
 * Shell arithmetic: what `$(( ))`, `(( ))` and `for (( ; ; ))` evaluate. Integers are 64-bit
 * signed and wrap on overflow; names are variables whose values are themselves expressions;
 * errors are worded as bash words them: `1/0: division by 0 (error token is "0")`.
 *
 * Counterpart in bash: expr.c (`evalexp`, its recursive-descent levels and `readtok`). The
 * "error token" bash prints is the rest of the expression from the start of the last token it
 * read, so this reader keeps that position the same way.
 */

/** An arithmetic error; `message` is bash's text without the `script.sh: line N: ` prefix. */
export class ArithError extends Error {}

/** Variables as arithmetic sees them. */
export interface ArithVars {
  get(name: string): string | null;
  set(name: string, value: string): void;
}

type Tok =
  | 'eof' | 'num' | 'str' | '=' | 'op=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '<<' | '>>' | '&&' | '||'
  | '**' | '++pre' | '--pre' | '++post' | '--post' | '+' | '-' | '*' | '/' | '%' | '!' | '~' | '(' | ')'
  | '&' | '|' | '^' | '?' | ':' | ',' | 'cond';

const SINGLE_OPS = new Set(['=', '>', '<', '+', '-', '*', '/', '%', '!', '(', ')', '&', '|', '^', '~', '?', ':', ',']);
const MULTI_OPS = new Set<Tok>(['==', '!=', '<=', '>=', '&&', '||', '<<', '>>', 'op=', 'cond', '**', '++pre', '--pre', '++post', '--post']);
const MAX_DEPTH = 1024;
const INT_MIN = -(2n ** 63n);

const wrap = (v: bigint) => BigInt.asIntN(64, v);
const isNameStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n';

class Evaluator {
  private readonly vars: ArithVars;
  private readonly depth: number;
  private expr = '';
  private tp = 0;
  private lastTp = 0;
  private cur: Tok = 'eof';
  private last: Tok = 'eof';
  private tokval = 0n;
  private tokstr: string | null = null;
  private assignOp = '';
  private noeval = 0;

  /** The current token (a method, so checks after `readtok()` are not narrowed away). */
  private t(): Tok {
    return this.cur;
  }

  constructor(vars: ArithVars, depth: number) {
    this.vars = vars;
    this.depth = depth;
  }

  run(expr: string): bigint {
    if (expr.trim() === '') return 0n;
    if (this.depth >= MAX_DEPTH) throw new ArithError('expression recursion level exceeded');
    this.expr = expr;
    this.tp = 0;
    this.readtok();
    const v = this.comma();
    if (this.t() !== 'eof') this.fail('syntax error in expression');
    return v;
  }

  /** Throws bash's message; `end` cuts the expression short (bash reads a number in place). */
  fail(msg: string, end = this.expr.length): never {
    const expr = this.expr.slice(0, end);
    const shown = expr.replace(/^[ \t]+/, '');
    throw new ArithError(`${shown}: ${msg} (error token is "${expr.slice(this.lastTp)}")`);
  }

  private variable(name: string): bigint {
    if (this.noeval) return 0n;
    const value = this.vars.get(name);
    if (value === null || value === '') return 0n;
    const inner = new Evaluator(this.vars, this.depth + 1);
    try {
      return inner.run(value);
    } catch (e) {
      // The recursion limit is reported against the expression that referenced the variable.
      if (e instanceof ArithError && e.message === 'expression recursion level exceeded') this.fail(e.message);
      throw e;
    }
  }

  private assign(name: string, v: bigint): void {
    if (this.noeval === 0) this.vars.set(name, v.toString());
  }

  /** Whether the next token (from `at`) is a lone `=`: then a name is not read for its value. */
  private nextIsAssign(at: number): boolean {
    let i = at;
    while (isBlank(this.expr[i])) i++;
    return this.expr[i] === '=' && this.expr[i + 1] !== '=';
  }

  private readtok(): void {
    const s = this.expr;
    let cp = this.tp;
    while (isBlank(s[cp])) cp++;
    if (cp >= s.length) {
      this.last = this.cur;
      this.cur = 'eof';
      this.tp = cp;
      return;
    }
    const c = s[cp];
    this.lastTp = this.tp = cp;
    if (isNameStart(c)) {
      let e = cp;
      while (isNameChar(s[e])) e++;
      const name = s.slice(cp, e);
      this.tokstr = name;
      const preInc = this.last === '++pre' || this.last === '--pre';
      // readtok's own bookkeeping happens before the value is looked up (bash peeks first).
      this.tokval = preInc || !this.nextIsAssign(e) ? this.variable(name) : 0n;
      this.last = this.cur;
      this.cur = 'str';
      this.tp = e;
      return;
    }
    if (/[0-9]/.test(c)) {
      let e = cp;
      while (e < s.length && /[A-Za-z0-9#@_]/.test(s[e])) e++;
      this.tokval = this.number(s.slice(cp, e), e);
      this.last = this.cur;
      this.cur = 'num';
      this.tp = e;
      return;
    }
    const c1 = s[cp + 1];
    let tok: Tok;
    let len = 2;
    if (c === '=' && c1 === '=') tok = '==';
    else if (c === '!' && c1 === '=') tok = '!=';
    else if (c === '>' && c1 === '=') tok = '>=';
    else if (c === '<' && c1 === '=') tok = '<=';
    else if (c === '<' && c1 === '<') {
      if (s[cp + 2] === '=') {
        tok = 'op=';
        this.assignOp = '<<';
        len = 3;
      } else tok = '<<';
    } else if (c === '>' && c1 === '>') {
      if (s[cp + 2] === '=') {
        tok = 'op=';
        this.assignOp = '>>';
        len = 3;
      } else tok = '>>';
    } else if (c === '&' && c1 === '&') tok = '&&';
    else if (c === '|' && c1 === '|') tok = '||';
    else if (c === '*' && c1 === '*') tok = '**';
    else if ((c === '-' || c === '+') && c1 === c && this.t() === 'str') tok = c === '-' ? '--post' : '++post';
    else if ((c === '-' || c === '+') && c1 === c && this.t() === 'num' && (this.last === '++pre' || this.last === '--pre')) {
      this.fail(`${c}${c}: assignment requires lvalue`);
    } else if ((c === '-' || c === '+') && c1 === c) {
      let x = cp + 2;
      while (isBlank(s[x])) x++;
      if (isNameStart(s[x])) tok = c === '-' ? '--pre' : '++pre';
      else {
        tok = c as Tok;
        len = 1;
      }
    } else if (c1 === '=' && '*/%+-&^|'.includes(c)) {
      tok = 'op=';
      this.assignOp = c;
    } else if (!SINGLE_OPS.has(c)) {
      if (this.t() === 'eof' || SINGLE_OPS.has(this.cur) || MULTI_OPS.has(this.cur)) this.fail('syntax error: operand expected');
      this.fail('syntax error: invalid arithmetic operator');
    } else {
      tok = c as Tok;
      len = 1;
    }
    this.last = this.cur;
    this.cur = tok;
    this.tp = cp + len;
  }

  /** A constant: decimal, 0octal, 0xhex or BASE#digits (bases 2 to 64). */
  private number(text: string, end: number): bigint {
    const fail = (msg: string): never => this.fail(msg, end);
    let i = 0;
    let base = 10n;
    let foundBase = false;
    if (text[0] === '0') {
      i = 1;
      if (text.length === 1) return 0n;
      if (text[1] === 'x' || text[1] === 'X') {
        base = 16n;
        i = 2;
      } else base = 8n;
      foundBase = true;
    }
    let val = 0n;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '#') {
        if (foundBase) fail('invalid number');
        if (val < 2n || val > 64n) fail('invalid arithmetic base');
        base = val;
        val = 0n;
        foundBase = true;
        if (!/[A-Za-z0-9_@]/.test(text[i + 1] ?? '')) fail('invalid integer constant');
        continue;
      }
      let d: number;
      if (/[0-9]/.test(c)) d = c.charCodeAt(0) - 48;
      else if (c >= 'a' && c <= 'z') d = c.charCodeAt(0) - 97 + 10;
      else if (c >= 'A' && c <= 'Z') d = c.charCodeAt(0) - 65 + (base <= 36n ? 10 : 36);
      else if (c === '@') d = 62;
      else d = 63;
      if (BigInt(d) >= base) fail('value too great for base');
      val = wrap(val * base + BigInt(d));
    }
    return val;
  }

  private comma(): bigint {
    let v = this.assignment();
    while (this.t() === ',') {
      this.readtok();
      v = this.assignment();
    }
    return v;
  }

  private assignment(): bigint {
    let value = this.conditional();
    if (this.t() === '=' || this.t() === 'op=') {
      const special = this.t() === 'op=';
      const op = this.assignOp;
      const lvalue = value;
      if (this.last !== 'str') this.fail('attempted assignment to non-variable');
      if (this.tokstr === null) this.fail('syntax error in variable assignment');
      const name = this.tokstr;
      this.readtok();
      value = this.assignment();
      if (special) {
        if ((op === '/' || op === '%') && value === 0n) {
          if (this.noeval === 0) this.fail('division by 0');
          value = 1n;
        }
        value = binary(op, lvalue, value);
      }
      this.assign(name, value);
      this.tokstr = null;
    }
    return value;
  }

  private conditional(): bigint {
    const cval = this.logicalOr();
    if (this.t() !== '?') return cval;
    if (cval === 0n) this.noeval++;
    this.readtok();
    if (this.t() === 'eof' || this.t() === ':') this.fail('expression expected');
    const v1 = this.comma();
    if (cval === 0n) this.noeval--;
    if (this.t() !== ':') this.fail("`:' expected for conditional expression");
    if (cval !== 0n) this.noeval++;
    this.readtok();
    if (this.t() === 'eof') this.fail('expression expected');
    const v2 = this.conditional();
    if (cval !== 0n) this.noeval--;
    this.last = 'cond';
    return cval !== 0n ? v1 : v2;
  }

  private logicalOr(): bigint {
    let v = this.logicalAnd();
    while (this.t() === '||') {
      const skip = v !== 0n;
      if (skip) this.noeval++;
      this.readtok();
      const v2 = this.logicalAnd();
      if (skip) this.noeval--;
      v = v !== 0n || v2 !== 0n ? 1n : 0n;
      this.last = '||';
    }
    return v;
  }

  private logicalAnd(): bigint {
    let v = this.level(0);
    while (this.t() === '&&') {
      const skip = v === 0n;
      if (skip) this.noeval++;
      this.readtok();
      const v2 = this.level(0);
      if (skip) this.noeval--;
      v = v !== 0n && v2 !== 0n ? 1n : 0n;
      this.last = '&&';
    }
    return v;
  }

  /** Left-associative binary levels, loosest first: | ^ & (== !=) (< <= > >=) (<< >>) (+ -). */
  private static readonly LEVELS: Tok[][] = [['|'], ['^'], ['&'], ['==', '!='], ['<=', '>=', '<', '>'], ['<<', '>>'], ['+', '-']];

  private level(n: number): bigint {
    if (n === Evaluator.LEVELS.length) return this.mulDiv();
    const ops = Evaluator.LEVELS[n];
    let v = this.level(n + 1);
    while (ops.includes(this.t())) {
      const op = this.cur;
      this.readtok();
      const v2 = this.level(n + 1);
      v = binary(op, v, v2);
      this.last = 'num';
    }
    return v;
  }

  private mulDiv(): bigint {
    let v = this.power();
    while (this.t() === '*' || this.t() === '/' || this.t() === '%') {
      const op = this.cur;
      const opEnd = this.tp;
      this.readtok();
      let v2 = this.power();
      if ((op === '/' || op === '%') && v2 === 0n) {
        if (this.noeval === 0) {
          // bash points at what follows the operator.
          let at = opEnd;
          while (this.expr[at] === ' ' || this.expr[at] === '\t') at++;
          this.lastTp = at;
          this.fail('division by 0');
        }
        v2 = 1n;
      }
      v = binary(op, v, v2);
      this.last = 'num';
    }
    return v;
  }

  private power(): bigint {
    let v = this.unary();
    while (this.t() === '**') {
      this.readtok();
      const e = this.power();
      this.last = 'num';
      if (e === 0n) return 1n;
      if (e < 0n) this.fail('exponent less than 0');
      v = ipow(v, e);
    }
    return v;
  }

  private unary(): bigint {
    const t = this.cur;
    if (t === '!' || t === '~' || t === '-' || t === '+') {
      this.readtok();
      const v = this.unary();
      this.last = 'num';
      return t === '!' ? (v === 0n ? 1n : 0n) : t === '~' ? wrap(~v) : t === '-' ? wrap(-v) : v;
    }
    return this.primary();
  }

  private primary(): bigint {
    if (this.t() === '++pre' || this.t() === '--pre') {
      const t = this.cur;
      this.last = t;
      this.readtok();
      if (this.t() !== 'str') this.fail('identifier expected after pre-increment or pre-decrement');
      const v = wrap(this.tokval + (t === '++pre' ? 1n : -1n));
      if (this.tokstr !== null) this.assign(this.tokstr, v);
      this.cur = 'num';
      this.readtok();
      return v;
    }
    if (this.t() === '(') {
      this.readtok();
      const v = this.comma();
      if (this.t() !== ')') this.fail("missing `)'");
      this.readtok();
      return v;
    }
    if (this.t() === 'num' || this.t() === 'str') {
      const v = this.tokval;
      if (this.t() === 'str') {
        const name = this.tokstr;
        // Peek at the next token without evaluating anything it names.
        const saved = { tp: this.tp, lastTp: this.lastTp, cur: this.cur, last: this.last, tokval: this.tokval, tokstr: this.tokstr, noeval: this.noeval };
        this.noeval = 1;
        this.readtok();
        const next = this.cur;
        if (next === '++post' || next === '--post') {
          this.tokstr = name;
          this.noeval = saved.noeval;
          this.last = 'str';
          if (name !== null) this.assign(name, wrap(v + (next === '++post' ? 1n : -1n)));
          this.cur = 'num';
        } else Object.assign(this, saved);
      }
      this.readtok();
      return v;
    }
    this.fail('syntax error: operand expected');
  }
}

function binary(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case '+': return wrap(a + b);
    case '-': return wrap(a - b);
    case '*': return wrap(a * b);
    case '/': return a === INT_MIN && b === -1n ? INT_MIN : wrap(a / b);
    case '%': return a === INT_MIN && b === -1n ? 0n : a % b;
    case '<<': return wrap(a << (b & 63n));
    case '>>': return a >> (b & 63n);
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    default: throw new Error(`bad arithmetic operator ${op}`);
  }
}

function ipow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = base;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = wrap(result * b);
    e >>= 1n;
    b = wrap(b * b);
  }
  return result;
}

/** Evaluates an (already expanded) arithmetic expression; throws {@link ArithError}. */
export function evalArith(expr: string, vars: ArithVars): bigint {
  return new Evaluator(vars, 0).run(expr);
}
