/**
 * `npm run test:electron`: the same integration suite through @vscode/test-electron, which
 * downloads a desktop VS Code into .vscode-test/. Use it on machines that can reach the VS Code
 * download servers; elsewhere `npm run test:integration` runs the suite in VS Code's server.
 * The results file is handed to the suite as extensionTestsEnv.GRADIENT_TEST_RESULTS.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { tsImport } from 'tsx/esm/api';
import { printTestResults, summaryLine } from '../../scripts/vscode-runtime.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suite = join(repo, 'out/test/integration/index.js');

for (const file of [suite, join(repo, 'dist/extension.js')]) {
  if (!existsSync(file)) {
    console.error(`✖ ${relative(repo, file)} is missing: run npm run build`);
    process.exit(1);
  }
}

// The tests create and change files: they get a temporary copy of examples/.
const temp = mkdtempSync(join(tmpdir(), 'gradient-electron-'));
const workspace = join(temp, 'workspace');
if (existsSync(join(repo, 'examples'))) cpSync(join(repo, 'examples'), workspace, { recursive: true });
else mkdirSync(workspace);
const resultsFile = join(temp, 'results.json');

// The database suite's PostgreSQL (test/support/postgresServer.ts), stopped when this process ends.
const { startTierPostgres } = await tsImport('../support/postgresServer.ts', import.meta.url);
const { env: database } = await startTierPostgres();

let exitCode;
try {
  exitCode = await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: suite,
    extensionTestsEnv: { GRADIENT_TEST_RESULTS: resultsFile, ...database },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  // runTests rejects both when the download fails and when the tests fail (TestRunFailedError).
  if (!existsSync(resultsFile)) {
    console.error(`✖ @vscode/test-electron could not run VS Code: ${error?.message ?? error}`);
    console.error('  It downloads VS Code from the VS Code update servers; where those are unreachable use: npm run test:integration');
    rmSync(temp, { recursive: true, force: true });
    process.exit(1);
  }
  exitCode = error?.code ?? 1;
}

const counts = printTestResults(resultsFile);
console.log(summaryLine(counts));
rmSync(temp, { recursive: true, force: true });
process.exit(exitCode === 0 && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
