/**
 * ML code review in a real VS Code extension host, on the examples workspace (a temporary copy):
 * a leaky script and a leaky notebook show GRADIENT diagnostics with the rule, the line and a link
 * to the pattern file's section; their quick fixes edit the text (the notebook's cell) and clear
 * them; typing a problem shows one without saving; the ignore comment silences it; the settings
 * turn the review or one rule off. The scripts and notebooks are written into the workspace for
 * the test and deleted after it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateGradient, closeAllEditors, sleep, waitFor, workspaceRoot } from './helpers';

/** Line 9 fits a scaler on all rows (preprocessing-before-split); line 10 splits without a seed (unseeded-randomness). */
const LEAKY = `import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("data/train.csv")
y = df["label"]
X = df.drop(columns=["label", "user_id", "timestamp", "features_as_of", "country", "device"])
X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y)
model = LogisticRegression().fit(X_train, y_train)
print(model.score(X_test, y_test))
`;

const CLEAN = `import pandas as pd
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/train.csv")
y = df["label"]
X = df[["age", "income", "sessions_7d"]]
`;

let created: vscode.Uri[] = [];
let counter = 0;

async function writeFile(extension: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), `review_${Date.now()}_${counter++}.${extension}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  created.push(uri);
  return uri;
}

async function openScript(text: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(await writeFile('py', text));
  await vscode.window.showTextDocument(document);
  return document;
}

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : undefined;
}

/** The code review's diagnostics on `uri` (the readiness check's GRADIENT diagnostics have a plain string code). */
function reviewDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'GRADIENT' && ruleOf(d) !== undefined && (rule === undefined || ruleOf(d) === rule));
}

function waitForDiagnostic(uri: vscode.Uri, rule: string): Promise<vscode.Diagnostic> {
  return waitFor(`the ${rule} diagnostic on ${uri.path}`, () => reviewDiagnostics(uri, rule)[0]);
}

async function waitForNoDiagnostic(uri: vscode.Uri, rule?: string): Promise<void> {
  await waitFor(`no ${rule ?? 'review'} diagnostic on ${uri.path}`, async () => {
    const { api } = await activateGradient();
    await api.reviewSettled();
    return reviewDiagnostics(uri, rule).length === 0;
  });
}

/**
 * The code actions at the diagnostic. VS Code answers a request with none when the provider
 * registry changes while it runs (another extension activating, such as Markdown's when a pattern
 * file opens): ask again then.
 */
async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    if (actions.length > 0 || attempt === 20) return actions;
    await sleep(250);
  }
}

async function action(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const actions = await quickFixes(uri, diagnostic);
  const found = actions.find((candidate) => candidate.title === title);
  assert.ok(found, `"${title}" is offered; the actions are ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
  return found;
}

suite('Code review', () => {
  suiteSetup(async () => {
    await activateGradient();
  });
  teardown(async () => {
    await closeAllEditors();
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    created = [];
  });

  test('a leaky script shows each finding as a GRADIENT diagnostic: rule code linked to the pattern section, line, severity, related place', async () => {
    const document = await openScript(LEAKY);
    const leak = await waitForDiagnostic(document.uri, 'preprocessing-before-split');
    assert.equal(leak.range.start.line, 8, 'on line 9, the fit');
    assert.equal(leak.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(leak.message, /StandardScaler is fitted on X/);
    assert.equal(leak.relatedInformation?.[0].location.uri.toString(), document.uri.toString());
    assert.equal(leak.relatedInformation?.[0].location.range.start.line, 9, 'the split is the related place');
    const target = (leak.code as { target: vscode.Uri }).target;
    assert.match(target.path, /\/patterns\/data-pipeline\.md$/);
    const heading = /^L(\d+)$/.exec(target.fragment);
    assert.ok(heading, `the link selects the section's line: ${target.toString()}`);
    const pattern = new TextDecoder().decode(await vscode.workspace.fs.readFile(target.with({ fragment: '' })));
    assert.equal(pattern.split('\n')[Number(heading[1]) - 1], '## Leakage check');

    const seed = await waitForDiagnostic(document.uri, 'unseeded-randomness');
    assert.equal(seed.range.start.line, 9);
    assert.equal(seed.severity, vscode.DiagnosticSeverity.Information, 'a note is information');
    assert.equal(reviewDiagnostics(document.uri).length, 2);
  });

  test('the preferred quick fix adds random_state=42 as one undoable edit and clears the diagnostic without saving', async () => {
    const document = await openScript(LEAKY);
    const seed = await waitForDiagnostic(document.uri, 'unseeded-randomness');
    const fix = await action(document.uri, seed, 'Add random_state=42');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(document.lineAt(9).text, 'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=42)');
    assert.equal(document.isDirty, true, 'nothing saved');
    await waitForNoDiagnostic(document.uri, 'unseeded-randomness');
    assert.equal(reviewDiagnostics(document.uri, 'preprocessing-before-split').length, 1, 'the other finding stays');
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), LEAKY);
    await waitForDiagnostic(document.uri, 'unseeded-randomness');
  });

  test('the preprocessing fix moves the fit after the split (edits on two lines, one edit) and clears the leak', async () => {
    const document = await openScript(LEAKY);
    const leak = await waitForDiagnostic(document.uri, 'preprocessing-before-split');
    const fix = await action(document.uri, leak, 'Fit standard_scaler on X_train after the split');
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.match(document.getText(), /train_test_split\(X, y\)\nstandard_scaler = StandardScaler\(\)\nX_train = standard_scaler\.fit_transform\(X_train\)\nX_test = standard_scaler\.transform\(X_test\)\n/);
    await waitForNoDiagnostic(document.uri, 'preprocessing-before-split');
  });

  test('the other actions: disable for this line, insert the pattern into its test file (not the script), open the pattern section', async () => {
    const document = await openScript(LEAKY);
    const seed = await waitForDiagnostic(document.uri, 'unseeded-randomness');
    const titles = (await quickFixes(document.uri, seed)).map((candidate) => candidate.title);
    assert.deepEqual(titles, [
      'Add random_state=42',
      'Disable unseeded-randomness for this line',
      'Insert the "Reproduce pinned production inputs" pattern',
      'Open "1. Reproduce on a pinned input" in debugging.md',
    ]);

    const open = await action(document.uri, seed, 'Open "1. Reproduce on a pinned input" in debugging.md');
    assert.ok(open.command);
    await vscode.commands.executeCommand(open.command.command, ...(open.command.arguments ?? []));
    const opened = await waitFor('the pattern file', () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/patterns/debugging.md') ? vscode.window.activeTextEditor : undefined));
    assert.equal(opened.document.lineAt(opened.selection.active.line).text, '## 1. Reproduce on a pinned input');

    await vscode.window.showTextDocument(document);
    const insert = await action(document.uri, seed, 'Insert the "Reproduce pinned production inputs" pattern');
    assert.ok(insert.command);
    const into = await vscode.commands.executeCommand<string>(insert.command.command, ...(insert.command.arguments ?? []));
    assert.match(into, /tests\/test_debug_evidence\.py$/, 'the snippet goes into its test file');
    assert.equal(document.getText(), LEAKY, 'the script is untouched');
  });

  test('Disable <rule> for this line appends the ignore comment, which silences the diagnostic', async () => {
    const document = await openScript(LEAKY);
    const seed = await waitForDiagnostic(document.uri, 'unseeded-randomness');
    const disable = await action(document.uri, seed, 'Disable unseeded-randomness for this line');
    assert.ok(disable.edit && (await vscode.workspace.applyEdit(disable.edit)));
    assert.equal(document.lineAt(9).text, 'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y)  # gradient: ignore[unseeded-randomness]');
    await waitForNoDiagnostic(document.uri, 'unseeded-randomness');
    assert.equal(reviewDiagnostics(document.uri, 'preprocessing-before-split').length, 1, 'only that rule is silenced');
  });

  test('typing a problem (unsaved edits, faster than the debounce) shows its diagnostic on the last text only', async () => {
    const document = await openScript(CLEAN);
    const { api } = await activateGradient();
    await api.reviewSettled();
    assert.deepEqual(reviewDiagnostics(document.uri), [], 'the clean script has no finding');
    // Blank lines typed one by one, each superseding the review of the one before, then the split.
    for (let i = 0; i < 5; i++) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(document.lineCount - 1, 0), '\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(document.lineCount - 1, 0), 'X_train, X_test, y_train, y_test = train_test_split(X, y)\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const splitLine = document.lineCount - 2;
    assert.match(document.lineAt(splitLine).text, /^X_train/);
    const seed = await waitForDiagnostic(document.uri, 'unseeded-randomness');
    assert.equal(seed.range.start.line, splitLine, 'on the split as typed, not where an older version had it');
    assert.equal(document.isDirty, true);
    await api.reviewSettled();
    assert.equal(reviewDiagnostics(document.uri).length, 1);
  });

  test('a notebook: the diagnostics are on the cells (related place in another cell); the quick fix edits the cell and clears it', async () => {
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: source.split(/(?<=\n)/) });
    const notebookJson = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Churn model\n'] },
        cell('import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\n'),
        cell('df = pd.read_csv("data/train.csv")\ny = df["label"]\nX = df[["age", "income", "sessions_7d"]]\nX_scaled = StandardScaler().fit_transform(X)'),
        cell('X_train, X_test, y_train, y_test = train_test_split(X_scaled, y)'),
      ],
    };
    const uri = await writeFile('ipynb', JSON.stringify(notebookJson, null, 1));
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    assert.equal(notebook.notebookType, 'jupyter-notebook');
    await vscode.window.showNotebookDocument(notebook);
    const fitCell = notebook.cellAt(2).document;
    const splitCell = notebook.cellAt(3).document;

    const leak = await waitForDiagnostic(fitCell.uri, 'preprocessing-before-split');
    assert.equal(leak.range.start.line, 3, 'line 4 of cell 3');
    assert.equal(leak.relatedInformation?.[0].location.uri.toString(), splitCell.uri.toString(), 'the split, in the next cell');
    const seed = await waitForDiagnostic(splitCell.uri, 'unseeded-randomness');
    assert.equal(seed.range.start.line, 0);

    const fix = await action(splitCell.uri, seed, 'Add random_state=42');
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(splitCell.getText(), 'X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=42)');
    await waitForNoDiagnostic(splitCell.uri, 'unseeded-randomness');
    assert.equal(reviewDiagnostics(fitCell.uri, 'preprocessing-before-split').length, 1, 'the other cell keeps its finding');

    // Typing in a cell re-reviews the notebook: the ignore comment silences the leak.
    const disable = await action(fitCell.uri, leak, 'Disable preprocessing-before-split for this line');
    assert.ok(disable.edit && (await vscode.workspace.applyEdit(disable.edit)));
    assert.equal(fitCell.lineAt(3).text, 'X_scaled = StandardScaler().fit_transform(X)  # gradient: ignore[preprocessing-before-split]');
    await waitForNoDiagnostic(fitCell.uri);
  });

  test('gradient.review.disabledRules skips a rule; gradient.review.enabled false clears every diagnostic, true brings them back', async () => {
    const document = await openScript(LEAKY);
    await waitForDiagnostic(document.uri, 'unseeded-randomness');
    const settings = vscode.workspace.getConfiguration('gradient.review');
    try {
      await settings.update('disabledRules', ['unseeded-randomness'], vscode.ConfigurationTarget.Global);
      await waitForNoDiagnostic(document.uri, 'unseeded-randomness');
      assert.equal(reviewDiagnostics(document.uri, 'preprocessing-before-split').length, 1);
      await settings.update('enabled', false, vscode.ConfigurationTarget.Global);
      await waitForNoDiagnostic(document.uri);
      // Off means off: typing does not bring them back.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, new vscode.Position(0, 0), '\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const { api } = await activateGradient();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await api.reviewSettled();
      assert.deepEqual(reviewDiagnostics(document.uri), []);
    } finally {
      await settings.update('enabled', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('disabledRules', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostic(document.uri, 'unseeded-randomness');
    await waitForDiagnostic(document.uri, 'preprocessing-before-split');
  });

  test('a document that stops being Python (its language changed) loses its diagnostics', async () => {
    const document = await openScript(LEAKY);
    await waitForDiagnostic(document.uri, 'unseeded-randomness');
    await closeAllEditors();
    // VS Code closes a document some time after its editor; a language change closes it at once.
    await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
    await waitForNoDiagnostic(document.uri);
  });
});
