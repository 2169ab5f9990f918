// Goal: the shell features added for learners' scripts — `source`/`.`, functions, `case`,
// brace expansion, `[[ ]]`, backquotes, `read` — print what real bash 5.2 prints for the same
// script: output, error wording (including the malformed cases) and exit status.
// Method: as in bash-compat.test.ts, each snippet is run by `bash script.sh` in a temp dir
// (stdout and stderr into one pipe) and by the lab's shell on the scripted fake host with the
// same script name; outputs and statuses must be equal. Files a snippet needs it writes itself.
// Skips loudly when bash is absent (fails under CI=true).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeHost, runOnFake } from './support.ts';
import { TextInput, fromBytes, toBytes, type Input } from '../../src/shell/streams.ts';

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
if (!hasBash) {
  const msg = 'bash is not installed: the bash feature comparison tests are SKIPPED';
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n*** ${msg} ***\n`);
}

function realBash(script: string, stdin = ''): { output: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'lab-bash-'));
  try {
    writeFileSync(join(dir, 'script.sh'), script);
    const r = spawnSync('bash', ['-c', 'bash script.sh 2>&1'], { cwd: dir, encoding: 'utf8', input: stdin, env: { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' }, timeout: 20_000 });
    return { output: r.stdout, status: r.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Snippets by feature; a syntax error ends a script, so each malformed case is a script of its own. */
const FEATURE_CASES: Record<string, Record<string, string>> = {
  source: {
    'source and . with arguments, return and errors': `source; echo "s=$?"
. ; echo "s=$?"
source nosuch.sh; echo "s=$?"
printf 'echo in lib $# "$1" $0\\nnosuchcmd\\nreturn 3\\necho after\\n' > lib.sh
source lib.sh a b; echo "s=$?"
. ./lib.sh; echo "s=$?"
echo 'source lib2.sh' > lib1.sh; echo 'echo lib2 $1' > lib2.sh; source lib1.sh arg
echo 'X=from-lib; cd /' > setx.sh; . ./setx.sh; echo "$X $PWD"
return 4; echo "rs=$?"
`,
    'a sourced file with a syntax error returns 2 and the script goes on': `printf "echo a\\nif\\n" > l.sh; source l.sh; echo "s=$?"
mkdir -p d; source d; echo "s=$?"
echo after
`,
  },
  functions: {
    'definitions, arguments, return, local': `f() { echo "f: $# $1 $2 $@"; local y=1; return 5; }
f a "b c"; echo "s=$?"
function g { echo g; }; g
function h() { echo h; }; h
f2() { echo "$@"; echo "$*"; for a in "$@"; do echo "[$a]"; done; }; f2 1 "2 3" 4
cnt() { echo $#; }; cnt; cnt "$@"; cnt "" ""; set -- x "y z"; cnt "$@"; cnt $@; cnt "$*"
x=1; g2() { local x=2; h2; }; h2() { echo "h2 sees $x"; x=3; }; g2; echo "x=$x"
f3() { echo "X=$X"; }; X=1 f3; echo "X=\${X-unset}"
f4() { local y; echo "[\${y-unset}]"; local 1x=2; echo "s=$?"; }; f4
f5() { echo "\${10} $10 $0 $FUNCNAME"; }; f5 1 2 3 4 5 6 7 8 9 ten
fact() { if (( $1 <= 1 )); then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 5
up() { echo "up $1"; } > out.txt; up 1; up 2; cat out.txt
p() { echo piped; }; p | cat
1f() { echo digit; }; 1f; my-func() { echo dash; }; my-func
unset -f f; f; echo "s=$?"
function k
{
  nosuch
}
k
for i in 1 2; do b() { break; }; b; echo "i=$i"; done
r() { return abc; }; r; echo "s=$?"
h3() { false; return; }; h3; echo "s=$?"
local x; echo "ls=$?"
set -- a b; shift 5; echo "s=$? $#"; shift x; echo "s=$?"; shift; echo "$# $1"
'$x'() { echo q; }
echo end
`,
    'in substitutions, subshell bodies, with [[ ]] and case inside loops': `x=$(case a in a) echo yes;; esac); echo $x
y=\`case b in b) echo bq;; esac\`; echo $y
f() (echo subshell-body; exit 3); f; echo "s=$?"
function g() { echo "\${FUNCNAME}"; }; g
h() { [[ $1 == x ]]; }; h x && echo hx
for f in a b; do case $f in a) continue;; esac; echo "f=$f"; done
k() { return; }; false; k; echo "k=$?"
`,
    'a function defined in a sourced file names that file in its errors': `printf 'lf() {\\n  nosuch1\\n}\\n' > lib.sh
source lib.sh
lf
`,
    'syntax error: a function body that is not a compound command': `k() echo no
`,
    'syntax error: function without a name': `function
`,
    'syntax error: function at the end of the file': `function f
`,
    'syntax error: name( without )': `f( x
`,
  },
  case: {
    'patterns, alternatives, fall-through, status': `for w in start stop restart "a b" x.conf '*' ''; do
  case $w in
    start|restart) echo "go $w";;
    stop) echo halt ;;
    "a b") echo space;;
    *.conf) echo conf ;;
    \\*) echo star;;
    '') echo empty;;
  esac
done
case abc in a*) echo a-star;& b*) echo fell;; c*) echo no;; esac
case abc in a*) echo one;;& *c) echo two;;& x) echo three;; esac
case x in (x|y) echo paren;; esac
case x in esac; echo "s=$?"
case in in in) echo in;; esac
p='a*'; case abc in $p) echo var-pattern;; esac; case abc in "$p") echo no;; *) echo quoted-var;; esac
case 5 in [0-9]) echo digit;; esac; case b in [!a]) echo not-a;; esac; case ']' in []]) echo bracket;; esac; case '[' in [) echo lone;; esac
case Z in [[:upper:]]) echo upper;; esac
case x in
  # comment
  x)
    echo multi
    false
    ;;
esac; echo "s=$?"
case y in x) echo no;; esac; echo "none=$?"
case a in a) false; esac; echo "last=$?"
r=$(case q in q) echo sub;; esac); echo $r
case $UNSET in "") echo unset-empty;; esac
`,
    'syntax error: case at the end of a line': `case x in a) echo a;; esac; case
`,
    'syntax error: unterminated case': `case x in
a) echo a
`,
    'syntax error: missing in': `case x a) ;; esac
`,
    'syntax error: pattern without )': `case x in a echo; esac
`,
    'syntax error: a pattern and then the end of the file': `case x in a) echo a;; b)
`,
    'syntax error: a word after esac': `case x in x) ;; esac b
`,
    'syntax error: empty alternative': `case x in a|) echo;; esac
`,
    'syntax error: a lone esac': `esac
`,
    'syntax error: ;;; in a case': `case x in a) echo ;;; esac
`,
  },
  'brace expansion': {
    'syntax error: unterminated { group': `{ echo a
`,
    'syntax error: unterminated function body': `f() { echo a
`,
    'lists, sequences, nesting, what stays literal': `echo {1..3} {a,b}c {x} {} a{,}b {1..10..3} {c..a} {01..03} {a..c..2} {1..a} "{1,2}" \\{1,2} {a,b{1,2}} x{y,$USER_X}
echo {3..1} {-2..2} {-05..5..5} {Z..a} {a..b}{1..2} pre{A,B}post{,!}
for i in {1..3}; do echo "n$i"; done
echo {a,b,} {,a} {"a,b",c} '{a,b}' \${X:-{a,b}} {a\\,b,c} a{b}c{d,e}
X={a,b}; echo $X
echo {1..3
echo {1,2
echo }{a,b}{ {{a,b}}
touch f1 f2; echo f{1,2} f{1..3}*
`,
  },
  'backquotes': {
    'substitution, nesting, escapes, in double quotes and here-documents, line numbers': `echo \`echo hi\` "\`echo "in" q\`" \`echo \\\`echo nest\\\`\`
x=\`echo a b\`; echo "$x"
echo "\`echo \\$USER_X | wc -c\`" \`echo '\\$x'\`
cat <<EOF
heredoc \`echo bq\`
EOF
echo \`echo a; ;\`; echo next
echo "multi \`echo
two\`"
echo \`false\`; echo "s=$?"
echo
echo "multi \`echo
two\`"
echo \`echo

three\`
\`nosuch\`
`,
    'syntax error: unterminated backquote': `echo a
echo \`
`,
    'syntax error: unterminated backquote inside double quotes': `echo "a \`echo b
`,
  },
  '[[ ]]': {
    'operators, patterns, regular expressions, no splitting': `[[ a == a ]] && echo y; [[ -z "" && -n x ]] && echo zn; [[ abc == a* ]] && echo glob; [[ abc == "a*" ]] || echo quoted; [[ 10 -gt 9 ]] && echo gt; [[ a =~ ^[a-c]+$ ]] && echo re; [[ ! -f nosuch || 1 -eq 2 ]] && echo or; [[ ( a == b ) || x != y ]] && echo paren; x="a b"; [[ $x == "a b" ]] && echo nosplit; [[ a < b ]] && echo lt
[[ 1 -lt 2 && ( 3 -gt 4 || a != b ) ]] && echo mix
[[ a =~ (a|b)c? ]] && echo re2; [[ ab =~ "a"b ]] && echo re3; [[ a.c =~ "." ]] || echo re4; [[ abc =~ b(c) ]] && echo "\${BASH_REMATCH[0]} \${BASH_REMATCH[1]}"
[[ -e nosuch ]]; echo $?; [[ -d . && -n "$HOME" ]]; echo $?
[[ 08 -eq 8 ]]; echo $?
x=; [[ -z $x ]] && echo z; [[ $x = "" ]] && echo eq
[[ a > b ]]; echo $?; [[ 10 < 9 ]]; echo $?
[[ a = a ]] 2>/dev/null > f; echo $?
[[ a ]] && echo nonempty; [[ "" ]] || echo empty
[[ x -eq 1 ]]; echo $?; [[ 1 -eq x+1 ]]; echo $?; n=5; [[ n -gt 4 ]] && echo arith
[[ 12 =~ ^[[:digit:]]+$ ]] && echo digits
touch f; [[ -f f && -s f ]] || echo "not -s"
v=role:master; [[ $v == role:* ]] && echo role
[[ -v HOME ]] && echo hasvar; [[ -v NOPE ]] || echo novar
pat='a*'; [[ abc == $pat ]] && echo varpat; [[ abc == "$pat" ]] || echo qvarpat
`,
    'malformed or edge: [[ a -eq 1': `[[ a -eq 1
`,
    'malformed or edge: [[ ( a ]]': `[[ ( a ]]
`,
    'malformed or edge: [[ a == b c ]]': `[[ a == b c ]]
`,
    'malformed or edge: [[ -z ]]': `[[ -z ]]
`,
    'malformed or edge: [[ ! ]]': `[[ ! ]]
`,
    'malformed or edge: [[ a -xx b ]]': `[[ a -xx b ]]
`,
    'malformed or edge: [[ -q a ]]': `[[ -q a ]]
`,
    'malformed or edge: [[ a == b': `[[ a == b
`,
    'malformed or edge: [[ a && b ]]x': `[[ a && b ]]x
`,
    'malformed or edge: [[ a ]] b': `[[ a ]] b
`,
    'malformed or edge: [[ a == b ]]; [[ a': `[[ a == b ]]; [[ a
`,
    'malformed or edge: [[ a || ]]': `[[ a || ]]
`,
    'malformed or edge: [[ ( ]]': `[[ ( ]]
`,
    'malformed or edge: [[ ) ]]': `[[ ) ]]
`,
    'malformed or edge: [[ a ) ]]': `[[ a ) ]]
`,
    'malformed or edge: [[ a': `[[ a
== a ]] && echo nl
`,
    'malformed or edge: [[ $x == ]]': `[[ $x == ]]
`,
    'malformed or edge: [[ 1 -eq ]]': `[[ 1 -eq ]]
echo after
`,
    'malformed or edge: [[ ]]': `[[ ]]
echo after
`,
    'malformed or edge: echo a; [[ a && ]]; echo b': `echo a; [[ a && ]]; echo b
echo after
`,
    'malformed or edge: false': `false
[[ a b ]] || echo x
echo after
`,
    'malformed or edge: [[ -f ]]': `[[ -f ]]
echo after
`,
    'malformed or edge: ]]': `]]
`,
    'malformed or edge: [[ a ; ]]': `[[ a ; ]]
`,
    'malformed or edge: [[ a == b ]] > out; cat out; echo $?': `[[ a == b ]] > out; cat out; echo $?
`,
    'malformed or edge: if [[ -n "$HOME" ]]; then echo home; fi': `if [[ -n "$HOME" ]]; then echo home; fi
`,
    'malformed or edge: [[ a =~ [ ]]; echo $?': `[[ a =~ [ ]]; echo $?
`,
    'malformed or edge: f() [[ a == a ]]; f && echo fcond': `f() [[ a == a ]]; f && echo fcond
`,
  },
  read: {
    'timeouts (-t), -u 0, -N': `read -t x v; echo "s=$?"
read -u 3 v; echo "s=$?"
read -u 0 v < /dev/null; echo "s=$?"
(sleep 0.3; echo late) | { read -t 0.1 v; echo "s=$? [$v]"; read w; echo "w=$w"; }
printf 'ab' | { read -t 1 v; echo "s=$? [$v]"; }
echo abc | { read -N 2 v; echo "[$v]"; }
printf 'a\\nb\\n' | { read -N 3 v; echo "[$v]"; }
`,
    'from pipes, here-documents, files: splitting, -r, IFS, REPLY, -a, -n, -d, errors': `printf 'a b c\\n  lead  trail  \\nx\\\\ y z\\\\\\ncont\\nlast' | while read -r f1 rest; do echo "[$f1][$rest]"; done
printf 'a b c\\n  lead  trail  \\nx\\\\ y z\\\\\\ncont\\nlast' | while read f1 rest; do echo "[$f1][$rest]"; done
printf 'one\\ntwo\\n' | { read l1; read l2; read l3; echo "s=$? [$l1][$l2][$l3]"; }
printf 'k:v:w\\n' | { IFS=: read a b; echo "[$a][$b]"; }
printf '  spaced  \\n' | { IFS= read -r line; echo "[$line]"; }
printf 'x y\\n' | { read; echo "[$REPLY]"; }
echo hi | { read -p "prompt: " v; echo "[$v]"; }
read 1x < /dev/null; echo "s=$?"
read -p; echo "s=$?"
read -q v; echo "s=$?"
read v < /dev/null; echo "s=$? [$v]"
printf 'a,b,,c\\n' | { IFS=, read -r p q r s; echo "[$p][$q][$r][$s]"; }
printf 'a b c d\\n' | { read -a arr; echo "\${arr[0]} \${arr[2]}"; }
printf 'abcdef' | { read -n 3 v; echo "[$v] $?"; }
printf 'a;b;c' | { read -d ';' v; echo "[$v] $?"; }
while read -r line; do echo "got $line"; done <<EOF
first
second
EOF
printf 'one\\ntwo\\nthree\\n' | { read -r x; cat; }
n=0; printf '1\\n2\\n3\\n' | while read v; do n=$((n+v)); done; echo "n=$n"
`,
  },
  'text programs': {
    'sed: commands, addresses, options, -i, and GNU sed errors': `printf 'foo\\nbar\\n\\nbaz aab\\nlast' > in.txt
echo '== sed -n /a/,/b/p'
sed -n '/a/,/b/p' < in.txt; echo "[s=$?]"
echo '== sed 2q'
sed '2q' < in.txt; echo "[s=$?]"
echo '== sed 2Q'
sed '2Q' < in.txt; echo "[s=$?]"
echo '== sed -n $='
sed -n '$=' < in.txt; echo "[s=$?]"
echo '== sed 1d;$d'
sed '1d;$d' < in.txt; echo "[s=$?]"
echo '== sed s/o/0/2'
sed 's/o/0/2' < in.txt; echo "[s=$?]"
echo '== sed s/x/&&/g'
sed 's/x/&&/g' < in.txt; echo "[s=$?]"
echo '== sed -E s/(a+)(b)/\\2\\1/'
sed -E 's/(a+)(b)/\\2\\1/' < in.txt; echo "[s=$?]"
echo '== sed s|/|_|g'
sed 's|/|_|g' < in.txt; echo "[s=$?]"
echo '== sed 2!d'
sed '2!d' < in.txt; echo "[s=$?]"
echo '== sed y/abc/xyz/'
sed 'y/abc/xyz/' < in.txt; echo "[s=$?]"
echo '== sed 1i\\head'
sed '1i\\
head' < in.txt; echo "[s=$?]"
echo '== sed $a tail'
sed '$a tail' < in.txt; echo "[s=$?]"
echo '== sed 2c changed'
sed '2c changed' < in.txt; echo "[s=$?]"
echo '== sed -n p;p'
sed -n 'p;p' < in.txt; echo "[s=$?]"
echo '== sed /^$/d'
sed '/^$/d' < in.txt; echo "[s=$?]"
echo '== sed = '
sed =  < in.txt; echo "[s=$?]"
echo '== sed -n 2{p;p}'
sed -n '2{p;p}' < in.txt; echo "[s=$?]"
echo '== sed s/a/b/ ; p'
sed 's/a/b/ ; p' < in.txt; echo "[s=$?]"
echo '== sed p x'
sed 'p x' < in.txt; echo "[s=$?]"
echo '== sed s/a/b/gg'
sed 's/a/b/gg' < in.txt; echo "[s=$?]"
echo '== sed s/a/b/0'
sed 's/a/b/0' < in.txt; echo "[s=$?]"
echo '== sed n;d'
sed 'n;d' < in.txt; echo "[s=$?]"
echo '== sed /a/I d'
sed '/a/I d' < in.txt; echo "[s=$?]"
echo '== sed -e s/a/A/ -e s/b/B/'
sed -e 's/a/A/' -e 's/b/B/' < in.txt; echo "[s=$?]"
echo '== sed -e k'
sed -e 'k' < in.txt; echo "[s=$?]"
echo '== sed -e p -e k'
sed -e p -e 'k' < in.txt; echo "[s=$?]"
echo '== sed s/\\(o\\)\\(.\\)/[\\2\\1]/'
sed 's/\\(o\\)\\(.\\)/[\\2\\1]/' < in.txt; echo "[s=$?]"
echo '== sed s/a/\\n/'
sed 's/a/\\n/' < in.txt; echo "[s=$?]"
echo '== sed s/o\\+/O/'
sed 's/o\\+/O/' < in.txt; echo "[s=$?]"
echo '== sed 0p'
sed '0p' < in.txt; echo "[s=$?]"
echo '== sed 2,1p -n'
sed '2,1p' -n < in.txt; echo "[s=$?]"
echo '== sed -n /o/{=;p}'
sed -n '/o/{=;p}' < in.txt; echo "[s=$?]"
echo '== sed k'
sed 'k' < in.txt; echo "[s=$?]"
echo '== sed s/a/b'
sed 's/a/b' < in.txt; echo "[s=$?]"
echo '== sed s/a/b/q'
sed 's/a/b/q' < in.txt; echo "[s=$?]"
echo '== sed /a'
sed '/a' < in.txt; echo "[s=$?]"
echo '== sed s/\\(/x/'
sed 's/\\(/x/' < in.txt; echo "[s=$?]"
echo '== sed 3,'
sed '3,' < in.txt; echo "[s=$?]"
echo '== sed y/ab/c/'
sed 'y/ab/c/' < in.txt; echo "[s=$?]"
echo '== sed }'
sed '}' < in.txt; echo "[s=$?]"
echo '== sed {p'
sed '{p' < in.txt; echo "[s=$?]"
echo '== sed s/a/\\1/'
sed 's/a/\\1/' < in.txt; echo "[s=$?]"
echo '== sed -n 2,$p'
sed -n '2,$p' < in.txt; echo "[s=$?]"
echo '== sed -n /^b/,+1p'
sed -n '/^b/,+1p' < in.txt; echo "[s=$?]"
echo '== sed 1~2d'
sed '1~2d' < in.txt; echo "[s=$?]"
echo '== sed s/a/A/g;s/[[:space:]]/_/g'
sed 's/a/A/g;s/[[:space:]]/_/g' < in.txt; echo "[s=$?]"
echo '== sed -n \\,foo,p'
sed -n '\\,foo,p' < in.txt; echo "[s=$?]"
echo '== sed p nosuch in.txt'
sed 'p' nosuch in.txt < in.txt; echo "[s=$?]"
echo '== sed -x p'
sed -x p < in.txt; echo "[s=$?]"
echo '== sed'
sed < in.txt; echo "[s=$?]"
printf 'port 6379\\nbind 1.2.3.4\\n' > r.conf; sed -i 's/^port .*/port 6380/' r.conf; cat r.conf
`,
    'sort, uniq, cut, tr, seq: options and GNU coreutils errors': `printf '10 b\\n9 a\\n10 a\\nx\\n-1 z\\n\\n2.5 q\\n' > in.txt
echo '== sort in.txt'
sort in.txt; echo "[s=$?]"
echo '== sort -n in.txt'
sort -n in.txt; echo "[s=$?]"
echo '== sort -rn in.txt'
sort -rn in.txt; echo "[s=$?]"
echo '== sort -u in.txt'
sort -u in.txt; echo "[s=$?]"
echo '== sort -nu in.txt'
sort -nu in.txt; echo "[s=$?]"
echo '== sort -t" " -k2 in.txt'
sort -t" " -k2 in.txt; echo "[s=$?]"
echo '== sort -k2,2 -n in.txt'
sort -k2,2 -n in.txt; echo "[s=$?]"
echo '== sort -r in.txt'
sort -r in.txt; echo "[s=$?]"
echo '== cut -d" " -f2 in.txt'
cut -d" " -f2 in.txt; echo "[s=$?]"
echo '== cut -c1-2 in.txt'
cut -c1-2 in.txt; echo "[s=$?]"
echo '== cut -d" " -f1,2- in.txt'
cut -d" " -f1,2- in.txt; echo "[s=$?]"
echo '== cut -d: -f2 in.txt'
cut -d: -f2 in.txt; echo "[s=$?]"
echo '== cut -s -d" " -f2 in.txt'
cut -s -d" " -f2 in.txt; echo "[s=$?]"
echo '== tr a-z A-Z < in.txt'
tr a-z A-Z < in.txt; echo "[s=$?]"
echo '== tr -d " \\n" < in.txt'
tr -d " \\n" < in.txt; echo "[s=$?]"
echo '== tr -s "0" < in.txt'
tr -s "0" < in.txt; echo "[s=$?]"
echo '== tr "[:lower:]" "[:upper:]" < in.txt'
tr "[:lower:]" "[:upper:]" < in.txt; echo "[s=$?]"
echo '== tr ab x < in.txt'
tr ab x < in.txt; echo "[s=$?]"
echo '== seq 3'
seq 3; echo "[s=$?]"
echo '== seq 2 4'
seq 2 4; echo "[s=$?]"
echo '== seq 5 -2 1'
seq 5 -2 1; echo "[s=$?]"
echo '== seq -w 8 10'
seq -w 8 10; echo "[s=$?]"
echo '== seq -s, 3'
seq -s, 3; echo "[s=$?]"
echo '== seq 0.5 1.5'
seq 0.5 1.5; echo "[s=$?]"
echo '== seq 3 1'
seq 3 1; echo "[s=$?]"
echo '== sort -k 0 in.txt'
sort -k 0 in.txt; echo "[s=$?]"
echo '== cut -f2- -d" " --complement in.txt'
cut -f2- -d" " --complement in.txt; echo "[s=$?]"
echo '== seq 1 0.5 2'
seq 1 0.5 2; echo "[s=$?]"
echo '== seq -f %03g 2'
seq -f %03g 2; echo "[s=$?]"
echo '== cut -c 3 in.txt'
cut -c 3 in.txt; echo "[s=$?]"
echo '== cut -f1 in.txt'
cut -f1 in.txt; echo "[s=$?]"
echo '== tr -c a-z _ < in.txt'
tr -c a-z _ < in.txt; echo "[s=$?]"
echo '== sort nosuch'
sort nosuch; echo "[s=$?]"
echo '== sort -x'
sort -x; echo "[s=$?]"
echo '== sort -k'
sort -k; echo "[s=$?]"
echo '== cut'
cut; echo "[s=$?]"
echo '== cut -f'
cut -f; echo "[s=$?]"
echo '== cut -d'
cut -d; echo "[s=$?]"
echo '== cut -d ab -f1'
cut -d ab -f1; echo "[s=$?]"
echo '== cut -f 0'
cut -f 0; echo "[s=$?]"
echo '== cut -f a'
cut -f a; echo "[s=$?]"
echo '== cut -c1 -f1'
cut -c1 -f1; echo "[s=$?]"
echo '== cut -f1 nosuch'
cut -f1 nosuch; echo "[s=$?]"
echo '== cut -b1 in.txt'
cut -b1 in.txt; echo "[s=$?]"
echo '== tr'
tr; echo "[s=$?]"
echo '== tr a'
tr a; echo "[s=$?]"
echo '== tr -x a b'
tr -x a b; echo "[s=$?]"
echo '== tr a b c'
tr a b c; echo "[s=$?]"
echo '== seq'
seq; echo "[s=$?]"
echo '== seq a'
seq a; echo "[s=$?]"
echo '== seq 1 2 3 4'
seq 1 2 3 4; echo "[s=$?]"
echo '== seq 0 0 1'
seq 0 0 1; echo "[s=$?]"
echo '== seq -x'
seq -x; echo "[s=$?]"
echo '== tr -d a b'
tr -d a b; echo "[s=$?]"
echo '== tr z-a x'
tr z-a x; echo "[s=$?]"
echo '== sort -t ab in.txt'
sort -t ab in.txt; echo "[s=$?]"
echo '== cut -f 3-1'
cut -f 3-1; echo "[s=$?]"
echo '== seq 10 | sort -n | tail -2'
seq 10 | sort -n | tail -2; echo "[s=$?]"
echo '== printf "b\\na\\nb\\n" | sort | uniq 2>/dev/null; echo'
printf "b\\na\\nb\\n" | sort | uniq 2>/dev/null; echo; echo "[s=$?]"
echo '== printf "x:1\\ny:2\\n" | cut -d: -f2 | tr "\\n" +; echo'
printf "x:1\\ny:2\\n" | cut -d: -f2 | tr "\\n" +; echo; echo "[s=$?]"
printf "a\\na\\nb\\nc\\nc\\nc\\n" > u.txt; uniq -c u.txt; uniq -d u.txt; uniq -u u.txt; uniq -x; uniq nosuch; echo $?; sort u.txt | uniq -c | sort -rn
`,
  },
  'parameter expansion': {
    'case modification': `X=hello; Y=WORLD; echo \${X^} \${X^^} \${Y,} \${Y,,} "\${UNSET^^}"
echo \${X,}
`,
    'syntax error: unterminated ${': `echo \${X
`,
    'prefix and suffix removal, replacement': `v=role:master; echo \${v#*:} \${v##*a} \${v%:*} \${v%%a*} "\${v#role}" \${v#nomatch}
p=/a/b/c.conf; echo \${p##*/} \${p%/*} \${p%.conf}.bak \${p#/}
echo \${v/master/primary} \${v//a/A} \${v/#role/R} "\${v/:/ = }" \${v//[aeiou]/} \${v/x/y} \${v/a}
set -- one two; echo \${1#o} \${@%e}
line="port 6379"; echo "\${line#port }"; k=\${line%% *}; echo "[$k]"
X='a*'; echo \${v#$X} \${v#"$X"}
echo \${v/%ter/TER} \${v/#/pre-}
`,
  },
  'set -e, -u and pipefail': {
    'set -u: set -u; echo "${X:-d}" ${X-e}; echo $X; echo no': `set -u; echo "\${X:-d}" \${X-e}; echo $X; echo no
`,
    'set -u: set -u; echo $1': `set -u; echo $1
`,
    'set -u: set -u; echo "$@" "$*" $#; f() { echo ${#Y}; }; f; echo no': `set -u; echo "$@" "$*" $#; f() { echo \${#Y}; }; f; echo no
`,
    'set -u: set -u; ( echo $Z ); echo "sub $?"; v=$(echo $W); echo "cs $?"': `set -u; ( echo $Z ); echo "sub $?"; v=$(echo $W); echo "cs $?"
`,
    'set -u: set -euo pipefail; echo ok; echo $Q': `set -euo pipefail; echo ok; echo $Q
`,
    'set -u: set -u; for i in $NOPE; do :; done; echo no': `set -u; for i in $NOPE; do :; done; echo no
`,
    'set -u: set -u; X=1; unset X; echo ${X#a}': `set -u; X=1; unset X; echo \${X#a}
`,
    'set -u: set -u; set +u; echo "[$U]"; set -o nounset; echo "[$U]"': `set -u; set +u; echo "[$U]"; set -o nounset; echo "[$U]"
`,
    'set: set -e; false; echo no': `set -e; false; echo no
`,
    'set: set -e; false || echo ok; false && echo x; echo after': `set -e; false || echo ok; false && echo x; echo after
`,
    'set: set -e; if false; then :; fi; ! true; echo bang; f() { false; echo inf': `set -e; if false; then :; fi; ! true; echo bang; f() { false; echo inf; }; f || echo ff; f; echo end
`,
    'set: set -e; x=$(false); echo "x $?"': `set -e; x=$(false); echo "x $?"
`,
    'set: set -e; ( exit 3 ); echo no': `set -e; ( exit 3 ); echo no
`,
    'set: set -e; false | true; echo pipe; set -o pipefail; false | true; echo n': `set -e; false | true; echo pipe; set -o pipefail; false | true; echo no
`,
    'set: set -e; while false; do :; done; echo w; { false; }; echo no': `set -e; while false; do :; done; echo w; { false; }; echo no
`,
    'set: set -eo pipefail; true | false; echo no': `set -eo pipefail; true | false; echo no
`,
    'set: set -q': `set -q
`,
    'set: set -o nosuch': `set -o nosuch
`,
    'set: set +e; false; echo yes': `set +e; false; echo yes
`,
    'set: set -e; cd /nonexistent; echo no': `set -e; cd /nonexistent; echo no
`,
    'set: set -e; for i in 1; do false; done; echo no': `set -e; for i in 1; do false; done; echo no
`,
    'set: set -e; until true; do :; done; [[ a == b ]] || echo c; [[ a == b ]]; ': `set -e; until true; do :; done; [[ a == b ]] || echo c; [[ a == b ]]; echo no
`,
    'set: set -o pipefail; false | true; echo "s=$?"; true | false | true; echo ': `set -o pipefail; false | true; echo "s=$?"; true | false | true; echo "s=$?"; set +o pipefail; false | true; echo "s=$?"
`,
    'set: set -e': `set -e
echo one
false
echo two
`,
  },
};

describe.skipIf(!hasBash)('the lab shell features match real bash', () => {
  for (const [feature, cases] of Object.entries(FEATURE_CASES)) {
    describe(feature, () => {
      for (const [name, script] of Object.entries(cases)) {
        it(name, async () => {
          const real = realBash(script);
          const host = new FakeHost();
          const lab = await runOnFake(host, toBytes(script), { scriptName: 'script.sh', tty: false });
          expect(fromBytes(lab.output)).toBe(real.output);
          expect(lab.status).toBe(real.status);
        });
      }
    });
  }
});

describe('read from a terminal', () => {
  it('asks the line editor, with the prompt, and splits what was typed', async () => {
    const prompts: string[] = [];
    const stdin: Input = {
      isTty: true,
      read: async () => null,
      close: () => {},
      readLine: async (req) => {
        prompts.push(req.prompt);
        return 'replica  6380 extra';
      },
      async *[Symbol.asyncIterator]() {},
    };
    const lab = await runOnFake(new FakeHost(), 'read -p "port? " role port; echo "[$role][$port]"; read -r; echo "[$REPLY]"\n', { stdin, tty: true });
    expect(prompts).toEqual(['port? ', '']);
    expect(lab.output).toBe('[replica][6380 extra]\n[replica  6380 extra]\n');
  });

  it('prints the prompt itself on a terminal without a line editor; not at all from a pipe', async () => {
    const stdin = new TextInput('typed\n');
    const tty: Input = Object.assign(Object.create(stdin) as Input, { isTty: true, read: () => stdin.read(), close: () => stdin.close() });
    const lab = await runOnFake(new FakeHost(), 'read -p "name: " n; echo "[$n]"; echo x | { read -p "no prompt: " m; echo "[$m]"; }\n', { stdin: tty, tty: true });
    expect(lab.output).toBe('name: [typed]\n[x]\n');
  });
});

describe('in an interactive shell', () => {
  // Recorded from `bash -i` (5.2.15): messages carry `bash: `, also for a sourced file's commands.
  it('source reports with the bash: prefix', async () => {
    const script = `printf "nosuch3\\n" > l3.sh\nsource l3.sh\nsource nope\nsource\n`;
    const lab = await runOnFake(new FakeHost(), script, { scriptName: null, tty: false });
    expect(lab.output).toBe('bash: nosuch3: command not found\nbash: nope: No such file or directory\nbash: source: filename argument required\nsource: usage: source filename [arguments]\n');
  });
});
