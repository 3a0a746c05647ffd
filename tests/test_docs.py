"""Every setting the code reads is documented in README.md, and every query in queries/ is used by a page."""

import re

from sinkboard import PROJECT_ROOT
from sinkboard.warehouse import query_names

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
CODE = "\n".join(p.read_text(encoding="utf-8") for p in [*(PROJECT_ROOT / "sinkboard").glob("*.py"),
                                                          *(PROJECT_ROOT / "pages").glob("*.py"), PROJECT_ROOT / "app.py"])


def test_every_setting_is_documented():
    settings = set(re.findall(r"SINKBOARD_[A-Z_]+", CODE))
    assert settings >= {"SINKBOARD_WAREHOUSE", "SINKBOARD_MODE"}
    assert [s for s in settings if s not in README] == []


def test_every_query_is_used():
    assert [name for name in query_names() if f'"{name}"' not in CODE] == []
