"""Data quality: what the last ingest read from each file, every cell it noted for a hidden character, and every row it
rejected."""

import streamlit as st

from sinkboard.app import who
from sinkboard.app.ui import deferred_query, filters, lang, query, t, table
from sinkboard.figures.project_lookup import page_count
from sinkboard.figures.summaries import file_totals, reject_count
from sinkboard.ingest.contract import REASONS
from sinkboard.text.faults import described_warnings, message_text
from sinkboard.text.formats import moment
from sinkboard.text.hidden import visible

PAGE_SIZE = 500  # rejected rows a page, and warnings shown: a bad export can hold millions, never all sent to the browser
WARNING_COLUMNS = ["dataset", "source_file", "source_row", "column_number", "column_name", "value", "found"]
REJECT_COLUMNS = ["source_row", "reason", "message"]  # the file is chosen above the table

filters()
st.title(t("page_data_quality"))
st.caption(t("dq_intro"))

build = query("build_info").iloc[0]
st.text(t("dq_build", built_at=moment(build.built_at, lang()), source=visible(build.source_name),
          files=build.files))

files = query("ingest_files")
st.subheader(t("dq_files"))
st.text(t("dq_totals", **file_totals(files)))
table(files.assign(dataset=files.dataset.map(lambda d: t(f"dataset_{d}"))),
      ["dataset", "source_file", "rows_read", "rows_loaded", "rows_rejected", "warnings"],
      more=["encoding", "rows_skipped", "rows_duplicate", "sha256"], key="files_table", name="ingest_files")

st.subheader(t("dq_warnings"))
noted = int(files.warnings.sum())
if noted == 0:
    st.info(t("dq_no_warnings"))
else:
    warnings, every, language = query("warnings", limit=PAGE_SIZE), deferred_query("warnings", limit=None), lang()
    st.caption(t("dq_warnings_caption", shown=len(warnings), total=noted))
    table(described_warnings(warnings, language), WARNING_COLUMNS, key="warnings_table", name="warnings",
          complete=lambda: described_warnings(every(), language))

st.subheader(t("dq_rejects"))
groups = query("reject_groups")  # a few rows per file, however many rows were rejected
if groups.empty:
    st.info(t("dq_no_rejects"))
    st.stop()
by_reason = query("reject_reasons")
st.caption(t("dq_by_reason") + " · ".join(
    f"{t(f'dataset_{r.dataset}')} {t(f'reason_{r.reason}')} {r.rows_rejected}" for r in by_reason.itertuples()))
left, middle, right = st.columns(3)
for key in ("dq_dataset", "dq_reason", "dq_file"):  # keep the choice when the labels change language
    st.session_state[key] = st.session_state.get(key, "")
st.session_state.dq_page = st.session_state.get("dq_page", 1)


def first_page():
    st.session_state.dq_page = 1


dataset = left.selectbox(t("dq_filter_dataset"), ["", *sorted(groups.dataset.unique())],
                         format_func=lambda d: t(f"dataset_{d}") if d else t("dq_all"), key="dq_dataset",
                         on_change=first_page)
present = set(groups.reason)
reason = middle.selectbox(t("dq_filter_reason"), ["", *(r for r in REASONS if r in present)],
                          format_func=lambda r: t(f"reason_{r}") if r else t("dq_all"), key="dq_reason",
                          on_change=first_page)
source_file = right.selectbox(t("dq_filter_file"), ["", *sorted(groups.source_file.unique())],
                              format_func=lambda f: visible(f) or t("dq_all"), key="dq_file", on_change=first_page)
matching = reject_count(groups, dataset, reason, source_file)
pages = page_count(matching, PAGE_SIZE)
st.session_state.dq_page = min(st.session_state.dq_page, pages)
if pages > 1:
    st.number_input(t("dq_page_number", pages=pages, size=PAGE_SIZE), min_value=1, max_value=pages, step=1,
                    key="dq_page")
page = st.session_state.dq_page
rejects = query("rejects", dataset=dataset or None, reason=reason or None, source_file=source_file or None,
                limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
st.caption(t("dq_rejects_shown", first=(page - 1) * PAGE_SIZE + 1, last=(page - 1) * PAGE_SIZE + len(rejects),
             shown=matching, total=int(groups.rows_rejected.sum())))
labelled = rejects.assign(dataset=rejects.dataset.map(lambda d: t(f"dataset_{d}")), reason=rejects.reason.map(lambda r: t(f"reason_{r}")),
                          message=[message_text(f, m, d, lang())
                                   for f, m, d in zip(rejects.faults, rejects.message, rejects.dataset)])
# a rejected row's raw cells can hold anything the export held (names, payments): data officers and administrators only
if who.may("data_officer"):
    table(labelled, REJECT_COLUMNS, more=["dataset", "source_file", "raw"], key="rejects_table", name="rejects")
else:
    table(labelled, REJECT_COLUMNS, more=["dataset", "source_file"], key="rejects_table", name="rejects")
    st.caption(t("dq_raw_for_data_officers"))
