"""Corpus cases for the contract's bad-input rules, in every dataset: each reject reason with the message that names the
column and the value, counties written in former, ambiguous and misspelt names, duplicates within and across files and
formats (which row wins), superseded rows, years written as people write them."""

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from hostile.corpus import (
    BUDGETS,
    CARBON_STOCK,
    ISSUANCES,
    POTENTIAL,
    PROJECTS,
    SUBSIDIES,
    TARGETS,
    TRADES,
    case,
    project,
    put_csv,
    registered_projects,
)
from hostile.rawxlsx import DATE, Cell, SheetSpec, write_raw_xlsx


def without(row, position):
    row = list(row)
    row[position] = None
    return row


# one valid row and one row with a required cell left empty, per dataset: (header, valid row, row with a gap)
MISSING_REQUIRED = {
    "projects": (PROJECTS, project("H50-P1"), without(project("H50-P2"), 1)),
    "issuances": (ISSUANCES, ["H50-P1", "2021-01-01", "2021-12-31", "100", None, None],
                  ["H50-P1", "2022-01-01", "2022-12-31", None, "90", None]),
    "trades": (TRADES, ["H50-T1", "2023-01-01", "H50-P1", "seee", "个人", "1", "50", "50"],
               ["H50-T2", "2023-01-01", "H50-P1", "seee", None, "1", "50", "50"]),
    "subsidies": (SUBSIDIES, ["H50-S1", None, "锦江区", "注册奖励", "100", "2022-01-01"],
                  ["H50-S2", None, "锦江区", "注册奖励", "100", None]),
    "budgets": (BUDGETS, ["2050", "注册奖励", "100"], ["2050", None, "100"]),
    "carbon_stock": (CARBON_STOCK, ["锦江区", "2050", "森林", "100", "1", None], ["锦江区", "2050", None, "100", "1", None]),
    "potential": (POTENTIAL, ["温江区", "造林碳汇", "100", "1"], ["温江区", None, "100", "1"]),
    "targets": (TARGETS, ["2050", None, "area_mu", "100"], ["2050", "川南", "area_mu", None]),
}


@case("rules")
def h50_missing_required_per_dataset(source: Path):
    for dataset, (header, valid, gap) in MISSING_REQUIRED.items():
        put_csv(source, f"{dataset}/h50_missing.csv", [header, valid, gap])


@case("rules")
def h51_bad_numbers(source: Path):
    """A number column holding words, a unit of another column, Chinese numerals."""
    registered_projects(source, 51, "H51-P1")
    put_csv(source, "issuances/h51_numbers.csv", [
        ISSUANCES,
        ["H51-P1", "2021-01-01", "2021-12-31", "一百", None, None],                 # 2
        ["H51-P1", "2022-01-01", "2022-12-31", "100", "90元", None],                # 3
    ])
    put_csv(source, "budgets/h51_numbers.csv", [BUDGETS, ["2051", "注册奖励", "八十万"]])
    put_csv(source, "potential/h51_numbers.csv", [POTENTIAL, ["新都区", "造林碳汇", "约100", "1"]])


@case("rules")
def h52_bad_dates(source: Path):
    registered_projects(source, 52, "H52-P1")
    put_csv(source, "subsidies/h52_dates.csv", [SUBSIDIES, ["H52-S1", None, "锦江区", "注册奖励", "100", "2022-02-30"]])
    put_csv(source, "issuances/h52_dates.csv", [
        ISSUANCES, ["H52-P1", "2021-01-01", "2021-12-31", "100", "90", "2022-13-01"],
    ])


@case("rules")
def h53_not_positive(source: Path):
    registered_projects(source, 53, "H53-P1")
    put_csv(source, "budgets/h53_zero.csv", [BUDGETS, ["2053", "注册奖励", "0"]])
    put_csv(source, "potential/h53_negative.csv", [POTENTIAL, ["郫都区", "造林碳汇", "-3", "1"]])
    put_csv(source, "carbon_stock/h53_zero.csv", [CARBON_STOCK, ["锦江区", "2053", "森林", "0", "1", None]])
    put_csv(source, "issuances/h53_negative.csv", [ISSUANCES, ["H53-P1", "2021-01-01", "2021-12-31", "100", "-1", None]])
    put_csv(source, "trades/h53_negative.csv", [TRADES, ["H53-T1", "2023-01-01", "H53-P1", "seee", "个人", "1", "-50", "-50"]])


@case("rules")
def h54_unknown_values(source: Path):
    """A category outside its list, in every category column of every dataset."""
    put_csv(source, "projects/h54_values.csv", [
        [*PROJECTS, "标准", "业主类型", "示范项目"],
        [*project("H54-P1", status="注册", registered="2021-06-01"), "CCER", "农户", "否"],   # 2 loads
        [*project("H54-P2"), "CDM", None, None],                                               # 3
        [*project("H54-P3"), None, "私营企业", None],                                          # 4
        [*project("H54-P4"), None, None, "可能"],                                               # 5
    ])
    put_csv(source, "trades/h54_values.csv", [
        [*TRADES, "用途"],
        ["H54-T1", "2023-01-01", "H54-P1", "微信", "个人", "1", "50", "50", None],            # 2 platform
        ["H54-T2", "2023-01-01", "H54-P1", "seee", "外资企业", "1", "50", "50", None],         # 3 buyer_type
        ["H54-T3", "2023-01-01", "H54-P1", "seee", "个人", "1", "50", "50", "抵债"],           # 4 purpose
    ])
    put_csv(source, "subsidies/h54_values.csv", [SUBSIDIES, ["H54-S1", None, "锦江区", "奖金", "100", "2022-01-01"]])
    put_csv(source, "carbon_stock/h54_values.csv", [CARBON_STOCK, ["锦江区", "2054", "灌木林", "100", "1", None]])
    put_csv(source, "potential/h54_values.csv", [POTENTIAL, ["金堂县", "林下经济碳汇", "100", "1"]])
    put_csv(source, "targets/h54_values.csv", [TARGETS, ["2054", "川西", "area_mu", "100"]])


@case("rules")
def h55_unknown_counties(source: Path):
    """Misspelt, traditional characters, a prefecture for a county, a code that is no county, a county of Beijing."""
    put_csv(source, "subsidies/h55_counties.csv", [
        SUBSIDIES,
        ["H55-S1", None, "金江区", "注册奖励", "100", "2022-01-01"],     # 2 misspelt 锦江区
        ["H55-S2", None, "錦江區", "注册奖励", "100", "2022-01-01"],     # 3 traditional characters
        ["H55-S3", None, "成都市", "注册奖励", "100", "2022-01-01"],     # 4 a prefecture
        ["H55-S4", None, "513499", "注册奖励", "100", "2022-01-01"],     # 5 no such code
        ["H55-S5", None, "110101", "注册奖励", "100", "2022-01-01"],     # 6 东城区, Beijing
        ["H55-S6", None, " 锦江区　", "注册奖励", "100", "2022-01-01"],   # 7 loads: spaces trimmed
    ])


@case("rules")
def h56_ambiguous_counties(source: Path):
    """市中区 is a district of 乐山 and of 内江: a prefecture column or prefix tells them apart, or nothing does."""
    put_csv(source, "potential/h56_ambiguous.csv", [
        ["所在县", "所在市州", "项目类型", "潜力面积(亩)"],
        ["市中区", None, "造林碳汇", "100"],            # 2 ambiguous_county
        ["市中区", "自贡市", "造林碳汇", "100"],        # 3 ambiguous: 自贡 has none
        ["市中区", "内江", "造林碳汇", "200"],          # 4 loads 511002
        ["乐山市市中区", None, "造林碳汇", "300"],      # 5 loads 511102
    ])


@case("rules")
def h57_former_divisions(source: Path):
    """Former names and codes resolve to today's division; two spellings of one county are one key."""
    put_csv(source, "carbon_stock/h57_former.csv", [
        ["所在县", "所在市州", "年度", "碳库", "面积(亩)", "碳储量(tCO2e)"],
        ["郫县", None, "2057", "森林", "100", "10"],           # 2 loads 510117
        ["510124", None, "2057", "森林", "100", "10"],         # 3 the former code of 郫县: duplicate of row 2
        ["双流县", None, "2057", "森林", "100", "10"],          # 4 loads 510116
        ["会理县", "凉山州", "2057", "森林", "100", "10"],       # 5 loads 513402
        ["简阳市", "资阳市", "2057", "森林", "100", "10"],       # 6 loads 510185 (now under 成都)
        ["宜宾县", None, "2057", "森林", "100", "10"],          # 7 loads 511504
        ["510922", None, "2057", "森林", "100", "10"],         # 8 射洪县's former code: loads 510981
        ["元坝区", None, "2057", "森林", "100", "10"],          # 9 loads 510811
    ])


@case("rules")
def h58_date_order(source: Path):
    put_csv(source, "projects/h58_order.csv", [
        [*PROJECTS, "计入期开始", "计入期结束"],
        [*project("H58-P1", status="注册", registered="2021-06-01"), None, None],                   # 2 loads
        [*project("H58-P2", status="注册", start="2022-01-01", registered="2021-12-31"), None, None],  # 3
        [*project("H58-P3"), "2021-01-01", "2020-12-31"],                                          # 4
    ])
    put_csv(source, "issuances/h58_order.csv", [ISSUANCES, ["H58-P1", "2022-12-31", "2022-01-01", "100", None, None]])


@case("rules")
def h59_amount_mismatch(source: Path):
    """The amount against volume × price: in 万元 too, and with a price of 0."""
    registered_projects(source, 59, "H59-P1")
    put_csv(source, "trades/h59_amounts.csv", [
        ["成交编号", "成交日期", "项目编号", "交易平台", "买方类型", "成交量", "成交价", "成交额(万元)"],
        ["H59-T1", "2023-01-01", "H59-P1", "seee", "控排企业", "100", "50", "0.505"],   # 2 loads: +1.0%
        ["H59-T2", "2023-01-01", "H59-P1", "seee", "控排企业", "100", "50", "0.51"],    # 3 +2%
        ["H59-T3", "2023-01-01", "H59-P1", "seee", "控排企业", "100", "0", "0.01"],     # 4 price 0, amount 100
    ])


@case("rules")
def h60_unknown_projects(source: Path):
    """Rows pointing at a project that is not there, or that was rejected."""
    put_csv(source, "projects/h60_projects.csv", [PROJECTS, project("H60-P1"), project("H60-P2", area="x")])
    put_csv(source, "issuances/h60_projects.csv", [
        ISSUANCES,
        ["H60-P1", "2021-01-01", "2021-12-31", "100", None, None],    # 2 loads
        ["H60-P2", "2021-01-01", "2021-12-31", "100", None, None],    # 3 its project was rejected
        ["H60-P9", "2021-01-01", "2021-12-31", "100", None, None],    # 4 no such project
    ])
    put_csv(source, "subsidies/h60_projects.csv", [SUBSIDIES, ["H60-S1", "H60-P9", "锦江区", "注册奖励", "100", "2022-01-01"]])


@case("rules")
def h61_superseded_in_one_file(source: Path):
    """The same trade twice in one file with other values: the later row wins."""
    registered_projects(source, 61, "H61-P1")
    put_csv(source, "trades/h61_same_file.csv", [
        TRADES,
        ["H61-T1", "2023-01-01", "H61-P1", "seee", "控排企业", "100", "50", "5000"],   # 2 superseded by row 4
        ["H61-T2", "2023-01-01", "H61-P1", "seee", "控排企业", "1", "50", "50"],       # 3 loads
        ["H61-T1", "2023-01-02", "H61-P1", "seee", "控排企业", "100", "50", "5000"],   # 4 loads
        ["H61-T2", "2023-01-01", "H61-P1", "四川联合环境交易所", "compliance_entity", "1.0", "50.00", "50"],  # 5 duplicate
    ])


@case("rules")
def h62_duplicates_across_formats(source: Path):
    """One project in a CSV, a workbook and a Parquet file, written three ways with the same canonical values."""
    put_csv(source, "projects/h62_a.csv", [PROJECTS, project("H62-P1", area="1,500", start="2021/1/1")])
    write_raw_xlsx(source / "projects" / "h62_b.xlsx", [SheetSpec("项目", [
        PROJECTS, ["Ｈ６２－Ｐ１", "项目H62-P1", "锦江区", "afforestation", 1500, "pipeline", Cell("44197", s=DATE)],
    ])])
    path = source / "projects" / "h62_c.parquet"
    pq.write_table(pa.table({
        "project_id": [" H62-P1 "], "project_name": ["项目H62-P1"], "county_code": ["510104"], "project_type": ["造林碳汇"],
        "area_ha": [100.0], "status": ["储备"], "start_date": pa.array([44197 - 25569], pa.int32()).cast(pa.date32()),
    }), path)


@case("rules")
def h63_runs_across_files(source: Path):
    """A, the same A again, then B in three files: the first A is superseded, the second a duplicate, B loads."""
    for name, area in (("h63_a.csv", "1000"), ("h63_b.csv", "1000"), ("h63_c.csv", "2000")):
        put_csv(source, f"projects/{name}", [PROJECTS, project("H63-P1", area=area)])


@case("rules")
def h64_budgets_in_other_units(source: Path):
    """One budget in 万元, then in yuan with separators, then in 万 written in a yuan column: the same amount."""
    put_csv(source, "budgets/h64_a.csv", [["年度", "资金类别", "预算金额(万元)"], ["2064", "注册奖励", "100"], ["2064", "贷款贴息", "5"]])
    put_csv(source, "budgets/h64_b.csv", [BUDGETS, ["2064", "registration_reward", "1,000,000"]])
    put_csv(source, "budgets/h64_c.csv", [BUDGETS, ["2064年", "注册奖励", "100万元"], ["2064", "loan_interest", "60000"]])


@case("rules")
def h65_target_spellings(source: Path):
    """Zones and metrics in their other spellings; a value with 万 and a unit word; the same key twice."""
    put_csv(source, "targets/h65_targets.csv", [
        TARGETS,
        ["2065", None, "项目规模(亩)", "1500万亩"],        # 2 loads: 全省
        ["2065", "全省", "area_mu", "15,000,000"],        # 3 duplicate of row 2
        ["2065", "South", "area_mu", "500万"],            # 4 superseded by row 5
        ["2065", "川南片", "area_mu", "600万"],           # 5 loads
        ["2065", "川中发展片", "碳汇量", "10万吨"],        # 6 loads: another metric
    ])


@case("rules")
def h66_years(source: Path):
    put_csv(source, "budgets/h66_years.csv", [
        BUDGETS,
        ["2066年", "注册奖励", "1"],     # 2 loads
        ["二〇六六", "贷款贴息", "1"],   # 3 bad_number
        ["66", "示范项目", "1"],         # 4 bad_number
        ["2066.0", "技术研究", "1"],     # 5 loads
    ])


@case("rules")
def h67_first_reason_in_the_contracts_order(source: Path):
    """Rows breaking several rules: the reason is the first in the contract's order, the message names every fault."""
    put_csv(source, "projects/h67_order.csv", [
        PROJECTS,
        project("H67-P1", status="注册", registered="2021-06-01"),      # 2 loads
        project("H67-P2", status="签发", area="x"),                     # 3 missing_required (签发 without a date)
    ])
    put_csv(source, "subsidies/h67_order.csv", [
        SUBSIDIES,
        ["H67-S1", "H67-P9", "不存在县", "奖金", "100", "2022-01-01"],   # 2 unknown_value before unknown_county
        ["H67-S2", "H67-P9", "市中区", "注册奖励", "100", "2022-01-01"],  # 3 ambiguous_county before unknown_project
    ])
    put_csv(source, "issuances/h67_order.csv", [ISSUANCES, ["H67-P9", "2022-12-31", "2022-01-01", "100", None, None]])


@case("rules")
def h68_a_later_invalid_row_leaves_the_earlier(source: Path):
    """A newer file repeats a payment with an amount that is no number: the older, valid row stays."""
    put_csv(source, "subsidies/h68_a.csv", [SUBSIDIES, ["H68-S1", None, "锦江区", "注册奖励", "100", "2022-01-01"]])
    put_csv(source, "subsidies/h68_b.csv", [SUBSIDIES, ["H68-S1", None, "锦江区", "注册奖励", "一百", "2022-01-01"]])
