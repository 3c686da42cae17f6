"""POST /v1/evaluate: the same programs, stateless."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import numpy as np
from fastapi.testclient import TestClient

from .conftest import problem

NODES = [
    {"id": "a3", "op": "pow", "inputs": ["a", 3]},
    {"id": "t", "op": "mul", "inputs": [3, "a3"]},
    {"id": "b2", "op": "pow", "inputs": ["b", 2]},
    {"id": "Q", "op": "sub", "inputs": ["t", "b2"]},
]
AB = {
    "a": {"data": [2.0, 3.0], "requires_grad": True},
    "b": {"data": [6.0, 4.0], "requires_grad": True},
}


def evaluate(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/v1/evaluate", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_tutorial(client: TestClient) -> None:
    out = evaluate(
        client,
        tensors={
            "m": {"data": 3.0, "requires_grad": True},
            "c": {"data": 2.0, "requires_grad": True},
            "x": {"data": 5.0},
        },
        source="y = m * x + c",
        backward={"tensor": "y"},
    )
    t = out["tensors"]
    assert list(t) == ["m", "c", "x", "y"]
    assert t["y"]["repr"] == "tensor(17., grad_fn=<AddBackward0>)"
    assert t["m"]["grad"]["repr"] == "tensor(5.)"
    assert t["c"]["grad"]["repr"] == "tensor(1.)"
    assert t["x"]["grad"] is None and t["y"]["grad"] is None
    assert out["stdout"] == "" and out["display"] is None


def test_the_tutorial_source_with_its_own_tensors(client: TestClient) -> None:
    source = (
        "import torch\n"
        "a = torch.tensor([2., 3.], requires_grad=True)\n"
        "b = torch.tensor([6., 4.], requires_grad=True)\n"
        "Q = 3*a**3 - b**2\n"
        "Q.backward(gradient=torch.tensor([1., 1.]))\n"
        "a.grad, b.grad"
    )
    out = evaluate(client, source=source)
    assert out["display"] == "(tensor([36., 81.]), tensor([-12.,  -8.]))"
    assert out["tensors"]["a"]["grad"]["data"] == [36.0, 81.0]


def test_source_and_nodes_give_the_same_graph(client: TestClient) -> None:
    by_source = evaluate(client, tensors=AB, source="Q = 3*a**3 - b**2")
    by_nodes = evaluate(client, tensors=AB, nodes=NODES)
    assert by_source["tensors"]["Q"] == by_nodes["tensors"]["Q"]
    with_grad = evaluate(
        client, tensors=AB, nodes=NODES, backward={"tensor": "Q", "gradient": {"data": [1, 1]}}
    )
    assert with_grad["tensors"]["a"]["grad"]["repr"] == "tensor([36., 81.])"
    assert with_grad["tensors"]["b"]["grad"]["repr"] == "tensor([-12.,  -8.])"


def test_backward_inputs(client: TestClient) -> None:
    out = evaluate(
        client, tensors=AB, source="s = (a * b).sum()", backward={"tensor": "s", "inputs": ["a"]}
    )
    assert out["tensors"]["a"]["grad"]["data"] == [6.0, 4.0]
    assert out["tensors"]["b"]["grad"] is None


def test_nothing_is_kept(client: TestClient) -> None:
    evaluate(client, tensors=AB, source="Q = a * b")
    assert asyncio.run(client.app.state.store.count()) == 0  # type: ignore[attr-defined]
    second = client.post("/v1/evaluate", json={"source": "Q2 = Q * 2"})
    assert problem(second, 400, "program-error")["exception"] == "NameError"


def test_tensors_alone_and_base64(client: TestClient) -> None:
    out = evaluate(client, tensors={"a": {"data": [1.5, 2.5]}}, encoding="base64")
    a = out["tensors"]["a"]
    assert np.frombuffer(base64.b64decode(a["b64"]), "<f4").tolist() == [1.5, 2.5]
    assert "data" not in a and a["repr"] == "tensor([1.5000, 2.5000])"


def test_errors(client: TestClient) -> None:
    implicit = client.post(
        "/v1/evaluate", json={"tensors": AB, "source": "Q = a * b", "backward": {"tensor": "Q"}}
    )
    body = problem(implicit, 400, "program-error")
    assert body["detail"] == "grad can be implicitly created only for scalar outputs"
    unknown = client.post("/v1/evaluate", json={"source": "q = 1", "backward": {"tensor": "Q"}})
    assert problem(unknown, 422, "validation")["errors"][0]["pointer"] == "/backward/tensor"
    both = client.post("/v1/evaluate", json={"source": "q = 1", "nodes": NODES})
    problem(both, 422, "validation")
    bad = client.post("/v1/evaluate", json={"tensors": {"a": {"data": [[1], [1, 2]]}}})
    assert problem(bad, 422, "validation")["errors"][0]["pointer"] == "/tensors/a/data"
    torch_error = client.post(
        "/v1/evaluate", json={"source": "x = torch.ones(2, 3)\ny = x.view(4)"}
    )
    body = problem(torch_error, 400, "program-error")
    assert body["detail"] == "shape '[4]' is invalid for input of size 6"
    assert (body["exception"], body["line"], body["column"]) == ("RuntimeError", 2, 0)


def test_random_numbers(client: TestClient) -> None:
    out = evaluate(client, source="torch.manual_seed(0)\nr = torch.randn(2, 2)")
    again = evaluate(client, source="torch.manual_seed(0)\nr = torch.randn(2, 2)")
    assert out["tensors"]["r"]["data"] == again["tensors"]["r"]["data"]


def test_the_tutorial_sequence_in_one_program(client: TestClient) -> None:
    setup = (
        "m = torch.tensor(3., requires_grad=True)\n"
        "c = torch.tensor(2., requires_grad=True)\n"
        "x = torch.tensor(5.)\n"
        "y = m * x + c\n"
    )
    twice = client.post("/v1/evaluate", json={"source": setup + "y.backward()\ny.backward()"})
    body = problem(twice, 409, "graph-freed")
    assert (body["exception"], body["line"]) == ("RuntimeError", 6)
    retained = evaluate(
        client,
        source=setup
        + "y.backward(retain_graph=True)\ny.backward()\ng = m.grad * 1\nm.grad = None\nm.grad",
    )
    assert retained["tensors"]["g"]["repr"] == "tensor(10.)"
    assert retained["tensors"]["m"]["grad"] is None and retained["display"] is None
