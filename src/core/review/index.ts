/** ML code review's public API: the CLI, the editor's worker and the tests import from here only. */
export * from './types';
export { defaultWasmPaths, loadPythonParser, type PythonParser, type WasmPaths } from './pythonParser';
export { notebookSource, reviewSourceFor, ReviewInputError, scriptSource } from './sources';
export { createReviewer, type Reviewer } from './review';
export { ignoreCommentEdit, type LineEdit } from './ignoreComment';
