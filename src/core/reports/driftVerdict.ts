/**
 * The drift verdict rules: what a column's status claims, decided here and only here.
 *
 * A status answers "did this column change by a material amount, and is the evidence strong
 * enough at these sample sizes?". The seed's numbers stay the meaning of material (PSI above 0.1
 * alerts, above 0.25 is rollback-level, a test's p <= 0.01 fails); what changed is that each one
 * is now weighed against the noise of the sample at hand:
 *
 * - PSI is debiased by its expected sampling noise, (bins − 1)(1/n₁ + 1/n₂) (Yurdakul 2018:
 *   n₁n₂/(n₁+n₂) · PSI is asymptotically χ²(bins − 1) when nothing changed), and counts as
 *   "beyond noise" only when the chi-square test over the same bins says so at alpha.
 * - A significant test with a PSI below the effect-size floor is "detectable but small".
 * - Samples too small to detect even a rollback-level PSI are "insufficient data".
 * - The missing share is part of the verdict (the data-pipeline pattern's null handling).
 *
 * Rules, first match wins for the status (every rule that fires is listed in `triggers`):
 * 1. drift: the column's test (KS for numbers, chi-square for categories) has p <= alpha and
 *    the debiased PSI is at least `minEffect` — the seed's test rule, without negligible changes;
 * 2. drift: PSI beyond noise and its debiased value above `psiDrift` — the seed's rollback level;
 * 3. drift: the missing share changed beyond noise by more than `psiDrift` (PSI of missing vs present);
 * 4. warning: PSI beyond noise and its debiased value above `psiWarning` — the seed's alert level;
 * 5. warning: the missing share rose above `missingBudget`, beyond noise;
 * 6. small: a test or the PSI noise check is significant, but none of the above;
 * 7. insufficient: the smallest PSI these sample sizes can tell from noise is above `psiDrift`;
 * 8. ok.
 *
 * `npm run verdicts` measures how often each status is wrong, per regime; README.md shows the table.
 */

import { populationStabilityIndexNoise } from '../stats/index';
import type { DetectableChange, DriftStatus, DriftTrigger, MissingChange, PsiNoise } from './types';
import type { DriftOptions } from './options';
import { formatMeasure, formatPValue, formatPercent, formatStatistic, missingChangeText, pValueName } from './vocabulary';

export interface VerdictInput {
  /** The column's test and its p-value after the multiple-testing correction. */
  readonly test: 'ks' | 'chi-square';
  readonly pValue: number;
  readonly psi: number;
  /** PSI bins with data on at least one side. */
  readonly bins: number;
  /** Values on each side. */
  readonly referenceSize: number;
  readonly currentSize: number;
  /** p-value of the chi-square test over the PSI bins; null when that test is not valid here. */
  readonly psiTestPValue: number | null;
  readonly missing: MissingChange;
  /** Smallest detectable KS distance (numeric columns). */
  readonly ksDetectable?: number;
  /** Both files hold one and the same single value: nothing can have changed. */
  readonly identicalConstant: boolean;
  /** Wasserstein over the reference sd, to put a small change in the column's own units. */
  readonly wassersteinNormalized?: number | null;
}

export interface Verdict {
  readonly status: DriftStatus;
  readonly triggers: readonly DriftTrigger[];
  readonly reason: string;
  readonly psiDebiased: number;
  readonly psiNoise: PsiNoise;
  readonly psiBeyondNoise: boolean | null;
  readonly detectable: DetectableChange;
}

type Options = Pick<DriftOptions, 'alpha' | 'psiWarning' | 'psiDrift' | 'minEffect' | 'missingBudget' | 'correction'>;

/**
 * The status of one column from its measurements (see the rules above), with the sentence that
 * explains it.
 *
 * @example
 * judgeColumn({ test: 'ks', pValue: 1e-12, psi: 0.31, bins: 10, referenceSize: 1000, currentSize: 1000, ... }, options).status; // 'drift'
 */
export function judgeColumn(input: VerdictInput, options: Options): Verdict {
  const { alpha } = options;
  const noise = populationStabilityIndexNoise({ bins: Math.max(1, input.bins), referenceSize: input.referenceSize, currentSize: input.currentSize, alpha });
  const psiDebiased = Math.max(0, input.psi - noise.expected);
  const psiBeyondNoise = input.psiTestPValue === null ? null : input.psiTestPValue <= alpha;
  const detectablePsi = Number.isFinite(noise.critical) ? Math.max(0, noise.critical - noise.expected) : null;
  const detectable: DetectableChange = { psi: detectablePsi, ...(input.ksDetectable !== undefined ? { ks: input.ksDetectable } : {}) };
  const psiNoise: PsiNoise = { expected: noise.expected, critical: Number.isFinite(noise.critical) ? noise.critical : null };

  const testSignificant = input.pValue <= alpha;
  const missing = input.missing;
  const missingSignificant = missing.pValue <= alpha;
  const fired = {
    test: testSignificant && psiDebiased >= options.minEffect,
    psiDrift: psiBeyondNoise === true && psiDebiased > options.psiDrift,
    missingDrift: missingSignificant && missing.psi > options.psiDrift,
    psiWarning: psiBeyondNoise === true && psiDebiased > options.psiWarning,
    missingBudget: missingSignificant && missing.change > 0 && missing.current > options.missingBudget,
  };
  const triggers: DriftTrigger[] = [];
  if (fired.test || (testSignificant && !fired.psiDrift && !fired.psiWarning)) triggers.push(input.test);
  if (fired.psiDrift) triggers.push('psi-drift');
  else if (fired.psiWarning) triggers.push('psi-warning');
  if (fired.missingDrift) triggers.push('missing-drift');
  else if (fired.missingBudget) triggers.push('missing-budget');

  const words = new Reasons(input, options, psiDebiased, noise.expected);
  let status: DriftStatus;
  const reasons: string[] = [];
  if (fired.test || fired.psiDrift || fired.missingDrift) {
    status = 'drift';
    if (fired.test) reasons.push(words.testChange());
    if (fired.psiDrift && !fired.test) reasons.push(words.psiBeyondNoise(options.psiDrift, 'rollback'));
    if (fired.missingDrift) reasons.push(words.missingMoved());
  } else if (fired.psiWarning || fired.missingBudget) {
    status = 'warning';
    if (fired.psiWarning) reasons.push(words.psiBeyondNoise(options.psiWarning, 'alert'));
    if (fired.missingBudget) reasons.push(words.missingOverBudget());
  } else if (testSignificant || psiBeyondNoise === true) {
    status = 'small';
    reasons.push(words.negligible(testSignificant));
  } else if (input.identicalConstant) {
    status = 'ok';
    reasons.push('one and the same value in both files');
  } else if (detectablePsi === null || detectablePsi > options.psiDrift) {
    status = 'insufficient';
    reasons.push(words.tooFew(detectablePsi, input.ksDetectable));
  } else {
    status = 'ok';
    reasons.push(words.noise());
  }
  // A warning-level missing share is worth saying even when the values drifted.
  if (status === 'drift' && fired.missingBudget && !fired.missingDrift) reasons.push(words.missingOverBudget());
  return { status, triggers, reason: reasons.join('; '), psiDebiased, psiNoise, psiBeyondNoise, detectable };
}

/** The sentences of the verdict, from the numbers it weighed. */
class Reasons {
  constructor(
    private readonly input: VerdictInput,
    private readonly options: Options,
    private readonly psiDebiased: number,
    private readonly expected: number,
  ) {}

  private testWords(): string {
    const name = this.input.test === 'ks' ? 'KS' : 'chi-square';
    return `${name} ${pValueName(this.options.correction)} ${formatPValue(this.input.pValue)}`;
  }

  private psiWords(): string {
    return `PSI ${formatStatistic(this.input.psi)} (${formatStatistic(this.psiDebiased)} beyond the ${formatStatistic(this.expected)} expected from noise)`;
  }

  private level(): string {
    const { psiDrift, psiWarning, minEffect } = this.options;
    if (this.psiDebiased > psiDrift) return `above the ${formatMeasure(psiDrift)} rollback level`;
    if (this.psiDebiased > psiWarning) return `above the ${formatMeasure(psiWarning)} alert level`;
    return `at least the ${formatMeasure(minEffect)} effect-size floor`;
  }

  testChange(): string {
    return `${this.testWords()} ≤ ${formatMeasure(this.options.alpha)} and ${this.psiWords()}, ${this.level()}`;
  }

  psiBeyondNoise(threshold: number, name: 'rollback' | 'alert'): string {
    const test = this.input.pValue <= this.options.alpha ? '' : `, though ${this.testWords()} > ${formatMeasure(this.options.alpha)}`;
    return `${this.psiWords()} is beyond its noise and above the ${formatMeasure(threshold)} ${name} level${test}`;
  }

  missingMoved(): string {
    const m = this.input.missing;
    return `missing values ${missingChangeText(m.reference, m.current)} (PSI ${formatStatistic(m.psi)}, above the ${formatMeasure(this.options.psiDrift)} rollback level)`;
  }

  missingOverBudget(): string {
    const m = this.input.missing;
    return `missing values rose ${missingChangeText(m.reference, m.current)}, above the ${formatPercent(this.options.missingBudget)} budget`;
  }

  negligible(testSignificant: boolean): string {
    const evidence = testSignificant ? `${this.testWords()} ≤ ${formatMeasure(this.options.alpha)}` : 'PSI is beyond its noise';
    const w = this.input.wassersteinNormalized;
    const size = w === undefined || w === null ? '' : `, a shift of ${formatMeasure(w)} standard deviations`;
    return `detectable but small: ${evidence}, but ${this.psiWords()} is below the ${formatMeasure(this.options.minEffect)} effect-size floor${size}`;
  }

  tooFew(detectablePsi: number | null, ks: number | undefined): string {
    const sizes = `${this.input.referenceSize.toLocaleString('en-US')} and ${this.input.currentSize.toLocaleString('en-US')} values`;
    if (detectablePsi === null) return `too few values to compare: every category is too rare on one side (${sizes})`;
    const ksWords = ks === undefined ? '' : ` (KS distance ${formatStatistic(ks)})`;
    return `too few values to judge (${sizes}): the smallest change they can detect is PSI ${formatStatistic(detectablePsi)}${ksWords}, above the ${formatMeasure(this.options.psiDrift)} rollback level`;
  }

  noise(): string {
    return `no change beyond noise: ${this.testWords()}, ${this.psiWords()}`;
  }
}
