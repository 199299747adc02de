/**
 * JUnit XML as pytest writes it (`pytest --junitxml=FILE`): `<testsuites>` or `<testsuite>` with
 * `<testcase classname="tests.test_serving" name="test_x[param]" file=".." line="..">`, whose
 * child `<failure>`, `<error>` or `<skipped>` says how it ended (none: passed). A small tolerant
 * reader, not a general XML parser: it reads elements and attributes, decodes the five named
 * entities and numeric references, and ignores everything else (CDATA, system-out, properties).
 */
import type { TestRunSummary } from './types';

export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface JUnitCase {
  /** pytest's dotted module path (plus `.TestClass`), e.g. `tests.test_serving`. */
  readonly classname: string;
  /** The test's name with its parameters, e.g. `test_schema_rejects_missing_field[age]`. */
  readonly name: string;
  /** `file` attribute (xunit1 only), else null. */
  readonly file: string | null;
  readonly outcome: TestOutcome;
  /** The failure's message attribute (first line), when there is one. */
  readonly message: string | null;
}

export interface JUnitRun {
  readonly cases: readonly JUnitCase[];
  readonly timestamp: string | null;
}

export class JUnitError extends Error {}

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, entity: string) => {
    switch (entity) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default: return String.fromCodePoint(entity[1] === 'x' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    }
  });
}

function attributes(tag: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) map.set(match[1], decode(match[3] ?? match[4] ?? ''));
  return map;
}

/** Reads one JUnit XML document; `source` names it in errors. */
export function parseJUnit(xml: string, source: string): JUnitRun {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  if (!/<testsuites?[\s>]/.test(text)) throw new JUnitError(`${source} is not JUnit XML: it has no <testsuite> element (write it with pytest --junitxml=FILE)`);
  const suite = /<testsuite\s[^>]*>/.exec(text);
  const timestamp = suite ? (attributes(suite[0]).get('timestamp') ?? null) : null;
  const cases: JUnitCase[] = [];
  const caseTag = /<testcase\b([^>]*?)(\/?)>/g;
  for (let match = caseTag.exec(text); match; match = caseTag.exec(text)) {
    const attrs = attributes(match[1]);
    let body = '';
    if (match[2] !== '/') {
      const end = text.indexOf('</testcase>', caseTag.lastIndex);
      if (end < 0) throw new JUnitError(`${source}: a <testcase> is not closed`);
      body = text.slice(caseTag.lastIndex, end);
      caseTag.lastIndex = end + '</testcase>'.length;
    }
    const child = /<(failure|error|skipped)\b([^>]*)>?/.exec(body);
    const outcome: TestOutcome = child ? (child[1] === 'failure' ? 'failed' : child[1] === 'error' ? 'error' : 'skipped') : 'passed';
    const message = child ? (attributes(child[2]).get('message')?.split('\n')[0] ?? null) : null;
    cases.push({ classname: attrs.get('classname') ?? '', name: attrs.get('name') ?? '', file: attrs.get('file') ?? null, outcome, message });
  }
  return { cases, timestamp };
}

/** The summary of one or more runs. */
export function summarizeRuns(runs: readonly { source: string; run: JUnitRun }[]): TestRunSummary | null {
  if (runs.length === 0) return null;
  const all = runs.flatMap((r) => r.run.cases);
  const count = (o: TestOutcome) => all.filter((c) => c.outcome === o).length;
  const stamps = runs.map((r) => r.run.timestamp).filter((t): t is string => t !== null).sort();
  const last = stamps[stamps.length - 1];
  const finishedAt = last ? toIsoUtc(last) : null;
  return {
    source: runs.map((r) => r.source).join(', '),
    finishedAt,
    passed: count('passed'),
    failed: count('failed'),
    errors: count('error'),
    skipped: count('skipped'),
  };
}

/** pytest writes local time without a zone (`2024-05-01T10:00:00.123456`); it is read as UTC. */
function toIsoUtc(stamp: string): string | null {
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(stamp) ? stamp : `${stamp}Z`;
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * The workspace path and function of a JUnit case: `tests.test_serving` + `test_x[a]` ->
 * `tests/test_serving.py`, `test_x`; `tests.test_m.TestC` -> class `TestC`. With a `file`
 * attribute (xunit1), that path wins.
 */
export function caseTarget(testcase: JUnitCase): { modulePath: string; className: string | null; functionName: string } {
  const functionName = testcase.name.replace(/\[.*$/s, '');
  const parts = testcase.classname.split('.');
  const last = parts[parts.length - 1] ?? '';
  const className = /^Test/.test(last) && parts.length > 1 ? last : null;
  const moduleParts = className ? parts.slice(0, -1) : parts;
  const modulePath = testcase.file ?? `${moduleParts.join('/')}.py`;
  return { modulePath, className, functionName };
}
