"""Our own checks on the data files, written before we used GRADIENT.

GRADIENT's "Insert pattern snippet" appends its tests below these; it never overwrites them.
Run from the examples folder: python3 -m pytest tests
"""
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def test_train_file_exists():
    assert (DATA_DIR / "train.csv").is_file(), "run make_examples.py to create the data"


def test_train_labels_are_binary_and_user_ids_unique():
    train = pd.read_csv(DATA_DIR / "train.csv")
    assert set(train["label"].unique()) == {0, 1}
    assert train["user_id"].is_unique
