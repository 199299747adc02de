// The ignore comment the editor's "Disable <rule> for this line" writes: where it goes, how it
// merges into one already there, when none is written, and that the review then stays silent.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createReviewer, ignoreCommentEdit, scriptSource, type LineEdit } from '../../src/core/review/index';

const apply = (line: string, edit: LineEdit) => line.slice(0, edit.start) + edit.newText + line.slice(edit.end);

test('a line without a comment gets "  # gradient: ignore[rule]" at its end, trailing blanks replaced', () => {
  const line = 'a, b = train_test_split(X)   ';
  assert.equal(apply(line, ignoreCommentEdit(line, 'unseeded-randomness')!), 'a, b = train_test_split(X)  # gradient: ignore[unseeded-randomness]');
  assert.equal(apply('', ignoreCommentEdit('', 'unseeded-randomness')!), '# gradient: ignore[unseeded-randomness]');
});

test('another comment on the line stays; the ignore comment follows it', () => {
  const line = 'a, b = train_test_split(X)  # the quick split';
  assert.equal(apply(line, ignoreCommentEdit(line, 'unseeded-randomness')!), 'a, b = train_test_split(X)  # the quick split  # gradient: ignore[unseeded-randomness]');
});

test('an ignore comment for other rules gets the rule added to its list', () => {
  const line = 'a, b = split(X)  # gradient: ignore[label-in-features]';
  const edit = ignoreCommentEdit(line, 'unseeded-randomness');
  assert.deepEqual(edit, { start: 17, end: 54, newText: '# gradient: ignore[label-in-features, unseeded-randomness]' });
  assert.equal(apply(line, edit!), 'a, b = split(X)  # gradient: ignore[label-in-features, unseeded-randomness]');
});

test('no edit when the line already ignores the rule or every rule, or continues with a backslash', () => {
  assert.equal(ignoreCommentEdit('a = split(X)  # gradient: ignore[unseeded-randomness]', 'unseeded-randomness'), undefined);
  assert.equal(ignoreCommentEdit('a = split(X)  # gradient:ignore[test-rows-in-fit,unseeded-randomness]', 'unseeded-randomness'), undefined);
  assert.equal(ignoreCommentEdit('a = split(X)  # gradient: ignore', 'unseeded-randomness'), undefined);
  assert.equal(ignoreCommentEdit('a = split(X, \\', 'unseeded-randomness'), undefined);
});

test('the review reads the comment it writes: the finding on that line is gone, the others stay', async () => {
  const reviewer = await createReviewer();
  const lines = ['from sklearn.model_selection import train_test_split', 'a, b = train_test_split(X)', 'c, d = train_test_split(X)'];
  const findings = () => reviewer.review([scriptSource('t.py', lines.join('\n'))]).findings.map((finding) => `${finding.rule}@${finding.range.startLine}`);
  assert.deepEqual(findings(), ['unseeded-randomness@2', 'unseeded-randomness@3']);
  lines[1] = apply(lines[1], ignoreCommentEdit(lines[1], 'unseeded-randomness')!);
  assert.deepEqual(findings(), ['unseeded-randomness@3']);
});
