"""The /changes page on a warehouse into which the mini exports were ingested, then the same with one newer registry
snapshot (tests/fixtures/mini_next/README.md works the changes out by hand): it names the new project with its area,
the project that moved stage, the area that was edited, the zone whose verdict changed and the province's change of
scale, in both languages; it compares with a build named in its address; and it says so, without an error, when there
is nothing to compare with."""

import time

import pytest

from sinkboard.figures import changes
from sinkboard.text.catalogue import text
from sinkboard.text.formats import beijing

PAGE = "pages/changes.py"
# what each language calls the values the tables show
NAMES = {"zh": {"validation": "审定", "registered": "注册", "zone": "川南"},
         "en": {"validation": "Validation", "registered": "Registered", "zone": "South Sichuan"}}


def rows(app, lang, *columns):
    """The rows, as {heading: value} dicts, of the first table on the page with these columns among its own."""
    headings = {text(f"col_{column}", lang) for column in columns}
    return next(frame.value for frame in app.dataframe if headings <= set(frame.value.columns)).to_dict("records")


def shows_the_second_ingest(app, lang):
    heading = lambda column: text(f"col_{column}", lang)  # noqa: E731

    # P05, registered on its move, is newly registered too
    registered = {r[heading("project_id")]: (r[heading("area_mu")], r[heading("source_file")])
                  for r in rows(app, lang, "project_id", "registered_date", "source_file")}
    assert registered == {"P05": (4000, "projects/2023-09-30.csv"), "P07": (5000, "projects/2023-09-30.csv")}

    moves = {r[heading("project_id")]: (r[heading("status_before")], r[heading("status_after")])
             for r in rows(app, lang, "project_id", "status_before", "area_mu")}
    assert moves == {"P05": (NAMES[lang]["validation"], NAMES[lang]["registered"])}

    edits = [(r[heading("project_id")], r[heading("field")], r[heading("before")], r[heading("after")])
             for r in rows(app, lang, "project_id", "field")]
    assert ("P02", text("col_area_mu", lang), "500", "600") in edits

    verdicts = {r[heading("zone")]: (r[heading("status_before")], r[heading("status_after")])
                for r in rows(app, lang, "zone", "year", "status_before")}
    assert verdicts[NAMES[lang]["zone"]] == (text("status_behind", lang), text("status_achieved", lang))

    tiles = {m.label: m for m in app.metric}
    scale = tiles[text("tile_with_unit", lang, label=text("changes_measure_development_mu", lang),
                       unit=text("tile_unit_area", lang))]
    assert scale.proto.delta == "+5,100"

    zones = rows(app, lang, "zone", "change_mu")
    assert zones[0][heading("zone")] == text("all_province", lang)
    assert zones[0][heading("change_mu")] == 5100


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_names_what_the_second_ingest_changed(open_app, mini_history, lang):
    app = open_app(mini_history, page=PAGE, lang=lang)
    shows_the_second_ingest(app, lang)
    assert not app.info and not app.warning
    assert text("changes_files_added", lang, files="projects/2023-09-30.csv") in [c.value for c in app.caption]


def test_a_build_named_in_the_address_is_compared_with(open_app, mini_history):
    first = changes.builds(mini_history).build_id.iloc[0]
    app = open_app(mini_history, page=PAGE, lang="en", query_params={"since": first})
    assert app.radio(key="changes_mode").value == "build"
    assert app.selectbox(key="changes_build").value == first
    shows_the_second_ingest(app, "en")
    assert app.query_params["since"] in (first, [first])  # kept in the address


def test_a_date_before_any_build_says_so(open_app, mini_history):
    app = open_app(mini_history, page=PAGE, lang="en", query_params={"since": "2000-01-01"})
    assert app.radio(key="changes_mode").value == "date"
    first = f"{beijing(changes.builds(mini_history).built_at.iloc[0]):%Y-%m-%d}"  # days are Beijing's
    assert [i.value for i in app.info] == [text("changes_no_build_by", "en", date="2000-01-01", first=first)]
    assert not app.dataframe and not app.metric


def test_a_build_the_history_does_not_hold_is_named_and_the_previous_one_compared(open_app, mini_history):
    app = open_app(mini_history, page=PAGE, lang="en", query_params={"since": "v-nothing"})
    assert "v-nothing" in app.warning[0].value
    assert app.radio(key="changes_mode").value == "previous"
    shows_the_second_ingest(app, "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_first_ingest_of_a_folder_has_nothing_to_compare_with(open_app, mini_warehouse, lang):
    app = open_app(mini_warehouse, page=PAGE, lang=lang)
    assert [i.value for i in app.info] == [text("history_first", lang)]
    assert not app.dataframe and not app.metric


def test_the_public_process_does_not_register_the_page(open_app, mini_history):
    app = open_app(mini_history, "public")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page(PAGE).run()


def test_staff_download_the_tables_and_leadership_read_them(open_app, mini_history, tmp_path, monkeypatch):
    monkeypatch.setenv("SINKBOARD_AUDIT_DIR", str(tmp_path / "audit"))
    claims = {"iat": int(time.time())}
    leader = open_app(mini_history, page=PAGE, user={"email": "l@lcj.example", "groups": ["sinkboard-leadership"],
                                                      **claims})
    assert leader.dataframe and not leader.get("download_button")
    staff = open_app(mini_history, page=PAGE, user={"email": "s@lcj.example", "groups": ["sinkboard-staff"], **claims})
    # a CSV and an XLSX under each table shown
    assert len(staff.get("download_button")) == 2 * len(staff.dataframe)


def test_a_zone_chosen_narrows_the_figures_and_the_lists(open_app, mini_history):
    # 川中 holds P01 and P02: only P02's area changed (500 -> 600), nobody was registered there
    app = open_app(mini_history, page=PAGE, lang="en", query_params={"zone": "川中"})
    tiles = {m.label: m for m in app.metric}
    scale = tiles[text("tile_with_unit", "en", label=text("changes_measure_development_mu", "en"),
                       unit=text("tile_unit_area", "en"))]
    assert scale.proto.delta == "+100"
    assert text("changes_measure_rejects", "en") not in tiles  # rejected rows have no zone
    every_table = [frame.value for frame in app.dataframe]
    projects = {value for frame in every_table if "Project ID" in frame for value in frame["Project ID"]}
    assert projects == {"P02"}
    # 川南: P07 registered there, P05 moved on there
    app = open_app(mini_history, page=PAGE, lang="zh", query_params={"zone": "川南"})
    registered = {r["项目编号"] for r in rows(app, "zh", "project_id", "registered_date", "source_file")}
    assert registered == {"P05", "P07"}
    assert any("川南 ·" in c.value for c in app.caption)
