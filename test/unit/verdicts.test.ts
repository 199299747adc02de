// The quick run of `npm run verdicts` (test/verdicts/regimes.ts): every status GRADIENT emits is
// checked against data with a known truth, with fewer trials than the full run the README shows.
// Seeded, so the rates are the same on every machine; a rule change that raises a false-alarm
// rate or loses a detection fails here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeMismatches, measureReadiness, READINESS_WORKSPACES, readinessShortfalls } from '../verdicts/readiness';
import { REGIMES, measure, meets } from '../verdicts/regimes';

for (const [index, regime] of REGIMES.entries()) {
  if (regime.target.max === undefined && regime.target.min === undefined) continue;
  const bound = regime.target.max !== undefined ? `at most ${regime.target.max * 100}%` : `at least ${regime.target.min! * 100}%`;
  test(`${regime.group}: ${regime.name}: "${regime.claim}" ${bound} of the time`, async () => {
    const { rate, flagged, total } = await measure(regime, regime.quickRuns, 7_000 + index);
    assert.ok(meets(regime, rate), `${flagged} of ${total} (${(rate * 100).toFixed(1)}%)`);
  });
}

test(`readiness: on ${READINESS_WORKSPACES.quick} labelled workspaces every defect is detected, no neutral mutation raises a false alarm, every status is right`, async () => {
  const result = await measureReadiness(READINESS_WORKSPACES.quick, 7_999);
  assert.deepEqual(readinessShortfalls(result), [], describeMismatches(result));
});
