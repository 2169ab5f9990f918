/**
 * One root seed, many named streams (the TigerBeetle VOPR idea: the root PRNG hands every
 * subsystem its own seed). A stream is named after what it serves — `process:/home/learner
 * redis-server primary.conf#0`, `net:6380>127.0.0.1:6379#0`, `pids` — so a run that adds a node
 * or a connection leaves every other stream's numbers unchanged.
 */
import type { Rng } from '../engine/types.ts';
import { SeededRng } from '../engine/util/random.ts';

/** A 32-bit seed for the stream called `name` under `rootSeed` (FNV-1a over the name, then mixed). */
export function deriveSeed(rootSeed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i) & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
    const hi = name.charCodeAt(i) >>> 8;
    if (hi !== 0) {
      h ^= hi;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  // Fold in both halves of the root seed so seeds above 2^32 still differ.
  const low = rootSeed >>> 0;
  const high = Math.floor(rootSeed / 4294967296) >>> 0;
  let z = (h ^ low ^ Math.imul(high, 0x9e3779b1)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The generator of the stream called `name`. */
export function streamRng(rootSeed: number, name: string): Rng {
  return new SeededRng(deriveSeed(rootSeed, name));
}

/** A float in [0, 1) from a stream (for latencies; never fed back into a decision). */
export function unit(rng: Rng): number {
  return rng.nextUint32() / 4294967296;
}
