"""Charts of progress toward the targets, the zones, the pipeline and the map."""

import altair as alt
import pandas as pd

from sinkboard.charts import theme
from sinkboard.charts.common import area_unit, drawn, headroom, label, remembered, rows, zone_name
from sinkboard.charts.theme import FOCUS_COLORS, STATUS_COLORS
from sinkboard.text.catalogue import text
from sinkboard.text.formats import percent, quantity


@remembered
def target_bars(progress, year, lang="zh"):
    """Share of the year's target per area: its own target, or for a zone without one, its share of the province's."""
    areas = progress[progress.year == year].sort_values("sort_order", kind="stable")
    areas = areas.assign(area=[zone_name(z, e, lang) for z, e in zip(areas.zone, areas.zone_en)],
                         share=areas.share_of_target.fillna(areas.share_of_province_target),
                         status_key=areas.status.fillna("none"))
    areas["status_label"] = [text(f"status_{s}", lang) for s in areas.status_key]
    # one decimal, never rounded up to 100%: 99.6% of a target is not "100% · On track"
    areas["label"] = [f"{percent(s, 1, lang)} · {lab}" for s, lab in zip(areas.share.fillna(0), areas.status_label)]
    # the axis reaches 110% of the target, or further, in a few steps, for an area past it
    top = max(1.1, headroom(areas.share.max(), room=1.0))
    return drawn(_target_bars, {"rows": areas}, len(areas), top, title=text("brief_zones_title", lang, year=year),
                 unit=text("unit_share_of_target", lang))


def _target_bars(length, top):
    base = alt.Chart(rows()).encode(y=alt.Y("area:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)))
    bars = base.mark_bar(height=18).encode(
        x=alt.X("share:Q", title=None, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, top])),
        color=alt.Color("status_key:N", scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
                        legend=None),
        tooltip=[alt.Tooltip("area:N"), alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("status_label:N")],
    )
    # a bar ending between half the target and the target has its label inside its end: beside it, the label would
    # run across the 100% line ("90% · Behind"); the others beside the bar, where the line is not
    inside = "datum.share >= 0.5 && datum.share <= 1"
    labels_inside = base.transform_filter(inside).mark_text(align="right", dx=-4, color="white").encode(
        x="share:Q", text="label:N")
    labels_beside = base.transform_filter(f"!({inside})").mark_text(align="left", dx=4).encode(x="share:Q", text="label:N")
    goal = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 2], color=theme.RULE).encode(x="x:Q")
    # room on the right for the label beside the longest bar ("112% · Achieved")
    return (goal + bars + labels_inside + labels_beside).properties(height=36 * length + 20, padding={"right": 110})


@remembered
def scale_trend(trend, progress, zone, lang="zh"):
    """Cumulative scale, the targets, the straight path to each target and the projection at the current pace."""
    targets = progress[(progress.zone == (zone or "全省")) & progress.target_mu.notna()].sort_values("year")
    divisor, unit = area_unit(pd.concat([trend.scale_mu, targets.target_mu]), lang)
    series = trend.assign(value=trend.scale_mu / divisor, kind=text("legend_actual", lang))
    path_rows, start_date, start_value = [], series.month_end.min(), float(series.value.iloc[0]) if len(series) else 0.0
    for row in targets.itertuples():
        path_rows += [(start_date, start_value, row.year), (row.deadline, row.target_mu / divisor, row.year)]
        at = series[series.month_end <= row.deadline]
        start_date, start_value = row.deadline, float(at.value.iloc[-1]) if len(at) else 0.0
    paths = pd.DataFrame(path_rows, columns=["month_end", "value", "year"]).assign(kind=text("legend_path", lang))
    if len(series) and len(targets):
        last = targets.iloc[-1]
        now = progress[(progress.zone == (zone or "全省"))].iloc[0]
        projection = pd.DataFrame({
            "month_end": [series.month_end.iloc[-1], last.deadline],
            "value": [now.scale_mu / divisor, (now.scale_mu + now.pace_mu_per_year * last.years_left) / divisor],
        }).assign(kind=text("legend_projection", lang))
    else:
        projection = pd.DataFrame(columns=["month_end", "value", "kind"])
    goal_rows = targets.assign(value=targets.target_mu / divisor,
                               label=[f"{y} {text('legend_target', lang)} {quantity(v, 'area', lang)}"
                                      for y, v in zip(targets.year, targets.target_mu)])
    return drawn(_scale_trend, {"series": series, "paths": paths, "projection": projection, "goals": goal_rows},
                 unit, lang, title=text("trend_title", lang), unit=unit)


def _scale_trend(unit, lang):
    kinds = [text("legend_actual", lang), text("legend_path", lang), text("legend_projection", lang)]
    # two columns: three entries side by side run past the edge of the briefing's narrower column
    color = alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds, range=[theme.GREEN, theme.GREY, theme.ORANGE]),
                      legend=alt.Legend(columns=2))
    x = alt.X("month_end:T", title=None, axis=alt.Axis(format="%Y-%m"))
    y = alt.Y("value:Q", title=unit)
    actual = alt.Chart(rows("series")).mark_line(strokeWidth=3).encode(x=x, y=y, color=color,
                                                                tooltip=[alt.Tooltip("month_end:T"), alt.Tooltip("value:Q", format=",.1f")])
    path = alt.Chart(rows("paths")).mark_line(strokeDash=[6, 4]).encode(x=x, y=y, color=color, detail="year:N")
    ahead = alt.Chart(rows("projection")).mark_line(strokeDash=[2, 3], strokeWidth=2).encode(x=x, y=y, color=color)
    goals = alt.Chart(rows("goals")).mark_point(shape="diamond", size=140, filled=True, color=theme.RED).encode(
        x=alt.X("deadline:T"), y="value:Q", tooltip=["label:N"])
    goal_labels = alt.Chart(rows("goals")).mark_text(dy=-14, color=theme.RED).encode(x="deadline:T", y="value:Q", text="label:N")
    # on a white halo of themselves, so that the lines running through a target's label do not cross its words
    goal_halos = goal_labels.mark_text(dy=-14, color="white", stroke="white", strokeWidth=4, strokeJoin="round")
    return (actual + path + ahead + goals + goal_halos + goal_labels).properties(height=360)


@remembered
def type_mix(by_type, lang="zh"):
    """Area per project type in each zone, coloured by whether the type is one of the zone's focus types."""
    divisor, unit = area_unit(by_type.area_mu, lang)
    shown = by_type.assign(
        value=by_type.area_mu / divisor,
        type_label=[label(v, lang) for v in by_type.project_type],
        zone_label=[zone_name(z, e, lang) for z, e in zip(by_type.zone, by_type.zone_en)],
        focus_label=[text(f"focus_{f}", lang) for f in by_type.focus],
    )
    zone_order = tuple(dict.fromkeys(shown.zone_label))  # the query lists zones in the plan's order
    return drawn(_type_mix, {"rows": shown}, unit, zone_order, lang, title=text("type_mix", lang), unit=unit)


def _type_mix(unit, zone_order, lang):
    focus_labels = [text(f"focus_{f}", lang) for f in FOCUS_COLORS]
    chart = alt.Chart(rows()).mark_bar().encode(
        x=alt.X("value:Q", title=unit),
        y=alt.Y("type_label:N", title=None, sort="-x", axis=alt.Axis(labelOverlap=False, labelLimit=160)),
        color=alt.Color("focus_label:N", title=None, scale=alt.Scale(domain=focus_labels, range=list(FOCUS_COLORS.values()))),
        tooltip=[alt.Tooltip("zone_label:N"), alt.Tooltip("type_label:N"), alt.Tooltip("value:Q", format=",.1f"),
                 alt.Tooltip("share_of_zone:Q", format=".1%")],
    ).properties(height=alt.Step(18), width=520)
    if len(zone_order) > 1:
        # one zone a row, in the plan's order: rows never run past the right edge, whatever the number of zones
        chart = chart.facet(row=alt.Row("zone_label:N", title=None, sort=list(zone_order),
                                        header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"))
                            ).resolve_scale(y="independent")
    return chart


@remembered
def ranking(regions, lang="zh", top=15):
    """The regions with the largest scale, with their assessed potential behind them."""
    largest = regions.head(top)
    divisor, unit = area_unit(pd.concat([largest.area_mu, largest.potential_area_mu.fillna(0)]), lang)
    largest = largest.assign(scale=largest.area_mu / divisor, potential=largest.potential_area_mu / divisor,
                             region_name=[label(n, lang) for n in largest.region_name])
    return drawn(_ranking, {"rows": largest}, unit, len(largest), title=text("chart_title_ranking", lang), unit=unit)


def _ranking(unit, length):
    # the regions in the query's order, largest first
    y = alt.Y("region_name:N", sort=None, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=300))
    potential = alt.Chart(rows()).mark_bar(color=theme.GREEN_PALE, height=16).encode(x=alt.X("potential:Q", title=unit), y=y)
    scale = alt.Chart(rows()).mark_bar(color=theme.GREEN, height=9).encode(
        x="scale:Q", y=y,
        tooltip=[alt.Tooltip("region_name:N"), alt.Tooltip("scale:Q", format=",.1f"), alt.Tooltip("potential:Q", format=",.1f"),
                 alt.Tooltip("share_of_potential:Q", format=".1%")])
    return (potential + scale).properties(height=22 * length + 20)


@remembered
def pipeline_status(statuses, lang="zh"):
    """Projects and area at each step of the pipeline."""
    divisor, unit = area_unit(statuses.area_mu, lang)
    steps = statuses.sort_values("step", kind="stable")
    steps = steps.assign(value=steps.area_mu / divisor, status_label=[label(s, lang) for s in steps.status])
    return drawn(_pipeline_status, {"rows": steps}, unit, title=text("pipeline_status", lang), unit=unit)


def _pipeline_status(unit):
    base = alt.Chart(rows()).encode(x=alt.X("status_label:N", sort=None, title=None, axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color=theme.GREEN).encode(
        y=alt.Y("value:Q", title=unit),
        color=alt.condition(alt.datum.status == "终止", alt.value(theme.GREY), alt.value(theme.GREEN)),
        tooltip=[alt.Tooltip("status_label:N"), alt.Tooltip("projects:Q"), alt.Tooltip("value:Q", format=",.1f")])
    labels = base.mark_text(dy=-8).encode(y="value:Q", text=alt.Text("projects:Q", format=",d"))
    return (bars + labels).properties(height=300)


@remembered
def durations(summary, lang="zh"):
    """Box plots of months to registration and to first issuance, per zone or project type, drawn from the summary's
    least, quartiles, median and most of each group (duration_summary): one row per group and stage goes to the
    browser, not one per project."""
    stages = []
    for stage, prefix in (("stage_registration", "registration"), ("stage_issuance", "issuance")):
        figures = summary[["group_value", *(f"{prefix}_{f}" for f in ("min", "p25", "median", "p75", "max"))]]
        stages.append(figures.set_axis(["group_value", "least", "p25", "median", "p75", "most"], axis=1)
                      .assign(stage=text(stage, lang)))
    long = pd.concat(stages).dropna(subset=["median"])
    long["group"] = [label(v, lang) for v in long.group_value]
    return drawn(_durations, {"rows": long}, lang, title=text("durations", lang), unit=text("months_axis", lang))


def _durations(lang):
    months = text("months_axis", lang)
    stages = [text("stage_registration", lang), text("stage_issuance", lang)]  # in the order a project goes through
    base = alt.Chart(rows()).encode(
        # the groups in the table's order
        y=alt.Y("group:N", sort=None, title=None, axis=alt.Axis(labelLimit=220)),
        yOffset=alt.YOffset("stage:N", sort=stages),
        color=alt.Color("stage:N", title=None, sort=stages, scale=alt.Scale(domain=stages, range=[theme.GREEN, theme.ORANGE]),
                        legend=alt.Legend(labelLimit=320)),
        tooltip=[alt.Tooltip("group:N", title=None), alt.Tooltip("stage:N", title=None),
                 *(alt.Tooltip(f"{f}:Q", title=text(f"box_{f}", lang), format=".1f")
                   for f in ("least", "p25", "median", "p75", "most"))],
    )
    whiskers = base.mark_rule().encode(x=alt.X("least:Q", title=months), x2="most:Q")
    boxes = base.mark_bar(size=12).encode(x="p25:Q", x2="p75:Q")
    medians = base.mark_tick(size=12, thickness=2).encode(x="median:Q", color=alt.value("white"))
    return alt.layer(whiskers, boxes, medians).properties(height=alt.Step(16))


@remembered
def developer_mix(mix, lang="zh"):
    """Area by developer type."""
    divisor, unit = area_unit(mix.area_mu, lang)
    shown = mix.assign(value=mix.area_mu / divisor, owner_label=[label(v, lang) for v in mix.owner_type])
    return drawn(_developer_mix, {"rows": shown}, unit, title=text("developer_mix", lang), unit=unit)


def _developer_mix(unit):
    return alt.Chart(rows()).mark_bar(color=theme.GREEN_MID).encode(
        x=alt.X("value:Q", title=unit), y=alt.Y("owner_label:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("owner_label:N"), alt.Tooltip("projects:Q"), alt.Tooltip("share_of_area:Q", format=".1%")],
    ).properties(height=alt.Step(24))
