"""Charts as pure functions: a DataFrame in, an Altair chart or a pydeck Deck out, for the page, the PNG and the slides."""

import json
import os

import altair as alt
import pandas as pd
import pydeck as pdk

from sinkboard.formats import quantity
from sinkboard.i18n import text, value_label

STATUS_COLORS = {"achieved": "#1a7f37", "on_track": "#4c9f70", "behind": "#d1242f", "missed": "#8c1d18", "none": "#8c959f"}
FOCUS_COLORS = {"key": "#1f5f3f", "moderate": "#6aa57f", "other": "#c4cfc8"}
ZONE_COLORS = {1: [196, 110, 40], 2: [90, 100, 170], 3: [40, 130, 120], 4: [130, 160, 40], 5: [170, 60, 110]}
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"


def area_unit(values, lang):
    """(divisor, unit label) for an area axis: 万亩 in Chinese; thousand or million mu in English."""
    largest = float(pd.Series(values, dtype="float64").abs().max() or 0)
    if lang == "zh":
        return (10_000, "万亩") if largest >= 10_000 else (1, "亩")
    if largest >= 1_000_000:
        return 1_000_000, "million mu"
    return (1_000, "thousand mu") if largest >= 1_000 else (1, "mu")


def _configure(chart):
    return chart.configure(font=FONT).configure_axis(labelFont=FONT, titleFont=FONT, labelLimit=220).configure_legend(
        labelFont=FONT, titleFont=FONT, orient="bottom", labelLimit=320)


def _label(value, lang):
    return value_label(value, lang)


def target_bars(progress, year, lang="zh"):
    """Share of the year's target per area: its own target, or for a zone without one, its share of the province's."""
    rows = progress[progress.year == year].copy()
    rows["area"] = [z if lang == "zh" else (e or _label(z, lang)) for z, e in zip(rows.zone, rows.zone_en)]
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
    return _configure((bars + labels + goal).properties(height=36 * len(rows) + 20))


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
    return _configure((actual + path + ahead + goals + goal_labels).properties(height=360))


def type_mix(by_type, lang="zh"):
    """Area per project type in each zone, coloured by whether the type is one of the zone's focus types."""
    divisor, unit = area_unit(by_type.area_mu, lang)
    rows = by_type.assign(
        value=by_type.area_mu / divisor,
        type_label=[_label(v, lang) for v in by_type.project_type],
        zone_label=[z if lang == "zh" else e for z, e in zip(by_type.zone, by_type.zone_en)],
        focus_label=[text(f"focus_{f}", lang) for f in by_type.focus],
    )
    focus_labels = [text(f"focus_{f}", lang) for f in FOCUS_COLORS]
    chart = alt.Chart(rows).mark_bar().encode(
        x=alt.X("value:Q", title=unit),
        y=alt.Y("type_label:N", title=None, sort="-x"),
        color=alt.Color("focus_label:N", title=None, scale=alt.Scale(domain=focus_labels, range=list(FOCUS_COLORS.values()))),
        tooltip=[alt.Tooltip("zone_label:N"), alt.Tooltip("type_label:N"), alt.Tooltip("value:Q", format=",.1f"),
                 alt.Tooltip("share_of_zone:Q", format=".1%")],
    ).properties(height=alt.Step(18), width=210)
    if rows.zone.nunique() > 1:
        chart = chart.facet(facet=alt.Facet("zone_label:N", title=None), columns=3).resolve_scale(y="independent")
    return _configure(chart)


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
    return _configure((potential + scale).properties(height=22 * len(rows) + 20))


def pipeline_status(statuses, lang="zh"):
    """Projects and area at each step of the pipeline."""
    divisor, unit = area_unit(statuses.area_mu, lang)
    rows = statuses.assign(value=statuses.area_mu / divisor, status_label=[_label(s, lang) for s in statuses.status])
    order = rows.sort_values("step").status_label.tolist()
    base = alt.Chart(rows).encode(x=alt.X("status_label:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)))
    bars = base.mark_bar(color="#1f5f3f").encode(
        y=alt.Y("value:Q", title=unit),
        color=alt.condition(alt.datum.status == "终止", alt.value("#8c959f"), alt.value("#1f5f3f")),
        tooltip=[alt.Tooltip("status_label:N"), alt.Tooltip("projects:Q"), alt.Tooltip("value:Q", format=",.1f")])
    labels = base.mark_text(dy=-8).encode(y="value:Q", text=alt.Text("projects:Q", format=",d"))
    return _configure((bars + labels).properties(height=300))


def durations(projects, group_by, lang="zh"):
    """Box plots of months to registration and to first issuance, per zone or project type."""
    long = pd.concat([
        projects.assign(stage=text("stage_registration", lang), months=projects.months_to_registration),
        projects.assign(stage=text("stage_issuance", lang), months=projects.months_to_first_issuance),
    ]).dropna(subset=["months"])
    long["group"] = [_label(v, lang) for v in long[group_by]]
    return _configure(alt.Chart(long).mark_boxplot(extent="min-max", size=14).encode(
        x=alt.X("months:Q", title=text("months_axis", lang)),
        y=alt.Y("group:N", title=None, axis=alt.Axis(labelLimit=220)),
        color=alt.Color("stage:N", title=None, scale=alt.Scale(range=["#1f5f3f", "#c46e28"]), legend=alt.Legend(labelLimit=320)),
        yOffset="stage:N",
    ).properties(height=alt.Step(16)))


def developer_mix(mix, lang="zh"):
    """Area by developer type."""
    divisor, unit = area_unit(mix.area_mu, lang)
    rows = mix.assign(value=mix.area_mu / divisor, owner_label=[_label(v, lang) for v in mix.owner_type])
    return _configure(alt.Chart(rows).mark_bar(color="#4c9f70").encode(
        x=alt.X("value:Q", title=unit), y=alt.Y("owner_label:N", sort="-x", title=None),
        tooltip=[alt.Tooltip("owner_label:N"), alt.Tooltip("projects:Q"), alt.Tooltip("share_of_area:Q", format=".1%")],
    ).properties(height=alt.Step(24)))


def _shade(value, top):
    """A green ramp from pale (0) to dark (top); grey where there is no figure."""
    if value is None or pd.isna(value) or not top:
        return [220, 220, 220, 200]
    t = max(0.0, min(1.0, float(value) / top))
    low, high = (237, 248, 233), (0, 90, 50)
    return [round(low[i] + (high[i] - low[i]) * t) for i in range(3)] + [220]


def region_map(boundaries, figures, zones, measure, lang="zh"):
    """Regions shaded by scale or share of potential, outlined in their zone's colour; no basemap from the internet.

    boundaries: GeoJSON dict of the level shown (properties code, name); figures: region_ranking rows;
    zones: the zones query (for the colour order); measure: 'area' or 'share'.
    """
    by_code = figures.set_index("region_code")
    column = "area_mu" if measure == "area" else "share_of_potential"
    top = float(by_code[column].max()) if by_code[column].notna().any() else 0.0
    zone_order = {z: i + 1 for i, z in enumerate(zones.sort_values("sort_order").zone)}
    features = []
    for feature in boundaries["features"]:
        code = feature["properties"]["code"]
        row = by_code.loc[code] if code in by_code.index else None
        value = None if row is None else row[column]
        zone = None if row is None else row["zone"]
        area = 0 if row is None else row["area_mu"]
        share = None if row is None or pd.isna(row["share_of_potential"]) else row["share_of_potential"]
        features.append({
            "type": "Feature",
            "geometry": feature["geometry"],
            "properties": {
                "name": feature["properties"]["name"],
                "zone": _label(zone, lang) or "",
                "area": f"{area:,.0f}",
                "share": "—" if share is None else f"{share:.1%}",
                "fill": _shade(value, top),
                "line": ZONE_COLORS.get(zone_order.get(zone), [90, 90, 90]) + [255],
            },
        })
    layer = pdk.Layer(
        "GeoJsonLayer",
        {"type": "FeatureCollection", "features": features},
        id="regions",
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color="properties.line",
        line_width_min_pixels=1.5,
    )
    unit = "亩" if lang == "zh" else "mu"
    share_word = "占潜力" if lang == "zh" else "of potential"
    tooltip = {"html": f"<b>{{name}}</b><br/>{{zone}}<br/>{{area}} {unit}<br/>{{share}} {share_word}",
               "style": {"fontFamily": FONT}}
    style = os.environ.get("SINKBOARD_MAP_STYLE")  # an intranet style URL; without it, no basemap at all
    view = pdk.ViewState(latitude=30.6, longitude=102.9, zoom=5.3)
    if style:
        return pdk.Deck(layers=[layer], initial_view_state=view, tooltip=tooltip, map_provider="carto", map_style=style)
    return pdk.Deck(layers=[layer], initial_view_state=view, tooltip=tooltip, map_provider=None)


def load_geojson(path):
    return json.loads(path.read_text(encoding="utf-8"))
