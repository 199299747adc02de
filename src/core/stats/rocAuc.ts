/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half — the Mann-Whitney U of the positives divided by n₁·n₀, with
 * midranks for tied scores. Equals `sklearn.metrics.roc_auc_score(labels, scores)` for binary
 * labels. 0.5 means the scores do not separate the classes.
 *
 * Reference: Hanley & McNeil, "The meaning and use of the area under a ROC curve",
 * Radiology 143(1), 1982; Mann & Whitney, Ann. Math. Stat. 18(1), 1947.
 *
 * O(n log n).
 *
 * @example
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // => 0.75
 */
export function rocAuc(labels: ArrayLike<number | boolean>, scores: ArrayLike<number>): number {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`rocAuc requires as many labels as scores (got ${labels.length} and ${n})`);
  if (n === 0) throw new Error('rocAuc requires at least 1 data point');
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const y = Number(labels[i]);
    if (y !== 0 && y !== 1) throw new Error(`rocAuc requires labels 0 or 1 (got ${labels[i]} at ${i})`);
    if (Number.isNaN(scores[i])) throw new Error(`rocAuc requires scores that are not NaN (NaN at ${i})`);
    positives += y;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new Error('rocAuc requires both classes to be present (ROC AUC is undefined for one class)');
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  // Sum of the positives' midranks (ranks 1..n; a tie group i..j-1 shares rank (i + 1 + j) / 2).
  let positiveRankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && scores[order[j]] === scores[order[i]]) j++;
    let positivesInGroup = 0;
    for (let t = i; t < j; t++) positivesInGroup += Number(labels[order[t]]);
    positiveRankSum += positivesInGroup * ((i + 1 + j) / 2);
    i = j;
  }
  const u = positiveRankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}
