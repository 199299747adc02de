// The drift report from a source's answers: a database source may leave a text column's
// categories unlisted (more than it lists); the column is then skipped with its reason, counted
// as such in the summary, and every other column is measured as from memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDriftReport, driftReportFromSyncSource } from '../../src/core/reports/driftReport';
import type { SyncDriftSource } from '../../src/core/sources/driftQuestions';
import { memorySource } from '../../src/core/sources/memorySource';
import { categorical, cycle, numeric, range, table } from './reportTables';

test('a text column a source does not list is skipped as too many categories, named so in the verdict', () => {
  const n = 400;
  const reference = table('ref.csv', [numeric('x', range(n).map((i) => i % 37)), categorical('city', cycle(['a', 'b', 'c'], n))]);
  const current = table('cur.csv', [numeric('x', range(n).map((i) => (i * 7) % 41)), categorical('city', cycle(['a', 'b', 'd'], n))]);
  const memory = memorySource(reference, current);
  // A database source above its category limit: the profile has the count, not the list.
  const unlisted: SyncDriftSource = {
    profile(question) {
      const profile = memory.profile(question);
      const hide = (columns: typeof profile.reference) => columns.map((c) => (c.kind === 'categorical' ? { ...c, categories: null } : c));
      return { ...profile, reference: hide(profile.reference), current: hide(profile.current) };
    },
    compare: (question) => memory.compare(question),
  };
  const report = driftReportFromSyncSource(unlisted);
  const skipped = report.skipped.find((s) => s.name === 'city');
  assert.equal(skipped?.reason, 'too-many-categories');
  assert.match(skipped?.message ?? '', /^"city" has 3 distinct values in ref\.csv, more than the 100,000 a data source lists: give it the role identifier or ignore/);
  assert.match(report.summary.verdict, /1 column not tested \(1 with too many categories for a database source\)/);
  assert.deepEqual(report.columns, buildDriftReport(reference, current).columns.filter((c) => c.name !== 'city'));
});
