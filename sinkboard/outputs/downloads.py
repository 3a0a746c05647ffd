"""Tables as files people download: CSV and XLSX of exactly what is shown, headed by the filters and as-of date,
with every text cell that a spreadsheet would run as a formula neutralised and every hidden character shown; the XLSX
with a number format per column, its units in the headings, and set up to print."""

import csv
import datetime as dt
import io
import math
import re
from decimal import Decimal

import pandas as pd
import xlsxwriter

from sinkboard.text.catalogue import text, value_label
from sinkboard.text.hidden import visible

# a text cell starting with one of these runs as a formula (or DDE) in Excel, WPS and LibreOffice
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """A text value made safe to open from a CSV file: bidi controls and zero-width characters written visibly
    (⟦U+202E⟧, sinkboard.text.hidden), and a leading apostrophe stops it running as a formula. (An XLSX cell keeps
    the text as it is, marked as text by its quote-prefix style.)"""
    value = visible(value)
    if is_formula_like(value):
        return "'" + value
    return value


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


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
    return visible(value)


def cell_rows(frame):
    """The frame's rows as spreadsheet cells: numbers, dates or text (hidden characters shown), None where empty."""
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
    # the columns' own names and the language go with the table: an XLSX of it formats each column by its unit
    table.attrs.update(columns=list(columns), lang=lang)
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
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else neutralise(v)
                         for v in row])
    return buffer.getvalue().encode("utf-8-sig")


# ---------------------------------------------------------------------------------------------------------------------
# XLSX: a number format per column, chosen by the column's name (its unit is in it: amount_yuan, area_mu, share_of_...)

# money of a Chinese workbook is in 万元, as the tiles and charts give it
WAN = 10_000
# a sheet's name: 31 characters at most, none of these
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def column_kind(column):
    """What a column's figures are, by its name: year, share, price, ratio, money, area, carbon, months, row, or
    count (anything else)."""
    if column in ("year", "this_year", "budget_year"):
        return "year"
    if column.startswith("share"):
        return "share"
    if ("price" in column and column.endswith("_yuan")) or column.startswith("yuan_per"):
        return "price"
    if column == "sink_per_mu":
        return "ratio"
    if column.endswith("_yuan"):
        return "money"
    if column.endswith(("_mu", "_mu_per_year")):
        return "area"
    if column.endswith("_tco2e"):
        return "carbon"
    if column.startswith(("duration_", "registration_", "issuance_")):
        return "months"
    if column in ("source_row", "column_number"):
        return "row"
    return "count"


# each kind's number format: fixed decimals per column, thousands separators where a figure runs to them
NUMBER_FORMATS = {"year": "0", "share": "0.0%", "price": "#,##0.00", "ratio": "0.000", "area": "#,##0",
                  "carbon": "#,##0", "months": "0.0", "row": "0", "count": "#,##0"}


def number_format(kind, lang):
    if kind == "money":
        return "#,##0.00" if lang == "zh" else "#,##0"  # 万元 to the hundred yuan; yuan
    return NUMBER_FORMATS[kind]


def workbook_heading(heading, kind, lang):
    """A column's heading in a workbook: its unit in it. Money in a Chinese workbook is in 万元; a price's heading that
    names no unit (最低, P25) gets yuan per tonne."""
    if kind == "money" and lang == "zh":
        return heading.replace("（元）", "（万元）") if "（元）" in heading else f"{heading}（万元）"
    if kind == "price" and "元" not in heading and "yuan" not in heading:
        return f"{heading}（元/吨）" if lang == "zh" else f"{heading} (yuan/t)"
    return heading


def sheet_name(title):
    """A title as a sheet's name: without the characters a sheet's name may not hold, and 31 characters at most."""
    return SHEET_NAME_FORBIDDEN.sub(" ", visible(str(title))).strip(" '")[:31] or "Sheet1"


def _display_width(value):
    """Characters of a column a value takes, a CJK character two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(value))


def _heading_width(heading):
    """Characters of a column a heading asks for. A Latin heading wraps between its words rather than widen the column
    past 12; a Chinese one is short and keeps to one line (wrapped, it would break before its unit's bracket)."""
    if any(ord(ch) > 0x2E80 for ch in heading):
        return _display_width(heading)
    longest_word = max((len(word) for word in heading.split()), default=0)
    return min(len(heading), max(12, longest_word))


def _shown_width(value, number_format):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        decimals = len(number_format.split(".")[1].rstrip("%")) if "." in number_format else 0
        if number_format.endswith("%"):
            return len(f"{value * 100:.{decimals}f}%")
        return len(f"{value:,.{decimals}f}" if "," in number_format else f"{value:.{decimals}f}")
    if isinstance(value, (dt.date, dt.datetime)):
        return 10
    return _display_width(value)


def xlsx_bytes(frame: pd.DataFrame, context, sheet_name="data") -> bytes:
    """One sheet: the context rows, a blank row, the header and the table; text always written as text, never a formula."""
    return xlsx_sheets_bytes([(sheet_name, frame)], context)


def xlsx_sheets_bytes(sheets, context, narrowest=8) -> bytes:
    """A sheet for each (name, frame) pair, each headed by the same context rows, a blank row and its header. Text is
    always written as text, never a formula. A frame made by labelled() carries its columns' names and language: its
    figures get their number formats and units, money in 万元 in Chinese; another frame's figures get separators.
    Each sheet prints on A4 landscape, one page wide, its header row on every page. narrowest: the least width of a
    column, in characters."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
    styles = _Styles(workbook)
    for name, frame in sheets:
        _write_sheet(workbook.add_worksheet(sheet_name(name)), frame, context, narrowest, styles)
    workbook.close()
    return buffer.getvalue()


class _Styles:
    """The workbook's formats, made once for each set of properties."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.made = {}

    def __call__(self, **properties):
        key = tuple(sorted(properties.items()))
        if key not in self.made:
            self.made[key] = self.workbook.add_format(properties)
        return self.made[key]

    def text(self, value, **properties):
        """The format of a text cell: a text a spreadsheet would run as a formula is marked as text (quote prefix),
        which shows it as it is, without the apostrophe a typed one would show."""
        return self(**properties, quote_prefix=True) if is_formula_like(value) else self(**properties)


def _write_sheet(sheet, frame, context, narrowest, styles):
    row_number = 0
    for label, value in context:
        label, value = visible(str(label)), visible(str(value))
        sheet.write_string(row_number, 0, label, styles.text(label, bold=True))
        sheet.write_string(row_number, 1, value, styles.text(value))
        row_number += 1
    if context:
        row_number += 1
    header_row = row_number
    columns = frame.attrs.get("columns")
    lang = frame.attrs.get("lang", "zh")
    kinds = [column_kind(c) for c in columns] if columns else [None] * len(frame.columns)
    widths, headings = [], []
    for c, (heading, kind) in enumerate(zip(frame.columns, kinds)):
        heading = visible(str(heading)) if kind is None else workbook_heading(visible(str(heading)), kind, lang)
        values = frame.iloc[:, c]
        # a heading over figures stands over their right edge, as the figures line up
        figures = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        sheet.write_string(header_row, c, heading, styles.text(heading, bold=True, text_wrap=True, valign="top",
                                                               bottom=1, align="right" if figures else "left"))
        headings.append(heading)
        widths.append(_heading_width(heading))
    formats = [number_format(kind, lang) if kind else None for kind in kinds]
    for row in cell_rows(frame):
        row_number += 1
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(row_number, c, value)
                continue
            if isinstance(value, (int, float)):
                if kinds[c] == "money" and lang == "zh":
                    value = value / WAN
                shown = formats[c] or ("#,##0" if isinstance(value, int) else "#,##0.00")
                sheet.write_number(row_number, c, value, styles(num_format=shown))
            elif isinstance(value, (dt.date, dt.datetime)):
                shown = "yyyy-mm-dd hh:mm" if isinstance(value, dt.datetime) and value.time() != dt.time() else "yyyy-mm-dd"
                sheet.write_datetime(row_number, c, value if isinstance(value, dt.datetime)
                                     else dt.datetime.combine(value, dt.time()), styles(num_format=shown))
            else:
                sheet.write_string(row_number, c, value, styles.text(value))
            widths[c] = max(widths[c], _shown_width(value, formats[c] or "#,##0.00"))
    widths = [max(narrowest, min(40, width + 1)) for width in widths]
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    # the header row as tall as its most wrapped heading (a spreadsheet does not grow a row that a file sets up)
    lines = max((math.ceil(_display_width(h) / (w - 1)) for h, w in zip(headings, widths)), default=1)
    sheet.set_row(header_row, 15 * max(1, lines))
    _print_setup(sheet, header_row)


def _print_setup(sheet, header_row):
    """A4 landscape, one page wide however many pages long, the header row on every page and in view as one scrolls;
    the sheet's name and the page number in the footer."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
    sheet.set_footer("&L&A&R&P / &N")
