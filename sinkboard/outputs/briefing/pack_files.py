"""The briefing pack as files: the workbook of the tables behind the deck (the downloads' own XLSX writer), and the
deck and the workbook written from a warehouse for the command line (`python -m sinkboard briefing`)."""

import datetime as dt
from pathlib import Path

import pandas as pd

from sinkboard import WAREHOUSE_FORMAT
from sinkboard.figures import changes
from sinkboard.outputs import downloads
from sinkboard.outputs.briefing.content import BriefingError, gather
from sinkboard.outputs.briefing.deck import deck_bytes
from sinkboard.store import warehouse
from sinkboard.text.formats import moment


def workbook_bytes(briefing):
    """One sheet per table or chart behind the deck: the filters and as-of date, a blank row, the headings and the rows
    of the query result (a missing value left empty). Text is always written as text (a leading =, +, -, @ gets an
    apostrophe), never as a formula."""
    sheets = [(sheet.title, downloads.labelled(sheet.frame, sheet.columns, briefing.lang, missing_text=None))
              for sheet in briefing.sheets]
    # columns at least 10 characters wide: the sheets are mostly of figures
    return downloads.xlsx_sheets_bytes(sheets, briefing.context, narrowest=10)


def write_pack(warehouse_dir, out, lang="zh", as_of=None, zone=None, basis="development", since=None):
    """Writes OUT (.pptx) and the workbook beside it (.xlsx) from the internal warehouse in WAREHOUSE_DIR, compared
    with the build SINCE names (a build's id, or a YYYY-MM-DD date: the last build made on or before it; None: the
    build before the current one); returns both paths and the changes.Changes compared."""
    path = Path(warehouse_dir) / "internal.duckdb"
    if not path.exists():
        raise BriefingError(f"no warehouse in {warehouse_dir}: run python -m sinkboard ingest SOURCE --out {warehouse_dir}")
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise BriefingError(f"not a date (YYYY-MM-DD): {as_of!r}") from None
    out = Path(out)
    if out.suffix.lower() != ".pptx":
        raise BriefingError(f"the slides' file must end in .pptx: {out}")
    try:
        compared = changes.compare(warehouse_dir, since)
    except changes.ChangesError as error:
        raise BriefingError(str(error)) from None
    connection = warehouse.connect(path)
    try:
        if warehouse.warehouse_format(connection) != WAREHOUSE_FORMAT:
            raise BriefingError(f"the warehouse in {warehouse_dir} was built by an older version: ingest it again")
        if zone:
            zones = warehouse.run_query(connection, "zones")
            by_english = {str(e).lower(): z for z, e in zip(zones.zone, zones.zone_en)}
            zone = by_english.get(zone.lower(), zone)
        pack = gather(lambda name, **params: warehouse.run_query(connection, name, **params), lang=lang, as_of=as_of,
                      basis=basis, zone=zone, changes=compared)
        deck, book = deck_bytes(pack), workbook_bytes(pack)
    finally:
        connection.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook_path = out.with_suffix(".xlsx")
    out.write_bytes(deck)
    workbook_path.write_bytes(book)
    return out, workbook_path, compared


def compared_line(compared):
    """The command's line on the build the deck was compared with, or that there was none."""
    baseline = compared.baseline
    if baseline is None:
        return "no earlier build to compare with: the deck has no \"since the last briefing\" slide"
    as_of = baseline.get("as_of")
    as_of = "an unknown date" if as_of is None else f"{pd.Timestamp(as_of):%Y-%m-%d}"
    return f"compared with build {baseline['build_id']} of {moment(baseline['built_at'], 'en')}, as of {as_of}"
