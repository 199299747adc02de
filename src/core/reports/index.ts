// Reports: the typed objects computed from tables (drift, calibration, CUSUM), the loaders that
// prepare their tables, and the renderers (text, Markdown, JSON) that the CLI and the panel share.

export * from './types';
export { ReportInputError } from './reportInputError';
export { DRIFT_DEFAULTS, buildDriftReport, bySeverity, numericAsCategorical, pValueName, resolveDriftOptions } from './driftReport';
export {
  loadDriftTables,
  type DriftFileRole,
  type DriftLoadControl,
  type DriftLoadOptions,
  type DriftTables,
  type TableLoader,
} from './loadDriftTables';
export { CALIBRATION_DEFAULTS, buildCalibrationReport, loadCalibrationTable } from './calibrationReport';
export { CUSUM_DEFAULT_WARMUP, buildCusumReport, loadCusumTable } from './cusumReport';
export { FAIL_ON_LEVELS, tripsGate, type FailOn } from './gate';
export { renderJson } from './renderJson';
export { renderMarkdown } from './renderMarkdown';
export { renderText } from './renderText';
