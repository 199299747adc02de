/**
 * `npm run fuzz`: random and mutated CSV / TSV, JSON Lines and Parquet files fed to the loaders
 * (in-process) and to the `gradient` CLI (child processes), every case reproducible from its seed.
 *
 *   npm run fuzz                                 full run: a new seed (printed), 3,000 cases, at most 30 min
 *   npm run fuzz -- --seed S --cases N --seconds T   choose the seed, the number of cases, a time budget
 *   npm run fuzz -- --seed S --case N            one case, with every check's details
 *   npm run fuzz -- --seed S --case N --write DIR    ... and its file(s) written to DIR, with the CLI command
 *   npm run fuzz -- --seed S --case N --minimize     ... and the smallest bytes that still fail the same check
 *   npm run test:fuzz                            the bounded run of `npm test`: --quick (seed 20261201,
 *                                                300 smaller cases, about a minute on 2 busy cores)
 *   --no-cli                                     loader checks only (no dist/cli.js needed)
 *
 * What is checked (test/fuzz/loaderChecks.ts, test/fuzz/cliRun.ts): every load gives a well-formed
 * table or a DataError naming the file; a generated file loads as its generator predicts from
 * src/core/data/README.md; the CSV / JSONL parsers give the same outcome in any chunking; column
 * subsets and kind overrides change nothing else; no step passes its time bound; the CLI exits 0,
 * 1 or 2 (never 3), within 10 s + 2 s/MB and 200 MB + 20 x its input bytes of resident memory,
 * with one `gradient: ` line on stderr for exit 2 and no control characters in what it prints.
 *
 * Bounds, measured on this repository's 2-core CI machine (node 20, dist/cli.js): a small report
 * peaks at 56-68 MB RSS in 0.5 s; drift of two 10 MB numeric CSVs at ~200 MB, ~1.6 s; the worst
 * ratios seen on generated files are in the run's summary. A bound is a bound on a class of
 * defects (a parser quadratic in line length, memory per column), not a benchmark: it has 5-10x
 * headroom over the measured cost of a correct run.
 *
 * Exit 1 when any check fails; every failure is printed with its seed and case number.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { makeCase, loadFixtures, type FuzzCase } from './cases';
import { CLI_BOUNDS, cliPlan, runCliPlan, stopReaders, type CliOutcome } from './cliRun';
import type { SizeProfile } from './generatedFile';
import { runLoaderChecks, type LoaderCase, type LoaderResult } from './loaderChecks';
import type { FromWorker, ToWorker } from './loaderWorker';
import { minimize } from './minimize';
import { Random, caseSeed } from './random';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const QUICK_SEED = 20261201;

interface Settings {
  readonly seed: number;
  readonly cases: number;
  readonly seconds: number;
  readonly quick: boolean;
  readonly only: number | undefined;
  readonly write: string | undefined;
  readonly minimize: boolean;
  readonly cli: boolean;
  readonly cliShare: number;
  readonly profile: SizeProfile;
  /** The most chunks of one chunked parse (loaderChecks.ts). */
  readonly maxChunks: number;
}

const FULL_PROFILE: SizeProfile = { maxColumns: 3000, maxCells: 400_000, maxField: 2_000_000, maxBytes: 16_000_000 };
const QUICK_PROFILE: SizeProfile = { maxColumns: 1500, maxCells: 60_000, maxField: 300_000, maxBytes: 2_000_000 };

function settings(argv: readonly string[]): Settings {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string): number | undefined => {
    const text = value(name);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number, not ${JSON.stringify(text)}`);
    return n;
  };
  const quick = argv.includes('--quick');
  const seed = number('seed') ?? (quick ? QUICK_SEED : Date.now() % 2 ** 31);
  return {
    seed,
    quick,
    cases: number('cases') ?? (quick ? 300 : 3000),
    seconds: number('seconds') ?? (quick ? Infinity : 1800),
    only: number('case'),
    write: value('write'),
    minimize: argv.includes('--minimize'),
    cli: !argv.includes('--no-cli'),
    cliShare: quick ? 0.12 : 0.1,
    profile: quick ? QUICK_PROFILE : FULL_PROFILE,
    maxChunks: quick ? 20_000 : 250_000,
  };
}

type LoaderOutcome =
  | { readonly result: LoaderResult }
  | { readonly hang: { readonly step: string; readonly boundMs: number } }
  | { readonly memory: { readonly step: string; readonly rss: number } }
  | { readonly crash: string };

/** Process memory past which the loader worker is stopped (a loader allocating without bound). */
const LOADER_RSS_LIMIT = 2.5e9;

/** Runs loader checks in a worker thread, stopping a step that passes its bound. */
class LoaderSupervisor {
  private worker: Worker | undefined;
  private next = 0;

  run(input: LoaderCase): Promise<LoaderOutcome> {
    const worker = (this.worker ??= new Worker(join(__dirname, 'loaderWorker.ts'), { execArgv: ['--require', 'tsx/cjs'] }));
    const id = ++this.next;
    return new Promise((resolvePromise) => {
      let step = 'start';
      let timer: NodeJS.Timeout | undefined;
      const done = (outcome: LoaderOutcome, restart: boolean) => {
        clearTimeout(timer);
        clearInterval(memoryWatch);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) {
          void worker.terminate();
          this.worker = undefined;
        }
        resolvePromise(outcome);
      };
      const onMessage = (message: FromWorker) => {
        if (message.id !== id) return;
        if (message.type === 'step') {
          step = message.step;
          clearTimeout(timer);
          // Half a second of grace for the supervising thread's own delays.
          timer = setTimeout(() => done({ hang: { step, boundMs: message.boundMs } }, true), message.boundMs + 500);
        } else if (message.type === 'result') done({ result: message.result }, false);
        else done({ crash: message.message }, true);
      };
      const onError = (error: Error) => done({ crash: `worker error in step ${step}: ${error.message}` }, true);
      const onExit = (code: number) => done({ crash: `worker exited (${code}) in step ${step}` }, true);
      const memoryWatch = setInterval(() => {
        const rss = process.memoryUsage.rss();
        if (rss > LOADER_RSS_LIMIT) done({ memory: { step, rss } }, true);
      }, 50);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'case', id, input } satisfies ToWorker);
    });
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

interface Failure {
  readonly index: number;
  readonly where: 'loader' | 'cli';
  readonly check: string;
  readonly message: string;
  readonly origin: string;
  readonly command?: string;
}

class Tally {
  readonly formats = new Map<string, { cases: number; tables: number; errors: number; chunkParses: number }>();
  readonly checks = new Map<string, { ran: number; failed: number }>();
  readonly failures: Failure[] = [];
  predicted = 0;
  /** The slowest loader cases: milliseconds and what they were. */
  slowest: Array<{ ms: number; what: string }> = [];

  timed(ms: number, what: string): void {
    this.slowest.push({ ms, what });
    this.slowest.sort((a, b) => b.ms - a.ms);
    this.slowest.length = Math.min(this.slowest.length, 25);
  }
  cli = { runs: 0, plans: 0, exit3: 0, hangs: 0, overMemory: 0, peakRss: 0, rssShare: 0, rssShareCase: -1, maxMs: 0, codes: new Map<number, number>() };

  check(name: string, failed: boolean): void {
    const entry = this.checks.get(name) ?? { ran: 0, failed: 0 };
    entry.ran++;
    if (failed) entry.failed++;
    this.checks.set(name, entry);
  }

  loader(fuzzCase: FuzzCase, outcome: LoaderOutcome, ms: number): void {
    this.timed(ms, `case ${fuzzCase.index}: ${fuzzCase.origin}, ${fuzzCase.file.bytes.length} bytes (${fuzzCase.file.features.slice(0, 4).join(', ')})`);
    const format = 'result' in outcome ? outcome.result.format : guessFormat(fuzzCase.file.ext);
    const entry = this.formats.get(format) ?? { cases: 0, tables: 0, errors: 0, chunkParses: 0 };
    entry.cases++;
    const fail = (check: string, message: string) => this.failures.push({ index: fuzzCase.index, where: 'loader', check, message, origin: `${fuzzCase.origin} (${fuzzCase.file.features.join(', ')})` });
    if ('result' in outcome) {
      const result = outcome.result;
      if (result.outcome === 'table') entry.tables++;
      else entry.errors++;
      entry.chunkParses += result.chunkParses;
      if (fuzzCase.file.expect.type !== 'unknown') this.predicted++;
      for (const { check, problems } of result.results) {
        if (check === 'expectation' && fuzzCase.file.expect.type === 'unknown') continue;
        this.check(check, problems.length > 0);
        for (const problem of problems.slice(0, 1)) fail(check, problem);
      }
      this.check('time', false);
    } else if ('hang' in outcome) {
      entry.errors++;
      this.check('time', true);
      fail('time', `step "${outcome.hang.step}" passed its bound of ${(outcome.hang.boundMs / 1000).toFixed(1)} s (${fuzzCase.file.bytes.length} bytes) and was stopped`);
    } else if ('memory' in outcome) {
      entry.errors++;
      this.check('memory', true);
      fail('memory', `step "${outcome.memory.step}" took the process to ${(outcome.memory.rss / 1e9).toFixed(1)} GB resident (${fuzzCase.file.bytes.length} bytes) and was stopped`);
    } else {
      entry.errors++;
      this.check('outcome', true);
      fail('outcome', `the check itself crashed: ${outcome.crash.split('\n').slice(0, 3).join(' | ')}`);
    }
    this.formats.set(format, entry);
  }

  cliOutcome(index: number, origin: string, outcome: CliOutcome): void {
    const cli = this.cli;
    cli.plans++;
    cli.runs += outcome.runs;
    cli.exit3 += outcome.exit3;
    cli.hangs += outcome.hangs;
    cli.overMemory += outcome.overMemory;
    cli.peakRss = Math.max(cli.peakRss, outcome.peakRss);
    if (outcome.rssShare > cli.rssShare) {
      cli.rssShare = outcome.rssShare;
      cli.rssShareCase = index;
    }
    cli.maxMs = Math.max(cli.maxMs, outcome.maxMs);
    for (const code of outcome.exitCodes) cli.codes.set(code, (cli.codes.get(code) ?? 0) + 1);
    const failedChecks = new Set(outcome.failures.map((f) => f.check));
    for (const check of ['exit 3', 'exit code', 'time', 'memory', 'stderr', 'control characters', 'json', '--out', 'negative value', 'repeated flag', 'fifo input']) this.check(`cli ${check}`, failedChecks.has(check));
    for (const f of outcome.failures) this.failures.push({ index, where: 'cli', check: f.check, message: f.message, origin, command: f.command });
  }
}

function guessFormat(ext: string): string {
  const e = ext.toLowerCase();
  return e === '.csv' || e === '.tsv' || e === '.tab' ? 'csv' : e === '.jsonl' || e === '.ndjson' ? 'jsonl' : e === '.parquet' || e === '.pq' ? 'parquet' : 'other';
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** A failure's class: its check and message with numbers and quoted values blanked. */
export function signature(check: string, message: string): string {
  return `${check}: ${message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\d+(\.\d+)?/g, '#')}`.slice(0, 110);
}

function report(s: Settings, tally: Tally, seconds: number): void {
  const label: Record<string, string> = { csv: 'CSV/TSV', jsonl: 'JSONL', parquet: 'Parquet', other: 'other ext' };
  const mode = s.quick ? ' (bounded run of npm test)' : '';
  console.log(`\ngradient fuzz: seed ${s.seed}, ${thousands([...tally.formats.values()].reduce((n, f) => n + f.cases, 0))} cases in ${seconds.toFixed(0)} s${mode}`);
  for (const format of ['csv', 'jsonl', 'parquet', 'other']) {
    const f = tally.formats.get(format);
    if (!f) continue;
    const parses = f.chunkParses > 0 ? `, ${thousands(f.chunkParses)} chunked parses` : '';
    console.log(`  ${label[format].padEnd(9)} ${thousands(f.cases).padStart(6)} cases (${thousands(f.tables)} tables, ${thousands(f.errors)} errors${parses})`);
  }
  console.log(`  ${tally.predicted} generated files with a predicted outcome (the expectation check)`);
  console.log('  check                      cases  failed');
  for (const [name, c] of [...tally.checks].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${name.padEnd(24)} ${thousands(c.ran).padStart(7)} ${String(c.failed).padStart(7)}`);
  }
  console.log(`  slowest loader cases: ${tally.slowest.map((t) => `${(t.ms / 1000).toFixed(1)} s ${t.what}`).join('; ')}`);
  const cli = tally.cli;
  if (cli.plans > 0) {
    const codes = [...cli.codes].sort(([a], [b]) => a - b).map(([code, n]) => `exit ${code} x${n}`).join(', ');
    console.log(
      `CLI ${thousands(cli.runs)} runs (${cli.plans} cases): ${cli.exit3} exit 3, ${cli.hangs} hangs, ${cli.overMemory} over memory, ` +
        `max RSS ${(cli.peakRss / 1e6).toFixed(0)} MB, worst peak RSS / bound ${(cli.rssShare * 100).toFixed(0)}% (case ${cli.rssShareCase}), max time ${(cli.maxMs / 1000).toFixed(1)} s (bounds: ${CLI_BOUNDS.describe}); ${codes}`,
    );
  }
  const failures = tally.failures;
  if (failures.length === 0) {
    console.log('no failures');
    return;
  }
  const byCase = new Map<number, Failure[]>();
  for (const f of failures) byCase.set(f.index, [...(byCase.get(f.index) ?? []), f]);
  console.log(`\n${failures.length} failures in ${byCase.size} cases (seed ${s.seed}; reproduce: npm run fuzz -- --seed ${s.seed} --case N):`);
  let shown = 0;
  for (const [index, list] of [...byCase].sort(([a], [b]) => a - b)) {
    if (shown++ >= 400) {
      console.log(`  ... ${byCase.size - 400} more cases`);
      break;
    }
    console.log(`  case ${index}: ${list.map((f) => `[${f.where} ${f.check}] ${f.message.slice(0, 160)}`).join(' ; ')}`);
  }
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = signature(`${f.where} ${f.check}`, f.message);
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  console.log(`\n${groups.size} distinct failures:`);
  for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    const first = list[0];
    console.log(`  ${String(list.length).padStart(4)} x ${key}`);
    console.log(`         first: --seed ${s.seed} --case ${first.index}: ${first.message.slice(0, 240)}`);
    console.log(`         from ${first.origin.slice(0, 200)}`);
    if (first.command) console.log(`         ${first.command.slice(0, 240)}`);
  }
}

async function oneCase(s: Settings, index: number, fixtures: ReturnType<typeof loadFixtures>, dir: string): Promise<void> {
  const fuzzCase = makeCase(s.seed, index, s.profile, fixtures);
  const file = fuzzCase.file;
  console.log(`seed ${s.seed} case ${index}: ${fuzzCase.origin}, ${file.ext}, ${file.bytes.length} bytes`);
  console.log(`  ${file.features.join(', ')}`);
  console.log(`  expectation: ${file.expect.type === 'table' ? `${file.expect.rows} rows x ${file.expect.columns.length} columns` : file.expect.type === 'error' ? `${file.expect.code} error` : 'unknown'}${'rule' in file.expect && file.expect.rule ? ` [${file.expect.rule}]` : ''}`);
  const target = s.write ? resolve(s.write) : dir;
  mkdirSync(target, { recursive: true });
  const path = join(target, `case-${index}${file.ext}`);
  writeFileSync(path, file.bytes);
  if (s.write) console.log(`  wrote ${path}`);
  const input: LoaderCase = { path, ext: file.ext, bytes: file.bytes, expect: file.expect, checkSeed: caseSeed(s.seed, 'check', index), maxChunks: s.maxChunks };
  const supervisor = new LoaderSupervisor();
  const outcome = await supervisor.run(input);
  supervisor.stop();
  const failed: string[] = [];
  if ('result' in outcome) {
    const r = outcome.result;
    console.log(`  loadTable: ${r.outcome === 'table' ? `${r.rows} rows x ${r.columns} columns` : `error ${r.errorCode}`} (${r.ms} ms, ${r.chunkParses} chunked parses)`);
    for (const { check, problems } of r.results) {
      console.log(`  ${problems.length === 0 ? 'ok  ' : 'FAIL'} ${check}${problems.map((p) => `\n         ${p}`).join('')}`);
      if (problems.length > 0 && check !== 'expectation') failed.push(check);
    }
  } else console.log(`  FAIL ${JSON.stringify(outcome)}`);
  process.exitCode = 'result' in outcome && outcome.result.results.every((r) => r.problems.length === 0) ? 0 : 1;
  if (s.minimize && failed.length > 0) {
    const check = failed[0];
    const problem = 'result' in outcome ? outcome.result.results.find((r) => r.check === check)!.problems[0] : '';
    console.log(`  minimizing for [${check}] ${signature(check, problem)} ...`);
    const smallest = await minimize(file.bytes, async (bytes) => {
      writeFileSync(path, bytes);
      const r = await runLoaderChecks({ ...input, bytes, expect: { type: 'unknown' } }, () => undefined);
      const p = r.results.find((x) => x.check === check)?.problems[0];
      return p !== undefined && signature(check, p) === signature(check, problem);
    });
    const minPath = join(target, `case-${index}.min${file.ext}`);
    writeFileSync(minPath, smallest);
    writeFileSync(path, file.bytes);
    console.log(`  ${smallest.length} bytes still fail (${minPath}): ${JSON.stringify(new TextDecoder().decode(smallest.subarray(0, 400)))}`);
  }
  const cliRandom = new Random(caseSeed(s.seed, 'cli', index));
  if (s.cli && (cliRandom.chance(s.cliShare) || s.write)) {
    const plan = cliPlan(cliRandom.fork(), file, s.profile, fixtures, true);
    const cliDir = join(target, `cli-${index}`);
    const result = await runCliPlan(plan, cliDir, CLI);
    stopReaders();
    console.log(`  CLI: ${result.runs} run(s), exit ${result.exitCodes.join(', ')}, peak RSS ${(result.peakRss / 1e6).toFixed(0)} MB, ${(result.maxMs / 1000).toFixed(1)} s; inputs in ${cliDir}`);
    console.log(`       gradient ${plan.command} ${plan.args.join(' ')}`);
    for (const f of result.failures) console.log(`  FAIL cli ${f.check}: ${f.message}\n       ${f.command}`);
    if (result.failures.length > 0) process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const s = settings(process.argv.slice(2));
  if (s.cli && !existsSync(CLI)) {
    console.error(`test/fuzz: ${CLI} is missing: run npm run build first (or pass --no-cli for the loader checks only)`);
    process.exitCode = 1;
    return;
  }
  const fixtures = loadFixtures(ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'gradient-fuzz-'));
  try {
    if (s.only !== undefined) {
      await oneCase(s, s.only, fixtures, dir);
      return;
    }
    console.log(`gradient fuzz: seed ${s.seed}, up to ${thousands(s.cases)} cases${Number.isFinite(s.seconds) ? `, at most ${s.seconds} s` : ''}${s.cli ? '' : ', no CLI'}`);
    const tally = new Tally();
    const supervisor = new LoaderSupervisor();
    const started = Date.now();
    let lastProgress = started;
    let cliQueue: Promise<void> = Promise.resolve();
    let pendingCli = 0;
    // Case i+1 is generated while the worker checks case i (generating Parquet takes a while).
    let fuzzCase = s.cases > 0 ? makeCase(s.seed, 0, s.profile, fixtures) : undefined;
    for (let index = 0; fuzzCase !== undefined; index++) {
      if ((Date.now() - started) / 1000 > s.seconds) {
        console.log(`time budget of ${s.seconds} s reached after ${index} cases`);
        break;
      }
      const current = fuzzCase;
      const path = join(dir, `case-${index}${current.file.ext}`);
      writeFileSync(path, current.file.bytes);
      const cliRandom = new Random(caseSeed(s.seed, 'cli', index));
      if (s.cli && cliRandom.chance(s.cliShare)) {
        const plan = cliPlan(cliRandom.fork(), current.file, s.profile, fixtures, true);
        const cliDir = join(dir, `cli-${index}`);
        pendingCli++;
        cliQueue = cliQueue.then(async () => {
          const outcome = await runCliPlan(plan, cliDir, CLI);
          stopReaders();
          tally.cliOutcome(index, `${current.origin} (${current.file.features.join(', ')})`, outcome);
          rmSync(cliDir, { recursive: true, force: true });
          pendingCli--;
        });
      }
      const caseStarted = Date.now();
      const checked = supervisor.run({ path, ext: current.file.ext, bytes: current.file.bytes, expect: current.file.expect, checkSeed: caseSeed(s.seed, 'check', index), maxChunks: s.maxChunks });
      fuzzCase = index + 1 < s.cases ? makeCase(s.seed, index + 1, s.profile, fixtures) : undefined;
      const outcome = await checked;
      tally.loader(current, outcome, Date.now() - caseStarted);
      rmSync(path, { force: true });
      // Keep the CLI queue short: its plans hold their files in memory.
      while (pendingCli > 3) await new Promise((r) => setTimeout(r, 50));
      if (Date.now() - lastProgress > 15_000) {
        lastProgress = Date.now();
        process.stderr.write(`  ... ${index + 1} cases, ${tally.cli.runs} CLI runs, ${tally.failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      }
    }
    await cliQueue;
    supervisor.stop();
    report(s, tally, (Date.now() - started) / 1000);
    process.exitCode = tally.failures.length > 0 ? 1 : 0;
  } finally {
    stopReaders();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
