"""Charts of progress toward the targets, the zones, the pipeline and the map."""

import altair as alt
import pandas as pd

from sinkboard.charts.common import area_unit, configure, label, remembered, zone_name
from sinkboard.formats import quantity
from sinkboard.i18n import text

STATUS_COLORS = {"achieved": "#1a7f37", "on_track": "#4c9f70", "behind": "#d1242f", "missed": "#8c1d18", "none": "#8c959f"}
FOCUS_COLORS = {"key": "#1f5f3f", "moderate": "#6aa57f", "other": "#c4cfc8"}


@remembered
def target_bars(progress, year, lang="zh"):
    """Share of the year's target per area: its own target, or for a zone without one, its share of the province's."""
    rows = progress[progress.year == year].copy()
    rows["area"] = [zone_name(z, e, lang) for z, e in zip(rows.zone, rows.zone_en)]
    rows["share"] = rows.share_of_target.fillna(rows.share_of_province_target)
    rows["status_key"] = rows.status.fillna("none")
    rows["status_label"] = [text(f"status_{s}", lang) for s in rows.status_key]
    rows["label"] = [f"{s:.0%} · {lab}" for s, lab in zip(rows.share.fillna(0), rows.status_label)]
    order = rows.sort_values("sort_order").area.tolist()
    base = alt.Chart(rows).encode(y=alt.Y("area:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)))
    bars = base.mark_bar(height=18).encode(
        x=alt.X("share:Q", title=None, axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, max(1.1, rows.share.max() or 0)])),
        color=alt.Color("status_key:N", scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
                        legend=None),
        tooltip=[alt.Tooltip("area:N"), alt.Tooltip("share:Q", format=".1%"), alt.Tooltip("status_label:N")],
    )
    labels = base.mark_text(align="left", dx=4).encode(x="share:Q", text="label:N")
    goal = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 2], color="#333").encode(x="x:Q")
    return configure((bars + labels + goal).properties(height=36 * len(rows) + 20))


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
    kinds = [text("legend_actual", lang), text("legend_path", lang), text("legend_projection", lang)]
    color = alt.Color("kind:N", title=None, scale=alt.Scale(domain=kinds, range=["#1f5f3f", "#8c959f", "#c46e28"]))
    x = alt.X("month_end:T", title=None, axis=alt.Axis(format="%Y-%m"))
    y = alt.Y("value:Q", title=unit)
    actual = alt.Chart(series).mark_line(strokeWidth=3).encode(x=x, y=y, color=color,
                                                                tooltip=[alt.Tooltip("month_end:T"), alt.Tooltip("value:Q", format=",.1f")])
    path = alt.Chart(paths).mark_line(strokeDash=[6, 4]).encode(x=x, y=y, color=color, detail="year:N")
    ahead = alt.Chart(projection).mark_line(strokeDash=[2, 3], strokeWidth=2).encode(x=x, y=y, color=color)
    goal_rows = targets.assign(value=targets.target_mu / divisor,
                               label=[f"{y} {text('legend_target', lang)} {quantity(v, 'area', lang)}"
                                      for y, v in zip(targets.year, targets.target_mu)])
    goals = alt.Chart(goal_rows).mark_point(shape="diamond", size=140, filled=True, color="#d1242f").encode(
        x=alt.X("deadline:T"), y="value:Q", tooltip=["label:N"])
    goal_labels = alt.Chart(goal_rows).mark_text(dy=-14, color="#d1242f").encode(x="deadline:T", y="value:Q", text="label:N")
    return configure((actual + path + ahead + goals + goal_labels).properties(height=360))


@remembered
def type_mix(by_type, lang="zh"):
    """Area per project type in each zone, coloured by whether the type is one of the zone's focus types."""
    divisor, unit = area_unit(by_type.area_mu, lang)
    rows = by_type.assign(
        value=by_type.area_mu / divisor,
        type_label=[label(v, lang) for v in by_type.project_type],
        zone_label=[zone_name(z, e, lang) for z, e in zip(by_type.zone, by_type.zone_en)],
        focus_label=[text(f"focus_{f}", lang) for f in by_type.focus],
    )
    focus_labels = [text(f"focus_{f}", lang) for f in FOCUS_COLORS]
    zone_order = list(dict.fromkeys(rows.zone_label))  # the query lists zones in the plan's order
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X("value:Q", title=unit),
        y=alt.Y("type_label:N", title=None, sort="-x", axis=alt.Axis(labelOverlap=False, labelLimit=160)),
        color=alt.Color("focus_label:N", title=None, scale=alt.Scale(domain=focus_labels, range=list(FOCUS_COLORS.values()))),
        tooltip=[alt.Tooltip("zone_label:N"), alt.Tooltip("type_label:N"), alt.Tooltip("value:Q", format=",.1f"),
                 alt.Tooltip("share_of_zone:Q", format=".1%")],
    ).properties(height=alt.Step(18), width=520)
    if rows.zone.nunique() > 1:
        # one zone a row, in the plan's order: rows never run past the right edge, whatever the number of zones
        chart = chart.facet(row=alt.Row("zone_label:N", title=None, sort=zone_order,
                                        header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"))
                            ).resolve_scale(y="independent")
    return configure(chart)


@remembered
def ranking(regions, lang="zh", top=15):
    """The regions with the largest scale, with their assessed potential behind them."""
    rows = regions.head(top)
    divisor, unit = area_unit(pd.concat([rows.area_mu, rows.potential_area_mu.fillna(0)]), lang)
    rows = rows.assign(scale=rows.area_mu / divisor, potential=rows.potential_area_mu / divisor)
    order = rows.region_name.tolist()
    y = alt.Y("region_name:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=160))
    potential = alt.Chart(rows).mark_bar(color="#dfe6e1", height=16).encode(x=alt.X("potential:Q", title=unit), y=y)
    scale = alt.Chart(rows).mark_bar(color="#1f5f3f", height=9).encode(
        x="scale:Q", y=y,
        tooltip=[alt.Tooltip("region_name:N"), alt.Tooltip("scale:Q", format=",.1f"), alt.Tooltip("potential:Q", format=",.1f"),
                 alt.Tooltip("share_of_potential:Q", format=".1%")])
    return configure((potential + scale).properties(height=22 * len(rows) + 20))


@remembered
def pipeline_status(statuses, lang="zh"):
    """Projects and area at each step of the pipeline."""
    divisor, unit = area_unit(statuses.area_mu, lang)
    rows = statuses.assign(value=statuses.area_mu / divisor, status_label=[label(s, lang) for s in statuses.status])
    order = rows.sort_values("step").status_label.tolist()
    base = alt.Chart(rows).encode(x=alt.X("status_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color="#1f5f3f").encode(
        y=alt.Y("value:Q", title=unit),
        color=alt.condition(alt.datum.status == "终止", alt.value("#8c959f"), alt.value("#1f5f3f")),
        tooltip=[alt.Tooltip("status_label:N"), alt.Tooltip("projects:Q"), alt.Tooltip("value:Q", format=",.1f")])
    labels = base.mark_text(dy=-8).encode(y="value:Q", text=alt.Text("projects:Q", format=",d"))
    return configure((bars + labels).properties(height=300))


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
    months = text("months_axis", lang)
    base = alt.Chart(long).encode(
        y=alt.Y("group:N", title=None, axis=alt.Axis(labelLimit=220)),
        yOffset="stage:N",
        color=alt.Color("stage:N", title=None, scale=alt.Scale(range=["#1f5f3f", "#c46e28"]), legend=alt.Legend(labelLimit=320)),
        tooltip=[alt.Tooltip("group:N", title=None), alt.Tooltip("stage:N", title=None),
                 *(alt.Tooltip(f"{f}:Q", title=text(f"box_{f}", lang), format=".1f")
                   for f in ("least", "p25", "median", "p75", "most"))],
    )
    whiskers = base.mark_rule().encode(x=alt.X("least:Q", title=months), x2="most:Q")
    boxes = base.mark_bar(size=12).encode(x="p25:Q", x2="p75:Q")
    medians = base.mark_tick(size=12, thickness=2).encode(x="median:Q", color=alt.value("white"))
    return configure(alt.layer(whiskers, boxes, medians).properties(height=alt.Step(16)))


@remembered
def developer_mix(mix, lang="zh"):
    """Area by developer type."""
    divisor, unit = area_unit(mix.area_mu, lang)
    rows = mix.assign(value=mix.area_mu / divisor, owner_label=[label(v, lang) for v in mix.owner_type])
    return configure(alt.Chart(rows).mark_bar(color="#4c9f70").encode(
        x=alt.X("value:Q", title=unit), y=alt.Y("owner_label:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("owner_label:N"), alt.Tooltip("projects:Q"), alt.Tooltip("share_of_area:Q", format=".1%")],
    ).properties(height=alt.Step(24)))
