"""A rejected row's faults, and what the cell of a warning held, in the page's language. The ingest stores each fault as
a code with its values (column, value, detail) beside its English message (sb_fault in sinkboard/ingest/sql/macros.sql);
a page writes each fault from the catalogue's `fault_<code>`, a column named by the export's Chinese header on the
Chinese page (面积(亩)) and by the contract's name on the English page (area_mu). A fault whose code is not listed here
(written by a newer ingest) is shown by its stored English message rather than lost."""

from functools import lru_cache

from sinkboard.ingest.contract import DATASETS
from sinkboard.text.catalogue import text
from sinkboard.text.hidden import kind

# every code the ingest writes, with what its detail holds where the message shows it otherwise than as stored:
# another column, the kind of number whose bound was passed, or the column's unit words as a pattern ('tCO2e|吨')
CODES = {
    "empty": None, "both_empty": "column", "empty_for_status": None, "excel_error": None, "not_a_number": None,
    "out_of_range": "range", "wrong_unit": "units", "wan_multiplier": None, "product_out_of_range": "column",
    "not_a_year": None, "not_a_date": None, "not_above_zero": None, "negative": None, "unknown_type": None,
    "unknown_value": None, "not_yes_or_no": None, "unknown_zone": None, "not_after": "column", "before": "column",
    "amount_mismatch": None, "unknown_project": None, "unknown_county_name": None, "unknown_county_code": None,
    "ambiguous_county": None, "superseded": None,
}
RANGES = {"money": "fault_range_money", "price": "fault_range_price", "quantity": "fault_range_quantity"}
# names in place of a column for a value that one of two columns gives (yuan or 万元, mu or ha)
WORDS = {"amount": "fault_word_amount", "area": "fault_word_area", "potential_area": "fault_word_potential_area"}


@lru_cache(maxsize=64)
def headers(dataset):
    """Column name -> the Chinese header the export writes it under (its first alias), for one dataset."""
    found = DATASETS.get(dataset)
    if found is None:
        return {}
    return {column: next((a for a in aliases if not a.isascii()), column) for column, aliases in found.columns.items()}


def column_text(name, dataset, lang):
    if name in WORDS:
        return text(WORDS[name], lang)
    return headers(dataset).get(name, name) if lang == "zh" else name


@lru_cache(maxsize=8192)  # a page of 500 rejects is written again on every rerun: each fault once
def fault_text(dataset, lang, code, column, value, detail, message):
    """One fault in the language (its fields as the warehouse stores them)."""
    if code not in CODES:
        return message
    values = {"column": column_text(column, dataset, lang), "value": value, "detail": detail}
    if CODES[code] == "column":
        values["other"] = column_text(detail, dataset, lang)
    elif CODES[code] == "range":
        values["range"] = text(RANGES[detail], lang)
    elif CODES[code] == "units":
        values["units"] = text("fault_units_or", lang).join(detail.split("|"))
    return text(f"fault_{code}", lang, **values)


def message_text(faults, message, dataset, lang):
    """A rejected row's message in the language, fault by fault (each a dict: code, column, value, detail, message);
    the stored message when it has no faults."""
    if faults is None or len(faults) == 0:
        return message
    return text("fault_separator", lang).join(fault_text(dataset, lang, **fault) for fault in faults)


def found_text(found, lang):
    """What a cell the ingest noted as a warning held, in the language: each code point with what it is."""
    return text("fault_separator", lang).join(text(f"hidden_{kind(code)}", lang, code=code) for code in found)


def described_warnings(warnings, lang):
    """Rows of the warnings query with their dataset, column and what the cell held in the language."""
    return warnings.assign(
        dataset=[text(f"dataset_{dataset}", lang) for dataset in warnings.dataset],
        column_name=[column_text(column, dataset, lang) for column, dataset in zip(warnings.column_name, warnings.dataset)],
        found=[found_text(found, lang) for found in warnings.found],
    )
