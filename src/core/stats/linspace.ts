/**
 * Evenly spaced numbers: `num` points from `start` to `stop` inclusive, computed as
 * `start + i * ((stop - start) / (num - 1))` with the last point set to `stop`, which is exactly
 * what `numpy.linspace` does — so bin edges agree with numpy bit for bit (`linspace(0, 1, 11)[3]`
 * is 0.30000000000000004, not 0.3, in both).
 *
 * Reference: https://numpy.org/doc/stable/reference/generated/numpy.linspace.html
 *
 * @example
 * linspace(0, 1, 5); // => [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 0) {
    throw new Error('linspace requires a non-negative integer number of points');
  }
  const points = new Array<number>(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) {
    // One point: numpy returns start. A step that underflows to zero: numpy divides first (gh-5437).
    points[i] = (div === 0 ? i * delta : step === 0 ? (i / div) * delta : i * step) + start;
  }
  if (num > 1) points[num - 1] = stop;
  return points;
}
