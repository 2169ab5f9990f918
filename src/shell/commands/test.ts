/**
 * The `test` and `[` builtins: string, integer and file conditions for `if` and `while`, with
 * bash's error texts (`[: missing `]'`, `[: abc: integer expression expected`, status 2).
 *
 * Counterpart in bash: test.c — POSIX's rules by argument count for up to four arguments
 * (`posixtest`), the full `-a`/`-o`/`!`/`( )` grammar beyond.
 */
import type { ProcCtx } from '../process.ts';

class TestError extends Error {}

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-n', '-o', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-z', '-G', '-L', '-O', '-S', '-N', '-v', '-R']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** The rest of test.c's state: the arguments and the position being read. */
class TestParser {
  private readonly args: string[];
  private pos = 0;
  private readonly ctx: ProcCtx;

  constructor(args: string[], ctx: ProcCtx) {
    this.args = args;
    this.ctx = ctx;
  }

  run(): boolean {
    const n = this.args.length;
    if (n === 0) return false;
    if (n <= 4) return this.posix(n);
    return this.full();
  }

  private posix(n: number): boolean {
    const a = this.args;
    switch (n) {
      case 1:
        return a[0] !== '';
      case 2:
        return this.two(0);
      case 3:
        return this.three(0);
      default:
        if (a[0] === '!') return !this.three(1);
        if (a[0] === '(' && a[3] === ')') return this.two(1);
        return this.full();
    }
  }

  private two(at: number): boolean {
    const [op, arg] = [this.args[at], this.args[at + 1]];
    if (op === '!') return arg === '';
    if (op.length === 2 && op[0] === '-' && UNARY.has(op)) return this.unary(op, arg);
    throw new TestError(`${op}: unary operator expected`);
  }

  private three(at: number): boolean {
    const [x, op, y] = [this.args[at], this.args[at + 1], this.args[at + 2]];
    if (BINARY.has(op)) return this.binary(x, op, y);
    if (op === '-a') return x !== '' && y !== '';
    if (op === '-o') return x !== '' || y !== '';
    if (x === '!') return !this.two(at + 1);
    if (x === '(' && y === ')') return op !== '';
    throw new TestError(`${op}: binary operator expected`);
  }

  private full(): boolean {
    const v = this.or();
    if (this.pos !== this.args.length) throw new TestError('too many arguments');
    return v;
  }

  private or(): boolean {
    const v = this.and();
    if (this.args[this.pos] === '-o') {
      this.pos++;
      return this.or() || v;
    }
    return v;
  }

  private and(): boolean {
    const v = this.term();
    if (this.args[this.pos] === '-a') {
      this.pos++;
      return this.and() && v;
    }
    return v;
  }

  private term(): boolean {
    const a = this.args;
    if (this.pos >= a.length) throw new TestError('argument expected');
    if (a[this.pos] === '!' && this.pos + 1 < a.length) {
      this.pos++;
      return !this.term();
    }
    if (a[this.pos] === '(' && this.pos + 1 < a.length) {
      this.pos++;
      const v = this.or();
      if (a[this.pos] !== ')') throw new TestError(this.pos < a.length ? `\`)' expected, found ${a[this.pos]}` : "`)' expected");
      this.pos++;
      return v;
    }
    if (this.pos + 2 < a.length && BINARY.has(a[this.pos + 1])) {
      const v = this.binary(a[this.pos], a[this.pos + 1], a[this.pos + 2]);
      this.pos += 3;
      return v;
    }
    if (UNARY.has(a[this.pos])) {
      if (this.pos + 1 >= a.length) throw new TestError(`${a[this.pos]}: unary operator expected`);
      const v = this.unary(a[this.pos], a[this.pos + 1]);
      this.pos += 2;
      return v;
    }
    return a[this.pos++] !== '';
  }

  private integer(s: string): bigint {
    const m = /^[ \t\n]*([-+]?\d+)[ \t\n]*$/.exec(s);
    if (!m) throw new TestError(`${s}: integer expression expected`);
    const v = BigInt(m[1]);
    if (v > INT64_MAX || v < INT64_MIN) throw new TestError(`${s}: integer expression expected`);
    return v;
  }

  private binary(x: string, op: string, y: string): boolean {
    switch (op) {
      case '=':
      case '==':
        return x === y;
      case '!=':
        return x !== y;
      case '<':
        return x < y;
      case '>':
        return x > y;
      case '-nt':
      case '-ot':
      case '-ef':
        return false;
      default: {
        const a = this.integer(x);
        const b = this.integer(y);
        return op === '-eq' ? a === b : op === '-ne' ? a !== b : op === '-lt' ? a < b : op === '-le' ? a <= b : op === '-gt' ? a > b : a >= b;
      }
    }
  }

  private unary(op: string, arg: string): boolean {
    const disk = this.ctx.host.disk;
    const path = this.ctx.resolve(arg);
    switch (op) {
      case '-n':
        return arg !== '';
      case '-z':
        return arg === '';
      case '-e':
      case '-a':
      case '-r':
      case '-w':
        return arg !== '' && disk.exists(path);
      case '-f':
        return arg !== '' && disk.exists(path) && !disk.isDirectory(path);
      case '-d':
      case '-x':
        return arg !== '' && disk.isDirectory(path);
      case '-s':
        return arg !== '' && (disk.read(path)?.length ?? 0) > 0;
      case '-v':
        return false;
      default:
        return false;
    }
  }
}

/** `test EXPR` and `[ EXPR ]`: status 0 (true), 1 (false) or 2 (an error, worded as bash). */
export async function testBuiltin(ctx: ProcCtx): Promise<number> {
  const name = ctx.argv[0];
  let args = ctx.argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.stderr.write(`${ctx.errPrefix}[: missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return new TestParser(args, ctx).run() ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    ctx.stderr.write(`${ctx.errPrefix}${name}: ${e.message}\n`);
    return 2;
  }
}
