"""What every chart shares: the CJK font, the axis and legend set-up, and units that fit the figures."""

import altair as alt
import pandas as pd

from sinkboard.i18n import value_label

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def area_unit(values, lang):
    """(divisor, unit label) for an area axis: 万亩 in Chinese; thousand or million mu in English."""
    largest = float(pd.Series(values, dtype="float64").abs().max() or 0)
    if lang == "zh":
        return (10_000, "万亩") if largest >= 10_000 else (1, "亩")
    if largest >= 1_000_000:
        return 1_000_000, "million mu"
    return (1_000, "thousand mu") if largest >= 1_000 else (1, "mu")


def configure(chart):
    return chart.configure(font=FONT).configure_axis(labelFont=FONT, titleFont=FONT, labelLimit=220).configure_legend(
        labelFont=FONT, titleFont=FONT, orient="bottom", labelLimit=320)


def label(value, lang):
    return value_label(value, lang)


def zone_name(zone, zone_en, lang):
    """A zone (or 全省) as the language names it: its English name from the data when there is one."""
    if lang == "zh" or pd.isna(zone):
        return zone
    return zone_en if isinstance(zone_en, str) and zone_en else value_label(zone, lang)


