"""Looks through a built warehouse for text that could pose as something else: every value of every table (lists,
structs and JSON included) that holds a bidi control or a zero-width character as it is, not written visibly."""

from pathlib import Path

import duckdb

from sinkboard.text.hidden import HIDDEN


def texts(value):
    """Every text inside a value: a text itself, the items of a list, the keys and values of a struct."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(key)
            yield from texts(item)


def raw_hidden(path: Path):
    """(table, column, value) of each value in the database file that holds a hidden character as it is: every column
    of every table that can hold text (text, JSON, and lists, structs and maps of them)."""
    found = []
    con = duckdb.connect(str(path), read_only=True)
    try:
        columns = con.execute("""
            select table_name, column_name from duckdb_columns()
            where table_oid in (select table_oid from duckdb_tables())
                and regexp_matches(data_type, 'VARCHAR|JSON|STRUCT|MAP|\\[\\]')
            order by all
        """).fetchall()
        assert {table for table, _ in columns} >= {"projects", "build_info"}, f"{path}: too few tables"
        for table, column in columns:
            # names from the database's own catalogue
            for (value,) in con.execute(f'select "{column}" from "{table}"').fetchall():
                if any(char in HIDDEN for text in texts(value) for char in text):
                    found.append((table, column, value))
    finally:
        con.close()
    return found
