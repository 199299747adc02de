/**
 * The CI gate: whether a report is bad enough to fail the build (`gradient ... --fail-on LEVEL`
 * exits 1). Levels per report, mildest first after `never`.
 */

import type { GradientReport } from './types';

export const FAIL_ON_LEVELS = {
  drift: ['never', 'warning', 'drift'],
  calibration: ['never', 'miscalibrated'],
  cusum: ['never', 'alarm'],
} as const;

export type FailOn<K extends GradientReport['report']> = (typeof FAIL_ON_LEVELS)[K][number];

/**
 * True when `report` reaches `failOn`: for drift, `warning` trips on a warning or a drift and
 * `drift` on a drift only; for calibration `miscalibrated`, for CUSUM `alarm`; `never` never.
 *
 * @example
 * tripsGate(driftReport, 'drift'); // true when any column drifted
 */
export function tripsGate(report: GradientReport, failOn: string): boolean {
  if (failOn === 'never') return false;
  switch (report.report) {
    case 'drift':
      if (failOn === 'warning') return report.summary.status !== 'ok';
      if (failOn === 'drift') return report.summary.status === 'drift';
      break;
    case 'calibration':
      if (failOn === 'miscalibrated') return report.status === 'miscalibrated';
      break;
    case 'cusum':
      if (failOn === 'alarm') return report.status === 'alarm';
      break;
  }
  const levels: readonly string[] = FAIL_ON_LEVELS[report.report];
  throw new RangeError(`tripsGate: a ${report.report} report fails on ${levels.join(', ')}, not ${JSON.stringify(failOn)}`);
}
