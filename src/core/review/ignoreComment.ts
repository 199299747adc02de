/**
 * Writing the ignore comment that `IGNORE_COMMENT` reads, for the editor's "Disable <rule> for
 * this line": the comment goes at the end of the line the finding starts on, which is the line
 * the review checks.
 */
import { IGNORE_COMMENT, type ReviewRuleId } from './types';

/** Replace `[start, end)` of the line with `newText` (UTF-16 columns). */
export interface LineEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * The edit that silences `rule` on a line of code: `  # gradient: ignore[rule]` at its end (two
 * spaces before, as PEP 8 asks; trailing blanks replaced), or the rule added to the line's
 * existing ignore comment. Undefined when the line already ignores the rule (or every rule), or
 * ends with a backslash continuation, after which a comment is a syntax error.
 * @example ignoreCommentEdit('a, b = split(X)  # gradient: ignore[label-in-features]', 'unseeded-randomness')
 * // { start: 17, end: 54, newText: '# gradient: ignore[label-in-features, unseeded-randomness]' }
 */
export function ignoreCommentEdit(line: string, rule: ReviewRuleId): LineEdit | undefined {
  const existing = IGNORE_COMMENT.exec(line);
  if (existing) {
    const rules = ignoredRules(line);
    if (rules === 'all' || rules.includes(rule)) return undefined;
    return { start: existing.index, end: existing.index + existing[0].length, newText: `# gradient: ignore[${[...rules, rule].join(', ')}]` };
  }
  const end = line.trimEnd().length;
  if (line.slice(0, end).endsWith('\\')) return undefined;
  return { start: end, end: line.length, newText: `${end === 0 ? '' : '  '}# gradient: ignore[${rule}]` };
}

/** The rules a line's ignore comment silences: `'all'` for `# gradient: ignore`, none without a comment. */
export function ignoredRules(line: string): readonly string[] | 'all' {
  const match = IGNORE_COMMENT.exec(line);
  if (!match) return [];
  if (match[1] === undefined) return 'all';
  return match[1]
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}
