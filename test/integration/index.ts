/**
 * Entry of the integration suite, in the shape VS Code's extension host calls for
 * `extensionTestsPath` (and so `@vscode/test-electron`): `run()` resolves when every test passed.
 *
 * It runs every compiled `*.test.js` beside this file (or those GRADIENT_TEST_FILES names) with
 * mocha's tdd interface and also writes the outcome of each test to the JSON file named by the
 * GRADIENT_TEST_RESULTS environment variable. The launchers set that variable on the VS Code server, whose extension hosts inherit
 * it (run-in-server.mjs), or pass it as extensionTestsEnv (run-electron.mjs), and print the file.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';

/** One line of the results file. */
interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  duration: number;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000 });
  // GRADIENT_TEST_FILES (`npm run test:integration -- reports`): only the files whose name contains one of its comma-separated parts.
  const only = (process.env.GRADIENT_TEST_FILES ?? '').split(',').filter((part) => part.length > 0);
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js') && (only.length === 0 || only.some((part) => name.includes(part))))
    .sort();
  for (const name of files) mocha.addFile(join(__dirname, name));

  const results: TestResult[] = [];
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        writeResults(results);
        if (results.length === 0) reject(new Error(`no integration tests ran (looked for *.test.js in ${__dirname})`));
        else if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (error) {
      // A test file that throws while loading fails the whole run: report it as one failed test.
      results.push({ title: 'loading the integration test files', state: 'failed', duration: 0, error: String(error) });
      writeResults(results);
      reject(error);
      return;
    }
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', duration: test.duration ?? 0 }));
    runner.on('pending', (test) => results.push({ title: test.fullTitle(), state: 'pending', duration: 0 }));
    // 'fail' also fires for failing hooks (before/after each), whose titles say which hook it was.
    runner.on('fail', (test, error: Error) =>
      results.push({ title: test.fullTitle(), state: 'failed', duration: test.duration ?? 0, error: error?.message ?? String(error) }),
    );
  });
}

function writeResults(tests: TestResult[]): void {
  const file = process.env.GRADIENT_TEST_RESULTS;
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ tests }, null, 2));
}
