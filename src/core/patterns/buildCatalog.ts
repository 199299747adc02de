import { CATALOG_VERSION, type Catalog } from './catalog';
import { parsePatternFile, PatternFormatError } from './parsePatternFile';

/** Parses every pattern file and checks what only the whole set can show: unique snippet ids. */
export function buildCatalog(files: readonly { name: string; text: string }[]): Catalog {
  const patternFiles = [...files]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((file) => parsePatternFile(file.name, file.text));
  const seen = new Map<string, string>();
  for (const patternFile of patternFiles) {
    for (const snippet of patternFile.snippets) {
      const previous = seen.get(snippet.id);
      if (previous) {
        throw new PatternFormatError(patternFile.file, snippet.source.line, `snippet id "${snippet.id}" is also used in ${previous}`);
      }
      seen.set(snippet.id, `${patternFile.file}:${snippet.source.line}`);
    }
  }
  return { version: CATALOG_VERSION, patternFiles };
}
