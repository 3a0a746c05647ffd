"""The export contract in code: each dataset's columns, their aliases, which are required, and the category values."""

from dataclasses import dataclass

from sinkboard.ingest.regions import geography, normalise

COUNTY_ALIASES = ("county", "所在县", "县(市、区)", "县(市区)", "县")
COUNTY_CODE_ALIASES = ("county_code", "行政区划代码", "县代码")
PREFECTURE_ALIASES = ("prefecture", "所在市州", "市(州)", "市州")


@dataclass(frozen=True)
class Dataset:
    name: str
    label: str  # the folder's Chinese name
    columns: dict  # canonical column -> aliases
    required: tuple  # tuples of canonical columns; one of each tuple must be present

    def header_lookup(self):
        """Normalised header text -> canonical column."""
        lookup = {}
        for column, aliases in self.columns.items():
            for alias in (column, *aliases):
                lookup[header_key(alias)] = column
        return lookup


def header_key(text):
    return normalise(text).casefold()


def _county_columns():
    return {"county": COUNTY_ALIASES, "county_code": COUNTY_CODE_ALIASES, "prefecture": PREFECTURE_ALIASES}


# The registry of datasets, in ingest order (projects first: the others check their project_id against the projects
# that loaded). The ingest, the sample generator, the tests and the data-quality page all read it; each name is also
# its folder in an export and its table in the warehouse, and `dataset_<name>` is its label in sinkboard.text.catalogue.
DATASETS = {
    d.name: d
    for d in [
        Dataset(
            "projects", "项目登记",
            {
                "project_id": ("项目编号",),
                "project_name": ("项目名称",),
                **_county_columns(),
                "project_type": ("项目类型",),
                "standard": ("标准", "机制"),
                "methodology": ("方法学",),
                "owner": ("项目业主",),
                "owner_type": ("业主类型",),
                "area_mu": ("面积(亩)", "项目面积(亩)"),
                "area_ha": ("面积(公顷)", "项目面积(公顷)"),
                "status": ("项目状态", "状态"),
                "start_date": ("立项日期", "开发日期"),
                "registered_date": ("注册日期", "备案日期"),
                "crediting_start": ("计入期开始",),
                "crediting_end": ("计入期结束",),
                "est_annual_tco2e": ("年均减排量", "预计年减排量(tCO2e)", "年均减排量(tCO2e)"),
                "demo": ("示范项目",),
            },
            (("project_id",), ("project_name",), ("county", "county_code"), ("project_type",),
             ("area_mu", "area_ha"), ("status",), ("start_date",)),
        ),
        Dataset(
            "issuances", "监测签发",
            {
                "project_id": ("项目编号",),
                "period_start": ("监测期开始",),
                "period_end": ("监测期结束",),
                "verified_tco2e": ("核证减排量", "核证减排量(tCO2e)"),
                "issued_tco2e": ("签发量", "签发减排量", "签发量(tCO2e)"),
                "issued_date": ("签发日期",),
            },
            (("project_id",), ("period_start",), ("period_end",), ("verified_tco2e",)),
        ),
        Dataset(
            "trades", "交易记录",
            {
                "trade_id": ("成交编号", "交易编号"),
                "trade_date": ("成交日期", "交易日期"),
                "project_id": ("项目编号",),
                "platform": ("交易平台",),
                "buyer": ("买方", "购买方"),
                "buyer_type": ("买方类型",),
                "volume_tco2e": ("成交量", "成交量(tCO2e)"),
                "price_yuan": ("成交价", "成交价(元/吨)"),
                "amount_yuan": ("成交额(元)", "成交额"),
                "amount_wan": ("成交额(万元)",),
                "purpose": ("用途",),
            },
            (("trade_id",), ("trade_date",), ("project_id",), ("platform",), ("buyer_type",), ("volume_tco2e",)),
        ),
        Dataset(
            "subsidies", "补贴拨付",
            {
                "payment_id": ("拨付编号",),
                "project_id": ("项目编号",),
                **_county_columns(),
                "category": ("资金类别",),
                "amount_yuan": ("金额(元)", "金额"),
                "amount_wan": ("金额(万元)",),
                "paid_date": ("拨付日期",),
                "budget_year": ("预算年度",),
                "fund_source": ("资金来源",),
            },
            (("payment_id",), ("county", "county_code"), ("category",), ("amount_yuan", "amount_wan"), ("paid_date",)),
        ),
        Dataset(
            "budgets", "预算",
            {
                "year": ("年度", "预算年度"),
                "category": ("资金类别",),
                "amount_yuan": ("预算金额(元)", "预算金额"),
                "amount_wan": ("预算金额(万元)",),
            },
            (("year",), ("category",), ("amount_yuan", "amount_wan")),
        ),
        Dataset(
            "carbon_stock", "碳库监测",
            {
                **_county_columns(),
                "year": ("年度",),
                "pool": ("碳库",),
                "area_mu": ("面积(亩)",),
                "area_ha": ("面积(公顷)",),
                "stock_tco2e": ("碳储量(tCO2e)", "碳储量"),
                "sink_tco2e": ("年固碳量(tCO2e)", "年固碳量"),
            },
            (("county", "county_code"), ("year",), ("pool",), ("area_mu", "area_ha"), ("stock_tco2e",)),
        ),
        Dataset(
            "potential", "潜力评价",
            {
                **_county_columns(),
                "project_type": ("项目类型",),
                "potential_area_mu": ("潜力面积(亩)",),
                "potential_area_ha": ("潜力面积(公顷)",),
                "potential_tco2e": ("年潜力(tCO2e)", "年潜力"),
            },
            (("county", "county_code"), ("project_type",), ("potential_area_mu", "potential_area_ha")),
        ),
        Dataset(
            "targets", "目标",
            {
                "year": ("年度",),
                "zone": ("发展片",),
                "metric": ("指标",),
                "value": ("目标值",),
                "note": ("备注", "说明"),  # not in the contract: lets the bureau mark a target as illustrative
            },
            (("year",), ("metric",), ("value",)),
        ),
    ]
}

# Category values: canonical Chinese value -> accepted other spellings (English, synonyms)
CATEGORIES = {
    "project_type": {
        "造林碳汇": ("afforestation",), "竹子造林碳汇": ("bamboo_afforestation",),
        "森林经营碳汇": ("forest_management",), "竹林经营碳汇": ("bamboo_management",),
        "草地碳汇": ("grassland",), "湿地碳汇": ("wetland",), "城市森林碳汇": ("urban_forest",),
    },
    "standard": {"CCER": (), "VCS": (), "GS": (), "四川碳普惠": ("sichuan_inclusive",), "其他": ("other",)},
    "owner_type": {
        "重点森工企业": ("state_forest_enterprise",), "国有林场": ("state_forest_farm",),
        "地方小采企业": ("local_logging_enterprise",), "集体经济组织": ("collective",),
        "农户": ("farmer",), "其他": ("other",),
    },
    "status": {
        "储备": ("pipeline",), "审定": ("validation",),
        "注册": ("registered", "备案", "已注册", "已备案"), "签发": ("issued", "已签发"),
        "终止": ("terminated",),
    },
    "platform": {
        "四川联合环境交易所": ("seee",), "全国温室气体自愿减排交易市场": ("national_ccer",),
        "国际自愿市场": ("international_voluntary",), "碳普惠平台": ("inclusive_platform",), "其他": ("other",),
    },
    "buyer_type": {
        "控排企业": ("compliance_entity",), "自愿企业": ("voluntary_company",),
        "机关事业单位": ("public_institution",), "大型活动": ("event",), "个人": ("individual",), "其他": ("other",),
    },
    "purpose": {
        "履约抵销": ("compliance_offset",), "自愿抵消": ("voluntary_offset",), "碳普惠": ("inclusive",), "其他": ("other",),
    },
    "subsidy_category": {
        "注册奖励": ("registration_reward",), "贷款贴息": ("loan_interest",), "示范项目": ("demonstration",),
        "技术研究": ("research",), "其他": ("other",),
    },
    "pool": {"森林": ("forest",), "竹林": ("bamboo",), "草地": ("grassland",), "湿地": ("wetland",), "其他": ("other",)},
    "demo": {"true": ("是", "yes", "1", "y", "t"), "false": ("否", "no", "0", "n", "f")},
    "metric": {"area_mu": ("项目规模(亩)", "项目规模")},
}

# Reason codes in the order the contract applies them: a row gets the first that applies
REASONS = (
    "missing_required", "bad_number", "bad_date", "not_positive", "unknown_value", "unknown_county",
    "ambiguous_county", "date_order", "amount_mismatch", "unknown_project", "superseded",
)


def category_rows():
    """(field, alias key, canonical value) for every accepted spelling, zones included."""
    rows = []
    categories = dict(CATEGORIES)
    categories["zone"] = {"全省": ("province", "")}
    for zone in geography().zones:
        categories["zone"][zone["zone"]] = (zone["name_en"], zone["name_en"].split()[0], zone["zone"] + "片", zone["zone"] + "发展片")
    for field, values in categories.items():
        for canonical, aliases in values.items():
            for alias in (canonical, *aliases):
                rows.append((field, header_key(alias), canonical))
    return rows
