import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GradientApi } from '../../src/extension';
import type { Catalog, Snippet } from '../../src/core/patterns/catalog';

export const EXTENSION_ID = 'gradient-ml.gradient';

export async function activateGradient(): Promise<{ api: GradientApi; extension: vscode.Extension<GradientApi> }> {
  const extension = vscode.extensions.getExtension<GradientApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed in the extension host`);
  const api = await extension.activate();
  return { api, extension };
}

export async function readCatalog(extension: vscode.Extension<unknown>): Promise<Catalog> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, 'dist', 'catalog.json'));
  return JSON.parse(new TextDecoder().decode(bytes)) as Catalog;
}

export function findSnippet(catalog: Catalog, predicate: (snippet: Snippet) => boolean): Snippet {
  const snippet = catalog.patternFiles.flatMap((file) => file.snippets).find(predicate);
  assert.ok(snippet, 'the catalog has a snippet matching the test');
  return snippet;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests run with a workspace folder open');
  return folder.uri;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a truthy value, for UI state that settles asynchronously. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export async function closeAllEditors(): Promise<void> {
  // Revert instead of prompting to save: tests leave no dirty editors behind.
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function openTabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
}

/** Collects the error messages GRADIENT shows while `run` runs. */
export async function capturingErrors<T>(run: () => Thenable<T> | Promise<T>): Promise<{ result: T; errors: string[] }> {
  const errors: string[] = [];
  const window = vscode.window as { showErrorMessage: (...args: unknown[]) => Thenable<unknown> };
  const original = window.showErrorMessage;
  window.showErrorMessage = (...args: unknown[]) => {
    errors.push(String(args[0]));
    return original.apply(vscode.window, args);
  };
  try {
    return { result: await run(), errors };
  } finally {
    window.showErrorMessage = original;
  }
}
