"""pandas' reading of the fuzz fixtures (Debian python3-pandas 1.5), the differential reference
of test/unit/data-fuzz-golden.test.ts.

    node --import tsx test/fuzz/makeFixtures.ts     # the files: test/fixtures/fuzz/ (seeded)
    /usr/bin/python3 test/golden/make_fuzz_pandas.py

Writes test/golden/fuzz-pandas.json: per file the pandas call, the row count, the column names
and, per column, for a numeric one the count / sum / min / max of its finite values (and how many
are infinite), for a categorical one the number of missing values and the count of each label.

Where GRADIENT differs from pandas' defaults by design (src/core/data/README.md), pandas is told
to read the GRADIENT way, or the summary is taken the GRADIENT way; each difference, and nothing
else, is listed here:

1. Missing tokens: keep_default_na=False with na_values=NA_VALUES, GRADIENT's list
   (src/core/data/missingValues.ts: pandas 2.x's defaults; pandas 1.5's lack "None").
2. Floats: float_precision="round_trip" (correctly rounded, as JavaScript's Number()), and
   precise_float=True for JSON.
3. Infinity: pandas keeps inf, GRADIENT counts it as missing with NumericColumn.nonFinite: the
   numeric summary is over finite values, with `infinite` the count of the others.
4. Labels of categorical CSV columns: the text as written (a second read with dtype=str), so
   "True" stays "True" where pandas' inference would make a bool column.
5. JSON Lines: dtype=False, convert_axes=False, convert_dates=False (no guessing from text or
   names); a key is numeric when every non-null value is a JSON number; booleans are the labels
   "true" / "false"; a number in a key that also holds text is the label JavaScript prints for
   it (js_number below: 1e21 -> "1e+21", 5.0 -> "5", inf -> "Infinity"). Where pandas' ujson
   cannot read a file (numbers past a double or 64 bits) or mis-reads it (lone surrogate
   escapes), Python's json parses the lines and pd.DataFrame.from_records gets the records.
6. Overflow: pandas 1.5's C parser leaves a column of numbers as object when an integer passes
   int64 beside a negative one (12345678901234567890 and -5), when a float follows integers
   and passes int64 (-5 then -98765432109876543210.5), or for 1e999 (round_trip's strtod says
   ERANGE), while `pd.to_numeric` refuses 1e999 outright. GRADIENT reads them as numbers (README
   "Number grammar"; 1e999 is infinity). Such an object column is converted with Python's float()
   (what round_trip uses) when every non-missing text, spaces and tabs stripped, is an ASCII
   decimal or inf/infinity (NUMBER below: the grammar of pandas' own tokenizer, so '0x10', '1_000',
   'nan', '١٢' stay text), and the column records "converted".
7. Parquet is not covered: Debian's pandas has no Parquet engine (no python3-pyarrow).
"""
import json
import math
import pathlib
import re
from fractions import Fraction

import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "test" / "fixtures" / "fuzz"
OUT = ROOT / "test" / "golden" / "fuzz-pandas.json"

NA_VALUES = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
             "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]


NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:inf|infinity)", re.IGNORECASE | re.ASCII)


LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def js_number(x):
    """Number.prototype.toString of the double nearest x (ECMA-262 Number::toString)."""
    x = float(x)
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    m = re.fullmatch(r"-?(\d+)(?:\.(\d+))?(?:e([+-]\d+))?", repr(x))
    whole, fraction, exponent = m.group(1), m.group(2) or "", int(m.group(3) or 0)
    digits = whole + fraction
    point = len(whole) + exponent
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{sign}{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"


def missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def exact_sum(values):
    """The sum of the values rounded once, or "inf" / "-inf" past the largest double."""
    total = sum((Fraction(v) for v in values), Fraction(0))
    try:
        return float(total)
    except OverflowError:
        return "inf" if total > 0 else "-inf"


def numeric_summary(name, values):
    finite = [float(v) for v in values if not missing(v) and math.isfinite(float(v))]
    infinite = sum(1 for v in values if not missing(v) and math.isinf(float(v)))
    return {
        "name": name,
        "kind": "numeric",
        "count": len(finite),
        "sum": exact_sum(finite),
        "min": min(finite) if finite else None,
        "max": max(finite) if finite else None,
        "infinite": infinite,
    }


def categorical_summary(name, labels):
    counts = {}
    for label in labels:
        if label is not None:
            counts[label] = counts.get(label, 0) + 1
    return {"name": name, "kind": "categorical", "missing": sum(1 for v in labels if v is None),
            "counts": dict(sorted(counts.items()))}


def read_csv(path, delimiter):
    options = dict(sep=delimiter, keep_default_na=False, na_values=NA_VALUES, float_precision="round_trip",
                   encoding="utf-8")
    call = f"pd.read_csv(path, sep={delimiter!r}, keep_default_na=False, na_values=NA_VALUES, float_precision='round_trip')"
    try:
        inferred = pd.read_csv(path, **options)
    except pd.errors.ParserError:
        # The C parser stops at CR-only line ends mixed with blank lines ("Buffer overflow caught");
        # the Python engine reads them (its floats are Python's float(): correctly rounded too).
        del options["float_precision"]
        options["engine"] = "python"
        call = call.replace("float_precision='round_trip'", "engine='python'")
        inferred = pd.read_csv(path, **options)
    text = pd.read_csv(path, dtype=str, **options)
    columns = []
    for index, name in enumerate(inferred.columns):
        column = inferred.iloc[:, index]
        texts = text.iloc[:, index].tolist()
        if column.dtype.kind in "fiu":
            columns.append(numeric_summary(name, column.tolist()))
        elif column.dtype == object and all(missing(v) or NUMBER.fullmatch(v.strip(" \t")) for v in texts):
            summary = numeric_summary(name, [None if missing(v) else float(v.strip(" \t")) for v in texts])
            columns.append({**summary, "converted": "object in pandas (int64 overflow or ERANGE): float() of each text"})
        else:
            columns.append(categorical_summary(name, [None if missing(v) else v for v in texts]))
    return call, len(inferred), columns


def read_jsonl(path):
    call = ("pd.read_json(path, lines=True, dtype=False, convert_axes=False, convert_dates=False, "
            "keep_default_dates=False, precise_float=True, encoding='utf-8-sig')")
    try:
        if LONE_SURROGATE_ESCAPE.search(path.read_text(encoding="utf-8-sig")):
            # pandas' ujson mis-decodes lone surrogate escapes ("\\udfff\\ud800" -> "\\udfff").
            raise ValueError("lone surrogate escape")
        frame = pd.read_json(path, lines=True, dtype=False, convert_axes=False, convert_dates=False,
                             keep_default_dates=False, precise_float=True, encoding="utf-8-sig")
    except ValueError:
        # pandas' ujson refuses numbers beyond a double (1e999: "Range error when decoding numeric
        # as double") and integers beyond 64 bits ("Value is too big!"), which JSON allows and
        # JavaScript reads, and mis-decodes lone surrogates: then Python's json parses the lines
        # and pandas gets the records.
        lines = path.read_text(encoding="utf-8-sig").split("\n")  # not splitlines(): U+2028 is inside strings
        frame = pd.DataFrame.from_records([json.loads(line) for line in lines if line.strip()]).astype(object)
        call = "pd.DataFrame.from_records([json.loads(line) for line in lines if line.strip()]).astype(object)"
    columns = []
    for index, name in enumerate(frame.columns):
        values = frame.iloc[:, index].tolist()
        present = [v for v in values if not missing(v)]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
            columns.append(numeric_summary(str(name), values))
        else:
            labels = [None if missing(v) else ("true" if v else "false") if isinstance(v, bool)
                      else v if isinstance(v, str) else js_number(v) for v in values]
            columns.append(categorical_summary(str(name), labels))
    return call, len(frame), columns


def main():
    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    files = {}
    for name, entry in sorted(manifest["files"].items()):
        path = FIXTURES / name
        if entry["format"] == "csv":
            call, rows, columns = read_csv(path, entry["delimiter"])
        else:
            call, rows, columns = read_jsonl(path)
        files[name] = {"call": call, "rows": rows, "columns": columns}
    document = {
        "pandas": pd.__version__,
        "command": "/usr/bin/python3 test/golden/make_fuzz_pandas.py",
        "files": files,
    }
    # ASCII with \u escapes: labels may hold lone surrogates (JSON "\ud800"), which UTF-8 cannot.
    OUT.write_text(json.dumps(document, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"{len(files)} files -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
