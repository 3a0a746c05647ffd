"""Briefing: the slides and the workbook behind them for the chosen date, area and basis, compared with an earlier build,
previewed here and downloaded in one click (the same pack as `python -m sinkboard briefing`)."""

import pandas as pd
import streamlit as st

from sinkboard.app import who
from sinkboard.app.ui import filters, lang, query, t, vega_lite_spec
from sinkboard.charts.common import has_panels
from sinkboard.figures import changes
from sinkboard.outputs import briefing
from sinkboard.store import warehouse
from sinkboard.text.formats import count

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False, max_entries=8)
def builds(folder, version):
    return changes.builds(folder)


@st.cache_data(show_spinner=False, max_entries=8)
def compared(folder, version, since):
    """The changes since that build (None: the one before the current), kept until a new ingest."""
    return changes.compare(folder, since)


chosen = filters()
st.title(t("brief_title"))
st.caption(t("brief_intro"))

folder = warehouse.warehouse_dir()
version = warehouse.version(warehouse.database_path())
recorded = builds(str(folder), version)
current = recorded[recorded.is_current]
# the builds before the current one, the latest first: the previous is the default
earlier = recorded[recorded.built_at < current.built_at.iloc[0]] if not current.empty else recorded[:0]
earlier = earlier.iloc[::-1]


def build_label(build_id):
    named = changes.describe_build(earlier[earlier.build_id == build_id].iloc[0].to_dict(), lang())
    return t("brief_since_previous", build=named) if build_id == earlier.build_id.iloc[0] else named


if earlier.empty:
    since, since_last = None, None
    st.caption(t("brief_since_none"))
else:
    since = st.selectbox(t("brief_since_select"), list(earlier.build_id), format_func=build_label, key="brief_since",
                         width=600)
    since_last = compared(str(folder), version, since)
pack = briefing.gather(query, lang=lang(), changes=since_last, **chosen)
# each file made is audited: who, the filters, the build compared with, which file
audited = who.record_later("briefing_pack", filters={k: str(v) for k, v in {**chosen, "since": since}.items()
                                                     if v not in (None, "")})


def deck():
    """The deck, made only now, when someone asks for it: drawing its chart pictures is most of a run."""
    audited(file=f"{pack.file_stem}.pptx", rows=len(pack.slides))
    return briefing.deck_bytes(pack)


def workbook():
    audited(file=f"{pack.file_stem}.xlsx")
    return briefing.workbook_bytes(pack)


slides_button, workbook_button = st.columns(2)
slides_button.download_button(t("brief_download_pptx"), deck, f"{pack.file_stem}.pptx", PPTX, key="brief_pptx",
                              on_click="ignore", type="primary", icon=":material/slideshow:", width="stretch")
workbook_button.download_button(t("brief_download_xlsx"), workbook, f"{pack.file_stem}.xlsx",
                                XLSX, key="brief_xlsx", on_click="ignore", icon=":material/table_view:", width="stretch")

st.subheader(t("brief_preview", slides=len(pack.slides)))
st.caption(t("brief_preview_caption"))
for number, slide in enumerate(pack.slides, start=1):
    with st.container(border=True):
        st.markdown(f"**{t('brief_slide_heading', number=number, title=slide.title)}**")
        if slide.subtitle:
            st.caption(slide.subtitle.replace("\n", " · "))
        if slide.chart is not None:
            # the same chart the deck pictures, drawn by the browser; a chart of panels has a width of its own (its
            # panels cannot shrink to a column), so it goes above the words, not beside them
            spec = vega_lite_spec(slide.chart)
            if has_panels(spec):
                drawing = words = st.container()
            else:
                drawing, words = st.columns([3, 2])
            drawing.vega_lite_chart(spec=spec, key=f"brief_chart_{slide.key}")
        else:
            words = st.container()
        separator = "：" if lang() == "zh" else ": "
        if slide.figures:
            words.text("\n".join(f"{label}{separator}{value}" + (f" · {detail}" if detail else "")
                                 for label, value, detail in slide.figures))
        if slide.lines:
            words.text("\n".join(f"• {line}" for line in slide.lines))
        # tables under the chart, the slide's whole width: in the words' column beside it their figures would be cut
        for table in slide.tables:
            if table.heading:
                st.text(table.heading)
            # a slide's few rows as plain HTML, every cell escaped (st.table would render a cell's Markdown, and a cell
            # holds whatever an export held); its text wraps, so the table fits the page at any width
            st.html(pd.DataFrame(table.rows, columns=table.columns).to_html(index=False, escape=True, border=0))
            if len(table.rows) < table.total_rows:
                st.caption(t(table.more, total=count(table.total_rows, lang()), shown=count(len(table.rows), lang()),
                             more=count(table.total_rows - len(table.rows), lang()), sheet=table.sheet))
        if slide.warning:
            st.warning(slide.warning, icon=":material/science:")
