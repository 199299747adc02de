/**
 * Seeded pseudo-random numbers: a deterministic generator of uniform numbers in [0, 1) from a
 * 32-bit seed (Mulberry32), so sampling and fold assignment give the same result on every machine
 * and in every run. Not for cryptography.
 *
 * Reference: Mulberry32 by Tommy Ettinger (public domain),
 * https://github.com/bryc/code/blob/master/jshash/PRNGs.md#mulberry32
 *
 * O(1) per draw.
 *
 * @example
 * const random = seededRandom(0);
 * random(); // => 0.26642920868471265
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
