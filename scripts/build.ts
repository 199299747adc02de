/**
 * The one build script: generates the snippet catalog from `patterns/*.md`, then bundles every
 * entry point with esbuild. `--production` minifies and drops source maps; `--watch` rebuilds.
 * Usage: tsx scripts/build.ts [--production] [--watch]
 */
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCatalog } from '../src/core/patterns/buildCatalog';
import { PatternFormatError } from '../src/core/patterns/parsePatternFile';
import { vscodeSnippetFile } from '../src/core/patterns/vscodeSnippets';

const root = resolve(__dirname, '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** `patterns/*.md` -> `dist/catalog.json` and the `contributes.snippets` files. */
function generateCatalog(): void {
  const patternsDir = join(root, 'patterns');
  const files = readdirSync(patternsDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({ name, text: readFileSync(join(patternsDir, name), 'utf8') }));
  const catalog = buildCatalog(files);
  const snippetsDir = join(root, 'dist', 'snippets');
  mkdirSync(snippetsDir, { recursive: true });
  writeFileSync(join(root, 'dist', 'catalog.json'), JSON.stringify(catalog, null, production ? 0 : 2));
  for (const language of ['python', 'yaml'] as const) {
    writeFileSync(join(snippetsDir, `${language}.json`), JSON.stringify(vscodeSnippetFile(catalog, language), null, 2));
  }
  const count = catalog.patternFiles.reduce((sum, file) => sum + file.snippets.length, 0);
  console.log(`catalog: ${catalog.patternFiles.length} pattern files, ${count} snippets`);
}

const common: esbuild.BuildOptions = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

const nodeBundles: esbuild.BuildOptions = {
  ...common,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // DuckDB ships a native library per platform: it is required from node_modules at run time, and
  // only when a report runs on DuckDB. pg-native is pg's optional native client, never used here.
  external: ['vscode', '@duckdb/node-api', 'pg-native'],
};

const integrationTests = existsSync(join(root, 'test/integration'))
  ? readdirSync(join(root, 'test/integration'))
      .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
      .map((name) => `test/integration/${name}`)
  : [];

const exists = (path: string) => existsSync(join(root, path));

const builds: esbuild.BuildOptions[] = [
  { ...nodeBundles, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  // Loading and statistics run in a worker thread (src/reportRunner.ts starts it).
  { ...nodeBundles, entryPoints: ['src/reportWorker.ts'], outfile: 'dist/reportWorker.js' },
  // The code review parses and checks Python in a persistent worker thread (src/reviewRunner.ts starts it).
  { ...nodeBundles, entryPoints: ['src/reviewWorker.ts'], outfile: 'dist/reviewWorker.js' },
];
if (exists('src/cli.ts')) {
  // The `gradient` bin. esbuild keeps a hashbang the entry starts with; add one only if it has none.
  const hashbang = readFileSync(join(root, 'src/cli.ts'), 'utf8').startsWith('#!');
  builds.push({ ...nodeBundles, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', ...(hashbang ? {} : { banner: { js: '#!/usr/bin/env node' } }) });
}
if (exists('webview/main.ts')) {
  // The report panel and side-bar page: one script, loaded by nonce under a CSP without 'unsafe-eval'.
  builds.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js' });
}
if (exists('webview/style.css')) {
  builds.push({ ...common, entryPoints: ['webview/style.css'], outfile: 'dist/webview.css', loader: { '.ttf': 'file', '.woff2': 'file', '.svg': 'dataurl' } });
}
if (!production && integrationTests.length > 0) {
  // The integration suite runs inside the extension host; mocha stays a runtime require.
  builds.push({ ...nodeBundles, entryPoints: integrationTests, outdir: 'out/test/integration', external: ['vscode', 'mocha', '@duckdb/node-api', 'pg-native'] });
}

/**
 * The code review's parser (src/core/review/pythonParser.ts) loads two WebAssembly files at run
 * time; they sit beside the bundles that use them.
 */
function copyParserWasm(): void {
  const files = {
    'web-tree-sitter.wasm': require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
    'tree-sitter-python.wasm': require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'),
  };
  for (const [name, source] of Object.entries(files)) copyFileSync(source, join(root, 'dist', name));
}

/**
 * For the .vsix (`--production`): DuckDB's packages, its native library among them, copied to
 * dist/node_modules, where the bundles' `require('@duckdb/node-api')` finds them first. A
 * development build resolves them from the repository's node_modules instead. The library is
 * this platform's, so the .vsix is too.
 */
function copyDuckdb(): void {
  const target = join(root, 'dist/node_modules/@duckdb');
  rmSync(target, { recursive: true, force: true });
  cpSync(join(root, 'node_modules/@duckdb'), target, { recursive: true });
}

async function main(): Promise<void> {
  try {
    generateCatalog();
  } catch (error) {
    if (error instanceof PatternFormatError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (watch) {
    const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('watching for changes (patterns/ changes need a restart)');
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  copyParserWasm();
  if (production) copyDuckdb();
  if (exists('dist/cli.js')) chmodSync(join(root, 'dist/cli.js'), 0o755);
  console.log(`built ${builds.length} bundle group(s)${production ? ' for production' : ''}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
