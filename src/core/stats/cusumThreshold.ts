import { increasingRoot } from './increasingRoot';
import { type CusumProcess, cusumAverageRunLength } from './cusumAverageRunLength';

export interface CusumThresholdOptions {
  /** Allowance per point, in σ (≥ 0). */
  readonly k: number;
  /** The in-control average run length to reach (the mean number of points to a false alarm). */
  readonly arl0: number;
  /**
   * The process while in control (default `{ kind: 'normal', shift: 0 }`); for a 0/1 correctness
   * stream with target accuracy a, `{ kind: 'bernoulli', target: a, p: a }`.
   */
  readonly process?: CusumProcess;
}

/** The tightest chart the search starts from: at h → 0 every point above k alarms. */
const H_MIN = 1e-9;
/** Normal ARL is smooth in h: regula falsi converges to the width below in a handful of steps. */
const NORMAL_TOLERANCE = 1e-10;
/** Bernoulli ARL is a step function of h: bisection to this width, then a nudge above the step. */
const BERNOULLI_TOLERANCE = 1e-7;
const BERNOULLI_MARGIN = 1e-8;

function runLength(k: number, h: number, process: CusumProcess, arl0: number): number {
  try {
    return cusumAverageRunLength({ k, h, process });
  } catch (error) {
    throw new Error(`cusumThreshold cannot reach arl0 = ${arl0}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Decision threshold of Page's one-sided lower CUSUM: the smallest h (in units of the in-control
 * σ) whose in-control average run length `cusumAverageRunLength({ k, h, process })` is at least
 * `arl0` — for a normal process the equivalent of R's `spc::xcusum.crit(k, L0)`. Pass `k = kσ`,
 * `h = hσ` to `cusum`.
 *
 * The ARL grows monotonically with h (the same stream crosses a higher threshold no earlier), so
 * the search doubles h from 1 until the target is bracketed, then narrows the bracket: by the
 * Illinois variant of regula falsi on ln ARL for a normal process (ARL is smooth in h; the result
 * is within 1e-10 relative of the root, ARL(h) ≥ arl0), and by bisection for a Bernoulli process,
 * whose ARL jumps wherever h crosses a reachable value of S. There the answer lies 1e-8 to 1e-6
 * relative above the jump, never on it, because at h exactly on a reachable value the alarm
 * S > h would be decided by floating-point rounding in the running sum.
 *
 * Reference: https://search.r-project.org/CRAN/refmans/spc/html/xcusum.crit.html;
 * D. M. Hawkins, D. H. Olwell, Cumulative Sum Charts and Charting for Quality Improvement,
 * Springer 1998, §3.
 *
 * O(log(1/tolerance)) ARL evaluations: ~10 for a normal process (a few ms), ~30 for a Bernoulli
 * process (a few ms).
 *
 * @example
 * cusumThreshold({ k: 0.5, arl0: 370 }); // => 4.095448548887142 (ARL 370.0000000000)
 * // A 90%-accurate 0/1 stream: S moves on multiples of 5/6, so ARL0 jumps from 312.3 to 515.3 at h = 20/3.
 * cusumThreshold({ k: 0.5, arl0: 370, process: { kind: 'bernoulli', target: 0.9, p: 0.9 } }); // => 6.666667051224775
 */
export function cusumThreshold(options: CusumThresholdOptions): number {
  const { k, arl0 } = options;
  const process: CusumProcess = options.process ?? { kind: 'normal', shift: 0 };
  if (!(Number.isFinite(k) && k >= 0)) throw new Error(`cusumThreshold requires a finite k >= 0 (got ${k})`);
  if (!(Number.isFinite(arl0) && arl0 >= 1)) throw new Error(`cusumThreshold requires a finite arl0 >= 1 (got ${arl0})`);

  const floor = runLength(k, H_MIN, process, arl0);
  if (floor === Infinity) {
    throw new Error('cusumThreshold requires a process that can raise an alarm (here S never leaves 0)');
  }
  if (floor >= arl0) {
    throw new Error(`cusumThreshold requires arl0 above ${floor}, the run length as h → 0 (got ${arl0})`);
  }

  let lo = H_MIN;
  let arlLo = floor;
  let hi = 1;
  let arlHi = runLength(k, hi, process, arl0);
  while (arlHi < arl0) {
    lo = hi;
    arlLo = arlHi;
    hi *= 2;
    arlHi = runLength(k, hi, process, arl0);
  }

  if (process.kind === 'bernoulli') {
    while (hi - lo > BERNOULLI_TOLERANCE * hi) {
      const mid = 0.5 * (lo + hi);
      if (runLength(k, mid, process, arl0) >= arl0) hi = mid;
      else lo = mid;
    }
    return hi * (1 + BERNOULLI_MARGIN);
  }

  // ln ARL is smooth in h: regula falsi on it converges in a handful of ARL evaluations.
  const target = Math.log(arl0);
  const gap = (h: number) => Math.log(runLength(k, h, process, arl0)) - target;
  return increasingRoot(gap, lo, hi, { relativeTolerance: NORMAL_TOLERANCE, fLo: Math.log(arlLo) - target, fHi: Math.log(arlHi) - target });
}
