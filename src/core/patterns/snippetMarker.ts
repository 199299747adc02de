/**
 * The marker that an inserted snippet carries on its first line, `# gradient: <snippet-id>`
 * (`<!-- gradient: <snippet-id> -->` in Markdown). It is part of the catalog's snippet body, so the
 * insert command and the `contributes.snippets` files carry the same line, and it survives edits
 * below it: the readiness check finds the code that came from a pattern by this line, whatever
 * the user renamed.
 */
import type { SnippetLanguage } from './catalog';

/** The marker line (no newline) for a snippet of the given language. */
export function snippetMarker(id: string, language: SnippetLanguage): string {
  return language === 'markdown' ? `<!-- gradient: ${id} -->` : `# gradient: ${id}`;
}

/** A marker line, in any of the languages: group 1 is the snippet id. Indentation is allowed. */
export const SNIPPET_MARKER = /^[ \t]*(?:#|<!--)[ \t]*gradient:[ \t]*([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*(?:-->)?[ \t]*$/;

/** A marked region of a file: from the marker's line to the line before the next marker. */
export interface MarkedRegion {
  readonly snippet: string;
  /** 1-based line of the marker. */
  readonly startLine: number;
  /** 1-based last line of the region (inclusive). */
  readonly endLine: number;
}

/** The marked regions of a text, in file order. */
export function markedRegions(text: string): MarkedRegion[] {
  const lines = text.split(/\r\n?|\n/);
  const starts: { snippet: string; line: number }[] = [];
  lines.forEach((line, index) => {
    const match = SNIPPET_MARKER.exec(line);
    if (match) starts.push({ snippet: match[1], line: index + 1 });
  });
  return starts.map((start, i) => ({
    snippet: start.snippet,
    startLine: start.line,
    endLine: i + 1 < starts.length ? starts[i + 1].line - 1 : lines.length,
  }));
}
