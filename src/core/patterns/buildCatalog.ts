import { CATALOG_VERSION, type Catalog } from './catalog';
import { parsePatternFile, PatternFormatError } from './parsePatternFile';

/** Parses every pattern file and checks what only the whole set can show: unique snippet ids, and checklist evidence naming real snippets. */
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
  for (const patternFile of patternFiles) {
    for (const item of patternFile.checklist) {
      for (const spec of item.evidence) {
        if (spec.kind !== 'tests') continue;
        for (const id of spec.snippets) {
          if (!seen.has(id)) throw new PatternFormatError(patternFile.file, item.line, `checklist item "${item.id}" names unknown snippet "${id}" in tests(...)`);
        }
      }
    }
  }
  return { version: CATALOG_VERSION, patternFiles };
}
