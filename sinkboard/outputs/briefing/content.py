"""The briefing's content: for an as-of date, an area and a basis, in Chinese or English, each slide's figures, words,
tables and charts, and the tables behind them (the workbook's sheets). Every figure comes from the pages' own queries
and pure functions, and the choices from the sidebar's own rules (figures.choice); no Streamlit here, so the command
line (`python -m sinkboard briefing`) and the briefing page build the same pack."""

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from sinkboard.charts import money as money_charts
from sinkboard.charts import pools as pool_charts
from sinkboard.charts import progress as progress_charts
from sinkboard.charts import theme
from sinkboard.charts import trading as trading_charts
from sinkboard.charts.common import area_unit, axis_unit, zone_name
from sinkboard.figures import trading_terms
from sinkboard.figures.changes import headline as headline_sentences
from sinkboard.figures.choice import BASES, choose, date_range, prefecture_names, zone_labels
from sinkboard.figures.narrative import prefecture_sentence, progress_sentences
from sinkboard.figures.subsidy_rules import (
    budget_columns,
    has_budget_chart,
    is_area_chosen,
    payments_in_breach,
    ratio_text,
    with_rule_text,
)
from sinkboard.figures.summaries import (
    area_targets,
    budget_note,
    province_targets,
    target_tile,
    upcoming_first,
)
from sinkboard.outputs import chart_files, downloads
from sinkboard.text.catalogue import text, value_label
from sinkboard.text.formats import compact, count, exact, moment, percent, price, quantity, signed, unit
from sinkboard.text.hidden import visible

# every query the pack runs, with the parameters the pages give them; the briefing page's line in page_list.PAGES
# names the ones the shared sidebar does not already run
QUERIES = ("data_dates", "zones", "prefectures", "plan", "build_info", "target_progress", "headline",
           "scale_trend", "pipeline_status", "stalled_projects", "trades_headline", "trades_by_month",
           "trades_top_buyers", "subsidy_totals", "subsidy_budget", "subsidy_breaches", "carbon_latest", "carbon_trend")

# rows a slide's table lists; the workbook holds them all
STALLED_ROWS = 8
BREACH_ROWS = 10
BUYER_ROWS = 5
SINCE_ROWS = 8

# the "since the last briefing" slide's figures: each measure of changes.MEASURES with its label's key and unit kind
# (the chosen basis's scale goes first)
SINCE_MEASURES = (("development_mu", "basis_development", "area"), ("registered_mu", "basis_registered", "area"),
                  ("issued_tco2e", "tile_issued", "carbon"), ("trade_amount_yuan", "brief_since_trade_value", "money"),
                  ("subsidy_paid_yuan", "brief_since_subsidy_paid", "money"))


class BriefingError(Exception):
    """The pack cannot be made as asked (no warehouse, an unknown zone, a bad date); the message says why."""


@dataclass
class Sheet:
    """A table behind the deck: a query's result and the columns shown, one sheet of the workbook. name is the query's;
    title, the sheet's name in the pack's language (gather sets it)."""
    name: str
    frame: pd.DataFrame
    columns: list
    title: str = ""


@dataclass
class Table:
    """A table on a slide, as text: its heading, column headings, the rows shown, how many rows there are, and the
    sheet of the workbook that holds them all (the query's name; gather sets the sheet's title)."""
    heading: str
    columns: list
    rows: list
    total_rows: int
    sheet: str
    more: str = "brief_more_rows"  # the key of the note under a table cut short: total, shown, more and sheet


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
    return visible(str(value))


def _table(heading, frame, columns, shown, sheet, lang):
    rows = [[_cell_text(c, getattr(row, c), lang) for c in columns] for row in frame.head(shown).itertuples()]
    return Table(heading, [text(f"col_{c}", lang) for c in columns], rows, len(frame), sheet)


def gather(run, lang="zh", as_of=None, basis="development", zone=None, prefecture_code=None, made_at=None,
           changes=None):
    """The pack's slides and sheets. run(name, **params) returns the result of queries/NAME.sql: the page passes its
    cached ui.query, the command line warehouse.run_query on a connection of its own. changes (a changes.Changes):
    what moved since an earlier build, a slide after the headline's when there is such a build."""
    if basis not in BASES:
        raise BriefingError(f"unknown basis {basis!r}: one of {', '.join(BASES)}")
    dates = run("data_dates").iloc[0]
    span = date_range(dates)
    if as_of is None:
        if span is None:
            raise BriefingError("the warehouse holds no dated record (no project, issuance, trade or payment)")
        as_of = span[1]
    elif span is not None and not span[0] <= as_of <= span[1]:
        raise BriefingError(f"as-of date {as_of} outside the data: from {span[0]} to {span[1]}")
    zones, prefectures = run("zones"), run("prefectures")
    zone, prefecture_code = zone or None, prefecture_code or None
    if zone and zone not in zone_labels(zones, lang):
        raise BriefingError(f"unknown zone {zone!r}: one of {', '.join(zones.zone)}")
    # as in the sidebar, a prefecture of the zone chosen
    if prefecture_code and prefecture_code not in prefecture_names(prefectures, zone):
        raise BriefingError(f"unknown prefecture code {prefecture_code!r}" + (f" in zone {zone}" if zone else ""))
    choice = choose(zones, prefectures, lang, as_of, basis, zone, prefecture_code)
    t = choice.t

    build = run("build_info").iloc[0]
    is_synthetic = bool(build.is_synthetic)
    built_at = moment(build.built_at, lang)
    zone_en = dict(zip(zones.zone, zones.zone_en))
    slug = prefecture_code or (re.sub(r"[^a-z0-9]+", "-", str(zone_en[zone]).lower()).strip("-") if zone else "province")
    warning = t("brief_synthetic_warning") if is_synthetic else ""

    progress = run("target_progress", as_of=as_of, basis=basis)
    # what is behind and by how much comes first, right after the title: the rest of the deck is its evidence
    slides = [_title(run, choice, warning),
              Slide("summary", t("brief_summary_title"), choice.in_area(choice.basis_caption()),
                    lines=_summary_lines(run, choice, progress))]
    sheets = []
    sections = [_headline(run, choice, progress)]
    if changes is not None and changes.baseline is not None:
        sections.append(_since(choice, changes))
    sections += [_zones(choice, progress), _trend(run, choice, progress), _pipeline(run, choice),
                 _trading(run, choice), _subsidies(run, choice), _pools(run, choice)]
    for section in sections:
        slides += section[0]
        sheets += section[1]
    slides.append(_definitions(choice, dates, built_at, made_at or dt.datetime.now(dt.timezone.utc), warning))
    # each chart's picture states its source, area and date
    credit = chart_files.credit(lang, choice.area_name, choice.as_of_text, is_synthetic)
    for slide in slides:
        if slide.chart is not None:
            slide.chart = slide.chart._replace(credit=credit)
    titles = {sheet.name: t(f"sheet_{sheet.name}") for sheet in sheets}
    for sheet in sheets:
        sheet.title = titles[sheet.name]
    for table in (table for slide in slides for table in slide.tables):
        table.sheet = titles[table.sheet]
    return Briefing(lang, as_of, basis, zone, prefecture_code, choice.area_name,
                    f"briefing-{choice.as_of_text}-{slug}-{lang}", is_synthetic, choice.context(is_synthetic),
                    t("brief_footer", app=t("app_title"), area=choice.area_name, as_of=choice.as_of_text),
                    slides, sheets)


def _title(run, choice, warning):
    """The area, the as-of date and the basis, and the plan whose targets the deck measures against. The files the
    warehouse was built from are the data-quality page's business, not a reader's: the last slide says how fresh the
    data is."""
    t = choice.t
    plan = run("plan").iloc[0]
    sources = [t("plan_caption", name=plan.plan_name if choice.lang == "zh" else plan.plan_name_en, date=plan.plan_date)]
    heading = [t("brief_area", area=choice.area_name), t("brief_as_of", as_of=choice.as_of_text),
               t("brief_basis", basis=choice.basis_label)]
    return Slide("title", t("brief_deck_title"), subtitle="\n".join(heading), lines=sources, warning=warning)


def _headline(run, choice, progress):
    """The overview's tiles for the chosen area: the scale, each target (the zone's, else the province's), credits,
    this year's trading and subsidies (against the province's budget)."""
    t, lang = choice.t, choice.lang
    frame = run("headline", **choice.area_filters)
    headline = frame.iloc[0]
    province = province_targets(progress)
    targets = area_targets(progress, choice.zone)
    is_area = bool(choice.zone or choice.prefecture_code)
    this_year = int(headline.this_year)

    def with_unit(label, kind):
        return t("tile_with_unit", label=label, unit=unit(kind, lang))

    scale_now = headline.development_mu if choice.basis == "development" else headline.registered_mu
    figures = [(with_unit(choice.basis_label, "area"), compact(scale_now, lang), "")]
    for row in targets.itertuples():
        verdict, gap = target_tile(row)
        if verdict == "share":
            figures.append((t("tile_target_province_share", year=row.year), percent(row.share_of_province_target),
                            " · ".join([t("status_none"),
                                        t("brief_target_is", target=quantity(row.province_target_mu, "area", lang))])))
            continue
        parts = [t("status_missed") if verdict == "missed" else t("tile_target_done") if verdict == "achieved"
                 else t("tile_target_delta", gap=quantity(gap, "area", lang)),
                 t("brief_target_is", target=quantity(row.target_mu, "area", lang))]
        if verdict == "to_go":
            parts.append(t(f"status_{row.status}"))
        label = (t("tile_target_province", year=row.year) if choice.prefecture_code and not choice.zone
                 else t("tile_target", year=row.year))
        figures.append((label, percent(row.share_of_target), " · ".join(parts)))
    budget = budget_note(headline, is_area, lang)
    figures += [
        (with_unit(t("tile_registered"), "area"), compact(headline.registered_mu, lang), ""),
        (with_unit(t("tile_issued"), "carbon"), compact(headline.issued_tco2e, lang), ""),
        (with_unit(t("tile_trading", year=this_year), "carbon"), compact(headline.trade_volume_tco2e, lang),
         t("tile_trading_value", value=quantity(headline.trade_amount_yuan, "money", lang))),
        (with_unit(t("tile_subsidy", year=this_year), "money"), compact(headline.subsidy_paid_yuan, lang), budget),
    ]
    lines = []
    if is_area:
        lines.append(t("overview_area_caption", area=choice.area_name))
    if province.empty:
        lines.append(t("no_targets"))
    slide = Slide("headline", t("brief_headline_title"), choice.basis_caption(), figures=figures, lines=lines)
    return [slide], [
        Sheet("headline", frame, ["this_year", "development_mu", "registered_mu", "issued_tco2e", "trade_volume_tco2e",
                                  "trade_amount_yuan", "subsidy_paid_yuan", "province_subsidy_paid_yuan",
                                  "subsidy_budget_yuan"]),
        # a status as the tiles word it, not the query's code (on_track)
        Sheet("target_progress", progress.assign(status=[None if pd.isna(s) else t(f"status_{s}") for s in progress.status]),
              ["zone", "year", "target_mu", "scale_mu", "share_of_target",
                                            "share_of_province_target", "pace_mu_per_year", "needed_mu_per_year",
                                            "projected_mu", "status"])]


def _since(choice, ch):
    """What moved between the build compared with and the current one, for the chosen area: its figures before and
    now, the headline sentences (the targets whose verdict changed among them), the projects newly registered and
    those that moved stage, the largest first."""
    t, lang = choice.t, choice.lang
    baseline = ch.baseline
    as_of = baseline.get("as_of")
    subtitle = t("brief_since_subtitle", built_at=moment(baseline["built_at"], lang),
                 as_of="—" if _missing(as_of) else f"{pd.Timestamp(as_of):%Y-%m-%d}", area=choice.area_name)
    ch = ch.within(choice.zone, choice.prefecture_code)  # the area's figures, sentences, projects and verdicts
    area_row = ch.area_row()
    measures = sorted(SINCE_MEASURES, key=lambda m: m[0] != f"{choice.basis}_mu")
    figures, figure_rows = [], []
    for measure, key, kind in measures:
        label = t("tile_with_unit", label=t(key), unit=unit(kind, lang))
        before, after, change = ((area_row[f"{measure}_{part}"] for part in ("before", "after", "change"))
                                 if area_row is not None else (None, None, None))
        digits = 2 if lang == "zh" else None  # 1.41万 and 1.35万, as changes.headline writes them
        figures.append((label, signed(change, lang), t("brief_since_before_after", before=compact(before, lang, digits),
                                                        after=compact(after, lang, digits))))
        figure_rows.append({"since_measure": label, "since_before": before, "since_after": after,
                            "since_change": change})

    lines = headline_sentences(ch, lang)  # the area's, the targets whose verdict changed among them

    # the largest first: a slide shows only the first few. The new projects (the newly registered among them, with
    # their status) and the stage moves (registrations of projects already known among them) leave out none of either
    added = ch.added.sort_values("area_mu", ascending=False, kind="stable")
    registered = ch.registered.sort_values("area_mu", ascending=False, kind="stable")
    moves = ch.moves.sort_values("area_mu", ascending=False, kind="stable")
    moves = moves.assign(since_status_before=[value_label(s, lang) for s in moves.status_before],
                         since_status_after=[value_label(s, lang) for s in moves.status_after])
    slide = Slide("since", t("brief_since_title"), subtitle, figures=figures, lines=lines)
    if not ch.verdicts.empty:
        # the ingest judges the targets on the development basis, whatever basis the pack is on
        slide.note = t("brief_since_verdict_basis")
    if added.empty and moves.empty:
        slide.lines.append(t("brief_since_no_projects", area=choice.area_name))
    if not added.empty:
        table = _table(t("brief_since_added"), added, ["project_name", "zone", "status", "area_mu"], SINCE_ROWS,
                       "since_added", lang)
        table.more = "brief_since_more"
        slide.tables.append(table)
    if not moves.empty:
        rows = [[_cell_text("project_name", row.project_name, lang),
                 t("brief_since_move", before=_cell_text("status", row.status_before, lang),
                   after=_cell_text("status", row.status_after, lang)),
                 _cell_text("area_mu", row.area_mu, lang)] for row in moves.head(SINCE_ROWS).itertuples()]
        slide.tables.append(Table(t("brief_since_moves"),
                                  [t("col_project_name"), t("brief_since_col_move"), t("col_area_mu")], rows,
                                  len(moves), "since_moves", more="brief_since_more"))
    project_columns = ["project_id", "project_name", "zone", "prefecture_name", "county_name", "project_type",
                       "area_mu"]
    return [slide], [
        Sheet("since_figures", pd.DataFrame(figure_rows), ["since_measure", "since_before", "since_after",
                                                           "since_change"]),
        Sheet("since_added", added, [*project_columns, "status", "start_date", "registered_date", "source_file"]),
        Sheet("since_registered", registered, [*project_columns, "registered_date", "source_file"]),
        Sheet("since_moves", moves, [*project_columns, "since_status_before", "since_status_after", "registered_date",
                                     "source_file"])]


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


def _trend(run, choice, progress):
    """The overview's trend: the area's scale month by month, its targets and the projection at the current pace."""
    t = choice.t
    trend = run("scale_trend", **choice.filters)
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


def _pipeline(run, choice):
    """The pipeline page's projects by status, and the registered projects overdue for issuance."""
    t, lang = choice.t, choice.lang
    statuses = run("pipeline_status", **choice.area_filters)
    stalled = run("stalled_projects", **choice.area_filters)
    divisor, unit_label = area_unit(statuses.area_mu, lang)
    axis = t("brief_pipeline_axis", unit=unit_label)
    native = NativeChart("column", [value_label(s, lang) for s in statuses.status],
                         [(axis, [float(v) / divisor for v in statuses.area_mu])], axis,
                         point_colors=[theme.GREY if s == "终止" else theme.GREEN for s in statuses.status],
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


def _trading(run, choice):
    """The trading page's tiles (this year and to date), its monthly chart and the largest organisation buyers."""
    t, lang, as_of_text = choice.t, choice.lang, choice.as_of_text
    frame = run("trades_headline", **choice.area_filters)
    totals = frame.iloc[0]
    monthly = run("trades_by_month", **choice.area_filters)
    buyers = run("trades_top_buyers", top=trading_terms.TOP_BUYERS,
                        period_start=trading_terms.period_start("to_date", choice.as_of), **choice.area_filters)
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


def _subsidies(run, choice):
    """The subsidies page's spend against the budget and its tiles; the reward rules broken, payment by payment."""
    t, lang, as_of_text = choice.t, choice.lang, choice.as_of_text
    totals = run("subsidy_totals", **choice.area_filters)
    paid = totals.iloc[0]
    budget = run("subsidy_budget", **choice.area_filters)
    breaches = with_rule_text(run("subsidy_breaches", **choice.area_filters), lang)
    note = t("sub_budget_caption", as_of=as_of_text)
    if is_area_chosen(choice.filters):
        note += " " + t("sub_budget_area_caption", area=choice.area_name)
    spend = Slide("subsidies", t("brief_subsidies_title"),
                  choice.in_area(t("sub_caption", as_of=as_of_text, area=choice.area_name)), note=note, figures=[
                      (t("sub_tile_paid"), quantity(paid.paid_yuan, "money", lang), ""),
                      (t("sub_tile_projects"), count(paid.projects_funded, lang), ""),
                      (t("col_payments"), count(paid.payments, lang), ""),
                      (t("sub_tile_breaches"), count(payments_in_breach(breaches), lang), ""),
                      (t("sub_tile_per_mu"), ratio_text(paid.yuan_per_mu, "sub_per_mu_value", lang), ""),
                      (t("sub_tile_per_tco2e"), ratio_text(paid.yuan_per_tco2e, "sub_per_tco2e_value", lang), "")])
    if has_budget_chart(budget, choice.filters):
        with_budget = not is_area_chosen(choice.filters)
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
        Sheet("subsidy_budget", budget, budget_columns(choice.filters)),
        Sheet("subsidy_breaches", breaches, ["payment_id", "rule", "project_id", "project_name", "county_name",
                                             "payment_yuan", "paid_date", "status", "registered_date",
                                             "first_payment_id"])]


def _budget_chart(budget, year, with_budget, lang):
    """The page's budget chart for one year, natively: per category, the province's budget and the amount paid,
    labelled with the share of the budget used (the as-of year, or the latest year shown when it has no row); without
    the budget (an area is chosen) the area's payments alone, of the as-of year or else the latest year the area was
    paid in. The other years are in the workbook."""
    drawable = budget if with_budget else budget[budget.paid_yuan > 0]
    if year not in set(drawable.year):
        year = int(drawable.year.max())
    rows = drawable[drawable.year == year]
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
                           series_colors=[theme.GREEN_PALE, theme.GREEN],
                           point_labels=["" if pd.isna(s) else percent(s, 0, lang) for s in rows.share_of_budget])
    return NativeChart("column", categories, [paid], text("brief_budget_axis_area", lang, year=year, unit=unit_label),
                       number_format=shown, series_colors=[theme.GREEN])


def _pools(run, choice):
    """The pools page's tiles for the latest monitored year and its like-for-like stock over the years."""
    t, lang, as_of_text = choice.t, choice.lang, choice.as_of_text
    frame = run("carbon_latest", **choice.area_filters)
    latest = frame.iloc[0]
    trend = run("carbon_trend", like_for_like=True, **choice.area_filters)
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
        slide.note = t("brief_pools_comparable_note", as_of=as_of_text)
        if not trend.empty:
            slide.chart = pool_charts.stock_trend(trend, lang)
    return [slide], [
        Sheet("carbon_latest", frame, ["year", "counties_reported", "counties_monitored", "area_mu", "stock_tco2e",
                                       "sink_tco2e", "sink_per_mu"]),
        Sheet("carbon_trend", trend, ["year", "zone", "pool", "counties", "area_mu", "stock_tco2e", "sink_tco2e",
                                      "sink_per_mu"])]


def _summary_lines(run, choice, progress):
    """The overview's sentences for the chosen area: a prefecture's scale and pace first, the zone's targets, then
    the province's, named as the province's."""
    lines = progress_sentences(progress, choice.as_of, choice.basis_label, choice.lang, zone=choice.zone)
    if choice.prefecture_code:
        headline = run("headline", **choice.area_filters).iloc[0]
        development = choice.basis == "development"
        lines.insert(0, prefecture_sentence(
            choice.prefecture_name, headline.development_mu if development else headline.registered_mu,
            headline.development_year_ago_mu if development else headline.registered_year_ago_mu, choice.as_of,
            choice.basis_label, choice.lang))
    return lines


def _definitions(choice, dates, built_at, made_at, warning):
    """Bases, units and rules in words; how fresh the data is; the synthetic-data warning where it applies."""
    t = choice.t
    latest = "—" if pd.isna(dates.latest_date) else f"{dates.latest_date:%Y-%m-%d}"
    lines = [t("basis_development_help"), t("basis_registered_help"), t("brief_units"), t("zones_progress_caption"),
             t("brief_def_stalled"), t("brief_def_price"), t("brief_def_subsidy"),
             t("brief_freshness", latest=latest, built_at=built_at, as_of=choice.as_of_text,
               made_at=moment(made_at, choice.lang)),
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
