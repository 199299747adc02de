/**
 * The `gradient.*` settings the reports read, checked once and turned into the core's options.
 * A value the core would refuse (PSI drift below PSI warning, alpha outside (0, 1), ...) becomes a
 * `UserFacingError` naming the setting, so the user knows which one to fix.
 */
import * as vscode from 'vscode';
import { UserFacingError } from './commands';
import type { DriftReportOptions, MultipleTestingCorrection } from './core/reports/types';
import type { CalibrationStrategy, PsiBinStrategy } from './core/stats/index';

export const SETTINGS_SECTION = 'gradient';

/** The CUSUM settings: k and h in units of the series' (warm-up) standard deviation. */
export interface CusumSettings {
  readonly kSigmas: number;
  readonly hSigmas: number;
  readonly warmup: number;
}

export interface CalibrationSettings {
  readonly bins: number;
  readonly strategy: CalibrationStrategy;
  readonly tolerance: number;
}

export interface ReportSettings {
  readonly drift: Required<Pick<DriftReportOptions, 'psiWarning' | 'psiDrift' | 'alpha' | 'correction' | 'psiBins' | 'psiStrategy'>>;
  readonly calibration: CalibrationSettings;
  readonly cusum: CusumSettings;
}

/** Every setting with its default: the seed's numbers (package.json repeats them for the Settings UI). */
export const DEFAULT_SETTINGS: ReportSettings = {
  drift: { psiWarning: 0.1, psiDrift: 0.25, alpha: 0.01, correction: 'none', psiBins: 10, psiStrategy: 'quantile' },
  calibration: { bins: 10, strategy: 'uniform', tolerance: 0.05 },
  cusum: { kSigmas: 0.5, hSigmas: 5, warmup: 30 },
};

const CORRECTIONS: readonly MultipleTestingCorrection[] = ['none', 'bonferroni', 'bh'];
const PSI_STRATEGIES: readonly PsiBinStrategy[] = ['quantile', 'uniform', 'sturges'];
const CALIBRATION_STRATEGIES: readonly CalibrationStrategy[] = ['uniform', 'quantile'];

type Check = (value: unknown) => boolean;
const number = (min: number, max: number, { minOpen = false, maxOpen = false } = {}): Check => (value) =>
  typeof value === 'number' && Number.isFinite(value) && (minOpen ? value > min : value >= min) && (maxOpen ? value < max : value <= max);
const integer = (min: number, max: number): Check => (value) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const oneOf = (values: readonly string[]): Check => (value) => typeof value === 'string' && values.includes(value);

/** Reads one setting; a value of the wrong type or out of range is an error naming the setting. */
function read<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T, valid: Check, expected: string): T {
  const value = config.get<unknown>(key, fallback);
  if (!valid(value)) {
    throw new UserFacingError(
      vscode.l10n.t('the setting {0} is {1}; it must be {2}. Fix it in the Settings editor.', `${SETTINGS_SECTION}.${key}`, JSON.stringify(value), expected),
    );
  }
  return value as T;
}

/** The current settings of `scope`'s workspace folder (or the window), checked. */
export function readReportSettings(scope?: vscode.ConfigurationScope): ReportSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const d = DEFAULT_SETTINGS;
  const psiWarning = read(config, 'drift.psiWarning', d.drift.psiWarning, number(0, 10), vscode.l10n.t('a number from 0 to 10'));
  const psiDrift = read(config, 'drift.psiDrift', d.drift.psiDrift, number(0, 10), vscode.l10n.t('a number from 0 to 10'));
  if (psiDrift < psiWarning) {
    throw new UserFacingError(
      vscode.l10n.t('the setting {0} ({1}) is below {2} ({3}): drift must be the higher PSI threshold. Fix one of them in the Settings editor.', 'gradient.drift.psiDrift', String(psiDrift), 'gradient.drift.psiWarning', String(psiWarning)),
    );
  }
  return {
    drift: {
      psiWarning,
      psiDrift,
      alpha: read(config, 'drift.alpha', d.drift.alpha, number(0, 1, { minOpen: true, maxOpen: true }), vscode.l10n.t('a number between 0 and 1 (exclusive)')),
      correction: read(config, 'drift.correction', d.drift.correction, oneOf(CORRECTIONS), CORRECTIONS.join(' | ')),
      psiBins: read(config, 'drift.psiBins', d.drift.psiBins, integer(2, 1000), vscode.l10n.t('a whole number from 2 to 1000')),
      psiStrategy: read(config, 'drift.psiStrategy', d.drift.psiStrategy, oneOf(PSI_STRATEGIES), PSI_STRATEGIES.join(' | ')),
    },
    calibration: {
      bins: read(config, 'calibration.bins', d.calibration.bins, integer(1, 1000), vscode.l10n.t('a whole number from 1 to 1000')),
      strategy: read(config, 'calibration.strategy', d.calibration.strategy, oneOf(CALIBRATION_STRATEGIES), CALIBRATION_STRATEGIES.join(' | ')),
      tolerance: read(config, 'calibration.tolerance', d.calibration.tolerance, number(0, 1), vscode.l10n.t('a number from 0 to 1')),
    },
    cusum: {
      kSigmas: read(config, 'cusum.k', d.cusum.kSigmas, number(0, 100), vscode.l10n.t('a number of standard deviations from 0 to 100')),
      hSigmas: read(config, 'cusum.h', d.cusum.hSigmas, number(0, 1000, { minOpen: true }), vscode.l10n.t('a positive number of standard deviations up to 1000')),
      warmup: read(config, 'cusum.warmup', d.cusum.warmup, integer(2, 1_000_000), vscode.l10n.t('a whole number of at least 2')),
    },
  };
}

/** Fires when any `gradient.*` setting changes. */
export function onDidChangeReportSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
  });
}
