"""Export files within the ingest's size limits that cost far more to read than their size suggests (issue 18): a
workbook whose shared-string table holds a great many distinct strings, and a CSV of a few rows and a great many
columns. Each is written a piece at a time, so that writing it holds little memory and the file stays small on disk."""

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from exports import PROJECT_HEADER, project

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PIECE = 100_000  # strings or cells written at a time


def workbook_parts(sheet_xml):
    """The parts of a one-sheet workbook besides its shared strings."""
    return {
        "[Content_Types].xml": XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": XML + f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
        f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": XML + f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": XML + f'<Relationships xmlns="{PACKAGE}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }


def many_shared_strings(path: Path, strings: int, rows=2):
    """A projects workbook of a header and `rows` projects whose shared-string table holds `strings` distinct strings
    (the hexadecimal numbers from 0) after those its cells use: 46 million of them unpack to just under 1 GiB."""
    table = [*PROJECT_HEADER[:7], *(value for i in range(rows) for value in project(f"P{i + 1}")[:7])]
    sheet = [XML, f'<worksheet xmlns="{MAIN}"><sheetData>']
    for number in range(rows + 1):
        cells = "".join(f'<c r="{letter}{number + 1}" t="s"><v>{number * 7 + column}</v></c>'
                        for column, letter in enumerate("ABCDEFG"))
        sheet.append(f'<row r="{number + 1}">{cells}</row>')
    sheet.append("</sheetData></worksheet>")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in workbook_parts("".join(sheet)).items():
            archive.writestr(name, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            count = len(table) + strings
            part.write(f'{XML}<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">'.encode())
            part.write("".join(f"<si><t>{escape(text)}</t></si>" for text in table).encode())
            for start in range(0, strings, PIECE):
                piece = range(start, min(start + PIECE, strings))
                part.write("".join(f"<si><t>{i:x}</t></si>" for i in piece).encode())
            part.write(b"</sst>")
    return path


def many_columns(path: Path, columns: int, rows=2):
    """A projects CSV of a header and `rows` projects, each row `columns` cells wide: the columns past the contract's
    are named and hold a number each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    extra = range(len(PROJECT_HEADER), columns)
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write(",".join(PROJECT_HEADER))
        for start in range(extra.start, extra.stop, PIECE):
            file.write("".join(f",列{i}" for i in range(start, min(start + PIECE, extra.stop))))
        file.write("\n")
        for number in range(rows):
            file.write(",".join(v or "" for v in project(f"P{number + 1}")))
            for start in range(extra.start, extra.stop, PIECE):
                file.write("".join(f",{i}" for i in range(start, min(start + PIECE, extra.stop))))
            file.write("\n")
    return path
