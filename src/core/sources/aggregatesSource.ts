/**
 * The drift questions answered from files of exported query results: the path for data on a
 * cluster GRADIENT cannot reach. The user runs the profile SQL (`gradient drift --print-sql
 * --dialect spark ...`), exports its result, runs the comparison SQL printed from that profile,
 * exports that too, and `gradient drift --from-aggregates profile.csv --from-aggregates
 * comparison.csv` finishes the statistics exactly as any engine would.
 *
 * A file is round 1's when it has the `rows` rows (only the profile counts each file's rows),
 * else round 2's. Results are CSV with a header or JSON Lines (what Spark's `write.json` and
 * BigQuery's JSON export write).
 */

import type { Comparison, ComparisonQuestion, DriftSource, Profile, ProfileQuestion } from './driftQuestions';
import { STAT } from './sql/driftSql';
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
  const parsed = results.map((result) => ({ path: result.path, rows: readLongRows(records(result), result.path) }));
  const profiles = parsed.filter((file) => file.rows.some((row) => row.column === null && row.stat === STAT.rows));
  const comparisons = parsed.filter((file) => !profiles.includes(file));
  if (profiles.length !== 1) {
    throw new ResultRowsError(
      profiles.length === 0
        ? `none of ${results.map((r) => r.path).join(', ')} holds the profile (round 1) rows: export the result of the profile SQL (gradient drift --print-sql) and pass it with --from-aggregates`
        : `${profiles.map((p) => p.path).join(' and ')} both hold profile (round 1) rows: pass one profile and the comparison it led to`,
    );
  }
  const [profile] = profiles;
  return {
    async profile(question: ProfileQuestion): Promise<Profile> {
      return profileFromRows(profile.rows, question, { engine: 'exported aggregates', ...labels }, profile.path);
    },
    async compare(question: ComparisonQuestion): Promise<Comparison> {
      const empty = question.numeric.length + question.identifiers.length + question.valueCounts.length + question.asCategories.length === 0;
      if (comparisons.length === 0 && !empty) {
        throw new ResultRowsError(
          `only the profile (${profile.path}) was given: print the comparison SQL with gradient drift --print-sql --from-aggregates ${profile.path} ..., ` +
            'run it, and pass its result with a second --from-aggregates',
        );
      }
      return comparisonFromRows(comparisons.flatMap((file) => file.rows), question, comparisons.map((file) => file.path).join(' and '));
    },
  };
}
