"""Every string shown to people is in both languages, and every one of them is used somewhere."""

import ast
import re

from sinkboard import PROJECT_ROOT
from sinkboard.text.catalogue import EN, ZH

SOURCES = [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py")),
           *sorted(p for p in (PROJECT_ROOT / "sinkboard").rglob("*.py") if p.name != "i18n.py")]
SQL = [*(PROJECT_ROOT / "queries").glob("*.sql"), *(PROJECT_ROOT / "sinkboard" / "ingest" / "sql").glob("*.sql")]


def literals():
    found = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def dynamic_prefixes():
    """Prefixes of keys built at run time, as the code writes them: t(f"col_{...}"), tabs([f"trading_by_{...}" ...])
    and the like."""
    pattern = re.compile(r"""(?:\bt|\btext|\btabs)\(\[?f["']([a-z_]+_)\{""")
    return {m for path in SOURCES for m in pattern.findall(path.read_text(encoding="utf-8"))}


def test_both_languages_have_the_same_keys():
    assert set(ZH) - set(EN) == set()
    assert set(EN) - set(ZH) == set()


def test_no_string_is_empty_or_untranslated_placeholder():
    for key in ZH:
        assert ZH[key].strip() and EN[key].strip(), key
        assert set(re.findall(r"\{(\w+)\}", ZH[key])) == set(re.findall(r"\{(\w+)\}", EN[key])), key


def test_every_key_is_used():
    used = literals()
    prefixes = dynamic_prefixes()
    words = set(used)
    for path in SQL:
        words |= set(re.findall(r"[a-z_][a-z0-9_]*", path.read_text(encoding="utf-8")))
    for source in SOURCES:
        words |= set(re.findall(r"[a-z_][a-z0-9_]*", source.read_text(encoding="utf-8")))
    unused = []
    for key in ZH:
        if key in used:
            continue
        prefix = next((p for p in prefixes if key.startswith(p)), None)
        if prefix and key.removeprefix(prefix) in words:
            continue
        unused.append(key)
    assert unused == []
