/**
 * Where a notebook cell's code sits in the `.ipynb` file itself: a cell's line 4, column 7 is, in
 * the file, inside a JSON string on some other line, shifted by the indentation and by every
 * escape before it (`\"`, `\\`, `\u00e9`). SARIF addresses files by their own lines, so GitHub code
 * scanning can show a notebook finding on the right line of the file only through this map.
 *
 * One pass over the file's JSON records, for every UTF-16 code unit of every cell's source, the
 * offsets in the file where its text (one character or one escape) starts and ends. A cell's
 * `source` is a string or a list of strings joined as they are (nbformat 4), so a line split across
 * list items maps too.
 */

/** A position in the `.ipynb` file: 1-based line, 0-based UTF-16 column (as ReviewRange). */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

export interface NotebookPositions {
  /**
   * The file position of a position in a cell (index among all cells; 1-based line, 0-based
   * column); `end` for an exclusive end (the position after the character before it). Undefined
   * for a cell or position the file does not have.
   */
  locate(cell: number, line: number, column: number, end?: boolean): FilePosition | undefined;
}

type JsonNode =
  | { readonly kind: 'string'; readonly start: number; readonly end: number }
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, JsonNode> }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'other' };

class NotJson extends Error {}

/** A JSON value's tree with the raw extent of each string (`start` at the opening quote, `end` after the closing one). */
function parseJson(text: string): JsonNode {
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (char: string) => {
    space();
    if (text[i] !== char) throw new NotJson();
    i++;
  };
  const value = (): JsonNode => {
    space();
    const char = text[i];
    if (char === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) throw new NotJson();
      return { kind: 'string', start, end: ++i };
    }
    if (char === '{') {
      i++;
      const entries = new Map<string, JsonNode>();
      space();
      for (let count = 0; text[i] !== '}'; count++) {
        if (count > 0) expect(',');
        const key = value();
        if (key.kind !== 'string') throw new NotJson();
        expect(':');
        entries.set(JSON.parse(text.slice(key.start, key.end)) as string, value());
        space();
      }
      i++;
      return { kind: 'object', entries };
    }
    if (char === '[') {
      i++;
      const items: JsonNode[] = [];
      space();
      while (text[i] !== ']') {
        if (items.length > 0) expect(',');
        items.push(value());
        space();
      }
      i++;
      return { kind: 'array', items };
    }
    const literal = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!literal) throw new NotJson();
    i += literal[0].length;
    return { kind: 'other' };
  };
  const root = value();
  space();
  if (i !== text.length) throw new NotJson();
  return root;
}

/** A cell's source decoded, with the file offsets where each code unit's text starts and ends. */
interface CellMap {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

function cellMap(raw: string, strings: readonly { start: number; end: number }[]): CellMap {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { start, end } of strings) {
    for (let i = start + 1; i < end - 1; ) {
      const from = i;
      if (raw[i] === '\\') {
        const escape = raw[i + 1];
        if (escape === 'u') {
          text += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          text += SIMPLE_ESCAPES[escape] ?? escape;
          i += 2;
        }
      } else {
        text += raw[i++];
      }
      starts.push(from);
      ends.push(i);
    }
  }
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/**
 * The map of an nbformat 4 notebook's text, or undefined when it is not one (sources.ts reports
 * why; the review then has no file positions for it).
 *
 * @example
 * // file line 2:  {"cell_type": "code", "source": ["x = 1\n", "y = \"a\""]}
 * notebookPositions(file)?.locate(0, 2, 4); // => { line: 2, column: 50 }: the cell's `"`, written \" in the file
 */
export function notebookPositions(json: string): NotebookPositions | undefined {
  let root: JsonNode;
  try {
    root = parseJson(json);
  } catch (error) {
    if (error instanceof NotJson || error instanceof SyntaxError) return undefined;
    throw error;
  }
  const cells = root.kind === 'object' ? root.entries.get('cells') : undefined;
  if (cells?.kind !== 'array') return undefined;
  const maps = cells.items.map((cell) => {
    const source = cell.kind === 'object' ? cell.entries.get('source') : undefined;
    const strings = source?.kind === 'string' ? [source] : source?.kind === 'array' ? source.items.filter((item) => item.kind === 'string') : [];
    return cellMap(json, strings);
  });
  const lineStarts = [0];
  for (let i = 0; i < json.length; i++) if (json[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number): FilePosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] };
  };
  return {
    locate(cell, line, column, end = false) {
      const map = maps[cell];
      if (map === undefined || map.text.length === 0) return undefined;
      let lineStart = 0;
      for (let l = 1; l < line; l++) {
        const newline = map.text.indexOf('\n', lineStart);
        if (newline < 0) return undefined;
        lineStart = newline + 1;
      }
      const lineEnd = map.text.indexOf('\n', lineStart);
      const offset = lineStart + column;
      if (column < 0 || offset > (lineEnd < 0 ? map.text.length : lineEnd)) return undefined;
      if (end) return position(offset === 0 ? map.starts[0] : map.ends[offset - 1]);
      return position(offset === map.text.length ? map.ends[offset - 1] : map.starts[offset]);
    },
  };
}
