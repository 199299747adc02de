/**
 * One walk over a program's statements in document order (a notebook: its code cells in order)
 * that records what each name holds and what happens to it: which rows a value holds (all rows,
 * a training split, a held-out split), which estimator was fitted on what, which values carry
 * statistics of a fit made on all rows, which frame columns a feature matrix keeps, which seed
 * was set before which random call. The rules read these facts; none of them re-walks the code.
 *
 * Deliberately simple: one name space for the whole file (a name assigned in `main()` is seen
 * by later code), no inter-procedural flow except through names, a loop body walked once.
 * Where a value's origin is not seen (a function parameter, a loaded file), its name speaks for
 * it: `X_test` holds test rows. Where nothing speaks, the value is unknown and the rules that
 * need to know stay silent.
 */
import {
  APPLY_METHODS,
  CONCATENATIONS,
  CROSS_VALIDATION_FUNCTIONS,
  estimatorKind,
  type EstimatorKind,
  FIT_METHODS,
  isDataSource,
  isLabelName,
  METRIC_FUNCTIONS,
  needsRandomState,
  NUMPY_GLOBAL_RANDOM,
  PYTHON_GLOBAL_RANDOM,
  rowsFromName,
  SPLIT_FUNCTIONS,
  SPLITTER_CLASSES,
  TORCH_RANDOM,
} from './knowledge';
import type { SyntaxNode } from './pythonParser';
import { calleeName, calleeReceiver, dottedName, keywordArguments, type Located, positionalArguments, stringList, stringValue } from './syntax';

/** Which rows a value holds. `holdout`: the second part of a split whose name does not say test or validation. */
export type Rows = 'all' | 'train' | 'test' | 'valid' | 'holdout';

export interface EstimatorFact {
  readonly className: string | undefined;
  readonly kind: EstimatorKind;
  readonly created?: Located;
  readonly keywords: ReadonlyMap<string, SyntaxNode>;
  /** The variable it was first bound to, for messages. */
  name?: string;
  /** Its latest fit. */
  fitted?: FitFact;
  /** Estimators it wraps (a Pipeline's steps, a search's estimator). */
  readonly wraps: readonly EstimatorFact[];
}

export interface FitFact {
  readonly at: Located;
  readonly order: number;
  readonly method: string;
  readonly estimator: EstimatorFact;
  /** The rows argument (X). */
  readonly data: Value;
  readonly dataNode?: SyntaxNode;
  readonly keywords: ReadonlyMap<string, Value>;
  readonly keywordNodes: ReadonlyMap<string, SyntaxNode>;
}

/** A frame's columns as a feature matrix sees them. */
export interface FrameView {
  readonly frame: FrameObject;
  /** Columns dropped on the way to this view (besides those removed from the frame itself). */
  readonly dropped: ReadonlySet<string>;
  /** An explicit column selection, if any. */
  readonly selected?: readonly string[];
  /** Columns were dropped or selected by something the walk cannot read. */
  readonly opaque: boolean;
}

/** A DataFrame, mutable like the real one: `pop`, `del`, `drop(inplace=True)` and new columns change it. */
export interface FrameObject {
  readonly id: number;
  readonly removed: Set<string>;
  /** Columns extracted as the label (`y = df["target"]`), with where. */
  readonly labels: Map<string, Located>;
  /** Columns computed from another column: new column -> source columns, with where. */
  readonly derived: Map<string, { readonly from: readonly string[]; readonly at: Located }>;
  /** Fits on all rows whose output was written into a column (df["amount"] = scaler.fit_transform(...)). */
  readonly leaks: FitFact[];
}

export interface Value {
  readonly rows: ReadonlySet<Rows>;
  /** The rows came out of a split (train_test_split, a CV split's indices). */
  readonly fromSplit: boolean;
  /** Fits on all rows (before any split) whose statistics this value carries. */
  readonly leaks: readonly FitFact[];
  readonly estimator?: EstimatorFact;
  /** Predictions of this estimator. */
  readonly predictedBy?: EstimatorFact;
  readonly frame?: FrameView;
  /** The label column of a frame. */
  readonly label?: { readonly frame: FrameObject; readonly column: string };
  /** The elements of a tuple or list (a split's outputs, `eval_set=[(X, y)]`). */
  readonly elements?: readonly Value[];
  /** A splitter's `.split(X)`: the (train, held-out) index pairs. */
  readonly splitIndices?: boolean;
  readonly string?: string;
  readonly strings?: readonly string[];
  /** Identifiers this value was computed from (for "the same held-out rows are used twice"). */
  readonly names: ReadonlySet<string>;
  /** Where this value was bound to a name (the `X = ...` a label finding points at). */
  readonly boundAt?: Located;
  readonly boundName?: string;
}

const EMPTY: Value = { rows: new Set(), fromSplit: false, leaks: [], names: new Set() };

export interface SplitFact {
  readonly at: Located;
  readonly order: number;
  /** `train_test_split`, a CV function, a search's fit, a splitter's `.split`. */
  readonly kind: 'split' | 'cross-validation';
  readonly inputs: readonly Value[];
}

export interface ApplyFact {
  readonly at: Located;
  readonly order: number;
  readonly method: string;
  readonly estimator: EstimatorFact;
  readonly data: Value;
}

export interface MetricFact {
  readonly at: Located;
  readonly order: number;
  readonly name: string;
  readonly rows: ReadonlySet<Rows>;
  readonly names: ReadonlySet<string>;
  /** An estimator whose predictions (or `score`) it evaluates. */
  readonly estimator?: EstimatorFact;
  /** Inside a function with an Optuna-style `trial` parameter: its return value tunes hyperparameters. */
  readonly inObjective: boolean;
  /** Inside a pytest test function (`def test_...`). */
  readonly inUnitTest: boolean;
}

/** A training call outside the estimator API: `xgb.train`, `lgb.train`. */
export interface TrainCallFact {
  readonly at: Located;
  readonly order: number;
  readonly library: 'xgboost' | 'lightgbm';
  readonly keywords: ReadonlyMap<string, Value>;
  readonly keywordNodes: ReadonlyMap<string, SyntaxNode>;
}

export interface RandomFact {
  readonly at: Located;
  readonly order: number;
  readonly source: 'numpy' | 'python' | 'torch' | 'sklearn';
  readonly what: string;
  /** A seed was set for this source (or everything) before the call. */
  readonly seeded: boolean;
  /** `train_test_split` or an estimator: `random_state=` can be added. */
  readonly acceptsRandomState: boolean;
}

export interface ProgramFacts {
  readonly fits: FitFact[];
  readonly splits: SplitFact[];
  readonly applies: ApplyFact[];
  readonly metrics: MetricFact[];
  readonly trainCalls: TrainCallFact[];
  readonly randomness: RandomFact[];
  /** Values used as features: fit data, split and cross-validation inputs. */
  readonly featureUses: { readonly value: Value; readonly at: Located }[];
  /** Every name ever assigned, with its last right-hand side (for "where was this defined"). */
  readonly definitions: Map<string, SyntaxNode>;
  /** Module aliases: `np` -> `numpy`, `tts` -> `train_test_split`. */
  readonly imports: Map<string, string>;
  /** Some data was loaded under a name that says which set it is (train = pd.read_csv(...)). */
  namedSets: boolean;
}

interface Seeds {
  numpy: boolean;
  python: boolean;
  torch: boolean;
}

/** Walks the cells' syntax trees (in order) and returns the facts. */
export function collectFacts(cells: readonly { readonly root: SyntaxNode; readonly cell: number }[]): ProgramFacts {
  return new Walker().run(cells);
}

class Walker {
  private readonly env = new Map<string, Value>();
  private readonly facts: ProgramFacts = {
    fits: [],
    splits: [],
    applies: [],
    metrics: [],
    trainCalls: [],
    randomness: [],
    featureUses: [],
    definitions: new Map(),
    imports: new Map(),
    namedSets: false,
  };
  private readonly seeds: Seeds = { numpy: false, python: false, torch: false };
  private cell = 0;
  private order = 0;
  private frames = 0;
  /** Depth of functions with a `trial` parameter being walked. */
  private objectiveDepth = 0;
  /** Depth of `def test_...` functions being walked. */
  private unitTestDepth = 0;

  run(cells: readonly { readonly root: SyntaxNode; readonly cell: number }[]): ProgramFacts {
    for (const { root, cell } of cells) {
      this.cell = cell;
      this.block(root);
    }
    return this.facts;
  }

  private at(node: SyntaxNode): Located {
    return { node, cell: this.cell };
  }

  private next(): number {
    return this.order++;
  }

  // ── statements ──────────────────────────────────────────────────────────────────────────────

  private block(node: SyntaxNode): void {
    for (const child of node.namedChildren) if (child) this.statement(child);
  }

  private statement(node: SyntaxNode): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.expressionStatement(child);
        return;
      case 'import_statement':
      case 'import_from_statement':
        this.importStatement(node);
        return;
      case 'for_statement':
        this.forStatement(node);
        return;
      case 'function_definition': {
        const objective = (node.childForFieldName('parameters')?.namedChildren ?? []).some((parameter) => parameter?.text.split(/[:=]/)[0].trim() === 'trial');
        const unitTest = node.childForFieldName('name')?.text.startsWith('test_') ?? false;
        if (objective) this.objectiveDepth++;
        if (unitTest) this.unitTestDepth++;
        const body = node.childForFieldName('body');
        if (body) this.block(body);
        if (objective) this.objectiveDepth--;
        if (unitTest) this.unitTestDepth--;
        return;
      }
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition');
        if (definition) this.statement(definition);
        return;
      }
      case 'delete_statement':
        for (const target of node.namedChildren) if (target) this.deleteTarget(target);
        return;
      case 'return_statement':
      case 'if_statement':
      case 'while_statement':
      case 'with_statement':
      case 'try_statement':
      case 'class_definition':
      case 'elif_clause':
      case 'else_clause':
      case 'except_clause':
      case 'finally_clause':
      case 'block':
      case 'with_clause':
      case 'with_item':
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'block' || child.type.endsWith('_clause') || child.type.endsWith('_statement') || child.type === 'function_definition' || child.type === 'decorated_definition') this.statement(child);
          else this.evaluate(child);
        }
        return;
      default:
        if (node.type.endsWith('_statement')) for (const child of node.namedChildren) if (child) this.evaluate(child);
    }
  }

  private expressionStatement(node: SyntaxNode): void {
    if (node.type === 'assignment') {
      const right = node.childForFieldName('right');
      const left = node.childForFieldName('left');
      const value = right ? this.evaluate(right) : EMPTY;
      if (left) this.bind(left, value, node);
      return;
    }
    if (node.type === 'augmented_assignment') {
      const right = node.childForFieldName('right');
      if (right) this.evaluate(right);
      return;
    }
    this.evaluate(node);
  }

  private importStatement(node: SyntaxNode): void {
    const module = node.type === 'import_from_statement' ? node.childForFieldName('module_name')?.text : undefined;
    for (const child of node.namedChildren) {
      if (!child || child.id === node.childForFieldName('module_name')?.id) continue;
      if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) this.facts.imports.set(alias, module ? `${module}.${name}` : name);
      } else if (child.type === 'dotted_name') {
        this.facts.imports.set(child.text.split('.').pop()!, module ? `${module}.${child.text}` : child.text);
        if (!module) this.facts.imports.set(child.text.split('.')[0], child.text.split('.')[0]);
      }
    }
  }

  private forStatement(node: SyntaxNode): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const iterated = right ? this.evaluate(right) : EMPTY;
    if (left) {
      if (iterated.splitIndices) this.bindSplitIndices(left);
      else if (iterated.elements?.[0]?.splitIndices && left.namedChildCount === 2) {
        // enumerate(kf.split(X)): (fold, (train_idx, test_idx))
        this.bind(left.namedChildren[0]!, EMPTY, node);
        this.bindSplitIndices(left.namedChildren[1]!);
      } else this.bind(left, this.loopItem(left, iterated), node);
    }
    const body = node.childForFieldName('body');
    if (body) this.block(body);
    const alternative = node.childForFieldName('alternative');
    if (alternative) this.statement(alternative);
  }

  /**
   * What a loop variable holds: over `[(X_train, X_test), (A, B)]` a pattern takes each position's
   * union; over a list of data, the union of its elements; over anything else, nothing known.
   */
  private loopItem(target: SyntaxNode, iterated: Value): Value {
    const items = iterated.elements;
    if (!items || items.length === 0) return { ...EMPTY, names: iterated.names };
    if (target.type === 'identifier') return { ...union(items), estimator: undefined, elements: undefined };
    const width = target.namedChildCount;
    if (!items.every((item) => item.elements?.length === width)) return EMPTY;
    return { ...EMPTY, elements: Array.from({ length: width }, (_, position) => ({ ...union(items.map((item) => item.elements![position])), elements: undefined })) };
  }

  private bindSplitIndices(pattern: SyntaxNode): void {
    const names = pattern.namedChildren.filter((child): child is SyntaxNode => child?.type === 'identifier');
    names.forEach((name, position) => {
      const rows: Rows = position === 0 ? 'train' : (rowsFromName(name.text) === 'test' ? 'test' : rowsFromName(name.text) === 'valid' ? 'valid' : 'holdout');
      this.env.set(name.text, { ...EMPTY, rows: new Set([rows]), fromSplit: true, names: new Set([name.text]) });
    });
  }

  private deleteTarget(target: SyntaxNode): void {
    if (target.type === 'expression_list') {
      for (const child of target.namedChildren) if (child) this.deleteTarget(child);
      return;
    }
    if (target.type !== 'subscript') return;
    const frame = this.evaluate(target.childForFieldName('value')!).frame;
    const column = stringValue(target.childForFieldName('subscript'));
    if (frame && column !== undefined) frame.frame.removed.add(column);
  }

  // ── binding ─────────────────────────────────────────────────────────────────────────────────

  private bind(target: SyntaxNode, value: Value, statement: SyntaxNode): void {
    switch (target.type) {
      case 'identifier': {
        const name = target.text;
        this.facts.definitions.set(name, statement.childForFieldName('right') ?? statement);
        if (value.estimator && !value.estimator.name) value.estimator.name = name;
        // The first extraction is the one to point at (y_train from a split is the same label).
        if (value.label && isLabelName(name) && !value.label.frame.labels.has(value.label.column)) value.label.frame.labels.set(value.label.column, this.at(statement));
        // The parts of a split keep pointing at the feature matrix they came from (the X = ... a label finding names).
        const right = statement.childForFieldName('right');
        const rowSelection = value.fromSplit || right?.type === 'subscript' || right?.type === 'expression_list' || right?.type === 'tuple';
        const keepOrigin = rowSelection && value.boundAt !== undefined && value.frame !== undefined && /^(X|x|features?|feats)$|^X_/.test(value.boundName ?? '');
        this.env.set(name, { ...this.renamed(name, value), boundAt: keepOrigin ? value.boundAt : this.at(statement), boundName: keepOrigin ? value.boundName : name });
        return;
      }
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern': {
        const targets = target.namedChildren.filter((child): child is SyntaxNode => child !== null);
        targets.forEach((child, index) => this.bind(child, value.elements?.[index] ?? { ...value, elements: undefined }, statement));
        return;
      }
      case 'subscript': {
        // df["new"] = f(df["label"]): a column derived from others.
        const frame = this.evaluate(target.childForFieldName('value')!).frame;
        const column = stringValue(target.childForFieldName('subscript'));
        const right = statement.childForFieldName('right');
        if (frame && column !== undefined && right) {
          frame.frame.removed.delete(column);
          for (const fit of value.leaks) if (!frame.frame.leaks.includes(fit)) frame.frame.leaks.push(fit);
          // A lag of the label (its past values, .shift(1)) is a legitimate feature; a window that includes today is not.
          const sources = /\.shift\(\s*[1-9]/.test(right.text) ? [] : this.columnsRead(right, frame.frame);
          if (sources.length > 0) frame.frame.derived.set(column, { from: sources, at: this.at(statement) });
          else frame.frame.derived.delete(column);
        }
        return;
      }
      default:
        return;
    }
  }

  /**
   * A value bound to a name: data of unknown origin, or a whole data set loaded under a name
   * that says which rows it is (`test = pd.read_csv(...)`), takes its rows from the name.
   */
  private renamed(name: string, value: Value): Value {
    const fromName = rowsFromName(name);
    if (!fromName || value.fromSplit || value.estimator) return value;
    const unknown = value.rows.size === 0 || (value.rows.size === 1 && value.rows.has('all'));
    if (unknown && value.rows.has('all')) this.facts.namedSets = true;
    return unknown ? { ...value, rows: new Set([fromName]) } : value;
  }

  /** The frame's columns an expression reads (`df["a"]`, `df.a`), or the label values it uses. */
  private columnsRead(node: SyntaxNode, frame: FrameObject): string[] {
    const columns = new Set<string>();
    const visit = (current: SyntaxNode): void => {
      if (current.type === 'subscript') {
        const base = current.childForFieldName('value');
        const column = stringValue(current.childForFieldName('subscript'));
        if (base && column !== undefined && this.peek(base)?.frame?.frame === frame) columns.add(column);
      } else if (current.type === 'identifier') {
        const label = this.env.get(current.text)?.label;
        if (label && label.frame === frame) columns.add(label.column);
      }
      for (const child of current.namedChildren) if (child) visit(child);
    };
    visit(node);
    return [...columns];
  }

  /** The value of a name or attribute without recording anything. */
  private peek(node: SyntaxNode): Value | undefined {
    return node.type === 'identifier' ? this.env.get(node.text) : undefined;
  }

  // ── expressions ─────────────────────────────────────────────────────────────────────────────

  private evaluate(node: SyntaxNode): Value {
    switch (node.type) {
      case 'identifier': {
        const known = this.env.get(node.text);
        if (known) {
          const frameLeaks = known.frame?.frame.leaks ?? [];
          // names: the identifiers the expression reads itself, not their history.
          return { ...known, leaks: frameLeaks.length > 0 ? [...new Set([...known.leaks, ...frameLeaks])] : known.leaks, names: new Set([node.text]) };
        }
        const fromName = rowsFromName(node.text);
        return { ...EMPTY, rows: fromName ? new Set([fromName]) : new Set(), names: new Set([node.text]) };
      }
      case 'string': {
        // An f-string's interpolations are code: print(f"R2 {r2_score(y, pred):.3f}") computes a metric.
        for (const part of node.namedChildren) if (part?.type === 'interpolation' && part.namedChildren[0]) this.evaluate(part.namedChildren[0]);
        return { ...EMPTY, string: stringValue(node) };
      }
      case 'list':
      case 'tuple':
      case 'expression_list': {
        const elements = node.namedChildren.filter((child): child is SyntaxNode => child !== null && child.type !== 'comment').map((child) => this.evaluate(child));
        return { ...union(elements), elements, strings: stringList(node) };
      }
      case 'call':
        return this.call(node);
      case 'attribute': {
        const object = this.evaluate(node.childForFieldName('object')!);
        const attribute = node.childForFieldName('attribute')!.text;
        // What a selector fitted on all rows chose (rfe.support_, selector.get_support()) carries that fit.
        const chosenBy = object.estimator?.fitted;
        if (chosenBy && object.estimator!.kind === 'supervised-prep' && chosenBy.data.rows.has('all') && !chosenBy.data.fromSplit && /^(support_|ranking_|get_support|get_feature_names_out|feature_names_in_)$/.test(attribute)) {
          return { ...EMPTY, leaks: [chosenBy], names: object.names };
        }
        if (object.frame && attribute === 'values') return object;
        // df.iloc[...] / df.loc[...] select columns by position or label: not readable here.
        if (object.frame && (attribute === 'iloc' || attribute === 'loc')) return { ...object, frame: { ...object.frame, opaque: true } };
        if (object.frame && !FRAME_METHODS.has(attribute)) return { ...object, frame: undefined, label: { frame: object.frame.frame, column: attribute }, elements: undefined };
        return { ...object, estimator: undefined, elements: undefined };
      }
      case 'subscript':
        return this.subscript(node);
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.evaluate(node.namedChildren[0]) : EMPTY;
      case 'lambda':
        return EMPTY;
      default: {
        const parts = node.namedChildren.filter((child): child is SyntaxNode => child !== null).map((child) => this.evaluate(child));
        return { ...union(parts), estimator: undefined };
      }
    }
  }

  private subscript(node: SyntaxNode): Value {
    const base = this.evaluate(node.childForFieldName('value')!);
    const key = node.childForFieldName('subscript');
    const keyValue = key ? this.evaluate(key) : EMPTY;
    if (keyValue.fromSplit) return { ...base, rows: keyValue.rows, fromSplit: true, frame: base.frame, names: new Set([...base.names, ...keyValue.names]) };
    if (keyValue.leaks.length > 0) return { ...base, leaks: [...new Set([...base.leaks, ...keyValue.leaks])], estimator: undefined, elements: undefined };
    if (!base.frame) return { ...base, elements: undefined, estimator: undefined };
    const column = keyValue.string;
    if (column !== undefined) return { ...base, frame: undefined, label: { frame: base.frame.frame, column } };
    const columns = keyValue.strings ?? (key?.type === 'identifier' ? this.env.get(key.text)?.strings : undefined);
    if (columns) return { ...base, frame: { ...base.frame, selected: columns } };
    // A boolean mask or a slice keeps the columns; anything else we cannot read.
    // A mask computed here (is_train = df["date"] < cutoff) selects rows, not columns.
    const definition = key?.type === 'identifier' ? this.facts.definitions.get(key.text) : undefined;
    const knownMask = definition !== undefined && isMask(definition);
    const keepsColumns = key !== null && node.childrenForFieldName('subscript').length === 1 && (knownMask || isMask(key) || key.type === 'slice');
    return keepsColumns ? base : { ...base, frame: { ...base.frame, opaque: true } };
  }

  private call(node: SyntaxNode): Value {
    const name = calleeName(node) ?? '';
    const receiverNode = calleeReceiver(node);
    const receiverPath = dottedName(receiverNode);
    const receiver = receiverNode ? this.evaluate(receiverNode) : undefined;
    const positional = positionalArguments(node).map((arg) => this.evaluate(arg));
    const keywordNodes = keywordArguments(node);
    const keywords = new Map([...keywordNodes].map(([key, value]) => [key, this.evaluate(value)] as const));
    const all = union([...positional, ...keywords.values()]);
    const at = this.at(node);
    const modulePath = receiverPath ? (this.facts.imports.get(receiverPath.split('.')[0]) ?? receiverPath.split('.')[0]) + receiverPath.slice(receiverPath.split('.')[0].length) : undefined;

    // Seeds first: they change what later random calls mean.
    if (this.seedCall(name, modulePath)) return EMPTY;
    this.randomCall(node, name, modulePath, keywordNodes, at);

    const resolved = receiverNode ? name : (this.facts.imports.get(name)?.split('.').pop() ?? name);

    if (SPLIT_FUNCTIONS.has(resolved)) return this.split(node, positional, at);
    if (CROSS_VALIDATION_FUNCTIONS.has(resolved)) {
      const inputs = positional.slice(1);
      this.facts.splits.push({ at, order: this.next(), kind: 'cross-validation', inputs });
      if (positional[1] ?? keywords.get('X')) this.facts.featureUses.push({ value: (positional[1] ?? keywords.get('X'))!, at });
      return { ...EMPTY, rows: new Set(['holdout']) };
    }
    if (METRIC_FUNCTIONS.has(resolved)) {
      this.metric(at, resolved, [...positional, ...keywords.values()]);
      return EMPTY;
    }
    if (!receiverNode || !receiver?.frame) {
      if (CONCATENATIONS.has(resolved) && (positional[0]?.elements || positional.length > 1)) {
        const parts = positional[0]?.elements ?? positional;
        return { ...union(parts), frame: parts[0]?.frame ? { frame: this.newFrame(), dropped: new Set(), opaque: false } : undefined };
      }
      if (isDataSource(resolved)) {
        const frame = /^(read_|DataFrame)/.test(resolved) ? { frame: this.newFrame(), dropped: new Set<string>(), opaque: false } : undefined;
        const value: Value = { ...EMPTY, rows: new Set(['all']), frame, names: all.names };
        // load_iris(return_X_y=True) -> (X, y)
        return { ...value, elements: [value, { ...value, frame: undefined }] };
      }
    }
    if (resolved === 'enumerate' || resolved === 'zip' || resolved === 'list') return { ...all, elements: positional };

    // A class we know: an estimator (or a splitter) is constructed.
    const kind = !receiver?.estimator ? estimatorKind(resolved) : undefined;
    if (kind && /^[A-Z]/.test(resolved) || resolved === 'make_pipeline') {
      const wraps = [...positional, ...keywords.values()].flatMap((value) => [value.estimator, ...(value.elements ?? []).flatMap((element) => [element.estimator, ...(element.elements ?? []).map((inner) => inner.estimator)])]).filter((estimator): estimator is EstimatorFact => estimator !== undefined);
      return { ...EMPTY, estimator: { className: resolved, kind: kind ?? 'pipeline', created: at, keywords: keywordNodes, wraps } };
    }
    if (SPLITTER_CLASSES.has(resolved)) return { ...EMPTY, estimator: { className: resolved, kind: 'unknown', created: at, keywords: keywordNodes, wraps: [] } };

    if (receiver?.estimator) return this.method(node, name, receiver, positional, keywords, keywordNodes, at);
    if (receiver?.frame) return this.frameMethod(name, receiver, positional, keywordNodes, positionalArguments(node));

    if ((name === 'train') && modulePath && /^(xgboost|lightgbm)\b/.test(modulePath)) {
      this.facts.trainCalls.push({ at, order: this.next(), library: modulePath.startsWith('xgboost') ? 'xgboost' : 'lightgbm', keywords, keywordNodes });
      return EMPTY;
    }
    if (name === 'split' && receiver) {
      // A splitter we did not see constructed (kf passed in): still yields (train, held-out) pairs.
      this.facts.splits.push({ at, order: this.next(), kind: 'cross-validation', inputs: positional });
      return { ...EMPTY, splitIndices: true };
    }
    if ((name === 'fit' || name === 'fit_transform') && receiver && positional[0]) {
      // model.fit(...) on a model we did not see built (a Keras model from a function, ...).
      const estimator: EstimatorFact = { className: undefined, kind: 'unknown', keywords: new Map(), wraps: [], name: receiverPath };
      return this.method(node, name, { ...EMPTY, estimator }, positional, keywords, keywordNodes, at);
    }
    if (receiver && APPLY_METHODS.has(name)) return { ...receiver, ...union([receiver, ...positional]), estimator: undefined, predictedBy: undefined };
    if (receiver && (name === 'copy' || name === 'astype' || name === 'reshape' || name === 'to_numpy' || name === 'ravel' || name === 'flatten')) return receiver;
    // Anything else: its result comes from its inputs.
    const inputs = [...(receiver ? [receiver] : []), ...positional, ...keywords.values()];
    // pd.get_dummies(df, ...) re-encodes some columns and keeps the others, the label among them.
    if (FRAME_FUNCTIONS.has(resolved) && positional[0]?.frame) return { ...union(inputs), frame: positional[0].frame, label: undefined };
    // np.log(df["price"]) is still the label.
    const labels = inputs.filter((input) => input.label);
    return { ...union(inputs), estimator: undefined, elements: undefined, frame: undefined, label: labels.length === 1 && inputs.length <= 2 ? labels[0].label : undefined };
  }

  private newFrame(): FrameObject {
    return { id: this.frames++, removed: new Set(), labels: new Map(), derived: new Map(), leaks: [] };
  }

  private split(node: SyntaxNode, inputs: readonly Value[], at: Located): Value {
    this.facts.splits.push({ at, order: this.next(), kind: 'split', inputs });
    if (inputs[0]) this.facts.featureUses.push({ value: inputs[0], at });
    // Outputs: train and held-out parts of each input, in order; the held-out kind comes from its name when bound.
    const statement = node.parent?.type === 'assignment' ? node.parent : undefined;
    const targets = statement?.childForFieldName('left')?.namedChildren ?? [];
    const elements = inputs.flatMap((input, index) =>
      (['train', 'held-out'] as const).map((part, offset) => {
        const targetName = targets[index * 2 + offset]?.type === 'identifier' ? targets[index * 2 + offset]!.text : '';
        const named = rowsFromName(targetName);
        const rows: Rows = part === 'train' ? 'train' : named === 'test' ? 'test' : named === 'valid' ? 'valid' : 'holdout';
        // A split of training rows (train -> train + validation) keeps its parts inside the training rows.
        const base: Rows = input.rows.has('train') && !input.rows.has('all') && part === 'held-out' && rows === 'holdout' ? 'valid' : rows;
        return { ...input, rows: new Set([base]), fromSplit: true, leaks: [], elements: undefined, frame: input.frame } satisfies Value;
      }),
    );
    return { ...EMPTY, elements };
  }

  private method(node: SyntaxNode, name: string, receiver: Value, positional: readonly Value[], keywords: ReadonlyMap<string, Value>, keywordNodes: ReadonlyMap<string, SyntaxNode>, at: Located): Value {
    const estimator = receiver.estimator!;
    const data = positional[0] ?? keywords.get('X') ?? keywords.get('x') ?? EMPTY;
    if (FIT_METHODS.has(name)) {
      const fit: FitFact = { at, order: this.next(), method: name, estimator, data, dataNode: positionalArguments(node)[0], keywords, keywordNodes };
      this.facts.fits.push(fit);
      estimator.fitted = fit;
      if (data !== EMPTY) this.facts.featureUses.push({ value: data, at });
      if (estimator.kind === 'search') this.facts.splits.push({ at, order: this.next(), kind: 'cross-validation', inputs: positional });
      const carries = data.rows.has('all') && !data.fromSplit && (estimator.kind === 'preprocess' || estimator.kind === 'supervised-prep') ? [fit] : [];
      const transformed: Value = { ...data, leaks: [...data.leaks, ...carries], estimator: undefined, frame: undefined, label: undefined, elements: undefined };
      if (name === 'fit_transform') return transformed;
      if (name === 'fit_resample') return { ...transformed, elements: [transformed, { ...(positional[1] ?? EMPTY), leaks: [...carries] }] };
      if (name === 'fit_predict') return { ...transformed, predictedBy: estimator };
      return receiver;
    }
    if (APPLY_METHODS.has(name)) {
      this.facts.applies.push({ at, order: this.next(), method: name, estimator, data });
      const fitted = estimator.fitted;
      const carries = fitted && fitted.data.rows.has('all') && !fitted.data.fromSplit && (estimator.kind === 'preprocess' || estimator.kind === 'supervised-prep') ? [fitted] : [];
      return { ...data, leaks: [...data.leaks, ...carries], estimator: undefined, frame: undefined, label: undefined, predictedBy: name.startsWith('predict') || name === 'decision_function' ? estimator : undefined };
    }
    if (name === 'score' || name === 'evaluate') {
      this.metric(at, `${estimator.name ?? 'model'}.${name}`, positional, estimator);
      return EMPTY;
    }
    if (name === 'split') {
      this.facts.splits.push({ at, order: this.next(), kind: 'cross-validation', inputs: positional });
      return { ...EMPTY, splitIndices: true };
    }
    if (name === 'set_params' || name === 'compile') return receiver;
    return { ...EMPTY, names: receiver.names };
  }

  private frameMethod(name: string, receiver: Value, positional: readonly Value[], keywordNodes: ReadonlyMap<string, SyntaxNode>, positionalNodes: readonly SyntaxNode[]): Value {
    const view = receiver.frame!;
    if (name === 'drop') {
      const columnsNode = keywordNodes.get('columns');
      const axisColumns = keywordNodes.has('columns') || ['1', "'columns'", '"columns"'].includes(keywordNodes.get('axis')?.text ?? '');
      if (!axisColumns) return receiver; // dropping rows (an index) keeps the columns
      const columns = columnsNode ? (stringList(columnsNode) ?? (columnsNode.type === 'identifier' ? this.env.get(columnsNode.text)?.strings : undefined)) : (positional[0]?.strings ?? (positional[0]?.string !== undefined ? [positional[0].string] : undefined));
      const inplace = keywordNodes.get('inplace')?.text === 'True';
      if (!columns) return { ...receiver, frame: { ...view, opaque: true } };
      if (inplace) {
        for (const column of columns) view.frame.removed.add(column);
        return EMPTY;
      }
      return { ...receiver, frame: { ...view, dropped: new Set([...view.dropped, ...columns]) } };
    }
    if (name === 'pop') {
      const column = positional[0]?.string;
      if (column !== undefined) {
        view.frame.removed.add(column);
        return { ...receiver, frame: undefined, label: { frame: view.frame, column } };
      }
      return EMPTY;
    }
    if (KEEPS_COLUMNS.has(name)) return receiver;
    // select_dtypes("number") keeps a numeric label; other dtype selections may or may not.
    if (name === 'select_dtypes') return /number|float|int/.test([...keywordNodes.values(), ...positionalNodes].map((arg) => arg.text).join(' ')) ? receiver : { ...receiver, frame: { ...view, opaque: true } };
    // A grouping still reads the frame's columns: g = df.groupby("store")["sales"] is the label's values.
    if (UNREADABLE_COLUMNS.has(name)) return { ...receiver, frame: { ...view, opaque: true } };
    return { ...receiver, frame: undefined, label: undefined };
  }

  private metric(at: Located, name: string, args: readonly Value[], estimator?: EstimatorFact): void {
    const rows = new Set(args.flatMap((arg) => [...arg.rows]));
    const names = new Set(args.flatMap((arg) => [...arg.names]));
    this.facts.metrics.push({ at, order: this.next(), name, rows, names, estimator: estimator ?? args.find((arg) => arg.predictedBy)?.predictedBy, inObjective: this.objectiveDepth > 0, inUnitTest: this.unitTestDepth > 0 });
  }

  /** `np.random.seed(0)`, `random.seed(0)`, `torch.manual_seed(0)`, `seed_everything(0)`: later random calls are reproducible. */
  private seedCall(name: string, modulePath: string | undefined): boolean {
    if (name === 'seed' && modulePath === 'numpy.random') this.seeds.numpy = true;
    else if (name === 'seed' && modulePath === 'random') this.seeds.python = true;
    else if ((name === 'manual_seed' || name === 'manual_seed_all') && modulePath?.startsWith('torch')) this.seeds.torch = true;
    else if (/seed/i.test(name) && name !== 'seed' && !/^(manual_seed|SeedSequence)$/.test(name)) {
      // seed_everything, set_seed, set_random_seed: they seed every library they know.
      this.seeds.numpy = this.seeds.python = this.seeds.torch = true;
    } else return false;
    return true;
  }

  private randomCall(node: SyntaxNode, name: string, modulePath: string | undefined, keywords: ReadonlyMap<string, SyntaxNode>, at: Located): void {
    const record = (source: RandomFact['source'], seeded: boolean, acceptsRandomState: boolean): void => {
      this.facts.randomness.push({ at, order: this.next(), source, what: modulePath ? `${modulePath.replace(/^numpy/, 'np')}.${name}` : name, seeded, acceptsRandomState });
    };
    const args = positionalArguments(node);
    if (modulePath === 'numpy.random') {
      if (NUMPY_GLOBAL_RANDOM.has(name)) record('numpy', this.seeds.numpy, false);
      else if ((name === 'default_rng' || name === 'RandomState') && args.length === 0 && !keywords.has('seed')) record('numpy', false, false);
      return;
    }
    if (modulePath === 'random' && PYTHON_GLOBAL_RANDOM.has(name)) {
      record('python', this.seeds.python, false);
      return;
    }
    if (modulePath === 'torch' && TORCH_RANDOM.has(name)) {
      record('torch', this.seeds.torch, false);
      return;
    }
    const resolved = modulePath ? name : (this.facts.imports.get(name)?.split('.').pop() ?? name);
    if (resolved === 'DataLoader' && keywords.get('shuffle')?.text === 'True' && !keywords.has('generator')) {
      record('torch', this.seeds.torch, false);
      return;
    }
    if (resolved === 'train_test_split' && !keywords.has('random_state') && keywords.get('shuffle')?.text !== 'False') {
      record('sklearn', this.seeds.numpy, true);
      return;
    }
    if (needsRandomState(resolved, keywords.get('shuffle')?.text === 'True') && !keywords.has('random_state')) record('sklearn', this.seeds.numpy, true);
  }
}

/** A row mask: a comparison, or masks combined with and / or / not (`&`, `|`, `~`). */
function isMask(node: SyntaxNode): boolean {
  if (node.type === 'comparison_operator' || node.type === 'boolean_operator' || node.type === 'not_operator') return true;
  if (node.type === 'parenthesized_expression') return node.namedChildren[0] ? isMask(node.namedChildren[0]) : false;
  if (node.type === 'unary_operator') return node.childForFieldName('operator')?.text === '~';
  if (node.type === 'binary_operator') return /^[&|^]$/.test(node.childForFieldName('operator')?.text ?? '');
  if (node.type === 'call') return /^(isin|isna|notna|isnull|notnull|between|duplicated|str)$/.test(node.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '');
  return false;
}

/** Functions that return their frame argument with some columns re-encoded and the rest kept. */
const FRAME_FUNCTIONS = new Set(['get_dummies']);

/** Frame methods that keep every column (rows may change). */
const KEEPS_COLUMNS = new Set(['to_numpy', 'copy', 'fillna', 'astype', 'reset_index', 'dropna', 'sample', 'head', 'sort_values', 'assign', 'replace', 'query']);

/** Frame methods that select columns (or group them) in ways the walk does not read. */
const UNREADABLE_COLUMNS = new Set(['filter', 'iloc', 'loc', 'groupby', 'rolling', 'expanding', 'resample']);

/** Every frame method `frameMethod` knows: an attribute of a frame with another name is a column (`df.target`). */
const FRAME_METHODS = new Set(['drop', 'pop', 'select_dtypes', ...KEEPS_COLUMNS, ...UNREADABLE_COLUMNS]);

/** The union of values' rows, leaks and names (what an expression computed from them holds). */
export function union(values: readonly Value[]): Value {
  if (values.length === 0) return EMPTY;
  if (values.length === 1) return values[0];
  const frames = values.map((value) => value.frame).filter((frame) => frame !== undefined);
  return {
    rows: new Set(values.flatMap((value) => [...value.rows])),
    fromSplit: values.some((value) => value.fromSplit),
    leaks: [...new Set(values.flatMap((value) => value.leaks))],
    names: new Set(values.flatMap((value) => [...value.names])),
    frame: frames.length === 1 ? frames[0] : undefined,
    predictedBy: values.find((value) => value.predictedBy)?.predictedBy,
  };
}
