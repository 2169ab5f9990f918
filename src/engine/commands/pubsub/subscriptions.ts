/**
 * Subscribing and unsubscribing a client to channels and patterns, with the confirmation
 * message Redis pushes for each one: `subscribe`/`unsubscribe`/`psubscribe`/`punsubscribe`,
 * the channel or pattern, and the client's subscription count after the change.
 *
 * Counterpart in Redis: pubsub.c (`pubsubSubscribeChannel`, `pubsubUnsubscribeChannel`,
 * `pubsubSubscribePattern`, `pubsubUnsubscribePattern`, `pubsubUnsubscribeAllChannels`,
 * `pubsubUnsubscribeAllPatterns`). The server keeps channel → clients and pattern → clients
 * (`server.channels`, `server.patterns`); PUBLISH delivery is `RedisServer.publish`.
 * Several confirmations form one reply value of type `raw` (the encoded messages one after
 * another), which is what the client receives on the wire.
 */
import type { Bytes } from '../../types.ts';
import type { Client } from '../../server/client.ts';
import type { RedisServer } from '../../server/server.ts';
import { bulk, encodeReply, integer, type Reply } from '../../resp/reply.ts';

/** One confirmation message: kind, channel (or null), subscription count. */
function confirmation(kind: string, name: Bytes | null, count: number): Bytes {
  return encodeReply({ type: 'array', value: [bulk(kind), bulk(name), integer(count)] });
}

function join(messages: Bytes[]): Reply {
  return { type: 'raw', value: messages.join('') };
}

function addTo(map: Map<Bytes, Set<Client>>, name: Bytes, c: Client): void {
  let set = map.get(name);
  if (!set) {
    set = new Set();
    map.set(name, set);
  }
  set.add(c);
}

function removeFrom(map: Map<Bytes, Set<Client>>, name: Bytes, c: Client): void {
  const set = map.get(name);
  if (!set) return;
  set.delete(c);
  if (set.size === 0) map.delete(name);
}

/** SUBSCRIBE: one `subscribe` message per channel (repeated channels are confirmed again). */
export function subscribeChannels(server: RedisServer, c: Client, channels: Bytes[]): Reply {
  const out: Bytes[] = [];
  for (const ch of channels) {
    if (!c.channels.has(ch)) {
      c.channels.add(ch);
      addTo(server.channels, ch, c);
    }
    out.push(confirmation('subscribe', ch, c.subscriptionCount));
  }
  return join(out);
}

/** PSUBSCRIBE: one `psubscribe` message per pattern. */
export function subscribePatterns(server: RedisServer, c: Client, patterns: Bytes[]): Reply {
  const out: Bytes[] = [];
  for (const p of patterns) {
    if (!c.patterns.has(p)) {
      c.patterns.add(p);
      addTo(server.patterns, p, c);
    }
    out.push(confirmation('psubscribe', p, c.subscriptionCount));
  }
  return join(out);
}

/**
 * UNSUBSCRIBE [channel …]: the named channels (confirmed even when not subscribed), or every
 * channel; with none at all a single message with a null channel.
 */
export function unsubscribeChannels(server: RedisServer, c: Client, channels: Bytes[]): Reply {
  const names = channels.length ? channels : [...c.channels];
  const out: Bytes[] = [];
  for (const ch of names) {
    if (c.channels.delete(ch)) removeFrom(server.channels, ch, c);
    out.push(confirmation('unsubscribe', ch, c.subscriptionCount));
  }
  if (out.length === 0) out.push(confirmation('unsubscribe', null, c.subscriptionCount));
  return join(out);
}

/** PUNSUBSCRIBE [pattern …]: as UNSUBSCRIBE, for patterns. */
export function unsubscribePatterns(server: RedisServer, c: Client, patterns: Bytes[]): Reply {
  const names = patterns.length ? patterns : [...c.patterns];
  const out: Bytes[] = [];
  for (const p of names) {
    if (c.patterns.delete(p)) removeFrom(server.patterns, p, c);
    out.push(confirmation('punsubscribe', p, c.subscriptionCount));
  }
  if (out.length === 0) out.push(confirmation('punsubscribe', null, c.subscriptionCount));
  return join(out);
}

/** Leaves every channel and pattern without sending confirmations (RESET). */
export function unsubscribeAllSilently(server: RedisServer, c: Client): void {
  for (const ch of c.channels) removeFrom(server.channels, ch, c);
  for (const p of c.patterns) removeFrom(server.patterns, p, c);
  c.channels.clear();
  c.patterns.clear();
}
