"""GET /v1/ops: the catalogue, from the op registry; and the health probes."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.main import create_app
from engine.ops.registry import OPS

from .conftest import make_settings, problem


def test_catalogue_lists_every_registry_op(client: TestClient) -> None:
    ops = client.get("/v1/ops").json()["ops"]
    assert [op["name"] for op in ops] == list(OPS)
    by_name = {op["name"]: op for op in ops}
    assert by_name["add"] == {
        "name": "add",
        "signature": "add(input, other, *, alpha=1)",
        "grad_fns": ["AddBackward0"],
        "differentiable": True,
        "description": OPS["add"].doc,
        "function": True,
        "method": True,
        "functional": False,
    }
    assert by_name["sum"]["grad_fns"] == ["SumBackward0", "SumBackward1"]
    assert by_name["eq"]["differentiable"] is False


def test_healthz_and_readyz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_not_ready_outside_the_lifespan() -> None:
    client = TestClient(create_app(make_settings()))  # no `with`: startup never ran
    problem(client.get("/readyz"), 503, "about:blank")
    assert client.get("/healthz").status_code == 200
