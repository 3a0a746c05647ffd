"""Audit log (administrators): who signed in and out, downloaded, made a briefing pack, took in data or was refused
an address; read from every process's audit file, filtered here, times in Beijing time."""

import pandas as pd
import streamlit as st

from sinkboard.access import audit, roles
from sinkboard.app import page_list
from sinkboard.app.ui import download_buttons, filters, labelled, plain, t
from sinkboard.store import warehouse
from sinkboard.text.formats import BEIJING

PAGE_ROWS = 1000  # the newest lines that match, shown and downloaded; the files keep the rest

filters()
st.title(t("page_audit"))
folder = audit.audit_dir(warehouse.warehouse_dir())
st.caption(t("audit_intro", folder=plain(folder)))

lines = pd.DataFrame(audit.read(folder), columns=list(audit.FIELDS))
if lines.empty:
    st.info(t("audit_empty"))
    st.stop()
lines["time"] = pd.to_datetime(lines.time, utc=True, errors="coerce").dt.tz_convert(BEIJING).dt.tz_localize(None)
lines["filters"] = lines.filters.map(lambda f: ", ".join(f"{k}={v}" for k, v in f.items()) if isinstance(f, dict) else f)

left, middle, right = st.columns(3)
events = left.multiselect(t("audit_events"), list(audit.EVENTS), format_func=lambda e: t(f"audit_event_{e}"),
                          key="audit_events", placeholder=t("dq_all"))
users = middle.multiselect(t("audit_users"), sorted(lines.user.dropna().astype(str).unique()), key="audit_users",
                           placeholder=t("dq_all"))
first, last = lines.time.min().date(), lines.time.max().date()
days = right.date_input(t("audit_days"), value=(first, last), min_value=first, max_value=last, key="audit_days")
words = st.text_input(t("audit_search"), key="audit_search")

shown = lines
if events:
    shown = shown[shown.event.isin(events)]
if users:
    shown = shown[shown.user.astype(str).isin(users)]
if isinstance(days, (tuple, list)) and len(days) == 2:
    shown = shown[(shown.time.dt.date >= days[0]) & (shown.time.dt.date <= days[1])]
if words.strip():
    needle = words.strip().lower()
    shown = shown[shown.astype(str).apply(lambda row: needle in " ".join(row).lower(), axis=1)]
shown = shown.sort_values("time", ascending=False).head(PAGE_ROWS)
st.caption(t("audit_shown", shown=len(shown), total=len(lines)))
DETAILS = {"no_role": t("audit_detail_no_role")}  # the details the dashboard writes as codes
titles = {page.url_path: t(page.title_key) for page in page_list.PAGES}
shown = shown.assign(event=shown.event.map(lambda e: t(f"audit_event_{e}") if e in audit.EVENTS else e),
                     role=shown.role.map(lambda r: t(f"role_{r}") if r in roles.ROLES else r),
                     page=shown.page.map(lambda p: titles.get(p, p)),
                     detail=shown.detail.map(lambda d: DETAILS.get(d, d)))
columns = ["time", "event", "user", "role", "page", "file", "rows", "filters", "detail", "address"]
# the columns read first fit the page at 1280 px; the others are shown when chosen (and are all in the download)
first = ["time", "event", "user", "page", "detail"]
more = [c for c in columns if c not in first]
chosen = st.multiselect(t("table_more_columns"), more, format_func=lambda c: t(f"col_{c}"), key="audit_table_more",
                        placeholder=t("table_more_columns_hint"), label_visibility="collapsed")
# a log reads line by line: every column as wide as its words, and as many lines as fit a screen
widths = {"time": 150, "event": 90, "user": 200, "role": 100, "page": 110, "file": 200, "rows": 60, "filters": 260,
          "detail": 200, "address": 110}
config = {t(f"col_{c}"): st.column_config.Column(width=widths[c]) for c in columns}
config[t("col_time")] = st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm:ss", width=widths["time"])
frame = labelled(shown, columns)
st.dataframe(frame, hide_index=True, column_config=config, height=min(38 + 35 * len(frame), 720), key="audit_table",
             placeholder="—", column_order=[t(f"col_{c}") for c in columns if c in first or c in chosen])
download_buttons(frame, "audit_table", "audit")
