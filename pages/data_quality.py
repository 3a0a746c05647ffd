"""Data quality: what the last ingest read from each file, and every row it rejected."""

import streamlit as st

from sinkboard.datasets import REASONS
from sinkboard.summaries import file_totals
from sinkboard.ui import filters, query, t, table

filters()
st.title(t("page_data_quality"))
st.caption(t("dq_intro"))

build = query("build_info").iloc[0]
st.text(t("dq_build", built_at=f"{build.built_at:%Y-%m-%d %H:%M} UTC", source=build.source_name, files=build.files))

files = query("ingest_files")
st.subheader(t("dq_files"))
st.text(t("dq_totals", **file_totals(files)))
table(files.assign(dataset=files.dataset.map(lambda d: t(f"dataset_{d}"))),
      ["dataset", "source_file", "encoding", "rows_read", "rows_loaded", "rows_rejected", "rows_skipped", "rows_duplicate",
       "sha256"], key="files_table", name="ingest_files")

st.subheader(t("dq_rejects"))
everything = query("rejects", dataset=None, reason=None, source_file=None)
if everything.empty:
    st.info(t("dq_no_rejects"))
    st.stop()
by_reason = query("reject_reasons")
st.caption(t("dq_by_reason") + " · ".join(
    f"{t(f'dataset_{r.dataset}')} {t(f'reason_{r.reason}')} {r.rows_rejected}" for r in by_reason.itertuples()))
left, middle, right = st.columns(3)
for key in ("dq_dataset", "dq_reason", "dq_file"):  # keep the choice when the labels change language
    st.session_state[key] = st.session_state.get(key, "")
dataset = left.selectbox(t("dq_filter_dataset"), ["", *sorted(everything.dataset.unique())],
                         format_func=lambda d: t(f"dataset_{d}") if d else t("dq_all"), key="dq_dataset")
present = set(everything.reason)
reason = middle.selectbox(t("dq_filter_reason"), ["", *(r for r in REASONS if r in present)],
                          format_func=lambda r: t(f"reason_{r}") if r else t("dq_all"), key="dq_reason")
source_file = right.selectbox(t("dq_filter_file"), ["", *sorted(everything.source_file.unique())],
                              format_func=lambda f: f or t("dq_all"), key="dq_file")
rejects = query("rejects", dataset=dataset or None, reason=reason or None, source_file=source_file or None)
st.caption(t("dq_rejects_shown", shown=len(rejects), total=len(everything)))
labelled = rejects.assign(dataset=rejects.dataset.map(lambda d: t(f"dataset_{d}")), reason=rejects.reason.map(lambda r: t(f"reason_{r}")))
table(labelled, ["dataset", "source_file", "source_row", "reason", "message", "raw"], key="rejects_table", name="rejects")
