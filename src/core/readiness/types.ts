/**
 * The readiness gate's types: the contract between the pure core (`src/core/readiness/`), the
 * `gradient readiness` CLI and the editor's features (command, side-bar checklist, Problems
 * panel). Everything here is plain JSON, so a report crosses a worker or a webview unchanged and
 * `gradient readiness --format json` prints exactly this.
 *
 * How an answer is reached (issue 9):
 * - Each checklist item of a pattern file names its evidence in its comment
 *   (`<!-- accuracy, reliability; id: psi-monitoring; evidence: config(drift-monitoring), tests(mlops-psi-check) -->`):
 *   `tests(snippet, ...)`, `config(kind)`, `baseline`, `file(glob)`. One general mechanism: no item
 *   is special-cased in code.
 * - Snippets inserted by GRADIENT carry a marker comment (`# gradient: mlops-psi-check`) that
 *   survives editing; tests below a marker belong to that snippet, whatever the user renamed.
 * - Configs are YAML, validated against the JSON Schemas in `schemas/` (the same files
 *   `contributes.yamlValidation` gives the Red Hat YAML extension), then checked against each
 *   other and the seed's safety rules (`ConfigFinding`s).
 * - Test results come from JUnit XML (`pytest --junitxml`): the editor's last run, or `--junit`.
 */

import type { Constraint, StageId } from '../lifecycle/stages';

export const READINESS_SCHEMA_VERSION = 1 as const;

/** The config files the patterns insert, one JSON Schema each (`schemas/<kind>.schema.json`). */
export const CONFIG_KINDS = [
  'drift-monitoring',
  'cusum',
  'rollback',
  'ab-test',
  'model-version',
  'hyperparameter-search',
  'early-stopping',
  'checkpointing',
] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

/** A span in a workspace file: 1-based lines, 0-based UTF-16 columns, end exclusive. */
export interface SourceRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Where something is: a path relative to the workspace root, with `/` separators. */
export interface SourceLocation {
  readonly file: string;
  readonly range: SourceRange;
}

/** A text edit that fixes a finding: replace `range` of `file` with `newText`. */
export interface TextFix {
  readonly title: string;
  readonly file: string;
  readonly range: SourceRange;
  readonly newText: string;
}

/** The ids of the consistency rules; each has a test with a positive and a negative case. */
export const CONSISTENCY_RULES = [
  'rollback-psi-differs-from-monitor',
  'alert-not-below-rollback',
  'ab-split-all-to-new-model',
  'no-rollback-target',
  'cusum-config-differs-from-test',
  'p99-budget-differs-from-test',
  'early-stopping-without-patience',
  'checkpoint-without-git-commit',
] as const;
export type ConsistencyRuleId = (typeof CONSISTENCY_RULES)[number];

/** A config that breaks its schema, or disagrees with another config, a test or the seed's rules. */
export interface ConfigFinding {
  /** `schema` for a schema violation, else the consistency rule. */
  readonly rule: ConsistencyRuleId | 'schema' | 'yaml-syntax';
  readonly severity: 'error' | 'warning';
  /** What is wrong and what to change, naming both values when two places disagree. */
  readonly message: string;
  readonly location: SourceLocation;
  /** The other place involved (the monitor's threshold for a rollback threshold, ...). */
  readonly related?: SourceLocation & { readonly message: string };
  /** Present when the fix is obvious (make the two thresholds equal, add `patience: 10`). */
  readonly fix?: TextFix;
}

/** One config file found in the workspace. */
export interface ConfigFile {
  readonly kind: ConfigKind;
  readonly file: string;
  /** Parsed and valid against its schema. */
  readonly valid: boolean;
}

/** The configs of a workspace and what is wrong with them. */
export interface ConfigCheck {
  readonly configs: readonly ConfigFile[];
  readonly findings: readonly ConfigFinding[];
}

export type ReadinessState = 'pass' | 'fail' | 'missing' | 'not-applicable';

/** One thing that supports an answer, shown as "file:line", a test id, or a value. */
export type Evidence =
  | { readonly kind: 'file'; readonly text: string; readonly location: SourceLocation }
  | { readonly kind: 'test'; readonly text: string; readonly testId: string; readonly outcome: 'passed' | 'failed' | 'error' | 'skipped' | 'not-run'; readonly location?: SourceLocation }
  | { readonly kind: 'value'; readonly text: string; readonly name: string; readonly value: number | string; readonly location?: SourceLocation }
  | { readonly kind: 'finding'; readonly text: string; readonly finding: ConfigFinding };

/** The one thing to do next about an item. */
export type ReadinessAction =
  | { readonly kind: 'open'; readonly title: string; readonly location: SourceLocation }
  | { readonly kind: 'insert-snippet'; readonly title: string; readonly snippet: string }
  | { readonly kind: 'run-tests'; readonly title: string; readonly testIds: readonly string[] };

export interface ReadinessItem {
  /** Stable: `<pattern file stem>/<item id>`, e.g. `mlops/psi-monitoring`. */
  readonly id: string;
  readonly patternFile: string;
  readonly stages: readonly StageId[];
  readonly text: string;
  readonly constraints: readonly Constraint[];
  readonly state: ReadinessState;
  /** One sentence: why this state ("2 of 3 fallback tests passed; test_timeout failed"). */
  readonly reason: string;
  readonly evidence: readonly Evidence[];
  readonly action: ReadinessAction | null;
}

/** The last test run the answers used. */
export interface TestRunSummary {
  /** Where the JUnit XML came from (a path, or "the editor's last run"). */
  readonly source: string;
  /** ISO 8601 UTC, from the JUnit file's timestamp when it has one. */
  readonly finishedAt: string | null;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly skipped: number;
}

export interface ReadinessReport {
  readonly schemaVersion: typeof READINESS_SCHEMA_VERSION;
  readonly report: 'readiness';
  /** The workspace root, as given. */
  readonly root: string;
  /** The stage answered for, or 'all'. */
  readonly stage: StageId | 'all';
  /** Orders the items (the constraint's first) and weighs the score; null: not assessed. */
  readonly constraint: Constraint | null;
  /** `ready`: every applicable item passes; `not-ready`: one fails; `incomplete`: none fails, some are missing. */
  readonly status: 'ready' | 'not-ready' | 'incomplete';
  /** One sentence for the status. */
  readonly verdict: string;
  /** 0-1: the weighted share of applicable items that pass (items of the constraint count double). */
  readonly confidence: number;
  readonly items: readonly ReadinessItem[];
  readonly configs: ConfigCheck;
  readonly testRun: TestRunSummary | null;
}

/**
 * What the core reads the workspace through: the CLI over node:fs, the editor over
 * `vscode.workspace.fs` (so unsaved-but-saved-to-disk semantics and remote workspaces work the
 * same). Paths are relative to the root, with `/` separators.
 */
export interface WorkspaceReader {
  /** Files matching any of the globs (`**` and `*`), skipping `.git`, `node_modules`, virtualenvs. */
  findFiles(globs: readonly string[]): Promise<readonly string[]>;
  /** The file's text, or undefined when it does not exist. */
  readText(file: string): Promise<string | undefined>;
}

/**
 * What `assessReadiness` is asked (the CLI's flags, the editor's command and settings).
 * Not applicable: items the team has decided do not apply to this project (no A/B test for an
 * internal batch model, ...), by full item id (`mlops/ab-test-configured`) or by pattern file
 * (`mlops/*`). They are shown as not applicable, and neither count for nor against the score.
 * The CLI takes `--not-applicable ID` (repeatable); the editor reads the
 * `gradient.readiness.notApplicable` setting (an array of ids).
 */
export interface ReadinessRequest {
  readonly stage: StageId | 'all';
  readonly constraint: Constraint | null;
  /** JUnit XML documents: the last test run (`pytest --junitxml`), each named by where it came from. */
  readonly junit?: readonly { readonly source: string; readonly xml: string }[];
  readonly notApplicable?: readonly string[];
}
