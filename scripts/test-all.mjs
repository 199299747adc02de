/**
 * `npm test`: every test tier in order, each as its own `npm run` with the output shown as it
 * comes. Stops at the first tier that fails and prints a summary of tiers and times. First the
 * Debian packages the tiers need are checked and, when this may, installed
 * (scripts/system-packages.mjs); nothing here skips a tier.
 */
import { spawnSync } from 'node:child_process';
import { SystemPackagesError, ensureSystemPackages } from './system-packages.mjs';

const TIERS = ['build', 'typecheck', 'lint', 'test:unit', 'test:database', 'test:fuzz', 'test:python', 'package', 'test:integration', 'test:e2e'];

// The Debian packages the tiers need: installed now when this may (root or sudo -n), else named.
try {
  ensureSystemPackages('test');
} catch (error) {
  console.error(`✖ ${error instanceof SystemPackagesError ? error.message : error}`);
  process.exit(1);
}

const results = [];
for (const tier of TIERS) {
  console.log(`\n━━━ npm run ${tier} ━━━`);
  const started = Date.now();
  const { status, error } = spawnSync('npm', ['run', tier], { stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  const ok = status === 0;
  results.push({ tier, ok, seconds });
  if (!ok) {
    console.error(`\n✖ tier "${tier}" failed (${error ? error.message : `exit code ${status}`})`);
    break;
  }
}

console.log('\n━━━ summary ━━━');
for (const tier of TIERS) {
  const result = results.find((r) => r.tier === tier);
  const status = !result ? '· not run' : result.ok ? '✔ passed' : '✖ FAILED';
  console.log(`${status.padEnd(10)} ${tier.padEnd(18)} ${result ? `${result.seconds.toFixed(1)} s` : ''}`);
}
const total = results.reduce((sum, r) => sum + r.seconds, 0);
console.log(`total ${(total / 60).toFixed(1)} min`);
process.exit(results.length === TIERS.length && results.every((r) => r.ok) ? 0 : 1);
