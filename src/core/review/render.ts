/**
 * The review report as a compiler's text (terminal, CI logs), JSON (the `ReviewReport` itself) and
 * SARIF 2.1.0 (GitHub code scanning, the SARIF viewers). Pure: the report in, a string out.
 *
 * Positions: the report's columns are 0-based UTF-16 code units; text and SARIF print them 1-based,
 * as compilers and SARIF do. A notebook cell is printed as its number counted from 1 among all the
 * notebook's cells, markdown included (`[cell 3]` is the third cell), the way the findings'
 * messages name cells; JSON keeps the contract's 0-based `cell` index.
 */
import { escapeControls } from '../reports/vocabulary';
import type { NotebookPositions } from './notebookPositions';
import { REVIEW_RULES, type ReviewFinding, type ReviewRange, type ReviewReport, type ReviewRule, type ReviewSeverity } from './types';

/** A cell index (0-based, among all cells) as people count it. */
export function cellNumber(index: number): number {
  return index + 1;
}

/**
 * Where something is, as compilers print it: `path:line:col`, or `path [cell N]:line:col` in a
 * notebook; without a column, `path:line`.
 *
 * @example
 * placeText('train.ipynb', 2, 4, 0); // => 'train.ipynb [cell 3]:4:1'
 */
export function placeText(file: string, cell: number | undefined, line: number, column?: number): string {
  const at = cell === undefined ? file : `${file} [cell ${cellNumber(cell)}]`;
  return `${escapeControls(at)}:${line}${column === undefined ? '' : `:${column + 1}`}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 notes in 5 files`: the report in one line (also the CLI's `--out` message). */
export function reviewSummary(report: ReviewReport): string {
  const count = (severity: ReviewSeverity) => report.findings.filter((finding) => finding.severity === severity).length;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('note'), 'note')} in ${plural(report.files.length, 'file')}`;
}

/** A file error's sentence, which names its file; prefixed with the file when it does not. */
export function fileErrorText(error: ReviewReport['errors'][number]): string {
  return escapeControls(error.message.startsWith(error.file) ? error.message : `${error.file}: ${error.message}`);
}

/**
 * One line per finding, `path:line:col: severity rule-id: message`, its related places and fixes
 * indented below it; then the summary line and the files that could not be reviewed.
 */
export function renderReviewText(report: ReviewReport): string {
  const lines: string[] = [];
  for (const finding of report.findings) {
    const { range } = finding;
    lines.push(`${placeText(finding.file, finding.cell, range.startLine, range.startColumn)}: ${finding.severity} ${finding.rule}: ${escapeControls(finding.message)}`);
    for (const related of finding.related ?? []) {
      lines.push(`    ${placeText(finding.file, related.cell, related.range.startLine, related.range.startColumn)}: ${escapeControls(related.message)}`);
    }
    for (const fix of finding.fixes) lines.push(`    fix: ${escapeControls(fix.title)}`);
  }
  lines.push(reviewSummary(report));
  if (report.errors.length > 0) {
    lines.push(`${plural(report.errors.length, 'file')} could not be reviewed:`);
    for (const error of report.errors) lines.push(`  ${fileErrorText(error)}`);
  }
  return lines.join('\n') + '\n';
}

/** The `ReviewReport` exactly, as `--format json` promises. */
export function renderReviewJson(report: ReviewReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html),
// the subset GitHub code scanning reads (docs.github.com: "SARIF support for code scanning").

/** The OASIS schema's own identifier; consumers match it, nothing fetches it. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifOptions {
  /** GRADIENT's version (package.json), `tool.driver.version`. */
  readonly toolVersion: string;
  /** Each notebook's map from cell positions to its file's (`notebookPositions`), by the report's path. */
  readonly notebooks?: ReadonlyMap<string, NotebookPositions>;
}

type SarifLevel = 'error' | 'warning' | 'note';

/** A SARIF region: lines and columns 1-based, `endColumn` the column after the last character. */
interface SarifRegion {
  readonly startLine: number;
  readonly startColumn?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/**
 * A `/`-separated relative path as a URI reference, each segment percent-encoded (spaces,
 * `#`, `%`, non-ASCII), so `data prep/modèle.py` is `data%20prep/mod%C3%A8le.py` and a first
 * segment holding `:` is not read as a scheme.
 *
 * @example
 * pathToUriReference('nb/a b#1.ipynb'); // => 'nb/a%20b%231.ipynb'
 */
export function pathToUriReference(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A GitHub-style heading anchor: `3. Training-serving skew report` -> `3-training-serving-skew-report`. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** `test-rows-in-fit` -> `TestRowsInFit`: SARIF's `name`, an identifier-like label. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

function patternReference(rule: ReviewRule): string {
  return `patterns/${rule.pattern.file}#${headingAnchor(rule.pattern.section)}`;
}

function sarifRule(rule: ReviewRule) {
  const where = patternReference(rule);
  const snippet = rule.pattern.snippet ? ` (snippet ${rule.pattern.snippet})` : '';
  const snippetMarkdown = rule.pattern.snippet ? ` (snippet \`${rule.pattern.snippet}\`)` : '';
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    defaultConfiguration: { level: rule.severity },
    help: {
      // GRADIENT's pattern files ship with the extension (GRADIENT: Open pattern file), not in the
      // reviewed repository: named, not linked, so no link in the alert leads nowhere.
      text: `${rule.why}\n\nHow to prevent it: GRADIENT's pattern file ${where}, section "${rule.pattern.section}"${snippet}.`,
      markdown: `${rule.why}\n\nHow to prevent it: GRADIENT's pattern file \`${where}\`, section *${rule.pattern.section}*${snippetMarkdown}.`,
    },
    properties: { tags: ['machine-learning', rule.pattern.file.replace(/\.md$/, '')] },
  };
}

/** A range (0-based columns) as a SARIF region (1-based columns). */
function sarifRegion(range: ReviewRange): SarifRegion {
  return { startLine: range.startLine, startColumn: range.startColumn + 1, endLine: range.endLine, endColumn: range.endColumn + 1 };
}

/**
 * Where a finding or related place is, in SARIF.
 *
 * A notebook cell: SARIF and GitHub code scanning address files by their own lines, and a
 * `.ipynb` file's lines are JSON: line 4 of cell 3 is on another line of the file, its columns
 * shifted by the indentation and the escapes. With the notebook's map (`options.notebooks`) the
 * region is where the code is in the file, so GitHub shows the right line of the notebook's JSON;
 * without it (or for a position the map lacks), the notebook's first line, since GitHub rejects a
 * whole upload when a result has no physical location. Either way the message starts with the
 * cell, line and column, and `properties` carry them: `cell` (counted from 1, as printed) and
 * `cellRegion` (the region within the cell, SARIF's 1-based columns).
 */
function sarifLocation(file: string, cell: number | undefined, range: ReviewRange, notebooks: SarifOptions['notebooks']) {
  const artifactLocation = { uri: pathToUriReference(file) };
  if (cell === undefined) return { physicalLocation: { artifactLocation, region: sarifRegion(range) } };
  const map = notebooks?.get(file);
  const start = map?.locate(cell, range.startLine, range.startColumn);
  const end = map?.locate(cell, range.endLine, range.endColumn, true);
  const region = start && end ? sarifRegion({ startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column }) : { startLine: 1 };
  return {
    physicalLocation: { artifactLocation, region },
    properties: { cell: cellNumber(cell), cellRegion: sarifRegion(range) },
  };
}

/** `cell 3, line 4, column 1: ` before a notebook finding's message; nothing for a script. */
function cellPrefix(cell: number | undefined, range: ReviewRange): string {
  return cell === undefined ? '' : `cell ${cellNumber(cell)}, line ${range.startLine}, column ${range.startColumn + 1}: `;
}

/**
 * A finding's fixes as SARIF fixes, for scripts only: a fix's `deletedRegion` is in the
 * artifact's own lines, and a notebook's artifact is its JSON, so a cell's edit applied there
 * would corrupt the file. The editor applies notebook fixes through the notebook API instead.
 */
function sarifFixes(finding: ReviewFinding) {
  if (finding.cell !== undefined || finding.fixes.some((fix) => fix.edits.some((edit) => edit.cell !== undefined))) return [];
  return finding.fixes.map((fix) => ({
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: { uri: pathToUriReference(finding.file) },
        replacements: fix.edits.map((edit) => ({ deletedRegion: sarifRegion(edit.range), insertedContent: { text: edit.newText } })),
      },
    ],
  }));
}

function sarifResult(finding: ReviewFinding, ruleIndex: number, notebooks: SarifOptions['notebooks']) {
  const fixes = sarifFixes(finding);
  const related = finding.related ?? [];
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: finding.severity satisfies SarifLevel,
    message: { text: cellPrefix(finding.cell, finding.range) + finding.message },
    locations: [sarifLocation(finding.file, finding.cell, finding.range, notebooks)],
    ...(related.length > 0
      ? {
          relatedLocations: related.map((place, index) => ({
            id: index + 1,
            ...sarifLocation(finding.file, place.cell, place.range, notebooks),
            message: { text: cellPrefix(place.cell, place.range) + place.message },
          })),
        }
      : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

/**
 * The report as one SARIF 2.1.0 run: every rule in `tool.driver.rules` (so GitHub shows the
 * rule's help even for rules without results), one result per finding, and the files that could
 * not be reviewed as error notifications of the invocation.
 */
export function renderReviewSarif(report: ReviewReport, options: SarifOptions): string {
  const ruleIndex = new Map<string, number>(REVIEW_RULES.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'GRADIENT', version: options.toolVersion, semanticVersion: options.toolVersion, rules: REVIEW_RULES.map(sarifRule) } },
        // The report's columns count UTF-16 code units (JavaScript strings, VS Code).
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((error) => ({
              level: 'error',
              message: { text: error.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: pathToUriReference(error.file) } } }],
            })),
          },
        ],
        results: report.findings.map((finding) => sarifResult(finding, ruleIndex.get(finding.rule)!, options.notebooks)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
