"""What every reader shares: the Sheet a file is read as, the one-line FileProblem that stops the ingest, the
settings' limits, and cells as normalised text."""

import datetime as dt
import math
import os
import unicodedata
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc

from sinkboard.text.hidden import HIDDEN, OPEN, escape

SUFFIXES = (".csv", ".xlsx", ".parquet")
BATCH_ROWS = 50_000  # rows read from a Parquet file, and handed to DuckDB, at a time
BATCH_CELLS = 2_000_000  # cells of a CSV's or a workbook's rows handed on at a time: fewer rows when they are wide
MAX_COLUMNS = 16_384  # cells in a row at most: Excel's columns, A to XFD (no spreadsheet's export is wider)
HEADER_REGION_LINES = 11  # up to 10 title rows and the header row: where a CSV's delimiter is guessed
CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")  # a time-zone-aware timestamp counts on the date it has in China


class FileProblem(Exception):
    """A file that cannot be read at all: the whole ingest stops on it."""


@dataclass
class Sheet:
    encoding: str  # what the bytes were decoded as ('xlsx' and 'parquet' for binary formats)
    rows: Iterator  # (row number as a person sees it, [cell text or None, ...]), read as it is iterated
    sha256: str = ""  # of the bytes the file held when it was opened
    has_header_in_schema: bool = False
    # the rows after those of `rows`, as Arrow columns: (row numbers, [text array per column]) a batch at a time
    batches: Iterator | None = None
    source: object = None  # what holds the file open when neither iterator has started (closed by close())
    nested: tuple = ()  # header positions of columns holding a struct, list or map per cell (Parquet)

    def close(self):
        """Closes the file, whether its rows were read to the end, in part or not at all."""
        self.rows.close()
        if self.batches is not None:
            self.batches.close()
        if self.source is not None:
            self.source.close()


def too_wide(row):
    """The problem of a row with more cells than MAX_COLUMNS: each cell of a row costs the ingest work however empty."""
    return FileProblem(f"row {row} holds more than {MAX_COLUMNS:,} cells, the most a row of a spreadsheet holds "
                       f"(Excel's columns A to XFD)")


def setting(name_and_default):
    name, default = name_and_default
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise FileProblem(f"the setting {name}={text!r} is not a positive whole number")
    return value


def text_cell(value: str):
    """A text cell trimmed and NFKC-normalised (ASCII is its own NFKC form), None when empty."""
    value = value.strip() if value.isascii() else unicodedata.normalize("NFKC", value).strip()
    return value or None


def normalised_rows(rows):
    """Rows with each cell as text_cell makes it: for the few rows read one at a time (the header, a preview)."""
    for number, cells in rows:
        yield number, [None if c is None else text_cell(c) for c in cells]


def normalised(column: pa.Array) -> pa.Array:
    """text_cell over a whole column at once: NFKC, trimmed (the white space str.strip removes), empty as null."""
    column = pc.utf8_trim_whitespace(pc.utf8_normalize(column, form="NFKC"))
    return pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)


# a cell that holds a hidden character or the bracket of their escapes (see sinkboard.text.hidden)
STORED_ESCAPED = f"[{OPEN}{HIDDEN}]"


def stored_visibly(columns):
    """Columns of normalised text as the ingest stores them, every hidden character (and ⟦) as ⟦U+XXXX⟧ as
    sinkboard.text.hidden.stored writes one text, and the positions of the columns that held one (few or none)."""
    columns, escaped = list(columns), []
    for position, column in enumerate(columns):
        if pc.any(pc.match_substring_regex(column, STORED_ESCAPED)).as_py():
            for char in OPEN + HIDDEN:  # the bracket first: the escapes written after it open with one, left as they are
                column = pc.replace_substring(column, char, escape(char))
            columns[position] = column
            escaped.append(position)
    return columns, escaped


def cell_text(value):
    """One cell as trimmed NFKC text, None when empty; numbers and dates in a form the SQL parsers accept."""
    if value is None:
        return None
    if type(value) is str:
        return text_cell(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN from a float column
            return None
        if math.isinf(value) or abs(value) >= 1e20:  # beyond any column: the range check says so, in a short form
            return repr(value)
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, (int, Decimal)):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            try:
                value = value.astimezone(CHINA).replace(tzinfo=None)
            except OverflowError:  # within hours of year 9999: no date the ingest accepts either way
                value = value.replace(tzinfo=None)
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return text_cell(str(value))
