/**
 * The one options schema of GRADIENT's reports: every option's default, range or allowed values,
 * its VS Code setting, its CLI flag and the one sentence that explains it. The settings reader
 * (`src/settings.ts`), the CLI's flags and help (`src/cli.ts`) and the report builders all read
 * it, and `test/unit/options.test.ts` checks that package.json's `contributes.configuration`
 * declares exactly these settings with these defaults, ranges and sentences.
 *
 * Defaults are the seed's numbers (PSI 0.1 / 0.25, KS p 0.01, 4 standard deviations, the 5-point
 * calibration tolerance, the data-pipeline pattern's 5% missing-rate budget) and, where the seed
 * is silent, the values measured by `npm run verdicts` (README "How the verdicts are made").
 */

/** What a column is to the drift report; `feature` columns are drift-tested. */
export type ColumnRole = 'feature' | 'identifier' | 'time' | 'label' | 'ignore';
export const COLUMN_ROLES: readonly ColumnRole[] = ['feature', 'identifier', 'time', 'label', 'ignore'];

/** Roles set by the user, by column name. */
export type ColumnRoles = Readonly<Record<string, ColumnRole>>;

interface SpecBase {
  /** One sentence for users: the Settings editor, `--help`, the README. */
  readonly description: string;
  /** The VS Code setting under `gradient.` (absent: not a setting). */
  readonly setting?: string;
  /** The CLI flag without its dashes (absent: not a flag). */
  readonly flag?: string;
}

export interface NumberOptionSpec extends SpecBase {
  readonly type: 'number' | 'integer';
  /** null: no default (estimated from the data, or derived from another option). */
  readonly default: number | null;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

export interface ChoiceOptionSpec extends SpecBase {
  readonly type: 'choice';
  readonly choices: readonly { readonly value: string; readonly description: string }[];
  readonly default: string;
}

export interface RolesOptionSpec extends SpecBase {
  readonly type: 'roles';
  readonly default: ColumnRoles;
}

/** One ASCII character other than a quote or a line end (a delimiter); null: detected. */
export interface CharacterOptionSpec extends SpecBase {
  readonly type: 'character';
  readonly default: null;
}

export type OptionSpec = NumberOptionSpec | ChoiceOptionSpec | RolesOptionSpec | CharacterOptionSpec;

type SpecValue<S> = S extends { readonly type: 'choice'; readonly choices: readonly { readonly value: infer V }[] }
  ? V
  : S extends { readonly type: 'roles' }
    ? ColumnRoles
    : S extends { readonly type: 'character' }
      ? string | null
      : S extends { readonly default: null }
        ? number | null
        : number;

/** The resolved values of an option group: every option present, defaults filled in. */
export type OptionValues<G> = { -readonly [K in keyof G]: SpecValue<G[K]> };

/** What a caller may pass for an option group: any subset; null / undefined mean the default. */
export type OptionInput<G> = { readonly [K in keyof G]?: SpecValue<G[K]> | null };

export const DRIFT_OPTIONS = {
  psiWarning: {
    type: 'number',
    default: 0.1,
    minimum: 0,
    maximum: 10,
    setting: 'drift.psiWarning',
    flag: 'psi-warning',
    description: "PSI above this, beyond its sampling noise, is a warning: the seed's alert level (\"PSI > 0.1 indicates significant drift and triggers an alert\").",
  },
  psiDrift: {
    type: 'number',
    default: 0.25,
    minimum: 0,
    maximum: 10,
    setting: 'drift.psiDrift',
    flag: 'psi-drift',
    description: "PSI above this, beyond its sampling noise, is drift: the seed's rollback level. Must be at least the warning level.",
  },
  alpha: {
    type: 'number',
    default: 0.01,
    exclusiveMinimum: 0,
    exclusiveMaximum: 1,
    setting: 'drift.alpha',
    flag: 'alpha',
    description: "Significance level of each column's test (KS for numbers, chi-square for categories) and of the PSI noise check: the seed's tests pass only when p > 0.01.",
  },
  minEffect: {
    type: 'number',
    default: 0.01,
    minimum: 0,
    maximum: 10,
    setting: 'drift.minEffect',
    flag: 'min-effect',
    description: 'A significant change whose PSI, less its expected sampling noise, stays below this is "detectable but small", not drift (0.01 is about a 0.1 standard-deviation shift).',
  },
  missingBudget: {
    type: 'number',
    default: 0.05,
    minimum: 0,
    maximum: 1,
    setting: 'drift.missingBudget',
    flag: 'missing-budget',
    description: "A column whose missing share rises above this, and above the reference's beyond noise, is at least a warning: the data-pipeline pattern's missing-rate budget.",
  },
  correction: {
    type: 'choice',
    default: 'none',
    choices: [
      { value: 'none', description: "Each column's p-value as is." },
      { value: 'bonferroni', description: 'Bonferroni: p × number of columns (controls the family-wise error).' },
      { value: 'bh', description: 'Benjamini-Hochberg: controls the false discovery rate across columns.' },
    ],
    setting: 'drift.correction',
    flag: 'correction',
    description: "How the columns' p-values are adjusted for testing many columns at once.",
  },
  psiBins: {
    type: 'integer',
    default: 10,
    minimum: 2,
    maximum: 1000,
    setting: 'drift.psiBins',
    flag: 'psi-bins',
    description: 'Bins of the numeric PSI (deciles by default) for the quantile and uniform strategies; a column with no more distinct values than this gets one bin per value.',
  },
  psiStrategy: {
    type: 'choice',
    default: 'quantile',
    choices: [
      { value: 'quantile', description: "Bin edges at the reference's quantiles (equal reference shares)." },
      { value: 'uniform', description: "Equal-width bins over the reference's range." },
      { value: 'sturges', description: "Equal-width bins over both files' range, as many as Sturges' rule gives (Evidently's choice)." },
    ],
    setting: 'drift.psiStrategy',
    flag: 'psi-strategy',
    description: 'How the numeric PSI bins are laid out.',
  },
  extremeSigmas: {
    type: 'number',
    default: 4,
    minimum: 0,
    maximum: 100,
    setting: 'drift.extremeSigmas',
    flag: 'extreme-sigmas',
    description: "Current values more than this many reference standard deviations from the reference mean are counted as extreme: the seed's serving-time warning level.",
  },
  columnRoles: {
    type: 'roles',
    default: {},
    setting: 'drift.columnRoles',
    flag: 'role',
    description:
      'Roles that override the detected ones, by column name: feature (drift-tested), identifier (share of unseen ids), time (each file\'s range), label (class balance) or ignore.',
  },
  maxCategories: {
    type: 'integer',
    default: 50,
    minimum: 0,
    maximum: 100_000,
    description: 'Categories listed per categorical column in the report, largest PSI contribution first; the rest are counted.',
  },
} as const satisfies Record<string, OptionSpec>;

export const CALIBRATION_OPTIONS = {
  bins: {
    type: 'integer',
    default: 10,
    minimum: 1,
    maximum: 1000,
    setting: 'calibration.bins',
    flag: 'bins',
    description: 'Reliability bins (empty bins are dropped).',
  },
  strategy: {
    type: 'choice',
    default: 'uniform',
    choices: [
      { value: 'uniform', description: 'Equal-width confidence bins over [0, 1].' },
      { value: 'quantile', description: 'Bins with equal numbers of predictions.' },
    ],
    setting: 'calibration.strategy',
    flag: 'strategy',
    description: 'How the reliability bins are laid out.',
  },
  tolerance: {
    type: 'number',
    default: 0.05,
    minimum: 0,
    maximum: 1,
    setting: 'calibration.tolerance',
    flag: 'tolerance',
    description: "Largest allowed gap between a bin's accuracy and its confidence: the seed's 5 points.",
  },
  alpha: {
    type: 'number',
    default: 0.01,
    // Not just above 0: the interval is computed at the level 1 − alpha, which is exactly 1 below 5.6e-17.
    minimum: 1e-12,
    exclusiveMaximum: 1,
    setting: 'calibration.alpha',
    flag: 'alpha',
    description: "A bin is off only when its (1 − alpha) Clopper-Pearson interval for the accuracy lies wholly outside the tolerance band around its confidence.",
  },
} as const satisfies Record<string, OptionSpec>;

export const CUSUM_OPTIONS = {
  k: {
    type: 'number',
    default: 0.5,
    minimum: 0,
    maximum: 100,
    setting: 'cusum.k',
    flag: 'k',
    description: 'Allowance per point, in standard deviations (0.5 is tuned to detect a one-standard-deviation drop).',
  },
  arl0: {
    type: 'number',
    default: 20_000,
    minimum: 10,
    maximum: 10_000_000,
    setting: 'cusum.arl0',
    flag: 'arl0',
    description: 'In-control average run length: the decision threshold h is set so that a stable series raises a false alarm once per this many points on average.',
  },
  h: {
    type: 'number',
    default: null,
    exclusiveMinimum: 0,
    maximum: 1000,
    flag: 'h',
    description: 'Decision threshold in standard deviations; when given it replaces the one derived from the in-control average run length.',
  },
  warmup: {
    type: 'integer',
    default: 30,
    minimum: 2,
    maximum: 1_000_000,
    setting: 'cusum.warmup',
    flag: 'warmup',
    description: 'Leading points that estimate the target (and the standard deviation of a series that is not 0/1) when they are not given.',
  },
  target: {
    type: 'number',
    default: null,
    flag: 'target',
    description: "In-control mean, e.g. the validation accuracy; for a 0/1 series it also sets the standard deviation √(p(1 − p)), so no warm-up is needed.",
  },
  sigma: {
    type: 'number',
    default: null,
    exclusiveMinimum: 0,
    flag: 'sigma',
    description: 'In-control standard deviation of a series that is not 0/1 (default: from the warm-up).',
  },
} as const satisfies Record<string, OptionSpec>;

/**
 * How the data files are read, for every report (drift, calibration, CUSUM) and every file of a
 * report job (`ReportJob.data`): the editor's settings and the CLI's flags set the same options.
 * The delimiter is a flag only: it belongs to one file, and a workspace-wide setting would
 * override detection for every file, `.tsv` files included.
 */
export const LOAD_OPTIONS = {
  encoding: {
    type: 'choice',
    default: 'utf-8',
    choices: [
      { value: 'utf-8', description: 'UTF-8, checked over the whole file: a byte that is not UTF-8 is an error naming its line, never a replacement character.' },
      { value: 'windows-1252', description: 'Windows-1252 (Western European, what Excel on Windows writes as plain "CSV"): every byte is one character, € and curly quotes included.' },
      { value: 'latin-1', description: 'Latin-1 (ISO-8859-1): every byte is the character of the same number; bytes 0x80-0x9F are control characters.' },
    ],
    setting: 'data.encoding',
    flag: 'encoding',
    description: 'Text encoding of CSV, TSV and JSON Lines files (Parquet text is UTF-8 by definition); the report names any encoding other than UTF-8.',
  },
  engine: {
    type: 'choice',
    default: 'auto',
    choices: [
      { value: 'auto', description: 'DuckDB for a drift report on Parquet or CSV files above the size threshold, GRADIENT\'s own loaders below it and for everything else.' },
      { value: 'memory', description: "GRADIENT's own loaders: every row in memory (about 8 bytes per number), every message about a bad value naming its line." },
      { value: 'duckdb', description: 'DuckDB, embedded: multi-threaded and out of core, for files bigger than memory; the same numbers as memory (within 1e-12).' },
    ],
    setting: 'data.engine',
    flag: 'engine',
    description: 'Which engine counts the data of a drift report. Calibration and CUSUM reports always load into memory.',
  },
  duckdbAboveMb: {
    type: 'number',
    default: 1000,
    minimum: 0,
    maximum: 1_000_000,
    setting: 'data.duckdbAboveMb',
    flag: 'duckdb-above-mb',
    description: 'With the auto engine, a drift report whose two files together are larger than this many megabytes (10^6 bytes) runs on DuckDB: below it memory is faster (a 1M x 20 CSV pair, 400 MB: 5.5 s in memory, 40 s on DuckDB), above it DuckDB keeps memory bounded.',
  },
  delimiter: {
    type: 'character',
    default: null,
    flag: 'delimiter',
    description: 'Field delimiter of a CSV file, such as ; or | (tab: tab); by default each file\'s is detected from its header and first rows, and .tsv files use tab.',
  },
} as const satisfies Record<string, OptionSpec>;

/** Every option group: one per report kind, and `data` for reading the files of any report. */
export const OPTION_SCHEMA = { drift: DRIFT_OPTIONS, calibration: CALIBRATION_OPTIONS, cusum: CUSUM_OPTIONS, data: LOAD_OPTIONS } as const;

export type LoadOptionValues = OptionValues<typeof LOAD_OPTIONS>;
export type DriftOptions = OptionValues<typeof DRIFT_OPTIONS>;
export type CalibrationOptions = OptionValues<typeof CALIBRATION_OPTIONS>;
export type CusumOptions = OptionValues<typeof CUSUM_OPTIONS>;

function trimNumber(value: number): string {
  return String(value);
}

/**
 * What a valid value of `spec` is, in words: "a number from 0 to 10", "a whole number from 2 to
 * 1000", "a number between 0 and 1 (both excluded)", "none, bonferroni or bh". Used by every
 * message about a bad value, so the CLI and the Settings editor say the same thing.
 *
 * @example
 * describeValid(DRIFT_OPTIONS.alpha); // => "a number greater than 0 and less than 1"
 */
export function describeValid(spec: OptionSpec): string {
  switch (spec.type) {
    case 'choice':
      return spec.choices.map((c) => c.value).join(', ').replace(/, ([^,]*)$/, ' or $1');
    case 'roles':
      return `column=role pairs with a role among ${COLUMN_ROLES.join(', ')}`;
    case 'character':
      return 'one ASCII character other than a quote or a line end, such as ; or | (tab: tab)';
    default: {
      const noun = spec.type === 'integer' ? 'a whole number' : 'a number';
      const low = spec.minimum ?? spec.exclusiveMinimum;
      const high = spec.maximum ?? spec.exclusiveMaximum;
      const lowOpen = spec.exclusiveMinimum !== undefined;
      const highOpen = spec.exclusiveMaximum !== undefined;
      if (low !== undefined && high !== undefined) {
        if (!lowOpen && !highOpen) return `${noun} from ${trimNumber(low)} to ${trimNumber(high)}`;
        return `${noun} ${lowOpen ? 'greater than' : 'at least'} ${trimNumber(low)} and ${highOpen ? 'less than' : 'at most'} ${trimNumber(high)}`;
      }
      if (low !== undefined) return `${noun} ${lowOpen ? 'greater than' : 'at least'} ${trimNumber(low)}`;
      if (high !== undefined) return `${noun} ${highOpen ? 'less than' : 'at most'} ${trimNumber(high)}`;
      return noun;
    }
  }
}

/** True when `value` is a valid value of `spec` (null / undefined excluded: they mean "the default"). */
export function isValidOption(spec: OptionSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'choice':
      return typeof value === 'string' && spec.choices.some((c) => c.value === value);
    case 'character':
      return typeof value === 'string' && value.length === 1 && value.charCodeAt(0) < 0x80 && !'"\r\n'.includes(value);
    case 'roles':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(([name, role]) => name !== '' && (COLUMN_ROLES as readonly unknown[]).includes(role))
      );
    default:
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (spec.type !== 'integer' || Number.isInteger(value)) &&
        (spec.minimum === undefined || value >= spec.minimum) &&
        (spec.maximum === undefined || value <= spec.maximum) &&
        (spec.exclusiveMinimum === undefined || value > spec.exclusiveMinimum) &&
        (spec.exclusiveMaximum === undefined || value < spec.exclusiveMaximum)
      );
  }
}

/**
 * `given` with every option of `group` resolved: a given value is checked, a missing one (or
 * null) takes the default. A value out of range is a `RangeError` naming the report and option,
 * e.g. "drift report: alpha must be a number greater than 0 and less than 1 (got 2)". The CLI and
 * the settings reader check first and name their flag or setting instead.
 *
 * @example
 * resolveOptions('drift', DRIFT_OPTIONS, { alpha: 0.05 }).psiDrift; // => 0.25
 */
export function resolveOptions<G extends Record<string, OptionSpec>>(report: string, group: G, given: OptionInput<G> = {}): OptionValues<G> {
  for (const key of Object.keys(given)) {
    if (!(key in group)) throw new RangeError(`${report} report: unknown option ${JSON.stringify(key)}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(group)) {
    const value = (given as Record<string, unknown>)[key];
    if (value === undefined || value === null) {
      out[key] = spec.default;
      continue;
    }
    if (!isValidOption(spec, value)) {
      throw new RangeError(`${report} report: ${key} must be ${describeValid(spec)} (got ${JSON.stringify(value)})`);
    }
    out[key] = value;
  }
  return out as OptionValues<G>;
}

/** The drift options resolved, with the rule that binds two of them (drift above warning). */
export function resolveDriftOptions(given: OptionInput<typeof DRIFT_OPTIONS> = {}): DriftOptions {
  const options = resolveOptions('drift', DRIFT_OPTIONS, given);
  if (options.psiDrift < options.psiWarning) {
    throw new RangeError(`drift report: psiDrift (${options.psiDrift}) must be at least psiWarning (${options.psiWarning})`);
  }
  return options;
}

/**
 * Parses a CLI value for `spec`: numbers as decimal text (`0.05`, `1e-3`), a choice as its name,
 * a character as itself (`tab` or `\t` for a tab), roles as `column=role`. Returns the value, or the words of what was expected (the CLI wraps
 * them in its usage error).
 *
 * @example
 * parseOptionText(DRIFT_OPTIONS.psiBins, '20'); // => { value: 20 }
 * parseOptionText(DRIFT_OPTIONS.psiBins, '1.5'); // => { expected: 'a whole number from 2 to 1000' }
 * parseOptionText(LOAD_OPTIONS.delimiter, 'tab'); // => { value: '\t' }
 */
export function parseOptionText(spec: NumberOptionSpec | ChoiceOptionSpec | CharacterOptionSpec, text: string): { value: number | string } | { expected: string } {
  if (spec.type === 'choice') return isValidOption(spec, text) ? { value: text } : { expected: describeValid(spec) };
  if (spec.type === 'character') {
    // A tab is hard to type in a shell: `tab` and `\t` stand for it.
    const character = text === 'tab' || text === '\\t' ? '\t' : text;
    return isValidOption(spec, character) ? { value: character } : { expected: describeValid(spec) };
  }
  const value = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  return isValidOption(spec, value) ? { value } : { expected: describeValid(spec) };
}

/**
 * Parses `name=role` pairs (the CLI's repeatable `--role`), later pairs winning. Returns the roles
 * or the first bad pair with what was expected.
 *
 * @example
 * parseRoles(['user_id=feature', 'ts=time']); // => { roles: { user_id: 'feature', ts: 'time' } }
 */
export function parseRoles(pairs: readonly string[]): { roles: ColumnRoles } | { bad: string; expected: string } {
  const roles: Record<string, ColumnRole> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const name = at > 0 ? pair.slice(0, at).trim() : '';
    const role = at > 0 ? pair.slice(at + 1).trim() : '';
    if (name === '' || !(COLUMN_ROLES as readonly string[]).includes(role)) {
      return { bad: pair, expected: describeValid(DRIFT_OPTIONS.columnRoles) };
    }
    roles[name] = role as ColumnRole;
  }
  return { roles };
}
