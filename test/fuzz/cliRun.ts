/**
 * CLI checks: `node dist/cli.js drift|calibration|cusum ...` in a child process, on fuzz files,
 * with random but valid-looking flags (in range, at the edges, just outside, negative, huge,
 * malformed; `--flag value` and `--flag=value`; repeated; unknown), `--out` to a new file, a
 * folder, an input, a FIFO or a character device (made in the run's own temporary folder), and
 * inputs read through a FIFO.
 *
 * Checks of every run: the exit code is 0, 1 or 2 (never 3, never a signal); it ends within the
 * time bound and its resident memory stays under the memory bound (it is killed past either);
 * exit 2 prints exactly one stderr line starting `gradient: ` and no stack; other stderr lines
 * start `gradient: `; text and Markdown output and stderr hold no control characters (C0 but tab
 * and newline, DEL, C1); JSON output parses. Metamorphic: a negative value gives the same exit
 * code as `--flag value` and `--flag=value`; a single-valued flag given twice with different
 * values is refused (exit 2), never silently resolved; a FIFO holding the bytes of a file is read
 * as that file; a special file named by `--out` is still that special file afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CALIBRATION_OPTIONS, CUSUM_OPTIONS, DRIFT_OPTIONS, FAIL_ON_LEVELS, LOAD_OPTIONS, type OptionSpec } from '../../src/core/reports/index';
import { generate, type Fixture } from './cases';
import { UNKNOWN } from './expectation';
import type { GeneratedFile, SizeProfile } from './generatedFile';
import { mutate } from './mutate';
import type { Random } from './random';

export type Command = 'drift' | 'calibration' | 'cusum';

/** The stated bounds of one CLI run, from the bytes of its inputs. */
export const CLI_BOUNDS = {
  /** Wall time: 10 s + 2 s per MB of input (see run.ts for the measurements behind it). */
  timeMs: (inputBytes: number) => 10_000 + (2_000 * inputBytes) / 1e6,
  /** Peak resident memory: 200 MB + 20 x the input bytes. */
  rssBytes: (inputBytes: number) => 200e6 + 20 * inputBytes,
  describe: '10 s + 2 s/MB of input; peak RSS <= 200 MB + 20 x input bytes',
} as const;

type OutKind = 'none' | 'file' | 'folder' | 'input' | 'fifo' | 'device';

export interface CliPlan {
  readonly command: Command;
  /** The input files, in the order their paths appear on the command line. */
  readonly inputs: readonly GeneratedFile[];
  /** Arguments after the command, with `{0}` / `{1}` for the input paths and `{out}` for --out. */
  readonly args: readonly string[];
  readonly out: OutKind;
  readonly format: string | undefined;
  /** Flags given with a negative value as `--flag value`: rerun as `--flag=value`. */
  readonly negativeSpaceForm: readonly string[];
  /** A single-valued flag given twice with different values. */
  readonly repeated: string | undefined;
  /** Rerun with the first input read through a FIFO. */
  readonly fifoInput: boolean;
}

/** Each command's flags: its own options and how its files are read (`--encoding`, `--delimiter`). */
const SCHEMA: Record<Command, Record<string, OptionSpec>> = {
  drift: { ...DRIFT_OPTIONS, ...LOAD_OPTIONS },
  calibration: { ...CALIBRATION_OPTIONS, ...LOAD_OPTIONS },
  cusum: { ...CUSUM_OPTIONS, ...LOAD_OPTIONS },
};
/** Single-valued flags and two different valid values of each, to give one of them twice. */
const REPEATABLE: Record<Command, ReadonlyArray<readonly [string, string, string]>> = {
  drift: [['format', 'json', 'text'], ['fail-on', FAIL_ON_LEVELS.drift[0], FAIL_ON_LEVELS.drift[1]], ['encoding', 'utf-8', 'latin-1'], ['delimiter', ',', ';'], ['alpha', '0.01', '0.05'], ['psi-bins', '10', '20']],
  calibration: [['format', 'json', 'text'], ['fail-on', FAIL_ON_LEVELS.calibration[0], FAIL_ON_LEVELS.calibration[1]], ['encoding', 'utf-8', 'windows-1252'], ['bins', '10', '15']],
  cusum: [['format', 'json', 'markdown'], ['fail-on', FAIL_ON_LEVELS.cusum[0], FAIL_ON_LEVELS.cusum[1]], ['delimiter', ',', 'tab'], ['k', '0.5', '1']],
};

const ODD_NUMBERS = ['0', '-0', '-1', '-0.5', '1e308', '-1e308', '5e-324', '1e-320', '1e999', 'Infinity', '-Infinity', 'NaN', 'abc', '', ' 1', '0x10', '2.5', '1e9', '.5', '1.', '+1'] as const;

function numberValue(random: Random, spec: Extract<OptionSpec, { type: 'number' | 'integer' }>, hostile: boolean): string {
  const low = spec.minimum ?? spec.exclusiveMinimum;
  const high = spec.maximum ?? spec.exclusiveMaximum;
  const r = hostile ? random.float() : 0;
  if (r < 0.45 || (low === undefined && high === undefined && r < 0.7)) {
    const a = low ?? -10;
    const b = high ?? 10;
    const v = a + random.float() * (Math.min(b, a + 1000) - a);
    return spec.type === 'integer' ? String(Math.round(v)) : String(Number(v.toPrecision(random.int(1, 6))));
  }
  if (r < 0.6 && low !== undefined) return String(random.chance(0.5) ? low : low - random.pick([1e-9, 1, 0.5]));
  if (r < 0.75 && high !== undefined) return String(random.chance(0.5) ? high : high * random.pick([1.0001, 2, 1e6]));
  return random.pick(ODD_NUMBERS);
}

/** A flag's value: valid, or in a hostile plan now and then refused (out of range, malformed). */
function optionValue(random: Random, spec: OptionSpec, names: readonly string[], hostile: boolean): string {
  const odd = hostile && random.chance(0.5);
  switch (spec.type) {
    case 'choice':
      return odd ? random.pick(['', 'BH', 'foo', 'quantile ', 'UTF-8']) : random.pick(spec.choices).value;
    case 'character':
      // `tab` and `\t` stand for a tab; the odd ones are refused (a quote, two characters, non-ASCII).
      return odd ? random.pick(['"', '', ';;', 'é', '\n', '\\n']) : random.pick([',', ';', '|', 'tab', '\\t', '\t', ' ']);
    case 'roles': {
      const name = names.length > 0 && !odd ? random.pick(names) : random.pick(['nope', '', '=']);
      return `${name}=${!odd ? random.pick(['feature', 'identifier', 'time', 'label', 'ignore']) : random.pick(['', 'id', 'Feature'])}`;
    }
    default:
      return numberValue(random, spec, hostile);
  }
}

function columnName(random: Random, names: readonly string[], hostile: boolean): string {
  if (names.length === 0 || (hostile && random.chance(0.2))) return random.pick(['nope', 'A', ' a', 'col0', 'k0', 'c0']);
  return random.pick(names);
}

/** A calibration-shaped CSV: a probability and a 0/1 outcome, with edge values now and then. */
function predictions(random: Random): GeneratedFile {
  const rows = random.size(1, 5000);
  const lines = ['confidence,correct'];
  for (let r = 0; r < rows; r++) {
    const p = random.chance(0.05) ? random.pick(['0', '1', '1e-300', '0.9999999999999999', '-0.1', '1.5', 'NA', '', 'nan', 'inf']) : random.float().toFixed(random.int(1, 17));
    const y = random.chance(0.05) ? random.pick(['true', 'false', '2', '', 'NA', '0.5', 'yes']) : String(random.chance(Number(p) || 0.5) ? 1 : 0);
    lines.push(`${p},${y}`);
  }
  return { format: 'csv', ext: '.csv', bytes: new TextEncoder().encode(lines.join('\n') + '\n'), expect: UNKNOWN, features: [`predictions ${rows} rows`], names: ['confidence', 'correct'], numericNames: ['confidence', 'correct'] };
}

/** A CUSUM-shaped CSV: an accuracy or 0/1 series and a time column. */
function series(random: Random): GeneratedFile {
  const rows = random.size(1, 20_000);
  const binary = random.chance(0.5);
  const lines = ['ts,accuracy'];
  for (let r = 0; r < rows; r++) {
    const drop = r > rows * 0.7 ? 0.1 : 0;
    const v = random.chance(0.03) ? random.pick(['NA', '', '1e308', '-1', 'inf', '0']) : binary ? String(random.chance(0.9 - drop) ? 1 : 0) : String(0.9 - drop + (random.float() - 0.5) * 0.05);
    lines.push(`${random.chance(0.02) ? random.pick(['', 'x', '1e400']) : 1_700_000_000 + r * random.pick([1, 60, -1])},${v}`);
  }
  return { format: 'csv', ext: '.csv', bytes: new TextEncoder().encode(lines.join('\n') + '\n'), expect: UNKNOWN, features: [`series ${rows} rows`], names: ['ts', 'accuracy'], numericNames: ['accuracy'] };
}

/** A random command line over `file` (and a second file for drift). */
export function cliPlan(random: Random, file: GeneratedFile, profile: SizeProfile, fixtures: readonly Fixture[], fifo: boolean): CliPlan {
  const command = random.weighted<Command>([['drift', 5], ['calibration', 2], ['cusum', 2]]);
  let inputs: GeneratedFile[];
  if (command === 'drift') {
    const current = random.weighted<string>([['same', 3], ['sibling', 4], ['mutated', 2], ['fixture', 1]]);
    let second: GeneratedFile;
    if (current === 'same') second = file;
    else if (current === 'sibling') second = generate(file.format, random.fork(), profile);
    else if (current === 'mutated') {
      const m = mutate(random.fork(), file.bytes, file.format === 'parquet', file.bytes);
      second = { ...file, bytes: m.bytes, expect: UNKNOWN, features: [`mutated: ${m.description}`] };
    } else {
      const fixture = random.pick(fixtures);
      second = { format: fixture.format, ext: fixture.ext, bytes: fixture.bytes, expect: UNKNOWN, features: [`fixture ${fixture.name}`], names: [], numericNames: [] };
    }
    inputs = random.chance(0.5) ? [file, second] : [second, file];
  } else {
    const own = random.chance(0.6) ? (command === 'calibration' ? predictions(random) : series(random)) : file;
    if (own !== file && random.chance(0.3)) {
      const m = mutate(random.fork(), own.bytes, false, file.bytes);
      inputs = [{ ...own, bytes: m.bytes, features: [...own.features, `mutated: ${m.description}`] }];
    } else inputs = [own];
  }
  const names = [...new Set(inputs.flatMap((f) => f.names))];
  const numeric = [...new Set(inputs.flatMap((f) => f.numericNames))];
  // Most plans are a command a user would write, so the reports run; a hostile one has bad values.
  const hostile = random.chance(0.3);
  const args: string[] = command === 'drift' ? ['{0}', '{1}'] : ['{0}'];
  const negativeSpaceForm: string[] = [];
  const flag = (name: string, value: string) => {
    if (value.startsWith('-') && random.chance(0.5)) {
      args.push(`--${name}`, value);
      negativeSpaceForm.push(name);
    } else if (random.chance(0.2) || value.startsWith('-')) args.push(`--${name}=${value}`);
    else args.push(`--${name}`, value);
  };
  if (command === 'calibration') {
    if (random.chance(0.95)) flag('confidence', random.chance(0.7) && numeric.length > 0 ? random.pick(numeric) : columnName(random, names, hostile));
    if (random.chance(0.95)) flag('correct', columnName(random, names, hostile));
  }
  if (command === 'cusum') {
    if (random.chance(0.95)) flag('column', random.chance(0.7) && numeric.length > 0 ? random.pick(numeric) : columnName(random, names, hostile));
    if (random.chance(0.2)) flag('time-column', columnName(random, names, hostile));
  }
  if (command === 'drift') {
    for (const list of ['columns', 'categorical', 'numeric'] as const) {
      if (random.chance(0.1)) flag(list, Array.from({ length: random.int(1, 3) }, () => columnName(random, names, hostile)).join(','));
    }
    if (random.chance(0.1)) flag('label', columnName(random, names, hostile));
  }
  for (const spec of Object.values(SCHEMA[command])) {
    if (spec.flag && random.chance(0.2)) flag(spec.flag, optionValue(random, spec, names, hostile));
  }
  const format = random.chance(0.6) ? random.pick(hostile ? ['text', 'json', 'markdown', 'JSON'] : ['text', 'json', 'markdown']) : undefined;
  if (format) flag('format', format);
  if (random.chance(0.15)) flag('fail-on', hostile && random.chance(0.3) ? 'sometimes' : random.pick(FAIL_ON_LEVELS[command] as readonly string[]));
  const out = random.weighted<OutKind>([['none', 80], ['file', 10], ['folder', 2], ['input', 2], ['fifo', 3], ['device', 3]]);
  if (out !== 'none') flag('out', '{out}');
  let repeated: string | undefined;
  if (random.chance(0.06)) {
    const [name, first, second] = random.pick(REPEATABLE[command]);
    repeated = name;
    args.push(`--${name}`, first, `--${name}`, second);
  }
  if (hostile && random.chance(0.1)) args.push(random.pick(['--bogus', '--alpha', 'extra-positional', '-x', '--help']));
  return { command, inputs, args, out, format, negativeSpaceForm, repeated, fifoInput: fifo && random.chance(0.08) };
}

export interface CliFailure {
  readonly check: string;
  readonly message: string;
  readonly command: string;
}

export interface CliOutcome {
  readonly runs: number;
  readonly failures: readonly CliFailure[];
  readonly peakRss: number;
  /** The largest share of its memory bound a run used (peak RSS / bound). */
  readonly rssShare: number;
  readonly maxMs: number;
  readonly inputBytes: number;
  readonly exitCodes: readonly number[];
  /** Runs killed past the time or memory bound. */
  readonly hangs: number;
  readonly overMemory: number;
  readonly exit3: number;
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly peakRss: number;
  readonly killed: 'time' | 'memory' | undefined;
}

/** Peak and current resident memory of a process, in bytes, from /proc (0 when unreadable). */
function residentMemory(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

const RSS_LINE = /^gradient: peak RSS (\d+) MiB$/;

/** Runs `node cli args` with the bounds, killing the child past either. */
function runBounded(cli: string, args: readonly string[], cwd: string, timeMs: number, rssBytes: number): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child: ChildProcess = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, GRADIENT_REPORT_RSS: '1', GRADIENT_DEBUG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => stdout.push(d));
    child.stderr!.on('data', (d: Buffer) => stderr.push(d));
    let peak = 0;
    let killed: Run['killed'];
    const kill = (why: 'time' | 'memory') => {
      if (killed || child.exitCode !== null) return;
      killed = why;
      child.kill('SIGKILL');
    };
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      const { rss, hwm } = residentMemory(child.pid);
      peak = Math.max(peak, hwm, rss);
      if (rss > rssBytes) kill('memory');
    }, 20);
    const timer = setTimeout(() => kill('time'), timeMs);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      const err = Buffer.concat(stderr).toString('utf8');
      const reported = err.split('\n').map((line) => RSS_LINE.exec(line)).find(Boolean);
      if (reported) peak = Math.max(peak, Number(reported[1]) * 2 ** 20);
      resolve({ code, signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: err, ms: Date.now() - started, peakRss: peak, killed });
    });
  });
}

// C0 controls but tab and newline, DEL, C1.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

function firstControl(text: string): string | undefined {
  const m = CONTROL.exec(text);
  if (!m) return undefined;
  return `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()} near ${JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 10))}`;
}

/** stderr without the GRADIENT_REPORT_RSS line, as lines. */
function stderrLines(stderr: string): string[] {
  return stderr.split('\n').filter((line, i, all) => !RSS_LINE.test(line) && !(line === '' && i === all.length - 1));
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs a plan (and its reruns) with the inputs written into `dir`; `cli` is dist/cli.js.
 *
 * @example
 * const outcome = await runCliPlan(plan, '/tmp/fuzz/case-7', 'dist/cli.js');
 * outcome.failures // []
 */
export async function runCliPlan(plan: CliPlan, dir: string, cli: string): Promise<CliOutcome> {
  mkdirSync(dir, { recursive: true });
  const paths = plan.inputs.map((file, i) => {
    const path = join(dir, `input${i}${file.ext}`);
    writeFileSync(path, file.bytes);
    return path;
  });
  const inputBytes = plan.inputs.reduce((n, f) => n + f.bytes.length, 0);
  const timeMs = CLI_BOUNDS.timeMs(inputBytes);
  const rssBytes = CLI_BOUNDS.rssBytes(inputBytes);
  const outPath = prepareOut(plan, dir, paths);
  const render = (args: readonly string[], inputPaths: readonly string[]) => args.map((a) => a.replace(/\{(\d)\}/g, (_, k: string) => inputPaths[Number(k)]).replace('{out}', outPath ?? ''));
  const failures: CliFailure[] = [];
  const exitCodes: number[] = [];
  let peakRss = 0;
  let rssShare = 0;
  let maxMs = 0;
  let runs = 0;
  let hangs = 0;
  let overMemory = 0;
  let exit3 = 0;
  const outKindBefore = outPath && existsSync(outPath) ? fileKind(outPath) : undefined;
  // --out naming an input names the last one (through a symlink when there are two).
  const protectedInput = paths[paths.length - 1];
  const inputBefore = readFileSync(protectedInput);

  const exec = async (args: readonly string[]): Promise<Run> => {
    let run = await runBounded(cli, [plan.command, ...args], dir, timeMs, rssBytes);
    // Wall time is shared with whatever else the machine runs (a CI neighbour, the fuzz driver's
    // own generation): a run killed for time is retried once, and only a second kill is a defect.
    // A quadratic parser is killed both times; a busy machine rarely twice in a row.
    if (run.killed === 'time') run = await runBounded(cli, [plan.command, ...args], dir, timeMs, rssBytes);
    runs++;
    peakRss = Math.max(peakRss, run.peakRss);
    rssShare = Math.max(rssShare, run.peakRss / rssBytes);
    maxMs = Math.max(maxMs, run.ms);
    const command = `gradient ${[plan.command, ...args].map(shellQuote).join(' ')}`;
    const fail = (check: string, message: string) => failures.push({ check, message, command });
    if (run.killed === 'time') {
      hangs++;
      fail('time', `killed after ${(run.ms / 1000).toFixed(1)} s (bound ${(timeMs / 1000).toFixed(1)} s for ${inputBytes} input bytes)`);
    } else if (run.killed === 'memory') {
      overMemory++;
      fail('memory', `killed at ${(run.peakRss / 1e6).toFixed(0)} MB resident (bound ${(rssBytes / 1e6).toFixed(0)} MB for ${inputBytes} input bytes)`);
    } else if (run.peakRss > rssBytes) {
      overMemory++;
      fail('memory', `peak RSS ${(run.peakRss / 1e6).toFixed(0)} MB over the bound ${(rssBytes / 1e6).toFixed(0)} MB`);
    }
    if (run.killed) return run;
    exitCodes.push(run.code ?? -1);
    const lines = stderrLines(run.stderr);
    if (run.code === 3) {
      exit3++;
      fail('exit 3', lines[0] ?? '(no stderr)');
    } else if (run.code === null || ![0, 1, 2].includes(run.code)) fail('exit code', `exit ${run.code} signal ${run.signal}: ${lines.slice(-3).join(' | ').slice(0, 300)}`);
    if (run.code === 2 && (lines.length !== 1 || !lines[0].startsWith('gradient: '))) fail('stderr', `exit 2 with ${lines.length} stderr lines: ${JSON.stringify(run.stderr.slice(0, 300))}`);
    if (run.code !== 2 && lines.some((line) => !line.startsWith('gradient: '))) fail('stderr', `exit ${run.code}: stderr line not starting "gradient: ": ${JSON.stringify(lines.find((l) => !l.startsWith('gradient: '))!.slice(0, 200))}`);
    if (/\n\s+at [^\n]+:\d+:\d+\)?/.test(run.stderr)) fail('stderr', 'stack trace on stderr');
    const format = plan.format?.toLowerCase();
    const shown = firstControl(run.stderr);
    if (shown) fail('control characters', `stderr holds ${shown}`);
    if (format !== 'json' && run.code !== 2) {
      const inStdout = firstControl(run.stdout);
      if (inStdout) fail('control characters', `stdout (${format ?? 'text'}) holds ${inStdout}`);
    }
    if (format === 'json' && (run.code === 0 || run.code === 1) && plan.out === 'none' && !args.includes('--help')) {
      try {
        JSON.parse(run.stdout);
      } catch (error) {
        fail('json', `stdout is not JSON (${(error as Error).message})`);
      }
    }
    return run;
  };

  const args = render(plan.args, paths);
  const first = await exec(args);
  if (!first.killed && first.code !== null) {
    checkOut(plan, outPath, outKindBefore, first, protectedInput, inputBefore, (check, message) => failures.push({ check, message, command: `gradient ${[plan.command, ...args].map(shellQuote).join(' ')}` }));
    if (plan.repeated && (first.code === 0 || first.code === 1)) {
      failures.push({ check: 'repeated flag', message: `--${plan.repeated} given twice with different values, exit ${first.code}: the last value was used silently`, command: `gradient ${[plan.command, ...args].map(shellQuote).join(' ')}` });
    }
    if (plan.negativeSpaceForm.length > 0 && plan.out === 'none') {
      const joined: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const name = args[i].startsWith('--') ? args[i].slice(2) : '';
        if (plan.negativeSpaceForm.includes(name) && i + 1 < args.length && args[i + 1].startsWith('-')) {
          joined.push(`${args[i]}=${args[i + 1]}`);
          i++;
        } else joined.push(args[i]);
      }
      const second = await exec(joined);
      if (!second.killed && second.code !== first.code) {
        failures.push({
          check: 'negative value',
          message: `--${plan.negativeSpaceForm.join(', --')} VALUE exits ${first.code} (${stderrLines(first.stderr)[0] ?? ''}) but --FLAG=VALUE exits ${second.code}`,
          command: `gradient ${[plan.command, ...args].map(shellQuote).join(' ')}`,
        });
      }
    }
    if (plan.fifoInput && plan.out === 'none') {
      const fifo = join(dir, `fifo-input0${plan.inputs[0].ext}`);
      if (spawnSync('mkfifo', [fifo]).status === 0) {
        const feeder = spawn('sh', ['-c', 'cat "$1" > "$2"', 'feed', paths[0], fifo], { stdio: 'ignore' });
        const viaFifo = await exec(render(plan.args, [fifo, ...paths.slice(1)]));
        if (feeder.exitCode === null) feeder.kill('SIGKILL');
        const sameOut = viaFifo.stdout.split(fifo).join(paths[0]) === first.stdout;
        const refused = viaFifo.code === 2 && /fifo|pipe|not a regular file/i.test(viaFifo.stderr) && !/empty/i.test(viaFifo.stderr);
        if (!viaFifo.killed && !(viaFifo.code === first.code && sameOut) && !refused) {
          failures.push({
            check: 'fifo input',
            message: `the file exits ${first.code}, the same bytes through a FIFO exit ${viaFifo.code}: ${(stderrLines(viaFifo.stderr)[0] ?? '').slice(0, 200)}`,
            command: `gradient ${render(plan.args, [fifo, ...paths.slice(1)]).join(' ')}`,
          });
        }
      }
    }
  }
  return { runs, failures, peakRss, rssShare, maxMs, inputBytes, exitCodes, hangs, overMemory, exit3 };
}

function fileKind(path: string): string {
  const s = lstatSync(path);
  return s.isFIFO() ? 'fifo' : s.isCharacterDevice() ? 'character device' : s.isDirectory() ? 'folder' : s.isSymbolicLink() ? 'symlink' : s.isFile() ? 'file' : 'other';
}

let readers: ChildProcess[] = [];

/** Makes what --out names: nothing (a new file), a folder, a FIFO with a reader, a device node. */
function prepareOut(plan: CliPlan, dir: string, inputs: readonly string[]): string | undefined {
  const ext = plan.format?.toLowerCase() === 'json' ? '.json' : plan.format === 'markdown' ? '.md' : '.txt';
  switch (plan.out) {
    case 'none':
      return undefined;
    case 'file':
      return join(dir, `report${ext}`);
    case 'folder': {
      const path = join(dir, 'a-folder');
      mkdirSync(path, { recursive: true });
      return path;
    }
    case 'input':
      if (plan.inputs.length > 1) {
        const link = join(dir, 'link-to-input');
        symlinkSync(inputs[1], link);
        return link;
      }
      return inputs[0];
    case 'fifo': {
      const path = join(dir, `out-fifo${ext}`);
      if (spawnSync('mkfifo', [path]).status !== 0) return join(dir, `report${ext}`);
      readers.push(spawn('sh', ['-c', 'cat "$1" > /dev/null', 'read', path], { stdio: 'ignore' }));
      return path;
    }
    case 'device': {
      // A /dev/null of our own (character device 1,3) inside the run's folder: never the real one.
      const path = join(dir, `null-device${ext}`);
      if (spawnSync('mknod', [path, 'c', '1', '3']).status !== 0) return join(dir, `report${ext}`);
      return path;
    }
  }
}

/** Stops the FIFO readers that are still waiting. */
export function stopReaders(): void {
  for (const reader of readers) if (reader.exitCode === null && reader.signalCode === null) reader.kill('SIGKILL');
  readers = [];
}

function checkOut(plan: CliPlan, out: string | undefined, kindBefore: string | undefined, run: Run, input: string, inputBefore: Buffer, fail: (check: string, message: string) => void): void {
  if (!out) return;
  const ok = run.code === 0 || run.code === 1;
  if (plan.out === 'file' && ok) {
    if (!existsSync(out) || readFileSync(out).length === 0) fail('--out', `exit ${run.code} but ${out} was not written`);
    if (run.stdout !== '') fail('--out', 'the report went to stdout as well as --out');
  }
  if (plan.out === 'folder' && ok) fail('--out', `--out naming a folder exits ${run.code}`);
  if (plan.out === 'input') {
    if (ok) fail('--out', `--out naming an input exits ${run.code}`);
    if (!readFileSync(input).equals(inputBefore)) fail('--out', 'an input file was changed');
  }
  if ((plan.out === 'fifo' || plan.out === 'device') && kindBefore) {
    const after = existsSync(out) ? fileKind(out) : 'nothing';
    if (after !== kindBefore) fail('--out', `--out ${kindBefore} became ${after === 'file' ? 'a regular file' : after} (exit ${run.code}): the special file was replaced`);
  }
}
