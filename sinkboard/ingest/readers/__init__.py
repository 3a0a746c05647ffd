"""The readers: one exported file (CSV, XLSX or Parquet) read as a stream of rows of text, each with the row number
a person sees: no reader holds a whole file, so memory does not grow with the export's size. A CSV's cells come as
written; the ingest normalises them (trimmed, NFKC, empty as missing) a batch at a time in Arrow, and
`normalised_rows` does the same for the few rows read one by one."""

import stat
from pathlib import Path

from sinkboard.ingest.readers.cells import (
    BATCH_CELLS,
    BATCH_ROWS,
    SUFFIXES,
    FileProblem,
    Sheet,
    cell_text,
    normalised,
    normalised_rows,
    stored_visibly,
    text_cell,
)
from sinkboard.ingest.readers.csv_files import read_csv
from sinkboard.ingest.readers.parquet_files import read_parquet
from sinkboard.ingest.readers.xlsx_files import read_xlsx

__all__ = ["BATCH_CELLS", "BATCH_ROWS", "SUFFIXES", "FileProblem", "Sheet", "cell_text", "normalised",
           "normalised_rows", "read_file", "stored_visibly", "text_cell"]


def read_file(path: Path) -> Sheet:
    """One export, opened to be read as a stream: its rows are read as Sheet.rows is iterated (close it, or read it
    to the end, to close the file)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FileProblem(f"unsupported file type {suffix!r}; exports are {', '.join(SUFFIXES)}")
    if not stat.S_ISREG(path.stat().st_mode):
        raise FileProblem("not a file (a folder or a special file where an export should be)")
    if suffix == ".csv":
        return read_csv(path)
    if suffix == ".xlsx":
        return read_xlsx(path)
    return read_parquet(path)
