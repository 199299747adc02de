// Types of system-packages.mjs, for the TypeScript that imports it (test/unit/systemPackages.test.ts).

export const OPT_OUT_VARIABLE: string;

export type Feature = 'start' | 'test';

export const FEATURES: Record<Feature, { readonly label: string; readonly packages: readonly string[] }>;

/** How the module touches the machine. */
export interface SystemAccess {
  readonly env: Record<string, string | undefined>;
  isRoot(): boolean;
  commandExists(command: string): boolean;
  fileExists(file: string): boolean;
  /** True when some folder directly inside `folder` holds `file` (a path relative to it). */
  fileExistsUnder(folder: string, file: string): boolean;
  pythonModuleExists(module: string): boolean;
  aptListsEmpty(): boolean;
  /** Runs a command, its output appended to `logFile`; returns the exit status. */
  run(command: string, args: readonly string[], logFile: string): number;
  log(line: string): void;
}

export const realSystem: SystemAccess;

export class SystemPackagesError extends Error {}

export function missingPackages(feature: Feature, system?: SystemAccess): string[];
export function installCommand(packages: readonly string[]): string;
export function ensureSystemPackages(feature: Feature, system?: SystemAccess, logFile?: string): string[];
