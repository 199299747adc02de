/**
 * Where a report is written: the CLI's `--out` and the editor's export to a `file:` URI. Node
 * only (no `vscode`), so the CLI, the extension and the unit tests share one set of rules.
 *
 * What is at the path decides how it is written (`lstat` first, then the link's target):
 *
 * - nothing: a new file, written to a temporary file in the same folder and renamed into place,
 *   so a reader never sees half a report and a failure leaves nothing behind.
 * - a regular file: replaced the same way, atomically; the new file keeps the old one's mode
 *   (0600 stays 0600) and, when running as root, its owner and group (best effort).
 * - a regular file with no write bit, or one this user may not write: refused, even as root,
 *   which could otherwise replace it. Rename needs only the folder's permission; the file's own
 *   permission is what says whether it may change.
 * - a regular file with several hard links: written in place (truncated to the new length after
 *   the write), so every name keeps showing the same file. Renaming over one name would split it
 *   from the others silently, leaving them with the old report; this trades the atomic
 *   replacement for that (as vim's `backupcopy=auto` does): a reader may see a partial report
 *   while it is written, and a failure midway (a full disk) leaves it incomplete, which the
 *   error then says. Tools that link files they own (DVC's hardlink cache) make them read-only,
 *   and read-only files are refused above.
 * - a symbolic link: followed; the link stays and its target is written by these same rules.
 *   A dangling link is refused, as GNU cp refuses to write through one: creating a file
 *   wherever a stale link points (another user's folder, /etc) is not what `--out` asks for.
 * - this process's own standard output or error, whatever it is (/dev/stdout -> /proc/self/fd/1,
 *   or the file the shell redirected it to): written through that descriptor. A socket (what
 *   Node's child processes get as stdout) cannot be opened by name, and a file the shell opened
 *   with `>>` must be appended to, not replaced.
 * - a character device, FIFO or socket (or a link to one): written in place, never replaced:
 *   opened for writing without creating or truncating. A FIFO waits for its reader, as the
 *   shell's `>` does.
 * - a folder or a block device (a disk): refused.
 *
 * Errors are `OutputFileError`s whose message names the path and says what to do.
 */

import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type BigIntStats,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** An output path that cannot take the report; the message names the path and what to do. */
export class OutputFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputFileError';
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** `statSync` / `lstatSync` that answer null for a path that does not exist. */
function statOrNull(path: string, follow: boolean): Stats | null {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
    throw new OutputFileError(path, `${path} could not be examined (${errorCode(error)}): check the path and its folders' permissions`);
  }
}

/**
 * True when `a` and `b` name the same file: the same real path, or the same device and inode
 * (a hard link, a bind mount). A path that does not exist is the same only as itself.
 *
 * @example
 * sameFile('data/./train.csv', 'data/train.csv'); // => true
 */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    if (realpathSync(a) === realpathSync(b)) return true;
    // BigInt: 64-bit file ids (Windows, some network file systems) would collide as doubles.
    const [sa, sb]: BigIntStats[] = [statSync(a, { bigint: true }), statSync(b, { bigint: true })];
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // one of them does not exist (yet)
  }
}

/** This process's standard output or error when `stats` is that very file, else undefined. */
function ownStream(stats: Stats): number | undefined {
  for (const fd of [1, 2]) {
    try {
      const own = fstatSync(fd);
      if (own.dev === stats.dev && own.ino === stats.ino) return fd;
    } catch {
      // closed
    }
  }
  return undefined;
}

/** How a path is written, decided from what is there now. */
type Plan =
  | { readonly kind: 'new'; readonly target: string }
  | { readonly kind: 'replace'; readonly target: string; readonly original: Stats }
  | { readonly kind: 'in-place'; readonly target: string }
  | { readonly kind: 'special'; readonly target: string; readonly stats: Stats }
  | { readonly kind: 'stream'; readonly fd: number };

function plan(path: string): Plan {
  const entry = statOrNull(path, false);
  if (entry === null) {
    try {
      accessSync(dirname(path), constants.W_OK);
    } catch (error) {
      throw new OutputFileError(path, `${path} could not be written (${errorCode(error)}): check that its folder exists and is writable`);
    }
    return { kind: 'new', target: path };
  }
  let stats = entry;
  if (entry.isSymbolicLink()) {
    const followed = statOrNull(path, true);
    if (followed === null) {
      throw new OutputFileError(path, `${path} is a symbolic link to ${readlinkSync(path)}, which does not exist: create that file first, or give another path`);
    }
    stats = followed;
  }
  const own = ownStream(stats);
  if (own !== undefined) return { kind: 'stream', fd: own };
  if (stats.isDirectory()) throw new OutputFileError(path, `${path} is a folder: give a file path, e.g. ${join(path, 'report.json')}`);
  if (stats.isBlockDevice()) throw new OutputFileError(path, `${path} is a block device (a disk): give a file path`);
  if (!stats.isFile()) return { kind: 'special', target: path, stats };
  const target = entry.isSymbolicLink() ? realpathSync(path) : path;
  let writable = (stats.mode & 0o222) !== 0;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable) throw new OutputFileError(path, `${path} is read-only: make it writable (chmod u+w ${path}), or give another path`);
  return stats.nlink > 1 ? { kind: 'in-place', target } : { kind: 'replace', target, original: stats };
}

/**
 * Checks that `path` can take a report, without writing anything: the CLI calls it before
 * reading its inputs, so a read-only `--out` fails in a second rather than after the report.
 */
export function checkOutputPath(path: string): void {
  plan(path);
}

/** Sleeps `ms` milliseconds without an event loop (a full non-blocking stdout). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes all of `bytes` to `fd`, waiting while a non-blocking descriptor is full. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      if (errorCode(error) !== 'EAGAIN') throw error;
      pause(5);
    }
  }
}

function writeSpecial(path: string, bytes: Uint8Array, stats: Stats): void {
  let fd: number;
  try {
    // No O_CREAT: if the device or FIFO went away meanwhile, fail rather than create a file there.
    fd = openSync(path, constants.O_WRONLY | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    if (errorCode(error) === 'ENXIO' && stats.isSocket()) {
      throw new OutputFileError(path, `${path} is a socket, which cannot be opened as a file: give a file path, or leave out --out to write to standard output`);
    }
    throw error;
  }
  try {
    writeAll(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

function writeInPlace(path: string, target: string, bytes: Uint8Array): void {
  const fd = openSync(target, constants.O_WRONLY);
  try {
    // Written over the old bytes, then cut to length: no moment with an empty file.
    writeAll(fd, bytes);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } catch (error) {
    throw new OutputFileError(
      path,
      `${path} could not be written (${errorCode(error)}); it has several hard links, so it is written in place and may now be incomplete: fix the cause and run again`,
    );
  } finally {
    closeSync(fd);
  }
}

function replace(target: string, bytes: Uint8Array, original: Stats | null): void {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // A replacement starts private (0600) and takes the original's mode once it is ours.
    fd = openSync(temporary, 'wx', original ? 0o600 : 0o666);
    if (original) {
      if (process.getuid?.() === 0) {
        try {
          fchownSync(fd, original.uid, original.gid);
        } catch {
          // best effort: some file systems (FAT, some network mounts) have no owners
        }
      }
      fchmodSync(fd, original.mode & 0o7777);
    }
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    throw error;
  }
}

/**
 * Writes `text` (UTF-8) to `path` by the rules of this module's comment: a new or regular file
 * is replaced atomically keeping its mode, anything else is written in place or refused, and
 * nothing that is not a regular file is ever replaced.
 *
 * @example
 * writeOutputFile('reports/drift.json', renderJson(report));
 */
export function writeOutputFile(path: string, text: string): void {
  const how = plan(path);
  const bytes = Buffer.from(text, 'utf8');
  try {
    switch (how.kind) {
      case 'new':
        return replace(how.target, bytes, null);
      case 'replace':
        return replace(how.target, bytes, how.original);
      case 'in-place':
        return writeInPlace(path, how.target, bytes);
      case 'special':
        return writeSpecial(how.target, bytes, how.stats);
      case 'stream':
        return writeAll(how.fd, bytes);
    }
  } catch (error) {
    if (error instanceof OutputFileError) throw error;
    throw new OutputFileError(path, `${path} could not be written (${errorCode(error)}): check that its folder exists and is writable`);
  }
}
