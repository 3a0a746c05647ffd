"""Writes real export files for the tests: XLSX with title rows, CSV in UTF-8 / UTF-8 with BOM / GB18030, Parquet."""

import csv
import datetime as dt
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter

PROJECT_HEADER = ["项目编号", "项目名称", "所在县", "项目类型", "面积(亩)", "项目状态", "立项日期", "注册日期"]


def write_csv(path: Path, header, rows, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, header, rows, titles=()):
    """Title rows first, then the header, then the rows; dates become real date cells."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for r, title in enumerate(titles):
        sheet.write(r, 0, title)
    sheet.write_row(len(titles), 0, header)
    for r, row in enumerate(rows, start=len(titles) + 1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
            else:
                sheet.write(r, c, value)
    workbook.close()
    return path


def write_parquet(path: Path, columns: dict):
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(columns), path)
    return path


def project(project_id, county="锦江区", area="1000", status="储备", start="2021-01-01", registered=None,
            project_type="造林碳汇", name=None):
    return [project_id, name or f"项目{project_id}", county, project_type, area, status, start, registered]


def write_projects(source: Path, rows, name="a.csv", encoding="utf-8"):
    return write_csv(source / "projects" / name, PROJECT_HEADER, rows, encoding)
