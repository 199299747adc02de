/**
 * What the review reads: a script is one code cell; a notebook (`.ipynb`, nbformat 4) is its cells
 * in order, markdown included so that cell indices match the editor's. A notebook that is not
 * nbformat JSON is a `ReviewInputError` naming the file, never a crash or a silent skip.
 */
import type { ReviewSource } from './types';

export class ReviewInputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewInputError';
  }
}

export function scriptSource(file: string, text: string): ReviewSource {
  return { file, cells: [{ index: 0, kind: 'code', text }] };
}

/** The cells of an nbformat 4 notebook. `source` is a string or a list of lines in the format. */
export function notebookSource(file: string, json: string): ReviewSource {
  let notebook: unknown;
  try {
    notebook = JSON.parse(json);
  } catch (error) {
    throw new ReviewInputError(file, `${file} is not a notebook: its JSON does not parse (${error instanceof Error ? error.message : String(error)}). Open it in Jupyter or VS Code and save it again.`);
  }
  const cells = (notebook as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) throw new ReviewInputError(file, `${file} is not an nbformat 4 notebook: it has no "cells" list. Save it from Jupyter 4 or later (nbconvert --to notebook upgrades it).`);
  return {
    file,
    cells: cells.map((cell: unknown, index) => {
      const { cell_type: type, source } = (cell ?? {}) as { cell_type?: unknown; source?: unknown };
      const text = Array.isArray(source) ? source.filter((line) => typeof line === 'string').join('') : typeof source === 'string' ? source : '';
      return { index, kind: type === 'code' ? 'code' : 'markdown', text };
    }),
  };
}

/** `.ipynb` is a notebook; anything else is read as a Python script. */
export function reviewSourceFor(file: string, text: string): ReviewSource {
  return file.toLowerCase().endsWith('.ipynb') ? notebookSource(file, text) : scriptSource(file, text);
}
