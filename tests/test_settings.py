"""One settings table, every setting documented in the README (DESIGN §8)."""
import re
from pathlib import Path

from bvkg import settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_setting_is_documented_in_the_readme():
    text = README.read_text(encoding="utf-8")
    rows = set(re.findall(r"^\|\s*`([A-Z_]+)`\s*\|", text, flags=re.M))
    missing = [s.name for s in settings.SETTINGS if s.name not in rows]
    assert not missing, f"settings missing from the README table: {missing}"


def test_environment_overrides_default(monkeypatch):
    monkeypatch.setenv("BVKG_ROW_CAP", "7")
    assert settings.get("ROW_CAP") == 7
    assert settings.get("ROW_CAP", {"ROW_CAP": 3}) == 3


def test_unknown_setting_is_an_error():
    import pytest

    with pytest.raises(KeyError):
        settings.get("ROW_CAPP")
