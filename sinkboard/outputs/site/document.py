"""A view's document for one state (language, area, as-of date): its blocks (captions, tiles, lines, charts with their
data tables, tables) as plain values the site's renderer draws, each text plain (the renderer never reads it as HTML),
each table formatted as the dashboard's tables show it and with the CSV file the dashboard's download gives."""

import datetime as dt
import json
import math
from decimal import Decimal

import pandas as pd

from sinkboard.outputs import downloads
from sinkboard.text import formats
from sinkboard.text.catalogue import text
from sinkboard.text.hidden import visible


def _missing(value):
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def is_figure(column, values):
    return formats.is_figure_column(column) or pd.api.types.is_float_dtype(values)


def column_texts(frame, labelled, column, lang):
    """A column's cells as the dashboard's table writes them: shares in %, dates as YYYY-MM-DD, figures with the one
    number of decimals of their column, sums of money in 万元 / K yuan, categories and places in the language.
    labelled is the column as downloads.labelled gives it."""
    if column.startswith("share"):
        return [formats.MISSING if _missing(v) else formats.percent(v, lang=lang) for v in labelled]
    if column.endswith("_date"):
        return [formats.MISSING if _missing(v) else f"{pd.Timestamp(v):%Y-%m-%d}" for v in labelled]
    # a column of figures may come as objects (exact money, DECIMAL): it is one when its values are all numbers
    values = labelled
    if values.dtype == object and all(_missing(v) or isinstance(v, (int, float, Decimal)) for v in values):
        values = pd.to_numeric(values, errors="coerce")
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values) and is_figure(column, values):
        numbers = values.astype("float64")
        if formats.is_table_money(column):
            numbers = formats.table_money(numbers, lang)
        whole = pd.api.types.is_integer_dtype(frame[column]) or bool(numbers.dropna().mod(1).eq(0).all())
        decimals = formats.table_decimals(column, lang, whole and not formats.is_table_money(column))
        # as formats.exact writes them (both languages' locales: 1,234.5), without Babel's cost per cell
        return [formats.MISSING if v != v else f"{v:,.{decimals}f}" for v in numbers.tolist()]
    return [formats.MISSING if _missing(v) else visible(str(v)) for v in labelled]


def table_block(frame, columns, lang, context, more=()):
    """A table as the dashboard shows it (the columns read first, then those its chooser offers, so a static page shows
    every column the live one can) and its CSV download (every column, as the dashboard's download)."""
    every = list(dict.fromkeys([*columns, *more]))
    labelled = downloads.labelled(frame, every, lang)
    cells = [column_texts(frame, values, c, lang) for c, (_heading, values) in zip(every, labelled.items())]
    rows = [list(row) for row in zip(*cells)] if cells else []
    csv = downloads.csv_bytes(labelled, context).decode("utf-8-sig")
    return {"columns": [formats.table_heading(c, lang) for c in every], "rows": rows, "first": len(columns)}, csv


def json_value(value):
    """A cell of a chart's data as JSON has it: dates as ISO text (read as local time, as the dashboard sends them),
    exact money as numbers, missing as null."""
    if _missing(value):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return f"{value:%Y-%m-%dT%H:%M:%S}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%dT00:00:00}"
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def columnar(frame, used):
    """A chart's frame as columns and rows (the renderer makes Vega's records of them: half the size of records
    written out), only the columns the spec names."""
    columns = [c for c in frame.columns if c in used]
    rows = [[json_value(v) for v in row] for row in frame[columns].itertuples(index=False, name=None)]
    return {"columns": columns, "rows": rows}


def chart_spec(drawing):
    """The chart's Vega-Lite spec without its figures, and its figures by dataset name as columns and rows: the
    renderer puts them in the spec's datasets, as the dashboard sends them to the browser."""
    # the schema's address only names the version; the renderer is told it draws Vega-Lite, so no page names another host
    spec = {k: v for k, v in drawing.spec.items() if k != "$schema"}
    used = json.dumps(spec, ensure_ascii=False)
    return spec, {name: columnar(frame, used) for name, frame in drawing.data.items()}


class Document:
    """The blocks of one view in one state, added in the order the page shows them."""

    def __init__(self, title, lang, context):
        self.title = visible(title)
        self.lang = lang
        self.context = context
        self.blocks = []
        self._stack = [self.blocks]

    def t(self, key, **values):
        return text(key, self.lang, **values)

    def _add(self, block):
        self._stack[-1].append(block)

    def caption(self, words, site_only=False):
        """A line under a figure; site_only marks one the static page writes where the live page has a widget."""
        self._add({"kind": "caption", "text": visible(words), **({"site": True} if site_only else {})})

    def heading(self, words):
        self._add({"kind": "heading", "text": visible(words)})

    def notice(self, words):
        self._add({"kind": "notice", "text": visible(words)})

    def lines(self, lines):
        self._add({"kind": "lines", "lines": [visible(line) for line in lines]})

    def tiles(self, tiles):
        """tiles: dicts of label, value and optionally note, tone (good, bad, off) and help."""
        self._add({"kind": "tiles", "tiles": [{k: visible(v) for k, v in tile.items() if v is not None}
                                              for tile in tiles]})

    def chart(self, drawing, frame, columns, name):
        """A chart with the table of its figures (for screen readers, and to read exact values) and their CSV."""
        table, csv = table_block(frame, columns, self.lang, self.context)
        spec, data = chart_spec(drawing)
        self._add({"kind": "chart", "name": name, "title": visible(drawing.title), "spec": spec, "data": data,
                   "table": table, "csv": csv, "file": f"{name}.csv"})

    def table(self, frame, columns, name, more=()):
        table, csv = table_block(frame, columns, self.lang, self.context, more)
        self._add({"kind": "table", "name": name, "table": table, "csv": csv, "file": f"{name}.csv"})

    def switch(self, label, options):
        """The static form of a segmented control: options is a list of (label, build), build(document) adding the
        option's blocks; every option is in the document, the first shown."""
        shown = []
        for option_label, build in options:
            blocks = []
            self._stack.append(blocks)
            try:
                build(self)
            finally:
                self._stack.pop()
            shown.append({"label": visible(option_label), "blocks": blocks})
        self._add({"kind": "switch", "label": visible(label), "options": shown})

    def as_json(self, area, as_of):
        return json.dumps({"title": self.title, "area": visible(area), "as_of": as_of, "blocks": self.blocks},
                          ensure_ascii=False, separators=(",", ":"), allow_nan=False)
