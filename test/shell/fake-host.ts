/**
 * A tiny scripted ShellHost for shell tests: a memory disk, a virtual clock with timers, and
 * fake servers on ports whose replies the test scripts (canned RESP bytes, or a function of the
 * command). No engine: redis-cli's formatting and connection handling can be tested against
 * exact replies recorded from real Redis. `run(untilDone)` drives it like the simulator does.
 */
import type { ClientConnection, ConnectHandlers, ProcessEntry, ShellHost, Signal, SpawnRequest } from '../../src/shell/host.ts';
import { MemoryDisk } from '../../src/engine/util/memory-disk.ts';
import { RequestParser } from '../../src/engine/resp/request-parser.ts';

/** What a fake server answers to one command: RESP bytes, or null to stay silent. */
export type FakeHandler = (argv: string[], conn: FakeServerConn) => string | null;

export interface FakeServerConn {
  /** Pushes bytes to the client later (pub/sub messages). */
  push(bytes: string): void;
  /** Closes the connection from the server's side. */
  close(): void;
}

interface Timer {
  at: number;
  seq: number;
  fire(): void;
}

export class FakeHost implements ShellHost {
  readonly disk = new MemoryDisk();
  time = Date.UTC(2026, 10, 27, 19, 52, 56, 203);
  private timers: Timer[] = [];
  private seq = 0;
  private nextPid = 5000;
  private servers = new Map<number, { handler: FakeHandler; conns: Set<{ close(): void }> }>();
  /** Every command the fake servers received, as `port argv…`. */
  readonly received: string[] = [];
  /** How long each command takes to answer (virtual ms), per command name (upper case). */
  readonly delays = new Map<string, number>();
  spawned: SpawnRequest[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.at(ms, resolve));
  }

  private at(ms: number, fire: () => void): void {
    this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, fire });
  }

  allocatePid(): number {
    return this.nextPid++;
  }

  spawn(req: SpawnRequest): number {
    this.spawned.push(req);
    const pid = req.pid ?? this.allocatePid();
    this.at(0, () => req.stdout(`fake ${req.program} ${req.argv.join(' ')}\n`));
    this.at(0, () => req.exit(1));
    return pid;
  }

  kill(_pid: number, _signal: Signal): boolean {
    return false;
  }

  processes(): ProcessEntry[] {
    return [];
  }

  /** Starts a fake server on `port`. */
  listen(port: number, handler: FakeHandler): void {
    this.servers.set(port, { handler, conns: new Set() });
  }

  /** Stops the server on `port`: its connections close, new ones are refused. */
  stop(port: number): void {
    const s = this.servers.get(port);
    if (!s) return;
    this.servers.delete(port);
    for (const c of s.conns) c.close();
  }

  connect(host: string, port: number, handlers: ConnectHandlers): Promise<ClientConnection> {
    return new Promise((resolve, reject) => {
      this.at(0, () => {
        const server = this.servers.get(port);
        if (!server) {
          reject('refused');
          return;
        }
        const parser = new RequestParser();
        let open = true;
        const close = () => {
          if (!open) return;
          open = false;
          server.conns.delete(entry);
          this.at(0, () => handlers.onClose());
        };
        const entry = { close };
        server.conns.add(entry);
        const serverConn: FakeServerConn = {
          push: (bytes) => this.at(0, () => open && handlers.onData(bytes)),
          close,
        };
        resolve({
          local: { host: '127.0.0.1', port: 50000 + this.seq },
          send: (bytes) => {
            if (!open) return;
            parser.push(bytes);
            for (;;) {
              const req = parser.next(true);
              if (req === null || req.kind !== 'command') break;
              const argv = req.argv;
              this.received.push(`${port} ${argv.join(' ')}`);
              const reply = server.handler(argv, serverConn);
              if (reply !== null) this.at(this.delays.get(argv[0].toUpperCase()) ?? 0, () => open && handlers.onData(reply));
            }
          },
          close: () => {
            open = false;
            server.conns.delete(entry);
          },
        });
      });
    });
  }

  /** Fires timers in time order until `untilDone()` holds or nothing is left. */
  async run(untilDone: () => boolean, limitMs = 3_600_000): Promise<'done' | 'idle' | 'limit'> {
    const deadline = this.time + limitMs;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (untilDone()) return 'done';
      if (this.timers.length === 0) return 'idle';
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = this.timers.shift()!;
      if (t.at > deadline) return 'limit';
      this.time = Math.max(this.time, t.at);
      t.fire();
    }
  }
}
