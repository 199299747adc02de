/**
 * The drift questions answered by a PostgreSQL server: the reference and current data are two
 * SELECTs the user writes, the answers come from the same SQL every warehouse runs
 * (sql/driftSql.ts, PostgreSQL dialect), read back by sql/resultRows.ts. Only aggregates cross
 * the network: a few rows per column, plus one per category and per chosen ECDF point.
 *
 * Column kinds come from the SELECTs' result types (read with LIMIT 0, no rows): number types are
 * numeric, dates and timestamps numeric milliseconds since 1970 (`epoch-ms`, as the Parquet
 * loader reads them), everything else text.
 */
import type { Comparison, ComparisonQuestion, DriftSource, Profile, ProfileQuestion } from './driftQuestions';
import { openPostgres, type Environment, type PostgresExecutor } from './postgresExecutor';
import { postgresql as dialect } from './sql/dialects';
import { comparisonSql, profileSql, relationFromQuery, type SqlColumn, type SqlRelation, type SqlRelations } from './sql/driftSql';
import { comparisonFromRows, profileFromRows, readLongRows, type ResultRecord } from './sql/resultRows';

// PostgreSQL type OIDs (pg_type.oid, fixed for built-in types).
const NUMBER_TYPES = new Set([20 /* int8 */, 21 /* int2 */, 23 /* int4 */, 700 /* float4 */, 701 /* float8 */, 1700 /* numeric */]);
const TIME_TYPES = new Set([1082 /* date */, 1114 /* timestamp */, 1184 /* timestamptz */]);

/** What the user's SELECT is called in descriptions: its first line, cut short. */
function describeQuery(sql: string): string {
  const line = sql.trim().split(/\r?\n/)[0];
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

/**
 * A SELECT as a relation the drift SQL can read: dates and timestamps become float8
 * milliseconds since 1970 (timestamp without time zone read as UTC), every other column as it is.
 */
async function relationOf(executor: PostgresExecutor, select: string, signal: AbortSignal | undefined): Promise<SqlRelation> {
  const fields = await executor.columns(select, signal);
  const columns: SqlColumn[] = fields.map((field) =>
    NUMBER_TYPES.has(field.dataTypeId)
      ? { name: field.name, kind: 'numeric' }
      : TIME_TYPES.has(field.dataTypeId)
        ? { name: field.name, kind: 'numeric', unit: 'epoch-ms' }
        : { name: field.name, kind: 'categorical' },
  );
  if (!fields.some((field) => TIME_TYPES.has(field.dataTypeId))) return { from: relationFromQuery(select), columns };
  const q = dialect.quoteIdentifier;
  const projections = fields.map((field) => {
    const name = q(field.name);
    if (field.dataTypeId === 1082) return `CAST(EXTRACT(EPOCH FROM CAST(user_rows.${name} AS TIMESTAMP)) * 1000 AS DOUBLE PRECISION) AS ${name}`;
    if (field.dataTypeId === 1114) return `CAST(EXTRACT(EPOCH FROM user_rows.${name}) * 1000 AS DOUBLE PRECISION) AS ${name}`;
    if (field.dataTypeId === 1184) return `CAST(EXTRACT(EPOCH FROM user_rows.${name}) * 1000 AS DOUBLE PRECISION) AS ${name}`;
    return `user_rows.${name}`;
  });
  return { from: `(SELECT ${projections.join(', ')} FROM ${relationFromQuery(select)} AS user_rows)`, columns };
}

/**
 * A drift source over two SELECTs on one PostgreSQL server. The connection opens on the first
 * question and stays open for the second round; `close()` ends it.
 */
export function postgresSource(connection: string, referenceSql: string, currentSql: string, env: Environment = process.env): DriftSource {
  let opened: Promise<{ executor: PostgresExecutor; relations: SqlRelations }> | undefined;
  const open = (signal: AbortSignal | undefined) => {
    opened ??= (async () => {
      const executor = await openPostgres(connection, env, signal);
      try {
        const reference = await relationOf(executor, referenceSql, signal);
        const current = await relationOf(executor, currentSql, signal);
        return { executor, relations: { reference, current } };
      } catch (error) {
        await executor.close();
        throw error;
      }
    })();
    // A failed or cancelled open is not kept: the next question tries again.
    opened.catch(() => (opened = undefined));
    return opened;
  };

  return {
    async profile(question: ProfileQuestion, signal?: AbortSignal): Promise<Profile> {
      const { executor, relations } = await open(signal);
      const origin = `the PostgreSQL profile from ${executor.description}`;
      const rows = await executor.query(profileSql(question, relations, dialect), signal);
      return profileFromRows(readLongRows(rows as ResultRecord[], origin), question, {
        engine: 'postgresql',
        reference: `${executor.description}: ${describeQuery(referenceSql)}`,
        current: `${executor.description}: ${describeQuery(currentSql)}`,
      }, origin);
    },
    async compare(question: ComparisonQuestion, signal?: AbortSignal): Promise<Comparison> {
      const { executor, relations } = await open(signal);
      const origin = `the PostgreSQL comparison from ${executor.description}`;
      const rows = await executor.query(comparisonSql(question, relations, dialect), signal);
      return comparisonFromRows(readLongRows(rows as ResultRecord[], origin), question, origin);
    },
    async close(): Promise<void> {
      const current = opened;
      opened = undefined;
      if (current) await (await current.catch(() => undefined))?.executor.close();
    },
  };
}
