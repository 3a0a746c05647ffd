"""The synthetic sample's generator: a deterministic SYNTHETIC export folder in the contract's layout, in the forms
real exports take."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import xlsxwriter

from sinkboard.ingest.contract import DATASETS
from sinkboard.ingest.regions import geography

END = dt.date(2025, 10, 31)  # the sample's latest date
FIRST = dt.date(2019, 1, 1)
SNAPSHOT = dt.date(2024, 12, 31)  # the earlier registry snapshot
FIXED_TIME = dt.datetime(2025, 10, 31, 12, 0)  # stamped into the XLSX files so the same seed gives the same bytes
SYNTHETIC_TITLE = "（合成示例数据，非真实统计）"

# share of all area started in each year: crosses 15,000,000 mu in 2023, after the 2022 target
YEAR_SHARES = {2019: 0.08, 2020: 0.12, 2021: 0.14, 2022: 0.16, 2023: 0.20, 2024: 0.18, 2025: 0.12}
# how the projects spread over the zones (the illustrative zone targets below differ, so some zones fall behind)
ZONE_WEIGHTS = {"川西南": 0.19, "川西北": 0.24, "川东北": 0.21, "川南": 0.22, "川中": 0.14}
ZONE_TARGET_SHARES = {"川西南": 0.18, "川西北": 0.30, "川东北": 0.20, "川南": 0.17, "川中": 0.15}
ALL_TYPES = ["造林碳汇", "竹子造林碳汇", "森林经营碳汇", "竹林经营碳汇", "草地碳汇", "湿地碳汇", "城市森林碳汇"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林"
GIVEN_NAMES = "小明华丽强军芳伟敏静磊洋勇艳杰娟涛超"  # synthetic people get full names, so masking them shows
STANDARDS = (["CCER", "VCS", "四川碳普惠", "GS", "其他"], [0.45, 0.2, 0.25, 0.05, 0.05])
OWNER_TYPES = (["重点森工企业", "国有林场", "地方小采企业", "集体经济组织", "农户", "其他"], [0.2, 0.3, 0.1, 0.25, 0.1, 0.05])
METHODOLOGIES = {
    "造林碳汇": "AR-CM-001-V01 碳汇造林", "竹子造林碳汇": "AR-CM-002-V01 竹子造林", "森林经营碳汇": "AR-CM-003-V01 森林经营",
    "竹林经营碳汇": "AR-CM-005-V01 竹林经营", "草地碳汇": "四川草地碳汇方法学（试行）", "湿地碳汇": "四川湿地碳汇方法学（试行）",
    "城市森林碳汇": "四川城市森林碳汇方法学（试行）",
}
POOLS = {"川西南": ["森林", "草地"], "川西北": ["森林", "草地", "湿地"], "川东北": ["森林", "竹林"], "川南": ["森林", "竹林"],
         "川中": ["森林", "湿地"]}
MISSING_REPORTS = {("510104", 2020)}  # 锦江区 reported no carbon pools for 2020
LATE_STARTS = {"510105": 2018}  # 青羊区's monitoring began in 2018
FORMER_NAMES = {"510117": "郫县", "513402": "会理县", "511504": "宜宾县", "510116": "双流县"}


def add_months(day, months):
    month = day.month - 1 + int(months)
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def date_text(day, style):
    """A date in one of the ways exports write them."""
    return [day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day.year}年{day.month}月{day.day}日",
            day.strftime("%Y%m%d")][style % 4]


class Sample:
    def __init__(self, seed, scale):
        self.rng = np.random.default_rng(seed)
        self.scale = scale
        geo = geography()
        zone_of = {p["code"]: p["zone"] for p in geo.prefectures}
        self.prefecture = {p["code"]: p for p in geo.prefectures}
        self.counties = [{**c, "zone": zone_of[c["prefecture_code"]]} for c in geo.counties]
        self.zones = {z["zone"]: z for z in geo.zones}
        self.projects, self.issuances, self.trades, self.subsidies = [], [], [], []

    def pick(self, options, p=None):
        return options[int(self.rng.choice(len(options), p=p))]

    def person(self):
        return self.pick(list(SURNAMES)) + self.pick(list(GIVEN_NAMES)) + self.pick(list(GIVEN_NAMES))

    def day_in(self, start, end):
        return start + dt.timedelta(days=int(self.rng.integers(0, max((end - start).days, 1))))

    # ---- projects
    def make_projects(self):
        count = round(800 * self.scale)
        counties = list(self.counties)  # every county at least once, the rest weighted by zone
        weights = np.array([ZONE_WEIGHTS[c["zone"]] / sum(1 for d in self.counties if d["zone"] == c["zone"])
                            for c in self.counties])
        extra = self.rng.choice(len(self.counties), size=max(count - len(counties), 0), p=weights / weights.sum())
        counties += [self.counties[i] for i in extra]
        years = list(YEAR_SHARES)
        for number, county in enumerate(counties, start=1):
            zone = self.zones[county["zone"]]
            key, moderate = zone["key_types"].split("|"), zone["moderate_types"].split("|")
            others = [t for t in ALL_TYPES if t not in key + moderate]
            group = self.pick([key, moderate, others], [0.7, 0.25, 0.05])
            project_type = self.pick(group)
            year = self.pick(years, list(YEAR_SHARES.values()))
            start = self.day_in(dt.date(year, 1, 1), min(dt.date(year, 12, 31), END))
            area = float(np.clip(self.rng.lognormal(np.log(25000), 0.8), 3000, 250000).round(-1))
            owner_type = self.pick(*OWNER_TYPES)
            project = {
                "project_id": f"SC{start.year}{number:04d}",
                "project_name": f"{county['name']}{project_type}项目{number:04d}",
                "county": county,
                "project_type": project_type,
                "standard": self.pick(*STANDARDS),
                "methodology": METHODOLOGIES[project_type],
                "owner_type": owner_type,
                "owner": self.person() if owner_type == "农户" else f"{county['name']}{owner_type}{number % 7 + 1}号",
                "area_mu": area,
                "start_date": start,
                "est_annual_tco2e": round(area * float(self.rng.uniform(0.3, 1.0)), 1),
                "demo": bool(self.rng.random() < 0.08),
                "crediting_years": int(self.rng.choice([20, 30, 40])),
                "terminated": bool(self.rng.random() < 0.03),
            }
            months_to_register = self.rng.uniform(6, 30)
            registered = add_months(start, months_to_register)
            project["registered_date"] = registered if registered <= END and self.rng.random() < 0.8 else None
            self.projects.append(project)
        # registries leave cells empty: a project with no standard, one with no owner type
        self.projects[10]["standard"] = None
        self.projects[11]["owner_type"] = None

    def status_on(self, project, day):
        """The status the registry showed on a given day."""
        if project["start_date"] > day:
            return None
        if project["terminated"] and day == END:
            return "终止"
        registered = project["registered_date"]
        if registered and registered <= day:
            first = self.first_issue.get(project["project_id"])
            issued = (first and first <= day) or (project.get("issued_without_records") and day == END)
            return "签发" if issued else "注册"
        return "审定" if (day - project["start_date"]).days > 120 else "储备"

    # ---- issuances
    def make_issuances(self):
        for project in self.projects:
            registered = project["registered_date"]
            if not registered or project["terminated"] or self.rng.random() < 0.2:  # some never issue: "stalled"
                continue
            period_start = project["start_date"]
            period_end = add_months(registered, self.rng.integers(3, 12))
            while add_months(period_end, 3) <= END:
                years = (period_end - period_start).days / 365.25
                verified = round(project["est_annual_tco2e"] * years * float(self.rng.uniform(0.8, 1.1)), 1)
                issued_date = add_months(period_end, self.rng.integers(3, 18))
                done = issued_date <= END
                self.issuances.append({
                    "project_id": project["project_id"], "period_start": period_start, "period_end": period_end,
                    "verified_tco2e": verified,
                    "issued_tco2e": round(verified * float(self.rng.uniform(0.9, 1.0)), 1) if done else None,
                    "issued_date": issued_date if done else None,
                })
                period_start = period_end + dt.timedelta(days=1)
                period_end = add_months(period_end, self.rng.integers(12, 36))

        self.first_issue = {}
        for i in self.issuances:
            if i["issued_date"]:
                self.first_issue[i["project_id"]] = min(self.first_issue.get(i["project_id"], END), i["issued_date"])
        # the registry says 签发 for a project whose issuance records the export lacks
        unrecorded = next(p for p in self.projects if p["registered_date"] and not p["terminated"]
                          and p["project_id"] not in self.first_issue and p["registered_date"] < dt.date(2024, 1, 1))
        unrecorded["issued_without_records"] = True

    # ---- trades
    def make_trades(self):
        first_issue = self.first_issue
        sellers = [p for p in self.projects if p["project_id"] in first_issue and not p["terminated"]]
        number = 0
        for kind, count in (("inclusive", round(12000 * self.scale)), ("exchange", round(8000 * self.scale))):
            for _ in range(count):
                number += 1
                project = sellers[int(self.rng.integers(len(sellers)))]
                day = self.day_in(first_issue[project["project_id"]], END)
                drift = (day - dt.date(2021, 1, 1)).days / 365.25  # prices rise over the years
                if kind == "inclusive":
                    volume = float(self.rng.integers(1, 21))
                    price = round(float(self.rng.uniform(50, 80)) + drift * 3, 2)
                    trade = {"platform": "碳普惠平台", "buyer_type": "个人", "buyer": self.person(), "purpose": "碳普惠"}
                else:
                    volume = float(np.clip(self.rng.lognormal(np.log(300), 1.0), 100, 50000).round())
                    price = round(float(self.rng.uniform(20, 45)) + drift * 12, 2)
                    buyer_type = self.pick(["控排企业", "自愿企业", "机关事业单位", "大型活动"], [0.45, 0.35, 0.1, 0.1])
                    trade = {
                        "platform": self.pick(["四川联合环境交易所", "seee", "全国温室气体自愿减排交易市场", "国际自愿市场"],
                                              [0.35, 0.2, 0.3, 0.15]),
                        "buyer_type": buyer_type,
                        "buyer": f"合成{buyer_type}{int(self.rng.integers(1, 300)):03d}",
                        "purpose": "履约抵销" if buyer_type == "控排企业" else self.pick(["自愿抵消", "其他"], [0.9, 0.1]),
                    }
                self.trades.append({"trade_id": f"T{number:07d}", "trade_date": day, "project_id": project["project_id"],
                                    "volume_tco2e": volume, "price_yuan": price, "amount_yuan": round(volume * price),
                                    "kind": kind, **trade})
        self.vary_trades()

    def vary_trades(self):
        """What real trade exports hold besides the typical row, placed by position so the rest stays as it was."""
        for i, trade in enumerate(self.trades):
            if trade["trade_date"].strftime("%Y-%m") == "2022-02":  # a month with no trade at all
                trade["trade_date"] = trade["trade_date"].replace(month=3)
            if trade["kind"] == "inclusive":
                if i % 150 == 3:  # a person buying on the exchange
                    trade.update(platform="四川联合环境交易所", purpose="自愿抵消")
                continue
            if i % 90 == 5:  # an organisation's small purchase
                trade["volume_tco2e"] = float(5 + i % 6)
                trade["amount_yuan"] = round(trade["volume_tco2e"] * trade["price_yuan"])
            if i % 60 == 11:
                trade["platform"] = "其他"
            if i % 80 == 13:
                trade["purpose"] = None
            if i % 250 == 27:  # neither price nor value
                trade["price_yuan"], trade["amount_yuan"] = None, None
            elif i % 100 == 7:  # a value without a price
                trade["price_yuan"] = None
            elif i % 100 == 17:  # a price without a value: the value is derived
                trade["amount_yuan"] = None

    # ---- subsidies
    def make_subsidies(self):
        registered = [p for p in self.projects if p["registered_date"]]
        number = 0

        def pay(project, county, category, wan, day, note=""):
            nonlocal number
            number += 1
            self.subsidies.append({"payment_id": f"BF{day.year}{number:05d}", "project_id": project and project["project_id"],
                                   "county": county, "category": category, "amount_wan": wan, "paid_date": day,
                                   "budget_year": day.year, "fund_source": note or "省级林业草原发展专项资金"})

        for project in registered:
            paid = add_months(project["registered_date"], self.rng.integers(1, 10))
            if paid <= END:
                pay(project, project["county"], "注册奖励", float(self.rng.integers(100, 201)) / 2, paid)
        # the rule is 50-100万 per registered project: a few breaches on purpose
        breaches = [p for p in registered if add_months(p["registered_date"], 10) <= END][:4]
        pay(breaches[0], breaches[0]["county"], "注册奖励", 120.0, add_months(breaches[0]["registered_date"], 11))
        pay(breaches[1], breaches[1]["county"], "注册奖励", 30.0, add_months(breaches[1]["registered_date"], 11))
        pay(breaches[2], breaches[2]["county"], "注册奖励", 80.0, add_months(breaches[2]["registered_date"], 12))
        unregistered = next(p for p in self.projects if not p["registered_date"] and p["start_date"] < dt.date(2024, 1, 1))
        pay(unregistered, unregistered["county"], "注册奖励", 60.0, dt.date(2024, 6, 18))
        # a reward within the range, paid a second time to the same project
        pay(breaches[3], breaches[3]["county"], "注册奖励", 70.0, add_months(breaches[3]["registered_date"], 10))
        # a reward with no project named, and one paid before its project was registered
        pay(None, breaches[0]["county"], "注册奖励", 60.0, dt.date(2023, 9, 12))
        early = next(p for p in registered if p["registered_date"] > dt.date(2023, 6, 1) and p not in breaches)
        pay(early, early["county"], "注册奖励", 80.0, early["registered_date"] - dt.timedelta(days=45))
        # charged to last year's budget, and a payment of the 其他 category
        pay(breaches[1], breaches[1]["county"], "示范项目", 150.0, dt.date(2024, 1, 15))
        self.subsidies[-1]["budget_year"] = 2023
        pay(None, self.counties[5], "其他", 20.0, dt.date(2024, 8, 8), "省级林业草原发展专项资金（宣传培训）")
        for category, count, low, high in (("贷款贴息", 60, 5, 40), ("示范项目", 20, 100, 300), ("技术研究", 10, 50, 200)):
            for _ in range(round(count * self.scale)):
                day = self.day_in(dt.date(2021, 3, 1), END)
                project = None if category == "技术研究" else registered[int(self.rng.integers(len(registered)))]
                county = project["county"] if project else self.counties[0]
                pay(project, county, category, float(self.rng.integers(low, high + 1)), day,
                    "省级财政科研经费" if category == "技术研究" else "")
        for payment in self.subsidies[::97]:  # exports that leave the budget year empty
            payment["budget_year"] = None

    # ---- writers
    def county_text(self, county, index):
        """How the export names a county: mostly its name, often its code, sometimes a former or qualified name."""
        if county["code"] in FORMER_NAMES and index % 2 == 0:
            return FORMER_NAMES[county["code"]]
        if county["name"] == "市中区":
            return self.prefecture[county["prefecture_code"]]["name"] + county["name"]
        return county["code"] if index % 4 == 0 else county["name"]

    def project_rows(self, day):
        rows = []
        for index, p in enumerate(self.projects):
            status = self.status_on(p, day)
            if status is None:
                continue
            registered = p["registered_date"] if status in ("注册", "签发") else None
            crediting_end = add_months(p["start_date"], 12 * p["crediting_years"]) - dt.timedelta(days=1)
            area = p["area_mu"]
            rows.append([
                p["project_id"], p["project_name"], self.county_text(p["county"], index),
                self.prefecture[p["county"]["prefecture_code"]]["short_names"].split("|")[0],
                p["project_type"], p["standard"], p["methodology"], p["owner"], p["owner_type"],
                area, status, p["start_date"], registered, p["start_date"], crediting_end, p["est_annual_tco2e"],
                "是" if p["demo"] else "否",
            ])
        return rows

    def write(self, out):
        for name in DATASETS:  # one writer per dataset of the registry: a new dataset without one fails here
            (out / name).mkdir(parents=True, exist_ok=True)
            getattr(self, f"write_{name}")(out)
        (out / "SYNTHETIC.json").write_text(json.dumps(
            {"synthetic": True, "generator": "sinkboard sample", "seed": self.seed, "scale": self.scale,
             "note": "合成示例数据：由程序生成，不是真实统计数字。"}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def write_projects(self, out):
        header = ["项目编号", "项目名称", "所在县", "所在市州", "项目类型", "标准", "方法学", "项目业主", "业主类型", "面积(亩)",
                  "项目状态", "立项日期", "注册日期", "计入期开始", "计入期结束", "预计年减排量(tCO2e)", "示范项目"]
        early = self.project_rows(SNAPSHOT)
        late = self.project_rows(END)
        # valid but awkward numbers, as people type them
        late[0][9], late[1][9], late[2][9] = f"{late[0][9] / 10000:g}万", f"{late[1][9]:,.0f}亩", str(int(late[2][9])).translate(
            str.maketrans("0123456789", "０１２３４５６７８９"))
        # rows that break the contract on purpose, so the data-quality page has something to show
        template = list(late[3])
        bad = [
            ["SC2025X001", "合成错误示例：未知县", "不存在县", "", *template[4:]],
            ["SC2025X002", "合成错误示例：面积", *template[2:9], "约5000", *template[10:]],
            ["SC2025X003", "合成错误示例：缺注册日期", *template[2:10], "注册", template[11], None, *template[13:]],
            ["SC2025X004", "合成错误示例：类型", *template[2:4], "林下经济碳汇", *template[5:]],
            ["SC2025X005", "合成错误示例：日期", *template[2:11], "2023-13-45", *template[12:]],
        ]
        # a valid project whose name a spreadsheet would run as a formula: downloads must neutralise it
        late.append(["SC2025F001", '=HYPERLINK("http://example.com","合成公式示例")', *template[2:]])
        late[4:4] = bad
        self.write_xlsx(out / "projects" / "2024-12-31_registry.xlsx", ["四川省林草碳汇项目登记表" + SYNTHETIC_TITLE,
                        "导出日期：2024-12-31"], header, early)
        self.write_xlsx(out / "projects" / "2025-10-31_registry.xlsx", ["四川省林草碳汇项目登记表" + SYNTHETIC_TITLE,
                        "导出日期：2025-10-31", "单位：亩"], header, late)

    def write_xlsx(self, path, titles, header, rows, total_column=None):
        workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
        workbook.set_properties({"created": FIXED_TIME, "author": "sinkboard sample"})
        sheet = workbook.add_worksheet("导出")
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        for r, title in enumerate(titles):
            sheet.write(r, 0, title)
        top = len(titles)
        sheet.write_row(top, 0, header)
        for r, row in enumerate(rows, start=top + 1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    if r % 3 == 0:  # a third as real date cells, the rest as text in the forms exports use
                        sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                    else:
                        sheet.write_string(r, c, date_text(value, r))
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
        total_row = top + 1 + len(rows)
        sheet.write(total_row, 0, "合计")
        if total_column is not None:
            sheet.write_number(total_row, total_column, sum(r[total_column] for r in rows if isinstance(r[total_column], float)))
        workbook.close()

    def write_csv(self, path, header, rows, encoding):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row])
        path.write_bytes(buffer.getvalue().encode(encoding))

    def write_issuances(self, out):
        rows = [[i["project_id"], i["period_start"], i["period_end"], i["verified_tco2e"], i["issued_tco2e"], i["issued_date"]]
                for i in self.issuances]
        good = rows[0]
        rows += [["SC9999X999", *good[1:]],  # no such project
                 [good[0], good[2], good[1], *good[3:]]]  # period end before start
        self.write_csv(out / "issuances" / "2025-10-31_monitoring.csv",
                       ["项目编号", "监测期开始", "监测期结束", "核证减排量", "签发量", "签发日期"], rows, "gb18030")

    def write_trades(self, out):
        inclusive = [t for t in self.trades if t["kind"] == "inclusive"]
        rows = [[t["trade_id"], t["trade_date"], t["project_id"], t["platform"], t["buyer"], t["buyer_type"], t["volume_tco2e"],
                 t["price_yuan"], t["amount_yuan"], t["purpose"]] for t in inclusive]
        good = rows[0]
        rows += [
            list(rows[1]),  # the same trade exported twice
            ["T9000001", *good[1:6], -5.0, *good[7:]],  # negative volume
            ["T9000002", *good[1:8], round(good[6] * good[7] * 1.5), good[9]],  # amount ≠ volume × price
            ["T9000003", good[1], good[2], "微信小程序", *good[4:]],  # unknown platform
        ]
        self.write_csv(out / "trades" / "2025-10-31_inclusive.csv",
                       ["成交编号", "成交日期", "项目编号", "交易平台", "买方", "买方类型", "成交量(tCO2e)", "成交价(元/吨)",
                        "成交额(元)", "用途"], rows, "utf-8-sig")
        exchange = [t for t in self.trades if t["kind"] == "exchange"]
        table = pa.table({
            "trade_id": [t["trade_id"] for t in exchange],
            "trade_date": pa.array([t["trade_date"] for t in exchange], pa.date32()),
            "project_id": [t["project_id"] for t in exchange],
            "platform": [t["platform"] for t in exchange],
            "buyer": [t["buyer"] for t in exchange],
            "buyer_type": [t["buyer_type"] for t in exchange],
            "volume_tco2e": [t["volume_tco2e"] for t in exchange],
            "price_yuan": [t["price_yuan"] for t in exchange],
            "amount_yuan": [None if t["amount_yuan"] is None else float(t["amount_yuan"]) for t in exchange],
            "purpose": [t["purpose"] for t in exchange],
        })
        pq.write_table(table, out / "trades" / "2025-10-31_exchange.parquet")

    def write_subsidies(self, out):
        rows = [[s["payment_id"], s["project_id"], self.county_text(s["county"], i), s["category"], s["amount_wan"],
                 s["paid_date"], s["budget_year"], s["fund_source"]] for i, s in enumerate(self.subsidies)]
        rows.append(["BF9999X001", rows[0][1], rows[0][2], "注册奖励", "八十万", rows[0][5], rows[0][6], rows[0][7]])
        self.write_xlsx(out / "subsidies" / "2025-10-31_payments.xlsx", ["碳汇补贴拨付明细" + SYNTHETIC_TITLE],
                        ["拨付编号", "项目编号", "所在县", "资金类别", "金额(万元)", "拨付日期", "预算年度", "资金来源"], rows,
                        total_column=4)

    def write_budgets(self, out):
        spend = {}
        for s in self.subsidies:
            key = (s["paid_date"].year, s["category"])
            spend[key] = spend.get(key, 0) + s["amount_wan"] * 10000
        rows = []
        for year in range(2021, 2026):
            for category in ("注册奖励", "贷款贴息", "示范项目", "技术研究"):
                planned = spend.get((year, category), 0) * float(self.rng.uniform(0.85, 1.25))
                rows.append([year, category, max(round(planned, -5), 500000)])
        self.write_csv(out / "budgets" / "2021-2025_budget.csv", ["年度", "资金类别", "预算金额(元)"], rows, "utf-8-sig")

    def write_carbon_stock(self, out):
        columns = {k: [] for k in ("county", "year", "pool", "area_mu", "stock_tco2e", "sink_tco2e")}
        for county in self.counties:
            for pool in POOLS[county["zone"]]:
                area = float(self.rng.uniform(2e4, 3e6) if pool == "森林" else self.rng.uniform(2e3, 5e5))
                density = float(self.rng.uniform(4, 14) if pool in ("森林", "竹林") else self.rng.uniform(1, 5))
                stock = area * density
                for year in range(2015, 2026):
                    growth = float(self.rng.normal(0.012, 0.01))
                    if county["zone"] == "川中" and pool == "湿地" and year == 2022:
                        growth = -abs(growth) - 0.01  # a drought year: the zone's wetlands are a source
                    sink = stock * growth
                    stock += sink
                    if (county["code"], year) in MISSING_REPORTS or year < LATE_STARTS.get(county["code"], 0):
                        continue  # monitoring has gaps: a county that skipped a year, one that began late
                    for key, value in zip(columns, (county["code"], year, pool, round(area), round(stock), round(sink))):
                        columns[key].append(value)
        pq.write_table(pa.table(columns), out / "carbon_stock" / "2015-2025_carbon_pools.parquet")

    def write_potential(self, out):
        developed = {}
        for p in self.projects:
            key = (p["county"]["code"], p["project_type"])
            developed[key] = developed.get(key, 0) + p["area_mu"]
        rows = []
        for county in self.counties:
            zone = self.zones[county["zone"]]
            for project_type in zone["key_types"].split("|") + zone["moderate_types"].split("|"):
                mu = developed.get((county["code"], project_type), 0) * float(self.rng.uniform(1.5, 4)) + float(
                    self.rng.uniform(5000, 60000))
                rows.append([county["name"] if county["name"] != "市中区" else county["code"], project_type,
                             round(mu / 15, 1), round(mu * float(self.rng.uniform(0.3, 0.9)))])
        self.write_csv(out / "potential" / "2022_potential.csv", ["所在县", "项目类型", "潜力面积(公顷)", "年潜力(tCO2e)"],
                       rows, "gb18030")

    def write_targets(self, out):
        rows = [[2022, "全省", "项目规模(亩)", 15_000_000, "《意见》目标：1500万亩"],
                [2025, "全省", "项目规模(亩)", 30_000_000, "《意见》目标：3000万亩"]]
        for zone, share in ZONE_TARGET_SHARES.items():
            for year, total in ((2022, 15_000_000), (2025, 30_000_000)):
                rows.append([year, zone, "项目规模(亩)", total * share, "示意目标（合成数据，非官方分解）"])
        self.write_xlsx(out / "targets" / "2021_targets.xlsx", ["林草碳汇项目规模目标" + SYNTHETIC_TITLE],
                        ["年度", "发展片", "指标", "目标值", "备注"], rows)
        # the province restated its scale target in December 2025: more than 30 million mu by 2030
        self.write_xlsx(out / "targets" / "2025-12_targets.xlsx", ["林草碳汇项目规模目标" + SYNTHETIC_TITLE],
                        ["年度", "发展片", "指标", "目标值", "备注"],
                        [[2030, "全省", "项目规模(亩)", 30_000_000, "2025年12月重申：到2030年超过3000万亩"]])


def write_sample(out_dir: Path, seed: int = 20211, scale: float = 1.0) -> dict:
    """Writes the synthetic export folder; returns the number of rows written per dataset (bad rows included)."""
    out_dir = Path(out_dir)
    sample = Sample(seed, scale)
    sample.seed = seed
    sample.make_projects()
    sample.make_issuances()
    sample.make_trades()
    sample.make_subsidies()
    sample.write(out_dir)
    return {"projects": len(sample.projects), "issuances": len(sample.issuances), "trades": len(sample.trades),
            "subsidies": len(sample.subsidies)}
