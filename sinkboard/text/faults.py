"""A rejected row's message in the page's language. The ingest writes each message once, in English, with the contract's
column names (`area_mu is not a number: 约500`), into the warehouse; on the Chinese pages (and in the downloads of
their tables) each fault is shown in Chinese, its columns by the Chinese header of the export (面积(亩)). A fault of a
form not listed here is shown as written rather than lost."""

import re
from functools import lru_cache

from sinkboard.ingest.contract import DATASETS

# the parts of a message's text that are not column names, in Chinese
RANGES = {
    "an amount stays below 10^16 yuan": "金额须小于 10^16 元",
    "a price stays below 10^14 yuan": "单价须小于 10^14 元/吨",
    "a quantity stays below 10^15": "数量须小于 10^15",
}
WORDS = {"the amount": "金额", "area": "面积", "potential area": "潜力面积"}

# (English form, Chinese form): {c}, {a}, {b} are column names, {v} a value as written, {n} a number, {f} a file
FORMS = [
    (r"{c} is not a number: {v}", "{c}不是数字：{v}"),
    (r"{c} is out of range: {v} \((?P<range>.+) once converted\)", "{c}超出范围：{v}（换算后{range}）"),
    (r"{c} is in (?P<units>.+): the unit in {v} contradicts the column", "{c}的单位是{units}：{v}中的单位与该列不符"),
    (r"{c} is counted in 万元: 万 or 亿 in {v} contradicts the column; write the number of 万元 alone",
     "{c}以万元计：{v}中的“万”或“亿”与该列不符，只填万元数"),
    (r"{c} is not a date from 1900 to 2100: {v}", "{c}不是 1900 年至 2100 年间的日期：{v}"),
    (r"{c} holds the Excel error {v}, not a value", "{c}是 Excel 错误值 {v}，不是数值"),
    (r"{a} and {b} are both empty", "{a}与{b}均为空"),
    (r"{c} is empty but status is {v}", "{c}为空，但项目状态为{v}"),
    (r"{c} is empty", "{c}为空"),
    (r"{c} is not a known type: {v}", "{c}不是已知的类型：{v}"),
    (r"{c} is not known: {v}", "{c}不在可选值中：{v}"),
    (r"{c} is not yes or no: {v}", "{c}不是“是”或“否”：{v}"),
    (r"{c} is not a year: {v}", "{c}不是年份：{v}"),
    (r"{c} is not 全省 or one of the zones: {v}", "{c}不是“全省”或五大发展片之一：{v}"),
    (r"{c} must be above 0: {v}", "{c}须大于 0：{v}"),
    (r"{c} is negative: {v}", "{c}为负数：{v}"),
    (r"{a} is not after {b}", "{a}不晚于{b}"),
    (r"{a} is before {b}", "{a}早于{b}"),
    (r"{a} × {b} is out of range: {v}", "{a} × {b}超出范围：{v}"),
    (r"amount {v} differs by more than 1% from volume × price = (?P<w>.*)", "成交额 {v} 与成交量 × 单价 = {w} 相差超过 1%"),
    (r"project {v} is not among the loaded projects", "项目 {v} 不在已载入的项目中"),
    (r"no Sichuan county is named {v}", "四川没有名为 {v} 的县"),
    (r"county code {v} is not a Sichuan county", "县代码 {v} 不是四川的县"),
    (r"{v} names several counties \((?P<w>.*)\); give its prefecture", "{v} 是多个县的名称（{w}），请写明所在市（州）"),
    (r"replaced by row {n} of {f} \(same key, other values\)", "已被 {f} 第 {n} 行取代（键相同，其他值不同）"),
]
PARTS = {"c": r"(?P<c>[\w ]+?)", "a": r"(?P<a>[\w ]+?)", "b": r"(?P<b>[\w ]+?)", "v": r"(?P<v>.*)", "n": r"(?P<n>\d+)",
         "f": r"(?P<f>.+)"}
PATTERNS = [(re.compile("^" + english.format(**PARTS) + "$", re.S), chinese) for english, chinese in FORMS]


@lru_cache(maxsize=64)
def headers(dataset):
    """Column name -> the Chinese header the export writes it under (its first alias), for one dataset."""
    found = DATASETS.get(dataset)
    if found is None:
        return {}
    return {column: next((a for a in aliases if not a.isascii()), column) for column, aliases in found.columns.items()}


def column_text(name, dataset):
    return WORDS.get(name) or headers(dataset).get(name, name)


@lru_cache(maxsize=8192)  # a page of 500 rejects is shown again on every rerun: each fault is matched once
def fault_text(fault, dataset):
    for pattern, chinese in PATTERNS:
        match = pattern.match(fault)
        if match is None:
            continue
        parts = match.groupdict()
        for key in ("c", "a", "b"):
            if key in parts:
                parts[key] = column_text(parts[key], dataset)
        if "range" in parts:
            parts["range"] = RANGES.get(parts["range"], parts["range"])
        if "units" in parts:
            parts["units"] = parts["units"].replace("tCO2e/吨", "tCO2e 或吨")
        return chinese.format(**parts)
    return fault


def faults(message):
    """A message's faults: they are joined by "; ", which the advice of two faults also holds."""
    return re.split(r"; (?!write the number|give its prefecture)", message)


def message_text(message, dataset, lang):
    """The message in the language: as written in English, each of its faults in Chinese."""
    if lang != "zh" or not isinstance(message, str):
        return message
    return "；".join(fault_text(fault, dataset) for fault in faults(message))
