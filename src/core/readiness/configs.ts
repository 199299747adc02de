/** `checkConfigs`: every config the patterns insert, validated and checked against each other. */
import { consistencyFindings, RULE_KINDS, type TestConstants } from './consistency';
import { CONFIG_GLOBS, parseConfig, schemaFindings, type ParsedConfig } from './configFiles';
import { snippetConstants } from './pythonTests';
import { markedRegions } from '../patterns/snippetMarker';
import { CONFIG_KINDS, type ConfigCheck, type ConfigFile, type ConfigFinding, type ConfigKind, type ConsistencyRuleId, type WorkspaceReader } from './types';

/** The snippets whose constants the consistency rules read. */
const CONSTANT_SNIPPETS = ['mlops-cusum-check', 'serving-p99-latency'] as const;

/** Everything the readiness engine needs about the configs, beyond the JSON-able ConfigCheck. */
export interface LoadedConfigs {
  readonly check: ConfigCheck;
  readonly parsed: ReadonlyMap<ConfigKind, readonly ParsedConfig[]>;
  /** The kinds each finding (same index in check.findings) judges. */
  readonly findingKinds: readonly (readonly ConfigKind[])[];
}

/** Where pytest collects tests by default (`python_files = test_*.py *_test.py`). */
export const TEST_FILE_GLOBS: readonly string[] = ['**/test_*.py', '**/*_test.py'];

/**
 * Test files that hold a marker, with their text: read once, shared by the rules and the tests'
 * mapping. Only pytest's test files: a marker quoted in another script is not an inserted snippet.
 */
export async function markedPythonFiles(reader: WorkspaceReader): Promise<{ file: string; text: string }[]> {
  const files = await reader.findFiles(TEST_FILE_GLOBS);
  const texts = await Promise.all(files.map(async (file) => ({ file, text: (await reader.readText(file)) ?? '' })));
  // markedRegions splits lines as the test mapping does: a CRLF file (a Windows checkout) is marked too.
  return texts.filter(({ text }) => markedRegions(text).length > 0);
}

export async function loadConfigs(reader: WorkspaceReader, python?: readonly { file: string; text: string }[]): Promise<LoadedConfigs> {
  const files = [...(await reader.findFiles(CONFIG_GLOBS))].sort();
  const parsed = new Map<ConfigKind, ParsedConfig[]>();
  const configs: ConfigFile[] = [];
  const findings: ConfigFinding[] = [];
  const findingKinds: (readonly ConfigKind[])[] = [];
  const push = (kinds: readonly ConfigKind[], ...found: ConfigFinding[]) => {
    findings.push(...found);
    findingKinds.push(...found.map(() => kinds));
  };
  for (const file of files) {
    const text = await reader.readText(file);
    if (text === undefined) continue;
    const config = parseConfig(file, text);
    if (config.kinds.length === 0) continue;
    push(config.kinds, ...config.syntaxFindings);
    for (const kind of config.kinds) {
      const schema = config.syntaxFindings.length > 0 ? [] : schemaFindings(config, kind);
      push([kind], ...schema);
      configs.push({ kind, file, valid: config.syntaxFindings.length === 0 && schema.length === 0 });
      parsed.set(kind, [...(parsed.get(kind) ?? []), config]);
    }
  }
  const marked = python ?? (await markedPythonFiles(reader));
  const constants = new Map<string, TestConstants>();
  for (const snippet of CONSTANT_SNIPPETS) {
    for (const { file, text } of marked) {
      const found = snippetConstants(text, snippet);
      if (found) {
        constants.set(snippet, { file, constants: found });
        break;
      }
    }
  }
  for (const finding of consistencyFindings({ configs: parsed, testConstants: (snippet) => constants.get(snippet) })) {
    push(RULE_KINDS[finding.rule as ConsistencyRuleId], finding);
  }
  configs.sort((a, b) => CONFIG_KINDS.indexOf(a.kind) - CONFIG_KINDS.indexOf(b.kind) || a.file.localeCompare(b.file));
  return { check: { configs, findings }, parsed, findingKinds };
}

/**
 * The workspace's configs (YAML files whose top-level keys mark a kind: `data_drift`, `rollback`,
 * ...), each validated against its schema, and the consistency rules' findings.
 */
export async function checkConfigs(reader: WorkspaceReader): Promise<ConfigCheck> {
  return (await loadConfigs(reader)).check;
}
