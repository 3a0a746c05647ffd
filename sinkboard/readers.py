"""Reads one exported file (CSV, XLSX or Parquet) into rows of normalised text, each with the row number a person sees."""

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import charset_normalizer
import pyarrow.parquet as pq
from python_calamine import CalamineWorkbook

SUFFIXES = (".csv", ".xlsx", ".parquet")


class FileProblem(Exception):
    """A file that cannot be read at all: the whole ingest stops on it."""


@dataclass
class Sheet:
    encoding: str  # what the bytes were decoded as ('xlsx' and 'parquet' for binary formats)
    rows: list  # (row number as a person sees it, [cell text or None, ...])
    has_header_in_schema: bool = False


def cell_text(value):
    """One cell as trimmed NFKC text, None when empty; numbers and dates in a form the SQL parsers accept."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN from a float column
            return None
        value = Decimal(repr(value))
        return format(value.quantize(1) if value == value.to_integral_value() else value.normalize(), "f")
    if isinstance(value, (int, Decimal)):
        return format(value, "f") if isinstance(value, Decimal) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip() or None


def decode(data: bytes):
    """Text and encoding name: UTF-8 (with or without BOM) first, then GB18030, then a detector's best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    guess = charset_normalizer.from_bytes(data).best()
    if guess is None:
        raise FileProblem("the bytes are not text in any known encoding")
    return str(guess), guess.encoding


def read_csv(path: Path) -> Sheet:
    text, encoding = decode(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise FileProblem(f"not a well-formed CSV file ({error})") from error
    return Sheet(encoding, [(number, [cell_text(v) for v in record]) for number, record in enumerate(records, start=1)])


def read_xlsx(path: Path) -> Sheet:
    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own error types for damaged workbooks
        raise FileProblem(f"not a readable XLSX workbook ({type(error).__name__}: {error})") from error
    return Sheet("xlsx", [(number, [cell_text(v) for v in row]) for number, row in enumerate(rows, start=1)])


def read_parquet(path: Path) -> Sheet:
    try:
        table = pq.read_table(path)
    except Exception as error:  # pyarrow raises several error types for damaged files
        raise FileProblem(f"not a readable Parquet file ({type(error).__name__}: {error})") from error
    header = [cell_text(name) for name in table.column_names]
    columns = [column.to_pylist() for column in table.columns]
    rows = [(1, header)]
    rows += [(number, [cell_text(column[i]) for column in columns]) for i, number in zip(range(table.num_rows), range(2, table.num_rows + 2))]
    return Sheet("parquet", rows, has_header_in_schema=True)


def read_file(path: Path) -> Sheet:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path)
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix == ".parquet":
        return read_parquet(path)
    raise FileProblem(f"unsupported file type {suffix!r}; exports are {', '.join(SUFFIXES)}")
