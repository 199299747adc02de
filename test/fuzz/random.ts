/**
 * The fuzz tier's source of randomness: GRADIENT's own seeded generator (Mulberry32,
 * `src/core/stats/seededRandom.ts`) with the draws a file generator needs. Every case has its own
 * generator, seeded from the run's seed and the case number (`caseSeed`), so case N of seed S is
 * the same bytes whether it runs alone (`--case N`) or inside a run of thousands.
 */
import { seededRandom } from '../../src/core/stats/seededRandom';

/** FNV-1a over the run seed, a stream name and an index: independent seeds per case and purpose. */
export function caseSeed(seed: number, stream: string, index: number): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  const text = `${stream}#${index}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  hash = Math.imul(hash ^ (seed >>> 16), 16777619) >>> 0;
  return hash;
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** A whole number from `low` to `high`, both included. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `choices`, each drawn in proportion to its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /**
   * A size from `low` to `high`, log-uniform: small sizes are common and large ones rare, so a
   * run sees many small files and a few big ones.
   */
  size(low: number, high: number): number {
    const a = Math.log(low + 1);
    const b = Math.log(high + 1);
    return Math.min(high, Math.max(low, Math.floor(Math.exp(a + this.next() * (b - a)) - 1)));
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }

  /** A new generator seeded from this one (for a sub-task whose draws must not shift the rest). */
  fork(): Random {
    return new Random(Math.floor(this.next() * 4294967296));
  }
}
