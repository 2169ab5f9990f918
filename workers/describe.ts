/**
 * Reads what the lab's map shows — role, replication offset, keys, clients — from a running
 * engine node. Best effort and read-only: the engine's public face (EngineNode) carries no such
 * view, so this looks at the server's fields by name and returns null for a node that has none
 * (a test's fake node). Nothing here is learner-visible Redis output; INFO is.
 */
import type { EngineNode } from '../src/engine/node.ts';
import type { NodeSummary } from './protocol.ts';

interface ServerLike {
  mode?: 'standalone' | 'sentinel';
  port?: number;
  dbs?: Array<{ size?: number }>;
  clients?: { size?: number };
  replication?: {
    replid?: string;
    offset?: number;
    primaryHost?: string | null;
    primaryPort?: number;
    replState?: string;
    replicas?: unknown[];
  };
}

export function describeNode(node: EngineNode | null): NodeSummary | null {
  if (!node) return null;
  const s = node as unknown as ServerLike;
  if (s.mode !== 'standalone' && s.mode !== 'sentinel') return null;
  const r = s.replication ?? {};
  const isReplica = s.mode === 'standalone' && typeof r.primaryHost === 'string' && r.primaryHost !== '';
  let keys = 0;
  for (const db of s.dbs ?? []) keys += db.size ?? 0;
  return {
    mode: s.mode,
    role: s.mode === 'sentinel' ? 'sentinel' : isReplica ? 'replica' : 'primary',
    port: s.port ?? node.port,
    replid: r.replid ?? '',
    replOffset: r.offset ?? 0,
    primary: isReplica ? `${r.primaryHost}:${r.primaryPort ?? 0}` : '',
    replState: isReplica ? (r.replState ?? '') : '',
    connectedReplicas: Array.isArray(r.replicas) ? r.replicas.length : 0,
    keys,
    clients: s.clients?.size ?? 0,
  };
}
