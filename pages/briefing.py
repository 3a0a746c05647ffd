"""Briefing: the slides and the workbook behind them for the chosen date, area and basis, previewed here and downloaded
in one click (the same pack as `python -m sinkboard briefing`)."""

import pandas as pd
import streamlit as st

from sinkboard.app import who
from sinkboard.app.ui import filters, lang, query, t, vega_lite_spec
from sinkboard.charts.common import has_panels
from sinkboard.outputs import briefing

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

chosen = filters()
st.title(t("brief_title"))
st.caption(t("brief_intro"))

pack = briefing.gather(query, lang=lang(), **chosen)
# each file made is audited: who, the filters, which file
audited = who.record_later("briefing_pack", filters={k: str(v) for k, v in chosen.items() if v not in (None, "")})


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
        if slide.warning:
            st.warning(slide.warning, icon=":material/science:")
