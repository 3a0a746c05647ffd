"""The query parameters a page's address may carry (so a view can be shared or embedded with its filters), checked
against an allow-list: a valid one sets the filter, anything else is ignored and named in a notice."""

import datetime as dt
from urllib.parse import urlencode

from sinkboard.figures.choice import BASES
from sinkboard.text.catalogue import LANGUAGES

# parameters Streamlit or a page reads itself: allowed through, not interpreted here
PASSED_THROUGH = ("embed", "embed_options", "project")


def read_parameters(params, zones, prefecture_codes, first, latest):
    """(session-state values to set, names of the parameters ignored) for the query parameters of an address."""
    chosen, ignored = {}, []
    for name, value in params.items():
        value = value if isinstance(value, str) else (value[-1] if value else "")
        if name == "lang" and value in LANGUAGES:
            chosen["lang"] = value
        elif name == "zone" and value in zones:
            chosen["zone"] = value
        elif name == "prefecture" and value in prefecture_codes:
            chosen["prefecture_code"] = value
        elif name == "basis" and value in BASES:
            chosen["basis"] = value
        elif name == "as_of" and (day := _date(value)) is not None and first <= day <= latest:
            chosen["as_of"] = day
        elif name in PASSED_THROUGH:
            continue
        else:
            ignored.append(name)
    return chosen, sorted(ignored)


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def view_address(base_url, url_path, embed=True, **filters):
    """The address of a view with its filters (None or "" left out), for a link or an iframe."""
    query = {"embed": "true"} if embed else {}
    query.update({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in filters.items() if v})
    return f"{base_url.rstrip('/')}/{url_path}" + (f"?{urlencode(query)}" if query else "")


def iframe_snippet(address, title, height=800):
    """The HTML a partner site pastes: the view in a frame of its own, lazily loaded, with a title for screen readers."""
    from html import escape

    return (f'<iframe src="{escape(address, quote=True)}" title="{escape(title, quote=True)}" width="100%" '
            f'height="{int(height)}" style="border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>')
