"""Real tables nobody here wrote, for the false-positive check of inferColumnRole.

    /usr/bin/python3 test/golden/make_role_corpus.py

Writes every data set that ships inside scikit-learn (no download) as a CSV under
test/fixtures/roles/, with the column names scikit-learn gives them (as_frame=True) and the
target columns included. test/unit/data-columnRoles.test.ts loads each file and checks that no
column is classified as an identifier or a time: none of them is one (they are measurements,
pixel intensities, counts and class labels). Written with scikit-learn 1.2 and pandas 1.5,
whose to_csv prints floats as Python's repr (the shortest text that reads back the same).
"""
import pathlib

import sklearn
from sklearn import datasets

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "test" / "fixtures" / "roles"

LOADERS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "diabetes": datasets.load_diabetes,
    "breast_cancer": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
    "linnerud": datasets.load_linnerud,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, load in LOADERS.items():
        frame = load(as_frame=True).frame
        frame.to_csv(OUT / f"{name}.csv", index=False, lineterminator="\n")
        total += frame.shape[1]
        print(f"{name}.csv: {frame.shape[0]} rows x {frame.shape[1]} columns")
    print(f"{len(LOADERS)} files, {total} columns (scikit-learn {sklearn.__version__})")


if __name__ == "__main__":
    main()
