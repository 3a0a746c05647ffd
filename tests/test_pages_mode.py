"""The one workaround for Streamlit's legacy pages-folder mode still holds on the installed Streamlit."""

from streamlit.runtime.pages_manager import PagesManager

from sinkboard.app import pages_mode


def test_streamlit_still_has_the_flag_the_workaround_sets():
    # If this fails, Streamlit changed its pages-folder mode: revisit sinkboard/app/pages_mode.py
    assert hasattr(PagesManager, "uses_pages_directory")
    pages_mode.switch_off()
    assert pages_mode.running_bare() is False


def test_a_page_runs_through_app_py(open_app, mini_warehouse):
    """AppTest runs pages/*.py bare; the page reroutes, so app.py's sidebar and navigation are drawn exactly once."""
    app = open_app(mini_warehouse, page="pages/pipeline.py")
    assert len(app.sidebar.radio(key="lang").options) == 2  # the shell drew the sidebar
    assert [r.key for r in app.radio].count("lang") == 1
    assert app.title[0].value.startswith("项目进展")
