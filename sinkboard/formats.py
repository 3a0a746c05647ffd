"""Numbers as people in the bureau write them: 万亩 / 万吨 / 万元 in Chinese, thousands and millions in English."""

import math

UNITS = {
    # kind: (Chinese unit after 万, English unit)
    "area": ("万亩", "mu"),
    "carbon": ("万吨", "tCO2e"),
    "money": ("万元", "yuan"),
}


def _missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def quantity(value, kind, lang="zh", digits=None):
    """A figure in the unit of its kind: 1,523.4 万亩 / 15.2 million mu."""
    if _missing(value):
        return "—"
    value = float(value)
    zh_unit, en_unit = UNITS[kind]
    if lang == "zh":
        if abs(value) < 10_000:
            plain_unit = {"area": "亩", "carbon": "吨", "money": "元"}[kind]
            return f"{value:,.0f} {plain_unit}"
        wan = value / 10_000
        return f"{wan:,.{(1 if abs(wan) < 1000 else 0) if digits is None else digits}f} {zh_unit}"
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.{2 if digits is None else digits}f} million {en_unit}"
    if abs(value) >= 10_000:
        return f"{value / 1_000:,.{1 if digits is None else digits}f} thousand {en_unit}"
    return f"{value:,.0f} {en_unit}"


def wan(value):
    """The value in 万 (ten thousands), for axes labelled in 万亩 / 万吨 / 万元."""
    return None if _missing(value) else float(value) / 10_000


def percent(value, digits=1):
    return "—" if _missing(value) else f"{float(value) * 100:.{digits}f}%"


def count(value):
    return "—" if _missing(value) else f"{int(value):,}"


def months(value):
    return "—" if _missing(value) else f"{float(value):.1f}"
