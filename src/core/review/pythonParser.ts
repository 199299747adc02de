/**
 * Python's syntax tree from tree-sitter compiled to WebAssembly: `web-tree-sitter` (the runtime)
 * and the Python grammar of `@vscode/tree-sitter-wasm` (Microsoft's build, the one VS Code itself
 * uses). No Python and no native module: the same parser runs in the extension host's worker, the
 * CLI and the tests. Both packages are pinned to exact versions in package.json because a grammar
 * only loads into the runtime whose ABI it was compiled for.
 *
 * The bundles (dist/*.js) find the two .wasm files beside them (scripts/build.ts copies them);
 * run from source (tests), they come from node_modules.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from 'web-tree-sitter';
// `require`, not `import`: bundlers resolve an import to web-tree-sitter's ES module build, which
// finds its files through `import.meta.url`, and that is empty in the CommonJS bundles (dist/*.js),
// so loading the grammar failed there. Its CommonJS build uses `__dirname`, which bundles keep.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS build, on purpose (above)
import webTreeSitter = require('web-tree-sitter');

const { Language, Parser } = webTreeSitter;
type Language = webTreeSitter.Language;

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

export interface WasmPaths {
  /** web-tree-sitter's own `web-tree-sitter.wasm`. */
  readonly runtime: string;
  /** `tree-sitter-python.wasm`. */
  readonly python: string;
}

/** The .wasm files beside the running bundle, else in node_modules. */
export function defaultWasmPaths(): WasmPaths {
  const besideBundle = { runtime: join(__dirname, 'web-tree-sitter.wasm'), python: join(__dirname, 'tree-sitter-python.wasm') };
  if (existsSync(besideBundle.runtime) && existsSync(besideBundle.python)) return besideBundle;
  return {
    runtime: require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
    python: require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-python.wasm'),
  };
}

export interface PythonParser {
  parse(text: string): Tree;
}

let loading: Promise<Language> | undefined;

/**
 * Loads the runtime and the grammar once per thread (about 100 ms), then returns a parser.
 * Parsers are cheap; the loaded language is shared.
 */
export async function loadPythonParser(paths: WasmPaths = defaultWasmPaths()): Promise<PythonParser> {
  loading ??= (async () => {
    await Parser.init({ locateFile: () => paths.runtime });
    return Language.load(paths.python);
  })();
  const language = await loading.catch((error: unknown) => {
    loading = undefined;
    throw new Error(`the Python grammar could not be loaded from ${paths.python}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text: string): Tree {
      const tree = parser.parse(text);
      if (!tree) throw new Error('tree-sitter returned no tree for a Python source');
      return tree;
    },
  };
}
