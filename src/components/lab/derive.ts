/**
 * Pure readers of what the nodes print: the parts of a Redis log line, whether a line is a
 * Sentinel or a replication event, and each sentinel's opinion of its primary rebuilt from its
 * own log (`+sdown`, `+odown`, `+new-epoch`, `+vote-for-leader`, `+elected-leader`,
 * `+switch-master`, …). The map shows what the sentinels *said*, so it can never disagree with
 * the log the learner reads.
 *
 * Counterpart in Redis: `sentinelEvent()` in sentinel.c, which writes these lines (and publishes
 * them on the channel of the same name).
 */
import type { LabLink, LabNode, SentinelOpinion } from './model.ts';

export interface LogLineParts {
  pid: number;
  /** `M` primary, `S` replica, `X` sentinel, `C` child / early startup. */
  roleChar: string;
  time: string;
  /** `*` notice, `#` warning, `-` verbose, `.` debug. */
  mark: string;
  message: string;
}

const LINE = /^(\d+):([MSXC]) (\d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2}\.\d{3}) ([*#.-]) (.*)$/s;

/** Splits `pid:role dd Mon yyyy hh:mm:ss.mmm <mark> message`; null for anything else. */
export function parseLogLine(line: string): LogLineParts | null {
  const m = LINE.exec(line.replace(/\r?\n$/, ''));
  if (!m) return null;
  return { pid: Number(m[1]), roleChar: m[2], time: m[3], mark: m[4], message: m[5] };
}

/** A Sentinel event line: `+name …` / `-name …`, the vote lines and the failover-delay notice. */
const SENTINEL_EVENT = /^[+-][a-z][a-z-]*( |$)|^\S+ voted for \S+ \d+$|^Next failover delay:/;

/** Replication lines of a data node (sync, link, promotion, reconfiguration). */
const REPLICATION = /MASTER|REPLICA|[Rr]eplica |[Rr]esync|resynchroni[sz]ation|replication ID|REPLICAOF|Connection with (master|replica)|Connecting to MASTER|SYNC|Synchronization|backlog/;

export function classifyMessage(message: string, roleChar: string): 'sentinel' | 'replication' | 'other' {
  if (roleChar === 'X' && SENTINEL_EVENT.test(message)) return 'sentinel';
  if (roleChar !== 'X' && REPLICATION.test(message)) return 'replication';
  return 'other';
}

/** A fresh opinion: nothing said yet. */
export function emptyOpinion(sentinel: string): SentinelOpinion {
  return { sentinel, primary: '', sdown: false, odown: false, epoch: 0, leader: null, failingOver: false };
}

/**
 * Rebuilds every sentinel's opinion from its log. Sentinel ids (40 hex run ids) are shown as the
 * sentinel's port once a `Sentinel ID is …` or `+sentinel sentinel <id> <ip> <port>` line has
 * told us which is which.
 */
export class SentinelTracker {
  private opinions = new Map<string, SentinelOpinion>();
  private idToPort = new Map<string, string>();

  /** Feeds one message (the part after the mark) logged by `sentinel` (its port). */
  apply(sentinel: string, message: string): void {
    const o = this.opinions.get(sentinel) ?? emptyOpinion(sentinel);
    this.opinions.set(sentinel, o);
    const words = message.split(' ');
    const event = words[0];
    // `Sentinel ID is <id>`
    if (message.startsWith('Sentinel ID is ')) {
      this.idToPort.set(words[3], sentinel);
      return;
    }
    switch (event) {
      case '+monitor': // +monitor master <name> <ip> <port> quorum <n>
        o.primary = `${words[3]}:${words[4]}`;
        break;
      case '+sentinel': // +sentinel sentinel <id> <ip> <port> @ …
        this.idToPort.set(words[2], words[4]);
        break;
      case '+sdown':
      case '-sdown':
        if (words[1] === 'master') o.sdown = event === '+sdown';
        break;
      case '+odown':
      case '-odown':
        if (words[1] === 'master') o.odown = event === '+odown';
        break;
      case '+new-epoch': {
        const epoch = Number(words[1]);
        if (epoch > o.epoch) {
          o.epoch = epoch;
          o.leader = null;
        }
        break;
      }
      case '+vote-for-leader': { // +vote-for-leader <id> <epoch>
        o.leader = words[1];
        const epoch = Number(words[2]);
        if (epoch > o.epoch) o.epoch = epoch;
        break;
      }
      case '+elected-leader':
      case '+try-failover':
        if (event === '+elected-leader') o.failingOver = true;
        break;
      case '+switch-master': // +switch-master <name> <old ip> <old port> <new ip> <new port>
        o.primary = `${words[4]}:${words[5]}`;
        o.sdown = false;
        o.odown = false;
        o.failingOver = false;
        break;
      case '+failover-end':
        o.failingOver = false;
        break;
      default:
        if (event.startsWith('-failover-abort')) o.failingOver = false;
    }
  }

  /** The opinions, with leader ids turned into ports where known. */
  snapshot(): SentinelOpinion[] {
    return [...this.opinions.values()]
      .map((o) => ({ ...o, leader: o.leader === null ? null : (this.idToPort.get(o.leader) ?? o.leader.slice(0, 8)) }))
      .sort((a, b) => Number(a.sentinel) - Number(b.sentinel));
  }

  reset(): void {
    this.opinions.clear();
    this.idToPort.clear();
  }
}

/**
 * Which node is the primary now: the running data node whose role is primary; when several are
 * (a restarted old primary before Sentinel converts it), the one most sentinels name.
 */
export function currentPrimary(nodes: LabNode[], sentinels: SentinelOpinion[]): string | null {
  const up = nodes.filter((n) => n.kind === 'server' && n.role === 'primary' && n.state !== 'down');
  if (up.length === 0) return null;
  if (up.length === 1 || sentinels.length === 0) return up[0].id;
  let best = up[0].id;
  let bestVotes = -1;
  for (const n of up) {
    const votes = sentinels.filter((s) => s.primary.endsWith(`:${n.port}`)).length;
    if (votes > bestVotes) {
      best = n.id;
      bestVotes = votes;
    }
  }
  return best;
}

/** The map's state for a data node from its replication state (ROLE's words) and run state. */
export function nodeState(running: 'running' | 'stopped' | 'exited', replState: string, loading: boolean): LabNode['state'] {
  if (running === 'exited') return 'down';
  if (running === 'stopped') return 'paused';
  if (loading) return 'loading';
  switch (replState) {
    case '':
    case 'connected':
    case 'connect':
    case 'connecting':
    case 'none':
      return 'up';
    default:
      // handshake, sync, transfer (and the engine's finer steps of the handshake)
      return 'syncing';
  }
}

/**
 * A link the learner cut stays on the map (and its Heal button in the controls) until it is
 * healed, even when the roles changed under the partition — the sentinels now watch the promoted
 * replica, the old primary's replica is a primary itself — and the link is drawn no more.
 */
export function keepCutLinks(links: LabLink[], nodes: LabNode[], cuts: Iterable<string>, previous: readonly LabLink[] = []): void {
  const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const drawn = new Set(links.map((l) => pair(l.from, l.to)));
  for (const key of cuts) {
    if (drawn.has(key)) continue;
    // Drawn the way it was when it was cut (its button keeps its label), else sentinel first.
    const before = previous.find((l) => pair(l.from, l.to) === key);
    if (before) {
      links.push({ ...before, cut: true, forward: 0, back: 0, alive: false });
      continue;
    }
    const [a, b] = key.split('|');
    const isSentinel = (id: string) => nodes.some((n) => n.id === id && n.kind === 'sentinel');
    const sentinel = isSentinel(a) || isSentinel(b);
    // A sentinel end first, as the monitoring links are drawn.
    const [from, to] = isSentinel(b) ? [b, a] : [a, b];
    links.push({ id: `${from}>${to}`, from, to, kind: sentinel ? 'monitor' : 'replication', cut: true, forward: 0, back: 0, alive: false });
  }
}
