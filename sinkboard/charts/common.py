"""What every chart shares: the CJK font, the axis and legend set-up, and units that fit the figures."""

import altair as alt
import pandas as pd

from sinkboard.i18n import text, value_label

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


# the steps an axis's unit takes, largest first: 亿 and 万 in Chinese; billion, million and thousand in English
SCALES = {"zh": ((100_000_000, "scale_yi"), (10_000, "scale_wan"), (1, None)),
          "en": ((1_000_000_000, "scale_billion"), (1_000_000, "scale_million"), (1_000, "scale_thousand"), (1, None))}


def axis_unit(values, kind, lang):
    """(divisor, unit label) for an axis of area, carbon or money, so that its largest figure reads below 10,000:
    万亩 / 亿元 in Chinese, million mu / thousand tCO2e in English."""
    largest = float(pd.Series(values, dtype="float64").abs().max() or 0)
    unit = text(f"unit_{kind}", lang)
    for divisor, scale in SCALES[lang]:
        if largest >= divisor or divisor == 1:
            return divisor, text("scaled_unit", lang, scale=text(scale, lang), unit=unit) if scale else unit


def area_unit(values, lang):
    return axis_unit(values, "area", lang)


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


