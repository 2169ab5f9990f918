// Goal: the lab's shell prints what real bash (and GNU coreutils/grep) print for the same script —
// output, error wording and exit status — for builtins, quoting, expansions, redirections,
// here-documents, pipelines, jobs and syntax errors.
// Method: each snippet is written to a temp dir as script.sh and run with `bash script.sh`
// (stdout and stderr into one pipe, as a terminal would interleave them), then run by the lab's
// shell (on the scripted fake host: these scripts need no Redis) with the same script name and a
// non-terminal stdout; outputs and statuses must be equal.
// Skips loudly when bash is absent (fails under CI=true).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeHost, runOnFake } from './support.ts';
import { fromBytes, toBytes } from '../../src/shell/streams.ts';

const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
if (!hasBash) {
  const msg = 'bash is not installed: the bash comparison tests are SKIPPED';
  if (process.env.CI === 'true') throw new Error(msg);
  console.warn(`\n*** ${msg} ***\n`);
}

function realBash(script: string): { output: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'lab-bash-'));
  try {
    writeFileSync(join(dir, 'script.sh'), script);
    const r = spawnSync('bash', ['-c', 'bash script.sh 2>&1'], { cwd: dir, encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' }, timeout: 20_000 });
    return { output: r.stdout, status: r.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const CASES: Record<string, string> = {
  'echo and quoting': `echo "a  b" 'c  d' e\\ f
echo -n abc; echo
echo -e 'a\\tb\\nc' -E 'x\\ty'
echo 'a\\tb' "\\$HOME-literal" "q\\"uote"
echo -ne 'no newline'; echo
echo "tab	inside"
echo ''  ""  x
`,
  'variables and special parameters': `X=hello
echo $X \${X} "$X" '$X' "\${X}world" $Xworld.
Y=1 Z=2; echo $Y$Z
echo "\${UNSET:-default}" "\${X:+set}" "\${#X}"
V="a   b"; echo $V; echo "$V"
false; echo $?; true; echo $?
echo $$ | grep -c '^[0-9][0-9]*$'
A=1; A=$A$A; echo $A
`,
  'and-or lists': `true && echo yes || echo no
false && echo yes || echo no
false || false || echo third
true && false && echo never; echo "status $?"
! true; echo $?
! false; echo $?
`,
  'printf': `printf '%s-%d\\n' x 5 y 6
printf 'no newline'; echo
printf '%5s|%-5s|%05d\\n' ab cd 42
printf '%x %o %X %c\\n' 255 8 255 hello
printf 'percent %% done\\n'
printf '%s\\n'
printf '%d\\n' abc
`,
  'here-documents': `X=hello
cat <<EOF
plain $X \\$X \${X}!
EOF
cat <<'EOF'
literal $X
EOF
cat <<-EOF
	tabbed $X
		twice
	EOF
cat <<EOF | grep two
one
two
EOF
cat > f.txt <<EOF
line1
line2
EOF
cat f.txt
`,
  'redirections': `echo hi > f1; echo ho >> f1; cat f1
wc -l < f1
echo err 1>&2 2>/dev/null
ls nosuch 2>/dev/null; echo "ls status $?"
ls nosuch > o 2>&1; cat o
cat f1 nosuch &> o2; cat o2
echo x > /nonexistent/dir/f
cat < nosuch
echo "after"
echo to-null > /dev/null
mkdir d; echo x > d
`,
  'pipelines': `printf 'a\\nb\\nc\\n' | grep -v b | wc -l
echo one | cat | cat
printf '3\\n1\\n2\\n' | head -n 2
printf '1\\n2\\n3\\n4\\n' | tail -n 2
printf '1\\n2\\n3\\n4\\n' | tail -n +3
printf '1\\n2\\n3\\n' | head -1
false | true; echo $?
true | false; echo $?
`,
  'grep': `printf 'apple\\nBanana\\ncherry\\napple pie\\n' > fruits
grep apple fruits; echo "s=$?"
grep -c apple fruits
grep -v apple fruits
grep -i banana fruits
grep -E 'ch(e|a)rry|pie' fruits
grep 'a\\(pp\\)le' fruits
grep -c kiwi fruits; echo "s=$?"
grep kiwi fruits; echo "s=$?"
grep apple nosuch; echo "s=$?"
grep apple fruits nosuch; echo "s=$?"
grep; echo "s=$?"
grep -n pie fruits
grep -q apple fruits; echo "q=$?"
`,
  'files': `touch a; ls
mkdir dir; mkdir dir; echo "s=$?"
mkdir -p dir/sub/deep; ls dir
cp a b; mv b c; ls
cp nosuch x; echo "s=$?"
mv nosuch x; echo "s=$?"
rm nosuch; echo "s=$?"
rm -f nosuch; echo "s=$?"
rm dir; echo "s=$?"
rm -r dir; ls
cat nosuch; echo "s=$?"
touch x/y/z
ls nosuch; echo "s=$?"
head -n x a; echo "s=$?"
tail -n 2 nosuch; echo "s=$?"
wc -l nosuch; echo "s=$?"
cp a; echo "s=$?"
cp; echo "s=$?"
echo 'data here' > w; wc w; wc -l w w; wc -c < w
`,
  'builtins and their errors': `cd nosuch; echo "s=$?"
kill 999999; echo "s=$?"
kill; echo "s=$?"
kill -FOO 1; echo "s=$?"
kill abc; echo "s=$?"
wait 12345; echo "s=$?"
sleep; echo "s=$?"
sleep abc; echo "s=$?"
export BAD-NAME=1; echo "s=$?"
cd ""; echo "s=$?"
mkdir sub; cd sub; touch here; cd ..; ls sub
`,
  'unknown commands': `echo one
foo
echo two
nosuchprogram arg1 arg2; echo "s=$?"
./nosuch.sh; echo "s=$?"
echo three
`,
  'jobs and wait': `sleep 0.2 &
P=$!
echo "$P" | grep -c '^[0-9]*$'
wait $P; echo "wait=$?"
sleep 0.1 & sleep 0.1 &
wait; echo "all=$?"
false &
wait $!; echo "bg=$?"
`,
  'job table: jobs, kill %N, wait %N': `sleep 0.3 &
sleep 0.3 | cat &
jobs
kill %1
wait %1; echo "w=$?"
jobs
wait
`,
  'background jobs killed by SIGKILL are reported after the next waited command': `sleep 5 &
P=$!
kill -9 $P
echo a
sleep 0.2
echo b
sleep 5 &
kill -9 $!
wait $!; echo "k=$?"
sleep 5 &
kill $!
sleep 0.1
echo "TERM is not reported"
`,
  'exit status of the script': `echo before
exit 3
echo after
`,
  'exit with a bad argument': `exit foo
echo after
`,
  'syntax error in a later line': `echo one
echo two
echo a | | b
echo never
`,
  'syntax error: unexpected token': `echo a ; ;
`,
  'syntax error: redirection without a file': `echo start
echo a >
`,
  'syntax error: unterminated quote': `echo one
echo "unterminated
echo two
`,
  'syntax error: pipe at end of file': `echo a |
`,
  'here-document without its delimiter': `cat <<EOF
hello
`,
  'bad substitution': `echo \${X!}
echo after
`,
  'comments and line continuations': `# a comment
echo visible # trailing comment
echo a\\
b
echo "#not a comment" '#nor this' x#y
`,
  'globbing': `touch r1.conf r2.conf other.txt
echo *.conf
echo "*.conf"
echo nomatch*
rm r*.conf; ls
`,
  'command substitution': `X=$(echo hi there)
echo "[$X]"
echo $(printf 'a\\nb\\n')
N=$(printf '1\\n2\\n3\\n' | wc -l); echo "n=$N"
`,
  'if, elif, else': `x=1; if [ $x = 1 ]; then echo one; elif false; then echo two; else echo three; fi
if false; then echo a; elif true; then echo b; fi
if false; then echo a; elif false; then echo b; else echo c; fi
if false; then :; fi; echo "none $?"
if ! false; then echo negated; fi
if true
then
  echo multi-line
fi > out; cat out
if grep -q pie nosuch 2>/dev/null; then echo found; else echo "missing $?"; fi
`,
  'for loops': `for i in 1 2 3; do echo $i; done
for i in 1 2
do
  echo "line $i"
done
for i in; do echo never; done; echo "empty $?"
for i; do echo never; done
for w in a "b c" $(echo d e); do echo "[$w]"; done
for i in a b; { echo "brace $i"; }
for i in 1 2 3; do echo $i; done | grep 2
for i in 1 2; do echo $i; done > f; cat f
for 1 in a; do echo; done; echo "bad name $?"
`,
  'while and until loops': `i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done
i=0; until [ $i -ge 2 ]; do echo "u$i"; i=$((i+1)); done
while false; do :; done; echo "while $?"
x=5; while ((x > 2)); do echo $x; ((x--)); done
while true; do echo y; done | head -3
`,
  'break and continue': `for i in 1 2 3; do for j in a b; do if [ $j = b ]; then continue 2; fi; echo $i$j; done; done
for i in 1 2 3; do echo $i; break; done; echo "after break $?"
for i in 1 2; do for j in 1 2; do echo $i$j; break 5; done; done
for i in 1; do break 0; echo never; done; echo "s=$?"
for i in 1 2; do continue 0; echo never; done; echo "s=$?"
break; continue 2; echo "outside $?"
for i in 1; do break 1 2; done
echo never
`,
  'groups and subshells': `{ echo a; echo b; } > f; cat f
{ echo g; echo h; } | wc -l
x=1; (x=2; echo "in $x"); echo "out $x"
(cd /; pwd); pwd | grep -c /
(exit 3); echo "sub $?"
(echo a) >x; cat x
{ (echo nested) }
for i in 1; do if true; then echo a; fi done
x=$(for i in 1 2 3; do echo $i; done); echo $x
x=$(false); echo "comsub status $?"
`,
  'arithmetic expansion': `echo $(( 3 + 2 * 4 )) $((2**10)) $((-7/2)) $((-7%2)) $((1<<63)) $((9223372036854775807+1))
a=5; echo $((a++)) $((a)) $((++a)) $((a+=2)) $a $((a<<=1)) $((a?1:2)) $((a,3)) $(( -a )) $((!a)) $((~a))
a="1+2"; echo $((a*2)) $(($a*2))
echo $((-2**2)) $((2**63)) $((7%-3)) $((010)) $((0x1F)) $((16#ff)) $((36#z)) $((64#_)) $((64#@))
echo $(( 5 / 2 )) $(( 5 % 3 )) $(( 2 << 3 )) $(( 256 >> 4 )) $(( 6 & 3 )) $(( 6 | 3 )) $(( 6 ^ 3 ))
echo $((x)) $((y+1)) $((a=b=c=5)) $a $b $c "$(( 1 + 1 ))" $(( "1" + 2 ))
i=5; echo $((i--)) $i $((--i)) $i
echo $(( 9223372036854775807 * 2 )) $(( -9223372036854775808 / -1 )) $(( -9223372036854775808 % -1 ))
echo $((3 ** 40)) $((7 ** 0)) $((1 << 64)) $((1 << -1)) $((-8 >> 1))
((0)); echo "s=$?"; ((2)); echo "s=$?"; (( n = 3 )); echo $n
for ((i = 0; i < 3; i++)); do echo "c$i"; done
`,
  'arithmetic errors': `echo $((1/0)); echo never
echo "status $?"
echo $((1 / 0 + 2))
echo $((2+))
echo $((08+1))
echo $((3=4))
echo $((1 ? 2))
echo $((a b))
echo $((2**-1))
echo $((1 @ 2))
b=b; echo $((b))
echo $(( '1' + 2 ))
((1/0)); echo "cmd $?"
x=$(echo $((1/0)); echo b); echo "[$x] $?"
( echo $((1/0)); echo b ); echo "sub $?"
echo $((1/0)) | cat; echo "pipe $?"
echo last
`,
  'test and [': `[ 1 -eq 1; echo $?
[ abc -eq 1 ]; echo $?
[ 1 -eq ]; echo $?
[ a b c ]; echo $?
[ -z ]; echo $?
[ ]; echo $?
[ a = b c ]; echo $?
[ 1 -lt 2 -a 3 -gt 2 ]; echo $?
[ \\( a \\) ]; echo $?
[ 1 = 1 -a ]; echo $?
[ b \\> a ]; echo $?
[ ! a b ]; echo $?
touch f; [ -f f ] && echo file; [ -d f ] || echo notdir; [ -s f ] || echo empty; [ -d . ] && echo dir
test; echo $?
test a b c d e; echo $?
`,
  'syntax errors in compound commands': `echo before
for i in 1 2; echo $i; done
`,
  'syntax error: if without then': `if true; then
fi
`,
  'syntax error: unexpected reserved word': `echo a; fi
`,
  'syntax error: unterminated loop': `for i in 1 2; do echo $i
`,
  'syntax error: word after a group': `{ echo a; } b
`,
  'syntax error: inside $( ) when the script is parsed': `echo a
echo $(echo a
;)
echo b
`,
  'syntax error: unterminated $( )': `echo a
echo $(echo a

`,
  'syntax error: unterminated $(( ))': `echo a
echo $(( 1

`,
  'a here-document $( ) is parsed when the document is expanded': `echo 1
cat <<EOF
x $(echo a; ;) tail
EOF
cat <<EOF
$(echo a
EOF
echo $?
cat <<EOF
$(nosuch)
$(echo;
nosuch2)
EOF
`,
  'a lone ! and negation': `!
echo "lone $?"
! ! true; echo $?
`,
  'redirection corner cases': `echo a 2>&1x
echo a 2>&foo
echo b 1>&foo; cat foo
echo hello > f; cat <> f; echo HI 1<> f; cat f; cat <> new; ls new
cat <<< "here string"
true& &> all.txt
echo ok
`,
};

describe.skipIf(!hasBash)('the lab shell matches real bash', () => {
  for (const [name, script] of Object.entries(CASES)) {
    it(name, async () => {
      const real = realBash(script);
      const host = new FakeHost();
      host.disk.write('/home/learner/script.sh', toBytes(script));
      const lab = await runOnFake(host, toBytes(script), { scriptName: 'script.sh', tty: false });
      // Pids differ by nature.
      const pids = (s: string) => s.replace(/(: line \d+: ) *\d+ Killed/g, '$1PID Killed');
      expect(pids(fromBytes(lab.output))).toBe(pids(real.output));
      expect(lab.status).toBe(real.status);
    });
  }
});
