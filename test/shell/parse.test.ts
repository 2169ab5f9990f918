// Goal: the parser reads bash's grammar subset into the right structure — words and their
// quoting, expansions, assignments, redirections, here-documents, pipelines, and-or lists,
// background items — one complete command at a time, and reports syntax errors with bash's
// wording and line numbers.
// Method: parse snippets and compare the resulting structures (and thrown errors).
import { describe, expect, it } from 'vitest';
import { Parser, ShellSyntaxError, parseHeredocBody, type Command, type ListItem, type SimpleCommand, type Word } from '../../src/shell/parse.ts';

/** The simple command a test expects (compound commands have no words). */
function sc(c: Command): SimpleCommand {
  if (c.kind !== 'simple') throw new Error(`expected a simple command, got ${c.kind}`);
  return c;
}

function parseAll(src: string): ListItem[][] {
  const p = new Parser(src);
  const out: ListItem[][] = [];
  for (;;) {
    const step = p.next();
    if (step.kind === 'eof') return out;
    out.push(step.items);
  }
}

/** A word as text with quoted parts in «» and expansions as ${…}. */
function show(w: Word): string {
  return w
    .map((p) => {
      switch (p.kind) {
        case 'lit':
          return p.quoted ? `«${p.text}»` : p.text;
        case 'param':
          return p.quoted ? `«\${${p.name}}»` : `\${${p.name}}`;
        case 'cmdsub':
          return `$(${p.source})`;
        case 'arith':
          return `$((${p.source}))`;
        case 'tilde':
          return '~';
        case 'bad':
          return `!${p.text}`;
      }
    })
    .join('');
}

const words = (src: string) => sc(parseAll(src)[0][0].andOr.first.commands[0]).words.map(show);

function syntaxError(src: string): { message: string; line: number; context: string | null } {
  try {
    parseAll(src);
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { message: e.message, line: e.line, context: e.context };
    throw e;
  }
  throw new Error('no syntax error');
}

describe('words and quoting', () => {
  it('splits on blanks and keeps quoted blanks', () => {
    expect(words(`echo "a  b" 'c  d' e\\ f`)).toEqual(['echo', '«a  b»', '«c  d»', 'e« »f']);
  });
  it('double quotes keep $ expansions, single quotes do not', () => {
    expect(words(`echo "$X-\${Y}" '$X' $Z`)).toEqual(['echo', '«»«${X}»«-»«${Y}»', '«$X»', '${Z}']);
  });
  it('backslash escapes inside double quotes: only $ ` " \\ and newline', () => {
    expect(words(`echo "a\\$b \\q \\"c\\""`)).toEqual(['echo', '«a$b \\q "c"»']);
  });
  it('special parameters', () => {
    expect(words('echo $? $$ $! $0 $#')).toEqual(['echo', '${?}', '${$}', '${!}', '${0}', '${#}']);
  });
  it('a lone $ and $( ) command substitution', () => {
    expect(words('echo $ a$ $(cat f | wc -l)')).toEqual(['echo', '$', 'a$', '$(cat f | wc -l)']);
  });
  it('tilde at the start of a word only', () => {
    expect(words('cd ~/x a~b')).toEqual(['cd', '~/x', 'a~b']);
  });
  it('comments start only at a word boundary', () => {
    expect(words('echo a#b # c')).toEqual(['echo', 'a#b']);
  });
  it('line continuation joins lines', () => {
    expect(words('echo a\\\nb c')).toEqual(['echo', 'ab', 'c']);
  });
  it('${X!} is kept as a bad substitution for run time', () => {
    expect(words('echo ${X!}')).toEqual(['echo', '!${X!}']);
  });
});

describe('commands', () => {
  it('assignments before the command name, not after', () => {
    const [[item]] = parseAll('A=1 B="x y" cmd C=2');
    const cmd = sc(item.andOr.first.commands[0]);
    expect(cmd.assigns.map((a) => `${a.name}=${show(a.value)}`)).toEqual(['A=1', 'B=«x y»']);
    expect(cmd.words.map(show)).toEqual(['cmd', 'C=2']);
  });
  it('redirections anywhere in the command, with fds', () => {
    const [[item]] = parseAll('cmd >out 2>&1 a <in 2>>err b &>both');
    const cmd = sc(item.andOr.first.commands[0]);
    expect(cmd.words.map(show)).toEqual(['cmd', 'a', 'b']);
    expect(cmd.redirects.map((r) => `${r.fd}${r.op}${show(r.target)}`)).toEqual(['1>out', '2>&1', '0<in', '2>>err', '1&>both']);
  });
  it('pipelines, and-or lists, background and ; separators', () => {
    const [items] = parseAll('a | b && c || d & e; f');
    expect(items.map((i) => i.background)).toEqual([true, false, false]);
    const first = items[0].andOr;
    expect(first.first.commands.map((c) => show(sc(c).words[0]))).toEqual(['a', 'b']);
    expect(first.rest.map((r) => r.op)).toEqual(['&&', '||']);
  });
  it('a command per line; a trailing | or && continues on the next line', () => {
    const cmds = parseAll('echo a |\n  grep a &&\n\n echo ok\necho next\n');
    expect(cmds.length).toBe(2);
    expect(cmds[0][0].andOr.first.commands.length).toBe(2);
  });
  it('records the line of each command', () => {
    const cmds = parseAll('\n# c\necho a\n\necho b');
    expect(cmds.map((c) => c[0].andOr.first.commands[0].line)).toEqual([3, 5]);
  });
});

describe('here-documents', () => {
  it('reads the body after the line, with expansion unless the delimiter is quoted', () => {
    const cmds = parseAll("cat <<EOF > f\nhello $X\nEOF\ncat <<'END'\nraw $X\nEND\necho after\n");
    const h1 = cmds[0][0].andOr.first.commands[0].redirects[0].heredoc!;
    const h2 = cmds[1][0].andOr.first.commands[0].redirects[0].heredoc!;
    expect(h1).toEqual({ body: 'hello $X\n', expand: true });
    expect(h2).toEqual({ body: 'raw $X\n', expand: false });
    expect(show(sc(cmds[2][0].andOr.first.commands[0]).words[0])).toBe('echo');
  });
  it('<<- strips leading tabs, the delimiter line too', () => {
    const [[item]] = parseAll('cat <<-EOF\n\t\tindented\n\tEOF\n');
    expect(item.andOr.first.commands[0].redirects[0].heredoc!.body).toBe('indented\n');
  });
  it('two here-documents on one line are read in order', () => {
    const [[item]] = parseAll('cat <<A; cat <<B\na\nA\nb\nB\n'.replace('; cat <<B', ' && cat <<B'));
    expect(item.andOr.first.commands[0].redirects[0].heredoc!.body).toBe('a\n');
    expect(item.andOr.rest[0].pipeline.commands[0].redirects[0].heredoc!.body).toBe('b\n');
  });
  it('warns when the script ends before the delimiter', () => {
    const p = new Parser('cat <<EOF\nhello\n');
    const step = p.next();
    expect(step.kind === 'command' && step.warnings).toEqual([{ line: 2, text: "warning: here-document at line 1 delimited by end-of-file (wanted `EOF')" }]);
  });
  it('body expansion: \\$ is literal, $X expands', () => {
    expect(show(parseHeredocBody('a \\$X $Y\n'))).toBe('«a $X »«${Y}»«\n»');
  });
});

describe('syntax errors, worded as bash words them', () => {
  it('unexpected tokens with the offending line', () => {
    expect(syntaxError('echo a | | b\n')).toEqual({ message: "syntax error near unexpected token `|'", line: 1, context: '`echo a | | b\'' });
    expect(syntaxError('echo a ; ;\n').message).toBe("syntax error near unexpected token `;'");
    expect(syntaxError('echo a;; b\n').message).toBe("syntax error near unexpected token `;;'");
    expect(syntaxError('echo a &; b\n').message).toBe("syntax error near unexpected token `;'");
    expect(syntaxError('echo a >\n').message).toBe("syntax error near unexpected token `newline'");
    expect(syntaxError('echo a > >\n').message).toBe("syntax error near unexpected token `>'");
    expect(syntaxError('echo\n&& b\n')).toMatchObject({ line: 2, context: '`&& b\'' });
  });
  it('unexpected end of file', () => {
    expect(syntaxError('echo a |\n')).toEqual({ message: 'syntax error: unexpected end of file', line: 2, context: null });
    expect(syntaxError('echo a\necho b |\n\n\n').line).toBe(5);
  });
  it('unterminated quotes report the line where the quote opened', () => {
    expect(syntaxError('echo a\necho "x\ny\n')).toEqual({ message: 'unexpected EOF while looking for matching `"\'', line: 2, context: null });
    expect(syntaxError("echo 'x").message).toBe("unexpected EOF while looking for matching `''");
  });
});
