"""CSV exports, read in two passes over the bytes, each in chunks: the first hashes the file and finds its encoding
(the whole file must decode), the second parses it with csv.reader over an incremental decoder."""

import codecs
import csv
import hashlib
import io
import os
from pathlib import Path

import charset_normalizer

from sinkboard.ingest.readers.cells import HEADER_REGION_LINES, MAX_COLUMNS, FileProblem, Sheet, too_wide

CHUNK_BYTES = 1 << 20
BOM = b"\xef\xbb\xbf"
GUESS_BYTES = 4 << 20  # what the detector sees of a file that is neither UTF-8 nor GB18030
# commas and tabs on one line past which it is refused unread (csv.reader would hold its cells at once): far more than
# MAX_COLUMNS, and no fewer than a chunk's bytes, so that only a line running across chunks can reach it
MAX_LINE_SEPARATORS = CHUNK_BYTES


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
    byte in UTF-8 or GB18030 text means a damaged file (an interrupted copy, a binary file): refused, naming its line;
    so is a line of more than MAX_LINE_SEPARATORS commas or tabs."""
    digest, head, nul, fed = hashlib.sha256(), b"", None, 0
    running, running_from, long_line = 0, 0, None  # separators of the line running into the next chunk, its start
    for chunk in chunks(path):
        digest.update(chunk)
        if len(head) < GUESS_BYTES:
            head += chunk[: GUESS_BYTES - len(head)]
        if nul is None and (found := chunk.find(b"\x00")) >= 0:
            nul = fed + found
        ends = line_ends(chunk)
        if ends is None:
            running += separators(chunk)
        else:
            if long_line is None and running + separators(chunk, 0, ends[0]) > MAX_LINE_SEPARATORS:
                long_line = running_from
            running, running_from = separators(chunk, ends[1] + 1), fed + ends[1] + 1
        fed += len(chunk)
    if long_line is None and running > MAX_LINE_SEPARATORS:
        long_line = running_from
    for magic, kind, suffix in OTHER_KINDS:
        if head.startswith(magic):
            raise FileProblem(f"this is {kind}, not a CSV file: rename it to {suffix}")
    encoding = text_encoding(path, head)
    if nul is not None and encoding in ("utf-8", "utf-8-sig", "gb18030"):
        line = sum(chunk.count(b"\n") for chunk in bounded(chunks(path), nul)) + 1
        raise FileProblem(f"holds a NUL byte on line {line} (byte {nul + 1}): the file is damaged or not text; "
                          f"export it again")
    if long_line is not None:
        line = sum(chunk.count(b"\n") for chunk in bounded(chunks(path), long_line)) + 1
        raise FileProblem(f"line {line} holds more than {MAX_LINE_SEPARATORS:,} commas or tabs, far more cells than "
                          f"the {MAX_COLUMNS:,} a row of a spreadsheet holds (Excel's columns A to XFD)")
    return encoding, digest.hexdigest()


def line_ends(chunk):
    """Offsets of the first and the last line end (\\n or \\r) in a chunk of bytes; None when it holds none."""
    found = [at for at in (chunk.find(b"\n"), chunk.find(b"\r")) if at >= 0]
    if not found:
        return None
    return min(found), max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))


def separators(chunk, start=0, end=None):
    """Commas and tabs in a stretch of bytes, whichever is the delimiter and quoted or not: a line holds one cell more
    at most."""
    return chunk.count(b",", start, end) + chunk.count(b"\t", start, end)


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
            for number, cells in enumerate(csv.reader(text, delimiter=delimiter, strict=True), start=1):
                if len(cells) > MAX_COLUMNS:
                    raise too_wide(number)
                yield number, cells
        except csv.Error as error:
            raise FileProblem(f"not a well-formed CSV file ({error})") from error
        except UnicodeDecodeError as error:  # only a detector's guess can fail past the part it saw
            raise FileProblem(f"the bytes are not {encoding} text throughout ({error.reason})") from error
