/**
 * The snippet catalog: what the build generates from `patterns/*.md` (as `dist/catalog.json`) and
 * what the extension, the quick pick and the generated `contributes.snippets` files read.
 * The Markdown files are the single source of truth; this is their parsed form.
 */
import type { Constraint, StageId } from '../lifecycle/stages';
import type { ConfigKind, ConsistencyRuleId } from '../readiness/types';

export const CATALOG_VERSION = 1;

export type SnippetLanguage = 'python' | 'yaml' | 'markdown';

export interface Placeholder {
  /** Tab-stop index, 1-based; the same index may appear more than once (mirrored). */
  readonly index: number;
  /** The seed's default, shown selected when the snippet is inserted. */
  readonly default: string;
  /** The identifier assigned on the placeholder's line (`LATENCY_BUDGET_MS = ${1:200}`), if any. */
  readonly name: string | null;
}

export interface Snippet {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly stages: readonly StageId[];
  /** The constraints this snippet matters most for; they move it up the list. */
  readonly constraints: readonly Constraint[];
  readonly language: SnippetLanguage;
  /** Workspace-relative file the snippet belongs in, e.g. `tests/test_serving.py`. */
  readonly target: string;
  /** VS Code snippet syntax, header stripped. */
  readonly body: string;
  readonly placeholders: readonly Placeholder[];
  /** Placeholder defaults that change under a constraint: `{ cost: { "1": "20" } }`. */
  readonly defaultsByConstraint: Partial<Record<Constraint, Readonly<Record<string, string>>>>;
  readonly source: { readonly file: string; readonly line: number };
}

/**
 * What answers a checklist item, from its comment's `evidence:` list (issue 9):
 * `tests(snippet-id, ...)` the tests below those snippets' markers passed in the last run;
 * `config(kind)` that config exists, validates and agrees with the others; `baseline` the model
 * version record's test metric beats its baseline's; `file(glob, ...)` a file matching one exists.
 */
export type EvidenceSpec =
  | { readonly kind: 'tests'; readonly snippets: readonly string[] }
  | { readonly kind: 'config'; readonly config: ConfigKind }
  /** The configs agree with each other and the tests on these consistency rules. */
  | { readonly kind: 'rules'; readonly rules: readonly ConsistencyRuleId[] }
  | { readonly kind: 'baseline' }
  | { readonly kind: 'file'; readonly globs: readonly string[] };

export interface ChecklistItem {
  /** Kebab-case, unique in its pattern file (`id:` in the comment; else derived from the text). */
  readonly id: string;
  readonly text: string;
  readonly constraints: readonly Constraint[];
  /** Empty when the comment names none: the readiness check then reports the item as missing. */
  readonly evidence: readonly EvidenceSpec[];
  /** 1-based line in the pattern file. */
  readonly line: number;
}

/** A `## ` heading of a pattern file: where a link to one of its sections lands. */
export interface PatternSection {
  /** The heading's text, e.g. `Leakage check`. */
  readonly title: string;
  /** 1-based line of the heading in the pattern file. */
  readonly line: number;
}

export interface PatternFile {
  /** File name inside `patterns/`, e.g. `model-serving.md`. */
  readonly file: string;
  readonly title: string;
  readonly stages: readonly StageId[];
  /** From "How the constraint shapes this stage": one sentence per constraint. */
  readonly constraintNotes: Partial<Record<Constraint, string>>;
  readonly checklist: readonly ChecklistItem[];
  readonly snippets: readonly Snippet[];
  /** Its `## ` headings in order (those inside code blocks are code, not headings). */
  readonly sections: readonly PatternSection[];
}

export interface Catalog {
  readonly version: typeof CATALOG_VERSION;
  readonly patternFiles: readonly PatternFile[];
}

/** Every snippet of the catalog, in file order. */
export function allSnippets(catalog: Catalog): Snippet[] {
  return catalog.patternFiles.flatMap((file) => file.snippets);
}
