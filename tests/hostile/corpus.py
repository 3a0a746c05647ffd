"""The hostile-file corpus: each case writes real export files into a source folder, under names and keys of
its own (files `<dataset>/hNN_<what>.<ext>`, ids `HNN-...`, years 20NN), so that the cases of one group can be
ingested together and their outcomes still told apart. tests/test_hostile_corpus.py asserts each case's outcome.

Cases whose correct outcome is a failure of the whole ingest are not registered in a group: each is ingested alone."""

import csv
import io
from pathlib import Path

GROUPS = {"text": [], "xlsx": [], "parquet": [], "rules": []}


def case(group):
    """Registers a writer of files in one of the groups ingested together."""
    def register(write):
        GROUPS[group].append(write)
        return write
    return register


def write_group(group, source: Path):
    for write in GROUPS[group]:
        write(source)
    return source


def csv_bytes(rows, delimiter=",", newline="\n", encoding="utf-8"):
    """Rows as CSV text in the given line ends and encoding (None is an empty cell); cells are quoted only when needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue().encode(encoding)


def put(source: Path, relative: str, data: bytes) -> Path:
    path = source / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def put_csv(source: Path, relative: str, rows, **options) -> Path:
    return put(source, relative, csv_bytes(rows, **options))


# headers used by several cases (the aliases the contract lists)
PROJECTS = ["项目编号", "项目名称", "所在县", "项目类型", "面积(亩)", "项目状态", "立项日期", "注册日期"]
TRADES = ["成交编号", "成交日期", "项目编号", "交易平台", "买方类型", "成交量", "成交价", "成交额(元)"]
ISSUANCES = ["项目编号", "监测期开始", "监测期结束", "核证减排量", "签发量", "签发日期"]
SUBSIDIES = ["拨付编号", "项目编号", "所在县", "资金类别", "金额(元)", "拨付日期"]
BUDGETS = ["年度", "资金类别", "预算金额(元)"]
CARBON_STOCK = ["所在县", "年度", "碳库", "面积(亩)", "碳储量(tCO2e)", "年固碳量(tCO2e)"]
POTENTIAL = ["所在县", "项目类型", "潜力面积(亩)", "年潜力(tCO2e)"]
TARGETS = ["年度", "发展片", "指标", "目标值"]


def project(project_id, county="锦江区", area="1000", status="储备", start="2021-01-01", registered=None,
            project_type="造林碳汇", name=None):
    """One row under PROJECTS."""
    return [project_id, name or f"项目{project_id}", county, project_type, area, status, start, registered]


def registered_projects(source: Path, number: int, *ids):
    """projects/hNN_projects.csv holding registered projects with the given ids, for a case's trades or issuances."""
    return put_csv(source, f"projects/h{number:02d}_projects.csv",
                   [PROJECTS, *[project(i, status="注册", registered="2021-06-01") for i in ids]])
