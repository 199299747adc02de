/**
 * `loadTable`: reads a CSV, TSV, JSON Lines or Parquet file from disk into a columnar `Table`.
 *
 * The only part of `core/data` that touches `node:fs`: it reads the file in 1 MiB chunks
 * into the pure parsers, so a worker thread and the CLI share the same parsing code and a
 * file never has to fit in memory as text.
 */

import { promises as fs } from 'node:fs';
import type { AsyncBuffer } from 'hyparquet';
import { readDelimitedTable } from './csvParser';
import { DataError, abortError, throwIfAborted } from './dataError';
import { readJsonlTable } from './jsonlParser';
import { readParquet } from './parquetReader';
import { checkTextHead } from './sniff';
import type { ByteSource, DataFormat, LoadControl, LoadOptions, Table } from './table';

/** Bytes per read. Large enough that per-chunk overhead vanishes, small enough for prompt progress. */
const CHUNK_BYTES = 1 << 20;

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

/**
 * The format of a file from its extension (case-insensitive), or an `unsupported-format` error.
 *
 * @example
 * formatFromPath('data/prod.TSV') // 'tsv'
 */
export function formatFromPath(path: string): DataFormat {
  const name = path.split(/[\\/]/).pop() ?? path;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot).toLowerCase() : '';
  const format = EXTENSIONS[extension];
  if (format) return format;
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
 * Loads a data file into a columnar table.
 *
 * The format comes from the extension (`.csv`, `.tsv`, `.jsonl` / `.ndjson`, `.parquet`) unless
 * `options.format` says otherwise. Every failure is a `DataError` whose message names the file,
 * the line or column, and what to do; aborting `control.signal` rejects with an `AbortError`.
 *
 * @example
 * const table = await loadTable('data/reference.csv', { categorical: ['zip'] });
 * table.columns.map((c) => `${c.name}:${c.kind}`) // ['age:numeric', 'zip:categorical', ...]
 */
export async function loadTable(path: string, options: LoadOptions = {}, control: LoadControl = {}): Promise<Table> {
  throwIfAborted(path, control.signal);
  const format = options.format ?? formatFromPath(path);
  if (options.delimiter !== undefined && options.delimiter.length !== 1) {
    throw new DataError({
      code: 'invalid-option',
      file: path,
      message: `${path}: the delimiter must be one character, not ${JSON.stringify(options.delimiter)}`,
    });
  }
  const size = await fileSize(path);
  if (size === 0) {
    throw new DataError({
      code: 'empty-file',
      file: path,
      message: `${path} is empty (0 bytes): export the data again, or pick another file`,
    });
  }
  switch (format) {
    case 'csv':
    case 'tsv': {
      const delimiter = options.delimiter ?? (format === 'tsv' ? '\t' : undefined);
      return readDelimitedTable(path, fileBytes(path, size, control.signal), { delimiter, options, control });
    }
    case 'jsonl':
      return readJsonlTable(path, fileBytes(path, size, control.signal), { options, control });
    case 'parquet':
      return loadParquet(path, options, control);
  }
}

async function loadParquet(path: string, options: LoadOptions, control: LoadControl): Promise<Table> {
  const handle = await fs.open(path, 'r');
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
 * The file as a re-readable sequence of 1 MiB chunks; the first kilobyte is checked for binary
 * content, read errors become `unreadable-file`, an abort becomes an `AbortError`.
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
          const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
          if (position === 0) checkTextHead(path, chunk, bytesRead < size);
          position += bytesRead;
          yield chunk;
        }
      } catch (error) {
        if (signal?.aborted) throw abortError(path, signal.reason);
        if (error instanceof DataError) throw error;
        throw new DataError(
          { code: 'unreadable-file', file: path, message: `${path} could not be read (${(error as Error).message})` },
          { cause: error },
        );
      } finally {
        await handle?.close();
      }
    },
  };
}

async function fileSize(path: string): Promise<number> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
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
    throw new DataError({
      code: 'unreadable-file',
      file: path,
      message: `${path} is a folder, not a data file: pick a ${SUPPORTED_EXTENSIONS.join(', ')} file inside it`,
    });
  }
  return stat.size;
}
