/**
 * The reports inside a real VS Code extension host: each command opens its panel with the report
 * computed by the worker, export writes the three formats (never over an input), a cancelled run
 * and a bad file leave no panel, reruns and settings changes recompute, and the extension host
 * stays responsive while a large pair is read.
 *
 * The tests write their own small CSVs into the workspace (a temporary copy of examples/).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CalibrationReport, CusumReport, DriftReport, GradientReport } from '../../src/core/reports/types';
import { cusumThreshold } from '../../src/core/stats/cusumThreshold';
import type { ReportView } from '../../src/protocol';
import { activateGradient, capturingErrors, closeAllEditors, sleep, waitFor, workspaceRoot } from './helpers';

const DIR = 'gradient-report-tests';

/** A small deterministic generator (mulberry32), so every run sees the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function write(name: string, text: string): string {
  const dir = join(workspaceRoot().fsPath, DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return `${DIR}/${name}`;
}

/** `rows` rows of age (normal around `ageMean`), income, country (categorical) and a stable column. */
function driftCsv(rows: number, seed: number, ageMean: number, countries: readonly string[]): string {
  const rand = random(seed);
  const lines = ['age,income,country,stable'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${(ageMean + 8 * normal(rand)).toFixed(1)},${Math.round(40000 + 9000 * normal(rand))},${countries[Math.floor(rand() * countries.length)]},${(rand() * 10).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}

function isReportTab(tab: vscode.Tab): boolean {
  return tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('gradient.report');
}

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter(isReportTab);
}

/** The workbench's tab model follows the extension host's panels asynchronously. */
async function waitForTabs(labels: string[]): Promise<void> {
  await waitFor(`report tabs ${JSON.stringify(labels)} (open: ${JSON.stringify(reportTabs().map((t) => t.label))})`, () =>
    JSON.stringify(reportTabs().map((t) => t.label)) === JSON.stringify(labels),
  );
}


/**
 * `gradient ARGS --format json` run from the workspace folder with the extension's own CLI bundle,
 * so relative paths name the files exactly as the editor does (workspace-relative).
 */
function cli(extensionPath: string, args: readonly string[]): GradientReport {
  const out = execFileSync(process.execPath, [join(extensionPath, 'dist', 'cli.js'), ...args, '--format', 'json', '--fail-on', 'never'], {
    cwd: workspaceRoot().fsPath,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return JSON.parse(out) as GradientReport;
}

async function openDrift(reference: string, current: string): Promise<ReportView | undefined> {
  return vscode.commands.executeCommand<ReportView | undefined>('gradient.openDriftReport', { reference, current });
}

suite('Reports', () => {
  let reference: string;
  let current: string;

  suiteSetup(async () => {
    await activateGradient();
    reference = write('reference.csv', driftCsv(4000, 1, 40, ['US', 'DE', 'BR']));
    current = write('current.csv', driftCsv(3000, 2, 47, ['US', 'DE', 'BR', 'IN']));
  });

  setup(async () => {
    await closeAllEditors();
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), DIR), { recursive: true });
  });

  test('Open drift report with { reference, current } opens one panel with the drift report of every column', async () => {
    const { api } = await activateGradient();
    const view = await openDrift(reference, current);
    assert.ok(view, 'the command returns the report view');
    const report = view.report as DriftReport;
    assert.equal(report.report, 'drift');
    assert.equal(report.reference.path, `${DIR}/reference.csv`, 'files are named workspace-relative');
    assert.equal(report.reference.rows, 4000);
    assert.equal(report.current.rows, 3000);
    assert.deepEqual(report.columns.map((c) => c.name), ['age', 'income', 'country', 'stable']);
    const byName = Object.fromEntries(report.columns.map((c) => [c.name, c]));
    assert.equal(byName.age.status, 'drift', 'a 7-year shift of age drifts');
    assert.equal(byName.country.status, 'drift', 'a new country drifts');
    assert.equal(byName.stable.status, 'ok');
    assert.equal(byName.income.status, 'ok');
    assert.equal(report.summary.status, 'drift');
    assert.ok(view.elapsedMs >= 0 && !Number.isNaN(Date.parse(view.computedAt)));
    assert.deepEqual(api.latestReport(), view);
    assert.deepEqual(api.openReports(), [view]);
    await waitForTabs(['Drift: reference.csv → current.csv']);
  });

  test('a second drift report reuses the drift panel; absolute paths work too', async () => {
    const { api } = await activateGradient();
    await openDrift(reference, current);
    const root = workspaceRoot().fsPath;
    const view = await openDrift(join(root, current), join(root, reference));
    assert.ok(view);
    assert.equal((view.report as DriftReport).reference.path, `${DIR}/current.csv`);
    await waitForTabs(['Drift: current.csv → reference.csv']);
    assert.equal(api.openReports().length, 1);
  });

  test('the example data: identifiers and times are not tested, the label keeps its check, and what drifted says why', async () => {
    assert.ok(existsSync(join(workspaceRoot().fsPath, 'data', 'train.csv')), 'the examples/ workspace holds data/train.csv');
    const view = await openDrift('data/train.csv', 'data/production.csv');
    assert.ok(view);
    const report = view.report as DriftReport;
    assert.deepEqual(report.skipped.map((s) => [s.name, s.reason]), [['user_id', 'identifier'], ['timestamp', 'time'], ['features_as_of', 'time']]);
    assert.equal(report.label?.name, 'label');
    const byName = Object.fromEntries(report.columns.map((c) => [c.name, c]));
    assert.deepEqual(Object.keys(byName).sort(), ['age', 'country', 'device', 'income', 'sessions_7d']);
    assert.equal(byName.age.status, 'drift');
    assert.ok(byName.age.triggers.includes('missing-drift'), byName.age.reason);
    assert.equal(byName.device.status, 'drift');
    for (const column of report.columns) assert.ok(column.reason.length > 10, `${column.name} says why`);
  });

  test('the CLI and the editor make the same report from the same files and options (issue 7)', async () => {
    const { extension } = await activateGradient();
    const path = extension.extensionUri.fsPath;
    const drift = await openDrift(reference, current);
    assert.deepEqual(cli(path, ['drift', reference, current]), drift!.report);
    const examples = await openDrift('data/train.csv', 'data/production.csv');
    assert.deepEqual(cli(path, ['drift', 'data/train.csv', 'data/production.csv']), examples!.report);
    const stream = await vscode.commands.executeCommand<ReportView>('gradient.openConceptDriftReport', { file: 'data/accuracy_stream.csv', column: 'accuracy', timeColumn: 'timestamp' });
    assert.deepEqual(cli(path, ['cusum', 'data/accuracy_stream.csv', '--column', 'accuracy', '--time-column', 'timestamp']), stream!.report);
    assert.equal((stream!.report as CusumReport).sortedBy, 'timestamp');
    const calibration = await vscode.commands.executeCommand<ReportView>('gradient.openCalibrationReport', { file: 'data/predictions.csv', confidence: 'probability', correct: 'label' });
    assert.deepEqual(cli(path, ['calibration', 'data/predictions.csv', '--confidence', 'probability', '--correct', 'label']), calibration!.report);

    // A setting and the CLI flag of the same option mean the same thing.
    const config = vscode.workspace.getConfiguration('gradient');
    try {
      await config.update('drift.minEffect', 0.05, vscode.ConfigurationTarget.Workspace);
      await config.update('drift.columnRoles', { sessions_7d: 'ignore' }, vscode.ConfigurationTarget.Workspace);
      await sleep(1000);
      const tuned = await openDrift('data/train.csv', 'data/production.csv');
      assert.equal((tuned!.report as DriftReport).options.minEffect, 0.05);
      assert.deepEqual(cli(path, ['drift', 'data/train.csv', 'data/production.csv', '--min-effect', '0.05', '--role', 'sessions_7d=ignore']), tuned!.report);
    } finally {
      await config.update('drift.minEffect', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('drift.columnRoles', undefined, vscode.ConfigurationTarget.Workspace);
      await sleep(1000);
    }
  });

  test('Parquet and JSON Lines files load in the worker too', async () => {
    const { extension } = await activateGradient();
    const fixture = (name: string) => vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'data', name).fsPath;
    const parquet = await openDrift(fixture('typed.snappy.parquet'), fixture('typed.gzip.parquet'));
    assert.ok(parquet);
    const report = parquet.report as DriftReport;
    assert.equal(report.reference.rows, 10);
    assert.ok(report.columns.length >= 4);
    assert.equal(report.summary.drifted, 0, 'the same table, compressed two ways, does not drift');
    const jsonl = await openDrift(fixture('events.jsonl'), fixture('events.jsonl'));
    assert.ok(jsonl);
    assert.ok((jsonl.report as DriftReport).columns.some((c) => c.name === 'age'));
  });

  test('Open calibration report with { file, confidence, correct } opens the calibration panel', async () => {
    const rand = random(3);
    const lines = ['id,probability,label'];
    for (let i = 0; i < 2000; i++) {
      const p = rand();
      // Overconfident model: the true rate is pulled toward 0.5.
      lines.push(`${i},${p.toFixed(4)},${rand() < 0.5 + (p - 0.5) * 0.6 ? 1 : 0}`);
    }
    const file = write('predictions.csv', `${lines.join('\n')}\n`);
    const view = await vscode.commands.executeCommand<ReportView>('gradient.openCalibrationReport', { file, confidence: 'probability', correct: 'label' });
    assert.ok(view);
    const report = view.report as CalibrationReport;
    assert.equal(report.report, 'calibration');
    assert.equal(report.rows, 2000);
    assert.deepEqual(report.columns, { confidence: 'probability', correct: 'label' });
    assert.equal(report.bins.length, 10);
    assert.equal(report.status, 'miscalibrated');
    await waitForTabs(['Calibration: predictions.csv']);
  });

  test('Open calibration report from a file: the suggested columns come first in the column steps', async () => {
    const rand = random(4);
    const lines = ['user_id,segment,probability,label'];
    for (let i = 0; i < 500; i++) {
      const p = rand();
      lines.push(`${100000 + i},${['a', 'b'][i % 2]},${p.toFixed(3)},${rand() < p ? 1 : 0}`);
    }
    const file = vscode.Uri.joinPath(workspaceRoot(), write('scored.csv', `${lines.join('\n')}\n`));
    const running = vscode.commands.executeCommand<ReportView>('gradient.openCalibrationReport', file);
    await sleep(1500); // the columns are read in the worker, then step 2 shows
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(600);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const view = await running;
    assert.ok(view);
    assert.deepEqual((view.report as CalibrationReport).columns, { confidence: 'probability', correct: 'label' });
  });

  test('Open concept-drift report: CUSUM over a correctness column, in file order and sorted by time', async () => {
    const rand = random(5);
    const rows: Array<[string, number]> = [];
    for (let day = 0; day < 200; day++) {
      const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      const accuracy = day < 120 ? 0.92 : 0.8;
      rows.push([date, Number((accuracy + 0.01 * normal(rand)).toFixed(4))]);
    }
    const inOrder = write('accuracy.csv', `date,accuracy\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const ordered = await vscode.commands.executeCommand<ReportView>('gradient.openConceptDriftReport', { file: inOrder, column: 'accuracy' });
    assert.ok(ordered);
    const report = ordered.report as CusumReport;
    assert.equal(report.report, 'cusum');
    assert.equal(report.rows, 200);
    assert.equal(report.status, 'alarm');
    assert.ok(report.alarms.some((row) => row >= 120 && row < 135), `an alarm soon after the drop at row 120 (alarms ${report.alarms.join(', ')})`);

    // The same days shuffled: in file order the series is noise, sorted by date the drop is back.
    const shuffled = [...rows];
    const shuffle = random(6);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(shuffle() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const mixed = write('accuracy_shuffled.csv', `date,accuracy\n${shuffled.map((r) => r.join(',')).join('\n')}\n`);
    const sorted = await vscode.commands.executeCommand<ReportView>('gradient.openConceptDriftReport', { file: mixed, column: 'accuracy', timeColumn: 'date' });
    assert.ok(sorted);
    assert.deepEqual((sorted.report as CusumReport).alarms, report.alarms);
    await waitForTabs(['Concept drift: accuracy_shuffled.csv']);
  });

  test('the CUSUM k setting is in standard deviations and h comes from the ARL₀ setting', async () => {
    const config = vscode.workspace.getConfiguration('gradient');
    const rows = Array.from({ length: 100 }, (_, i) => `${i < 60 ? 0.9 + 0.01 * ((i * 7) % 5 - 2) : 0.86}`);
    const file = write('cusum_k.csv', `accuracy\n${rows.join('\n')}\n`);
    const base = (await vscode.commands.executeCommand<ReportView>('gradient.openConceptDriftReport', { file, column: 'accuracy' }))!.report as CusumReport;
    assert.ok(Math.abs(base.k - 0.5 * base.sigma) < 1e-12);
    assert.equal(base.hSigmas, cusumThreshold({ k: 0.5, arl0: 20_000 }));
    assert.equal(base.hSource, 'arl0');
    try {
      await config.update('cusum.k', 1, vscode.ConfigurationTarget.Workspace);
      await config.update('cusum.arl0', 500, vscode.ConfigurationTarget.Workspace);
      const tuned = (await vscode.commands.executeCommand<ReportView>('gradient.openConceptDriftReport', { file, column: 'accuracy' }))!.report as CusumReport;
      assert.equal(tuned.sigma, base.sigma);
      assert.ok(Math.abs(tuned.k - base.sigma) < 1e-12);
      assert.equal(tuned.hSigmas, cusumThreshold({ k: 1, arl0: 500 }));
      assert.ok(tuned.arl0 >= 500 && tuned.arl0 < 501);
      assert.equal(tuned.warmup, 30);
      assert.deepEqual(tuned.estimated, { target: true, sigma: true });
    } finally {
      await config.update('cusum.k', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('cusum.arl0', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('Export report writes HTML (charts, no script), JSON (the CLI schema) and Markdown', async () => {
    const view = await openDrift(reference, current);
    assert.ok(view);
    const root = workspaceRoot().fsPath;
    const json = await vscode.commands.executeCommand<string>('gradient.exportReport', { format: 'json', path: `${DIR}/out/report.json` });
    assert.equal(json, join(root, DIR, 'out', 'report.json'));
    assert.deepEqual(JSON.parse(readFileSync(json, 'utf8')), JSON.parse(JSON.stringify(view.report)));
    assert.equal(JSON.parse(readFileSync(json, 'utf8')).schemaVersion, 2);

    const markdown = await vscode.commands.executeCommand<string>('gradient.exportReport', { format: 'markdown', path: join(root, DIR, 'out', 'report.md') });
    const md = readFileSync(markdown, 'utf8');
    assert.match(md, /^### GRADIENT drift report/);
    for (const name of ['age', 'income', 'country', 'stable']) assert.ok(md.includes(name), `the Markdown names ${name}`);

    const html = await vscode.commands.executeCommand<string>('gradient.exportReport', { format: 'html', path: `${DIR}/out/report.html` });
    assert.ok(html, 'the HTML export returns its path');
    const page = readFileSync(html, 'utf8');
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, /Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(page, /<script/i);
    assert.doesNotMatch(page, /\son[a-z]+=/i);
    assert.doesNotMatch(page, /(?:src|href)="https?:/i, 'nothing loads from the network');
    assert.match(page, /<svg[\s\S]*?<(?:path|rect|line|circle)\b/, 'the charts are inline SVG');
    for (const name of ['age', 'income', 'country', 'stable']) assert.ok(page.includes(name), `the page names ${name}`);
  });

  test('Export HTML of a hidden panel reveals it and waits for its page first', async () => {
    await openDrift(reference, current);
    const rand = random(8);
    const rows = Array.from({ length: 300 }, () => `${rand().toFixed(3)},${rand() < 0.5 ? 1 : 0}`);
    const file = write('hidden.csv', `p,y\n${rows.join('\n')}\n`);
    await vscode.commands.executeCommand('gradient.openCalibrationReport', { file, confidence: 'p', correct: 'y' });
    await waitForTabs(['Drift: reference.csv → current.csv', 'Calibration: hidden.csv']);
    const html = await vscode.commands.executeCommand<string>('gradient.exportReport', { format: 'html', path: `${DIR}/out/hidden.html`, kind: 'drift' });
    assert.ok(html);
    const page = readFileSync(html, 'utf8');
    assert.match(page, /<title>GRADIENT · Drift: reference\.csv → current\.csv<\/title>/);
    assert.match(page, /<svg/);
    assert.doesNotMatch(page, /<script/i);
  });

  test('Export refuses to overwrite an input file of the report', async () => {
    await openDrift(reference, current);
    const before = readFileSync(join(workspaceRoot().fsPath, current), 'utf8');
    const { result, errors } = await capturingErrors(() => vscode.commands.executeCommand('gradient.exportReport', { format: 'json', path: current }));
    assert.equal(result, undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /input of the report/);
    assert.equal(readFileSync(join(workspaceRoot().fsPath, current), 'utf8'), before);
  });

  test('Export without a report of that kind, or in an unknown format, says so', async () => {
    await openDrift(reference, current);
    const { errors } = await capturingErrors(async () => {
      await vscode.commands.executeCommand('gradient.exportReport', { format: 'json', path: `${DIR}/x.json`, kind: 'calibration' });
      await vscode.commands.executeCommand('gradient.exportReport', { format: 'pdf', path: `${DIR}/x.pdf` });
    });
    assert.equal(errors.length, 2);
    assert.match(errors[0], /no report to export/);
    assert.match(errors[1], /format must be one of html, json, markdown/);
    assert.ok(!existsSync(join(workspaceRoot().fsPath, DIR, 'x.json')));
  });

  test('Rerun report recomputes on the same files: a changed file shows in the panel', async () => {
    const { api } = await activateGradient();
    const copy = write('current_copy.csv', readFileSync(join(workspaceRoot().fsPath, current), 'utf8'));
    const first = await openDrift(reference, copy);
    assert.ok(first);
    write('current_copy.csv', driftCsv(1500, 9, 40, ['US', 'DE', 'BR']));
    const rerun = await vscode.commands.executeCommand<ReportView>('gradient.rerunReport');
    assert.ok(rerun);
    assert.equal((rerun.report as DriftReport).current.rows, 1500);
    assert.deepEqual(api.latestReport(), rerun);
    assert.deepEqual(api.openReports(), [rerun]);
    await waitForTabs(['Drift: reference.csv → current_copy.csv']);
  });

  test('changing a setting recomputes the open report; an inconsistent setting is named in the error', async () => {
    const { api } = await activateGradient();
    const config = vscode.workspace.getConfiguration('gradient');
    const view = await openDrift(reference, current);
    assert.equal((view!.report as DriftReport).options.psiDrift, 0.25);
    try {
      await config.update('drift.psiDrift', 5, vscode.ConfigurationTarget.Workspace);
      const recomputed = await waitFor('the report recomputed with PSI drift 5', () => {
        const latest = api.latestReport()?.report as DriftReport | undefined;
        return latest?.options.psiDrift === 5 ? latest : undefined;
      });
      assert.equal(api.openReports().length, 1);
      assert.equal((api.openReports()[0].report as DriftReport).options.psiDrift, 5);
      assert.ok(recomputed.columns.find((c) => c.name === 'country')?.triggers.includes('chi-square'));

      const { result, errors } = await capturingErrors(async () => {
        await config.update('drift.psiWarning', 6, vscode.ConfigurationTarget.Workspace);
        await sleep(1500); // the settings change recomputes (and fails) after a short debounce
        return vscode.commands.executeCommand('gradient.openDriftReport', { reference, current });
      });
      assert.equal(result, undefined);
      assert.ok(errors.length >= 1);
      assert.ok(errors.every((e) => /gradient\.drift\.psiDrift.*gradient\.drift\.psiWarning/.test(e)), errors.join('\n'));
    } finally {
      await config.update('drift.psiDrift', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('drift.psiWarning', undefined, vscode.ConfigurationTarget.Workspace);
      await sleep(1000);
    }
  });

  test('a Latin-1 file: an error naming the line and the setting; with gradient.data.encoding it reads, and the report says so (issue 8)', async () => {
    await activateGradient();
    const config = vscode.workspace.getConfiguration('gradient');
    const latin1 = (name: string, cities: readonly string[]) => {
      const path = join(workspaceRoot().fsPath, DIR, name);
      mkdirSync(join(workspaceRoot().fsPath, DIR), { recursive: true });
      writeFileSync(path, Buffer.from(`id,city\n${cities.map((city, i) => `${i},${city}\n`).join('')}`, 'latin1'));
      return `${DIR}/${name}`;
    };
    const ref = latin1('latin1-ref.csv', [...Array(200).fill('M\xfcller'), ...Array(200).fill('M\xf6ller')]);
    const cur = latin1('latin1-cur.csv', [...Array(300).fill('M\xfcller'), ...Array(100).fill('M\xf6ller')]);
    const { result, errors } = await capturingErrors(() => vscode.commands.executeCommand('gradient.openDriftReport', { reference: ref, current: cur }));
    assert.equal(result, undefined);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /latin1-ref\.csv line 2 is not UTF-8 .*gradient\.data\.encoding/);
    try {
      await config.update('data.encoding', 'windows-1252', vscode.ConfigurationTarget.Workspace);
      const view = await openDrift(ref, cur);
      const report = view!.report as DriftReport;
      assert.equal(report.reference.encoding, 'windows-1252');
      const city = report.columns.find((c) => c.name === 'city');
      assert.ok(city && city.kind === 'categorical');
      assert.deepEqual(city.psiCategories.map((c) => [c.category, c.referenceCount, c.currentCount]).sort(), [['Möller', 200, 100], ['Müller', 200, 300]]);
    } finally {
      await config.update('data.encoding', undefined, vscode.ConfigurationTarget.Workspace);
      await sleep(1000);
    }
  });

  test('a bad file gives one error naming the file and column, and no panel', async () => {
    const { api } = await activateGradient();
    const before = api.latestReport();
    const cases: Array<[unknown, RegExp]> = [
      [{ reference, current: `${DIR}/no-such-file.csv` }, /no-such-file\.csv does not exist/],
      [{ reference, current: write('empty.csv', '') }, /empty\.csv is empty/],
      [{ reference, current: write('header_only.csv', 'age,income,country,stable\n') }, /header_only\.csv has a header but no data rows/],
      [{ reference, current: write('other.csv', 'x,z\n1,2\n3,4\n') }, /no feature column in common/],
      [{ reference: 42, current }, /reference must be a file path/],
      [{ reference, current, extra: 1 }, /unknown: extra/],
    ];
    for (const [args, expected] of cases) {
      const { result, errors } = await capturingErrors(() => vscode.commands.executeCommand('gradient.openDriftReport', args));
      assert.equal(result, undefined);
      assert.equal(errors.length, 1, JSON.stringify(args));
      assert.match(errors[0], expected);
      assert.doesNotMatch(errors[0], new RegExp(workspaceRoot().fsPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the message names the file workspace-relative');
    }
    const calibration = await capturingErrors(() =>
      vscode.commands.executeCommand('gradient.openCalibrationReport', { file: reference, confidence: 'income', correct: 'country' }),
    );
    assert.equal(calibration.errors.length, 1);
    assert.match(calibration.errors[0], /reference\.csv/);
    assert.match(calibration.errors[0], /"income"|"country"/);
    const cusum = await capturingErrors(() => vscode.commands.executeCommand('gradient.openConceptDriftReport', { file: reference, column: 'Age' }));
    assert.match(cusum.errors[0], /reference\.csv has no column "Age".*did you mean "age"/);
    assert.deepEqual(reportTabs(), []);
    assert.equal(api.latestReport(), before);
  });

  test('a cancelled run stops the worker and leaves no panel; the extension host stays responsive meanwhile', async function () {
    this.timeout(120000);
    const { api } = await activateGradient();
    const big = join(workspaceRoot().fsPath, DIR, 'big.csv');
    if (!existsSync(big) || statSync(big).size < 20e6) {
      const text = driftCsv(1_000_000, 11, 40, ['US', 'DE', 'BR', 'IN', 'FR']);
      writeFileSync(big, text);
    }
    const before = api.latestReport();
    const started = Date.now();
    const running = Promise.resolve(vscode.commands.executeCommand('gradient.openDriftReport', { reference: `${DIR}/big.csv`, current: `${DIR}/big.csv` }));
    let settled = false;
    void running.then(() => (settled = true), () => (settled = true));
    // The work runs in a worker thread: the extension host answers commands while it reads.
    // Were it blocked, these round trips could only complete after the report had finished.
    const roundTrips: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = Date.now();
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      roundTrips.push(Date.now() - t);
      await sleep(30);
    }
    assert.equal(settled, false, 'the extension host served 8 commands while the 1M-row report was still running');
    api.cancelReports();
    const cancelledAfter = Date.now() - started;
    assert.equal(await running, undefined);
    // Timings are measurements for the closing note, not assertions (see test/bench for speed).
    writeFileSync(join(tmpdir(), 'gradient-cancel-measurement.json'), JSON.stringify({ cancelledAfter, endedAfter: Date.now() - started, roundTrips }));
    await sleep(500);
    assert.deepEqual(reportTabs(), []);
    assert.equal(api.latestReport(), before);
  });

  test('the side bar view opens in the GRADIENT container', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.gradient');
    await vscode.commands.executeCommand('gradient.sidebar.focus');
  });
});
