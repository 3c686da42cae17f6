"""Settings: safe defaults, every one documented in the README's settings table."""

from __future__ import annotations

import re
from pathlib import Path

from app.config import Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_setting_is_in_the_readme_with_its_default() -> None:
    section = README.read_text().split("\n## HTTP API\n", 1)[1]
    rows = dict(re.findall(r"^\| `(GRADSERVE_\w+)` \| (.+?) \|", section, re.M))
    defaults = Settings(_env_file=None)
    assert set(rows) == {"GRADSERVE_" + name.upper() for name in Settings.model_fields}
    for name in Settings.model_fields:
        value = getattr(defaults, name)
        shown = rows["GRADSERVE_" + name.upper()]
        if value == []:
            assert shown == "(none)"
        else:
            expected = f"`{value:g}`" if isinstance(value, float) else f"`{value}`"
            assert shown == expected, name


def test_defaults_are_bounded() -> None:
    s = Settings(_env_file=None)
    assert s.api_keys == []
    assert s.max_body_bytes <= 100_000_000
    assert s.max_tensor_elements * 8 <= s.max_session_bytes
    assert s.max_compute_seconds <= 60
