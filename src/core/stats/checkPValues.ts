/** Throws, naming `caller`, unless every p-value is a number in [0, 1] (NaN included). */
export function checkPValues(pValues: ArrayLike<number>, caller: string): void {
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (!(p >= 0 && p <= 1)) throw new Error(`${caller} requires p-values in [0, 1] (got ${p} at ${i})`);
  }
}
