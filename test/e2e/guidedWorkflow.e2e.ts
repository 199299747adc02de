/**
 * The guided workflow in the real workbench, from the packaged .vsix, driven as a person would:
 * F1 -> GRADIENT: Assess stage -> E) serving -> Latency opens the serving pattern file in the
 * Markdown preview and updates the status bar; GRADIENT: Insert pattern snippet -> the P99
 * latency test (first, because the constraint is latency) lands in the open test file, below what
 * was there. Screenshots: test/e2e/screenshots/workflow-*.png.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  activeEditorText,
  copyExamples,
  type Gradient,
  pickQuickItem,
  quickInputBox,
  quickPickLabels,
  runCommand,
  screenshot,
  startGradient,
} from './harness';

const OWN_TESTS = '# serving tests written by hand\nimport model_server\n';
let gradient: Gradient;

before(async () => {
  const workspace = copyExamples(join(mkdtempSync(join(tmpdir(), 'gradient-workflow-')), 'workspace'));
  writeFileSync(join(workspace, 'tests', 'test_serving.py'), OWN_TESTS);
  gradient = await startGradient({ workspace });
});

after(async () => {
  await gradient?.stop();
});

test('Assess stage: serving + latency opens the serving patterns and shows E · latency in the status bar', async () => {
  const { page } = gradient;
  await runCommand(page, 'GRADIENT: Assess stage');
  await quickInputBox(page).waitFor();
  await screenshot(page, 'workflow-assess-stage');
  await pickQuickItem(page, 'E) Model serving / inference');
  await screenshot(page, 'workflow-assess-constraint');
  await pickQuickItem(page, 'Latency');
  await page.locator('.tab', { hasText: 'Preview model-serving.md' }).waitFor({ timeout: 30000 });
  const status = page.locator('.part.statusbar', { hasText: 'GRADIENT: E · latency' });
  await status.waitFor({ timeout: 30000 });
  await page.waitForTimeout(1500); // let the preview render for the screenshot
  await screenshot(page, 'workflow-serving-preview');
});

test('Insert pattern snippet: the P99 latency test comes first and lands in the open test file, appended', async () => {
  const { page } = gradient;
  await page.keyboard.press('Control+P');
  await quickInputBox(page).fill('test_serving.py');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'test_serving.py' }).filter({ visible: true }).first().click();
  await page.locator('.tab.active', { hasText: 'test_serving.py' }).waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');

  await runCommand(page, 'GRADIENT: Insert pattern snippet');
  const labels = await quickPickLabels(page);
  assert.equal(labels[0], 'P99 latency under budget', `the latency constraint puts the P99 test first; the list shows ${JSON.stringify(labels)}`);
  await screenshot(page, 'workflow-insert-snippet');
  await pickQuickItem(page, 'P99 latency under budget');

  // The snippet's first tab stop is selected: the editor shows the placeholders.
  await page.waitForFunction(() => document.querySelector('.editor-group-container.active .view-lines')?.textContent?.includes('LATENCY_BUDGET_MS'));
  assert.match(await activeEditorText(page), /LATENCY_BUDGET_MS = 200/);
  await screenshot(page, 'workflow-snippet-inserted');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  const top = await activeEditorText(page);
  assert.ok(top.startsWith('# serving tests written by hand\nimport model_server'), `the user's own lines stay first:\n${top.slice(0, 200)}`);
});
