import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { orderedChecklist, orderedSnippetGroups, snippetBodyFor } from '../../src/core/lifecycle/ordering';
import { formatAssessment, isAssessment, STAGES } from '../../src/core/lifecycle/stages';
import { buildCatalog } from '../../src/core/patterns/buildCatalog';

const sample = readFileSync(join(__dirname, '../fixtures/patterns/sample.md'), 'utf8');
const training = `---
title: Training
stages: [C]
---
## How the constraint shapes this stage
- **accuracy** — a.
- **latency** — b.
- **cost** — c.
- **reliability** — d.
## Checklist
- [ ] Baseline first
\`\`\`yaml
# @snippet: hpo
# @title: Search
# @description: d
# @stages: C
# @constraints: cost
# @target: configs/hpo.yaml
# @defaults.cost: 1=20
n_trials: \${1:50}
\`\`\`
`;
const catalog = buildCatalog([
  { name: 'model-serving.md', text: sample.replace('title: Sample serving patterns', 'title: Serving') },
  { name: 'model-training.md', text: training },
]);

test('orderedSnippetGroups puts the stage pattern file first and constraint snippets first inside it', () => {
  const groups = orderedSnippetGroups(catalog, { stage: 'E', constraint: 'latency' });
  assert.deepEqual(groups.map((g) => g.patternFile.file), ['model-serving.md', 'model-training.md']);
  assert.deepEqual(groups[0].snippets.map((s) => s.id), ['sample-p99', 'sample-fallback']);
  const reliability = orderedSnippetGroups(catalog, { stage: 'E', constraint: 'reliability' });
  assert.deepEqual(reliability[0].snippets.map((s) => s.id), ['sample-fallback', 'sample-p99']);
});

test('orderedSnippetGroups without an assessment follows the lifecycle order', () => {
  assert.deepEqual(orderedSnippetGroups(catalog).map((g) => g.patternFile.file), ['model-training.md', 'model-serving.md']);
  assert.deepEqual(orderedSnippetGroups(catalog, { stage: 'C', constraint: 'accuracy' })[0].patternFile.file, 'model-training.md');
});

test('orderedChecklist puts the items tagged with the constraint first, stably', () => {
  assert.deepEqual(orderedChecklist(catalog, { stage: 'E', constraint: 'reliability' }).map((i) => i.text), [
    'Fallback tested',
    'Input schema validated',
    'P99 under budget',
  ]);
  assert.deepEqual(orderedChecklist(catalog, { stage: 'E', constraint: 'latency' }).map((i) => i.text), [
    'P99 under budget',
    'Fallback tested',
    'Input schema validated',
  ]);
  assert.deepEqual(orderedChecklist(catalog, { stage: 'A', constraint: 'cost' }), []);
});

test('snippetBodyFor applies the constraint defaults and leaves other constraints alone', () => {
  const hpo = catalog.patternFiles[1].snippets[0];
  assert.equal(snippetBodyFor(hpo, 'cost'), '# gradient: hpo\nn_trials: ${1:20}\n');
  assert.equal(snippetBodyFor(hpo, 'accuracy'), '# gradient: hpo\nn_trials: ${1:50}\n');
  assert.equal(snippetBodyFor(hpo), '# gradient: hpo\nn_trials: ${1:50}\n');
});

test('stages carry the seed wording and map A/B to the data pipeline, G to debugging', () => {
  assert.equal(STAGES.length, 7);
  assert.equal(STAGES[4].label, 'Model serving / inference');
  assert.deepEqual(STAGES.map((s) => s.patternFile), [
    'data-pipeline.md', 'data-pipeline.md', 'model-training.md', 'model-evaluation.md', 'model-serving.md', 'mlops.md', 'debugging.md',
  ]);
  assert.equal(formatAssessment({ stage: 'E', constraint: 'latency' }), 'E · latency');
  assert.equal(isAssessment({ stage: 'E', constraint: 'latency' }), true);
  assert.equal(isAssessment({ stage: 'H', constraint: 'latency' }), false);
  assert.equal(isAssessment({ stage: 'E', constraint: 'speed' }), false);
  assert.equal(isAssessment(null), false);
});
