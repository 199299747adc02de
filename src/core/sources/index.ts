/** Where the drift report's aggregates come from: memory, DuckDB, or SQL run elsewhere and exported. */

export type * from './driftQuestions';
export { memorySource } from './memorySource';
export { duckdbSource, type DuckdbSourceOptions } from './duckdbSource';
export { SQL_DIALECTS, bigquery, duckdb, postgresql, spark, type SqlDialect, type SqlDialectName } from './sql/dialects';
export {
  RESULT_COLUMNS,
  STAT,
  comparisonSql,
  profileSql,
  relationFromQuery,
  type SqlColumn,
  type SqlRelation,
  type SqlRelations,
} from './sql/driftSql';
export { ResultRowsError, comparisonFromRows, parseResultCsv, parseResultJsonl, profileFromRows, readLongRows } from './sql/resultRows';
