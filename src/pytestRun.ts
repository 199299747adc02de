/**
 * How the editor runs the readiness tests: where pytest starts, its arguments and what its exit
 * code means. Pure (no `vscode`, no process), so the decisions are unit-tested; the feature
 * `features/runReadinessTests.ts` spawns the process.
 */
import { posix } from 'node:path';

/** Files that make a folder pytest's root, in the order pytest itself prefers them. */
export const PYTEST_ROOT_FILES = ['pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg'] as const;

/**
 * The folder to run pytest in, relative to the workspace root ('' for the root): the shallowest
 * folder holding one of PYTEST_ROOT_FILES, the root when none does.
 * @example pytestFolder(['service/pytest.ini', 'a/b/setup.cfg']); // => 'service'
 * @example pytestFolder(['pyproject.toml', 'service/pytest.ini']); // => ''
 */
export function pytestFolder(rootFiles: readonly string[]): string {
  const candidates = rootFiles
    .filter((file) => (PYTEST_ROOT_FILES as readonly string[]).includes(posix.basename(file)))
    .map((file) => ({ folder: posix.dirname(file) === '.' ? '' : posix.dirname(file), rank: (PYTEST_ROOT_FILES as readonly string[]).indexOf(posix.basename(file)) }))
    .sort((a, b) => depth(a.folder) - depth(b.folder) || a.rank - b.rank || a.folder.localeCompare(b.folder));
  return candidates[0]?.folder ?? '';
}

function depth(folder: string): number {
  return folder === '' ? 0 : folder.split('/').length;
}

/**
 * A pytest node id relative to the workspace root (`tests/test_x.py::test_a`) as pytest, started in
 * `folder`, names it.
 * @example nodeIdFrom('service', 'service/tests/test_x.py::test_a'); // => 'tests/test_x.py::test_a'
 * @example nodeIdFrom('service', 'tests/test_y.py'); // => '../tests/test_y.py'
 */
export function nodeIdFrom(folder: string, testId: string): string {
  if (folder === '') return testId;
  const separator = testId.indexOf('::');
  const file = separator < 0 ? testId : testId.slice(0, separator);
  const rest = separator < 0 ? '' : testId.slice(separator);
  return posix.relative(folder, file) + rest;
}

/**
 * pytest's arguments after the interpreter: every test pytest collects when `testIds` is empty
 * (GRADIENT's marked tests and the user's own), else just those; results to `junitFile`.
 * @example pytestArguments({ folder: '', testIds: [], junitFile: '/s/junit.xml' });
 * // => ['-m', 'pytest', '-rA', '--junitxml=/s/junit.xml', '-o', 'junit_family=xunit2']
 */
export function pytestArguments(run: { folder: string; testIds: readonly string[]; junitFile: string }): string[] {
  return ['-m', 'pytest', '-rA', `--junitxml=${run.junitFile}`, '-o', 'junit_family=xunit2', ...run.testIds.map((id) => nodeIdFrom(run.folder, id))];
}

export type PytestOutcome = 'passed' | 'failed' | 'interrupted' | 'error' | 'no-tests';

/**
 * What pytest's exit code says (https://docs.pytest.org/en/stable/reference/exit-codes.html).
 * @example pytestOutcome(1); // => 'failed'
 */
export function pytestOutcome(code: number | null): PytestOutcome {
  switch (code) {
    case 0:
      return 'passed';
    case 1:
      return 'failed';
    case 2:
      return 'interrupted';
    case 5:
      return 'no-tests';
    default:
      return 'error';
  }
}

/** The interpreter command: the setting with `${workspaceFolder}` filled in, else python3. */
export function interpreterFromSetting(setting: string | undefined, workspaceFolder: string): string | undefined {
  const trimmed = (setting ?? '').trim();
  return trimmed === '' ? undefined : trimmed.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
}

export const DEFAULT_INTERPRETER = 'python3';
