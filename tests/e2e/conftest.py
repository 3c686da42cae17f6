"""End-to-end fixtures: the real service under uvicorn, and the generated client to talk to it.

The generated package is imported from clients/python as committed (put on sys.path here), so
the tests install nothing beyond the dev extra: the client needs only httpx and attrs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.server import CLIENT_DIR, serve

if str(CLIENT_DIR) not in sys.path:
    sys.path.insert(0, str(CLIENT_DIR))

from gradserve_client import AuthenticatedClient

API_KEY = "e2e-key"


@pytest.fixture(scope="package")
def base_url() -> Iterator[str]:
    with serve({"GRADSERVE_API_KEYS": f"{API_KEY},other-key"}) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(
        base_url=base_url,
        token=API_KEY,
        timeout=httpx.Timeout(60),
        raise_on_unexpected_status=True,
    ) as client:
        yield client
