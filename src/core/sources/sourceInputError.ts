/**
 * A source could not answer because of the data or the connection, not because of a bug: a
 * column that is not there, text in a column read as numbers, a file DuckDB cannot parse, a
 * server that refused the login. The report engine turns it into a `ReportInputError`, so the user
 * sees one sentence naming the file or connection and what to do.
 */
export class SourceInputError extends Error {
  constructor(
    message: string,
    readonly details: { readonly column?: string; readonly reason?: 'credentials' } = {},
  ) {
    super(message);
    this.name = 'SourceInputError';
  }
}
