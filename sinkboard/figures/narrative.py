"""Plain sentences generated from the target progress figures: what is behind, and by how much."""

import pandas as pd

from sinkboard.charts.common import zone_name
from sinkboard.text.catalogue import text
from sinkboard.text.formats import percent, quantity


def _area(value, lang):
    return quantity(value, "area", lang)


def _next_target(rows):
    """The earliest target whose year has not passed; else the last one."""
    upcoming = rows[rows.years_left > 0]
    return (upcoming if not upcoming.empty else rows).sort_values("year").iloc[0 if not upcoming.empty else -1]


def progress_sentences(progress: pd.DataFrame, as_of, basis_label, lang="zh"):
    """Two to four sentences on the province and the zones, from the target_progress query's rows."""
    with_targets = progress[progress.target_mu.notna()]
    province = with_targets[with_targets.zone == "全省"]
    if province.empty:
        return [text("no_targets", lang)]
    sentences = []
    for row in province[(province.years_left == 0) & (province.status == "missed")].itertuples():
        reached = text("sentence_reached_later", lang, date=f"{row.reached_date:%Y-%m-%d}") if pd.notna(row.reached_date) else ""
        sentences.append(text("sentence_missed", lang, year=row.year, target=_area(row.target_mu, lang),
                              at_deadline=_area(row.scale_at_deadline_mu, lang), reached=reached))
    row = _next_target(province)
    if row.status == "achieved":
        verdict = text("verdict_achieved", lang)
    elif row.status == "on_track":
        verdict = text("verdict_on_track", lang)
    else:
        verdict = text("verdict_behind", lang, needed=_area(row.needed_mu_per_year, lang))
    sentences.insert(0, text(
        "sentence_province", lang, as_of=f"{as_of:%Y-%m-%d}", basis=basis_label if lang == "zh" else basis_label.lower(), scale=_area(row.scale_mu, lang),
        year=row.year, target=_area(row.target_mu, lang), share=percent(row.share_of_target),
        pace=_area(row.pace_mu_per_year, lang), projected=_area(row.projected_mu, lang), verdict=verdict,
    ))
    zones = with_targets[(with_targets.zone != "全省") & (with_targets.years_left > 0)]
    if zones.empty:
        sentences.append(text("sentence_no_zone_targets", lang))
        return sentences
    behind = zones[zones.status == "behind"].assign(shortfall=lambda z: z.needed_mu_per_year - z.pace_mu_per_year)
    for row in behind.sort_values("shortfall", ascending=False).head(3).itertuples():
        zone = zone_name(row.zone, row.zone_en, lang)
        sentences.append(text("sentence_zone_behind", lang, zone=zone, year=row.year, target=_area(row.target_mu, lang),
                              scale=_area(row.scale_mu, lang), needed=_area(row.needed_mu_per_year, lang),
                              pace=_area(row.pace_mu_per_year, lang)))
    if behind.empty:
        sentences.append(text("sentence_zones_on_track", lang))
    return sentences
