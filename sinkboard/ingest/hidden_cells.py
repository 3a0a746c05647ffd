"""The ingest's warnings: each cell of an export that held a hidden character (a bidi control or a zero-width
character, sinkboard.text.hidden) is loaded with it written visibly, never rejected for it, and noted in the internal
warehouse's table `warnings` with its file, row and column, its value as stored and what it held."""

import json

import pyarrow as pa
import pyarrow.compute as pc

from sinkboard.text.hidden import OPEN, stored

CREATE = """
    create table warnings (
        dataset varchar, source_file varchar, source_row integer, column_number integer, column_name varchar,
        value varchar, found varchar[]
    )
"""
# found: the code points the value's escapes name, each once, in order; a buyer who may be a person is masked, as in a
# rejected row's raw cells, after what the name held is read from it
INSERT = """
    insert into warnings
    select
        $dataset,
        $file,
        _row,
        column_number,
        column_name,
        case when is_masked then masked_name(value) else value end,
        list_sort(list_distinct(regexp_extract_all(value, '⟦(U\\+[0-9A-F]{4})⟧', 1))),
    from noted
"""
SCHEMA = pa.schema([("_row", pa.int64()), ("column_number", pa.int32()), ("column_name", pa.string()),
                    ("value", pa.string()), ("is_masked", pa.bool_())])


def counts(con):
    """(dataset, file) -> its cells noted, whatever became of their rows: the column warnings of ingest_files."""
    found = con.execute("select dataset, source_file, count(*) from warnings group by all").fetchall()
    return {(dataset, source_file): n for dataset, source_file, n in found}


def column_names(header, positions):
    """Each header position's name in the warnings: its contract column, else its key in the raw row's JSON."""
    contract = {position: column for column, position in positions.items()}
    return [contract.get(p) or (f"column_{p + 1}" if text is None else stored(text)) for p, text in enumerate(header)]


def insert(con, noted, dataset, source_file):
    """Inserts the cells noted_header or noted_cells found (None: nothing) into the table warnings."""
    if noted is None:
        return
    con.register("noted", noted)
    try:
        con.execute(INSERT, {"dataset": dataset, "file": source_file})
    finally:
        con.unregister("noted")


def noted(rows, positions, names, values, masked):
    """The table INSERT reads: one row per cell, at (row number, 0-based position) with its stored value."""
    return pa.table([pa.array(rows, pa.int64()), pa.array([p + 1 for p in positions], pa.int32()),
                     pa.array([names(p) for p in positions], pa.string()), pa.array(values, pa.string()),
                     pa.array(masked, pa.bool_())], schema=SCHEMA)


def noted_header(number, header, names):
    """The header row's cells that hold a hidden character, as noted gives them; None when none does."""
    found = [(position, stored(text)) for position, text in enumerate(header) if text is not None and stored(text) != text]
    if not found:
        return None
    positions, values = zip(*found)
    return noted([number] * len(found), positions, names.__getitem__, values, [False] * len(found))


def noted_cells(table, escaped, names, buyer=None):
    """The cells of a batch that hold an escape, as noted gives them; None when none does.

    table: the batch as BatchLoader.prepare makes it (c0, c1, ... by header position, _row, and _extra and _organisation
    when it has them); escaped: the positions whose column held a hidden character; names: each position's column name;
    buyer: the buyer's position, masked unless its row's buyer is an organisation."""
    parts = []
    rows = table.column("_row")
    for position in escaped:
        cells = table.column(f"c{position}")
        held = pc.fill_null(pc.match_substring(cells, OPEN), False)
        count = pc.sum(held).as_py() or 0
        if not count:
            continue  # the rows that held one were summary rows, skipped
        if position != buyer:
            masked = [False] * count
        elif "_organisation" in table.column_names:
            masked = pc.invert(pc.filter(table.column("_organisation"), held)).to_pylist()
        else:
            masked = [True] * count
        parts.append(noted(pc.filter(rows, held).to_pylist(), [position] * count, names.__getitem__,
                           pc.filter(cells, held).to_pylist(), masked))
    if "_extra" in table.column_names:
        # the cells past the header's width, kept in the raw row's JSON as column_N (few rows have any)
        held = pc.fill_null(pc.match_substring(table.column("_extra"), OPEN), False)
        found = [(number, int(name.removeprefix("column_")) - 1, value)
                 for number, cells in zip(pc.filter(rows, held).to_pylist(), pc.filter(table.column("_extra"), held).to_pylist())
                 for name, value in json.loads(cells).items() if OPEN in value]
        if found:
            numbers, positions, values = zip(*found)
            parts.append(noted(numbers, positions, lambda p: f"column_{p + 1}", values, [False] * len(found)))
    return pa.concat_tables(parts) if parts else None
