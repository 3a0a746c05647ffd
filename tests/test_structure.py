"""The tree shows the architecture: few modules at the package's top, none too long, each saying what it is, and the
one-way flow of style.md (the server never imports the developer tools; only the app side imports Streamlit)."""

import ast
import subprocess
import sys

import pytest

from sinkboard import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "sinkboard"
MODULES = sorted(PACKAGE.rglob("*.py"))


def imported(path):
    """Every module a file imports, at its top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def part(path):
    """The subpackage a module belongs to ('' for the package's own top)."""
    if not path.is_relative_to(PACKAGE):
        return ""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else ""


def test_the_package_top_holds_at_most_six_modules():
    assert len(list(PACKAGE.glob("*.py"))) <= 6


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_each_module_is_short_and_opens_with_what_it_is(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 700
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring and len(docstring.split()) >= 3


def test_nothing_but_the_command_line_imports_the_developer_tools():
    users = [str(p.relative_to(PROJECT_ROOT)) for p in [*MODULES, *(PROJECT_ROOT / "pages").glob("*.py"),
                                                        PROJECT_ROOT / "app.py"]
             if part(p) != "dev" and p.name != "__main__.py" and any(n.startswith("sinkboard.dev") for n in imported(p))]
    assert users == []


def test_only_the_app_side_imports_streamlit():
    users = [str(p.relative_to(PROJECT_ROOT)) for p in MODULES
             if part(p) not in ("app", "dev") and any(n.split(".")[0] == "streamlit" for n in imported(p))]
    assert users == []


def test_pages_never_import_duckdb_and_the_ingest_never_imports_the_app():
    pages = [p.name for p in (PROJECT_ROOT / "pages").glob("*.py") if any(n.startswith("duckdb") for n in imported(p))]
    ingest = [p.name for p in MODULES if part(p) in ("ingest", "store")
              and any(n.startswith(("sinkboard.app", "sinkboard.outputs", "sinkboard.charts")) for n in imported(p))]
    assert (pages, ingest) == ([], [])


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_the_server_loads_no_developer_tool(mode, monkeypatch):
    """What the server imports before its first session (serve.freeze_loaded_objects), in a fresh interpreter."""
    monkeypatch.setenv("SINKBOARD_MODE", mode)
    script = ("import sys; from sinkboard.app import serve; serve.freeze_loaded_objects(); "
              "print(sorted(m for m in sys.modules if m.startswith('sinkboard.')))")
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert "sinkboard.app.ui" in loaded
    assert [m for m in loaded if m.startswith("sinkboard.dev")] == []
    # the public process reads the contract's categories and the geography, never the ingest's machinery
    shared = {"sinkboard.ingest", "sinkboard.ingest.contract", "sinkboard.ingest.regions"}
    assert mode == "internal" or [m for m in loaded if m.startswith("sinkboard.ingest") and m not in shared] == []
