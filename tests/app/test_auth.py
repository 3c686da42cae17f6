"""API keys: a Bearer key on every /v1 request; sessions visible only to the key that made them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

from .conftest import make_settings, problem

ALICE = {"Authorization": "Bearer key-alice"}
BOB = {"Authorization": "Bearer key-bob"}


@pytest.fixture
def keyed() -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(api_keys=["key-alice", "key-bob"]))) as client:
        yield client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/v1/sessions"),
        ("get", "/v1/ops"),
        ("post", "/v1/evaluate"),
        ("get", "/v1/sessions/whatever"),
        ("delete", "/v1/sessions/whatever/tensors/x"),
    ],
)
def test_v1_needs_a_valid_key(keyed: TestClient, method: str, path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic a2V5"}):
        response = keyed.request(method, path, headers=headers, json={})
        problem(response, 401, "unauthorized")
        assert response.headers["www-authenticate"].startswith("Bearer")


def test_health_needs_no_key(keyed: TestClient) -> None:
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/readyz").status_code == 200


def test_sessions_are_private_to_their_key(keyed: TestClient) -> None:
    sid = keyed.post("/v1/sessions", headers=ALICE).json()["id"]
    assert (
        keyed.put(f"/v1/sessions/{sid}/tensors/a", json={"data": 1.0}, headers=ALICE).status_code
        == 200
    )
    for method, path, body in [
        ("get", f"/v1/sessions/{sid}", None),
        ("get", f"/v1/sessions/{sid}/tensors/a", None),
        ("put", f"/v1/sessions/{sid}/tensors/b", {"data": 1.0}),
        ("post", f"/v1/sessions/{sid}/run", {"source": "b = a * 2"}),
        ("post", f"/v1/sessions/{sid}/zero_grad", None),
        ("delete", f"/v1/sessions/{sid}/tensors/a", None),
        ("delete", f"/v1/sessions/{sid}", None),
    ]:
        response = keyed.request(method, path, json=body, headers=BOB)
        problem(response, 404, "not-found")  # as if it did not exist
    got = keyed.get(f"/v1/sessions/{sid}", headers=ALICE).json()
    assert list(got["tensors"]) == ["a"]
    assert keyed.get("/v1/ops", headers=BOB).status_code == 200


def test_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADSERVE_API_KEYS", " one, two ,,three ")
    monkeypatch.setenv("GRADSERVE_MAX_SESSIONS", "7")
    settings = Settings(_env_file=None)
    assert settings.api_keys == ["one", "two", "three"]
    assert settings.max_sessions == 7
    monkeypatch.setenv("GRADSERVE_API_KEYS", "")
    assert Settings(_env_file=None).api_keys == []
