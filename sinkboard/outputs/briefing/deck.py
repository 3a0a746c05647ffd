"""The briefing's slides as a PowerPoint file (python-pptx, 16:9): the house fonts and colours, the frame every slide
shares, and the layout of its tiles, bulleted lines, tables and charts (native where PowerPoint draws them, else
pictures of the pages' own charts)."""

import io
import math
import re

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from sinkboard.charts import theme
from sinkboard.charts.common import has_panels
from sinkboard.outputs import chart_files
from sinkboard.text.catalogue import text
from sinkboard.text.formats import count
from sinkboard.text.hidden import visible

# charts drawn as pictures in the deck: enough pixels for a projector and for print
DECK_PPI = 200
# the least size of any text of a chart, in points at the slide's size (native charts and pictures alike): a chart's
# labels stay legible on a projector and on a printed page of slides
CHART_TEXT_PT = 12
# a left axis's title written level above its top end, starting at the axis line
UPRIGHT_AXIS_TITLE = {"titleAngle": 0, "titleAlign": "left", "titleBaseline": "bottom", "titleAnchor": "end", "titleX": 0,
                      "titleY": -6}
# the fonts of a Vega-Lite chart that set a size: each text role, so that no default of Vega's (10 or 11 px) is left
CHART_FONT_ROLES = {"axis": ("labelFontSize", "titleFontSize"), "legend": ("labelFontSize", "titleFontSize"),
                    "header": ("labelFontSize", "titleFontSize"), "title": ("fontSize", "subtitleFontSize"),
                    "text": ("fontSize",)}

# the house look: the dashboard's greens, Arial for Latin text and Microsoft YaHei for Chinese. PowerPoint and WPS on
# Windows have YaHei; where it is missing (LibreOffice, WPS on Linux) the runs' GB2312 charset and zh-CN language make the
# renderer substitute a Simplified Chinese sans font, Noto Sans CJK SC from fonts-noto-cjk (checked with LibreOffice)
LATIN_FONT = "Arial"
EAST_ASIAN_FONT = "Microsoft YaHei"
# the house colours (charts.theme)
GREEN = RGBColor.from_string(theme.GREEN[1:])
LIGHT_GREEN = RGBColor(0xE8, 0xF0, 0xEA)
GREY = RGBColor.from_string(theme.MUTED[1:])
DARK = RGBColor.from_string(theme.INK[1:])
RED = RGBColor(0xB4, 0x23, 0x18)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = 0.5  # inches, left and right
CONTENT_WIDTH = 13.333 - 2 * MARGIN
BODY_TOP = 1.55
FOOTER_TOP = 7.02


def _east_asian(r_pr, lang):
    """Arial for Latin text and Microsoft YaHei for Chinese on one run (a:latin, a:ea), and the run's language."""
    for tag in ("a:latin", "a:ea", "a:cs"):
        for old in r_pr.findall(qn(tag)):
            r_pr.remove(old)
    latin = etree.SubElement(r_pr, qn("a:latin"))
    latin.set("typeface", LATIN_FONT)
    ea = etree.SubElement(r_pr, qn("a:ea"))
    ea.set("typeface", EAST_ASIAN_FONT)
    ea.set("charset", "-122")  # GB2312: tells a renderer without YaHei to substitute a Simplified Chinese font
    # schema order: fills and effects, then latin, ea, cs, then hyperlinks; move the fonts before any hyperlink
    for later in [child for child in r_pr if child.tag in (qn("a:hlinkClick"), qn("a:hlinkMouseOver"), qn("a:rtl"),
                                                           qn("a:extLst"))]:
        r_pr.remove(later)
        r_pr.append(later)
    r_pr.set("lang", "zh-CN" if lang == "zh" else "en-US")
    r_pr.set("altLang", "en-US" if lang == "zh" else "zh-CN")


def _house_theme(presentation):
    """The template's theme with Arial and Microsoft YaHei as its fonts (text typed in later gets them too).

    python-pptx has no theme API: the theme part is a plain part whose XML is rewritten here."""
    part = presentation.slide_master.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    theme = etree.fromstring(part.blob)
    for font_set in theme.iter(qn("a:majorFont"), qn("a:minorFont")):
        font_set.find(qn("a:latin")).set("typeface", LATIN_FONT)
        font_set.find(qn("a:ea")).set("typeface", EAST_ASIAN_FONT)
        for script in font_set.findall(qn("a:font")):
            if script.get("script") in ("Hans", "Hant"):
                script.set("typeface", EAST_ASIAN_FONT)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _weight(value):
    """Width of a text in ems: a CJK character is one; in Arial a capital about 0.67, a figure 0.56, other characters
    about half (an ID such as BF202100043 is mostly capitals and figures, and wrapped when taken as half)."""
    return sum(1.0 if ord(ch) > 0x2E80 else 0.67 if ch.isupper() else 0.56 if ch.isdigit() else 0.5 for ch in value)


def _text_height(value, size, width, margin=0.12):
    """Inches a wrapped text of this point size needs in a box this many inches wide (with the box's margins)."""
    per_line = max(1.0, (width - 0.12) * 72 / size)
    lines = sum(max(1, math.ceil(_weight(part) / per_line)) for part in str(value).split("\n"))
    leading = 1.35 if any(ord(ch) > 0x2E80 for ch in str(value)) else 1.2  # CJK fonts' lines are taller
    return lines * size * leading / 72 + margin


def _column_widths(table, width, size):
    """Inches per column: a short column (a date, a figure, a code) gets its text's width and keeps it on one line;
    the long ones (names, rules) share the rest and wrap."""
    # a heading may wrap between its words, never inside one
    natural = [max([_weight(h) * 0.5, *(_weight(word) * 1.1 for word in h.split()),
                    *(_weight(row[c]) for row in table.rows)]) * size / 72 + 0.16 for c, h in enumerate(table.columns)]
    if sum(natural) <= width:
        return [width * n / sum(natural) for n in natural]
    short = [n <= 1.3 for n in natural]
    rest = width - sum(n for n, is_short in zip(natural, short) if is_short)
    long_total = sum(n for n, is_short in zip(natural, short) if not is_short)
    if rest <= 0.8 * short.count(False):  # too many short columns: share it all
        return [width * n / sum(natural) for n in natural]
    return [n if is_short else rest * n / long_total for n, is_short in zip(natural, short)]


def _no_break_dates(value):
    """A text with the hyphens of its dates non-breaking (U+2011): LibreOffice breaks a Chinese line after the hyphen
    of 2025-10-30 (in a table's heading, a bulleted line); a range of figures like 50-100 keeps them too."""
    return re.sub(r"(?<=\d)-(?=\d)", "\u2011", value)


def _fonts_at_least(spec, size):
    """A copy of a Vega-Lite spec with every font size in it at least `size`, and each text role given one."""
    def raised(node):
        if isinstance(node, dict):
            return {key: (max(value, size) if key.lower().endswith("fontsize") and isinstance(value, (int, float))
                          else value if key in ("data", "datasets") else raised(value)) for key, value in node.items()}
        if isinstance(node, list):
            return [raised(value) for value in node]
        return node

    sized = raised(spec)
    config = dict(sized.get("config", {}))
    for role, keys in CHART_FONT_ROLES.items():
        config[role] = {**{key: size for key in keys}, **config.get(role, {})}
    # a vertical axis's title level, above the axis: turned along it, a title at this size is taller than a short
    # panel and stretches the picture
    config["axisLeft"] = {**config.get("axisLeft", {}), **UPRIGHT_AXIS_TITLE}
    return {**sized, "config": config}


def _placed_scale(png, width, height):
    """Points on the slide per point of the picture as drawn (its pixels at DECK_PPI), placed to fit width × height
    inches."""
    pixels_wide, pixels_high = Image.open(io.BytesIO(png)).size
    return min(width / pixels_wide, height / pixels_high) * DECK_PPI


def _ems(value):
    return sum(1.0 if ord(ch) > 0x2E80 else 0.6 for ch in value)


def _wrapped(value, width, size):
    """A line of a chart's title as lines no wider than `width` points at `size` points (a title does not wrap
    itself, and would run past the picture): broken at its " · " first, then between words or between any two
    Chinese characters."""
    per_line = width / size  # ems
    lines = []
    for part in value.split(" · "):
        joined = f"{lines[-1]} · {part}" if lines else part
        if lines and _ems(joined) <= per_line:
            lines[-1] = joined
            continue
        line = ""
        for token in re.findall(r"[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+", part):
            if line.strip() and _ems(line + token.rstrip()) > per_line:
                lines.append(line.rstrip())
                line = ""
            line += token
        lines.append(line.rstrip())
    return [line for line in lines if line]


def _fit_title(spec, width, size):
    """The spec with its title's lines (the title, the unit, source, area and date under it) wrapped to `width`
    points: every other part of the picture is sized to the box, so the title must be too."""
    title = spec.get("title")
    if not isinstance(title, dict):
        return spec
    config = spec.get("config", {}).get("title", {})
    fitted = dict(title)
    for key, font_key in (("text", "fontSize"), ("subtitle", "subtitleFontSize")):
        if key in title:
            lines = title[key] if isinstance(title[key], list) else [title[key]]
            at = max(size, config.get(font_key, size), title.get(font_key, size))
            fitted[key] = [part for line in lines for part in _wrapped(line, width, at)]
    return {**spec, "title": fitted}


def _fit_panels(spec, box, drawn):
    """A concatenated spec (vconcat or hconcat) with its panels resized so that the whole, as last drawn (`drawn`,
    points), fits the box (points): the panels take up the difference, shared in proportion to their lengths along
    the stack. None when a panel has no size of its own to change."""
    direction = "vconcat" if "vconcat" in spec else "hconcat" if "hconcat" in spec else None
    panels = spec.get(direction, []) if direction else []
    if not panels or not all(isinstance(p.get("width"), (int, float)) and isinstance(p.get("height"), (int, float))
                             for p in panels):
        return None
    across, along = ("width", "height") if direction == "vconcat" else ("height", "width")
    # a point short of the box: drawn a hair larger, the picture would be shrunk and its text with it
    room = {"width": box[0] - drawn[0] - 1, "height": box[1] - drawn[1] - 1}
    total = sum(p[along] for p in panels)
    resized = [{**p, across: max(40, p[across] + room[across]), along: max(40, p[along] + room[along] * p[along] / total)}
               for p in panels]
    return {**spec, direction: resized}


def chart_picture(chart, width, height):
    """A page's chart as a picture for a box of width × height inches on a slide, and the Vega-Lite spec it is drawn
    from. Drawn at the box's size (a point of the spec is a point on the slide), with every text at least
    CHART_TEXT_PT: a single or layered chart fits the box itself; a stack of panels has its panels resized until it
    does; any other chart of panels keeps its own size and its fonts grow until, shrunk into the box, they are
    CHART_TEXT_PT."""
    spec = chart_files.vega_lite(chart)
    if not has_panels(spec):
        spec = {**spec, "width": width * 72, "height": height * 72, "autosize": {"type": "fit", "contains": "padding"}}
    size = CHART_TEXT_PT
    for _ in range(5):
        sized = _fit_title(_fonts_at_least(spec, size), width * 72 - 12, size)
        png = chart_files.png(sized, ppi=DECK_PPI)
        scale = _placed_scale(png, width, height)
        pixels_wide, pixels_high = Image.open(io.BytesIO(png)).size
        drawn = (pixels_wide * 72 / DECK_PPI, pixels_high * 72 / DECK_PPI)
        fitted = _fit_panels(spec, (width * 72, height * 72), drawn) if has_panels(spec) else None
        if fitted is not None and not 0.97 <= scale <= 1.0 + 0.03:
            spec = fitted  # nearer the box's size; its text stays CHART_TEXT_PT
            continue
        if size * scale >= CHART_TEXT_PT - 0.01:
            break
        size = math.ceil(CHART_TEXT_PT / scale)
    return png, sized


def _bullet(paragraph, size):
    """A real bullet with a hanging indent (a typed "•" takes the Chinese font's width in a Chinese line)."""
    paragraph.space_after = Pt(size * 0.45)
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(int(Pt(size * 1.1))))
    properties.set("indent", str(-int(Pt(size * 1.1))))
    etree.SubElement(properties, qn("a:buFont")).set("typeface", LATIN_FONT)
    etree.SubElement(properties, qn("a:buChar")).set("char", "•")


class _Deck:
    def __init__(self, briefing):
        self.briefing = briefing
        self.lang = briefing.lang
        self.pictures = {}  # slide key -> the Vega-Lite spec its chart picture is drawn from
        self.presentation = Presentation()
        self.presentation.slide_width, self.presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
        _house_theme(self.presentation)
        self.blank = self.presentation.slide_layouts[6]

    # text ------------------------------------------------------------------------------------------------------------
    def text_box(self, slide, x, y, w, h, paragraphs, anchor=MSO_ANCHOR.TOP, fill=None):
        """A text box; paragraphs are (text, size, bold, colour[, alignment]) tuples, each an editable run."""
        box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        frame = box.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = Inches(0.06)
        frame.margin_top = frame.margin_bottom = Inches(0.03)
        if fill is not None:
            box.fill.solid()
            box.fill.fore_color.rgb = fill
        for number, (value, size, bold, color, *align) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
            if align:
                paragraph.alignment = align[0]
            self.run(paragraph, value, size, bold, color)
        return box

    def run(self, paragraph, value, size, bold=False, color=DARK):
        run = paragraph.add_run()
        # every text of the deck passes here: no bidi control or zero-width character, no date broken across lines
        run.text = _no_break_dates(visible(str(value)))
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = color
        _east_asian(run.font._rPr, self.lang)
        return run

    # frame of every slide --------------------------------------------------------------------------------------------
    def new_slide(self, title, subtitle, number, total):
        slide = self.presentation.slides.add_slide(self.blank)
        band = slide.shapes.add_shape(1, 0, 0, SLIDE_WIDTH, Inches(0.12))  # 1: rectangle
        band.fill.solid()
        band.fill.fore_color.rgb = GREEN
        band.line.fill.background()
        self.text_box(slide, MARGIN, 0.28, CONTENT_WIDTH, 0.7, [(title, 26, True, GREEN)], anchor=MSO_ANCHOR.MIDDLE)
        if subtitle:
            self.text_box(slide, MARGIN, 0.98, CONTENT_WIDTH, _text_height(subtitle, 12, CONTENT_WIDTH),
                          [(subtitle, 12, False, GREY)])
        rule = slide.shapes.add_connector(1, Inches(MARGIN), Inches(FOOTER_TOP - 0.06), Inches(13.333 - MARGIN),
                                          Inches(FOOTER_TOP - 0.06))
        rule.line.color.rgb = RGBColor.from_string(theme.GREEN_PALE[1:])
        self.text_box(slide, MARGIN, FOOTER_TOP, 8.0, 0.35, [(self.briefing.footer, 10, False, GREY)])
        if self.briefing.is_synthetic:
            self.text_box(slide, 7.4, FOOTER_TOP, 4.5, 0.35,
                          [(text("synthetic_short", self.lang), 10, True, RED, PP_ALIGN.RIGHT)])
        self.text_box(slide, 11.9, FOOTER_TOP, 0.93, 0.35, [(f"{number} / {total}", 10, False, GREY, PP_ALIGN.RIGHT)])
        return slide

    # blocks ----------------------------------------------------------------------------------------------------------
    def figures(self, slide, figures, x, y, width, columns, value_size):
        """Tiles of (label, value, detail), a row of `columns` at a time; returns the height used."""
        gap = 0.15
        tile_width = (width - gap * (columns - 1)) / columns
        label_height = max(_text_height(label, 11, tile_width - 0.2) for label, _, _ in figures)
        detail_height = max((_text_height(d, 10, tile_width - 0.2) for _, _, d in figures if d), default=0)
        tile_height = label_height + value_size * 1.3 / 72 + detail_height + 0.15
        for number, (label, value, detail) in enumerate(figures):
            row, column = divmod(number, columns)
            left, top = x + column * (tile_width + gap), y + row * (tile_height + gap)
            paragraphs = [(label, 11, False, GREY), (value, value_size, True, GREEN)]
            if detail:
                paragraphs.append((detail, 10, False, GREY))
            self.text_box(slide, left, top, tile_width, tile_height, paragraphs, fill=LIGHT_GREEN)
        rows = math.ceil(len(figures) / columns)
        return rows * tile_height + (rows - 1) * gap

    @staticmethod
    def lines_height(lines, width, size):
        return sum(_text_height(line, size, width - size * 1.1 / 72, margin=0) + size * 0.45 / 72 for line in lines) + 0.1

    def lines(self, slide, lines, x, y, width, size):
        """Bulleted lines; returns the height used."""
        height = self.lines_height(lines, width, size)
        box = self.text_box(slide, x, y, width, height, [(line, size, False, DARK) for line in lines])
        for paragraph in box.text_frame.paragraphs:
            _bullet(paragraph, size)
        return height

    @staticmethod
    def row_heights(table, widths, size):
        """Inches of the column headings' row and of each row, their text wrapped in the columns' widths."""
        return [max(_text_height(v, size, w - 0.1, margin=0.08) for v, w in zip(row, widths))
                for row in [table.columns, *table.rows]]

    def note(self, table, shown):
        """The line under a table cut short: how many rows there are, and where all of them are."""
        return text(table.more, self.lang, total=count(table.total_rows, self.lang), shown=count(shown, self.lang),
                    more=count(table.total_rows - shown, self.lang), sheet=table.sheet)

    def table_height(self, table, width, size, shown):
        """Inches the table takes with its first `shown` rows: heading, rows and the note when it is cut short."""
        shown = min(shown, len(table.rows))
        height = (0.38 if table.heading else 0) + sum(self.row_heights(table, _column_widths(table, width, size),
                                                                       size)[:shown + 1])
        if shown < table.total_rows:
            height += _text_height(self.note(table, shown), size - 1, width, margin=0.06) + 0.03
        return height

    def table(self, slide, table, x, y, width, size, bottom):
        """A native table (editable), as many of its rows as fit above `bottom`; returns the height used."""
        used = 0
        if table.heading:
            self.text_box(slide, x, y, width, 0.35, [(table.heading, size + 1, True, GREEN)])
            used += 0.38
        widths = _column_widths(table, width, size)
        row_heights = self.row_heights(table, widths, size)
        # room for the note under a table cut short, as many lines as it wraps to
        note_room = max(0.35, _text_height(self.note(table, len(table.rows)), size - 1, width, margin=0.06) + 0.05)

        def room_after(shown):
            """Room for the note when the table would be cut short."""
            return 0 if shown == table.total_rows else note_room

        fits = 1
        while fits < len(row_heights) and used + sum(row_heights[:fits + 1]) + room_after(fits) <= bottom - y:
            fits += 1
        rows = table.rows[:fits - 1]
        shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), Inches(x), Inches(y + used), Inches(width),
                                       Inches(sum(row_heights[:fits])))
        grid = shape.table
        for c, w in enumerate(widths):
            grid.columns[c].width = Inches(w)
        for r, height in enumerate(row_heights[:fits]):
            grid.rows[r].height = Inches(height)
        for r, values in enumerate([table.columns, *rows]):
            for c, value in enumerate(values):
                cell = grid.cell(r, c)
                cell.margin_left = cell.margin_right = Inches(0.05)
                cell.margin_top = cell.margin_bottom = Inches(0.02)
                cell.fill.solid()
                cell.fill.fore_color.rgb = GREEN if r == 0 else (WHITE if r % 2 else LIGHT_GREEN)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE  # Latin and Chinese lines differ in height
                paragraph = cell.text_frame.paragraphs[0]
                numeric = r > 0 and c > 0 and bool(re.match(r"[-+]?\d", value))  # figures line up on the right
                paragraph.alignment = PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT
                self.run(paragraph, value, size, r == 0, WHITE if r == 0 else DARK)
        used += sum(row_heights[:fits])
        if len(rows) < table.total_rows:
            shown_note = self.note(table, len(rows))
            note_height = _text_height(shown_note, size - 1, width, margin=0.06)
            self.text_box(slide, x, y + used + 0.03, width, note_height, [(shown_note, size - 1, False, GREY)])
            used += note_height + 0.03
        return used

    def picture(self, slide, png, x, y, width, height):
        pixels_wide, pixels_high = Image.open(io.BytesIO(png)).size
        scale = min(width / pixels_wide, height / pixels_high)
        shown_width, shown_height = pixels_wide * scale, pixels_high * scale
        slide.shapes.add_picture(io.BytesIO(png), Inches(x + (width - shown_width) / 2), Inches(y),
                                 Inches(shown_width), Inches(shown_height))

    def native_chart(self, slide, spec, x, y, width, height):
        data = CategoryChartData(number_format=spec.number_format)
        # a bar chart draws its first category at the bottom: the rows go in reversed, so the first is on top
        order = (lambda values: list(values)[::-1]) if spec.kind == "bar" else list
        data.categories = order(visible(category) for category in spec.categories)
        for name, values in spec.series:
            data.add_series(visible(name), order(values))
        kind = {"bar": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
                "line": XL_CHART_TYPE.LINE_MARKERS}[spec.kind]
        chart = slide.shapes.add_chart(kind, Inches(x), Inches(y), Inches(width), Inches(height), data).chart
        chart.has_title = False  # the slide's title says what it is
        chart.font.size = Pt(CHART_TEXT_PT)
        chart.font.color.rgb = DARK
        _east_asian(chart.font._rPr, self.lang)
        value_axis = chart.value_axis
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = spec.axis_title
        for paragraph in value_axis.axis_title.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(CHART_TEXT_PT)
                run.font.bold = False
                _east_asian(run.font._rPr, self.lang)
        value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(theme.GRID[1:])
        value_axis.tick_labels.number_format = spec.axis_format
        value_axis.tick_labels.number_format_is_linked = False
        value_axis.format.line.fill.background()
        if spec.kind in ("bar", "column"):
            chart.has_legend = len(spec.series) > 1
            if chart.has_legend:
                chart.legend.position = XL_LEGEND_POSITION.BOTTOM
                chart.legend.include_in_layout = False
            plot = chart.plots[0]
            plot.gap_width = 60
            plot.overlap = 0
            plot.has_data_labels = True
            labels = plot.data_labels
            labels.number_format = spec.number_format
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
            labels.font.size = Pt(CHART_TEXT_PT)
            for series, color in zip(plot.series, spec.series_colors or []):
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
            series = plot.series[-1]
            for number, color in enumerate(order(spec.point_colors or [])):
                point = series.points[number]
                point.format.fill.solid()
                point.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
            for number, label in enumerate(order(spec.point_labels or [])):
                if not label:
                    continue
                frame = series.points[number].data_label.text_frame
                frame.text = label
                for run in frame.paragraphs[0].runs:
                    run.font.size = Pt(CHART_TEXT_PT)
                    _east_asian(run.font._rPr, self.lang)
            if spec.kind == "bar":
                value_axis.minimum_scale = 0
            chart.category_axis.format.line.color.rgb = RGBColor.from_string(theme.GREY[1:])
        else:
            self._line_styles(chart, spec)
        return chart

    def _line_styles(self, chart, spec):
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        colors = {"solid": theme.GREEN[1:], "markers": theme.RED[1:], "dotted": theme.ORANGE[1:]}
        for series, style in zip(chart.plots[0].series, spec.styles):
            series.smooth = False
            color = RGBColor.from_string(colors[style])
            if style == "markers":
                series.format.line.fill.background()
                series.marker.style = XL_MARKER_STYLE.DIAMOND
                series.marker.size = 12
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = color
                series.marker.format.line.color.rgb = color
                for position, label in (spec.marker_labels or {}).items():
                    data_label = series.points[position].data_label
                    # above the diamond; the last one, at the right edge, to its left
                    data_label.position = (XL_LABEL_POSITION.LEFT if position == len(spec.categories) - 1
                                           else XL_LABEL_POSITION.ABOVE)
                    data_label.text_frame.text = label
                    for run in data_label.text_frame.paragraphs[0].runs:
                        run.font.size = Pt(CHART_TEXT_PT)
                        run.font.color.rgb = color
                        _east_asian(run.font._rPr, self.lang)
            else:
                series.marker.style = XL_MARKER_STYLE.NONE
                series.format.line.color.rgb = color
                series.format.line.width = Pt(3 if style == "solid" else 2.25)
                if style == "dotted":
                    series.format.line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
        axis = chart.category_axis
        axis.tick_labels.number_format = "yyyy"
        axis.tick_labels.number_format_is_linked = False
        axis.format.line.color.rgb = RGBColor.from_string(theme.GREY[1:])
        # one label a year on a month-by-month axis; the projection's line is drawn across the months between its points
        date_axis = axis._element
        for tag, value in (("c:baseTimeUnit", "months"), ("c:majorUnit", "1"), ("c:majorTimeUnit", "years")):
            for old in date_axis.findall(qn(tag)):
                date_axis.remove(old)
            etree.SubElement(date_axis, qn(tag)).set("val", value)
        blanks = chart._chartSpace.find(qn("c:chart")).find(qn("c:dispBlanksAs"))
        blanks.set("val", "span")

    # slides ----------------------------------------------------------------------------------------------------------
    def warning(self, slide, value, bottom):
        """The synthetic-data warning in red, ending at `bottom`; returns its height."""
        height = _text_height(value, 14, CONTENT_WIDTH) + 0.1
        self.text_box(slide, MARGIN, bottom - height, CONTENT_WIDTH, height, [(value, 14, True, RED)],
                      anchor=MSO_ANCHOR.MIDDLE, fill=RGBColor(0xFD, 0xEC, 0xEA))
        return height

    def title_slide(self, spec):
        slide = self.presentation.slides.add_slide(self.blank)
        band = slide.shapes.add_shape(1, 0, 0, SLIDE_WIDTH, Inches(2.5))  # 1: rectangle
        band.fill.solid()
        band.fill.fore_color.rgb = GREEN
        band.line.fill.background()
        self.text_box(slide, 0.8, 0.55, 11.7, 1.2, [(spec.title, 36, True, WHITE)], anchor=MSO_ANCHOR.BOTTOM)
        self.text_box(slide, 0.8, 1.8, 11.7, 0.5, [(text("app_title", self.lang), 16, False, WHITE)])
        self.text_box(slide, 0.8, 2.9, 5.4, 1.6, [(line, 20, number == 0, DARK)
                                                   for number, line in enumerate(spec.subtitle.split("\n"))])
        self.text_box(slide, 6.6, 2.9, 6.2, 0.4, [(text("brief_sources", self.lang), 14, True, GREEN)])
        self.lines(slide, spec.lines, 6.6, 3.35, 6.2, 11)
        if spec.warning:
            self.warning(slide, spec.warning, 7.1)
        return slide

    def content_slide(self, spec, number, total):
        slide = self.new_slide(spec.title, spec.subtitle, number, total)
        top = BODY_TOP + (max(0, _text_height(spec.subtitle, 12, CONTENT_WIDTH) - 0.5) if spec.subtitle else -0.45)
        bottom = FOOTER_TOP - 0.15
        if spec.warning:
            bottom -= self.warning(slide, spec.warning, bottom) + 0.1
        if spec.note:
            note_height = _text_height(spec.note, 10, CONTENT_WIDTH)
            bottom -= note_height
            self.text_box(slide, MARGIN, bottom + 0.05, CONTENT_WIDTH, note_height, [(spec.note, 10, False, GREY)])
            bottom -= 0.1
        visual = spec.native is not None or spec.chart is not None
        if visual and spec.key == "trend":
            self.visual(slide, spec, MARGIN, top, CONTENT_WIDTH, bottom - top)
            return slide
        if visual:
            left_width = 7.7
            self.visual(slide, spec, MARGIN, top, left_width, bottom - top)
            x, width, columns, value_size = MARGIN + left_width + 0.3, CONTENT_WIDTH - left_width - 0.3, 2, 18
        else:
            x, width, columns, value_size = MARGIN, CONTENT_WIDTH, 4, 26
        if spec.key == "since":
            self.since_body(slide, spec, top, bottom)
            return slide
        y = top
        if spec.figures:
            y += self.figures(slide, spec.figures, x, y, width, columns if len(spec.figures) > 1 else 1, value_size) + 0.25
        if spec.lines:
            size = 12 if visual else 16 if spec.key in ("summary",) else 14
            y += self.lines(slide, spec.lines, x, y, width, size) + 0.15
        for table in spec.tables:
            y += self.table(slide, table, x, y, width, 10 if visual else 11, bottom) + 0.2
        return slide

    def since_body(self, slide, spec, top, bottom):
        """What moved since the build compared with: its figures in one row, then the sentences on the left and the
        projects' tables on the right, each table as many rows as fit."""
        y = top
        if spec.figures:
            y += self.figures(slide, spec.figures, MARGIN, y, CONTENT_WIDTH, len(spec.figures), 22) + 0.25
        words_width = 4.9 if spec.tables else CONTENT_WIDTH
        if spec.lines:
            # smaller when the sentences would run past the foot of the slide
            size = 12 if self.lines_height(spec.lines, words_width, 12) <= bottom - y else 10.5
            self.lines(slide, spec.lines, MARGIN, y, words_width, size)
        x = MARGIN + words_width + 0.3
        width = CONTENT_WIDTH - words_width - 0.3
        for number, table in enumerate(spec.tables):
            # a table leaves the next room for its heading, column headings, two rows and its note
            later = sum(self.table_height(later, width, 11, 2) + 0.2 for later in spec.tables[number + 1:])
            y += self.table(slide, table, x, y, width, 11, bottom - later) + 0.2

    def visual(self, slide, spec, x, y, width, height):
        if spec.native is not None:
            self.native_chart(slide, spec.native, x, y, width, height)
        else:
            png, self.pictures[spec.key] = chart_picture(spec.chart, width, height)
            self.picture(slide, png, x, y, width, height)

    def build(self):
        slides = self.briefing.slides
        for number, spec in enumerate(slides, start=1):
            if spec.key == "title":
                self.title_slide(spec)
            else:
                self.content_slide(spec, number, len(slides))
        self.presentation.core_properties.title = slides[0].title
        self.presentation.core_properties.language = "zh-CN" if self.lang == "zh" else "en-US"
        buffer = io.BytesIO()
        self.presentation.save(buffer)
        return buffer.getvalue()


def deck_bytes(briefing):
    """The slides as a .pptx file; the charts without a native form are drawn as pictures now."""
    return deck_with_pictures(briefing)[0]


def deck_with_pictures(briefing):
    """The slides as a .pptx file, and the Vega-Lite spec of each chart picture in it, by slide key."""
    deck = _Deck(briefing)
    return deck.build(), deck.pictures
