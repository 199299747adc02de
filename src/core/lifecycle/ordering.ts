/**
 * How an assessment orders everything else: the stage's pattern file first, then the rest in
 * lifecycle order; inside each, what matters for the chosen constraint first. Sorting is stable,
 * so the author's order in the pattern file breaks ties.
 */
import type { Catalog, ChecklistItem, PatternFile, Snippet } from '../patterns/catalog';
import { withDefaults } from '../patterns/snippetSyntax';
import { STAGES, type Assessment, type Constraint } from './stages';

export interface SnippetGroup {
  readonly patternFile: PatternFile;
  readonly snippets: readonly Snippet[];
}

export function firstStageIndex(file: PatternFile): number {
  return Math.min(...file.stages.map((stage) => STAGES.findIndex((s) => s.id === stage)));
}

/** Items of the constraint first; stable, so the author's order breaks ties. */
export function byConstraint<T extends { readonly constraints: readonly Constraint[] }>(items: readonly T[], constraint?: Constraint): T[] {
  if (!constraint) return [...items];
  return [...items].sort((a, b) => Number(b.constraints.includes(constraint)) - Number(a.constraints.includes(constraint)));
}

/** The pattern file an assessment loads, or undefined when the catalog lacks it. */
export function patternFileFor(catalog: Catalog, assessment: Pick<Assessment, 'stage'>): PatternFile | undefined {
  const stage = STAGES.find((s) => s.id === assessment.stage);
  return catalog.patternFiles.find((file) => file.file === stage?.patternFile);
}

/** Snippets grouped by pattern file, ordered for the assessment (lifecycle order when there is none). */
export function orderedSnippetGroups(catalog: Catalog, assessment?: Assessment): SnippetGroup[] {
  const current = assessment ? patternFileFor(catalog, assessment) : undefined;
  const files = [...catalog.patternFiles].sort((a, b) => {
    if (a === current) return -1;
    if (b === current) return 1;
    return firstStageIndex(a) - firstStageIndex(b);
  });
  return files
    .map((patternFile) => ({ patternFile, snippets: byConstraint(patternFile.snippets, assessment?.constraint) }))
    .filter((group) => group.snippets.length > 0);
}

/** The stage's checklist, what matters for the constraint first. */
export function orderedChecklist(catalog: Catalog, assessment: Assessment): ChecklistItem[] {
  return byConstraint(patternFileFor(catalog, assessment)?.checklist ?? [], assessment.constraint);
}

/** The snippet body with the placeholder defaults the constraint changes (e.g. a smaller search budget for cost). */
export function snippetBodyFor(snippet: Snippet, constraint?: Constraint): string {
  const defaults = constraint ? snippet.defaultsByConstraint[constraint] : undefined;
  return defaults ? withDefaults(snippet.body, defaults) : snippet.body;
}
