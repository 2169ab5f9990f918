/**
 * Goal: what reaches a node reaches it in causal order across its ports, as on one kernel:
 * the shell's bytes and FIN (one MessagePort per connection), the runtime's control calls
 * (accept, signals, snapshot: comlink on the worker) and disk changes (the downlink) in the
 * order the main thread sent them; and a node's FIN to another node before the accept of the
 * connection it opens next to that node. Redis shows the difference: a new client takes the
 * lowest free fd, so a redis-cli run right after another must find the old connection closed
 * (fd 8 again, one client in CLIENT LIST), a replica that leaves and comes back gets its old
 * fd, and CONFIG REWRITE must read the config file as the shell last wrote it.
 * Method: platforms that deliver some messages late while keeping each port's order (all a
 * platform promises): the main thread's FIN and disk changes held until a later control call
 * has been answered (or a fallback), and — in the worker threads, through a wrapping worker
 * entry (./late-links-worker.ts) — a FIN between nodes posted 150 ms late. The same script
 * runs on the simulator and on that runtime; the id/addr/fd fields, the client count and the
 * rewritten file must be the simulator's. Without the ordering rules each test fails every run
 * (the accept overtakes the FIN: fd=9, two clients; the rewrite reads the stale file). Last,
 * liveness: with a platform that loses the shell's FIN, the order's stall guard lets the next
 * redis-cli through (without it the script never ends).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runLabScript, runLabScriptOnHost } from '../../src/headless/index.ts';
import { ClusterRuntime } from '../../src/runtime/runtime.ts';
import { nodePlatform } from '../../src/runtime/platform-node.ts';
import type { Endpoint } from 'comlink';
import type { Platform, PortLike } from '../../src/runtime/platform.ts';

/**
 * A late platform: Node's, except that the main thread's FIN on a connection and its disk
 * changes to a node are held back — and everything posted after them on the same port, whose
 * order is kept — until a control call made after them has been answered by a worker (the
 * FIN: one call; a disk change: two), then released a little later. So without an ordering
 * rule the next accept (or the next two) reaches the node first, every run. A node that keeps
 * the order waits for the held message, so no call is answered: a fallback releases it after
 * {@link FALLBACK_MS} real ms. Per-port order is all a platform promises; this one keeps it.
 */
const FALLBACK_MS = 300;
const RELEASE_MS = 30;

interface Watch {
  /** Control calls posted before the hold began (those answered do not count). */
  after: number;
  calls: number;
  release: () => void;
}

function latePlatform(): Platform {
  const base = nodePlatform();
  let posted = 0;
  const callSeq = new Map<string, number>();
  let watches: Watch[] = [];
  const answered = (seq: number) => {
    const due = watches.filter((w) => seq > w.after && --w.calls === 0);
    watches = watches.filter((w) => !due.includes(w));
    for (const w of due) setTimeout(w.release, RELEASE_MS);
  };
  const hold = (calls: number, release: () => void) => {
    const w: Watch = { after: posted, calls, release };
    watches.push(w);
    setTimeout(() => {
      watches = watches.filter((x) => x !== w);
      release();
    }, FALLBACK_MS);
  };
  return {
    ...base,
    createWorker(name) {
      const handle = base.createWorker(name);
      const ep = handle.endpoint;
      const wrapped = new Map<unknown, EventListenerOrEventListenerObject>();
      const endpoint: Endpoint = {
        postMessage(message: unknown, transfer?: Transferable[]) {
          const id = (message as { id?: string } | null)?.id;
          if (id !== undefined) callSeq.set(id, ++posted);
          ep.postMessage(message, transfer);
        },
        addEventListener(type, listener, options) {
          const w = (ev: Event) => {
            const id = (ev as MessageEvent).data?.id as string | undefined;
            if (typeof listener === 'function') listener(ev);
            else listener.handleEvent(ev);
            const seq = id === undefined ? undefined : callSeq.get(id);
            if (seq !== undefined) {
              callSeq.delete(id as string);
              answered(seq);
            }
          };
          wrapped.set(listener, w);
          ep.addEventListener(type, w, options);
        },
        removeEventListener(type, listener, options) {
          const w = wrapped.get(listener);
          if (w) ep.removeEventListener(type, w, options);
        },
      };
      return { ...handle, endpoint, terminate: () => handle.terminate(), onError: (l) => handle.onError(l) };
    },
    createChannel() {
      const channel = base.createChannel();
      makeLate(channel.port1, hold);
      return channel;
    },
  };
}

/** Holds the port's FIN and disk messages (and what follows them on it) as {@link latePlatform} says. */
function makeLate(port: PortLike, hold: (calls: number, release: () => void) => void): void {
  const post = port.postMessage.bind(port);
  const close = port.close.bind(port);
  let queue: Array<() => void> | null = null;
  const release = () => {
    const q = queue ?? [];
    queue = null;
    for (const run of q) run();
  };
  const through = (run: () => void, holdFor: number) => {
    if (queue) queue.push(run);
    else if (holdFor > 0) {
      queue = [run];
      hold(holdFor, release);
    } else run();
  };
  port.postMessage = (message: unknown, transfer?: unknown[]) => {
    const fin = Array.isArray(message) && message[0] === null;
    const disk = typeof message === 'object' && message !== null && (message as { k?: unknown }).k === 'disk';
    through(() => post(message, transfer), fin ? 1 : disk ? 2 : 0);
  };
  port.close = () => through(close, 0);
}

const runtimes: ClusterRuntime[] = [];
afterEach(() => {
  for (const rt of runtimes.splice(0)) rt.teardown();
});

function lateRuntime(seed: number): ClusterRuntime {
  const rt = new ClusterRuntime({ platform: latePlatform(), seed, heartbeatMs: 0, speed: 4 });
  runtimes.push(rt);
  return rt;
}

const opts = { cwd: '/home/learner', scriptName: 'order.sh', tty: false };
const LATE_FIN_WORKER = new URL('./late-links-worker.ts', import.meta.url).href;

/** id, addr and fd of each CLIENT LIST line. */
const fields = (text: string) => [...text.matchAll(/^id=(\d+) addr=(\S+) laddr=\S+ fd=(\d+)/gm)].map((m) => m.slice(1).join(' '));

describe('runtime: the shell\'s messages reach a node in the order sent, across ports', () => {
  it('a redis-cli run after another finds the old connection closed (lowest free fd, one client)', async () => {
    const script = [
      'redis-server --port 7741 --logfile r.log &',
      'sleep 0.5',
      ...Array.from({ length: 6 }, () => 'redis-cli -p 7741 PING'),
      'redis-cli -p 7741 CLIENT LIST',
      'redis-cli -p 7741 INFO clients | grep ^connected_clients',
      'redis-cli -p 7741 CLIENT LIST',
    ].join('\n') + '\n';
    const sim = await runLabScript(script, { ...opts, seed: 11 });
    expect(sim.output).toMatch(/fd=8 /);
    expect(sim.output).toMatch(/^connected_clients:1\r?$/m);
    const live = await runLabScriptOnHost(lateRuntime(11), script, opts);
    expect(fields(sim.output)).toHaveLength(2);
    expect(fields(live.output)).toEqual(fields(sim.output));
    expect(live.output).toMatch(/^connected_clients:1\r?$/m);
    expect(live.output).toBe(sim.output);
  });

  it('CONFIG REWRITE right after the shell changed the file reads the change', async () => {
    const script = [
      'echo "port 7742" > r.conf',
      'redis-server r.conf &',
      'sleep 0.5',
      'echo "# kept by the rewrite" >> r.conf',
      'redis-cli -p 7742 CONFIG SET maxmemory 1mb',
      'redis-cli -p 7742 CONFIG REWRITE',
      'cat r.conf',
      'echo "# and again" >> r.conf',
      'redis-cli -p 7742 CONFIG REWRITE',
      'grep -c "#" r.conf',
    ].join('\n') + '\n';
    const sim = await runLabScript(script, { ...opts, seed: 12 });
    expect(sim.output).toContain('# kept by the rewrite\n');
    const live = await runLabScriptOnHost(lateRuntime(12), script, opts);
    expect(live.output.replace(/^\d+:[CM] .*\n/gm, '')).toBe(sim.output.replace(/^\d+:[CM] .*\n/gm, ''));
  });

  it('a replica that leaves its primary is gone for the next redis-cli, and comes back with its old fd', async () => {
    const script = [
      'cat > p.conf <<EOF', 'port 7751', 'repl-diskless-sync-delay 0', 'logfile "p.log"', 'EOF',
      'cat > r.conf <<EOF', 'port 7752', 'replicaof 127.0.0.1 7751', 'logfile "r.log"', 'EOF',
      'redis-server p.conf &',
      'redis-server r.conf &',
      // Synced, however loaded the machine (the live run's sync may take longer than the simulator's).
      'until redis-cli -p 7752 INFO replication | grep -q "master_link_status:up"; do sleep 0.1; done',
      'redis-cli -p 7751 CLIENT LIST',
      'redis-cli -p 7752 REPLICAOF NO ONE',
      'redis-cli -p 7751 INFO replication | grep ^connected_slaves',
      'redis-cli -p 7752 REPLICAOF 127.0.0.1 7751',
      'sleep 1',
      'redis-cli -p 7751 CLIENT LIST',
      'redis-cli -p 7751 INFO clients | grep ^connected_clients',
    ].join('\n') + '\n';
    const sim = await runLabScript(script, { ...opts, seed: 13 });
    const replicaLines = (text: string) => [...text.matchAll(/^id=(\d+) addr=(\S+) laddr=\S+ fd=(\d+) .* flags=S /gm)].map((m) => m.slice(1).join(' '));
    expect(replicaLines(sim.output)).toHaveLength(2);
    // The replica's OK came after its FIN: the primary has lost it for the next redis-cli.
    expect(sim.output).toMatch(/^connected_slaves:0\r?$/m);
    const rt = new ClusterRuntime({ platform: nodePlatform({ workerEntry: LATE_FIN_WORKER }), seed: 13, heartbeatMs: 0, speed: 4 });
    runtimes.push(rt);
    const live = await runLabScriptOnHost(rt, script, opts);
    expect(live.output).toMatch(/^connected_slaves:0\r?$/m);
    expect(replicaLines(live.output)).toEqual(replicaLines(sim.output));
    // The shell's ports differ (the wait polls as often as it needs); ids and fds may not.
    const idFd = (text: string) => fields(text).map((f) => f.replace(/ \S+ /, ' '));
    expect(idFd(live.output)).toEqual(idFd(sim.output));
    expect(live.output).toMatch(/^connected_clients:1\r?$/m);
  });

  it('a numbered message that never comes stalls the node only for a moment, not for good', async () => {
    // A platform that loses the shell's FIN on every connection (a bug the order must survive):
    // the next accept waits for it in vain until the worker's stall guard goes on.
    const base = nodePlatform();
    const losing: Platform = {
      ...base,
      createChannel() {
        const channel = base.createChannel();
        const port = channel.port1;
        const post = port.postMessage.bind(port);
        port.postMessage = (message: unknown, transfer?: unknown[]) => {
          if (!(Array.isArray(message) && message[0] === null)) post(message, transfer);
        };
        return channel;
      },
    };
    const rt = new ClusterRuntime({ platform: losing, seed: 14, heartbeatMs: 0, speed: 4 });
    runtimes.push(rt);
    const script = ['redis-server --port 7761 --logfile l.log &', 'sleep 0.5', 'redis-cli -p 7761 PING', 'redis-cli -p 7761 PING', 'echo done'].join('\n') + '\n';
    const live = await runLabScriptOnHost(rt, script, opts);
    expect(live.output).toBe('PONG\nPONG\ndone\n');
  }, 20_000);
});
