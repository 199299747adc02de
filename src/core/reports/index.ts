// The report engine: a ReportJob in, a typed report out (runReport), the one options schema,
// the verdict rules, the vocabulary every view shares, and the renderers (text, Markdown, JSON)
// the CLI and the panel's exports use.

export * from './types';
export * from './options';
export * from './vocabulary';
export { ReportInputError } from './reportInputError';
export { runReport, jobFiles, relabel, type ReportDataOptions, type ReportFile, type ReportJob, type ReportProgress, type RunReportControl } from './runReport';
export { buildDriftReport, bySeverity, driftComparisonQuestion, driftProfileQuestion, driftReportFromSource, driftReportFromSyncSource, type DriftReportInput } from './driftReport';
export { numericAsCategorical } from '../sources/memorySource';
export { judgeColumn, type Verdict, type VerdictInput } from './driftVerdict';
export { loadDriftTables, type DriftFileRole, type DriftLoadControl, type DriftLoadOptions, type DriftTables, type TableLoader } from './loadDriftTables';
export { buildCalibrationReport, loadCalibrationTable, type CalibrationReportInput } from './calibrationReport';
export { buildCusumReport, loadCusumTable, timeOrder, type CusumReportInput } from './cusumReport';
export { distributionSummary, type DistributionSummary } from './distributionSummary';
export { FAIL_ON_LEVELS, tripsGate, type FailOn } from './gate';
export { renderJson } from './renderJson';
export { renderMarkdown } from './renderMarkdown';
export { renderText } from './renderText';
