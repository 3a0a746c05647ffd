"""The one look of every chart, map and slide: the palette, each zone's fixed colour, the category colours, the font and
sizes, registered once as the Altair theme "sinkboard"; the maps, the deck and .streamlit/config.toml read the same
values."""

import altair as alt

# the CJK sans-serif the charts are drawn in, on screen and in files (vl-convert is given Noto Sans CJK)
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"

# the house colours: one palette for the public and the internal pages
GREEN = "#1f5f3f"  # the main series, and the app's primary colour
GREEN_MID = "#4c9f70"
GREEN_LIGHT = "#9cc3a8"
GREEN_PALE = "#c9d6cd"  # what a darker bar is measured against (a budget, a potential)
ORANGE = "#c46e28"  # the second series (a price, a projection)
RED = "#d1242f"  # targets and warnings
DARK_RED = "#8c1d18"
GREY = "#8c959f"  # other, merged, none, ended
INK = "#24292f"  # text
MUTED = "#57606a"  # secondary text
RULE = "#333333"  # reference lines: a target, zero
GRID = "#dde3df"
NO_FIGURE = "#c8c8c8"  # a map region without a figure

# categories without a colour of their own, in order
PALETTE = [GREEN, ORANGE, "#5a64aa", GREEN_MID, "#b7a04a", "#3f7fbf", "#aa3c6e", GREY]

# each zone by its identity (its Chinese name, in the plan's order), never by its label or the order a chart sees it:
# the same zone has the same colour on every chart, map outline and slide
ZONE_COLORS = {"川西南": "#c46e28", "川西北": "#5a64aa", "川东北": "#28827a", "川南": "#82a028", "川中": "#aa3c6e"}
PROVINCE_COLOR = INK  # 全省
OTHER_ZONE_COLOR = GREY  # merged small cells, or a zone no plan names

POOL_COLORS = {"森林": GREEN, "竹林": "#7fb069", "草地": "#d9b44a", "湿地": "#3f7fbf", "其他": GREY}
SUBSIDY_COLORS = {"注册奖励": GREEN, "贷款贴息": ORANGE, "示范项目": GREEN_MID, "技术研究": "#5a64aa", "其他": GREY}
STATUS_COLORS = {"achieved": "#1a7f37", "on_track": GREEN_MID, "behind": RED, "missed": DARK_RED, "none": GREY}
# "merged": a public cell merged without its project type (its focus is not known)
FOCUS_COLORS = {"key": GREEN, "moderate": "#6aa57f", "other": "#c4cfc8", "merged": GREY}
BUYER_COLORS = [GREEN, GREEN_MID, ORANGE, "#5b7fa6", GREY, "#b7a04a"]

# ten steps each, as Streamlit's theme wants them: pale to dark green; dark red through white to dark green
SEQUENTIAL = ["#edf8e9", "#d3ebcc", "#b5dcaa", "#94cb89", "#72b86c", "#52a354", "#378b41", "#237332", "#165f2a",
              "#005a32"]
DIVERGING = ["#8c1d18", "#b8433a", "#d9776c", "#eeaba3", "#f9dcd8", "#dcefd8", "#a9d4a0", "#6fb26a", "#378b41",
             "#005a32"]
# the map's ramps as end points: a figure of 0 is white on a diverging map, so that a net source never looks like zero
SEQUENTIAL_ENDS = ((237, 248, 233), (0, 90, 50))
DIVERGING_ENDS = ((140, 29, 24), (255, 255, 255), (0, 90, 50))

NAME = "sinkboard"  # the Altair theme's name

# sizes (px): an exported chart's title, its subtitle lines (unit, source, date)
TITLE_SIZE = 16
SUBTITLE_SIZE = 12


def zone_color(zone):
    """A zone's colour by its Chinese name: 全省 in ink, a merged cell or an unknown zone in grey."""
    if zone == "全省":
        return PROVINCE_COLOR
    return ZONE_COLORS.get(zone, OTHER_ZONE_COLOR)


def in_plan_order(zones):
    """The zones (Chinese names) in the plan's order, any other (a merged cell) after them."""
    order = list(ZONE_COLORS)
    return sorted(zones, key=lambda z: order.index(z) if z in order else len(order))


def zone_scale(zones, labels=None):
    """A colour scale of these zones (Chinese names), each in its own colour; its domain is their labels when given
    (a legend shows those), else the names themselves."""
    return alt.Scale(domain=list(labels if labels is not None else zones), range=[zone_color(z) for z in zones])


def rgb(color):
    """[r, g, b] of a #rrggbb colour, for pydeck."""
    return [int(color[i:i + 2], 16) for i in (1, 3, 5)]


def config():
    """The Vega-Lite config every chart is drawn with (Streamlit's theme fills in only what this leaves unset)."""
    return {
        "font": FONT,
        "axis": {"labelFont": FONT, "titleFont": FONT, "labelLimit": 220},
        # labelFlush off on category axes: in the browser (Streamlit's theme) the first label of a block of bars is
        # pushed down against the second
        "axisBand": {"labelFlush": False},
        "legend": {"labelFont": FONT, "titleFont": FONT, "orient": "bottom", "labelLimit": 320},
        "header": {"labelFont": FONT, "titleFont": FONT},
        "title": {"font": FONT, "subtitleFont": FONT, "fontSize": TITLE_SIZE, "subtitleFontSize": SUBTITLE_SIZE,
                  "anchor": "start", "color": INK, "subtitleColor": MUTED},
        "mark": {"color": GREEN},
        "range": {"category": PALETTE, "ramp": SEQUENTIAL, "diverging": DIVERGING},
    }


@alt.theme.register(NAME, enable=False)
def altair_theme():
    return alt.theme.ThemeConfig({"config": config()})


def streamlit_theme():
    """The [theme] of .streamlit/config.toml that matches this module (a test compares the two)."""
    return {"primaryColor": GREEN, "chartCategoricalColors": PALETTE, "chartSequentialColors": SEQUENTIAL,
            "chartDivergingColors": DIVERGING}
