/** What every generator and mutator of the fuzz tier produces. */
import type { Expectation } from './expectation';

export type FuzzFormat = 'csv' | 'jsonl' | 'parquet';

export interface GeneratedFile {
  readonly format: FuzzFormat;
  /** The file name's extension, with its dot: it decides how `loadTable` reads the bytes. */
  readonly ext: string;
  readonly bytes: Uint8Array;
  /** What the file must load as, or `unknown`. */
  readonly expect: Expectation;
  /** What the generator put in, and the mutations applied: printed with a failure. */
  readonly features: readonly string[];
  /** Column names a CLI run may ask for (as the file names them, before any renaming). */
  readonly names: readonly string[];
  /** The names among `names` the generator filled with numbers. */
  readonly numericNames: readonly string[];
}

/** Size limits of one generated file. */
export interface SizeProfile {
  readonly maxColumns: number;
  /** Rows x columns. */
  readonly maxCells: number;
  /** The longest single field or JSON string. */
  readonly maxField: number;
  /** About the largest file: generators stop making long values past it. */
  readonly maxBytes: number;
}

/** Bytes of strings and byte arrays, concatenated. */
export class ByteBuilder {
  private readonly parts: Uint8Array[] = [];
  private length = 0;
  private static readonly encoder = new TextEncoder();

  add(part: string | Uint8Array): void {
    const bytes = typeof part === 'string' ? ByteBuilder.encoder.encode(part) : part;
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  get size(): number {
    return this.length;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}
