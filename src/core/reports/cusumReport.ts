/**
 * The concept-drift report: Page's lower CUSUM over an accuracy or correctness series, with the
 * positions where it raised an alarm, designed so that a stable series rarely alarms.
 *
 * The design (what `npm run verdicts` checks):
 * - A series of 0/1 (or true/false) outcomes is Bernoulli: its standard deviation is √(p(1 − p))
 *   of the target rate p, so a given target needs no warm-up.
 * - Any other series is treated as normal: sigma is given, or the warm-up's standard deviation.
 * - What the warm-up estimates is made conservative, because 30 points cannot pin a rate: the
 *   target is the warm-up's one-sided 90% lower confidence bound (Clopper-Pearson for a 0/1 series,
 *   so a perfect warm-up of 30 gives 0.926 rather than 1; mean − 1.28 s/√n otherwise) and sigma its 90% upper
 *   bound (chi-square). With the plain estimates a stable series alarmed in about 27% of
 *   2,000-point runs; with the bounds in about 5% (`npm run verdicts`). A given target is used as is.
 * - k is in standard deviations (default 0.5); h is given, or solved so that the in-control
 *   average run length (ARL₀) reaches `arl0` for this very process (`cusumThreshold`): a 0/1
 *   stream's skewed steps need a far higher h than the normal theory's.
 * - The report states ARL₀, the expected delay to detect the drop k is tuned for (2k standard
 *   deviations), and the chance of a false alarm over the series' length.
 */

import { loadTable, type Column, type LoadControl, type Table } from '../data/index';
import {
  CUSUM_NORMAL_MAX_H,
  chiSquareCriticalValue,
  clopperPearsonInterval,
  cusum,
  cusumAverageRunLength,
  cusumThreshold,
  meanAndStandardDeviation,
  type CusumProcess,
} from '../stats/index';
import { loadColumns, numericValues, requireColumn, requireRows } from './columnValues';
import type { TableLoader } from './loadDriftTables';
import { CUSUM_OPTIONS, resolveOptions, type OptionInput } from './options';
import { ReportInputError } from './reportInputError';
import { REPORT_SCHEMA_VERSION, type CusumReport, type CusumSeriesKind } from './types';
import { formatCount, formatMeasure, formatPercent, formatRunLength, plural, sigmaUnits } from './vocabulary';

/** What a CUSUM report is computed from: the series column, the time column that orders it, and the schema's options. */
export type CusumReportInput = OptionInput<typeof CUSUM_OPTIONS> & {
  /** The accuracy / correctness column. */
  readonly column: string;
  /** Sort the rows by this column first (time order); absent or null: the file's order. */
  readonly timeColumn?: string | null;
};

/**
 * Reads just the series column (and the time column when one orders the rows).
 *
 * @example
 * const table = await loadCusumTable('daily_accuracy.csv', { column: 'accuracy', timeColumn: 'date' });
 */
export function loadCusumTable(
  path: string,
  input: Pick<CusumReportInput, 'column' | 'timeColumn'>,
  control: LoadControl = {},
  load: TableLoader = loadTable,
): Promise<Table> {
  const roles = new Map([[input.column, 'the series column']]);
  if (input.timeColumn && input.timeColumn !== input.column) roles.set(input.timeColumn, 'the time column');
  return loadColumns(path, roles, control, load);
}

/**
 * Row indices sorted by a time column, stably; rows without a time go last. Text times are
 * compared as dates when every one parses as a date, else as text (ISO dates sort either way).
 */
export function timeOrder(table: Table, column: Column): Int32Array {
  const keys = new Float64Array(table.rowCount);
  if (column.kind === 'numeric') {
    keys.set(column.values);
  } else {
    const asDates = column.categories.map((text) => Date.parse(text));
    const useDates = asDates.every((t) => Number.isFinite(t));
    // Categories are sorted by code point, so a code is the text's rank.
    for (let i = 0; i < keys.length; i++) {
      const code = column.codes[i];
      keys[i] = code < 0 ? NaN : useDates ? asDates[code] : code;
    }
  }
  const order = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka !== ka) return kb !== kb ? a - b : 1;
    if (kb !== kb) return -1;
    return ka - kb || a - b;
  });
  return order;
}

/** Confidence of the one-sided bounds that replace estimated parameters (see the module comment). */
const ESTIMATE_CONFIDENCE = 0.9;
/** The standard normal quantile at ESTIMATE_CONFIDENCE: √(χ²₁ critical value at 2 · (1 − 0.9)). */
const ESTIMATE_Z = Math.sqrt(chiSquareCriticalValue(1, 2 * (1 - ESTIMATE_CONFIDENCE)));

/** The 90% lower bound of a 0/1 warm-up's rate (Clopper-Pearson): 0.926 for 30 successes out of 30, never 1. */
function rateLowerBound(values: Float64Array): number {
  let successes = 0;
  for (const v of values) successes += v;
  return clopperPearsonInterval(successes, values.length, 1 - 2 * (1 - ESTIMATE_CONFIDENCE)).lower;
}

interface Design {
  readonly series: CusumSeriesKind;
  readonly target: number;
  readonly sigma: number;
  readonly warmup: number;
  readonly estimated: { readonly target: boolean; readonly sigma: boolean };
}

function design(series: Float64Array, kind: CusumSeriesKind, options: ReturnType<typeof resolveOptions<typeof CUSUM_OPTIONS>>, fail: (message: string) => never): Design {
  const needsTarget = options.target === null;
  const needsSigma = kind === 'numeric' && options.sigma === null;
  const warmup = needsTarget || needsSigma ? options.warmup : 0;
  if (series.length < warmup) {
    const give = kind === 'bernoulli' ? 'give the target (e.g. the validation accuracy)' : needsTarget ? 'give the target and sigma' : 'give sigma';
    fail(`${plural(series.length, 'value')}, fewer than the ${warmup}-point warm-up that estimates the ${needsTarget ? 'target' : 'standard deviation'}: ${give}, or a shorter warm-up`);
  }
  const head = series.subarray(0, warmup);
  const spread = kind === 'numeric' && warmup > 0 ? (head.every((v) => v === head[0]) ? 0 : (meanAndStandardDeviation(head).standardDeviation ?? 0)) : 0;
  if (kind === 'numeric' && !Number.isFinite(spread)) {
    // Values near ±1.8e308 overflow the warm-up's sums: say so, not "the values are all equal".
    const what = needsTarget && needsSigma ? 'the target and the standard deviation' : needsTarget ? 'the target' : 'the standard deviation';
    const give = needsTarget && needsSigma ? 'the target and sigma' : needsTarget ? 'the target' : 'sigma';
    fail(`the first ${warmup} values are too large to estimate ${what} (their sums overflow): rescale the column, or give ${give}`);
  }
  if (needsSigma && !(spread > 0)) {
    fail(`the first ${warmup} values are all ${formatMeasure(head[0])}, so they cannot estimate the standard deviation: give sigma, or a longer warm-up`);
  }
  let target: number;
  if (options.target !== null) target = options.target;
  else if (kind === 'bernoulli') target = rateLowerBound(head);
  else target = meanAndStandardDeviation(head).mean - (ESTIMATE_Z * spread) / Math.sqrt(warmup);
  let sigma: number;
  if (kind === 'bernoulli') {
    if (!(target > 0 && target < 1)) {
      fail(
        options.target !== null
          ? `a 0/1 series needs a target rate strictly between 0 and 1, not ${target}`
          : `the first ${warmup} values have no 1 (correct): a rate of 0 cannot drop; give the target`,
      );
    }
    sigma = Math.sqrt(target * (1 - target));
  } else if (options.sigma !== null) {
    sigma = options.sigma;
  } else {
    // The chi-square upper bound: s · √((n − 1) / χ²(n − 1) lower 10% quantile).
    sigma = spread * Math.sqrt((warmup - 1) / chiSquareCriticalValue(warmup - 1, ESTIMATE_CONFIDENCE));
  }
  return { series: kind, target, sigma, warmup, estimated: { target: needsTarget, sigma: kind === 'numeric' && options.sigma === null } };
}

/** The smallest positive double at full precision (2^−1022): below it a product keeps only some of its digits. */
const SMALLEST_NORMAL = 2 ** -1022;

/** 10^exponent as people write it: "1e+307", "1e-308" (`10 ** -307` is 1.0000000000000001e-307). */
function powerOfTen(exponent: number): string {
  return `1e${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
}

/**
 * Refuses a design whose numbers, each option in its range, would not compute: k σ, h σ and the
 * drop 2k σ in the series' units must be finite, full-precision numbers (sigma 1e308 makes h
 * infinite, sigma 5e-324 makes k 0); a series of numbers has its run length computed up to
 * h = 128 σ; and the running sum, which adds target − value at each point, must stay finite.
 * Checked after the defaults and the warm-up's estimates are in, so the CLI and the editor give
 * the same message, naming the option to change.
 */
function checkDesign(series: Float64Array, d: Design, kSigmas: number, hSigmas: number, fail: (message: string) => never): void {
  // Only a given h can be above: the one solved from ARL₀ stays within what the solver computes.
  if (d.series === 'numeric' && hSigmas > CUSUM_NORMAL_MAX_H) {
    fail(`h ${formatMeasure(hSigmas)} σ is above ${CUSUM_NORMAL_MAX_H} σ, the most a series of numbers (not 0/1) can use: give an h of at most ${CUSUM_NORMAL_MAX_H}`);
  }
  const scaled = [
    { name: 'h', sigmas: hSigmas },
    { name: 'the drop 2k', sigmas: 2 * kSigmas },
    { name: 'k', sigmas: kSigmas },
  ].filter((f) => f.sigmas > 0);
  const sigmaName = d.estimated.sigma ? `the standard deviation of the first ${d.warmup} values, ${formatMeasure(d.sigma)},` : `sigma ${formatMeasure(d.sigma)}`;
  const overflow = scaled.find((f) => !Number.isFinite(f.sigmas * d.sigma));
  if (overflow) {
    const fix = d.estimated.sigma ? 'rescale the column, or give sigma' : `give a sigma below ${powerOfTen(Math.floor(Math.log10(Number.MAX_VALUE / overflow.sigmas)))}`;
    fail(`${sigmaName} is too large to compute with: ${overflow.name} = ${formatMeasure(overflow.sigmas)} σ overflows; ${fix}`);
  }
  // Only a tiny sigma is at fault: a tiny k or h in σ (1e-320) is, in effect, the 0 it asks for.
  const underflow = [...scaled].reverse().find((f) => f.sigmas * d.sigma < SMALLEST_NORMAL && Math.abs(Math.log10(d.sigma)) >= Math.abs(Math.log10(f.sigmas)));
  if (underflow) {
    const fix = d.estimated.sigma ? 'rescale the column, or give sigma' : `give a sigma above ${powerOfTen(Math.ceil(Math.log10(SMALLEST_NORMAL / underflow.sigmas)))}`;
    fail(`${sigmaName} is too small to compute with: ${underflow.name} = ${formatMeasure(underflow.sigmas)} σ underflows; ${fix}`);
  }
  let smallest = Infinity;
  for (const v of series) if (v < smallest) smallest = v;
  if (!Number.isFinite(hSigmas * d.sigma + (d.target - smallest))) {
    const fix = d.estimated.target ? 'rescale the column, or give the target' : 'give a target on the scale of the column';
    fail(`target ${formatMeasure(d.target)} is too far above the smallest value, ${formatMeasure(smallest)}, for the CUSUM to add up: ${fix}`);
  }
}

/**
 * Runs the lower CUSUM (STATS.md `cusum_lower`) down the rows of `input.column`, in the order of
 * `input.timeColumn` when given: numbers, or true/false read as 1/0. Rows without a value are
 * skipped (their `statistic` is null); alarm positions are 0-based positions in that order.
 *
 * @example
 * buildCusumReport(table, { column: 'correct', target: 0.9 }).hSigmas; // => 13.333334 (ARL₀ 32,189 ≥ 20,000)
 */
export function buildCusumReport(table: Table, input: CusumReportInput): CusumReport {
  const { column: columnName, timeColumn, ...schemaOptions } = input;
  const options = resolveOptions('cusum', CUSUM_OPTIONS, schemaOptions);
  const file = table.source;
  const column = requireColumn(table, columnName, 'the series column');
  requireRows(table);
  let values = numericValues(table, column, 'the series must hold accuracies, or 1/0 (true/false) for correct/incorrect', true);
  const sortedBy = timeColumn ?? null;
  if (sortedBy !== null) {
    const order = timeOrder(table, requireColumn(table, sortedBy, 'the time column'));
    values = Float64Array.from(order, (i) => values[i]);
  }
  const positions: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) positions.push(i);
  if (positions.length === 0) {
    throw new ReportInputError({ file, column: columnName, message: `${file}, column ${JSON.stringify(columnName)} has no values: pick the column that holds the accuracy or the 1/0 correctness` });
  }
  const series = Float64Array.from(positions, (i) => values[i]);
  const kind: CusumSeriesKind = series.every((v) => v === 0 || v === 1) ? 'bernoulli' : 'numeric';
  const fail = (message: string): never => {
    throw new ReportInputError({ file, column: columnName, message: `${file}, column ${JSON.stringify(columnName)}: ${message}` });
  };
  const d = design(series, kind, options, fail);

  const inControl: CusumProcess = kind === 'bernoulli' ? { kind: 'bernoulli', target: d.target, p: d.target } : { kind: 'normal', shift: 0 };
  const kSigmas = options.k;
  // The drop k is tuned for: 2k standard deviations below the target.
  const shift = 2 * kSigmas * d.sigma;
  const shifted: CusumProcess = kind === 'bernoulli' ? { kind: 'bernoulli', target: d.target, p: Math.max(0, d.target - shift) } : { kind: 'normal', shift: 2 * kSigmas };
  // A chart that never settles (k = 0 with a huge h on a 0/1 stream): say which numbers to change.
  const noDesign = (error: unknown): never =>
    fail(`no CUSUM design with k ${formatMeasure(kSigmas)} σ reaches these settings (${(error as Error).message}): use a k above 0, or a smaller h or ARL₀`);
  let hSigmas: number;
  try {
    hSigmas = options.h ?? cusumThreshold({ k: kSigmas, arl0: options.arl0, process: inControl });
  } catch (error) {
    return noDesign(error);
  }
  checkDesign(series, d, kSigmas, hSigmas, fail);
  let arl0: number;
  let delay: number | null;
  try {
    arl0 = cusumAverageRunLength({ k: kSigmas, h: hSigmas, process: inControl });
    delay = shift > 0 ? cusumAverageRunLength({ k: kSigmas, h: hSigmas, process: shifted }) : null;
  } catch (error) {
    return noDesign(error);
  }
  const result = cusum(series, { target: d.target, sigma: d.sigma, k: kSigmas * d.sigma, h: hSigmas * d.sigma });

  const statistic: (number | null)[] = new Array<number | null>(values.length).fill(null);
  positions.forEach((position, j) => (statistic[position] = result.statistic[j]));
  const alarms = result.alarms.map((j) => positions[j]);
  const falseAlarmChance = 1 - Math.exp(-series.length / arl0);
  const order = sortedBy === null ? 'in file order' : `in order of ${JSON.stringify(sortedBy)}`;
  const parameters = `target ${formatMeasure(d.target)}, k ${sigmaUnits(kSigmas * d.sigma, kSigmas)}, h ${sigmaUnits(hSigmas * d.sigma, hSigmas)}`;
  const verdict =
    alarms.length === 0
      ? `No alarm: the CUSUM of ${JSON.stringify(columnName)} stayed below h over ${plural(series.length, 'value')} (${parameters}); ` +
        `a stable series alarms once per ${formatRunLength(arl0)} values on average, a ${formatPercent(falseAlarmChance)} chance over these.`
      : `${plural(alarms.length, 'alarm')}: ${JSON.stringify(columnName)} dropped below its target (${parameters}); first at position ${formatCount(alarms[0])} ${order}. ` +
        `A stable series alarms once per ${formatRunLength(arl0)} values on average.`;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: 'cusum',
    path: file,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    column: columnName,
    sortedBy,
    options,
    series: kind,
    rows: table.rowCount,
    skippedRows: table.rowCount - series.length,
    target: d.target,
    sigma: d.sigma,
    k: kSigmas * d.sigma,
    h: hSigmas * d.sigma,
    kSigmas,
    hSigmas,
    hSource: options.h === null ? 'arl0' : 'given',
    arl0,
    detection: { shift, delay },
    falseAlarmChance,
    warmup: d.warmup,
    estimated: d.estimated,
    values: Array.from(values, (value) => (Number.isNaN(value) ? null : value)),
    statistic,
    alarms,
    status: alarms.length === 0 ? 'ok' : 'alarm',
    verdict,
  };
}
