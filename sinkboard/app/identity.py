"""Who is using the internal dashboard, by the one sign-on method this process runs with:

- "oidc": Streamlit's OpenID Connect sign-in (st.login, with Authlib), when .streamlit/secrets.toml has an [auth]
  section;
- "proxy": a reverse proxy that signs people on and passes the user and their groups in headers, believed only for
  requests from the addresses in SINKBOARD_TRUSTED_PROXIES;
- "local": neither; the process then answers on this computer only (serve binds 127.0.0.1) and its one user, the
  person at this computer, is an administrator.

The roles file (sinkboard.access.roles) turns the groups into a role."""

import getpass
import ipaddress
import os
import time
from dataclasses import dataclass
from functools import cache

from sinkboard.access import roles

LOOPBACK = ("127.0.0.1", "::1")
SESSION_HOURS = 10.0  # a sign-on session lasts a working day, then asks to sign in again (SINKBOARD_SESSION_HOURS)


def sign_on_method(has_auth=None):
    """"oidc", "proxy" or "local", from the configuration: has_auth tells whether the secrets have an [auth] section
    (read from Streamlit's secrets files when not given)."""
    if has_auth is None:
        from streamlit.runtime.secrets import secrets_singleton

        try:
            has_auth = bool(secrets_singleton.load_if_toml_exists() and secrets_singleton.get("auth"))
        except Exception:  # an unreadable secrets file: Streamlit itself reports it when the server starts
            has_auth = False
    if has_auth:
        return "oidc"
    if trusted_proxies():
        return "proxy"
    return "local"


@cache
def _networks(text):
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())


def trusted_proxies():
    """The networks of SINKBOARD_TRUSTED_PROXIES ("127.0.0.1, 10.0.0.0/24"); ValueError when one is not an address."""
    return _networks(os.environ.get("SINKBOARD_TRUSTED_PROXIES", ""))


def from_trusted_proxy(address):
    """Whether a request from `address` (None: loopback, as Streamlit reports it) came through a trusted proxy."""
    try:
        ip = ipaddress.ip_address(address or "127.0.0.1")
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped is not None:  # a dual-stack listener sees 127.0.0.1 as ::ffff:127.0.0.1
        ip = ip.ipv4_mapped
    return any(ip in network for network in trusted_proxies())


def user_header():
    """The header in which the trusted proxy names the signed-in user."""
    return os.environ.get("SINKBOARD_USER_HEADER") or "X-Forwarded-User"


def groups_header():
    """The header in which the trusted proxy lists the user's groups, separated by commas."""
    return os.environ.get("SINKBOARD_GROUPS_HEADER") or "X-Forwarded-Groups"


def sign_out_url():
    """Where the trusted proxy's sign-out is (its gateway's logout address); none by default."""
    return os.environ.get("SINKBOARD_SIGN_OUT_URL", "").strip()


def local_user():
    """The account this process runs as: the one user of a dashboard without sign-on."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return "unknown"


def session_hours():
    try:
        return float(os.environ.get("SINKBOARD_SESSION_HOURS") or SESSION_HOURS)
    except ValueError:
        return SESSION_HOURS


@dataclass(frozen=True)
class Person:
    user: str  # the name shown and written in the audit log: e-mail, user name or subject
    role: str | None  # one of roles.ROLES, or None: signed on but given no role
    sign_on: str  # "oidc", "proxy" or "local"
    display_name: str = ""
    groups: tuple = ()
    signed_in_at: float | None = None  # seconds since the epoch, when the sign-on says (oidc: the ID token's iat)
    address: str | None = None

    def may(self, needed):
        return roles.allows(self.role, needed)

    def expired(self, now=None):
        if self.signed_in_at is None:
            return False
        return (now or time.time()) - self.signed_in_at > session_hours() * 3600
