/**
 * The rules: each reads the program's facts (dataFlow.ts) or its syntax and says what it finds,
 * where, and how to fix it when a fix is mechanical and safe. The rule's id, severity and pattern
 * link live in types.ts; a rule here decides only whether and where.
 */
import type { EstimatorFact, FitFact, ProgramFacts, Rows } from './dataFlow';
import { ARTEFACT_LOADS, HANDLER_DECORATORS, PREDICT_METHODS, estimatorKind } from './knowledge';
import type { SyntaxNode } from './pythonParser';
import { calleeName, descendants, enclosingFunction, enclosingStatement, insideTryBody, type Located, positionalArguments, rangeOf } from './syntax';
import type { ReviewEdit, ReviewFix, ReviewRuleId } from './types';

export interface RuleFinding {
  readonly rule: ReviewRuleId;
  readonly at: Located;
  readonly message: string;
  readonly related?: readonly { readonly message: string; readonly at: Located }[];
  readonly fixes?: readonly ReviewFix[];
}

export interface SyntaxIndex {
  identifiers(name: string): readonly Located[];
  calls(name: string): readonly Located[];
  /** HTTP handlers: functions decorated with `@app.post(...)`, `@router.get(...)`, `@bp.route(...)`. */
  handlers(): readonly Located[];
}

/** Indexes the cells' identifiers and calls by name, lazily, once. */
export function syntaxIndex(cells: readonly { readonly root: SyntaxNode; readonly cell: number }[]): SyntaxIndex {
  let identifiers: Map<string, Located[]> | undefined;
  let calls: Map<string, Located[]> | undefined;
  let handlerList: Located[] | undefined;
  const build = (type: string, key: (node: SyntaxNode) => string | undefined): Map<string, Located[]> => {
    const index = new Map<string, Located[]>();
    for (const { root, cell } of cells) {
      for (const node of descendants(root, type)) {
        const name = key(node);
        if (name === undefined) continue;
        const list = index.get(name) ?? [];
        list.push({ node, cell });
        index.set(name, list);
      }
    }
    return index;
  };
  return {
    identifiers: (name) => (identifiers ??= build('identifier', (node) => node.text)).get(name) ?? [],
    calls: (name) => (calls ??= build('call', calleeName)).get(name) ?? [],
    handlers: () => (handlerList ??= handlers(cells)),
  };
}

export interface RuleContext {
  readonly facts: ProgramFacts;
  /** The code cells' syntax trees, in order. */
  readonly cells: readonly { readonly root: SyntaxNode; readonly cell: number }[];
  readonly imports: (module: string) => boolean;
  /** Every identifier and call of the code by name, built once (a rule must not walk the whole tree per fact). */
  readonly names: SyntaxIndex;
  /** Preprocessors fitted by the training code reviewed together with this file. */
  readonly trainingPreprocessors: readonly { readonly file: string; readonly fit: FitFact }[];
}

const line = (at: Located): number => at.node.startPosition.row + 1;
const where = (at: Located, from: Located): string => (at.cell !== from.cell ? `cell ${at.cell + 1}, line ${line(at)}` : `line ${line(at)}`);
const estimatorLabel = (estimator: EstimatorFact): string =>
  estimator.name && estimator.className ? `${estimator.name} (${estimator.className})` : (estimator.name ?? estimator.className ?? 'the estimator');
const dataLabel = (fit: FitFact): string => fit.dataNode?.text ?? 'its data';
const heldOut = (rows: ReadonlySet<Rows>): boolean => rows.has('test') || rows.has('holdout') || rows.has('valid');

/** Fits on all rows whose statistics reach held-out rows: through a split, a cross-validation, or being applied to held-out rows. */
function leakingFits(facts: ProgramFacts): Map<FitFact, { through: Located; how: string }> {
  const leaks = new Map<FitFact, { through: Located; how: string }>();
  for (const split of facts.splits) {
    for (const input of split.inputs) for (const fit of input.leaks) if (!leaks.has(fit)) leaks.set(fit, { through: split.at, how: split.kind === 'split' ? 'the split' : 'the cross-validation' });
  }
  for (const apply of facts.applies) {
    const fit = apply.estimator.fitted;
    if (!fit || !(apply.estimator.kind === 'preprocess' || apply.estimator.kind === 'supervised-prep')) continue;
    if (fit.data.rows.has('all') && !fit.data.fromSplit && apply.data.fromSplit && heldOut(apply.data.rows) && !leaks.has(fit)) leaks.set(fit, { through: apply.at, how: `its ${apply.method} of held-out rows` });
  }
  return leaks;
}

export function preprocessingBeforeSplit({ facts, names }: RuleContext): RuleFinding[] {
  return [...leakingFits(facts)].flatMap(([fit, { through, how }]): RuleFinding[] => {
    const estimator = fit.estimator;
    const fixes = moveFitAfterSplitFix(fit, facts, names);
    if (estimator.kind === 'preprocess') {
      return [
        {
          rule: 'preprocessing-before-split',
          at: fit.at,
          message: `${estimatorLabel(estimator)} is fitted on ${dataLabel(fit)}, all rows, before ${how} at ${where(through, fit.at)}: its statistics include the held-out rows. Fit it on the training split only, or put it in a Pipeline so that each fold fits its own.`,
          related: [{ message: `the held-out rows are separated here`, at: through }],
          fixes,
        },
      ];
    }
    if (estimator.kind === 'supervised-prep') {
      return [
        {
          rule: 'test-rows-in-fit',
          at: fit.at,
          message: `${estimatorLabel(estimator)} is fitted on ${dataLabel(fit)}, all rows with their labels, before ${how} at ${where(through, fit.at)}: the features or rows it chooses already know the test labels. Fit it on the training split only, or inside a Pipeline.`,
          related: [{ message: `the held-out rows are separated here`, at: through }],
          fixes,
        },
      ];
    }
    return [];
  });
}

export function testRowsInFit({ facts }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const fit of facts.fits) {
    const rows = fit.data.rows;
    if (!rows.has('test')) continue;
    // A final refit on train + test after the evaluation (to ship the model, or to predict an
    // unlabelled submission set) is not a leak: nothing is scored on test rows after it.
    if (rows.has('train') && !facts.metrics.some((metric) => metric.order > fit.order && metric.rows.has('test'))) continue;
    findings.push({
      rule: 'test-rows-in-fit',
      at: fit.at,
      message: `${estimatorLabel(fit.estimator)}.${fit.method} is given ${dataLabel(fit)}, which holds test rows: whatever is evaluated on them afterwards has seen them. Fit on the training split only.`,
    });
  }
  // A model fitted on all rows and then evaluated on a split of them.
  for (const apply of facts.applies) {
    const fit = apply.estimator.fitted;
    if (!fit || apply.estimator.kind === 'preprocess' || apply.estimator.kind === 'supervised-prep' || apply.estimator.kind === 'unknown') continue;
    if (!fit.data.rows.has('all') || fit.data.fromSplit || !apply.data.fromSplit || !(apply.data.rows.has('test') || apply.data.rows.has('holdout'))) continue;
    if (findings.some((finding) => finding.at === fit.at)) continue;
    findings.push({
      rule: 'test-rows-in-fit',
      at: fit.at,
      message: `${estimatorLabel(fit.estimator)} is fitted on ${dataLabel(fit)}, all rows, and then predicts a held-out split of them at ${where(apply.at, fit.at)}: the held-out rows were in its training data. Fit it on the training split.`,
      related: [{ message: 'evaluated on rows it was fitted on', at: apply.at }],
    });
  }
  return findings;
}

/** Keyword arguments that hand a model data to choose its stopping round or score its configuration. */
const SELECTION_KEYWORDS = ['eval_set', 'validation_data', 'valid_sets', 'evals', 'eval_X', 'X_val'];

export function testSplitInTuning({ facts }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const selections = [
    ...facts.fits.map((fit) => ({ at: fit.at, order: fit.order, keywords: fit.keywords, what: `${estimatorLabel(fit.estimator)}.${fit.method}` })),
    ...facts.trainCalls.map((call) => ({ at: call.at, order: call.order, keywords: call.keywords, what: `${call.library === 'xgboost' ? 'xgb' : 'lgb'}.train` })),
  ];
  for (const selection of selections) {
    for (const keyword of SELECTION_KEYWORDS) {
      const value = selection.keywords.get(keyword);
      if (!value) continue;
      const usedLater = facts.metrics.find((metric) => metric.order > selection.order && [...value.names].some((name) => metric.names.has(name)) && heldOut(metric.rows));
      // A validation split is the right place for early stopping, unless it also gives the only
      // reported score: then nothing held out measures the chosen model.
      const testScored = facts.metrics.some((metric) => metric.rows.has('test') && ![...value.names].some((name) => metric.names.has(name)));
      if (value.rows.has('test') || ((value.rows.has('holdout') || value.rows.has('valid')) && usedLater && !testScored)) {
        findings.push({
          rule: 'test-split-in-tuning',
          at: selection.at,
          message: `${selection.what} gets ${value.rows.has('test') ? 'the test split' : 'the split that also gives the reported score'} as ${keyword}: the rows that choose the stopping round (or the best iteration) also grade the model, so its score is optimistic. Split a validation set off the training rows for ${keyword}, and touch the test split once, at the end.`,
          related: usedLater ? [{ message: 'the same rows give the reported score here', at: usedLater.at }] : undefined,
        });
        break;
      }
    }
  }
  // An Optuna-style objective that returns a score on the test split tunes on it.
  for (const metric of facts.metrics) {
    if (!metric.inObjective || !metric.rows.has('test')) continue;
    findings.push({
      rule: 'test-split-in-tuning',
      at: metric.at,
      message: `The tuning objective scores trials with ${metric.name} on the test split: the search picks the hyperparameters that fit these rows best, and the test score no longer estimates anything. Score trials on a validation split or with cross-validation on the training rows.`,
    });
  }
  return findings;
}

export function labelInFeatures({ facts }: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const reported = new Set<string>();
  for (const use of facts.featureUses) {
    const view = use.value.frame;
    const bound = use.value.boundAt;
    if (!view || view.opaque || !bound) continue;
    const present = (column: string): boolean => !view.frame.removed.has(column) && !view.dropped.has(column) && (view.selected === undefined || view.selected.includes(column));
    const key = `${bound.cell}:${bound.node.startIndex}`;
    if (reported.has(key)) continue;
    for (const [column, at] of view.frame.labels) {
      if (present(column)) {
        reported.add(key);
        findings.push({
          rule: 'label-in-features',
          at: bound,
          message: `${use.value.boundName ?? 'The feature matrix'} still has the label column "${column}" (the label is taken from it at ${where(at, bound)}): the model can read the answer. Drop it: ${use.value.boundName ?? 'X'} = ….drop(columns=["${column}"]).`,
          related: [{ message: `the label "${column}"`, at }],
        });
        break;
      }
      const derived = [...view.frame.derived].find(([name, { from }]) => from.includes(column) && present(name));
      if (derived) {
        reported.add(key);
        findings.push({
          rule: 'label-in-features',
          at: bound,
          message: `${use.value.boundName ?? 'The feature matrix'} keeps "${derived[0]}", computed from the label "${column}" at ${where(derived[1].at, bound)}: it is the label in disguise. Drop it from the features.`,
          related: [{ message: `"${derived[0]}" is computed from the label here`, at: derived[1].at }],
        });
        break;
      }
    }
  }
  return findings;
}

export function trainOnlyEvaluation(context: RuleContext): RuleFinding[] {
  const { facts } = context;
  const heldOutEvaluation =
    facts.metrics.some((metric) => heldOut(metric.rows)) ||
    facts.splits.some((split) => split.kind === 'cross-validation') ||
    facts.fits.some((fit) => ['eval_set', 'validation_data', 'validation_split', 'valid_sets'].some((keyword) => fit.keywordNodes.has(keyword))) ||
    facts.trainCalls.some((call) => call.keywordNodes.has('evals') || call.keywordNodes.has('valid_sets'));
  if (heldOutEvaluation) return [];
  const onTraining = facts.metrics.find((metric) => {
    // A unit test that fits toy data and checks the score is a smoke test, not a reported evaluation.
    if (metric.inUnitTest) return false;
    if (metric.rows.size === 0 || [...metric.rows].some((rows) => rows !== 'train' && rows !== 'all')) return false;
    if (metric.rows.has('train')) return true;
    // All rows: when the estimator scored was fitted on those rows here, or when this code trains
    // (a fit, a backward pass) and never names a training or test set.
    if (metric.estimator?.fitted !== undefined) return metric.estimator.fitted.data.rows.has('all');
    return !facts.namedSets && (facts.fits.length > 0 || context.names.calls('backward').length > 0);
  });
  if (!onTraining) return [];
  return [
    {
      rule: 'train-only-evaluation',
      at: onTraining.at,
      message: `${onTraining.name} is computed on the rows the model was fitted on, and nothing is evaluated on held-out rows: this measures memorization, not how the model will do in production. Hold out a test split (train_test_split) or cross-validate, and report that score.`,
    },
  ];
}

export function unseededRandomness({ facts }: RuleContext): RuleFinding[] {
  return facts.randomness
    .filter((random) => !random.seeded)
    .map((random) => ({
      rule: 'unseeded-randomness' as const,
      at: random.at,
      message: random.acceptsRandomState
        ? `${random.what} draws from an unseeded generator: each run gives another result, so a regression cannot be reproduced. Pass random_state=42 (or set np.random.seed once at the top).`
        : random.source === 'torch'
          ? `${random.what} draws from PyTorch's generator, and no torch.manual_seed runs first: each run differs. Call torch.manual_seed(42) once before training.`
          : random.source === 'python'
            ? `${random.what} uses Python's global generator, never seeded here: each run differs. Call random.seed(42) once at the top.`
            : `${random.what} draws from NumPy's global generator, never seeded here: each run differs. Use rng = np.random.default_rng(42) (or np.random.seed(42) once at the top).`,
      fixes: random.acceptsRandomState ? [addKeywordFix(random.at.node, random.at.cell, 'random_state=42', 'Add random_state=42')] : [],
    }));
}

const EARLY_STOPPING_TEXT = /early_?stopping|EarlyStopping|od_type|patience/;

export function noEarlyStopping(context: RuleContext): RuleFinding[] {
  const { facts } = context;
  const findings: RuleFinding[] = [];
  const definedText = (node: SyntaxNode): string => [node.text, ...descendants(node, 'identifier').map((id) => facts.definitions.get(id.text)?.text ?? '')].join(' ');
  const mentions = (nodes: Iterable<SyntaxNode>, pattern: RegExp): boolean => [...nodes].some((node) => pattern.test(definedText(node)));
  for (const fit of facts.fits) {
    if (fit.method !== 'fit') continue;
    const estimator = fit.estimator;
    if (estimator.kind === 'boosting') {
      if ([...estimator.keywords.keys(), ...fit.keywordNodes.keys()].some((name) => EARLY_STOPPING_TEXT.test(name)) || mentions([...estimator.keywords.values(), ...fit.keywordNodes.values()], EARLY_STOPPING_TEXT)) continue;
      // The final refit with the number of rounds an earlier early-stopped run found.
      const rounds = estimator.keywords.get('n_estimators') ?? estimator.keywords.get('iterations');
      if (rounds && /best/i.test(definedText(rounds))) continue;
      findings.push({
        rule: 'no-early-stopping',
        at: fit.at,
        message: `${estimatorLabel(estimator)} trains a fixed number of rounds without early stopping: it overfits, or wastes rounds. Pass early_stopping_rounds=10 to the constructor with eval_set=[(X_val, y_val)] from a validation split.`,
      });
      continue;
    }
    const kerasFit = (estimator.kind === 'keras' || (estimator.kind === 'unknown' && fit.keywordNodes.has('epochs'))) && (context.imports('tensorflow') || context.imports('keras') || context.imports('tf_keras'));
    if (kerasFit) {
      const epochs = fit.keywordNodes.get('epochs');
      if (epochs && /^\d+$/.test(epochs.text) && Number(epochs.text) <= 3) continue;
      const callbacks = fit.keywordNodes.get('callbacks');
      if (callbacks && mentions([callbacks], /EarlyStopping|early_stop/i)) continue;
      findings.push({
        rule: 'no-early-stopping',
        at: fit.at,
        message: `${estimator.name ?? 'model'}.fit runs ${epochs ? `${epochs.text} epochs` : 'every epoch'} without an EarlyStopping callback: it trains past the best validation loss. Add callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, min_delta=1e-4, restore_best_weights=True)].`,
      });
    }
  }
  for (const call of facts.trainCalls) {
    if ([...call.keywordNodes.keys()].some((name) => EARLY_STOPPING_TEXT.test(name)) || mentions(call.keywordNodes.values(), EARLY_STOPPING_TEXT)) continue;
    const rounds = call.keywordNodes.get('num_boost_round');
    if (rounds && /best/i.test(definedText(rounds))) continue;
    findings.push({
      rule: 'no-early-stopping',
      at: call.at,
      message: `${call.library === 'xgboost' ? 'xgb.train' : 'lgb.train'} runs every boosting round without early stopping: ${call.library === 'xgboost' ? 'pass early_stopping_rounds=10 with evals=[(dvalid, "valid")]' : 'pass callbacks=[lgb.early_stopping(10)] with valid_sets=[dvalid]'} from a validation split.`,
    });
  }
  // A PyTorch epoch loop: `for epoch in range(...)` around loss.backward(), with nothing that stops it early.
  for (const { root, cell } of context.cells) {
    for (const loop of descendants(root, 'for_statement')) {
      const variable = loop.childForFieldName('left')?.text ?? '';
      if (!/epoch/i.test(variable)) continue;
      const body = loop.childForFieldName('body');
      if (!body || !descendants(body, 'call').some((call) => calleeName(call) === 'backward')) continue;
      const stops = descendants(body, ['break_statement', 'return_statement']).length > 0 || /early_?stop|patience/i.test(body.text);
      if (stops) continue;
      findings.push({
        rule: 'no-early-stopping',
        at: { node: loop, cell },
        message: `This training loop runs every epoch with no early stopping: track the validation loss each epoch, keep the best weights, and break after 10 epochs without an improvement of 1e-4.`,
      });
    }
  }
  return findings;
}

function handlers(cells: RuleContext['cells']): Located[] {
  return cells.flatMap(({ root, cell }) =>
    descendants(root, 'decorated_definition')
      .filter((definition) =>
        definition.namedChildren.some((decorator) => {
          if (decorator?.type !== 'decorator') return false;
          const expression = decorator.namedChildren[0];
          const call = expression?.type === 'call' ? expression : undefined;
          const callee = call?.childForFieldName('function') ?? expression;
          return callee?.type === 'attribute' && HANDLER_DECORATORS.has(callee.childForFieldName('attribute')?.text ?? '');
        }),
      )
      .map((definition) => ({ node: definition.childForFieldName('definition')!, cell })),
  );
}

/** Whether a try around `node` (inside `limit`) answers something when it fails, rather than only re-raising. */
function hasFallback(node: SyntaxNode, limit: SyntaxNode): boolean {
  for (let current: SyntaxNode | undefined = node; current; ) {
    const tryStatement = insideTryBody(current, limit);
    if (!tryStatement) return false;
    const handlers = tryStatement.namedChildren.filter((child) => child?.type === 'except_clause');
    if (handlers.some((handler) => descendants(handler!, 'return_statement').length > 0 || !handler!.namedChildren.some((child) => child?.type === 'block' && child.namedChildren.every((statement) => statement?.type === 'raise_statement' || statement?.type === 'expression_statement')))) return true;
    current = tryStatement;
  }
  return false;
}

export function servingWithoutFallback(context: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const functions = new Map<string, Located>();
  for (const { root, cell } of context.cells) for (const definition of descendants(root, 'function_definition')) functions.set(definition.childForFieldName('name')?.text ?? '', { node: definition, cell });
  const seen = new Set<number>();
  const check = (scope: Located, depth: number): void => {
    for (const call of descendants(scope.node, 'call')) {
      const name = calleeName(call) ?? '';
      if (enclosingFunction(call)?.id !== scope.node.id) continue;
      if (PREDICT_METHODS.has(name) && call.childForFieldName('function')?.type === 'attribute') {
        if (hasFallback(call, scope.node) || seen.has(call.id)) continue;
        seen.add(call.id);
        findings.push({
          rule: 'serving-without-fallback',
          at: { node: call, cell: scope.cell },
          message: `${call.childForFieldName('function')!.text} answers a request with no fallback: a model error or timeout becomes a failed request. Wrap it in try/except and return the fallback answer (a cached or rule-based prediction, flagged as such), with a timeout.`,
        });
      } else if (depth === 0 && call.childForFieldName('function')?.type === 'identifier' && functions.has(name) && !hasFallback(call, scope.node)) {
        check(functions.get(name)!, depth + 1);
      }
    }
  };
  for (const handler of context.names.handlers()) check(handler, 0);
  return findings;
}

/** `(x - 41.2) / 12.7`, `(age - AGE_MEAN) / AGE_STD`, `(v - stats["mean"]) / stats["std"]`. */
function isHandNormalization(node: SyntaxNode): boolean {
  if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.text !== '/') return false;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const inner = left?.type === 'parenthesized_expression' ? left.namedChildren[0] : undefined;
  if (!inner || inner.type !== 'binary_operator' || inner.childForFieldName('operator')?.text !== '-' || !right) return false;
  const constant = (operand: SyntaxNode | null): boolean => {
    if (!operand) return false;
    if (operand.type === 'float' || operand.type === 'integer') return true;
    if (operand.type === 'identifier') return /^[A-Z][A-Z0-9_]*$/.test(operand.text) || /mean|std|min|max|scale|mu|sigma/i.test(operand.text);
    if (operand.type === 'subscript' || operand.type === 'attribute') return /mean|std|min|max|scale|MEAN|STD/i.test(operand.text);
    if (operand.type === 'parenthesized_expression') return constant(operand.namedChildren[0]);
    if (operand.type === 'binary_operator') return constant(operand.childForFieldName('left')) && constant(operand.childForFieldName('right'));
    return false;
  };
  return constant(inner.childForFieldName('right')) && constant(right);
}

/** `{"red": 0, "green": 1, "blue": 2}`: a category code table written by hand. */
function isHandEncoding(node: SyntaxNode): boolean {
  if (node.type !== 'dictionary') return false;
  const pairs = node.namedChildren.filter((child) => child?.type === 'pair');
  return (
    pairs.length >= 2 &&
    pairs.length === node.namedChildren.filter((child) => child?.type !== 'comment').length &&
    pairs.every((pair) => pair!.childForFieldName('key')?.type === 'string' && pair!.childForFieldName('value')?.type === 'integer' && Number(pair!.childForFieldName('value')!.text) < 1000)
  );
}

/** `PLAN[body["plan"]]` or `PLAN.get(body["plan"], 0)`: the lookup around a code table's name. */
function enclosingLookup(name: SyntaxNode): SyntaxNode | undefined {
  const parent = name.parent;
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === name.id) return parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === name.id && /^(get|map)$/.test(parent.childForFieldName('attribute')?.text ?? '') && parent.parent?.type === 'call') return parent.parent;
  if (parent?.type === 'argument_list' && parent.parent?.type === 'call' && /^(map|replace)$/.test(calleeName(parent.parent) ?? '')) return parent.parent;
  return undefined;
}

export function servingPreprocessingSkew(context: RuleContext): RuleFinding[] {
  if (context.names.handlers().length === 0) return [];
  const { facts } = context;
  const refit = facts.fits.find((fit) => fit.estimator.kind === 'preprocess');
  const candidates: Located[] = [];
  if (refit) candidates.push(refit.at);
  for (const { root, cell } of context.cells) {
    for (const node of descendants(root, 'binary_operator')) if (isHandNormalization(node)) candidates.push({ node, cell });
    for (const node of descendants(root, 'dictionary')) {
      if (!isHandEncoding(node)) continue;
      // A named code table (PLAN = {"free": 0, ...}) is skew where a request field is looked up in it.
      const name = node.parent?.type === 'assignment' && node.parent.childForFieldName('left')?.type === 'identifier' ? node.parent.childForFieldName('left')!.text : undefined;
      if (!name) {
        candidates.push({ node, cell });
        continue;
      }
      const use = context.names
        .identifiers(name)
        .filter(({ node: id }) => id.id !== node.parent!.childForFieldName('left')!.id && enclosingFunction(id) !== undefined)
        .map(({ node: id, cell: at }) => ({ node: enclosingLookup(id), cell: at }))
        .find((located) => located.node !== undefined);
      if (use) candidates.push(use as Located);
    }
  }
  if (candidates.length === 0) return [];
  const first = candidates.sort((a, b) => a.cell - b.cell || a.node.startIndex - b.node.startIndex)[0];
  const loadsArtefact = ARTEFACT_LOADS.some((name) => context.names.calls(name).length > 0);
  const what = first === refit?.at ? `${estimatorLabel(refit.estimator)} is fitted here, in the serving code, on request data` : `This preprocessing is written by hand in the serving code`;
  const training = context.trainingPreprocessors[0];
  const trainedThere = training ? ` The training code fits ${training.fit.estimator.className ?? 'a preprocessor'} in ${training.file} (line ${line(training.fit.at)}):` : '';
  return [
    {
      rule: 'serving-preprocessing-skew',
      at: first,
      message: `${what}: it drifts from the preprocessor fitted in training (other means, other category codes), and the model sees features it was not trained on.${trainedThere} ${loadsArtefact ? 'Put the preprocessing in the saved pipeline and apply only the loaded pipeline here.' : 'Save the fitted preprocessor (or the whole Pipeline) with the model at training time, and load it here.'}`,
    },
  ];
}

// ── fixes ───────────────────────────────────────────────────────────────────────────────────────

/** Adds a keyword argument before a call's closing parenthesis. */
function addKeywordFix(call: SyntaxNode, cell: number, keyword: string, title: string): ReviewFix {
  const args = call.childForFieldName('arguments')!;
  const close = args.lastChild!;
  const last = args.namedChildren.filter((child) => child?.type !== 'comment').at(-1);
  const trailingComma = args.children.filter((child) => child?.type === ',').some((comma) => last && comma!.startIndex >= last.endIndex);
  const insertion = last ? (trailingComma ? ` ${keyword}` : `, ${keyword}`) : keyword;
  const at = rangeOf(close);
  return { title, edits: [withCell({ range: { startLine: at.startLine, startColumn: at.startColumn, endLine: at.startLine, endColumn: at.startColumn }, newText: insertion }, cell)] };
}

function withCell(edit: ReviewEdit, cell: number): ReviewEdit {
  return cell === 0 ? edit : { ...edit, cell };
}

/**
 * `Xs = scaler.fit_transform(X)` followed by `X_train, X_test, ... = train_test_split(Xs, ...)`:
 * deletes the fit, splits `X` instead, and fits on the training part right after the split. Offered
 * only for that exact shape (one assignment, the fitted name used by the split alone), where the
 * rewrite keeps the program's meaning except for the leak.
 */
function moveFitAfterSplitFix(fit: FitFact, facts: ProgramFacts, names: SyntaxIndex): ReviewFix[] {
  if (fit.method !== 'fit_transform') return [];
  const assignment = fit.at.node.parent;
  const statement = assignment?.parent;
  if (assignment?.type !== 'assignment' || statement?.type !== 'expression_statement' || assignment.childForFieldName('left')?.type !== 'identifier' || !fit.dataNode || fit.dataNode.type !== 'identifier') return [];
  const transformedName = assignment.childForFieldName('left')!.text;
  const split = facts.splits.find((candidate) => candidate.kind === 'split' && candidate.order > fit.order && candidate.at.cell === fit.at.cell);
  const splitStatement = split && enclosingStatement(split.at.node);
  const splitAssignment = splitStatement?.namedChildren[0];
  if (!split || splitAssignment?.type !== 'assignment' || splitAssignment.childForFieldName('right')?.id !== split.at.node.id) return [];
  const args = positionalArguments(split.at.node);
  const position = args.findIndex((arg) => arg.type === 'identifier' && arg.text === transformedName);
  const targets = splitAssignment.childForFieldName('left')?.namedChildren ?? [];
  const train = targets[position * 2];
  const test = targets[position * 2 + 1];
  if (position < 0 || train?.type !== 'identifier' || test?.type !== 'identifier') return [];
  // The fitted name must not be read anywhere else.
  const reads = names.identifiers(transformedName);
  if (reads.length !== 2) return [];
  const receiver = fit.at.node.childForFieldName('function')?.childForFieldName('object');
  if (!receiver) return [];
  const indent = ' '.repeat(splitStatement!.startPosition.column);
  let fitted = receiver.text;
  let construct = '';
  if (receiver.type === 'call') {
    const className = calleeName(receiver) ?? 'preprocessor';
    fitted = className.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    if (names.identifiers(fitted).length > 0 || !estimatorKind(className)) return [];
    construct = `${indent}${fitted} = ${receiver.text}\n`;
  }
  const after = `\n${construct}${indent}${train.text} = ${fitted}.fit_transform(${train.text})\n${indent}${test.text} = ${fitted}.transform(${test.text})`;
  const statementRange = rangeOf(statement);
  const splitEnd = rangeOf(splitStatement!);
  const argument = rangeOf(args[position]);
  return [
    {
      title: `Fit ${fitted} on ${train.text} after the split`,
      edits: [
        withCell({ range: { startLine: statementRange.startLine, startColumn: 0, endLine: statementRange.endLine + 1, endColumn: 0 }, newText: '' }, fit.at.cell),
        withCell({ range: argument, newText: fit.dataNode.text }, fit.at.cell),
        withCell({ range: { startLine: splitEnd.endLine, startColumn: splitEnd.endColumn, endLine: splitEnd.endLine, endColumn: splitEnd.endColumn }, newText: after }, fit.at.cell),
      ],
    },
  ];
}

export const RULES: readonly ((context: RuleContext) => RuleFinding[])[] = [
  testSplitInTuning,
  testRowsInFit,
  labelInFeatures,
  preprocessingBeforeSplit,
  trainOnlyEvaluation,
  servingWithoutFallback,
  servingPreprocessingSkew,
  noEarlyStopping,
  unseededRandomness,
];
