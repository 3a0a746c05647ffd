"""The briefing pack: slides (python-pptx, 16:9) and the workbook of the figures behind them, for an as-of date and an
area, in Chinese or English. Every figure comes from the pages' own queries and pure functions; no Streamlit here, so
the command line (`python -m sinkboard briefing`) and the briefing page build the same pack."""

import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd
import xlsxwriter
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from sinkboard import WAREHOUSE_FORMAT
from sinkboard.charts import money as money_charts
from sinkboard.charts import pools as pool_charts
from sinkboard.charts import progress as progress_charts
from sinkboard.charts import trading as trading_charts
from sinkboard.charts.common import area_unit, axis_unit, zone_name
from sinkboard.figures import trading_terms
from sinkboard.figures.narrative import progress_sentences
from sinkboard.figures.subsidy_rules import (
    budget_columns,
    has_budget_chart,
    is_area_chosen,
    payments_in_breach,
    ratio_text,
    with_rule_text,
)
from sinkboard.figures.summaries import (
    budget_share,
    province_targets,
    target_tile,
    upcoming_first,
)
from sinkboard.outputs import chart_files, downloads
from sinkboard.store import warehouse
from sinkboard.text.catalogue import text, value_label
from sinkboard.text.formats import compact, count, exact, percent, price, quantity, unit

# every query the pack runs, with the parameters the pages give them; the briefing page's line in registry.PAGES
# names the ones the shared sidebar does not already run
QUERIES = ("data_dates", "zones", "prefectures", "plan", "build_info", "ingest_files", "target_progress", "headline",
           "scale_trend", "pipeline_status", "stalled_projects", "trades_headline", "trades_by_month",
           "trades_top_buyers", "subsidy_totals", "subsidy_budget", "subsidy_breaches", "carbon_latest", "carbon_trend")
BASES = ("development", "registered")

# rows a slide's table lists; the workbook holds them all
STALLED_ROWS = 8
BREACH_ROWS = 10
BUYER_ROWS = 5
# charts drawn as pictures in the deck: enough pixels for a projector and for print
DECK_PPI = 200

# the house look: the dashboard's greens, Arial for Latin text and Microsoft YaHei for Chinese. PowerPoint and WPS on
# Windows have YaHei; where it is missing (LibreOffice, WPS on Linux) the runs' GB2312 charset and zh-CN language make the
# renderer substitute a Simplified Chinese sans font, Noto Sans CJK SC from fonts-noto-cjk (checked with LibreOffice)
LATIN_FONT = "Arial"
EAST_ASIAN_FONT = "Microsoft YaHei"
GREEN = RGBColor(0x1F, 0x5F, 0x3F)
LIGHT_GREEN = RGBColor(0xE8, 0xF0, 0xEA)
GREY = RGBColor(0x57, 0x60, 0x6A)
DARK = RGBColor(0x24, 0x29, 0x2F)
RED = RGBColor(0xB4, 0x23, 0x18)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = 0.5  # inches, left and right
CONTENT_WIDTH = 13.333 - 2 * MARGIN
BODY_TOP = 1.55
FOOTER_TOP = 7.02

# the category columns shown in English when the pack is (as ui.labelled does on the pages)

class BriefingError(Exception):
    """The pack cannot be made as asked (no warehouse, an unknown zone, a bad date); the message says why."""


@dataclass
class Sheet:
    """A table behind the deck: a query's result and the columns shown, one sheet of the workbook."""
    name: str
    frame: pd.DataFrame
    columns: list


@dataclass
class Table:
    """A table on a slide, as text: its heading, column headings, the rows shown, and how many rows there are."""
    heading: str
    columns: list
    rows: list
    total_rows: int
    sheet: str


@dataclass
class NativeChart:
    """A chart PowerPoint draws itself (editable): horizontal bars, columns or lines over categories."""
    kind: str  # "bar", "column" or "line"
    categories: list
    series: list  # (name, values) pairs; None is a gap
    axis_title: str
    number_format: str = "#,##0.0"  # of the figures (the chart's own data sheet, the labels)
    axis_format: str = "#,##0"  # of the value axis
    point_colors: list = None  # bars and columns of one series: a colour per category
    point_labels: list = None  # bars and columns: a label per category on the last series, else the value
    series_colors: list = None  # bars and columns of several series: a colour per series (and a legend)
    styles: list = None  # lines: per series "solid", "markers" or "dotted"
    marker_labels: dict = None  # lines: category position -> label of the "markers" series (the targets)


@dataclass
class Slide:
    key: str
    title: str
    subtitle: str = ""
    figures: list = field(default_factory=list)  # (label, value, detail) tiles
    lines: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    chart: object = None  # the page's own Altair chart: the preview, and the deck's picture when there is no native one
    native: NativeChart = None
    note: str = ""
    warning: str = ""  # the synthetic-data warning, in red


@dataclass
class Briefing:
    lang: str
    as_of: dt.date
    basis: str
    zone: str
    prefecture_code: str
    area_name: str
    file_stem: str
    is_synthetic: bool
    context: list  # (label, value) rows that head every sheet
    footer: str
    slides: list
    sheets: list


# ---------------------------------------------------------------------------------------------------------------------
# the figures: queries and pure functions, as the pages run them


def _missing(value):
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _cell_text(column, value, lang):
    """A value as a slide's table writes it: categories in the pack's language, numbers with separators."""
    if _missing(value):
        return "—"
    if column in downloads.TRANSLATED_COLUMNS:
        return str(value_label(value, lang))
    if hasattr(value, "strftime"):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (int, float, Decimal)) or hasattr(value, "dtype"):  # numpy scalars have a dtype
        if column.startswith("share"):
            return percent(value, lang=lang)
        if "price" in column or column.startswith(("yuan_per", "sink_per")):
            return exact(value, lang, 2)
        return exact(value, lang)
    return str(value)


def _table(heading, frame, columns, shown, sheet, lang):
    rows = [[_cell_text(c, getattr(row, c), lang) for c in columns] for row in frame.head(shown).itertuples()]
    return Table(heading, [text(f"col_{c}", lang) for c in columns], rows, len(frame), sheet)


@dataclass
class _Choice:
    """What a pack is for (date, area, basis, language) and the query runner: what every section starts from."""
    run: object
    lang: str
    as_of: dt.date
    basis: str
    zone: str
    prefecture_code: str
    zone_label: str
    area_name: str

    def t(self, key, **values):
        """The pages' t(), in the pack's language."""
        return text(key, self.lang, **values)

    @property
    def chosen(self):
        """The sidebar's choices as the pages pass them to the queries."""
        return {"as_of": self.as_of, "basis": self.basis, "zone": self.zone, "prefecture_code": self.prefecture_code}

    @property
    def scope(self):
        """The choices less the basis (ui.area_filters on the pages)."""
        return {"as_of": self.as_of, "zone": self.zone, "prefecture_code": self.prefecture_code}

    @property
    def as_of_text(self):
        return f"{self.as_of:%Y-%m-%d}"

    @property
    def basis_label(self):
        return self.t(f"basis_{self.basis}")

    def basis_caption(self):
        return self.t("basis_caption", basis=self.basis_label, as_of=self.as_of_text)

    def in_area(self, caption):
        """A caption headed by the area it is about."""
        return f"{self.area_name} · {caption}"


def gather(run, lang="zh", as_of=None, basis="development", zone=None, prefecture_code=None, made_at=None):
    """The pack's slides and sheets. run(name, **params) returns the result of queries/NAME.sql: the page passes its
    cached ui.query, the command line warehouse.run_query on a connection of its own."""
    if basis not in BASES:
        raise BriefingError(f"unknown basis {basis!r}: one of {', '.join(BASES)}")
    dates = run("data_dates").iloc[0]
    if as_of is None:
        if pd.isna(dates.latest_date):
            raise BriefingError("the warehouse holds no dated record (no project, issuance, trade or payment)")
        as_of = dates.latest_date.date()
    elif pd.notna(dates.latest_date) and not dates.first_date.date() <= as_of <= dates.latest_date.date():
        raise BriefingError(f"as-of date {as_of} outside the data: from {dates.first_date:%Y-%m-%d} "
                            f"to {dates.latest_date:%Y-%m-%d}")
    zones, prefectures = run("zones"), run("prefectures")
    zone_en = dict(zip(zones.zone, zones.zone_en))
    prefecture_names = dict(zip(prefectures.prefecture_code, prefectures.prefecture_name))
    zone, prefecture_code = zone or None, prefecture_code or None
    if zone and zone not in zone_en:
        raise BriefingError(f"unknown zone {zone!r}: one of {', '.join(zones.zone)}")
    if prefecture_code and prefecture_code not in prefecture_names:
        raise BriefingError(f"unknown prefecture code {prefecture_code!r}")
    zone_label = zone_name(zone, zone_en[zone], lang) if zone else ""
    area_name = prefecture_names[prefecture_code] if prefecture_code else zone_label or text("all_province", lang)
    choice = _Choice(run, lang, as_of, basis, zone, prefecture_code, zone_label, area_name)
    t = choice.t

    build = run("build_info").iloc[0]
    is_synthetic = bool(build.is_synthetic)
    built_at = f"{pd.Timestamp(build.built_at):%Y-%m-%d %H:%M} UTC"
    context = [(t("as_of"), choice.as_of_text), (t("zone_filter"), zone_label or t("all_province")),
               (t("prefecture_filter"), prefecture_names[prefecture_code] if prefecture_code else t("all_prefectures")),
               (t("basis"), choice.basis_label)]
    if is_synthetic:
        context.append((t("download_data"), t("synthetic_short")))
    slug = prefecture_code or (re.sub(r"[^a-z0-9]+", "-", str(zone_en[zone]).lower()).strip("-") if zone else "province")
    warning = t("brief_synthetic_warning") if is_synthetic else ""

    progress = run("target_progress", as_of=as_of, basis=basis)
    slides, sheets = [_title(choice, build, built_at, warning)], []
    for section in (_headline(choice, progress), _zones(choice, progress), _trend(choice, progress), _pipeline(choice),
                    _trading(choice), _subsidies(choice), _pools(choice)):
        slides += section[0]
        sheets += section[1]
    slides.append(Slide("summary", t("brief_summary_title"), choice.basis_caption(),
                        lines=progress_sentences(progress, as_of, choice.basis_label, lang)))
    slides.append(_definitions(choice, dates, built_at, made_at or dt.datetime.now(dt.timezone.utc), warning))
    return Briefing(lang, as_of, basis, zone, prefecture_code, area_name, f"briefing-{choice.as_of_text}-{slug}-{lang}",
                    is_synthetic, context, t("brief_footer", app=t("app_title"), area=area_name, as_of=choice.as_of_text),
                    slides, sheets)


def _title(choice, build, built_at, warning):
    """The area, the as-of date and the basis; the plan and the files the figures come from."""
    t = choice.t
    per_dataset = choice.run("ingest_files").groupby("dataset", sort=True).agg(files=("source_file", "count"),
                                                                                rows=("rows_loaded", "sum"))
    plan = choice.run("plan").iloc[0]
    sources = [t("plan_caption", name=plan.plan_name if choice.lang == "zh" else plan.plan_name_en, date=plan.plan_date)]
    sources += [t("brief_source_line", dataset=t(f"dataset_{name}"), files=count(row.files, choice.lang),
                  rows=count(row.rows, choice.lang)) for name, row in per_dataset.iterrows()]
    sources.append(t("brief_build_line", built_at=built_at, source=build.source_name, files=count(build.files, choice.lang)))
    heading = [t("brief_area", area=choice.area_name), t("brief_as_of", as_of=choice.as_of_text),
               t("brief_basis", basis=choice.basis_label)]
    return Slide("title", t("brief_deck_title"), subtitle="\n".join(heading), lines=sources, warning=warning)


def _headline(choice, progress):
    """The overview's tiles: the scale, each province target, credits, this year's trading and subsidies."""
    t, lang = choice.t, choice.lang
    frame = choice.run("headline", as_of=choice.as_of)
    headline = frame.iloc[0]
    province = province_targets(progress)
    this_year = int(headline.this_year)

    def with_unit(label, kind):
        return t("tile_with_unit", label=label, unit=unit(kind, lang))

    scale_now = headline.development_mu if choice.basis == "development" else headline.registered_mu
    figures = [(with_unit(choice.basis_label, "area"), compact(scale_now, lang), "")]
    for row in province.itertuples():
        verdict, gap = target_tile(row)
        parts = [t("status_missed") if verdict == "missed" else t("tile_target_done") if verdict == "achieved"
                 else t("tile_target_delta", gap=quantity(gap, "area", lang)),
                 t("brief_target_is", target=quantity(row.target_mu, "area", lang))]
        if verdict == "to_go":
            parts.append(t(f"status_{row.status}"))
        figures.append((t("tile_target", year=row.year), percent(row.share_of_target), " · ".join(parts)))
    share = budget_share(headline)
    figures += [
        (with_unit(t("tile_registered"), "area"), compact(headline.registered_mu, lang), ""),
        (with_unit(t("tile_issued"), "carbon"), compact(headline.issued_tco2e, lang), ""),
        (with_unit(t("tile_trading", year=this_year), "carbon"), compact(headline.trade_volume_tco2e, lang),
         t("tile_trading_value", value=quantity(headline.trade_amount_yuan, "money", lang))),
        (with_unit(t("tile_subsidy", year=this_year), "money"), compact(headline.subsidy_paid_yuan, lang),
         t("tile_subsidy_of_budget", share=percent(share)) if share is not None else t("tile_no_budget")),
    ]
    lines = []
    if choice.zone and not choice.prefecture_code:  # the zone's own targets, or its share of the province's
        for year in upcoming_first(province):
            row = progress[(progress.zone == choice.zone) & (progress.year == year)].iloc[0]
            if pd.notna(row.target_mu):
                lines.append(t("brief_zone_target_line", zone=choice.zone_label, year=year,
                               target=quantity(row.target_mu, "area", lang), share=percent(row.share_of_target),
                               status=t(f"status_{row.status}")))
            else:
                lines.append(t("brief_zone_share_line", zone=choice.zone_label, year=year,
                               share=percent(row.share_of_province_target)))
    if choice.zone or choice.prefecture_code:
        lines.append(t("brief_province_figures", area=choice.area_name))
    if province.empty:
        lines.append(t("no_targets"))
    slide = Slide("headline", t("brief_headline_title"), choice.basis_caption(), figures=figures, lines=lines)
    return [slide], [
        Sheet("headline", frame, ["this_year", "development_mu", "registered_mu", "issued_tco2e", "trade_volume_tco2e",
                                  "trade_amount_yuan", "subsidy_paid_yuan", "subsidy_budget_yuan"]),
        Sheet("target_progress", progress, ["zone", "year", "target_mu", "scale_mu", "share_of_target",
                                            "share_of_province_target", "pace_mu_per_year", "needed_mu_per_year",
                                            "projected_mu", "status"])]


def _zones(choice, progress):
    """The overview's bars for the next target: each zone's share of its target (or of the province's)."""
    t, lang = choice.t, choice.lang
    years = upcoming_first(province_targets(progress))
    if not years:
        return [Slide("zones", t("zones_progress"), choice.basis_caption(), lines=[t("no_targets")])], []
    year = years[0]
    rows = progress[progress.year == year].sort_values("sort_order")
    shares = rows.share_of_target.fillna(rows.share_of_province_target)  # as charts.progress.target_bars draws them
    statuses = rows.status.fillna("none")
    names = [zone_name(z, e, lang) for z, e in zip(rows.zone, rows.zone_en)]
    native = NativeChart("bar", names, [(t("col_share_of_target"), [None if pd.isna(s) else float(s) for s in shares])],
                         t("col_share_of_target"), number_format="0.0%", axis_format="0%",
                         point_colors=[progress_charts.STATUS_COLORS[s] for s in statuses])
    lines = [t("brief_zone_bar_line", zone=n, share=percent(s), status=t(f"status_{status}"))
             for n, s, status in zip(names, shares, statuses)]
    return [Slide("zones", t("brief_zones_title", year=year), choice.basis_caption(), lines=lines,
                  chart=progress_charts.target_bars(progress, year, lang), native=native,
                  note=t("zones_progress_caption"))], []


def _trend(choice, progress):
    """The overview's trend: the area's scale month by month, its targets and the projection at the current pace."""
    t = choice.t
    trend = choice.run("scale_trend", **choice.chosen)
    slide = Slide("trend", t("trend_title"), choice.in_area(choice.basis_caption()))
    if trend.empty:
        slide.lines = [t("brief_no_scale")]
    else:
        slide.chart = progress_charts.scale_trend(trend, progress, choice.zone, choice.lang)
        # targets are set for the province and the zones: a prefecture's scale is shown without them
        targets_of = None if choice.prefecture_code else choice.zone or "全省"
        slide.native, unit_label = _scale_trend_chart(trend, progress, targets_of, choice.lang)
        slide.note = (t("brief_trend_note", unit=unit_label) if targets_of
                      else t("brief_trend_prefecture_note", area=choice.area_name, unit=unit_label))
    return [slide], [Sheet("scale_trend", trend, ["month_end", "added_mu", "scale_mu"])]


def _pipeline(choice):
    """The pipeline page's projects by status, and the registered projects overdue for issuance."""
    t, lang = choice.t, choice.lang
    statuses = choice.run("pipeline_status", **choice.scope)
    stalled = choice.run("stalled_projects", **choice.scope)
    divisor, unit_label = area_unit(statuses.area_mu, lang)
    axis = t("brief_pipeline_axis", unit=unit_label)
    native = NativeChart("column", [value_label(s, lang) for s in statuses.status],
                         [(axis, [float(v) / divisor for v in statuses.area_mu])], axis,
                         point_colors=["#8c959f" if s == "终止" else "#1f5f3f" for s in statuses.status],
                         point_labels=[t("brief_projects_label", n=count(n, lang)) for n in statuses.projects])
    slide = Slide("pipeline", t("brief_pipeline_title"), choice.in_area(t("pipeline_caption", as_of=choice.as_of_text)),
                  chart=progress_charts.pipeline_status(statuses, lang), native=native,
                  figures=[(t("brief_overdue"), count(len(stalled), lang), "")], note=t("stalled_caption"))
    if stalled.empty:
        slide.lines = [t("stalled_none")]
    else:
        slide.tables = [_table(t("stalled"), stalled, ["project_name", "county_name", "registered_date",
                                                       "months_without_issuance"], STALLED_ROWS, "stalled_projects", lang)]
    return [slide], [
        Sheet("pipeline_status", statuses, ["status", "projects", "area_mu"]),
        Sheet("stalled_projects", stalled, ["project_id", "project_name", "county_name", "project_type", "area_mu",
                                            "registered_date", "last_issued_date", "months_without_issuance"])]


def _trading(choice):
    """The trading page's tiles (this year and to date), its monthly chart and the largest organisation buyers."""
    t, lang, as_of_text = choice.t, choice.lang, choice.as_of_text
    frame = choice.run("trades_headline", **choice.scope)
    totals = frame.iloc[0]
    monthly = choice.run("trades_by_month", **choice.scope)
    buyers = choice.run("trades_top_buyers", top=trading_terms.TOP_BUYERS,
                        period_start=trading_terms.period_start("to_date", choice.as_of), **choice.scope)
    slide = Slide("trading", t("trading_title"), choice.in_area(t("trading_caption", as_of=as_of_text)),
                  note=t("trading_tiles_caption"))
    if totals.total_trades == 0:
        slide.lines = [t("trading_none", as_of=as_of_text)]
    else:
        slide.chart = trading_charts.monthly_trend(monthly, lang)
        measures = {  # formatted as the page's tile_row formats them
            "trades": lambda p: count(totals[f"{p}_trades"], lang),
            "volume_tco2e": lambda p: quantity(totals[f"{p}_volume_tco2e"], "carbon", lang),
            "amount_yuan": lambda p: quantity(totals[f"{p}_amount_yuan"], "money", lang, digits=1 if lang == "en" else None),
            "average_price_yuan": lambda p: price(totals[f"{p}_average_price_yuan"], lang),
        }
        headings = ["", t("trading_year_heading", year=int(totals.this_year), as_of=as_of_text),
                    t("trading_total_heading", as_of=as_of_text)]
        slide.tables = [Table("", headings, [[t(f"tile_{m}"), shown("year"), shown("total")]
                                             for m, shown in measures.items()], len(measures), "trades_headline")]
        if not buyers.empty:
            slide.tables.append(_table(t("trading_buyers"), buyers, ["buyer", "buyer_type", "volume_tco2e"], BUYER_ROWS,
                                       "trades_top_buyers", lang))
    return [slide], [
        Sheet("trades_headline", frame, ["this_year", "year_trades", "year_volume_tco2e", "year_amount_yuan",
                                         "year_average_price_yuan", "total_trades", "total_volume_tco2e",
                                         "total_amount_yuan", "total_average_price_yuan"]),
        Sheet("trades_by_month", monthly, ["month", "trades", "volume_tco2e", "amount_yuan", "priced_volume_tco2e",
                                           "average_price_yuan"]),
        Sheet("trades_top_buyers", buyers, ["rank", "buyer", "buyer_type", "trades", "volume_tco2e", "amount_yuan",
                                            "average_price_yuan", "share_of_volume"])]


def _subsidies(choice):
    """The subsidies page's spend against the budget and its tiles; the reward rules broken, payment by payment."""
    t, lang, as_of_text = choice.t, choice.lang, choice.as_of_text
    totals = choice.run("subsidy_totals", **choice.scope)
    paid = totals.iloc[0]
    budget = choice.run("subsidy_budget", **choice.scope)
    breaches = with_rule_text(choice.run("subsidy_breaches", **choice.scope), lang)
    note = t("sub_budget_caption", as_of=as_of_text)
    if is_area_chosen(choice.chosen):
        note += " " + t("sub_budget_area_caption", area=choice.area_name)
    spend = Slide("subsidies", t("brief_subsidies_title"),
                  choice.in_area(t("sub_caption", as_of=as_of_text, area=choice.area_name)), note=note, figures=[
                      (t("sub_tile_paid"), quantity(paid.paid_yuan, "money", lang), ""),
                      (t("sub_tile_projects"), count(paid.projects_funded, lang), ""),
                      (t("col_payments"), count(paid.payments, lang), ""),
                      (t("sub_tile_breaches"), count(payments_in_breach(breaches), lang), ""),
                      (t("sub_tile_per_mu"), ratio_text(paid.yuan_per_mu, "sub_per_mu_value", lang), ""),
                      (t("sub_tile_per_tco2e"), ratio_text(paid.yuan_per_tco2e, "sub_per_tco2e_value", lang), "")])
    if has_budget_chart(budget, choice.chosen):
        with_budget = not is_area_chosen(choice.chosen)
        spend.chart = money_charts.budget_bars(budget, lang, with_budget=with_budget)
        spend.native = _budget_chart(budget, choice.as_of.year, with_budget, lang)
    else:
        spend.lines = [t("sub_none")]
    rules = Slide("breaches", t("sub_rules_title"), choice.in_area(t("brief_as_of", as_of=as_of_text)),
                  note=t("sub_rules_caption"))
    if breaches.empty:
        rules.lines = [t("sub_rules_none", as_of=as_of_text)]
    else:
        rules.lines = [t("sub_rules_count", rows=count(len(breaches), lang),
                         payments=count(payments_in_breach(breaches), lang), as_of=as_of_text)]
        rules.tables = [_table(t("sub_rules_title"), breaches, ["payment_id", "rule", "project_name", "county_name",
                                                                "payment_yuan", "paid_date"], BREACH_ROWS,
                               "subsidy_breaches", lang)]
    return [spend, rules], [
        Sheet("subsidy_totals", totals, ["paid_yuan", "payments", "projects_funded", "scale_mu", "issued_tco2e",
                                         "yuan_per_mu", "yuan_per_tco2e"]),
        Sheet("subsidy_budget", budget, budget_columns(choice.chosen)),
        Sheet("subsidy_breaches", breaches, ["payment_id", "rule", "project_id", "project_name", "county_name",
                                             "payment_yuan", "paid_date", "status", "registered_date",
                                             "first_payment_id"])]


def _budget_chart(budget, year, with_budget, lang):
    """The page's budget chart for one year, natively: per category, the province's budget and the amount paid,
    labelled with the share of the budget used (the as-of year, or the latest year shown when it has no row); without
    the budget (an area is chosen) the area's payments alone. The other years are in the workbook."""
    if year not in set(budget.year):
        year = int(budget.year.max())
    rows = budget[budget.year == year]
    if not with_budget:
        rows = rows[rows.paid_yuan > 0]
    drawn = pd.concat([rows.budget_yuan.dropna(), rows.paid_yuan]) if with_budget else rows.paid_yuan
    divisor, unit_label = axis_unit(drawn.astype(float), "money", lang)

    def values(column):
        return [None if pd.isna(v) else float(v) / divisor for v in rows[column]]

    paid = (text("sub_legend_paid", lang), values("paid_yuan"))
    largest = max([v for v in drawn.astype(float) / divisor if pd.notna(v)], default=0)
    shown = "#,##0" if largest >= 100 else "#,##0.0"
    categories = [value_label(c, lang) for c in rows.category]
    if with_budget:
        return NativeChart("column", categories, [(text("sub_legend_budget", lang), values("budget_yuan")), paid],
                           text("brief_budget_axis", lang, year=year, unit=unit_label), number_format=shown,
                           series_colors=["#c9d6cd", "#1f5f3f"],
                           point_labels=["" if pd.isna(s) else percent(s, 0, lang) for s in rows.share_of_budget])
    return NativeChart("column", categories, [paid], text("brief_budget_axis_area", lang, year=year, unit=unit_label),
                       number_format=shown, series_colors=["#1f5f3f"])


def _pools(choice):
    """The pools page's tiles for the latest monitored year and its like-for-like stock over the years."""
    t, lang, as_of_text = choice.t, choice.lang, choice.as_of_text
    frame = choice.run("carbon_latest", **choice.scope)
    latest = frame.iloc[0]
    trend = choice.run("carbon_trend", like_for_like=True, **choice.scope)
    slide = Slide("pools", t("pools_title"), choice.area_name)
    if not latest.counties_reported:
        slide.lines = [t("pools_none", as_of=as_of_text)]
    else:
        year = int(latest.year)
        slide.subtitle = choice.in_area(t("pools_caption", as_of=as_of_text, year=year,
                                          reported=count(latest.counties_reported, lang),
                                          monitored=count(latest.counties_monitored, lang)))
        slide.figures = [(t("tile_stock", year=year), compact(latest.stock_tco2e, lang), ""),
                         (t("tile_sink", year=year), compact(latest.sink_tco2e, lang), ""),
                         (t("tile_pool_area", year=year), compact(latest.area_mu, lang), ""),
                         (t("tile_sink_per_mu", year=year), exact(latest.sink_per_mu, lang, 3), "")]
        slide.note = t("pools_comparable_caption", as_of=as_of_text)
        if not trend.empty:
            slide.chart = pool_charts.stock_trend(trend, lang)
    return [slide], [
        Sheet("carbon_latest", frame, ["year", "counties_reported", "counties_monitored", "area_mu", "stock_tco2e",
                                       "sink_tco2e", "sink_per_mu"]),
        Sheet("carbon_trend", trend, ["year", "zone", "pool", "counties", "area_mu", "stock_tco2e", "sink_tco2e",
                                      "sink_per_mu"])]


def _definitions(choice, dates, built_at, made_at, warning):
    """Bases, units and rules in words; how fresh the data is; the synthetic-data warning where it applies."""
    t = choice.t
    latest = "—" if pd.isna(dates.latest_date) else f"{dates.latest_date:%Y-%m-%d}"
    lines = [t("basis_development_help"), t("basis_registered_help"), t("brief_units"), t("zones_progress_caption"),
             t("brief_def_stalled"), t("brief_def_price"), t("brief_def_subsidy"),
             t("brief_freshness", latest=latest, built_at=built_at, as_of=choice.as_of_text,
               made_at=f"{made_at:%Y-%m-%d %H:%M} UTC"),
             t("brief_workbook_note")]
    return Slide("definitions", t("brief_definitions_title"), lines=lines, warning=warning)


def _scale_trend_chart(trend, progress, area, lang):
    """The overview's trend as a native line chart: the monthly scale, the area's targets at their deadlines and the
    projection at the current pace (target_progress's projected_mu). No targets for a prefecture (area None)."""
    targets = progress[(progress.zone == area) & progress.target_mu.notna()].sort_values("year") if area else progress[:0]
    divisor, unit_label = area_unit(pd.concat([trend.scale_mu, targets.target_mu]), lang)
    months = [pd.Timestamp(m).date() for m in trend.month_end]
    last = max([months[-1], *[pd.Timestamp(d).date() for d in targets.deadline]])
    # the month ends after the as-of month, up to the last target's deadline (the as-of month ends on the as-of date)
    later = [p.end_time.date() for p in pd.period_range(pd.Period(months[-1], "M") + 1, pd.Period(last, "M"), freq="M")]
    categories = months + later
    position = {d: i for i, d in enumerate(categories)}
    now = len(months) - 1
    actual = [float(v) / divisor for v in trend.scale_mu] + [None] * len(later)
    goals, labels = [None] * len(categories), {}
    # the projection: from the scale now to target_progress's projected_mu at each deadline ahead, a straight line
    # drawn month by month (a renderer need not join points across empty months)
    ahead = {now: actual[now]}
    for row in targets.itertuples():
        deadline = pd.Timestamp(row.deadline).date()
        if deadline in position:
            goals[position[deadline]] = float(row.target_mu) / divisor
            labels[position[deadline]] = f"{row.year} {text('legend_target', lang)} {quantity(row.target_mu, 'area', lang)}"
            if row.years_left > 0:
                ahead[position[deadline]] = float(row.projected_mu) / divisor
    series, styles = [(text("legend_actual", lang), actual)], ["solid"]
    if labels:
        series.append((text("legend_target", lang), goals))
        styles.append("markers")
    if len(ahead) > 1:
        known = sorted(ahead)
        projection = [None] * len(categories)
        for start, end in zip(known, known[1:]):
            for step in range(start, end + 1):
                projection[step] = ahead[start] + (ahead[end] - ahead[start]) * (step - start) / (end - start)
        series.append((text("legend_projection", lang), projection))
        styles.append("dotted")
    return NativeChart("line", categories, series, unit_label, styles=styles, marker_labels=labels), unit_label


# ---------------------------------------------------------------------------------------------------------------------
# the workbook


def workbook_bytes(briefing):
    """One sheet per table or chart behind the deck: the filters and as-of date, a blank row, the headings and the rows
    of the query result. Text is always written as text (a leading =, +, -, @ gets an apostrophe), never as a formula."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for sheet in briefing.sheets:
        page = book.add_worksheet(sheet.name[:31])
        shown = downloads.labelled(sheet.frame, sheet.columns, briefing.lang, missing_text=None)
        row_number = 0
        for label, value in briefing.context:
            page.write_string(row_number, 0, downloads.neutralise(str(label)), bold)
            page.write_string(row_number, 1, downloads.neutralise(str(value)))
            row_number += 1
        row_number += 1
        for c, heading in enumerate(shown.columns):
            page.write_string(row_number, c, downloads.neutralise(str(heading)), bold)
            page.set_column(c, c, max(10, min(40, len(str(heading)) * 2)))
        for values in downloads.cell_rows(shown):  # the page downloads' own cell conversion (Decimal, NaT, numpy)
            row_number += 1
            for c, value in enumerate(values):
                if value is None:
                    continue
                if isinstance(value, bool):
                    page.write_boolean(row_number, c, value)
                elif isinstance(value, (int, float)):
                    page.write_number(row_number, c, value)
                elif isinstance(value, (dt.date, dt.datetime)):
                    page.write_datetime(row_number, c, value if isinstance(value, dt.datetime)
                                        else dt.datetime.combine(value, dt.time()), date_format)
                else:
                    page.write_string(row_number, c, str(value))
    book.close()
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------------------------
# the deck


def _east_asian(r_pr, lang):
    """Arial for Latin text and Microsoft YaHei for Chinese on one run (a:latin, a:ea), and the run's language."""
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in r_pr.findall(qn(tag)):
            r_pr.remove(old)
    latin = etree.SubElement(r_pr, qn("a:latin"))
    latin.set("typeface", LATIN_FONT)
    ea = etree.SubElement(r_pr, qn("a:ea"))
    ea.set("typeface", EAST_ASIAN_FONT)
    ea.set("charset", "-122")  # GB2312: tells a renderer without YaHei to substitute a Simplified Chinese font
    # schema order: fills and effects, then latin, ea, cs, then hyperlinks; move the fonts before any hyperlink
    for later in [child for child in r_pr if child.tag in (qn("a:hlinkClick"), qn("a:hlinkMouseOver"), qn("a:rtl"),
                                                           qn("a:extLst"))]:
        r_pr.remove(later)
        r_pr.append(later)
    r_pr.set("lang", "zh-CN" if lang == "zh" else "en-US")
    r_pr.set("altLang", "en-US" if lang == "zh" else "zh-CN")


def _house_theme(presentation):
    """The template's theme with Arial and Microsoft YaHei as its fonts (text typed in later gets them too).

    python-pptx has no theme API: the theme part is a plain part whose XML is rewritten here."""
    part = presentation.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    theme = etree.fromstring(part.blob)
    for font_set in theme.iter(qn("a:majorFont"), qn("a:minorFont")):
        font_set.find(qn("a:latin")).set("typeface", LATIN_FONT)
        font_set.find(qn("a:ea")).set("typeface", EAST_ASIAN_FONT)
        for script in font_set.findall(qn("a:font")):
            if script.get("script") in ("Hans", "Hant"):
                script.set("typeface", EAST_ASIAN_FONT)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _weight(value):
    """Width of a text in ems: a CJK character is one, other characters about half (Arial's average)."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.52 for ch in value)


def _text_height(value, size, width, margin=0.12):
    """Inches a wrapped text of this point size needs in a box this many inches wide (with the box's margins)."""
    per_line = max(1.0, (width - 0.12) * 72 / size)
    lines = sum(max(1, math.ceil(_weight(part) / per_line)) for part in str(value).split("\n"))
    leading = 1.35 if any(ord(ch) > 0x2E80 for ch in str(value)) else 1.2  # CJK fonts' lines are taller
    return lines * size * leading / 72 + margin


def _column_widths(table, width, size):
    """Inches per column: a short column (a date, a figure, a code) gets its text's width and keeps it on one line;
    the long ones (names, rules) share the rest and wrap."""
    # a heading may wrap between its words, never inside one
    natural = [max([_weight(h) * 0.5, *(_weight(word) * 1.1 for word in h.split()),
                    *(_weight(row[c]) for row in table.rows)]) * size / 72 + 0.16 for c, h in enumerate(table.columns)]
    if sum(natural) <= width:
        return [width * n / sum(natural) for n in natural]
    short = [n <= 1.3 for n in natural]
    rest = width - sum(n for n, is_short in zip(natural, short) if is_short)
    long_total = sum(n for n, is_short in zip(natural, short) if not is_short)
    if rest <= 0.8 * short.count(False):  # too many short columns: share it all
        return [width * n / sum(natural) for n in natural]
    return [n if is_short else rest * n / long_total for n, is_short in zip(natural, short)]


def _bullet(paragraph, size):
    """A real bullet with a hanging indent (a typed "•" takes the Chinese font's width in a Chinese line)."""
    paragraph.space_after = Pt(size * 0.45)
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(int(Pt(size * 1.1))))
    properties.set("indent", str(-int(Pt(size * 1.1))))
    etree.SubElement(properties, qn("a:buFont")).set("typeface", LATIN_FONT)
    etree.SubElement(properties, qn("a:buChar")).set("char", "•")


class _Deck:
    def __init__(self, briefing, images):
        self.briefing = briefing
        self.lang = briefing.lang
        self.images = images
        self.presentation = Presentation()
        self.presentation.slide_width, self.presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
        _house_theme(self.presentation)
        self.blank = self.presentation.slide_layouts[6]

    # text ------------------------------------------------------------------------------------------------------------
    def text_box(self, slide, x, y, w, h, paragraphs, anchor=MSO_ANCHOR.TOP, fill=None):
        """A text box; paragraphs are (text, size, bold, colour[, alignment]) tuples, each an editable run."""
        box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = Inches(0.06)
        frame.margin_top = frame.margin_bottom = Inches(0.03)
        if fill is not None:
            box.fill.solid()
            box.fill.fore_color.rgb = fill
        for number, (value, size, bold, color, *align) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            if align:
                paragraph.alignment = align[0]
            self.run(paragraph, value, size, bold, color)
        return box

    def run(self, paragraph, value, size, bold=False, color=DARK):
        run = paragraph.add_run()
        run.text = str(value)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = color
        _east_asian(run.font._rPr, self.lang)
        return run

    # frame of every slide --------------------------------------------------------------------------------------------
    def new_slide(self, title, subtitle, number, total):
        slide = self.presentation.slides.add_slide(self.blank)
        band = slide.shapes.add_shape(1, 0, 0, SLIDE_WIDTH, Inches(0.12))  # 1: rectangle
        band.fill.solid()
        band.fill.fore_color.rgb = GREEN
        band.line.fill.background()
        self.text_box(slide, MARGIN, 0.28, CONTENT_WIDTH, 0.7, [(title, 26, True, GREEN)], anchor=MSO_ANCHOR.MIDDLE)
        if subtitle:
            self.text_box(slide, MARGIN, 0.98, CONTENT_WIDTH, _text_height(subtitle, 12, CONTENT_WIDTH),
                          [(subtitle, 12, False, GREY)])
        rule = slide.shapes.add_connector(1, Inches(MARGIN), Inches(FOOTER_TOP - 0.06), Inches(13.333 - MARGIN),
                                          Inches(FOOTER_TOP - 0.06))
        rule.line.color.rgb = RGBColor(0xC9, 0xD6, 0xCD)
        self.text_box(slide, MARGIN, FOOTER_TOP, 8.0, 0.35, [(self.briefing.footer, 10, False, GREY)])
        if self.briefing.is_synthetic:
            self.text_box(slide, 7.4, FOOTER_TOP, 4.5, 0.35,
                          [(text("synthetic_short", self.lang), 10, True, RED, PP_ALIGN.RIGHT)])
        self.text_box(slide, 11.9, FOOTER_TOP, 0.93, 0.35, [(f"{number} / {total}", 10, False, GREY, PP_ALIGN.RIGHT)])
        return slide

    # blocks ----------------------------------------------------------------------------------------------------------
    def figures(self, slide, figures, x, y, width, columns, value_size):
        """Tiles of (label, value, detail), a row of `columns` at a time; returns the height used."""
        gap = 0.15
        tile_width = (width - gap * (columns - 1)) / columns
        label_height = max(_text_height(label, 11, tile_width - 0.2) for label, _, _ in figures)
        detail_height = max((_text_height(d, 10, tile_width - 0.2) for _, _, d in figures if d), default=0)
        tile_height = label_height + value_size * 1.3 / 72 + detail_height + 0.15
        for number, (label, value, detail) in enumerate(figures):
            row, column = divmod(number, columns)
            left, top = x + column * (tile_width + gap), y + row * (tile_height + gap)
            paragraphs = [(label, 11, False, GREY), (value, value_size, True, GREEN)]
            if detail:
                paragraphs.append((detail, 10, False, GREY))
            self.text_box(slide, left, top, tile_width, tile_height, paragraphs, fill=LIGHT_GREEN)
        rows = math.ceil(len(figures) / columns)
        return rows * tile_height + (rows - 1) * gap

    def lines(self, slide, lines, x, y, width, size):
        """Bulleted lines; returns the height used."""
        height = sum(_text_height(line, size, width - size * 1.1 / 72, margin=0) + size * 0.45 / 72 for line in lines) + 0.1
        box = self.text_box(slide, x, y, width, height, [(line, size, False, DARK) for line in lines])
        for paragraph in box.text_frame.paragraphs:
            _bullet(paragraph, size)
        return height

    def table(self, slide, table, x, y, width, size, bottom):
        """A native table (editable), as many of its rows as fit above `bottom`; returns the height used."""
        used = 0
        if table.heading:
            self.text_box(slide, x, y, width, 0.35, [(table.heading, size + 1, True, GREEN)])
            used += 0.38
        widths = _column_widths(table, width, size)
        row_heights = [max(_text_height(h, size, w - 0.1, margin=0.08) for h, w in zip(table.columns, widths))]
        for row in table.rows:
            row_heights.append(max(_text_height(v, size, w - 0.1, margin=0.08) for v, w in zip(row, widths)))
        fits = 1
        while fits < len(row_heights) and used + sum(row_heights[:fits + 1]) + 0.35 <= bottom - y:
            fits += 1
        rows = table.rows[:fits - 1]
        shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), Inches(x), Inches(y + used), Inches(width),
                                       Inches(sum(row_heights[:fits])))
        grid = shape.table
        for c, w in enumerate(widths):
            grid.columns[c].width = Inches(w)
        for r, height in enumerate(row_heights[:fits]):
            grid.rows[r].height = Inches(height)
        for r, values in enumerate([table.columns, *rows]):
            for c, value in enumerate(values):
                cell = grid.cell(r, c)
                cell.margin_left = cell.margin_right = Inches(0.05)
                cell.margin_top = cell.margin_bottom = Inches(0.02)
                cell.fill.solid()
                cell.fill.fore_color.rgb = GREEN if r == 0 else (WHITE if r % 2 else LIGHT_GREEN)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE  # Latin and Chinese lines differ in height
                paragraph = cell.text_frame.paragraphs[0]
                numeric = r > 0 and c > 0 and bool(re.match(r"[-+]?\d", value))  # figures line up on the right
                paragraph.alignment = PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT
                self.run(paragraph, value, size, r == 0, WHITE if r == 0 else DARK)
        used += sum(row_heights[:fits])
        if len(rows) < table.total_rows:
            note = text("brief_more_rows", self.lang, total=count(table.total_rows, self.lang),
                        shown=count(len(rows), self.lang), sheet=table.sheet)
            self.text_box(slide, x, y + used + 0.03, width, 0.3, [(note, size - 1, False, GREY)])
            used += 0.33
        return used

    def picture(self, slide, png, x, y, width, height):
        pixels_wide, pixels_high = Image.open(io.BytesIO(png)).size
        scale = min(width / pixels_wide, height / pixels_high)
        shown_width, shown_height = pixels_wide * scale, pixels_high * scale
        slide.shapes.add_picture(io.BytesIO(png), Inches(x + (width - shown_width) / 2), Inches(y),
                                 Inches(shown_width), Inches(shown_height))

    def native_chart(self, slide, spec, x, y, width, height):
        data = CategoryChartData(number_format=spec.number_format)
        # a bar chart draws its first category at the bottom: the rows go in reversed, so the first is on top
        order = (lambda values: list(values)[::-1]) if spec.kind == "bar" else list
        data.categories = order(spec.categories)
        for name, values in spec.series:
            data.add_series(name, order(values))
        kind = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
                "line": XL_CHART_TYPE.LINE_MARKERS}[spec.kind]
        chart = slide.shapes.add_chart(kind, Inches(x), Inches(y), Inches(width), Inches(height), data).chart
        chart.has_title = False  # the slide's title says what it is
        chart.font.size = Pt(12)
        chart.font.color.rgb = DARK
        _east_asian(chart.font._rPr, self.lang)
        value_axis = chart.value_axis
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = spec.axis_title
        for paragraph in value_axis.axis_title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(11)
                run.font.bold = False
                _east_asian(run.font._rPr, self.lang)
        value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xDD, 0xE3, 0xDF)
        value_axis.tick_labels.number_format = spec.axis_format
        value_axis.tick_labels.number_format_is_linked = False
        value_axis.format.line.fill.background()
        if spec.kind in ("bar", "column"):
            chart.has_legend = len(spec.series) > 1
            if chart.has_legend:
                chart.legend.position = XL_LEGEND_POSITION.BOTTOM
                chart.legend.include_in_layout = False
            plot = chart.plots[0]
            plot.gap_width = 60
            plot.overlap = 0
            plot.has_data_labels = True
            labels = plot.data_labels
            labels.number_format = spec.number_format
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
            labels.font.size = Pt(12)
            for series, color in zip(plot.series, spec.series_colors or []):
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
            series = plot.series[-1]
            for number, color in enumerate(order(spec.point_colors or [])):
                point = series.points[number]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
            for number, label in enumerate(order(spec.point_labels or [])):
                if not label:
                    continue
                frame = series.points[number].data_label.text_frame
                frame.text = label
                for run in frame.paragraphs[0].runs:
                    run.font.size = Pt(12)
                    _east_asian(run.font._rPr, self.lang)
            if spec.kind == "bar":
                value_axis.minimum_scale = 0
            chart.category_axis.format.line.color.rgb = RGBColor(0x8C, 0x95, 0x9F)
        else:
            self._line_styles(chart, spec)
        return chart

    def _line_styles(self, chart, spec):
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        colors = {"solid": "1f5f3f", "markers": "d1242f", "dotted": "c46e28"}
        for series, style in zip(chart.plots[0].series, spec.styles):
            series.smooth = False
            color = RGBColor.from_string(colors[style])
            if style == "markers":
                series.format.line.fill.background()
                series.marker.style = XL_MARKER_STYLE.DIAMOND
                series.marker.size = 12
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = color
                series.marker.format.line.color.rgb = color
                for position, label in (spec.marker_labels or {}).items():
                    data_label = series.points[position].data_label
                    # above the diamond; the last one, at the right edge, to its left
                    data_label.position = (XL_LABEL_POSITION.LEFT if position == len(spec.categories) - 1
                                           else XL_LABEL_POSITION.ABOVE)
                    data_label.text_frame.text = label
                    for run in data_label.text_frame.paragraphs[0].runs:
                        run.font.size = Pt(12)
                        run.font.color.rgb = color
                        _east_asian(run.font._rPr, self.lang)
            else:
                series.marker.style = XL_MARKER_STYLE.NONE
                series.format.line.color.rgb = color
                series.format.line.width = Pt(3 if style == "solid" else 2.25)
                if style == "dotted":
                    series.format.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
        axis = chart.category_axis
        axis.tick_labels.number_format = "yyyy"
        axis.tick_labels.number_format_is_linked = False
        axis.format.line.color.rgb = RGBColor(0x8C, 0x95, 0x9F)
        # one label a year on a month-by-month axis; the projection's line is drawn across the months between its points
        date_axis = axis._element
        for tag, value in (("c:baseTimeUnit", "months"), ("c:majorUnit", "1"), ("c:majorTimeUnit", "years")):
            for old in date_axis.findall(qn(tag)):
                date_axis.remove(old)
            etree.SubElement(date_axis, qn(tag)).set("val", value)
        blanks = chart._chartSpace.find(qn("c:chart")).find(qn("c:dispBlanksAs"))
        blanks.set("val", "span")

    # slides ----------------------------------------------------------------------------------------------------------
    def warning(self, slide, value, bottom):
        """The synthetic-data warning in red, ending at `bottom`; returns its height."""
        height = _text_height(value, 14, CONTENT_WIDTH) + 0.1
        self.text_box(slide, MARGIN, bottom - height, CONTENT_WIDTH, height, [(value, 14, True, RED)],
                      anchor=MSO_ANCHOR.MIDDLE, fill=RGBColor(0xFD, 0xEC, 0xEA))
        return height

    def title_slide(self, spec):
        slide = self.presentation.slides.add_slide(self.blank)
        band = slide.shapes.add_shape(1, 0, 0, SLIDE_WIDTH, Inches(2.5))  # 1: rectangle
        band.fill.solid()
        band.fill.fore_color.rgb = GREEN
        band.line.fill.background()
        self.text_box(slide, 0.8, 0.55, 11.7, 1.2, [(spec.title, 36, True, WHITE)], anchor=MSO_ANCHOR.BOTTOM)
        self.text_box(slide, 0.8, 1.8, 11.7, 0.5, [(text("app_title", self.lang), 16, False, WHITE)])
        self.text_box(slide, 0.8, 2.9, 5.4, 1.6, [(line, 20, number == 0, DARK)
                                                   for number, line in enumerate(spec.subtitle.split("\n"))])
        self.text_box(slide, 6.6, 2.9, 6.2, 0.4, [(text("brief_sources", self.lang), 14, True, GREEN)])
        self.lines(slide, spec.lines, 6.6, 3.35, 6.2, 11)
        if spec.warning:
            self.warning(slide, spec.warning, 7.1)
        return slide

    def content_slide(self, spec, number, total):
        slide = self.new_slide(spec.title, spec.subtitle, number, total)
        top = BODY_TOP + (max(0, _text_height(spec.subtitle, 12, CONTENT_WIDTH) - 0.5) if spec.subtitle else -0.45)
        bottom = FOOTER_TOP - 0.15
        if spec.warning:
            bottom -= self.warning(slide, spec.warning, bottom) + 0.1
        if spec.note:
            note_height = _text_height(spec.note, 10, CONTENT_WIDTH)
            bottom -= note_height
            self.text_box(slide, MARGIN, bottom + 0.05, CONTENT_WIDTH, note_height, [(spec.note, 10, False, GREY)])
            bottom -= 0.1
        visual = spec.native is not None or spec.chart is not None
        if visual and spec.key == "trend":
            self.visual(slide, spec, MARGIN, top, CONTENT_WIDTH, bottom - top)
            return slide
        if visual:
            left_width = 7.7
            self.visual(slide, spec, MARGIN, top, left_width, bottom - top)
            x, width, columns, value_size = MARGIN + left_width + 0.3, CONTENT_WIDTH - left_width - 0.3, 2, 18
        else:
            x, width, columns, value_size = MARGIN, CONTENT_WIDTH, 4, 26
        y = top
        if spec.figures:
            y += self.figures(slide, spec.figures, x, y, width, columns if len(spec.figures) > 1 else 1, value_size) + 0.25
        if spec.lines:
            size = 12 if visual else 16 if spec.key in ("summary",) else 14
            y += self.lines(slide, spec.lines, x, y, width, size) + 0.15
        for table in spec.tables:
            y += self.table(slide, table, x, y, width, 10 if visual else 11, bottom) + 0.2
        return slide

    def visual(self, slide, spec, x, y, width, height):
        if spec.native is not None:
            self.native_chart(slide, spec.native, x, y, width, height)
        else:
            self.picture(slide, self.images.get(spec.key) or chart_files.png(spec.chart, ppi=DECK_PPI), x, y, width, height)

    def build(self):
        slides = self.briefing.slides
        for number, spec in enumerate(slides, start=1):
            if spec.key == "title":
                self.title_slide(spec)
            else:
                self.content_slide(spec, number, len(slides))
        self.presentation.core_properties.title = slides[0].title
        self.presentation.core_properties.language = "zh-CN" if self.lang == "zh" else "en-US"
        buffer = io.BytesIO()
        self.presentation.save(buffer)
        return buffer.getvalue()


def deck_bytes(briefing, images=None):
    """The slides as a .pptx file. images: PNGs already drawn for slides without a native chart, by slide key."""
    return _Deck(briefing, images or {}).build()


# ---------------------------------------------------------------------------------------------------------------------
# the command line


def write_pack(warehouse_dir, out, lang="zh", as_of=None, zone=None, basis="development"):
    """Writes OUT (.pptx) and the workbook beside it (.xlsx) from the internal warehouse in WAREHOUSE_DIR."""
    path = Path(warehouse_dir) / "internal.duckdb"
    if not path.exists():
        raise BriefingError(f"no warehouse in {warehouse_dir}: run python -m sinkboard ingest SOURCE --out {warehouse_dir}")
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise BriefingError(f"not a date (YYYY-MM-DD): {as_of!r}") from None
    out = Path(out)
    if out.suffix.lower() != ".pptx":
        raise BriefingError(f"the slides' file must end in .pptx: {out}")
    connection = warehouse.connect(path)
    try:
        if warehouse.warehouse_format(connection) != WAREHOUSE_FORMAT:
            raise BriefingError(f"the warehouse in {warehouse_dir} was built by an older version: ingest it again")
        if zone:
            zones = warehouse.run_query(connection, "zones")
            by_english = {str(e).lower(): z for z, e in zip(zones.zone, zones.zone_en)}
            zone = by_english.get(zone.lower(), zone)
        pack = gather(lambda name, **params: warehouse.run_query(connection, name, **params), lang=lang, as_of=as_of,
                      basis=basis, zone=zone)
        deck, book = deck_bytes(pack), workbook_bytes(pack)
    finally:
        connection.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook_path = out.with_suffix(".xlsx")
    out.write_bytes(deck)
    workbook_path.write_bytes(book)
    return out, workbook_path
