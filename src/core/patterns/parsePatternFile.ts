/**
 * Parses one `patterns/*.md` file into its catalog entry. The format (front matter, the
 * "How the constraint shapes this stage" and "Checklist" sections, and snippet headers) is
 * documented in README.md under "Writing pattern files"; every violation is reported with its
 * file and line so the build fails with a message a pattern author can act on.
 */
import { CONSTRAINTS, isConstraint, isStageId, type Constraint, type StageId } from '../lifecycle/stages';
import { CONFIG_KINDS, CONSISTENCY_RULES, type ConfigKind, type ConsistencyRuleId } from '../readiness/types';
import type { ChecklistItem, EvidenceSpec, PatternFile, PatternSection, Snippet, SnippetLanguage } from './catalog';
import { snippetMarker } from './snippetMarker';
import { parsePlaceholders } from './snippetSyntax';

export class PatternFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`patterns/${file}:${line}: ${detail}`);
    this.name = 'PatternFormatError';
  }
}

const LANGUAGES: readonly SnippetLanguage[] = ['python', 'yaml', 'markdown'];
const REQUIRED_KEYS = ['snippet', 'title', 'description', 'stages', 'constraints', 'target'] as const;
/** `# @key: value` in Python and YAML, `<!-- @key: value -->` in Markdown. */
const HEADER_LINE = /^\s*(?:#|<!--)\s*@([\w.]+):\s*(.*?)\s*(?:-->)?\s*$/;
const FENCE = /^(\s*)(```+|~~~+)\s*([\w-]*)\s*$/;
const CHECKLIST_ITEM = /^\s*[-*]\s+\[[ xX]\]\s+(.*?)\s*(?:<!--\s*(.*?)\s*-->)?\s*$/;
const CONTINUATION = /^\s+\S/;
const CONSTRAINT_NOTE = /^\s*[-*]\s+\*\*(\w+)\*\*\s*[—–:-]+\s*(.+)$/;

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** One evidence term: `tests(a, b)`, `config(kind)`, `rules(rule-id, ...)`, `baseline`, `file(glob, ...)`. */
const EVIDENCE_TERM = /^(\w+)\s*(?:\(([^()]*)\))?$/;

/** A checklist item's id from its text when the comment names none: the first words, kebab-case. */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/`[^`]*`/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 6)
    .join('-');
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function splitList(value: string): string[] {
  return value
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export function parsePatternFile(file: string, text: string): PatternFile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const fail = (lineIndex: number, detail: string): never => {
    throw new PatternFormatError(file, lineIndex + 1, detail);
  };

  const parseStages = (value: string, lineIndex: number): StageId[] => {
    const stages = splitList(value);
    if (stages.length === 0) fail(lineIndex, 'stages must name at least one of A-G');
    return stages.map((stage) => (isStageId(stage) ? stage : fail(lineIndex, `unknown stage "${stage}" (use A-G)`)));
  };
  const parseConstraints = (value: string, lineIndex: number): Constraint[] =>
    splitList(value).map((c) =>
      isConstraint(c) ? c : fail(lineIndex, `unknown constraint "${c}" (use ${CONSTRAINTS.join(', ')})`),
    );

  // Front matter: `---`, `key: value` lines, `---`.
  if (lines[0]?.trim() !== '---') fail(0, 'a pattern file starts with front matter (---, title:, stages:, ---)');
  const frontMatter = new Map<string, { value: string; line: number }>();
  let lineIndex = 1;
  for (; lineIndex < lines.length && lines[lineIndex].trim() !== '---'; lineIndex++) {
    const match = /^(\w+):\s*(.*)$/.exec(lines[lineIndex]);
    if (match) frontMatter.set(match[1], { value: match[2].trim(), line: lineIndex });
  }
  if (lineIndex >= lines.length) fail(0, 'front matter is not closed by ---');
  const title = frontMatter.get('title')?.value || fail(0, 'front matter needs a title');
  const stagesEntry = frontMatter.get('stages') ?? fail(0, 'front matter needs stages, e.g. [A, B]');
  const stages = parseStages(stagesEntry.value, stagesEntry.line);

  const constraintNotes: Partial<Record<Constraint, string>> = {};
  const checklist: ChecklistItem[] = [];
  const snippets: Snippet[] = [];
  const sections: PatternSection[] = [];
  let section = '';
  let lastNote: Constraint | undefined;

  for (lineIndex++; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex];
    const heading = /^##\s+(.*?)\s*$/.exec(line);
    if (heading) {
      sections.push({ title: heading[1], line: lineIndex + 1 });
      section = heading[1].toLowerCase();
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const start = lineIndex;
      const closing = new RegExp(`^\\s*${fence[2][0] === '`' ? '`' : '~'}{${fence[2].length},}\\s*$`);
      const blockLines: string[] = [];
      for (lineIndex++; lineIndex < lines.length && !closing.test(lines[lineIndex]); lineIndex++) {
        blockLines.push(lines[lineIndex]);
      }
      if (lineIndex >= lines.length) fail(start, 'code block is not closed');
      const snippet = parseSnippetBlock(fence[3], blockLines, start);
      if (snippet) snippets.push(snippet);
      continue;
    }
    if (section.startsWith('how the constraint shapes')) {
      const note = CONSTRAINT_NOTE.exec(line);
      if (note) {
        [lastNote] = parseConstraints(note[1], lineIndex);
        constraintNotes[lastNote] = note[2].trim();
      } else if (lastNote && CONTINUATION.test(line)) {
        // A bullet wrapped onto indented lines, as Markdown allows.
        constraintNotes[lastNote] += ` ${line.trim()}`;
      } else {
        lastNote = undefined;
      }
    } else if (section === 'checklist') {
      const item = CHECKLIST_ITEM.exec(line);
      if (item) checklist.push(parseChecklistItem(item[1], item[2] ?? '', lineIndex));
    }
  }

  for (const constraint of CONSTRAINTS) {
    if (!constraintNotes[constraint]) {
      fail(0, `"## How the constraint shapes this stage" needs a bullet "- **${constraint}** — ..."`);
    }
  }
  if (checklist.length === 0) fail(0, '"## Checklist" needs at least one "- [ ] item"');
  const ids = new Map<string, number>();
  for (const item of checklist) {
    const previous = ids.get(item.id);
    if (previous !== undefined) fail(item.line - 1, `checklist id "${item.id}" is also used on line ${previous}`);
    ids.set(item.id, item.line);
  }
  return { file, title, stages, constraintNotes, checklist, snippets, sections };

  /**
   * `- [ ] text <!-- constraints; id: slug; evidence: tests(a, b), config(kind), baseline, file(glob) -->`.
   * The first `;`-separated part is the constraints (possibly empty); the others are `key: value`.
   * Snippet ids are checked against the whole catalog in buildCatalog, config kinds here.
   */
  function parseChecklistItem(text: string, comment: string, lineIndex: number): ChecklistItem {
    const [constraintPart = '', ...rest] = comment.split(';');
    let id: string | undefined;
    const evidence: EvidenceSpec[] = [];
    for (const part of rest) {
      const keyValue = /^\s*(\w+)\s*:\s*(.*?)\s*$/.exec(part) ?? fail(lineIndex, `"${part.trim()}" in the checklist comment is not "id: ..." or "evidence: ..."`);
      const [, key, value] = keyValue;
      if (key === 'id') {
        if (!KEBAB.test(value)) fail(lineIndex, `checklist id "${value}" must be kebab-case`);
        id = value;
      } else if (key === 'evidence') {
        for (const term of splitTopLevel(value)) evidence.push(parseEvidenceTerm(term, lineIndex));
      } else {
        fail(lineIndex, `unknown checklist key "${key}" (use id, evidence)`);
      }
    }
    return { id: id ?? slugOf(text), text, constraints: parseConstraints(constraintPart, lineIndex), evidence, line: lineIndex + 1 };
  }

  function parseEvidenceTerm(term: string, lineIndex: number): EvidenceSpec {
    const match = EVIDENCE_TERM.exec(term) ?? fail(lineIndex, `evidence "${term}" is not tests(...), config(...), rules(...), baseline or file(...)`);
    const [, kind, args] = match;
    const list = args === undefined ? [] : splitList(args);
    switch (kind) {
      case 'tests':
        if (list.length === 0) fail(lineIndex, 'evidence tests(...) needs at least one snippet id');
        return { kind: 'tests', snippets: list };
      case 'config':
        if (list.length !== 1 || !(CONFIG_KINDS as readonly string[]).includes(list[0])) {
          fail(lineIndex, `evidence config(${args ?? ''}) must name one config kind: ${CONFIG_KINDS.join(', ')}`);
        }
        return { kind: 'config', config: list[0] as ConfigKind };
      case 'rules': {
        const unknown = list.find((rule) => !(CONSISTENCY_RULES as readonly string[]).includes(rule));
        if (list.length === 0 || unknown !== undefined) {
          fail(lineIndex, `evidence rules(${args ?? ''}) must name consistency rules: ${CONSISTENCY_RULES.join(', ')}`);
        }
        return { kind: 'rules', rules: list as ConsistencyRuleId[] };
      }
      case 'baseline':
        if (args !== undefined) fail(lineIndex, 'evidence baseline takes no arguments');
        return { kind: 'baseline' };
      case 'file':
        if (list.length === 0) fail(lineIndex, 'evidence file(...) needs at least one glob');
        return { kind: 'file', globs: list };
      default:
        return fail(lineIndex, `unknown evidence "${kind}" (use tests, config, rules, baseline, file)`);
    }
  }

  function parseSnippetBlock(language: string, blockLines: string[], fenceIndex: number): Snippet | undefined {
    const header = new Map<string, { value: string; line: number }>();
    let bodyStart = 0;
    for (; bodyStart < blockLines.length; bodyStart++) {
      const match = HEADER_LINE.exec(blockLines[bodyStart]);
      if (!match) break;
      header.set(match[1], { value: match[2], line: fenceIndex + 1 + bodyStart });
    }
    if (header.size === 0) return undefined; // an illustration, not a snippet
    if (!(LANGUAGES as readonly string[]).includes(language)) {
      fail(fenceIndex, `snippet language "${language}" is not one of ${LANGUAGES.join(', ')}`);
    }
    for (const key of REQUIRED_KEYS) {
      if (!header.has(key)) fail(fenceIndex, `snippet header needs "@${key}:"`);
    }
    const value = (key: (typeof REQUIRED_KEYS)[number]) => header.get(key)!.value;
    const id = value('snippet');
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) fail(fenceIndex, `snippet id "${id}" must be kebab-case`);

    const defaultsByConstraint: Partial<Record<Constraint, Record<string, string>>> = {};
    for (const [key, entry] of header) {
      const defaultsKey = /^defaults\.(\w+)$/.exec(key);
      if (defaultsKey) {
        const [constraint] = parseConstraints(defaultsKey[1], entry.line);
        const pairs: Record<string, string> = {};
        for (const pair of splitList(entry.value)) {
          const assignment = /^(\d+)=(.*)$/.exec(pair) ?? fail(entry.line, `"${pair}" is not INDEX=VALUE`);
          pairs[assignment[1]] = assignment[2];
        }
        defaultsByConstraint[constraint] = pairs;
      } else if (!(REQUIRED_KEYS as readonly string[]).includes(key)) {
        fail(entry.line, `unknown snippet header key "@${key}"`);
      }
    }

    const bodyLines = blockLines.slice(bodyStart);
    while (bodyLines.length > 0 && bodyLines[0].trim() === '') bodyLines.shift();
    const authored = bodyLines.join('\n').replace(/\s+$/, '') + '\n';
    const body = `${snippetMarker(id, language as SnippetLanguage)}\n${authored}`;
    const { placeholders, problems } = parsePlaceholders(authored); // line numbers as authored
    if (problems.length > 0) fail(fenceIndex + 1 + bodyStart, `snippet ${id}: ${problems[0]}`);
    const indices = new Set(placeholders.map((p) => String(p.index)));
    for (const [constraint, pairs] of Object.entries(defaultsByConstraint)) {
      for (const index of Object.keys(pairs)) {
        if (!indices.has(index)) fail(fenceIndex, `@defaults.${constraint} names placeholder ${index}, which ${id} does not have`);
      }
    }

    return {
      id,
      title: value('title'),
      description: value('description'),
      stages: parseStages(value('stages'), header.get('stages')!.line),
      constraints: parseConstraints(value('constraints'), header.get('constraints')!.line),
      language: language as SnippetLanguage,
      target: value('target'),
      body,
      placeholders,
      defaultsByConstraint,
      source: { file, line: fenceIndex + 1 },
    };
  }
}
