"""The overview's and the deck's sentences read right at every as-of date around a target's deadline, in both
languages: what is needed while a target is ahead, how it ended once its year is over, and never a missing figure."""

import datetime as dt
import re

import pytest
from exports import project, write_csv, write_projects

from sinkboard.figures.narrative import prefecture_sentence, progress_sentences
from sinkboard.ingest.build import ingest
from sinkboard.outputs.briefing.content import gather
from sinkboard.store.warehouse import run_query
from sinkboard.text.formats import percent

# Development scale (from start_date), by hand:
#   province: 6,000 from 2021-06-01 (A); 9,000 from 2022-03-01 (+B); 11,000 from 2023-02-15 (+C);
#             15,000 from 2025-03-01 (+D); 16,000 from 2025-11-20 (+E)
#   川南 (叙州区): 3,000 from 2022-03-01; 5,000 from 2023-02-15; 6,000 from 2025-11-20
# Targets: the province 10,000 by 2022 and 20,000 by 2025; 川南 5,000 by 2025.
PROJECTS = [
    project("A", county="锦江区", area="6000", start="2021-06-01"),
    project("B", county="叙州区", area="3000", start="2022-03-01"),
    project("C", county="叙州区", area="2000", start="2023-02-15"),
    project("D", county="锦江区", area="4000", start="2025-03-01"),
    project("E", county="叙州区", area="1000", start="2025-11-20"),
]
TARGETS = [[2022, "全省", "项目规模(亩)", 10000], [2025, "全省", "项目规模(亩)", 20000], [2025, "川南", "项目规模(亩)", 5000]]


@pytest.fixture(scope="module")
def warehouse_dir(tmp_path_factory):
    source = tmp_path_factory.mktemp("narrative_src")
    write_projects(source, PROJECTS)
    write_csv(source / "targets" / "t.csv", ["年度", "发展片", "指标", "目标值"], TARGETS)
    out = tmp_path_factory.mktemp("narrative_wh")
    ingest(source, out)
    return out


@pytest.fixture
def said(open_warehouse, warehouse_dir):
    """The sentences at an as-of date, in a language, for the province or a zone."""
    connection = open_warehouse(warehouse_dir)

    def sentences(as_of, lang="zh", zone=None):
        progress = run_query(connection, "target_progress", as_of=as_of, basis="development")
        return progress_sentences(progress, as_of, "开发规模" if lang == "zh" else "Development scale", lang, zone=zone)
    return sentences


def test_more_than_a_year_ahead_a_yearly_need(said):
    # 2024-10-31: 426 days = 1.1663 years left; 9,000 to go → 7,716.6 a year; nothing added since 2023-10-31
    assert said(dt.date(2024, 10, 31)) == [
        "截至 2024-10-31，全省开发规模为 1.1万亩，为 2025 年目标 2万亩 的 55.0%；近 12 个月新增 0 亩，按此速度到 2025 年底可达 "
        "1.1万亩，需每年新增 7,717 亩才能完成。",
        "全省 2022 年目标 1万亩 未按期完成：2022 年底为 9,000 亩（90.0%），差 1,000 亩；于 2023-02-15 达到，晚 46 天。",
        "有分片目标的发展片均按期或已完成。",
    ]
    assert said(dt.date(2024, 10, 31), "en")[1] == (
        "In the province, the 2022 target of 10K mu was missed: 9,000 mu at the end of 2022 (90.0%), 1,000 mu short; "
        "it was reached on 2023-02-15, 46 days late.")


def test_two_months_before_the_deadline_the_whole_gap_by_then(said):
    # 2025-10-31: 61 days left, 5,000 to go (not the 29,939 a year a yearly rate would give); 4,000 added since
    # 2024-10-31, which by the deadline gives 15,000 + 4,000 × 61 / 365.25 = 15,668
    first = said(dt.date(2025, 10, 31))[0]
    assert first == ("截至 2025-10-31，全省开发规模为 1.5万亩，为 2025 年目标 2万亩 的 75.0%；近 12 个月新增 4,000 亩，"
                     "按此速度到 2025 年底可达 1.6万亩，需在 2025-12-31 前（剩余 2 个月）新增 5,000 亩才能完成。")
    assert said(dt.date(2025, 10, 31), "en")[0] == (
        "As of 2025-10-31, development scale in the province is 15K mu, 75.0% of the 2025 target of 20K mu; "
        "4,000 mu were added in the last 12 months, which by the end of 2025 would give 15.67K mu: "
        "5,000 mu needed by 2025-12-31 (2 months left).")


def test_weeks_before_the_deadline_the_days_left(said):
    # 2025-12-10: 21 days left; 16,000 since 2025-11-20, 4,000 to go
    assert "需在 2025-12-31 前（剩余 21 天）新增 4,000 亩才能完成。" in said(dt.date(2025, 12, 10))[0]
    assert said(dt.date(2025, 12, 30), "en")[0].endswith("4,000 mu needed by 2025-12-31 (1 day left).")


@pytest.mark.parametrize("as_of, pace", [(dt.date(2026, 1, 1), "5,000"), (dt.date(2026, 12, 31), "0")])
def test_after_the_deadline_missed_by_how_much(said, as_of, pace):
    # the day after and a year after: 16,000 at the end of 2025 against 20,000, never reached since
    day = f"{as_of:%Y-%m-%d}"
    assert said(as_of) == [
        f"截至 {day}，全省开发规模为 1.6万亩，近 12 个月新增 {pace} 亩；各目标年份均已过去。",
        "全省 2022 年目标 1万亩 未按期完成：2022 年底为 9,000 亩（90.0%），差 1,000 亩；于 2023-02-15 达到，晚 46 天。",
        f"全省 2025 年目标 2万亩 未按期完成：2025 年底为 1.6万亩（80.0%），差 4,000 亩；截至 {day} 为 1.6万亩，仍差 4,000 亩。",
    ]
    assert said(as_of, "en")[2] == (
        "In the province, the 2025 target of 20K mu was missed: 16K mu at the end of 2025 (80.0%), 4,000 mu short; "
        f"as of {day} it is 16K mu, still 4,000 mu short.")


def test_a_zone_chosen_speaks_of_the_zone_first_then_the_province(said):
    # 川南 reached its 5,000 on 2023-02-15, before its 2025 deadline
    assert said(dt.date(2024, 10, 31), zone="川南")[0] == (
        "截至 2024-10-31，川南开发规模为 5,000 亩，为 2025 年目标 5,000 亩 的 100.0%；近 12 个月新增 0 亩，按此速度到 2025 "
        "年底可达 5,000 亩，已于 2023-02-15 完成目标。")
    after = said(dt.date(2026, 1, 1), "en", zone="川南")
    assert after[:2] == [
        "As of 2026-01-01, development scale in South Sichuan is 6,000 mu, 1,000 mu added in the last 12 months; "
        "every target year has passed.",
        "In South Sichuan, the 2025 target of 5,000 mu was met on 2023-02-15, in time: 6,000 mu at the end of 2025.",
    ]
    assert after[2].startswith("As of 2026-01-01, development scale in the province is 16K mu")


def test_a_zone_without_a_target_of_its_own_is_its_share_of_the_provinces(said):
    # 川中 (锦江区): 6,000 at 2024-10-31 of the province's 20,000 for 2025
    assert said(dt.date(2024, 10, 31), zone="川中")[0] == (
        "截至 2024-10-31，川中开发规模为 6,000 亩，占全省 2025 年目标 2万亩 的 30.0%（该片无分片目标）。")


def test_a_prefectures_sentence_says_it_has_no_target():
    assert prefecture_sentence("成都市", 10_000, 6_000, dt.date(2025, 10, 31), "开发规模") == (
        "截至 2025-10-31，成都市开发规模为 1万亩，近 12 个月新增 4,000 亩；目标只分到全省和发展片，市（州）没有目标。")


EMPTY_SLOT = re.compile(r"\{\w*\}|None|\bnan\b|NaN|NaT|—|: —")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_sentence_has_a_missing_figure(said, lang):
    days = [dt.date(2021, 12, 31), dt.date(2022, 12, 30), dt.date(2023, 1, 1), dt.date(2024, 10, 31),
            dt.date(2024, 12, 31), dt.date(2025, 10, 31), dt.date(2025, 12, 31), dt.date(2026, 1, 1),
            dt.date(2026, 12, 31)]
    for as_of in days:
        for zone in (None, "川南", "川中"):
            for sentence in said(as_of, lang, zone):
                assert not EMPTY_SLOT.search(sentence), (as_of, zone, sentence)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_decks_summary_has_no_missing_figure(open_warehouse, warehouse_dir, lang):
    connection = open_warehouse(warehouse_dir)
    for as_of in (dt.date(2025, 10, 31), dt.date(2025, 11, 20)):
        for zone, prefecture in ((None, None), ("川南", None), (None, "510100")):
            pack = gather(lambda name, **params: run_query(connection, name, **params), lang, as_of,
                          zone=zone, prefecture_code=prefecture)
            summary = next(slide for slide in pack.slides if slide.key == "summary")
            assert len(summary.lines) >= 2
            for line in summary.lines:
                assert not EMPTY_SLOT.search(line), (as_of, zone, prefecture, line)


def test_a_share_short_of_the_target_is_never_written_as_reached():
    assert percent(0.996) == "99.6%"
    assert percent(0.9996) == "99.9%"  # not 100.0%
    assert percent(0.999, 0) == "99%"  # not 100%
    assert percent(-0.9999) == "-99.9%"
    assert percent(1.0) == "100.0%" and percent(1.0004) == "100.0%"
