import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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

test('GRADIENT activates only through its own commands, views, report panels restored after a reload, and Python files and notebooks (the code review), never "*"', () => {
  assert.deepEqual(manifest.activationEvents, ['onWebviewPanel:gradient.report', 'onLanguage:python', 'onNotebook:jupyter-notebook']);
});

test('the manifest pins engines.vscode ^1.90.0 to the matching @types/vscode and declares workspace trust', () => {
  assert.equal(manifest.engines.vscode, '^1.90.0');
  assert.equal(manifest.devDependencies['@types/vscode'], '1.90.0');
  assert.equal(manifest.displayName, 'GRADIENT — ML Pipelines to Production');
  // Limited: running the readiness tests runs workspace code; everything else works untrusted.
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(manifest.capabilities.untrustedWorkspaces.description.length > 20);
  // And the database a drift report's .sql files run on: an untrusted folder must not pick it.
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['gradient.readiness.pythonPath', 'gradient.database.connection']);
});

test('the Readiness view: its title, item and welcome commands are contributed, and the internal ones are hidden from the palette', () => {
  const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  assert.ok(manifest.contributes.views.gradient.some((v: { id: string }) => v.id === 'gradient.readiness'));
  const menus = [...manifest.contributes.menus['view/title'], ...manifest.contributes.menus['view/item/context']].filter((m: { when: string }) =>
    m.when.includes('view == gradient.readiness'),
  );
  assert.ok(menus.length >= 6);
  for (const menu of menus) assert.ok(commands.has(menu.command), menu.command);
  for (const welcome of manifest.contributes.viewsWelcome) {
    for (const [, id] of (welcome.contents as string).matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(id), id);
  }
  const hidden = manifest.contributes.menus.commandPalette.map((m: { command: string }) => m.command).sort();
  assert.deepEqual(hidden, ['gradient.insertReadinessSnippet', 'gradient.openReadinessItem']);
});

test('the walkthrough has at most 5 steps, each completed by a contributed command, with media that exists', () => {
  const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  for (const walkthrough of manifest.contributes.walkthroughs) {
    assert.ok(walkthrough.steps.length >= 3 && walkthrough.steps.length <= 5);
    for (const step of walkthrough.steps) {
      assert.equal(step.completionEvents.length, 1, step.id);
      const [kind, id] = step.completionEvents[0].split(':');
      assert.equal(kind, 'onCommand', step.id);
      assert.ok(commands.has(id), `${step.id}: ${id}`);
      const media = step.media.markdown ?? step.media.svg ?? step.media.image;
      assert.ok(existsSync(join(root, media)), `${step.id}: ${media}`);
    }
  }
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
