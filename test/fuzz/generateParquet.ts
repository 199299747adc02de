/**
 * Random Parquet files, written with hyparquet-writer (pandas cannot write Parquet here: no
 * pyarrow), and what they must load as.
 *
 * Covers: DOUBLE (NaN, +-Infinity, -0, subnormals, the largest double), FLOAT, INT32 and INT64
 * at their extremes, strings (Unicode, empty, invalid UTF-8), booleans, nulls, timestamps
 * (TIMESTAMP_MILLIS, TIMESTAMP(MICROS / NANOS), DATE) including the Long.MAX_VALUE sentinel and
 * values past the range of a JavaScript Date, TIME, list columns, odd column names, zero rows,
 * many row groups and pages, the four codecs GRADIENT is tested with.
 */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { warningKey, type ExpectedCell, type ExpectedColumn, type Expectation } from './expectation';
import type { GeneratedFile, SizeProfile } from './generatedFile';
import type { Random } from './random';

/** A schema element as hyparquet-writer types it (it bundles its own hyparquet). */
type SchemaElement = NonNullable<Parameters<typeof parquetWrite>[0]['schema']>[number];

type ParquetKind = 'double' | 'float' | 'int32' | 'int64' | 'string' | 'bool' | 'millis' | 'micros' | 'nanos' | 'date' | 'time' | 'list';

/** The largest |milliseconds| a JavaScript Date holds (ECMA-262 21.4.1.1). */
const MAX_DATE_MS = 8.64e15;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

const DOUBLES = [NaN, Infinity, -Infinity, -0, 0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, 0.1, 1e21] as const;
const STRINGS = ['red', 'green', '', 'NA', 'café', '😀', 'nai\u0308ve', '\x1b[31m', '\x85', 'a\u202Eb', 'line\nbreak', '\u0000nul'] as const;
const INSTANT_EDGES = [INT64_MAX, INT64_MIN, 0n, -1n, 1n, 8_640_000_000_000_000n, 8_640_000_000_000_001n, -8_640_000_000_000_001n, 253_402_300_799_999n] as const;

const codecs = {
  UNCOMPRESSED: {},
  SNAPPY: {},
  GZIP: { GZIP: (input: Uint8Array) => new Uint8Array(gzipSync(input)) },
  BROTLI: { BROTLI: (input: Uint8Array) => new Uint8Array(brotliCompressSync(input)) },
} as const;

function element(name: string, kind: ParquetKind): SchemaElement[] {
  const optional = { name, repetition_type: 'OPTIONAL' } as const;
  switch (kind) {
    case 'double':
      return [{ ...optional, type: 'DOUBLE' }];
    case 'float':
      return [{ ...optional, type: 'FLOAT' }];
    case 'int32':
      return [{ ...optional, type: 'INT32' }];
    case 'int64':
      return [{ ...optional, type: 'INT64' }];
    case 'string':
      return [{ ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } }];
    case 'bool':
      return [{ ...optional, type: 'BOOLEAN' }];
    case 'millis':
      return [{ ...optional, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS' }];
    case 'micros':
      return [{ ...optional, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } }];
    case 'nanos':
      return [{ ...optional, type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'NANOS' } }];
    case 'date':
      return [{ ...optional, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } }];
    case 'time':
      return [{ ...optional, type: 'INT32', converted_type: 'TIME_MILLIS', logical_type: { type: 'TIME', isAdjustedToUTC: true, unit: 'MILLIS' } }];
    case 'list':
      return [
        { name, repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
      ];
  }
}

/** One value of a column, and the cell it must load as (`undefined`: not predicted). */
function draw(random: Random, kind: ParquetKind, extremes: boolean): { value: unknown; cell: ExpectedCell; nonFinite?: boolean } {
  if (random.chance(0.08)) return { value: null, cell: null };
  switch (kind) {
    case 'double': {
      const v = random.chance(0.3) ? random.pick(DOUBLES) : (random.float() - 0.5) * 10 ** random.int(-8, 8);
      return Number.isNaN(v) ? { value: v, cell: null } : Number.isFinite(v) ? { value: v, cell: v } : { value: v, cell: null, nonFinite: true };
    }
    case 'float': {
      const v = random.chance(0.1) ? random.pick([Infinity, NaN, -0, 3.4028234663852886e38]) : Math.fround((random.float() - 0.5) * 1000);
      return Number.isNaN(v) ? { value: v, cell: null } : Number.isFinite(v) ? { value: v, cell: Math.fround(v) } : { value: v, cell: null, nonFinite: true };
    }
    case 'int32': {
      const v = random.chance(0.1) ? random.pick([2147483647, -2147483648, 0, -1]) : random.int(-1e6, 1e6);
      return { value: v, cell: v };
    }
    case 'int64': {
      const v = random.chance(0.2) ? random.pick([INT64_MAX, INT64_MIN, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 0n]) : BigInt(random.int(-1e9, 1e9));
      return { value: v, cell: Number(v) };
    }
    case 'string': {
      const v = random.chance(0.5) ? random.pick(STRINGS) : `s${random.int(0, 30)}`;
      return { value: v, cell: v };
    }
    case 'bool': {
      const v = random.chance(0.5);
      return { value: v, cell: String(v) };
    }
    case 'millis':
    case 'micros':
    case 'nanos': {
      const per = kind === 'millis' ? 1n : kind === 'micros' ? 1000n : 1_000_000n;
      const v = extremes && random.chance(0.3) ? random.pick(INSTANT_EDGES) : BigInt(random.int(-2e12, 4e12)) * per + BigInt(random.int(0, Number(per) - 1));
      const ms = Number(v / per);
      return { value: v, cell: Math.abs(ms) <= MAX_DATE_MS ? ms : undefined };
    }
    case 'date': {
      const days = extremes && random.chance(0.3) ? random.pick([2147483647, -2147483648, 100_000_000, 100_000_001, -100_000_001]) : random.int(-30000, 60000);
      const ms = days * 86_400_000;
      return { value: days, cell: Math.abs(ms) <= MAX_DATE_MS ? ms : undefined };
    }
    case 'time': {
      const v = random.int(0, 86_399_999);
      return { value: v, cell: v };
    }
    case 'list':
      return { value: random.chance(0.5) ? [] : [random.int(0, 9), null], cell: undefined };
  }
}

/**
 * One random Parquet file.
 *
 * @example
 * generateParquet(new Random(1), { maxColumns: 50, maxCells: 20_000, maxField: 10_000 }).ext // '.parquet'
 */
export function generateParquet(random: Random, profile: SizeProfile): GeneratedFile {
  const features: string[] = [];
  const columns = Math.min(profile.maxColumns, random.weighted<number>([[random.int(1, 6), 70], [random.int(7, 40), 25], [random.size(41, 500), 5]]));
  const rows = Math.min(Math.floor(profile.maxCells / columns), random.weighted<number>([[0, 4], [random.int(1, 30), 46], [random.int(31, 1000), 35], [random.size(1001, 30_000), 15]]));
  const extremes = random.chance(0.25);
  const codec = random.pick(Object.keys(codecs) as Array<keyof typeof codecs>);
  let rowGroupSize = Math.max(1, random.chance(0.5) ? rows : random.int(1, Math.max(1, rows)));
  let pageSize = random.pick([64, 1024, 65536, 1 << 20]);
  if (codec === 'BROTLI') {
    // hyparquet-compressors' pure-JavaScript Brotli allocates the writer's whole window (4 MB for
    // node's default lgwin 22) on every call: 3 ms per page whatever its size (seed 20261201 case
    // 235 of the bounded run: 77 row groups of 13 rows, 15 columns, 178 KB read in 2.5 s). A cost
    // per page, reported, not a parser defect: Brotli files here have few pages.
    rowGroupSize = Math.max(rowGroupSize, Math.ceil(rows / 4));
    pageSize = Math.max(pageSize, 65536);
  }
  features.push(`${columns} col`, `${rows} rows`, codec, `row groups of ${rowGroupSize}`, `pages ${pageSize} B`);
  if (extremes) features.push('extreme instants');

  const kinds: ParquetKind[] = [];
  const names: string[] = [];
  for (let c = 0; c < columns; c++) {
    kinds.push(random.weighted<ParquetKind>([['double', 10], ['float', 3], ['int32', 5], ['int64', 5], ['string', 8], ['bool', 3], ['millis', 3], ['micros', 2], ['nanos', 2], ['date', 2], ['time', 1], ['list', 1]]));
    // hyparquet-writer matches data to the schema by name, so names are unique here.
    const name = random.chance(0.9) ? `c${c}` : random.pick(['', '名前', 'a b', 'x', 'esc\x1b[1m', 'value']);
    names.push(names.includes(name) ? `${name}_${c}` : name);
  }
  let invalidUtf8 = false;
  const columnData = kinds.map((kind, c) => {
    const values: unknown[] = [];
    const cells: ExpectedCell[] = [];
    let nonFinite = 0;
    for (let r = 0; r < rows; r++) {
      const { value, cell, nonFinite: inf } = draw(random, kind, extremes);
      if (kind === 'string' && random.chance(0.01)) {
        values.push(Uint8Array.of(0x61, random.pick([0xff, 0xc3, 0x80])));
        cells.push(undefined);
        invalidUtf8 = true;
        continue;
      }
      values.push(value);
      cells.push(cell);
      if (inf) nonFinite++;
    }
    return { kind, name: names[c], values, cells, nonFinite };
  });
  if (invalidUtf8) features.push('invalid UTF-8');
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns }, ...columnData.flatMap((c) => element(c.name, c.kind))];
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    schema,
    codec,
    compressors: codecs[codec],
    rowGroupSize,
    pageSize,
    statistics: !invalidUtf8 && random.chance(0.8),
    columnData: columnData.map((c) => ({ name: c.name, data: c.values as never[] })),
  });
  const bytes = new Uint8Array(writer.getBuffer());

  const warnings: string[] = [];
  let warningsKnown = true;
  const expected: ExpectedColumn[] = [];
  for (const c of columnData) {
    if (c.kind === 'list') {
      warnings.push(warningKey('skipped-column', c.name));
      continue;
    }
    const categorical = c.kind === 'string' || c.kind === 'bool';
    const instant = c.kind === 'millis' || c.kind === 'micros' || c.kind === 'nanos' || c.kind === 'date';
    if (c.cells.some((cell) => cell === undefined) && instant) warningsKnown = false;
    if (c.nonFinite > 0) warnings.push(warningKey('non-finite', c.name));
    expected.push({
      name: c.name,
      kind: categorical ? 'categorical' : 'numeric',
      cells: c.cells,
      ...(categorical ? {} : { nonFinite: c.nonFinite }),
      ...(instant ? { unit: 'epoch-ms' as const } : {}),
    });
  }
  // README / parquetReader: a string that is not UTF-8 is a not-utf8 error naming its row.
  const expect: Expectation = invalidUtf8 ? { type: 'error', code: 'not-utf8' } : { type: 'table', rows, columns: expected, ...(warningsKnown ? { warnings: warnings.sort() } : {}) };
  return { format: 'parquet', ext: random.chance(0.1) ? '.pq' : '.parquet', bytes, expect, features, names, numericNames: names.filter((_, c) => ['double', 'float', 'int32', 'int64'].includes(kinds[c])) };
}
