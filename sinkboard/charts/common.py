"""What every chart shares: the house theme, units that fit the figures, and the Vega-Lite spec made once per shape."""

import functools
import hashlib
import math
import os
import threading
from collections import OrderedDict
from typing import NamedTuple

import altair as alt
import pandas as pd

from sinkboard.charts import theme
from sinkboard.text.catalogue import MERGED, text, value_label
from sinkboard.text.hidden import visible

# the steps an axis's unit takes, largest first: 亿 and 万 in Chinese; billion, million and thousand in English
SCALES = {"zh": ((100_000_000, "scale_yi"), (10_000, "scale_wan"), (1, None)),
          "en": ((1_000_000_000, "scale_billion"), (1_000_000, "scale_million"), (1_000, "scale_thousand"), (1, None))}


def axis_unit(values, kind, lang):
    """(divisor, unit label) for an axis of area, carbon or money, so that its largest figure reads below 10,000:
    万亩 / 亿元 in Chinese, million mu / thousand tCO2e in English."""
    largest = float(pd.Series(values, dtype="float64").abs().max() or 0)
    unit = text(f"unit_{kind}", lang)
    for divisor, scale in SCALES[lang]:
        if largest >= divisor or divisor == 1:
            return divisor, text("scaled_unit", lang, scale=text(scale, lang), unit=unit) if scale else unit


def area_unit(values, lang):
    return axis_unit(values, "area", lang)


_THEME_LOCK = threading.Lock()


def themed_spec(chart, validate=False):
    """The Altair chart's Vega-Lite spec, with the house theme's config written in. Altair's theme is global to the
    process: it is switched on for this chart alone, one chart at a time."""
    with _THEME_LOCK, alt.theme.enable(theme.NAME), alt.data_transformers.disable_max_rows():
        return chart.to_dict(validate=validate)


def label(value, lang):
    return value_label(value, lang)


def zone_name(zone, zone_en, lang):
    """A zone (or 全省) as the language names it: its English name from the data when there is one."""
    if pd.isna(zone) or (lang == "zh" and zone != MERGED):
        return zone
    return zone_en if isinstance(zone_en, str) and zone_en else value_label(zone, lang)


def fingerprint(value):
    """A hashable stand-in for a chart function's argument: a frame by the hash of its columns, types and values."""
    if isinstance(value, pd.DataFrame):
        try:
            hashed = pd.util.hash_pandas_object(value, index=True)
        except TypeError:  # cells holding lists (the zones' key types): by their text
            hashed = pd.util.hash_pandas_object(value.astype(str), index=True)
        values = hashed.to_numpy().tobytes()
        return ("frame", tuple(value.columns), tuple(map(str, value.dtypes)), hashlib.blake2b(values).digest())
    if isinstance(value, (list, tuple)):
        return tuple(fingerprint(v) for v in value)
    hash(value)  # anything else must be hashable as it is; TypeError otherwise
    return value


def remembered(function, size=256):
    """A chart function that keeps its last `size` charts by its arguments' fingerprints: building a chart in Altair
    is slow (its objects are deep-copied at every step), most of a chart page's rerun when only the language or
    a widget changed. Altair charts are never changed in place, so one may be handed out many times."""
    charts, lock = OrderedDict(), threading.Lock()

    @functools.wraps(function)
    def chart(*args, **kwargs):
        try:
            key = (fingerprint(args), fingerprint(tuple(sorted(kwargs.items()))))
        except TypeError:  # an argument that cannot be fingerprinted (a frame of lists): drawn anew
            return function(*args, **kwargs)
        with lock:
            if key in charts:
                charts.move_to_end(key)
                return charts[key]
        drawn = function(*args, **kwargs)
        with lock:
            charts[key] = drawn
            while len(charts) > size:
                charts.popitem(last=False)
        return drawn

    return chart


class Credit(NamedTuple):
    """What an exported chart states under its title besides its unit: where its figures come from, for which area,
    as of which date, in the chart's language."""
    lang: str
    source: str
    area: str
    as_of: str


class Drawing(NamedTuple):
    """A chart as Vega-Lite: its spec without data, made by Altair once per shape and shared (never changed), and the
    frames it draws by the names its spec gives them (rows() by default); its title and unit, in its language, and
    once it leaves the page its Credit, head the chart's PNG and SVG files (charts.common.Drawing._replace(credit=))."""
    spec: dict
    data: dict
    title: str = ""
    unit: str = ""
    credit: Credit = None

    def with_rows(self, written):
        """The spec with each frame, as written(frame) gives it, in the dataset of its name."""
        return {**self.spec, "datasets": {**self.spec.get("datasets", {}),
                                          **{name: written(frame) for name, frame in self.data.items()}}}


# the views of a spec that hold panels: a chart of them has a width of its own, which no container can change
PANELLED = ("facet", "hconcat", "vconcat", "concat", "repeat")


def has_panels(spec):
    return any(view in spec for view in PANELLED)


def rows(name="rows"):
    """The data of a chart's spec, by name: the frame of that name is slotted in when the chart is shown."""
    return alt.NamedData(name=name)


_SHAPES, _SHAPES_LOCK = OrderedDict(), threading.Lock()


def drawn(build, data, *shape, title="", unit=""):
    """The Drawing of build(*shape) with the frames `data` ({name: frame}) slotted in, titled (for its files).

    build makes the Altair chart from its shape alone (units, labels, language, lengths: hashable values), its data by
    rows(name); its spec is made once per shape and kept. Building a chart in Altair is slow (its objects are
    deep-copied at every step, then checked and written out): on a rerun that changes the as-of date, the zone or the
    language, most charts keep their shape and only their figures change, so only the figures are made again.
    With SINKBOARD_CHECK_CHARTS=1 (the tests) every spec is made anew and checked against the Vega-Lite schema."""
    checked = os.environ.get("SINKBOARD_CHECK_CHARTS") == "1"
    shape = tuple(visible(value) for value in shape)
    data = {name: shown_text(frame) for name, frame in data.items()}
    key = (build, shape)
    with _SHAPES_LOCK:
        spec = None if checked else _SHAPES.get(key)
        if spec is not None:
            _SHAPES.move_to_end(key)
    if spec is None:
        spec = themed_spec(build(*shape), validate=checked)
        with _SHAPES_LOCK:
            if not checked:
                _SHAPES[key] = spec
            while len(_SHAPES) > 512:
                _SHAPES.popitem(last=False)
    return Drawing(spec, data, visible(title), visible(unit))


def shown_text(frame):
    """The frame with its text as a chart may draw it: bidi controls and zero-width characters written visibly
    (⟦U+202E⟧), in labels, legends and tooltips alike."""
    texts = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if not texts:
        return frame
    shown = frame.copy(deep=False)
    for column in texts:
        shown[column] = frame[column].map(visible)
    return shown


def headroom(largest, room=1.15):
    """The top of an axis with room beside its largest value (for labels), rounded up to one of a few steps per power
    of ten so that the axis, and so the chart's shape, stays the same while the figures move a little."""
    largest = float(largest) if largest is not None and largest == largest else 0.0
    if largest <= 0:
        return 1.0
    wanted = largest * room
    power = 10 ** math.floor(math.log10(wanted))
    return next(round(step * power, 12) for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if step * power >= wanted)
