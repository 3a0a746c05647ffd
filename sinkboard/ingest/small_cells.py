"""The privacy rule of the public warehouse, applied in one place: a published figure stands for no private party or
for at least three of them, counted by party, not by row.

Private parties, and where they are (sinkboard/ingest/sql/public.sql marks them):
- a farmer household: the owner of a project whose developer type is 农户, whatever its status;
- the owner of a project not registered (储备, 审定 or 终止), whoever it is;
- an individual buyer: the buyer of a trade whose buyer type is 个人.
A party is a name, normalised by party_key (NFKC, trimmed, inner white space collapsed, case-folded). A row may hold
two parties (a trade's buyer and seller); a cell holds the parties of all its rows, and those of one kind (buyer,
owner) that name nobody count together as one party, since they cannot be told apart.

Which public cells hold them:
- scale_events: a project's area on each basis holds its owner when the project is a farmer household's or not
  registered; a registered project of any other developer holds none.
- trade_facts: a trade holds its buyer when the buyer is an individual, and its project's owner, the seller, when the
  project is a farmer household's or not registered; a trade of a registered project of any other developer to an
  organisation (compliance or voluntary companies, public bodies, events, other) holds none.
- subsidy_facts: a payment to a farmer household's project or to a project not registered holds that project's owner;
  a payment to another project, or to no project, holds none.
- issuance_facts: an issuance of a farmer household's or unregistered project holds its owner; the other projects'
  issuances are listed one by one and hold none.
- projects, project_milestones, issuances (project-level rows): only projects that hold no party; a private party's
  project, registered or not, is never listed one by one, it counts in the cells above only.

The rule, for each cell of a private party's rows (sinkboard/ingest/sql/suppress.sql, then merge_over_time below):
1. a cell (month, county and every category) of at least three distinct parties is published as it is;
2. else its rows join their prefecture's cell of the month, categories kept, published at three parties or more;
3. else their zone's cell of the month, without the finer categories (type, status, developer type; platform,
   purpose; category, budget year), published at three parties or more;
4. else the zone's months are merged in date order until three parties are together, the merged cell dated at its
   last month (nothing counts before it happened); a remainder joins the last merged cell and moves its date on; a
   zone with fewer than three such parties in all keeps them as one cell without figures, flagged is_suppressed ("<3").

No total minus its parts isolates fewer than three parties (complementary suppression): a private party's rows are
only ever in cells of their own (a cell never mixes open rows with private ones, and none is listed one by one), every
published figure is a sum of whole cells (a zone, prefecture or county, a month or the months to an as-of date, a
category or all of them), and a union of cells each of none or of three parties or more holds none or three or more.
The one way round it, listing a project that is also inside a private cell, is closed above. tests/test_privacy.py
tries every such subtraction on the sample and the fixtures."""

import unicodedata
from dataclasses import dataclass
from importlib import resources

import pandas as pd

SMALLEST = 3  # the fewest private parties a published figure may stand for
AREA = ("county_code", "prefecture_code", "zone")  # a cell's place; each code's name goes with it


@dataclass(frozen=True)
class Facts:
    """A public fact table as the rule builds it: public.sql leaves its open cells in <table>_open and its private
    parties' rows in <table>_private."""
    table: str
    date: str
    keys: tuple  # kept in every cell, a zone's too
    detail: tuple  # the finer categories a zone's cell leaves out
    measures: tuple  # summed; the counts among them as bigint


FACTS = (
    Facts("scale_events", "event_date", ("basis",), ("project_type", "status", "owner_type"), ("projects", "area_mu")),
    Facts("trade_facts", "trade_date", ("buyer_type",), ("platform", "purpose", "project_type"),
          ("trades", "volume_tco2e", "amount_yuan", "priced_volume_tco2e")),
    Facts("subsidy_facts", "paid_date", (), ("budget_year", "category"), ("payments", "amount_yuan")),
    Facts("issuance_facts", "issued_date", (), ("project_type",), ("verified_tco2e", "issued_tco2e")),
)
COUNTS = {"projects", "trades", "payments"}


def party_key(name):
    """A party as the rule counts it: 'Wang  Xiaoming ' and 'ｗａｎｇ Xiaoming' are one; no name (or only spaces) is ''."""
    if name is None:
        return ""
    return " ".join(unicodedata.normalize("NFKC", str(name)).split()).casefold()


def sql_text(name):
    return resources.files("sinkboard.ingest").joinpath("sql", name).read_text(encoding="utf-8")


def build_suppressed_tables(con, keep_placements=False):
    """Creates each public fact table of FACTS from what public.sql left; names come from FACTS, values go as
    parameters. With keep_placements, <table>_placed (where each private row went) stays for this connection."""
    name_parties(con)
    levels, cells = sql_text("suppress.sql"), sql_text("suppressed_cells.sql")
    for facts in FACTS:
        con.execute(levels.format(
            table=facts.table,
            county_cell=", ".join([facts.date, *facts.keys, *AREA, *facts.detail]),
            prefecture_cell=", ".join([facts.date, *facts.keys, *AREA[1:], *facts.detail]),
            zone_cell=", ".join([facts.date, *facts.keys, "zone"]),
        ), {"smallest": SMALLEST})
        columns = ", ".join(["row_id", "party", "zone", facts.date, *facts.keys])
        rows = con.execute(f"select {columns} from {facts.table}_levels where level = 'over_time'").fetchall()
        con.register("moved", merge_over_time(rows, facts.date))
        con.execute(cells.format(
            table=facts.table,
            date=facts.date,
            keys_placed="".join(f"levels.{k}, " for k in facts.keys),
            detail_placed="".join(f"case when levels.level in ('county', 'prefecture') then levels.{d} end as {d}, "
                                  for d in facts.detail),
            measures_placed="".join(f"levels.{m}, " for m in facts.measures),
            keys_cell="".join(f"{k}, " for k in facts.keys),
            detail_cell="".join(f"{d}, " for d in facts.detail),
            measure_sums="".join(f"sum({m}) filter (where not is_suppressed){'::bigint' * (m in COUNTS)} as {m}, "
                                 for m in facts.measures),
        ))
        con.unregister("moved")
        con.execute(f"drop table {facts.table}_open")
        con.execute(f"drop table {facts.table}_private")
        con.execute(f"drop table {facts.table}_levels")
        if not keep_placements:
            con.execute(f"drop table {facts.table}_placed")
    con.execute("drop table party_keys")


def name_parties(con):
    """party_keys: each name of a private party in the private rows, with its party_key."""
    names = set()
    for facts in FACTS:
        names.update(row[0] for row in con.execute(
            f"select distinct party.name from (select unnest(parties) as party from {facts.table}_private) "
            "where party.name is not null").fetchall())
    keys = pd.DataFrame({"party": sorted(names)}, dtype="string")
    keys["party_key"] = keys.party.map(party_key).astype("string")
    con.register("names", keys)
    con.execute("create temp table party_keys as select party::varchar as party, party_key::varchar as party_key "
                "from names")
    con.unregister("names")


def merge_over_time(rows, date):
    """Rows of a zone's months of fewer than SMALLEST parties, as (row_id, party, zone, date, *keys), merged in date
    order within their zone and keys into cells of at least SMALLEST parties, each dated at its last month; the
    remainder joins the last merged cell, or, when none was merged, is suppressed. A row of two parties comes once for
    each, on the same date. A frame of row_id, the date the row counts at and is_suppressed."""
    partitions = {}
    for row_id, party, zone, day, *keys in rows:
        partitions.setdefault((zone, *keys), {}).setdefault(day, []).append((row_id, party))
    placed = []
    for months in partitions.values():
        merged, pending, parties = [], [], set()
        for day in sorted(months):
            pending += dict.fromkeys(row_id for row_id, _ in months[day])  # each row once
            parties.update(party for _, party in months[day])
            if len(parties) >= SMALLEST:
                merged.append((pending, day))
                pending, parties = [], set()
        if pending and merged:  # the remainder is counted later than it happened, never earlier
            last_rows, _ = merged.pop()
            merged.append((last_rows + pending, max(months)))
        elif pending:
            placed += [(row_id, max(months), True) for row_id in pending]
        placed += [(row_id, day, False) for rows_of_cell, day in merged for row_id in rows_of_cell]
    return pd.DataFrame(placed, columns=["row_id", date, "is_suppressed"]).astype(
        {"row_id": "string", date: "datetime64[s]", "is_suppressed": "bool"})  # the date cast back in the SQL


def build_public(con, internal_path, keep_placements=False):
    """The public warehouse's tables in con from the internal file (sql/public.sql, then this module's rule); with
    keep_placements, the temporary tables <table>_placed say where each private party's row went, for the tests."""
    con.execute("attach $path as internal (read_only)", {"path": str(internal_path)})
    con.execute(sql_text("public.sql"))
    build_suppressed_tables(con, keep_placements=keep_placements)
    con.execute("detach internal")
    con.execute(sql_text("scope.sql"))
