/**
 * The consistency rules: configs that disagree with each other, with the tests the patterns
 * insert, or with the seed's safety rules. Each rule has an id (CONSISTENCY_RULES), a message that
 * names both values and both files and says what to change, a location, the other place when two
 * disagree (`related`), and a fix when one is obvious. Rules compare the first config of each kind
 * the workspace holds (in path order) with every config of the kind they check.
 */
import type { ParsedConfig } from './configFiles';
import type { PythonConstant } from './pythonTests';
import type { ConfigFinding, ConfigKind, ConsistencyRuleId, SourceLocation } from './types';

/** The seed's values a fix writes: patience 10, alert at PSI 0.1. */
export const SEED_PATIENCE = 10;
export const SEED_PSI_ALERT = 0.1;
export const SEED_CHECKPOINT_METADATA = ['git_commit', 'config_snapshot', 'data_version', 'training_metrics'] as const;

/** The config kinds each rule judges: a finding fails the readiness items that name them. */
export const RULE_KINDS: Readonly<Record<ConsistencyRuleId, readonly ConfigKind[]>> = {
  'rollback-psi-differs-from-monitor': ['rollback', 'drift-monitoring'],
  'alert-not-below-rollback': ['drift-monitoring'],
  'ab-split-all-to-new-model': ['ab-test'],
  'no-rollback-target': ['rollback'],
  'cusum-config-differs-from-test': ['cusum'],
  'p99-budget-differs-from-test': ['rollback'],
  'early-stopping-without-patience': ['early-stopping'],
  'checkpoint-without-git-commit': ['checkpointing'],
};

/** One sentence per rule, for the README table and `--help`. */
export const RULE_SUMMARIES: Readonly<Record<ConsistencyRuleId, string>> = {
  'rollback-psi-differs-from-monitor': 'rollback.triggers.psi differs from the drift monitor\'s data_drift.thresholds.rollback',
  'alert-not-below-rollback': 'data_drift.thresholds.alert is at or above data_drift.thresholds.rollback',
  'ab-split-all-to-new-model': 'ab_test.traffic_split sends 100% of traffic to the treatment (no control left)',
  'no-rollback-target': 'rollback has no target, or targets previous_stable while the version record names none',
  'cusum-config-differs-from-test': 'concept_drift.k_sigma / h_sigma differ from CUSUM_K_SIGMA / CUSUM_H_SIGMA in the CUSUM test',
  'p99-budget-differs-from-test': 'rollback.triggers.latency_budget_ms differs from LATENCY_BUDGET_MS in the P99 latency test',
  'early-stopping-without-patience': 'early_stopping has no positive patience',
  'checkpoint-without-git-commit': 'checkpoint.metadata does not record git_commit',
};

/** A snippet's constants as found in the workspace: the file, and NAME -> value. */
export interface TestConstants {
  readonly file: string;
  readonly constants: ReadonlyMap<string, PythonConstant>;
}

export interface ConsistencyInputs {
  /** Every parsed config, by kind, in path order. */
  readonly configs: ReadonlyMap<ConfigKind, readonly ParsedConfig[]>;
  /** The constants below the first marker of a snippet (`mlops-cusum-check`), if it is in the workspace. */
  readonly testConstants: (snippet: string) => TestConstants | undefined;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function constantLocation(test: TestConstants, constant: PythonConstant): SourceLocation {
  return { file: test.file, range: { startLine: constant.line, startColumn: constant.startColumn, endLine: constant.line, endColumn: constant.endColumn } };
}

export function consistencyFindings(inputs: ConsistencyInputs): ConfigFinding[] {
  const all = (kind: ConfigKind) => inputs.configs.get(kind) ?? [];
  const first = (kind: ConfigKind) => all(kind)[0];
  const findings: ConfigFinding[] = [];
  const add = (rule: ConsistencyRuleId, finding: Omit<ConfigFinding, 'rule' | 'severity'>, severity: ConfigFinding['severity'] = 'error') =>
    findings.push({ rule, severity, ...finding });

  // rollback-psi-differs-from-monitor
  const monitor = first('drift-monitoring');
  const monitorRollback = monitor?.value(['data_drift', 'thresholds', 'rollback']);
  for (const rollback of all('rollback')) {
    const psi = rollback.value(['rollback', 'triggers', 'psi']);
    if (!monitor || !isNumber(psi) || !isNumber(monitorRollback) || psi === monitorRollback) continue;
    const path = ['rollback', 'triggers', 'psi'];
    add('rollback-psi-differs-from-monitor', {
      message:
        `rollback.triggers.psi is ${psi} in ${rollback.file}, but the drift monitor rolls back at PSI ${monitorRollback} ` +
        `(data_drift.thresholds.rollback in ${monitor.file}): set rollback.triggers.psi to ${monitorRollback}, or change both to the same value`,
      location: rollback.locate(path),
      related: { ...monitor.locate(['data_drift', 'thresholds', 'rollback']), message: `the monitor's rollback threshold: ${monitorRollback}` },
      fix: rollback.replaceFix(path, String(monitorRollback), `Set rollback.triggers.psi to ${monitorRollback} (the monitor's threshold)`),
    });
  }

  // alert-not-below-rollback
  for (const drift of all('drift-monitoring')) {
    const alert = drift.value(['data_drift', 'thresholds', 'alert']);
    const rollbackAt = drift.value(['data_drift', 'thresholds', 'rollback']);
    if (!isNumber(alert) || !isNumber(rollbackAt) || alert < rollbackAt) continue;
    const path = ['data_drift', 'thresholds', 'alert'];
    add('alert-not-below-rollback', {
      message:
        `data_drift.thresholds.alert (${alert}) is not below data_drift.thresholds.rollback (${rollbackAt}) in ${drift.file}: ` +
        `drift would roll back before anyone is alerted; set alert below ${rollbackAt} (the seed alerts at ${SEED_PSI_ALERT})`,
      location: drift.locate(path),
      related: { ...drift.locate(['data_drift', 'thresholds', 'rollback']), message: `the rollback threshold: ${rollbackAt}` },
      ...(rollbackAt > SEED_PSI_ALERT ? { fix: drift.replaceFix(path, String(SEED_PSI_ALERT), `Set data_drift.thresholds.alert to ${SEED_PSI_ALERT}`) } : {}),
    });
  }

  // ab-split-all-to-new-model
  for (const ab of all('ab-test')) {
    const control = ab.value(['ab_test', 'traffic_split', 'control']);
    const treatment = ab.value(['ab_test', 'traffic_split', 'treatment']);
    const allToNew = (isNumber(treatment) && treatment >= 1) || (isNumber(control) && control <= 0 && (!isNumber(treatment) || treatment > 0));
    if (!allToNew) continue;
    add('ab-split-all-to-new-model', {
      message:
        `ab_test.traffic_split in ${ab.file} sends all traffic to the treatment (control ${String(control ?? 'unset')}, treatment ${String(treatment ?? 'unset')}): ` +
        'that is a rollout, not a test, and nothing is left to compare with; split 0.5 / 0.5 (or 0.9 / 0.1 when reliability comes first)',
      location: ab.locate(['ab_test', 'traffic_split', isNumber(treatment) && treatment >= 1 ? 'treatment' : 'control']),
    });
  }

  // no-rollback-target
  const record = first('model-version');
  for (const rollback of all('rollback')) {
    const target = rollback.value(['rollback', 'target']);
    if (typeof target !== 'string' || target.trim() === '') {
      add('no-rollback-target', {
        message: `rollback in ${rollback.file} has no target: add "target: previous_stable" (the version record's last stable version) or an explicit version`,
        location: rollback.locate(['rollback', 'target']),
        fix: rollback.value(['rollback', 'target']) === undefined
          ? rollback.insertChildFix(['rollback'], 'target', 'previous_stable', 'Add target: previous_stable')
          : rollback.replaceFix(['rollback', 'target'], 'previous_stable', 'Set target to previous_stable'),
      });
      continue;
    }
    if (target !== 'previous_stable') continue;
    const previous = record?.value(['model', 'previous_stable']);
    if (record && typeof previous === 'string' && previous.trim() !== '') continue;
    add('no-rollback-target', {
      message: record
        ? `rollback.target in ${rollback.file} is previous_stable, but model.previous_stable in ${record.file} is empty: name the version to roll back to there`
        : `rollback.target in ${rollback.file} is previous_stable, but no model version record (model: with version and previous_stable) says which version that is: add one (snippet mlops-model-version)`,
      location: rollback.locate(['rollback', 'target']),
      ...(record ? { related: { ...record.locate(['model', 'previous_stable']), message: 'the version record has no previous_stable' } } : {}),
    });
  }

  // cusum-config-differs-from-test
  const cusumTest = inputs.testConstants('mlops-cusum-check');
  for (const cusum of cusumTest ? all('cusum') : []) {
    for (const [key, name] of [['k_sigma', 'CUSUM_K_SIGMA'], ['h_sigma', 'CUSUM_H_SIGMA']] as const) {
      const configured = cusum.value(['concept_drift', key]);
      const constant = cusumTest!.constants.get(name);
      if (!isNumber(configured) || !constant || configured === constant.value) continue;
      const path = ['concept_drift', key];
      add('cusum-config-differs-from-test', {
        message:
          `concept_drift.${key} is ${configured} in ${cusum.file}, but the CUSUM test uses ${name} = ${constant.value} ` +
          `(${cusumTest!.file}:${constant.line}): CI would test a different detector than production runs; set both to the same value`,
        location: cusum.locate(path),
        related: { ...constantLocation(cusumTest!, constant), message: `${name} = ${constant.value}` },
        fix: cusum.replaceFix(path, String(constant.value), `Set concept_drift.${key} to ${constant.value} (the test's ${name})`),
      });
    }
  }

  // p99-budget-differs-from-test
  const latencyTest = inputs.testConstants('serving-p99-latency');
  const budget = latencyTest?.constants.get('LATENCY_BUDGET_MS');
  for (const rollback of budget ? all('rollback') : []) {
    const configured = rollback.value(['rollback', 'triggers', 'latency_budget_ms']);
    if (!isNumber(configured) || configured === budget!.value) continue;
    const path = ['rollback', 'triggers', 'latency_budget_ms'];
    add('p99-budget-differs-from-test', {
      message:
        `rollback.triggers.latency_budget_ms is ${configured} in ${rollback.file}, but the P99 latency test's LATENCY_BUDGET_MS is ` +
        `${budget!.value} (${latencyTest!.file}:${budget!.line}): the rollback and the test must share one budget; set both to the same value`,
      location: rollback.locate(path),
      related: { ...constantLocation(latencyTest!, budget!), message: `LATENCY_BUDGET_MS = ${budget!.value}` },
      fix: rollback.replaceFix(path, String(budget!.value), `Set latency_budget_ms to ${budget!.value} (the test's budget)`),
    });
  }

  // early-stopping-without-patience
  for (const config of all('early-stopping')) {
    const patience = config.value(['early_stopping', 'patience']);
    if (isNumber(patience) && patience > 0) continue;
    const path = ['early_stopping', 'patience'];
    add(
      'early-stopping-without-patience',
      {
        message:
          patience === undefined
            ? `early_stopping in ${config.file} has no patience: without it a run stops at the first epoch that does not improve; add patience: ${SEED_PATIENCE} (the seed's value)`
            : `early_stopping.patience is ${String(patience)} in ${config.file}: set it to a positive number of epochs (the seed's ${SEED_PATIENCE})`,
        location: config.locate(path),
        fix: patience === undefined
          ? config.insertChildFix(['early_stopping'], 'patience', String(SEED_PATIENCE), `Add patience: ${SEED_PATIENCE}`)
          : config.replaceFix(path, String(SEED_PATIENCE), `Set patience to ${SEED_PATIENCE}`),
      },
      'warning',
    );
  }

  // checkpoint-without-git-commit
  for (const config of all('checkpointing')) {
    const metadata = config.value(['checkpoint', 'metadata']);
    if (Array.isArray(metadata) && metadata.includes('git_commit')) continue;
    add(
      'checkpoint-without-git-commit',
      {
        message:
          `checkpoint.metadata in ${config.file} does not record git_commit: without the commit a checkpoint cannot be reproduced ` +
          'months later; add git_commit to the metadata list',
        location: config.locate(['checkpoint', 'metadata']),
        fix: Array.isArray(metadata)
          ? config.appendItemFix(['checkpoint', 'metadata'], 'git_commit', 'Add git_commit to checkpoint.metadata')
          : metadata === undefined
            ? config.insertChildFix(['checkpoint'], 'metadata', `[${SEED_CHECKPOINT_METADATA.join(', ')}]`, 'Add the checkpoint metadata list')
            : undefined,
      },
      'warning',
    );
  }
  return findings.map((f) => (f.fix === undefined && 'fix' in f ? withoutFix(f) : f));
}

function withoutFix(finding: ConfigFinding): ConfigFinding {
  const { fix: _fix, ...rest } = finding;
  return rest;
}
