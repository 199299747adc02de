import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildCatalog } from '../../src/core/patterns/buildCatalog';
import { parsePatternFile, PatternFormatError } from '../../src/core/patterns/parsePatternFile';
import { parsePlaceholders, renderDefaults, withDefaults } from '../../src/core/patterns/snippetSyntax';
import { vscodeSnippetFile } from '../../src/core/patterns/vscodeSnippets';
import { REVIEW_RULES } from '../../src/core/review/index';

const sample = readFileSync(join(__dirname, '../fixtures/patterns/sample.md'), 'utf8');

test('parsePatternFile reads front matter, constraint notes, checklist and headed snippets only', () => {
  const file = parsePatternFile('sample.md', sample);
  assert.equal(file.title, 'Sample serving patterns');
  assert.deepEqual(file.stages, ['E']);
  assert.equal(file.constraintNotes.latency, 'P99 first; the budget drops to 100 ms.');
  assert.deepEqual(file.checklist, [
    { id: 'input-schema-validated', text: 'Input schema validated', constraints: [], evidence: [], line: 15 },
    { id: 'p99', text: 'P99 under budget', constraints: ['latency'], evidence: [{ kind: 'tests', snippets: ['sample-p99'] }], line: 16 },
    {
      id: 'fallback-tested',
      text: 'Fallback tested',
      constraints: ['reliability', 'latency'],
      evidence: [{ kind: 'tests', snippets: ['sample-fallback'] }, { kind: 'config', config: 'rollback' }, { kind: 'baseline' }, { kind: 'file', globs: ['docs/*.md', 'x.md'] }],
      line: 17,
    },
  ]);
  assert.deepEqual(file.snippets.map((s) => s.id), ['sample-fallback', 'sample-p99']);
  const p99 = file.snippets[1];
  assert.equal(p99.language, 'python');
  assert.equal(p99.target, 'tests/test_serving.py');
  assert.deepEqual(p99.constraints, ['latency']);
  assert.deepEqual(p99.defaultsByConstraint, { latency: { '1': '100' } });
  assert.equal(p99.body, '# gradient: sample-p99\nLATENCY_BUDGET_MS = ${1:200}\nN_REQUESTS: int = ${2:1000}\nprice = "\\$5"\n');
  assert.deepEqual(p99.placeholders, [
    { index: 1, default: '200', name: 'LATENCY_BUDGET_MS' },
    { index: 2, default: '1000', name: 'N_REQUESTS' },
  ]);
  assert.deepEqual(p99.source, { file: 'sample.md', line: 34 });
  assert.deepEqual(file.sections, [
    { title: 'How the constraint shapes this stage', line: 8 },
    { title: 'Checklist', line: 14 },
  ]);
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
    '# gradient: sample-p99',
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

test('checklist evidence errors name the pattern file and line', () => {
  const withEvidence = (comment: string) => sample.replace('- [ ] P99 under budget <!-- latency; id: p99; evidence: tests(sample-p99) -->', `- [ ] P99 under budget <!-- ${comment} -->`);
  const cases: [string, RegExp][] = [
    ['latency; evidence: config(drift)', /^patterns\/sample\.md:16: evidence config\(drift\) must name one config kind: drift-monitoring, cusum/],
    ['latency; evidence: coverage(90)', /^patterns\/sample\.md:16: unknown evidence "coverage"/],
    ['latency; id: P99 Budget', /^patterns\/sample\.md:16: checklist id "P99 Budget" must be kebab-case/],
    ['latency; owner: me', /^patterns\/sample\.md:16: unknown checklist key "owner"/],
    ['latency; id: fallback-tested', /^patterns\/sample\.md:17: checklist id "fallback-tested" is also used on line 16/],
  ];
  for (const [comment, expected] of cases) {
    assert.throws(() => parsePatternFile('sample.md', withEvidence(comment)), (error: unknown) => error instanceof PatternFormatError && expected.test(error.message), comment);
  }
  const unknownSnippet = withEvidence('latency; id: p99; evidence: tests(sample-p99, no-such-snippet)');
  assert.throws(() => buildCatalog([{ name: 'sample.md', text: unknownSnippet }]), {
    message: 'patterns/sample.md:16: checklist item "p99" names unknown snippet "no-such-snippet" in tests(...)',
  });
});

test('every checklist item of the real pattern files has an id and names its evidence', () => {
  const dir = join(__dirname, '../../patterns');
  const files = readdirSync(dir).filter((name) => name.endsWith('.md'));
  const catalog = buildCatalog(files.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
  const items = catalog.patternFiles.flatMap((file) => file.checklist.map((item) => ({ file: file.file, item })));
  assert.equal(items.length, 41);
  for (const { file, item } of items) {
    assert.ok(item.evidence.length > 0, `${file}:${item.line} ${item.id} names no evidence`);
    assert.ok(readFileSync(join(dir, file), 'utf8').split('\n')[item.line - 1].includes(`id: ${item.id};`), `${file}:${item.line} declares id ${item.id}`);
  }
  const psi = items.find((entry) => entry.file === 'mlops.md' && entry.item.id === 'psi-monitoring')!.item;
  assert.deepEqual(psi.evidence, [
    { kind: 'config', config: 'drift-monitoring' },
    { kind: 'rules', rules: ['alert-not-below-rollback', 'rollback-psi-differs-from-monitor'] },
    { kind: 'tests', snippets: ['mlops-psi-check'] },
  ]);
});

test("every review rule links to a heading of its pattern file (the diagnostic's code link lands there) and to a snippet of that file", () => {
  const dir = join(__dirname, '../../patterns');
  const catalog = buildCatalog(readdirSync(dir).filter((name) => name.endsWith('.md')).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
  for (const rule of REVIEW_RULES) {
    const file = catalog.patternFiles.find((candidate) => candidate.file === rule.pattern.file);
    assert.ok(file, `${rule.id}: patterns/${rule.pattern.file} exists`);
    const section = file.sections.find((candidate) => candidate.title === rule.pattern.section);
    assert.ok(section, `${rule.id}: "## ${rule.pattern.section}" is a heading of ${rule.pattern.file}`);
    assert.equal(readFileSync(join(dir, file.file), 'utf8').split('\n')[section.line - 1], `## ${rule.pattern.section}`);
    assert.ok(file.snippets.some((snippet) => snippet.id === rule.pattern.snippet), `${rule.id}: ${rule.pattern.snippet} is a snippet of ${rule.pattern.file}`);
  }
});
