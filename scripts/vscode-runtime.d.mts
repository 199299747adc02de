// Types of vscode-runtime.mjs, for the TypeScript that imports it (test/e2e/harness.ts).
import type { Browser } from 'playwright-core';

export const CODE_SERVER_VERSION: string;
export const NODE_VERSION: string;
export const CACHE_ROOT: string;

export interface VsCodeInstall {
  /** The Node 24 that runs the server (its native modules are built for it). */
  nodeBin: string;
  serverMain: string;
  /** The VS Code version, e.g. 1.139.1. */
  version: string;
  root: string;
}

type Log = (line: string) => void;

export function ensureVsCode(options?: { log?: Log }): Promise<VsCodeInstall>;

export interface VsCodeServer {
  port: number;
  baseUrl: string;
  userDataDir: string;
  extensionsDir: string;
  /** Workbench URL of the workspace; payload values are absolute paths on this machine. */
  workbenchUrl(payload?: { extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  serverLog(): string;
  waitForLog(regex: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

export function startServer(options: {
  workspace: string;
  userDataDir?: string;
  extensionsDir?: string;
  disableWorkspaceTrust?: boolean;
  env?: Record<string, string>;
  log?: Log;
}): Promise<VsCodeServer>;

export function installVsix(options: { vsix: string; extensionsDir: string; userDataDir: string; log?: Log }): Promise<void>;

export const QUIET_SETTINGS: Record<string, unknown>;

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void;

export function launchChromium(options?: { headless?: boolean }): Promise<Browser>;

export function tail(text: string, lines: number): string;

export interface TestCounts {
  passed: number;
  failed: number;
  skipped?: number;
}

export function printTestResults(resultsFile: string): Required<TestCounts>;

export function summaryLine(counts: TestCounts): string;
