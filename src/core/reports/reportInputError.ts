/**
 * A file loaded, but its contents cannot make the report asked for (no data rows, a confidence
 * of 1.3, a label column in neither file, ...). Like `DataError`, its message is one sentence a
 * user can act on: it names the file, the column, the row, and what to do.
 */
export class ReportInputError extends Error {
  /** The file at fault. */
  readonly file: string;
  readonly column: string | undefined;

  constructor(details: { readonly file: string; readonly column?: string; readonly message: string }) {
    super(details.message);
    this.name = 'ReportInputError';
    this.file = details.file;
    this.column = details.column;
  }
}
