"""The Streamlit side of the app: the cached connection and query results, the language, labels, tables and charts
with their downloads."""

import os
import re
from pathlib import Path

import pandas as pd
import streamlit as st

from sinkboard import WAREHOUSE_FORMAT
from sinkboard.app import page_list, pages_mode, who
from sinkboard.charts.common import zone_name
from sinkboard.figures import changes, choice
from sinkboard.outputs import chart_files, downloads
from sinkboard.store import warehouse
from sinkboard.text import formats
from sinkboard.text.catalogue import LANGUAGES, text
from sinkboard.text.hidden import visible


@st.cache_resource(max_entries=2)
def _connection(path, version):
    return warehouse.connect(Path(path))


@st.cache_data(show_spinner=False, max_entries=500)
def _result(name, params, path, version):
    return warehouse.run_query(_connection(path, version), name, **dict(params))


@st.cache_data(show_spinner=False, max_entries=4)
def _format(path, version):
    return warehouse.warehouse_format(_connection(path, version))


def query(name, **params):
    """Result of queries/NAME.sql, cached on its parameters and the warehouse version (a new ingest is picked up)."""
    path = warehouse.database_path()
    if not path.exists() and warehouse.uses_default_warehouse():
        from sinkboard.ingest.sample_warehouse import (
            prepare_sample_warehouse,  # only when no warehouse was built yet
        )

        with st.spinner(t("building_sample")):
            prepare_sample_warehouse()
    if not path.exists():
        st.error(t("no_warehouse", path=path.parent))
        st.stop()
    version = warehouse.version(path)
    if _format(str(path), version) != WAREHOUSE_FORMAT:
        st.error(t("warehouse_outdated", path=path.parent))
        st.stop()
    return _result(name, tuple(sorted(params.items())), str(path), version)


@st.cache_data(show_spinner=False, max_entries=4)
def _builds(folder, version):
    return changes.builds(Path(folder))


@st.cache_data(show_spinner=False, max_entries=20)
def _compared(folder, since, version):
    return changes.compare(Path(folder), since)


def builds():
    """The warehouse's recorded builds (sinkboard.figures.changes.builds), cached on the current version's file, so a
    new ingest shows at once."""
    return _builds(str(warehouse.warehouse_dir()), warehouse.version(warehouse.database_path()))


def compared(since):
    """The current build compared with an earlier one (sinkboard.figures.changes.compare: None, a build id or a
    date), cached as builds() is; a changes.ChangesError goes to the caller."""
    return _compared(str(warehouse.warehouse_dir()), since, warehouse.version(warehouse.database_path()))


# the rows a table of projects shows at most (the largest first); its download holds them all
SHOWN_ROWS = 1000


def deferred_query(name, **params):
    """A callable that runs queries/NAME.sql when called: every row behind a table that shows only a part of them
    (a page, the largest), for its downloads, fetched only when someone asks for one."""
    path = warehouse.database_path()
    version = warehouse.version(path)
    return lambda: warehouse.run_query(_connection(str(path), version), name, **params)


def lang():
    return st.session_state.get("lang", "zh")


def t(key, **values):
    return text(key, lang(), **values)


def tabs(names, key):
    """st.tabs of the texts of these i18n keys, running only the open tab (a click on another reruns the page; callers
    check `tab.open`). The open tab stays open when the language changes: Streamlit keeps the open tab's label, which
    the other language does not have, so it is turned into the same tab's label in this one."""
    labels = [t(name) for name in names]
    chosen = st.session_state.get(key)
    if chosen is not None and chosen not in labels:
        for language in LANGUAGES:
            theirs = [text(name, language) for name in names]
            if chosen in theirs:
                st.session_state[key] = labels[theirs.index(chosen)]
                break
    return st.tabs(labels, key=key, on_change="rerun")


def mode():
    return warehouse.mode()


# Marks that make Markdown, HTML, LaTeX or Streamlit's :red[...] and :material/...: wherever they stand in a line
INLINE_MARKS = frozenset("\\`*_~[]<>&$:|")
# at the start of a line a few more begin a heading, list, quote, rule or table; so does "1." or "1)"
LINE_START = re.compile(r"^(?:[#>+=-]|\d+(?=[.)]))")
# GFM turns http://…, www.… and a@b.c into links in the text itself, after the escapes are gone: an invisible word
# joiner (U+2060) before ://, between www and its dot and before @ keeps them text
LINK_STARTS = re.compile(r"(?=://)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
# Streamlit finds :material/icon: in the source whatever the escaped colons; an escaped slash keeps it text
ICON_SLASH = re.compile(r"(?<=material)/", re.IGNORECASE)


def plain(value):
    """A value from the data or the address (a name, an owner, a file or folder name) ready for st.markdown,
    st.caption, st.subheader, st.error and widget labels: it reads as written, never as markup or a link. Bidi
    controls and zero-width characters are written visibly (⟦U+202E⟧: sinkboard.text.hidden), so a value cannot
    reorder or hide its text; the marks that could make markup are backslash-escaped (Markdown shows an escaped mark as
    itself); line breaks become spaces."""
    # the word joiners added after the hidden characters are shown are this function's own, never the value's
    words = LINK_STARTS.sub("\u2060", " ".join(visible(str(value)).split()))
    escaped = ICON_SLASH.sub(r"\\/", "".join("\\" + c if c in INLINE_MARKS else c for c in words))
    start = LINE_START.match(escaped)
    if start is None:
        return escaped
    if start.group().isdigit():  # "1." stays a number, not a list
        return f"{start.group()}\\{escaped[start.end():]}"
    return f"\\{escaped}"


def filters():
    """The sidebar's choices as query parameters (as_of, basis, zone, prefecture_code). Every page calls it first."""
    pages_mode.reroute_if_bare()
    return st.session_state.choice.filters


def area_filters(chosen):
    """The chosen filters less the basis: for questions that do not depend on it."""
    return choice.area_filters(chosen)


def freshness():
    """Where the figures come from and when the warehouse was built: one line under every open-data page."""
    return t("freshness", built_at=formats.moment(query("freshness").iloc[0].built_at, lang()))


def map_source():
    """Where a map's boundaries come from, and its approval number when one is set (else: a schematic map)."""
    approval = os.environ.get("SINKBOARD_MAP_APPROVAL", "").strip()
    return t("map_caption", approval=t("map_approval", number=approval) if approval else t("map_schematic"))


def basis_label(basis):
    return choice.basis_label(basis, lang())


def basis_caption(chosen):
    """Every figure says its basis, unit and as-of date: this line says the first and the last."""
    return choice.basis_caption(chosen, lang())


def zone_label(zone, zone_en=None):
    return zone_name(zone, zone_en, lang())


def labelled(frame, columns):
    """The frame with the chosen columns only, category values and headings in the current language."""
    return downloads.labelled(frame, columns, lang())


TILE_WIDTH = 190  # pixels: four tiles a row beside the sidebar at 1280 and 1440 px, two at 800 px


def tile_row(count):
    """Places for count tiles in one row that wraps when the page is narrow (an 800 px window, a partner's frame):
    tiles of a fixed width go on to the next line, where columns would shrink each figure until it is cut ("26…")."""
    row = st.container(horizontal=True)
    return [row] * count


def tile(container, label, value, kind=None, **options):
    """A metric tile that fits its figure in either language: the unit goes in the label, the figure is compact
    (2593.4万 / 25.93M); kind is area, carbon or money, or None for a figure already formatted. In a tile_row each tile
    is TILE_WIDTH wide unless options give a width."""
    if kind is not None:
        label = t("tile_with_unit", label=label, unit=formats.unit(kind, lang()))
        value = formats.compact(value, lang())
    options.setdefault("width", TILE_WIDTH)
    container.metric(label, value, border=True, **options)


def download_context():
    """The rows that head every downloaded file: what the figures are, as of when, for which area and basis."""
    return st.session_state.choice.context(st.session_state.get("is_synthetic", False))


def chart_credit():
    """Where a downloaded chart's figures come from, for which area, as of when: stated in the picture itself."""
    choice = st.session_state.choice
    return chart_files.credit(lang(), choice.area_name, choice.as_of_text, st.session_state.get("is_synthetic", False))


def sheet_title():
    """The name of a downloaded table's sheet: the title of the page it is on, in the page's language (the file's
    name says which table)."""
    path = st.session_state.get("page_path")
    page = next((page for page in page_list.PAGES if page.url_path == path), None)
    return t(page.title_key) if page is not None else t("app_title")


def download_buttons(shown, key, name, figure=None, context=None, audit=None):
    """CSV and XLSX of exactly the frame shown, or of what a callable gives when it is called (every row behind a table
    that shows a part), and, given the chart, PNG at print resolution and SVG of it; behind one small button, made only
    when someone asks for them. Inside, only for staff and the roles above, and each file made is audited (who, page,
    filters, rows). A page whose figures do not follow the sidebar gives the rows that head its files (context) and
    the choices its audit lines name (audit) itself."""
    if not who.may("staff"):
        return
    context = download_context() if context is None else context
    sheet = sheet_title()
    if audit is None:
        filters_chosen = {k: str(v) for k, v in st.session_state.choice.filters.items() if v not in (None, "")}
    else:
        filters_chosen = audit
    audited = who.record_later("download", filters=filters_chosen)

    def rows():
        return shown() if callable(shown) else shown

    def table_file(make, extension):
        def made():
            frame = rows()
            audited(file=f"{name}.{extension}", rows=len(frame))
            return make(frame)
        return made

    def chart_file(make, extension):
        def made():
            audited(file=f"{name}.{extension}")
            return make(figure._replace(credit=credit))
        return made

    credit = chart_credit() if figure is not None else None

    with st.popover(t("download"), icon=":material/download:", key=f"{key}_downloads"):
        if shown is not None:
            st.download_button(t("download_csv"), table_file(lambda f: downloads.csv_bytes(f, context), "csv"),
                               f"{name}.csv", "text/csv", key=f"{key}_csv", on_click="ignore", width="stretch")
            st.download_button(t("download_xlsx"), table_file(lambda f: downloads.xlsx_bytes(f, context, sheet), "xlsx"),
                               f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               key=f"{key}_xlsx", on_click="ignore", width="stretch")
        if figure is not None:
            st.download_button(t("download_png"), chart_file(chart_files.png, "png"), f"{name}.png", "image/png",
                               key=f"{key}_png", on_click="ignore", width="stretch")
            st.download_button(t("download_svg"), chart_file(chart_files.svg, "svg"), f"{name}.svg", "image/svg+xml",
                               key=f"{key}_svg", on_click="ignore", width="stretch")


def column_config(frame, columns):
    """How a table shows its columns, by their headings on screen: shares as percentages, dates as dates, and each
    figure with its thousands separators and the one number of decimals of its column (formats.table_decimals)."""
    language = lang()
    config = {}
    for column in columns:
        heading = formats.table_heading(column, language)
        values = frame[column]
        # a count read back as floats (after a join) is still a count: whole figures show no decimals
        is_integer = pd.api.types.is_integer_dtype(values) or (
            pd.api.types.is_float_dtype(values) and bool(values.dropna().mod(1).eq(0).all()))
        if column.startswith("share"):
            config[heading] = st.column_config.NumberColumn(format="percent", step=0.001)  # 12.3%
        elif column.endswith("_date"):
            config[heading] = st.column_config.DateColumn(format="YYYY-MM-DD")
        elif formats.is_figure_column(column) or pd.api.types.is_float_dtype(values):
            decimals = formats.table_decimals(column, language, is_integer)
            # "localized" writes thousands separators; the step fixes the decimals shown
            config[heading] = st.column_config.NumberColumn(format="localized", step=10.0 ** -decimals if decimals else 1)
    return config




def screen_table(frame, columns):
    """The table as the page shows it: labelled in the current language, sums of money in 万元 / K yuan with
    the unit in their heading (downloads keep the yuan)."""
    language = lang()
    shown = labelled(frame, columns)
    money = [c for c in columns if formats.is_table_money(c)]
    for column in money:
        heading = t(f"col_{column}")
        shown[heading] = formats.table_money(pd.to_numeric(shown[heading], errors="coerce"), language)
    return shown.rename(columns={t(f"col_{c}"): formats.table_heading(c, language) for c in money})


def table(frame, columns, key, selectable=False, name=None, complete=None, more=(), context=None, audit=None):
    """An exact table with headings in the current language and CSV/XLSX downloads of its rows, or, given
    complete (a callable from whole()), of every row behind it.

    columns are those a person reads first, shown always: few enough to fit the page at 1280 px without scrolling
    sideways. more are offered in a chooser above the table, and are in the downloads whether shown or not.
    With selectable=True a person can pick one row; the positions of the picked rows are returned. context and audit
    go to download_buttons."""
    language = lang()
    if more:
        chosen = st.multiselect(t("table_more_columns"), list(more), key=f"{key}_more",
                                format_func=lambda c: formats.table_heading(c, language),
                                placeholder=t("table_more_columns_hint"), label_visibility="collapsed")
        columns = [*columns, *(c for c in more if c in chosen)]
    shown = screen_table(frame, columns)
    config = column_config(frame, columns)
    if len(columns) >= 5:
        # a table wider than the page scrolls sideways: its first column (the project, region or file each row is
        # about) stays put
        first = formats.table_heading(columns[0], language)
        config[first] = {**config.get(first, {}), "pinned": True}
    # a missing value shows as a dash, as the figures elsewhere do, not as Streamlit's "None"
    options = {"hide_index": True, "key": key, "column_config": config, "placeholder": formats.MISSING}
    if selectable:
        event = st.dataframe(shown, on_select="rerun", selection_mode="single-row", **options)
        picked = event.selection.rows
    else:
        st.dataframe(shown, **options)
        picked = []
    every_column = list(dict.fromkeys([*columns, *more]))
    if complete is None:
        download_buttons(labelled(frame, every_column), key, name or key, context=context, audit=audit)
    else:
        download_buttons(lambda: downloads.labelled(complete(), every_column, language), key, name or key,
                         context=context, audit=audit)
    return picked


def vega_lite_spec(drawing):
    """The Drawing's spec with its frames slotted in as named datasets, which Streamlit sends as Arrow. Dates and times
    go as ISO text, read as local time as Altair writes them (as Arrow timestamps a browser west of UTC would draw
    1 October as 30 September)."""
    return drawing.with_rows(browser_frame)


def browser_frame(frame):
    moments = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    if not moments:
        return frame
    return frame.assign(**{c: frame[c].dt.strftime("%Y-%m-%dT%H:%M:%S").astype(object).where(frame[c].notna(), None)
                           for c in moments})


def chart_with_data(figure, frame, columns, key, name=None):
    """A chart (a charts.common.Drawing), with CSV/XLSX downloads of the figures it draws and PNG/SVG downloads of the
    chart itself."""
    st.vega_lite_chart(spec=vega_lite_spec(figure), key=key)
    download_buttons(labelled(frame, columns), key, name or key, figure=figure)


def chart_beside_table(chart_figure, key, name=None):
    """A chart (a Drawing) whose figures are in an exact table beside it: PNG and SVG of the chart to download."""
    st.vega_lite_chart(spec=vega_lite_spec(chart_figure), key=key)
    download_buttons(None, key, name or key, figure=chart_figure)


def suppression_note(chosen):
    """Under figures shown on both sides, in the public process: where the area's zone holds merged cells, a line
    saying that the public figures differ from the internal ones for that reason alone."""
    if mode() == "public" and query("merged_cells", zone=chosen["zone"]).iloc[0].has_merged_cells:
        st.caption(t("suppression_note"))


def open_figures(title_key, caption_key, query_name, none_key, chart, columns, key):
    """An open-data page of one question: its title, a caption with the chosen date, the chosen area's figures as a
    chart with their data (or a line saying there are none), and where the figures come from."""
    chosen = filters()
    st.title(t(title_key))
    st.caption(t(caption_key, as_of=f"{chosen['as_of']:%Y-%m-%d}"))
    figures = query(query_name, **area_filters(chosen))
    if figures.empty:
        st.info(t(none_key))
    else:
        chart_with_data(chart(figures, lang()), figures, columns, key=key)
        suppression_note(chosen)
    st.caption(freshness())
