/**
 * Writes the fuzz tier's pandas fixtures: small CSV / TSV and JSON Lines files from the fuzz
 * generators (seed 20261202), each one that loads as a table, into test/fixtures/fuzz/, with
 * manifest.json naming each file's generator delimiter. test/golden/make_fuzz_pandas.py reads
 * them with pandas, and test/unit/data-fuzz-golden.test.ts compares loadTable with pandas.
 *
 *   node --import tsx test/fuzz/makeFixtures.ts
 *
 * Parquet is left out: Debian's pandas has no Parquet engine (python3-pyarrow is not packaged).
 * Files holding a NUL byte are left out too: pandas' C parser ends a field at NUL.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCsv } from './generateCsv';
import { generateJsonl } from './generateJsonl';
import type { SizeProfile } from './generatedFile';
import { Random, caseSeed } from './random';

const SEED = 20261202;
const DIR = resolve(__dirname, '../fixtures/fuzz');
const PROFILE: SizeProfile = { maxColumns: 12, maxCells: 1500, maxField: 300, maxBytes: 30_000 };
const WANTED = { csv: 32, jsonl: 16 } as const;
const MAX_FILE_BYTES = 24_000;

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
const manifest: Record<string, { format: 'csv' | 'jsonl'; delimiter?: string; features: readonly string[] }> = {};
let total = 0;
for (const format of ['csv', 'jsonl'] as const) {
  let made = 0;
  for (let index = 0; made < WANTED[format] && index < 10_000; index++) {
    const random = new Random(caseSeed(SEED, format, index));
    const file = format === 'csv' ? generateCsv(random, PROFILE) : generateJsonl(random, PROFILE);
    if (file.expect.type !== 'table' || file.bytes.length > MAX_FILE_BYTES || file.bytes.includes(0)) continue;
    const name = `${format}-${String(index).padStart(4, '0')}${file.ext.toLowerCase()}`;
    writeFileSync(join(DIR, name), file.bytes);
    const delimiter = format === 'csv' ? (/delimiter ("[^"]*")/.exec(file.features.join(' '))?.[1] ?? '","') : undefined;
    manifest[name] = { format, ...(delimiter ? { delimiter: JSON.parse(delimiter) as string } : {}), features: file.features };
    total += file.bytes.length;
    made++;
  }
}
writeFileSync(join(DIR, 'manifest.json'), `${JSON.stringify({ seed: SEED, command: 'node --import tsx test/fuzz/makeFixtures.ts', files: manifest }, null, 1)}\n`);
console.log(`${readdirSync(DIR).length - 1} files, ${total.toLocaleString('en-US')} bytes in ${DIR}`);
