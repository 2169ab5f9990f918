/** Random values drawn from the node's seeded generator (never from Math.random). */
import type { Rng } from '../types.ts';

/** `n` lower-case hex digits, as Redis's `getRandomHexChars` produces run ids. */
export function randomHex(rng: Rng, n: number): string {
  let s = '';
  while (s.length < n) s += rng.nextUint32().toString(16).padStart(8, '0');
  return s.slice(0, n);
}

/** An integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor((rng.nextUint32() / 4294967296) * n);
}

/**
 * A small, fast, seedable generator (SplitMix32-style mixing of a Weyl sequence). Hosts create
 * one per node from the root seed; tests create them directly.
 */
export class SeededRng implements Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }
}
