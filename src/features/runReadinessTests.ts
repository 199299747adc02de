/**
 * GRADIENT: Run readiness tests — pytest on the workspace's tests (GRADIENT's marked ones and the
 * user's own), or on one checklist item's tests, with JUnit XML written to the extension's storage
 * (never the workspace), then the readiness check again with those results, so the side bar shows
 * them. The interpreter: `gradient.readiness.pythonPath` when set, else the Python extension's
 * active environment, else python3. Progress with Cancel (which ends the whole process tree);
 * output in the "GRADIENT Tests" channel. No TestController: the Python extension already lists
 * these tests in the Testing view. In Restricted Mode this is the one thing refused, saying why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, registerCommand, UserFacingError } from '../commands';
import type { ReadinessItem } from '../core/readiness/index';
import { DEFAULT_INTERPRETER, interpreterFromSetting, PYTEST_ROOT_FILES, pytestArguments, pytestFolder, pytestOutcome, type PytestOutcome } from '../pytestRun';
import type { ReadinessService } from '../readinessService';
import { VsCodeWorkspaceReader } from '../workspaceReader';
import { itemFromArgument } from './readinessView';

export const PYTHON_PATH_SETTING = 'readiness.pythonPath';

/** What a run did, for the notification and the integration tests. */
export interface TestRunResult {
  readonly outcome: PytestOutcome | 'cancelled';
  readonly exitCode: number | null;
  readonly interpreter: string;
  readonly cwd: string;
  readonly junit: string;
}

/** The interpreter: the setting, else the Python extension's environment for the folder, else python3. */
async function interpreterFor(folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel): Promise<{ command: string; from: string }> {
  const setting = interpreterFromSetting(vscode.workspace.getConfiguration('gradient', folder.uri).get<string>(PYTHON_PATH_SETTING), folder.uri.fsPath);
  if (setting) return { command: setting, from: `gradient.${PYTHON_PATH_SETTING}` };
  const fromExtension = await pythonExtensionInterpreter(folder.uri, log);
  if (fromExtension) return { command: fromExtension, from: vscode.l10n.t('the Python extension') };
  return { command: DEFAULT_INTERPRETER, from: vscode.l10n.t('the default') };
}

/** The Python extension's active interpreter, guarded at every step: any surprise means "none". */
async function pythonExtensionInterpreter(resource: vscode.Uri, log: vscode.LogOutputChannel): Promise<string | undefined> {
  try {
    const extension = vscode.extensions.getExtension('ms-python.python');
    if (!extension) return undefined;
    const api = (extension.isActive ? extension.exports : await extension.activate()) as unknown;
    const environments = (api as { environments?: Record<string, unknown> } | undefined)?.environments;
    const getActive = environments?.getActiveEnvironmentPath;
    if (typeof getActive !== 'function') return undefined;
    const active = getActive.call(environments, resource) as { path?: unknown } | undefined;
    const resolve = environments?.resolveEnvironment;
    if (typeof resolve === 'function' && active) {
      const resolved = (await resolve.call(environments, active)) as { executable?: { uri?: { fsPath?: unknown } } } | undefined;
      const executable = resolved?.executable?.uri?.fsPath;
      if (typeof executable === 'string' && executable) return executable;
    }
    return typeof active?.path === 'string' && active.path ? active.path : undefined;
  } catch (error) {
    log.warn('the Python extension gave no interpreter; using the fallback', error);
    return undefined;
  }
}

/** Where pytest writes: a file path on this machine (extension storage; a temp folder if storage is remote). */
function localPath(uri: vscode.Uri, name: string): string {
  return uri.scheme === 'file' ? uri.fsPath : join(tmpdir(), name);
}

/** Ends the process and its children: pytest may have started servers or workers. */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F']);
    return;
  }
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  setTimeout(() => {
    try {
      if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
  }, 2000).unref();
}

export function register(
  _context: vscode.ExtensionContext,
  deps: { readiness: ReadinessService; log: vscode.LogOutputChannel },
): vscode.Disposable & { lastRun(): TestRunResult | undefined; cancel(): void } {
  const { readiness: service, log } = deps;
  const output = vscode.window.createOutputChannel('GRADIENT Tests');
  let last: TestRunResult | undefined;
  let running = false;
  /** Cancels the run in progress, as its notification's Cancel button does. */
  let cancelRun: (() => void) | undefined;

  const run = async (item: ReadinessItem | undefined): Promise<TestRunResult | undefined> => {
    if (!vscode.workspace.isTrusted) {
      const manage = vscode.l10n.t('Manage Workspace Trust');
      void vscode.window
        .showWarningMessage(
          vscode.l10n.t(
            'GRADIENT: running the tests runs code from this workspace, which Restricted Mode does not allow. Trust the workspace to run them; the readiness check, the side bar and the config diagnostics work without it.',
          ),
          manage,
        )
        .then((answer) => {
          if (answer === manage) void vscode.commands.executeCommand('workbench.trust.manage');
        });
      return undefined;
    }
    if (running) throw new UserFacingError(vscode.l10n.t('the readiness tests are already running: cancel that run first.'));
    const folder = service.folder;
    if (!folder) throw new UserFacingError(vscode.l10n.t('open a folder first: the tests run in it.'));
    if (folder.uri.scheme !== 'file') throw new UserFacingError(vscode.l10n.t('the tests run only in a folder on disk, not in {0}.', folder.uri.toString()));
    const testIds = item?.action?.kind === 'run-tests' ? item.action.testIds : [];

    const reader = new VsCodeWorkspaceReader(folder);
    const rootFiles = await reader.findFiles(PYTEST_ROOT_FILES.map((name) => `**/${name}`));
    const relativeCwd = pytestFolder(rootFiles);
    const cwd = relativeCwd === '' ? folder.uri.fsPath : reader.uri(relativeCwd).fsPath;
    const final = service.junitUri(folder, testIds.length > 0 ? item?.id : undefined);
    await vscode.workspace.fs.createDirectory(service.junitFolder(folder));
    // pytest writes to a scratch file; only a run that finished replaces the last results.
    const scratch = final.with({ path: final.path.replace(/\.xml$/, '.running.xml') });
    const junit = localPath(scratch, 'gradient-junit.running.xml');
    const interpreter = await interpreterFor(folder, log);
    const args = pytestArguments({ folder: relativeCwd, testIds, junitFile: junit });

    running = true;
    try {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: item ? vscode.l10n.t('GRADIENT: running the tests of "{0}"', item.text) : vscode.l10n.t('GRADIENT: running the readiness tests'),
          cancellable: true,
        },
        (progress, token) =>
          new Promise<TestRunResult>((resolve, reject) => {
            output.appendLine(`$ cd ${cwd}`);
            output.appendLine(`$ ${interpreter.command} ${args.join(' ')}    # ${vscode.l10n.t('interpreter from {0}', interpreter.from)}`);
            const child = spawn(interpreter.command, args, { cwd, detached: process.platform !== 'win32', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
            let cancelled = false;
            cancelRun = () => {
              if (cancelled) return;
              cancelled = true;
              output.appendLine(vscode.l10n.t('— cancelled: stopping pytest and its child processes'));
              killTree(child);
            };
            const cancel = token.onCancellationRequested(() => cancelRun?.());
            let passed = 0;
            let failed = 0;
            const onData = (chunk: Buffer) => {
              const text = chunk.toString('utf8');
              output.append(text);
              // `-rA` prints one PASSED/FAILED line per test at the end; the dots before count progress.
              for (const line of text.split('\n')) {
                if (/^(PASSED|XPASS) /.test(line)) passed++;
                else if (/^(FAILED|ERROR) /.test(line)) failed++;
              }
              if (passed + failed > 0) progress.report({ message: vscode.l10n.t('{0} passed, {1} failed', passed, failed) });
            };
            child.stdout.on('data', onData);
            child.stderr.on('data', (chunk: Buffer) => output.append(chunk.toString('utf8')));
            child.on('error', (error: NodeJS.ErrnoException) => {
              cancel.dispose();
              reject(
                new UserFacingError(
                  error.code === 'ENOENT'
                    ? vscode.l10n.t('the Python interpreter "{0}" (from {1}) was not found: set gradient.{2} to a Python with pytest.', interpreter.command, interpreter.from, PYTHON_PATH_SETTING)
                    : vscode.l10n.t('pytest could not start with "{0}": {1}', interpreter.command, error.message),
                ),
              );
            });
            child.on('close', (code) => {
              cancel.dispose();
              output.appendLine(vscode.l10n.t('— pytest exited with code {0}', String(code)));
              resolve({ outcome: cancelled ? 'cancelled' : pytestOutcome(code), exitCode: code, interpreter: interpreter.command, cwd, junit: final.toString() });
            });
          }),
      );
      last = result;
      if (result.outcome === 'cancelled') return result;
      const scratchFile = scratch.scheme === 'file' ? scratch : vscode.Uri.file(junit);
      const wroteResults = await vscode.workspace.fs.stat(scratchFile).then(
        () => true,
        () => false,
      );
      // Exit 2 with results is a run stopped by collection errors: its JUnit file says which.
      if (!wroteResults || result.outcome === 'error') {
        output.show(true);
        throw new UserFacingError(
          vscode.l10n.t('pytest did not finish (exit code {0}): is pytest installed for {1}? See the "GRADIENT Tests" output.', String(result.exitCode), interpreter.command),
        );
      }
      await vscode.workspace.fs.rename(scratchFile, final, { overwrite: true });
      if (testIds.length === 0) await service.dropItemRuns(folder);
      const report = await service.evaluate().catch(() => undefined);
      const run = report?.testRun;
      const show = vscode.l10n.t('Show output');
      const message = run
        ? vscode.l10n.t('GRADIENT tests: {0} passed, {1} failed, {2} errors, {3} skipped.', run.passed, run.failed, run.errors, run.skipped)
        : result.outcome === 'no-tests'
          ? vscode.l10n.t('GRADIENT tests: pytest found no tests in {0}.', cwd)
          : vscode.l10n.t('GRADIENT tests: pytest exited with code {0}.', String(result.exitCode));
      const stopped = result.outcome === 'interrupted' ? ` ${vscode.l10n.t('pytest stopped early (exit code 2): a test module failed to import; see the output.')}` : '';
      const notice = result.outcome === 'passed' ? vscode.window.showInformationMessage(message, show) : vscode.window.showWarningMessage(message + stopped, show);
      void notice.then((answer) => answer === show && output.show(true));
      return result;
    } finally {
      running = false;
      cancelRun = undefined;
    }
  };

  const disposable = vscode.Disposable.from(
    output,
    registerCommand(Commands.runReadinessTests, log, async (argument?: unknown) => run(argument === undefined ? undefined : itemFromArgument(service, argument))),
  );
  return Object.assign(disposable, { lastRun: () => last, cancel: () => cancelRun?.() });
}
