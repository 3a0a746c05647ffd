"""Every setting the code reads is documented in README.md (the queries' registry is tested in test_registry_of_pages.py)."""

import re

from sinkboard import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
CODE = "\n".join(p.read_text(encoding="utf-8") for p in [*(PROJECT_ROOT / "sinkboard").rglob("*.py"),
                                                          *(PROJECT_ROOT / "pages").glob("*.py"), PROJECT_ROOT / "app.py"])


def test_every_setting_is_documented():
    settings = set(re.findall(r"SINKBOARD_[A-Z_]+", CODE))
    assert settings >= {"SINKBOARD_WAREHOUSE", "SINKBOARD_MODE"}
    assert [s for s in settings if s not in README] == []

