"""Parquet exports, a batch of rows at a time, converted column by column in Arrow."""

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from sinkboard.ingest.readers.cells import BATCH_ROWS, MAX_COLUMNS, FileProblem, Sheet, cell_text, too_wide
from sinkboard.store.files import file_sha256


def days_text(days):
    """A day outside Python's dates (year 10000, or before year 1) as ISO-like text, which no date parser accepts."""
    return str(np.datetime64(int(days), "D"))


def parquet_values(name, column, encodings):
    """A column as Python values: dates and times as the day they name (tz-aware ones in China), bytes as text."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_timestamp(kind):
        per_second = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}[kind.unit]
        return [None if v is None else timestamp_value(v, per_second, kind.tz is not None)
                for v in column.cast(pa.int64()).to_pylist()]
    if pa.types.is_date32(kind) or pa.types.is_date64(kind):
        per_day, storage = (1, pa.int32()) if pa.types.is_date32(kind) else (86_400_000, pa.int64())
        return [None if v is None else day_value(v // per_day) for v in column.cast(storage).to_pylist()]
    if is_binary(kind):
        return [None if v is None else v.decode(encodings[name]) for v in column.to_pylist()]
    return column.to_pylist()


def is_binary(kind):
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind) or (
        hasattr(pa.types, "is_binary_view") and pa.types.is_binary_view(kind))


EPOCH = dt.datetime(1970, 1, 1)


def day_value(days):
    try:
        return dt.date(1970, 1, 1) + dt.timedelta(days=days)
    except OverflowError:
        return days_text(days)


def timestamp_value(value, per_second, is_utc):
    seconds, fraction = divmod(value, per_second)
    try:
        moment = EPOCH + dt.timedelta(seconds=seconds, microseconds=fraction * 1_000_000 // per_second)
        return moment.replace(tzinfo=dt.timezone.utc) if is_utc else moment
    except OverflowError:
        return days_text(seconds // 86_400)


def binary_encodings(parquet, names):
    """Per BINARY column (text written without its UTF-8 annotation): UTF-8, else GB18030 for the whole column, read in
    a pass of its own so that the choice is the whole column's, not one batch's."""
    found = {}
    for name in names:
        first_not_utf8, is_gb18030, offset = None, True, 0
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=[name]):
            for index, value in enumerate(batch.column(0).to_pylist(), start=offset):
                if value is None:
                    continue
                if first_not_utf8 is None and not is_text(value, "utf-8"):
                    first_not_utf8 = index
                if is_gb18030 and not is_text(value, "gb18030"):
                    is_gb18030 = False
            offset += batch.num_rows
        if first_not_utf8 is None:
            found[name] = "utf-8"
        elif is_gb18030:
            found[name] = "gb18030"
        else:
            raise FileProblem(f"column {name!r} holds bytes that are neither UTF-8 nor GB18030 text "
                              f"(row {first_not_utf8 + 2})")
    return found


def is_text(data, encoding="utf-8"):
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def read_parquet(path: Path) -> Sheet:
    sha256 = file_sha256(path)
    try:
        parquet = pq.ParquetFile(str(path))
        schema = parquet.schema_arrow
        if len(schema.names) > MAX_COLUMNS:
            raise too_wide(1)
        encodings = binary_encodings(parquet, [f.name for f in schema if is_binary(f.type)])
    except FileProblem:
        raise
    except Exception as error:  # pyarrow raises several error types for damaged files
        raise FileProblem(f"not a readable Parquet file ({type(error).__name__}: {error})") from error
    header = (row for row in [(1, [cell_text(name) for name in schema.names])])  # row 1, from the schema
    nested = tuple(i for i, field in enumerate(schema) if pa.types.is_nested(field.type))
    return Sheet("parquet", header, sha256, has_header_in_schema=True,
                 batches=parquet_batches(parquet, schema, encodings), source=parquet, nested=nested)


def parquet_batches(parquet, schema, encodings):
    """Each batch of BATCH_ROWS rows as (row numbers from 2, [text array per column]): converted column by column in
    Arrow, cell by cell in Python only where Arrow's text is not the one cell_text gives (dates and times, bytes, a
    float such as 1e+20 or NaN)."""
    with parquet:
        number = 2
        batches = parquet.iter_batches(batch_size=BATCH_ROWS)
        while True:
            try:
                batch = next(batches, None)
            except Exception as error:  # a damaged row group
                raise FileProblem(f"not a readable Parquet file ({type(error).__name__}: {error})") from error
            if batch is None:
                return
            columns = [column_text(name, column, encodings) for name, column in zip(schema.names, batch.columns)]
            yield pa.array(range(number, number + batch.num_rows), pa.int64()), columns
            number += batch.num_rows


def column_text(name, column, encodings):
    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or getattr(pa.types, "is_string_view", bool)(kind):
        return column.cast(pa.string())
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind) or pa.types.is_null(kind):
        return column.cast(pa.string())
    if pa.types.is_floating(kind) or pa.types.is_decimal(kind):
        text = column.cast(pa.string())
        odd = pc.match_substring_regex(text, "[eEnN]")  # 1e+20, 1E+4, nan, inf: cell_text writes these its own way
        if not pc.any(odd).as_py():
            return text
    if pa.types.is_nested(kind):  # kept as JSON text for the raw row; the ingest refuses one in a contract column
        return pa.array([None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in column.to_pylist()],
                        pa.string())
    # dates, times, bytes, and a batch with an odd number: cell by cell
    return pa.array([cell_text(v) for v in parquet_values(name, column, encodings)], pa.string())
