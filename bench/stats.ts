/** What a bench file returns, and summary statistics (see ./run.ts). */
export interface BenchRow {
  bench: string;
  /** What was measured, e.g. `PING round trip through the runtime`. */
  case: string;
  n: number;
  /** Microseconds. */
  medianUs: number;
  p90Us: number;
  meanUs: number;
  note?: string;
}

/** Summary statistics of samples in ms, as microseconds. */
export function stats(samplesMs: number[]): { medianUs: number; p90Us: number; meanUs: number } {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] * 1000;
  return { medianUs: at(0.5), p90Us: at(0.9), meanUs: (s.reduce((a, b) => a + b, 0) / s.length) * 1000 };
}
