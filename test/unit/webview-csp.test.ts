// The webview runs under `default-src 'none'; style-src cspSource 'nonce-N'; script-src 'nonce-N'`
// (no 'unsafe-inline', no 'unsafe-eval') and shows names from the user's files. These checks keep
// the source to the rules that make that safe; the bundle check keeps Node built-ins out of it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const webview = resolve(__dirname, '../../webview');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Source text without comments, so the rules can be named in comments. */
function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

test('webview code builds elements without HTML strings, inline styles, handlers or eval', () => {
  const forbidden: ReadonlyArray<readonly [RegExp, string]> = [
    [/\.innerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment/, 'HTML parsing of strings (use textContent / DOM APIs)'],
    [/setAttribute\(\s*['"]style['"]/, 'a style attribute (blocked without unsafe-inline: use classes or el.style.x)'],
    [/\.on[a-z]+\s*=(?!=)/, 'an on* handler property (use addEventListener)'],
    [/\beval\(|new Function\(/, 'eval (blocked without unsafe-eval)'],
    [/\bfetch\(|XMLHttpRequest|new WebSocket|navigator\.sendBeacon/, 'network access'],
  ];
  const files = sources(webview);
  assert.ok(files.length > 5, 'found the webview sources');
  for (const file of files) {
    const text = code(file);
    for (const [pattern, what] of forbidden) assert.doesNotMatch(text, pattern, `${file}: ${what}`);
  }
});

test('webview/style.css takes colors from --vscode-* variables and loads nothing', () => {
  const css = readFileSync(join(webview, 'style.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b/i, 'no hex colors');
  assert.doesNotMatch(css, /url\(|@import/, 'no external resources');
  // rgb()/rgba() only as the fallback of a var().
  for (const match of css.matchAll(/rgba?\([^)]*\)/g)) {
    const before = css.slice(Math.max(0, match.index - 80), match.index);
    assert.match(before, /var\([^;]*$/, `${match[0]} is a var() fallback`);
  }
});

test('the webview bundle builds for the browser (no Node built-ins) with no eval', async () => {
  const result = await esbuild.build({
    entryPoints: [join(webview, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
  assert.equal(result.errors.length, 0);
  const bundle = result.outputFiles[0].text;
  assert.ok(bundle.length > 100_000, 'Plot and the components are in the bundle');
  assert.doesNotMatch(bundle, /\bnew Function\(|[^.\w]eval\(/);
});
