"""The public views as documents: for one state (language, area, as-of month end) each view's blocks, made by the
queries, chart functions, sentences and formats the dashboard's public pages use, in the order the pages show them.
The live pages' widgets become a `switch` with every option in the document; lists of projects show their first
rows (the live page pages through them)."""

from dataclasses import dataclass

import pandas as pd

from sinkboard.charts import maps, open_data
from sinkboard.charts import pools as pool_charts
from sinkboard.charts import progress as charts
from sinkboard.charts.common import zone_name
from sinkboard.figures import open_changes as changes
from sinkboard.figures.choice import Choice
from sinkboard.figures.narrative import prefecture_sentence, progress_sentences
from sinkboard.figures.summaries import (
    area_targets,
    budget_note,
    key_type_shares,
    province_targets,
    target_tile,
    upcoming_first,
)
from sinkboard.text import formats
from sinkboard.text.catalogue import MERGED
from sinkboard.text.formats import compact, count, exact, percent, quantity

# the rows a list of projects shows on a static page (the live page shows more, or pages through them)
LIST_ROWS = 100
# where a map's boundaries are, from a view's page (zh/map.html)
GEO_URL = "../assets/geo/{}"
BOUNDARIES = {"prefecture": "sichuan_prefectures.geojson", "county": "sichuan_counties.geojson"}


@dataclass(frozen=True)
class State:
    """What one document is for: the choice (language, as-of month end, area, the default basis) and how to run a
    query on the public warehouse, and the facts every view reads (zones, synthetic, built at)."""
    choice: Choice
    run: object  # run(name, **params) -> DataFrame
    zones: pd.DataFrame
    is_synthetic: bool
    built_at: object

    @property
    def lang(self):
        return self.choice.lang

    @property
    def chosen(self):
        return self.choice.filters

    def t(self, key, **values):
        return self.choice.t(key, **values)


def tile(state, label, value, kind=None, note=None, tone=None, help=None):
    """A tile as the dashboard's (ui.tile): the unit in the label, the figure compact."""
    if kind is not None:
        label = state.t("tile_with_unit", label=label, unit=formats.unit(kind, state.lang))
        value = compact(value, state.lang)
    return {"label": label, "value": value, "note": note, "tone": tone, "help": help}


def suppression_note(doc, state):
    if state.run("merged_cells", zone=state.choice.zone).iloc[0].has_merged_cells:
        doc.caption(state.t("suppression_note"))


def freshness(doc, state):
    doc.caption(state.t("freshness", built_at=formats.moment(state.built_at, state.lang)))


# ---------------------------------------------------------------------------------------------------------------------


def overview(doc, state):
    t, lang, chosen, choice = state.t, state.lang, state.chosen, state.choice
    is_area = bool(chosen["zone"] or chosen["prefecture_code"])
    doc.caption(choice.in_area(choice.basis_caption()))
    progress = state.run("target_progress", as_of=chosen["as_of"], basis=chosen["basis"])
    headline = state.run("headline", **choice.area_filters).iloc[0]
    this_year = int(headline.this_year)
    province = province_targets(progress)
    target_rows = area_targets(progress, chosen["zone"])
    scale_now = headline.development_mu if chosen["basis"] == "development" else headline.registered_mu
    tiles = [tile(state, choice.basis_label, scale_now, "area")]
    for row in target_rows.itertuples():
        verdict, gap = target_tile(row)
        if verdict == "share":
            tiles.append(tile(state, t("tile_target_province_share", year=row.year), percent(row.share_of_province_target),
                              note=t("status_none"), tone="off",
                              help=f"{t('all_province')} {quantity(row.province_target_mu, 'area', lang)}"))
            continue
        note = t("status_missed") if verdict == "missed" else t("tile_target_done") if verdict == "achieved" else t(
            "tile_target_delta", gap=quantity(gap, "area", lang))
        if chosen["prefecture_code"] and not chosen["zone"]:
            label = t("tile_target_province", year=row.year)
        else:
            label = t("tile_target", year=row.year)
        tiles.append(tile(state, label, percent(row.share_of_target), note=note,
                          tone="good" if verdict == "achieved" else "bad",
                          help=f"{quantity(row.target_mu, 'area', lang)} · {t('status_' + row.status)}"))
    doc.tiles(tiles)
    doc.tiles([
        tile(state, t("tile_registered"), headline.registered_mu, "area"),
        tile(state, t("tile_issued"), headline.issued_tco2e, "carbon"),
        tile(state, t("tile_trading", year=this_year), headline.trade_volume_tco2e, "carbon",
             note=t("tile_trading_value", value=quantity(headline.trade_amount_yuan, "money", lang)), tone="off"),
        tile(state, t("tile_subsidy", year=this_year), headline.subsidy_paid_yuan, "money",
             note=budget_note(headline, is_area, lang), tone="off"),
    ])
    suppression_note(doc, state)
    if is_area:
        doc.caption(t("overview_area_caption", area=choice.area_name))

    doc.heading(t("summary_title"))
    sentences = progress_sentences(progress, chosen["as_of"], choice.basis_label, lang, zone=chosen["zone"])
    if chosen["prefecture_code"]:
        year_ago = headline.development_year_ago_mu if chosen["basis"] == "development" else headline.registered_year_ago_mu
        sentences.insert(0, prefecture_sentence(choice.prefecture_name, scale_now, year_ago, chosen["as_of"],
                                                choice.basis_label, lang))
    doc.lines([f"• {sentence}" for sentence in sentences])
    if province.empty:
        doc.notice(t("no_targets"))
        return

    doc.heading(t("zones_progress"))
    columns = ["zone", "year", "target_mu", "scale_mu", "share_of_target", "share_of_province_target", "pace_mu_per_year",
               "needed_mu_per_year", "projected_mu"]

    def year_bars(year):
        return lambda d: d.chart(charts.target_bars(progress, year, lang), progress[progress.year == year], columns,
                                 f"target_progress_{year}")

    doc.switch(t("target_year"), [(str(year), year_bars(year)) for year in upcoming_first(province)])
    doc.caption(t("zones_progress_caption"))
    if is_area:
        doc.caption(t("zones_progress_all_caption"))

    doc.heading(t("trend_title"))
    trend = state.run("scale_trend", **chosen)
    targets = progress.head(0) if chosen["prefecture_code"] else progress
    doc.chart(charts.scale_trend(trend, targets, chosen["zone"], lang), trend, ["month_end", "added_mu", "scale_mu"],
              "scale_trend")
    if chosen["prefecture_code"]:
        doc.caption(t("trend_no_targets_for_prefecture"))
    doc.caption(t("trend_caption"))


def zones(doc, state):
    t, lang, chosen, choice = state.t, state.lang, state.chosen, state.choice
    doc.caption(choice.basis_caption())
    by_type = state.run("scale_by_type", **chosen)
    doc.heading(t("type_mix"))
    if not by_type.empty:
        shares = key_type_shares(by_type)
        lines = [
            t("key_share_of_published", zone=zone_name(r.zone, r.zone_en, lang), share=percent(r.key_share),
              merged=percent(r.merged_share)) if r.merged_share else
            t("key_share", zone=zone_name(r.zone, r.zone_en, lang), share=percent(r.key_share))
            for r in shares.itertuples()]
        # as the live page: a line a zone when merged cells need saying, else one line
        doc.lines(lines if shares.merged_share.any() else [" · ".join(lines)])
        doc.chart(charts.type_mix(by_type, lang), by_type, ["zone", "project_type", "projects", "area_mu", "share_of_zone"],
                  "type_mix")
    doc.caption(t("type_mix_caption"))
    rankings = {level: state.run("region_ranking", level=level, **chosen) for level in ("prefecture", "county")}
    for level in ("prefecture", "county"):
        doc.heading(t(f"ranking_{level}"))
        doc.chart(charts.ranking(rankings[level], lang), rankings[level].head(15),
                  ["region_name", "zone", "projects", "area_mu", "potential_area_mu", "share_of_potential"],
                  f"ranking_{level}")
    doc.caption(t("vs_potential_caption"))
    doc.heading(t("county_table"))
    doc.caption(t("county_table_caption"))
    doc.table(rankings["county"], ["region_name", "projects", "area_mu", "potential_area_mu", "share_of_potential"],
              "county_table", more=["prefecture_name", "zone"])
    doc.heading(t("projects_in", area=t("projects_in_filter")))
    projects = state.run("area_projects", limit=LIST_ROWS, county_code=None, **choice.area_filters)
    if not projects.empty and projects.projects_in_area.iloc[0] > len(projects):
        doc.caption(t("site_list_first", shown=count(len(projects), lang),
                      total=count(projects.projects_in_area.iloc[0], lang)), site_only=True)
    doc.table(projects, ["project_id", "project_name", "county_name", "status", "area_mu", "issued_tco2e"],
              "projects_table", more=["project_type", "start_date", "registered_date", "first_issued_date"])
    doc.caption(t("public_list_note"))


def region_map(doc, state):
    t, lang, chosen = state.t, state.lang, state.chosen
    doc.caption(state.choice.basis_caption())
    zones_frame = state.zones

    def level_view(level):
        figures = state.run("region_ranking", level=level, **chosen)

        def measure_view(measure):
            column = "area_mu" if measure == "area" else "share_of_potential"

            def build(d):
                def describe(row):
                    return [quantity(row.area_mu, "area", lang),
                            t("map_share_line", share=percent(row.share_of_potential))]

                value_format = ",.0f" if measure == "area" else ".0%"
                d.chart(maps.vega_map(GEO_URL.format(BOUNDARIES[level]), figures, zones_frame, column, describe,
                                      t(f"measure_{measure}"), value_format, lang, title=t("map_title")),
                        figures, ["region_name", "prefecture_name", "zone", "projects", "area_mu", "potential_area_mu",
                                  "share_of_potential"], f"map_{level}_{measure}")
            return build

        def build(d):
            d.switch(t("map_measure"), [(t(f"measure_{m}"), measure_view(m)) for m in ("area", "share")])
            d.caption(map_source(state))
            d.table(figures, ["region_name", "prefecture_name", "projects", "area_mu", "potential_area_mu",
                              "share_of_potential"], f"map_{level}", more=("zone",))
        return build

    doc.switch(t("map_level"), [(t(f"level_{v}"), level_view(v)) for v in ("county", "prefecture")])


def map_source(state):
    return state.t("map_caption", approval=state.t("map_schematic"))


def pipeline(doc, state):
    t, lang, choice = state.t, state.lang, state.choice
    scope = choice.area_filters
    doc.caption(t("pipeline_caption", as_of=choice.as_of_text))
    doc.heading(t("pipeline_status"))
    statuses = state.run("pipeline_status", **scope)
    doc.chart(charts.pipeline_status(statuses, lang), statuses, ["status", "projects", "area_mu"], "pipeline_status")
    doc.caption(t("pipeline_status_caption"))
    if (statuses.status == MERGED).any():
        doc.caption(t("pipeline_merged_note"))

    doc.heading(t("durations"))

    def grouped(group_by):
        def build(d):
            summary = state.run("duration_summary", group_by=group_by, **scope)
            if not summary.empty:
                d.chart(charts.durations(summary, lang), summary,
                        ["group_value", "registered_projects", "registration_median", "issued_projects",
                         "issuance_median"], f"durations_by_{group_by}")
            for span, projects in [("registration", "registered_projects"), ("issuance", "issued_projects")]:
                d.heading(t(f"durations_to_{span}"))
                spans = summary[["group_value", projects, f"{span}_median", f"{span}_p25", f"{span}_p75"]].rename(
                    columns={f"{span}_{name}": f"duration_{name}" for name in ("median", "p25", "p75")})
                d.table(spans, ["group_value", projects, "duration_median", "duration_p25", "duration_p75"],
                        f"durations_to_{span}_by_{group_by}")
        return build

    doc.switch(t("group_by"), [(t(f"group_{g}"), grouped(g)) for g in ("zone", "project_type")])
    doc.caption(t("durations_caption"))

    doc.heading(t("stalled"))
    stalled = state.run("stalled_projects", **scope)
    if stalled.empty:
        doc.notice(t("stalled_none"))
    else:
        if len(stalled) > LIST_ROWS:
            doc.caption(t("site_list_first", shown=count(LIST_ROWS, lang), total=count(len(stalled), lang)),
                        site_only=True)
        doc.table(stalled.head(LIST_ROWS), ["project_name", "county_name", "registered_date", "last_issued_date",
                                            "months_without_issuance"],
                  "stalled_table", more=["project_id", "project_type", "area_mu"])
    doc.caption(t("stalled_caption"))
    doc.caption(t("public_list_note"))

    doc.heading(t("developer_mix"))
    mix = state.run("developer_mix", **scope)
    doc.chart(charts.developer_mix(mix, lang), mix, ["owner_type", "projects", "area_mu", "share_of_area"], "developer_mix")
    doc.caption(t("developer_mix_caption"))


def pools(doc, state):
    t, lang, choice = state.t, state.lang, state.choice
    scope = choice.area_filters
    as_of = choice.as_of_text
    latest = state.run("carbon_latest", **scope).iloc[0]
    if not latest.counties_reported:
        doc.notice(t("pools_none", as_of=as_of))
        return
    year = int(latest.year)
    doc.caption(t("pools_caption", as_of=as_of, year=year, reported=count(latest.counties_reported, lang),
                  monitored=count(latest.counties_monitored, lang)))

    def change(value):
        if latest.series_compared == 0 or value != value:
            return None
        return ("+" if value >= 0 else "") + compact(value, lang)

    def tone(value):
        # as the dashboard's metric colours a change: a rise green, a fall red
        return None if change(value) is None else "good" if value >= 0 else "bad"

    help_change = t("tile_change_help", previous=int(latest.previous_year)) if latest.series_compared else None
    doc.tiles([
        {"label": t("tile_stock", year=year), "value": compact(latest.stock_tco2e, lang),
         "note": change(latest.stock_change_tco2e), "tone": tone(latest.stock_change_tco2e), "help": help_change},
        {"label": t("tile_sink", year=year), "value": compact(latest.sink_tco2e, lang),
         "note": change(latest.sink_change_tco2e), "tone": tone(latest.sink_change_tco2e), "help": help_change},
        {"label": t("tile_pool_area", year=year), "value": compact(latest.area_mu, lang)},
        {"label": t("tile_sink_per_mu", year=year), "value": exact(latest.sink_per_mu, lang, 3)},
    ])
    trend_columns = ["year", "zone", "pool", "counties", "area_mu", "stock_tco2e", "sink_tco2e", "sink_per_mu"]

    def counted(counting):
        def build(d):
            trend = state.run("carbon_trend", like_for_like=counting == "comparable", **scope)
            if trend.empty:
                d.notice(t("pools_no_comparable"))
            else:
                d.chart(pool_charts.stock_trend(trend, lang), trend, trend_columns, f"carbon_stock_trend_{counting}")
                d.chart(pool_charts.sink_trend(trend, lang), trend, trend_columns, f"carbon_sink_trend_{counting}")
            d.caption(t("pools_comparable_caption", as_of=as_of) if counting == "comparable" else
                      t("pools_all_caption", as_of=as_of))
            d.heading(t("pools_by_zone"))
            if not trend.empty:
                d.chart(pool_charts.zone_sink_trend(trend, lang), trend, trend_columns, f"carbon_sink_by_zone_{counting}")
                d.table(trend, trend_columns, f"carbon_pools_by_zone_year_{counting}")
            d.caption(t("pools_zone_caption", as_of=as_of))
        return build

    doc.heading(t("pools_trend"))
    doc.switch(t("pools_counting"), [(t(f"counting_{c}"), counted(c)) for c in ("comparable", "all")])
    doc.heading(t("pools_coverage"))
    coverage = state.run("carbon_coverage", **scope)
    doc.table(coverage, ["year", "counties_reported", "counties_monitored", "counties_with_gaps", "series_missing",
                         "gap_counties"], "pools_coverage")
    doc.caption(t("pools_coverage_caption"))

    doc.heading(t("pools_map", year=year))
    counties = state.run("carbon_by_county", **scope)

    def describe(row):
        if not row.pools:
            return [t("pools_not_reported", year=year)]
        return [f"{exact(row.sink_per_mu, lang, 3)} {t('unit_sink_per_mu')}",
                t("pools_map_sink", sink=quantity(row.sink_tco2e, "carbon", lang)),
                t("pools_map_stock", stock=quantity(row.stock_tco2e, "carbon", lang))]

    doc.chart(maps.vega_map(GEO_URL.format(BOUNDARIES["county"]), counties, state.zones, "sink_per_mu", describe,
                            t("axis_with_unit", name=t("chart_sink_per_mu"), unit=t("unit_sink_per_mu")), ",.3f", lang,
                            title=t("pools_map", year=year)),
              counties, ["region_name", "prefecture_name", "zone", "sink_per_mu", "sink_tco2e", "stock_tco2e", "area_mu"],
              f"carbon_pools_map_{year}")
    doc.caption(t("pools_map_legend", year=year))
    doc.caption(map_source(state))
    doc.table(counties, ["region_name", "prefecture_name", "zone", "sink_per_mu", "sink_tco2e", "stock_tco2e", "area_mu"],
              f"carbon_pools_counties_{year}")


def potential(doc, state):
    t, lang, chosen, choice = state.t, state.lang, state.chosen, state.choice
    doc.caption(choice.basis_caption())
    total = state.run("potential_summary", by="total", **chosen)
    if total.empty or not total.counties.iloc[0]:
        doc.notice(t("potential_none"))
        return
    total = total.iloc[0]
    basis, as_of = choice.basis_label, choice.as_of_text
    doc.tiles([
        {"label": t("tile_potential_area"), "value": compact(total.potential_area_mu, lang)},
        {"label": t("tile_potential_tco2e"), "value": compact(total.potential_tco2e, lang)},
        {"label": t("tile_developed", basis=basis), "value": compact(total.developed_mu, lang),
         "note": t("tile_share_developed", share=percent(total.share_developed, lang=lang)), "tone": "off"},
        {"label": t("tile_untapped"), "value": compact(total.untapped_mu, lang)},
    ])
    doc.caption(t("potential_caption", basis=basis))
    doc.heading(t("potential_summary"))
    summary_columns = ["group_value", "potential_area_mu", "developed_mu", "share_developed", "untapped_mu",
                       "potential_tco2e", "counties", "unassessed_developed_mu"]

    def grouped(group_by):
        def build(d):
            summary = state.run("potential_summary", by=group_by, **chosen)
            d.chart(pool_charts.potential_vs_developed(summary, lang), summary, summary_columns,
                    f"potential_by_{group_by}")
            d.table(summary, summary_columns[:5], f"potential_by_{group_by}_table", more=summary_columns[5:])
        return build

    doc.switch(t("group_by"), [(t(f"group_{g}"), grouped(g)) for g in ("zone", "project_type")])
    doc.caption(t("potential_summary_caption", basis=basis, as_of=as_of))
    doc.heading(t("untapped_title"))
    top = state.run("untapped_key_types", **chosen)
    if top.empty:
        doc.notice(t("untapped_none"))
    else:
        top_columns = ["zone", "rank", "county_name", "untapped_mu", "share_developed", "potential_area_mu",
                       "developed_mu", "prefecture_name"]
        doc.chart(pool_charts.top_untapped(top, lang), top, top_columns, "untapped_key_types")
        doc.table(top, top_columns[:5], "untapped_key_types_table", more=top_columns[5:])
    doc.caption(t("untapped_caption", basis=basis, as_of=as_of))
    doc.heading(t("potential_counties"))
    counties = state.run("potential_by_county", **chosen)
    doc.table(counties, ["county_name", "project_type", "untapped_mu", "share_developed", "potential_area_mu"],
              "potential_by_county_type", more=["zone", "prefecture_name", "developed_mu", "projects", "potential_tco2e"])
    doc.caption(t("potential_counties_caption", basis=basis, as_of=as_of))


def _open_figures(doc, state, caption_key, query_name, none_key, chart, columns, name):
    """As the dashboard's open_figures: a caption with the date, the area's figures as a chart, or a line saying there
    are none, and where the figures come from."""
    doc.caption(state.t(caption_key, as_of=state.choice.as_of_text))
    figures = state.run(query_name, **state.choice.area_filters)
    if figures.empty:
        doc.notice(state.t(none_key))
    else:
        doc.chart(chart(figures, state.lang), figures, columns, name)
        suppression_note(doc, state)
    freshness(doc, state)


def open_trading(doc, state):
    _open_figures(doc, state, "open_trading_caption", "open_trades_by_month", "open_no_trades", open_data.trades_by_month,
                  ["month_end", "platform", "trades", "volume_tco2e", "amount_yuan", "average_price_yuan"], "open_trades")


def open_subsidies(doc, state):
    _open_figures(doc, state, "open_subsidies_caption", "open_subsidies_by_year", "open_no_subsidies",
                  open_data.subsidies_by_year, ["year", "zone", "payments", "amount_yuan"], "open_subsidies")


# the registry's columns, as the live page lists them
REGISTRY_COLUMNS = ["project_id", "project_name", "project_type", "area_mu", "issued_tco2e", "status"]
REGISTRY_MORE = ["registered_date", "est_annual_tco2e", "county_name", "prefecture_name", "zone"]


def open_registry(doc, state):
    t, lang, choice = state.t, state.lang, state.choice
    doc.caption(t("open_registry_caption", as_of=choice.as_of_text))
    matching = {**choice.area_filters, "search": None, "project_types": None}
    totals = state.run("open_registry_count", **matching).iloc[0]
    if totals.projects == 0:
        doc.notice(t("open_registry_none"))
    else:
        doc.tiles([
            {"label": t("open_registry_tile_projects"), "value": count(totals.projects, lang)},
            tile(state, t("open_registry_tile_area"), totals.area_mu, "area"),
            tile(state, t("open_registry_tile_est"), totals.est_annual_tco2e, "carbon"),
            tile(state, t("open_registry_tile_issued"), totals.issued_tco2e, "carbon"),
        ])
        doc.heading(t("open_registry_list_heading"))
        rows = state.run("open_registry_projects", limit=LIST_ROWS, offset=0, **matching)
        # the live page searches and pages through the list; the static one lists the newest registrations
        doc.caption(t("site_registry_list", shown=count(len(rows), lang), total=count(totals.projects, lang),
                      as_of=choice.as_of_text), site_only=True)
        doc.table(rows, REGISTRY_COLUMNS, "open_registry", more=REGISTRY_MORE)
        doc.heading(t("open_registry_chart_heading"))
        by_type = state.run("open_registry_by_type", **matching)
        doc.chart(open_data.registry_by_type(by_type, lang), by_type, ["zone", "project_type", "projects", "area_mu"],
                  "open_registry_by_type")
        doc.caption(t("open_registry_chart_caption", as_of=choice.as_of_text))
    freshness(doc, state)


def open_changes(doc, state):
    """As the public page of what changed: the dates of both updates, the area's published figures before and after,
    the same per zone for each measure, and the newly registered projects."""
    t, lang, choice = state.t, state.lang, state.choice
    area = {"zone": choice.zone, "prefecture_code": choice.prefecture_code}
    recorded = state.run("open_changes_ready").iloc[0].has_changes
    info = state.run("open_changes_info") if recorded else None
    if not recorded or not changes.is_compared(info):
        if recorded:
            doc.notice(t("open_changes_none"))
        else:
            doc.notice(t("open_changes_unrecorded"))
        freshness(doc, state)
        return
    dates = info.iloc[0]
    doc.caption(t("open_changes_caption", built_at=formats.moment(dates.built_at, lang),
                  as_of=f"{dates.as_of:%Y-%m-%d}", previous_built_at=formats.moment(dates.previous_built_at, lang),
                  previous_as_of=f"{dates.previous_as_of:%Y-%m-%d}"))
    doc.caption(t("open_changes_as_of_note"))

    doc.heading(t("open_changes_figures_heading"))
    figures = state.run("open_changes_figures", **area)
    if figures.empty:
        doc.notice(t("open_changes_no_figures"))
    else:
        shown = figures.iloc[0]
        area_name = zone_name(shown.zone, shown.zone_en, lang)
        if choice.prefecture_code and not choice.zone:
            doc.caption(t("open_changes_prefecture_zone", prefecture=choice.prefecture_name, zone=area_name))
        else:
            doc.caption(t("open_changes_area", area=area_name))
        area_figures = changes.area_figures(figures)
        for row in (changes.TILES[:3], changes.TILES[3:]):
            tiles = []
            for measure, kind in row:
                before, after, change = area_figures[measure]
                tiles.append(tile(state, t(f"open_changes_measure_{measure}"), after, kind,
                                  note=changes.signed(change, lang), tone="off",
                                  help=t("open_changes_tile_help", figures=changes.before_after(before, after, lang))))
            doc.tiles(tiles)
        suppression_note(doc, state)

        doc.heading(t("open_changes_zones_heading"))

        def measure_view(measure):
            return lambda d: d.table(changes.measure_table(figures, measure), changes.table_columns(measure),
                                     f"open_changes_{measure}")

        doc.switch(t("open_changes_measure"),
                   [(t(f"open_changes_measure_{m}"), measure_view(m)) for m in changes.MEASURES])
        doc.caption(t("open_changes_zones_caption"))

    doc.heading(t("open_changes_registered_heading"))
    registered = state.run("open_changes_registered", **area)
    if registered.empty:
        doc.notice(t("open_changes_registered_none"))
    else:
        doc.caption(t("open_changes_registered_count", projects=count(len(registered), lang), area=choice.area_name))
        if len(registered) > LIST_ROWS:
            doc.caption(t("site_list_first", shown=count(LIST_ROWS, lang), total=count(len(registered), lang)),
                        site_only=True)
        doc.table(registered.head(LIST_ROWS), changes.REGISTERED_COLUMNS, "open_changes_registered",
                  more=changes.REGISTERED_MORE)
    doc.caption(t("public_list_note"))
    freshness(doc, state)


# every public view: its file name, the keys of its name in the navigation and of its title, and its builder, in the
# dashboard's order
VIEWS = {
    "overview": ("page_overview", "overview_title", overview),
    "zones": ("page_zones", "zones_title", zones),
    "map": ("page_map", "map_title", region_map),
    "pipeline": ("page_pipeline", "pipeline_title", pipeline),
    "pools": ("page_pools", "pools_title", pools),
    "potential": ("page_potential", "potential_title", potential),
    "open_trading": ("page_open_trading", "page_open_trading", open_trading),
    "open_subsidies": ("page_open_subsidies", "page_open_subsidies", open_subsidies),
    "open_registry": ("page_open_registry", "page_open_registry", open_registry),
    "open_changes": ("page_open_changes", "page_open_changes", open_changes),
}
