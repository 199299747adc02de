// The review's renderers on hand-built reports (the analyzer is not involved): the compiler-style
// text, the JSON that is the report itself, and SARIF 2.1.0 validated against the schema in
// test/fixtures/sarif/ (and a broken log that must fail it, so the validation can fail).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  headingAnchor,
  notebookPositions,
  pathToUriReference,
  renderReviewJson,
  renderReviewSarif,
  renderReviewText,
  REVIEW_RULES,
  REVIEW_SCHEMA_VERSION,
  type ReviewFinding,
  type ReviewReport,
} from '../../src/core/review/index';
import { sarifErrors } from './sarifSchema';

const range = (startLine: number, startColumn: number, endLine: number, endColumn: number) => ({ startLine, startColumn, endLine, endColumn });

const LEAK: ReviewFinding = {
  rule: 'test-rows-in-fit',
  severity: 'error',
  message: 'model.fit(X_test, y_test) fits on the test split made on line 8.',
  file: 'src/train model.py',
  range: range(14, 4, 14, 30),
  related: [{ message: 'the split that makes X_test', range: range(8, 0, 8, 60) }],
  fixes: [],
};
const SCALER: ReviewFinding = {
  rule: 'preprocessing-before-split',
  severity: 'warning',
  message: 'StandardScaler is fitted on all rows before the split on line 8.',
  file: 'src/train model.py',
  range: range(6, 0, 6, 34),
  fixes: [
    {
      title: 'Fit the scaler after the split',
      edits: [
        { range: range(6, 0, 7, 0), newText: '' },
        { range: range(8, 60, 8, 60), newText: '\nX_train = StandardScaler().fit_transform(X_train)' },
      ],
    },
  ],
};
const UNSEEDED: ReviewFinding = {
  rule: 'unseeded-randomness',
  severity: 'note',
  message: 'train_test_split draws without random_state.',
  file: 'notebooks/églantine #1.ipynb',
  cell: 4,
  range: range(2, 35, 2, 80),
  related: [{ message: 'the data it splits, read in cell 2', cell: 1, range: range(3, 0, 3, 25) }],
  fixes: [{ title: 'Add random_state=42', edits: [{ cell: 4, range: range(2, 79, 2, 79), newText: ', random_state=42' }] }],
};
const SKEW: ReviewFinding = {
  rule: 'serving-preprocessing-skew',
  severity: 'warning',
  message: 'The handler scales by hand (x - 3.2) / 1.4.',
  file: 'serve.py',
  range: range(21, 8, 21, 30),
  fixes: [],
};

const REPORT: ReviewReport = {
  schemaVersion: REVIEW_SCHEMA_VERSION,
  files: ['notebooks/églantine #1.ipynb', 'serve.py', 'src/train model.py', 'util.py'],
  findings: [UNSEEDED, SKEW, SCALER, LEAK],
  errors: [{ file: 'notebooks/broken.ipynb', message: 'notebooks/broken.ipynb is not a notebook: its JSON does not parse (Unexpected end of JSON input). Open it in Jupyter or VS Code and save it again.' }],
};

const EMPTY: ReviewReport = { schemaVersion: REVIEW_SCHEMA_VERSION, files: [], findings: [], errors: [] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- SARIF read back as plain JSON
const sarifOf = (report: ReviewReport): any => JSON.parse(renderReviewSarif(report, { toolVersion: '1.2.3' }));

describe('renderReviewText', () => {
  test('one compiler-style line per finding (columns from 1, notebook cells counted from 1), related places and fixes indented, the summary, then the files not reviewed', () => {
    assert.equal(
      renderReviewText(REPORT),
      [
        'notebooks/églantine #1.ipynb [cell 5]:2:36: note unseeded-randomness: train_test_split draws without random_state.',
        '    notebooks/églantine #1.ipynb [cell 2]:3:1: the data it splits, read in cell 2',
        '    fix: Add random_state=42',
        'serve.py:21:9: warning serving-preprocessing-skew: The handler scales by hand (x - 3.2) / 1.4.',
        'src/train model.py:6:1: warning preprocessing-before-split: StandardScaler is fitted on all rows before the split on line 8.',
        '    fix: Fit the scaler after the split',
        'src/train model.py:14:5: error test-rows-in-fit: model.fit(X_test, y_test) fits on the test split made on line 8.',
        '    src/train model.py:8:1: the split that makes X_test',
        '1 error, 2 warnings, 1 note in 4 files',
        '1 file could not be reviewed:',
        '  notebooks/broken.ipynb is not a notebook: its JSON does not parse (Unexpected end of JSON input). Open it in Jupyter or VS Code and save it again.',
        '',
      ].join('\n'),
    );
  });

  test('a clean review is the summary line alone, plurals included', () => {
    assert.equal(renderReviewText(EMPTY), '0 errors, 0 warnings, 0 notes in 0 files\n');
    assert.equal(renderReviewText({ ...EMPTY, files: ['a.py'] }), '0 errors, 0 warnings, 0 notes in 1 file\n');
  });

  test('a file error that does not name its file is prefixed with it', () => {
    const text = renderReviewText({ ...EMPTY, errors: [{ file: 'a.py', message: 'cannot be read (EACCES)' }] });
    assert.ok(text.endsWith('1 file could not be reviewed:\n  a.py: cannot be read (EACCES)\n'), text);
  });

  test('control characters in messages and paths print escaped, never raw', () => {
    const text = renderReviewText({ ...EMPTY, files: ['x'], findings: [{ ...SKEW, file: 'evil\x1b[2J.py', message: 'name \u202eflipped\x1b[31m' }] });
    // eslint-disable-next-line no-control-regex -- the characters under test
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.ok(text.startsWith('evil\\u001b[2J.py:21:9: warning serving-preprocessing-skew: name \\u202eflipped\\u001b[31m\n'), text);
  });
});

describe('renderReviewJson', () => {
  test('is the report itself, exactly (the contract of --format json)', () => {
    assert.deepEqual(JSON.parse(renderReviewJson(REPORT)), REPORT);
    assert.ok(renderReviewJson(REPORT).endsWith('}\n'));
  });
});

describe('renderReviewSarif', () => {
  test('a report with every severity, a notebook finding, related places and fixes is valid SARIF 2.1.0', () => {
    assert.deepEqual(sarifErrors(sarifOf(REPORT)), []);
    assert.deepEqual(sarifErrors(sarifOf(EMPTY)), []);
  });

  test('the validation can fail: a level SARIF does not have, a message without text, a raw space in a URI, a region without a start', () => {
    const broken = sarifOf(REPORT);
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].results[1].message.text;
    broken.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'src/train model.py';
    broken.runs[0].results[3].locations[0].physicalLocation.region = { startColumn: 3 };
    const errors = sarifErrors(broken);
    assert.ok(errors.some((e) => e.startsWith('/runs/0/results/0/level must be equal to one of the allowed values')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/runs/0/results/1/message')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/runs/0/results/2/locations/0/physicalLocation/artifactLocation/uri must match format "uri-reference"')), errors.join('\n'));
    assert.ok(errors.includes('/runs/0/results/3/locations/0/physicalLocation/region names no startLine, charOffset or byteOffset'), errors.join('\n'));
  });

  test('one run, GRADIENT as the driver with every rule: title, why, level, help naming the pattern section, tags', () => {
    const log = sarifOf(REPORT);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /^https:\/\/docs\.oasis-open\.org\/sarif\/sarif\/v2\.1\.0\/.*sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'GRADIENT');
    assert.equal(driver.version, '1.2.3');
    assert.equal(driver.informationUri, undefined, 'no network address to fetch');
    assert.deepEqual(
      driver.rules.map((rule: { id: string }) => rule.id),
      REVIEW_RULES.map((rule) => rule.id),
    );
    assert.deepEqual(driver.rules[1], {
      id: 'test-rows-in-fit',
      name: 'TestRowsInFit',
      shortDescription: { text: 'Test rows reach a fit' },
      fullDescription: { text: REVIEW_RULES[1].why },
      defaultConfiguration: { level: 'error' },
      help: {
        text: `${REVIEW_RULES[1].why}\n\nHow to prevent it: GRADIENT's pattern file patterns/data-pipeline.md#leakage-check, section "Leakage check" (snippet data-leakage-check).`,
        markdown: `${REVIEW_RULES[1].why}\n\nHow to prevent it: GRADIENT's pattern file \`patterns/data-pipeline.md#leakage-check\`, section *Leakage check* (snippet \`data-leakage-check\`).`,
      },
      properties: { tags: ['machine-learning', 'data-pipeline'] },
    });
    assert.deepEqual(
      driver.rules.map((rule: { defaultConfiguration: { level: string } }) => rule.defaultConfiguration.level),
      REVIEW_RULES.map((rule) => rule.severity),
    );
  });

  test("every rule's help names a heading that exists in its pattern file", () => {
    for (const rule of REVIEW_RULES) {
      const headings = readFileSync(join(__dirname, '../../patterns', rule.pattern.file), 'utf8')
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => headingAnchor(line.replace(/^#+ /, '')));
      assert.ok(headings.includes(headingAnchor(rule.pattern.section)), `${rule.id}: patterns/${rule.pattern.file} has no heading "${rule.pattern.section}"`);
    }
    assert.equal(headingAnchor('3. Training-serving skew report'), '3-training-serving-skew-report');
    assert.equal(headingAnchor('The candidate must beat the baseline'), 'the-candidate-must-beat-the-baseline');
  });

  test('a script finding: rule id and index, level, message, the relative URI encoded, 1-based columns with the end after the last character', () => {
    const log = sarifOf(REPORT);
    const leak = log.runs[0].results[3];
    assert.equal(leak.ruleId, 'test-rows-in-fit');
    assert.equal(log.runs[0].tool.driver.rules[leak.ruleIndex].id, 'test-rows-in-fit');
    assert.equal(leak.level, 'error');
    assert.equal(leak.message.text, LEAK.message);
    assert.deepEqual(leak.locations, [{ physicalLocation: { artifactLocation: { uri: 'src/train%20model.py' }, region: { startLine: 14, startColumn: 5, endLine: 14, endColumn: 31 } } }]);
    assert.deepEqual(leak.relatedLocations, [
      { id: 1, physicalLocation: { artifactLocation: { uri: 'src/train%20model.py' }, region: { startLine: 8, startColumn: 1, endLine: 8, endColumn: 61 } }, message: { text: 'the split that makes X_test' } },
    ]);
    assert.equal(leak.fixes, undefined, 'no fix, no empty list');
    assert.deepEqual(
      log.runs[0].results.map((result: { level: string }) => result.level),
      ['note', 'warning', 'warning', 'error'],
    );
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
  });

  test("a script's fix is a SARIF fix: each edit a replacement of its region with its text", () => {
    const scaler = sarifOf(REPORT).runs[0].results[2];
    assert.deepEqual(scaler.fixes, [
      {
        description: { text: 'Fit the scaler after the split' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'src/train%20model.py' },
            replacements: [
              { deletedRegion: { startLine: 6, startColumn: 1, endLine: 7, endColumn: 1 }, insertedContent: { text: '' } },
              { deletedRegion: { startLine: 8, startColumn: 61, endLine: 8, endColumn: 61 }, insertedContent: { text: '\nX_train = StandardScaler().fit_transform(X_train)' } },
            ],
          },
        ],
      },
    ]);
  });

  test("a notebook finding without the notebook's map: the notebook file at its first line, the cell and its region in the message and properties, no fix", () => {
    const unseeded = sarifOf(REPORT).runs[0].results[0];
    assert.equal(unseeded.message.text, 'cell 5, line 2, column 36: train_test_split draws without random_state.');
    assert.deepEqual(unseeded.locations, [
      {
        physicalLocation: { artifactLocation: { uri: 'notebooks/%C3%A9glantine%20%231.ipynb' }, region: { startLine: 1 } },
        properties: { cell: 5, cellRegion: { startLine: 2, startColumn: 36, endLine: 2, endColumn: 81 } },
      },
    ]);
    assert.deepEqual(unseeded.relatedLocations[0].properties, { cell: 2, cellRegion: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 26 } });
    assert.equal(unseeded.relatedLocations[0].message.text, 'cell 2, line 3, column 1: the data it splits, read in cell 2');
    assert.equal(unseeded.fixes, undefined, "a cell's edit is not an edit of the notebook's JSON");
  });

  test("with the notebook's map, a notebook finding's region is where its code is in the .ipynb file", () => {
    const split = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)  # "holdout"';
    const cells = [
      { cell_type: 'markdown', metadata: {}, source: ['# Churn'] },
      { cell_type: 'code', metadata: {}, outputs: [], execution_count: 1, source: ['import pandas as pd\n', '\n', 'df = pd.read_csv("churn.csv")'] },
      { cell_type: 'markdown', metadata: {}, source: ['Features'] },
      { cell_type: 'code', metadata: {}, outputs: [], execution_count: 2, source: ['y = df.pop("churned")'] },
      { cell_type: 'code', metadata: {}, outputs: [], execution_count: 3, source: ['X = df\n', split] },
    ];
    const file = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }, null, 1) + '\n';
    const log = JSON.parse(renderReviewSarif(REPORT, { toolVersion: '1.2.3', notebooks: new Map([[UNSEEDED.file, notebookPositions(file)!]]) }));
    assert.deepEqual(sarifErrors(log), []);
    const [result] = log.runs[0].results;
    const lines = file.split('\n');
    const textAt = (region: { startLine: number; startColumn: number; endLine: number; endColumn: number }) => {
      assert.equal(region.startLine, region.endLine);
      return JSON.parse(`"${lines[region.startLine - 1].slice(region.startColumn - 1, region.endColumn - 1)}"`);
    };
    const region = result.locations[0].physicalLocation.region;
    assert.equal(lines[region.startLine - 1].trim(), JSON.stringify(split), 'the line of the file that holds the cell line');
    assert.equal(textAt(region), split.slice(35, 80));
    assert.equal(textAt(result.relatedLocations[0].physicalLocation.region), 'df = pd.read_csv("churn.csv")'.slice(0, 25));
    assert.deepEqual(result.locations[0].properties, { cell: 5, cellRegion: { startLine: 2, startColumn: 36, endLine: 2, endColumn: 81 } });
    assert.equal(result.message.text, 'cell 5, line 2, column 36: train_test_split draws without random_state.');
  });

  test('files that could not be reviewed are error notifications, and the invocation did not fully succeed', () => {
    const [invocation] = sarifOf(REPORT).runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications, [
      { level: 'error', message: { text: REPORT.errors[0].message }, locations: [{ physicalLocation: { artifactLocation: { uri: 'notebooks/broken.ipynb' } } }] },
    ]);
    assert.equal(sarifOf(EMPTY).runs[0].invocations[0].executionSuccessful, true);
  });

  test('pathToUriReference: each `/`-separated segment percent-encoded, a colon never read as a scheme', () => {
    assert.equal(pathToUriReference('nb/a b#1.ipynb'), 'nb/a%20b%231.ipynb');
    assert.equal(pathToUriReference('odd\\name.py'), 'odd%5Cname.py', 'a backslash is part of a name on POSIX; the CLI gives / separators');
    assert.equal(pathToUriReference('c:odd/100%.py'), 'c%3Aodd/100%25.py');
    assert.equal(pathToUriReference('../sibling/x.py'), '../sibling/x.py');
  });
});
