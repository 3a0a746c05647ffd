"""The briefing's deck and workbook as a reader's office suite opens them: converted to PDF by Debian's LibreOffice
(`make office-deps`) and read back with poppler's pdftotext, in both languages, on the shipped sample."""

import io
import re
import subprocess
import zipfile

import openpyxl
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from sinkboard.outputs import briefing
from sinkboard.store import warehouse
from sinkboard.text.catalogue import text

# a CJK ideograph: a Chinese sheet name holds at least one
CJK = re.compile(r"[\u4e00-\u9fff]")
EMU_PER_POINT = 12_700


@pytest.fixture(scope="module", params=["zh", "en"])
def converted(request, sample_warehouse, tmp_path_factory):
    """The sample's pack in one language: the pack, the deck and workbook files, the PDFs LibreOffice makes of them,
    and the Vega-Lite specs the deck's chart pictures are drawn from."""
    lang = request.param
    folder = tmp_path_factory.mktemp(f"office_{lang}")
    connection = warehouse.connect(sample_warehouse / "internal.duckdb")
    try:
        pack = briefing.gather(lambda name, **params: warehouse.run_query(connection, name, **params), lang=lang)
    finally:
        connection.close()
    deck, book = folder / "deck.pptx", folder / "book.xlsx"
    deck_bytes, pictures = briefing.deck_with_pictures(pack)
    deck.write_bytes(deck_bytes)
    book.write_bytes(briefing.workbook_bytes(pack))
    # a profile of its own: a LibreOffice already open for someone else on this machine is not disturbed
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(deck), str(book)], check=True, capture_output=True, timeout=300)
    return pack, deck, book, folder / "deck.pdf", folder / "book.pdf", pictures


def pdf_pages(pdf):
    found = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", found, re.M).group(1))


def page_text(pdf, number):
    """The text of one page, without white space (line breaks fall where the renderer puts them), a date's
    non-breaking hyphens (U+2011) read as hyphens."""
    found = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", found).replace("\u2011", "-")


def pdf_words(pdf):
    """Every word of the PDF as laid out, each line broken where the renderer broke it."""
    found = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return re.findall(r"<word [^>]*>([^<]*)</word>", found)


def test_the_deck_has_a_page_per_slide_and_the_summary_second_with_every_figure(converted):
    pack, _, _, deck_pdf, *_ = converted
    assert pdf_pages(deck_pdf) == len(pack.slides) == 11
    summary = pack.slides[1]
    assert summary.key == "summary" and summary.lines
    shown = page_text(deck_pdf, 2)
    assert re.sub(r"\s+", "", summary.title) in shown
    for line in summary.lines:
        # no figure left out ("— a year"), none unknown, and each sentence states one
        assert not re.search(r"—|\bNone\b|\bnan\b|\bNaN\b|: *[—–-] ", line), line
        assert re.search(r"\d", line), line
        assert re.sub(r"\s+", "", line) in shown


def test_no_date_in_the_deck_breaks_across_lines(converted):
    # LibreOffice breaks a Chinese line after the hyphen of 2025-10-30: a word "2025-" ending a line
    words = pdf_words(converted[3])
    assert "2025‑10‑30" in words or "2025-10-30" in words
    assert [word for word in words if re.search(r"\d{4}[-‑](\d{2}[-‑])?$", word)] == []


def font_sizes(spec):
    """Every font size a Vega-Lite spec sets, wherever it sets it."""
    if isinstance(spec, dict):
        return [size for key, value in spec.items() if key not in ("data", "datasets")
                for size in ([value] if key.lower().endswith("fontsize") and isinstance(value, (int, float))
                             else font_sizes(value))]
    if isinstance(spec, list):
        return [size for value in spec for size in font_sizes(value)]
    return []


def test_chart_pictures_have_no_text_under_12_points_at_the_slides_size(converted):
    pack, deck_file, *_, pictures = converted
    deck = Presentation(str(deck_file))
    checked = 0
    for spec_slide, slide in zip(pack.slides, deck.slides):
        shapes = [shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
        if spec_slide.chart is None or spec_slide.native is not None:
            assert shapes == [] and spec_slide.key not in pictures, spec_slide.key
            continue
        [picture] = shapes
        drawn = Image.open(io.BytesIO(picture.image.blob))
        rendered_points = drawn.size[0] / drawn.info["dpi"][0] * 72
        placed_points = picture.width / EMU_PER_POINT
        spec = pictures[spec_slide.key]  # the spec the deck drew this picture from
        config = spec["config"]
        assert all(config[role].get(key) for role, key in (("axis", "labelFontSize"), ("axis", "titleFontSize"),
                                                           ("legend", "labelFontSize"), ("title", "fontSize")))
        smallest = min(font_sizes(spec))
        # to a hundredth of a point: a PNG stores its resolution in whole pixels a metre (200 dpi reads 199.9996)
        assert round(smallest * placed_points / rendered_points, 2) >= briefing.CHART_TEXT_PT, spec_slide.key
        # drawn at about the size it is placed, rather than shrunk with its text
        assert placed_points / rendered_points == pytest.approx(1, abs=0.03), spec_slide.key
        checked += 1
    assert checked == 2  # trading and pools


def test_the_workbook_prints_each_sheet_one_page_wide_its_header_on_every_page(converted):
    pack, _, book_file, _, book_pdf, _ = converted
    book = openpyxl.load_workbook(book_file)
    header_row = len(pack.context) + 2
    headers = {sheet.title: [cell.value for cell in sheet[header_row] if cell.value] for sheet in book.worksheets}
    pages = pdf_pages(book_pdf)
    assert len(book.worksheets) <= pages <= 2 * len(book.worksheets)  # 36 pages before the print setup
    printed = set()
    for number in range(1, pages + 1):
        shown = page_text(book_pdf, number)
        # the first and the last heading of a sheet on every page: the whole width, and the header row repeated (a
        # heading wrapped onto two lines comes out between its neighbours' words: each of its words is looked for)
        sheets = [title for title, names in headers.items()
                  if all(word in shown for word in names[0].split() + names[-1].split())]
        assert sheets, number
        printed |= set(sheets)
    assert printed == set(headers)


def test_the_workbook_names_its_sheets_and_headings_in_its_language_with_formats_and_print_setup(converted):
    pack, _, book_file, *_ = converted
    book = openpyxl.load_workbook(book_file)
    header_row = len(pack.context) + 2
    assert book.sheetnames == [text(f"sheet_{sheet.name}", pack.lang) for sheet in pack.sheets]
    for sheet in book.worksheets:
        assert len(sheet.title) <= 31 and not re.search(r"[\[\]:*?/\\]", sheet.title)
        assert bool(CJK.search(sheet.title)) == (pack.lang == "zh"), sheet.title
        headings = [cell.value for cell in sheet[header_row] if cell.value]
        assert all(bool(CJK.search(h)) == (pack.lang == "zh") or h in ("P25", "P75") for h in headings), headings
        figures = [cell for row in sheet.iter_rows(min_row=header_row + 1) for cell in row
                   if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)]
        assert [cell.coordinate for cell in figures if cell.number_format == "General"] == [], sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9  # 9: A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == f"${header_row}:${header_row}"
    if pack.lang == "zh":
        assert "全省预算（万元）" in [cell.value for cell in book[text("sheet_subsidy_budget", "zh")][header_row]]
        statuses = {row[-1] for row in book["目标进度"].iter_rows(min_row=header_row + 1, values_only=True)}
        assert statuses - {None} <= {"已完成", "未完成", "按期", "滞后", "无分片目标"} and "滞后" in statuses


def test_a_formula_like_name_is_text_without_a_visible_apostrophe(converted):
    pack, _, book_file, _, book_pdf, _ = converted
    name = '=HYPERLINK("http://example.com","合成公式示例")'  # the sample's formula-like project name
    sheet = openpyxl.load_workbook(book_file)[text("sheet_stalled_projects", pack.lang)]
    [cell] = [cell for row in sheet.iter_rows() for cell in row if cell.value == name]
    assert cell.quotePrefix and cell.data_type == "s"
    with zipfile.ZipFile(book_file) as package:
        assert "<f>" not in "".join(package.read(n).decode("utf-8") for n in package.namelist()
                                    if n.startswith("xl/worksheets/"))
    printed = "".join(page_text(book_pdf, n) for n in range(1, pdf_pages(book_pdf) + 1))
    assert re.sub(r"\s+", "", name) in printed and "'" + re.sub(r"\s+", "", name) not in printed
