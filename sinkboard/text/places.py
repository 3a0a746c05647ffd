"""The English names of Sichuan's prefectures and counties, by their Chinese names, read from the reference data
(data/reference/prefectures.csv and counties.csv, name_en)."""

import csv

from sinkboard import REFERENCE_DIR


def _english_names():
    """{Chinese name: English name} of every prefecture and county. A Chinese name two counties share (市中区 of
    Neijiang and of Leshan) has one English name, so the name alone says how a place reads in English."""
    names = {}
    for file_name in ("prefectures.csv", "counties.csv"):
        with open(REFERENCE_DIR / file_name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if names.setdefault(row["name"], row["name_en"]) != row["name_en"]:
                    raise ValueError(f"{file_name}: {row['name']} has two English names")
    return names


# read once per process, when this module is first imported, as the catalogues are
ENGLISH_NAMES = _english_names()
