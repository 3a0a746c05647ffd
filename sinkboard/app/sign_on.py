"""The internal dashboard's door: who the person is (sinkboard.app.identity), the sign-in screen when they are not
signed in or their session has expired, the refusal of a page outside their role, and the signed-in box of the sidebar
(the audit lines in their name are sinkboard.app.who's)."""

import threading
from functools import cache

import streamlit as st

from sinkboard.access import roles
from sinkboard.app import identity
from sinkboard.app.ui import plain, t
from sinkboard.app.who import record

_signed_in = set()  # (user, sign-in time) pairs this process has written a sign_in line for
SIGNED_IN_KEPT = 10_000  # past this many, the set starts again: at worst a sign-in is written twice
_signed_in_lock = threading.Lock()


@cache
def role_map():
    """The roles file, read once per process (a change takes a restart, like new code)."""
    return roles.load()


def method():
    """This session's sign-on method, from st.secrets (which tests may replace) and the settings."""
    if "sign_on_method" not in st.session_state:
        try:
            has_auth = bool(st.secrets.get("auth"))
        except Exception:  # no secrets file at all
            has_auth = False
        st.session_state.sign_on_method = identity.sign_on_method(has_auth)
    return st.session_state.sign_on_method


def _address():
    """The browser's (or its proxy's) address; None on loopback, as Streamlit reports it, and outside a browser."""
    try:
        address = st.context.ip_address
    except Exception:  # no client outside a browser session
        return None
    return address if isinstance(address, str) else None


def _headers():
    try:
        return st.context.headers
    except Exception:
        return {}


def current_person():
    """The person using this session, or None when nobody is signed in (or the request did not come through the
    trusted proxy). The local method's one user is the person at this computer, an administrator."""
    how = method()
    if how == "local":
        return identity.Person(user=f"local:{identity.local_user()}", role="administrator", sign_on="local")
    role_file = role_map()
    if how == "oidc":
        user = st.user
        if not user.get("is_logged_in"):
            return None
        name = str(user.get("email") or user.get("preferred_username") or user.get("sub") or "")
        groups = user.get(role_file.groups_claim) or []
        groups = tuple(str(g) for g in ([groups] if isinstance(groups, str) else groups))
        names = [str(user.get(k) or "") for k in ("email", "preferred_username", "sub")]
        signed_in = user.get("iat") or user.get("auth_time")
        return identity.Person(user=name, role=role_file.role_of(names, groups), sign_on="oidc",
                               display_name=str(user.get("name") or name), groups=groups,
                               signed_in_at=float(signed_in) if isinstance(signed_in, (int, float)) else None,
                               address=_address())
    # the trusted proxy: its headers are believed only on a request from one of its addresses
    address = _address()
    if not identity.from_trusted_proxy(address):
        return None
    headers = _headers()
    name = (headers.get(identity.user_header()) or "").strip()
    if not name:
        return None
    groups = tuple(g.strip() for g in (headers.get(identity.groups_header()) or "").split(",") if g.strip())
    return identity.Person(user=name, role=role_file.role_of([name], groups), sign_on="proxy", groups=groups,
                           address=address)


def _first_language():
    """A session's first language: the address's ?lang, else the sign-on's locale claim (a sign-in comes back to the
    app's root, without the address it left from), else Chinese."""
    if "lang" in st.session_state:
        return
    wanted = st.query_params.get("lang", "")
    if wanted not in ("zh", "en") and method() == "oidc" and st.user.get("is_logged_in"):
        wanted = str(st.user.get("locale") or "")[:2].lower()
    st.session_state.lang = wanted if wanted in ("zh", "en") else "zh"


def _language_choice():
    # the sidebar's language radio is not drawn before sign-in: the door offers the same choice
    _first_language()
    st.radio(t("language"), ["zh", "en"], format_func={"zh": "中文", "en": "English"}.get, horizontal=True, key="lang")


def _door(message_key, signed_in=None):
    """The screen of a person who may not go in yet: why, and how to sign in (or, signed in without a role, out).
    No page or query runs."""
    _language_choice()
    st.title(t("app_title"))
    st.info(t(message_key), icon=":material/lock:")
    if signed_in is not None:
        _sign_out_button(signed_in)
    elif method() == "oidc":
        st.button(t("sign_in"), type="primary", on_click=st.login, icon=":material/login:")
    st.stop()


def gate():
    """Called by app.py before anything else in the internal process: returns the signed-in person with a role, or
    shows why not (sign in, session expired, no role) and stops the run."""
    how = method()
    person = current_person()
    if person is None:
        _door("sign_in_needed" if how == "oidc" else "sign_in_through_proxy")
    st.session_state.person = person
    _first_language()
    if person.expired():
        if not st.session_state.get("expiry_recorded"):
            st.session_state.expiry_recorded = True
            record("session_expired")
        _door("session_expired")
    _record_sign_in(person)
    if person.role is None:
        record("refused", detail="no_role")
        _door("no_role", signed_in=person)
    return person


def _record_sign_in(person):
    """One sign_in line per sign-in: per ID token for OIDC (a second tab is the same sign-in), per session behind the
    proxy (which signs people on out of our sight)."""
    if person.sign_on == "oidc":
        with _signed_in_lock:
            new = (person.user, person.signed_in_at) not in _signed_in
            if len(_signed_in) >= SIGNED_IN_KEPT:
                _signed_in.clear()
            _signed_in.add((person.user, person.signed_in_at))
    elif person.sign_on == "proxy":
        new = not st.session_state.get("sign_in_recorded")
        st.session_state.sign_in_recorded = True
    else:
        new = False
    if new:
        record("sign_in", detail=", ".join(person.groups) or None)


def _sign_out():
    record("sign_out")
    st.session_state.pop("person", None)
    st.logout()


def _sign_out_button(person, container=st):
    if person.sign_on == "oidc":
        container.button(t("sign_out"), on_click=_sign_out, icon=":material/logout:", key="sign_out")
    elif person.sign_on == "proxy" and identity.sign_out_url():
        container.link_button(t("sign_out"), identity.sign_out_url(), icon=":material/logout:")


def signed_in_box(person):
    """Who is signed in, with which role, and the sign-out; or, without sign-on, that this server answers only here."""
    with st.sidebar:
        if person.sign_on == "local":
            st.caption(t("local_only_notice"))
            return
        name = person.display_name or person.user
        st.caption(t("signed_in_as", user=plain(name), role=t(f"role_{person.role}")))
        _sign_out_button(person)


def refusal(page):
    """What an address outside one's roles shows instead of its page (which never runs): a refusal, audited."""

    def refused():
        record("refused", page=page.url_path)
        st.title(t(page.title_key))
        st.error(t("not_permitted", role=t(f"role_{page.role}")), icon=":material/block:")

    return refused
