/**
 * Case N of seed S: which format, generated or taken from a committed fixture, mutated or not.
 * Everything is drawn from `caseSeed(S, 'case', N)`, so a case is the same bytes on every machine
 * and whether it runs alone (`npm run fuzz -- --seed S --case N`) or among thousands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { UNKNOWN } from './expectation';
import { generateCsv } from './generateCsv';
import type { FuzzFormat, GeneratedFile, SizeProfile } from './generatedFile';
import { generateJsonl } from './generateJsonl';
import { generateParquet } from './generateParquet';
import { mutate } from './mutate';
import { Random, caseSeed } from './random';

export interface FuzzCase {
  readonly index: number;
  readonly file: GeneratedFile;
  /** Where the bytes come from: `generated csv`, `fixture data/quoting.csv`, plus mutations. */
  readonly origin: string;
  readonly mutated: boolean;
}

const FIXTURE_DIRS = ['test/fixtures/data', 'test/fixtures/cli'];
const DATA_EXTENSIONS: Record<string, FuzzFormat> = { '.csv': 'csv', '.tsv': 'csv', '.tab': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.parquet': 'parquet', '.pq': 'parquet' };

export interface Fixture {
  readonly name: string;
  readonly ext: string;
  readonly format: FuzzFormat;
  readonly bytes: Uint8Array;
}

/** The committed data fixtures the mutators start from (empty ones left out). */
export function loadFixtures(root: string): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const dir of FIXTURE_DIRS) {
    for (const name of readdirSync(resolve(root, dir)).sort()) {
      const ext = extname(name).toLowerCase();
      const format = DATA_EXTENSIONS[ext];
      if (!format) continue;
      const bytes = new Uint8Array(readFileSync(join(root, dir, name)));
      if (bytes.length > 0) fixtures.push({ name: `${dir.replace('test/fixtures/', '')}/${name}`, ext, format, bytes });
    }
  }
  return fixtures;
}

export function generate(format: FuzzFormat, random: Random, profile: SizeProfile): GeneratedFile {
  switch (format) {
    case 'csv':
      return generateCsv(random, profile);
    case 'jsonl':
      return generateJsonl(random, profile);
    case 'parquet':
      return generateParquet(random, profile);
  }
}

const OTHER_EXTENSIONS = ['.csv', '.tsv', '.jsonl', '.parquet'] as const;

/** Case `index` of run `seed`. */
export function makeCase(seed: number, index: number, profile: SizeProfile, fixtures: readonly Fixture[]): FuzzCase {
  const random = new Random(caseSeed(seed, 'case', index));
  const fromFixture = fixtures.length > 0 && random.chance(0.15);
  let file: GeneratedFile;
  let origin: string;
  if (fromFixture) {
    const fixture = random.pick(fixtures);
    file = { format: fixture.format, ext: fixture.ext, bytes: fixture.bytes, expect: UNKNOWN, features: [], names: [], numericNames: [] };
    origin = `fixture ${fixture.name}`;
  } else {
    const format = random.weighted<FuzzFormat>([['csv', 50], ['jsonl', 25], ['parquet', 25]]);
    file = generate(format, random.fork(), profile);
    origin = `generated ${format}`;
  }
  const mutated = fromFixture ? random.chance(0.9) : random.chance(0.3);
  if (mutated) {
    const other = random.chance(0.5) && fixtures.length > 0 ? random.pick(fixtures).bytes : file.bytes;
    const mutation = mutate(random.fork(), file.bytes, file.format === 'parquet', other);
    const ext = random.chance(0.05) ? random.pick(OTHER_EXTENSIONS) : file.ext;
    file = { ...file, ext, bytes: mutation.bytes, expect: UNKNOWN, features: [...file.features, `mutated: ${mutation.description}${ext !== file.ext ? `, named ${ext}` : ''}`] };
    origin += ', mutated';
  }
  return { index, file, origin, mutated };
}
