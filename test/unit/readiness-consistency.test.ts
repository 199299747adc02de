import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkConfigs, CONSISTENCY_RULES, memoryWorkspaceReader, type ConfigFinding } from '../../src/core/readiness/index';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/readiness', name), 'utf8');

/** A workspace whose configs and tests agree (the patterns' defaults, examples' values). */
const AGREEING: Record<string, string> = {
  'configs/monitoring/drift.yaml': fixture('drift.yaml'),
  'configs/deploy/rollback.yaml': fixture('rollback.yaml'),
  'configs/deploy/ab_test.yaml': fixture('ab_test.yaml'),
  'models/model_version.yaml': fixture('model_version.yaml'),
  'configs/training/callbacks.yaml': fixture('callbacks.yaml'),
  'tests/test_drift_monitoring.py': fixture('test_drift_monitoring.py'),
  'tests/test_latency.py': fixture('test_latency.py'),
};

async function findingsWith(file: string, from: string | RegExp, to: string): Promise<readonly ConfigFinding[]> {
  const text = AGREEING[file];
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `the fixture ${file} has ${String(from)}`);
  return (await checkConfigs(memoryWorkspaceReader({ ...AGREEING, [file]: changed }))).findings;
}

function only(findings: readonly ConfigFinding[], rule: string): ConfigFinding {
  assert.deepEqual(findings.map((f) => f.rule), [rule]);
  return findings[0];
}

/** Applies a fix to the text: what the editor's quick fix does. */
function applyFix(text: string, finding: ConfigFinding): string {
  const lines = text.split('\n');
  const { range, newText } = finding.fix!;
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column;
  return text.slice(0, offset(range.startLine, range.startColumn)) + newText + text.slice(offset(range.endLine, range.endColumn));
}

test('the agreeing workspace: every config found, valid, no finding (the negative case of every rule)', async () => {
  const check = await checkConfigs(memoryWorkspaceReader(AGREEING));
  assert.deepEqual(check.findings, []);
  assert.deepEqual(
    check.configs.map((c) => `${c.kind} ${c.file} ${c.valid}`),
    [
      'drift-monitoring configs/monitoring/drift.yaml true',
      'cusum configs/monitoring/drift.yaml true',
      'rollback configs/deploy/rollback.yaml true',
      'ab-test configs/deploy/ab_test.yaml true',
      'model-version models/model_version.yaml true',
      'early-stopping configs/training/callbacks.yaml true',
      'checkpointing configs/training/callbacks.yaml true',
    ],
  );
});

test('rollback-psi-differs-from-monitor: rollback 0.3 vs monitor 0.25, both files named, fix sets 0.25', async () => {
  const finding = only(await findingsWith('configs/deploy/rollback.yaml', 'psi: 0.25', 'psi: 0.3'), 'rollback-psi-differs-from-monitor');
  assert.match(finding.message, /rollback\.triggers\.psi is 0\.3 in configs\/deploy\/rollback\.yaml, but the drift monitor rolls back at PSI 0\.25 \(data_drift\.thresholds\.rollback in configs\/monitoring\/drift\.yaml\)/);
  assert.deepEqual(finding.location, { file: 'configs/deploy/rollback.yaml', range: { startLine: 10, startColumn: 9, endLine: 10, endColumn: 12 } });
  assert.equal(finding.related?.file, 'configs/monitoring/drift.yaml');
  assert.equal(finding.related?.range.startLine, 13);
  const fixed = applyFix(AGREEING['configs/deploy/rollback.yaml'].replace('psi: 0.25', 'psi: 0.3'), finding);
  assert.equal(fixed, AGREEING['configs/deploy/rollback.yaml']);
});

test('alert-not-below-rollback: alert 0.25 at rollback 0.25, fix sets the seed alert 0.1', async () => {
  const finding = only(await findingsWith('configs/monitoring/drift.yaml', 'alert: 0.1 ', 'alert: 0.25'), 'alert-not-below-rollback');
  assert.match(finding.message, /alert \(0\.25\) is not below data_drift\.thresholds\.rollback \(0\.25\)/);
  assert.equal(finding.related?.range.startLine, 13);
  assert.equal(finding.fix?.newText, '0.1');
});

test('ab-split-all-to-new-model: treatment 1.0, control 0.0', async () => {
  const text = AGREEING['configs/deploy/ab_test.yaml'].replace('control: 0.5', 'control: 0.0').replace('treatment: 0.5', 'treatment: 1.0');
  const { findings } = await checkConfigs(memoryWorkspaceReader({ ...AGREEING, 'configs/deploy/ab_test.yaml': text }));
  const finding = only(findings, 'ab-split-all-to-new-model');
  assert.match(finding.message, /sends all traffic to the treatment \(control 0, treatment 1\)/);
  assert.equal(finding.location.file, 'configs/deploy/ab_test.yaml');
});

test('no-rollback-target: no target key (fix adds target: previous_stable), and an empty previous_stable in the record', async () => {
  const noKey = only(await findingsWith('configs/deploy/rollback.yaml', / {2}target: previous_stable[^\n]*\n/, ''), 'no-rollback-target');
  assert.match(noKey.message, /has no target/);
  assert.equal(noKey.fix?.newText, '  target: previous_stable\n');
  const emptyRecord = only(await findingsWith('models/model_version.yaml', 'previous_stable: "1.0.0"', 'previous_stable: null'), 'no-rollback-target');
  assert.match(emptyRecord.message, /model\.previous_stable in models\/model_version\.yaml is empty/);
  assert.equal(emptyRecord.related?.file, 'models/model_version.yaml');
});

test('cusum-config-differs-from-test: k_sigma 1.0 in the config vs CUSUM_K_SIGMA = 0.5 in the test', async () => {
  const finding = only(await findingsWith('configs/monitoring/drift.yaml', 'k_sigma: 0.5', 'k_sigma: 1.0'), 'cusum-config-differs-from-test');
  assert.match(finding.message, /concept_drift\.k_sigma is 1 in configs\/monitoring\/drift\.yaml, but the CUSUM test uses CUSUM_K_SIGMA = 0\.5 \(tests\/test_drift_monitoring\.py:\d+\)/);
  assert.equal(finding.related?.file, 'tests/test_drift_monitoring.py');
  assert.equal(finding.fix?.newText, '0.5');
  const h = only(await findingsWith('tests/test_drift_monitoring.py', 'CUSUM_H_SIGMA = 5', 'CUSUM_H_SIGMA = 4'), 'cusum-config-differs-from-test');
  assert.match(h.message, /h_sigma is 5 .* CUSUM_H_SIGMA = 4/);
});

test('p99-budget-differs-from-test: rollback budget 200 vs LATENCY_BUDGET_MS = 100', async () => {
  const finding = only(await findingsWith('tests/test_latency.py', 'LATENCY_BUDGET_MS = 200', 'LATENCY_BUDGET_MS = 100'), 'p99-budget-differs-from-test');
  assert.match(finding.message, /latency_budget_ms is 200 in configs\/deploy\/rollback\.yaml, but the P99 latency test's LATENCY_BUDGET_MS is 100 \(tests\/test_latency\.py:\d+\)/);
  assert.equal(finding.fix?.newText, '100');
});

test('p99-budget-differs-from-test: the budget changed below the P99 marker only, while the fallback snippet binds LATENCY_BUDGET_MS = 200 again further down', async () => {
  const latency = `${AGREEING['tests/test_latency.py'].replace('LATENCY_BUDGET_MS = 200', 'LATENCY_BUDGET_MS = 150')}\n# gradient: serving-fallback\nLATENCY_BUDGET_MS = 200\n`;
  const rollback = AGREEING['configs/deploy/rollback.yaml'].replace('latency_budget_ms: 200', 'latency_budget_ms: 150');
  const { findings } = await checkConfigs(memoryWorkspaceReader({ ...AGREEING, 'tests/test_latency.py': latency, 'configs/deploy/rollback.yaml': rollback }));
  const finding = only(findings, 'p99-budget-differs-from-test');
  const line = latency.split('\n').lastIndexOf('LATENCY_BUDGET_MS = 200') + 1;
  assert.match(finding.message, new RegExp(`latency_budget_ms is 150 in configs/deploy/rollback\\.yaml, but the P99 latency test's LATENCY_BUDGET_MS is 200 \\(tests/test_latency\\.py:${line}\\)`));
  assert.equal(finding.related?.range.startLine, line);
});

test('early-stopping-without-patience: the line removed; the fix adds patience: 10 at the block indentation', async () => {
  const text = AGREEING['configs/training/callbacks.yaml'].replace(/ {2}patience: 10[^\n]*\n/, '');
  const finding = only((await checkConfigs(memoryWorkspaceReader({ ...AGREEING, 'configs/training/callbacks.yaml': text }))).findings, 'early-stopping-without-patience');
  assert.equal(finding.severity, 'warning');
  const fixed = applyFix(text, finding);
  const again = await checkConfigs(memoryWorkspaceReader({ ...AGREEING, 'configs/training/callbacks.yaml': fixed }));
  assert.deepEqual(again.findings, []);
  assert.match(fixed, /\n {2}patience: 10\n/);
});

test('checkpoint-without-git-commit: git_commit dropped from metadata; the fix adds it back', async () => {
  const text = AGREEING['configs/training/callbacks.yaml'].replace('    - git_commit\n', '');
  const finding = only((await checkConfigs(memoryWorkspaceReader({ ...AGREEING, 'configs/training/callbacks.yaml': text }))).findings, 'checkpoint-without-git-commit');
  const fixed = applyFix(text, finding);
  assert.deepEqual((await checkConfigs(memoryWorkspaceReader({ ...AGREEING, 'configs/training/callbacks.yaml': fixed }))).findings, []);
});

test('schema and YAML errors name the file and line', async () => {
  const schema = await findingsWith('configs/monitoring/drift.yaml', 'bins: 10', 'bins: ten');
  assert.deepEqual(schema.map((f) => [f.rule, f.location.range.startLine]), [['schema', 8]]);
  assert.match(schema[0].message, /data_drift\.bins must be integer \(schemas\/drift-monitoring\.schema\.json\)/);
  const syntax = await findingsWith('configs/deploy/ab_test.yaml', 'assignment: hash(user_id)', 'assignment: [unclosed');
  assert.equal(syntax[0].rule, 'yaml-syntax');
});

test('the whole config file is validated, as the YAML extension does: a bad search_space in hpo.yaml is a schema finding', async () => {
  // Found by the labelled workspaces of `npm run verdicts -- --only readiness`: only the study block was validated.
  const hpo = (distribution: string) => `study:\n  n_trials: 50\nsearch_space:\n  learning_rate:\n    distribution: ${distribution}\n    low: 1.0e-5\n`;
  const good = await checkConfigs(memoryWorkspaceReader({ 'configs/training/hpo.yaml': hpo('log_uniform') }));
  assert.deepEqual(good.findings, []);
  const bad = await checkConfigs(memoryWorkspaceReader({ 'configs/training/hpo.yaml': hpo('loguniform') }));
  assert.deepEqual(bad.findings.map((f) => [f.rule, f.location.range.startLine]), [['schema', 5]]);
  assert.match(bad.findings[0].message, /^configs\/training\/hpo\.yaml: search_space\.learning_rate\.distribution must be one of "log_uniform", "uniform", "int", "categorical" \(schemas\/hyperparameter-search\.schema\.json\)$/);
  assert.deepEqual(bad.configs.map((c) => [c.kind, c.valid]), [['hyperparameter-search', false]]);
});

test('every rule id has a test above', () => {
  const source = readFileSync(__filename, 'utf8');
  for (const rule of CONSISTENCY_RULES) assert.ok(source.includes(`'${rule}'`), rule);
});
