/**
 * Simulator cost (DESIGN.md §6: a 60-second failover scenario in under 50 ms of CPU).
 *
 * Five redis-server nodes — a primary on 6379 and four replicas — run for 60 s of virtual time
 * while a client writes every 100 ms; at 20 s the primary is killed, at 40 s restarted.
 * (Sentinels join once sentinel mode exists.) Prints CPU ms per run after a warm-up, and the
 * number of simulator steps.
 *
 *   npx node bench/sim-failover.ts [runs]
 */
import { scenario } from '../src/sim/index.ts';

function once(seed: number): { steps: number; traceEvents: number } {
  const s = scenario({ seed });
  s.file('primary.conf', 'port 6379\n').start('redis-server', ['primary.conf']);
  for (const port of [6380, 6381, 6382, 6383]) s.file(`r${port}.conf`, `port ${port}\nreplicaof 127.0.0.1 6379\n`).start('redis-server', [`r${port}.conf`]);
  let cli = s.client(6379);
  for (let t = 0; t < 600; t++) {
    if (t === 200) s.crash(6379);
    if (t === 400) {
      s.restart(6379);
      cli = s.client(6379);
    }
    if (t < 200 || t >= 400) cli.send('SET', `k${t % 50}`, String(t));
    s.runFor(100);
    if (t < 200 || t >= 400) cli.take();
  }
  return { steps: s.sim.steps, traceEvents: s.sim.trace.total };
}

const runs = Number(process.argv[2] ?? 10);
once(0); // warm-up: JIT
const cpu: number[] = [];
let steps = 0;
let traceEvents = 0;
for (let i = 1; i <= runs; i++) {
  const before = process.cpuUsage();
  ({ steps, traceEvents } = once(i));
  const used = process.cpuUsage(before);
  cpu.push((used.user + used.system) / 1000);
}
cpu.sort((a, b) => a - b);
console.log(`sim-failover: 5 nodes, 60 s virtual, ${steps} steps, ${traceEvents} trace events`);
console.log(`CPU ms per run: median ${cpu[Math.floor(cpu.length / 2)].toFixed(1)}, min ${cpu[0].toFixed(1)}, max ${cpu[cpu.length - 1].toFixed(1)} (${runs} runs)`);
