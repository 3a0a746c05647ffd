"""What changed: the current build of the warehouse compared with the ingest before it, a chosen earlier build or the
last build on or before a date: its headline, the province's and each zone's figures before and after, the verdicts
that changed, and the projects, records and rejected rows behind them, each with the file that brought it."""

import datetime as dt

import pandas as pd
import streamlit as st

from sinkboard.app.ui import builds, compared, filters, lang, plain, t, table, tabs, tile, zone_label
from sinkboard.figures import changes
from sinkboard.text.catalogue import value_label
from sinkboard.text.faults import message_text
from sinkboard.text.formats import beijing, compact, count, moment, signed
from sinkboard.text.hidden import visible

MODES = ("previous", "build", "date")
TILE_WIDTH = 210  # pixels
# the province's figures as tiles: (measure, kind of figure); rejects is a count of rows
TILES = (("development_mu", "area"), ("registered_mu", "area"), ("issued_tco2e", "carbon"),
         ("trade_amount_yuan", "money"), ("subsidy_paid_yuan", "money"), ("rejects", None))
# the zones' figures, a tab each: its columns are named by the measure's unit, which formats them
AREA_COLUMNS = ("before_mu", "after_mu", "change_mu")
CARBON_COLUMNS = ("before_tco2e", "after_tco2e", "change_tco2e")
MONEY_COLUMNS = ("before_yuan", "after_yuan", "change_yuan")
ZONE_MEASURES = {"development_mu": AREA_COLUMNS, "registered_mu": AREA_COLUMNS, "issued_tco2e": CARBON_COLUMNS,
                 "trade_amount_yuan": MONEY_COLUMNS, "subsidy_paid_yuan": MONEY_COLUMNS}
PROJECT_MORE = ["zone", "prefecture_name", "county_name", "project_type", "registered_date"]
# each dataset's records under the names its own pages give their columns
EVENT_COLUMNS = {
    "issuances": ({"event_date": "issued_date", "tco2e": "issued_tco2e"}, ["issued_date", "issued_tco2e"]),
    "trades": ({"event_date": "trade_date", "tco2e": "volume_tco2e"}, ["trade_date", "volume_tco2e", "amount_yuan"]),
    "subsidies": ({"event_date": "paid_date", "amount_yuan": "payment_yuan"}, ["paid_date", "payment_yuan"]),
}

chosen = filters()  # the sidebar's area narrows the figures and lists; its date and basis do not apply: builds compare whole
state = st.session_state
area = state.choice
st.title(t("page_changes"))
st.caption(t("changes_intro"))

recorded = builds()
current = recorded[recorded.is_current]
if current.empty:  # a warehouse built before builds were recorded
    st.info(t("history_none"))
    st.stop()
earlier = recorded[recorded.built_at < current.built_at.iloc[0]].iloc[::-1]  # newest first
if earlier.empty:
    st.info(t("history_first"))
    st.stop()


def day_text(value):
    return "" if value is None else f"{pd.Timestamp(value):%Y-%m-%d}"


def build_text(build):
    """A build as a person knows it: when it ran (Beijing time), the data's latest date, the source folder."""
    return t("changes_build", built_at=moment(build["built_at"], lang()), as_of=day_text(build["as_of"]),
             source=visible(build["source_name"]))


build_labels = {row.build_id: build_text(row._asdict()) for row in earlier.itertuples()}


def take_address():
    """?since=<build_id> or ?since=YYYY-MM-DD sets the choice, when the address says other than the page last wrote."""
    wanted = st.query_params.get("since")
    if wanted is None or wanted == state.get("changes_since"):
        return
    try:
        state.changes_date = dt.date.fromisoformat(wanted)
        state.changes_mode = "date"
    except ValueError:
        if wanted in build_labels:
            state.changes_build = wanted
            state.changes_mode = "build"
        else:
            state.changes_mode = "previous"
            state.changes_unknown = wanted


take_address()
# written back on every run, so a choice survives a run that does not draw its widget
default_day = beijing(earlier.built_at.iloc[0]).date()
for key, default in {"changes_mode": "previous", "changes_build": earlier.build_id.iloc[0],
                     "changes_date": default_day}.items():
    state[key] = state.get(key, default)
if state.changes_build not in build_labels:  # a build no longer recorded
    state.changes_build = earlier.build_id.iloc[0]

mode_labels = {mode: t(f"changes_mode_{mode}") for mode in MODES}  # made now, in this run's language
left, right = st.columns([3, 2], vertical_alignment="bottom")
left.radio(t("changes_compare_with"), MODES, format_func=mode_labels.get, horizontal=True, key="changes_mode",
           on_change=lambda: state.pop("changes_unknown", None))
if state.changes_mode == "build":
    right.selectbox(t("changes_choose_build"), list(build_labels), format_func=build_labels.get, key="changes_build")
    since = state.changes_build
elif state.changes_mode == "date":
    right.date_input(t("changes_choose_date"), format="YYYY-MM-DD", key="changes_date",
                     help=t("changes_choose_date_help"))
    since = state.changes_date
else:
    since = None
# the choice goes in the address, so the view can be shared
state.changes_since = None if since is None else str(since)
if since is None:
    st.query_params.pop("since", None)
else:
    st.query_params["since"] = str(since)
if state.get("changes_unknown") is not None:  # until another choice is made
    st.warning(t("changes_unknown_build", build=plain(state.changes_unknown)))

if isinstance(since, dt.date) and not any(beijing(b).date() <= since for b in earlier.built_at):
    st.info(t("changes_no_build_by", date=f"{since:%Y-%m-%d}", first=f"{beijing(recorded.built_at.iloc[0]):%Y-%m-%d}"))
    st.stop()
try:
    found = compared(since).within(chosen["zone"], chosen["prefecture_code"])
except changes.ChangesError as error:  # the history changed under the choice: its message says how
    st.info(t("changes_cannot_compare", message=plain(error)))
    st.stop()
if found.baseline is None:
    st.info(t("history_first"))
    st.stop()

before, after = found.baseline, found.current
st.caption(t("changes_between", before=plain(build_text(before)), after=plain(build_text(after))))


def file_list(change):
    """The files of one kind of change, named up to five, then how many more."""
    names = found.files.source_file[found.files.change == change].tolist()
    named = t("changes_list_separator").join(plain(name) for name in names[:5])
    return named + (t("changes_and_more", count=len(names) - 5) if len(names) > 5 else "")


file_changes = [t(f"changes_files_{change}", files=file_list(change)) for change in ("added", "changed", "removed")
                if (found.files.change == change).any()]
st.caption(" · ".join(file_changes) if file_changes else t("changes_files_same"))
context = [(t("changes_current"), build_text(after)), (t("changes_baseline"), build_text(before))]
if state.get("is_synthetic"):
    context.append((t("download_data"), t("synthetic_short")))
audit = {"since": state.changes_since or "previous"}


def rows_table(frame, columns, key, more=()):
    """A table of the rows behind a section, or one line saying there are none."""
    if frame.empty:
        st.caption(t("changes_none"))
        return
    table(frame, columns, key=key, more=more, name=key, context=context, audit=audit)


def labelled_statuses(frame, *columns):
    """Project statuses (the data's 储备 审定 注册 签发 终止) in the language."""
    return frame.assign(**{c: [value_label(v, lang()) for v in frame[c]] for c in columns})


if found.is_empty:
    st.success(t("changes_nothing"), icon=":material/check_circle:")
    st.stop()

sentences = changes.headline(found, lang())
if sentences:
    st.subheader(t("changes_headline"))
    if chosen["zone"] or chosen["prefecture_code"]:
        st.caption(area.in_area(t("changes_area_lists")))
    st.text("\n".join(f"• {sentence}" for sentence in sentences))


def figure(value):
    """A figure of a build; one it did not have (no such records then) counts as none."""
    return 0.0 if value is None or value != value else float(value)


# the province: each figure now, with its change; tiles of a fixed width in a row that wraps (three a row at 1280 px,
# two at 800 px with the sidebar open), so that every label is whole in either language
st.caption(area.in_area(t("changes_area_figures")))
tiles = st.container(horizontal=True)
chosen_row = found.area_row()
for province in ([] if chosen_row is None else [chosen_row]):
    for measure, kind in TILES:
        if measure == "rejects" and (chosen["zone"] or chosen["prefecture_code"]):
            continue  # rejected rows have no place until they load: the province's count only
        now, was = figure(getattr(province, f"{measure}_after")), figure(getattr(province, f"{measure}_before"))
        change = now - was
        delta = signed(change, lang(), minus="-") if change else t("changes_unchanged")
        tile(tiles, t(f"changes_measure_{measure}"), now if kind else count(now, lang()), kind, delta=delta,
             delta_color=("inverse" if measure == "rejects" else "normal") if change else "off",
             delta_arrow="auto" if change else "off", width=TILE_WIDTH,
             delta_description=t("changes_tile_before", before=compact(was, lang())))

st.subheader(t("changes_zones"))


def area_rows(level, measure):
    """The figure before and after, and its change, of each area of a level (province, zone, prefecture)."""
    rows = found.deltas[found.deltas.level == level]
    names = {"zone": [t("all_province") if level == "province" else zone_label(z, e)
                      for z, e in zip(rows.zone, rows.zone_en)]}
    if level == "prefecture":
        names["prefecture_name"] = [e if lang() == "en" and isinstance(e, str) else n
                                    for n, e in zip(rows.prefecture_name, rows.prefecture_name_en)]
    figures = {column: rows[f"{measure}_{part}"].to_numpy()
               for column, part in zip(ZONE_MEASURES[measure], ("before", "after", "change"))}
    return pd.DataFrame({**names, **figures})


measures = list(ZONE_MEASURES)
for tab, measure in zip(tabs([f"changes_measure_{m}" for m in measures], key="changes_measure"), measures):
    if not tab.open:
        continue
    columns = list(ZONE_MEASURES[measure])
    with tab:
        zones = pd.concat([area_rows("province", measure), area_rows("zone", measure)], ignore_index=True)
        table(zones, ["zone", *columns], key=f"changes_zones_{measure}", name=f"changes_zones_{measure}",
              context=context, audit=audit)
        with st.expander(t("changes_prefectures")):
            table(area_rows("prefecture", measure), ["prefecture_name", "zone", *columns],
                  key=f"changes_prefectures_{measure}", name=f"changes_prefectures_{measure}", context=context,
                  audit=audit)

st.subheader(t("changes_verdicts"))
verdicts = found.verdicts.assign(
    zone=[t("all_province") if z == "全省" else zone_label(z, e) for z, e in zip(found.verdicts.zone,
                                                                                found.verdicts.zone_en)],
    **{column: [t(f"status_{code}") if isinstance(code, str) else t("changes_no_verdict")
                for code in found.verdicts[column]] for column in ("status_before", "status_after")})
rows_table(verdicts, ["zone", "year", "status_before", "status_after"], "changes_verdicts")

st.subheader(t("changes_registered"))
rows_table(found.registered, ["project_id", "project_name", "area_mu", "registered_date", "source_file"],
           "changes_registered", more=["zone", "prefecture_name", "county_name", "project_type"])

st.subheader(t("changes_moves"))
rows_table(labelled_statuses(found.moves, "status_before", "status_after"),
           ["project_id", "project_name", "status_before", "status_after", "area_mu", "source_file"], "changes_moves",
           more=PROJECT_MORE)

st.subheader(t("changes_projects"))
for frame, key, heading in ((found.added, "changes_added", "changes_added_count"),
                            (found.removed, "changes_removed", "changes_removed_count")):
    st.markdown(t(heading, count=count(len(frame), lang())))
    if not frame.empty:
        rows_table(labelled_statuses(frame, "status"),
                   ["project_id", "project_name", "status", "area_mu", "source_file"], key,
                   more=["start_date", *PROJECT_MORE])


st.subheader(t("changes_edits"))
# the values as the history gives them: an area with separators, a date in ISO form; a field left empty says so
edits = found.edits.assign(
    **{column: [v if isinstance(v, str) and v else t("changes_blank") for v in found.edits[column]]
       for column in ("before", "after")},
    field=[t(f"col_{f}") for f in found.edits.field])
rows_table(edits, ["project_id", "project_name", "field", "before", "after", "source_file"], "changes_edits",
           more=["zone"])

st.subheader(t("changes_events"))
events = found.events
if events.empty:
    st.caption(t("changes_none"))
for dataset, (names, shown) in EVENT_COLUMNS.items():
    rows = events[events.dataset == dataset]
    if rows.empty:
        continue
    counted = {change: int((rows.change == change).sum()) for change in ("added", "changed", "removed")}
    st.markdown(t("changes_event_counts", dataset=t(f"dataset_{dataset}"), **counted))
    rows = rows.rename(columns=names).assign(change=[t(f"changes_change_{c}") for c in rows.change])
    table(rows, ["record", "change", "project_id", *shown, "source_file"], key=f"changes_{dataset}",
          name=f"changes_{dataset}", more=["zone", "prefecture_name"], context=context, audit=audit)

st.subheader(t("changes_rejects"))
for frame, key, heading in ((found.rejects_appeared, "changes_rejects_appeared", "changes_rejects_appeared_count"),
                            (found.rejects_fixed, "changes_rejects_fixed", "changes_rejects_fixed_count")):
    st.markdown(t(heading, count=count(len(frame), lang())))
    if not frame.empty:
        rows_table(frame.assign(dataset=[t(f"dataset_{d}") for d in frame.dataset],
                                reason=[t(f"reason_{r}") for r in frame.reason],
                                message=[message_text(f, m, d, lang())
                                         for f, m, d in zip(frame.faults, frame.message, frame.dataset)]),
                   ["source_row", "reason", "message", "source_file"], key, more=["dataset"])
