/**
 * Reading the workspace: glob matching shared by every WorkspaceReader, and the node:fs reader the
 * CLI uses. The editor implements the same interface over `vscode.workspace.fs`.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkspaceReader } from './types';

/** Folders no reader descends into: version control, dependencies, virtualenvs, caches. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.env', 'env', '.tox', '.nox',
  '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', 'dist-packages', '.ipynb_checkpoints', '.idea',
]);

/** At most this many files are listed: a workspace bigger than that is answered from its first files. */
export const MAX_LISTED_FILES = 50_000;

/**
 * A glob as a RegExp over `/`-separated relative paths: `**` any folders (also none), `*` and `?`
 * within one path segment; everything else literal. A glob without `/` matches at any depth
 * (`*.yaml` = `** /*.yaml`), as in .gitignore.
 */
export function globToRegExp(glob: string): RegExp {
  const anchored = glob.includes('/') ? glob.replace(/^\.?\//, '') : `**/${glob}`;
  let source = '';
  for (let i = 0; i < anchored.length; i++) {
    const char = anchored[i];
    if (char === '*' && anchored[i + 1] === '*') {
      const slash = anchored[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export function matchesAny(path: string, globs: readonly string[]): boolean {
  return globs.some((glob) => globToRegExp(glob).test(path));
}

/** Is a folder one of the skipped ones, or a virtualenv (it holds `pyvenv.cfg`)? */
function skipFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name);
}

/**
 * The CLI's reader: lists the tree under `root` once (lazily, on the first findFiles), never
 * following symbolic links (so no loops), skipping SKIPPED_FOLDERS and any folder holding a
 * `pyvenv.cfg` (a virtualenv by another name).
 */
export function nodeWorkspaceReader(root: string): WorkspaceReader {
  let listing: Promise<string[]> | undefined;
  const list = async (): Promise<string[]> => {
    const files: string[] = [];
    const walk = async (relative: string): Promise<void> => {
      if (files.length >= MAX_LISTED_FILES) return;
      let entries;
      try {
        entries = await readdir(join(root, relative), { withFileTypes: true });
      } catch {
        return; // unreadable folder: nothing in it is evidence
      }
      if (relative !== '' && entries.some((e) => e.name === 'pyvenv.cfg' && e.isFile())) return;
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!skipFolder(entry.name)) await walk(path);
        } else if (entry.isFile()) {
          files.push(path);
        }
        // Symbolic links, sockets, FIFOs: not followed, not read.
      }
    };
    await walk('');
    return files;
  };
  return {
    async findFiles(globs) {
      listing ??= list();
      const patterns = globs.map(globToRegExp);
      return (await listing).filter((file) => patterns.some((p) => p.test(file)));
    },
    async readText(file) {
      const path = join(root, ...file.split('/'));
      try {
        if (!(await lstat(path)).isFile()) return undefined;
        // Without a byte-order mark, as the editor's TextDecoder reads it: a BOM before a first-line
        // `# gradient:` marker would hide that snippet's tests.
        return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
      } catch {
        return undefined;
      }
    },
  };
}

/** A reader over an in-memory map of path -> text: for tests and for unsaved editor buffers. */
export function memoryWorkspaceReader(files: Readonly<Record<string, string>>): WorkspaceReader {
  return {
    findFiles: async (globs) => Object.keys(files).filter((file) => matchesAny(file, globs)).sort(),
    readText: async (file) => files[file],
  };
}
