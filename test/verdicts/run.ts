/**
 * `npm run verdicts`: how often each of GRADIENT's statuses is wrong, per regime, beside its target.
 *
 *   npm run verdicts                 the full simulation (a few minutes), a Markdown table on stdout
 *   npm run verdicts -- --quick      the short run `npm test` makes (test/unit/verdicts.test.ts)
 *   npm run verdicts -- --only cusum regimes whose group or name contains the text
 *   npm run verdicts -- --only readiness   the readiness gate's answers on labelled workspaces
 *
 * Seeded: the same command prints the same table on every machine. Exit 1 when a regime misses
 * its target. README.md "How the verdicts are made" shows the full run's table.
 */
import { describeMismatches, measureReadiness, READINESS_WORKSPACES, readinessShortfalls, readinessTables } from './readiness';
import { REGIMES, measure, meets } from './regimes';

const SEED = 20261201;

/** A regime's own seed, from its name: the same numbers whether it runs alone or with the others. */
function seedOf(name: string): number {
  let hash = SEED;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 2 : 1)}%`;
}

const hasTarget = (regime: (typeof REGIMES)[number]): boolean =>
  regime.target.max !== undefined || regime.target.min !== undefined;

function target(regime: (typeof REGIMES)[number]): string {
  if (regime.target.max !== undefined) return regime.target.max === 0 ? 'never' : `≤ ${percent(regime.target.max)}`;
  if (regime.target.min !== undefined) return `≥ ${percent(regime.target.min)}`;
  return '— (for information)';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1]?.toLowerCase() : undefined;
  // The quick run skips the regimes measured for information only (quickRuns 0).
  const regimes = REGIMES.filter((r) => (!only || `${r.group} ${r.name}`.toLowerCase().includes(only)) && (!quick || r.quickRuns > 0));
  const started = Date.now();
  let failed = 0;
  if (regimes.length > 0) {
    const lines = ['| group | regime | claim | runs | measured | target | |', '|---|---|---|---:|---:|---|---|'];
    let targeted = 0;
    let regimesFailed = 0;
    for (const regime of regimes) {
      const runs = quick ? regime.quickRuns : regime.runs;
      const t0 = Date.now();
      const { rate, flagged, total } = await measure(regime, runs, seedOf(regime.name));
      const ok = meets(regime, rate);
      if (!ok) regimesFailed++;
      if (hasTarget(regime)) targeted++;
      const mark = !hasTarget(regime) ? '' : ok ? '✓' : '✗';
      lines.push(`| ${regime.group} | ${regime.name} | ${regime.claim} | ${runs.toLocaleString('en-US')} | ${percent(rate)} (${flagged}/${total}) | ${target(regime)} | ${mark} |`);
      process.stderr.write(`${mark || '·'} ${regime.name}: ${percent(rate)} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    }
    console.log(lines.join('\n'));
    console.log(`\n${targeted - regimesFailed} of ${targeted} regimes with a target meet it, ${regimes.length - targeted} measured for information (seed ${SEED}, ${quick ? 'quick' : 'full'} run, ${((Date.now() - started) / 1000).toFixed(0)} s).`);
    failed += regimesFailed;
  }
  // The readiness gate's answers: one simulation of labelled workspaces with its own tables.
  if (!only || 'readiness'.includes(only)) {
    const t0 = Date.now();
    const workspaces = quick ? READINESS_WORKSPACES.quick : READINESS_WORKSPACES.full;
    const result = await measureReadiness(workspaces, seedOf('readiness'));
    const shortfalls = readinessShortfalls(result);
    if (regimes.length > 0) console.log('');
    console.log(readinessTables(result));
    const verdict = shortfalls.length === 0 ? 'every defect detected, no false alarm, every status right' : `short of the targets: ${shortfalls.join('; ')}`;
    console.log(`\nReadiness on ${workspaces.toLocaleString('en-US')} labelled workspaces: ${verdict} (seed ${SEED}, ${quick ? 'quick' : 'full'} run, ${((Date.now() - t0) / 1000).toFixed(0)} s).`);
    if (result.mismatches.length > 0) process.stderr.write(`${describeMismatches(result)}\n`);
    if (shortfalls.length > 0) failed++;
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
