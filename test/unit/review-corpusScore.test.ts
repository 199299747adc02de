// The labelled-corpus score behind `gradient review --expect FILE`: matching by (file, cell, rule,
// line), counts, precision and recall per rule and overall, and the checks on the labels file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CorpusExpectationError,
  parseCorpusExpectation,
  renderCorpusScoreJson,
  renderCorpusScoreText,
  reviewRule,
  scoreCorpus,
  type ExpectedFinding,
  type ReviewFinding,
  type ReviewRuleId,
} from '../../src/core/review/index';

function finding(file: string, rule: ReviewRuleId, line: number, cell?: number, message = `${rule} here`): ReviewFinding {
  return { rule, severity: reviewRule(rule).severity, message, file, ...(cell !== undefined ? { cell } : {}), range: { startLine: line, startColumn: 0, endLine: line, endColumn: 5 }, fixes: [] };
}

const label = (file: string, rule: ReviewRuleId, line: number, cell?: number): ExpectedFinding => ({ file, rule, line, ...(cell !== undefined ? { cell } : {}) });

describe('scoreCorpus', () => {
  test('a finding matches a label with the same file, rule and line: TP; unlabelled findings are FP, unmatched labels FN', () => {
    const score = scoreCorpus(
      [finding('a.py', 'test-rows-in-fit', 12), finding('a.py', 'test-rows-in-fit', 30), finding('b.py', 'unseeded-randomness', 4)],
      [label('a.py', 'test-rows-in-fit', 12), label('a.py', 'test-rows-in-fit', 40), label('b.py', 'label-in-features', 9)],
    );
    assert.deepEqual(score.overall, { rule: 'overall', truePositives: 1, falsePositives: 2, falseNegatives: 2, precision: 1 / 3, recall: 1 / 3 });
    const leak = score.rules.find((rule) => rule.rule === 'test-rows-in-fit');
    assert.deepEqual(leak, { rule: 'test-rows-in-fit', truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5 });
    assert.deepEqual(score.falsePositives, [
      { file: 'a.py', rule: 'test-rows-in-fit', line: 30, message: 'test-rows-in-fit here' },
      { file: 'b.py', rule: 'unseeded-randomness', line: 4, message: 'unseeded-randomness here' },
    ]);
    assert.deepEqual(score.falseNegatives, [label('a.py', 'test-rows-in-fit', 40), label('b.py', 'label-in-features', 9)]);
  });

  test('another line, another rule or another file is no match', () => {
    const score = scoreCorpus([finding('a.py', 'test-rows-in-fit', 12)], [label('a.py', 'test-rows-in-fit', 13), label('a.py', 'label-in-features', 12), label('c.py', 'test-rows-in-fit', 12)]);
    assert.equal(score.overall.truePositives, 0);
    assert.equal(score.overall.falsePositives, 1);
    assert.equal(score.overall.falseNegatives, 3);
  });

  test('notebooks: labels index cells from 0, as findings do; another cell is no match', () => {
    const score = scoreCorpus(
      [finding('nb.ipynb', 'unseeded-randomness', 2, 2), finding('nb.ipynb', 'unseeded-randomness', 2, 4)],
      [label('nb.ipynb', 'unseeded-randomness', 2, 2), label('nb.ipynb', 'unseeded-randomness', 2, 3)],
    );
    assert.equal(score.overall.truePositives, 1);
    assert.deepEqual(score.falsePositives, [{ file: 'nb.ipynb', rule: 'unseeded-randomness', line: 2, cell: 4, message: 'unseeded-randomness here' }]);
    assert.deepEqual(score.falseNegatives, [label('nb.ipynb', 'unseeded-randomness', 2, 3)]);
  });

  test('several findings of one rule on one line count once, as do repeated labels', () => {
    const twice = finding('a.py', 'unseeded-randomness', 7);
    const score = scoreCorpus([twice, { ...twice, range: { ...twice.range, startColumn: 20, endColumn: 30 } }, finding('a.py', 'unseeded-randomness', 8), finding('a.py', 'unseeded-randomness', 8)], [label('a.py', 'unseeded-randomness', 7), label('a.py', 'unseeded-randomness', 7)]);
    assert.deepEqual(score.overall, { rule: 'overall', truePositives: 1, falsePositives: 1, falseNegatives: 0, precision: 0.5, recall: 1 });
  });

  test('precision is null when a rule reported nothing, recall null when nothing of it is labelled; every rule is listed', () => {
    const score = scoreCorpus([], []);
    assert.equal(score.rules.length, 9);
    assert.deepEqual(score.overall, { rule: 'overall', truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: null, recall: null });
    const onlyMissed = scoreCorpus([], [label('a.py', 'no-early-stopping', 3)]).rules.find((rule) => rule.rule === 'no-early-stopping');
    assert.deepEqual(onlyMissed, { rule: 'no-early-stopping', truePositives: 0, falsePositives: 0, falseNegatives: 1, precision: null, recall: 0 });
  });

  test('rules that did not run (--disable) are neither found nor missed', () => {
    const rules = (['test-rows-in-fit'] as const).slice();
    const score = scoreCorpus([finding('a.py', 'unseeded-randomness', 1)], [label('a.py', 'unseeded-randomness', 1), label('a.py', 'label-in-features', 2), label('a.py', 'test-rows-in-fit', 3)], rules);
    assert.deepEqual(
      score.rules.map((rule) => rule.rule),
      ['test-rows-in-fit'],
    );
    assert.deepEqual(score.overall, { rule: 'overall', truePositives: 0, falsePositives: 0, falseNegatives: 1, precision: null, recall: 0 });
  });
});

describe('parseCorpusExpectation', () => {
  test('reads the files map: scripts by line, notebooks by cell and line, and every file named, unlabelled ones too', () => {
    assert.deepEqual(
      parseCorpusExpectation({ files: { 'a.py': [{ rule: 'test-rows-in-fit', line: 12 }], 'nb/x.ipynb': [{ rule: 'unseeded-randomness', cell: 3, line: 2 }], 'clean.py': [] } }, 'labels.json'),
      { files: ['a.py', 'nb/x.ipynb', 'clean.py'], labels: [label('a.py', 'test-rows-in-fit', 12), label('nb/x.ipynb', 'unseeded-randomness', 2, 3)] },
    );
  });

  test('refuses what would score wrongly, naming the file, the entry and what to write', () => {
    const cases: [unknown, string][] = [
      [[], 'labels.json has no "files" object: write { "files": { "path/to/file.py": [ { "rule": "test-rows-in-fit", "line": 12 } ] } }'],
      [{ files: { 'a.py': { rule: 'test-rows-in-fit', line: 1 } } }, 'labels.json: "a.py" must list its expected findings in [ ], not {"rule":"test-rows-in-fit","line":1}'],
      [{ files: { 'a.py': [7] } }, 'labels.json: "a.py" entry 1 must be an object like { "rule": "test-rows-in-fit", "line": 12 }'],
      [{ files: { 'a.py': [{ rule: 'test-rows-in-fit', line: 1, col: 4 }] } }, 'labels.json: "a.py" entry 1 has "col": an entry has "rule", "line" and, in a notebook, "cell"'],
      [
        { files: { 'a.py': [{ rule: 'leakage', line: 1 }] } },
        'labels.json: "a.py" entry 1: "leakage" is not a rule: the rules are test-split-in-tuning, test-rows-in-fit, label-in-features, preprocessing-before-split, train-only-evaluation, serving-without-fallback, serving-preprocessing-skew, no-early-stopping, unseeded-randomness',
      ],
      [{ files: { 'a.py': [{ rule: 'test-rows-in-fit', line: 0 }] } }, 'labels.json: "a.py" entry 1: "line" must be a whole number from 1, not 0'],
      [{ files: { 'a.py': [{ rule: 'test-rows-in-fit', line: '3' }] } }, 'labels.json: "a.py" entry 1: "line" must be a whole number from 1, not "3"'],
      [{ files: { 'n.ipynb': [{ rule: 'test-rows-in-fit', line: 3 }] } }, 'labels.json: "n.ipynb" entry 1: a notebook\'s entry needs "cell", the cell\'s index from 0 (markdown cells count), not undefined'],
      [{ files: { 'n.ipynb': [{ rule: 'test-rows-in-fit', line: 3, cell: -1 }] } }, 'labels.json: "n.ipynb" entry 1: a notebook\'s entry needs "cell", the cell\'s index from 0 (markdown cells count), not -1'],
      [{ files: { 'a.py': [{ rule: 'test-rows-in-fit', line: 3, cell: 1 }] } }, 'labels.json: "a.py" entry 1: "cell" is only for notebooks (.ipynb); a.py is a script'],
    ];
    for (const [json, message] of cases) {
      assert.throws(() => parseCorpusExpectation(json, 'labels.json'), (error: unknown) => error instanceof CorpusExpectationError && error.message === message, message);
    }
  });
});

describe('renderCorpusScore', () => {
  const score = scoreCorpus(
    [finding('a.py', 'test-rows-in-fit', 12), finding('a.py', 'test-rows-in-fit', 30), finding('nb.ipynb', 'unseeded-randomness', 2, 2)],
    [label('a.py', 'test-rows-in-fit', 12), label('b.py', 'label-in-features', 9)],
  );

  test('text: a table per rule and overall, then the false positives and negatives as file:line rule', () => {
    const text = renderCorpusScoreText(score);
    const lines = text.split('\n');
    assert.equal(lines[0], 'rule                           TP     FP     FN   precision      recall');
    assert.equal(lines[2], 'test-rows-in-fit                1      1      0        0.50        1.00');
    assert.equal(lines[3], 'label-in-features               0      0      1           —        0.00');
    assert.equal(lines[10], 'overall                         1      2      1        0.33        0.50');
    assert.ok(text.endsWith(['', 'False positives (2):', '  a.py:30 test-rows-in-fit', '  nb.ipynb [cell 3]:2 unseeded-randomness', '', 'False negatives (1):', '  b.py:9 label-in-features', ''].join('\n')), text);
  });

  test('JSON: the score object, nulls where a rate is undefined', () => {
    const json = JSON.parse(renderCorpusScoreJson(score));
    assert.deepEqual(json, JSON.parse(JSON.stringify(score)));
    assert.equal(json.rules.find((rule: { rule: string }) => rule.rule === 'label-in-features').precision, null);
  });
});
