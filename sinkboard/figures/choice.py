"""The sidebar's choices (as-of date, zone, prefecture, basis) as plain values, without Streamlit: which ones the data
allows, how they are named, and how the queries take them; the sidebar, the pages and the briefing all read them here."""

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from sinkboard.charts.common import zone_name
from sinkboard.text.catalogue import text, value_label

BASES = ("development", "registered")


def date_range(dates):
    """(first, latest) date of the data from a row of the data_dates query, or None when it holds no dated record."""
    if pd.isna(dates.latest_date):
        return None
    return dates.first_date.date(), dates.latest_date.date()


def as_of_in_range(as_of, first, latest):
    """The as-of date chosen while it lies within the data, else (none chosen yet, or a new ingest) the latest date."""
    if as_of is None or not first <= as_of <= latest:
        return latest
    return as_of


def published_as_of(as_of):
    """The as-of date the public figures can stand for: the last month end on or before the chosen day. The public
    warehouse dates every fact at the end of its month, so on any other day it would count the month before only
    while saying the day; inside, the same month end counts the same facts."""
    following = (pd.Timestamp(as_of) + pd.offsets.Day(1)).date()
    return as_of if following.day == 1 else (pd.Timestamp(as_of) - pd.offsets.MonthEnd(1)).date()


def zone_labels(zones: pd.DataFrame, lang):
    """The zones one may choose, by value, as the language names them (from the zones query); "" is the province."""
    return {"": text("all_province", lang), **{z: zone_name(z, e, lang) for z, e in zip(zones.zone, zones.zone_en)}}


def prefecture_names(prefectures: pd.DataFrame, zone, lang="zh"):
    """The prefectures one may choose, code to name in the language (from the prefectures query): the zone's, or all
    without a zone."""
    if zone:
        prefectures = prefectures[prefectures.zone == zone]
    return {code: value_label(name, lang) for code, name in zip(prefectures.prefecture_code, prefectures.prefecture_name)}


def area_filters(chosen):
    """The chosen filters less the basis: for questions that do not depend on it."""
    return {k: chosen[k] for k in ("as_of", "zone", "prefecture_code")}


def basis_label(basis, lang):
    return text(f"basis_{basis}", lang)


def basis_caption(chosen, lang):
    """Every figure says its basis, unit and as-of date: this line says the first and the last."""
    return text("basis_caption", lang, basis=basis_label(chosen["basis"], lang), as_of=f"{chosen['as_of']:%Y-%m-%d}")


@dataclass(frozen=True)
class Choice:
    """What the figures are for: the as-of date, the area (zone and prefecture, None for all) and the basis, with the
    names the sidebar shows for them in the language."""
    lang: str
    as_of: dt.date
    basis: str
    zone: str = None
    prefecture_code: str = None
    zone_label: str = ""
    prefecture_name: str = ""

    @property
    def filters(self):
        """The choices as the pages pass them to the queries."""
        return {"as_of": self.as_of, "basis": self.basis, "zone": self.zone, "prefecture_code": self.prefecture_code}

    @property
    def area_filters(self):
        return area_filters(self.filters)

    @property
    def area_name(self):
        """The prefecture, else the zone, else the province."""
        return self.prefecture_name or self.zone_label or text("all_province", self.lang)

    @property
    def as_of_text(self):
        return f"{self.as_of:%Y-%m-%d}"

    @property
    def basis_label(self):
        return basis_label(self.basis, self.lang)

    def basis_caption(self):
        return basis_caption(self.filters, self.lang)

    def in_area(self, caption):
        """A caption headed by the area it is about."""
        return f"{self.area_name} · {caption}"

    def context(self, is_synthetic):
        """The rows that head every downloaded table and every sheet of the briefing's workbook: what the figures are, as
        of when, for which area and basis."""
        t = self.t
        rows = [(t("as_of"), self.as_of_text), (t("zone_filter"), self.zone_label or t("all_province")),
                (t("prefecture_filter"), self.prefecture_name or t("all_prefectures")), (t("basis"), self.basis_label)]
        if is_synthetic:
            rows.append((t("download_data"), t("synthetic_short")))
        return rows

    def t(self, key, **values):
        """Text of an i18n key in the choice's language."""
        return text(key, self.lang, **values)


def choose(zones: pd.DataFrame, prefectures: pd.DataFrame, lang, as_of, basis, zone=None, prefecture_code=None):
    """The Choice of these values, named from the zones and prefectures queries ("" or None for all). The values are
    taken as given: the sidebar offers only the ones the data allows, and the briefing checks them first."""
    zone, prefecture_code = zone or None, prefecture_code or None
    return Choice(lang, as_of, basis, zone, prefecture_code, zone_labels(zones, lang)[zone] if zone else "",
                  prefecture_names(prefectures, zone, lang).get(prefecture_code, "") if prefecture_code else "")
