/**
 * What the readiness check reads from Python test files, by lines, without a Python parser:
 * - the `def test_...` functions (top level, or one level inside a `class Test...`) and the
 *   snippet marker they sit below (`# gradient: <id>`, until the next marker);
 * - module-level constants `NAME = number` (optionally `NAME: type = number`, a trailing comment
 *   allowed), as the patterns' tests write their thresholds; a name bound again further down the
 *   file has the later value, as Python runs it.
 * Not understood (the constant is then "not found", never guessed): expressions (`0.5 * 2`),
 * names bound to other names, tuple assignment, values spread over several lines, assignments
 * inside functions or `if` blocks, and code generated at run time.
 */
import { markedRegions, type MarkedRegion } from '../patterns/snippetMarker';

export interface PythonTest {
  /** The pytest node id relative to the workspace root: `tests/test_serving.py::test_x` or `...::TestX::test_y`. */
  readonly id: string;
  readonly file: string;
  readonly name: string;
  readonly className: string | null;
  /** 1-based line of the `def`. */
  readonly line: number;
  /** The snippet whose marker it sits below, or null for the user's own tests. */
  readonly snippet: string | null;
}

export interface PythonConstant {
  readonly name: string;
  readonly value: number;
  /** 1-based line, and the 0-based columns of the number. */
  readonly line: number;
  readonly startColumn: number;
  readonly endColumn: number;
}

const TEST_DEF = /^(\s*)(?:async\s+)?def\s+(test\w*)\s*\(/;
const TEST_CLASS = /^class\s+(Test\w*)\s*[(:]/;
const CONSTANT = /^([A-Z_][A-Z0-9_]*)\s*(?::\s*[\w[\], .|]+)?\s*=\s*([-+]?(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(?:#.*)?$/;

function regionAt(regions: readonly MarkedRegion[], line: number): MarkedRegion | undefined {
  return regions.find((r) => r.startLine <= line && line <= r.endLine);
}

/** The test functions of a Python file, each with the snippet it came from. */
export function pythonTests(file: string, text: string): PythonTest[] {
  const regions = markedRegions(text);
  const tests: PythonTest[] = [];
  let currentClass: string | null = null;
  text.split(/\r\n?|\n/).forEach((line, index) => {
    const klass = TEST_CLASS.exec(line);
    if (klass) {
      currentClass = klass[1];
      return;
    }
    if (/^\S/.test(line) && !/^[#@]/.test(line)) currentClass = null; // back at module level
    const def = TEST_DEF.exec(line);
    if (!def) return;
    const nested = def[1].length > 0;
    if (nested && currentClass === null) return; // a helper inside a function, not collected by pytest
    const className = nested ? currentClass : null;
    tests.push({
      id: `${file}::${className ? `${className}::` : ''}${def[2]}`,
      file,
      name: def[2],
      className,
      line: index + 1,
      snippet: regionAt(regions, index + 1)?.snippet ?? null,
    });
  });
  return tests;
}

/** A module-level `NAME = number` on this line (1-based), if there is one. */
function constantAt(text: string, line: number): PythonConstant | undefined {
  const match = CONSTANT.exec(text);
  if (!match) return undefined;
  const value = Number(match[2].replace(/_/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const startColumn = text.indexOf(match[2], text.indexOf('=') + 1);
  return { name: match[1], value, line, startColumn, endColumn: startColumn + match[2].length };
}

/**
 * The numeric module-level constants bound in the region of `snippet`'s marker (first marker of
 * that id), each with the value Python runs the tests with: the file's last module-level binding
 * of the name. That may be another snippet's: serving-p99-latency and serving-fallback both bind
 * LATENCY_BUDGET_MS, and in one file the P99 test runs with the fallback's.
 */
export function snippetConstants(text: string, snippet: string): Map<string, PythonConstant> | undefined {
  const region = markedRegions(text).find((r) => r.snippet === snippet);
  if (!region) return undefined;
  const bindings = text.split(/\r\n?|\n/).map((line, index) => constantAt(line, index + 1));
  const names = new Set(bindings.filter((b) => b && region.startLine <= b.line && b.line <= region.endLine).map((b) => b!.name));
  const constants = new Map<string, PythonConstant>();
  for (const binding of bindings) if (binding && names.has(binding.name)) constants.set(binding.name, binding);
  return constants;
}
