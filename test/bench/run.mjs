// Drift benchmark: `gradient drift` against the pandas + numpy + scipy anchor on the same files.
// Not a test: it prints figures (wall and CPU time of both, ours on each engine, the ratios, our
// peak RSS), the largest disagreement between our engines and with scipy; it exits 1 only when
// numbers disagree beyond STATS.md's tolerances (or something needed is missing).
//
//   npm run build && npm run bench [-- --rows N] [--seed S] [--runs R] [--big-rows N | --no-big | --only-big]
//
// Part 1, the CSV pair (1,000,000 rows x 20 columns by default: 16 numeric, some with heavy ties
// and about 1% missing values, 4 categorical with 3 to 500 levels; the current file has drifted
// columns), generated once per seed and row count and cached under os.tmpdir(). `gradient drift`
// runs with the default engine (auto: memory at this size, the two files loaded in worker
// threads), on one thread, and on DuckDB; the anchor beside them.
//
// Part 2, files bigger than memory: DuckDB writes a Parquet pair of 100,000,000 rows x 10 columns
// (--big-rows), and `gradient drift --engine duckdb` reports on it; the time and peak RSS are
// printed, and what the anchor does with it.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist/cli.js');
const anchor = join(root, 'test/bench/anchor.py');
const python = '/usr/bin/python3';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '20240611' },
    runs: { type: 'string', default: '1' },
    'big-rows': { type: 'string', default: '100000000' },
    'no-big': { type: 'boolean', default: false },
    'only-big': { type: 'boolean', default: false },
  },
});
const rows = Number(args.rows);
const seed = Number(args.seed);
const runs = Number(args.runs);

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

if (!existsSync(cli)) fail(`${cli} is missing: run npm run build first`);
if (!existsSync(python)) fail(`${python} is missing: apt-get install -y python3-pandas python3-scipy`);

// ------------------------------------------------------------------------------------------
// Data: a seeded generator (xoshiro128**), written as pandas writes CSV.

function rng(seedValue) {
  let a = seedValue >>> 0, b = 0x9e3779b9, c = 0x243f6a88, d = 0xb7e15162;
  const next = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return result;
  };
  const rotl = (x, k) => (x << k) | (x >>> (32 - k));
  for (let i = 0; i < 16; i++) next();
  const uniform = () => (next() * 2 ** -32 + next()) * 2 ** -32; // 53-ish random bits in [0, 1)
  let spare = null;
  const normal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}

const LEVELS = [3, 12, 50, 500];

/** One column's value generator; `drifted` for the current file's shifted columns. */
function columnGenerators(random, current) {
  const numeric = [];
  for (let i = 0; i < 16; i++) {
    const kind = i % 4;
    const missingRate = i % 3 === 0 ? 0.01 : 0;
    const missingToken = i < 8 ? '' : 'NA';
    let draw;
    if (kind === 0) {
      const shift = current && i === 4 ? 1 : 0; // 0.1 sd: KS sees it, PSI barely
      draw = () => String(50 + shift + 10 * random.normal());
    } else if (kind === 1) {
      const sigma = current && i === 5 ? 1.3 : 1; // wider tails: PSI warning / drift
      draw = () => String(Math.exp(sigma * random.normal()));
    } else if (kind === 2) {
      const skew = current && i === 10; // heavy ties, and a shifted mix of the integers
      draw = () => String(skew ? Math.floor(10 * random.uniform() ** 1.5) : Math.floor(10 * random.uniform()));
    } else {
      const shift = current && i === 15 ? 0.3 : 0;
      draw = () => String(Math.round((shift + random.normal()) * 10) / 10);
    }
    numeric.push(() => (missingRate > 0 && random.uniform() < missingRate ? missingToken : draw()));
  }
  const categorical = LEVELS.map((levels, j) => {
    const skew = current && (j === 1 || j === 3);
    return () => {
      if (random.uniform() < 0.01) return '';
      const u = random.uniform();
      return `level_${Math.floor(levels * (skew ? u * u : u))}`;
    };
  });
  return [...numeric, ...categorical];
}

function writeCsv(path, seedValue, current) {
  const random = rng(seedValue);
  const generators = columnGenerators(random, current);
  const header = [...Array.from({ length: 16 }, (_, i) => `num${String(i).padStart(2, '0')}`), ...LEVELS.map((_, j) => `cat${j}`)];
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  writeSync(fd, `${header.join(',')}\n`);
  let chunk = [];
  for (let r = 0; r < rows; r++) {
    chunk.push(generators.map((g) => g()).join(','));
    if (chunk.length === 20_000) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) writeSync(fd, `${chunk.join('\n')}\n`);
  closeSync(fd);
  renameSync(partial, path);
}

const dataDir = join(tmpdir(), `gradient-bench-${seed}-${rows}`);
const reference = join(dataDir, 'reference.csv');
const current = join(dataDir, 'current.csv');
const complete = join(dataDir, 'complete');
if (!existsSync(complete)) {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const started = performance.now();
  console.log(`bench: writing ${rows} x 20 CSVs to ${dataDir} (once per seed)...`);
  writeCsv(reference, seed, false);
  writeCsv(current, seed + 1, true);
  writeFileSync(complete, '');
  console.log(`bench: data written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const sizeMiB = (statSync(reference).size + statSync(current).size) / 2 ** 20;

// ------------------------------------------------------------------------------------------
// Runs: each command under /usr/bin/time -v when present (CPU time and peak RSS).

const haveTime = existsSync('/usr/bin/time');

function measure(command, commandArgs, env = {}) {
  const argv = haveTime ? ['/usr/bin/time', ['-v', command, ...commandArgs]] : [command, commandArgs];
  const started = performance.now();
  const result = spawnSync(argv[0], argv[1], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0 && result.status !== 1) {
    fail(`${command} ${commandArgs.join(' ')} exited ${result.status}:\n${result.stderr}`);
  }
  const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(result.stderr)?.[1] ?? NaN);
  const cpu = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
  let rssMiB = field('Maximum resident set size \\(kbytes\\)') / 1024;
  const reported = /peak RSS (\d+) MiB/.exec(result.stderr);
  if (Number.isNaN(rssMiB) && reported) rssMiB = Number(reported[1]);
  return { wall, cpu, rssMiB, stdout: result.stdout, stderr: result.stderr };
}

if (args['only-big']) {
  await bigParquet(Number(args['big-rows']));
  process.exit(0);
}

const ourJson = join(dataDir, 'gradient.json');
const singleJson = join(dataDir, 'gradient-single-thread.json');
const anchorJson = join(dataDir, 'anchor.json');
const duckdbJson = join(dataDir, 'gradient-duckdb.json');
const drift = (out, ...extra) => [cli, 'drift', reference, current, '--format', 'json', '--out', out, '--fail-on', 'never', ...extra];
const ours = [];
const duckdb = [];
const single = [];
const theirs = [];
for (let run = 0; run < runs; run++) {
  // The default engine, auto: at this size memory, each file parsed (and its numeric columns sorted) in its own worker thread.
  ours.push(measure(process.execPath, drift(ourJson), { GRADIENT_REPORT_RSS: '1' }));
  // GRADIENT_THREADS=off: everything on one thread, like the anchor.
  single.push(measure(process.execPath, drift(singleJson, '--engine', 'memory'), { GRADIENT_REPORT_RSS: '1', GRADIENT_THREADS: 'off' }));
  // DuckDB, the engine for files bigger than memory, on the same files.
  duckdb.push(measure(process.execPath, drift(duckdbJson, '--engine', 'duckdb'), { GRADIENT_REPORT_RSS: '1' }));
  theirs.push(measure(python, [anchor, reference, current, anchorJson]));
  const show = (m) => `${m.wall.toFixed(2)} s wall (${m.cpu.toFixed(2)} s CPU)`;
  console.log(
    `run ${run + 1}: gradient ${show(ours[run])}, on one thread ${show(single[run])}, on DuckDB ${show(duckdb[run])}, pandas+scipy ${show(theirs[run])}`,
  );
}
if (readFileSync(ourJson, 'utf8') !== readFileSync(singleJson, 'utf8')) fail('the threaded and the single-thread reports differ');
const engineGap = largestEngineDisagreement(JSON.parse(readFileSync(duckdbJson, 'utf8')), JSON.parse(readFileSync(ourJson, 'utf8')));

// ------------------------------------------------------------------------------------------
// Agreement: every statistic both reports have, against STATS.md's tolerances.

const our = JSON.parse(readFileSync(ourJson, 'utf8'));
const their = JSON.parse(readFileSync(anchorJson, 'utf8'));
const worst = new Map(); // metric -> { abs, rel, column }
let disagreements = 0;
function compare(metric, column, a, b, tolerance) {
  const abs = Math.abs(a - b);
  const rel = abs === 0 ? 0 : abs / Math.max(Math.abs(a), Math.abs(b));
  const previous = worst.get(metric);
  if (!previous || abs > previous.abs) worst.set(metric, { abs, rel, column });
  const ok = (tolerance.abs !== undefined && abs <= tolerance.abs) || (tolerance.rel !== undefined && rel <= tolerance.rel);
  if (!ok) {
    disagreements++;
    console.log(`  DISAGREE ${column} ${metric}: gradient ${a}, scipy ${b} (abs ${abs.toExponential(2)}, rel ${rel.toExponential(2)})`);
  }
}
const STATISTIC = { abs: 1e-12 };
const DISTANCE = { rel: 1e-9, abs: 1e-15 };
const P_VALUE = { abs: 1e-9, rel: 1e-6 };
let compared = 0;
for (const column of our.columns) {
  const anchorColumn = their.columns[column.name];
  if (!anchorColumn) continue;
  compared++;
  if (anchorColumn.kind !== column.kind) {
    disagreements++;
    console.log(`  DISAGREE ${column.name}: kind ${column.kind} here, ${anchorColumn.kind} in pandas`);
    continue;
  }
  compare('PSI', column.name, column.psi, anchorColumn.psi, STATISTIC);
  if (column.kind === 'numeric') {
    compare('KS statistic', column.name, column.ks.statistic, anchorColumn.ks.statistic, STATISTIC);
    compare('KS p-value', column.name, column.ks.pValue, anchorColumn.ks.pValue, P_VALUE);
    compare('Wasserstein', column.name, column.wasserstein, anchorColumn.wasserstein, DISTANCE);
  } else {
    compare('chi-square statistic', column.name, column.chiSquare.statistic, anchorColumn.chiSquare.statistic, DISTANCE);
    compare('chi-square p-value', column.name, column.chiSquare.pValue, anchorColumn.chiSquare.pValue, P_VALUE);
  }
}

const best = (list, key) => Math.min(...list.map((m) => m[key]));
const ourWall = best(ours, 'wall');
const theirWall = best(theirs, 'wall');
const ourCpu = best(ours, 'cpu');
const theirCpu = best(theirs, 'cpu');
const ourRss = Math.max(...ours.map((m) => m.rssMiB));
const singleWall = best(single, 'wall');
const singleCpu = best(single, 'cpu');
const duckdbWall = best(duckdb, 'wall');
const duckdbCpu = best(duckdb, 'cpu');
console.log('');
console.log(`files: 2 x ${rows.toLocaleString('en-US')} rows x 20 columns, ${sizeMiB.toFixed(0)} MiB (${dataDir})`);
console.log(`machine: ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores, node ${process.version}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.log(`gradient drift --format json (engine auto: ${JSON.parse(readFileSync(ourJson, 'utf8')).engine}): ${ourWall.toFixed(2)} s wall, ${ourCpu.toFixed(2)} s CPU, peak RSS ${ourRss.toFixed(0)} MiB`);
console.log(`  on one thread (GRADIENT_THREADS=off): ${singleWall.toFixed(2)} s wall, ${singleCpu.toFixed(2)} s CPU, peak RSS ${Math.max(...single.map((m) => m.rssMiB)).toFixed(0)} MiB`);
console.log(`  --engine duckdb: ${duckdbWall.toFixed(2)} s wall, ${duckdbCpu.toFixed(2)} s CPU, peak RSS ${Math.max(...duckdb.map((m) => m.rssMiB)).toFixed(0)} MiB`);
console.log(`pandas + scipy anchor:        ${theirWall.toFixed(2)} s wall, ${theirCpu.toFixed(2)} s CPU, peak RSS ${Math.max(...theirs.map((m) => m.rssMiB)).toFixed(0)} MiB`);
console.log(`  ${theirs.at(-1).stdout.trim()}`);
console.log(
  `ratio (anchor / gradient): ${(theirWall / ourWall).toFixed(2)}x wall, ${(theirCpu / ourCpu).toFixed(2)}x CPU; ` +
    `on one thread ${(theirWall / singleWall).toFixed(2)}x wall, ${(theirCpu / singleCpu).toFixed(2)}x CPU; on DuckDB ${(theirWall / duckdbWall).toFixed(2)}x wall ` +
    `(goal >= 5x wall end to end: ${theirWall / ourWall >= 5 ? 'met' : 'MISSED'}; peak RSS goal < 1536 MiB: ${ourRss < 1536 ? 'met' : 'MISSED'})`,
);
console.log(`engines: DuckDB and memory agree to ${engineGap.text}`);
console.log(`agreement over ${compared} columns (largest differences):`);
for (const [metric, { abs, rel, column }] of worst) {
  console.log(`  ${metric.padEnd(22)} abs ${abs.toExponential(2)}  rel ${rel.toExponential(2)}  (${column})`);
}
if (compared === 0) fail('no column in common between the two reports');
if (disagreements > 0) fail(`${disagreements} numbers disagree with scipy beyond STATS.md's tolerances`);
console.log('agreement: every number within STATS.md tolerances');
if (engineGap.worst > 1e-12) fail(`the DuckDB and memory reports differ by ${engineGap.text}, beyond 1e-12`);

if (!args['no-big']) await bigParquet(Number(args['big-rows']));

// ------------------------------------------------------------------------------------------
// Engines: every number of two reports of the same data, paired by path.

/** The largest relative difference between two reports' numbers (counts must be equal), and where. */
function largestEngineDisagreement(a, b) {
  let worst = 0;
  let where = 'every number equal';
  // A mean of values that cancel (near 0 beside values of ±1) has no relative precision in
  // floating point: it is compared relative to the column's scale, max(|min|, |max|).
  const walk = (x, y, path, scale = 0) => {
    if (typeof x === 'number' && typeof y === 'number') {
      const diff = x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), scale);
      if (diff > worst) {
        worst = diff;
        where = `${diff.toExponential(2)} relative at ${path} (${x} vs ${y})`;
      }
      return;
    }
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      const sideScale = typeof x.min === 'number' && typeof x.max === 'number' ? Math.max(Math.abs(x.min), Math.abs(x.max)) : 0;
      for (const key of Object.keys(x)) {
        if (key !== 'engine') walk(x[key], y[key], Array.isArray(x) ? `${path}[${key}]` : `${path}.${key}`, key === 'mean' ? sideScale : 0);
      }
    }
  };
  walk(a.columns, b.columns, 'columns');
  return { worst, text: worst === 0 ? 'the last bit (every number equal)' : where };
}

// ------------------------------------------------------------------------------------------
// Part 2: a Parquet pair bigger than memory, on DuckDB.

async function bigParquet(bigRows) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const bigDir = join(tmpdir(), `gradient-bench-parquet-${bigRows}`);
  const files = { reference: join(bigDir, 'reference.parquet'), current: join(bigDir, 'current.parquet') };
  const done = join(bigDir, 'complete');
  console.log('');
  if (!existsSync(done)) {
    rmSync(bigDir, { recursive: true, force: true });
    mkdirSync(bigDir, { recursive: true });
    const started = performance.now();
    console.log(`bench: DuckDB writes 2 x ${bigRows.toLocaleString('en-US')} rows x 10 columns of Parquet to ${bigDir} (once)...`);
    const instance = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', temp_directory: join(bigDir, 'spill') });
    const connection = await instance.connect();
    for (const [side, path] of Object.entries(files)) {
      const shifted = side === 'current';
      // Normal draws from two uniforms (Box-Muller). Three columns keep full precision, a distinct
      // value per row: the worst case for exact statistics (one row per value in every sort). The
      // others hold what logs hold: cents, counts, codes, a few decimals, 1% missing.
      const z = (k) => `sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) /* ${k} */`;
      await connection.run(`SELECT setseed(${shifted ? 0.25 : 0.5})`);
      await connection.run(`COPY (
        SELECT
          50 + ${shifted ? '1 + ' : ''}10 * ${z(0)} AS latency_ms,
          exp(${shifted ? 1.3 : 1} * ${z(1)}) AS score,
          floor(10 * random()) AS items,
          round(${z(3)} * 10) / 10 AS temperature,
          ${z(4)} AS embedding_0,
          round(100 * random(), 2) AS price,
          floor(${shifted ? 'pow(random(), 1.5)' : 'random()'} * 1000) AS sessions,
          round(${z(7)} * ${z(8)}, 3) AS ratio,
          i % 97 AS region,
          CASE WHEN random() < 0.01 THEN NULL ELSE round(${z(9)}, 4) END AS balance
        FROM range(${bigRows}) AS t(i)
      ) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
    }
    connection.closeSync();
    writeFileSync(done, '');
    console.log(`bench: Parquet written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const bytes = statSync(files.reference).size + statSync(files.current).size;
  const out = join(bigDir, 'gradient.json');
  const big = measure(process.execPath, [cli, 'drift', files.reference, files.current, '--engine', 'duckdb', '--format', 'json', '--out', out, '--fail-on', 'never'], { GRADIENT_REPORT_RSS: '1' });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const rawGiB = (2 * bigRows * 10 * 8) / 2 ** 30;
  console.log(`files: 2 x ${bigRows.toLocaleString('en-US')} rows x 10 columns of Parquet, ${(bytes / 2 ** 30).toFixed(1)} GiB on disk, ${rawGiB.toFixed(1)} GiB as float64 columns`);
  console.log(
    `gradient drift --engine duckdb: ${big.wall.toFixed(0)} s wall, ${big.cpu.toFixed(0)} s CPU, peak RSS ${big.rssMiB.toFixed(0)} MiB ` +
      `(goal < 1024 MiB: ${big.rssMiB < 1024 ? 'met' : 'MISSED'}); ${report.summary.verdict}`,
  );
  console.log(
    `pandas + scipy: not run. pandas reads Parquet only through pyarrow or fastparquet, which Debian does not package (and this machine reaches only npm and Debian); ` +
      `read, the two files are ${rawGiB.toFixed(1)} GiB of float64 columns before scipy's sorted copies, against ${(Number(readFileSync('/proc/meminfo', 'utf8').match(/MemTotal:\s+(\d+)/)[1]) / 2 ** 20).toFixed(0)} GiB of memory here.`,
  );
}
