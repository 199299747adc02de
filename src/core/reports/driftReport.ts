/**
 * The drift report: every column of a reference table compared with the same column of a current
 * table — the numbers the CLI prints, CI gates on and the panel charts.
 *
 * Numeric columns: two-sample KS, PSI over reference-quantile bins, Wasserstein-1, Jensen-Shannon
 * over the PSI bins, extreme values. Categorical columns: chi-square test of homogeneity and
 * categorical PSI. Status per column, with the seed's thresholds:
 * - `drift` when PSI > psiDrift (0.25, "triggers automatic rollback") or the test's p <= alpha
 *   (0.01; the seed's pytest passes only when `p_value > 0.01`);
 * - `warning` when PSI > psiWarning (0.1, "indicates significant drift and triggers an alert");
 * - `ok` otherwise.
 * Both PSI comparisons are strict, as the seed words them; STATS.md's bands ("< 0.1 stable,
 * 0.1 - 0.25 alert, > 0.25 rollback") differ only at exactly 0.1.
 */

import type { CategoricalColumn, Column, NumericColumn, Table } from '../data/index';
import {
  benjaminiHochberg,
  bonferroni,
  categoricalPsi,
  chiSquareHomogeneity,
  compareCategories,
  jensenShannonDistance,
  ksTwoSampleSorted,
  labelDistribution,
  linearQuantileSorted,
  extremeValuesSorted,
  meanAndStandardDeviation,
  populationStabilityIndexSorted,
  sortedFinite,
  wassersteinDistanceSorted,
  type CategoryValue,
  type PsiBinStrategy,
} from '../stats/index';
import { requireRows } from './columnValues';
import { ReportInputError } from './reportInputError';
import {
  REPORT_SCHEMA_VERSION,
  type CategoricalDriftColumn,
  type CategoricalSide,
  type CategoryShare,
  type DriftColumn,
  type DriftReport,
  type DriftReportOptions,
  type DriftReportSettings,
  type DriftStatus,
  type DriftSummary,
  type DriftTrigger,
  type LabelReport,
  type LabelSide,
  type MultipleTestingCorrection,
  type NumericDriftColumn,
  type NumericSide,
  type SideCounts,
  type SkippedColumn,
} from './types';

/** The seed's numbers, used for every option the caller leaves out. */
export const DRIFT_DEFAULTS: DriftReportSettings = {
  psiBins: 10,
  psiStrategy: 'quantile',
  psiEpsilon: 1e-4,
  alpha: 0.01,
  psiWarning: 0.1,
  psiDrift: 0.25,
  correction: 'none',
  extremeSigmas: 4,
  label: null,
  maxCategories: 50,
};

const PSI_STRATEGIES: readonly PsiBinStrategy[] = ['quantile', 'uniform', 'sturges'];
const CORRECTIONS: readonly MultipleTestingCorrection[] = ['none', 'bonferroni', 'bh'];

/**
 * The options with every default filled in; throws a `RangeError` naming the option for a value
 * out of range (the CLI checks its flags first and words its own messages).
 *
 * @example
 * resolveDriftOptions({ alpha: 0.05 }).psiDrift; // => 0.25
 */
export function resolveDriftOptions(options: DriftReportOptions = {}): DriftReportSettings {
  const settings: DriftReportSettings = {
    psiBins: options.psiBins ?? DRIFT_DEFAULTS.psiBins,
    psiStrategy: options.psiStrategy ?? DRIFT_DEFAULTS.psiStrategy,
    psiEpsilon: DRIFT_DEFAULTS.psiEpsilon,
    alpha: options.alpha ?? DRIFT_DEFAULTS.alpha,
    psiWarning: options.psiWarning ?? DRIFT_DEFAULTS.psiWarning,
    psiDrift: options.psiDrift ?? DRIFT_DEFAULTS.psiDrift,
    correction: options.correction ?? DRIFT_DEFAULTS.correction,
    extremeSigmas: options.extremeSigmas ?? DRIFT_DEFAULTS.extremeSigmas,
    label: options.label ?? null,
    maxCategories: options.maxCategories ?? DRIFT_DEFAULTS.maxCategories,
  };
  const fail = (message: string): never => {
    throw new RangeError(`buildDriftReport: ${message}`);
  };
  if (!Number.isInteger(settings.psiBins) || settings.psiBins < 1) fail(`psiBins must be a positive integer (got ${settings.psiBins})`);
  if (!PSI_STRATEGIES.includes(settings.psiStrategy)) fail(`psiStrategy must be one of ${PSI_STRATEGIES.join(', ')} (got ${settings.psiStrategy})`);
  if (!(settings.alpha > 0 && settings.alpha < 1)) fail(`alpha must be between 0 and 1 (got ${settings.alpha})`);
  if (!(settings.psiWarning >= 0)) fail(`psiWarning must be a non-negative number (got ${settings.psiWarning})`);
  if (!(settings.psiDrift >= settings.psiWarning)) fail(`psiDrift must be at least psiWarning (got ${settings.psiDrift} < ${settings.psiWarning})`);
  if (!CORRECTIONS.includes(settings.correction)) fail(`correction must be one of ${CORRECTIONS.join(', ')} (got ${settings.correction})`);
  if (!(settings.extremeSigmas >= 0)) fail(`extremeSigmas must be a non-negative number (got ${settings.extremeSigmas})`);
  if (!Number.isInteger(settings.maxCategories) || settings.maxCategories < 0) fail(`maxCategories must be a non-negative integer (got ${settings.maxCategories})`);
  return settings;
}

/** A column measured but not yet judged: its status waits for the adjusted p-values. */
type Measured =
  | Omit<NumericDriftColumn, 'status' | 'triggers' | 'adjustedPValue'>
  | Omit<CategoricalDriftColumn, 'status' | 'triggers' | 'adjustedPValue'>;

function sideCounts(table: Table, column: Column): SideCounts {
  return { count: table.rowCount - column.missing, missing: column.missing };
}

function numericSide(column: NumericColumn, sorted: Float64Array): NumericSide {
  // Sums run over the sorted values (no second copy in row order): equal to pandas' mean and
  // std to ~1e-16 relative, which is all a descriptive summary needs.
  const { mean, standardDeviation: std } = meanAndStandardDeviation(sorted);
  return {
    count: sorted.length,
    missing: column.missing,
    nonFinite: column.nonFinite,
    mean,
    std,
    min: sorted[0],
    median: linearQuantileSorted(sorted, 0.5),
    max: sorted[sorted.length - 1],
  };
}

/**
 * Sorted copies of one column per side at a time. The report keeps no reference to them once a
 * column is measured, so the next column reuses the same memory (fresh pages for every column
 * would cost about as much as the sorting).
 */
class SortBuffers {
  private reference = new Float64Array(0);
  private current = new Float64Array(0);

  constructor(private readonly presorted: DriftReportOptions['presorted']) {}

  /** `sortFinite(column.values)`: the caller's copy (see `DriftReportOptions.presorted`), or sorted into this side's buffer. */
  sorted(side: 'reference' | 'current', column: NumericColumn): Float64Array {
    const given = this.presorted?.[side]?.get(column.name);
    const count = column.values.length - column.missing;
    if (given && given.length === count) return given;
    if (this[side].length < count) this[side] = new Float64Array(count);
    return sortedFinite(column.values, this[side]);
  }
}

function measureNumeric(reference: NumericColumn, current: NumericColumn, settings: DriftReportSettings, buffers: SortBuffers): Measured {
  const refSorted = buffers.sorted('reference', reference);
  const curSorted = buffers.sorted('current', current);
  const referenceSide = numericSide(reference, refSorted);
  const currentSide = numericSide(current, curSorted);
  // ksTwoSampleSorted checks (in linear time) that both arrays are sorted and finite.
  const ks = ksTwoSampleSorted(refSorted, curSorted);
  const psi = populationStabilityIndexSorted(refSorted, curSorted, {
    bins: settings.psiBins,
    strategy: settings.psiStrategy,
    epsilon: settings.psiEpsilon,
  });
  const jensenShannon = jensenShannonDistance(
    psi.bins.map((b) => b.referenceShare),
    psi.bins.map((b) => b.currentShare),
  );
  const extremes =
    referenceSide.std === null
      ? null
      : {
          sigmas: settings.extremeSigmas,
          ...pickLimits(extremeValuesSorted(refSorted, curSorted, { sigmas: settings.extremeSigmas })),
        };
  return {
    name: reference.name,
    kind: 'numeric',
    reference: referenceSide,
    current: currentSide,
    ks: { statistic: ks.statistic, pValue: ks.pValue, method: ks.method },
    psi: psi.value,
    psiBins: psi.bins.map((b) => ({
      lower: Number.isFinite(b.lower) ? b.lower : null,
      upper: Number.isFinite(b.upper) ? b.upper : null,
      referenceShare: b.referenceShare,
      currentShare: b.currentShare,
      contribution: b.contribution,
    })),
    wasserstein: wassersteinDistanceSorted(refSorted, curSorted),
    jensenShannon,
    extremeValues: extremes,
  };
}

function pickLimits(e: { lowerLimit: number; upperLimit: number; beyondSigmas: number; outsideRange: number }) {
  return { lowerLimit: e.lowerLimit, upperLimit: e.upperLimit, beyondSigmas: e.beyondSigmas, outsideRange: e.outsideRange };
}

/** Counts per category, for the categories that occur. */
function categoryCounts(column: CategoricalColumn): Map<string, number> {
  const counts = new Int32Array(column.categories.length);
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  const map = new Map<string, number>();
  column.categories.forEach((category, code) => {
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
): Measured {
  const refCounts = categoryCounts(reference);
  const curCounts = categoryCounts(current);
  const chi = chiSquareHomogeneity(refCounts, curCounts);
  const psi = categoricalPsi(refCounts, curCounts, { epsilon: settings.psiEpsilon });
  const ranked = [...psi.categories].sort(
    (a, b) => b.contribution - a.contribution || compareCategories(a.category, b.category),
  );
  const psiCategories: CategoryShare[] = ranked.slice(0, settings.maxCategories).map((c) => ({
    category: c.category,
    referenceShare: c.referenceShare,
    currentShare: c.currentShare,
    contribution: c.contribution,
  }));
  const refSide: CategoricalSide = { count: sum(refCounts), missing: reference.missing, categories: refCounts.size };
  const curSide: CategoricalSide = { count: sum(curCounts), missing: current.missing, categories: curCounts.size };
  return {
    name: reference.name,
    kind: 'categorical',
    reference: refSide,
    current: curSide,
    chiSquare: { statistic: chi.statistic, pValue: chi.pValue, dof: chi.dof },
    psi: psi.value,
    psiCategories,
    omittedCategories: ranked.length - psiCategories.length,
    newCategories: [...curCounts.keys()].filter((c) => !refCounts.has(c)).length,
    vanishedCategories: [...refCounts.keys()].filter((c) => !curCounts.has(c)).length,
    ...(kindMismatch ? { kindMismatch } : {}),
    ...(note ? { note } : {}),
  };
}

function sum(counts: Map<string, number>): number {
  let total = 0;
  for (const c of counts.values()) total += c;
  return total;
}

function skip(name: string, reason: SkippedColumn['reason'], message: string, ref: SideCounts | null, cur: SideCounts | null): SkippedColumn {
  return { name, reason, message, reference: ref, current: cur };
}

function labelValues(column: Column): ArrayLike<CategoryValue> {
  if (column.kind === 'numeric') return column.values;
  return Array.from(column.codes, (code) => (code < 0 ? null : column.categories[code]));
}

function labelReport(name: string, reference: Table, current: Table, maxClasses: number): LabelReport {
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
  for (const [table, labelSide, other] of [
    [reference, refSide, curSide],
    [current, curSide, refSide],
  ] as const) {
    if (!labelSide) {
      problems.push(`${table.source} has no column ${JSON.stringify(name)}`);
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
      problems.push(
        `class ${JSON.stringify(labelSide.classes[0].label)} is ${percent(labelSide.largestShare)} of ${table.source} (limit 90%)`,
      );
    }
  }
  const ok = (refSide?.ok ?? true) && (curSide?.ok ?? true);
  const message = problems.length === 0 ? 'every class present, none above 90%' : problems.join('; ');
  return { name, reference: refSide, current: curSide, ok, message };
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share >= 0.995 && share < 1 ? 1 : 0)}%`;
}

function judge(measured: Measured, pValue: number, settings: DriftReportSettings): { status: DriftStatus; triggers: DriftTrigger[] } {
  const triggers: DriftTrigger[] = [];
  if (measured.psi > settings.psiDrift) triggers.push('psi-drift');
  else if (measured.psi > settings.psiWarning) triggers.push('psi-warning');
  if (pValue <= settings.alpha) triggers.push(measured.kind === 'numeric' ? 'ks' : 'chi-square');
  const status: DriftStatus = triggers.some((t) => t !== 'psi-warning') ? 'drift' : triggers.length > 0 ? 'warning' : 'ok';
  return { status, triggers };
}

/** "p", "Bonferroni-adjusted p", "BH-adjusted p". */
export function pValueName(correction: MultipleTestingCorrection): string {
  return correction === 'none' ? 'p' : correction === 'bonferroni' ? 'Bonferroni-adjusted p' : 'BH-adjusted p';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function verdictSentence(counts: { columns: number; drifted: number; warnings: number; skipped: number }, settings: DriftReportSettings): string {
  const p = pValueName(settings.correction);
  const rule = `(PSI > ${settings.psiDrift} or ${p} <= ${settings.alpha})`;
  const warnRule = `(PSI > ${settings.psiWarning})`;
  let sentence: string;
  if (counts.drifted > 0) {
    sentence = `${counts.drifted} of ${plural(counts.columns, 'column')} drifted ${rule}`;
    if (counts.warnings > 0) sentence += `; ${counts.warnings} more ${counts.warnings === 1 ? 'warns' : 'warn'} ${warnRule}`;
  } else if (counts.warnings > 0) {
    sentence = `No column drifted; ${counts.warnings} of ${plural(counts.columns, 'column')} ${counts.warnings === 1 ? 'warns' : 'warn'} ${warnRule}`;
  } else {
    sentence = `No drift: ${counts.columns === 1 ? 'the 1 column is' : `all ${counts.columns} columns are`} stable (PSI <= ${settings.psiWarning} and ${p} > ${settings.alpha})`;
  }
  if (counts.skipped > 0) sentence += `; ${plural(counts.skipped, 'column')} skipped`;
  return `${sentence}.`;
}

function summarize(columns: readonly DriftColumn[], skipped: number, settings: DriftReportSettings): DriftSummary {
  const drifted = columns.filter((c) => c.status === 'drift').length;
  const warnings = columns.filter((c) => c.status === 'warning').length;
  const status: DriftStatus = drifted > 0 ? 'drift' : warnings > 0 ? 'warning' : 'ok';
  const counts = { columns: columns.length, drifted, warnings, skipped };
  return {
    columns: columns.length,
    drifted,
    warnings,
    ok: columns.length - drifted - warnings,
    skipped,
    status,
    shareDrifted: columns.length === 0 ? 0 : drifted / columns.length,
    verdict: verdictSentence(counts, settings),
  };
}

/**
 * Compares every column the two tables share and reports drift per column and overall.
 *
 * Columns are matched by name. A column in only one table, the label column, and a column with
 * no values in either table are not tested: they are listed in `skipped` (the label in `label`)
 * with the reason. A column read as numbers from one file and as text from the other is compared
 * as categories on both sides (`kindMismatch`, `note`). Throws `ReportInputError` when a table
 * has no rows, when `options.label` is in neither table, or when no column can be compared.
 *
 * Each numeric column is sorted once per side and every statistic reads the sorted copies:
 * O(n log n) per column with a small constant; the report holds no raw data (a few kB per column).
 *
 * @example
 * const report = buildDriftReport(reference, current, { correction: 'bh' });
 * report.summary.verdict; // "2 of 5 columns drifted (PSI > 0.25 or BH-adjusted p <= 0.01)."
 */
export function buildDriftReport(reference: Table, current: Table, options: DriftReportOptions = {}): DriftReport {
  const settings = resolveDriftOptions(options);
  requireRows(reference);
  requireRows(current);
  const label = settings.label === null ? null : labelReport(settings.label, reference, current, settings.maxCategories);

  const names = [...reference.columns.map((c) => c.name)];
  const seen = new Set(names);
  for (const column of current.columns) if (!seen.has(column.name)) names.push(column.name);

  const referenceColumns = new Map(reference.columns.map((c) => [c.name, c]));
  const currentColumns = new Map(current.columns.map((c) => [c.name, c]));
  const buffers = new SortBuffers(options.presorted);
  const measured: Measured[] = [];
  const skipped: SkippedColumn[] = [];
  for (const name of names) {
    if (name === settings.label) continue;
    const ref = referenceColumns.get(name);
    const cur = currentColumns.get(name);
    if (!cur) {
      skipped.push(skip(name, 'only-in-reference', `${JSON.stringify(name)} is only in ${reference.source}`, sideCounts(reference, ref!), null));
      continue;
    }
    if (!ref) {
      skipped.push(skip(name, 'only-in-current', `${JSON.stringify(name)} is only in ${current.source}`, null, sideCounts(current, cur)));
      continue;
    }
    const refCounts = sideCounts(reference, ref);
    const curCounts = sideCounts(current, cur);
    if (refCounts.count === 0 || curCounts.count === 0) {
      const [reason, where] =
        refCounts.count === 0 && curCounts.count === 0
          ? (['no-data', `either file`] as const)
          : refCounts.count === 0
            ? (['no-reference-data', reference.source] as const)
            : (['no-current-data', current.source] as const);
      skipped.push(skip(name, reason, `${JSON.stringify(name)} has no values in ${where}`, refCounts, curCounts));
      continue;
    }
    if (ref.kind === 'numeric' && cur.kind === 'numeric') {
      measured.push(measureNumeric(ref, cur, settings, buffers));
    } else {
      const given = options.kindMismatches?.find((m) => m.name === name);
      const kinds = given ? { reference: given.reference, current: given.current } : { reference: ref.kind, current: cur.kind };
      if (kinds.reference === kinds.current && ref.kind === 'categorical' && cur.kind === 'categorical') {
        measured.push(measureCategorical(ref, cur, settings, undefined, undefined));
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
        ),
      );
    }
  }
  if (measured.length === 0) {
    throw new ReportInputError({
      file: current.source,
      message:
        `${reference.source} and ${current.source} have no column in common with values in both` +
        (skipped.length > 0 ? ` (${skipped.length} skipped: ${skipped.slice(0, 3).map((s) => s.message).join('; ')}${skipped.length > 3 ? '; ...' : ''})` : '') +
        `: check that both files hold the same features`,
    });
  }

  const rawPValues = measured.map((m) => (m.kind === 'numeric' ? m.ks.pValue : m.chiSquare.pValue));
  const adjusted =
    settings.correction === 'bonferroni'
      ? bonferroni(rawPValues)
      : settings.correction === 'bh'
        ? benjaminiHochberg(rawPValues)
        : null;
  const columns = measured.map((m, i): DriftColumn => {
    const pValue = adjusted ? adjusted[i] : rawPValues[i];
    const { status, triggers } = judge(m, pValue, settings);
    const { name, kind, ...measures } = m;
    // Field order is the JSON's: what a reader scans for first, then the numbers.
    return { name, kind, status, triggers, ...measures, ...(adjusted ? { adjustedPValue: adjusted[i] } : {}) } as DriftColumn;
  });

  const dataWarnings = [reference, current].flatMap((table) =>
    table.warnings.map((w) => ({ file: table.source, column: w.column, message: w.message })),
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: 'drift',
    reference: { path: reference.source, rows: reference.rowCount },
    current: { path: current.source, rows: current.rowCount },
    options: settings,
    columns,
    skipped,
    label,
    dataWarnings,
    summary: summarize(columns, skipped.length, settings),
  };
}

/** Columns most severe first: drift, warning, ok; within a status by PSI, largest first. */
export function bySeverity(columns: readonly DriftColumn[]): DriftColumn[] {
  const rank: Record<DriftStatus, number> = { drift: 0, warning: 1, ok: 2 };
  return [...columns].sort((a, b) => rank[a.status] - rank[b.status] || b.psi - a.psi);
}
