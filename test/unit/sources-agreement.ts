/**
 * The agreement of two drift sources: every count equal, every other number within a relative
 * tolerance. Shared by the DuckDB agreement test (and any SQL engine's).
 */
import { loadTable, type Table } from '../../src/core/data/index';
import type { ComparisonQuestion, DriftSource, NumericComparisonQuestion, Profile, ProfileQuestion } from '../../src/core/sources/driftQuestions';
import { memorySource } from '../../src/core/sources/memorySource';

export const PROFILE_QUESTION: ProfileQuestion = {
  quantileProbabilities: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9],
  // Memory lists every category; the SQL sources stop at maxCategories (the contract).
  maxCategories: 1_000_000,
};

/** A round-2 question asking everything of every column both files share: what the report could ask. */
export function everythingQuestion(profile: Profile): ComparisonQuestion {
  const numeric: NumericComparisonQuestion[] = [];
  const identifiers: string[] = [];
  const valueCounts: string[] = [];
  const asCategories: string[] = [];
  profile.reference.forEach((ref) => {
    const cur = profile.current.find((c) => c.name === ref.name);
    if (!cur) return;
    identifiers.push(ref.name);
    asCategories.push(ref.name);
    if (ref.kind !== 'numeric' || cur.kind !== 'numeric' || ref.count === 0 || cur.count === 0) return;
    valueCounts.push(ref.name);
    const lo = Math.min(ref.min!, cur.min!);
    const hi = Math.max(ref.max!, cur.max!);
    const bins = 7;
    const histogramEdges = lo === hi ? [lo - 0.5, lo + 0.5] : Array.from({ length: bins + 1 }, (_, j) => (j === bins ? hi : lo + ((hi - lo) * j) / bins));
    // Values near ±1e308 overflow the width: the report would not draw such a histogram either.
    if (!histogramEdges.every(Number.isFinite)) return;
    const inner = [...new Set(ref.quantiles)].filter((v) => v > ref.min! && v <= ref.max!);
    const withEdges = numeric.length % 2 === 0;
    numeric.push({
      name: ref.name,
      psiEdges: withEdges ? [null, ...inner, null] : null,
      histogramEdges,
      ecdfPoints: numeric.length % 3 === 0 ? 5 : 200,
      extremes: ref.std === null || !Number.isFinite(ref.mean! + 2 * ref.std) ? null : { mean: ref.mean!, limit: 2 * ref.std, min: ref.min!, max: ref.max! },
      // Both shapes of the walk on every kind of column: the values counted first (the true
      // distinct count, small in every fixture), or the rows (a count too large for that).
      pooledDistinct: numeric.length % 4 < 2 ? ref.distinct + cur.distinct : Number.MAX_SAFE_INTEGER,
      finiteCounts: { reference: ref.count, current: cur.count },
    });
  });
  return { numeric, identifiers, valueCounts, asCategories };
}

export interface Disagreement {
  readonly path: string;
  readonly memory: unknown;
  readonly other: unknown;
}

/** Walks two answers; returns the disagreements and the largest relative difference of floats. */
export function compareAnswers(
  memory: unknown,
  other: unknown,
  tolerance: number,
  /** The magnitude a float at `path` is relative to, when not itself (a mean: the values' magnitude). */
  scaleAt: (path: string) => number | undefined = () => undefined,
): { problems: Disagreement[]; largest: number; largestAt: string } {
  const problems: Disagreement[] = [];
  let largest = 0;
  let largestAt = '';
  const walk = (a: unknown, b: unknown, path: string, isCount: boolean): void => {
    if (typeof a === 'number' && typeof b === 'number') {
      // Subnormal results (5e-324 against 0) come from the quantile interpolation formulas differing.
      if (a === b || Math.abs(a - b) < 1e-300) return;
      if (isCount || (Number.isInteger(a) && Number.isInteger(b) && a === b)) {
        if (a !== b) problems.push({ path, memory: a, other: b });
        return;
      }
      const scale = scaleAt(path) ?? Math.max(Math.abs(a), Math.abs(b));
      const relative = scale === 0 ? 0 : Math.abs(a - b) / scale;
      if (relative > largest) {
        largest = relative;
        largestAt = path;
      }
      if (relative > tolerance) problems.push({ path, memory: a, other: b });
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) {
        problems.push({ path: `${path}.length`, memory: a.length, other: b.length });
        return;
      }
      a.forEach((item, i) => walk(item, b[i], `${path}[${i}]`, isCount));
      return;
    }
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) {
        walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, COUNT_FIELDS.has(key));
      }
      return;
    }
    if (a !== b) problems.push({ path, memory: a, other: b });
  };
  walk(memory, other, '', false);
  return { problems, largest, largestAt };
}

/** Fields that are counts (exact) even where a JSON walk cannot tell them from floats. */
const COUNT_FIELDS = new Set(['count', 'missing', 'nonFinite', 'distinct', 'rows', 'psiCounts', 'histogramCounts', 'ksLocationCounts', 'extremes']);

/**
 * A mean is compared relative to the largest |value| of its column: the mean of values that
 * cancel (standardized data, mean ~1e-17) is a difference of large sums, and two correct
 * summation orders differ there by a rounding of the values, not of the mean.
 */
export function meanScales(profile: Profile): (path: string) => number | undefined {
  const scales = new Map<string, number>();
  for (const side of ['reference', 'current'] as const) {
    profile[side].forEach((column, i) => {
      if (column.kind === 'numeric' && column.min !== null && column.max !== null) {
        scales.set(`.${side}[${i}].mean`, Math.max(Math.abs(column.min), Math.abs(column.max)));
      }
    });
  }
  return (path) => scales.get(path);
}

/** Both rounds from the memory source and from `other`, over the same two files. */
export async function bothAnswers(referencePath: string, currentPath: string, other: DriftSource) {
  const [reference, current]: Table[] = [await loadTable(referencePath), await loadTable(currentPath)];
  const memory = memorySource(reference, current);
  const memoryProfile = memory.profile(PROFILE_QUESTION);
  const otherProfile = await other.profile(PROFILE_QUESTION);
  const question = everythingQuestion(memoryProfile);
  return {
    memoryProfile,
    otherProfile,
    question,
    memoryComparison: memory.compare(question),
    otherComparison: await other.compare(question),
  };
}
