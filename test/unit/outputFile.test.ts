// Where reports are written (src/outputFile.ts), shared by the CLI's --out and the editor's
// export: one sameFile for "is this an input?", and the writer's rules on real files in a
// temporary folder. The CLI's own tests (cli.test.ts) run the same rules end to end, FIFOs,
// devices, /dev/null and /dev/stdout included.
import assert from 'node:assert/strict';
import { chmodSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { OutputFileError, checkOutputPath, sameFile, writeOutputFile } from '../../src/outputFile';

const dir = mkdtempSync(join(tmpdir(), 'gradient-output-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('sameFile: the same path spelled two ways, a symbolic link and a hard link are the same file; a copy and a missing path are not (issue 8)', () => {
  const data = join(dir, 'train.csv');
  writeFileSync(data, 'a,b\n1,2\n');
  const hardLink = join(dir, 'workspace-train.csv');
  linkSync(data, hardLink); // what a DVC workspace with cache.type=hardlink looks like
  const symbolic = join(dir, 'latest.csv');
  symlinkSync('train.csv', symbolic);
  const copy = join(dir, 'copy.csv');
  writeFileSync(copy, 'a,b\n1,2\n');
  assert.equal(sameFile(data, join(dir, '.', 'sub', '..', 'train.csv')), true);
  assert.equal(sameFile(relative(process.cwd(), data), data), true);
  assert.equal(sameFile(symbolic, data), true);
  assert.equal(sameFile(hardLink, data), true, 'a hard link has its own real path but the same device and inode');
  assert.equal(sameFile(copy, data), false);
  assert.equal(sameFile(join(dir, 'report.json'), data), false);
  assert.equal(sameFile(join(dir, 'report.json'), join(dir, 'report.json')), true);
});

test('writeOutputFile replaces a regular file keeping its mode, writes a hard-linked one in place, and follows a link (issue 8)', () => {
  const file = join(dir, 'mode.json');
  writeFileSync(file, 'old');
  chmodSync(file, 0o600);
  writeOutputFile(file, 'new ✓');
  assert.equal(readFileSync(file, 'utf8'), 'new ✓');
  assert.equal(statSync(file).mode & 0o7777, 0o600);
  const linked = join(dir, 'linked.json');
  const other = join(dir, 'other-name.json');
  writeFileSync(linked, 'a longer old report than the new one');
  linkSync(linked, other);
  writeOutputFile(linked, 'short');
  assert.equal(readFileSync(other, 'utf8'), 'short', 'truncated to the new length, seen under both names');
  assert.equal(statSync(other).ino, statSync(linked).ino);
  const target = join(dir, 'target.json');
  writeFileSync(target, 'old');
  const link = join(dir, 'link.json');
  symlinkSync('target.json', link);
  writeOutputFile(link, 'through the link');
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(target, 'utf8'), 'through the link');
  const created = join(dir, 'new.json');
  writeOutputFile(created, '{}');
  assert.equal(readFileSync(created, 'utf8'), '{}');
  assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), []);
});

test('writeOutputFile refuses a read-only file, a folder, a dangling link and a missing folder with one sentence naming the path (issue 8)', () => {
  const refused = (path: string, message: string) => {
    assert.throws(() => checkOutputPath(path), (error: unknown) => error instanceof OutputFileError && error.message === message && error.path === path);
    assert.throws(() => writeOutputFile(path, 'x'), (error: unknown) => error instanceof OutputFileError && error.message === message);
  };
  const readOnly = join(dir, 'read-only.json');
  writeFileSync(readOnly, 'keep');
  chmodSync(readOnly, 0o444);
  refused(readOnly, `${readOnly} is read-only: make it writable (chmod u+w ${readOnly}), or give another path`);
  assert.equal(readFileSync(readOnly, 'utf8'), 'keep');
  const folder = join(dir, 'folder');
  mkdirSync(folder);
  refused(folder, `${folder} is a folder: give a file path, e.g. ${join(folder, 'report.json')}`);
  const dangling = join(dir, 'dangling.json');
  symlinkSync('missing/target.json', dangling);
  refused(dangling, `${dangling} is a symbolic link to missing/target.json, which does not exist: create that file first, or give another path`);
  const nowhere = join(dir, 'no-folder', 'r.json');
  refused(nowhere, `${nowhere} could not be written (ENOENT): check that its folder exists and is writable`);
});
