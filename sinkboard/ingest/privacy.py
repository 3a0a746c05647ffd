"""Personal data the dashboard never shows in full: an individual buyer's name is masked as 王*明, even internally."""

from sinkboard.ingest.contract import CATEGORIES, header_key

# buyer types that are organisations; any other (个人, a misspelt or missing type) is treated as a person
ORGANISATION_BUYER_KEYS = frozenset(
    header_key(alias)
    for canonical, aliases in CATEGORIES["buyer_type"].items() if canonical != "个人"
    for alias in (canonical, *aliases)
)


def masked_name(name):
    """王小明 -> 王*明, 李四 -> 李*, 张 -> *: the same rule as the SQL macro masked_name (sinkboard/ingest/sql/macros.sql)."""
    if name is None:
        return None
    name = str(name)
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def is_organisation(buyer_type):
    return buyer_type is not None and header_key(str(buyer_type)) in ORGANISATION_BUYER_KEYS
