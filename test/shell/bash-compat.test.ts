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
