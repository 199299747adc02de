/**
 * Helpers for UI tests that drive the PACKAGED extension (dist/gradient.vsix, from
 * `npm run package`) in a real VS Code workbench: VS Code's server on 127.0.0.1 with the .vsix
 * installed into a fresh extensions folder, and the workbench in Debian's Chromium.
 *
 *   const gradient = await startGradient({ theme: 'Default Dark Modern' });
 *   await runCommand(gradient.page, 'GRADIENT: Assess stage');
 *   await pickQuickItem(gradient.page, 'E) Model serving');
 *   await screenshot(gradient.page, 'assess-stage-serving');
 *   await gradient.stop();
 *
 * Selectors are VS Code's stable class names (.monaco-workbench, .quick-input-widget) and ARIA
 * roles; screenshots go to test/e2e/screenshots/ (ignored by git) — look at them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { installVsix, launchChromium, QUIET_SETTINGS, startServer, writeUserSettings } from '../../scripts/vscode-runtime.mjs';

export const REPO = resolve(__dirname, '../..');
export const VSIX = join(REPO, 'dist', 'gradient.vsix');
export const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');

export type Theme =
  | 'Default Light Modern'
  | 'Default Dark Modern'
  | 'Default High Contrast'
  | 'Default High Contrast Light'
  | 'Solarized Light';

export interface GradientOptions {
  /** The folder to open. Default: a temporary copy of examples/, removed by stop(). */
  workspace?: string;
  /**
   * true: workspace trust is on and the folder opens untrusted, in Restricted Mode, without a
   * prompt. Default false: the server runs with --disable-workspace-trust.
   */
  trust?: boolean;
  /** Default: 'Default Light Modern'. */
  theme?: Theme;
  /** More user settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
}

export interface Gradient {
  page: Page;
  browser: Browser;
  /** The folder the workbench has open. */
  workspace: string;
  baseUrl: string;
  /** The VS Code server's output so far (extension host launches, errors). */
  serverLog(): string;
  stop(): Promise<void>;
}

/** Installs the .vsix into a fresh profile, starts VS Code and opens the workbench, ready to drive. */
export async function startGradient(options: GradientOptions = {}): Promise<Gradient> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run package`);
  const trust = options.trust ?? false;
  const temp = mkdtempSync(join(tmpdir(), 'gradient-e2e-'));
  const userDataDir = join(temp, 'user-data');
  const extensionsDir = join(temp, 'extensions');
  const workspace = options.workspace ?? copyExamples(join(temp, 'workspace'));

  await installVsix({ vsix: VSIX, extensionsDir, userDataDir });
  writeUserSettings(userDataDir, {
    ...QUIET_SETTINGS,
    'workbench.colorTheme': options.theme ?? 'Default Light Modern',
    'security.workspace.trust.enabled': trust,
    // No modal trust prompt: an untrusted folder opens straight in Restricted Mode.
    'security.workspace.trust.startupPrompt': 'never',
    ...options.settings,
  });

  const server = await startServer({ workspace, userDataDir, extensionsDir, disableWorkspaceTrust: !trust });
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    await page.goto(server.workbenchUrl());
    await waitForWorkbench(page);
    if (trust) await page.locator('.part.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: 60000 });
    await waitForGradientCommands(page);
    const openBrowser = browser;
    return {
      page,
      browser,
      workspace,
      baseUrl: server.baseUrl,
      serverLog: server.serverLog,
      async stop() {
        await openBrowser.close();
        await server.stop();
        rmSync(temp, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (page) await screenshot(page, 'startGradient-failure').catch(() => undefined);
    await browser?.close();
    await server.stop();
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Copies the repository's examples/ to `target` (tests may change files; examples/ stays as it is). */
export function copyExamples(target: string): string {
  const examples = join(REPO, 'examples');
  if (existsSync(examples)) cpSync(examples, target, { recursive: true });
  else mkdirSync(target, { recursive: true });
  return target;
}

/** The workbench has rendered its parts and the folder is open in the explorer. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  await page.locator('.part.statusbar').waitFor({ timeout: 60000 });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60000 });
}

/**
 * GRADIENT's commands are in the palette. The workbench shows before the extension host has
 * registered the installed extensions, and an open palette does not refresh: reopen until listed.
 */
async function waitForGradientCommands(page: Page): Promise<void> {
  const deadline = Date.now() + 60000;
  for (;;) {
    await openCommandPalette(page, 'GRADIENT:');
    const listed = await quickInput(page)
      .getByRole('option', { name: /^GRADIENT: / })
      .first()
      .waitFor({ timeout: 2000 })
      .then(() => true, () => false);
    await page.keyboard.press('Escape');
    if (listed) return;
    if (Date.now() > deadline) throw new Error('the GRADIENT commands never appeared in the command palette: is the extension in dist/gradient.vsix broken?');
  }
}

/**
 * The open quick input (command palette, quick picks, input boxes). A closed one stays in the DOM,
 * hidden, with its last rows: only the visible widget counts.
 */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget:visible');
}

/** The text box of the open quick input. */
export function quickInputBox(page: Page): Locator {
  return quickInput(page).locator('.quick-input-box input');
}

/** Opens the command palette (F1) and types `text` after its `>` prefix. */
export async function openCommandPalette(page: Page, text = ''): Promise<void> {
  // Keys typed while a webview (an iframe) has focus do not reach the workbench's keybindings.
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLIFrameElement) document.activeElement.blur();
  });
  await page.keyboard.press('F1');
  await quickInputBox(page).fill(`>${text}`);
}

/**
 * Runs a command by its palette title as a person would: F1, type the title, choose it. Returns
 * once the palette has given way (closed, or replaced by the command's own quick pick or input box).
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openCommandPalette(page, title);
  await clickPaletteRow(page, title);
  await page.waitForFunction(() => {
    const box = document.querySelector<HTMLInputElement>('.quick-input-widget .quick-input-box input');
    return !box || box.offsetParent === null || !box.value.startsWith('>');
  });
}

/**
 * Reloads the window as a person would, with "Developer: Reload Window". Unlike a browser reload,
 * the command first flushes the workbench state (open editors, webview panels) to IndexedDB; a
 * browser reload can cut that write short, and the restored window then lacks the panel.
 */
export async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 60000 });
  await openCommandPalette(page, 'Developer: Reload Window');
  await clickPaletteRow(page, 'Developer: Reload Window');
  await navigated;
  await waitForWorkbench(page);
}

/** Clicks the palette's row titled exactly `title`. */
async function clickPaletteRow(page: Page, title: string): Promise<void> {
  // Enter would run the palette's best fuzzy match, which is not always the exact title typed
  // ("Open Locked Preview to the Side" ranks above "Open Preview to the Side"): click the row.
  const label = page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) });
  await quickInput(page).locator('.monaco-list-row', { has: label }).filter({ visible: true }).first().click();
}

/** The row of the open quick input whose label starts with `label`. */
export function quickItem(page: Page, label: string): Locator {
  // A row's accessible name is its label, then its description and detail.
  // The list keeps released rows in the DOM, hidden, with their old labels (a previous pick's
  // files, say): only a row on screen can be the one meant.
  return quickInput(page).getByRole('option', { name: new RegExp(`^${escapeRegExp(label)}`) }).filter({ visible: true }).first();
}

/** Clicks the item of the open quick pick whose label starts with `label` (waiting for it to show). */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  await quickItem(page, label).click();
}

/** The labels (not descriptions or details) of the rows the open quick input shows; the list is virtual: only rows in view. */
export async function quickPickLabels(page: Page): Promise<string[]> {
  const labels = quickInput(page).locator('.monaco-list-row .quick-input-list-rows > .quick-input-list-row:first-child .label-name');
  await labels.first().waitFor();
  return (await labels.allInnerTexts()).map((text) => text.trim());
}

/** Waits for a notification toast containing `text` and returns it. */
export async function waitForNotification(page: Page, text: string | RegExp): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor();
  return toast;
}

/** The visible text of the active editor (only the lines in view are rendered). */
export async function activeEditorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  await lines.waitFor();
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/**
 * The document of the visible webview (e.g. the drift report). VS Code nests it in two iframes:
 * the host frame (iframe.webview) and, inside it, #active-frame.
 */
export function webviewFrame(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').last().contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Saves a screenshot of the whole window to test/e2e/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The visible webview (panel or view) whose page has `selector`; VS Code overlays every webview's iframe on the workbench. */
export async function webviewWith(page: Page, selector: string, timeout = 30000): Promise<FrameLocator> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hosts = page.locator('iframe.webview.ready:visible');
    for (let i = 0; i < (await hosts.count()); i++) {
      const frame = hosts.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      if ((await frame.locator(selector).count()) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no visible webview shows ${selector}`);
    await page.waitForTimeout(250);
  }
}
