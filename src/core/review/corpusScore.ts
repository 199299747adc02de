/**
 * The review measured on a labelled corpus (`gradient review PATH... --expect FILE`): which
 * findings a person said should be there (true positives), which are not labelled (false
 * positives), which labels no finding matched (false negatives), and precision and recall per
 * rule and overall (micro-averaged: the counts summed over the rules).
 *
 * A finding matches a label when the file, the cell, the rule and the line are equal (the line is
 * the finding's `range.startLine`); several findings of one rule on one line count once, as do
 * repeated labels. Files are compared as given: the caller makes both sides relative to the same
 * folder. Cells are indexed from 0 among all the notebook's cells (markdown included), as in
 * `ReviewFinding.cell`, the JSON output and the corpus's expected.json; the text output prints
 * them from 1 (`train.ipynb [cell 3]:2:5` is index 2).
 */
import { placeText } from './render';
import { REVIEW_RULE_IDS, type ReviewFinding, type ReviewRuleId } from './types';

/** One label: a finding that should be reported. `cell` only in a notebook, indexed from 0. */
export interface ExpectedFinding {
  readonly file: string;
  readonly rule: ReviewRuleId;
  readonly line: number;
  readonly cell?: number;
}

/** A label or an unmatched finding, as listed among the false positives or negatives. */
export interface ScoredPlace extends ExpectedFinding {
  /** The finding's message (false positives only). */
  readonly message?: string;
}

export interface RuleScore {
  readonly rule: ReviewRuleId | 'overall';
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** TP / (TP + FP); null when the rule reported nothing. */
  readonly precision: number | null;
  /** TP / (TP + FN); null when nothing of the rule is labelled. */
  readonly recall: number | null;
}

export interface CorpusScore {
  /** Every rule scored, in REVIEW_RULES order. */
  readonly rules: readonly RuleScore[];
  readonly overall: RuleScore;
  readonly falsePositives: readonly ScoredPlace[];
  readonly falseNegatives: readonly ScoredPlace[];
}

/** A labels file: every file it names (those with no label too: none expected there) and the labels. */
export interface CorpusExpectation {
  readonly files: readonly string[];
  readonly labels: readonly ExpectedFinding[];
}

/** An expectation file that cannot be read as labels; the message names the entry and what to do. */
export class CorpusExpectationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusExpectationError';
  }
}

const isNotebook = (file: string) => file.toLowerCase().endsWith('.ipynb');
const isWholePositive = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * The labels of an expectation file, `{ "files": { "<path>": [ { "rule": "...", "line": 12 },
 * { "rule": "...", "cell": 3, "line": 2 } ] } }`, checked: known rules, whole lines from 1, a cell
 * for every notebook label and none for a script's. Paths are returned as written; `source` names
 * the file in messages.
 *
 * @example
 * parseCorpusExpectation({ files: { 'a.py': [{ rule: 'test-rows-in-fit', line: 12 }], 'b.py': [] } }, 'labels.json');
 * // => { files: ['a.py', 'b.py'], labels: [{ file: 'a.py', rule: 'test-rows-in-fit', line: 12 }] }
 */
export function parseCorpusExpectation(json: unknown, source: string): CorpusExpectation {
  const files = (json as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) {
    throw new CorpusExpectationError(`${source} has no "files" object: write { "files": { "path/to/file.py": [ { "rule": "test-rows-in-fit", "line": 12 } ] } }`);
  }
  const labels: ExpectedFinding[] = [];
  for (const [file, entries] of Object.entries(files)) {
    if (!Array.isArray(entries)) throw new CorpusExpectationError(`${source}: "${file}" must list its expected findings in [ ], not ${JSON.stringify(entries)}`);
    entries.forEach((entry: unknown, index) => {
      const at = `${source}: "${file}" entry ${index + 1}`;
      const { rule, line, cell, ...rest } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
      const extra = Object.keys(rest);
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new CorpusExpectationError(`${at} must be an object like { "rule": "test-rows-in-fit", "line": 12 }`);
      if (extra.length > 0) throw new CorpusExpectationError(`${at} has ${extra.map((key) => JSON.stringify(key)).join(', ')}: an entry has "rule", "line" and, in a notebook, "cell"`);
      if (!REVIEW_RULE_IDS.includes(rule as ReviewRuleId)) throw new CorpusExpectationError(`${at}: ${JSON.stringify(rule)} is not a rule: the rules are ${REVIEW_RULE_IDS.join(', ')}`);
      if (!isWholePositive(line)) throw new CorpusExpectationError(`${at}: "line" must be a whole number from 1, not ${JSON.stringify(line)}`);
      if (isNotebook(file) && !isIndex(cell)) {
        throw new CorpusExpectationError(`${at}: a notebook's entry needs "cell", the cell's index from 0 (markdown cells count), not ${JSON.stringify(cell)}`);
      }
      if (!isNotebook(file) && cell !== undefined) throw new CorpusExpectationError(`${at}: "cell" is only for notebooks (.ipynb); ${file} is a script`);
      labels.push({ file, rule: rule as ReviewRuleId, line, ...(cell !== undefined ? { cell: cell as number } : {}) });
    });
  }
  return { files: Object.keys(files), labels };
}

function key(place: ExpectedFinding): string {
  return JSON.stringify([place.file, place.cell ?? null, place.rule, place.line]);
}

/** A finding where a label would be. */
function findingPlace(finding: ReviewFinding): ScoredPlace {
  return { file: finding.file, rule: finding.rule, line: finding.range.startLine, ...(finding.cell !== undefined ? { cell: finding.cell } : {}), message: finding.message };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function ruleScore(rule: RuleScore['rule'], truePositives: number, falsePositives: number, falseNegatives: number): RuleScore {
  return { rule, truePositives, falsePositives, falseNegatives, precision: ratio(truePositives, truePositives + falsePositives), recall: ratio(truePositives, truePositives + falseNegatives) };
}

function byPlace(a: ScoredPlace, b: ScoredPlace): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line || REVIEW_RULE_IDS.indexOf(a.rule) - REVIEW_RULE_IDS.indexOf(b.rule);
}

/**
 * Scores findings against labels. `rules` are the rules that ran (default: all): a label of a
 * rule that did not run (`--disable`) is neither found nor missed.
 *
 * @example
 * scoreCorpus([finding('a.py', 'test-rows-in-fit', 12)], [{ file: 'a.py', rule: 'test-rows-in-fit', line: 12 }]).overall;
 * // => { rule: 'overall', truePositives: 1, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1 }
 */
export function scoreCorpus(findings: readonly ReviewFinding[], expected: readonly ExpectedFinding[], rules: readonly ReviewRuleId[] = REVIEW_RULE_IDS): CorpusScore {
  const found = new Map<string, ScoredPlace>();
  for (const finding of findings) {
    const place = findingPlace(finding);
    if (rules.includes(place.rule) && !found.has(key(place))) found.set(key(place), place);
  }
  const labelled = new Map<string, ScoredPlace>();
  for (const label of expected) if (rules.includes(label.rule)) labelled.set(key(label), label);
  const falsePositives = [...found].filter(([k]) => !labelled.has(k)).map(([, place]) => place).sort(byPlace);
  const falseNegatives = [...labelled].filter(([k]) => !found.has(k)).map(([, place]) => place).sort(byPlace);
  const truePositives = [...found.keys()].filter((k) => labelled.has(k)).map((k) => found.get(k)!);
  const count = (places: readonly ScoredPlace[], rule: ReviewRuleId) => places.filter((place) => place.rule === rule).length;
  return {
    rules: rules.map((rule) => ruleScore(rule, count(truePositives, rule), count(falsePositives, rule), count(falseNegatives, rule))),
    overall: ruleScore('overall', truePositives.length, falsePositives.length, falseNegatives.length),
    falsePositives,
    falseNegatives,
  };
}

function rate(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

function placeLine(place: ScoredPlace): string {
  return `  ${placeText(place.file, place.cell, place.line)} ${place.rule}`;
}

/** The score as a table (TP, FP, FN, precision, recall per rule and overall), then the false positives and negatives. */
export function renderCorpusScoreText(score: CorpusScore): string {
  const width = Math.max(...score.rules.map((rule) => rule.rule.length), 'overall'.length);
  const row = (cells: readonly string[]) => [cells[0].padEnd(width), ...cells.slice(1, 4).map((c) => c.padStart(5)), ...cells.slice(4).map((c) => c.padStart(10))].join('  ');
  const scoreRow = (s: RuleScore) => row([s.rule, String(s.truePositives), String(s.falsePositives), String(s.falseNegatives), rate(s.precision), rate(s.recall)]);
  const lines = [row(['rule', 'TP', 'FP', 'FN', 'precision', 'recall']), ...score.rules.map(scoreRow), scoreRow(score.overall)];
  lines.push('', `False positives (${score.falsePositives.length}):`, ...score.falsePositives.map(placeLine));
  lines.push('', `False negatives (${score.falseNegatives.length}):`, ...score.falseNegatives.map(placeLine));
  return lines.join('\n') + '\n';
}

export function renderCorpusScoreJson(score: CorpusScore): string {
  return JSON.stringify(score, null, 2) + '\n';
}
