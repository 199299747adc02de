/**
 * Every in-process check of one case, in order, each announced with its time bound first (so the
 * supervising thread can stop a step that hangs and name it):
 *
 * - `outcome`: `loadTable` returns a well-formed table or rejects with a `DataError` naming the file;
 * - `expectation`: the outcome is what the generator predicted from the README's rules;
 * - `chunks`: the CSV / JSON Lines parser gives the identical outcome for 1, 2, 3, 7, 4096-byte and
 *   random chunks (handed out in one reused buffer, as `loadTable` does), and the same as `loadTable`;
 * - `projection`: reading a subset of the columns (`columns`) gives exactly those columns;
 * - `overrides`: forcing a numeric column numeric, or a categorical one categorical, changes nothing.
 */
import { DataError, formatFromPath, loadTable, type LoadOptions } from '../../src/core/data/index';
import {
  chunkCount,
  chunkedSource,
  describeChunking,
  describeError,
  errorProblems,
  expectationProblems,
  outcomeDifference,
  outcomeOf,
  parseBytes,
  tableProblems,
  type Chunking,
  type Outcome,
} from './checks';
import type { Expectation } from './expectation';
import type { FuzzFormat } from './generatedFile';
import { Random } from './random';

export interface LoaderCase {
  readonly path: string;
  readonly ext: string;
  readonly bytes: Uint8Array;
  readonly expect: Expectation;
  /** Seeds the choice of chunkings and column subsets. */
  readonly checkSeed: number;
  /** The most chunks one chunked parse may cut the file into (smaller chunkings are left out). */
  readonly maxChunks: number;
}

export interface CheckResult {
  readonly check: string;
  readonly problems: readonly string[];
}

export interface LoaderResult {
  /** The format `loadTable` read the file as, from its extension. */
  readonly format: FuzzFormat | 'other';
  readonly outcome: 'table' | 'error';
  readonly errorCode?: string;
  readonly rows?: number;
  readonly columns?: number;
  readonly results: readonly CheckResult[];
  /** Parses made by the chunk check. */
  readonly chunkParses: number;
  readonly ms: number;
}

/** Time bounds of the steps, in milliseconds. */
export const BOUNDS = {
  /** A whole-file load (1 MiB reads): 2 s + 2 s per MB. */
  load: (bytes: number) => 2000 + (2000 * bytes) / 1e6,
  /** A parse in small chunks: 1 s + 2 s per MB + 10 us per chunk (a parser linear in bytes and chunks). */
  chunked: (bytes: number, chunks: number) => 1000 + (2000 * bytes) / 1e6 + chunks / 100,
} as const;

/**
 * The chunkings tried on a file of `length` bytes: none cuts it into more than `maxChunks` chunks
 * (a parse costs a few microseconds per chunk, so 1-byte chunks are for small files).
 */
export function chunkingsFor(length: number, random: Random, maxChunks: number): Chunking[] {
  const all: Chunking[] = [{ size: 1 }, { size: 2 }, { size: 3 }, { size: 7 }, { size: 4096 }, { seed: random.int(0, 2 ** 31), max: 64 }, { seed: random.int(0, 2 ** 31), max: 65_536 }];
  return all.filter((c) => chunkCount(c, length) <= maxChunks);
}

export type StepAnnouncer = (step: string, boundMs: number) => void;

/**
 * Runs the checks of one case; `announce` is called before each step with its bound.
 *
 * @example
 * const result = await runLoaderChecks({ path: '/tmp/x.csv', ext: '.csv', bytes, expect: UNKNOWN, checkSeed: 1 }, () => {});
 * result.results.filter((r) => r.problems.length > 0) // []
 */
export async function runLoaderChecks(input: LoaderCase, announce: StepAnnouncer): Promise<LoaderResult> {
  const started = Date.now();
  const { path, ext, bytes } = input;
  const random = new Random(input.checkSeed);
  const results: CheckResult[] = [];
  let format: FuzzFormat | 'other' = 'other';
  try {
    const f = formatFromPath(path);
    format = f === 'tsv' ? 'csv' : f;
  } catch {
    // not a data extension: loadTable must say so
  }
  announce('loadTable', BOUNDS.load(bytes.length));
  const outcome = await outcomeOf(() => loadTable(path));
  const fuzzFormat: FuzzFormat = format === 'other' ? 'csv' : format;
  results.push({ check: 'outcome', problems: 'table' in outcome ? tableProblems(outcome.table, path, fuzzFormat, bytes) : errorProblems(outcome.error, path) });
  results.push({ check: 'expectation', problems: expectationProblems(outcome, input.expect) });

  let chunkParses = 0;
  if (format === 'csv' || format === 'jsonl') {
    const problems: string[] = [];
    announce('parse in one chunk', BOUNDS.chunked(bytes.length, 1));
    const whole = await outcomeOf(() => parseBytes(format as FuzzFormat, ext, path, { size: bytes.length, chunks: () => [bytes] }, bytes));
    chunkParses++;
    // loadTable refuses empty files before parsing; otherwise it is the parser.
    const refusedEarly = 'error' in outcome && /DataError empty-file/.test(describeError(outcome.error));
    if (!refusedEarly) {
      const d = outcomeDifference(outcome, whole);
      if (d) problems.push(`loadTable and the parser differ: ${d}`);
    }
    for (const chunking of chunkingsFor(bytes.length, random, input.maxChunks)) {
      announce(`parse in ${describeChunking(chunking)}`, BOUNDS.chunked(bytes.length, chunkCount(chunking, bytes.length)));
      const chunked = await outcomeOf(() => parseBytes(format as FuzzFormat, ext, path, chunkedSource(bytes, chunking), bytes));
      chunkParses++;
      const d = outcomeDifference(whole, chunked);
      // UTF-8 is checked as the chunks arrive, so a file with a parse error and invalid UTF-8 gives
      // whichever the chunking reaches first: both are errors, which one is not a promise.
      if (d && !(isDataError(whole, 'not-utf8') && 'error' in chunked && chunked.error instanceof DataError) && !(isDataError(chunked, 'not-utf8') && 'error' in whole && whole.error instanceof DataError)) {
        problems.push(`${describeChunking(chunking)} differ from one chunk: ${d}`);
        break;
      }
    }
    results.push({ check: 'chunks', problems });
  }

  if ('table' in outcome && outcome.table.columns.length > 0) {
    const table = outcome.table;
    const names = table.columns.map((c) => c.name);
    const subset = names.filter(() => random.chance(0.5));
    if (subset.length === 0) subset.push(random.pick(names));
    if (random.chance(0.5)) subset.reverse();
    if (random.chance(0.2)) subset.push(subset[0]); // a name asked for twice is read once
    const load = (options: LoadOptions) => {
      announce(`loadTable ${JSON.stringify(options).slice(0, 80)}`, BOUNDS.load(bytes.length));
      return outcomeOf(() => loadTable(path, options));
    };
    const projected = await load({ columns: subset });
    const wanted = [...new Set(subset)].map((name) => table.columns[names.indexOf(name)]);
    const d = outcomeDifference({ table: { ...table, columns: wanted } }, projected, true);
    results.push({ check: 'projection', problems: d ? [`columns ${JSON.stringify(subset.slice(0, 6))}: ${d}`] : [] });

    const overrides: string[] = [];
    const numeric = table.columns.find((c) => c.kind === 'numeric' && random.chance(0.7));
    const categorical = table.columns.find((c) => c.kind === 'categorical' && random.chance(0.7));
    const options: LoadOptions = { ...(numeric ? { numeric: [numeric.name] } : {}), ...(categorical ? { categorical: [categorical.name] } : {}) };
    if (numeric || categorical) {
      const forced = await load(options);
      const d = outcomeDifference(outcome, forced, true);
      if (d) overrides.push(`${JSON.stringify(options).slice(0, 120)}: ${d}`);
    }
    results.push({ check: 'overrides', problems: overrides });
  }
  return {
    format,
    outcome: 'table' in outcome ? 'table' : 'error',
    ...('table' in outcome ? { rows: outcome.table.rowCount, columns: outcome.table.columns.length } : { errorCode: errorCode(outcome) }),
    results,
    chunkParses,
    ms: Date.now() - started,
  };
}

function isDataError(outcome: Outcome, code: string): boolean {
  return 'error' in outcome && outcome.error instanceof DataError && outcome.error.code === code;
}

function errorCode(outcome: Outcome): string {
  if ('table' in outcome) return '';
  const error = outcome.error as { code?: unknown; name?: unknown };
  return typeof error?.code === 'string' ? error.code : String(error?.name ?? 'thrown');
}
