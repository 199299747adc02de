/**
 * `npm run test:e2e`: the Playwright UI tests (test/e2e/*.e2e.ts) under node's test runner,
 * against the packaged extension. One test file at a time: each starts its own VS Code server
 * and Chromium, and two at once are too much for a 2-core machine. Arguments pick files by name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVsCode } from '../../scripts/vscode-runtime.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const vsix = join(repo, 'dist', 'gradient.vsix');

if (!existsSync(vsix)) {
  console.error(`✖ ${relative(repo, vsix)} is missing: run npm run package`);
  process.exit(1);
}
// `npm run test:e2e -- reports` runs only the files whose name contains "reports".
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.e2e.ts') && (only.length === 0 || only.some((part) => name.includes(part))))
  .sort()
  .map((name) => join('test', 'e2e', name));
if (files.length === 0) {
  console.error('✖ no test/e2e/*.e2e.ts files');
  process.exit(1);
}

// Install VS Code here, once, so its progress is not buried in (or timed as part of) a test.
await ensureVsCode();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], { cwd: repo, stdio: 'inherit' });
process.exit(result.status ?? 1);
