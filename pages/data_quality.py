"""Data quality: what the last ingest read from each file, and every row it rejected."""

import streamlit as st

from sinkboard.ui import filters, is_public, query, t

if is_public():  # never listed in the public navigation; refuse a direct run too
    st.stop()
filters()  # the shared sidebar, when Streamlit runs this page on its own

st.title(t("page_data_quality"))
st.caption(t("dq_intro"))

build = query("build_info").iloc[0]
st.markdown(t("dq_build", built_at=f"{build.built_at:%Y-%m-%d %H:%M} UTC", source=build.source_name, files=build.files))

files = query("ingest_files")
totals = files[["rows_read", "rows_loaded", "rows_rejected", "rows_skipped", "rows_duplicate"]].sum()
st.subheader(t("dq_files"))
st.markdown(t("dq_totals", read=totals.rows_read, loaded=totals.rows_loaded, rejected=totals.rows_rejected,
              skipped=totals.rows_skipped, duplicate=totals.rows_duplicate))
shown = files.assign(dataset=files.dataset.map(lambda d: t(f"dataset_{d}")))
st.dataframe(shown.rename(columns=lambda c: t(f"col_{c}")), hide_index=True, key="files_table")

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
reason = middle.selectbox(t("dq_filter_reason"), ["", *sorted(everything.reason.unique())],
                          format_func=lambda r: t(f"reason_{r}") if r else t("dq_all"), key="dq_reason")
source_file = right.selectbox(t("dq_filter_file"), ["", *sorted(everything.source_file.unique())],
                              format_func=lambda f: f or t("dq_all"), key="dq_file")
rejects = query("rejects", dataset=dataset or None, reason=reason or None, source_file=source_file or None)
st.caption(t("dq_rejects_shown", shown=len(rejects), total=len(everything)))
labelled = rejects.assign(dataset=rejects.dataset.map(lambda d: t(f"dataset_{d}")), reason=rejects.reason.map(lambda r: t(f"reason_{r}")))
st.dataframe(labelled.rename(columns=lambda c: t(f"col_{c}")), hide_index=True, key="rejects_table")
st.download_button(t("dq_download"), rejects.to_csv(index=False).encode("utf-8-sig"), "rejects.csv", "text/csv", key="rejects_download")
