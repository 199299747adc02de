// The review's rules on small programs: each rule with code it must flag (the rule and the line)
// and code that looks alike but is fine, plus notebooks, ignore comments and the fixes applied to
// the text. The labelled corpus (test/fixtures/review/corpus) measures precision and recall on
// realistic files; these tests pin each decision down.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createReviewer, notebookSource, type Reviewer, type ReviewFinding, type ReviewFix, type ReviewRuleId, scriptSource } from '../../src/core/review/index';

let reviewer: Reviewer;
before(async () => {
  reviewer = await createReviewer();
});

function review(code: string, disabled: ReviewRuleId[] = []): ReviewFinding[] {
  return [...reviewer.review([scriptSource('train.py', code)], { disabled }).findings];
}

/** The findings as `rule@line`, sorted. */
function found(code: string): string[] {
  return review(code).map((finding) => `${finding.rule}@${finding.range.startLine}`);
}

function only(code: string, rule: ReviewRuleId): number[] {
  return review(code)
    .filter((finding) => finding.rule === rule)
    .map((finding) => finding.range.startLine);
}

/** Applies a fix's edits (original coordinates, applied from the last) to the text. */
function applyFix(code: string, fix: ReviewFix): string {
  const lines = code.split('\n');
  const offset = (line: number, column: number) => lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column;
  const edits = fix.edits.map((edit) => ({ start: offset(edit.range.startLine, edit.range.startColumn), end: offset(edit.range.endLine, edit.range.endColumn), text: edit.newText })).sort((a, b) => b.start - a.start);
  let text = code;
  for (const edit of edits) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

const HEADER = `import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split, cross_val_score
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
np.random.seed(0)
df = pd.read_csv("data.csv")
y = df["label"]
X = df.drop(columns=["label"])
`; // 10 lines: tests' own code starts at line 11

describe('preprocessing-before-split', () => {
  test('a scaler fitted on all rows before train_test_split', () => {
    const code = `${HEADER}X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=1)
`;
    assert.deepEqual(only(code, 'preprocessing-before-split'), [11]);
  });

  test('a scaler fitted on all rows and applied to the test split later', () => {
    const code = `${HEADER}scaler = StandardScaler()
scaler.fit(X)
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
X_test_s = scaler.transform(X_test)
`;
    assert.deepEqual(only(code, 'preprocessing-before-split'), [12]);
  });

  test('preprocessing outside cross_val_score', () => {
    const code = `${HEADER}Xs = StandardScaler().fit_transform(X)
print(cross_val_score(LogisticRegression(), Xs, y).mean())
`;
    assert.deepEqual(only(code, 'preprocessing-before-split'), [11]);
  });

  test('clean: fitted on the training split, or inside a Pipeline given to cross_val_score', () => {
    const fitOnTrain = `${HEADER}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
scaler = StandardScaler().fit(X_train)
X_train = scaler.transform(X_train)
X_test = scaler.transform(X_test)
`;
    assert.deepEqual(found(fitOnTrain), []);
    const pipeline = `${HEADER}from sklearn.pipeline import make_pipeline
model = make_pipeline(StandardScaler(), LogisticRegression())
print(cross_val_score(model, X, y, cv=5).mean())
`;
    assert.deepEqual(found(pipeline), []);
    const stateless = `${HEADER}X_log = np.log1p(X)
X_train, X_test, y_train, y_test = train_test_split(X_log, y, random_state=1)
`;
    assert.deepEqual(found(stateless), []);
  });

  test('the fix moves the fit after the split, and the fixed code is clean', () => {
    const code = `${HEADER}X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=1)
`;
    const finding = review(code).find((candidate) => candidate.rule === 'preprocessing-before-split')!;
    assert.equal(finding.fixes.length, 1);
    const fixed = applyFix(code, finding.fixes[0]);
    assert.equal(
      fixed,
      `${HEADER}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
standard_scaler = StandardScaler()
X_train = standard_scaler.fit_transform(X_train)
X_test = standard_scaler.transform(X_test)
`,
    );
    assert.deepEqual(found(fixed), []);
  });

  test('no fix when the scaled matrix is used elsewhere too', () => {
    const code = `${HEADER}X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=1)
print(X_scaled.shape)
`;
    assert.deepEqual(review(code).find((finding) => finding.rule === 'preprocessing-before-split')!.fixes, []);
  });
});

describe('test-rows-in-fit', () => {
  test('a fit on the test split, a selector before the split, SMOTE before the split', () => {
    const onTest = `${HEADER}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
model = LogisticRegression()
model.fit(X_test, y_test)
print(accuracy_score(y_test, model.predict(X_test)))
`;
    assert.deepEqual(only(onTest, 'test-rows-in-fit'), [13]);
    const selector = `${HEADER}from sklearn.feature_selection import SelectKBest
X_best = SelectKBest(k=10).fit_transform(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_best, y, random_state=1)
`;
    assert.deepEqual(only(selector, 'test-rows-in-fit'), [12]);
    const smote = `${HEADER}from imblearn.over_sampling import SMOTE
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, random_state=1)
`;
    assert.deepEqual(only(smote, 'test-rows-in-fit'), [12]);
  });

  test('a fit on train and test concatenated, then evaluated on test', () => {
    const code = `${HEADER}train = pd.read_csv("train.csv")
test = pd.read_csv("test.csv")
enc = StandardScaler().fit(pd.concat([train, test]))
model = LogisticRegression().fit(enc.transform(train), train.pop("y"))
print(model.score(enc.transform(test), test["y"]))
`;
    assert.deepEqual(only(code, 'test-rows-in-fit'), [13]);
  });

  test('clean: predicting and transforming the test split; the final refit on all rows after evaluating', () => {
    const code = `${HEADER}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
model = LogisticRegression().fit(X_train, y_train)
print(accuracy_score(y_test, model.predict(X_test)))
final = LogisticRegression().fit(pd.concat([X_train, X_test]), pd.concat([y_train, y_test]))
`;
    assert.deepEqual(found(code), []);
  });
});

describe('what names hold', () => {
  test('a loop over (train, test) pairs binds each position; counts and paths named "test" hold no rows', () => {
    const code = `${HEADER}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
for part_train, part_test in [(X_train, X_test), (X_train.values, X_test.values)]:
    LogisticRegression().fit(part_train, y_train)
n_test = 200
X_extra = make_data(n_samples=n_test)
LogisticRegression().fit(X_extra, y_train)
`;
    assert.deepEqual(found(code), []);
  });

  test('a Keras-looking Model() in a file without Keras is not a Keras model', () => {
    assert.deepEqual(found('reg = Model(**params).fit(X, y, epochs=10)\n'), []);
  });
});

describe('test-split-in-tuning', () => {
  test('eval_set and validation_data on the test split', () => {
    const xgb = `${HEADER}from xgboost import XGBClassifier
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
model = XGBClassifier(early_stopping_rounds=10)
model.fit(X_train, y_train, eval_set=[(X_test, y_test)])
`;
    assert.deepEqual(only(xgb, 'test-split-in-tuning'), [14]);
    const keras = `${HEADER}from tensorflow import keras
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
model = keras.Sequential([keras.layers.Dense(1)])
model.fit(X_train, y_train, epochs=50, validation_data=(X_test, y_test), callbacks=[keras.callbacks.EarlyStopping(patience=10)])
`;
    assert.deepEqual(only(keras, 'test-split-in-tuning'), [14]);
  });

  test('an unnamed held-out split used for early stopping and then for the reported score', () => {
    const code = `${HEADER}import lightgbm as lgb
X_a, X_b, y_a, y_b = train_test_split(X, y, random_state=1)
model = lgb.LGBMClassifier()
model.fit(X_a, y_a, eval_set=[(X_b, y_b)], callbacks=[lgb.early_stopping(10)])
print(accuracy_score(y_b, model.predict(X_b)))
`;
    assert.deepEqual(only(code, 'test-split-in-tuning'), [14]);
  });

  test('an Optuna objective scored on the test split', () => {
    const code = `${HEADER}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
def objective(trial):
    model = LogisticRegression(C=trial.suggest_float("C", 1e-3, 10, log=True)).fit(X_train, y_train)
    return accuracy_score(y_test, model.predict(X_test))
`;
    assert.deepEqual(only(code, 'test-split-in-tuning'), [14]);
  });

  test('clean: a validation split for early stopping, the test split once at the end', () => {
    const code = `${HEADER}from xgboost import XGBClassifier
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, random_state=2)
model = XGBClassifier(early_stopping_rounds=10)
model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)])
print(accuracy_score(y_test, model.predict(X_test)))
`;
    assert.deepEqual(found(code), []);
  });
});

describe('label-in-features', () => {
  test('X = df keeps the label; a column computed from the label is kept', () => {
    const whole = `import pandas as pd
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("data.csv")
y = df["churn"]
X = df
LogisticRegression().fit(X, y)
`;
    assert.deepEqual(only(whole, 'label-in-features'), [5]);
    const derived = `import pandas as pd
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("data.csv")
df["is_big"] = df["amount"] > 100
y = df["amount"]
X = df.drop(columns=["amount"])
LogisticRegression().fit(X, y)
`;
    assert.deepEqual(only(derived, 'label-in-features'), [6]);
    const dropOther = `import pandas as pd
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("data.csv")
y = df.churn
X = df.drop("customer_id", axis=1).values
LogisticRegression().fit(X, y)
`;
    assert.deepEqual(only(dropOther, 'label-in-features'), [5]);
  });

  test('clean: the label dropped, popped, or a literal feature list', () => {
    for (const features of ['X = df.drop(columns=["churn"])', 'X = df.drop("churn", axis=1)', 'X = df[["age", "plan"]]', 'X = df.iloc[:, :-1]']) {
      const code = `import pandas as pd
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("data.csv")
y = df["churn"]
${features}
LogisticRegression().fit(X, y)
`;
      assert.deepEqual(found(code), [], features);
    }
    const popped = `import pandas as pd
from sklearn.linear_model import LogisticRegression
df = pd.read_csv("data.csv")
y = df.pop("churn")
X = df
LogisticRegression().fit(X, y)
`;
    assert.deepEqual(found(popped), []);
  });
});

describe('train-only-evaluation', () => {
  test('metrics on the training rows only', () => {
    const code = `${HEADER}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
model = LogisticRegression().fit(X_train, y_train)
print(accuracy_score(y_train, model.predict(X_train)))
`;
    assert.deepEqual(only(code, 'train-only-evaluation'), [13]);
    const noSplit = `${HEADER}model = LogisticRegression().fit(X, y)
print("accuracy", model.score(X, y))
`;
    assert.deepEqual(only(noSplit, 'train-only-evaluation'), [12]);
  });

  test('clean: a train score printed beside the test score; cross-validation', () => {
    const both = `${HEADER}X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
model = LogisticRegression().fit(X_train, y_train)
print(accuracy_score(y_train, model.predict(X_train)), accuracy_score(y_test, model.predict(X_test)))
`;
    assert.deepEqual(found(both), []);
    const cv = `${HEADER}model = LogisticRegression().fit(X, y)
print(model.score(X, y), cross_val_score(LogisticRegression(), X, y).mean())
`;
    assert.deepEqual(found(cv), []);
  });
});

describe('unseeded-randomness', () => {
  test('train_test_split, a random forest, np.random and DataLoader without seeds; the fix adds random_state', () => {
    const code = `import numpy as np
import torch
from torch.utils.data import DataLoader
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
X_train, X_test, y_train, y_test = train_test_split(X, y)
model = RandomForestClassifier(n_estimators=200,)
noise = np.random.randn(100)
loader = DataLoader(dataset, batch_size=32, shuffle=True)
rng = np.random.default_rng()
`;
    assert.deepEqual(only(code, 'unseeded-randomness'), [6, 7, 8, 9, 10]);
    const split = review(code).find((finding) => finding.range.startLine === 6)!;
    assert.match(applyFix(code, split.fixes[0]), /train_test_split\(X, y, random_state=42\)/);
    const forest = review(code).find((finding) => finding.range.startLine === 7)!;
    assert.match(applyFix(code, forest.fixes[0]), /RandomForestClassifier\(n_estimators=200, random_state=42\)/);
  });

  test('clean: seeds set once at the top, explicit random_state, seeded generators, XGBoost without a seed', () => {
    const code = `import random
import numpy as np
import torch
from xgboost import XGBClassifier
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
random.seed(0)
np.random.seed(0)
torch.manual_seed(0)
X_train, X_test, y_train, y_test = train_test_split(X, y)
forest = RandomForestClassifier()
random.shuffle(rows)
noise = torch.randn(10)
rng = np.random.default_rng(7)
model = XGBClassifier(early_stopping_rounds=10)
`;
    assert.deepEqual(only(code, 'unseeded-randomness'), []);
    const everything = `from lightning import seed_everything
from sklearn.model_selection import train_test_split
seed_everything(42)
X_train, X_test, y_train, y_test = train_test_split(X, y)
`;
    assert.deepEqual(found(everything), []);
  });
});

describe('no-early-stopping', () => {
  test('XGBoost, lgb.train, Keras and a PyTorch loop without early stopping', () => {
    const code = `import lightgbm as lgb
import torch
from tensorflow import keras
from xgboost import XGBRegressor
model = XGBRegressor(n_estimators=2000)
model.fit(X_tr, y_tr)
booster = lgb.train(params, dtrain, num_boost_round=5000)
net = keras.Sequential([keras.layers.Dense(1)])
net.fit(X_tr, y_tr, epochs=100, validation_split=0.2)
torch.manual_seed(0)
for epoch in range(100):
    loss = criterion(model(xb), yb)
    loss.backward()
    optimizer.step()
`;
    assert.deepEqual(only(code, 'no-early-stopping'), [6, 7, 9, 11]);
  });

  test('clean: early stopping in each framework, a refit with the best iteration, a random forest', () => {
    const code = `import lightgbm as lgb
from tensorflow import keras
from xgboost import XGBRegressor
from sklearn.ensemble import RandomForestRegressor
model = XGBRegressor(n_estimators=2000, early_stopping_rounds=10)
model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)])
final = XGBRegressor(n_estimators=model.best_iteration)
final.fit(X_all, y_all)
booster = lgb.train(params, dtrain, valid_sets=[dval], callbacks=[lgb.early_stopping(10)])
stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=10)
net = keras.Sequential([keras.layers.Dense(1)])
net.fit(X_tr, y_tr, epochs=100, validation_split=0.2, callbacks=[stop])
RandomForestRegressor(random_state=0).fit(X_tr, y_tr)
for epoch in range(100):
    train_one_epoch()
    if val_loss > best - 1e-4:
        patience_left -= 1
        if patience_left == 0:
            break
    loss.backward()
`;
    assert.deepEqual(only(code, 'no-early-stopping'), []);
  });
});

describe('serving rules', () => {
  test('a handler that predicts without a fallback, directly or through a helper', () => {
    const code = `from fastapi import FastAPI
import joblib
app = FastAPI()
model = joblib.load("model.joblib")

def score(features):
    return model.predict_proba([features])[0, 1]

@app.post("/predict")
def predict(request: dict):
    return {"label": int(model.predict([request["x"]])[0])}

@app.post("/score")
async def score_endpoint(request: dict):
    return {"score": score(request["x"])}
`;
    assert.deepEqual(only(code, 'serving-without-fallback'), [7, 11]);
  });

  test('clean: a try with a fallback answer; a batch script without handlers', () => {
    const code = `from fastapi import FastAPI
app = FastAPI()

@app.post("/predict")
def predict(request: dict):
    try:
        return {"label": int(model.predict([request["x"]])[0]), "fallback": False}
    except Exception:
        return {"label": 0, "fallback": True}
`;
    assert.deepEqual(found(code), []);
    const reraise = `from fastapi import FastAPI
app = FastAPI()

@app.post("/predict")
def predict(request: dict):
    try:
        return {"label": model.predict([request["x"]])}
    except Exception as error:
        raise HTTPException(500) from error
`;
    assert.deepEqual(only(reraise, 'serving-without-fallback'), [7]);
    assert.deepEqual(found('predictions = model.predict(X_new)\n'), []);
  });

  test('hand-written preprocessing in serving code; clean with the loaded pipeline', () => {
    const code = `from flask import Flask, request
app = Flask(__name__)
AGE_MEAN, AGE_STD = 41.2, 12.7
PLAN = {"free": 0, "pro": 1, "team": 2}

@app.route("/predict", methods=["POST"])
def predict():
    body = request.get_json()
    age = (body["age"] - AGE_MEAN) / AGE_STD
    try:
        return {"p": float(model.predict([[age, PLAN[body["plan"]]]])[0])}
    except Exception:
        return {"p": 0.5, "fallback": True}
`;
    assert.deepEqual(only(code, 'serving-preprocessing-skew'), [9]);
    const clean = `from flask import Flask, request
import joblib
import pandas as pd
app = Flask(__name__)
pipeline = joblib.load("pipeline.joblib")

@app.route("/predict", methods=["POST"])
def predict():
    body = request.get_json()
    if body["age"] < 0:
        return {"error": "age must be >= 0"}, 422
    try:
        return {"p": float(pipeline.predict_proba(pd.DataFrame([body]))[0, 1])}
    except Exception:
        return {"p": 0.5, "fallback": True}
`;
    assert.deepEqual(found(clean), []);
  });
});

describe('notebooks, ignore comments, options', () => {
  test('a notebook is one program across its cells; findings carry the cell index', () => {
    const notebook = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Churn model\n'] },
        { cell_type: 'code', metadata: {}, outputs: [], execution_count: 1, source: ['%matplotlib inline\n', 'import pandas as pd\n', 'from sklearn.preprocessing import StandardScaler\n', 'from sklearn.model_selection import train_test_split\n', 'df = pd.read_csv("d.csv")'] },
        { cell_type: 'code', metadata: {}, outputs: [], execution_count: 2, source: ['y = df["churn"]\n', 'X = df.drop(columns=["churn"])\n', 'X_s = StandardScaler().fit_transform(X)'] },
        { cell_type: 'markdown', metadata: {}, source: ['Split'] },
        { cell_type: 'code', metadata: {}, outputs: [], execution_count: 3, source: ['!pip list\n', 'X_train, X_test, y_train, y_test = train_test_split(X_s, y, random_state=0)'] },
      ],
    });
    const findings = reviewer.review([notebookSource('churn.ipynb', notebook)]).findings;
    assert.deepEqual(
      findings.map((finding) => [finding.rule, finding.cell, finding.range.startLine]),
      [['preprocessing-before-split', 2, 3]],
    );
    assert.deepEqual(findings[0].related?.map((related) => [related.cell, related.range.startLine]), [[4, 2]]);
    assert.match(findings[0].message, /cell 5, line 2/);
  });

  test('# gradient: ignore[rule] on the line silences that rule only; disabled rules are skipped', () => {
    const code = `from sklearn.model_selection import train_test_split
a, b = train_test_split(X)  # gradient: ignore[unseeded-randomness]
c, d = train_test_split(X)  # gradient: ignore[no-early-stopping]
e, f = train_test_split(X)  # gradient: ignore
`;
    assert.deepEqual(found(code), ['unseeded-randomness@3']);
    assert.deepEqual(review(code, ['unseeded-randomness']), []);
  });

  test('every finding has a message and a range inside its line', () => {
    const code = `${HEADER}X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y)
`;
    for (const finding of review(code)) {
      assert.ok(finding.message.length > 40, finding.message);
      assert.ok(finding.range.startLine >= 1 && finding.range.endLine >= finding.range.startLine);
    }
  });
});

describe('training–serving skew across files', () => {
  test('the serving finding names the preprocessor the training file fits', () => {
    const training = `from sklearn.preprocessing import StandardScaler
scaler = StandardScaler().fit(X_train)
`;
    const serving = `from fastapi import FastAPI
app = FastAPI()

@app.post("/predict")
def predict(body: dict):
    x = (body["age"] - 41.2) / 12.7
    try:
        return {"p": model.predict([[x]])[0]}
    except Exception:
        return {"p": None, "fallback": True}
`;
    const findings = reviewer.review([scriptSource('train.py', training), scriptSource('serve.py', serving)]).findings;
    assert.deepEqual(findings.map((finding) => `${finding.file}:${finding.rule}@${finding.range.startLine}`), ['serve.py:serving-preprocessing-skew@6']);
    assert.match(findings[0].message, /fits StandardScaler in train\.py \(line 2\)/);
  });
});
