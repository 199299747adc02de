// The editor side of the readiness gate that needs no VS Code: which files it reads and watches,
// where pytest starts, its arguments, and what its exit code means.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpreterFromSetting, nodeIdFrom, pytestArguments, pytestFolder, pytestOutcome } from '../../src/pytestRun';
import { isSkippedPath, isWatchedPath } from '../../src/readinessPaths';

test('dependencies, version control and virtualenvs are never read; files named like them are', () => {
  assert.equal(isSkippedPath('venv/lib/python3.11/site-packages/x.py'), true);
  assert.equal(isSkippedPath('service/.venv/bin/activate.py'), true);
  assert.equal(isSkippedPath('node_modules/pkg/config.yaml'), true);
  assert.equal(isSkippedPath('.git/config.json'), true);
  assert.equal(isSkippedPath('tests/test_serving.py'), false);
  assert.equal(isSkippedPath('venv.py'), false);
  assert.equal(isSkippedPath('configs/env.yaml'), false);
});

test('a change to a test, config, record or JUnit file re-runs the check; data files and skipped folders do not', () => {
  for (const file of ['tests/test_x.py', 'configs/rollback.yaml', 'configs/ab.yml', 'reports/junit.xml', 'models/model_version.json']) assert.equal(isWatchedPath(file), true, file);
  for (const file of ['data/train.csv', 'README.md', 'node_modules/x/package.json', 'venv/lib/a.py']) assert.equal(isWatchedPath(file), false, file);
});

test('pytest starts in the shallowest folder with pytest.ini, pyproject.toml, tox.ini or setup.cfg, else the root', () => {
  assert.equal(pytestFolder([]), '');
  assert.equal(pytestFolder(['pytest.ini']), '');
  assert.equal(pytestFolder(['service/pytest.ini', 'a/b/setup.cfg']), 'service');
  assert.equal(pytestFolder(['pyproject.toml', 'service/pytest.ini']), '');
  assert.equal(pytestFolder(['b/setup.cfg', 'a/pytest.ini']), 'a');
  assert.equal(pytestFolder(['notes/pytest.ini.bak']), '');
});

test('test ids relative to the workspace root become node ids relative to where pytest starts', () => {
  assert.equal(nodeIdFrom('', 'tests/test_x.py::test_a'), 'tests/test_x.py::test_a');
  assert.equal(nodeIdFrom('service', 'service/tests/test_x.py::test_a'), 'tests/test_x.py::test_a');
  assert.equal(nodeIdFrom('service', 'service/tests/test_x.py::TestA::test_b[1-2]'), 'tests/test_x.py::TestA::test_b[1-2]');
  assert.equal(nodeIdFrom('service', 'tests/test_y.py'), '../tests/test_y.py');
});

test('pytest gets -rA, xunit2 JUnit XML to the given file, and the item\'s tests when there are some', () => {
  assert.deepEqual(pytestArguments({ folder: '', testIds: [], junitFile: '/s/junit.xml' }), ['-m', 'pytest', '-rA', '--junitxml=/s/junit.xml', '-o', 'junit_family=xunit2']);
  assert.deepEqual(pytestArguments({ folder: 'svc', testIds: ['svc/tests/test_f.py::test_fallback'], junitFile: '/s/j.xml' }).slice(-1), ['tests/test_f.py::test_fallback']);
});

test("pytest's exit codes: 0 passed, 1 failed, 2 interrupted, 5 no tests, anything else an error", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, null].map(pytestOutcome), ['passed', 'failed', 'interrupted', 'error', 'error', 'no-tests', 'error']);
});

test('the interpreter setting: empty means "not set", ${workspaceFolder} is filled in', () => {
  assert.equal(interpreterFromSetting('', '/w'), undefined);
  assert.equal(interpreterFromSetting('   ', '/w'), undefined);
  assert.equal(interpreterFromSetting(undefined, '/w'), undefined);
  assert.equal(interpreterFromSetting('${workspaceFolder}/.venv/bin/python', '/w'), '/w/.venv/bin/python');
});
