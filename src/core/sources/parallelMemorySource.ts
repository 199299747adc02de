/**
 * The memory source on two cores: after both files are loaded, the comparison round's numeric
 * columns (the walks over the pooled sorted values, most of a report's time once the files are
 * read) are split in two, and one part is compared elsewhere (another thread) while this thread
 * compares the other. The answers are `memorySource`'s, merged in the question's order, so the
 * report is the same to the last bit.
 */

import type { Column, Table } from '../data/index';
import type { Comparison, ComparisonQuestion, DriftSource, NumericComparison, NumericComparisonQuestion } from './driftQuestions';
import { memorySource } from './memorySource';

/**
 * Compares numeric columns somewhere else. `reference` and `current` hold only the columns the
 * questions name, and their arrays may be moved there (this thread no longer reads them).
 */
export interface NumericComparer {
  /**
   * Below this many values in the part sent away, comparing here is faster than starting the
   * other thread (about 2,000,000: the walks take some 30 ns a value, a worker some 60 ms to start).
   */
  readonly minValues: number;
  compare(reference: Table, current: Table, questions: readonly NumericComparisonQuestion[], signal?: AbortSignal): Promise<readonly NumericComparison[]>;
}

/** The arrays of a column; its buffers may move to another thread only if no other column uses them. */
function buffersOf(column: Column): ArrayBufferLike[] {
  return column.kind === 'numeric' ? [column.values.buffer, ...(column.sortedFinite ? [column.sortedFinite.buffer] : [])] : [column.codes.buffer];
}

/** How many columns of both tables use each buffer. */
function bufferUsers(tables: readonly Table[]): Map<ArrayBufferLike, number> {
  const users = new Map<ArrayBufferLike, number>();
  for (const table of tables) {
    for (const column of table.columns) {
      for (const buffer of new Set(buffersOf(column))) users.set(buffer, (users.get(buffer) ?? 0) + 1);
    }
  }
  return users;
}

/**
 * The numeric questions to send away: the largest first, each to the lighter side, the away side
 * starting with `minValues` of load (the cost of going there), so that small comparisons stay
 * here whole. Only columns whose arrays no other column shares, and that no other part of the
 * question reads, may go.
 */
function awayQuestions(question: ComparisonQuestion, reference: Table, current: Table, minValues: number): Set<string> {
  const users = bufferUsers([reference, current]);
  const readHere = new Set([...question.identifiers, ...question.valueCounts, ...question.asCategories]);
  const columnOf = (table: Table, name: string) => table.columns.find((c) => c.name === name);
  const movable = question.numeric.flatMap((q) => {
    const ref = columnOf(reference, q.name);
    const cur = columnOf(current, q.name);
    if (!ref || !cur || ref.kind !== 'numeric' || cur.kind !== 'numeric' || readHere.has(q.name)) return [];
    if (![...buffersOf(ref), ...buffersOf(cur)].every((buffer) => users.get(buffer) === 1)) return [];
    return [{ name: q.name, cost: ref.values.length + cur.values.length }];
  });
  movable.sort((a, b) => b.cost - a.cost);
  const away = new Set<string>();
  let awayLoad = minValues;
  let homeLoad = 0;
  for (const { name, cost } of movable) {
    if (awayLoad < homeLoad) {
      away.add(name);
      awayLoad += cost;
    } else {
      homeLoad += cost;
    }
  }
  // The columns that stay here (text, identifiers, immovable ones) weigh on this side too, but
  // cost little next to the walks; the split above is by the walks alone.
  return away;
}

/** Only the named columns of a table. */
function only(table: Table, names: ReadonlySet<string>): Table {
  return { ...table, columns: table.columns.filter((c) => names.has(c.name)) };
}

/**
 * `memorySource(reference, current)` with the comparison's numeric columns shared with `elsewhere`.
 *
 * @example
 * const report = await driftReportFromSource(parallelMemorySource(reference, current, threadedComparer(script)), options);
 */
export function parallelMemorySource(reference: Table, current: Table, elsewhere: NumericComparer): DriftSource {
  const here = memorySource(reference, current);
  return {
    profile: async (question) => here.profile(question),
    async compare(question, signal): Promise<Comparison> {
      const away = awayQuestions(question, reference, current, elsewhere.minValues);
      if (away.size === 0) return here.compare(question);
      const sent = elsewhere.compare(
        only(reference, away),
        only(current, away),
        question.numeric.filter((q) => away.has(q.name)),
        signal,
      );
      // Settle the promise's rejection even if this thread's part throws first.
      sent.catch(() => undefined);
      const answered = here.compare({ ...question, numeric: question.numeric.filter((q) => !away.has(q.name)) });
      const fromElsewhere = new Map((await sent).map((answer) => [answer.name, answer]));
      const fromHere = new Map(answered.numeric.map((answer) => [answer.name, answer]));
      return { ...answered, numeric: question.numeric.map((q) => fromElsewhere.get(q.name) ?? fromHere.get(q.name)!) };
    },
  };
}
