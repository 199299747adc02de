import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, type CliIo } from '../../src/cli';
import { buildCatalog } from '../../src/core/patterns/buildCatalog';
import {
  assessReadiness,
  caseTarget,
  confidenceScore,
  CONSISTENCY_RULES,
  memoryWorkspaceReader,
  nodeWorkspaceReader,
  parseJUnit,
  pythonTests,
  snippetConstants,
  type ReadinessReport,
} from '../../src/core/readiness/index';

const repo = join(__dirname, '../..');
const patterns = join(repo, 'patterns');
const catalog = buildCatalog(readdirSync(patterns).filter((n) => n.endsWith('.md')).map((name) => ({ name, text: readFileSync(join(patterns, name), 'utf8') })));
const junitXml = readFileSync(join(__dirname, '../fixtures/readiness/junit.xml'), 'utf8');

test('parseJUnit reads pytest outcomes, decodes entities and maps classnames to files', () => {
  const run = parseJUnit(junitXml, 'junit.xml');
  assert.deepEqual(run.cases.map((c) => [c.name, c.outcome]), [
    ['test_model_unavailable_fallback', 'passed'],
    ['test_model_timeout_fallback', 'failed'],
    ['test_hanging_model_answered_within_budget[fast]', 'passed'],
  ]);
  assert.equal(run.cases[1].message, 'AssertionError: assert False is True');
  assert.deepEqual(caseTarget(run.cases[2]), { modulePath: 'tests/test_serving.py', className: null, functionName: 'test_hanging_model_answered_within_budget' });
  assert.deepEqual(caseTarget({ classname: 'tests.test_m.TestX', name: 'test_y', file: null, outcome: 'passed', message: null }), { modulePath: 'tests/test_m.py', className: 'TestX', functionName: 'test_y' });
  assert.throws(() => parseJUnit('<html/>', 'page.html'), /page\.html is not JUnit XML/);
});

test('pythonTests assigns tests to the marker above them; snippetConstants reads NAME = number', () => {
  const text = 'def test_own():\n    pass\n# gradient: serving-fallback\nLATENCY_BUDGET_MS = 150  # ms\nX: float = 1e-3\nY = 2 * 3\nclass TestA:\n    def test_b(self):\n        pass\n# gradient: serving-p99-latency\ndef test_p99():\n    pass\n';
  assert.deepEqual(pythonTests('tests/t.py', text).map((t) => [t.id, t.snippet, t.line]), [
    ['tests/t.py::test_own', null, 1],
    ['tests/t.py::TestA::test_b', 'serving-fallback', 8],
    ['tests/t.py::test_p99', 'serving-p99-latency', 11],
  ]);
  const constants = snippetConstants(text, 'serving-fallback')!;
  assert.deepEqual([...constants.values()].map((c) => [c.name, c.value, c.line, c.startColumn]), [['LATENCY_BUDGET_MS', 150, 4, 20], ['X', 0.001, 5, 11]]);
  assert.equal(snippetConstants(text, 'mlops-cusum-check'), undefined);
});

test('snippetConstants: a name another snippet binds again further down the file has the later value, as Python runs the tests', () => {
  // Found by the labelled workspaces of `npm run verdicts -- --only readiness`: serving-fallback rebinds LATENCY_BUDGET_MS.
  const text = '# gradient: serving-p99-latency\nLATENCY_BUDGET_MS = 150\nN_REQUESTS = 1000\ndef test_p99():\n    pass\n# gradient: serving-fallback\nLATENCY_BUDGET_MS = 200\ndef test_fallback():\n    pass\n';
  const p99 = snippetConstants(text, 'serving-p99-latency')!;
  assert.deepEqual([...p99.values()].map((c) => [c.name, c.value, c.line]), [['LATENCY_BUDGET_MS', 200, 7], ['N_REQUESTS', 1000, 3]]);
  // Without the fallback's marker its line is in the P99 region: the same answer, not a different one.
  assert.deepEqual(snippetConstants(text.replace('# gradient: serving-fallback\n', ''), 'serving-p99-latency')!.get('LATENCY_BUDGET_MS')?.value, 200);
  assert.equal(snippetConstants(text, 'serving-fallback')!.get('LATENCY_BUDGET_MS')?.line, 7);
});

test('every consistency rule is named by a checklist item (rules(...)), so each finding reaches a readiness answer', () => {
  const named = new Set(catalog.patternFiles.flatMap((f) => f.checklist.flatMap((i) => i.evidence.flatMap((e) => (e.kind === 'rules' ? e.rules : [])))));
  assert.deepEqual([...CONSISTENCY_RULES].filter((rule) => !named.has(rule)), []);
});

test('confidence: the constraint counts double, not-applicable items do not count', () => {
  const items = [
    { state: 'pass' as const, constraints: ['latency' as const] },
    { state: 'fail' as const, constraints: [] },
    { state: 'not-applicable' as const, constraints: [] },
  ];
  assert.equal(confidenceScore(items, 'latency'), 0.667);
  assert.equal(confidenceScore(items, null), 0.5);
  assert.equal(confidenceScore([], null), 1);
});

async function examplesReport(root: string, junit?: string): Promise<ReadinessReport> {
  return assessReadiness(nodeWorkspaceReader(root), { stage: 'all', constraint: 'reliability', junit: junit ? [{ source: 'junit.xml', xml: junit }] : [] }, catalog, root);
}

const item = (report: ReadinessReport, id: string) => report.items.find((i) => i.id === id)!;

test('examples/: the rollback PSI inconsistency fails its items; the model beats its baseline with both numbers', async () => {
  const report = await examplesReport(join(repo, 'examples'), junitXml);
  assert.equal(report.status, 'not-ready');
  assert.deepEqual(report.configs.findings.map((f) => f.rule), ['rollback-psi-differs-from-monitor']);
  assert.equal(item(report, 'mlops/psi-monitoring').state, 'fail');
  assert.equal(item(report, 'mlops/automatic-rollback').state, 'fail');
  // The rollback config itself is valid: what it says about notifications holds, whatever its PSI.
  assert.equal(item(report, 'mlops/rollback-notifies').state, 'pass');
  assert.equal(item(report, 'mlops/model-version-recorded').state, 'pass');
  const beats = item(report, 'model-training/beats-baseline');
  assert.equal(beats.evidence.filter((e) => e.kind === 'value').map((e) => e.text).join('; '), 'model test roc_auc 0.772; baseline test roc_auc 0.5');
  // The evaluation test is not in examples/, so its half of the item is missing.
  assert.equal(beats.state, 'missing');
  const fallback = item(report, 'model-serving/fallback-tested');
  assert.equal(fallback.state, 'fail');
  assert.match(fallback.reason, /^1 of 3 tests from serving-fallback failed in the last run: test_model_timeout_fallback \(AssertionError: assert False is True\)$/);
  assert.equal(item(report, 'data-pipeline/schema-pinned').action?.kind, 'insert-snippet');
  // reliability first within each pattern file
  const mlops = report.items.filter((i) => i.patternFile === 'mlops.md').map((i) => i.constraints.includes('reliability'));
  assert.deepEqual(mlops, [true, true, true, true, true, false, false]);
});

test('a test file with Windows line endings (CRLF) is read like one with LF: its snippets pass, its constants are compared', async () => {
  // Found by the labelled workspaces of `npm run verdicts -- --only readiness`: a CRLF file read as unmarked.
  const serving = readFileSync(join(repo, 'examples/tests/test_serving.py'), 'utf8').replace(/\n/g, '\r\n');
  const rollback = readFileSync(join(repo, 'examples/configs/deploy/rollback.yaml'), 'utf8').replace('latency_budget_ms: 200', 'latency_budget_ms: 150');
  const passing = junitXml.replace('<failure message="AssertionError: assert False is True">trace &lt;here&gt;</failure>', '');
  const report = await assessReadiness(
    memoryWorkspaceReader({ 'tests/test_serving.py': serving, 'configs/deploy/rollback.yaml': rollback }),
    { stage: 'E', constraint: null, junit: [{ source: 'junit.xml', xml: passing }] },
    catalog,
  );
  const fallback = item(report, 'model-serving/fallback-tested');
  assert.equal(fallback.state, 'pass');
  assert.match(fallback.reason, /^all 3 tests from serving-fallback passed/);
  const p99 = item(report, 'model-serving/p99-latency');
  assert.equal(p99.state, 'fail');
  assert.match(p99.reason, /latency_budget_ms is 150 in configs\/deploy\/rollback\.yaml, but the P99 latency test's LATENCY_BUDGET_MS is 200/);
});

test('the CLI reads a file with a UTF-8 byte-order mark as the editor does: the marker on its first line still counts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradient-bom-'));
  try {
    const serving = readFileSync(join(repo, 'examples/tests/test_serving.py'), 'utf8');
    const fallback = serving.slice(serving.indexOf('# gradient: serving-fallback'));
    mkdirSync(join(dir, 'tests'));
    writeFileSync(join(dir, 'tests/test_serving.py'), `\uFEFF${fallback}`);
    const reader = nodeWorkspaceReader(dir);
    assert.equal((await reader.readText('tests/test_serving.py'))?.startsWith('# gradient: serving-fallback'), true);
    const passing = junitXml.replace('<failure message="AssertionError: assert False is True">trace &lt;here&gt;</failure>', '');
    const report = await assessReadiness(reader, { stage: 'E', constraint: null, junit: [{ source: 'junit.xml', xml: passing }] }, catalog, dir);
    assert.equal(item(report, 'model-serving/fallback-tested').state, 'pass');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stderrIsTty: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

test('gradient readiness examples: exit 1 with the finding; after setting the rollback PSI to 0.25, exit 0: nothing fails, the drift checks are still missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradient-readiness-'));
  try {
    cpSync(join(repo, 'examples'), dir, { recursive: true, filter: (src) => !/__pycache__|\.pytest_cache/.test(src) });
    const junit = join(dir, 'junit.xml');
    writeFileSync(junit, junitXml.replace('<failure message="AssertionError: assert False is True">trace &lt;here&gt;</failure>', ''));
    const before = capture();
    assert.equal(await runCli(['readiness', dir, '--stage', 'F', '--junit', junit], before), 1);
    assert.match(before.out, /^GRADIENT readiness: .* \(stage F \(Production monitoring \/ MLOps\), constraint none\)\nNot ready: 2 of 7 items fail, 1 has no evidence yet\. Confidence 0\.57\./);
    assert.match(before.out, /configs\/deploy\/rollback\.yaml:10:10 error \[rollback-psi-differs-from-monitor\]/);
    const json = capture();
    assert.equal(await runCli(['readiness', dir, '--stage', 'F', '--format', 'json'], json), 1);
    const parsed = JSON.parse(json.out) as ReadinessReport;
    assert.equal(parsed.status, 'not-ready');
    assert.equal(parsed.configs.findings[0].fix?.newText, '0.25');

    const rollback = join(dir, 'configs/deploy/rollback.yaml');
    writeFileSync(rollback, readFileSync(rollback, 'utf8').replace('psi: 0.3 ', 'psi: 0.25'));
    const after = capture();
    assert.equal(await runCli(['readiness', dir, '--stage', 'F', '--junit', junit, '--not-applicable', 'mlops/cusum-concept-drift'], after), 0);
    assert.match(after.out, /\nIncomplete: nothing fails, but 1 of 6 items has no evidence yet\. Confidence 0\.83\./);
    assert.match(after.out, /MISSING mlops\/psi-monitoring: .*\n .*snippet mlops-psi-check is not in the workspace/);
    assert.match(after.out, /N\/A {5}mlops\/cusum-concept-drift/);
    assert.doesNotMatch(after.out, /error \[rollback-psi-differs-from-monitor\]/);
    const afterAll = capture();
    assert.equal(await runCli(['readiness', dir, '--format', 'json'], afterAll), 0);
    assert.equal((JSON.parse(afterAll.out) as ReadinessReport).status, 'incomplete');
    assert.equal(await runCli(['readiness', dir, '--fail-on', 'missing'], capture()), 1);

    const bad = capture();
    assert.equal(await runCli(['readiness', dir, '--stage', 'H'], bad), 2);
    assert.equal(bad.err, 'gradient: --stage must be one of A, B, C, D, E, F, G or all, not "H"\n');
    const badJunit = capture();
    writeFileSync(join(dir, 'bad.xml'), '<html></html>');
    assert.equal(await runCli(['readiness', dir, '--junit', join(dir, 'bad.xml')], badJunit), 2);
    assert.match(badJunit.err, /bad\.xml is not JUnit XML/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
