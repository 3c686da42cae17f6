"""Fixtures for the HTTP service tests: an app with small limits, a client, a fresh session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

PROBLEM = "application/problem+json"


def make_settings(**overrides: Any) -> Settings:
    """Settings independent of the environment the tests run in."""
    base: dict[str, Any] = {
        "max_body_bytes": 4_000_000,
        "max_tensor_elements": 100_000,
        "max_session_bytes": 10_000_000,
        "max_sessions": 50,
        "session_ttl_seconds": 600.0,
        "max_program_nodes": 200,
        "max_compute_seconds": 5.0,
        "api_keys": [],
    }
    base.update(overrides)
    return Settings(_env_file=None, **base)


@pytest.fixture
def settings() -> Settings:
    return make_settings()


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def sid(client: TestClient) -> str:
    response = client.post("/v1/sessions")
    assert response.status_code == 201
    return str(response.json()["id"])


def put(client: TestClient, sid: str, name: str, **tensor: Any) -> dict[str, Any]:
    response = client.put(f"/v1/sessions/{sid}/tensors/{name}", json=tensor)
    assert response.status_code == 200, response.text
    return dict(response.json())


def problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    """Assert `response` is the problem `/problems/<kind>` with `status`; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = dict(response.json())
    assert body["type"] == (f"/problems/{kind}" if kind != "about:blank" else kind)
    assert body["status"] == status
    assert body["title"] and isinstance(body["detail"], str)
    assert body["request_id"] == response.headers["x-request-id"]
    return body
