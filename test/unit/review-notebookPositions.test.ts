// Cell positions mapped to the .ipynb file's own lines and columns (for SARIF), checked character
// by character: the file's text between a character's mapped start and end decodes, as a JSON
// string, to that very character, whatever the layout (Jupyter's indent 1, one line, a string
// source, a line split across list items) and the escapes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { notebookPositions, notebookSource } from '../../src/core/review/index';

const CODE = ['import pandas as pd\n', 'df = pd.read_csv("data\\\\tab\tsep.csv")  # café, 😀\n', '\n', 'X_s = StandardScaler().fit_transform(X)  # "quoted" / \u0001'];
const cells = [
  { cell_type: 'markdown', metadata: {}, source: ['# Title with "quotes"\n', 'text'] },
  { cell_type: 'code', metadata: {}, outputs: [], execution_count: 1, source: CODE },
  { cell_type: 'code', metadata: {}, outputs: [], execution_count: 2, source: 'y = 1\nz = "two"' },
  { cell_type: 'code', metadata: {}, outputs: [], execution_count: 3, source: ['print("split ', 'across items")\n', 'done = True'] },
  { cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: [] },
];
const notebook = { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3' } }, cells };

/** The file text from `from` to `to` (1-based lines, 0-based columns). */
function slice(file: string, from: { line: number; column: number }, to: { line: number; column: number }): string {
  const lines = file.split('\n');
  if (from.line === to.line) return lines[from.line - 1].slice(from.column, to.column);
  return [lines[from.line - 1].slice(from.column), ...lines.slice(from.line, to.line - 1), lines[to.line - 1].slice(0, to.column)].join('\n');
}

describe('notebookPositions', () => {
  for (const [layout, file] of [
    ["Jupyter's layout (indent 1)", JSON.stringify(notebook, null, 1) + '\n'],
    ['one line', JSON.stringify(notebook)],
    ['CRLF line ends, tabs', JSON.stringify(notebook, null, '\t').replace(/\n/g, '\r\n')],
  ] as const) {
    test(`${layout}: every character of every cell maps to its own text in the file`, () => {
      const map = notebookPositions(file);
      assert.ok(map);
      const source = notebookSource('nb.ipynb', file);
      let checked = 0;
      for (const cell of source.cells) {
        cell.text.split('\n').forEach((line, index) => {
          for (let column = 0; column < line.length; column++) {
            const start = map.locate(cell.index, index + 1, column);
            const end = map.locate(cell.index, index + 1, column + 1, true);
            assert.ok(start && end, `cell ${cell.index} line ${index + 1} column ${column}`);
            const written = slice(file, start, end);
            assert.equal(JSON.parse(`"${written}"`), line[column], `cell ${cell.index} line ${index + 1} column ${column}: ${written}`);
            checked++;
          }
        });
      }
      assert.equal(checked, source.cells.reduce((sum, cell) => sum + cell.text.replace(/\n/g, '').length, 0));
    });
  }

  test("a position just past a line's end is its newline; beyond it, or a cell or line the notebook lacks, is unknown", () => {
    const file = JSON.stringify(notebook, null, 1);
    const map = notebookPositions(file)!;
    const newline = map.locate(1, 1, 'import pandas as pd'.length)!;
    assert.equal(slice(file, newline, { line: newline.line, column: newline.column + 2 }), '\\n');
    assert.equal(map.locate(1, 1, 'import pandas as pd'.length + 1), undefined);
    assert.equal(map.locate(1, 9, 0), undefined);
    assert.equal(map.locate(4, 1, 0), undefined, 'an empty cell');
    assert.equal(map.locate(7, 1, 0), undefined, 'no such cell');
  });

  test('a range across list items ends on the later item; an end at column 0 is the previous line\'s newline', () => {
    const file = JSON.stringify(notebook, null, 1);
    const map = notebookPositions(file)!;
    const start = map.locate(3, 1, 0)!;
    const end = map.locate(3, 1, 'print("split across items")'.length, true)!;
    assert.equal(end.line, start.line + 1, 'the line is split across two list items, one per file line');
    assert.equal(JSON.parse(`["${slice(file, start, end)}"]`).join(''), 'print("split across items")', 'the file text from the first item into the second');
    const afterFirstLine = map.locate(1, 2, 0, true)!;
    assert.ok(slice(file, map.locate(1, 1, 0)!, afterFirstLine).endsWith('import pandas as pd\\n'));
  });

  test('not a notebook: undefined', () => {
    assert.equal(notebookPositions('{"cells": ['), undefined);
    assert.equal(notebookPositions('{"worksheets": []}'), undefined);
    assert.equal(notebookPositions('[1, 2]'), undefined);
    assert.equal(notebookPositions('{"cells": []} extra'), undefined);
  });
});
