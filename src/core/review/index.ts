/** ML code review's public API: the CLI, the editor's worker and the tests import from here only. */
export * from './types';
export { defaultWasmPaths, loadPythonParser, type PythonParser, type WasmPaths } from './pythonParser';
export { notebookSource, reviewSourceFor, ReviewInputError, scriptSource } from './sources';
export { createReviewer, type Reviewer } from './review';
export { cellNumber, fileErrorText, headingAnchor, pathToUriReference, placeText, renderReviewJson, renderReviewSarif, renderReviewText, reviewSummary, SARIF_SCHEMA_URI, type SarifOptions } from './render';
export { notebookPositions, type FilePosition, type NotebookPositions } from './notebookPositions';
export {
  CorpusExpectationError,
  parseCorpusExpectation,
  renderCorpusScoreJson,
  renderCorpusScoreText,
  scoreCorpus,
  type CorpusExpectation,
  type CorpusScore,
  type ExpectedFinding,
  type RuleScore,
  type ScoredPlace,
} from './corpusScore';
export { ignoreCommentEdit, type LineEdit } from './ignoreComment';
