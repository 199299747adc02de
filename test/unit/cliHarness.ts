// The `gradient` CLI run as a user runs it, in a child process, shared by the CLI's test files:
// the bundle (built once per test file by esbuild, as `npm run build` builds dist/), temporary
// folders removed when the file ends, and the one-line rejection every bad input must give.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';
import { build } from 'esbuild';

export const root = resolve(__dirname, '../..');

let bundle: string | undefined;
/** Temporary folders of the test file, removed when it ends. */
const scratch: string[] = [];
after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/**
 * The CLI bundled once by esbuild into a temporary folder, as `npm run build` bundles it: a child
 * process then starts in a few dozen milliseconds instead of compiling the sources through tsx
 * each time. Beside it, as in dist/: the report worker, and the review's two WebAssembly files
 * (src/core/review/pythonParser.ts looks for them beside the bundle first).
 */
export async function cliBundle(): Promise<string> {
  if (bundle) return bundle;
  const outdir = temporaryFolder('gradient-cli-bundle-');
  // DuckDB's native library stays in node_modules, as in dist/ (scripts/build.ts); `gradient()` points NODE_PATH there.
  await build({
    entryPoints: [join(root, 'src/cli.ts'), join(root, 'src/reportWorker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir,
    logLevel: 'silent',
    external: ['@duckdb/node-api', 'pg-native'],
  });
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(outdir, 'web-tree-sitter.wasm'));
  copyFileSync(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'), join(outdir, 'tree-sitter-python.wasm'));
  chmodSync(outdir, 0o755); // the non-root runs read it too
  bundle = join(outdir, 'cli.js');
  return bundle;
}

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how `gradient` runs: from the repository root by default, the bundle unless `fromSource`. */
export interface RunOptions {
  readonly env?: Record<string, string>;
  /** `node --import tsx src/cli.ts` instead of the bundle. */
  readonly fromSource?: boolean;
  readonly cwd?: string;
}

/** `gradient ARGS`: the bundled CLI, or with `fromSource` `node --import tsx src/cli.ts ARGS` (from the root). */
export async function gradient(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  const entry = options.fromSource ? ['--import', 'tsx', join(root, 'src/cli.ts')] : [await cliBundle()];
  // The bundle lives in a temporary folder: node_modules (DuckDB) is found through NODE_PATH.
  return run(process.execPath, [...entry, ...args], { NODE_PATH: join(root, 'node_modules'), ...options.env }, options.cwd);
}

/** A command, its output collected (stdout is a socket, as Node gives its children); GRADIENT_* variables cleared. */
export function run(command: string, args: readonly string[], env: Record<string, string> = {}, cwd = root): Promise<Run> {
  return new Promise((done, fail) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GRADIENT_')));
    const child = spawn(command, args, { cwd, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A bad input: exit 2, nothing on stdout, exactly this one line on stderr. */
export async function assertRejected(args: readonly string[], line: string, options: RunOptions = {}): Promise<void> {
  const result = await gradient(args, options);
  assert.equal(result.stderr, `gradient: ${line}\n`);
  assert.equal(result.code, 2, `exit code for ${args.join(' ')}`);
  assert.equal(result.stdout, '');
}
