"""The pages' Altair charts as PNG and SVG files (downloads, the briefing deck), drawn by vl-convert with the Noto CJK
fonts registered so that Chinese labels are real glyphs, not boxes; a chart with its Credit carries its title, unit,
source and as-of date in the picture itself."""

import glob
import os
from functools import cache

import vl_convert
from altair.utils.data import to_values

from sinkboard.charts.common import Credit, Drawing, has_panels, themed_spec
from sinkboard.text.catalogue import text

# print resolution: a 720-px chart becomes 3,000 px wide, 25 cm at 300 dpi
PRINT_PPI = 300
# a chart that takes its container's width on the page has no container here: this is its width in a file
FILE_WIDTH = 720
# where Debian's fonts-noto-cjk (and the usual alternatives) put Noto Sans CJK / Source Han Sans
FONT_PATTERNS = ("/usr/share/fonts/**/NotoSansCJK*", "/usr/share/fonts/**/SourceHanSans*",
                 "/usr/local/share/fonts/**/NotoSansCJK*", os.path.expanduser("~/.local/share/fonts/**/NotoSansCJK*"),
                 os.path.expanduser("~/.fonts/**/NotoSansCJK*"))


class MissingCJKFont(RuntimeError):
    """No Noto Sans CJK (or Source Han Sans) on this machine: a chart would show boxes instead of Chinese."""


def cjk_font_directories():
    """The folders holding a CJK sans-serif font, found on this machine."""
    found = []
    for pattern in FONT_PATTERNS:
        found += [os.path.dirname(path) for path in glob.glob(pattern, recursive=True)]
    return sorted(set(found))


@cache
def register_fonts():
    """Registers the CJK font folders with vl-convert once per process; fails loudly when there is none."""
    folders = cjk_font_directories()
    if not folders:
        raise MissingCJKFont("no Noto Sans CJK font found: install the Debian package fonts-noto-cjk (make browser-deps)")
    for folder in folders:
        vl_convert.register_font_directory(folder)
    return tuple(folders)


def _fixed_width(spec):
    """The spec with every width="container" replaced by FILE_WIDTH (vl-convert has no container to fill)."""
    if isinstance(spec, dict):
        return {k: (FILE_WIDTH if k == "width" and v == "container" else _fixed_width(v)) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_fixed_width(v) for v in spec]
    return spec


def vega_lite(chart):
    """The chart's (an Altair chart's or a charts.common.Drawing's) Vega-Lite spec with its data inline, whatever the
    number of rows, and a fixed width: a single or layered chart without a width of its own is as wide as FILE_WIDTH,
    as the page stretches it to its column. A Drawing with a Credit is headed by its title and a line each for its
    unit and for its source, area and date."""
    if isinstance(chart, Drawing):
        spec = chart.with_rows(lambda frame: to_values(frame)["values"])
        if chart.credit is not None:
            spec["title"] = heading(chart)
    else:
        spec = themed_spec(chart)
    if "width" not in spec and not has_panels(spec):
        spec["width"] = FILE_WIDTH
    return _fixed_width(spec)


def credit(lang, area, as_of, is_synthetic):
    """The Credit of a chart drawn for an area (its name, "" for the province) as of a date (its text): the dashboard
    and the exports behind it as its source, saying so when they are synthetic."""
    source = text("chart_source", lang) + (f" · {text('synthetic_short', lang)}" if is_synthetic else "")
    return Credit(lang, source, area or text("all_province", lang), as_of)


def heading(drawing):
    """The title block of a Drawing's file: its title, then its unit, then its source, area and as-of date."""
    credit = drawing.credit
    lines = [text("chart_file_unit", credit.lang, unit=drawing.unit)] if drawing.unit else []
    lines += [text("chart_file_source", credit.lang, source=credit.source),
              text("chart_file_scope", credit.lang, area=credit.area, as_of=credit.as_of)]
    # the title's own space when the chart has none, so that the lines under it still show
    return {"text": drawing.title or " ", "subtitle": lines}


def png(chart, ppi=PRINT_PPI):
    """The chart (an Altair chart, a Drawing, or its vega_lite() spec) as PNG bytes at the given resolution, 300 dpi by
    default; nothing is fetched from outside."""
    register_fonts()
    spec = chart if isinstance(chart, dict) else vega_lite(chart)
    return vl_convert.vegalite_to_png(spec, ppi=ppi, allowed_base_urls=[])


def svg(chart):
    """The chart (an Altair chart, a Drawing, or its vega_lite() spec) as SVG bytes; text stays text, in the charts' CJK
    font."""
    register_fonts()
    spec = chart if isinstance(chart, dict) else vega_lite(chart)
    return vl_convert.vegalite_to_svg(spec, allowed_base_urls=[]).encode("utf-8")
