/**
 * `loadTable`: reads a CSV, TSV, JSON Lines or Parquet file from disk into a columnar `Table`.
 *
 * The only part of `core/data` that touches `node:fs`: it reads a file in 1 MiB chunks into the
 * pure parsers (through `textSource`, which checks or transcodes the text), so a worker thread
 * and the CLI share the same parsing code and a file never has to fit in memory as text.
 *
 * An input that is not a regular file (a FIFO, a `<(cat a.csv)` process substitution, a
 * character device) has no size and can be read only once, while a delimited file may need a
 * second pass and Parquet needs random access: it is read whole into memory first (up to 2 GB),
 * and kept in `LoadControl.pipes` for the other loads of the same job.
 */

import { promises as fs } from 'node:fs';
import type { AsyncBuffer } from 'hyparquet';
import { readDelimitedTable } from './csvParser';
import { DataError, abortError, throwIfAborted } from './dataError';
import { TEXT_ENCODINGS, type TextEncoding } from './encoding';
import { readJsonlTable } from './jsonlParser';
import { readParquet } from './parquetReader';
import { sortedFinite } from '../stats/sortedFinite';
import { summarizeSorted } from '../stats/sortedSummary';
import type { ByteSource, Column, DataFormat, LoadControl, LoadOptions, Table } from './table';
import { textSource } from './textSource';

/** Bytes per read. Large enough that per-chunk overhead vanishes, small enough for prompt progress. */
const CHUNK_BYTES = 1 << 20;

/** The most a pipe may hold: it is kept in memory, and Node cannot make one buffer of more. */
const MAX_PIPE_BYTES = 2 ** 31 - 1;

const EXTENSIONS: Readonly<Record<string, DataFormat>> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.pq': 'parquet',
};

/** The extensions `loadTable` understands, for file pickers and messages. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);

function extensionOf(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/**
 * The format of a file from its extension (case-insensitive), or an `unsupported-format` error.
 *
 * @example
 * formatFromPath('data/prod.TSV') // 'tsv'
 */
export function formatFromPath(path: string): DataFormat {
  const extension = extensionOf(path);
  const format = EXTENSIONS[extension];
  if (format) return format;
  const name = path.split(/[\\/]/).pop() ?? path;
  const compressed = /\.(gz|zip|bz2|xz|zst)$/i.test(name);
  const what = extension ? `files ending in ${JSON.stringify(extension)}` : 'files without an extension';
  throw new DataError({
    code: 'unsupported-format',
    file: path,
    message: compressed
      ? `${path} is compressed: decompress it first; GRADIENT reads ${SUPPORTED_EXTENSIONS.join(', ')}`
      : `${path}: GRADIENT cannot read ${what}; it reads ${SUPPORTED_EXTENSIONS.join(', ')}: export the data to one of them`,
  });
}

/**
 * The format of bytes read from a pipe without a known extension (`/dev/fd/63`): Parquet by its
 * magic number, JSON Lines when the first non-blank character opens an object, else delimited text.
 */
function formatFromContent(bytes: Uint8Array): DataFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31) return 'parquet';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x7b ? 'jsonl' : 'csv';
}

/** Throws `invalid-option` for a delimiter the CSV parser cannot split on, or an unknown encoding. */
function checkOptions(path: string, options: LoadOptions): void {
  const { delimiter, encoding } = options;
  if (delimiter !== undefined && !(delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && !'"\r\n'.includes(delimiter))) {
    throw new DataError({
      code: 'invalid-option',
      file: path,
      message: `${path}: the delimiter must be one ASCII character other than a quote or a line end, not ${JSON.stringify(delimiter)}`,
    });
  }
  if (encoding !== undefined && !TEXT_ENCODINGS.includes(encoding)) {
    throw new DataError({
      code: 'invalid-option',
      file: path,
      message: `${path}: the encoding must be ${TEXT_ENCODINGS.join(', ').replace(/, ([^,]*)$/, ' or $1')}, not ${JSON.stringify(encoding)}`,
    });
  }
}

/**
 * Loads a data file into a columnar table.
 *
 * The format comes from the extension (`.csv`, `.tsv`, `.jsonl` / `.ndjson`, `.parquet`) unless
 * `options.format` says otherwise (a pipe without one is recognized by its content). Text is read
 * as `options.encoding` (default strict UTF-8), recorded as `Table.encoding`. Every failure is a
 * `DataError` whose message names the file, the line or column, and what to do; aborting
 * `control.signal` rejects with an `AbortError`.
 *
 * @example
 * const table = await loadTable('data/reference.csv', { categorical: ['zip'] });
 * table.columns.map((c) => `${c.name}:${c.kind}`) // ['age:numeric', 'zip:categorical', ...]
 */
export async function loadTable(path: string, options: LoadOptions = {}, control: LoadControl = {}): Promise<Table> {
  const table = await loadInRowOrder(path, options, control);
  return options.numericOrder === 'sorted' ? withNumericSortedInPlace(table) : table;
}

/**
 * The table with each numeric column's values sorted in place (finite ascending, then `NaN`),
 * `sortedFinite` a view of the finite start and `sortedSummary` its summary. The arrays are the
 * loader's own, so nothing else sees them change.
 */
function withNumericSortedInPlace(table: Table): Table {
  const columns = table.columns.map((column): Column => {
    if (column.kind !== 'numeric') return column;
    const finite = sortedFinite(column.values, column.values);
    column.values.fill(NaN, finite.length);
    return { ...column, sortedFinite: finite, ...(finite.length > 0 ? { sortedSummary: summarizeSorted(finite) } : {}) };
  });
  return { ...table, columns };
}

async function loadInRowOrder(path: string, options: LoadOptions, control: LoadControl): Promise<Table> {
  throwIfAborted(path, control.signal);
  const known = options.format ?? (EXTENSIONS[extensionOf(path)] as DataFormat | undefined);
  checkOptions(path, options);
  const input = await openInput(path, known === undefined, control);
  if (input.size === 0) {
    throw new DataError({
      code: 'empty-file',
      file: path,
      message: `${path} is empty (0 bytes): export the data again, or pick another file`,
    });
  }
  const format = known ?? formatFromContent(input.bytes!);
  const encoding: TextEncoding = options.encoding ?? 'utf-8';
  const raw = input.bytes ? memoryBytes(input.bytes) : fileBytes(path, input.size, control.signal);
  switch (format) {
    case 'csv':
    case 'tsv': {
      const delimiter = options.delimiter ?? (format === 'tsv' ? '\t' : undefined);
      const table = await readDelimitedTable(path, textSource(path, raw, encoding, 'any'), { delimiter, options, control });
      return { ...table, encoding };
    }
    case 'jsonl': {
      const table = await readJsonlTable(path, textSource(path, raw, encoding, 'lf'), { options, control });
      return { ...table, encoding };
    }
    case 'parquet':
      return input.bytes ? readParquet(memoryAsyncBuffer(input.bytes), path, options, control) : loadParquet(path, options, control);
  }
}

/** A regular file (`bytes` absent: read it from disk) or a pipe read whole (`bytes`). */
interface Input {
  readonly size: number;
  readonly bytes?: Uint8Array;
}

/**
 * What `path` is: its size when a regular file, its bytes when a pipe or device. With an unknown
 * extension only a pipe is read (to recognize its format); a regular file gets the extension error.
 */
async function openInput(path: string, unknownFormat: boolean, control: LoadControl): Promise<Input> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    if (unknownFormat) formatFromPath(path);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DataError(
        { code: 'missing-file', file: path, message: `${path} does not exist: check the path, or pick the file again` },
        { cause: error },
      );
    }
    throw new DataError(
      { code: 'unreadable-file', file: path, message: `${path} could not be opened (${code ?? (error as Error).message}): check its permissions` },
      { cause: error },
    );
  }
  if (stat.isDirectory()) {
    if (unknownFormat) formatFromPath(path);
    throw new DataError({
      code: 'unreadable-file',
      file: path,
      message: `${path} is a folder, not a data file: pick a ${SUPPORTED_EXTENSIONS.join(', ')} file inside it`,
    });
  }
  if (stat.isFile()) {
    if (unknownFormat) formatFromPath(path);
    return { size: stat.size };
  }
  const bytes = control.pipes?.get(path) ?? (await readPipe(path, control.signal));
  control.pipes?.set(path, bytes);
  return { size: bytes.length, bytes };
}

/** What a failed read of `path` throws: the abort when it was cancelled, a DataError as it is, else an unreadable-file DataError. */
function readFailure(path: string, error: unknown, signal: AbortSignal | undefined): Error {
  if (signal?.aborted) return abortError(path, signal.reason);
  if (error instanceof DataError) return error;
  return new DataError({ code: 'unreadable-file', file: path, message: `${path} could not be read (${(error as Error).message})` }, { cause: error });
}

/** Reads a pipe to its end, refusing more than `MAX_PIPE_BYTES` (it must fit in one buffer). */
async function readPipe(path: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
  let handle: fs.FileHandle | undefined;
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    handle = await fs.open(path, 'r');
    for (;;) {
      throwIfAborted(path, signal);
      const buffer = new Uint8Array(CHUNK_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_PIPE_BYTES) {
        throw new DataError({
          code: 'unreadable-file',
          file: path,
          message:
            `${path} is a pipe of more than 2 GB: GRADIENT keeps a pipe in memory (a file may be read twice, and Parquet out of order): ` +
            `save the data to a file and give its path instead`,
        });
      }
      parts.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    }
  } catch (error) {
    throw readFailure(path, error, signal);
  } finally {
    await handle?.close();
  }
  if (parts.length === 1) return parts[0];
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** Bytes in memory as a re-readable source of 1 MiB chunks (views, not copies). */
function memoryBytes(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    *chunks() {
      for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
    },
  };
}

function memoryAsyncBuffer(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.length,
    slice: (start: number, end: number = bytes.length) => bytes.slice(start, end).buffer,
  };
}

async function loadParquet(path: string, options: LoadOptions, control: LoadControl): Promise<Table> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(
      { code: 'unreadable-file', file: path, message: `${path} could not be opened (${code ?? (error as Error).message}): check its permissions` },
      { cause: error },
    );
  }
  try {
    const { size } = await handle.stat();
    return await readParquet(fileAsyncBuffer(handle, size), path, options, control);
  } finally {
    await handle.close();
  }
}

/** An `AsyncBuffer` (hyparquet's random-access file) over an open file handle. */
function fileAsyncBuffer(handle: fs.FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end: number = size): Promise<ArrayBuffer> {
      const bytes = new Uint8Array(Math.max(0, end - start));
      let filled = 0;
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return bytes.buffer;
    },
  };
}

/**
 * A regular file as a re-readable sequence of 1 MiB chunks; read errors become `unreadable-file`,
 * an abort becomes an `AbortError`.
 *
 * One buffer is reused for every chunk (the parsers copy what they keep before asking for the
 * next), so reading a large file allocates almost nothing and triggers no garbage collection.
 */
function fileBytes(path: string, size: number, signal: AbortSignal | undefined): ByteSource {
  return {
    size,
    async *chunks() {
      let handle: fs.FileHandle | undefined;
      try {
        handle = await fs.open(path, 'r');
        const buffer = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(size, 1)));
        let position = 0;
        for (;;) {
          throwIfAborted(path, signal);
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
          if (bytesRead === 0) break;
          position += bytesRead;
          yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
        }
      } catch (error) {
        throw readFailure(path, error, signal);
      } finally {
        await handle?.close();
      }
    },
  };
}
