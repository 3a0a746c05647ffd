"""Reads one exported file (CSV, XLSX or Parquet) as a stream of rows of normalised text, each with the row number a
person sees: no reader holds a whole file, so memory does not grow with the export's size."""

import codecs
import csv
import datetime as dt
import hashlib
import io
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


def csv_encoding(path: Path):
    """Encoding name and SHA-256: UTF-8 (with or without BOM) first, then GB18030, then a detector's best guess."""
    digest, head = hashlib.sha256(), b""
    for chunk in chunks(path):
        digest.update(chunk)
        if len(head) < GUESS_BYTES:
            head += chunk[: GUESS_BYTES - len(head)]
    if head.startswith(BOM):
        position = decodes_as(path, "utf-8", start=len(BOM))
        if position is not None:
            line = sum(chunk.count(b"\n") for chunk in bounded(chunks(path, len(BOM)), position)) + 1
            raise FileProblem(
                f"starts with a UTF-8 byte-order mark, but line {line} is not UTF-8 text (byte {position + 3}); "
                f"save the file again as UTF-8 or as GB18030"
            )
        return "utf-8-sig", digest.hexdigest()
    for encoding in ("utf-8", "gb18030"):
        if decodes_as(path, encoding) is None:
            return encoding, digest.hexdigest()
    guess = charset_normalizer.from_bytes(head).best()
    if guess is None:
        raise FileProblem("the bytes are not text in any known encoding")
    return guess.encoding, digest.hexdigest()


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
            for number, record in enumerate(csv.reader(text, delimiter=delimiter, strict=True), start=1):
                yield number, [text_cell(v) for v in record]
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

    def rows(self, max_cells):
        """(row number, [cell text or None, ...]) of each row that holds a value, up to its last value, as the sheet's
        XML is read: a chunk of XML at a time, so only the rows of one chunk are held."""
        reader = SheetReader(self, max_cells)
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

    def __init__(self, workbook, max_cells):
        self.workbook, self.max_cells, self.cells_read = workbook, max_cells, 0
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
        self.c, self.v, self.row, self.t, self.inline_string, self.rph = (
            namespace + tag for tag in ("c", "v", "row", "t", "is", "rPh"))
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
        elif name == self.v:
            self.collecting = True
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
        elif name == self.c:
            if self.text:
                if self.kind == "s":  # most cells: a shared string, already normalised
                    value = self.workbook.strings[int("".join(self.text))]
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

    def end_row(self):
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
    return Sheet("parquet", parquet_rows(parquet, schema, encodings), sha256, has_header_in_schema=True)


def parquet_rows(parquet, schema, encodings):
    """The header (row 1, from the schema), then each row, a batch of BATCH_ROWS at a time."""
    with parquet:
        yield 1, [cell_text(name) for name in schema.names]
        number = 2
        batches = parquet.iter_batches(batch_size=BATCH_ROWS)
        while True:
            try:
                batch = next(batches, None)
            except Exception as error:  # a damaged row group
                raise FileProblem(f"not a readable Parquet file ({type(error).__name__}: {error})") from error
            if batch is None:
                return
            columns = []
            for name, column in zip(schema.names, batch.columns):
                values = parquet_values(name, column, encodings)
                if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
                    columns.append([None if v is None else text_cell(v) for v in values])
                elif pa.types.is_integer(column.type):
                    columns.append([None if v is None else str(v) for v in values])
                else:
                    columns.append([cell_text(v) for v in values])
            rows = map(list, zip(*columns)) if columns else ([] for _ in range(batch.num_rows))
            yield from zip(range(number, number + batch.num_rows), rows)
            number += batch.num_rows


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
