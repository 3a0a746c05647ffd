"""Tables as files people download: CSV and XLSX of exactly what is shown, headed by the filters and as-of date,
with every text cell that a spreadsheet would run as a formula neutralised and every hidden character shown."""

import csv
import datetime as dt
import io
import math
from decimal import Decimal

import pandas as pd
import xlsxwriter

from sinkboard.text.catalogue import text, value_label
from sinkboard.text.hidden import visible

# a text cell starting with one of these runs as a formula (or DDE) in Excel, WPS and LibreOffice
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """A text value made safe to open in a spreadsheet: bidi controls and zero-width characters written visibly
    (⟦U+202E⟧, sinkboard.text.hidden), and a leading apostrophe stops it running as a formula."""
    value = visible(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return value.item()
    return neutralise(value)


def cell_rows(frame):
    """The frame's rows as spreadsheet cells: numbers, dates or neutralised text, None where empty."""
    for row in frame.itertuples(index=False, name=None):
        yield [_cell(v) for v in row]


# columns whose values are category names of the data or places, shown in English when a table is in English
TRANSLATED_COLUMNS = ("project_type", "status", "owner_type", "zone", "group_value", "platform", "buyer_type", "purpose",
                      "category", "pool", "standard", "county_name", "prefecture_name", "region_name")


def labelled(frame: pd.DataFrame, columns, lang, missing_text="—"):
    """A table as people see it (on a page, in a download or a briefing workbook): the chosen columns, category values
    and headings in the language, exact money as numbers, a missing text as a dash (None: left empty, as a workbook
    of query results keeps it). Made column by column into a new frame, which is quicker than copying the frame and
    setting its columns one by one."""
    shown = []
    for column in columns:
        values = frame[column]
        if values.dtype == object and any(isinstance(v, Decimal) for v in values):
            # exact money (DECIMAL) shown as numbers, so a missing one is blank rather than "None"
            values = pd.to_numeric(values, errors="coerce").astype("float64")
        if column in TRANSLATED_COLUMNS:
            # in English every value; in Chinese only a merged public cell's code, which no language shows as it is
            values = pd.Series([value_label(v, lang) for v in values], index=frame.index)
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            values = values.map(visible)  # the ingest stores text so; this keeps any other text from hiding a character
        if missing_text is not None and (values.dtype == object or pd.api.types.is_string_dtype(values)):
            # a missing text is a dash, as in print, not "None"; dates (in a column of objects) keep their type
            if values.dtype != object or not any(hasattr(v, "year") for v in values):
                values = values.astype(object).where(values.notna(), missing_text)
        shown.append(values)
    table = pd.DataFrame(dict(enumerate(shown)), index=frame.index)
    table.columns = [text(f"col_{c}", lang) for c in columns]
    return table


def csv_bytes(frame: pd.DataFrame, context) -> bytes:
    """UTF-8 with a BOM (so Excel and WPS read Chinese): the context rows (label, value), a blank row, then the table."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for label, value in context:
        writer.writerow([neutralise(str(label)), neutralise(str(value))])
    if context:
        writer.writerow([])
    writer.writerow([neutralise(str(c)) for c in frame.columns])
    for row in cell_rows(frame):
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, context, sheet_name="data") -> bytes:
    """One sheet: the context rows, a blank row, the header and the table; text always written as text, never a formula."""
    return xlsx_sheets_bytes([(sheet_name, frame)], context)


def xlsx_sheets_bytes(sheets, context, narrowest=8) -> bytes:
    """A sheet for each (name, frame) pair, each headed by the same context rows, a blank row and its header. Text is
    always written as text, never a formula. narrowest: the least width of a column, in characters."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for sheet_name, frame in sheets:
        _write_sheet(workbook.add_worksheet(sheet_name[:31]), frame, context, narrowest, bold, date_format)
    workbook.close()
    return buffer.getvalue()


def _write_sheet(sheet, frame, context, narrowest, bold, date_format):
    row_number = 0
    for label, value in context:
        sheet.write_string(row_number, 0, neutralise(str(label)), bold)
        sheet.write_string(row_number, 1, neutralise(str(value)))
        row_number += 1
    if context:
        row_number += 1
    for c, heading in enumerate(frame.columns):
        sheet.write_string(row_number, c, neutralise(str(heading)), bold)
    widths = [max(narrowest, min(40, len(str(h)) * 2)) for h in frame.columns]
    for row in cell_rows(frame):
        row_number += 1
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(row_number, c, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(row_number, c, value)
            elif isinstance(value, (dt.date, dt.datetime)):
                sheet.write_datetime(row_number, c, value if isinstance(value, dt.datetime)
                                     else dt.datetime.combine(value, dt.time()), date_format)
            else:
                sheet.write_string(row_number, c, str(value))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
