/**
 * The readiness gate's answers checked on labelled workspaces (issue 9's "a status is a claim"):
 * `npm run verdicts -- --only readiness`, and a quick run in `npm test`.
 *
 * Each workspace starts complete (every item passes), gets random known defects and neutral
 * mutations (test/verdicts/readinessWorkspaces.ts), and is answered by `assessReadiness` in
 * memory, exactly as the CLI and the editor answer it. Every item's answer is compared with its
 * true state, which comes from the defects alone. Seeded: the same tables on every machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSTRAINTS, STAGE_IDS } from '../../src/core/lifecycle/stages';
import { buildCatalog } from '../../src/core/patterns/buildCatalog';
import type { Catalog } from '../../src/core/patterns/catalog';
import { assessReadiness, memoryWorkspaceReader, READINESS_STATE_WORDS, READINESS_STATUS_WORDS, type ReadinessReport, type ReadinessState } from '../../src/core/readiness/index';
import { seededRandom } from '../../src/core/stats/index';
import {
  completeWorkspace,
  DEFECT_KINDS,
  labelledWorkspace,
  NEUTRAL_KINDS,
  pick,
  stagesTouched,
  trueStatus,
  type Defect,
  type Fixture,
  type LabelledWorkspace,
  type NeutralKind,
} from './readinessWorkspaces';
import type { Random } from './regimes';

const STATES: readonly ReadinessState[] = ['pass', 'fail', 'missing', 'not-applicable'];
const STATUSES: readonly ReadinessReport['status'][] = ['ready', 'not-ready', 'incomplete'];

/** Workspaces of the full run (the README's tables) and of the quick run in `npm test`. */
export const READINESS_WORKSPACES = { full: 3000, quick: 300 } as const;

interface DefectTally {
  workspaces: number;
  /** Workspaces in which every item the defect changed got its true state. */
  detected: number;
  /** Items whose true state the defect changed, how many were answered so, and how many read pass. */
  changed: number;
  changedRight: number;
  missed: number;
  states: Set<ReadinessState>;
}

interface NeutralTally {
  workspaces: number;
  /** Items truly passing, and those answered fail or missing. */
  items: number;
  falseAlarms: number;
}

export interface Mismatch {
  readonly workspace: number;
  readonly stage: string;
  readonly defects: readonly string[];
  readonly neutrals: readonly string[];
  readonly item: string;
  readonly expected: ReadinessState | ReadinessReport['status'];
  readonly got: ReadinessState | ReadinessReport['status'];
  readonly reason: string;
}

export interface ReadinessResult {
  readonly workspaces: number;
  readonly seed: number;
  /** One defect per workspace, by kind. */
  readonly byDefect: Map<string, DefectTally>;
  /** Two or three defects in one workspace. */
  readonly combined: DefectTally;
  /** Neutral mutations alone, one kind per workspace, by kind; several at once; and beside defects. */
  readonly byNeutral: Map<string, NeutralTally>;
  readonly severalNeutral: NeutralTally;
  readonly besideDefects: NeutralTally;
  /** truth -> answer -> items. */
  readonly states: Record<ReadinessState, Record<ReadinessState, number>>;
  readonly statuses: Record<ReadinessReport['status'], Record<ReadinessReport['status'], number>>;
  readonly mismatches: Mismatch[];
}

let catalog: Catalog | undefined;
let fixture: Fixture | undefined;

export function readinessFixture(): Fixture {
  if (!fixture) {
    const patterns = join(__dirname, '../../patterns');
    catalog = buildCatalog(readdirSync(patterns).filter((n) => n.endsWith('.md')).map((name) => ({ name, text: readFileSync(join(patterns, name), 'utf8') })));
    fixture = completeWorkspace(catalog);
  }
  return fixture;
}

function sample<T>(random: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < n && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return chosen;
}

/** A random workspace: 30% neutral mutations only, 45% one defect, 25% two or three. */
function drawWorkspace(f: Fixture, random: Random, instances: ReadonlyMap<string, readonly Defect[]>): LabelledWorkspace {
  const mode = random();
  const defectCount = mode < 0.3 ? 0 : mode < 0.75 ? 1 : 2 + Math.floor(random() * 2);
  const defects: Defect[] = [];
  while (defects.length < defectCount) {
    const defect = pick(random, instances.get(pick(random, DEFECT_KINDS).kind)!);
    if (!defects.includes(defect)) defects.push(defect);
  }
  const neutralCount = defectCount > 0 ? Math.floor(random() * 3) : random() < 0.5 ? 1 : 2 + Math.floor(random() * 3);
  const neutrals: NeutralKind[] = sample(random, NEUTRAL_KINDS, neutralCount);
  const stage = pick(random, defects.length > 0 ? stagesTouched(f, defects[0]) : ['all' as const, ...STAGE_IDS]);
  const constraint = pick(random, [null, ...CONSTRAINTS]);
  return labelledWorkspace(f, random, stage, constraint, defects, neutrals);
}

const emptyDefectTally = (): DefectTally => ({ workspaces: 0, detected: 0, changed: 0, changedRight: 0, missed: 0, states: new Set() });
const emptyNeutralTally = (): NeutralTally => ({ workspaces: 0, items: 0, falseAlarms: 0 });
const square = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((a) => [a, Object.fromEntries(keys.map((b) => [b, 0]))])) as Record<K, Record<K, number>>;

/** Answers `count` labelled workspaces drawn from `seed`, and compares every item with its truth. */
export async function measureReadiness(count: number, seed: number): Promise<ReadinessResult> {
  const f = readinessFixture();
  const random = seededRandom(seed);
  const instances = new Map(DEFECT_KINDS.map((k) => [k.kind, k.instances(f)]));
  const result: ReadinessResult = {
    workspaces: count,
    seed,
    byDefect: new Map(DEFECT_KINDS.map((k) => [k.kind, emptyDefectTally()])),
    combined: emptyDefectTally(),
    byNeutral: new Map(NEUTRAL_KINDS.map((k) => [k.kind, emptyNeutralTally()])),
    severalNeutral: emptyNeutralTally(),
    besideDefects: emptyNeutralTally(),
    states: square(STATES),
    statuses: square(STATUSES),
    mismatches: [],
  };
  for (let n = 0; n < count; n++) {
    const labelled = drawWorkspace(f, random, instances);
    const { workspace, truth, stage } = labelled;
    const report = await assessReadiness(
      memoryWorkspaceReader(Object.fromEntries(workspace.files)),
      { stage, constraint: labelled.constraint, junit: labelled.junit, notApplicable: workspace.facts.notApplicable },
      f.catalog,
    );
    const mismatch = (item: string, expected: Mismatch['expected'], got: Mismatch['got'], reason: string) =>
      result.mismatches.push({ workspace: n, stage, defects: labelled.defects.map((d) => d.label), neutrals: labelled.neutrals, item, expected, got, reason });
    if (report.items.length !== truth.size || report.items.some((i) => !truth.has(i.id))) throw new Error(`workspace ${n}: the report's items are not the stage's checklist`);

    const defectTally = labelled.defects.length === 0 ? undefined : labelled.defects.length === 1 ? result.byDefect.get(labelled.defects[0].kind)! : result.combined;
    const neutralTally =
      labelled.defects.length > 0 ? result.besideDefects : labelled.neutrals.length === 1 ? result.byNeutral.get(labelled.neutrals[0])! : result.severalNeutral;
    let allChangedRight = true;
    for (const item of report.items) {
      const expected = truth.get(item.id)!;
      result.states[expected][item.state]++;
      if (item.state !== expected) mismatch(item.id, expected, item.state, item.reason);
      if (expected === 'pass') {
        neutralTally.items++;
        if (item.state === 'fail' || item.state === 'missing') neutralTally.falseAlarms++;
      } else if (defectTally) {
        defectTally.changed++;
        defectTally.states.add(expected);
        if (item.state === expected) defectTally.changedRight++;
        else allChangedRight = false;
        if (item.state === 'pass') defectTally.missed++;
      }
    }
    neutralTally.workspaces++;
    if (defectTally) {
      defectTally.workspaces++;
      if (allChangedRight) defectTally.detected++;
    }
    const status = trueStatus(truth.values());
    result.statuses[status][report.status]++;
    if (report.status !== status) mismatch('(status)', status, report.status, report.verdict);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Targets and tables

const percentOf = (part: number, whole: number) => (whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`);

/** What the gate must meet: no false alarm anywhere, every defect detected, every status right. */
export function readinessShortfalls(result: ReadinessResult): string[] {
  const shortfalls: string[] = [];
  for (const [kind, tally] of [...result.byDefect, ['several defects', result.combined] as const]) {
    if (tally.detected < tally.workspaces) shortfalls.push(`${kind}: ${tally.workspaces - tally.detected} of ${tally.workspaces} workspaces not detected`);
  }
  for (const [kind, tally] of [...result.byNeutral, ['several neutral mutations', result.severalNeutral] as const, ['beside defects', result.besideDefects] as const]) {
    if (tally.falseAlarms > 0) shortfalls.push(`${kind}: ${tally.falseAlarms} false alarms in ${tally.items} passing items`);
  }
  const wrongStatus = STATUSES.reduce((sum, truth) => sum + STATUSES.reduce((s, answer) => s + (answer === truth ? 0 : result.statuses[truth][answer]), 0), 0);
  if (wrongStatus > 0) shortfalls.push(`${wrongStatus} of ${result.workspaces} statuses wrong`);
  return shortfalls;
}

const STATE_WORD = (state: ReadinessState) => READINESS_STATE_WORDS[state].label;

export function readinessTables(result: ReadinessResult): string {
  const lines: string[] = [];
  const defectRow = (name: string, description: string, t: DefectTally) =>
    `| ${name} | ${description} | ${[...t.states].map((s) => STATE_WORD(s)).sort().join(', ')} | ${t.workspaces} | ${t.changed} | ${t.changedRight} | ${t.missed} | ${percentOf(t.detected, t.workspaces)} |`;
  lines.push(
    '| defect | what it does | true state of the items it changes | workspaces | items changed | answered so | answered pass (missed) | detection |',
    '|---|---|---|---:|---:|---:|---:|---:|',
    ...DEFECT_KINDS.map((k) => defectRow(k.kind, k.description, result.byDefect.get(k.kind)!)),
    defectRow('two or three of the above', 'together, in one workspace', result.combined),
    '',
    '| neutral mutation (must change nothing) | what it does | workspaces | passing items | answered fail or missing | false alarms |',
    '|---|---|---:|---:|---:|---:|',
  );
  const neutralRow = (name: string, description: string, t: NeutralTally) => `| ${name} | ${description} | ${t.workspaces} | ${t.items} | ${t.falseAlarms} | ${percentOf(t.falseAlarms, t.items)} |`;
  lines.push(
    ...NEUTRAL_KINDS.map((k) => neutralRow(k.kind, k.description, result.byNeutral.get(k.kind)!)),
    neutralRow('two to four of the above', 'together, in one workspace', result.severalNeutral),
    neutralRow('beside defects', 'the items a defect leaves passing', result.besideDefects),
    '',
    `| true state | items | ${STATES.map((s) => `answered ${STATE_WORD(s)}`).join(' | ')} | precision | recall |`,
    `|---|---:|${STATES.map(() => '---:').join('|')}|---:|---:|`,
  );
  for (const truth of STATES) {
    const row = result.states[truth];
    const items = STATES.reduce((sum, s) => sum + row[s], 0);
    const answered = STATES.reduce((sum, s) => sum + result.states[s][truth], 0);
    lines.push(`| ${STATE_WORD(truth)} | ${items} | ${STATES.map((s) => row[s]).join(' | ')} | ${percentOf(row[truth], answered)} | ${percentOf(row[truth], items)} |`);
  }
  lines.push('', `| true status | workspaces | ${STATUSES.map((s) => `answered ${READINESS_STATUS_WORDS[s]}`).join(' | ')} | right |`, `|---|---:|${STATUSES.map(() => '---:').join('|')}|---:|`);
  for (const truth of STATUSES) {
    const row = result.statuses[truth];
    const total = STATUSES.reduce((sum, s) => sum + row[s], 0);
    lines.push(`| ${READINESS_STATUS_WORDS[truth]} | ${total} | ${STATUSES.map((s) => row[s]).join(' | ')} | ${percentOf(row[truth], total)} |`);
  }
  return lines.join('\n');
}

/** The first mismatches, one line each, for stderr and assertion messages. */
export function describeMismatches(result: ReadinessResult, max = 10): string {
  return result.mismatches
    .slice(0, max)
    .map((m) => `workspace ${m.workspace} (stage ${m.stage}; defects: ${m.defects.join('; ') || 'none'}; neutral: ${m.neutrals.join('; ') || 'none'}): ${m.item} expected ${m.expected}, got ${m.got} (${m.reason})`)
    .join('\n');
}
