"""Sichuan's reference geography and the rules that resolve a county written in an export to today's division."""

import csv
import json
import os
import unicodedata
from dataclasses import dataclass
from functools import cache

from sinkboard import REFERENCE_DIR


def _read_csv(name):
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


PLANS_DIR = REFERENCE_DIR / "plans"


class PlanError(Exception):
    """A plan file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Geography:
    counties: list  # dicts: code, name, prefecture_code
    prefectures: list  # dicts: code, name, short_names, zone (the plan's)
    zones: list  # dicts: zone, name_en, sort_order, key_types, moderate_types ("|"-joined), in the plan's order
    former: list  # dicts: former_code, former_name, former_prefecture_code, current_code, year
    plan: dict  # the development plan the zones come from: id, name, name_en, date, source, zones, targets


def plans():
    """Every plan in data/reference/plans, oldest first (by date, then id)."""
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(PLANS_DIR.glob("*.json"))]
    return sorted(found, key=lambda plan: (str(plan["date"]), plan["id"]))


def chosen_plan():
    """The plan named by SINKBOARD_PLAN, else the newest one."""
    available = plans()
    wanted = os.environ.get("SINKBOARD_PLAN", "").strip()
    if not wanted:
        return available[-1]
    for plan in available:
        if plan["id"] == wanted:
            return plan
    raise PlanError(f"SINKBOARD_PLAN={wanted}: no such plan in {PLANS_DIR} (have {', '.join(p['id'] for p in available)})")


def check_plan(plan, prefecture_codes, project_types):
    """Every prefecture in exactly one zone, known project types, province or zone targets only."""
    where = f"plan {plan.get('id')}"
    members = [code for zone in plan["zones"] for code in zone["prefectures"]]
    if sorted(members) != sorted(prefecture_codes):
        extra, missing = set(members) - set(prefecture_codes), set(prefecture_codes) - set(members)
        doubled = {c for c in members if members.count(c) > 1}
        raise PlanError(f"{where}: every prefecture must be in exactly one zone "
                        f"(unknown {sorted(extra)}, missing {sorted(missing)}, twice {sorted(doubled)})")
    for zone in plan["zones"]:
        unknown = (set(zone["key_types"]) | set(zone["moderate_types"])) - set(project_types)
        if unknown:
            raise PlanError(f"{where}: zone {zone['zone']} names unknown project types {sorted(unknown)}")
    zones = {"全省", *(zone["zone"] for zone in plan["zones"])}
    for target in plan.get("targets", []):
        if target["zone"] not in zones or not float(target["value"]) > 0:
            raise PlanError(f"{where}: target {target} must name the province or one of its zones and be > 0")


@cache
def geography():
    plan = chosen_plan()
    prefectures = _read_csv("prefectures.csv")
    zone_of = {code: zone["zone"] for zone in plan["zones"] for code in zone["prefectures"]}
    return Geography(
        counties=_read_csv("counties.csv"),
        prefectures=[{**p, "zone": zone_of.get(p["code"])} for p in prefectures],
        zones=[{"zone": z["zone"], "name_en": z["name_en"], "sort_order": str(i), "key_types": "|".join(z["key_types"]),
                "moderate_types": "|".join(z["moderate_types"])} for i, z in enumerate(plan["zones"], start=1)],
        former=_read_csv("former_divisions.csv"),
        plan=plan,
    )


def normalise(text):
    """The form in which names are compared: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Resolution:
    county_code: str | None
    problem: str | None = None  # None, 'unknown_county' or 'ambiguous_county'
    # the fault a problem is (its code, as the staging queries write faults: sb_fault_message in macros.sql), the
    # county or code as written, and for an ambiguous name its counties' codes
    fault: str | None = None
    value: str | None = None
    detail: str | None = None


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
            return Resolution(None, "unknown_county", "empty")
        key = normalise(county)
        if key.isdigit() and len(key) in (9, 12) and set(key[6:]) == {"0"}:
            key = key[:6]  # the statistics bureau's 12-digit (or 9-digit) form of a county code
        key = key.removeprefix("四川省")
        if key.isdigit() and len(key) == 6:
            if key in self.current_codes:
                return Resolution(key)
            if key in self.former_codes:
                return Resolution(self.former_codes[key])
            return Resolution(None, "unknown_county", "unknown_county_code", key)
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
            return Resolution(None, "unknown_county", "unknown_county_name", county)
        codes = {code for code, _ in candidates}
        if len(codes) == 1:
            return Resolution(codes.pop())
        narrowed = {code for code, prefectures in candidates if hint in prefectures}
        if len(narrowed) == 1:
            return Resolution(narrowed.pop())
        return Resolution(None, "ambiguous_county", "ambiguous_county", county, "、".join(sorted(codes)))
