"""Reads one exported file (CSV, XLSX or Parquet) as a stream of rows of text, each with the row number a person sees:
no reader holds a whole file, so memory does not grow with the export's size. A CSV's cells come as written; the
ingest normalises them (trimmed, NFKC, empty as missing) a batch at a time in Arrow, and `normalised_rows` does the same
for the few rows read one by one."""

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import posixpath
import re
import stat
import unicodedata
import zipfile
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

import charset_normalizer
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

SUFFIXES = (".csv", ".xlsx", ".parquet")
BATCH_ROWS = 50_000  # rows read from a Parquet file, and handed to DuckDB, at a time
HEADER_REGION_LINES = 11  # up to 10 title rows and the header row: where a CSV's delimiter is guessed
CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")  # a time-zone-aware timestamp counts on the date it has in China
# Settings (README, "Settings"): what one workbook may hold before it is refused rather than read
MAX_CELLS = ("SINKBOARD_MAX_CELLS", 20_000_000)  # cells of the rows that hold data, each row up to its last value
MAX_XLSX_BYTES = ("SINKBOARD_MAX_XLSX_BYTES", 1 << 30)  # the workbook's parts, unpacked, as its zip directory declares
XML_CHUNK_BYTES = 1 << 16  # what the sheet's XML is parsed in: a few hundred rows at a time


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


# ---- CSV ----
# Read in two passes over the bytes, each in chunks: the first hashes the file and finds its encoding (the whole file
# must decode, as before streaming), the second parses it with csv.reader over an incremental decoder.

CHUNK_BYTES = 1 << 20
BOM = b"\xef\xbb\xbf"
GUESS_BYTES = 4 << 20  # what the detector sees of a file that is neither UTF-8 nor GB18030


def chunks(path: Path, start=0):
    with path.open("rb") as stream:
        stream.seek(start)
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk


def decodes_as(path: Path, encoding, start=0):
    """None when the bytes from start decode as the encoding, else the offset (from start) of the first that does not."""
    decoder = codecs.getincrementaldecoder(encoding)()
    fed = 0
    try:
        for chunk in chunks(path, start):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return fed - pending + error.start
            fed += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        return fed - len(error.object) + error.start
    return None


# what a file of another kind starts with: staff rename a workbook .csv now and then
OTHER_KINDS = ((b"PK\x03\x04", "an XLSX workbook (a zip file)", ".xlsx"), (b"PAR1", "a Parquet file", ".parquet"))


def csv_encoding(path: Path):
    """Encoding name and SHA-256: UTF-8 (with or without BOM) first, then GB18030, then a detector's best guess. A NUL
    byte in UTF-8 or GB18030 text means a damaged file (an interrupted copy, a binary file): refused, naming its line."""
    digest, head, nul, fed = hashlib.sha256(), b"", None, 0
    for chunk in chunks(path):
        digest.update(chunk)
        if len(head) < GUESS_BYTES:
            head += chunk[: GUESS_BYTES - len(head)]
        if nul is None and (found := chunk.find(b"\x00")) >= 0:
            nul = fed + found
        fed += len(chunk)
    for magic, kind, suffix in OTHER_KINDS:
        if head.startswith(magic):
            raise FileProblem(f"this is {kind}, not a CSV file: rename it to {suffix}")
    encoding = text_encoding(path, head)
    if nul is not None and encoding in ("utf-8", "utf-8-sig", "gb18030"):
        line = sum(chunk.count(b"\n") for chunk in bounded(chunks(path), nul)) + 1
        raise FileProblem(f"holds a NUL byte on line {line} (byte {nul + 1}): the file is damaged or not text; "
                          f"export it again")
    return encoding, digest.hexdigest()


def text_encoding(path: Path, head):
    if head.startswith(BOM):
        position = decodes_as(path, "utf-8", start=len(BOM))
        if position is not None:
            line = sum(chunk.count(b"\n") for chunk in bounded(chunks(path, len(BOM)), position)) + 1
            raise FileProblem(
                f"starts with a UTF-8 byte-order mark, but line {line} is not UTF-8 text (byte {position + 3}); "
                f"save the file again as UTF-8 or as GB18030"
            )
        return "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        if decodes_as(path, encoding) is None:
            return encoding
    guess = charset_normalizer.from_bytes(head).best()
    if guess is None:
        raise FileProblem("the bytes are not text in any known encoding")
    return guess.encoding


def bounded(pieces, limit):
    """The first limit bytes of a stream of chunks."""
    for piece in pieces:
        if limit <= 0:
            return
        yield piece[:limit]
        limit -= len(piece)


def guess_delimiter(lines):
    """Tab or comma, from the lines where the header row can be: a title row above it has neither."""
    found = []
    for line in lines:
        if line.strip():
            found.append(line)
            if len(found) == HEADER_REGION_LINES:
                break
    tabs = max((line.count("\t") for line in found), default=0)
    commas = max((line.count(",") for line in found), default=0)
    return "\t" if tabs > commas else ","


def read_csv(path: Path) -> Sheet:
    encoding, sha256 = csv_encoding(path)
    stream = path.open("rb")  # opened now: the rows are read from this file even if its name goes
    try:
        lines = io.TextIOWrapper(stream, encoding=encoding, newline="\n")
        delimiter = guess_delimiter(lines)
        lines.detach()
        stream.seek(0)
    except BaseException:
        stream.close()
        raise
    return Sheet(encoding, csv_rows(stream, encoding, delimiter), sha256)


def csv_rows(stream, encoding, delimiter):
    # a cell may be as long as the file: the csv module refuses fields over 128 KiB unless told otherwise
    csv.field_size_limit(max(csv.field_size_limit(), os.fstat(stream.fileno()).st_size + 1))
    with stream:
        text = io.TextIOWrapper(stream, encoding=encoding, newline="")
        try:
            # the cells as written: the ingest normalises them a batch at a time
            yield from enumerate(csv.reader(text, delimiter=delimiter, strict=True), start=1)
        except csv.Error as error:
            raise FileProblem(f"not a well-formed CSV file ({error})") from error
        except UnicodeDecodeError as error:  # only a detector's guess can fail past the part it saw
            raise FileProblem(f"the bytes are not {encoding} text throughout ({error.reason})") from error


# ---- XLSX ----
# Read by streaming the first sheet's XML, not through a spreadsheet library: calamine builds the sheet as one dense
# grid (a stray cell at XFD1048576 asks for hundreds of GB) and reads error cells (#N/A) as empty. Here only the
# cells that hold values are kept, each row up to its last value, within SINKBOARD_MAX_CELLS.

BUILTIN_DATE_FORMATS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59), *range(71, 82)}
NOT_DATE_PARTS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # quoted text, escapes, [Red] [$-804], padding
ESCAPED_CHARACTER = re.compile(r"_x([0-9A-Fa-f]{4})_")  # how OOXML writes control characters in text


def local(tag):
    return tag.rsplit("}", 1)[-1]


def attribute(element, name):
    """An attribute by its local name, whatever namespace (transitional or strict OOXML) it is in."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None


def unescape(text):
    return ESCAPED_CHARACTER.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def is_date_format(code):
    section = NOT_DATE_PARTS.sub("", code).split(";")[0]
    return re.search(r"[dmyhsDMYHS]", section) is not None


def relationships(archive, part):
    """Id -> (relationship type, part path) of one part of the package."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels not in archive.NameToInfo:
        return {}
    found = {}
    for rel in ElementTree.fromstring(archive.read(rels)):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return found


def text_of(element):
    """The text of a shared or inline string: its runs, without phonetic guides."""
    parts = []
    for child in element:
        tag = local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if local(t.tag) == "t")
    return unescape("".join(parts))


def shared_strings(archive, part):
    if part is None or part not in archive.NameToInfo:
        return []
    strings = []
    with archive.open(part) as stream:
        # end events only: each string is read, then emptied (the empty element left behind is smaller than the
        # string kept, so memory stays in proportion to the table)
        for _, element in ElementTree.iterparse(stream):
            if element.tag.endswith("si") and local(element.tag) == "si":
                strings.append(text_of(element))
                element.clear()
    return strings


def date_styles(archive, part):
    """Per cell style index: whether its number format shows a date or time."""
    if part is None or part not in archive.NameToInfo:
        return []
    styles = ElementTree.fromstring(archive.read(part))
    custom = {}
    for element in styles.iter():
        if local(element.tag) == "numFmt":
            custom[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
    for element in styles:
        if local(element.tag) == "cellXfs":
            ids = [int(xf.get("numFmtId", "0")) for xf in element if local(xf.tag) == "xf"]
            return [is_date_format(custom[i]) if i in custom else i in BUILTIN_DATE_FORMATS for i in ids]
    return []


COLUMN_OF_LETTERS = {}
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Za-z]+\d+):([A-Za-z]+\d+)"')


def column_index(reference):
    """Zero-based column of a cell reference such as XFD1048576."""
    letters = reference.rstrip("0123456789")
    index = COLUMN_OF_LETTERS.get(letters)
    if index is None:
        index = 0
        for character in letters.upper():
            index = index * 26 + ord(character) - 64
        index -= 1
        if len(COLUMN_OF_LETTERS) < 20_000:
            COLUMN_OF_LETTERS[letters] = index
    return index


def excel_datetime(serial, date1904):
    """A date cell's serial number as a datetime (to the millisecond); the number itself when no date has it."""
    if date1904:
        base = dt.datetime(1904, 1, 1)
    else:
        base = dt.datetime(1899, 12, 31) if serial < 60 else dt.datetime(1899, 12, 30)  # Excel's 29 Feb 1900
    try:
        return base + dt.timedelta(milliseconds=round(serial * 86_400_000))
    except OverflowError:
        return serial


class Workbook:
    def __init__(self, archive):
        self.archive = archive
        package = relationships(archive, "")
        book = next((path for kind, path in package.values() if kind == "officeDocument"), "xl/workbook.xml")
        root = ElementTree.fromstring(archive.read(book))
        self.date1904 = any(
            local(e.tag) == "workbookPr" and e.get("date1904", "").lower() in ("1", "true") for e in root.iter()
        )
        parts = relationships(archive, book)
        first = next((e for e in root.iter() if local(e.tag) == "sheet"), None)
        if first is None or attribute(first, "id") not in parts:
            raise FileProblem("the workbook has no sheet")
        self.sheet = parts[attribute(first, "id")][1]
        by_kind = {kind: path for kind, path in parts.values()}
        self.strings = [text_cell(text) for text in shared_strings(archive, by_kind.get("sharedStrings"))]
        self.date_styles = date_styles(archive, by_kind.get("styles"))

    def value(self, kind, style, content):
        """One cell's text (None when empty): shared strings, formula text and error values (#N/A) as written, numbers
        of a date format as datetimes."""
        if kind == "s":
            return self.strings[int(content)]
        if kind is None or kind == "n":
            try:
                number = float(content)
            except ValueError:
                return text_cell(content)
            if style is not None and int(style) < len(self.date_styles) and self.date_styles[int(style)] and math.isfinite(number):
                return cell_text(excel_datetime(number, self.date1904))
            return cell_text(number)
        if kind in ("str", "e", "inlineStr"):  # formula text, an error such as #N/A (kept, never empty), inline text
            return text_cell(unescape(content))
        if kind == "b":
            return "true" if content.strip() == "1" else "false"
        if kind == "d":
            try:
                return cell_text(dt.datetime.fromisoformat(content))
            except ValueError:
                return text_cell(content)
        return text_cell(content)

    def merged_down(self):
        """(row, column) of the first cell of each range merged down a column -> the range's last row. The ranges are
        written after the cells, so the sheet's XML is read once more for them (unpacked, not parsed, when it has none)."""
        found, tail = {}, b""
        with self.archive.open(self.sheet) as stream:
            while chunk := stream.read(1 << 20):
                text = tail + chunk
                for match in MERGE_CELL.finditer(text):
                    first, last = match.group(1).decode("ascii"), match.group(2).decode("ascii")
                    top, bottom = int(first.lstrip(LETTERS)), int(last.lstrip(LETTERS))
                    if bottom > top:
                        found[(top, column_index(first))] = bottom
                tail = text[-200:]  # a range written across two chunks is found whole in the next
        return found

    def rows(self, max_cells):
        """(row number, [cell text or None, ...]) of each row that holds a value, up to its last value, as the sheet's
        XML is read: a chunk of XML at a time, so only the rows of one chunk are held."""
        reader = SheetReader(self, max_cells, self.merged_down())
        with self.archive.open(self.sheet) as stream:
            while chunk := stream.read(XML_CHUNK_BYTES):
                reader.parser.Parse(chunk, False)
                rows, reader.rows = reader.rows, []
                yield from rows
            reader.parser.Parse(b"", True)
        yield from reader.rows


class SheetReader:
    """The first sheet's XML read as a stream of expat events: no element tree is built, only the cells that hold a
    value are kept, and the cells kept are counted against SINKBOARD_MAX_CELLS as they come. Element names are
    compared whole, in the namespace of the sheet's root element (transitional or strict OOXML)."""

    def __init__(self, workbook, max_cells, merged_down=None):
        self.workbook, self.max_cells, self.cells_read = workbook, max_cells, 0
        # a value merged down a column is Excel's for every row of the range: column -> (value, last row)
        self.merged_down, self.filling = merged_down or {}, {}
        self.formula, self.saved = None, False  # the formula of the cell being read, if any; whether it has a <v>
        self.rows, self.number, self.values, self.column = [], 0, {}, -1
        self.kind = self.style = None
        self.text, self.collecting, self.inline, self.phonetic = [], False, False, False
        self.names = None
        self.parser = expat.ParserCreate(namespace_separator="}")
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self.first_start
        self.parser.CharacterDataHandler = self.characters
        self.parser.StartDoctypeDeclHandler = self.doctype

    @staticmethod
    def doctype(*_):
        raise FileProblem("the sheet declares a DOCTYPE, which no workbook does")

    def first_start(self, name, attributes):
        namespace = name[: name.rfind("}") + 1]
        self.c, self.v, self.row, self.t, self.inline_string, self.rph, self.f = (
            namespace + tag for tag in ("c", "v", "row", "t", "is", "rPh", "f"))
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end

    def characters(self, data):
        if self.collecting:
            self.text.append(data)

    def start(self, name, attributes):
        if name == self.c:
            reference = attributes.get("r")
            self.column = column_index(reference) if reference else self.column + 1
            self.kind, self.style, self.text, self.inline = attributes.get("t"), attributes.get("s"), [], False
            self.formula, self.saved = None, False
        elif name == self.f:
            self.formula, self.collecting, self.text = "", True, []
        elif name == self.v:
            self.collecting, self.saved = True, True
            self.text = []
        elif name == self.row:
            self.number = int(attributes.get("r") or self.number + 1)
            self.values, self.column = {}, -1
        elif name == self.inline_string:
            self.inline = True
        elif name == self.rph:
            self.phonetic = True
        elif name == self.t and self.inline and not self.phonetic:
            self.collecting = True

    def end(self, name):
        if name == self.v:
            self.collecting = False
        elif name == self.f:
            self.formula, self.collecting, self.text = "".join(self.text), False, []
        elif name == self.c:
            if self.formula is not None and not self.saved and not self.inline:
                cell = f"{column_letters(self.column)}{self.number}"
                raise FileProblem(
                    f"cell {cell} holds a formula ({'=' + self.formula if self.formula else 'shared'}) without a saved "
                    f"value: open the workbook in Excel or WPS and save it again, so that its values are calculated")
            if self.text:
                if self.kind == "s":  # most cells: a shared string, already normalised
                    index = int("".join(self.text))
                    if index >= len(self.workbook.strings):
                        raise FileProblem(f"not a readable XLSX workbook (cell {column_letters(self.column)}{self.number} "
                                          f"refers to shared string {index}, but the workbook holds "
                                          f"{len(self.workbook.strings)})")
                    value = self.workbook.strings[index]
                else:
                    value = self.workbook.value("inlineStr" if self.inline else self.kind, self.style, "".join(self.text))
                if value is not None:
                    self.values[self.column] = value
        elif name == self.row:
            if self.values:
                self.end_row()
        elif name == self.t:
            self.collecting = False
        elif name == self.rph:
            self.phonetic = False

    def fill_merged(self):
        """Gives an empty cell of a range merged down its column the range's value; starts the ranges of this row."""
        for column, (value, last) in list(self.filling.items()):
            if self.number > last:
                del self.filling[column]
            elif column not in self.values:
                self.values[column] = value
        for column, value in self.values.items():
            last = self.merged_down.get((self.number, column))
            if last is not None:
                self.filling[column] = (value, last)

    def end_row(self):
        if self.merged_down or self.filling:
            self.fill_merged()
        width = max(self.values) + 1
        self.cells_read += width
        if self.cells_read > self.max_cells:
            raise FileProblem(
                f"the sheet holds more than {self.max_cells:,} cells (counting each row up to its last value; "
                f"row {self.number} reaches column {width}); the limit is the setting SINKBOARD_MAX_CELLS"
            )
        row = [None] * width
        for position, value in self.values.items():
            row[position] = value
        self.rows.append((self.number, row))
        self.values = {}


def column_letters(index):
    """XFD for 16383: a zero-based column as Excel names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def file_sha256(path: Path):
    digest = hashlib.sha256()
    for chunk in chunks(path):
        digest.update(chunk)
    return digest.hexdigest()


def read_xlsx(path: Path) -> Sheet:
    sha256 = file_sha256(path)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise FileProblem(f"not a readable XLSX workbook ({error})") from error
    try:
        unpacked, limit = sum(info.file_size for info in archive.infolist()), setting(MAX_XLSX_BYTES)
        if unpacked > limit:
            # zipfile stops at the declared size, so the declared sizes bound what reading can unpack
            raise FileProblem(
                f"the workbook would unpack to {unpacked:,} bytes from {path.stat().st_size:,}, more than the setting "
                f"SINKBOARD_MAX_XLSX_BYTES ({limit:,}); refused as a possible zip bomb"
            )
        workbook = unreadable_as_problem(lambda: Workbook(archive))
    except BaseException:
        archive.close()
        raise
    return Sheet("xlsx", xlsx_rows(archive, workbook, setting(MAX_CELLS)), sha256)


def unreadable_as_problem(read):
    try:
        return read()
    except FileProblem:
        raise
    except Exception as error:  # damaged XML, a missing part, a string index past the table, a damaged zip
        raise FileProblem(f"not a readable XLSX workbook ({type(error).__name__}: {error})") from error


def xlsx_rows(archive, workbook, max_cells):
    with archive:
        rows = workbook.rows(max_cells)
        while True:
            row = unreadable_as_problem(lambda: next(rows, None))
            if row is None:
                return
            yield row


# ---- Parquet ----

def days_text(days):
    """A day outside Python's dates (year 10000, or before year 1) as ISO-like text, which no date parser accepts."""
    return str(np.datetime64(int(days), "D"))


def parquet_values(name, column, encodings):
    """A column as Python values: dates and times as the day they name (tz-aware ones in China), bytes as text."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_timestamp(kind):
        per_second = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}[kind.unit]
        return [None if v is None else timestamp_value(v, per_second, kind.tz is not None)
                for v in column.cast(pa.int64()).to_pylist()]
    if pa.types.is_date32(kind) or pa.types.is_date64(kind):
        per_day, storage = (1, pa.int32()) if pa.types.is_date32(kind) else (86_400_000, pa.int64())
        return [None if v is None else day_value(v // per_day) for v in column.cast(storage).to_pylist()]
    if is_binary(kind):
        return [None if v is None else v.decode(encodings[name]) for v in column.to_pylist()]
    return column.to_pylist()


def is_binary(kind):
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind) or (
        hasattr(pa.types, "is_binary_view") and pa.types.is_binary_view(kind))


EPOCH = dt.datetime(1970, 1, 1)


def day_value(days):
    try:
        return dt.date(1970, 1, 1) + dt.timedelta(days=days)
    except OverflowError:
        return days_text(days)


def timestamp_value(value, per_second, is_utc):
    seconds, fraction = divmod(value, per_second)
    try:
        moment = EPOCH + dt.timedelta(seconds=seconds, microseconds=fraction * 1_000_000 // per_second)
        return moment.replace(tzinfo=dt.timezone.utc) if is_utc else moment
    except OverflowError:
        return days_text(seconds // 86_400)


def binary_encodings(parquet, names):
    """Per BINARY column (text written without its UTF-8 annotation): UTF-8, else GB18030 for the whole column, read in
    a pass of its own so that the choice is the whole column's, not one batch's."""
    found = {}
    for name in names:
        first_not_utf8, is_gb18030, offset = None, True, 0
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=[name]):
            for index, value in enumerate(batch.column(0).to_pylist(), start=offset):
                if value is None:
                    continue
                if first_not_utf8 is None and not is_text(value, "utf-8"):
                    first_not_utf8 = index
                if is_gb18030 and not is_text(value, "gb18030"):
                    is_gb18030 = False
            offset += batch.num_rows
        if first_not_utf8 is None:
            found[name] = "utf-8"
        elif is_gb18030:
            found[name] = "gb18030"
        else:
            raise FileProblem(f"column {name!r} holds bytes that are neither UTF-8 nor GB18030 text "
                              f"(row {first_not_utf8 + 2})")
    return found


def is_text(data, encoding="utf-8"):
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def read_parquet(path: Path) -> Sheet:
    sha256 = file_sha256(path)
    try:
        parquet = pq.ParquetFile(str(path))
        schema = parquet.schema_arrow
        encodings = binary_encodings(parquet, [f.name for f in schema if is_binary(f.type)])
    except FileProblem:
        raise
    except Exception as error:  # pyarrow raises several error types for damaged files
        raise FileProblem(f"not a readable Parquet file ({type(error).__name__}: {error})") from error
    header = (row for row in [(1, [cell_text(name) for name in schema.names])])  # row 1, from the schema
    nested = tuple(i for i, field in enumerate(schema) if pa.types.is_nested(field.type))
    return Sheet("parquet", header, sha256, has_header_in_schema=True,
                 batches=parquet_batches(parquet, schema, encodings), source=parquet, nested=nested)


def parquet_batches(parquet, schema, encodings):
    """Each batch of BATCH_ROWS rows as (row numbers from 2, [text array per column]): converted column by column in
    Arrow, cell by cell in Python only where Arrow's text is not the one cell_text gives (dates and times, bytes, a
    float such as 1e+20 or NaN)."""
    with parquet:
        number = 2
        batches = parquet.iter_batches(batch_size=BATCH_ROWS)
        while True:
            try:
                batch = next(batches, None)
            except Exception as error:  # a damaged row group
                raise FileProblem(f"not a readable Parquet file ({type(error).__name__}: {error})") from error
            if batch is None:
                return
            columns = [column_text(name, column, encodings) for name, column in zip(schema.names, batch.columns)]
            yield pa.array(range(number, number + batch.num_rows), pa.int64()), columns
            number += batch.num_rows


def column_text(name, column, encodings):
    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or getattr(pa.types, "is_string_view", bool)(kind):
        return column.cast(pa.string())
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind) or pa.types.is_null(kind):
        return column.cast(pa.string())
    if pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        text = column.cast(pa.string())
        odd = pc.match_substring_regex(text, "[eEnN]")  # 1e+20, 1E+4, nan, inf: cell_text writes these its own way
        if not pc.any(odd).as_py():
            return text
    if pa.types.is_nested(kind):  # kept as JSON text for the raw row; the ingest refuses one in a contract column
        return pa.array([None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in column.to_pylist()],
                        pa.string())
    # dates, times, bytes, and a batch with an odd number: cell by cell
    return pa.array([cell_text(v) for v in parquet_values(name, column, encodings)], pa.string())


def read_file(path: Path) -> Sheet:
    """One export, opened to be read as a stream: its rows are read as Sheet.rows is iterated (close it, or read it
    to the end, to close the file)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FileProblem(f"unsupported file type {suffix!r}; exports are {', '.join(SUFFIXES)}")
    if not stat.S_ISREG(path.stat().st_mode):
        raise FileProblem("not a file (a folder or a special file where an export should be)")
    if suffix == ".csv":
        return read_csv(path)
    if suffix == ".xlsx":
        return read_xlsx(path)
    return read_parquet(path)
