/**
 * The review: parse each source's code cells, collect the data-flow facts, run the rules, drop
 * what an ignore comment or the options silence, and sort by position. A notebook's code cells are
 * one program (a name defined in cell 2 is seen in cell 5), each parsed on its own so that a
 * broken cell does not hide the others.
 */
import { collectFacts, type ProgramFacts } from './dataFlow';
import { ignoredRules } from './ignoreComment';
import { loadPythonParser, type PythonParser, type Tree, type WasmPaths } from './pythonParser';
import { RULES, type RuleContext, type SyntaxIndex, syntaxIndex } from './rules';
import { rangeOf } from './syntax';
import { REVIEW_SCHEMA_VERSION, reviewRule, type ReviewFinding, type ReviewOptions, type ReviewReport, type ReviewSource } from './types';

export interface Reviewer {
  review(sources: readonly ReviewSource[], options?: ReviewOptions): ReviewReport;
}

export async function createReviewer(paths?: WasmPaths): Promise<Reviewer> {
  const parser = await loadPythonParser(paths);
  return { review: (sources, options) => reviewWith(parser, sources, options ?? {}) };
}

function reviewWith(parser: PythonParser, sources: readonly ReviewSource[], options: ReviewOptions): ReviewReport {
  const programs = sources.map((source) => parseProgram(parser, source));
  try {
    // What training code fits, for the serving files reviewed with it (training–serving skew across files).
    const trainingPreprocessors = programs.flatMap((program) =>
      program.names.handlers().length > 0 ? [] : program.facts.fits.filter((fit) => fit.estimator.kind === 'preprocess').map((fit) => ({ file: program.source.file, fit })),
    );
    const findings = programs.flatMap((program) => findingsOf(program, trainingPreprocessors, options));
    return { schemaVersion: REVIEW_SCHEMA_VERSION, files: sources.map((source) => source.file), findings, errors: [] };
  } finally {
    for (const program of programs) for (const { tree } of program.trees) tree.delete();
  }
}

/**
 * IPython's line magics and shell escapes (`%matplotlib inline`, `!pip install x`) are not
 * Python: blank them to comments of the same length, so positions stay where the user sees them.
 */
function withoutMagics(text: string): string {
  return text.replace(/^([ \t]*)([%!])/gm, (_, indent: string) => `${indent}#`);
}

interface Program {
  readonly source: ReviewSource;
  readonly trees: readonly { readonly cell: number; readonly tree: Tree; readonly lines: readonly string[] }[];
  readonly cells: RuleContext['cells'];
  readonly facts: ProgramFacts;
  readonly names: SyntaxIndex;
}

function parseProgram(parser: PythonParser, source: ReviewSource): Program {
  const trees = source.cells.filter((cell) => cell.kind === 'code').map((cell) => ({ cell: cell.index, tree: parser.parse(withoutMagics(cell.text)), lines: cell.text.split(/\r\n|\r|\n/) }));
  const cells = trees.map(({ cell, tree }) => ({ root: tree.rootNode, cell }));
  return { source, trees, cells, facts: collectFacts(cells), names: syntaxIndex(cells) };
}

function findingsOf(program: Program, trainingPreprocessors: RuleContext['trainingPreprocessors'], options: ReviewOptions): ReviewFinding[] {
  const { source, trees, cells, facts, names } = program;
  const imported = new Set([...facts.imports.values()].map((path) => path.split('.')[0]));
  const context: RuleContext = { facts, cells, imports: (module) => imported.has(module), names, trainingPreprocessors };
  const disabled = new Set(options.disabled ?? []);
  const isNotebook = source.cells.length > 1 || source.cells[0]?.index !== 0 || source.file.toLowerCase().endsWith('.ipynb');
  const seen = new Set<string>();
  const findings: ReviewFinding[] = [];
  for (const rule of RULES) {
    for (const found of rule(context)) {
      if (disabled.has(found.rule)) continue;
      const range = rangeOf(found.at.node);
      const lineText = trees.find((tree) => tree.cell === found.at.cell)?.lines[range.startLine - 1] ?? '';
      const silenced = ignoredRules(lineText);
      if (silenced === 'all' || silenced.includes(found.rule)) continue;
      const key = `${found.rule}:${found.at.cell}:${range.startLine}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({
        rule: found.rule,
        severity: reviewRule(found.rule).severity,
        message: found.message,
        file: source.file,
        ...(isNotebook ? { cell: found.at.cell } : {}),
        range,
        ...(found.related && found.related.length > 0 ? { related: found.related.map((related) => ({ message: related.message, ...(isNotebook ? { cell: related.at.cell } : {}), range: rangeOf(related.at.node) })) } : {}),
        fixes: found.fixes ?? [],
      });
    }
  }
  return findings.sort((a, b) => (a.cell ?? 0) - (b.cell ?? 0) || a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn || a.rule.localeCompare(b.rule));
}
