import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const commandsSource = readFileSync(join(root, 'src/commands.ts'), 'utf8');

test('every command id in src/commands.ts is contributed in package.json, and nothing else is', () => {
  const inSource = [...commandsSource.matchAll(/'(gradient\.\w+)'/g)].map((m) => m[1]).sort();
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(inSource, contributed);
  for (const command of manifest.contributes.commands) assert.equal(command.category, 'GRADIENT');
});

test('GRADIENT activates only through its own commands, views and report panels restored after a reload, never "*"', () => {
  assert.deepEqual(manifest.activationEvents, ['onWebviewPanel:gradient.report']);
});

test('the manifest pins engines.vscode ^1.90.0 to the matching @types/vscode and declares workspace trust', () => {
  assert.equal(manifest.engines.vscode, '^1.90.0');
  assert.equal(manifest.devDependencies['@types/vscode'], '1.90.0');
  assert.equal(manifest.displayName, 'GRADIENT — ML Pipelines to Production');
  assert.equal(typeof manifest.capabilities.untrustedWorkspaces.supported, 'boolean');
  assert.ok(manifest.capabilities.untrustedWorkspaces.description.length > 20);
});

test('src/core never imports vscode', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(path, 'utf8'))) offenders.push(path);
    }
  };
  walk(join(root, 'src/core'));
  assert.deepEqual(offenders, []);
});
