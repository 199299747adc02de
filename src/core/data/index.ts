/** Columnar tables and their loaders: the one way data files enter GRADIENT. */

export type {
  ByteSource,
  CategoricalColumn,
  Column,
  ColumnKind,
  DataFormat,
  DataWarning,
  LoadControl,
  LoadOptions,
  NumericColumn,
  Table,
} from './table';
export { MAX_COLUMNS, PROGRESS_EVERY_ROWS, findColumn, presentValues } from './table';
export { DataError, type DataErrorCode, type DataErrorDetails } from './dataError';
export { MISSING_TOKENS, isMissingToken } from './missingValues';
export { parseDecimalBytes, parseNumericText } from './parseNumber';
export {
  CsvParser,
  DETECTED_DELIMITERS,
  detectDelimiter,
  readDelimitedTable,
  type CsvParserSetup,
  type CsvParseResult,
} from './csvParser';
export { JsonlParser, readJsonlTable, type JsonlParserSetup, type JsonlParseResult } from './jsonlParser';
export { readParquet } from './parquetReader';
export { checkTextHead } from './sniff';
export { ENCODING_NAMES, TEXT_ENCODINGS, escapeBytes, type TextEncoding } from './encoding';
export { textSource } from './textSource';
export { epochToMs, epochUnit, parseTimestamp, type EpochUnit } from './timestamp';
export {
  inferColumnRole,
  looksLikeIdName,
  looksLikeTimeName,
  nameWords,
  inferRoleFromFacts,
  timeRange,
  timeRangeFromFacts,
  type CategoricalRoleFacts,
  type NumericRoleFacts,
  unseenShare,
  type ColumnRoleGuess,
  type InferredRole,
  type SortedFiniteOption,
  type TimeRange,
  type UnseenShareOptions,
} from './columnRoles';
export { SUPPORTED_EXTENSIONS, formatFromPath, loadTable } from './loadTable';
