"""Looking projects up in the registry: the search text, pages of the matches, and what a project's own records say
about it (its facts and its status as far as the data tells it). No Streamlit here: the page and the tests share it."""

import math
import unicodedata

import pandas as pd

from sinkboard.text.catalogue import text, value_label
from sinkboard.text.formats import exact, figure_unit
from sinkboard.text.hidden import visible

PAGE_SIZE = 50


def search_text(raw):
    """What a person typed or the address holds, as the data writes text (NFKC, trimmed, hidden characters written
    visibly), or None for no search."""
    if raw is None:
        return None
    cleaned = visible(unicodedata.normalize("NFKC", str(raw)).strip())
    return cleaned or None


def chosen_values(values):
    """A multiselect's choice as a query parameter: None (no filter) when nothing is chosen."""
    return list(values) or None


def page_count(matches, size=PAGE_SIZE):
    return max(1, math.ceil(matches / size))


def _day(value):
    return "—" if value is None or pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def _amount(value, kind, lang):
    """A figure in full with its unit: 56,534 吨 / 56,534 tCO2e."""
    if value is None or pd.isna(value):
        return "—"
    return f"{exact(value, lang)} {figure_unit(kind, lang)}"


def _text(value):
    return "—" if value is None or pd.isna(value) or str(value) == "" else str(value)


def facts(project, lang="zh"):
    """One project (a row of the project_detail query) described in three groups of (label, value) pairs: what and
    where it is, who runs it and how large it is, and its dates; values in the language."""
    place = " / ".join(_text(value_label(v, lang)) for v in (project.county_name, project.prefecture_name, project.zone))
    crediting = "—"
    if not pd.isna(project.crediting_start) or not pd.isna(project.crediting_end):
        crediting = f"{_day(project.crediting_start)} – {_day(project.crediting_end)}"
    return [
        [
            (text("col_project_id", lang), _text(project.project_id)),
            (text("col_project_name", lang), _text(project.project_name)),
            (text("registry_place", lang), place),
            (text("col_project_type", lang), _text(value_label(project.project_type, lang))),
            (text("col_standard", lang), _text(value_label(project.standard, lang))),
            (text("col_methodology", lang), _text(project.methodology)),
        ],
        [
            (text("col_owner", lang), _text(project.owner)),
            (text("col_owner_type", lang), _text(value_label(project.owner_type, lang))),
            (text("col_is_demo", lang), text("registry_yes", lang) if project.is_demo else text("registry_no", lang)),
            (text("registry_area", lang), exact(project.area_mu, lang)),  # the label says the unit
            (text("registry_est_annual", lang), exact(project.est_annual_tco2e, lang)),
        ],
        [
            (text("col_start_date", lang), _day(project.start_date)),
            (text("col_registered_date", lang), _day(project.registered_date)),
            (text("registry_crediting", lang), crediting),
        ],
    ]


def status_lines(project, as_of, lang="zh"):
    """The registry's status, then what the dates and the issuance records say by the as-of date, and where they disagree."""
    as_of = pd.Timestamp(as_of)
    status = project.status
    lines = [text("registry_status_registry", lang, status=value_label(status, lang))]
    registered = project.registered_date
    if pd.isna(registered):
        lines.append(text("registry_status_not_registered", lang))
    elif pd.Timestamp(registered) <= as_of:
        lines.append(text("registry_status_registered_on", lang, date=_day(registered)))
    else:
        lines.append(text("registry_status_registered_later", lang, date=_day(registered)))
    if pd.isna(project.first_issued_date):
        lines.append(text("registry_status_no_issuance", lang))
    else:
        lines.append(text("registry_status_issued", lang, first=_day(project.first_issued_date), last=_day(project.last_issued_date),
                          records=exact(project.issuances, lang), issued=_amount(project.issued_tco2e, "carbon", lang)))
    if project.verified_tco2e and project.verified_tco2e > 0:
        lines.append(text("registry_status_verified", lang, verified=_amount(project.verified_tco2e, "carbon", lang)))
    if status == "签发" and pd.isna(project.first_issued_date):
        lines.append(text("registry_status_issued_without_records", lang))
    elif status in ("储备", "审定", "终止") and not pd.isna(project.first_issued_date):
        lines.append(text("registry_status_records_without_registration", lang, status=value_label(status, lang)))
    return lines


def filter_options(values, name, lang="zh"):
    """{value: label} of one filter from the registry_filter_values query, each label with its number of projects."""
    rows = values[values["filter"] == name]
    return {row.value: f"{value_label(row.value_name, lang)} ({exact(row.projects, lang)})" for row in rows.itertuples()}
