/** The words of the readiness report, shared by the text and Markdown renderers and the editor. */
import type { ReadinessAction, ReadinessState } from './types';

export const READINESS_STATE_WORDS: Readonly<Record<ReadinessState, { readonly label: string; readonly mark: string; readonly meaning: string }>> = {
  pass: { label: 'pass', mark: 'PASS', meaning: 'the evidence the item names is there and good: its tests passed in the last run, its config validates and agrees, the model beats the baseline' },
  fail: { label: 'fail', mark: 'FAIL', meaning: 'the evidence says no: a test failed, a config breaks its schema or disagrees with another, the model does not beat the baseline' },
  missing: { label: 'missing', mark: 'MISSING', meaning: 'no evidence yet: the snippet is not in the workspace, its tests have no result, the config or the metric is not there' },
  'not-applicable': { label: 'not applicable', mark: 'N/A', meaning: 'the team marked it as not applying to this project (--not-applicable, gradient.readiness.notApplicable); it does not count' },
};

export const READINESS_STATUS_WORDS = { ready: 'ready', 'not-ready': 'not ready', incomplete: 'incomplete' } as const;

/** "open configs/x.yaml:3", "insert snippet serving-fallback", "run 3 tests". */
export function actionText(action: ReadinessAction): string {
  switch (action.kind) {
    case 'open':
      return `open ${action.location.file}:${action.location.range.startLine}${action.title.startsWith('Open ') ? '' : ` (${action.title})`}`;
    case 'insert-snippet':
      return `insert snippet ${action.snippet}`;
    case 'run-tests':
      return `run ${action.testIds.length === 1 ? action.testIds[0] : `${action.testIds.length} tests`}`;
  }
}
