/**
 * The ML lifecycle stages and primary constraints of the GRADIENT stage assessment.
 * The labels are the seed's own words; the descriptions say what each stage's protocol covers.
 */

export const STAGE_IDS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
export type StageId = (typeof STAGE_IDS)[number];

export const CONSTRAINTS = ['accuracy', 'latency', 'cost', 'reliability'] as const;
export type Constraint = (typeof CONSTRAINTS)[number];

export interface Stage {
  readonly id: StageId;
  /** The seed's wording of the stage. */
  readonly label: string;
  /** One line: what the stage's protocol covers. */
  readonly description: string;
  /** The pattern file (in `patterns/`) this stage loads. */
  readonly patternFile: string;
}

export interface ConstraintInfo {
  readonly id: Constraint;
  readonly label: string;
  /** One line: the trade-off this constraint drives. */
  readonly description: string;
}

export const STAGES: readonly Stage[] = [
  {
    id: 'A',
    label: 'Data collection / ingestion',
    description: 'Schema, label distribution, nulls and extreme values: tests that run before any training',
    patternFile: 'data-pipeline.md',
  },
  {
    id: 'B',
    label: 'Feature engineering / preprocessing',
    description: 'Distribution shift (KS), covariate-shift AUC and leakage checks on your features',
    patternFile: 'data-pipeline.md',
  },
  {
    id: 'C',
    label: 'Model training / experimentation',
    description: 'Baseline first, Bayesian search, early stopping, checkpoints, ablation',
    patternFile: 'model-training.md',
  },
  {
    id: 'D',
    label: 'Model evaluation / validation',
    description: 'Beat the baseline in a test, ablation, calibration and slice metrics',
    patternFile: 'model-evaluation.md',
  },
  {
    id: 'E',
    label: 'Model serving / inference',
    description: 'Input validation, P99 latency, throughput, fallback and calibration tests',
    patternFile: 'model-serving.md',
  },
  {
    id: 'F',
    label: 'Production monitoring / MLOps',
    description: 'Model versioning, A/B tests, PSI drift, CUSUM concept drift, automatic rollback',
    patternFile: 'mlops.md',
  },
  {
    id: 'G',
    label: 'Debugging an ML failure',
    description: 'Gather evidence first: reproduce, run pipeline tests, compare train vs serving, check labels',
    patternFile: 'debugging.md',
  },
];

export const CONSTRAINT_INFO: readonly ConstraintInfo[] = [
  { id: 'accuracy', label: 'Accuracy', description: 'Baseline, Bayesian search and calibration first; spend compute to be right' },
  { id: 'latency', label: 'Latency', description: 'P99 and throughput tests first; smaller models, tight budgets' },
  { id: 'cost', label: 'Cost', description: 'Smaller search budget and ablation first; drop what does not pay' },
  { id: 'reliability', label: 'Reliability', description: 'Fallback tests and rollback config first; fail safe, never silent' },
];

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && (STAGE_IDS as readonly string[]).includes(value);
}

export function isConstraint(value: unknown): value is Constraint {
  return typeof value === 'string' && (CONSTRAINTS as readonly string[]).includes(value);
}

export function stageById(id: StageId): Stage {
  const stage = STAGES.find((s) => s.id === id);
  if (!stage) throw new Error(`Unknown stage ${id}`);
  return stage;
}

/** The answer to the stage assessment, kept per workspace. */
export interface Assessment {
  readonly stage: StageId;
  readonly constraint: Constraint;
}

export function isAssessment(value: unknown): value is Assessment {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return isStageId(candidate.stage) && isConstraint(candidate.constraint);
}

/** `E · latency`: the short form used in the status bar. */
export function formatAssessment(assessment: Assessment): string {
  return `${assessment.stage} · ${assessment.constraint}`;
}
