#!/usr/bin/env node
/**
 * `gradient`: the drift, calibration and CUSUM reports on the command line, for CI.
 *
 * Only arguments and I/O live here; every number and sentence comes from `core/reports`, the code
 * the VS Code panel runs. Exit codes: 0 done, 1 the `--fail-on` gate tripped, 2 bad usage or bad
 * input (one line on stderr naming the file, the column and what to do), 3 an internal error
 * (one line asking for a report; GRADIENT_DEBUG=1 prints the stack).
 */

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import packageJson from '../package.json';
import { DataError, loadTable, type DataErrorDetails, type LoadControl, type LoadOptions, type Table } from './core/data/index';
import {
  CALIBRATION_DEFAULTS,
  CUSUM_DEFAULT_WARMUP,
  DRIFT_DEFAULTS,
  FAIL_ON_LEVELS,
  ReportInputError,
  buildCalibrationReport,
  buildCusumReport,
  buildDriftReport,
  loadCalibrationTable,
  loadCusumTable,
  loadDriftTables,
  renderJson,
  renderMarkdown,
  renderText,
  tripsGate,
  type GradientReport,
  type MultipleTestingCorrection,
  type TableLoader,
} from './core/reports/index';
import { sortedFinite, type CalibrationStrategy, type PsiBinStrategy } from './core/stats/index';

export const EXIT = { ok: 0, gate: 1, usage: 2, internal: 3 } as const;

/** Bad arguments: the message is the whole story. */
class UsageError extends Error {}

type Format = 'text' | 'json' | 'markdown';
const FORMATS: readonly Format[] = ['text', 'json', 'markdown'];

const HELP = {
  main: `gradient ${packageJson.version}: drift, calibration and concept-drift reports for ML data, from the command line

Usage:
  gradient drift REFERENCE CURRENT [options]     compare two data files column by column
  gradient calibration FILE --confidence COL --correct COL [options]
  gradient cusum FILE --column COL [options]     concept drift in an accuracy / correctness series

Files: .csv, .tsv, .jsonl / .ndjson, .parquet. Run "gradient COMMAND --help" for the options.

Exit codes: 0 done, 1 the --fail-on gate tripped, 2 bad usage or bad input, 3 internal error.
`,
  drift: `Usage: gradient drift REFERENCE CURRENT [options]

Compares every column the two files share: KS, PSI, Wasserstein and Jensen-Shannon for numeric
columns, chi-square and PSI for categorical ones. A column drifts when PSI > 0.25 or the test's
p <= 0.01, and warns when PSI > 0.1 (the seed's alert and rollback levels).

Options:
  --format text|json|markdown   output format (default: from --out's extension, else text)
  --out FILE                    write the report to FILE (atomically; never over an input file)
  --fail-on never|warning|drift exit 1 when a column reaches this status (default: drift)
  --columns a,b                 compare only these columns
  --categorical a,b             read these columns as categories (ids, zip codes)
  --numeric a,b                 read these columns as numbers; text in them is an error
  --label COL                   the label column: its class balance is checked, it is not drift-tested
  --psi-bins N                  PSI bins (default ${DRIFT_DEFAULTS.psiBins})
  --psi-strategy quantile|uniform|sturges   PSI bin layout (default ${DRIFT_DEFAULTS.psiStrategy})
  --psi-warning X               warn when PSI > X (default ${DRIFT_DEFAULTS.psiWarning})
  --psi-drift X                 drift when PSI > X (default ${DRIFT_DEFAULTS.psiDrift})
  --alpha A                     drift when the KS / chi-square p <= A (default ${DRIFT_DEFAULTS.alpha})
  --correction none|bonferroni|bh   adjust the p-values for testing many columns (default none)
  --extreme-sigmas S            count current values beyond S reference sd (default ${DRIFT_DEFAULTS.extremeSigmas})
  -h, --help                    show this help
`,
  calibration: `Usage: gradient calibration FILE --confidence COL --correct COL [options]

Reliability bins, ECE / MCE / ACE and the Brier score; the check passes when every bin's accuracy
is within the tolerance of its mean confidence (the seed's 5 points).

Options:
  --confidence COL              predicted probability (or top-label confidence), in [0, 1]
  --correct COL                 outcome: 1/0 or true/false (the label, or whether the prediction was right)
  --bins N                      bins (default ${CALIBRATION_DEFAULTS.bins}; empty bins are dropped)
  --strategy uniform|quantile   bin layout (default ${CALIBRATION_DEFAULTS.strategy})
  --tolerance T                 largest allowed |accuracy - confidence| per bin (default ${CALIBRATION_DEFAULTS.tolerance})
  --format text|json|markdown   output format (default: from --out's extension, else text)
  --out FILE                    write the report to FILE (atomically; never over the input file)
  --fail-on never|miscalibrated exit 1 when a bin is outside the tolerance (default: never)
  -h, --help                    show this help
`,
  cusum: `Usage: gradient cusum FILE --column COL [options]

Page's lower CUSUM down the rows of COL (accuracy per batch, or 1/0 correctness): an alarm at
each row where the accumulated drop below the target exceeds h.

Options:
  --column COL                  the series, in time order
  --target T                    in-control mean (default: mean of the warm-up)
  --sigma S                     in-control standard deviation (default: sd of the warm-up)
  --k K                         allowance per point (default 0.5 sigma)
  --h H                         decision threshold (default 5 sigma)
  --warmup N                    leading values that estimate target and sigma (default ${CUSUM_DEFAULT_WARMUP})
  --format text|json|markdown   output format (default: from --out's extension, else text)
  --out FILE                    write the report to FILE (atomically; never over the input file)
  --fail-on never|alarm         exit 1 when the CUSUM raised an alarm (default: never)
  -h, --help                    show this help
`,
};

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON_OPTIONS: Options = {
  format: { type: 'string' },
  out: { type: 'string' },
  'fail-on': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const COMMAND_OPTIONS: Record<'drift' | 'calibration' | 'cusum', Options> = {
  drift: {
    ...COMMON_OPTIONS,
    columns: { type: 'string', multiple: true },
    categorical: { type: 'string', multiple: true },
    numeric: { type: 'string', multiple: true },
    label: { type: 'string' },
    'psi-bins': { type: 'string' },
    'psi-strategy': { type: 'string' },
    'psi-warning': { type: 'string' },
    'psi-drift': { type: 'string' },
    alpha: { type: 'string' },
    correction: { type: 'string' },
    'extreme-sigmas': { type: 'string' },
  },
  calibration: {
    ...COMMON_OPTIONS,
    confidence: { type: 'string' },
    correct: { type: 'string' },
    bins: { type: 'string' },
    strategy: { type: 'string' },
    tolerance: { type: 'string' },
  },
  cusum: {
    ...COMMON_OPTIONS,
    column: { type: 'string' },
    target: { type: 'string' },
    sigma: { type: 'string' },
    k: { type: 'string' },
    h: { type: 'string' },
    warmup: { type: 'string' },
  },
};

type Values = Record<string, string | boolean | string[] | undefined>;

/** What the CLI touches outside its arguments, replaceable in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Progress lines are shown only on an interactive terminal. */
  readonly stderrIsTty: boolean;
}

const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTty: process.stderr.isTTY === true,
};

function parse(command: keyof typeof COMMAND_OPTIONS, args: string[]): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options: COMMAND_OPTIONS[command], allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message;
    const option = /'(-[^' ]*)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown option ${option ?? message} for ${command}: see gradient ${command} --help`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(`${option ?? 'an option'} needs a value: see gradient ${command} --help`);
    }
    throw new UsageError(`${command}: ${message.split('\n')[0]}: see gradient ${command} --help`);
  }
}

function stringOption(values: Values, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

function requiredOption(command: string, values: Values, name: string, what: string): string {
  const value = stringOption(values, name);
  if (value === undefined) throw new UsageError(`${command} needs --${name} COL (${what}): see gradient ${command} --help`);
  return value;
}

function choiceOption<T extends string>(values: Values, name: string, choices: readonly T[]): T | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be ${choices.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not ${JSON.stringify(value)}`);
  }
  return value as T;
}

interface NumberRule {
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** Bounds excluded. */
  readonly open?: boolean;
  readonly what: string;
}

function numberOption(values: Values, name: string, rule: NumberRule): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  const inRange =
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.open ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.open ? value < rule.max : value <= rule.max));
  if (!inRange) throw new UsageError(`--${name} must be ${rule.what}, not ${JSON.stringify(text)}`);
  return value;
}

/** `--columns a,b --columns c` -> ['a', 'b', 'c']. */
function listOption(values: Values, name: string): string[] | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const names = (Array.isArray(raw) ? raw : [String(raw)]).flatMap((part) => part.split(',')).map((n) => n.trim());
  if (names.length === 0 || names.some((n) => n === '')) {
    throw new UsageError(`--${name} needs comma-separated column names, e.g. --${name} age,income`);
  }
  return names;
}

function formatOption(values: Values): Format {
  const format = choiceOption(values, 'format', FORMATS);
  if (format) return format;
  const out = stringOption(values, 'out');
  if (out && /\.json$/i.test(out)) return 'json';
  if (out && /\.(md|markdown)$/i.test(out)) return 'markdown';
  return 'text';
}

function render(report: GradientReport, format: Format): string {
  return format === 'json' ? renderJson(report) : format === 'markdown' ? renderMarkdown(report) : renderText(report);
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    if (realpathSync(a) === realpathSync(b)) return true;
    const [sa, sb] = [statSync(a), statSync(b)];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // one of them does not exist yet
  }
}

/** Refuses an --out path that is one of the input files (checked before anything is read). */
function checkOutPath(out: string | undefined, inputs: readonly string[]): void {
  if (out === undefined) return;
  for (const input of inputs) {
    if (sameFile(out, input)) {
      throw new UsageError(`--out ${out} is the input file ${input}: write the report to another file`);
    }
  }
}

/** Writes `text` to `path` through a temporary file in the same folder and a rename. */
function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx');
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`--out ${path} could not be written (${code}): check that its folder exists and is writable`);
  }
}

interface ProgressReporter {
  /** Load control that reports the share of `label` read so far. */
  control(label: string): LoadControl;
  /** Shows what happens now that the files are read ("computing the report"). */
  phase(text: string): void;
  /** Clears the line. */
  done(): void;
}

/** Progress on an interactive stderr: "reading reference 42%, current 17%", rewritten in place, cleared at the end. */
function progressReporter(io: CliIo): ProgressReporter {
  if (!io.stderrIsTty) return { control: () => ({}), phase: () => undefined, done: () => undefined };
  const shares = new Map<string, number>();
  let last = 0;
  let shown = false;
  const show = (text: string) => {
    io.stderr(`\r\x1b[Kgradient: ${text}`);
    shown = true;
  };
  return {
    control: (label) => {
      if (!shares.has(label)) shares.set(label, 0);
      return {
        onProgress: (_rows, bytes, total) => {
          shares.set(label, total > 0 ? Math.min(1, bytes / total) : 0);
          const now = Date.now();
          if (now - last >= 100) {
            last = now;
            show(`reading ${[...shares].map(([name, share]) => `${name} ${Math.floor(share * 100)}%`).join(', ')}`);
          }
        },
      };
    },
    phase: show,
    done: () => {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Loading in worker threads: the two files of a drift report are parsed at the same time, one per
// core, and each worker also sorts its numeric columns (what the report needs first). Tables and
// sorted copies come back as transferred buffers, not copies.

/** Files at least this big are loaded in a worker thread (below it, starting a worker costs more than it saves). */
const WORKER_MIN_BYTES = 16 * 2 ** 20;

interface LoadRequest {
  readonly gradientLoad: true;
  readonly path: string;
  readonly options: LoadOptions;
}

type LoadReply =
  | { readonly type: 'progress'; readonly rows: number; readonly bytes: number; readonly total: number }
  | { readonly type: 'table'; readonly table: Table; readonly sorted: ReadonlyArray<readonly [string, Float64Array]> }
  | { readonly type: 'data-error'; readonly details: DataErrorDetails }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly stack?: string };

/** The worker side: load, sort, send everything back by transfer. */
async function serveLoad(request: LoadRequest): Promise<void> {
  const port = parentPort!;
  try {
    const table = await loadTable(request.path, request.options, {
      onProgress: (rows, bytes, total) => port.postMessage({ type: 'progress', rows, bytes, total } satisfies LoadReply),
    });
    const sorted = table.columns.flatMap((c) => (c.kind === 'numeric' ? [[c.name, sortedFinite(c.values)] as const] : []));
    const buffers = new Set<ArrayBuffer>();
    for (const c of table.columns) buffers.add((c.kind === 'numeric' ? c.values : c.codes).buffer as ArrayBuffer);
    for (const [, values] of sorted) buffers.add(values.buffer as ArrayBuffer);
    const reply: LoadReply = { type: 'table', table, sorted };
    try {
      port.postMessage(reply, [...buffers]);
    } catch {
      port.postMessage(reply); // a buffer that cannot move (e.g. Node's Buffer pool): copy instead
    }
  } catch (error) {
    if (error instanceof DataError) {
      const { code, file, column, line, row, message } = error;
      const details: DataErrorDetails = { code, file, message, ...(column !== undefined ? { column } : {}), ...(line !== undefined ? { line } : {}), ...(row !== undefined ? { row } : {}) };
      port.postMessage({ type: 'data-error', details } satisfies LoadReply);
    } else {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ type: 'error', name: e.name, message: e.message, stack: e.stack } satisfies LoadReply);
    }
  }
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // loadTable words the error
  }
}

/**
 * A `TableLoader` that parses big files in a worker thread (small ones in this thread) and
 * collects each file's sorted numeric columns into `sorted`, keyed by path.
 * GRADIENT_THREADS=off keeps everything in this thread; =on uses workers for any size.
 */
function threadedLoader(sorted: Map<string, Map<string, Float64Array>>): TableLoader {
  const mode = process.env.GRADIENT_THREADS;
  return (path, options, control) => {
    if (mode === 'off' || (mode !== 'on' && fileBytes(path) < WORKER_MIN_BYTES)) return loadTable(path, options, control);
    return new Promise<Table>((resolvePromise, reject) => {
      let settled = false;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        action();
      };
      const worker = new Worker(__filename, {
        workerData: { gradientLoad: true, path, options } satisfies LoadRequest,
        // Run from source (tests: node --import tsx src/cli.ts), the worker needs tsx's CommonJS hook.
        ...(__filename.endsWith('.ts') ? { execArgv: ['--require', 'tsx/cjs'] } : {}),
      });
      worker.on('message', (reply: LoadReply) => {
        switch (reply.type) {
          case 'progress':
            control.onProgress?.(reply.rows, reply.bytes, reply.total);
            break;
          case 'table':
            sorted.set(path, new Map([...(sorted.get(path) ?? []), ...reply.sorted]));
            settle(() => resolvePromise(reply.table));
            break;
          case 'data-error':
            settle(() => reject(new DataError(reply.details)));
            break;
          case 'error': {
            const error = new Error(reply.message);
            error.name = reply.name;
            if (reply.stack) error.stack = reply.stack;
            settle(() => reject(error));
            break;
          }
        }
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => settle(() => reject(new Error(`the worker loading ${path} stopped (exit code ${code})`))));
    });
  };
}

function failOnOption<K extends keyof typeof FAIL_ON_LEVELS>(values: Values, command: K, fallback: string): string {
  return choiceOption(values, 'fail-on', FAIL_ON_LEVELS[command] as readonly string[]) ?? fallback;
}

async function runDrift(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('drift', args);
  if (values.help) {
    io.stdout(HELP.drift);
    return EXIT.ok;
  }
  if (positionals.length !== 2) {
    throw new UsageError(
      `drift needs two files, REFERENCE and CURRENT (got ${positionals.length}): see gradient drift --help`,
    );
  }
  const [referencePath, currentPath] = positionals;
  const format = formatOption(values);
  const out = stringOption(values, 'out');
  const failOn = failOnOption(values, 'drift', 'drift');
  const label = stringOption(values, 'label');
  const options = {
    psiBins: numberOption(values, 'psi-bins', { integer: true, min: 1, max: 1000, what: 'a whole number from 1 to 1000' }),
    psiStrategy: choiceOption<PsiBinStrategy>(values, 'psi-strategy', ['quantile', 'uniform', 'sturges']),
    psiWarning: numberOption(values, 'psi-warning', { min: 0, what: 'a number >= 0' }),
    psiDrift: numberOption(values, 'psi-drift', { min: 0, what: 'a number >= 0' }),
    alpha: numberOption(values, 'alpha', { min: 0, max: 1, open: true, what: 'a number between 0 and 1' }),
    correction: choiceOption<MultipleTestingCorrection>(values, 'correction', ['none', 'bonferroni', 'bh']),
    extremeSigmas: numberOption(values, 'extreme-sigmas', { min: 0, what: 'a number >= 0' }),
    label,
  };
  const warning = options.psiWarning ?? DRIFT_DEFAULTS.psiWarning;
  const drift = options.psiDrift ?? DRIFT_DEFAULTS.psiDrift;
  if (drift < warning) throw new UsageError(`--psi-drift (${drift}) must be at least --psi-warning (${warning})`);
  const columns = listOption(values, 'columns');
  const categorical = listOption(values, 'categorical');
  const numeric = listOption(values, 'numeric');
  const both = numeric?.find((n) => categorical?.includes(n));
  if (both !== undefined) throw new UsageError(`column ${JSON.stringify(both)} is in both --numeric and --categorical: pick one`);
  checkOutPath(out, positionals);

  const progress = progressReporter(io);
  const controls = { reference: progress.control('reference'), current: progress.control('current') };
  const sorted = new Map<string, Map<string, Float64Array>>();
  try {
    const tables = await loadDriftTables(
      referencePath,
      currentPath,
      { columns, categorical, numeric, label },
      { onProgress: (role, rows, bytes, total) => controls[role].onProgress?.(rows, bytes, total) },
      threadedLoader(sorted),
    );
    progress.phase(`comparing ${tables.reference.columns.length} columns`);
    const report = buildDriftReport(tables.reference, tables.current, {
      ...definedOnly(options),
      kindMismatches: tables.kindMismatches,
      presorted: { reference: sorted.get(referencePath), current: sorted.get(currentPath) },
    });
    progress.done();
    return emit(report, format, out, failOn, io);
  } finally {
    progress.done();
  }
}

async function runCalibration(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('calibration', args);
  if (values.help) {
    io.stdout(HELP.calibration);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`calibration needs one FILE (got ${positionals.length}): see gradient calibration --help`);
  }
  const [path] = positionals;
  const confidence = requiredOption('calibration', values, 'confidence', 'the predicted probability');
  const correct = requiredOption('calibration', values, 'correct', 'the 1/0 outcome');
  const format = formatOption(values);
  const out = stringOption(values, 'out');
  const failOn = failOnOption(values, 'calibration', 'never');
  const options = {
    confidence,
    correct,
    bins: numberOption(values, 'bins', { integer: true, min: 1, max: 1000, what: 'a whole number from 1 to 1000' }),
    strategy: choiceOption<CalibrationStrategy>(values, 'strategy', ['uniform', 'quantile']),
    tolerance: numberOption(values, 'tolerance', { min: 0, max: 1, what: 'a number from 0 to 1' }),
  };
  checkOutPath(out, positionals);
  const progress = progressReporter(io);
  let table;
  try {
    table = await loadCalibrationTable(path, options, progress.control(basename(path)));
  } finally {
    progress.done();
  }
  return emit(buildCalibrationReport(table, definedOnly(options)), format, out, failOn, io);
}

async function runCusum(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('cusum', args);
  if (values.help) {
    io.stdout(HELP.cusum);
    return EXIT.ok;
  }
  if (positionals.length !== 1) {
    throw new UsageError(`cusum needs one FILE (got ${positionals.length}): see gradient cusum --help`);
  }
  const [path] = positionals;
  const column = requiredOption('cusum', values, 'column', 'the accuracy or correctness series');
  const format = formatOption(values);
  const out = stringOption(values, 'out');
  const failOn = failOnOption(values, 'cusum', 'never');
  const options = {
    column,
    target: numberOption(values, 'target', { what: 'a number' }),
    sigma: numberOption(values, 'sigma', { min: 0, open: true, what: 'a number > 0' }),
    k: numberOption(values, 'k', { min: 0, what: 'a number >= 0' }),
    h: numberOption(values, 'h', { min: 0, what: 'a number >= 0' }),
    warmup: numberOption(values, 'warmup', { integer: true, min: 2, what: 'a whole number of at least 2' }),
  };
  checkOutPath(out, positionals);
  const progress = progressReporter(io);
  let table;
  try {
    table = await loadCusumTable(path, options, progress.control(basename(path)));
  } finally {
    progress.done();
  }
  return emit(buildCusumReport(table, definedOnly(options)), format, out, failOn, io);
}

/** Drops undefined fields, so the reports' own defaults apply. */
function definedOnly<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}

function emit(report: GradientReport, format: Format, out: string | undefined, failOn: string, io: CliIo): number {
  const text = render(report, format);
  const verdict = report.report === 'drift' ? report.summary.verdict : report.verdict;
  if (out === undefined) {
    io.stdout(text);
  } else {
    writeAtomically(out, text);
    io.stderr(`gradient: wrote ${out}: ${verdict}\n`);
  }
  return tripsGate(report, failOn) ? EXIT.gate : EXIT.ok;
}

/** The one stderr line for a failure, and the exit code. */
export function describeFailure(error: unknown): { line: string; code: number } {
  const single = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
  if (error instanceof UsageError || error instanceof DataError || error instanceof ReportInputError) {
    return { line: `gradient: ${single(error.message)}`, code: EXIT.usage };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    line:
      `gradient: internal error (${single(message)}): this is a bug in GRADIENT, please report it ` +
      `with the command you ran (GRADIENT_DEBUG=1 shows the stack)`,
    code: EXIT.internal,
  };
}

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit code.
 *
 * @example
 * await runCli(['drift', 'train.csv', 'prod.csv', '--format', 'json']); // prints the report, returns 0 or 1
 */
export async function runCli(args: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'drift':
        return await runDrift(rest, io);
      case 'calibration':
        return await runCalibration(rest, io);
      case 'cusum':
        return await runCusum(rest, io);
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP.main);
        return EXIT.ok;
      case '--version':
      case '-v':
        io.stdout(`${packageJson.version}\n`);
        return EXIT.ok;
      case undefined:
        throw new UsageError('missing command: gradient drift, gradient calibration or gradient cusum (see gradient --help)');
      default:
        throw new UsageError(
          `${JSON.stringify(command)} is not a command: use gradient drift, gradient calibration or gradient cusum (see gradient --help)`,
        );
    }
  } catch (error) {
    const { line, code } = describeFailure(error);
    io.stderr(`${line}\n`);
    if (code === EXIT.internal && process.env.GRADIENT_DEBUG) io.stderr(`${(error as Error)?.stack ?? error}\n`);
    return code;
  }
}

function isMain(): boolean {
  // Bundled (dist/cli.js) or run from source (node --import tsx src/cli.ts).
  const entry = process.argv[1] ? resolve(process.argv[1]) : '';
  return typeof require !== 'undefined' && require.main === module && entry !== '';
}

if (!isMainThread && (workerData as LoadRequest | undefined)?.gradientLoad) {
  void serveLoad(workerData as LoadRequest);
} else if (isMain()) {
  // A reader that goes away (`gradient drift ... | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  void runCli(process.argv.slice(2)).then((code) => {
    if (process.env.GRADIENT_REPORT_RSS) {
      process.stderr.write(`gradient: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`);
    }
    process.exitCode = code;
  });
}
