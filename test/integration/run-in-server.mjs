/**
 * `npm run test:integration`: the mocha suite (out/test/integration/index.js) inside a real VS Code
 * extension host, with no VS Code download. VS Code's server (scripts/vscode-runtime.mjs) serves
 * the workbench to headless Chromium with a `payload` naming this repository as the extension under
 * development and the suite as extensionTestsPath; the extension host runs the suite, and the
 * workbench reports run()'s outcome to window.codeAutomationExit(code), which this script exposes.
 *
 * Results channel: the server is started with GRADIENT_TEST_RESULTS=<temp file> in its
 * environment; extension hosts inherit the server's environment, and index.ts writes each test's
 * outcome there. This script prints that file and a closing `N passed, N failed` line.
 *
 * The workspace is a temporary copy of examples/ (tests create and change files in it).
 *
 * A throwaway PostgreSQL (test/support/postgresServer.ts, TESTING.md §6) runs for the tier: its
 * trusted superuser's URL, and a role that must give a password, reach the suite through the
 * environment (GRADIENT_TEST_POSTGRES_*). It is stopped when the tier ends, however it ends.
 * GRADIENT_KEEP_OPEN=1 leaves the server running afterwards and prints a URL to look around.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { ensureVsCode, launchChromium, printTestResults, startServer, summaryLine, tail } from '../../scripts/vscode-runtime.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suite = join(repo, 'out/test/integration/index.js');
const TIMEOUT_MS = 5 * 60 * 1000;
const keepOpen = process.env.GRADIENT_KEEP_OPEN === '1';

for (const file of [suite, join(repo, 'dist/extension.js')]) {
  if (!existsSync(file)) {
    console.error(`✖ ${relative(repo, file)} is missing: run npm run build`);
    process.exit(1);
  }
}

// Install (or find) VS Code before making temporary folders, so a failed install leaves nothing behind.
await ensureVsCode();
const temp = mkdtempSync(join(tmpdir(), 'gradient-integration-'));
const workspace = join(temp, 'workspace');
if (existsSync(join(repo, 'examples'))) cpSync(join(repo, 'examples'), workspace, { recursive: true });
else mkdirSync(workspace);
const resultsFile = join(temp, 'results.json');

// `npm run test:integration -- codeReview` runs only the suite files whose name contains "codeReview".
const only = process.argv.slice(2);
const { startTierPostgres } = await tsImport('../support/postgresServer.ts', import.meta.url);
const { server: postgres, env: database } = await startTierPostgres();
const server = await startServer({ workspace, env: { GRADIENT_TEST_RESULTS: resultsFile, ...database, ...(only.length > 0 ? { GRADIENT_TEST_FILES: only.join(',') } : {}) } });
const browserLog = [];
let browser;
let problem;
let hostExitCode;
try {
  browser = await launchChromium();
  const page = await browser.newPage();
  // The workbench logs a lot; keep it for the failure report instead of printing it.
  page.on('console', (message) => browserLog.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => browserLog.push(`pageerror: ${error.message}`));
  // When the suite settles, the workbench hands its exit code to window.codeAutomationExit (the hook
  // VS Code's own web test runners use); the server log then shows the torn-down host's code, always 0.
  let reportExit;
  const reported = new Promise((resolve) => (reportExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  console.log(`running ${relative(repo, suite)} in the extension host (timeout ${TIMEOUT_MS / 60000} min)`);
  await page.goto(server.workbenchUrl({ extensionDevelopmentPath: repo, extensionTestsPath: suite }));
  // An extension host that crashes never reports: its exit in the server log (plus a grace period
  // for the report) ends the wait too. Settles to the exit code, undefined (crash) or an Error (timeout).
  const hostGone = server.waitForLog(/Extension Host Process exited with code: \d+/, TIMEOUT_MS).then(() => sleep(15000), (error) => error);
  const outcome = await Promise.race([reported, hostGone]);
  if (outcome instanceof Error) throw new Error(`the suite did not finish within ${TIMEOUT_MS / 60000} min: ${outcome.message}`, { cause: outcome });
  if (outcome === undefined) throw new Error("the extension host exited without reporting the suite's result");
  hostExitCode = outcome;
} catch (error) {
  problem = error.message;
}

const counts = printTestResults(resultsFile);
if (!problem && hostExitCode !== 0 && counts.failed === 0) problem = `the suite's run() failed (exit code ${hostExitCode}); see the browser console log`;
if (!problem && counts.passed + counts.failed === 0) problem = 'no integration test ran';
const ok = !problem && counts.failed === 0;

if (problem) {
  writeFileSync(join(temp, 'server.log'), server.serverLog());
  writeFileSync(join(temp, 'browser-console.log'), browserLog.join('\n'));
  console.error(`--- last lines of the VS Code server log (all of it, and the browser console, in ${temp}) ---`);
  console.error(tail(server.serverLog(), 40));
  console.error(`✖ ${problem}`);
}
console.log(summaryLine(counts));

await browser?.close();
if (keepOpen) {
  // Ctrl-C ends this process through process.exit (see vscode-runtime.mjs), which runs this (and stops PostgreSQL).
  process.on('exit', () => rmSync(temp, { recursive: true, force: true }));
  console.log(`\nGRADIENT_KEEP_OPEN: VS Code keeps running with the extension under development at\n  ${server.workbenchUrl({ extensionDevelopmentPath: repo })}\nCtrl-C to stop.`);
} else {
  await server.stop();
  postgres.stop();
  if (!problem) rmSync(temp, { recursive: true, force: true });
  process.exit(ok ? 0 : 1);
}
