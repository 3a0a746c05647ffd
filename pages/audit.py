"""Audit log (administrators): who signed in and out, downloaded, made a briefing pack, took in data or was refused
an address; read from every process's audit file, filtered here, times in Beijing time."""

import pandas as pd
import streamlit as st

from sinkboard.access import audit, roles
from sinkboard.app import page_list
from sinkboard.app.ui import filters, plain, t, table
from sinkboard.store import warehouse

PAGE_ROWS = 1000  # the newest lines that match, shown and downloaded; the files keep the rest

filters()
st.title(t("page_audit"))
folder = audit.audit_dir(warehouse.warehouse_dir())
st.caption(t("audit_intro", folder=plain(folder)))

lines = pd.DataFrame(audit.read(folder), columns=list(audit.FIELDS))
if lines.empty:
    st.info(t("audit_empty"))
    st.stop()
lines["time"] = pd.to_datetime(lines.time, utc=True, errors="coerce").dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)
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
titles = {page.url_path: t(page.title_key) for page in page_list.PAGES}
shown = shown.assign(event=shown.event.map(lambda e: t(f"audit_event_{e}") if e in audit.EVENTS else e),
                     role=shown.role.map(lambda r: t(f"role_{r}") if r in roles.ROLES else r),
                     page=shown.page.map(lambda p: titles.get(p, p)))
table(shown, ["time", "event", "user", "role", "page", "file", "rows", "filters", "detail", "address"], key="audit_table",
      name="audit")
