/**
 * A file loaded, but its contents cannot make the report asked for (no data rows, a confidence
 * of 1.3, a label column in neither file, ...). Like `DataError`, its message is one sentence a
 * user can act on: it names the file, the column, the row, and what to do.
 */
export class ReportInputError extends Error {
  /** The file at fault. */
  readonly file: string;
  readonly column: string | undefined;
  /** `credentials`: a database refused the login; the editor then asks for the password. */
  readonly reason: 'credentials' | undefined;

  constructor(details: { readonly file: string; readonly column?: string; readonly message: string; readonly reason?: 'credentials' }) {
    super(details.message);
    this.name = 'ReportInputError';
    this.file = details.file;
    this.column = details.column;
    this.reason = details.reason;
  }
}
