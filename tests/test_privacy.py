"""Privacy: an individual buyer's name is never shown in full, not even internally; in the public warehouse a published
figure stands for no private party or for three or more (counted by party, worked out here from the internal rows), no
total minus its parts isolates fewer, and no farmer household's or unregistered project is listed one by one."""

import datetime as dt
import shutil
import unicodedata
from pathlib import Path

import duckdb
import pytest
from exports import project, write_csv, write_projects

from sinkboard.ingest import small_cells
from sinkboard.ingest.build import ingest
from sinkboard.ingest.privacy import masked_name
from sinkboard.ingest.small_cells import FACTS, SMALLEST, build_public, party_key
from sinkboard.store.warehouse import run_query

TRADE_HEADER = ["成交编号", "成交日期", "项目编号", "交易平台", "买方", "买方类型", "成交量", "成交价", "成交额(元)", "用途"]
PROJECT_HEADER = ["项目编号", "项目名称", "所在县", "项目类型", "面积(亩)", "项目状态", "立项日期", "注册日期", "业主类型", "项目业主"]
ISSUANCE_HEADER = ["项目编号", "监测期开始", "监测期结束", "核证减排量", "签发量", "签发日期"]
SUBSIDY_HEADER = ["拨付编号", "项目编号", "所在县", "资金类别", "金额(元)", "拨付日期", "预算年度"]


@pytest.mark.parametrize("name, masked", [("王小明", "王*明"), ("欧阳小明", "欧**明"), ("李四", "李*"), ("张", "*"), (None, None)])
def test_masked_name(name, masked):
    assert masked_name(name) == masked


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    source = tmp_path_factory.mktemp("privacy_src")
    write_projects(source, [project("P1", status="签发", registered="2022-01-01")])
    write_csv(source / "trades" / "t.csv", TRADE_HEADER, [
        ["T1", "2023-01-05", "P1", "碳普惠平台", "王小明", "个人", "2", "60", "120", "碳普惠"],
        ["T2", "2023-01-06", "P1", "四川联合环境交易所", "合成能源公司", "控排企业", "100", "40", "4000", "履约抵销"],
        ["T3", "2023-01-07", "P1", "碳普惠平台", "赵大力", "个人", "-1", "60", "", "碳普惠"],  # rejected: not positive
        ["T4", "2023-01-08", "P1", "碳普惠平台", "钱多多", "散户", "1", "60", "60", "碳普惠"],  # rejected: unknown type
        ["T5", "2023-01-09", "P1", "四川联合环境交易所", "合成电力公司", "控排企业", "abc", "40", "", "履约抵销"],
    ])
    out = tmp_path_factory.mktemp("privacy_wh")
    ingest(source, out)
    return out


def test_the_scope_macro_masks_individuals_only(open_warehouse, warehouse):
    con = open_warehouse(warehouse)
    buyers = dict(con.execute("select trade_id, buyer from trades_in_scope(date '2030-01-01', null, null)").fetchall())
    assert buyers == {"T1": "王*明", "T2": "合成能源公司"}


def test_rejected_rows_keep_no_personal_name(open_warehouse, warehouse):
    con = open_warehouse(warehouse)
    rows = {r: text for r, text in con.execute("select source_row, raw::varchar from rejects").fetchall()}
    assert set(rows) == {4, 5, 6}
    assert "赵*力" in rows[4] and "赵大力" not in rows[4]
    assert "钱*多" in rows[5] and "钱多多" not in rows[5]  # an unknown buyer type may be a person
    assert "合成电力公司" in rows[6]  # an organisation is named


# --- parties, worked out here from the internal rows -------------------------------------------------------------

def party(name):
    """The rule's party written out again: NFKC, trimmed, inner white space collapsed, case-folded; no name: ''."""
    return " ".join(unicodedata.normalize("NFKC", name or "").split()).casefold()


def party_of_kind(kind, name):
    """A party of a row: its name's party, or for no name the one party of all the nameless ones of its kind."""
    return party(name) or f"(nameless {kind})"


@pytest.mark.parametrize("name, key", [
    ("Wang Xiaoming", "wang xiaoming"), (" wang  xiaoming\t", "wang xiaoming"),
    ("ＷＡＮＧ\u3000XIAOMING", "wang xiaoming"),  # full-width letters and an ideographic space, as a Chinese keyboard types
    ("王小明", "王小明"), ("王 小明", "王 小明"), (None, ""), ("  ", ""),
])
def test_a_party_is_a_normalised_name(name, key):
    assert party_key(name) == key == party(name)


PRIVATE_PROJECT = "(projects.owner_type = '农户' or projects.status not in ('注册', '签发'))"
# each public fact table's private parties' rows in the internal warehouse, as the rule (small_cells.py) names them:
# the row, the kind and name of one of its parties (a row of two parties comes twice), and a figure of the row to check
# its placing by
PRIVATE_ROWS = {
    "scale_events": f"""
        select projects.project_id || '/' || bases.basis, 'owner', projects.owner, projects.area_mu
        from internal.projects, (values ('development'), ('registered'), ('terminated')) as bases(basis)
        where {PRIVATE_PROJECT} and case bases.basis
            when 'development' then projects.status <> '终止'
            when 'registered' then projects.status in ('注册', '签发')
            else projects.status = '终止' end""",
    # a trade's individual buyer, and the owner of a private party's project that sold
    "trade_facts": f"""
        select trade_id, 'buyer', buyer, volume_tco2e from internal.trades where buyer_type = '个人'
        union all
        select trades.trade_id, 'owner', projects.owner, trades.volume_tco2e
        from internal.trades join internal.projects using (project_id) where {PRIVATE_PROJECT}""",
    "subsidy_facts": f"""
        select subsidies.payment_id, 'owner', projects.owner, subsidies.amount_yuan
        from internal.subsidies join internal.projects using (project_id) where {PRIVATE_PROJECT}""",
    # a record without an issue date counts in no figure, and is left out of the public file
    "issuance_facts": f"""
        select concat_ws('/', issuances.project_id, issuances.period_start, issuances.period_end), 'owner',
            projects.owner, issuances.issued_tco2e
        from internal.issuances join internal.projects using (project_id)
        where {PRIVATE_PROJECT} and issuances.issued_date is not null""",
}
FIGURE = {"scale_events": "area_mu", "trade_facts": "volume_tco2e", "subsidy_facts": "amount_yuan",
          "issuance_facts": "issued_tco2e"}
# groupings the queries make besides the columns: open_subsidies_by_year counts a payment in its budget year, else in
# the year it was paid
DERIVED = {"subsidy_facts": [("counted_year", lambda columns: columns["budget_year"] or columns["paid_date"].year)]}
# the public tables of one row per project (or per record of one project)
LISTED = ("projects", "project_milestones", "issuances", "issuance_facts")


def rebuilt_public(folder: Path):
    """The public build run again in memory beside the internal file, keeping where each private row went; the file
    built by the ingest must be the same, table by table."""
    con = duckdb.connect()
    build_public(con, folder / "internal.duckdb", keep_placements=True)
    con.execute("attach $path as internal (read_only)", {"path": str((folder / "internal.duckdb").resolve())})
    con.execute("attach $path as published (read_only)", {"path": str((folder / "public.duckdb").resolve())})
    for table in (*[facts.table for facts in FACTS], "projects", "project_milestones", "issuances"):
        columns = con.execute("select column_name, data_type from information_schema.columns "
                              "where table_catalog = 'published' and table_name = $t order by ordinal_position",
                              {"t": table}).fetchall()
        # sums of doubles may differ in their last bits with the order they were added in
        shown = ", ".join(f"round({c}, 6)" if t == "DOUBLE" else c for c, t in columns)
        for left, right in (("published.", "memory."), ("memory.", "published.")):
            extra = con.execute(f"select count(*) from (select {shown} from {left}{table} "
                                f"except all select {shown} from {right}{table})").fetchone()[0]
            assert extra == 0, (table, left)
    return con


def cells_of(con, facts):
    """The public cells of a table's private rows: (columns, row ids) for each, with the table's own rows checked
    against the internal ones: the same rows, the same figures; and row id -> the row's parties."""
    expected, parties_of = {}, {}
    for row_id, kind, name, figure in con.execute(PRIVATE_ROWS[facts.table]).fetchall():
        expected[row_id] = figure
        parties_of.setdefault(row_id, set()).add(party_of_kind(kind, name))
    placed = dict(con.execute(f"select row_id, {FIGURE[facts.table]} from {facts.table}_placed").fetchall())
    assert placed.keys() == expected.keys(), facts.table
    assert all(placed[r] == pytest.approx(expected[r]) for r in placed), facts.table
    columns = [facts.date, *facts.keys, "zone", "prefecture_code", "county_code", *facts.detail, "is_suppressed"]
    cells = con.execute(f"select {', '.join(columns)}, list(row_id) from {facts.table}_placed group by all").fetchall()
    return [(dict(zip(columns, cell[:-1])), cell[-1]) for cell in cells], parties_of


OPEN_PROJECT = f"not coalesce({PRIVATE_PROJECT}, false)"
# the internal figures of the other rows, each table's measures in small_cells.FACTS's order
OPEN_TOTALS = {
    "scale_events": """
        select sum(projects), sum(area_mu) from internal.scale_events
        where not coalesce(owner_type = '农户' or status not in ('注册', '签发'), false)""",
    "trade_facts": f"""
        select count(*), sum(trades.volume_tco2e), sum(trades.amount_yuan),
            sum(case when trades.amount_yuan is not null then trades.volume_tco2e end)
        from internal.trades join internal.projects using (project_id)
        where trades.buyer_type is distinct from '个人' and {OPEN_PROJECT}""",
    "subsidy_facts": f"""
        select count(*), sum(subsidies.amount_yuan)
        from internal.subsidies left join internal.projects using (project_id) where {OPEN_PROJECT}""",
    "issuance_facts": f"""
        select sum(verified_tco2e), sum(issued_tco2e)
        from internal.issuance_facts join internal.projects using (project_id) where {OPEN_PROJECT}""",
}


def assert_open_cells_hold_no_private_row(con, facts):
    """What the public table holds beside its private cells adds up to the internal figures of the other rows."""
    sums = ", ".join(f"coalesce(sum({m}), 0)" for m in facts.measures)
    published = con.execute(f"select {sums} from published.{facts.table}").fetchone()
    private = con.execute(f"select {sums} from {facts.table}_placed where not is_suppressed").fetchone()
    others = con.execute(OPEN_TOTALS[facts.table]).fetchone()
    for measure, whole, of_private, of_others in zip(facts.measures, published, private, others):
        assert float(whole) - float(of_private) == pytest.approx(float(of_others or 0)), (facts.table, measure)


def listed_projects(con):
    """project id -> the public project-level tables that list it one by one."""
    listed = {}
    for table in LISTED:
        for (project_id,) in con.execute(f"select distinct project_id from published.{table} "
                                         f"where project_id is not null").fetchall():
            listed.setdefault(project_id, []).append(table)
    return listed


def small_differences(own, children):
    """The party sets of fewer than SMALLEST parties that a published figure leaves less any of its published parts:
    own is the parties of its rows in no part; each child is what that part may leave in a difference (the empty set:
    subtracted whole; else any of its own small differences). A set of SMALLEST or more is not followed: adding
    parties never brings it back under."""
    reachable = {frozenset(own)} if len(own) < SMALLEST else set()
    for child in children:
        reachable = {kept | rest for kept in reachable for rest in child if len(kept | rest) < SMALLEST}
    return reachable


def subtraction_failures(cells, parties_of, listed_in, date, categories):
    """Every published total of the cells (any area: the province, a zone, prefecture or county; any time: all, a year,
    a month; any of the categories fixed at a value or not) less every set of its published parts along one of those
    dimensions, down to the cells and to the projects listed one by one inside them: the differences that hold one or
    two parties. cells: (columns, row ids); parties_of: row id -> its parties; listed_in: row id -> its listed project;
    categories: column names, or (name, function of the columns) for a grouping that queries make.

    A cell that holds no difference of one or two parties is left out of the trees, which changes no answer: kept in a
    difference it makes it hold three parties or more, subtracted it takes no party from the rest."""
    failures, leaves = [], []
    for columns, rows in cells:
        if columns["is_suppressed"]:
            continue  # no figures: in no total
        parties = frozenset().union(*(parties_of[r] for r in rows))
        if 0 < len(parties) < SMALLEST:
            failures.append(("cell", columns, sorted(parties)))
        parts = {}  # the projects listed one by one inside the cell: parts of it too
        for r in rows:
            if r in listed_in:
                parts.setdefault(listed_in[r], set()).update(parties_of[r])
        own = set().union(*(parties_of[r] for r in rows if r not in listed_in))
        small = small_differences(own, [{frozenset(p), frozenset()} for p in parts.values()])
        failures += [("cell less listed projects", columns, sorted(d)) for d in small if d and parts]
        if not any(small):
            continue
        area = (columns["zone"], columns["prefecture_code"], columns["county_code"])
        leaves.append({
            "area": area[: area.index(None)] if None in area else area,
            "time": (columns[date].year, columns[date]),
            **{category_name(c): (category_value(c, columns),) for c in categories},
            "small": small,
        })
    dimensions = ["area", "time", *map(category_name, categories)]
    for split in dimensions:
        others = [d for d in dimensions if d != split]
        slices = {}
        for leaf in leaves:
            for fixed in prefixes_of_each([leaf[d] for d in others]):  # every filter on the other dimensions
                slices.setdefault(fixed, []).append(leaf)
        for fixed, members in slices.items():
            for node, small in tree_differences(members, split).items():
                failures += [("total less parts", dict(zip(others, fixed)), split, node, sorted(d)) for d in small if d]
    return failures


def category_name(category):
    return category if isinstance(category, str) else category[0]


def category_value(category, columns):
    return columns[category] if isinstance(category, str) else category[1](columns)


def prefixes_of_each(paths):
    """Every choice of one prefix of each path (the empty one: no filter on that dimension)."""
    choices = [()]
    for path in paths:
        choices = [(*chosen, path[:n]) for chosen in choices for n in range(len(path) + 1)]
    return choices


def tree_differences(leaves, split):
    """node -> the small party sets of the node less any of its parts, for each node of the tree the leaves' paths
    make along one dimension: a node's parts are its child nodes and its cells, each subtracted whole or less any of
    its own parts."""
    nodes, cells = {}, {}
    for leaf in leaves:
        path = leaf[split]
        cells.setdefault(path, []).append(leaf)
        for depth in range(len(path) + 1):
            nodes.setdefault(path[:depth], set())
            if depth:
                nodes[path[: depth - 1]].add(path[:depth])
    small = {}
    for node in sorted(nodes, key=len, reverse=True):
        parts = [small[child] | {frozenset()} for child in nodes[node]]
        parts += [leaf["small"] | {frozenset()} for leaf in cells.get(node, [])]
        small[node] = small_differences(frozenset(), parts)
    return small


def every_subtraction_failure(folder: Path):
    """What a warehouse folder's public file publishes of fewer than three parties: private parties' projects listed one
    by one, and every (table, kind, ...) of subtraction_failures."""
    con = rebuilt_public(folder)
    try:
        listed = listed_projects(con)
        failures = [("listed", p) for (p,) in con.execute(
            f"select project_id from internal.projects where {PRIVATE_PROJECT}").fetchall() if p in listed]
        for facts in FACTS:
            cells, parties_of = cells_of(con, facts)
            assert_open_cells_hold_no_private_row(con, facts)
            # a project's area and its issuances are listed one by one; its trades and payments are not
            listed_in = {r: r.split("/")[0] for r in parties_of if r.split("/")[0] in listed} \
                if facts.table in ("scale_events", "issuance_facts") else {}
            categories = [*facts.keys, *facts.detail, *DERIVED.get(facts.table, ())]
            failures += [(facts.table, *f)
                         for f in subtraction_failures(cells, parties_of, listed_in, facts.date, categories)]
        return failures
    finally:
        con.close()


def test_the_check_finds_the_subtraction_the_issue_found():
    """The case of issue 19, as cells: a registered farmer household's project F listed one by one, and merged with
    two unregistered projects into one cell of three parties: the cell less F holds two."""
    cell = ({"event_date": dt.date(2022, 3, 31), "basis": "development", "zone": "川中", "prefecture_code": None,
             "county_code": None, "project_type": None, "is_suppressed": False}, ["F/development", "U1/development",
                                                                                 "U2/development"])
    parties_of = {"F/development": {"张三丰"}, "U1/development": {"青羊国有林场"}, "U2/development": {"青羊某村"}}
    categories = ["basis", "project_type"]
    failures = subtraction_failures([cell], parties_of, {"F/development": "F"}, "event_date", categories)
    assert ("cell less listed projects", cell[0], ["青羊国有林场", "青羊某村"]) in failures
    # unlisted, the same cell is fine, and two of them in one zone are too, whatever one subtracts
    other = ({**cell[0], "event_date": dt.date(2022, 4, 30)}, ["A/development", "B/development", "C/development"])
    parties_of.update({"A/development": {"a"}, "B/development": {"b"}, "C/development": {"c"}})
    assert subtraction_failures([cell, other], parties_of, {}, "event_date", categories) == []
    # a cell of one party is found however it is reached
    lone = ({**cell[0], "event_date": dt.date(2022, 5, 31)}, ["D/development"])
    parties_of["D/development"] = {"d"}
    failures = subtraction_failures([cell, lone], parties_of, {}, "event_date", categories)
    assert ("cell", lone[0], ["d"]) in failures
    # and the zone's month less its cells: the total of both, less the cell of three, leaves d alone
    assert ("total less parts", {"time": (2022,), "basis": ("development",), "project_type": ()}, "area", ("川中",),
            ["d"]) in failures


def test_every_subtraction_on_the_sample(sample_warehouse):
    failures = every_subtraction_failure(sample_warehouse)
    assert failures == [], failures[:5]


def test_every_subtraction_on_the_mini_fixture(mini_warehouse):
    failures = every_subtraction_failure(mini_warehouse)
    assert failures == [], failures[:5]


# --- worked by hand -----------------------------------------------------------------------------------------------
# 川中 (成都市 510100): ORG01, a state forest farm's registered project, listed; FARM01, a farmer household's registered
# project (张三丰), and PIPE01, PIPE02, two unregistered projects, all started in March 2022. 川南: ORG02, registered.
# Trades of ORG01 on the inclusive platform: one man's three purchases (Jan-Mar 2025, his name written three ways,
# 13 t and 780 yuan in all), and in June 2025 three people's four (赵一 twice); of ORG02 in May 2025, two without a
# buyer's name and one of 李四's; a compliance company's in June 2025.

HOUSEHOLDS_PROJECTS = [
    ["ORG01", "锦江国有林场森林经营", "锦江区", "森林经营碳汇", "1000", "注册", "2022-01-01", "2022-06-01", "国有林场", "锦江国有林场"],
    ["FARM01", "张三丰家庭林场碳汇", "锦江区", "造林碳汇", "400", "签发", "2022-03-10", "2022-09-01", "农户", "张三丰"],
    ["PIPE01", "青羊储备项目甲", "青羊区", "森林经营碳汇", "700", "审定", "2022-03-05", "", "国有林场", "青羊国有林场"],
    ["PIPE02", "青羊储备项目乙", "青羊区", "造林碳汇", "900", "储备", "2022-03-20", "", "集体经济组织", "青羊某村"],
    ["ORG02", "叙州竹林经营", "叙州区", "竹林经营碳汇", "2000", "签发", "2021-01-01", "2021-06-01", "集体经济组织", "叙州某村"],
]
HOUSEHOLDS_TRADES = [
    ["W1", "2025-01-10", "ORG01", "碳普惠平台", "Wang Xiaoming", "个人", "2", "60", "120", "碳普惠"],
    ["W2", "2025-02-11", "ORG01", "碳普惠平台", " wang  xiaoming", "个人", "5", "60", "300", "碳普惠"],
    ["W3", "2025-03-12", "ORG01", "碳普惠平台", "ＷＡＮＧ\u3000XIAOMING", "个人", "6", "60", "360", "碳普惠"],
    ["C1", "2025-06-02", "ORG01", "碳普惠平台", "赵一", "个人", "1", "60", "60", "碳普惠"],
    ["C2", "2025-06-03", "ORG01", "碳普惠平台", "钱二", "个人", "2", "60", "120", "碳普惠"],
    ["C3", "2025-06-04", "ORG01", "碳普惠平台", "孙三", "个人", "3", "60", "180", "碳普惠"],
    ["C4", "2025-06-05", "ORG01", "碳普惠平台", "赵一", "个人", "4", "60", "240", "碳普惠"],
    ["N1", "2025-05-06", "ORG02", "碳普惠平台", "", "个人", "1", "60", "60", "碳普惠"],
    ["N2", "2025-05-07", "ORG02", "碳普惠平台", "", "个人", "1", "60", "60", "碳普惠"],
    ["N3", "2025-05-08", "ORG02", "碳普惠平台", "李四", "个人", "1", "60", "60", "碳普惠"],
    ["O1", "2025-06-20", "ORG01", "四川联合环境交易所", "某电厂", "控排企业", "100", "40", "4000", "履约抵销"],
]
HOUSEHOLDS_PAYMENTS = [
    ["S1", "FARM01", "锦江区", "注册奖励", "50000", "2023-04-10", "2023"],
    ["S2", "PIPE01", "青羊区", "注册奖励", "30000", "2023-04-12", "2023"],
    ["S3", "PIPE02", "青羊区", "注册奖励", "20000", "2023-04-20", "2023"],
    ["S4", "ORG01", "锦江区", "注册奖励", "100000", "2023-04-15", "2023"],
]


@pytest.fixture(scope="module")
def households_exports(tmp_path_factory):
    source = tmp_path_factory.mktemp("households_exports")
    write_csv(source / "projects" / "projects.csv", PROJECT_HEADER, HOUSEHOLDS_PROJECTS)
    write_csv(source / "issuances" / "issuances.csv", ISSUANCE_HEADER,
              [["FARM01", "2022-09-01", "2022-12-31", "120", "100", "2023-03-01"]])
    write_csv(source / "trades" / "trades.csv", TRADE_HEADER, HOUSEHOLDS_TRADES)
    write_csv(source / "subsidies" / "subsidies.csv", SUBSIDY_HEADER, HOUSEHOLDS_PAYMENTS)
    return source


@pytest.fixture(scope="module")
def households(households_exports, tmp_path_factory):
    out = tmp_path_factory.mktemp("households_warehouse")
    ingest(households_exports, out)
    return out


@pytest.fixture
def households_public(open_warehouse, households):
    return open_warehouse(households, "public")


def test_every_subtraction_on_the_households(households):
    failures = every_subtraction_failure(households)
    assert failures == [], failures[:5]


def test_the_check_fails_on_a_build_that_publishes_fewer_parties(households_exports, tmp_path, monkeypatch):
    """The same exports built with a rule of one party: the check finds Wang Xiaoming's months, 李四's and the nameless
    ones, and the farmer household's issuance, each published on its own."""
    monkeypatch.setattr(small_cells, "SMALLEST", 1)
    ingest(households_exports, tmp_path / "wh")
    found = {(f[0], f[1], tuple(f[-1])) for f in every_subtraction_failure(tmp_path / "wh")}
    assert {("trade_facts", "cell", ("wang xiaoming",)), ("trade_facts", "cell", ("(nameless buyer)", "李四")),
            ("issuance_facts", "cell", ("张三丰",)), ("scale_events", "cell", ("张三丰",))} <= found
    # and the totals that hold them, such as the zone's individual trades of the month less its cells
    assert ("trade_facts", "total less parts", ("wang xiaoming",)) in found


def test_one_persons_three_purchases_are_never_a_cell_of_three_trades(households_public):
    rows = households_public.execute("""
        select trade_date, zone, county_code, trades, volume_tco2e, amount_yuan, is_suppressed
        from trade_facts where buyer_type = '个人' order by trade_date""").fetchall()
    assert rows == [
        # Wang Xiaoming, however written, is one party: his months stay under three parties, so no figures at all
        (dt.date(2025, 3, 31), "川中", None, None, None, None, True),
        # the rows without a name are one party: with 李四's, two
        (dt.date(2025, 5, 31), "川南", None, None, None, None, True),
        # three people make a cell of their own, in their county: four trades, 1 + 2 + 3 + 4 t
        (dt.date(2025, 6, 30), "川中", "510104", 4, 10.0, 600, False),
    ]
    organisations = households_public.execute(
        "select trades, volume_tco2e from trade_facts where buyer_type = '控排企业'").fetchall()
    assert organisations == [(1, 100.0)]  # a trade of organisations holds no private party: published as it is


def test_a_farmer_households_project_is_in_no_public_row(households_public):
    texts = []
    for table, column in households_public.execute(
            "select table_name, column_name from information_schema.columns where data_type = 'VARCHAR'").fetchall():
        texts += [r[0] for r in households_public.execute(f'select distinct "{column}" from "{table}"').fetchall()]
    for secret in ("FARM01", "张三丰", "PIPE01", "PIPE02", "青羊储备项目甲", "青羊国有林场", "xiaoming", "赵一", "李四"):
        assert not [t for t in texts if t and secret in t.casefold()], secret
    listed = {r[0] for r in households_public.execute("select project_id from project_milestones").fetchall()}
    assert listed == {"ORG01", "ORG02"}


def test_the_households_count_in_aggregates_only(households_public):
    scale = households_public.execute("""
        select basis, event_date, prefecture_code, projects, area_mu, is_suppressed from scale_events
        where zone = '川中' order by basis, event_date""").fetchall()
    assert scale == [
        ("development", dt.date(2022, 1, 31), "510100", 1, 1000.0, False),  # ORG01, its own cell
        # FARM01, PIPE01 and PIPE02: three parties, one in each of three cells of the month, merged up to the zone
        ("development", dt.date(2022, 3, 31), None, 3, 2000.0, False),
        ("registered", dt.date(2022, 6, 30), "510100", 1, 1000.0, False),
        ("registered", dt.date(2022, 9, 30), None, None, None, True),  # FARM01 alone: no figures
    ]
    # the zone's development scale less the projects it lists (ORG01) leaves the three parties' 2,000 mu together
    as_of = dt.date(2025, 6, 30)
    ranking = run_query(households_public, "region_ranking", level="zone", as_of=as_of, basis="development",
                        zone="川中", prefecture_code=None)
    listed = run_query(households_public, "area_projects", as_of=as_of, zone="川中", prefecture_code=None,
                       county_code=None, limit=None)
    assert ranking.area_mu.tolist() == [3000] and listed.area_mu.sum() == 1000
    # three payments to the three parties' projects: no county holds three, their prefecture does
    payments = households_public.execute("""
        select county_code, prefecture_code, payments, amount_yuan from subsidy_facts order by county_code nulls first
        """).fetchall()
    assert payments == [(None, "510100", 3, 100000), ("510104", "510100", 1, 100000)]
    # FARM01's issuance, one party: kept without figures
    assert households_public.execute("""
        select project_id, issued_date, zone, issued_tco2e, is_suppressed from issuance_facts""").fetchall() == [
        (None, dt.date(2023, 3, 31), "川中", None, True)]


def shown(app):
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning"):
        parts += [str(element.value) for element in getattr(app, kind)]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def households_public_only(households, tmp_path_factory):
    """The public file alone, as the public server holds it."""
    folder = tmp_path_factory.mktemp("households_public_only")
    shutil.copy((households / "public.duckdb").resolve(), folder / "public.duckdb")
    return folder


@pytest.mark.parametrize("page", ["pages/zones.py", "pages/pipeline.py", "pages/open_registry.py"])
def test_no_public_page_lists_a_households_project_with_a_prefecture_chosen(open_app, households,
                                                                           households_public_only, page):
    params = {"prefecture": "510100", "lang": "zh"}

    def listed(app):
        if page == "pages/pipeline.py":  # the overdue projects' IDs are in the table's column chooser
            app.multiselect(key="stalled_table_more").select("project_id").run()
        return shown(app)

    public = listed(open_app(households_public_only, "public", page=page, query_params=params))
    assert "ORG01" in public  # the page lists the prefecture's projects...
    assert "FARM01" not in public and "张三丰" not in public and "PIPE0" not in public  # ...but none of these
    if page != "pages/open_registry.py":  # the internal page lists it, as before (the open registry never does)
        assert "FARM01" in listed(open_app(households, "internal", page=page, query_params=params))


# --- worked by hand: farmer households selling ---------------------------------------------------------------------
# Four farmer households' registered projects: FARM01 (张三丰), FARM02 (李二), FARM03 (王三) in 锦江区 (川中), FARM04
# (周四) in 叙州区 (川南); ORG01, a state forest farm's, in 锦江区. FARM04 sells three times (Jan-Mar 2025) to three
# compliance companies; in June 2025 FARM01, FARM02 and FARM03 sell once each to compliance companies, and ORG01 too;
# in July 2025 one person, 赵六, buys from FARM01 and from FARM02.

SELLERS_PROJECTS = [
    ["ORG01", "锦江国有林场森林经营", "锦江区", "森林经营碳汇", "1000", "注册", "2022-01-01", "2022-06-01", "国有林场", "锦江国有林场"],
    ["FARM01", "张三丰家庭林场碳汇", "锦江区", "造林碳汇", "400", "签发", "2022-03-10", "2022-09-01", "农户", "张三丰"],
    ["FARM02", "李二家庭林场碳汇", "锦江区", "造林碳汇", "300", "签发", "2022-04-10", "2022-10-01", "农户", "李二"],
    ["FARM03", "王三家庭林场碳汇", "锦江区", "造林碳汇", "200", "签发", "2022-05-10", "2022-11-01", "农户", "王三"],
    ["FARM04", "周四竹林碳汇", "叙州区", "竹林经营碳汇", "500", "签发", "2022-01-10", "2022-08-01", "农户", "周四"],
]
SELLERS_TRADES = [
    ["H1", "2025-01-15", "FARM04", "四川联合环境交易所", "合成能源公司", "控排企业", "100", "40", "4000", "履约抵销"],
    ["H2", "2025-02-15", "FARM04", "四川联合环境交易所", "某钢铁公司", "控排企业", "200", "40", "8000", "履约抵销"],
    ["H3", "2025-03-15", "FARM04", "四川联合环境交易所", "某水泥公司", "控排企业", "300", "40", "12000", "履约抵销"],
    ["F1", "2025-06-02", "FARM01", "四川联合环境交易所", "某电厂", "控排企业", "10", "40", "400", "履约抵销"],
    ["F2", "2025-06-03", "FARM02", "四川联合环境交易所", "某化工厂", "控排企业", "20", "40", "800", "履约抵销"],
    ["F3", "2025-06-04", "FARM03", "四川联合环境交易所", "某电厂", "控排企业", "30", "40", "1200", "履约抵销"],
    ["O1", "2025-06-05", "ORG01", "四川联合环境交易所", "某电厂", "控排企业", "100", "40", "4000", "履约抵销"],
    ["I1", "2025-07-01", "FARM01", "碳普惠平台", "赵六", "个人", "1", "60", "60", "碳普惠"],
    ["I2", "2025-07-02", "FARM02", "碳普惠平台", "赵六", "个人", "2", "60", "120", "碳普惠"],
]


@pytest.fixture(scope="module")
def sellers_exports(tmp_path_factory):
    source = tmp_path_factory.mktemp("sellers_exports")
    write_csv(source / "projects" / "projects.csv", PROJECT_HEADER, SELLERS_PROJECTS)
    write_csv(source / "trades" / "trades.csv", TRADE_HEADER, SELLERS_TRADES)
    return source


@pytest.fixture(scope="module")
def sellers(sellers_exports, tmp_path_factory):
    out = tmp_path_factory.mktemp("sellers_warehouse")
    ingest(sellers_exports, out)
    return out


def test_every_subtraction_on_the_sellers(sellers):
    failures = every_subtraction_failure(sellers)
    assert failures == [], failures[:5]


def test_a_households_sales_to_companies_are_its_own(open_warehouse, sellers):
    rows = open_warehouse(sellers, "public").execute("""
        select trade_date, zone, county_code, buyer_type, trades, volume_tco2e, is_suppressed from trade_facts
        order by trade_date, trades""").fetchall()
    assert rows == [
        # 周四 is the one party of FARM04's three sales, whoever bought: merged over the months, still one, no figures
        (dt.date(2025, 3, 31), "川南", None, "控排企业", None, None, True),
        (dt.date(2025, 6, 30), "川中", "510104", "控排企业", 1, 100.0, False),  # ORG01's sale holds no party
        # three households selling make a cell of their own, in their county: 10 + 20 + 30 t
        (dt.date(2025, 6, 30), "川中", "510104", "控排企业", 3, 60.0, False),
        # 赵六's two purchases, one from each of two households: three parties, so two trades make a cell
        (dt.date(2025, 7, 31), "川中", "510104", "个人", 2, 3.0, False),
    ]


def test_the_check_finds_a_household_selling_alone(sellers_exports, tmp_path, monkeypatch):
    """The sellers built with a rule of one party: FARM04's sales are published month by month, each of one party,
    周四, and the check finds them by the seller alone (their buyers are companies)."""
    monkeypatch.setattr(small_cells, "SMALLEST", 1)
    ingest(sellers_exports, tmp_path / "wh")
    found = {(f[0], f[1], tuple(f[-1])) for f in every_subtraction_failure(tmp_path / "wh")}
    assert ("trade_facts", "cell", ("周四",)) in found
