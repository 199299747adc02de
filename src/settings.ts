/**
 * The `gradient.*` settings the reports read, through the one options schema
 * (`core/reports/options.ts`): every setting there is read here, checked against its range, and
 * handed to the report as the same option the CLI's flag sets. A value the schema refuses (or
 * PSI drift below PSI warning) becomes a `UserFacingError` naming the setting, so the user knows
 * which one to fix.
 */
import * as vscode from 'vscode';
import { UserFacingError } from './commands';
import {
  CALIBRATION_OPTIONS,
  CUSUM_OPTIONS,
  DRIFT_OPTIONS,
  LOAD_OPTIONS,
  describeValid,
  isValidOption,
  type OptionInput,
  type OptionSpec,
} from './core/reports/index';

export const SETTINGS_SECTION = 'gradient';

/** The options of each report as the settings set them (options without a setting stay unset: the report's default). */
export interface ReportSettings {
  readonly drift: OptionInput<typeof DRIFT_OPTIONS>;
  readonly calibration: OptionInput<typeof CALIBRATION_OPTIONS>;
  readonly cusum: OptionInput<typeof CUSUM_OPTIONS>;
  /** How data files are read (their encoding), for every report. */
  readonly data: OptionInput<typeof LOAD_OPTIONS>;
}

/** Reads every option of `group` that is a setting; a value the schema refuses is an error naming the setting. */
function readGroup<G extends Record<string, OptionSpec>>(config: vscode.WorkspaceConfiguration, group: G): OptionInput<G> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(group)) {
    if (!spec.setting) continue;
    const value = config.get<unknown>(spec.setting);
    if (value === undefined || value === null) continue;
    if (!isValidOption(spec, value)) {
      throw new UserFacingError(
        vscode.l10n.t('the setting {0} is {1}; it must be {2}. Fix it in the Settings editor.', `${SETTINGS_SECTION}.${spec.setting}`, JSON.stringify(value), describeValid(spec)),
      );
    }
    // Configuration objects are read-only proxies, which cannot cross postMessage to the worker.
    out[key] = typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
  }
  return out as OptionInput<G>;
}

/** The current settings of `scope`'s workspace folder (or the window), checked. */
export function readReportSettings(scope?: vscode.ConfigurationScope): ReportSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const drift = readGroup(config, DRIFT_OPTIONS);
  const warning = drift.psiWarning ?? DRIFT_OPTIONS.psiWarning.default;
  const rollback = drift.psiDrift ?? DRIFT_OPTIONS.psiDrift.default;
  if (rollback < warning) {
    throw new UserFacingError(
      vscode.l10n.t(
        'the setting {0} ({1}) is below {2} ({3}): drift must be the higher PSI threshold. Fix one of them in the Settings editor.',
        `${SETTINGS_SECTION}.${DRIFT_OPTIONS.psiDrift.setting}`,
        String(rollback),
        `${SETTINGS_SECTION}.${DRIFT_OPTIONS.psiWarning.setting}`,
        String(warning),
      ),
    );
  }
  return { drift, calibration: readGroup(config, CALIBRATION_OPTIONS), cusum: readGroup(config, CUSUM_OPTIONS), data: readGroup(config, LOAD_OPTIONS) };
}

/** Fires when any `gradient.*` setting changes. */
export function onDidChangeReportSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
  });
}
