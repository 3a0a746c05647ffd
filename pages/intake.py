"""Data intake: staff upload export files, see what a dry run of the ingest would do with them, then store them in the
source folder and rebuild the warehouses while the dashboard keeps serving."""

import dataclasses

import streamlit as st

from sinkboard.app import who
from sinkboard.app.ui import filters, lang, plain, query, t, table
from sinkboard.figures import changes
from sinkboard.ingest import intake
from sinkboard.ingest.contract import DATASETS
from sinkboard.text.faults import message_text
from sinkboard.text.formats import moment


def store(run, place):
    """The confirm button's callback: it runs before the page is drawn again, so the page shows what it did."""
    state = st.session_state
    with st.spinner(t("intake_storing")):
        result = intake.confirm(run, place, who.person().user)
    if result.stale:
        state.pop("intake_run", None)
        state.intake_stale = True
    elif result.error:
        state.intake_failed = result.error
    else:
        who.record("intake", file=", ".join(o.upload.name for o in run.files),
                   rows=sum(int(o.counts.get("rows_loaded") or 0) for o in run.files))
        state.intake_done = [o.upload.name for o in run.files]
        state.intake_changes = place.warehouse  # what changed since the build before, told once the page is drawn again
        state.intake_publishing = result.publishing is not None
        state.intake_round += 1  # a new uploader key: the stored files leave the uploader
        for key in ("intake_run", "intake_known"):
            state.pop(key, None)


filters()
st.title(t("page_intake"))
st.caption(t("intake_intro"))

state = st.session_state
done = state.pop("intake_done", None)
if done:
    st.success(t("intake_done", count=len(done), files=t("intake_separator").join(plain(name) for name in done)),
               icon=":material/check_circle:")
changed_in = state.pop("intake_changes", None)
if done and changed_in is not None:
    # the headline of what this ingest changed, as the command's closing lines give it
    st.markdown("\n".join(f"- {plain(sentence)}" for sentence in changes.headline(changes.compare(changed_in), lang())))
    st.page_link("pages/changes.py", label=t("intake_see_changes"), icon=":material/difference:")
if state.pop("intake_publishing", False):
    st.caption(t("intake_publishing"))
if state.pop("intake_stale", False):
    st.warning(t("intake_stale"))

place = intake.place_from_settings()
if place is None:
    st.info(t("intake_not_set_up"))
    st.stop()
if not place.reading().is_dir():
    st.error(t("intake_no_source_folder", source=plain(place.source)))
    st.stop()
if place.seed is not None and not place.source.is_dir():
    st.caption(t("intake_where_seed", source=plain(place.source), seed=plain(place.seed),
                 warehouse=plain(place.warehouse)))
else:
    st.caption(t("intake_where", source=plain(place.source), warehouse=plain(place.warehouse)))

state.setdefault("intake_round", 0)  # a new round after each intake empties the uploader
files = st.file_uploader(t("intake_upload"), accept_multiple_files=True, key=f"intake_files_{state.intake_round}",
                         help=t("intake_upload_help", count=intake.MAX_FILES, size=intake.megabytes(intake.MAX_FILE_BYTES)),
                         max_upload_size=intake.MAX_FILE_BYTES // (1024 * 1024))
if not files:
    st.info(t("intake_pick_files"))
    history = intake.history(place.source)
    if not history.empty:
        st.subheader(t("intake_history"))
        table(history.assign(dataset=history.dataset.map(lambda d: t(f"dataset_{d}"))),
              ["received_at", "by", "dataset", "file", "rows_loaded", "rows_rejected", "sha256"], key="intake_history")
    st.stop()

st.subheader(t("intake_files"))
if len(files) > intake.MAX_FILES:
    uploads = [intake.Upload(file.name, b"", sha256="") for file in files]  # refused as a batch: only the count matters
else:
    st.caption(t("intake_files_caption"))
    # each upload is hashed and its header read once, not on every rerun; files taken out of the uploader are dropped
    earlier = state.get("intake_known", {})
    known = state.intake_known = {f.file_id: earlier[f.file_id] for f in files if f.file_id in earlier}
    uploads = []
    for file in files:
        if file.file_id not in known:
            upload = intake.Upload(file.name, file.getvalue())
            guess = None if intake.file_problem(upload) else intake.infer_dataset(upload.name, upload.data)
            known[file.file_id] = dataclasses.replace(upload, dataset=guess)
        upload = known[file.file_id]
        if not intake.file_problem(upload):
            key = f"intake_dataset_{file.file_id}"
            state.setdefault(key, upload.dataset or "")
            label = t("intake_file_label", name=plain(upload.name), size=intake.file_size(upload.size))
            chosen = st.selectbox(label, ["", *DATASETS], key=key, width=600,
                                  format_func=lambda d: t(f"dataset_{d}") if d else t("intake_choose_dataset"))
            upload = dataclasses.replace(upload, dataset=chosen or None)
        uploads.append(upload)

accepted, refusals = intake.check(uploads, place)
for refusal in refusals:
    detail = {key: plain(value) if isinstance(value, str) else value for key, value in refusal.detail.items()}
    st.error(t(f"intake_refused_{refusal.reason}", name=plain(refusal.name), **detail), icon=":material/block:")
if not accepted:
    st.stop()

signature = (tuple((u.sha256, u.name, u.dataset) for u in accepted), intake.source_state(place.reading()))
if state.get("intake_run", (None, None))[0] != signature:
    with st.spinner(t("intake_running")):
        state.intake_run = (signature, intake.dry_run(accepted, place))
run = state.intake_run[1]
if run.error:
    st.error(t("intake_dry_run_failed", message=plain(run.error)), icon=":material/error:")
    st.stop()

st.subheader(t("intake_dry_run"))
build = query("build_info").iloc[0]
st.caption(t("intake_dry_run_caption", built_at=moment(build.built_at, lang())))
outcomes = intake.outcome_table(run)
table(outcomes.assign(dataset=outcomes.dataset.map(lambda d: t(f"dataset_{d}"))),
      ["file", "dataset", "rows_read", "rows_loaded", "rows_rejected", "rows_skipped", "rows_duplicate"],
      key="intake_outcomes", name="intake_dry_run")
for number, outcome in enumerate(run.files):
    if outcome.rejects.empty:
        continue
    st.markdown(t("intake_file_rejects", name=plain(outcome.upload.name), count=len(outcome.rejects)))
    st.caption(t("intake_by_reason") + " · ".join(f"{t(f'reason_{r.reason}')} {r.rows}" for r in outcome.reasons.itertuples()))
    rejects = outcome.rejects
    dataset = outcome.stored_as.split("/", 1)[0]  # the dataset's folder in the staged export
    table(rejects.assign(reason=rejects.reason.map(lambda r: t(f"reason_{r}")),
                         message=[message_text(f, m, dataset, lang()) for f, m in zip(rejects.faults, rejects.message)]),
          ["source_row", "reason", "message", "raw"], key=f"intake_rejects_{number}", name="intake_rejects")
if all(o.rejects.empty for o in run.files):
    st.info(t("intake_no_rejects"))

st.subheader(t("intake_changes"))
changes = intake.dataset_changes(query("ingest_files"), run.after)
if changes.empty:
    st.info(t("intake_no_changes"))
else:
    table(changes.assign(dataset=changes.dataset.map(lambda d: t(f"dataset_{d}"))),
          ["dataset", "rows_before", "rows_after", "rows_change", "rejected_before", "rejected_after"],
          key="intake_changes", name="intake_changes")
st.caption(t("intake_changes_caption"))

st.subheader(t("intake_store"))
# the manifest and the audit log name the signed-in person: nobody types another name
st.caption(t("intake_by", user=plain(who.person().user)))
st.button(t("intake_confirm", count=len(run.files)), type="primary", key="intake_confirm", on_click=store,
          args=(run, place))
failed = state.pop("intake_failed", None)
if failed:
    st.error(t("intake_confirm_failed", message=failed), icon=":material/error:")
