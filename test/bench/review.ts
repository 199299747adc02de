// Code review benchmark: how long the review of a 1,000-line notebook takes once the grammar is
// loaded (issue 10's budget: 200 ms), beside the anchor: CPython's own `ast.parse` plus one walk
// over the same code, the least a Python-based analyzer would spend. Not a test: it prints figures.
//
//   npm run bench:review [-- --lines N] [--runs R]
//
// The notebook is made of realistic training cells (pandas, scikit-learn, XGBoost, Keras, a
// PyTorch loop, a FastAPI handler) repeated with fresh names until it has N lines of code.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createReviewer, notebookSource } from '../../src/core/review/index';

const { values: args } = parseArgs({ options: { lines: { type: 'string', default: '1000' }, runs: { type: 'string', default: '20' } } });
const targetLines = Number(args.lines);
const runs = Number(args.runs);

const CELLS = [
  (i: number) => `import numpy as np\nimport pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import accuracy_score, roc_auc_score\ndf_${i} = pd.read_csv("data/part_${i}.csv")\ndf_${i} = df_${i}.dropna(subset=["label"])\nprint(df_${i}.describe())`,
  (i: number) => `y_${i} = df_${i}["label"]\nX_${i} = df_${i}.drop(columns=["label", "user_id"])\nscaler_${i} = StandardScaler()\nX_${i}_scaled = scaler_${i}.fit_transform(X_${i})\nX_train_${i}, X_test_${i}, y_train_${i}, y_test_${i} = train_test_split(X_${i}_scaled, y_${i}, test_size=0.2, stratify=y_${i})`,
  (i: number) => `model_${i} = RandomForestClassifier(n_estimators=300, max_depth=12, n_jobs=-1)\nmodel_${i}.fit(X_train_${i}, y_train_${i})\nproba_${i} = model_${i}.predict_proba(X_test_${i})[:, 1]\nprint("auc", roc_auc_score(y_test_${i}, proba_${i}))\nprint("accuracy", accuracy_score(y_test_${i}, model_${i}.predict(X_test_${i})))\nfor depth in [4, 8, 12, 16]:\n    candidate = RandomForestClassifier(max_depth=depth, random_state=0)\n    candidate.fit(X_train_${i}, y_train_${i})\n    print(depth, candidate.score(X_train_${i}, y_train_${i}))`,
  (i: number) => `import torch\nfrom torch import nn\nnet_${i} = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 1))\noptimizer_${i} = torch.optim.Adam(net_${i}.parameters(), lr=1e-3)\nfor epoch in range(50):\n    for xb, yb in loader:\n        optimizer_${i}.zero_grad()\n        loss = nn.functional.binary_cross_entropy_with_logits(net_${i}(xb), yb)\n        loss.backward()\n        optimizer_${i}.step()\n    print(epoch, loss.item())`,
  (i: number) => `from fastapi import FastAPI\napp_${i} = FastAPI()\n@app_${i}.post("/predict_${i}")\ndef predict_${i}(payload: dict):\n    features = [(payload["age"] - 41.2) / 12.7, payload["income"] / 1000]\n    return {"score": float(model_${i}.predict_proba([features])[0, 1])}`,
];

function makeNotebook(target = targetLines): { json: string; lines: number } {
  const cells: { cell_type: string; metadata: object; source: string[]; outputs?: unknown[]; execution_count?: null }[] = [];
  let lines = 0;
  for (let i = 0; lines < target; i++) {
    const code = CELLS[i % CELLS.length](Math.floor(i / CELLS.length));
    lines += code.split('\n').length;
    cells.push({ cell_type: 'markdown', metadata: {}, source: [`## Step ${i}`] });
    cells.push({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: code.split('\n').map((line, index, all) => (index < all.length - 1 ? `${line}\n` : line)) });
  }
  return { json: JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }), lines };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const { json, lines } = makeNotebook();
  const loadStart = performance.now();
  const reviewer = await createReviewer();
  const loadMs = performance.now() - loadStart;
  const source = notebookSource('bench.ipynb', json);
  const times: number[] = [];
  let findings = 0;
  let firstMs = 0;
  for (let run = 0; run < runs + 3; run++) {
    const started = performance.now();
    findings = reviewer.review([source]).findings.length;
    if (run === 0) firstMs = performance.now() - started;
    if (run >= 3) times.push(performance.now() - started); // the first runs warm the JIT up
  }
  // Growth: the same cells four times over should take about four times as long (a rule that walks
  // the whole tree once per fact made 4,400 lines take 12 s once).
  const larger = notebookSource('bench4.ipynb', makeNotebook(targetLines * 4).json);
  const largerTimes = [0, 1, 2].map(() => {
    const started = performance.now();
    reviewer.review([larger]);
    return performance.now() - started;
  });
  const code = source.cells.filter((cell) => cell.kind === 'code').map((cell) => cell.text).join('\n');
  const anchor = spawnSync('/usr/bin/python3', ['-c', ANCHOR, String(runs)], { input: code, encoding: 'utf8' });
  console.log(`notebook: ${lines} lines of code in ${source.cells.length} cells; ${findings} findings`);
  console.log(`grammar load (once per process): ${loadMs.toFixed(0)} ms`);
  console.log(`review, median of ${runs} runs after warm-up: ${median(times).toFixed(1)} ms (budget 200 ms); slowest ${Math.max(...times).toFixed(1)} ms; the very first (cold JIT) ${firstMs.toFixed(0)} ms`);
  console.log(`four times the code (${targetLines * 4} lines): ${median(largerTimes).toFixed(1)} ms, ${(median(largerTimes) / median(times)).toFixed(1)}× the time`);
  if (anchor.status === 0) {
    const anchorMs = Number(anchor.stdout.trim());
    console.log(`anchor, CPython ast.parse + ast.walk of the same code, median: ${anchorMs.toFixed(1)} ms; ratio ours / anchor ${(median(times) / anchorMs).toFixed(2)}`);
  } else console.log(`anchor: /usr/bin/python3 failed (${anchor.stderr.trim().split('\n').at(-1)})`);
}

const ANCHOR = `
import ast, sys, time, statistics
code = sys.stdin.read()
times = []
for _ in range(int(sys.argv[1]) + 3):
    started = time.perf_counter()
    sum(1 for _ in ast.walk(ast.parse(code)))
    times.append((time.perf_counter() - started) * 1000)
print(statistics.median(times[3:]))
`;

void main();
