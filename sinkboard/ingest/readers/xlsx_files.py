"""XLSX exports, read by streaming the first sheet's XML rather than through a spreadsheet library: a library builds the
sheet as one dense grid (a stray cell at XFD1048576 asks for hundreds of GB) and reads error cells (#N/A) as empty.
Here only the cells that hold values are kept, each row up to its last value, within SINKBOARD_MAX_CELLS."""

import datetime as dt
import math
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from sinkboard.ingest.readers.cells import (
    MAX_COLUMNS,
    FileProblem,
    Sheet,
    cell_text,
    setting,
    text_cell,
    too_wide,
)
from sinkboard.store.files import file_sha256

# Settings (README, "Settings"): what one workbook may hold before it is refused rather than read
MAX_CELLS = ("SINKBOARD_MAX_CELLS", 20_000_000)  # cells of the rows that hold data, each row up to its last value
MAX_XLSX_BYTES = ("SINKBOARD_MAX_XLSX_BYTES", 1 << 30)  # the workbook's parts, unpacked, as its zip directory declares
MAX_SHARED_STRINGS = ("SINKBOARD_MAX_SHARED_STRINGS", 3_000_000)  # distinct texts in its shared-string table
XML_CHUNK_BYTES = 1 << 16  # what the sheet's XML is parsed in: a few hundred rows at a time

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


def streaming_parser(reader, part):
    """An expat parser of one of the workbook's XML parts, fed in chunks to the reader's handlers (first_start,
    characters); a DOCTYPE, which no workbook has, could declare entities that expand without bound: refused."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = reader.first_start
    parser.CharacterDataHandler = reader.characters

    def doctype(*_):
        raise FileProblem(f"{part} declares a DOCTYPE, which no workbook does")

    parser.StartDoctypeDeclHandler = doctype
    return parser


class SharedStrings:
    """The workbook's shared-string table, read as a stream of expat events (no element tree is built): each text
    normalised as text_cell makes it, without its phonetic guides. The whole table is held while the sheet is read, and
    a text costs its parsing and a Python string however short it is written, so the texts are counted against
    SINKBOARD_MAX_SHARED_STRINGS as they come."""

    def __init__(self, max_strings):
        self.max_strings, self.strings = max_strings, []
        self.text, self.collecting, self.phonetic = [], False, False
        self.parser = streaming_parser(self, "the shared-string table")

    def read(self, stream):
        while chunk := stream.read(XML_CHUNK_BYTES):
            self.parser.Parse(chunk, False)
        self.parser.Parse(b"", True)
        return self.strings

    def first_start(self, name, attributes):
        namespace = name[: name.rfind("}") + 1]
        self.si, self.t, self.rph = (namespace + tag for tag in ("si", "t", "rPh"))
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end

    def characters(self, data):
        if self.collecting:
            self.text.append(data)

    def start(self, name, attributes):
        if name == self.t:
            self.collecting = not self.phonetic
        elif name == self.rph:
            self.phonetic = True

    def end(self, name):
        if name == self.t:
            self.collecting = False
        elif name == self.si:
            if len(self.strings) == self.max_strings:
                raise FileProblem(
                    f"the workbook's shared-string table holds more than {self.max_strings:,} distinct texts, all of "
                    f"which are kept in memory while its sheet is read; the limit is the setting "
                    f"SINKBOARD_MAX_SHARED_STRINGS")
            self.strings.append(text_cell(unescape("".join(self.text))))
            self.text = []
        elif name == self.rph:
            self.phonetic = False


def shared_strings(archive, part, max_strings):
    """The texts of the shared-string table (none when the workbook has no such part), normalised."""
    if part is None or part not in archive.NameToInfo:
        return []
    with archive.open(part) as stream:
        return SharedStrings(max_strings).read(stream)


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
    def __init__(self, archive, max_strings):
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
        self.strings = shared_strings(archive, by_kind.get("sharedStrings"), max_strings)
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
        self.parser = streaming_parser(self, "the sheet")

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
            if self.column >= MAX_COLUMNS:  # past XFD: a row's cells are kept until it ends
                raise too_wide(self.number)
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
        max_strings = setting(MAX_SHARED_STRINGS)
        workbook = unreadable_as_problem(lambda: Workbook(archive, max_strings))
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
