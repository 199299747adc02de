/**
 * The YAML configs the patterns insert: found by their top-level key (one file may hold several,
 * like `configs/monitoring/drift.yaml` with `data_drift` and `concept_drift`), parsed with
 * eemeli/yaml (which keeps source ranges, so every finding names its line) and validated with ajv
 * against `schemas/<kind>.schema.json`, the same files `contributes.yamlValidation` hands the Red
 * Hat YAML extension.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import abTestSchema from '../../../schemas/ab-test.schema.json';
import checkpointingSchema from '../../../schemas/checkpointing.schema.json';
import cusumSchema from '../../../schemas/cusum.schema.json';
import driftMonitoringSchema from '../../../schemas/drift-monitoring.schema.json';
import earlyStoppingSchema from '../../../schemas/early-stopping.schema.json';
import hyperparameterSearchSchema from '../../../schemas/hyperparameter-search.schema.json';
import modelVersionSchema from '../../../schemas/model-version.schema.json';
import rollbackSchema from '../../../schemas/rollback.schema.json';
import { CONFIG_KINDS, type ConfigFinding, type ConfigKind, type SourceLocation, type SourceRange, type TextFix } from './types';

/** The top-level key that marks each kind (the key its pattern snippet writes). */
export const CONFIG_KEYS: Readonly<Record<ConfigKind, string>> = {
  'drift-monitoring': 'data_drift',
  cusum: 'concept_drift',
  rollback: 'rollback',
  'ab-test': 'ab_test',
  'model-version': 'model',
  'hyperparameter-search': 'study',
  'early-stopping': 'early_stopping',
  checkpointing: 'checkpoint',
};

export const CONFIG_SCHEMAS: Readonly<Record<ConfigKind, object>> = {
  'drift-monitoring': driftMonitoringSchema,
  cusum: cusumSchema,
  rollback: rollbackSchema,
  'ab-test': abTestSchema,
  'model-version': modelVersionSchema,
  'hyperparameter-search': hyperparameterSearchSchema,
  'early-stopping': earlyStoppingSchema,
  checkpointing: checkpointingSchema,
};

/** The globs configs are looked for under. */
export const CONFIG_GLOBS: readonly string[] = ['**/*.yaml', '**/*.yml'];

export type ConfigPath = readonly (string | number)[];

/** One parsed YAML file, with what it holds and how to point into it. */
export interface ParsedConfig {
  readonly file: string;
  readonly kinds: readonly ConfigKind[];
  /** The value at a path (`['data_drift', 'thresholds', 'alert']`), as plain JS; undefined when absent. */
  value(path: ConfigPath): unknown;
  /** Where the value at `path` is; when absent, the nearest present parent's key. */
  locate(path: ConfigPath): SourceLocation;
  /** A fix that replaces the scalar at `path` with `newText`; undefined when there is no scalar there. */
  replaceFix(path: ConfigPath, newText: string, title: string): TextFix | undefined;
  /** A fix that adds `key: valueText` as the first child of the mapping at `mapPath`. */
  insertChildFix(mapPath: ConfigPath, key: string, valueText: string, title: string): TextFix | undefined;
  /** A fix that adds `item` to the sequence at `seqPath`. */
  appendItemFix(seqPath: ConfigPath, item: string, title: string): TextFix | undefined;
  /** Syntax errors, as findings. */
  readonly syntaxFindings: readonly ConfigFinding[];
}

function rangeOf(counter: LineCounter, start: number, end: number): SourceRange {
  const a = counter.linePos(start);
  const b = counter.linePos(end);
  return { startLine: a.line, startColumn: a.col - 1, endLine: b.line, endColumn: b.col - 1 };
}

/** Parses one YAML file; kinds are the CONFIG_KEYS at its top level whose value is a mapping. */
export function parseConfig(file: string, text: string): ParsedConfig {
  const counter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntaxFindings: ConfigFinding[] = doc.errors.map((error) => {
    const [start, end] = error.pos;
    return {
      rule: 'yaml-syntax',
      severity: 'error',
      message: `${file} is not valid YAML: ${error.message.split('\n')[0]}`,
      location: { file, range: rangeOf(counter, start, Math.max(end, start)) },
    };
  });
  // A file with a syntax error still names its kinds when its top level reads, so the error is reported.
  let js: unknown;
  try {
    js = doc.toJS() as unknown;
  } catch {
    js = undefined;
  }
  const top = js !== null && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
  const kinds = CONFIG_KINDS.filter((kind) => {
    const value = top[CONFIG_KEYS[kind]];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    // `model:` is a common key: a version record also has a version.
    return kind !== 'model-version' || 'version' in value;
  });

  const nodeAt = (path: ConfigPath): Node | undefined => {
    const node = doc.getIn(path, true);
    return node && typeof node === 'object' && 'range' in node ? (node as Node) : undefined;
  };
  const keyNodeAt = (path: ConfigPath): Node | undefined => {
    const parent = path.length <= 1 ? doc.contents : nodeAt(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
    return pair && isScalar(pair.key) ? pair.key : undefined;
  };
  const locate = (path: ConfigPath): SourceLocation => {
    for (let n = path.length; n > 0; n--) {
      const sub = path.slice(0, n);
      const node = n === path.length ? nodeAt(sub) : undefined;
      if (node?.range && (isScalar(node) || n < path.length)) return { file, range: rangeOf(counter, node.range[0], node.range[1]) };
      const key = keyNodeAt(sub);
      if (key?.range) return { file, range: rangeOf(counter, key.range[0], key.range[1]) };
    }
    return { file, range: { startLine: 1, startColumn: 0, endLine: 1, endColumn: 0 } };
  };
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const point = (offset: number): SourceRange => rangeOf(counter, offset, offset);

  return {
    file,
    kinds,
    syntaxFindings,
    value(path) {
      let current: unknown = top;
      for (const key of path) {
        if (current === null || typeof current !== 'object') return undefined;
        current = (current as Record<string | number, unknown>)[key];
      }
      return current;
    },
    locate,
    replaceFix(path, newText, title) {
      const node = nodeAt(path);
      if (!isScalar(node) || !node.range) return undefined;
      return { title, file, range: rangeOf(counter, node.range[0], node.range[1]), newText };
    },
    insertChildFix(mapPath, key, valueText, title) {
      const map = nodeAt(mapPath);
      if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
      const firstKey = map.items[0].key;
      if (!isScalar(firstKey) || !firstKey.range) return undefined;
      const at = lineStart(firstKey.range[0]);
      const indent = ' '.repeat(firstKey.range[0] - at);
      return { title, file, range: point(at), newText: `${indent}${key}: ${valueText}\n` };
    },
    appendItemFix(seqPath, item, title) {
      const seq = nodeAt(seqPath);
      if (!isSeq(seq) || !seq.range) return undefined;
      if (seq.flow) {
        const open = seq.range[0] + 1;
        return { title, file, range: point(open), newText: seq.items.length === 0 ? item : `${item}, ` };
      }
      const at = lineStart(seq.range[0]);
      return { title, file, range: point(at), newText: `${' '.repeat(seq.range[0] - at)}- ${item}\n` };
    },
  };
}

let validators: Map<ConfigKind, ValidateFunction> | undefined;

/** ajv validators, compiled once (draft-07, every error, unknown keywords such as `markdownDescription` allowed). */
function validatorFor(kind: ConfigKind): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validators = new Map(CONFIG_KINDS.map((k) => [k, ajv.compile(CONFIG_SCHEMAS[k])]));
  }
  return validators.get(kind)!;
}

function describeSchemaError(error: ErrorObject): { path: (string | number)[]; message: string } {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const dotted = path.join('.');
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty: string }).missingProperty);
    return { path, message: `${dotted} needs ${missing}` };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ');
    return { path, message: `${dotted} must be one of ${allowed}` };
  }
  return { path, message: `${dotted} ${error.message ?? 'is not valid'}` };
}

/** The schema findings of one kind in a parsed file (empty when it validates). */
export function schemaFindings(config: ParsedConfig, kind: ConfigKind): ConfigFinding[] {
  const validate = validatorFor(kind);
  // The whole file, as the YAML extension validates it: hpo.yaml's sampler, pruner and
  // search_space are in its schema beside study. No schema forbids other top-level keys, so the
  // other kinds a file may hold do not count against this one.
  if (validate(config.value([]))) return [];
  const seen = new Set<string>();
  const findings: ConfigFinding[] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if' || error.keyword === 'anyOf') continue; // the branch errors say more
    const { path, message } = describeSchemaError(error);
    if (seen.has(message)) continue;
    seen.add(message);
    findings.push({
      rule: 'schema',
      severity: 'error',
      message: `${config.file}: ${message} (schemas/${kind}.schema.json)`,
      location: config.locate(path),
    });
  }
  return findings;
}
