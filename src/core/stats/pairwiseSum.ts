/** numpy's reduction buffer: `np.sum` adds one pairwise sum per block of this many elements. */
const NUMPY_BUFFER_SIZE = 8192;
/** numpy's pairwise-summation leaf size (`PW_BLOCKSIZE` in `loops_utils.h`). */
const PAIRWISE_BLOCK_SIZE = 128;

function pairwiseBlock(values: ArrayLike<number>, start: number, length: number): number {
  if (length < 8) {
    let total = 0;
    for (let i = 0; i < length; i++) total += values[start + i];
    return total;
  }
  if (length <= PAIRWISE_BLOCK_SIZE) {
    // Eight interleaved accumulators, then the tail, exactly as numpy's unrolled loop (in
    // locals, not an array: this loop is every mean, deviation and Wasserstein sum).
    let r0 = values[start];
    let r1 = values[start + 1];
    let r2 = values[start + 2];
    let r3 = values[start + 3];
    let r4 = values[start + 4];
    let r5 = values[start + 5];
    let r6 = values[start + 6];
    let r7 = values[start + 7];
    const unrolledEnd = start + length - (length % 8);
    let i = start + 8;
    for (; i < unrolledEnd; i += 8) {
      r0 += values[i];
      r1 += values[i + 1];
      r2 += values[i + 2];
      r3 += values[i + 3];
      r4 += values[i + 4];
      r5 += values[i + 5];
      r6 += values[i + 6];
      r7 += values[i + 7];
    }
    let total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < start + length; i++) total += values[i];
    return total;
  }
  let half = Math.floor(length / 2);
  half -= half % 8;
  return pairwiseBlock(values, start, half) + pairwiseBlock(values, start + half, length - half);
}

/**
 * Pairwise sum: the sum of the values, added in the same order as `numpy.sum` on a contiguous
 * float64 array (pairwise blocks of 128 with eight accumulators, buffers of 8192), so results
 * agree with numpy to the last bit rather than merely to rounding error.
 *
 * Reference: numpy `pairwise_sum` in `numpy/core/src/umath/loops_utils.h.src`;
 * Higham, "The accuracy of floating point summation", SIAM J. Sci. Comput. 14(4), 1993.
 *
 * O(n) time, O(log n) stack; error O(ε log n) instead of O(ε n) for a naive loop.
 *
 * @example
 * pairwiseSum([0.1, 0.2, 0.3]); // => 0.6000000000000001
 */
export function pairwiseSum(values: ArrayLike<number>): number {
  let total = 0;
  for (let start = 0; start < values.length; start += NUMPY_BUFFER_SIZE) {
    total += pairwiseBlock(values, start, Math.min(NUMPY_BUFFER_SIZE, values.length - start));
  }
  return total;
}

/**
 * `pairwiseSum` of a stream of values without storing them: numpy (and `pairwiseSum`) add one
 * pairwise sum per block of 8192 values, so buffering one block at a time gives the same bits.
 * For sums of values computed on the fly (squared deviations, ECDF areas) over millions of points.
 *
 * @example
 * const sum = new PairwiseSumStream();
 * for (const v of [0.1, 0.2, 0.3]) sum.add(v);
 * sum.total(); // => 0.6000000000000001 (as pairwiseSum([0.1, 0.2, 0.3]))
 */
export class PairwiseSumStream {
  /**
   * The current block, grown by doubling up to 8192 values: a stream of a few values (one per
   * column of a 100,000-column report, several per column) must not allocate 64 kB each time.
   */
  private block = new Float64Array(16);
  private filled = 0;
  private sum = 0;

  add(value: number): void {
    if (this.filled === this.block.length) {
      if (this.filled === NUMPY_BUFFER_SIZE) {
        this.sum += pairwiseBlock(this.block, 0, NUMPY_BUFFER_SIZE);
        this.filled = 0;
      } else {
        const grown = new Float64Array(2 * this.block.length);
        grown.set(this.block);
        this.block = grown;
      }
    }
    this.block[this.filled++] = value;
  }

  /** `add(0)`, `count` times. */
  addZeros(count: number): void {
    for (let k = 0; k < count; k++) this.add(0);
  }

  /** The sum of every value added so far. */
  total(): number {
    return this.filled === 0 ? this.sum : this.sum + pairwiseBlock(this.block, 0, this.filled);
  }
}
