/**
 * Drift on data where it lives, inside a real VS Code: two `.sql` files run on the PostgreSQL the
 * tier started (run-in-server.mjs), through `gradient.database.connection`. The report equals the
 * one from the same rows as files; a refused login asks for the password once, keeps it in the
 * secret storage, and Forget the database password drops it; the password is never shown.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DriftReport } from '../../src/core/reports/types';
import { openPostgres, type PostgresExecutor } from '../../src/core/sources/postgresExecutor';
import type { ReportView } from '../../src/protocol';
import { ROW_COLUMN, loadFileIntoPostgres, quoteIdentifier } from '../support/postgresTables';
import { activateGradient, capturingErrors, closeAllEditors, workspaceRoot } from './helpers';

const DIR = 'gradient-database-tests';

/** What the tier's runner tells the suite about its server; a missing one fails the suite (never a skip). */
function tierDatabase(): { url: string; passwordUrl: string; password: string } {
  const url = process.env.GRADIENT_TEST_POSTGRES_URL;
  const passwordUrl = process.env.GRADIENT_TEST_POSTGRES_PASSWORD_URL;
  const password = process.env.GRADIENT_TEST_POSTGRES_PASSWORD;
  if (!url || !passwordUrl || !password) {
    throw new Error('GRADIENT_TEST_POSTGRES_* is not set: run the suite through npm run test:integration, which starts PostgreSQL');
  }
  return { url, passwordUrl, password };
}

function writeQuery(name: string, sql: string): string {
  const dir = join(workspaceRoot().fsPath, DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), sql);
  return `${DIR}/${name}`;
}

async function setConnection(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('gradient').update('database.connection', value, vscode.ConfigurationTarget.Workspace);
}

async function openDrift(reference: string, current: string): Promise<ReportView | undefined> {
  return vscode.commands.executeCommand<ReportView | undefined>('gradient.openDriftReport', { reference, current });
}

/** Runs `run` with the extension's password prompt answered by `answer`; returns what was asked. */
async function answeringPasswordPrompts<T>(answer: string | undefined, run: () => Thenable<T> | Promise<T>): Promise<{ result: T; prompts: vscode.InputBoxOptions[] }> {
  const prompts: vscode.InputBoxOptions[] = [];
  const window = vscode.window as { showInputBox: (options?: vscode.InputBoxOptions) => Thenable<string | undefined> };
  const original = window.showInputBox;
  window.showInputBox = async (options?: vscode.InputBoxOptions) => {
    prompts.push(options ?? {});
    return answer;
  };
  try {
    return { result: await run(), prompts };
  } finally {
    window.showInputBox = original;
  }
}


/** Every number of two reports' columns within 1e-12 relative; text and counts equal. */
function assertSameColumns(actual: DriftReport, expected: DriftReport): void {
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (typeof a === 'number' && typeof b === 'number') {
      const relative = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
      assert.ok(relative <= 1e-12, `${path}: ${a} vs ${b}`);
      return;
    }
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
      assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), path);
      for (const key of Object.keys(a)) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      return;
    }
    assert.equal(a, b, path);
  };
  walk(actual.columns, expected.columns, 'columns');
  assert.equal(actual.summary.verdict, expected.summary.verdict);
}

suite('Drift on a database', () => {
  let executor: PostgresExecutor;
  let reference: string;
  let current: string;
  let fromFiles: DriftReport;

  suiteSetup(async function () {
    this.timeout(120_000);
    await activateGradient();
    const { url } = tierDatabase();
    executor = await openPostgres(url, {});
    // The examples' pair loaded with GRADIENT's own loader: the same rows as the files.
    const data = join(workspaceRoot().fsPath, 'data');
    const train = await loadFileIntoPostgres(executor, 'train', join(data, 'train.csv'));
    await loadFileIntoPostgres(executor, 'production', join(data, 'production.csv'));
    await executor.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst');
    const columns = train.columns.map((c) => quoteIdentifier(c.name)).filter((c) => c !== '"label"');
    const select = (table: string) => `-- ${table}: every column but the label\nSELECT ${columns.join(', ')}\nFROM ${table}\nORDER BY ${ROW_COLUMN};\n`;
    reference = writeQuery('reference.sql', select('train'));
    current = writeQuery('current.sql', select('production'));
    const files = await vscode.commands.executeCommand<ReportView>('gradient.openDriftReport', { reference: 'data/train.csv', current: 'data/production.csv' });
    fromFiles = files.report as DriftReport;
  });

  suiteTeardown(async () => {
    await setConnection(undefined);
    await executor?.close();
  });

  test('two .sql files run on gradient.database.connection give the files\' report, counted by PostgreSQL', async function () {
    this.timeout(60_000);
    await setConnection(tierDatabase().url);
    const view = await openDrift(reference, current);
    assert.ok(view, 'a report');
    const report = view.report as DriftReport;
    assert.equal(report.engine, 'postgresql');
    assert.equal(report.reference.path, reference);
    assert.equal(report.current.path, current);
    // The files' report knows the label (train.csv has one); the queries leave it out.
    assertSameColumns(report, { ...fromFiles, columns: fromFiles.columns.filter((c) => c.name !== 'label') } as DriftReport);
  });

  test('without a connection, a .sql report says which setting to set and opens nothing', async () => {
    await setConnection(undefined);
    const { result, errors } = await capturingErrors(() => openDrift(reference, current));
    assert.equal(result, undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /a \.sql file runs on a database: set gradient\.database\.connection to postgresql:\/\/user@host:5432\/dbname/);
  });

  test('a refused login asks for the password once, keeps it in the secret storage, and Forget drops it', async function () {
    this.timeout(90_000);
    const { passwordUrl, password } = tierDatabase();
    // No panel open: a settings change reruns the open report panels (debounced), and that rerun
    // would replace the run this test starts when the change event lands after it.
    await closeAllEditors();
    await setConnection(passwordUrl);
    await vscode.commands.executeCommand('gradient.forgetDatabasePassword');

    // The server refuses the login: the prompt names the connection (never a password), the answer is kept.
    const first = await answeringPasswordPrompts(password, () => openDrift(reference, current));
    assert.equal(first.prompts.length, 1);
    assert.equal(first.prompts[0].password, true);
    assert.ok(first.prompts[0].prompt?.includes(passwordUrl), first.prompts[0].prompt);
    assert.ok(!first.prompts[0].prompt?.includes(password));
    assert.equal((first.result?.report as DriftReport).engine, 'postgresql');

    // Kept: the next report does not ask.
    const second = await answeringPasswordPrompts('not asked', () => openDrift(reference, current));
    assert.equal(second.prompts.length, 0);
    assert.ok(second.result);

    // Forgotten, then refused again: asked again, and a cancelled prompt shows the server's refusal without the password.
    await vscode.commands.executeCommand('gradient.forgetDatabasePassword');
    const { result, errors } = await capturingErrors(() => answeringPasswordPrompts(undefined, () => openDrift(reference, current)));
    assert.equal(result.prompts.length, 1);
    assert.equal(result.result, undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /analyst@127\.0\.0\.1/);
    assert.ok(!errors[0].includes(password));
  });

  test('a password written into the setting is refused: settings are plain text', async () => {
    const { passwordUrl } = tierDatabase();
    await setConnection(passwordUrl.replace('analyst@', 'analyst:hunter2@'));
    const { errors } = await capturingErrors(() => openDrift(reference, current));
    assert.equal(errors.length, 1);
    assert.match(errors[0], /gradient\.database\.connection holds a password/);
    assert.ok(!errors[0].includes('hunter2'));
  });
});
