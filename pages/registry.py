"""Project registry: find a project by name, id or owner, filter and page through the list, and open one project's own
page (shareable as /registry?project=<id>) with its status as far as the data tells it, issuances, trades, payments
and its county on the map."""

from typing import NamedTuple

import streamlit as st

from sinkboard.app.ui import area_filters, deferred_query, download_buttons, filters, lang, plain, query, t, table
from sinkboard.charts import maps
from sinkboard.charts import projects as charts
from sinkboard.figures.project_lookup import (
    PAGE_SIZE,
    chosen_values,
    facts,
    filter_options,
    page_count,
    search_text,
    status_lines,
)
from sinkboard.outputs.downloads import labelled as labelled_rows
from sinkboard.text.catalogue import value_label
from sinkboard.text.formats import compact, count, quantity

chosen = filters()
scope = area_filters(chosen)
as_of = f"{chosen['as_of']:%Y-%m-%d}"

# the list's columns read first, then those in its column chooser (every one is on a project's own page)
LIST_COLUMNS = ["project_name", "county_name", "status", "area_mu", "registered_date"]
MORE_COLUMNS = ["issued_tco2e", "project_id", "project_type", "standard", "owner", "owner_type", "is_demo", "est_annual_tco2e", "start_date",
                "last_issued_date"]
LIST_FILTERS = {"registry_counties": "county", "registry_types": "project_type", "registry_standards": "standard",
                "registry_statuses": "status", "registry_owner_types": "owner_type"}
FILTER_LABELS = {"county": "col_county_name", "project_type": "col_project_type", "standard": "col_standard",
                 "status": "col_status", "owner_type": "col_owner_type"}
DEMO = {"all": None, "yes": True, "no": False}


class Records(NamedTuple):
    """One kind of a project's records by the as-of date, shown on its page as a table (or a line saying there are
    none): the query, the columns shown, the name of its downloads, and the keys of its heading, line and caption."""
    query_name: str
    columns: list
    name: str
    heading: str
    none: str
    caption: str


PROJECT_RECORDS = (
    Records("project_issuances", ["period_start_date", "period_end_date", "verified_tco2e", "issued_tco2e", "issued_date"],
            "issuances", "registry_issuances", "registry_no_issuances", "registry_issuances_caption"),
    Records("project_trades", ["trade_id", "trade_date", "platform", "buyer_type", "buyer", "volume_tco2e", "price_yuan",
                               "amount_yuan", "purpose"],
            "trades", "registry_trades", "registry_no_trades", "registry_trades_caption"),
    Records("project_payments", ["payment_id", "paid_date", "category", "payment_yuan", "budget_year", "fund_source"],
            "payments", "registry_payments", "registry_no_payments", "registry_payments_caption"),
)

# Written back on every run so the list keeps its search, filters and page while a project's page is open
# (Streamlit forgets the state of widgets that a run does not draw).
LIST_STATE = {"registry_search": "", **{key: [] for key in LIST_FILTERS}, "registry_demo": "all", "registry_page": 1}
for key, default in LIST_STATE.items():
    st.session_state[key] = st.session_state.get(key, default)


def first_page():
    st.session_state.registry_page = 1


def back_to_list():
    if "project" in st.query_params:
        del st.query_params["project"]


def show_list():
    st.caption(t("registry_caption", as_of=as_of))
    st.text_input(t("registry_search"), placeholder=t("registry_search_hint"), key="registry_search", on_change=first_page)
    values = query("registry_filter_values", **scope)
    columns = st.columns(3)
    for position, (key, name) in enumerate(LIST_FILTERS.items()):
        options = filter_options(values, name, lang())
        # a choice no longer among the options (another area or as-of date) is dropped, not an error
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
        columns[position % 3].multiselect(t(FILTER_LABELS[name]), list(options), format_func=options.get,
                                          placeholder=t("registry_any"), key=key, on_change=first_page)
    # labelled now, in this run's language (as the sidebar's options are)
    demo_labels = {v: t(f"registry_demo_{v}") for v in DEMO}
    columns[2].selectbox(t("col_is_demo"), list(DEMO), format_func=demo_labels.get, key="registry_demo",
                         on_change=first_page)

    state = st.session_state
    matching = dict(search=search_text(state.registry_search), county_codes=chosen_values(state.registry_counties),
                    project_types=chosen_values(state.registry_types), standards=chosen_values(state.registry_standards),
                    statuses=chosen_values(state.registry_statuses), owner_types=chosen_values(state.registry_owner_types),
                    is_demo=DEMO[state.registry_demo], **scope)
    # one page of the matches is fetched (paged in SQL: the province can hold hundreds of thousands of projects)
    rows = query("registry_projects", limit=PAGE_SIZE, offset=(state.registry_page - 1) * PAGE_SIZE, **matching)
    if rows.empty and state.registry_page > 1:  # past the last page for another date or area: back to the first
        state.registry_page = 1
        rows = query("registry_projects", limit=PAGE_SIZE, offset=0, **matching)
    if rows.empty:
        st.info(t("registry_none"))
        return
    matches = int(rows.matching_projects.iloc[0])
    pages = page_count(matches)
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.markdown(t("registry_matches", count=count(matches, lang())))
    right.number_input(t("registry_page_number", pages=count(pages, lang()), size=PAGE_SIZE), min_value=1,
                       max_value=pages, step=1, key="registry_page")
    picked = table(rows, LIST_COLUMNS, more=MORE_COLUMNS, key="registry_table", selectable=True, name="registry_page")
    st.caption(t("registry_table_caption"))
    if pages > 1:
        st.markdown(t("registry_download_all", count=count(matches, lang())))
        every, language = deferred_query("registry_projects", limit=None, offset=0, **matching), lang()
        download_buttons(lambda: labelled_rows(every(), LIST_COLUMNS + MORE_COLUMNS, language), key="registry_all", name="registry")
    if picked:
        # the project's page has its own address, so the link in the browser can be shared
        st.query_params["project"] = rows.project_id[picked[0]]
        st.rerun()


def show_project(project_id):
    st.button(t("registry_back"), on_click=back_to_list, icon=":material/arrow_back:", key="registry_back")
    found = query("project_detail", project_id=project_id, as_of=chosen["as_of"])
    if found.empty:
        st.warning(t("registry_unknown", project_id=plain(project_id)))
        return
    project = found.iloc[0]
    if not project.is_started:
        st.warning(t("registry_not_started", project_id=plain(project_id), start=f"{project.start_date:%Y-%m-%d}",
                     as_of=as_of))
        return
    st.subheader(t("registry_project_heading", name=plain(project.project_name), project_id=plain(project.project_id)),
                 anchor=False)
    st.caption(t("registry_detail_caption", as_of=as_of))

    tiles = st.columns(4)
    # units in the labels: "41.21K tCO2e" would not fit a quarter of the page
    for tile, label, value in zip(tiles, ["registry_area", "registry_est_annual", "registry_issued", "registry_verified"],
                                  [project.area_mu, project.est_annual_tco2e, project.issued_tco2e, project.verified_tco2e]):
        tile.metric(t(label), compact(value, lang()))

    st.subheader(t("registry_status_heading"))
    st.markdown("\n".join(f"- {plain(line)}" for line in status_lines(project, chosen["as_of"], lang())))

    st.subheader(t("registry_facts"))
    for column, group in zip(st.columns(3), facts(project, lang())):
        for label, value in group:
            column.markdown(f"**{plain(label)}**  \n{plain(value)}")

    for records in PROJECT_RECORDS:
        st.subheader(t(records.heading))
        rows = query(records.query_name, project_id=project_id, as_of=chosen["as_of"])
        if rows.empty:
            st.info(t(records.none))
        else:
            table(rows, records.columns, key=records.heading, name=f"{records.name}_{project_id}")
            st.caption(t(records.caption, as_of=as_of))

    st.subheader(t("registry_map"))
    deck = charts.project_county(maps.boundaries("sichuan_counties.geojson"), found, query("zones"),
                                 lambda row: [project.project_name, quantity(row.area_mu, "area", lang())], lang())
    st.pydeck_chart(deck, height=420, key="registry_map")
    st.caption(t("registry_map_caption", county=value_label(project.county_name, lang())))


st.title(t("page_registry"))
if "project" in st.query_params:
    show_project(search_text(st.query_params["project"]) or "")
else:
    show_list()
