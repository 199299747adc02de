/**
 * Delta debugging (Zeller and Hildebrandt, "Simplifying and Isolating Failure-Inducing Input",
 * IEEE TSE 2002, https://doi.org/10.1109/32.988498) over bytes: the smallest file found that still
 * fails the same way. Used by `npm run fuzz -- --case N --minimize`.
 */

/**
 * Removes ever smaller ranges of `bytes` while `fails` stays true; stops after `budgetMs`.
 *
 * @example
 * await minimize(new TextEncoder().encode('a,b\n1,2\n3\n'), async (b) => new TextDecoder().decode(b).includes('3'))
 * // Uint8Array [0x33] ('3')
 */
export async function minimize(bytes: Uint8Array, fails: (candidate: Uint8Array) => Promise<boolean>, budgetMs = 120_000): Promise<Uint8Array> {
  const started = Date.now();
  let current = bytes;
  let parts = 2;
  while (current.length >= 2 && Date.now() - started < budgetMs) {
    const size = Math.ceil(current.length / parts);
    let reduced = false;
    for (let start = 0; start < current.length && Date.now() - started < budgetMs; start += size) {
      const candidate = new Uint8Array(current.length - Math.min(size, current.length - start));
      candidate.set(current.subarray(0, start));
      candidate.set(current.subarray(start + size), start);
      if (candidate.length > 0 && (await fails(candidate))) {
        current = candidate;
        parts = Math.max(parts - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size === 1) break;
      parts = Math.min(current.length, parts * 2);
    }
  }
  return current;
}
