/**
 * Labelled workspaces for the readiness gate (`npm run verdicts -- --only readiness`): a complete
 * workspace in which every checklist item passes, defects that change known items' true state,
 * and neutral mutations that must change none.
 *
 * The truth never comes from the code under test. Each defect writes down what it did in `Facts`
 * (a file deleted, a marker removed, a value set, a test failed in the run), and `trueStates`
 * answers every item from those facts alone, by the contract of src/core/readiness/types.ts and
 * the README: the evidence each item's pattern file names, the consistency rules as the README's
 * table states them, "an item is as bad as its worst evidence", not applicable wins.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { STAGES, type Constraint, type StageId } from '../../src/core/lifecycle/stages';
import { allSnippets, type Catalog, type EvidenceSpec } from '../../src/core/patterns/catalog';
import { renderDefaults } from '../../src/core/patterns/snippetSyntax';
import type { ConfigKind, ConsistencyRuleId, ReadinessReport, ReadinessState } from '../../src/core/readiness/index';
import type { Random } from './regimes';

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

// ---------------------------------------------------------------------------------------------
// The complete workspace: examples/ (its deliberate rollback inconsistency fixed), every snippet
// of the catalog at its target with the seed's defaults, and the files `file(...)` items ask for.

const EXAMPLE_FILES = [
  'configs/monitoring/drift.yaml',
  'configs/deploy/rollback.yaml',
  'configs/deploy/ab_test.yaml',
  'models/model_version.yaml',
  'tests/test_serving.py',
  'tests/test_data_pipeline.py',
  'model_server.py',
  'pytest.ini',
  'README.md',
];

const DRIFT = 'configs/monitoring/drift.yaml';
const ROLLBACK = 'configs/deploy/rollback.yaml';
const AB_TEST = 'configs/deploy/ab_test.yaml';
const RECORD = 'models/model_version.yaml';
const HPO = 'configs/training/hpo.yaml';
const CALLBACKS = 'configs/training/callbacks.yaml';

/** The config files of the complete workspace and the kinds each holds. */
const CONFIG_FILES: Readonly<Record<string, readonly ConfigKind[]>> = {
  [DRIFT]: ['drift-monitoring', 'cusum'],
  [ROLLBACK]: ['rollback'],
  [AB_TEST]: ['ab-test'],
  [RECORD]: ['model-version'],
  [HPO]: ['hyperparameter-search'],
  [CALLBACKS]: ['early-stopping', 'checkpointing'],
};

/** The files that answer `file(...)` items, each with the glob of the pattern file it answers. */
const EVIDENCE_FILES: Readonly<Record<string, { readonly glob: string; readonly text: string }>> = {
  '.github/workflows/ci.yml': {
    glob: '.github/workflows/*.yml',
    text: 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: python -m pytest --junitxml=junit.xml\n',
  },
  'debug/pinned_cases.csv': { glob: 'debug/pinned_cases.csv', text: 'request_id,served_prediction,expected\nr-1042,1,0\n' },
  'docs/incidents/incident.md': { glob: 'docs/incidents/*.md', text: '' /* the debugging-evidence-log snippet */ },
  'reports/baseline_metrics.json': { glob: 'reports/baseline_metrics.json', text: '{"accuracy": 0.667, "f1": 0.0, "roc_auc": 0.5}\n' },
};

/** The evaluation test's margin over the baseline (`MIN_AUC_GAIN` in evaluation-model-beats-baseline). */
const MIN_AUC_GAIN = 0.01;

/** A test function of the complete workspace and the snippet whose marker it sits below. */
export interface FixtureTest {
  readonly file: string;
  readonly name: string;
  /** The snippet, or null for the team's own tests above the first marker. */
  readonly owner: string | null;
  /** pytest's parameter ids ([''] for a test that is not parametrized). */
  readonly params: readonly string[];
}

export interface Fixture {
  readonly catalog: Catalog;
  readonly files: ReadonlyMap<string, string>;
  readonly tests: readonly FixtureTest[];
  /** The file each snippet was inserted into. */
  readonly snippetFile: ReadonlyMap<string, string>;
}

const MARKER_LINE = /^# gradient: ([a-z0-9-]+)$/;

/** The test functions of a test file, read the way it was written: top-level `def test_...` below `# gradient:` lines. */
function fixtureTests(file: string, text: string): FixtureTest[] {
  const tests: FixtureTest[] = [];
  let owner: string | null = null;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (/^class Test/.test(line)) throw new Error(`${file}: the fixture has no test classes`);
    const marker = MARKER_LINE.exec(line);
    if (marker) owner = marker[1];
    const def = /^def (test\w*)\(/.exec(line);
    if (!def) return;
    let first = i;
    while (first > 0 && lines[first - 1].startsWith('@')) first--;
    const parametrized = lines.slice(first, i).some((l) => l.includes('parametrize'));
    tests.push({ file, name: def[1], owner, params: parametrized ? ['case0', 'case1'] : [''] });
  });
  return tests;
}

export function completeWorkspace(catalog: Catalog): Fixture {
  const examples = join(__dirname, '../../examples');
  const files = new Map(EXAMPLE_FILES.map((file) => [file, readFileSync(join(examples, file), 'utf8')]));
  const rollback = files.get(ROLLBACK)!;
  files.set(ROLLBACK, rollback.replace('psi: 0.3 ', 'psi: 0.25'));
  if (files.get(ROLLBACK) === rollback) throw new Error('examples/configs/deploy/rollback.yaml no longer has its deliberate "psi: 0.3"');
  const snippetFile = new Map<string, string>();
  for (const snippet of allSnippets(catalog)) {
    snippetFile.set(snippet.id, snippet.target);
    const text = files.get(snippet.target);
    if (text?.includes(`gradient: ${snippet.id}\n`)) continue;
    const body = renderDefaults(snippet.body);
    files.set(snippet.target, text === undefined ? body : `${text.replace(/\n*$/, '\n\n')}${body}`);
  }
  for (const [file, { text }] of Object.entries(EVIDENCE_FILES)) if (text !== '') files.set(file, text);
  for (const file of [...Object.keys(CONFIG_FILES), ...Object.keys(EVIDENCE_FILES)]) {
    if (!files.has(file)) throw new Error(`the complete workspace has no ${file}`);
  }
  if (!/^MIN_AUC_GAIN = 0\.01$/m.test(files.get(snippetFile.get('evaluation-model-beats-baseline')!)!)) throw new Error('MIN_AUC_GAIN is no longer 0.01');
  const tests = [...files].filter(([file]) => /^tests\/test_\w+\.py$/.test(file)).flatMap(([file, text]) => fixtureTests(file, text));
  return { catalog, files, tests, snippetFile };
}

// ---------------------------------------------------------------------------------------------
// Facts: what is true of a workspace, written down by whoever changed it.

/** The values the consistency rules compare, as the workspace holds them. */
interface RuleValues {
  monitorAlert: number;
  monitorRollback: number;
  rollbackPsi: number;
  rollbackHasTarget: boolean;
  rollbackBudget: number;
  recordNamesPreviousStable: boolean;
  abAllToTreatment: boolean;
  cusumK: number;
  cusumH: number;
  testK: number;
  testH: number;
  /** LATENCY_BUDGET_MS as the P99 test runs with it: the file's last binding (serving-fallback's). */
  testBudget: number;
  patience: boolean;
  checkpointGitCommit: boolean;
  modelAuc: number;
  baselineAuc: number | null;
}

export type CaseOutcome = 'failed' | 'error' | 'skipped' | 'not-run';

export interface Facts {
  /** Files deleted from the workspace. */
  readonly deleted: Set<string>;
  /** Config kinds that break their schema or sit in a file that is not valid YAML. */
  readonly brokenKinds: Set<ConfigKind>;
  /** Snippets whose marker line was deleted. */
  readonly removedMarkers: Set<string>;
  /** `file::name[param]` of a case that did not pass in the run ('not-run': not in it). */
  readonly outcomes: Map<string, CaseOutcome>;
  junit: boolean;
  readonly notApplicable: string[];
  readonly values: RuleValues;
  /** The files that answer `file(...)` items, by path: the glob each answers. */
  readonly evidenceFiles: Map<string, string>;
}

export interface JUnitStyle {
  /** A dotted prefix on every classname: pytest run from a parent folder. */
  prefix: string;
  /** xunit1's `file` attribute on every case. */
  fileAttribute: boolean;
  /** Two JUnit files, one per half of the tests. */
  split: boolean;
  /** Cases in random order. */
  shuffle: boolean;
  /** `<properties>`, `<system-out>` with markup in CDATA, timestamps. */
  noise: boolean;
}

export interface Workspace {
  readonly files: Map<string, string>;
  readonly facts: Facts;
  /** `file::name` of a renamed test -> its name now. */
  readonly renamed: Map<string, string>;
  /** JUnit cases of the team's own tests that no item reads. */
  readonly extraCases: { readonly classname: string; readonly name: string; readonly outcome: 'passed' | 'failed' | 'error' }[];
  /** Test files moved to another folder: old path -> new path. */
  readonly moved: Map<string, string>;
  readonly junitStyle: JUnitStyle;
}

export function freshWorkspace(fixture: Fixture): Workspace {
  return {
    files: new Map(fixture.files),
    facts: {
      deleted: new Set(),
      brokenKinds: new Set(),
      removedMarkers: new Set(),
      outcomes: new Map(),
      junit: true,
      notApplicable: [],
      values: {
        monitorAlert: 0.1,
        monitorRollback: 0.25,
        rollbackPsi: 0.25,
        rollbackHasTarget: true,
        rollbackBudget: 200,
        recordNamesPreviousStable: true,
        abAllToTreatment: false,
        cusumK: 0.5,
        cusumH: 5,
        testK: 0.5,
        testH: 5,
        testBudget: 200,
        patience: true,
        checkpointGitCommit: true,
        modelAuc: 0.772,
        baselineAuc: 0.5,
      },
      evidenceFiles: new Map(Object.entries(EVIDENCE_FILES).map(([file, { glob }]) => [file, glob])),
    },
    renamed: new Map(),
    extraCases: [],
    moved: new Map(),
    junitStyle: { prefix: '', fileAttribute: false, split: false, shuffle: false, noise: false },
  };
}

// ---------------------------------------------------------------------------------------------
// The truth, from the facts alone.

// Written out again here, not imported: the truth must not come from the code under test.
const SEVERITY: Record<ReadinessState, number> = { 'not-applicable': -1, pass: 0, missing: 1, fail: 2 };
const worst = (states: readonly ReadinessState[]): ReadinessState => states.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'pass');

function present(facts: Facts, file: string): boolean {
  return !facts.deleted.has(file);
}

function markerPresent(fixture: Fixture, facts: Facts, snippet: string): boolean {
  return present(facts, fixture.snippetFile.get(snippet)!) && !facts.removedMarkers.has(snippet);
}

/** Does the rule have a finding? As the README's rule table says, and only when both sides exist. */
function ruleFires(rule: ConsistencyRuleId, fixture: Fixture, facts: Facts): boolean {
  const v = facts.values;
  const has = (file: string) => present(facts, file);
  switch (rule) {
    case 'rollback-psi-differs-from-monitor':
      return has(DRIFT) && has(ROLLBACK) && v.rollbackPsi !== v.monitorRollback;
    case 'alert-not-below-rollback':
      return has(DRIFT) && v.monitorAlert >= v.monitorRollback;
    case 'ab-split-all-to-new-model':
      return has(AB_TEST) && v.abAllToTreatment;
    case 'no-rollback-target':
      return has(ROLLBACK) && (!v.rollbackHasTarget || !(has(RECORD) && v.recordNamesPreviousStable));
    case 'cusum-config-differs-from-test':
      return has(DRIFT) && markerPresent(fixture, facts, 'mlops-cusum-check') && (v.cusumK !== v.testK || v.cusumH !== v.testH);
    case 'p99-budget-differs-from-test':
      return has(ROLLBACK) && markerPresent(fixture, facts, 'serving-p99-latency') && v.rollbackBudget !== v.testBudget;
    case 'early-stopping-without-patience':
      return has(CALLBACKS) && !v.patience;
    case 'checkpoint-without-git-commit':
      return has(CALLBACKS) && !v.checkpointGitCommit;
  }
}

function configState(kind: ConfigKind, facts: Facts): ReadinessState {
  const file = Object.keys(CONFIG_FILES).find((f) => CONFIG_FILES[f].includes(kind))!;
  if (!present(facts, file)) return 'missing';
  return facts.brokenKinds.has(kind) ? 'fail' : 'pass';
}

/** The tests each snippet owns now: a test below a deleted marker belongs to the marker above it. */
function owners(fixture: Fixture, facts: Facts): Map<FixtureTest, string | null> {
  const owner = new Map<FixtureTest, string | null>();
  let file = '';
  let current: string | null = null;
  for (const test of fixture.tests) {
    if (test.file !== file) {
      file = test.file;
      current = null;
    }
    if (test.owner !== null && !facts.removedMarkers.has(test.owner)) current = test.owner;
    owner.set(test, current);
  }
  return owner;
}

function testsState(snippet: string, fixture: Fixture, facts: Facts, owner: ReadonlyMap<FixtureTest, string | null>): ReadinessState {
  if (!markerPresent(fixture, facts, snippet)) return 'missing';
  const tests = fixture.tests.filter((t) => owner.get(t) === snippet);
  if (tests.length === 0 || !facts.junit) return 'missing';
  const caseStates = tests.flatMap((t) =>
    t.params.map((p): ReadinessState => {
      const outcome = facts.outcomes.get(caseKey(t, p));
      return outcome === undefined ? 'pass' : outcome === 'failed' || outcome === 'error' ? 'fail' : 'missing';
    }),
  );
  return worst(caseStates);
}

function baselineState(fixture: Fixture, facts: Facts): ReadinessState {
  const v = facts.values;
  if (!present(facts, RECORD) || v.baselineAuc === null) return 'missing';
  const margin = markerPresent(fixture, facts, 'evaluation-model-beats-baseline') ? MIN_AUC_GAIN : 0;
  const gain = v.modelAuc - v.baselineAuc;
  return (margin > 0 ? gain >= margin - 1e-12 : gain > 0) ? 'pass' : 'fail';
}

function fileState(globs: readonly string[], facts: Facts): ReadinessState {
  return [...facts.evidenceFiles.values()].some((glob) => globs.includes(glob)) ? 'pass' : 'missing';
}

/** The pattern files a request covers. */
export function patternFilesOf(stage: StageId | 'all'): readonly string[] {
  return stage === 'all' ? [...new Set(STAGES.map((s) => s.patternFile))] : [STAGES.find((s) => s.id === stage)!.patternFile];
}

/** Every item of the request's stage: its true state. */
export function trueStates(fixture: Fixture, facts: Facts, stage: StageId | 'all'): Map<string, ReadinessState> {
  const owner = owners(fixture, facts);
  const evidenceState = (spec: EvidenceSpec): ReadinessState => {
    switch (spec.kind) {
      case 'tests':
        return worst(spec.snippets.map((s) => testsState(s, fixture, facts, owner)));
      case 'config':
        return configState(spec.config, facts);
      case 'rules':
        return spec.rules.some((rule) => ruleFires(rule, fixture, facts)) ? 'fail' : 'pass';
      case 'baseline':
        return baselineState(fixture, facts);
      case 'file':
        return fileState(spec.globs, facts);
    }
  };
  const states = new Map<string, ReadinessState>();
  const files = patternFilesOf(stage);
  for (const patternFile of fixture.catalog.patternFiles.filter((p) => files.includes(p.file))) {
    const stem = patternFile.file.replace(/\.md$/, '');
    for (const item of patternFile.checklist) {
      const id = `${stem}/${item.id}`;
      const notApplicable = facts.notApplicable.includes(id) || facts.notApplicable.includes(`${stem}/*`);
      states.set(id, notApplicable ? 'not-applicable' : worst(item.evidence.map(evidenceState)));
    }
  }
  return states;
}

export function trueStatus(states: Iterable<ReadinessState>): ReadinessReport['status'] {
  const all = [...states];
  return all.includes('fail') ? 'not-ready' : all.includes('missing') ? 'incomplete' : 'ready';
}

// ---------------------------------------------------------------------------------------------
// Editing the workspace's text

/** The YAML node at `path` of a file that parses, with its document. */
function nodeAt(text: string, path: readonly (string | number)[]): { doc: Document; node: Node } {
  const doc = parseDocument(text);
  const node = doc.getIn(path, true) as Node | undefined;
  if (doc.errors.length > 0 || !node?.range) throw new Error(`no ${path.join('.')} to edit`);
  return { doc, node };
}

function editFile(ws: Workspace, file: string, edit: (text: string) => string): void {
  const text = ws.files.get(file);
  if (text !== undefined) ws.files.set(file, edit(text));
}

/** Replaces the scalar at `path` with `literal`, leaving every other byte as it was. */
function setScalar(ws: Workspace, file: string, path: readonly (string | number)[], literal: string): void {
  editFile(ws, file, (text) => {
    const { node } = nodeAt(text, path);
    if (!isScalar(node)) throw new Error(`${path.join('.')} is not a scalar`);
    return text.slice(0, node.range![0]) + literal + text.slice(node.range![1]);
  });
}

/** Deletes the lines of the map entry or sequence item at `path`. */
function deleteEntry(ws: Workspace, file: string, path: readonly (string | number)[]): void {
  editFile(ws, file, (text) => {
    const { doc, node } = nodeAt(text, path);
    const parent = doc.getIn(path.slice(0, -1), true);
    const key = isMap(parent) ? (parent as YAMLMap).items.find((pair) => isScalar(pair.key) && pair.key.value === path[path.length - 1])?.key : undefined;
    const start = (isScalar(key) && key.range ? key.range[0] : node.range![0]);
    const from = text.lastIndexOf('\n', start - 1) + 1;
    const end = text.indexOf('\n', Math.max(node.range![1] - 1, start));
    return text.slice(0, from) + text.slice(end < 0 ? text.length : end + 1);
  });
}

/**
 * Sets `NAME = value` on the first module-level binding below the snippet's marker, or (`everywhere`)
 * on every binding in its file: Python runs the tests with the file's last binding, and
 * serving-fallback binds LATENCY_BUDGET_MS again below the P99 test.
 */
function setConstant(ws: Workspace, snippet: string, name: string, value: number, fixture: Fixture, everywhere = false): void {
  editFile(ws, fixture.snippetFile.get(snippet)!, (text) => {
    const at = text.indexOf(`# gradient: ${snippet}`);
    const pattern = new RegExp(`^${name} = [-+0-9.e]+`, 'gm');
    const edited = everywhere
      ? text.replace(pattern, `${name} = ${value}`)
      : text.slice(0, at) + text.slice(at).replace(new RegExp(pattern.source, 'm'), `${name} = ${value}`);
    if (at < 0 || edited === text) throw new Error(`no ${name} below ${snippet}`);
    return edited;
  });
}

function deleteFile(ws: Workspace, file: string): void {
  ws.files.delete(file);
  ws.facts.deleted.add(file);
  ws.facts.evidenceFiles.delete(file);
}

export function caseKey(test: FixtureTest, param: string): string {
  return `${test.file}::${test.name}${param ? `[${param}]` : ''}`;
}

function currentName(ws: Workspace, test: FixtureTest): string {
  return ws.renamed.get(`${test.file}::${test.name}`) ?? test.name;
}

// ---------------------------------------------------------------------------------------------
// Defects: each changes known items' true state, and says so in the facts.

export interface Defect {
  readonly kind: string;
  /** What this instance does, for the mismatch log. */
  readonly label: string;
  /** 0 values, 1 syntax, 2 structure: a value is edited before the file is broken or deleted. */
  readonly phase: 0 | 1 | 2;
  readonly apply: (ws: Workspace) => void;
}

export interface DefectKind {
  readonly kind: string;
  /** What it does, in the table. */
  readonly description: string;
  readonly instances: (fixture: Fixture) => Defect[];
}

/** Values that break each kind's schema, at paths no consistency rule and no baseline reads. */
const SCHEMA_BREAKS: readonly { file: string; kind: ConfigKind; path: (string | number)[]; literal: string }[] = [
  { file: DRIFT, kind: 'drift-monitoring', path: ['data_drift', 'method'], literal: 'kl' },
  { file: DRIFT, kind: 'drift-monitoring', path: ['data_drift', 'bins'], literal: '1' },
  { file: DRIFT, kind: 'drift-monitoring', path: ['data_drift', 'epsilon'], literal: '0.5' },
  { file: DRIFT, kind: 'cusum', path: ['concept_drift', 'period'], literal: '1 day' },
  { file: DRIFT, kind: 'cusum', path: ['concept_drift', 'warmup_periods'], literal: '1' },
  { file: DRIFT, kind: 'cusum', path: ['concept_drift', 'on_alarm', 1], literal: 'page' },
  { file: ROLLBACK, kind: 'rollback', path: ['rollback', 'enabled'], literal: '"yes"' },
  { file: ROLLBACK, kind: 'rollback', path: ['rollback', 'evaluation_window'], literal: '15 minutes' },
  { file: ROLLBACK, kind: 'rollback', path: ['rollback', 'notifications', 1, 'channel'], literal: 'sms' },
  { file: AB_TEST, kind: 'ab-test', path: ['ab_test', 'stopping', 'min_samples_per_arm'], literal: '10000.5' },
  { file: AB_TEST, kind: 'ab-test', path: ['ab_test', 'stopping', 'significance_level'], literal: '1.5' },
  { file: AB_TEST, kind: 'ab-test', path: ['ab_test', 'primary_metric', 'direction'], literal: 'up' },
  { file: RECORD, kind: 'model-version', path: ['model', 'version'], literal: '"v1.1"' },
  { file: RECORD, kind: 'model-version', path: ['model', 'status'], literal: 'shadow' },
  { file: RECORD, kind: 'model-version', path: ['model', 'git_commit'], literal: '""' },
  { file: HPO, kind: 'hyperparameter-search', path: ['study', 'n_trials'], literal: '0' },
  { file: HPO, kind: 'hyperparameter-search', path: ['study', 'direction'], literal: 'up' },
  { file: HPO, kind: 'hyperparameter-search', path: ['search_space', 'learning_rate', 'distribution'], literal: 'loguniform' },
  { file: CALLBACKS, kind: 'early-stopping', path: ['early_stopping', 'min_delta'], literal: '-1' },
  { file: CALLBACKS, kind: 'early-stopping', path: ['early_stopping', 'mode'], literal: 'lowest' },
  { file: CALLBACKS, kind: 'checkpointing', path: ['checkpoint', 'keep_last'], literal: '0' },
  { file: CALLBACKS, kind: 'checkpointing', path: ['checkpoint', 'every_n_epochs'], literal: '0' },
];

/** A second line for a key no rule reads (a duplicate key), or an unclosed flow sequence. */
const SYNTAX_BREAKS: readonly { file: string; label: string; edit: (text: string) => string }[] = [
  ...(
    [
      [DRIFT, 'bins'],
      [ROLLBACK, 'evaluation_window'],
      [AB_TEST, 'assignment'],
      [RECORD, 'status'],
      [HPO, 'seed'],
      [CALLBACKS, 'dirpath'],
    ] as const
  ).map(([file, key]) => ({
    file,
    label: `${key} twice in ${file}`,
    edit: (text: string) => text.replace(new RegExp(`^( +${key}:.*)$`, 'm'), '$1\n$1'),
  })),
  { file: DRIFT, label: `unclosed on_alarm list in ${DRIFT}`, edit: (text: string) => text.replace(/(on_alarm: \[[^\]\n]*)\]/, '$1') },
  { file: HPO, label: `unclosed choices list in ${HPO}`, edit: (text: string) => text.replace(/(choices: \[[^\]\n]*)\]/, '$1') },
];

/** The snippets whose tests the complete workspace holds. */
function testSnippets(fixture: Fixture): string[] {
  return [...new Set(fixture.tests.map((t) => t.owner).filter((s): s is string => s !== null))];
}

const snippetTests = (fixture: Fixture) => fixture.tests.filter((t) => t.owner !== null);

export const DEFECT_KINDS: readonly DefectKind[] = [
  {
    kind: 'config deleted',
    description: 'a config file deleted',
    instances: () => Object.keys(CONFIG_FILES).map((file) => ({ kind: 'config deleted', label: `delete ${file}`, phase: 2, apply: (ws) => deleteFile(ws, file) })),
  },
  {
    kind: 'schema broken',
    description: 'a value that breaks the schema (`bins: 1`, `status: shadow`, ...)',
    instances: () =>
      SCHEMA_BREAKS.map(({ file, kind, path, literal }) => ({
        kind: 'schema broken',
        label: `${path.join('.')}: ${literal} in ${file}`,
        phase: 0,
        apply: (ws) => {
          setScalar(ws, file, path, literal);
          ws.facts.brokenKinds.add(kind);
        },
      })),
  },
  {
    kind: 'not valid YAML',
    description: 'a duplicate key or an unclosed `[` (every kind in the file)',
    instances: () =>
      SYNTAX_BREAKS.map(({ file, label, edit }) => ({
        kind: 'not valid YAML',
        label,
        phase: 1,
        apply: (ws) => {
          if (!ws.files.has(file)) return;
          editFile(ws, file, (text) => {
            const broken = edit(text);
            if (broken === text) throw new Error(`could not break ${file}`);
            return broken;
          });
          for (const kind of CONFIG_FILES[file]) ws.facts.brokenKinds.add(kind);
        },
      })),
  },
  {
    kind: 'configs disagree',
    description: 'two configs (or a config and its test) disagree: each consistency rule',
    instances: (fixture) => {
      const v = (ws: Workspace) => ws.facts.values;
      const disagreement = (rule: ConsistencyRuleId, how: string, apply: (ws: Workspace) => void): Defect => ({ kind: 'configs disagree', label: `${rule}: ${how}`, phase: 0, apply });
      return [
        disagreement('rollback-psi-differs-from-monitor', 'rollback.triggers.psi moved', (ws) => {
          v(ws).rollbackPsi = Number((v(ws).monitorRollback + 0.05).toFixed(2));
          setScalar(ws, ROLLBACK, ['rollback', 'triggers', 'psi'], String(v(ws).rollbackPsi));
        }),
        disagreement('rollback-psi-differs-from-monitor', 'data_drift.thresholds.rollback moved', (ws) => {
          v(ws).monitorRollback = Number((v(ws).rollbackPsi + 0.05).toFixed(2));
          setScalar(ws, DRIFT, ['data_drift', 'thresholds', 'rollback'], String(v(ws).monitorRollback));
        }),
        disagreement('alert-not-below-rollback', 'alert at the rollback level', (ws) => {
          v(ws).monitorAlert = v(ws).monitorRollback;
          setScalar(ws, DRIFT, ['data_drift', 'thresholds', 'alert'], String(v(ws).monitorAlert));
        }),
        disagreement('ab-split-all-to-new-model', 'split 0 / 1', (ws) => {
          v(ws).abAllToTreatment = true;
          setScalar(ws, AB_TEST, ['ab_test', 'traffic_split', 'control'], '0.0');
          setScalar(ws, AB_TEST, ['ab_test', 'traffic_split', 'treatment'], '1.0');
        }),
        disagreement('no-rollback-target', 'rollback.target deleted', (ws) => {
          v(ws).rollbackHasTarget = false;
          deleteEntry(ws, ROLLBACK, ['rollback', 'target']);
        }),
        disagreement('no-rollback-target', 'model.previous_stable: null', (ws) => {
          v(ws).recordNamesPreviousStable = false;
          setScalar(ws, RECORD, ['model', 'previous_stable'], 'null');
        }),
        disagreement('cusum-config-differs-from-test', 'concept_drift.k_sigma moved', (ws) => {
          v(ws).cusumK = v(ws).testK + 0.25;
          setScalar(ws, DRIFT, ['concept_drift', 'k_sigma'], String(v(ws).cusumK));
        }),
        disagreement('cusum-config-differs-from-test', 'CUSUM_H_SIGMA in the test moved', (ws) => {
          v(ws).testH = v(ws).cusumH + 1;
          setConstant(ws, 'mlops-cusum-check', 'CUSUM_H_SIGMA', v(ws).testH, fixture);
        }),
        disagreement('p99-budget-differs-from-test', 'rollback.triggers.latency_budget_ms moved', (ws) => {
          v(ws).rollbackBudget = v(ws).testBudget - 50;
          setScalar(ws, ROLLBACK, ['rollback', 'triggers', 'latency_budget_ms'], String(v(ws).rollbackBudget));
        }),
        disagreement('p99-budget-differs-from-test', 'LATENCY_BUDGET_MS moved in the test file', (ws) => {
          v(ws).testBudget = v(ws).rollbackBudget + 50;
          setConstant(ws, 'serving-p99-latency', 'LATENCY_BUDGET_MS', v(ws).testBudget, fixture, true);
        }),
        disagreement('p99-budget-differs-from-test', 'budget 150 in the config and below the P99 marker, the fallback snippet still binds 200 further down', (ws) => {
          v(ws).rollbackBudget = v(ws).testBudget - 50;
          setScalar(ws, ROLLBACK, ['rollback', 'triggers', 'latency_budget_ms'], String(v(ws).rollbackBudget));
          setConstant(ws, 'serving-p99-latency', 'LATENCY_BUDGET_MS', v(ws).rollbackBudget, fixture);
        }),
        disagreement('early-stopping-without-patience', 'patience deleted', (ws) => {
          v(ws).patience = false;
          deleteEntry(ws, CALLBACKS, ['early_stopping', 'patience']);
        }),
        disagreement('checkpoint-without-git-commit', 'git_commit dropped from checkpoint.metadata', (ws) => {
          v(ws).checkpointGitCommit = false;
          deleteEntry(ws, CALLBACKS, ['checkpoint', 'metadata', 0]);
        }),
      ];
    },
  },
  {
    kind: 'marker removed',
    description: "a test snippet's `# gradient:` line deleted",
    instances: (fixture) =>
      testSnippets(fixture).map((snippet) => ({
        kind: 'marker removed',
        label: `delete the marker of ${snippet}`,
        phase: 2,
        apply: (ws) => {
          editFile(ws, fixture.snippetFile.get(snippet)!, (text) => text.replace(new RegExp(`^# gradient: ${snippet}\\r?\\n`, 'm'), ''));
          ws.facts.removedMarkers.add(snippet);
        },
      })),
  },
  {
    kind: 'test file deleted',
    description: 'a test file deleted',
    instances: (fixture) =>
      [...new Set(snippetTests(fixture).map((t) => t.file))].map((file) => ({ kind: 'test file deleted', label: `delete ${file}`, phase: 2, apply: (ws) => deleteFile(ws, file) })),
  },
  {
    kind: 'test failed',
    description: 'a failure or an error in the JUnit XML (one case of a parametrized test)',
    instances: (fixture) =>
      snippetTests(fixture).flatMap((test) =>
        (['failed', 'error'] as const).map((outcome): Defect => {
          const param = test.params[test.params.length - 1];
          return {
            kind: 'test failed',
            label: `${caseKey(test, param)} ${outcome}`,
            phase: 0,
            apply: (ws) => void ws.facts.outcomes.set(caseKey(test, param), outcome),
          };
        }),
      ),
  },
  {
    kind: 'test skipped',
    description: 'every case of a test skipped',
    instances: (fixture) =>
      snippetTests(fixture).map((test) => ({
        kind: 'test skipped',
        label: `${test.file}::${test.name} skipped`,
        phase: 0,
        apply: (ws) => test.params.forEach((p) => ws.facts.outcomes.set(caseKey(test, p), 'skipped')),
      })),
  },
  {
    kind: 'test not in the run',
    description: 'a test absent from the JUnit XML (run with `-k`)',
    instances: (fixture) =>
      snippetTests(fixture).map((test) => ({
        kind: 'test not in the run',
        label: `${test.file}::${test.name} not run`,
        phase: 0,
        apply: (ws) => test.params.forEach((p) => ws.facts.outcomes.set(caseKey(test, p), 'not-run')),
      })),
  },
  {
    kind: 'collection error',
    description: "a test file that pytest cannot import: one error for the file, none of its tests run",
    instances: (fixture) =>
      [...new Set(snippetTests(fixture).map((t) => t.file))].map((file) => ({
        kind: 'collection error',
        label: `${file} fails to import`,
        phase: 0,
        apply: (ws) => {
          for (const test of fixture.tests.filter((t) => t.file === file)) test.params.forEach((p) => ws.facts.outcomes.set(caseKey(test, p), 'not-run'));
          ws.extraCases.push({ classname: '', name: file.replace(/\.py$/, '').replace(/\//g, '.'), outcome: 'error' });
        },
      })),
  },
  {
    kind: 'no JUnit',
    description: 'no JUnit XML at all: tests known but not run',
    instances: () => [{ kind: 'no JUnit', label: 'no JUnit XML', phase: 2, apply: (ws) => void (ws.facts.junit = false) }],
  },
  {
    kind: 'baseline removed',
    description: "the version record's baseline block deleted, or its test metric null",
    instances: () => [
      {
        kind: 'baseline removed',
        label: 'delete model.baseline',
        phase: 0,
        apply: (ws) => {
          if (ws.facts.values.baselineAuc === null) return; // its value is null already
          deleteEntry(ws, RECORD, ['model', 'baseline']);
          ws.facts.values.baselineAuc = null;
        },
      },
      {
        kind: 'baseline removed',
        label: 'model.baseline.test.roc_auc: null',
        phase: 0,
        apply: (ws) => {
          if (ws.facts.values.baselineAuc === null) return; // the block is gone already
          setScalar(ws, RECORD, ['model', 'baseline', 'test', 'roc_auc'], 'null');
          ws.facts.values.baselineAuc = null;
        },
      },
    ],
  },
  {
    kind: 'baseline not beaten',
    description: "the model's test AUC below the baseline's, or above it by less than `MIN_AUC_GAIN`",
    instances: () =>
      [
        ['below the baseline', -0.05],
        ['0.005 above the baseline (margin 0.01)', 0.005],
      ].map(([how, delta]) => ({
        kind: 'baseline not beaten',
        label: `model test AUC ${how}`,
        phase: 0,
        apply: (ws: Workspace) => {
          const v = ws.facts.values;
          v.modelAuc = Number(((v.baselineAuc ?? 0.5) + Number(delta)).toFixed(3));
          setScalar(ws, RECORD, ['model', 'metrics', 'test', 'roc_auc'], String(v.modelAuc));
        },
      })),
  },
  {
    kind: 'evidence file deleted',
    description: 'a file a `file(...)` item asks for deleted',
    instances: () =>
      Object.keys(EVIDENCE_FILES).map((file) => ({
        kind: 'evidence file deleted',
        label: `delete ${file}`,
        phase: 2,
        apply: (ws) => {
          // The CI workflow may have moved to .gitlab-ci.yml (a neutral mutation): delete it there.
          const moved = file.startsWith('.github/') && !ws.files.has(file) ? '.gitlab-ci.yml' : file;
          deleteFile(ws, moved);
        },
      })),
  },
  {
    kind: 'not applicable',
    description: 'an item, or a whole pattern file (`mlops/*`), marked not applicable',
    instances: (fixture) =>
      fixture.catalog.patternFiles.flatMap((p) => {
        const stem = p.file.replace(/\.md$/, '');
        return [...p.checklist.map((i) => `${stem}/${i.id}`), `${stem}/*`].map((id) => ({
          kind: 'not applicable',
          label: `--not-applicable ${id}`,
          phase: 2 as const,
          apply: (ws: Workspace) => void ws.facts.notApplicable.push(id),
        }));
      }),
  },
];

// ---------------------------------------------------------------------------------------------
// Neutral mutations: none may change any item's state.

export interface NeutralKind {
  readonly kind: string;
  readonly description: string;
  /** -1 before the defects (a value both sides agree on), 0 after them, 1 last (line endings). */
  readonly phase: -1 | 0 | 1;
  readonly apply: (ws: Workspace, random: Random, fixture: Fixture) => void;
}

const TEXT_FILE = /\.(py|ya?ml)$/;

/** Values changed within their allowed range, the same on both sides of every rule that compares them. */
const CONSISTENT_CHANGES: readonly ((ws: Workspace, fixture: Fixture) => void)[] = [
  (ws) => {
    const v = ws.facts.values;
    v.monitorRollback = v.rollbackPsi = 0.3;
    setScalar(ws, DRIFT, ['data_drift', 'thresholds', 'rollback'], '0.3');
    setScalar(ws, ROLLBACK, ['rollback', 'triggers', 'psi'], '0.3');
  },
  (ws) => {
    ws.facts.values.monitorAlert = 0.15;
    setScalar(ws, DRIFT, ['data_drift', 'thresholds', 'alert'], '0.15');
  },
  (ws, fixture) => {
    const v = ws.facts.values;
    v.rollbackBudget = v.testBudget = 150;
    setScalar(ws, ROLLBACK, ['rollback', 'triggers', 'latency_budget_ms'], '150');
    setConstant(ws, 'serving-p99-latency', 'LATENCY_BUDGET_MS', 150, fixture, true);
  },
  (ws, fixture) => {
    const v = ws.facts.values;
    v.cusumK = v.testK = 0.25;
    v.cusumH = v.testH = 4;
    setScalar(ws, DRIFT, ['concept_drift', 'k_sigma'], '0.25');
    setScalar(ws, DRIFT, ['concept_drift', 'h_sigma'], '4');
    setConstant(ws, 'mlops-cusum-check', 'CUSUM_K_SIGMA', 0.25, fixture);
    setConstant(ws, 'mlops-cusum-check', 'CUSUM_H_SIGMA', 4, fixture);
  },
  (ws) => {
    setScalar(ws, AB_TEST, ['ab_test', 'traffic_split', 'control'], '0.9');
    setScalar(ws, AB_TEST, ['ab_test', 'traffic_split', 'treatment'], '0.1');
  },
  (ws) => setScalar(ws, CALLBACKS, ['early_stopping', 'patience'], '5'),
  (ws) => {
    ws.facts.values.modelAuc = 0.8;
    setScalar(ws, RECORD, ['model', 'metrics', 'test', 'roc_auc'], '0.8');
  },
];

const UNRELATED_FILES: readonly ((ws: Workspace) => void)[] = [
  (ws) => void ws.files.set('notes/ideas.md', '# Ideas\n\n- try gradient boosting\n- gradient: not a marker here\n'),
  (ws) => void ws.files.set('data/extra.csv', 'user_id,age\n1,35\n'),
  (ws) => void ws.files.set('configs/model/default.yaml', '# Hydra model config: not a version record (no version)\nmodel:\n  name: resnet18\n  lr: 0.001\n'),
  (ws) => void ws.files.set('mkdocs.yml', 'site_name: trial conversion\nnav:\n  - index.md\n'),
  (ws) => void ws.files.set('environment.yml', 'name: ml\ndependencies:\n  - python=3.11\n  - pytest\n'),
  (ws) => void ws.files.set('configs/monitoring/drift.yaml.bak', 'data_drift:\n  method: kl\n'),
  (ws) => void ws.files.set('scripts/insert_snippets.py', '# gradient: mlops-psi-check\ndef test_quoted_in_a_script():\n    assert False\n'),
  (ws) => {
    ws.files.set('tests/test_utils.py', 'def test_slugify():\n    assert True\n\n\ndef test_parse_dates():\n    assert False\n');
    ws.extraCases.push({ classname: 'tests.test_utils', name: 'test_slugify', outcome: 'passed' }, { classname: 'tests.test_utils', name: 'test_parse_dates', outcome: 'failed' });
  },
];

function insertLines(text: string, random: Random, lines: readonly string[]): string {
  const all = text.split('\n');
  for (const line of lines) all.splice(Math.floor(random() * (all.length + 1)), 0, line);
  return all.join('\n');
}

const COMMENTS = ['# TODO: revisit after the next retrain', '', '    # keep in sync with the runbook', '', '# reviewed 2024-05'];

export const NEUTRAL_KINDS: readonly NeutralKind[] = [
  {
    kind: 'values changed consistently',
    description: 'a value changed within its range on both sides of its rule (PSI 0.3 in both configs, latency budget 150 in config and test, ...)',
    phase: -1,
    apply: (ws, random, fixture) => pick(random, CONSISTENT_CHANGES)(ws, fixture),
  },
  {
    kind: 'test renamed',
    description: 'a test function below its marker renamed (and so in the JUnit XML)',
    phase: 0,
    apply: (ws, random, fixture) => {
      const tests = snippetTests(fixture).filter((t) => ws.files.has(t.file));
      if (tests.length === 0) return;
      const test = pick(random, tests);
      const now = currentName(ws, test);
      const renamed = `${test.name}_v${ws.renamed.size + 2}`;
      editFile(ws, test.file, (text) => text.replace(new RegExp(`^def ${now}\\(`, 'm'), `def ${renamed}(`));
      ws.renamed.set(`${test.file}::${test.name}`, renamed);
    },
  },
  {
    kind: 'YAML keys reordered',
    description: "a mapping's keys in another order (the file written back by the yaml library)",
    phase: 0,
    apply: (ws, random) => {
      const files = [...ws.files.keys()].filter((f) => f in CONFIG_FILES && parseDocument(ws.files.get(f)!).errors.length === 0);
      if (files.length === 0) return;
      const file = pick(random, files);
      const doc = parseDocument(ws.files.get(file)!);
      const maps: YAMLMap[] = [];
      visit(doc, { Map: (_key, node) => void (node.items.length > 1 && maps.push(node)) });
      const map = pick(random, maps);
      map.items.push(map.items.shift()!);
      ws.files.set(file, doc.toString());
    },
  },
  {
    kind: 'comments and blank lines',
    description: 'comment and blank lines added to a config or a test file',
    phase: 0,
    apply: (ws, random) => {
      const files = [...ws.files.keys()].filter((f) => TEXT_FILE.test(f) && (f in CONFIG_FILES || f.startsWith('tests/')));
      const file = pick(random, files);
      editFile(ws, file, (text) => insertLines(text, random, COMMENTS.slice(0, 1 + Math.floor(random() * COMMENTS.length))));
    },
  },
  {
    kind: 'unrelated files',
    description: 'unrelated files added (a Hydra `model:` config without a version, a script quoting a marker, the team\'s own failing test, ...)',
    phase: 0,
    apply: (ws, random) => {
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) pick(random, UNRELATED_FILES)(ws);
    },
  },
  {
    kind: 'config markers removed',
    description: "the `# gradient:` lines of a config file deleted (configs are found by their keys)",
    phase: 0,
    apply: (ws, random) => {
      const files = [...ws.files.keys()].filter((f) => f in CONFIG_FILES);
      if (files.length > 0) editFile(ws, pick(random, files), (text) => text.replace(/^# gradient: [a-z0-9-]+\r?\n/gm, ''));
    },
  },
  {
    kind: "the team's own test fails",
    description: 'a test above every marker (the team\'s own) fails in the run',
    phase: 0,
    apply: (ws, random, fixture) => {
      const own = fixture.tests.filter((t) => t.owner === null);
      const test = pick(random, own);
      ws.facts.outcomes.set(caseKey(test, test.params[0]), 'failed');
    },
  },
  {
    kind: 'JUnit written differently',
    description: 'the JUnit XML split in two files, shuffled, with a classname prefix, `file` attributes, or properties and output',
    phase: 0,
    apply: (ws, random) => {
      const style = ws.junitStyle;
      const choice = Math.floor(random() * 5);
      if (choice === 0) style.split = true;
      else if (choice === 1) style.shuffle = true;
      else if (choice === 2) style.prefix = 'project';
      else if (choice === 3) style.fileAttribute = true;
      else style.noise = true;
    },
  },
  {
    kind: 'CI workflow moved',
    description: 'the CI workflow moved to `.gitlab-ci.yml` (another glob of the same item)',
    phase: 0,
    apply: (ws) => {
      const file = '.github/workflows/ci.yml';
      const text = ws.files.get(file);
      if (text === undefined) return;
      ws.files.delete(file);
      ws.facts.evidenceFiles.delete(file);
      ws.files.set('.gitlab-ci.yml', 'test:\n  script:\n    - python -m pytest --junitxml=junit.xml\n');
      ws.facts.evidenceFiles.set('.gitlab-ci.yml', '.gitlab-ci.yml');
    },
  },
  {
    kind: 'trailing whitespace',
    description: 'spaces and tabs at the ends of lines of a config or a test file, marker lines included',
    phase: 0,
    apply: (ws, random) => {
      const files = [...ws.files.keys()].filter((f) => TEXT_FILE.test(f) && (f in CONFIG_FILES || f.startsWith('tests/')));
      editFile(ws, pick(random, files), (text) =>
        text.split('\n').map((line) => (line !== '' && (line.startsWith('# gradient:') || random() < 0.3) ? `${line}${pick(random, [' ', '  ', '\t'])}` : line)).join('\n'),
      );
    },
  },
  {
    kind: 'test file moved',
    description: 'a test file moved to `tests/unit/` (and so in the JUnit classnames)',
    phase: 1,
    apply: (ws, random, fixture) => {
      const files = [...new Set(snippetTests(fixture).map((t) => t.file))].filter((f) => ws.files.has(f));
      if (files.length === 0) return;
      const file = pick(random, files);
      const to = file.replace(/^tests\//, 'tests/unit/');
      ws.files.set(to, ws.files.get(file)!);
      ws.files.delete(file);
      ws.moved.set(file, to);
    },
  },
  {
    kind: 'CRLF line endings',
    description: 'a test file or a config with Windows line endings (CRLF)',
    phase: 1,
    apply: (ws, random) => {
      const files = [...ws.files.keys()].filter((f) => TEXT_FILE.test(f) && (f in CONFIG_FILES || f.startsWith('tests/')));
      editFile(ws, pick(random, files), (text) => text.replace(/\r?\n/g, '\r\n'));
    },
  },
];

// ---------------------------------------------------------------------------------------------
// The run's JUnit XML, from the facts.

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface RunCase {
  readonly classname: string;
  readonly name: string;
  readonly file: string | null;
  readonly outcome: 'passed' | 'failed' | 'error' | 'skipped';
}

/** What pytest writes inside a `<testcase>` for each outcome. */
const OUTCOME_XML: Readonly<Record<RunCase['outcome'], string>> = {
  passed: '',
  failed: '<failure message="AssertionError: assert 0.31 &lt; 0.25">trace</failure>',
  error: '<error message="failed on setup with &quot;FileNotFoundError&quot;">trace</error>',
  skipped: '<skipped type="pytest.skip" message="no production window yet">skip</skipped>',
};

function caseXml(c: RunCase, style: JUnitStyle): string {
  const file = style.fileAttribute && c.file ? ` file="${escape(style.prefix ? `${style.prefix}/${c.file}` : c.file)}" line="1"` : '';
  const classname = style.prefix ? `${style.prefix}.${c.classname}` : c.classname;
  const noise = style.noise ? '<properties><property name="owner" value="ml"/></properties><system-out><![CDATA[no <failure> here]]></system-out>' : '';
  const body = OUTCOME_XML[c.outcome] + noise;
  return `<testcase classname="${escape(classname)}" name="${escape(c.name)}"${file} time="0.01"${body ? `>${body}</testcase>` : ' />'}`;
}

export function junitDocuments(ws: Workspace, fixture: Fixture, random: Random): { source: string; xml: string }[] {
  if (!ws.facts.junit) return [];
  const cases: RunCase[] = [];
  for (const test of fixture.tests) {
    for (const param of test.params) {
      const outcome = ws.facts.outcomes.get(caseKey(test, param));
      if (outcome === 'not-run') continue;
      const name = `${currentName(ws, test)}${param ? `[${param}]` : ''}`;
      const file = ws.moved.get(test.file) ?? test.file;
      cases.push({ classname: file.replace(/\.py$/, '').replace(/\//g, '.'), name, file, outcome: outcome ?? 'passed' });
    }
  }
  cases.push(...ws.extraCases.map((c) => ({ ...c, file: null })));
  if (ws.junitStyle.shuffle) {
    for (let i = cases.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [cases[i], cases[j]] = [cases[j], cases[i]];
    }
  }
  const halves = ws.junitStyle.split ? [cases.slice(0, cases.length >> 1), cases.slice(cases.length >> 1)] : [cases];
  const stamp = ws.junitStyle.noise ? ' timestamp="2024-05-01T10:00:00.000000" hostname="ci"' : '';
  return halves.map((part, i) => ({
    source: `junit-${i + 1}.xml`,
    xml: `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="${part.length}"${stamp}>${part.map((c) => caseXml(c, ws.junitStyle)).join('')}</testsuite></testsuites>`,
  }));
}

// ---------------------------------------------------------------------------------------------
// One labelled workspace

export interface LabelledWorkspace {
  readonly stage: StageId | 'all';
  readonly constraint: Constraint | null;
  readonly defects: readonly Defect[];
  readonly neutrals: readonly string[];
  readonly workspace: Workspace;
  readonly junit: { source: string; xml: string }[];
  readonly truth: Map<string, ReadinessState>;
}

/** The stages whose items a defect changes, on the complete workspace. */
export function stagesTouched(fixture: Fixture, defect: Defect): (StageId | 'all')[] {
  const probe = freshWorkspace(fixture);
  defect.apply(probe);
  const changed = [...trueStates(fixture, probe.facts, 'all')].filter(([, state]) => state !== 'pass').map(([id]) => `${id.split('/')[0]}.md`);
  return ['all', ...STAGES.filter((s) => changed.includes(s.patternFile)).map((s) => s.id)];
}

/** Applies the consistent changes, then the defects (values, syntax, structure), then the other neutral mutations. */
export function labelledWorkspace(
  fixture: Fixture,
  random: Random,
  stage: StageId | 'all',
  constraint: Constraint | null,
  defects: readonly Defect[],
  neutrals: readonly NeutralKind[],
): LabelledWorkspace {
  const workspace = freshWorkspace(fixture);
  const byPhase = <T extends { phase: number }>(items: readonly T[], phase: number) => items.filter((i) => i.phase === phase);
  for (const neutral of byPhase(neutrals, -1)) neutral.apply(workspace, random, fixture);
  for (const phase of [0, 1, 2]) for (const defect of byPhase(defects, phase)) defect.apply(workspace);
  for (const phase of [0, 1]) for (const neutral of byPhase(neutrals, phase)) neutral.apply(workspace, random, fixture);
  return {
    stage,
    constraint,
    defects,
    neutrals: neutrals.map((n) => n.kind),
    workspace,
    junit: junitDocuments(workspace, fixture, random),
    truth: trueStates(fixture, workspace.facts, stage),
  };
}
