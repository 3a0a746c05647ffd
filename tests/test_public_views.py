"""The public process, tried as an outside visitor would: every public page, with its internal file deleted, shows no
internal data, and no internal page answers any address."""

import shutil

import pytest
from private import private_values

from sinkboard.app import page_list


@pytest.fixture(scope="module")
def public_only(sample_warehouse, tmp_path_factory):
    """A copy of the sample's public file alone, as the public server would hold it."""
    folder = tmp_path_factory.mktemp("public_only")
    shutil.copy((sample_warehouse / "public.duckdb").resolve(), folder / "public.duckdb")
    return folder


@pytest.fixture(scope="module")
def secrets(sample_warehouse):
    """What must never reach a visitor: people's names, unregistered projects, payments, rejects, source files."""
    return private_values(sample_warehouse)


def everything_shown(app):
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "code"):
        parts += [str(element.value) for element in getattr(app, kind)]
    parts += [f"{metric.label} {metric.value} {metric.delta}" for metric in app.metric]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(parts)


@pytest.mark.parametrize("page", [p for p in page_list.PAGES if p.audience == "public"], ids=lambda p: p.url_path)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_public_pages_show_nothing_internal(open_app, public_only, secrets, page, lang):
    app = open_app(public_only, "public", page=page.file, query_params={"lang": lang})
    shown = everything_shown(app)
    assert shown.strip()
    for kind, values in secrets.items():
        leaked = sorted(v for v in values if v and v in shown)
        assert leaked == [], f"{page.url_path} shows {kind}: {leaked[:5]}"


def test_no_internal_page_answers_in_the_public_process(open_app, public_only):
    app = open_app(public_only, "public")
    for page in page_list.PAGES:
        if page.audience == "internal":
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                app.switch_page(page.file).run()
