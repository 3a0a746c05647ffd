"""Numbers, dates and times as each language writes them, from Babel's locale data: 2593.4万亩 and 25.93M mu, 1,234 亩;
times in Beijing time."""

import datetime as dt
import functools
import math
import zoneinfo

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from sinkboard.text.catalogue import text

# parsed once: Babel looks a locale's name up on disk each time it is given one as text (a map's tooltips format
# hundreds of figures a run)
LOCALES = {"zh": Locale.parse("zh_CN"), "en": Locale.parse("en")}
# what a missing figure shows as, in text and in tables
MISSING = "—"
# every time shown to a person is in Beijing time, and says so
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")


def _missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value)) or value != value


def compact(value, lang="zh", digits=None):
    """A large number in few characters (Chinese 万/亿, English K/M/B); below 10,000 written out with separators."""
    if _missing(value):
        return MISSING
    return _compact(float(value), lang, digits)


@functools.lru_cache(maxsize=8192)
def _compact(value, lang, digits):
    """compact() remembered: a map's tooltips write hundreds of figures a run through Babel, most of them the same as
    the run before."""
    locale = LOCALES[lang]
    if abs(value) < 10_000:
        return format_decimal(round(value), format="#,##0", locale=locale)
    if digits is None:
        digits = 1 if lang == "zh" and abs(value) < 100_000_000 else 2
    return format_compact_decimal(value, locale=locale, fraction_digits=digits)


def quantity(value, kind, lang="zh", digits=None):
    """A figure with its unit, short enough for a tile: 2593.4万亩 / 25.93M mu; 4,500 亩 / 4,500 mu."""
    if _missing(value):
        return MISSING
    figure = compact(value, lang, digits)
    if lang == "zh" and figure[-1] in "万亿":
        return f"{figure}{figure_unit(kind, lang)}"
    return f"{figure} {figure_unit(kind, lang)}"


def figure_unit(kind, lang="zh"):
    """The unit written after a figure of a kind (area, carbon, money, price): 亩 / mu, 吨 / tCO2e, 元/吨 / yuan/t."""
    return text(f"figure_unit_{kind}", lang)


def unit(kind, lang="zh"):
    """The unit of a kind of figure, as a tile's label carries it: 亩 / mu, 吨CO₂e / tCO2e, 元 / yuan."""
    return text(f"tile_unit_{kind}", lang)


def signed(value, lang="zh", kind=None, minus="−"):
    """A change with its sign: +5,100 / −300 / 0 (compact above ten thousand, with its unit given a kind); a change
    that rounds to nothing is 0, never +0. minus="-" for st.metric, which reads a delta as a fall by its hyphen."""
    if _missing(value):
        return MISSING
    value = float(value)
    figure = quantity(abs(value), kind, lang) if kind else compact(abs(value), lang)
    if round(value) == 0:
        return quantity(0, kind, lang) if kind else compact(0, lang)
    return ("+" if value > 0 else minus) + figure


def exact(value, lang="zh", digits=0):
    """A figure in full with thousands separators (tables, tooltips)."""
    if _missing(value):
        return MISSING
    return format_decimal(float(value), format="#,##0" + ("." + "0" * digits if digits else ""), locale=LOCALES[lang])


def price(value, lang="zh"):
    """A price per tonne: 45.20 元/吨 / 45.20 yuan/t."""
    if _missing(value):
        return MISSING
    return f"{exact(value, lang, 2)} {figure_unit('price', lang)}"


def wan(value):
    """The value in 万 (ten thousands), for axes labelled in 万亩 / 万吨 / 万元."""
    return None if _missing(value) else float(value) / 10_000


def percent(value, digits=1, lang="zh"):
    """A share as a percentage. A share short of 100% is never written as 100% (99.96% is 99.9%, not 100.0%): beside a
    target that would read as reached."""
    if _missing(value):
        return MISSING
    value = float(value)
    steps = 10 ** (digits + 2)  # the smallest step shown: 0.1% with one digit
    if abs(value) < 1 and round(abs(value) * steps) >= steps:
        value = math.copysign(math.floor(abs(value) * steps) / steps, value)
    return format_percent(value, format="0." + "0" * digits + "%" if digits else "0%", locale=LOCALES[lang])


def count(value, lang="zh"):
    return MISSING if _missing(value) else format_decimal(int(value), format="#,##0", locale=LOCALES[lang])


def months(value):
    return MISSING if _missing(value) else f"{float(value):.1f}"


def day(value, lang="zh"):
    """A date as the language writes it in prose: 2025年10月31日 / Oct 31, 2025."""
    if _missing(value):
        return MISSING
    return format_date(value, format="long" if lang == "zh" else "medium", locale=LOCALES[lang])


def beijing(value):
    """A moment as Beijing's wall-clock time (naive); a moment without a zone is taken as UTC, as the warehouse, the
    manifest and the audit log write them."""
    moment = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(BEIJING).replace(tzinfo=None)


def moment(value, lang="zh"):
    """A moment to the minute in Beijing time, the zone stated: 2025-11-01 00:30（北京时间） / 2025-11-01 00:30 (Beijing
    time)."""
    if _missing(value):
        return MISSING
    return text("beijing_time", lang, time=f"{beijing(value):%Y-%m-%d %H:%M}")


# Money in a table on screen: 万元 in Chinese, K yuan (thousands) in English, both to the hundred yuan, the unit in the
# heading; downloads keep the yuan to the fen
TABLE_MONEY = {"zh": (10_000, 2), "en": (1_000, 1)}


def is_table_money(column):
    """Whether a table column holds a sum of money (a price per tonne is not one: it stays in yuan)."""
    return column.endswith("_yuan") and "price" not in column


def table_money(values, lang="zh"):
    """Sums of money in yuan as a table shows them: in 万元 / K yuan."""
    return values / TABLE_MONEY[lang][0]


def table_heading(column, lang="zh"):
    """A column's heading on screen: its download heading, with 万元 / K yuan for money."""
    heading = text(f"col_{column}", lang)
    if is_table_money(column):
        return heading.replace(text("table_unit_yuan", lang), text("table_unit_money", lang))
    return heading


def table_decimals(column, lang="zh", is_integer=False):
    """The decimals every figure of a table column is shown with, so that a column never mixes 436,804 and
    6,768,695.64: None for a column that is not a plain figure (a share, a date, a text)."""
    if is_table_money(column):
        return TABLE_MONEY[lang][1]
    if "price" in column and column.endswith("_yuan"):
        return 2
    if column.startswith(("months_to", "registration_", "issuance_", "duration_")):
        return 1
    if "_per_" in column:  # a rate (tonnes or yuan per mu)
        return 2
    if is_integer or column.endswith(("_mu", "_tco2e")):
        return 0  # areas and tonnes to the unit: their decimals are below what a reader weighs
    return 2


# the columns of figures (a year, a rank or a row number is not one: it is written plainly), on screen and on the site
FIGURE_ENDINGS = ("_mu", "_yuan", "_tco2e", "_trades", "_purchases", "_projects", "_payments", "_funded")
FIGURE_STARTS = ("rows_", "months_to", "registration_", "issuance_", "duration_", "counties_", "price_")
FIGURE_COLUMNS = ("trades", "projects", "payments", "counties", "warnings", "priced_trades")


def is_figure_column(column):
    return column.endswith(FIGURE_ENDINGS) or column in FIGURE_COLUMNS or column.startswith(FIGURE_STARTS)
