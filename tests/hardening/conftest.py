"""Hardening tests (issue 8): schema fuzzing, load, faults, hostile programs and tenants.

Every test here runs against real uvicorn processes on loopback ports (tests/hardening/server.py)
and is bounded in request count and time. The figures they measure (cases fuzzed, requests under
load, latencies, faults injected, hostile inputs tried) are merged into a JSON file, by default
/tmp/gradserve-hardening/figures.json (GRADSERVE_HARDENING_RESULTS to choose another), which is
what the README's Reliability section quotes.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

RESULTS = Path(
    os.environ.get("GRADSERVE_HARDENING_RESULTS", "/tmp/gradserve-hardening/figures.json")
)


ROOT = Path(__file__).resolve().parents[2]
VICTIM_VALUE = 8675309.0  # a value only a victim session holds: it must never show elsewhere
LEAKS = re.compile(
    "|".join(
        [
            r"Traceback",
            r"File \"",
            r"site-packages",
            r"\.py\b",
            re.escape(str(ROOT)),
            re.escape(sys.prefix),
            re.escape(str(int(VICTIM_VALUE))),
        ]
    )
)
"""What no error response may contain: a traceback, a path of the service, another's data."""


class Figures:
    """What the tests measured, by section; merged into RESULTS at the end of the session."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def record(self, section: str, **values: Any) -> None:
        self.data.setdefault(section, {}).update(values)

    def add(self, section: str, key: str, amount: int = 1) -> None:
        entry = self.data.setdefault(section, {})
        entry[key] = entry.get(key, 0) + amount


@pytest.fixture(scope="session")
def figures() -> Iterator[Figures]:
    figs = Figures()
    yield figs
    if not figs.data:
        return
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    try:
        merged = json.loads(RESULTS.read_text())
    except (OSError, ValueError):
        merged = {}
    merged.update(figs.data)
    merged["_run"] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
    }
    RESULTS.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n")
