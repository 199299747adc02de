/**
 * `assessReadiness`: every checklist item of the assessed stage's pattern file (or of all of them)
 * answered from the evidence its comment names. One general mechanism (no item is special-cased):
 * - `tests(snippet, ...)`: the tests below each snippet's marker; pass when every one passed in
 *   the JUnit run, fail when one failed or erred, missing when the snippet is not in the
 *   workspace or its tests were not in the run.
 * - `config(kind)`: the config exists and validates against its schema.
 * - `rules(rule, ...)`: no consistency finding of these rules (configs agree with each other and the tests).
 * - `baseline`: the model version record's test value of the primary metric beats its baseline's.
 * - `file(glob, ...)`: a file matching one of the globs exists.
 * An item is as bad as its worst piece of evidence (fail, then missing, then pass).
 */
import { byConstraint, firstStageIndex } from '../lifecycle/ordering';
import { STAGES, type Constraint } from '../lifecycle/stages';
import { allSnippets, type Catalog, type ChecklistItem, type EvidenceSpec, type PatternFile } from '../patterns/catalog';
import { renderDefaults } from '../patterns/snippetSyntax';
import { loadConfigs, markedPythonFiles, type LoadedConfigs } from './configs';
import { CONFIG_KEYS, parseConfig } from './configFiles';
import { caseTarget, parseJUnit, summarizeRuns, type JUnitRun, type TestOutcome } from './junit';
import { pythonTests, snippetConstants, type PythonTest } from './pythonTests';
import { matchesAny } from './workspace';
import {
  READINESS_SCHEMA_VERSION,
  type ConfigKind,
  type ConsistencyRuleId,
  type Evidence,
  type ReadinessAction,
  type ReadinessItem,
  type ReadinessReport,
  type ReadinessRequest,
  type ReadinessState,
  type SourceLocation,
  type WorkspaceReader,
} from './types';

/** The evaluation pattern's margin: the candidate must beat the baseline's AUC by MIN_AUC_GAIN. */
const MARGIN = { snippet: 'evaluation-model-beats-baseline', constant: 'MIN_AUC_GAIN', metric: /auc/i } as const;
/** A primary metric whose name says lower is better. */
const LOWER_IS_BETTER = /loss|error|mse|mae|rmse|brier/i;
const SEVERITY: Record<ReadinessState, number> = { 'not-applicable': -1, pass: 0, missing: 1, fail: 2 };

interface Answer {
  readonly state: Exclude<ReadinessState, 'not-applicable'>;
  readonly reason: string;
  readonly evidence: readonly Evidence[];
  readonly action: ReadinessAction | null;
}

interface Context {
  readonly reader: WorkspaceReader;
  readonly catalog: Catalog;
  readonly configs: LoadedConfigs;
  readonly python: readonly { file: string; text: string }[];
  readonly tests: readonly PythonTest[];
  /** Test id -> outcome in the runs; undefined when there is no run. */
  readonly outcomes: ReadonlyMap<string, { outcome: TestOutcome; message: string | null }> | undefined;
  readonly runSource: string | null;
  readonly snippetForKind: ReadonlyMap<ConfigKind, string>;
}

const at = (file: string, line: number): SourceLocation => ({ file, range: { startLine: line, startColumn: 0, endLine: line, endColumn: 0 } });
const where = (location: SourceLocation) => `${location.file}:${location.range.startLine}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Worst outcome of a test's cases (parametrized tests have several). */
function worse(a: TestOutcome | undefined, b: TestOutcome): TestOutcome {
  const rank: Record<TestOutcome, number> = { skipped: 0, passed: 1, failed: 2, error: 3 };
  return a === undefined || rank[b] > rank[a] ? b : a;
}

function mapRuns(runs: readonly JUnitRun[], tests: readonly PythonTest[]): Map<string, { outcome: TestOutcome; message: string | null }> {
  const outcomes = new Map<string, { outcome: TestOutcome; message: string | null }>();
  for (const testcase of runs.flatMap((run) => run.cases)) {
    const target = caseTarget(testcase);
    const test = tests.find(
      (t) => t.name === target.functionName && t.className === target.className && (t.file === target.modulePath || t.file.endsWith(`/${target.modulePath}`) || target.modulePath.endsWith(`/${t.file}`)),
    );
    if (!test) continue;
    const previous = outcomes.get(test.id);
    const outcome = worse(previous?.outcome, testcase.outcome);
    const message = outcome === previous?.outcome ? previous.message : testcase.outcome === outcome ? testcase.message : (previous?.message ?? null);
    outcomes.set(test.id, { outcome, message });
  }
  return outcomes;
}

async function answerTests(spec: Extract<EvidenceSpec, { kind: 'tests' }>, context: Context): Promise<Answer> {
  const answers: Answer[] = [];
  for (const snippet of spec.snippets) {
    const tests = context.tests.filter((t) => t.snippet === snippet);
    if (tests.length === 0) {
      const marked = context.python.find(({ text }) => text.includes(`gradient: ${snippet}`));
      answers.push(
        marked
          ? { state: 'missing', reason: `${marked.file} has the marker of ${snippet}, but no test function below it`, evidence: [], action: { kind: 'open', title: `Open ${marked.file}`, location: at(marked.file, 1) } }
          : { state: 'missing', reason: `snippet ${snippet} is not in the workspace (no "# gradient: ${snippet}" marker)`, evidence: [], action: { kind: 'insert-snippet', title: `Insert ${snippet}`, snippet } },
      );
      continue;
    }
    const evidence: Evidence[] = tests.map((t) => {
      const result = context.outcomes?.get(t.id);
      const outcome = result?.outcome ?? 'not-run';
      return { kind: 'test', text: `${t.id}: ${outcome}${result?.message ? ` (${result.message})` : ''}`, testId: t.id, outcome, location: at(t.file, t.line) };
    });
    const ids = tests.map((t) => t.id);
    const run: ReadinessAction = { kind: 'run-tests', title: `Run the ${snippet} tests`, testIds: ids };
    if (!context.outcomes) {
      answers.push({ state: 'missing', reason: `${plural(tests.length, 'test')} from ${snippet} in ${tests[0].file} have no result: run them (pytest --junitxml, then --junit FILE)`, evidence, action: run });
      continue;
    }
    const failed = tests.filter((t) => ['failed', 'error'].includes(context.outcomes!.get(t.id)?.outcome ?? ''));
    const passed = tests.filter((t) => context.outcomes!.get(t.id)?.outcome === 'passed');
    if (failed.length > 0) {
      const first = context.outcomes.get(failed[0].id)!;
      answers.push({
        state: 'fail',
        reason: `${failed.length} of ${plural(tests.length, 'test')} from ${snippet} failed in the last run: ${failed[0].name}${first.message ? ` (${first.message})` : ''}`,
        evidence,
        action: { kind: 'open', title: `Open ${failed[0].name}`, location: at(failed[0].file, failed[0].line) },
      });
    } else if (passed.length < tests.length) {
      const absent = tests.length - passed.length;
      answers.push({ state: 'missing', reason: `${absent} of ${plural(tests.length, 'test')} from ${snippet} did not run or were skipped in the last run (${context.runSource})`, evidence, action: run });
    } else {
      answers.push({ state: 'pass', reason: `all ${plural(tests.length, 'test')} from ${snippet} passed (${tests[0].file})`, evidence, action: run });
    }
  }
  return combine(answers);
}

function answerConfig(kind: ConfigKind, context: Context): Answer {
  const files = context.configs.check.configs.filter((c) => c.kind === kind);
  if (files.length === 0) {
    const snippet = context.snippetForKind.get(kind);
    return {
      state: 'missing',
      reason: `no ${kind} config in the workspace (a YAML file with a top-level ${CONFIG_KEYS[kind]}: block)`,
      evidence: [],
      action: snippet ? { kind: 'insert-snippet', title: `Insert ${snippet}`, snippet } : null,
    };
  }
  // Only what is wrong with this config itself: a disagreement between configs fails the items
  // that name its rule (`rules(...)`), not every item that reads one of the two files.
  const findings = context.configs.check.findings.filter((f, i) => (f.rule === 'schema' || f.rule === 'yaml-syntax') && context.configs.findingKinds[i].includes(kind));
  const fileEvidence: Evidence[] = files.map((c) => ({ kind: 'file', text: `${c.file}: ${kind}${c.valid ? ', valid' : ', invalid'}`, location: at(c.file, 1) }));
  if (findings.length > 0) {
    return {
      state: 'fail',
      reason: findings[0].message + (findings.length > 1 ? ` (and ${plural(findings.length - 1, 'more finding')})` : ''),
      evidence: [...fileEvidence, ...findings.map((finding): Evidence => ({ kind: 'finding', text: `${where(finding.location)}: ${finding.rule}`, finding }))],
      action: { kind: 'open', title: findings[0].fix ? findings[0].fix.title : `Open ${where(findings[0].location)}`, location: findings[0].location },
    };
  }
  return {
    state: 'pass',
    reason: `${files.map((c) => c.file).join(', ')} validates against schemas/${kind}.schema.json`,
    evidence: fileEvidence,
    action: { kind: 'open', title: `Open ${files[0].file}`, location: at(files[0].file, 1) },
  };
}

/** The consistency rules an item names: pass when none of them has a finding. */
function answerRules(rules: readonly ConsistencyRuleId[], context: Context): Answer {
  const findings = context.configs.check.findings.filter((f) => (rules as readonly string[]).includes(f.rule));
  if (findings.length > 0) {
    return {
      state: 'fail',
      reason: findings[0].message + (findings.length > 1 ? ` (and ${plural(findings.length - 1, 'more finding')})` : ''),
      evidence: findings.map((finding): Evidence => ({ kind: 'finding', text: `${where(finding.location)}: ${finding.rule}`, finding })),
      action: { kind: 'open', title: findings[0].fix ? findings[0].fix.title : `Open ${where(findings[0].location)}`, location: findings[0].location },
    };
  }
  return { state: 'pass', reason: `the configs and tests agree (no finding of ${rules.join(', ')})`, evidence: [], action: null };
}

function answerBaseline(context: Context): Answer {
  const record = context.configs.parsed.get('model-version')?.[0];
  const insert: ReadinessAction = { kind: 'insert-snippet', title: 'Insert mlops-model-version', snippet: 'mlops-model-version' };
  if (!record) return { state: 'missing', reason: 'no model version record (models/model_version.yaml) with test metrics and a baseline block', evidence: [], action: insert };
  const open = (path: (string | number)[]): ReadinessAction => ({ kind: 'open', title: `Open ${record.file}`, location: record.locate(path) });
  const metric = record.value(['model', 'primary_metric']);
  if (typeof metric !== 'string' || metric === '') {
    return { state: 'missing', reason: `${record.file} names no model.primary_metric to compare the model and its baseline on`, evidence: [], action: open(['model']) };
  }
  const modelPath = ['model', 'metrics', 'test', metric];
  const basePath = ['model', 'baseline', 'test', metric];
  const model = record.value(modelPath);
  const base = record.value(basePath);
  const evidence: Evidence[] = [];
  if (typeof model === 'number') evidence.push({ kind: 'value', text: `model test ${metric} ${model}`, name: modelPath.join('.'), value: model, location: record.locate(modelPath) });
  if (typeof base === 'number') evidence.push({ kind: 'value', text: `baseline test ${metric} ${base}`, name: basePath.join('.'), value: base, location: record.locate(basePath) });
  if (typeof model !== 'number') return { state: 'missing', reason: `${modelPath.join('.')} in ${record.file} is not filled in (${JSON.stringify(model ?? null)})`, evidence, action: open(modelPath) };
  if (typeof base !== 'number') return { state: 'missing', reason: `${basePath.join('.')} in ${record.file} is not filled in (${JSON.stringify(base ?? null)}): record the baseline's test ${metric}`, evidence, action: open(basePath) };
  let margin = 0;
  let marginSource = '';
  if (MARGIN.metric.test(metric)) {
    for (const { file, text } of context.python) {
      const constant = snippetConstants(text, MARGIN.snippet)?.get(MARGIN.constant);
      if (constant) {
        margin = constant.value;
        marginSource = `${MARGIN.constant}, ${file}:${constant.line}`;
        evidence.push({ kind: 'value', text: `margin ${margin} (${marginSource})`, name: MARGIN.constant, value: margin, location: at(file, constant.line) });
        break;
      }
    }
  }
  const lower = LOWER_IS_BETTER.test(metric);
  const gain = lower ? base - model : model - base;
  const beats = margin > 0 ? gain >= margin - 1e-12 : gain > 0;
  const name = typeof record.value(['model', 'baseline', 'name']) === 'string' ? ` (${String(record.value(['model', 'baseline', 'name']))})` : '';
  const by = margin > 0 ? `, margin ${margin} (${marginSource})` : '';
  const diff = Number(gain.toPrecision(6));
  return beats
    ? { state: 'pass', reason: `the model's test ${metric} ${model} beats the baseline's ${base}${name} by ${diff}${by}`, evidence, action: open(modelPath) }
    : { state: 'fail', reason: `the model's test ${metric} ${model} does not beat the baseline's ${base}${name}${margin > 0 ? ` by the margin ${margin} (${marginSource})` : ''}: ship the baseline, or look for a data problem`, evidence, action: open(modelPath) };
}

async function answerFile(globs: readonly string[], context: Context): Promise<Answer> {
  const files = await context.reader.findFiles(globs);
  if (files.length === 0) {
    const snippet = allSnippets(context.catalog).find((s) => matchesAny(s.target, globs));
    return { state: 'missing', reason: `no file matches ${globs.join(', ')}`, evidence: [], action: snippet ? { kind: 'insert-snippet', title: `Insert ${snippet.id}`, snippet: snippet.id } : null };
  }
  return {
    state: 'pass',
    reason: `${files[0]} exists${files.length > 1 ? ` (and ${plural(files.length - 1, 'more file')})` : ''}`,
    evidence: files.slice(0, 5).map((file) => ({ kind: 'file', text: file, location: at(file, 1) })),
    action: { kind: 'open', title: `Open ${files[0]}`, location: at(files[0], 1) },
  };
}

/** The worst answer's state, reason and action; all the evidence. */
function combine(answers: readonly Answer[]): Answer {
  const worst = answers.reduce((a, b) => (SEVERITY[b.state] > SEVERITY[a.state] ? b : a));
  const reason = worst.state === 'pass' ? answers.map((a) => a.reason).join('; ') : worst.reason;
  return { state: worst.state, reason, evidence: answers.flatMap((a) => a.evidence), action: worst.action };
}

async function answerItem(item: ChecklistItem, context: Context): Promise<Answer> {
  if (item.evidence.length === 0) return { state: 'missing', reason: 'the pattern file names no evidence for this item', evidence: [], action: null };
  const answers: Answer[] = [];
  for (const spec of item.evidence) {
    if (spec.kind === 'tests') answers.push(await answerTests(spec, context));
    else if (spec.kind === 'config') answers.push(answerConfig(spec.config, context));
    else if (spec.kind === 'rules') answers.push(answerRules(spec.rules, context));
    else if (spec.kind === 'baseline') answers.push(answerBaseline(context));
    else answers.push(await answerFile(spec.globs, context));
  }
  return combine(answers);
}

/** `mlops/ab-test-configured` or `mlops/*` in the list. */
function isNotApplicable(id: string, list: readonly string[]): boolean {
  const stem = id.split('/')[0];
  return list.includes(id) || list.includes(`${stem}/*`);
}

/** The pattern files a request covers, in lifecycle order. */
function patternFilesFor(catalog: Catalog, stage: ReadinessRequest['stage']): PatternFile[] {
  if (stage === 'all') return [...catalog.patternFiles].sort((a, b) => firstStageIndex(a) - firstStageIndex(b));
  const file = STAGES.find((s) => s.id === stage)?.patternFile;
  return catalog.patternFiles.filter((p) => p.file === file);
}

/** The YAML snippet that writes each config kind, found by parsing each snippet's defaults. */
function snippetsForKinds(catalog: Catalog): Map<ConfigKind, string> {
  const map = new Map<ConfigKind, string>();
  for (const snippet of allSnippets(catalog)) {
    if (snippet.language !== 'yaml') continue;
    for (const kind of parseConfig(snippet.target, renderDefaults(snippet.body)).kinds) if (!map.has(kind)) map.set(kind, snippet.id);
  }
  return map;
}

function verdictFor(status: ReadinessReport['status'], counts: Record<ReadinessState, number>, applicable: number): string {
  if (applicable === 0) return 'Ready: no item applies.';
  if (status === 'ready') return `Ready: all ${plural(applicable, 'applicable item')} pass.`;
  if (status === 'not-ready') {
    return `Not ready: ${counts.fail} of ${plural(applicable, 'item')} ${counts.fail === 1 ? 'fails' : 'fail'}${counts.missing > 0 ? `, ${counts.missing} ${counts.missing === 1 ? 'has' : 'have'} no evidence yet` : ''}.`;
  }
  return `Incomplete: nothing fails, but ${counts.missing} of ${plural(applicable, 'item')} ${counts.missing === 1 ? 'has' : 'have'} no evidence yet.`;
}

/**
 * Answers the checklist of `request.stage` (or every stage) from the workspace.
 * Throws JUnitError when a JUnit document cannot be read.
 */
export async function assessReadiness(reader: WorkspaceReader, request: ReadinessRequest, catalog: Catalog, root = '.'): Promise<ReadinessReport> {
  const runs = (request.junit ?? []).map((doc) => ({ source: doc.source, run: parseJUnit(doc.xml, doc.source) }));
  const python = await markedPythonFiles(reader);
  const configs = await loadConfigs(reader, python);
  const tests = python.flatMap(({ file, text }) => pythonTests(file, text));
  const context: Context = {
    reader,
    catalog,
    configs,
    python,
    tests,
    outcomes: runs.length > 0 ? mapRuns(runs.map((r) => r.run), tests) : undefined,
    runSource: runs.length > 0 ? runs.map((r) => r.source).join(', ') : null,
    snippetForKind: snippetsForKinds(catalog),
  };
  const notApplicable = request.notApplicable ?? [];
  const items: ReadinessItem[] = [];
  for (const patternFile of patternFilesFor(catalog, request.stage)) {
    const stem = patternFile.file.replace(/\.md$/, '');
    for (const item of byConstraint(patternFile.checklist, request.constraint ?? undefined)) {
      const id = `${stem}/${item.id}`;
      const base = { id, patternFile: patternFile.file, stages: patternFile.stages, text: item.text, constraints: item.constraints };
      if (isNotApplicable(id, notApplicable)) {
        items.push({ ...base, state: 'not-applicable', reason: 'marked not applicable for this project', evidence: [], action: null });
        continue;
      }
      const answer = await answerItem(item, context);
      items.push({ ...base, ...answer });
    }
  }
  const counts: Record<ReadinessState, number> = { pass: 0, fail: 0, missing: 0, 'not-applicable': 0 };
  for (const item of items) counts[item.state]++;
  const applicable = items.length - counts['not-applicable'];
  const status: ReadinessReport['status'] = counts.fail > 0 ? 'not-ready' : counts.missing > 0 ? 'incomplete' : 'ready';
  return {
    schemaVersion: READINESS_SCHEMA_VERSION,
    report: 'readiness',
    root,
    stage: request.stage,
    constraint: request.constraint,
    status,
    verdict: verdictFor(status, counts, applicable),
    confidence: confidenceScore(items, request.constraint),
    items,
    configs: configs.check,
    testRun: summarizeRuns(runs),
  };
}

/** The weighted share of applicable items that pass; the constraint's items weigh 2. No applicable item: 1. */
export function confidenceScore(items: readonly Pick<ReadinessItem, 'state' | 'constraints'>[], constraint: Constraint | null): number {
  let total = 0;
  let passed = 0;
  for (const item of items) {
    if (item.state === 'not-applicable') continue;
    const weight = constraint && item.constraints.includes(constraint) ? 2 : 1;
    total += weight;
    if (item.state === 'pass') passed += weight;
  }
  return total === 0 ? 1 : Math.round((passed / total) * 1000) / 1000;
}
