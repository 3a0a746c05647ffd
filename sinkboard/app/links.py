"""The query parameters a page's address may carry (so a view can be shared or embedded with its filters), checked
against an allow-list: a valid one sets the filter, anything else is ignored and named in a notice."""

import datetime as dt
from urllib.parse import urlencode

from sinkboard.figures.choice import BASES
from sinkboard.text.catalogue import LANGUAGES

# parameters Streamlit or a page reads itself: allowed through, not interpreted here
PASSED_THROUGH = ("embed", "embed_options", "project", "since")


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


# The static site (`python -m sinkboard publish`) holds a file per view, area and as-of date, so its addresses name an
# area by an ASCII key and offer only the dates it was built for.
SITE_PROVINCE = "province"


def site_zone_keys(zones):
    """The static site's key of each zone, from the zones query: z1, z2, … in the plan's order (sort_order)."""
    ordered = sorted(zip(zones.sort_order, zones.zone))
    return {zone: f"z{place}" for place, (_, zone) in enumerate(ordered, start=1)}


def site_area(zone_keys, zone, prefecture_code):
    """The static site's key of the chosen area: the prefecture's code, else the zone's key, else the province."""
    return prefecture_code or zone_keys.get(zone) or SITE_PROVINCE


def site_as_of_options(first, latest):
    """The as-of dates the static site offers for data from first to latest: every year end within them and the
    latest month end (the public figures are monthly, dated at the end of their month)."""
    latest_month_end = month_end(latest)
    year_ends = [dt.date(year, 12, 31) for year in range(first.year, latest_month_end.year)]
    return [*year_ends, latest_month_end]


def site_as_of(as_of, first, latest):
    """The static site's as-of date for a date chosen inside: the latest month end when the date is the data's latest
    day (both count every fact), else the last option on or before the date, else (a date before the first year end)
    the first option."""
    options = site_as_of_options(first, latest)
    if as_of >= latest:
        return options[-1]
    return next((day for day in reversed(options) if day <= as_of), options[0])


def month_end(day):
    following = day.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)


def site_address(site_url, lang, view, area=None, as_of=None, embed=True):
    """The address of a static view (SITE/<lang>/<view>.html) with its area and as-of date (None: the page's
    default, left out)."""
    query = {"area": area, "as_of": as_of.isoformat() if as_of else None, "embed": "1" if embed else None}
    query = {name: value for name, value in query.items() if value}
    return f"{site_url.rstrip('/')}/{lang}/{view}.html" + (f"?{urlencode(query)}" if query else "")
