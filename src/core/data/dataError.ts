/**
 * Every way a data file can be unusable, as one typed error whose message a user can act on:
 * it names the file, the line or row, the column, and says what to do.
 */

export type DataErrorCode =
  | 'missing-file'
  | 'unreadable-file'
  | 'empty-file'
  | 'no-header'
  | 'ragged-row'
  | 'not-numeric'
  | 'binary-file'
  | 'unknown-column'
  | 'unsupported-format'
  | 'parse-error'
  | 'invalid-option'
  /** text that is not UTF-8 (or a Parquet string that is not) */
  | 'not-utf8'
  /** more columns than MAX_COLUMNS, or a header line too long to be one */
  | 'too-wide';

export interface DataErrorDetails {
  readonly code: DataErrorCode;
  readonly file: string;
  readonly column?: string;
  /** 1-based physical line in a text file (the header is line 1). */
  readonly line?: number;
  /** 1-based row in a parquet file. */
  readonly row?: number;
  readonly message: string;
}

export class DataError extends Error {
  readonly code: DataErrorCode;
  readonly file: string;
  readonly column: string | undefined;
  readonly line: number | undefined;
  readonly row: number | undefined;

  constructor(details: DataErrorDetails, options?: { cause?: unknown }) {
    super(details.message, options);
    this.name = 'DataError';
    this.code = details.code;
    this.file = details.file;
    this.column = details.column;
    this.line = details.line;
    this.row = details.row;
  }
}

/** The error a cancelled load rejects with: a `DOMException` named `AbortError`, like `fetch`. */
export function abortError(file: string, reason?: unknown): DOMException {
  const error = new DOMException(`Loading ${file} was cancelled`, 'AbortError');
  if (reason !== undefined) Object.defineProperty(error, 'cause', { value: reason });
  return error;
}

/** Throws the abort error when `signal` has fired. */
export function throwIfAborted(file: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(file, signal.reason);
}

/** A value shown inside a message: quoted, with long values cut so a message stays one line. */
export function quoteValue(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return JSON.stringify(shown);
}

/** `"a", "b", "c" and 7 more` */
export function listNames(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).map((n) => JSON.stringify(n)).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** `too-wide`: the file has more than `limit` columns; `where` says how that was seen. */
export function tooManyColumnsError(file: string, limit: number, where: { what: string; line?: number }): DataError {
  return new DataError({
    code: 'too-wide',
    file,
    ...(where.line !== undefined ? { line: where.line } : {}),
    message:
      `${file} has more than ${limit.toLocaleString('en-US')} columns (${where.what}): GRADIENT reads at most ` +
      `${limit.toLocaleString('en-US')} columns; export the columns to compare to a narrower file`,
  });
}

export function notNumericError(
  file: string,
  column: string,
  value: string,
  where: { line?: number; row?: number },
): DataError {
  const place = where.line !== undefined ? `line ${where.line}` : `row ${where.row}`;
  return new DataError({
    code: 'not-numeric',
    file,
    column,
    ...where,
    message:
      `${file} ${place}, column ${JSON.stringify(column)}: ${quoteValue(value)} is not a number, ` +
      `but the column was requested as numeric: fix the value, or read the column as categorical ` +
      `(--categorical ${column})`,
  });
}

/**
 * Checks `requested` names against the file's columns; throws `unknown-column` for the first
 * name that is not there, suggesting a case-insensitive match when there is one.
 */
export function checkColumnNames(
  file: string,
  available: readonly string[],
  requested: readonly string[] | undefined,
  optionName: string,
): void {
  if (!requested) return;
  const present = new Set(available);
  for (const name of requested) {
    if (present.has(name)) continue;
    const lower = name.toLowerCase();
    const near = available.find((a) => a.toLowerCase() === lower || a.trim() === name.trim());
    const hint = near !== undefined ? `did you mean ${JSON.stringify(near)}? ` : '';
    throw new DataError({
      code: 'unknown-column',
      file,
      column: name,
      message:
        `${file} has no column ${JSON.stringify(name)} (asked for by ${optionName}): ${hint}` +
        `its columns are ${listNames(available)}; names are case-sensitive`,
    });
  }
}

/** Throws `invalid-option` when a column is requested as both numeric and categorical. */
export function checkKindOverrides(
  file: string,
  numeric: readonly string[] | undefined,
  categorical: readonly string[] | undefined,
): void {
  if (!numeric || !categorical) return;
  const both = numeric.find((name) => categorical.includes(name));
  if (both !== undefined) {
    throw new DataError({
      code: 'invalid-option',
      file,
      column: both,
      message: `${file}: column ${JSON.stringify(both)} is requested as both numeric and categorical: pick one`,
    });
  }
}
