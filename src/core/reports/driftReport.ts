/**
 * The drift report: every feature column of a reference table compared with the same column of a
 * current table — the numbers the CLI prints, CI gates on and the panel charts.
 *
 * Each column first gets a role (`options.columnRoles`, else detected by `inferColumnRole`):
 * features are measured and judged; identifiers get the share of current ids never seen in the
 * reference, time columns each file's time range, the label its class balance (the seed's label
 * check); none of those is drift-tested.
 *
 * Numeric features: two-sample KS, PSI over reference-quantile bins (or one bin per value when
 * the reference has no more distinct values than bins, rare values pooled), Wasserstein-1 (also
 * over the reference sd), Jensen-Shannon over the PSI bins, extreme values, the missing share,
 * and a distribution summary for the charts. Categorical features: chi-square and PSI over the
 * categories with rare levels pooled. `driftVerdict.ts` decides each status.
 */

import { inferColumnRole, timeRange, unseenShare, type CategoricalColumn, type Column, type NumericColumn, type Table } from '../data/index';
import {
  benjaminiHochberg,
  bonferroni,
  categoricalPsi,
  chiSquareHomogeneity,
  compareCategories,
  extremeValuesSorted,
  jensenShannonDistance,
  ksTwoSampleCriticalDistance,
  ksTwoSampleSorted,
  labelDistribution,
  linearQuantileSorted,
  meanAndStandardDeviation,
  poolRareCategories,
  populationStabilityIndexSorted,
  sortedFinite,
  wassersteinDistanceSorted,
  type CategoryValue,
} from '../stats/index';
import { requireRows } from './columnValues';
import { distributionSummary } from './distributionSummary';
import { judgeColumn } from './driftVerdict';
import { resolveDriftOptions, type ColumnRole, type DRIFT_OPTIONS, type OptionInput } from './options';
import { ReportInputError } from './reportInputError';
import {
  REPORT_SCHEMA_VERSION,
  type CategoricalDriftColumn,
  type CategoricalSide,
  type CategoryShare,
  type DriftBinning,
  type DriftColumn,
  type DriftReport,
  type DriftReportSettings,
  type DriftSummary,
  type KindMismatch,
  type LabelReport,
  type LabelSide,
  type MissingChange,
  type NumericDriftColumn,
  type NumericSide,
  type PsiBinSummary,
  type SideCounts,
  type SkippedColumn,
} from './types';
import { STATUS_RANK, formatInstant, formatPercent, plural, pooledName } from './vocabulary';

/** Share that replaces an empty PSI bin (STATS.md). */
const PSI_EPSILON = 1e-4;
/** A level (category or value) is pooled when expected fewer times than this on the smaller side. */
const MIN_EXPECTED_PER_LEVEL = 5;
/** The PSI noise check over quantile bins needs this many reference values per bin (below, the bins themselves are noise), and MIN_EXPECTED_PER_LEVEL current ones. */
const MIN_REFERENCE_PER_BIN = 10;
/** Column names taken for the label when none is given: the usual names of a target column. */
const LABEL_NAMES = /^(label|target|y|y_true|ground_truth|outcome|class_label)$/i;

/** What the caller may set: the schema's options, plus what only a program passes. */
export type DriftReportInput = OptionInput<typeof DRIFT_OPTIONS> & {
  /** The label (target) column: its class balance is checked, it is not drift-tested. */
  readonly label?: string | null;
  /**
   * Columns that one file holds as numbers and the other as text, already read as text from both
   * (what `loadDriftTables` returns): the report notes them as compared as categories.
   */
  readonly kindMismatches?: readonly KindMismatch[];
};

/** A column measured, before the p-values are adjusted and the verdict is made. */
type Measured = (
  | Omit<NumericDriftColumn, 'status' | 'triggers' | 'reason' | 'psiDebiased' | 'psiNoise' | 'psiBeyondNoise' | 'pValue' | 'adjustedPValue' | 'detectable'>
  | Omit<CategoricalDriftColumn, 'status' | 'triggers' | 'reason' | 'psiDebiased' | 'psiNoise' | 'psiBeyondNoise' | 'pValue' | 'adjustedPValue' | 'detectable'>
) & {
  readonly verdictInput: {
    readonly bins: number;
    readonly psiTestPValue: number | null;
    readonly identicalConstant: boolean;
    readonly ksDetectable?: number;
  };
};

function sideCounts(table: Table, column: Column): SideCounts {
  return { count: table.rowCount - column.missing, missing: column.missing };
}

/** The column's finite values sorted: the loader's copy when it made one, else sorted into `buffer`. */
function sortedValues(column: NumericColumn, buffer: { array: Float64Array }): Float64Array {
  if (column.sortedFinite) return column.sortedFinite;
  const count = column.values.length - column.missing;
  if (buffer.array.length < count) buffer.array = new Float64Array(count);
  return sortedFinite(column.values, buffer.array);
}

function distinctSorted(sorted: Float64Array): number {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

function numericSide(column: NumericColumn, sorted: Float64Array): NumericSide {
  // Sums run over the sorted values (no second copy in row order): equal to pandas' mean and
  // std to ~1e-16 relative, which is all a descriptive summary needs.
  const { mean, standardDeviation } = meanAndStandardDeviation(sorted);
  return {
    count: sorted.length,
    missing: column.missing,
    nonFinite: column.nonFinite,
    mean,
    std: standardDeviation,
    min: sorted[0],
    median: linearQuantileSorted(sorted, 0.5),
    max: sorted[sorted.length - 1],
    distinct: distinctSorted(sorted),
  };
}

/** The missing share of each side and whether its change is beyond noise (chi-square of missing vs present). */
function missingChange(reference: SideCounts, current: SideCounts): MissingChange {
  const rows = (side: SideCounts) => side.count + side.missing;
  const share = (side: SideCounts) => (rows(side) === 0 ? 0 : side.missing / rows(side));
  const counts = (side: SideCounts) => new Map([['missing', side.missing], ['present', side.count]]);
  const chi = chiSquareHomogeneity(counts(reference), counts(current));
  const psi = categoricalPsi(counts(reference), counts(current), { epsilon: PSI_EPSILON }).value;
  return { reference: share(reference), current: share(current), change: share(current) - share(reference), pValue: chi.pValue, psi };
}

/** Counts of each distinct value of a sorted sample, keyed by its decimal text. */
function valueCounts(sorted: Float64Array): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    counts.set(String(sorted[i]), j - i);
    i = j;
  }
  return counts;
}

interface Bins {
  readonly bins: PsiBinSummary[];
  readonly psi: number;
  readonly binning: DriftBinning;
  /** The chi-square test over these bins, when it is a valid check of the PSI's noise. */
  readonly psiTestPValue: number | null;
}

/** One bin per distinct value (both files), rare values pooled: PSI and chi-square over them. */
function perValueBins(refSorted: Float64Array, curSorted: Float64Array): Bins {
  const pooled = poolRareCategories(valueCounts(refSorted), valueCounts(curSorted), { minExpected: MIN_EXPECTED_PER_LEVEL });
  const psi = categoricalPsi(pooled.referenceCounts, pooled.currentCounts, { epsilon: PSI_EPSILON });
  const chi = chiSquareHomogeneity(pooled.referenceCounts, pooled.currentCounts);
  const bins = psi.categories
    .map((c): PsiBinSummary => {
      const value = c.category === pooled.otherKey ? null : Number(c.category);
      return {
        lower: value,
        upper: value,
        referenceCount: c.referenceCount,
        currentCount: c.currentCount,
        referenceShare: c.referenceShare,
        currentShare: c.currentShare,
        contribution: c.contribution,
        ...(value === null ? { pooled: pooled.pooled.length } : {}),
      };
    })
    .sort((a, b) => (a.lower === null ? 1 : b.lower === null ? -1 : a.lower - b.lower));
  return { bins, psi: psi.value, binning: 'values', psiTestPValue: chi.dof > 0 ? chi.pValue : null };
}

function strategyBins(refSorted: Float64Array, curSorted: Float64Array, settings: DriftReportSettings): Bins {
  const psi = populationStabilityIndexSorted(refSorted, curSorted, { bins: settings.psiBins, strategy: settings.psiStrategy, epsilon: PSI_EPSILON });
  const bins = psi.bins.map(
    (b): PsiBinSummary => ({
      lower: Number.isFinite(b.lower) ? b.lower : null,
      upper: Number.isFinite(b.upper) ? b.upper : null,
      referenceCount: b.referenceCount,
      currentCount: b.currentCount,
      referenceShare: b.referenceShare,
      currentShare: b.currentShare,
      contribution: b.contribution,
    }),
  );
  // Quantile bins of a small reference are themselves noisy, and a chi-square over a few current
  // values per bin is far from its asymptotic law: either way it would mistake noise for a change,
  // so below 10 reference and 5 current values per bin only the KS test judges.
  const valid = refSorted.length >= MIN_REFERENCE_PER_BIN * bins.length && curSorted.length >= MIN_EXPECTED_PER_LEVEL * bins.length;
  const counts = (side: 'referenceCount' | 'currentCount') => new Map(bins.map((b, j) => [String(j), b[side]]));
  const chi = valid ? chiSquareHomogeneity(counts('referenceCount'), counts('currentCount')) : null;
  return { bins, psi: psi.value, binning: settings.psiStrategy, psiTestPValue: chi && chi.dof > 0 ? chi.pValue : null };
}

function measureNumeric(
  reference: NumericColumn,
  current: NumericColumn,
  settings: DriftReportSettings,
  buffers: { reference: { array: Float64Array }; current: { array: Float64Array } },
  note: string | undefined,
): Measured {
  const refSorted = sortedValues(reference, buffers.reference);
  const curSorted = sortedValues(current, buffers.current);
  const referenceSide = numericSide(reference, refSorted);
  const currentSide = numericSide(current, curSorted);
  // ksTwoSampleSorted checks (in linear time) that both arrays are sorted and finite.
  const ks = ksTwoSampleSorted(refSorted, curSorted);
  const binned = referenceSide.distinct <= settings.psiBins ? perValueBins(refSorted, curSorted) : strategyBins(refSorted, curSorted, settings);
  const jensenShannon = jensenShannonDistance(
    binned.bins.map((b) => b.referenceShare),
    binned.bins.map((b) => b.currentShare),
  );
  const wasserstein = wassersteinDistanceSorted(refSorted, curSorted);
  const extremes = referenceSide.std === null ? null : extremeValuesSorted(refSorted, curSorted, { sigmas: settings.extremeSigmas });
  const identicalConstant = referenceSide.distinct === 1 && currentSide.distinct === 1 && refSorted[0] === curSorted[0];
  return {
    name: reference.name,
    kind: 'numeric',
    reference: referenceSide,
    current: currentSide,
    ks: { statistic: ks.statistic, pValue: ks.pValue, method: ks.method },
    psi: binned.psi,
    psiBins: binned.bins,
    binning: binned.binning,
    wasserstein,
    wassersteinNormalized: referenceSide.std !== null && referenceSide.std > 0 ? wasserstein / referenceSide.std : null,
    jensenShannon,
    extremeValues: extremes && {
      sigmas: settings.extremeSigmas,
      lowerLimit: extremes.lowerLimit,
      upperLimit: extremes.upperLimit,
      beyondSigmas: extremes.beyondSigmas,
      outsideRange: extremes.outsideRange,
    },
    distribution: distributionSummary(refSorted, curSorted),
    missing: missingChange(referenceSide, currentSide),
    ...(note ? { note } : {}),
    verdictInput: {
      bins: binned.bins.filter((b) => b.referenceCount + b.currentCount > 0).length,
      psiTestPValue: binned.psiTestPValue,
      identicalConstant,
      ksDetectable: ksTwoSampleCriticalDistance(refSorted.length, curSorted.length, settings.alpha),
    },
  };
}

/**
 * Counts per category, for the categories that occur. Categories are distinct by the `Table`
 * contract; two with one name (text decoded lossily) would make one count overwrite the other,
 * rows vanishing without a word, so that is an internal error rather than a number.
 */
function categoryCounts(source: string, column: CategoricalColumn): Map<string, number> {
  const counts = new Int32Array(column.categories.length);
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  const map = new Map<string, number>();
  const codeOf = new Map<string, number>();
  column.categories.forEach((category, code) => {
    const first = codeOf.get(category);
    if (first !== undefined) {
      throw new Error(
        `${source} column ${JSON.stringify(column.name)} has two categories named ${JSON.stringify(category)} (codes ${first} and ${code}): ` +
          'a loader broke the invariant that categories are distinct',
      );
    }
    codeOf.set(category, code);
    if (counts[code] > 0) map.set(category, counts[code]);
  });
  return map;
}

/**
 * A numeric column as categories, each value written as JavaScript writes the number (`1`, `0.5`).
 * Used only when a caller hands over tables whose kinds disagree; `loadDriftTables` avoids it by
 * reading such a column as text from both files, which keeps the spelling of the file.
 */
export function numericAsCategorical(column: NumericColumn): CategoricalColumn {
  const index = new Map<string, number>();
  const codes = new Int32Array(column.values.length);
  column.values.forEach((v, i) => {
    if (Number.isNaN(v)) {
      codes[i] = -1;
      return;
    }
    const key = String(v);
    let code = index.get(key);
    if (code === undefined) {
      code = index.size;
      index.set(key, code);
    }
    codes[i] = code;
  });
  // Codes follow first appearance; re-code so categories are sorted, as the loaders keep them.
  const firstSeen = [...index.keys()];
  const categories = [...firstSeen].sort(compareCategories);
  const recode = Int32Array.from(firstSeen, (name) => categories.indexOf(name));
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = recode[codes[i]];
  return { kind: 'categorical', name: column.name, codes, categories, missing: column.missing };
}

function measureCategorical(
  reference: CategoricalColumn,
  current: CategoricalColumn,
  settings: DriftReportSettings,
  kindMismatch: CategoricalDriftColumn['kindMismatch'],
  note: string | undefined,
  sources: { readonly reference: string; readonly current: string },
): Measured {
  const refCounts = categoryCounts(sources.reference, reference);
  const curCounts = categoryCounts(sources.current, current);
  const pooled = poolRareCategories(refCounts, curCounts, { minExpected: MIN_EXPECTED_PER_LEVEL });
  const chi = chiSquareHomogeneity(pooled.referenceCounts, pooled.currentCounts);
  const psi = categoricalPsi(pooled.referenceCounts, pooled.currentCounts, { epsilon: PSI_EPSILON });
  const ranked = [...psi.categories].sort((a, b) => b.contribution - a.contribution || compareCategories(a.category, b.category));
  const psiCategories: CategoryShare[] = ranked.slice(0, settings.maxCategories).map((c) => ({
    category: c.category === pooled.otherKey ? pooledName(pooled.pooled.length, 'categories') : c.category,
    referenceCount: c.referenceCount,
    currentCount: c.currentCount,
    referenceShare: c.referenceShare,
    currentShare: c.currentShare,
    contribution: c.contribution,
    ...(c.category === pooled.otherKey ? { pooled: pooled.pooled.length } : {}),
  }));
  const refSide: CategoricalSide = { count: sum(refCounts), missing: reference.missing, categories: refCounts.size };
  const curSide: CategoricalSide = { count: sum(curCounts), missing: current.missing, categories: curCounts.size };
  const union = new Set([...refCounts.keys(), ...curCounts.keys()]);
  return {
    name: reference.name,
    kind: 'categorical',
    reference: refSide,
    current: curSide,
    chiSquare: { statistic: chi.statistic, pValue: chi.pValue, dof: chi.dof },
    psi: psi.value,
    psiCategories,
    binning: 'categories',
    omittedCategories: ranked.length - psiCategories.length,
    newCategories: [...curCounts.keys()].filter((c) => !refCounts.has(c)).length,
    vanishedCategories: [...refCounts.keys()].filter((c) => !curCounts.has(c)).length,
    missing: missingChange(refSide, curSide),
    ...(kindMismatch ? { kindMismatch } : {}),
    ...(note ? { note } : {}),
    verdictInput: {
      bins: pooled.referenceCounts.size,
      psiTestPValue: chi.dof > 0 ? chi.pValue : null,
      identicalConstant: union.size === 1,
    },
  };
}

function sum(counts: Map<string, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  return total;
}

function labelValues(column: Column): ArrayLike<CategoryValue> {
  if (column.kind === 'numeric') return column.values;
  return Array.from(column.codes, (code) => (code < 0 ? null : column.categories[code]));
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share >= 0.995 && share < 1 ? 1 : 0)}%`;
}

function labelReport(name: string, source: LabelReport['source'], reference: Table, current: Table, maxClasses: number): LabelReport {
  const refColumn = reference.columns.find((c) => c.name === name);
  const curColumn = current.columns.find((c) => c.name === name);
  if (!refColumn && !curColumn) {
    throw new ReportInputError({
      file: reference.source,
      column: name,
      message:
        `Neither ${reference.source} nor ${current.source} has a label column ${JSON.stringify(name)}: ` +
        `check the name (names are case-sensitive), or leave the label out`,
    });
  }
  const refDist = refColumn && labelDistribution(labelValues(refColumn));
  const curDist = curColumn && labelDistribution(labelValues(curColumn));
  const union = new Set([...(refDist?.classes ?? []), ...(curDist?.classes ?? [])].map((c) => c.label));
  const side = (dist: typeof refDist): LabelSide | null =>
    dist
      ? {
          rows: dist.total,
          missing: dist.missing,
          classCount: dist.classes.length,
          classes: dist.classes.slice(0, maxClasses).map((c) => ({ label: c.label, count: c.count, share: c.share })),
          largestShare: dist.largestShare,
          allPresent: dist.classes.length === union.size,
          ok: dist.ok && dist.classes.length === union.size,
        }
      : null;
  const refSide = side(refDist);
  const curSide = side(curDist);
  const problems: string[] = [];
  const notes: string[] = [];
  for (const [table, labelSide, other] of [
    [reference, refSide, curSide],
    [current, curSide, refSide],
  ] as const) {
    if (!labelSide) {
      // Production data usually has no labels yet (they arrive later): a note, not a failure.
      notes.push(`${table.source} has no column ${JSON.stringify(name)}`);
      continue;
    }
    if (labelSide.classCount === 0) {
      problems.push(`${table.source} has no labels`);
      continue;
    }
    if (!labelSide.allPresent && other) {
      const present = new Set(labelSide.classes.map((c) => c.label));
      const absent = [...union].filter((c) => !present.has(c)).sort(compareCategories);
      problems.push(`class ${absent.map((c) => JSON.stringify(c)).join(', ')} absent from ${table.source}`);
    }
    if (labelSide.largestShare >= 0.9) {
      problems.push(`class ${JSON.stringify(labelSide.classes[0].label)} is ${percent(labelSide.largestShare)} of ${table.source} (limit 90%)`);
    }
  }
  const ok = (refSide?.ok ?? true) && (curSide?.ok ?? true);
  const checked = [refSide && reference.source, curSide && current.source].filter(Boolean).join(' and ');
  const message = [problems.length === 0 ? `every class present, none above 90% in ${checked}` : problems.join('; '), ...notes].join('; ');
  return { name, source, reference: refSide, current: curSide, ok, message };
}

/** ISO 8601 of an epoch-millisecond instant, or null when it is outside what a Date holds. */
function isoTime(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function timeSide(column: Column | undefined, sorted: Float64Array | undefined): { min: string; max: string } | null {
  if (!column) return null;
  const range = timeRange(column, sorted ? { sortedFinite: sorted } : {});
  if (!range) return null;
  const min = isoTime(range.min);
  const max = isoTime(range.max);
  return min && max ? { min, max } : null;
}

/** The role of a column: the user's, else the label's, else detected from its values and name. */
interface RoleDecision {
  readonly role: ColumnRole;
  readonly source: 'given' | 'detected';
  /** Why, for a role that is not `feature`. */
  readonly why: string;
}

function roleOf(
  name: string,
  settings: DriftReportSettings,
  labelSource: LabelReport['source'] | null,
  column: Column,
  sorted: Float64Array | undefined,
): RoleDecision {
  const given = settings.columnRoles[name];
  if (given) return { role: given, source: 'given', why: 'set by the user' };
  if (name === settings.label) return { role: 'label', source: labelSource ?? 'given', why: labelSource === 'detected' ? 'named like a label' : 'set by the user' };
  const guess = inferColumnRole(column, sorted ? { sortedFinite: sorted } : {});
  return { role: guess.role, source: 'detected', why: guess.reason };
}

/** The label column: given (option or role), else the first column named like one. */
function findLabel(settings: DriftReportSettings, reference: Table, current: Table, given: string | null | undefined): { name: string; source: LabelReport['source'] } | null {
  const byRole = Object.entries(settings.columnRoles).filter(([, role]) => role === 'label').map(([name]) => name);
  const named = given ?? null;
  const all = [...new Set([...(named !== null ? [named] : []), ...byRole])];
  if (all.length > 1) {
    throw new ReportInputError({
      file: reference.source,
      column: all[1],
      message: `more than one label column (${all.map((n) => JSON.stringify(n)).join(', ')}): give one label, and the other columns another role`,
    });
  }
  if (all.length === 1) return { name: all[0], source: 'given' };
  const names = [...reference.columns, ...current.columns].map((c) => c.name);
  const detected = names.find((n) => LABEL_NAMES.test(n) && settings.columnRoles[n] === undefined);
  return detected === undefined ? null : { name: detected, source: 'detected' };
}

function skipForRole(
  name: string,
  decision: RoleDecision,
  reference: Table,
  current: Table,
  ref: Column,
  cur: Column,
  sorted: { reference?: Float64Array; current?: Float64Array },
): SkippedColumn {
  const counts = { reference: sideCounts(reference, ref), current: sideCounts(current, cur) };
  const base = { name, status: 'skipped' as const, role: decision.role, roleSource: decision.source, ...counts };
  const why = decision.source === 'given' ? 'set by the user' : `detected: ${decision.why}`;
  switch (decision.role) {
    case 'identifier': {
      const share = unseenShare(ref, cur, {
        ...(sorted.reference ? { referenceSortedFinite: sorted.reference } : {}),
        ...(sorted.current ? { currentSortedFinite: sorted.current } : {}),
      });
      const unseen = share === null ? '' : `; ${formatPercent(share)} of ${current.source}'s identifiers never occur in ${reference.source}`;
      return { ...base, reason: 'identifier', message: `${JSON.stringify(name)} is an identifier (${why}), not a feature${unseen}`, comparison: { kind: 'unseen-identifiers', unseenShare: share } };
    }
    case 'time': {
      const comparison = { kind: 'time-range' as const, reference: timeSide(ref, sorted.reference), current: timeSide(cur, sorted.current) };
      const range = (side: { min: string; max: string } | null, file: string) => (side ? `${file} ${formatInstant(side.min)} to ${formatInstant(side.max)}` : `${file} no time`);
      return {
        ...base,
        reason: 'time',
        message: `${JSON.stringify(name)} is a time column (${why}), not a feature: ${range(comparison.reference, reference.source)}; ${range(comparison.current, current.source)}`,
        comparison,
      };
    }
    default:
      return { ...base, reason: 'ignored', message: `${JSON.stringify(name)} is ignored (${why})` };
  }
}

function fileSummary(table: Table): DriftReport['reference'] {
  return { path: table.source, rows: table.rowCount, ...(table.encoding ? { encoding: table.encoding } : {}) };
}

/** Columns most severe first: drift, warning, insufficient, small, ok; within a status by PSI, largest first. */
export function bySeverity(columns: readonly DriftColumn[]): DriftColumn[] {
  return [...columns].sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status] || b.psi - a.psi);
}

function summarize(columns: readonly DriftColumn[], skipped: readonly SkippedColumn[]): DriftSummary {
  const count = (status: DriftColumn['status']) => columns.filter((c) => c.status === status).length;
  const drifted = count('drift');
  const warnings = count('warning');
  const small = count('small');
  const insufficient = count('insufficient');
  const ok = count('ok');
  const status = drifted > 0 ? 'drift' : warnings > 0 ? 'warning' : insufficient > 0 ? 'insufficient' : 'ok';
  const tested = plural(columns.length, 'tested column');
  const parts: string[] = [];
  if (drifted > 0) parts.push(`${drifted} of ${tested} drifted`);
  else if (warnings > 0) parts.push(`No column drifted; ${warnings} of ${tested} ${warnings === 1 ? 'warns' : 'warn'}`);
  else if (insufficient > 0) parts.push(`No drift found, but ${insufficient} of ${tested} ${insufficient === 1 ? 'has' : 'have'} too few values to judge`);
  else parts.push(`No drift: ${columns.length === 1 ? 'the tested column is' : `all ${tested} are`} stable at these sample sizes`);
  if (drifted > 0 && warnings > 0) parts.push(`${warnings} more ${warnings === 1 ? 'warns' : 'warn'}`);
  if ((drifted > 0 || warnings > 0) && insufficient > 0) parts.push(`${insufficient} with too few values to judge`);
  if (small > 0) parts.push(`${small} detectable but small`);
  if (skipped.length > 0) {
    const byRole = new Map<string, number>();
    for (const s of skipped) {
      const key =
        s.role === 'identifier'
          ? 'identifier'
          : s.role === 'time'
            ? 'time'
            : s.role === 'ignore'
              ? 'ignored'
              : s.reason === 'only-in-reference' || s.reason === 'only-in-current'
                ? 'in one file only'
                : 'without values on a side';
      byRole.set(key, (byRole.get(key) ?? 0) + 1);
    }
    parts.push(`${plural(skipped.length, 'column')} not tested (${[...byRole].map(([k, n]) => `${n} ${k}`).join(', ')})`);
  }
  return {
    columns: columns.length,
    drifted,
    warnings,
    small,
    insufficient,
    ok,
    skipped: skipped.length,
    status,
    shareDrifted: columns.length === 0 ? 0 : drifted / columns.length,
    verdict: `${parts.join('; ')}.`,
  };
}

/**
 * Compares every column the two tables share and reports drift per column and overall.
 *
 * Columns are matched by name. A column in only one table, one without values in a table, the
 * label, identifiers, time columns and ignored columns are not tested: they are listed in
 * `skipped` with the reason and, for roles, what was compared instead (the label in `label`).
 * A column read as numbers from one file and as text from the other is compared as categories
 * on both sides (`kindMismatch`, `note`). Throws `ReportInputError` when a table has no rows,
 * when a given label is in neither table, or when no column can be compared.
 *
 * Each numeric column is sorted once per side (or arrives sorted from the loader) and every
 * statistic reads the sorted copies: O(n log n) per column; the report holds no raw data
 * (a few kB per column).
 *
 * @example
 * const report = buildDriftReport(reference, current, { correction: 'bh' });
 * report.summary.verdict; // "2 of 5 tested columns drifted; ... (drift: BH-adjusted p ≤ 0.01 with ...)."
 */
export function buildDriftReport(reference: Table, current: Table, options: DriftReportInput = {}): DriftReport {
  const { label: givenLabel, kindMismatches, ...schemaOptions } = options;
  const resolved = resolveDriftOptions(schemaOptions);
  requireRows(reference);
  requireRows(current);
  const provisional: DriftReportSettings = { ...resolved, psiEpsilon: PSI_EPSILON, label: null };
  const labelChoice = findLabel(provisional, reference, current, givenLabel);
  const settings: DriftReportSettings = { ...provisional, label: labelChoice?.name ?? null };
  const label = labelChoice ? labelReport(labelChoice.name, labelChoice.source, reference, current, settings.maxCategories) : null;

  const names = [...reference.columns.map((c) => c.name)];
  const seen = new Set(names);
  for (const column of current.columns) if (!seen.has(column.name)) names.push(column.name);

  const referenceColumns = new Map(reference.columns.map((c) => [c.name, c]));
  const currentColumns = new Map(current.columns.map((c) => [c.name, c]));
  const mismatchByName = new Map((kindMismatches ?? []).map((m) => [m.name, m]));
  const sources = { reference: reference.source, current: current.source };
  // One sort buffer per side, reused column after column (fresh memory per column costs about as much as the sort).
  const buffers = { reference: { array: new Float64Array(0) }, current: { array: new Float64Array(0) } };
  const measured: Measured[] = [];
  const skipped: SkippedColumn[] = [];
  for (const name of names) {
    if (name === settings.label) continue;
    const ref = referenceColumns.get(name);
    const cur = currentColumns.get(name);
    if (!cur || !ref) {
      const [reason, file] = cur ? (['only-in-current', current.source] as const) : (['only-in-reference', reference.source] as const);
      skipped.push({
        name,
        status: 'skipped',
        reason,
        message: `${JSON.stringify(name)} is only in ${file}`,
        reference: ref ? sideCounts(reference, ref) : null,
        current: cur ? sideCounts(current, cur) : null,
      });
      continue;
    }
    const refCounts = sideCounts(reference, ref);
    const curCounts = sideCounts(current, cur);
    if (refCounts.count === 0 || curCounts.count === 0) {
      const [reason, where] =
        refCounts.count === 0 && curCounts.count === 0
          ? (['no-data', 'either file'] as const)
          : refCounts.count === 0
            ? (['no-reference-data', reference.source] as const)
            : (['no-current-data', current.source] as const);
      skipped.push({ name, status: 'skipped', reason, message: `${JSON.stringify(name)} has no values in ${where}`, reference: refCounts, current: curCounts });
      continue;
    }
    // Sorted once here when numeric: role detection, the time range and every statistic read it.
    const refSorted = ref.kind === 'numeric' ? sortedValues(ref, buffers.reference) : undefined;
    const decision = roleOf(name, settings, labelChoice?.source ?? null, ref, refSorted);
    if (decision.role !== 'feature') {
      const curSorted = cur.kind === 'numeric' ? sortedValues(cur, buffers.current) : undefined;
      skipped.push(skipForRole(name, decision, reference, current, ref, cur, { reference: refSorted, current: curSorted }));
      continue;
    }
    if (ref.kind === 'numeric' && cur.kind === 'numeric') {
      const withSorted = refSorted && !ref.sortedFinite ? { ...ref, sortedFinite: refSorted } : ref;
      measured.push(measureNumeric(withSorted, cur, settings, buffers, undefined));
      continue;
    }
    const given = mismatchByName.get(name);
    const kinds = given ? { reference: given.reference, current: given.current } : { reference: ref.kind, current: cur.kind };
    if (kinds.reference === kinds.current && ref.kind === 'categorical' && cur.kind === 'categorical') {
      measured.push(measureCategorical(ref, cur, settings, undefined, undefined, sources));
      continue;
    }
    const [numericFile, textFile] = kinds.reference === 'numeric' ? [reference.source, current.source] : [current.source, reference.source];
    const note = `numbers in ${numericFile} but text in ${textFile}: compared as categories`;
    measured.push(
      measureCategorical(
        ref.kind === 'numeric' ? numericAsCategorical(ref) : ref,
        cur.kind === 'numeric' ? numericAsCategorical(cur) : cur,
        settings,
        kinds,
        note,
        sources,
      ),
    );
  }
  if (measured.length === 0) {
    throw new ReportInputError({
      file: current.source,
      message:
        `${reference.source} and ${current.source} have no feature column in common with values in both` +
        (skipped.length > 0 ? ` (${skipped.length} not tested: ${skipped.slice(0, 3).map((s) => s.message).join('; ')}${skipped.length > 3 ? '; ...' : ''})` : '') +
        `: check that both files hold the same features, or set a column's role to feature`,
    });
  }

  // The correction applies to each family of tests the verdicts read: the columns' tests, the PSI
  // noise checks and the missing-share checks (a categorical column's PSI check is its own test).
  const adjust = (pValues: readonly number[]): readonly number[] =>
    settings.correction === 'bonferroni' ? bonferroni(pValues) : settings.correction === 'bh' ? benjaminiHochberg(pValues) : pValues;
  const rawPValues = measured.map((m) => (m.kind === 'numeric' ? m.ks.pValue : m.chiSquare.pValue));
  const adjusted = settings.correction === 'none' ? null : adjust(rawPValues);
  // A numeric column's PSI check is a test of its own; a categorical column's is its chi-square.
  const numericChecks = measured.flatMap((m, i) => (m.kind === 'numeric' && m.verdictInput.psiTestPValue !== null ? [{ i, p: m.verdictInput.psiTestPValue }] : []));
  const adjustedChecks = adjust(numericChecks.map((c) => c.p));
  const psiTestPValues = measured.map((m, i) => (m.verdictInput.psiTestPValue === null ? null : m.kind === 'categorical' ? (adjusted?.[i] ?? rawPValues[i]) : m.verdictInput.psiTestPValue));
  numericChecks.forEach((c, j) => (psiTestPValues[c.i] = adjustedChecks[j]));
  const missingPValues = adjust(measured.map((m) => m.missing.pValue));
  const columns = measured.map((m, i): DriftColumn => {
    const pValue = adjusted ? adjusted[i] : rawPValues[i];
    const { verdictInput, ...column } = m;
    const verdict = judgeColumn(
      {
        test: column.kind === 'numeric' ? 'ks' : 'chi-square',
        pValue,
        psi: column.psi,
        bins: verdictInput.bins,
        referenceSize: column.reference.count,
        currentSize: column.current.count,
        psiTestPValue: psiTestPValues[i],
        missing: { ...column.missing, pValue: missingPValues[i] },
        identicalConstant: verdictInput.identicalConstant,
        ...(verdictInput.ksDetectable !== undefined ? { ksDetectable: verdictInput.ksDetectable } : {}),
        ...(column.kind === 'numeric' ? { wassersteinNormalized: column.wassersteinNormalized } : {}),
      },
      settings,
    );
    const { name, kind, ...measures } = column;
    // Field order is the JSON's: what a reader scans for first, then the numbers.
    return {
      name,
      kind,
      status: verdict.status,
      triggers: verdict.triggers,
      reason: verdict.reason,
      pValue,
      ...(adjusted ? { adjustedPValue: adjusted[i] } : {}),
      psiDebiased: verdict.psiDebiased,
      psiNoise: verdict.psiNoise,
      psiBeyondNoise: verdict.psiBeyondNoise,
      detectable: verdict.detectable,
      ...measures,
    } as DriftColumn;
  });

  const dataWarnings = [reference, current].flatMap((table) => table.warnings.map((w) => ({ file: table.source, column: w.column, message: w.message })));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: 'drift',
    reference: fileSummary(reference),
    current: fileSummary(current),
    options: settings,
    columns,
    skipped,
    label,
    dataWarnings,
    summary: summarize(columns, skipped),
  };
}
