"""Open data: the registered projects, each one's type, scale and credits, for anyone to look up (the policy's
information platform: 查阅、展示、公开透明). The list comes one page at a time, so a province-wide registry is never sent
to the browser whole."""

import streamlit as st

from sinkboard.app.ui import area_filters, chart_with_data, filters, freshness, lang, query, t, table, tile, tile_row
from sinkboard.charts import open_data
from sinkboard.figures.project_lookup import chosen_values, page_count, search_text
from sinkboard.ingest.contract import CATEGORIES
from sinkboard.text.catalogue import value_label
from sinkboard.text.formats import count

PAGE_SIZE = 100
# what the policy wants shown (type, scale, credits) first, so it is in view at 1280 px; the rest in the column chooser
LIST_COLUMNS = ["project_id", "project_name", "project_type", "area_mu", "issued_tco2e", "status"]
MORE_COLUMNS = ["registered_date", "est_annual_tco2e", "county_name", "prefecture_name", "zone"]

chosen = filters()
as_of = f"{chosen['as_of']:%Y-%m-%d}"
state = st.session_state


def first_page():
    state.open_registry_page = 1


st.title(t("page_open_registry"))
st.caption(t("open_registry_caption", as_of=as_of))
search_column, types_column = st.columns([3, 2])
search_column.text_input(t("open_registry_search"), placeholder=t("open_registry_search_hint"),
                         key="open_registry_search", on_change=first_page)
type_labels = {value: value_label(value, lang()) for value in CATEGORIES["project_type"]}
types_column.multiselect(t("col_project_type"), list(type_labels), format_func=type_labels.get,
                         placeholder=t("open_registry_any"), key="open_registry_types", on_change=first_page)

matching = {**area_filters(chosen), "search": search_text(state.open_registry_search),
            "project_types": chosen_values(state.open_registry_types)}
totals = query("open_registry_count", **matching).iloc[0]
if totals.projects == 0:
    st.info(t("open_registry_none"))
else:
    tiles = tile_row(4)
    tile(tiles[0], t("open_registry_tile_projects"), count(totals.projects, lang()))
    tile(tiles[1], t("open_registry_tile_area"), totals.area_mu, "area")
    tile(tiles[2], t("open_registry_tile_est"), totals.est_annual_tco2e, "carbon")
    tile(tiles[3], t("open_registry_tile_issued"), totals.issued_tco2e, "carbon")

    st.subheader(t("open_registry_list_heading"))
    pages = page_count(int(totals.projects), PAGE_SIZE)
    state.open_registry_page = min(state.get("open_registry_page", 1), pages)
    matches_column, page_column = st.columns([3, 1], vertical_alignment="bottom")
    matches_column.markdown(t("open_registry_matches", count=count(totals.projects, lang())))
    page_column.number_input(t("open_registry_page_number", pages=count(pages, lang()), size=PAGE_SIZE), min_value=1,
                             max_value=pages, step=1, key="open_registry_page")
    offset = (state.open_registry_page - 1) * PAGE_SIZE
    rows = query("open_registry_projects", limit=PAGE_SIZE, offset=offset, **matching)
    table(rows, LIST_COLUMNS, more=MORE_COLUMNS, key="open_registry_table", name="open_registry")
    st.caption(t("open_registry_table_caption", first=count(offset + 1, lang()), last=count(offset + len(rows), lang()),
                 as_of=as_of))

    st.subheader(t("open_registry_chart_heading"))
    by_type = query("open_registry_by_type", **matching)
    chart_with_data(open_data.registry_by_type(by_type, lang()), by_type, ["zone", "project_type", "projects", "area_mu"],
          key="open_registry_by_type")
    st.caption(t("open_registry_chart_caption", as_of=as_of))
st.caption(freshness())
