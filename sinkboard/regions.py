"""Sichuan's reference geography and the rules that resolve a county written in an export to today's division."""

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache

from sinkboard import REFERENCE_DIR



def _read_csv(name):
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class Geography:
    counties: list  # dicts: code, name, prefecture_code
    prefectures: list  # dicts: code, name, short_names, zone
    zones: list  # dicts: zone, name_en, sort_order, key_types, moderate_types
    former: list  # dicts: former_code, former_name, former_prefecture_code, current_code, year


@cache
def geography():
    return Geography(
        counties=_read_csv("counties.csv"),
        prefectures=_read_csv("prefectures.csv"),
        zones=_read_csv("zones.csv"),
        former=_read_csv("former_divisions.csv"),
    )


def normalise(text):
    """The form in which names are compared: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Resolution:
    county_code: str | None
    problem: str | None  # None, 'unknown_county' or 'ambiguous_county'
    message: str | None = None


class CountyResolver:
    """Resolves (county, prefecture) as written in an export to a current GB/T 2260 county code."""

    def __init__(self, geo=None):
        geo = geo or geography()
        self.current_codes = {c["code"] for c in geo.counties}
        self.former_codes = {f["former_code"]: f["current_code"] for f in geo.former if f["former_code"] != f["current_code"]}
        county_prefecture = {c["code"]: c["prefecture_code"] for c in geo.counties}
        # name -> list of (current county code, prefecture codes the name may be qualified with)
        self.by_name = {}
        for c in geo.counties:
            self.by_name.setdefault(normalise(c["name"]), []).append((c["code"], {c["prefecture_code"]}))
        for f in geo.former:
            prefectures = {f["former_prefecture_code"], county_prefecture[f["current_code"]]}
            self.by_name.setdefault(normalise(f["former_name"]), []).append((f["current_code"], prefectures))
        # every way a prefecture is written -> its code; longest first for prefix matching
        self.prefecture_by_name = {}
        for p in geo.prefectures:
            names = [p["name"], *filter(None, p["short_names"].split("|"))]
            for name in names:
                self.prefecture_by_name[normalise(name)] = p["code"]
        self.prefecture_names_longest_first = sorted(self.prefecture_by_name, key=len, reverse=True)

    def prefecture_code(self, text):
        if text is None:
            return None
        key = normalise(text)
        if key in self.current_prefecture_codes():
            return key
        return self.prefecture_by_name.get(key)

    def current_prefecture_codes(self):
        return set(self.prefecture_by_name.values())

    def resolve(self, county, prefecture=None):
        if county is None or not normalise(county):
            return Resolution(None, "unknown_county", "county is empty")
        key = normalise(county)
        if key.isdigit() and len(key) in (9, 12) and set(key[6:]) == {"0"}:
            key = key[:6]  # the statistics bureau's 12-digit (or 9-digit) form of a county code
        key = key.removeprefix("四川省")
        if key.isdigit() and len(key) == 6:
            if key in self.current_codes:
                return Resolution(key, None)
            if key in self.former_codes:
                return Resolution(self.former_codes[key], None)
            return Resolution(None, "unknown_county", f"county code {key} is not a Sichuan county")
        hint = self.prefecture_code(prefecture)
        candidates = self.by_name.get(key)
        if candidates is None:
            # a name qualified by its prefecture, such as 乐山市市中区
            for prefix in self.prefecture_names_longest_first:
                rest = key[len(prefix):]
                if key.startswith(prefix) and rest in self.by_name:
                    candidates, hint = self.by_name[rest], self.prefecture_by_name[prefix]
                    break
        if candidates is None:
            return Resolution(None, "unknown_county", f"no Sichuan county is named {county}")
        codes = {code for code, _ in candidates}
        if len(codes) == 1:
            return Resolution(codes.pop(), None)
        narrowed = {code for code, prefectures in candidates if hint in prefectures}
        if len(narrowed) == 1:
            return Resolution(narrowed.pop(), None)
        where = "、".join(sorted(codes))
        return Resolution(None, "ambiguous_county", f"{county} names several counties ({where}); give its prefecture")
