"""XLSX workbooks written as the XML parts of a zip, for shapes no spreadsheet library writes on request: shared strings
left out, inline strings, a 1904 date system, merged cells, several sheets in an order other than their part names,
formulas with and without a saved value, hidden columns, cells without references, Strict OOXML."""

import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"

# cell styles (index into cellXfs) of the styles part written below
GENERAL, DATE, CHINESE_DATE, MU = 0, 1, 2, 3


@dataclass(frozen=True)
class Cell:
    """One cell as Excel saves it: <c t=.. s=..><f>..</f><v>..</v></c>, or an inline string (<is><t>..</t></is>)."""
    value: str | None = None  # the text of <v>
    t: str | None = None  # the cell type attribute: s, str, n, b, e, d, inlineStr
    s: int | None = None  # style index
    f: str | None = None  # formula text
    inline: str | None = None  # the text of an inline string (t="inlineStr")


@dataclass
class SheetSpec:
    name: str
    rows: list  # [(row number, [value or Cell or None, ...]), ...] or plain lists (numbered from 1)
    part: str = ""  # part name under xl/worksheets/; sheet<position>.xml when empty
    merged: tuple = ()  # ranges such as "C2:C4"
    hidden_columns: tuple = ()  # 1-based column numbers hidden in <cols>
    hidden_rows: tuple = ()  # row numbers written with hidden="1"
    references: bool = True  # write r="A1" on cells and r="1" on rows (some generators leave them out)
    state: str | None = None  # sheet state in the workbook: hidden, veryHidden


def column_letters(index):
    """Zero-based column index as letters: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Strings:
    def __init__(self):
        self.items, self.index = [], {}

    def add(self, text):
        if text not in self.index:
            self.index[text] = len(self.items)
            self.items.append(text)
        return self.index[text]


def cell_xml(reference, value, strings, inline_strings):
    if value is None:
        return ""
    ref = f' r="{reference}"' if reference else ""
    if isinstance(value, Cell):
        attributes = ref + (f' t="{value.t}"' if value.t else "") + (f' s="{value.s}"' if value.s is not None else "")
        body = ""
        if value.f is not None:
            body += f"<f>{escape(value.f)}</f>"
        if value.inline is not None:
            body += f'<is><t xml:space="preserve">{escape(value.inline)}</t></is>'
        if value.value is not None:
            body += f"<v>{escape(value.value)}</v>"
        return f"<c{attributes}>{body}</c>"
    if isinstance(value, bool):
        return f'<c{ref} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f"<c{ref}><v>{value!r}</v></c>"
    if inline_strings:
        return f'<c{ref} t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'
    return f'<c{ref} t="s"><v>{strings.add(value)}</v></c>'


def sheet_xml(spec: SheetSpec, strings, inline_strings, main):
    rows = spec.rows if spec.rows and isinstance(spec.rows[0], tuple) else list(enumerate(spec.rows, start=1))
    parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{main}">']
    if spec.hidden_columns:
        parts.append("<cols>" + "".join(f'<col min="{c}" max="{c}" width="0" hidden="1" customWidth="1"/>'
                                        for c in spec.hidden_columns) + "</cols>")
    parts.append("<sheetData>")
    for number, cells in rows:
        row_ref = (f' r="{number}"' if spec.references else "") + (' hidden="1"' if number in spec.hidden_rows else "")
        body = "".join(cell_xml(f"{column_letters(i)}{number}" if spec.references else "", v, strings, inline_strings)
                       for i, v in enumerate(cells))
        parts.append(f"<row{row_ref}>{body}</row>")
    parts.append("</sheetData>")
    if spec.merged:
        parts.append(f'<mergeCells count="{len(spec.merged)}">'
                     + "".join(f'<mergeCell ref="{r}"/>' for r in spec.merged) + "</mergeCells>")
    parts.append("</worksheet>")
    return "".join(parts)


STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{main}">
<numFmts count="2">
<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
<numFmt numFmtId="165" formatCode="#,##0.00&quot;亩&quot;"/>
</numFmts>
<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


def write_raw_xlsx(path: Path, sheets, *, date1904=False, inline_strings=False, shared_strings=True, strict=False,
                   active_tab=0):
    """Writes the workbook's parts by hand. shared_strings=False leaves the shared-strings part (and its relationship)
    out although cells still point into it; strict=True writes Strict OOXML namespaces."""
    path.parent.mkdir(parents=True, exist_ok=True)
    main, rel_ns = (STRICT_MAIN, STRICT_RELATIONSHIPS) if strict else (MAIN, RELATIONSHIPS)
    rel_type = (STRICT_RELATIONSHIPS if strict else RELATIONSHIPS) + "/"
    strings = Strings()
    sheet_parts = []
    for position, spec in enumerate(sheets, start=1):
        part = spec.part or f"sheet{position}.xml"
        sheet_parts.append((spec, part, sheet_xml(spec, strings, inline_strings, main)))
    workbook = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{main}" xmlns:r="{rel_ns}">']
    workbook.append(f'<workbookPr{" date1904=" + quoteattr("1") if date1904 else ""}/>')
    workbook.append(f'<bookViews><workbookView activeTab="{active_tab}"/></bookViews><sheets>')
    for position, (spec, part, _) in enumerate(sheet_parts, start=1):
        state = f' state="{spec.state}"' if spec.state else ""
        workbook.append(f'<sheet name={quoteattr(spec.name)} sheetId="{position}"{state} r:id="rId{position}"/>')
    workbook.append("</sheets></workbook>")
    book_rels = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE}">']
    for position, (_, part, _) in enumerate(sheet_parts, start=1):
        book_rels.append(f'<Relationship Id="rId{position}" Type="{rel_type}worksheet" Target="worksheets/{part}"/>')
    count = len(sheet_parts)
    book_rels.append(f'<Relationship Id="rId{count + 1}" Type="{rel_type}styles" Target="styles.xml"/>')
    if shared_strings:
        book_rels.append(f'<Relationship Id="rId{count + 2}" Type="{rel_type}sharedStrings" Target="sharedStrings.xml"/>')
    book_rels.append("</Relationships>")
    types = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    for _, part, _ in sheet_parts:
        types.append(f'<Override PartName="/xl/worksheets/{part}" '
                     'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    types.append('<Override PartName="/xl/styles.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>')
    if shared_strings:
        types.append('<Override PartName="/xl/sharedStrings.xml" '
                     'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    types.append("</Types>")
    package_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE}">'
                    f'<Relationship Id="rId1" Type="{rel_type}officeDocument" Target="xl/workbook.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "".join(types))
        archive.writestr("_rels/.rels", package_rels)
        archive.writestr("xl/workbook.xml", "".join(workbook))
        archive.writestr("xl/_rels/workbook.xml.rels", "".join(book_rels))
        archive.writestr("xl/styles.xml", STYLES.replace("{main}", main))
        for _, part, xml in sheet_parts:
            archive.writestr(f"xl/worksheets/{part}", xml)
        if shared_strings:
            items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings.items)
            archive.writestr("xl/sharedStrings.xml",
                             f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{main}" '
                             f'count="{len(strings.items)}" uniqueCount="{len(strings.items)}">{items}</sst>')
    return path
