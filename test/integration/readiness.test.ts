/**
 * The readiness gate in a real VS Code extension host, on the examples workspace (a temporary
 * copy): Check readiness fills the side bar's Readiness tree with every item in its state and its
 * evidence; the deliberate config inconsistency is a GRADIENT diagnostic whose quick fix clears
 * it; running the tests (python3 with pytest) updates the view; a file change re-runs the check.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReadinessReport, ReadinessState } from '../../src/core/readiness/types';
import type { ReadinessNodeSnapshot } from '../../src/features/readinessView';
import { activateGradient, closeAllEditors, waitFor, workspaceRoot } from './helpers';

const STATE_ICON: Record<ReadinessState, string> = { pass: 'pass', fail: 'error', missing: 'circle-large-outline', 'not-applicable': 'circle-slash' };

function fileUri(file: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...file.split('/'));
}

/** The tree's item nodes, in order (groups flattened). */
function itemNodes(nodes: readonly ReadinessNodeSnapshot[]): ReadinessNodeSnapshot[] {
  return nodes.flatMap((node) => (node.id.startsWith('group:') ? node.children : [node]));
}

function assertTreeShows(report: ReadinessReport, nodes: readonly ReadinessNodeSnapshot[]): void {
  const items = itemNodes(nodes);
  assert.deepEqual(
    items.map((node) => node.id),
    report.items.map((item) => `item:${item.id}`),
    'one node per item, in the core order',
  );
  report.items.forEach((item, index) => {
    const node = items[index];
    assert.equal(node.label, item.text);
    assert.equal(node.description, item.reason);
    assert.equal(node.icon, STATE_ICON[item.state], `${item.id} shows its state ${item.state}`);
    assert.equal(node.contextValue, `readiness-${item.action?.kind ?? 'none'}`, `${item.id} offers its action`);
    assert.equal(node.children.length, item.evidence.length, `${item.id} shows its evidence`);
    item.evidence.forEach((evidence, e) => {
      assert.equal(node.children[e].label, evidence.text);
      const located = evidence.kind === 'finding' || evidence.location !== undefined;
      assert.equal(node.children[e].command, located ? 'vscode.open' : undefined, `${item.id} evidence ${e} opens its file:line`);
    });
  });
}

suite('Readiness', () => {
  suiteSetup(async () => {
    const { api } = await activateGradient();
    await vscode.commands.executeCommand('gradient.assessStage', { stage: 'F', constraint: 'reliability' });
    await closeAllEditors();
    await api.readiness();
  });
  teardown(closeAllEditors);
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('gradient.chooseReadinessStage', { stage: 'assessed' });
  });

  test('Check readiness for the assessed stage: every item in the tree, with its state, reason, action and evidence', async () => {
    const { api } = await activateGradient();
    const report = (await vscode.commands.executeCommand('gradient.checkReadiness', { stage: 'assessed' })) as ReadinessReport;
    assert.equal(report.stage, 'F');
    assert.equal(report.constraint, 'reliability');
    assert.ok(report.items.length > 0, 'stage F has checklist items');
    for (const item of report.items) {
      if (item.state === 'pass' || item.state === 'fail') assert.ok(item.evidence.length > 0, `${item.id} (${item.state}) has evidence`);
    }
    assertTreeShows(report, api.readinessView().nodes);
    assert.match(api.readinessView().message ?? '', /Confidence \d+%/);
    assert.match(api.readinessView().description ?? '', /^Stage F · reliability/);
  });

  test('every stage: the tree groups the items by pattern file', async () => {
    const { api } = await activateGradient();
    const report = (await vscode.commands.executeCommand('gradient.checkReadiness', { stage: 'all' })) as ReadinessReport;
    assert.equal(report.stage, 'all');
    const view = api.readinessView();
    assert.ok(view.nodes.length >= 5, 'one group per pattern file');
    assert.ok(view.nodes.every((node) => node.id.startsWith('group:')));
    assertTreeShows(report, view.nodes);
    await vscode.commands.executeCommand('gradient.chooseReadinessStage', { stage: 'assessed' });
  });

  test('the deliberate inconsistency is a GRADIENT diagnostic with its rule, related place and a preferred quick fix that clears it', async () => {
    const { api } = await activateGradient();
    const report = await api.readiness();
    assert.ok(report);
    const fixable = report.configs.findings.filter((finding) => finding.fix);
    assert.ok(fixable.length >= 1, 'the examples have an inconsistency with an obvious fix');
    const finding = fixable[0];
    const uri = fileUri(finding.location.file);
    const diagnostic = await waitFor('the diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'GRADIENT' && d.code === finding.rule),
    );
    assert.equal(diagnostic.message, finding.message);
    assert.equal(diagnostic.range.start.line, finding.location.range.startLine - 1);
    if (finding.related) {
      assert.equal(diagnostic.relatedInformation?.[0].location.uri.toString(), fileUri(finding.related.file).toString());
      assert.equal(diagnostic.relatedInformation?.[0].message, finding.related.message);
    }

    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const original = document.getText();
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === finding.fix?.title);
    assert.ok(fix?.edit, `the quick fix "${finding.fix?.title}" is offered`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // Cleared while the file is still unsaved, from the edited text.
    await waitFor('the diagnostic to clear', () => !vscode.languages.getDiagnostics(uri).some((d) => d.source === 'GRADIENT' && d.code === finding.rule));
    const after = await api.readiness();
    assert.ok(after && !after.configs.findings.some((f) => f.rule === finding.rule && f.location.file === finding.location.file));
    // The checklist follows: the items the finding failed no longer show it.
    const failedBefore = report.items.filter((item) => item.evidence.some((e) => e.kind === 'finding' && e.finding.rule === finding.rule)).map((item) => item.id);
    assert.ok(failedBefore.length > 0, 'the finding failed an item');
    for (const id of failedBefore) {
      const item = after.items.find((candidate) => candidate.id === id);
      assert.ok(item && !item.evidence.some((e) => e.kind === 'finding' && e.finding.rule === finding.rule), `${id} no longer shows the finding`);
    }
    assertTreeShows(after, api.readinessView().nodes);
    // Undoable: undo brings the text and the diagnostic back.
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
    await waitFor('the diagnostic to come back', () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'GRADIENT' && d.code === finding.rule));
  });

  test('a file changed on disk re-runs the check (debounced watcher): a config removed, then restored', async () => {
    const { api } = await activateGradient();
    const before = await api.readiness();
    assert.ok(before && before.configs.configs.length > 0, 'the examples have configs');
    const config = before.configs.configs[0];
    const uri = fileUri(config.file);
    const bytes = await vscode.workspace.fs.readFile(uri);
    await vscode.workspace.fs.delete(uri);
    try {
      const gone = await waitFor('the check without the config', async () => {
        const report = await api.readiness();
        return report && !report.configs.configs.some((c) => c.file === config.file) ? report : undefined;
      });
      assert.notDeepEqual(
        gone.items.map((item) => item.state),
        before.items.map((item) => item.state),
        'an item that relied on the config changed state',
      );
    } finally {
      await vscode.workspace.fs.writeFile(uri, bytes);
    }
    await waitFor('the config back', async () => (await api.readiness())?.configs.configs.some((c) => c.file === config.file));
  });

  test('Run readiness tests runs pytest with gradient.readiness.pythonPath, keeps JUnit XML out of the workspace, and the view shows the results', async function () {
    this.timeout(180000);
    const { api } = await activateGradient();
    // Stage E: the serving checklist, answered by the examples' marked serving tests.
    const before = (await vscode.commands.executeCommand('gradient.chooseReadinessStage', { stage: 'E' })) as ReadinessReport;
    const fallback = before.items.find((item) => item.id === 'model-serving/fallback-tested');
    assert.ok(fallback, 'stage E has the fallback item');
    assert.equal(fallback.state, 'missing', 'no test results yet');
    assert.equal(fallback.action?.kind, 'run-tests');
    const settings = vscode.workspace.getConfiguration('gradient');
    await settings.update('readiness.pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Global);
    try {
      const result = await vscode.commands.executeCommand<{ outcome: string; junit: string; interpreter: string; exitCode: number }>('gradient.runReadinessTests');
      assert.ok(result, 'the run finished');
      assert.equal(result.interpreter, '/usr/bin/python3');
      assert.ok(['passed', 'failed'].includes(result.outcome), `pytest ran its tests (exit ${result.exitCode})`);
      assert.ok(!result.junit.startsWith(workspaceRoot().toString()), 'the JUnit file is in extension storage');
    } finally {
      await settings.update('readiness.pythonPath', undefined, vscode.ConfigurationTarget.Global);
    }
    const after = await api.readiness();
    assert.ok(after?.testRun, 'the report used the run');
    assert.ok(after.testRun.passed + after.testRun.failed > 0);
    const tests = after.items.flatMap((item) => item.evidence).filter((e) => e.kind === 'test');
    assert.ok(tests.some((e) => e.kind === 'test' && (e.outcome === 'passed' || e.outcome === 'failed')), 'test evidence has outcomes');
    assertTreeShows(after, api.readinessView().nodes);
    const fallbackNode = itemNodes(api.readinessView().nodes).find((node) => node.id === 'item:model-serving/fallback-tested');
    assert.equal(fallbackNode?.icon, 'pass', 'the view shows the fallback tests passed');
    assert.ok(fallbackNode.children.length >= 2 && fallbackNode.children.every((child) => child.icon === 'pass'));
  });

  test('without the setting (and without the Python extension) the tests run with python3 from PATH', async function () {
    this.timeout(180000);
    assert.equal(vscode.extensions.getExtension('ms-python.python'), undefined, 'this VS Code has no Python extension');
    const result = await vscode.commands.executeCommand<{ outcome: string; interpreter: string; exitCode: number }>('gradient.runReadinessTests');
    assert.ok(result, 'the run finished');
    assert.equal(result.interpreter, 'python3');
    // PATH's python3 may lack the examples' imports (pandas): a run stopped by collection errors still reports.
    assert.ok(['passed', 'failed', 'interrupted'].includes(result.outcome), `pytest ran (exit ${result.exitCode})`);
  });

  test('cancelling a test run stops pytest and the processes it started, and keeps the last results', async function () {
    this.timeout(120000);
    const { api } = await activateGradient();
    const resultsBefore = (await api.readiness())?.testRun;
    // A test that starts a child process and waits: the cancel must end both.
    const pidFile = vscode.Uri.joinPath(workspaceRoot(), 'tests', 'slow_child.pid');
    const slowTest = vscode.Uri.joinPath(workspaceRoot(), 'tests', 'test_zz_slow.py');
    await vscode.workspace.fs.writeFile(
      slowTest,
      new TextEncoder().encode(
        ['import pathlib, subprocess, time', '', 'def test_slow():', "    child = subprocess.Popen(['sleep', '300'])", `    pathlib.Path(${JSON.stringify(pidFile.fsPath)}).write_text(str(child.pid))`, '    time.sleep(300)', ''].join('\n'),
      ),
    );
    // Debian's python3 has the examples' imports: pytest gets past collection to the slow test.
    const settings = vscode.workspace.getConfiguration('gradient');
    await settings.update('readiness.pythonPath', '/usr/bin/python3', vscode.ConfigurationTarget.Global);
    try {
      const running = vscode.commands.executeCommand<{ outcome: string }>('gradient.runReadinessTests', undefined);
      const pid = Number(
        await waitFor('the slow test to start its child', async () => {
          try {
            return new TextDecoder().decode(await vscode.workspace.fs.readFile(pidFile));
          } catch {
            return undefined;
          }
        }, 60000),
      );
      assert.ok(pid > 0);
      api.cancelTestRun();
      const result = await running;
      assert.equal(result?.outcome, 'cancelled');
      await waitFor('the child process to end', () => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      }, 10000);
      assert.deepEqual((await api.readiness())?.testRun, resultsBefore, 'a cancelled run does not replace the last results');
    } finally {
      await settings.update('readiness.pythonPath', undefined, vscode.ConfigurationTarget.Global);
      await vscode.workspace.fs.delete(slowTest);
      await vscode.workspace.fs.delete(pidFile).then(undefined, () => undefined);
    }
  });

  test('an item action: Open file opens the file at the line; Insert missing snippet inserts the snippet by id', async () => {
    const { api } = await activateGradient();
    const report = await api.readiness();
    assert.ok(report);
    const open = report.items.find((item) => item.action?.kind === 'open');
    if (open && open.action?.kind === 'open') {
      const opened = await vscode.commands.executeCommand<string>('gradient.openReadinessItem', { id: open.id });
      assert.equal(opened, fileUri(open.action.location.file).toString());
      assert.equal(vscode.window.activeTextEditor?.selection.start.line, open.action.location.range.startLine - 1);
    }
    const insert = report.items.find((item) => item.action?.kind === 'insert-snippet');
    if (insert && insert.action?.kind === 'insert-snippet') {
      const into = await vscode.commands.executeCommand<string>('gradient.insertReadinessSnippet', { id: insert.id });
      assert.ok(into, 'the snippet went into a document');
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === into);
      assert.ok(document?.getText().includes(`gradient: ${insert.action.snippet}`), 'the inserted snippet carries its marker');
    }
    assert.ok(open || insert, 'the examples have an item to open or a snippet to insert');
  });
});
