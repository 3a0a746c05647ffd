"""The briefing pack: slides (python-pptx, 16:9) and the workbook of the figures behind them, for an as-of date and an
area, in Chinese or English: its content (content.py), the deck's layout (deck.py) and the files (pack_files.py)."""

from sinkboard.outputs.briefing.content import (
    QUERIES,
    Briefing,
    BriefingError,
    NativeChart,
    Sheet,
    Slide,
    Table,
    gather,
)
from sinkboard.outputs.briefing.deck import CHART_TEXT_PT, chart_picture, deck_bytes, deck_with_pictures
from sinkboard.outputs.briefing.pack_files import compared_line, workbook_bytes, write_pack

__all__ = ["CHART_TEXT_PT", "QUERIES", "Briefing", "BriefingError", "NativeChart", "Sheet", "Slide", "Table", "chart_picture",
           "compared_line", "deck_bytes", "deck_with_pictures", "gather", "workbook_bytes", "write_pack"]
