import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildCatalog } from '../../src/core/patterns/buildCatalog';
import { parsePatternFile, PatternFormatError } from '../../src/core/patterns/parsePatternFile';
import { parsePlaceholders, renderDefaults, withDefaults } from '../../src/core/patterns/snippetSyntax';
import { vscodeSnippetFile } from '../../src/core/patterns/vscodeSnippets';

const sample = readFileSync(join(__dirname, '../fixtures/patterns/sample.md'), 'utf8');

test('parsePatternFile reads front matter, constraint notes, checklist and headed snippets only', () => {
  const file = parsePatternFile('sample.md', sample);
  assert.equal(file.title, 'Sample serving patterns');
  assert.deepEqual(file.stages, ['E']);
  assert.equal(file.constraintNotes.latency, 'P99 first; the budget drops to 100 ms.');
  assert.deepEqual(file.checklist, [
    { text: 'Input schema validated', constraints: [] },
    { text: 'P99 under budget', constraints: ['latency'] },
    { text: 'Fallback tested', constraints: ['reliability', 'latency'] },
  ]);
  assert.deepEqual(file.snippets.map((s) => s.id), ['sample-fallback', 'sample-p99']);
  const p99 = file.snippets[1];
  assert.equal(p99.language, 'python');
  assert.equal(p99.target, 'tests/test_serving.py');
  assert.deepEqual(p99.constraints, ['latency']);
  assert.deepEqual(p99.defaultsByConstraint, { latency: { '1': '100' } });
  assert.equal(p99.body, 'LATENCY_BUDGET_MS = ${1:200}\nN_REQUESTS: int = ${2:1000}\nprice = "\\$5"\n');
  assert.deepEqual(p99.placeholders, [
    { index: 1, default: '200', name: 'LATENCY_BUDGET_MS' },
    { index: 2, default: '1000', name: 'N_REQUESTS' },
  ]);
  assert.deepEqual(p99.source, { file: 'sample.md', line: 34 });
});

test('parsePatternFile reports the file and line of a stray dollar sign', () => {
  const broken = sample.replace('price = "\\$5"', 'price = "$5"');
  assert.throws(() => parsePatternFile('sample.md', broken), (error: unknown) => {
    assert.ok(error instanceof PatternFormatError);
    assert.match(error.message, /^patterns\/sample\.md:\d+: snippet sample-p99: line 3: "\$" at column 10 is not a/);
    return true;
  });
});

test('parsePatternFile rejects unknown stages, constraints, header keys and missing keys', () => {
  assert.throws(() => parsePatternFile('x.md', sample.replace('stages: [E]', 'stages: [E, Z]')), /x\.md:3: unknown stage "Z"/);
  assert.throws(() => parsePatternFile('x.md', sample.replace('# @constraints: latency', '# @constraints: speed')), /unknown constraint "speed"/);
  assert.throws(() => parsePatternFile('x.md', sample.replace('# @target: tests/test_serving.py\n# @defaults', '# @defaults')), /needs "@target:"/);
  assert.throws(() => parsePatternFile('x.md', sample.replace('@defaults.latency: 1=100', '@defaults.latency: 7=100')), /names placeholder 7/);
  assert.throws(() => parsePatternFile('x.md', sample.replace('# @title: Fallback', '# @owner: ml-team\n# @title: Fallback')), /unknown snippet header key "@owner"/);
  assert.throws(() => parsePatternFile('x.md', sample.replace('- **cost** — fewer requests.\n', '')), /- \*\*cost\*\* — /);
});

test('parsePatternFile joins a constraint bullet wrapped onto indented lines', () => {
  const wrapped = sample.replace('- **latency** — P99 first; the budget drops to 100 ms.', '- **latency** — P99 first;\n  the budget drops to 100 ms.');
  assert.equal(parsePatternFile('sample.md', wrapped).constraintNotes.latency, 'P99 first; the budget drops to 100 ms.');
});

test('buildCatalog rejects a snippet id used twice', () => {
  assert.throws(
    () => buildCatalog([{ name: 'a.md', text: sample }, { name: 'b.md', text: sample }]),
    /patterns\/b\.md:\d+: snippet id "sample-fallback" is also used in a\.md:/,
  );
});

test('withDefaults swaps defaults by index and keeps the tab stops; renderDefaults gives plain code', () => {
  const body = 'A = ${1:200}\nB = ${2:x}\nC = "\\$"\n';
  assert.equal(withDefaults(body, { '1': '100' }), 'A = ${1:100}\nB = ${2:x}\nC = "\\$"\n');
  assert.equal(renderDefaults(body), 'A = 200\nB = x\nC = "$"\n');
  assert.deepEqual(parsePlaceholders('key: ${3:0.25}').placeholders, [{ index: 3, default: '0.25', name: 'key' }]);
});

test('vscodeSnippetFile emits gradient-<id> prefixes with the body split into lines', () => {
  const catalog = buildCatalog([{ name: 'sample.md', text: sample }]);
  const file = vscodeSnippetFile(catalog, 'python');
  assert.deepEqual(file['GRADIENT: P99 latency under budget'].prefix, 'gradient-sample-p99');
  assert.deepEqual(file['GRADIENT: P99 latency under budget'].body, [
    'LATENCY_BUDGET_MS = ${1:200}',
    'N_REQUESTS: int = ${2:1000}',
    'price = "\\$5"',
  ]);
  assert.deepEqual(vscodeSnippetFile(catalog, 'yaml'), {});
});

test('the real pattern files parse, cover every stage A-G and give each stage a checklist', () => {
  const dir = join(__dirname, '../../patterns');
  const files = readdirSync(dir).filter((name) => name.endsWith('.md'));
  const catalog = buildCatalog(files.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
  const covered = new Set(catalog.patternFiles.flatMap((file) => file.stages));
  assert.deepEqual([...covered].sort(), ['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  for (const file of catalog.patternFiles) assert.ok(file.snippets.length > 0, `${file.file} has snippets`);
});
