/**
 * The drift questions answered from files of exported query results: the path for data on a
 * cluster GRADIENT cannot reach. The user runs the profile SQL (`gradient drift --print-sql
 * --dialect spark ...`), exports its result, runs the comparison SQL printed from that profile,
 * exports that too, and `gradient drift --from-aggregates profile.csv --from-aggregates
 * comparison.csv` finishes the statistics exactly as any engine would.
 *
 * The files may hold either round's rows, mixed and split in any way (a Spark job writes one
 * part file per task): rows are told apart by their `stat`. Results are CSV with a header or JSON
 * Lines (what Spark's `write.json` and BigQuery's JSON export write).
 */

import type { Comparison, ComparisonQuestion, DriftSource, Profile, ProfileQuestion } from './driftQuestions';
import { PROFILE_STATS, STAT } from './sql/driftSql';
import { ResultRowsError, comparisonFromRows, parseResultCsv, parseResultJsonl, profileFromRows, readLongRows, type ResultRecord } from './sql/resultRows';

/** One exported result: where it came from and its text. */
export interface ExportedResult {
  readonly path: string;
  readonly text: string;
}

function records(result: ExportedResult): ResultRecord[] {
  const text = result.text.replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  return first === '{' ? parseResultJsonl(text, result.path) : parseResultCsv(text);
}

/** The exported results as a source; `labels` name the two sides in the report. */
export function aggregatesSource(results: readonly ExportedResult[], labels: { readonly reference: string; readonly current: string }): DriftSource {
  const rows = results.flatMap((result) => readLongRows(records(result), result.path));
  const profileRows = rows.filter((row) => PROFILE_STATS.has(row.stat));
  const comparisonRows = rows.filter((row) => !PROFILE_STATS.has(row.stat));
  const origin = results.map((result) => result.path).join(', ');
  if (!profileRows.some((row) => row.column === null && row.stat === STAT.rows)) {
    throw new ResultRowsError(
      `${origin} holds no profile (round 1) rows: export the result of the profile SQL (gradient drift --print-sql) and pass it with --from-aggregates`,
    );
  }
  return {
    async profile(question: ProfileQuestion): Promise<Profile> {
      return profileFromRows(profileRows, question, { engine: 'exported aggregates', ...labels }, origin);
    },
    async compare(question: ComparisonQuestion): Promise<Comparison> {
      const empty = question.numeric.length + question.identifiers.length + question.valueCounts.length + question.asCategories.length === 0;
      if (comparisonRows.length === 0 && !empty) {
        throw new ResultRowsError(
          `only the profile (${origin}) was given: print the comparison SQL with gradient drift --print-sql --from-aggregates ${results[0].path} ..., ` +
            'run it, and pass its result with a second --from-aggregates',
        );
      }
      return comparisonFromRows(comparisonRows, question, origin);
    },
  };
}
