/**
 * The `contributes.snippets` files generated from the catalog, so that pattern snippets are also
 * ordinary VS Code snippets (prefix `gradient-<id>`).
 * Format: https://code.visualstudio.com/api/language-extensions/snippet-guide
 */
import type { Catalog, SnippetLanguage } from './catalog';
import { allSnippets } from './catalog';

export interface VsCodeSnippet {
  readonly prefix: string;
  readonly body: string[];
  readonly description: string;
}

export function vscodeSnippetFile(catalog: Catalog, language: SnippetLanguage): Record<string, VsCodeSnippet> {
  const entries = allSnippets(catalog)
    .filter((snippet) => snippet.language === language)
    .map((snippet): [string, VsCodeSnippet] => [
      `GRADIENT: ${snippet.title}`,
      {
        prefix: `gradient-${snippet.id}`,
        body: snippet.body.replace(/\n$/, '').split('\n'),
        description: `${snippet.description} (patterns/${snippet.source.file}, belongs in ${snippet.target})`,
      },
    ]);
  return Object.fromEntries(entries);
}
