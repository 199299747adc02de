/** The readiness gate's public API: the CLI and the editor import from here only. */
export * from './types';
export { assessReadiness, confidenceScore } from './readiness';
export { checkConfigs, loadConfigs, markedPythonFiles, type LoadedConfigs } from './configs';
export { CONFIG_GLOBS, CONFIG_KEYS, CONFIG_SCHEMAS, parseConfig, schemaFindings, type ParsedConfig } from './configFiles';
export { consistencyFindings, RULE_KINDS, RULE_SUMMARIES, type ConsistencyInputs, type TestConstants } from './consistency';
export { caseTarget, JUnitError, parseJUnit, summarizeRuns, type JUnitCase, type JUnitRun, type TestOutcome } from './junit';
export { pythonTests, snippetConstants, type PythonConstant, type PythonTest } from './pythonTests';
export { globToRegExp, matchesAny, memoryWorkspaceReader, nodeWorkspaceReader, SKIPPED_FOLDERS } from './workspace';
export { renderReadinessJson, renderReadinessMarkdown, renderReadinessText } from './render';
export { actionText, READINESS_STATE_WORDS, READINESS_STATUS_WORDS } from './vocabulary';
export { markedRegions, SNIPPET_MARKER, snippetMarker, type MarkedRegion } from '../patterns/snippetMarker';
