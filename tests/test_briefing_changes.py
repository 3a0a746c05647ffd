"""The briefing's "since the last briefing" slide, on the mini exports ingested and then ingested again with mini_next
(tests/fixtures/mini_next/README.md): the deck the command writes names P07 翠屏竹林经营 new (and registered) with its
5,000 mu and P05 moved from 审定 to 注册, the development scale 5,100 mu larger; the command says which build it
compared with; the workbook holds every row; a warehouse of one ingest has no such slide."""

import dataclasses
import io

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from test_briefing import shape_texts as slide_texts

from sinkboard.__main__ import main
from sinkboard.figures import changes
from sinkboard.outputs import briefing
from sinkboard.store import warehouse
from sinkboard.text.catalogue import text

SINCE_TITLE = {"zh": "自上次简报以来", "en": "Since the last briefing"}


def table_rows(slide):
    """The rows of each table on a slide, headings first."""
    return [[[cell.text for cell in row.cells] for row in shape.table.rows] for shape in slide.shapes if shape.has_table]


def tiles(slide):
    """The figure tiles, the filled text boxes: {label: (value, detail)}."""
    found = {}
    for shape in slide.shapes:
        if shape.has_text_frame and shape.fill.type == MSO_FILL.SOLID:
            paragraphs = [p.text for p in shape.text_frame.paragraphs]
            if len(paragraphs) >= 2:
                found[paragraphs[0]] = tuple(paragraphs[1:])
    return found


def since_slides(deck, lang="zh"):
    return [slide for slide in deck.slides if SINCE_TITLE[lang] in slide_texts(slide)]


@pytest.fixture(scope="module")
def first_build(mini_history):
    return changes.builds(mini_history).build_id.iloc[0]


def write(folder, out, capsys, *options):
    """Runs the command; its exit code, the lines it printed and the deck it wrote (None when it failed)."""
    code = main(["briefing", "--warehouse", str(folder), "--out", str(out), *options])
    printed = capsys.readouterr()
    return code, printed.out.splitlines(), printed.err.splitlines(), Presentation(str(out)) if code == 0 else None


def test_the_deck_after_the_second_ingest_has_the_slide_after_the_headline(mini_history, first_build, tmp_path, capsys):
    code, printed, _, deck = write(mini_history, tmp_path / "deck.pptx", capsys)
    assert code == 0
    assert printed[0].startswith(f"compared with build {first_build} of ")
    assert printed[0].endswith(f"as of {changes.builds(mini_history).as_of.iloc[0]:%Y-%m-%d}")
    # the title, the summary, the headline figures, then what moved since
    assert SINCE_TITLE["zh"] in slide_texts(deck.slides[3]) and len(since_slides(deck)) == 1
    slide = deck.slides[3]
    added, moves = table_rows(slide)
    # P07 new (and registered), P05 registered from 审定 (tests/fixtures/mini_next/README.md)
    assert added == [["项目名称", "发展片", "状态", "面积（亩）"], ["翠屏竹林经营", "川南", "注册", "5,000"]]
    assert moves == [["项目名称", "状态变化", "面积（亩）"], ["叙州竹林经营", "审定 → 注册", "4,000"]]
    shown = tiles(slide)
    # the chosen basis first; P07's 5,000 mu and P02's 100 more (500 → 600)
    assert list(shown) == ["开发规模（亩）", "注册规模（亩）", "累计签发量（吨CO₂e）", "累计成交额（元）", "累计补贴拨付（元）"]
    assert shown["开发规模（亩）"] == ("+5,100", "9,000 → 1.41万")
    assert shown["注册规模（亩）"][0] == "+9,000" and shown["累计签发量（吨CO₂e）"][0] == "0"
    # the headline sentences are there
    compared = changes.compare(mini_history)
    for sentence in changes.headline(compared, "zh"):
        assert sentence in slide_texts(slide)


def test_since_the_first_build_by_its_id_gives_the_same_slide(mini_history, first_build, tmp_path, capsys):
    _, _, _, default = write(mini_history, tmp_path / "default.pptx", capsys)
    code, printed, _, named = write(mini_history, tmp_path / "named.pptx", capsys, "--since", first_build)
    assert code == 0 and printed[0].startswith(f"compared with build {first_build} of ")
    assert slide_texts(since_slides(named)[0]) == slide_texts(since_slides(default)[0])


def test_a_zone_chosen_leaves_out_the_projects_of_other_zones(mini_history, tmp_path, capsys):
    code, _, _, deck = write(mini_history, tmp_path / "deck.pptx", capsys, "--zone", "川西南")
    assert code == 0
    slide = since_slides(deck)[0]
    words = slide_texts(slide)
    # both projects are in 川南: the slide says the zone has none, and its figures are the zone's, unchanged
    assert "翠屏竹林经营" not in " ".join(words) and not table_rows(slide)
    assert text("brief_since_no_projects", "zh", area="川西南") in words
    # the sentences are the zone's: its scale unchanged, no verdict of its changed
    sentences = changes.headline(changes.compare(mini_history).within(zone="川西南"), "zh")
    assert sentences == ["开发规模 0 亩，达 2,000 亩；注册规模 0 亩，达 2,000 亩。"]
    assert sentences[0] in words
    assert tiles(slide)["开发规模（亩）"][0] == "0"


def test_a_since_naming_no_build_fails_in_one_line(mini_history, tmp_path, capsys):
    code, printed, errors, _ = write(mini_history, tmp_path / "deck.pptx", capsys, "--since", "v-no-such-build")
    assert code == 2 and printed == [] and len(errors) == 1 and errors[0].startswith("briefing failed: ")
    assert not (tmp_path / "deck.pptx").exists()


def test_one_ingest_makes_no_such_slide_and_says_so(mini_warehouse, tmp_path, capsys):
    code, printed, _, deck = write(mini_warehouse, tmp_path / "deck.pptx", capsys)
    assert code == 0 and printed[0].startswith("no earlier build to compare with")
    assert len(deck.slides) == 11 and not since_slides(deck)


def pack_of(folder, lang, compared, **options):
    connection = warehouse.connect(folder / "internal.duckdb")
    try:
        return briefing.gather(lambda name, **params: warehouse.run_query(connection, name, **params), lang=lang,
                               changes=compared, **options)
    finally:
        connection.close()


def test_the_workbook_holds_every_row_the_slide_cuts(mini_history):
    compared = changes.compare(mini_history)
    # twenty new projects: more than a slide shows
    many = pd.concat([compared.added.head(1).assign(project_id=f"Q{n:02d}", project_name=f"项目{n:02d}",
                                                    area_mu=1_000 - n) for n in range(20)], ignore_index=True)
    pack = pack_of(mini_history, "zh", dataclasses.replace(compared, added=many))
    deck = Presentation(io.BytesIO(briefing.deck_bytes(pack)))
    slide = since_slides(deck)[0]
    shown = table_rows(slide)[0][1:]
    assert within_the_slide(deck, slide)
    assert 0 < len(shown) < 20 and [row[0] for row in shown] == [f"项目{n:02d}" for n in range(len(shown))]
    assert text("brief_since_more", "zh", more=20 - len(shown), sheet="变化—新增项目") in slide_texts(slide)
    book = openpyxl.load_workbook(io.BytesIO(briefing.workbook_bytes(pack)))
    header = len(pack.context) + 2  # the context rows, a blank row, then the headings
    rows = list(book["变化—新增项目"].iter_rows(min_row=header + 1, values_only=True))
    assert [row[:2] for row in rows] == [(f"Q{n:02d}", f"项目{n:02d}") for n in range(20)]
    figures = list(book["变化—主要指标"].iter_rows(min_row=header, values_only=True))
    assert figures[0] == ("指标", "上次", "本次", "变化")
    assert figures[1:3] == [("开发规模（亩）", 9_000, 14_100, 5_100), ("注册规模（亩）", 4_500, 13_500, 9_000)]
    moves = list(book["变化—状态变化"].iter_rows(min_row=header + 1, values_only=True))
    assert [(row[0], row[6], row[7], row[8]) for row in moves] == [("P05", 4_000, "审定", "注册")]


def within_the_slide(deck, slide):
    return all(shape.left >= 0 and shape.top >= 0 and shape.left + shape.width <= deck.slide_width
               and shape.top + shape.height <= deck.slide_height for shape in slide.shapes)


def test_the_english_slide_words_the_statuses_in_english(mini_history):
    pack = pack_of(mini_history, "en", changes.compare(mini_history))
    deck = Presentation(io.BytesIO(briefing.deck_bytes(pack)))
    slide = since_slides(deck, "en")[0]
    added, moves = table_rows(slide)
    assert added[1] == ["翠屏竹林经营", "South Sichuan", "Registered", "5,000"]
    assert moves[1] == ["叙州竹林经营", "Validation → Registered", "4,000"]
    assert tiles(slide)["Development scale (mu)"] == ("+5,100", "was 9,000, now 14.1K")
    assert within_the_slide(deck, slide)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_briefing_page_compares_with_the_previous_build(open_app, mini_history, first_build, lang):
    app = open_app(mini_history, page="pages/briefing.py", lang=lang)
    select = app.selectbox(key="brief_since")
    first = changes.builds(mini_history).iloc[0].to_dict()
    assert select.value == first_build
    assert select.options == [text("brief_since_previous", lang, build=changes.describe_build(first, lang))]
    headings = [m.value for m in app.markdown if m.value.startswith("**")]
    assert len(headings) == 12
    assert headings[3] == f"**{text('brief_slide_heading', lang, number=4, title=SINCE_TITLE[lang])}**"
    assert not app.exception


def test_the_briefing_page_of_one_ingest_says_there_is_no_earlier_build(open_app, mini_warehouse):
    app = open_app(mini_warehouse, page="pages/briefing.py", lang="en")
    assert text("brief_since_none", "en") in [c.value for c in app.caption]
    assert not [s for s in app.selectbox if s.key == "brief_since"]
