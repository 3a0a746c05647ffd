"""Plain sentences generated from the target progress figures: where an area stands against each target, and what it
still needs."""

import pandas as pd

from sinkboard.charts.common import zone_name
from sinkboard.text.catalogue import text
from sinkboard.text.formats import percent, quantity

PROVINCE = "全省"
# months in a year, for "2 months left"; under two months the days left are counted instead
MONTH_DAYS = 365.25 / 12


def _area(value, lang):
    return quantity(value, "area", lang)


def _day(value):
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def _area_name(zone, zone_en, lang):
    return text("sentence_province_name", lang) if zone == PROVINCE else zone_name(zone, zone_en, lang)


def days_text(days, lang):
    return text("days_one", lang) if days == 1 else text("days_n", lang, n=days)


def time_left(deadline, as_of, lang):
    """The time to a deadline under a year, as a reader counts it: "2 个月" / "2 months", or the days when under two
    months ("45 天" / "45 days")."""
    days = (pd.Timestamp(deadline) - pd.Timestamp(as_of)).days
    months = round(days / MONTH_DAYS)
    return text("months_n", lang, n=months) if months >= 2 else days_text(days, lang)


def need(row, as_of, lang):
    """What an area behind its target still needs: a year's worth while a year or more is left; under a year the whole
    gap by the deadline (a yearly rate would overstate it several times over)."""
    if row.years_left >= 1:
        return text("need_per_year", lang, needed=_area(row.needed_mu_per_year, lang))
    return text("need_by_deadline", lang, gap=_area(row.gap_mu, lang), deadline=_day(row.deadline),
                left=time_left(row.deadline, as_of, lang))


def passed_sentence(row, area, as_of, lang):
    """A target whose year is over: met (on which day), or missed by how much, and since reached (how late) or not."""
    common = {"area": area, "year": row.year, "target": _area(row.target_mu, lang),
              "at_deadline": _area(row.scale_at_deadline_mu, lang)}
    if row.status == "achieved":
        if pd.isna(row.reached_date):
            return text("sentence_passed_achieved_at_deadline", lang, **common)
        return text("sentence_passed_achieved", lang, date=_day(row.reached_date), **common)
    missed = text("sentence_missed", lang, share=percent(row.share_of_target, lang=lang),
                  gap=_area(row.gap_mu, lang), **common)
    if pd.notna(row.reached_date):
        late = (pd.Timestamp(row.reached_date) - pd.Timestamp(row.deadline)).days
        return missed + text("sentence_reached_late", lang, date=_day(row.reached_date), late=days_text(late, lang))
    return missed + text("sentence_still_short", lang, as_of=_day(as_of), scale=_area(row.scale_mu, lang),
                         gap=_area(row.target_mu - row.scale_mu, lang))


def upcoming_sentence(row, area, as_of, basis_label, lang):
    """The next target still ahead: the scale now, its share, the pace and where it leads, and the verdict."""
    if row.status == "achieved":
        verdict = (text("verdict_achieved_on", lang, date=_day(row.reached_date)) if pd.notna(row.reached_date)
                   else text("verdict_achieved", lang))
    elif row.status == "on_track":
        verdict = text("verdict_on_track", lang)
    else:
        verdict = text("verdict_behind", lang, need=need(row, as_of, lang))
    return text(
        "sentence_area", lang, as_of=_day(as_of), area=area, basis=basis_label if lang == "zh" else basis_label.lower(),
        scale=_area(row.scale_mu, lang), year=row.year, target=_area(row.target_mu, lang),
        share=percent(row.share_of_target, lang=lang), pace=_area(row.pace_mu_per_year, lang),
        projected=_area(row.projected_mu, lang), verdict=verdict,
    )


def area_sentences(rows, as_of, basis_label, lang, passed_missed_only=False):
    """The sentences of one area (the province or a zone) from its target_progress rows with a target: the next target
    still ahead first, then each target whose year is over (only the missed ones when passed_missed_only)."""
    first = rows.iloc[0]
    area = _area_name(first.zone, first.zone_en, lang)
    ahead = rows[rows.years_left > 0].sort_values("year")
    if ahead.empty:
        sentences = [text("sentence_no_target_ahead", lang, as_of=_day(as_of), area=area,
                          basis=basis_label if lang == "zh" else basis_label.lower(), scale=_area(first.scale_mu, lang),
                          pace=_area(first.pace_mu_per_year, lang))]
    else:
        sentences = [upcoming_sentence(ahead.iloc[0], area, as_of, basis_label, lang)]
    passed = rows[rows.years_left == 0].sort_values("year")
    if passed_missed_only:
        passed = passed[passed.status == "missed"]
    return sentences + [passed_sentence(row, area, as_of, lang) for row in passed.itertuples()]


def zone_share_sentence(zone_rows, as_of, basis_label, lang):
    """A zone without a target of its own for the next province target: its share of the province's."""
    ahead = zone_rows[zone_rows.years_left > 0].sort_values("year")
    row = (ahead if not ahead.empty else zone_rows.sort_values("year")).iloc[-1 if ahead.empty else 0]
    if pd.isna(row.province_target_mu):
        return None
    return text("sentence_zone_share", lang, as_of=_day(as_of), zone=_area_name(row.zone, row.zone_en, lang),
                basis=basis_label if lang == "zh" else basis_label.lower(), scale=_area(row.scale_mu, lang),
                year=row.year, target=_area(row.province_target_mu, lang),
                share=percent(row.share_of_province_target, lang=lang))


def progress_sentences(progress: pd.DataFrame, as_of, basis_label, lang="zh", zone=None):
    """Two to six sentences from the target_progress query's rows. Without a zone: the province (its next target, and
    the targets it missed), then the zones most behind. With one: the zone's own targets first (or its share of the
    province's), then the province's, named as the province's."""
    with_targets = progress[progress.target_mu.notna()]
    province = with_targets[with_targets.zone == PROVINCE]
    sentences = []
    if zone:
        own = with_targets[with_targets.zone == zone]
        if not own.empty:
            sentences += area_sentences(own, as_of, basis_label, lang)
        else:
            share = zone_share_sentence(progress[progress.zone == zone], as_of, basis_label, lang)
            sentences += [share] if share else []
    if province.empty:
        return sentences + [text("no_targets", lang)]
    sentences += area_sentences(province, as_of, basis_label, lang, passed_missed_only=True)
    if zone:
        return sentences
    zones = with_targets[with_targets.zone != PROVINCE]
    if zones.empty:
        sentences.append(text("sentence_no_zone_targets", lang))
        return sentences
    zones = zones[zones.years_left > 0]
    if zones.empty:  # every zone target's year is over: the chart's tabs show how each ended
        return sentences
    behind = zones[zones.status == "behind"].assign(shortfall=lambda z: z.needed_mu_per_year - z.pace_mu_per_year)
    for row in behind.sort_values("shortfall", ascending=False).head(3).itertuples():
        sentences.append(text("sentence_zone_behind", lang, zone=_area_name(row.zone, row.zone_en, lang), year=row.year,
                              target=_area(row.target_mu, lang), scale=_area(row.scale_mu, lang),
                              need=need(row, as_of, lang), pace=_area(row.pace_mu_per_year, lang)))
    if behind.empty:
        sentences.append(text("sentence_zones_on_track", lang))
    return sentences


def prefecture_sentence(name, scale_mu, year_ago_mu, as_of, basis_label, lang="zh"):
    """A prefecture's scale and the pace of its last 12 months (the headline query's figures for it): it has no target
    of its own, which the sentence says."""
    return text("sentence_prefecture", lang, as_of=_day(as_of), area=name,
                basis=basis_label if lang == "zh" else basis_label.lower(), scale=_area(scale_mu, lang),
                pace=_area(scale_mu - year_ago_mu, lang))
