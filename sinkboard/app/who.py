"""The person of this session (set by the sign-on gate), what they may do, and the audit lines written in their name.

The public process has no sign-on: its visitors may do what its pages offer, and it writes no audit lines."""

import streamlit as st
from streamlit import config

from sinkboard.access import audit
from sinkboard.store import warehouse


def person():
    return st.session_state.get("person")


def may(needed):
    """Whether this session may do what needs the role `needed` (sinkboard.access.roles.ROLES) or a higher one."""
    if warehouse.mode() == "public":
        return True
    signed_in = person()
    return signed_in is not None and signed_in.may(needed)


def record_later(event, **fields):
    """A function that writes the audit line when it is called, in this run's person's name and from this run's page:
    for work done after the run, such as a file made when its download button is clicked (outside any run)."""
    if warehouse.mode() != "internal":
        return lambda **more: None
    signed_in = person()
    fields.setdefault("page", st.session_state.get("page_path"))
    if signed_in is not None:
        fields.setdefault("user", signed_in.user)
        fields.setdefault("role", signed_in.role)
        fields.setdefault("sign_on", signed_in.sign_on)
        fields.setdefault("address", signed_in.address)
    folder = audit.audit_dir(warehouse.warehouse_dir())
    name = f"audit-{config.get_option('server.port')}"
    return lambda **more: audit.record(folder, name, event, **{**fields, **more})


def record(event, **fields):
    """One audit line in the signed-in person's name, from the page they are on (internal process only)."""
    return record_later(event, **fields)()
