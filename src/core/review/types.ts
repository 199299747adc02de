/**
 * ML code review's types: the contract between the pure analyzer (`src/core/review/`), the
 * `gradient review` CLI (text, JSON, SARIF) and the editor's diagnostics and quick fixes. Plain
 * JSON throughout, so findings cross a worker unchanged and `--format json` prints exactly this.
 *
 * How a finding is reached (issue 10): tree-sitter parses the Python (a notebook: its code cells
 * in order, as one program); `dataFlow.ts` walks the statements once and records what each name
 * holds (which rows: all, train, held-out; fitted on what; derived from the label); each rule in
 * `rules/` reads those facts and the syntax tree. Precision first: a rule stays silent where the
 * facts are unclear (an unknown estimator, a name bound in a loop we cannot follow).
 */

export const REVIEW_SCHEMA_VERSION = 1 as const;

export type ReviewSeverity = 'error' | 'warning' | 'note';

/** Where the prevention lives: a section of a pattern file, and the snippet that implements it. */
export interface PatternLink {
  readonly file: string;
  readonly section: string;
  readonly snippet?: string;
}

export interface ReviewRule {
  readonly id: ReviewRuleId;
  readonly severity: ReviewSeverity;
  /** A short name (SARIF `shortDescription`, the Problems panel's code tooltip). */
  readonly title: string;
  /** Why it matters, in a sentence or two (SARIF `fullDescription`, the README's table). */
  readonly why: string;
  readonly pattern: PatternLink;
}

/**
 * The rules, most severe first. Selection leakage (choosing the model or its stopping point on
 * the test split) and test rows in a fit are errors: on 2,047 tabular data sets (arXiv
 * 2604.04199) they inflate scores far more than a scaler fitted before the split, which is a
 * warning here.
 */
export const REVIEW_RULES = [
  {
    id: 'test-split-in-tuning',
    severity: 'error',
    title: 'Early stopping or tuning on the test split',
    why: 'The rows that pick the stopping round or the hyperparameters then grade the result: the reported score is optimistic, and nothing held out measures the chosen model.',
    pattern: { file: 'model-training.md', section: 'Early stopping', snippet: 'training-early-stopping-config' },
  },
  {
    id: 'test-rows-in-fit',
    severity: 'error',
    title: 'Test rows reach a fit',
    why: 'A model, feature selector, target encoder or resampler fitted on rows that are later used for evaluation has seen the answers: the evaluation measures memory, not generalization.',
    pattern: { file: 'data-pipeline.md', section: 'Leakage check', snippet: 'data-leakage-check' },
  },
  {
    id: 'label-in-features',
    severity: 'error',
    title: 'The label is among the features',
    why: 'A feature matrix built from the whole frame keeps the label column (or a column computed from it): the model learns to copy it, scores near perfectly, and fails in production where the label is unknown.',
    pattern: { file: 'data-pipeline.md', section: 'Leakage check', snippet: 'data-leakage-check' },
  },
  {
    id: 'preprocessing-before-split',
    severity: 'warning',
    title: 'Preprocessing fitted on all rows before the split',
    why: 'A scaler, imputer or projection fitted before the split computes its statistics with the test rows, so the test set no longer stands for unseen data. Fit it on the training split, or inside a Pipeline.',
    pattern: { file: 'data-pipeline.md', section: 'Leakage check', snippet: 'data-leakage-check' },
  },
  {
    id: 'train-only-evaluation',
    severity: 'warning',
    title: 'Evaluated on training data only',
    why: 'Metrics computed on the rows the model was fitted on say how well it memorized them; without a held-out evaluation there is no estimate of production performance.',
    pattern: { file: 'model-evaluation.md', section: 'The candidate must beat the baseline', snippet: 'evaluation-model-beats-baseline' },
  },
  {
    id: 'serving-without-fallback',
    severity: 'warning',
    title: 'Serving predicts with no fallback',
    why: 'An HTTP handler that calls the model outside a try block turns every model error or timeout into a failed request; the seed requires a fallback (a cached or rule-based answer, flagged as such).',
    pattern: { file: 'model-serving.md', section: 'Fallback behavior', snippet: 'serving-fallback' },
  },
  {
    id: 'serving-preprocessing-skew',
    severity: 'warning',
    title: 'Serving rewrites the preprocessing',
    why: 'Preprocessing written again by hand in the serving code drifts from the fitted training preprocessor (another mean, another category order): training-serving skew, invisible in offline metrics. Load the fitted preprocessor or pipeline instead.',
    pattern: { file: 'debugging.md', section: '3. Training-serving skew report', snippet: 'debugging-skew-report' },
  },
  {
    id: 'no-early-stopping',
    severity: 'warning',
    title: 'Training without early stopping',
    why: 'The framework offers early stopping but the training runs a fixed number of rounds or epochs: it overfits or wastes compute. The seed: never train without it (validation loss, patience 10).',
    pattern: { file: 'model-training.md', section: 'Early stopping', snippet: 'training-early-stopping-config' },
  },
  {
    id: 'unseeded-randomness',
    severity: 'note',
    title: 'Randomness without a seed',
    why: 'A split, shuffle or estimator drawing from an unseeded generator gives another result on every run: a regression cannot be reproduced or bisected.',
    pattern: { file: 'debugging.md', section: '1. Reproduce on a pinned input', snippet: 'debugging-pinned-reproduction' },
  },
] as const satisfies readonly (Omit<ReviewRule, 'id'> & { readonly id: string })[];

export type ReviewRuleId = (typeof REVIEW_RULES)[number]['id'];

export const REVIEW_RULE_IDS: readonly ReviewRuleId[] = REVIEW_RULES.map((rule) => rule.id);

export function reviewRule(id: ReviewRuleId): ReviewRule {
  return REVIEW_RULES.find((rule) => rule.id === id)!;
}

/** A span in a source: 1-based lines, 0-based UTF-16 columns, end exclusive (as in readiness). */
export interface ReviewRange {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** A text edit; for a notebook, `cell` is the code cell's index among all the notebook's cells. */
export interface ReviewEdit {
  readonly cell?: number;
  readonly range: ReviewRange;
  readonly newText: string;
}

/** A safe, mechanical fix, applied as one undoable edit. */
export interface ReviewFix {
  readonly title: string;
  readonly edits: readonly ReviewEdit[];
}

export interface ReviewFinding {
  readonly rule: ReviewRuleId;
  readonly severity: ReviewSeverity;
  /** What is wrong, naming the variables and lines involved, and what to do. */
  readonly message: string;
  /** The file as given to the review (the CLI: relative to the working folder, `/` separators). */
  readonly file: string;
  /** A notebook's cell index (among all its cells, markdown included), else absent. */
  readonly cell?: number;
  readonly range: ReviewRange;
  /** Other places involved (the split a fit precedes, the metric on the test split, ...). */
  readonly related?: readonly { readonly message: string; readonly cell?: number; readonly range: ReviewRange }[];
  readonly fixes: readonly ReviewFix[];
}

/** One file to review: a script is one cell; a notebook, its cells (code cells are analysed). */
export interface ReviewSource {
  readonly file: string;
  readonly cells: readonly ReviewCell[];
}

export interface ReviewCell {
  /** Index among all the notebook's cells (0 for a script). */
  readonly index: number;
  readonly kind: 'code' | 'markdown';
  readonly text: string;
}

export interface ReviewOptions {
  /** Rules to skip (the setting `gradient.review.disabledRules`, `--disable`). */
  readonly disabled?: readonly ReviewRuleId[];
}

export interface ReviewReport {
  readonly schemaVersion: typeof REVIEW_SCHEMA_VERSION;
  readonly files: readonly string[];
  readonly findings: readonly ReviewFinding[];
  /** Files that could not be read or parsed as a whole (a notebook that is not JSON, ...). */
  readonly errors: readonly { readonly file: string; readonly message: string }[];
}

/** The comment that silences rules on its line: `# gradient: ignore[rule-id, ...]`, or all rules without brackets. */
export const IGNORE_COMMENT = /#\s*gradient:\s*ignore(?:\[([a-z, -]+)\])?/;
