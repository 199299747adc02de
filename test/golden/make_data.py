"""Reference readings of the data-loader fixtures, made with pandas (Debian python3-pandas 1.5).

    /usr/bin/python3 test/golden/make_data.py

Writes test/fixtures/data/random.csv and test/fixtures/data/events.jsonl (seeded, so the same
bytes every time), then reads every CSV / TSV / JSONL fixture with pandas and stores what pandas
read in test/golden/data-pandas.json. test/unit/data-golden.test.ts checks that loadTable
reads the same values. The exact pandas call for each file is stored next to its values.

NA_VALUES is GRADIENT's missing-token list (src/core/data/missingValues.ts): pandas 2.x's
default na_values. It is passed explicitly because pandas 1.5's default lacks "None".
float_precision="round_trip" makes pandas parse floats with Python's correctly rounded
strtod, which is what JavaScript's Number() does.
"""
import json
import math
import pathlib

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "test" / "fixtures" / "data"
OUT = ROOT / "test" / "golden" / "data-pandas.json"

NA_VALUES = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
             "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]


def write_random_csv(path):
    """300 rows: full-precision floats, scientific notation, ties, ints, quoted labels, NA tokens."""
    rng = np.random.default_rng(7)
    n = 300
    normal = rng.normal(0, 1, n)
    frame = pd.DataFrame({
        "normal": normal,
        "lognormal": rng.lognormal(3, 2, n),
        "tiny": rng.normal(0, 1e-12, n),
        "ties": np.round(rng.normal(5, 2, n), 1),
        "count": rng.integers(-1000, 1000, n),
        "label": rng.choice(["red", "green, dark", 'say "blue"', "multi\nline", "é"], n),
    })
    frame.loc[rng.random(n) < 0.05, "normal"] = np.nan
    frame.loc[rng.random(n) < 0.05, "label"] = None
    text = frame.astype(object)
    text["tiny"] = [f"{v:.6e}" for v in frame["tiny"]]  # scientific notation
    text["lognormal"] = [repr(v) for v in frame["lognormal"]]  # up to 17 significant digits
    tokens = np.array(["NA", "", "nan", "NULL", "None", "N/A"], dtype=object)
    for column in ["ties", "count"]:
        mask = rng.random(n) < 0.04
        text.loc[mask, column] = tokens[rng.integers(0, len(tokens), mask.sum())]
    text.to_csv(path, index=False, na_rep="NA", lineterminator="\n")


def write_events_jsonl(path):
    """JSON Lines with a key union, nulls, booleans, a late key and a key mixing numbers and text."""
    records = [
        {"user": "ann", "age": 31, "score": 0.25, "active": True},
        {"user": "bob", "age": None, "score": 1e-7, "active": False, "country": "NO"},
        {"user": "cy", "score": -3, "active": None, "code": 7},
        {"age": 45, "score": 12345678.901234567, "country": "SE", "code": "x7"},
        {"user": "dee", "age": 29.5, "score": None, "active": True, "country": None, "code": 8},
    ]
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.write("\n")  # a trailing blank line is skipped


def plain(value):
    """A JSON-safe cell: NaN/None -> null, +-inf -> "inf"/"-inf", numpy scalars -> Python."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return plain(float(value))
    if isinstance(value, (np.bool_,)):
        return bool(value)
    return value


def describe(frame, call):
    return {
        "call": call,
        "rows": int(frame.shape[0]),
        "columns": [
            {"name": str(name), "dtype": str(frame[name].dtype), "values": [plain(v) for v in frame[name].tolist()]}
            for name in frame.columns
        ],
    }


def main():
    write_random_csv(FIXTURES / "random.csv")
    write_events_jsonl(FIXTURES / "events.jsonl")
    files = {}
    csv_call = "pd.read_csv(path{sep}, keep_default_na=False, na_values=NA_VALUES, float_precision='round_trip')"
    for name, sep in [("quoting.csv", None), ("semicolon.csv", ";"), ("pipe.csv", "|"), ("basic.tsv", "\t"),
                      ("missing.csv", None), ("kinds.csv", None), ("random.csv", None)]:
        kwargs = {"sep": sep} if sep else {}
        frame = pd.read_csv(FIXTURES / name, keep_default_na=False, na_values=NA_VALUES,
                            float_precision="round_trip", **kwargs)
        files[name] = describe(frame, csv_call.format(sep=f", sep={sep!r}" if sep else ""))
    frame = pd.read_json(FIXTURES / "events.jsonl", lines=True, dtype=False, convert_dates=False)
    files["events.jsonl"] = describe(frame, "pd.read_json(path, lines=True, dtype=False, convert_dates=False)")
    OUT.write_text(json.dumps({"pandas": pd.__version__, "NA_VALUES": NA_VALUES, "files": files},
                              indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} with pandas {pd.__version__}")


if __name__ == "__main__":
    main()
