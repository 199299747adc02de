/**
 * How report numbers are written for people (the text and Markdown renderers share these, so a
 * terminal and a pull-request comment show the same digits). JSON keeps full precision.
 */

/** p-values: 4 decimals down to 0.001, then one significant digit in exponent form. */
export function formatPValue(p: number): string {
  if (p === 0) return '0';
  if (p >= 1e-3) return p.toFixed(4);
  return p.toExponential(1);
}

/** Statistics in [0, 1] or near it (KS D, PSI, JS): 4 decimals. */
export function formatStatistic(x: number): string {
  return x.toFixed(4);
}

/** Values in the data's own units (Wasserstein, means): 4 significant digits, no trailing zeros. */
export function formatMeasure(x: number): string {
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-3 && magnitude < 1e6) {
    const text = x.toPrecision(4);
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  }
  return x.toExponential(3).replace(/\.?0+e/, 'e');
}

/** 1234567 -> "1,234,567" (no locale: the same output everywhere). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A share as a percentage with one decimal: 0.0123 -> "1.2%". */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A threshold as given (0.25 stays "0.25"). */
export function formatThreshold(x: number): string {
  return String(x);
}

export type Align = 'left' | 'right';

/**
 * Rows of cells as an aligned plain-text table: each column padded to its widest cell, two
 * spaces between columns, no trailing spaces. Widths count code points, so names with accents
 * stay aligned (wide CJK characters do not: terminals disagree on them).
 */
export function alignedTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const all = [header, ...rows];
  const width = (s: string) => [...s].length;
  const widths = header.map((_, j) => Math.max(...all.map((row) => width(row[j] ?? ''))));
  return all.map((row) =>
    row
      .map((cell, j) => {
        const pad = ' '.repeat(widths[j] - width(cell));
        return align[j] === 'right' ? pad + cell : j === row.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .replace(/\s+$/, ''),
  );
}

/** A file path or name for one line of text: control characters shown as spaces. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}
