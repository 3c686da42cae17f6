"""The compiled-program cache: a program sent again is not compiled again, and never confused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app import programs
from app.main import create_app
from tests.app.conftest import make_settings, problem


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The forms compiled from now on (with an empty cache)."""
    seen: list[str] = []
    source, nodes = programs.compile_source, programs.compile_nodes

    def compile_source(text: str, limits: Any) -> Any:
        seen.append("source")
        return source(text, limits)

    def compile_nodes(n: Any, limits: Any) -> Any:
        seen.append("nodes")
        return nodes(n, limits)

    monkeypatch.setattr(programs, "compile_source", compile_source)
    monkeypatch.setattr(programs, "compile_nodes", compile_nodes)
    programs.PROGRAMS.clear()
    yield seen
    programs.PROGRAMS.clear()


SOURCE = "import torch\nx = torch.tensor(2., requires_grad=True)\ny = x * x\ny.backward()\nx.grad"


def test_same_source_compiled_once(client: TestClient, compiles: list[str]) -> None:
    replies = [client.post("/v1/evaluate", json={"source": SOURCE}).json() for _ in range(3)]
    assert compiles == ["source"]
    assert replies[0] == replies[1] == replies[2]
    assert replies[0]["display"] == "tensor(4.)"


def test_same_nodes_compiled_once(client: TestClient, compiles: list[str]) -> None:
    body = {
        "tensors": {"x": {"data": [1.0, 2.0], "requires_grad": True}},
        "nodes": [{"id": "y", "op": "sum", "inputs": ["x"]}],
        "backward": {"tensor": "y"},
    }
    for _ in range(3):
        r = client.post("/v1/evaluate", json=body)
        assert r.json()["tensors"]["x"]["grad"]["data"] == [1.0, 1.0]
    assert compiles == ["nodes"]


def test_number_types_are_different_programs(client: TestClient, compiles: list[str]) -> None:
    """3 and 3.0 decide an integer tensor's result dtype: they must not share a program."""

    def dtype(k: Any) -> str:
        body = {
            "tensors": {"a": {"data": [1, 2]}},
            "nodes": [{"id": "b", "op": "mul", "inputs": ["a", k]}],
        }
        return str(client.post("/v1/evaluate", json=body).json()["tensors"]["b"]["dtype"])

    assert [dtype(3), dtype(3.0), dtype(3), dtype(3.0)] == ["int64", "float32"] * 2
    assert compiles == ["nodes", "nodes"]


def test_errors_are_not_cached(client: TestClient, compiles: list[str]) -> None:
    for _ in range(2):
        problem(
            client.post("/v1/evaluate", json={"source": "for i in x: pass"}), 400, "program-error"
        )
    assert compiles == ["source", "source"]


def test_limits_are_part_of_the_key(compiles: list[str]) -> None:
    """A program compiled under generous limits is still refused where the limits are tighter."""
    source = "\n".join(f"a{i} = {i}" for i in range(10))
    with TestClient(create_app(make_settings())) as c:
        assert c.post("/v1/evaluate", json={"source": source}).status_code == 200
    with TestClient(create_app(make_settings(max_program_nodes=5))) as c:
        problem(c.post("/v1/evaluate", json={"source": source}), 422, "limit-exceeded")


def test_only_short_programs_compile_on_the_event_loop() -> None:
    from app.schemas.evaluate import EvaluateRequest

    def quick(**body: Any) -> bool:
        return programs.compiles_quickly(EvaluateRequest.model_validate(body))

    node = {"id": "y", "op": "neg", "inputs": ["x"]}
    assert quick() and quick(source="y = 1") and quick(nodes=[node])
    assert not quick(source="y = 1\n" * (programs.INLINE_SOURCE_BYTES // 6 + 1))
    assert not quick(nodes=[node] * (programs.INLINE_NODES + 1))
