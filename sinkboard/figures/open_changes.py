"""What changed since the previous update, as the public may see it (the changes_* tables of the public warehouse):
the published aggregates before and after, made into the tiles and the per-zone tables the public page and the static
site both show."""

import pandas as pd

from sinkboard.text import formats

# the published measures, in the order the page offers them; each name ends with its unit (mu, projects, tco2e, yuan)
MEASURES = ("registered_mu", "development_mu", "registered_projects", "issued_tco2e", "trade_volume_tco2e",
            "trade_amount_yuan", "subsidy_paid_yuan")
# the tiles: a measure and its kind of figure (formats.unit)
TILES = (("registered_mu", "area"), ("development_mu", "area"), ("issued_tco2e", "carbon"),
         ("trade_volume_tco2e", "carbon"), ("trade_amount_yuan", "money"), ("subsidy_paid_yuan", "money"))
# the per-zone table's columns of each unit: before, after, change (their headings, col_before_mu …, say the unit)
UNIT_COLUMNS = {
    "mu": ("before_mu", "after_mu", "change_mu"),
    "projects": ("before_projects", "after_projects", "change_projects"),
    "tco2e": ("before_tco2e", "after_tco2e", "change_tco2e"),
    "yuan": ("before_yuan", "after_yuan", "change_yuan"),
}
# the registered projects' columns, read first, then those the table's chooser offers
# (the zone among the latter: the prefecture names it, and seven columns do not fit at 1280 px)
REGISTERED_COLUMNS = ["project_name", "county_name", "prefecture_name", "project_type", "area_mu", "registered_date"]
REGISTERED_MORE = ["zone", "project_id"]


def is_compared(info):
    """Whether the update was compared with an earlier one, from the open_changes_info query (no row: a warehouse
    whose record holds no comparison)."""
    return not info.empty and not pd.isna(info.previous_built_at.iloc[0])


def unit_of(measure):
    return measure.rsplit("_", 1)[1]


def area_figures(figures):
    """measure -> (before, after, change) of the area the tiles are about: the first in the frame (the province when
    all are in it, else the chosen zone or the chosen prefecture's zone)."""
    area = figures[figures.zone == figures.zone.iloc[0]]
    return {row.measure: (row.before, row.after, row.change) for row in area.itertuples()}


def measure_table(figures, measure):
    """A row per area (province and zones, or the one zone) of one measure: zone, then its figure before, after and the
    change, in columns whose headings carry the measure's unit (UNIT_COLUMNS)."""
    before, after, change = UNIT_COLUMNS[unit_of(measure)]
    rows = figures[figures.measure == measure]
    return pd.DataFrame({"zone": rows.zone.to_numpy(), "zone_en": rows.zone_en.to_numpy(),
                         before: rows.before.to_numpy(dtype="float64"), after: rows.after.to_numpy(dtype="float64"),
                         change: rows.change.to_numpy(dtype="float64")})


def table_columns(measure):
    return ["zone", *UNIT_COLUMNS[unit_of(measure)]]


def signed(value, lang):
    """A change as a tile writes it (formats.signed, a hyphen for st.metric); no delta for a missing one."""
    return None if pd.isna(value) else formats.signed(value, lang, minus="-")


def before_after(before, after, lang):
    """The two figures of a tile's help: 4,500 → 13,500."""
    return f"{formats.exact(before, lang)} → {formats.exact(after, lang)}"
