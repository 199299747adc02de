/** Counts per category: a `Map` or a plain object from category to a non-negative count. */
export type CategoryCounts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** A category value as it comes from a table column; null, undefined and NaN are missing. */
export type CategoryValue = string | number | boolean | null | undefined;

/**
 * Category counts: how many times each non-missing value occurs, keyed by its string form
 * (null, undefined and NaN are skipped as missing, like `pandas.Series.value_counts()`).
 *
 * O(n).
 *
 * @example
 * countCategories(['a', 'b', 'a', null]); // => Map { 'a' => 2, 'b' => 1 }
 */
export function countCategories(values: ArrayLike<CategoryValue>): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    const key = String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Code-unit order, the order of Python's `sorted()` for every string outside the astral planes. */
export function compareCategories(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The sorted union of the categories of two count tables, with both counts per category
 * (0 where a table lacks the category). Throws, naming `caller`, on negative or non-finite counts.
 */
export function alignCategoryCounts(
  reference: CategoryCounts,
  current: CategoryCounts,
  caller: string,
): { categories: string[]; referenceCounts: number[]; currentCounts: number[] } {
  const ref = toMap(reference);
  const cur = toMap(current);
  const categories = [...new Set([...ref.keys(), ...cur.keys()])].sort(compareCategories);
  const read = (map: Map<string, number>, category: string): number => {
    const count = map.get(category) ?? 0;
    if (!(Number.isFinite(count) && count >= 0)) {
      throw new Error(`${caller} requires non-negative finite counts (category '${category}' has ${count})`);
    }
    return count;
  };
  return {
    categories,
    referenceCounts: categories.map((c) => read(ref, c)),
    currentCounts: categories.map((c) => read(cur, c)),
  };
}

function toMap(counts: CategoryCounts): Map<string, number> {
  return counts instanceof Map ? new Map(counts) : new Map(Object.entries(counts));
}
