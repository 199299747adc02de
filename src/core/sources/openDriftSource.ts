/**
 * The sources a drift report can be asked of besides memory: DuckDB over the two files, two
 * SELECTs on a PostgreSQL server, or the exported results of the drift SQL. Each engine's module
 * is loaded only when asked for, so a report in memory never loads DuckDB's native library or
 * the PostgreSQL client.
 */

import { readFile } from 'node:fs/promises';
import type { Comparison, ComparisonQuestion, DriftSource, Profile, ProfileQuestion } from './driftQuestions';
import { SourceInputError } from './sourceInputError';

/** Where the rows of a drift report are when they are not in two files read into memory. */
export type DriftOrigin =
  | {
      readonly kind: 'database';
      /** `postgresql://user@host:port/db`; the password comes from the environment (PGPASSWORD, PGSERVICE, ~/.pgpass), never from here in the editor. */
      readonly connection: string;
      readonly referenceSql: string;
      readonly currentSql: string;
      /** Extra environment for the connection (the editor passes a password it holds in SecretStorage as PGPASSWORD). */
      readonly env?: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'aggregates';
      /** Files of long-format result rows (CSV with a header, or JSON Lines), round 1's and round 2's, in any order. */
      readonly files: readonly string[];
    };

export interface OpenSourceOptions {
  /** The names the report shows for the two sides (file paths as the user wrote them, or the .sql files). */
  readonly labels: { readonly reference: string; readonly current: string };
  readonly signal?: AbortSignal;
}

/** Whether DuckDB's native library can be loaded here (the package, and its build for this platform). */
export function duckdbAvailable(): boolean {
  try {
    require.resolve('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

/** DuckDB over two data files (Parquet, CSV/TSV, JSON Lines). */
export async function openDuckdbSource(
  files: { readonly reference: string; readonly current: string },
  load: { readonly columns?: readonly string[]; readonly categorical?: readonly string[]; readonly numeric?: readonly string[] },
  options: OpenSourceOptions,
): Promise<DriftSource> {
  if (!duckdbAvailable()) {
    throw new SourceInputError(`DuckDB is not installed with this GRADIENT (no @duckdb/node-api for ${process.platform}-${process.arch}): use --engine memory`);
  }
  const { duckdbSource } = await import('./duckdbSource');
  return labelled(duckdbSource({ ...files, ...load }), options.labels);
}

/** A source for a drift origin (database or exported aggregates). */
export async function openOriginSource(origin: DriftOrigin, options: OpenSourceOptions): Promise<DriftSource> {
  switch (origin.kind) {
    case 'database': {
      const { postgresSource } = await import('./postgresSource');
      return labelled(postgresSource(origin.connection, origin.referenceSql, origin.currentSql, { ...process.env, ...origin.env }), options.labels);
    }
    case 'aggregates': {
      const { aggregatesSource } = await import('./aggregatesSource');
      const texts = await Promise.all(origin.files.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
      return aggregatesSource(texts, options.labels);
    }
  }
}

/** The source with its two sides named as the user knows them. */
function labelled(source: DriftSource, labels: OpenSourceOptions['labels']): DriftSource {
  return {
    async profile(question: ProfileQuestion, signal?: AbortSignal): Promise<Profile> {
      const profile = await source.profile(question, signal);
      const { description } = profile;
      return {
        ...profile,
        description: {
          ...description,
          reference: { ...description.reference, source: labels.reference },
          current: { ...description.current, source: labels.current },
        },
      };
    },
    compare: (question: ComparisonQuestion, signal?: AbortSignal): Promise<Comparison> => source.compare(question, signal),
    close: () => source.close?.() ?? Promise.resolve(),
  };
}

/** The source, telling `onProgress` which round it is answering. */
export function withProgress(
  source: DriftSource,
  onProgress: ((progress: { readonly phase: 'querying'; readonly engine: string; readonly round: 'profile' | 'comparison' }) => void) | undefined,
  engine: string,
): DriftSource {
  if (!onProgress) return source;
  return {
    profile(question, signal) {
      onProgress({ phase: 'querying', engine, round: 'profile' });
      return source.profile(question, signal);
    },
    compare(question, signal) {
      onProgress({ phase: 'querying', engine, round: 'comparison' });
      return source.compare(question, signal);
    },
    close: () => source.close?.() ?? Promise.resolve(),
  };
}
