#!/usr/bin/env node
/**
 * `gradient`: the drift, calibration and CUSUM reports, the readiness gate and the ML code review on
 * the command line, for CI.
 *
 * Only arguments and I/O live here; every number and sentence comes from `core/reports`, the code
 * the VS Code panel runs. Exit codes: 0 done, 1 the `--fail-on` gate tripped, 2 bad usage or bad
 * input (one line on stderr naming the file, the column and what to do), 3 an internal error
 * (one line asking for a report; GRADIENT_DEBUG=1 prints the stack).
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import packageJson from '../package.json';
import { DataError, type LoadControl } from './core/data/index';
import {
  CALIBRATION_OPTIONS,
  CUSUM_OPTIONS,
  DRIFT_OPTIONS,
  LOAD_OPTIONS,
  FAIL_ON_LEVELS,
  ReportInputError,
  escapeControls,
  parseOptionText,
  parseRoles,
  renderJson,
  renderMarkdown,
  renderText,
  queryingMessage,
  runReport,
  tripsGate,
  type GradientReport,
  type OptionSpec,
  driftComparisonQuestion,
  driftProfileQuestion,
  type ReportFile,
  type ReportJob,
} from './core/reports/index';
import { CONSTRAINTS, isConstraint, isStageId, STAGE_IDS } from './core/lifecycle/stages';
import { buildCatalog } from './core/patterns/buildCatalog';
import type { Catalog } from './core/patterns/catalog';
import {
  assessReadiness,
  CONSISTENCY_RULES,
  JUnitError,
  nodeWorkspaceReader,
  renderReadinessJson,
  renderReadinessMarkdown,
  renderReadinessText,
  RULE_SUMMARIES,
  SKIPPED_FOLDERS,
  type ReadinessReport,
} from './core/readiness/index';
import {
  CorpusExpectationError,
  createReviewer,
  fileErrorText,
  notebookPositions,
  parseCorpusExpectation,
  renderCorpusScoreJson,
  renderCorpusScoreText,
  renderReviewJson,
  renderReviewSarif,
  renderReviewText,
  REVIEW_RULE_IDS,
  REVIEW_RULES,
  ReviewInputError,
  reviewSourceFor,
  reviewSummary,
  scoreCorpus,
  type ExpectedFinding,
  type NotebookPositions,
  type ReviewReport,
  type ReviewRuleId,
  type ReviewSource,
} from './core/review/index';
import { openOriginSource, type DriftOrigin } from './core/sources/openDriftSource';
import { SQL_DIALECTS } from './core/sources/sql/dialects';
import { comparisonSql, profileSql, relationFromQuery, type SqlColumn } from './core/sources/sql/driftSql';
import { OutputFileError, checkOutputPath, sameFile, writeOutputFile } from './outputFile';
import { threadedLoader } from './threadedLoader';

export const EXIT = { ok: 0, gate: 1, usage: 2, internal: 3 } as const;

/** Bad arguments: the message is the whole story. */
class UsageError extends Error {}

type Format = 'text' | 'json' | 'markdown';
const FORMATS: readonly Format[] = ['text', 'json', 'markdown'];

type Command = 'drift' | 'calibration' | 'cusum';

/** The schema's options of each command (those with a flag). */
const SCHEMA: Record<Command, Record<string, OptionSpec>> = { drift: DRIFT_OPTIONS, calibration: CALIBRATION_OPTIONS, cusum: CUSUM_OPTIONS };

/** Every command's flags for how its files are read (encoding, delimiter): the job's `data`. */
function commandSpecs(command: Command): OptionSpec[] {
  return [...Object.values(SCHEMA[command]), ...Object.values(LOAD_OPTIONS)];
}

/** A flag of a command that is not a report option: its value and one line of help. */
interface PlainFlag {
  readonly name: string;
  /** The value's placeholder in help; absent for a switch. */
  readonly value?: string;
  readonly multiple?: boolean;
  readonly help: string;
}

const COMMON_FLAGS: readonly PlainFlag[] = [
  { name: 'format', value: 'text|json|markdown', help: "output format (default: from --out's extension, else text)" },
  { name: 'out', value: 'FILE', help: 'write the report to FILE: a file is replaced atomically keeping its mode, a link is followed, a device or FIFO is written in place; never an input file, a read-only file or a folder' },
];

const COMMAND_FLAGS: Record<Command, readonly PlainFlag[]> = {
  drift: [
    { name: 'columns', value: 'a,b', multiple: true, help: 'compare only these columns' },
    { name: 'categorical', value: 'a,b', multiple: true, help: 'read these columns as categories (ids, zip codes)' },
    { name: 'numeric', value: 'a,b', multiple: true, help: 'read these columns as numbers; text in them is an error' },
    { name: 'label', value: 'COL', help: 'the label column: its class balance is checked, it is not drift-tested (default: a column named label, target, y, ...)' },
    { name: 'connection', value: 'URL', help: 'compare two queries on this PostgreSQL server (postgresql://user@host:5432/db; the password from PGPASSWORD, PGSERVICE or ~/.pgpass, never the URL) instead of two files' },
    { name: 'reference-sql', value: 'SQL|FILE.sql', help: 'the reference rows: a SELECT, or a .sql file holding one' },
    { name: 'current-sql', value: 'SQL|FILE.sql', help: 'the current rows: a SELECT, or a .sql file holding one' },
    { name: 'from-aggregates', value: 'FILE', multiple: true, help: 'finish the report from exported results of the drift SQL (CSV or JSON Lines): the profile, and the comparison printed from it' },
    { name: 'print-sql', help: 'print the drift SQL for --dialect instead of running it: the profile, or with --from-aggregates PROFILE the comparison' },
    { name: 'dialect', value: 'duckdb|postgresql|spark|bigquery', help: 'the SQL dialect --print-sql writes' },
  ],
  calibration: [
    { name: 'confidence', value: 'COL', help: 'predicted probability (or top-label confidence), in [0, 1]' },
    { name: 'correct', value: 'COL', help: 'outcome: 1/0 or true/false (the label, or whether the prediction was right)' },
  ],
  cusum: [
    { name: 'column', value: 'COL', help: 'the series: accuracy per batch, or 1/0 (true/false) correctness per prediction' },
    { name: 'time-column', value: 'COL', help: 'sort the rows by this column first (default: file order)' },
  ],
};

const FAIL_ON_DEFAULT: Record<Command, string> = { drift: 'drift', calibration: 'never', cusum: 'never' };

const USAGE: Record<Command, { readonly line: string; readonly about: string }> = {
  drift: {
    line: 'gradient drift REFERENCE CURRENT [options]',
    about: `Compares every feature column the two files share: KS, PSI, Wasserstein and Jensen-Shannon for
numeric columns, chi-square and PSI for categorical ones, each weighed against its sampling noise.
Identifier and time columns are listed with their role, not tested; the label's class balance is
checked. Statuses: drift, warning, detectable but small, insufficient data, ok.`,
  },
  calibration: {
    line: 'gradient calibration FILE --confidence COL --correct COL [options]',
    about: `Reliability bins, ECE / MCE / ACE and the Brier score. A bin is off when its accuracy's interval
lies wholly outside the tolerance (the seed's 5 points) around its confidence.`,
  },
  cusum: {
    line: 'gradient cusum FILE --column COL [options]',
    about: `Page's lower CUSUM down the rows of COL: an alarm where the accumulated drop below the target
exceeds h. k and h are in standard deviations; h comes from the in-control average run length.
A 0/1 series is Bernoulli (sigma from the target), so --target alone needs no warm-up.`,
  },
};

function flagLine(flag: string, value: string | undefined, help: string): string {
  const left = `  --${flag}${value ? ` ${value}` : ''}`;
  return `${left.padEnd(32)}${left.length >= 32 ? '\n' + ' '.repeat(32) : ''}${help}`;
}

function specValue(spec: OptionSpec): string {
  return spec.type === 'choice' ? spec.choices.map((c) => c.value).join('|') : spec.type === 'roles' ? 'COL=ROLE' : spec.type === 'integer' ? 'N' : 'X';
}

function specDefault(spec: OptionSpec): string {
  if (spec.type === 'roles') return ' (repeatable; roles: feature, identifier, time, label, ignore)';
  return spec.default === null ? '' : ` (default ${spec.default})`;
}

/** `gradient COMMAND --help`, from the command's flags and the schema's sentences. */
function commandHelp(command: Command): string {
  const { line, about } = USAGE[command];
  const flags = [
    ...COMMAND_FLAGS[command].map((f) => flagLine(f.name, f.value, f.help)),
    ...commandSpecs(command)
      .filter((spec) => spec.flag !== undefined)
      .map((spec) => flagLine(spec.flag!, specValue(spec), `${spec.description}${specDefault(spec)}`)),
    ...COMMON_FLAGS.map((f) => flagLine(f.name, f.value, f.help)),
    flagLine('fail-on', FAIL_ON_LEVELS[command].join('|'), `exit 1 when the report reaches this status (default: ${FAIL_ON_DEFAULT[command]})`),
    flagLine('help', undefined, 'show this help (also -h)'),
  ];
  return `Usage: ${line}\n\n${about}\n\nOptions:\n${flags.join('\n')}\n`;
}

const MAIN_HELP = `gradient ${packageJson.version}: drift, calibration and concept-drift reports for ML data, from the command line

Usage:
  ${USAGE.drift.line}     compare two data files column by column
  ${USAGE.calibration.line}
  ${USAGE.cusum.line}     concept drift in an accuracy / correctness series
  gradient readiness [DIR] [options]     is this ML work done? the checklists answered from DIR
  gradient review PATH... [options]      ML code review of Python files and notebooks (text, JSON, SARIF)

Data files: .csv, .tsv, .jsonl / .ndjson, .parquet. Run "gradient COMMAND --help" for the options.

Exit codes: 0 done, 1 the --fail-on gate tripped (review: an error-level finding), 2 bad usage or bad
input, 3 internal error.
`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parseArgsOptions(command: Command): Options {
  const options: Options = { help: { type: 'boolean', short: 'h' }, 'fail-on': { type: 'string' } };
  for (const flag of [...COMMON_FLAGS, ...COMMAND_FLAGS[command]]) {
    options[flag.name] = flag.value === undefined ? { type: 'boolean' } : { type: 'string', ...(flag.multiple ? { multiple: true } : {}) };
  }
  for (const spec of commandSpecs(command)) {
    if (spec.flag) options[spec.flag] = { type: 'string', ...(spec.type === 'roles' ? { multiple: true } : {}) };
  }
  return options;
}

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

/** A negative number (`-0.5`, `-.5`, `-5e-1`): an option's value, never an option. */
const NEGATIVE_NUMBER = /^-(?:\d|\.\d)/;

/**
 * `--name -0.5` as `--name=-0.5` for every option that takes a value: parseArgs reads a value
 * that starts with a dash as a forgotten one, but no option name starts with a digit, so a
 * negative number after such an option can only be its value.
 */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const takesValue = arg.startsWith('--') && !arg.includes('=') && options[arg.slice(2)]?.type === 'string';
    if (takesValue && i + 1 < args.length && NEGATIVE_NUMBER.test(args[i + 1])) {
      out.push(`${arg}=${args[++i]}`);
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** Refuses a flag that takes one value but was given more than once (rather than keeping the last). */
function checkRepeats(tokens: readonly { kind: string; name?: string; value?: string | undefined }[], options: Options): void {
  const given = new Map<string, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const option = options[token.name];
    if (option?.type !== 'string' || option.multiple) continue;
    given.set(token.name, [...(given.get(token.name) ?? []), token.value ?? '']);
  }
  for (const [name, values] of given) {
    if (values.length > 1) throw new UsageError(`--${name} is given ${values.length} times (${values.map((v) => JSON.stringify(v)).join(', ')}): give it once`);
  }
}

function parse(command: Command, args: string[]): { values: Values; positionals: string[] } {
  return parseWith(command, args, parseArgsOptions(command));
}

/** `args` parsed against `options`: a bad flag is a UsageError pointing at `gradient COMMAND --help`. */
function parseWith(command: string, args: string[], options: Options): { values: Values; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message;
    const option = /'(-[^' ]*)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown option ${option ?? message} for ${command}: see gradient ${command} --help`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const next = option === undefined ? undefined : args[args.indexOf(option) + 1];
      const hint = /ambiguous/.test(message) && next !== undefined ? ` (one that starts with "-" is written ${option}=${next})` : '';
      throw new UsageError(`${option ?? 'an option'} needs a value${hint}: see gradient ${command} --help`);
    }
    throw new UsageError(`${command}: ${message.split('\n')[0]}: see gradient ${command} --help`);
  }
  checkRepeats(parsed.tokens, options);
  return { values: parsed.values as Values, positionals: parsed.positionals };
}

/** A one-character flag's text as given, blanks included; empty is no value. */
function characterOption(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value`);
  return value;
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

/**
 * The report options a command's flags set, parsed and checked by the schema; unset flags stay
 * unset, so the report's own defaults apply (the same ones the settings fall back to).
 */
function schemaOptions(group: Record<string, OptionSpec>, values: Values): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(group)) {
    if (!spec.flag || values[spec.flag] === undefined) continue;
    if (spec.type === 'roles') {
      const raw = values[spec.flag];
      const parsed = parseRoles(Array.isArray(raw) ? raw : [String(raw)]);
      if ('bad' in parsed) throw new UsageError(`--${spec.flag} takes ${parsed.expected} (e.g. --${spec.flag} user_id=feature), not ${JSON.stringify(parsed.bad)}`);
      out[key] = parsed.roles;
      continue;
    }
    // A delimiter may be a space or a tab (`--delimiter $'\t'`): only a number or a word is trimmed.
    const text = spec.type === 'character' ? characterOption(values, spec.flag) : stringOption(values, spec.flag)!;
    const parsed = parseOptionText(spec, text);
    if ('expected' in parsed) throw new UsageError(`--${spec.flag} must be ${parsed.expected}, not ${JSON.stringify(text)}`);
    out[key] = parsed.value;
  }
  return out;
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

/** Refuses an --out path that is one of the input files (checked before anything is read). */
function checkOutPath(out: string | undefined, inputs: readonly string[]): void {
  if (out === undefined) return;
  for (const input of inputs) {
    if (sameFile(out, input)) {
      throw new UsageError(`--out ${out} is the input file ${input}: write the report to another file`);
    }
  }
  // A folder, a read-only file or a dangling link fails now, not after the report is computed.
  outFileErrors(() => checkOutputPath(out));
}

/** An `OutputFileError` as the CLI says it: the flag, then the writer's sentence about the path. */
function outFileErrors(write: () => void): void {
  try {
    write();
  } catch (error) {
    if (error instanceof OutputFileError) throw new UsageError(`--out ${error.message}`);
    throw error;
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
    io.stderr(`\r\x1b[Kgradient: ${escapeControls(text)}`);
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

/** The worker the CLI's loads run in: dist/reportWorker.js beside dist/cli.js, or the source under tsx. */
const WORKER_SCRIPT = __filename.endsWith('.ts')
  ? { file: join(__dirname, 'reportWorker.ts'), execArgv: ['--require', 'tsx/cjs'] }
  : { file: join(__dirname, 'reportWorker.js'), execArgv: [] };

function failOnOption(values: Values, command: Command): string {
  return choiceOption(values, 'fail-on', FAIL_ON_LEVELS[command] as readonly string[]) ?? FAIL_ON_DEFAULT[command];
}

/** The job a command line asks for: its files, its columns and the schema's options. */
function commandJob(command: Command, values: Values, positionals: readonly string[]): ReportJob {
  const options = schemaOptions(SCHEMA[command], values);
  const data = schemaOptions(LOAD_OPTIONS, values);
  return { ...jobFor(command, values, positionals, options), data };
}

/** A SELECT given as text, or as a .sql file holding it (read here, so an unreadable file is a usage error naming it). */
function sqlOption(values: Values, name: string): { readonly sql: string; readonly file?: string } | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  if (!/\.sql$/i.test(value.trim())) return { sql: value };
  try {
    return { sql: readFileSync(value.trim(), 'utf8'), file: value.trim() };
  } catch (error) {
    throw new UsageError(`--${name} ${value}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check the path`);
  }
}

/**
 * Where a drift command's rows are when not in two files (a database, or exported aggregates), and
 * the names the report gives its two sides: the .sql files, else the flags. Each .sql file is read once.
 */
function driftOrigin(values: Values): { readonly from: DriftOrigin; readonly reference: ReportFile; readonly current: ReportFile } | undefined {
  const connection = stringOption(values, 'connection');
  const reference = sqlOption(values, 'reference-sql');
  const current = sqlOption(values, 'current-sql');
  const aggregates = values['from-aggregates'] as string[] | undefined;
  if (values['print-sql']) return undefined;
  const side = (label: string) => ({ path: label, label });
  if (connection !== undefined || reference || current) {
    if (aggregates) throw new UsageError('--from-aggregates finishes a report from exported results: give it without --connection and the queries');
    if (connection === undefined) throw new UsageError('--reference-sql and --current-sql run on a database: add --connection postgresql://user@host:5432/db (or --print-sql --dialect D to print the SQL)');
    if (!reference || !current) throw new UsageError('--connection compares two queries: give both --reference-sql and --current-sql');
    return {
      from: { kind: 'database', connection, referenceSql: reference.sql, currentSql: current.sql },
      reference: side(reference.file ?? 'reference query'),
      current: side(current.file ?? 'current query'),
    };
  }
  return aggregates ? { from: { kind: 'aggregates', files: aggregates }, reference: side('reference'), current: side('current') } : undefined;
}

function jobFor(command: Command, values: Values, positionals: readonly string[], options: Record<string, unknown>): ReportJob {
  const file = (path: string) => ({ path, label: path });
  switch (command) {
    case 'drift': {
      const origin = driftOrigin(values);
      if (origin && positionals.length !== 0) {
        throw new UsageError(`with ${origin.from.kind === 'database' ? '--connection' : '--from-aggregates'} give no files (got ${positionals.join(' ')}): the rows come from there`);
      }
      if (!origin && positionals.length !== 2) throw new UsageError(`drift needs two files, REFERENCE and CURRENT (got ${positionals.length}): see gradient drift --help`);
      const warning = (options.psiWarning as number | undefined) ?? DRIFT_OPTIONS.psiWarning.default;
      const rollback = (options.psiDrift as number | undefined) ?? DRIFT_OPTIONS.psiDrift.default;
      if (rollback < warning) throw new UsageError(`--psi-drift (${rollback}) must be at least --psi-warning (${warning})`);
      const categorical = listOption(values, 'categorical');
      const numeric = listOption(values, 'numeric');
      const both = numeric?.find((n) => categorical?.includes(n));
      if (both !== undefined) throw new UsageError(`column ${JSON.stringify(both)} is in both --numeric and --categorical: pick one`);
      const columns = listOption(values, 'columns');
      const label = stringOption(values, 'label');
      return {
        kind: 'drift',
        reference: origin ? origin.reference : file(positionals[0]),
        current: origin ? origin.current : file(positionals[1]),
        options: { ...options, ...(label !== undefined ? { label } : {}) },
        load: { ...(columns ? { columns } : {}), ...(categorical ? { categorical } : {}), ...(numeric ? { numeric } : {}) },
        ...(origin ? { from: origin.from } : {}),
      };
    }
    case 'calibration': {
      if (positionals.length !== 1) throw new UsageError(`calibration needs one FILE (got ${positionals.length}): see gradient calibration --help`);
      const confidence = requiredOption('calibration', values, 'confidence', 'the predicted probability');
      const correct = requiredOption('calibration', values, 'correct', 'the 1/0 outcome');
      return { kind: 'calibration', file: file(positionals[0]), confidence, correct, options };
    }
    case 'cusum': {
      if (positionals.length !== 1) throw new UsageError(`cusum needs one FILE (got ${positionals.length}): see gradient cusum --help`);
      const column = requiredOption('cusum', values, 'column', 'the accuracy or correctness series');
      const timeColumn = stringOption(values, 'time-column') ?? null;
      return { kind: 'cusum', file: file(positionals[0]), column, timeColumn, options };
    }
  }
}

const DIALECTS = ['duckdb', 'postgresql', 'spark', 'bigquery'] as const;

/**
 * `gradient drift --print-sql`: the SQL of round 1 (the profile), or with `--from-aggregates
 * PROFILE` of round 2 (the comparison that profile leads to), for a warehouse GRADIENT cannot
 * reach. Nothing connects, so the columns and their kinds come from --numeric and --categorical.
 */
async function printDriftSql(values: Values, positionals: readonly string[]): Promise<string> {
  const dialect = choiceOption(values, 'dialect', DIALECTS);
  if (!dialect) throw new UsageError(`--print-sql needs --dialect ${DIALECTS.join('|')}`);
  if (positionals.length > 0) throw new UsageError(`--print-sql writes SQL over --reference-sql and --current-sql, not files (got ${positionals.join(' ')})`);
  const reference = sqlOption(values, 'reference-sql');
  const current = sqlOption(values, 'current-sql');
  if (!reference || !current) throw new UsageError('--print-sql needs the two row sources: --reference-sql SELECT... and --current-sql SELECT... (or .sql files)');
  const numeric = listOption(values, 'numeric') ?? [];
  const categorical = listOption(values, 'categorical') ?? [];
  const order = listOption(values, 'columns') ?? [...numeric, ...categorical];
  const unknown = order.find((name) => !numeric.includes(name) && !categorical.includes(name));
  if (order.length === 0 || unknown !== undefined) {
    throw new UsageError(
      `--print-sql does not connect, so it needs every column's kind: --numeric a,b --categorical c` + (unknown !== undefined ? ` (${JSON.stringify(unknown)} is in neither)` : ''),
    );
  }
  const columns: SqlColumn[] = order.map((name) => ({ name, kind: numeric.includes(name) ? 'numeric' : 'categorical' }));
  const relations = { reference: { from: relationFromQuery(reference.sql), columns }, current: { from: relationFromQuery(current.sql), columns } };
  const label = stringOption(values, 'label');
  const options = { ...schemaOptions(DRIFT_OPTIONS, values), ...(label !== undefined ? { label } : {}) };
  const aggregates = values['from-aggregates'] as string[] | undefined;
  if (!aggregates) return `${profileSql(driftProfileQuestion(options), relations, SQL_DIALECTS[dialect])}
`;
  const source = await openOriginSource({ kind: 'aggregates', files: aggregates }, { labels: { reference: 'reference', current: 'current' } });
  const profile = await source.profile(driftProfileQuestion(options));
  return `${comparisonSql(driftComparisonQuestion(profile, options), relations, SQL_DIALECTS[dialect])}
`;
}

/** One report command: parse, run the report engine, emit, gate. */
async function runCommand(command: Command, args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(command, args);
  if (values.help) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  if (command === 'drift' && values['print-sql']) {
    io.stdout(await printDriftSql(values, positionals));
    return EXIT.ok;
  }
  const job = commandJob(command, values, positionals);
  const format = formatOption(values);
  const out = stringOption(values, 'out');
  const failOn = failOnOption(values, command);
  checkOutPath(out, positionals);
  const progress = progressReporter(io);
  const controls = new Map<string, LoadControl>();
  try {
    const report = await runReport(job, {
      load: threadedLoader(WORKER_SCRIPT),
      onProgress: (p) => {
        if (p.phase === 'computing') progress.phase(`comparing ${p.columns} column${p.columns === 1 ? '' : 's'}`);
        else if (p.phase === 'querying') progress.phase(queryingMessage(p.engine, p.round));
        else {
          if (!controls.has(p.file)) controls.set(p.file, progress.control(basename(p.file)));
          controls.get(p.file)!.onProgress?.(p.rows, p.bytes, p.totalBytes);
        }
      },
    });
    progress.done();
    return emit(report, format, out, failOn, io);
  } finally {
    progress.done();
  }
}

function emit(report: GradientReport, format: Format, out: string | undefined, failOn: string, io: CliIo): number {
  emitText(io, render(report, format), out, report.report === 'drift' ? report.summary.verdict : report.verdict);
  return tripsGate(report, failOn) ? EXIT.gate : EXIT.ok;
}

/** A rendered report to stdout, or to `--out` with one line on stderr saying where and what it says. */
function emitText(io: CliIo, text: string, out: string | undefined, summary: string): void {
  if (out === undefined) {
    io.stdout(text);
  } else {
    outFileErrors(() => writeOutputFile(out, text));
    io.stderr(`gradient: ${escapeControls(`wrote ${out}: ${summary}`)}\n`);
  }
}

const READINESS_FAIL_ON = ['fail', 'missing', 'never'] as const;

const READINESS_FLAGS: readonly PlainFlag[] = [
  { name: 'stage', value: `${STAGE_IDS.join('|')}|all`, help: "the stage whose checklist is answered (default: all, every pattern file's checklist)" },
  { name: 'constraint', value: CONSTRAINTS.join('|'), help: "the primary constraint: its items come first and count double in the confidence (default: none)" },
  { name: 'junit', value: 'FILE', multiple: true, help: 'JUnit XML of the last test run (pytest --junitxml=FILE), repeatable; without it, tests are found but have no result' },
  { name: 'not-applicable', value: 'ID', multiple: true, help: 'an item that does not apply to this project (mlops/ab-test-configured, or mlops/* for a whole file), repeatable' },
];

const READINESS_HELP = `Usage: gradient readiness [DIR] [options]

Answers each checklist item of the pattern files from the evidence in DIR (default: .): the tests
inserted from GRADIENT's snippets (found by their "# gradient: <id>" marker) and their results in the
JUnit XML, the YAML configs (validated against GRADIENT's schemas and checked against each other),
and the model version record's baseline. Each item is pass, fail, missing or not applicable.
Config rules:
${CONSISTENCY_RULES.map((rule) => `  ${rule.padEnd(36)}${RULE_SUMMARIES[rule]}`).join('\n')}

Options:
${[
  ...READINESS_FLAGS.map((f) => flagLine(f.name, f.value, f.help)),
  ...COMMON_FLAGS.map((f) => flagLine(f.name, f.value, f.help)),
  flagLine('fail-on', READINESS_FAIL_ON.join('|'), 'exit 1 when an item fails (fail), fails or lacks evidence (missing), or never (default: fail)'),
  flagLine('help', undefined, 'show this help (also -h)'),
].join('\n')}
`;

/** The snippet catalog: dist/catalog.json beside the bundle, else built from patterns/ (running from source). */
function loadCatalog(): Catalog {
  const bundled = join(__dirname, 'catalog.json');
  if (existsSync(bundled)) return JSON.parse(readFileSync(bundled, 'utf8')) as Catalog;
  const dir = join(__dirname, '..', 'patterns');
  const names = readdirSync(dir).filter((name) => name.endsWith('.md'));
  return buildCatalog(names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
}

/** \`gradient readiness [DIR]\`: parse, assess, emit, gate. */
async function runReadiness(args: string[], io: CliIo): Promise<number> {
  const options: Options = { help: { type: 'boolean', short: 'h' }, 'fail-on': { type: 'string' } };
  for (const flag of [...COMMON_FLAGS, ...READINESS_FLAGS]) options[flag.name] = { type: 'string', ...(flag.multiple ? { multiple: true } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const option = /'(-[^' ]*)/.exec((error as Error).message)?.[1];
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option ?? ''} for readiness: see gradient readiness --help`);
    throw new UsageError(`${option ?? 'an option'} needs a value: see gradient readiness --help`);
  }
  checkRepeats(parsed.tokens, options);
  const values = parsed.values as Values;
  if (values.help) {
    io.stdout(READINESS_HELP);
    return EXIT.ok;
  }
  if (parsed.positionals.length > 1) throw new UsageError(`readiness takes one folder (got ${parsed.positionals.length}): see gradient readiness --help`);
  const root = parsed.positionals[0] ?? '.';
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`${root} is not a folder: give the project folder to check (default: .)`);
  const stageText = stringOption(values, 'stage') ?? 'all';
  if (stageText !== 'all' && !isStageId(stageText)) throw new UsageError(`--stage must be one of ${STAGE_IDS.join(', ')} or all, not ${JSON.stringify(stageText)}`);
  const constraintText = stringOption(values, 'constraint');
  if (constraintText !== undefined && !isConstraint(constraintText)) {
    throw new UsageError(`--constraint must be ${CONSTRAINTS.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not ${JSON.stringify(constraintText)}`);
  }
  const failOn = choiceOption(values, 'fail-on', READINESS_FAIL_ON) ?? 'fail';
  const format = formatOption(values);
  const out = stringOption(values, 'out');
  const junitFiles = (values.junit as string[] | undefined) ?? [];
  checkOutPath(out, junitFiles);
  const junit = junitFiles.map((file) => {
    try {
      return { source: file, xml: readFileSync(file, 'utf8') };
    } catch (error) {
      throw new UsageError(`--junit ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): write it with pytest --junitxml=${file}`);
    }
  });
  const notApplicable = ((values['not-applicable'] as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const report = await assessReadiness(
    nodeWorkspaceReader(root),
    { stage: stageText as ReadinessReport['stage'], constraint: (constraintText as ReadinessReport['constraint']) ?? null, junit, notApplicable },
    loadCatalog(),
    root,
  );
  const text = format === 'json' ? renderReadinessJson(report) : format === 'markdown' ? renderReadinessMarkdown(report) : renderReadinessText(report);
  emitText(io, text, out, report.verdict);
  const trips = failOn === 'never' ? false : report.items.some((item) => item.state === 'fail' || (failOn === 'missing' && item.state === 'missing'));
  return trips ? EXIT.gate : EXIT.ok;
}

const REVIEW_FORMATS = ['text', 'json', 'sarif'] as const;
type ReviewFormat = (typeof REVIEW_FORMATS)[number];

const REVIEW_FLAGS: readonly PlainFlag[] = [
  { name: 'format', value: REVIEW_FORMATS.join('|'), help: "output format (default: from --out's extension, .json or .sarif, else text); SARIF 2.1.0 is for GitHub code scanning" },
  COMMON_FLAGS.find((flag) => flag.name === 'out')!,
  { name: 'disable', value: 'RULE,...', multiple: true, help: 'skip these rules (repeatable)' },
  {
    name: 'expect',
    value: 'FILE',
    help: 'measure the review on labelled findings (below) instead of listing them: TP, FP, FN, precision and recall per rule',
  },
];

const REVIEW_HELP = `Usage: gradient review PATH... [options]

Reviews Python scripts and Jupyter notebooks for the mistakes that make an ML score lie or a model
fail in production. PATHs are files or folders; a folder is searched for *.py and *.ipynb, without
following symbolic links, skipping virtualenvs and these folders:
${wrap([...SKIPPED_FOLDERS].join(', '), '  ')}
Findings print as path:line:column relative to the current folder; in a notebook, path [cell
N]:line:column, its cells counted from 1, markdown cells included. "# gradient: ignore[RULE]" at
the end of a line silences RULE there ("# gradient: ignore", every rule). Rules:
${REVIEW_RULES.map((rule) => `  ${rule.id.padEnd(28)}${rule.severity.padEnd(9)}${rule.title}`).join('\n')}

Options:
${[...REVIEW_FLAGS.map((f) => flagLine(f.name, f.value, f.help)), flagLine('help', undefined, 'show this help (also -h)')].join('\n')}

--expect FILE is JSON: {"files": {"PATH": [{"rule": "RULE", "line": N}, ...]}} with "cell": N as
well in a notebook; PATHs are relative to FILE's folder, cells counted from 1 as printed. A finding
matches a label with the same file, cell, rule and line (several on one line count once); every
file reviewed counts, so a file with no labels has none expected.

Exit codes: 0 no error-level finding, 1 an error-level finding, 2 bad usage or no file could be
reviewed (a file that cannot be read is listed in the report, on stderr too, and otherwise does not
change the exit code), 3 internal error. With --expect: 0 (a measurement), 2 for a bad FILE.
`;

/** `text` in lines of at most 100 characters, each starting with `indent`. */
function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= 100) lines[last] += ` ${word}`;
    else lines.push(indent + word);
  }
  return lines.join('\n');
}

/** A path as findings name it: relative to the current folder, `/` separators. */
function reviewPath(path: string): string {
  return relative(process.cwd(), resolve(path)).split(sep).join('/');
}

/** The files PATHs name: files as given, folders searched for scripts and notebooks (by the readiness walker). */
async function reviewFiles(paths: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      throw new UsageError(`${path} ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as NodeJS.ErrnoException).code})`}: give Python files, notebooks or folders to review`);
    }
    if (!isFolder) files.add(reviewPath(path));
    else for (const file of await nodeWorkspaceReader(path).findFiles(['*.py', '*.ipynb'])) files.add(reviewPath(join(path, file)));
  }
  if (files.size === 0) throw new UsageError(`no Python file (.py) or notebook (.ipynb) in ${paths.join(', ')}: give the files or folders to review`);
  return [...files];
}

/** Each file as the review reads it, or the reason it cannot be; and the notebooks' text, for SARIF's file positions. */
function readReviewSources(files: readonly string[]): { sources: ReviewSource[]; errors: ReviewReport['errors'][number][]; notebooks: Map<string, string> } {
  const sources: ReviewSource[] = [];
  const errors: ReviewReport['errors'][number][] = [];
  const notebooks = new Map<string, string>();
  for (const file of files) {
    try {
      const text = readFileSync(file, 'utf8');
      const source = reviewSourceFor(file, text);
      sources.push(source);
      if (source.cells.length > 0 && file.toLowerCase().endsWith('.ipynb')) notebooks.set(file, text);
    } catch (error) {
      if (error instanceof ReviewInputError) errors.push({ file, message: error.message });
      else errors.push({ file, message: `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): check its permissions` });
    }
  }
  return { sources, errors, notebooks };
}

/** The file-position maps of the notebooks that have findings (SARIF shows them on the file's own lines). */
function notebookMaps(texts: ReadonlyMap<string, string>, report: ReviewReport): Map<string, NotebookPositions> {
  const maps = new Map<string, NotebookPositions>();
  for (const file of new Set(report.findings.filter((finding) => finding.cell !== undefined).map((finding) => finding.file))) {
    const map = texts.has(file) ? notebookPositions(texts.get(file)!) : undefined;
    if (map) maps.set(file, map);
  }
  return maps;
}

/** `--disable a,b --disable c`, each a rule id. */
function disabledRules(values: Values): ReviewRuleId[] {
  const ids = ((values.disable as string[] | undefined) ?? []).flatMap((value) => value.split(',')).map((id) => id.trim());
  for (const id of ids) {
    if (!(REVIEW_RULE_IDS as readonly string[]).includes(id)) throw new UsageError(`--disable: ${JSON.stringify(id)} is not a rule; the rules are ${REVIEW_RULE_IDS.join(', ')}`);
  }
  return ids as ReviewRuleId[];
}

/** The labels of `--expect FILE`, their paths made relative to the current folder like the findings'. */
function readExpectation(file: string, reviewed: readonly string[]): ExpectedFinding[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--expect ${file} ${code ? `cannot be read (${code})` : `is not JSON (${(error as Error).message})`}: give the labelled findings as {"files": {"path.py": [{"rule": "test-rows-in-fit", "line": 12}]}}`);
  }
  let expectation;
  try {
    expectation = parseCorpusExpectation(json, file);
  } catch (error) {
    if (error instanceof CorpusExpectationError) throw new UsageError(`--expect ${error.message}`);
    throw error;
  }
  const known = new Set(reviewed);
  const here = new Map(expectation.files.map((path) => [path, reviewPath(join(dirname(file), path))]));
  for (const [path, fromHere] of here) {
    if (!known.has(fromHere)) throw new UsageError(`--expect ${file} labels ${path} (${fromHere} from here), which is not among the files reviewed: paths in FILE are relative to its folder`);
  }
  return expectation.labels.map((label) => ({ ...label, file: here.get(label.file)! }));
}

/** `gradient review PATH...`: parse, read, review (or score against --expect), emit, gate. */
async function runReview(args: string[], io: CliIo): Promise<number> {
  const options: Options = { help: { type: 'boolean', short: 'h' } };
  for (const flag of REVIEW_FLAGS) options[flag.name] = { type: 'string', ...(flag.multiple ? { multiple: true } : {}) };
  const { values, positionals } = parseWith('review', args, options);
  if (values.help) {
    io.stdout(REVIEW_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('review needs at least one PATH, a Python file, a notebook or a folder: see gradient review --help');
  const disabled = disabledRules(values);
  const out = stringOption(values, 'out');
  const format: ReviewFormat = choiceOption(values, 'format', REVIEW_FORMATS) ?? (out && /\.json$/i.test(out) ? 'json' : out && /\.sarif$/i.test(out) ? 'sarif' : 'text');
  const expect = stringOption(values, 'expect');
  if (expect !== undefined && format === 'sarif') throw new UsageError('--expect prints a score, not findings: use --format text or json');
  const files = await reviewFiles(positionals);
  const labels = expect === undefined ? undefined : readExpectation(expect, files);
  checkOutPath(out, expect === undefined ? files : [...files, expect]);
  const { sources, errors, notebooks } = readReviewSources(files);
  const reviewed = (await createReviewer()).review(sources, { disabled });
  const report: ReviewReport = { ...reviewed, errors: [...reviewed.errors, ...errors] };
  // The text report lists the files it could not review; the other outputs say so on stderr.
  if (labels !== undefined || format !== 'text' || out !== undefined) for (const error of report.errors) io.stderr(`gradient: ${fileErrorText(error)}\n`);
  if (labels !== undefined) {
    const score = scoreCorpus(report.findings, labels, REVIEW_RULE_IDS.filter((id) => !disabled.includes(id)));
    const { precision, recall } = score.overall;
    const rate = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
    emitText(io, format === 'json' ? renderCorpusScoreJson(score) : renderCorpusScoreText(score), out, `precision ${rate(precision)}, recall ${rate(recall)}`);
    return EXIT.ok;
  }
  const text =
    format === 'sarif'
      ? renderReviewSarif(report, { toolVersion: packageJson.version, notebooks: notebookMaps(notebooks, report) })
      : format === 'json'
        ? renderReviewJson(report)
        : renderReviewText(report);
  emitText(io, text, out, reviewSummary(report));
  if (report.files.length === 0) return EXIT.usage;
  return report.findings.some((finding) => finding.severity === 'error') ? EXIT.gate : EXIT.ok;
}

/** The one stderr line for a failure, and the exit code. */
export function describeFailure(error: unknown): { line: string; code: number } {
  // One line, and nothing in it a terminal would act on (names and values come from the user's files).
  const single = (text: string) => escapeControls(text.replace(/\s*\n\s*/g, ' ').trim());
  if (error instanceof UsageError || error instanceof DataError || error instanceof ReportInputError || error instanceof JUnitError) {
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
      case 'calibration':
      case 'cusum':
        return await runCommand(command, rest, io);
      case 'readiness':
        return await runReadiness(rest, io);
      case 'review':
        return await runReview(rest, io);
      case '-h':
      case '--help':
      case 'help':
        io.stdout(MAIN_HELP);
        return EXIT.ok;
      case '--version':
      case '-v':
        io.stdout(`${packageJson.version}\n`);
        return EXIT.ok;
      case undefined:
        throw new UsageError('missing command: gradient drift, gradient calibration, gradient cusum, gradient readiness or gradient review (see gradient --help)');
      default:
        throw new UsageError(
          `${JSON.stringify(command)} is not a command: use gradient drift, gradient calibration, gradient cusum, gradient readiness or gradient review (see gradient --help)`,
        );
    }
  } catch (error) {
    const { line, code } = describeFailure(error);
    io.stderr(`${line}\n`);
    if (code === EXIT.internal && process.env.GRADIENT_DEBUG) io.stderr(`${escapeControls(String((error as Error)?.stack ?? error), 'keep')}\n`);
    return code;
  }
}

function isMain(): boolean {
  // Bundled (dist/cli.js) or run from source (node --import tsx src/cli.ts).
  const entry = process.argv[1] ? resolve(process.argv[1]) : '';
  return typeof require !== 'undefined' && require.main === module && entry !== '';
}

/**
 * This process's peak resident memory in bytes, for `GRADIENT_REPORT_RSS`: `VmHWM` on Linux,
 * because `getrusage`'s maxRSS keeps the parent's resident memory at `fork` across `exec` (a
 * CLI started by a 2 GB process would report 2 GB); maxRSS elsewhere.
 */
function peakResidentBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

if (isMain()) {
  // A reader that goes away (`gradient drift ... | head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  void runCli(process.argv.slice(2)).then((code) => {
    if (process.env.GRADIENT_REPORT_RSS) {
      process.stderr.write(`gradient: peak RSS ${(peakResidentBytes() / 2 ** 20).toFixed(0)} MiB\n`);
    }
    process.exitCode = code;
  });
}
