"""Sessions across requests, with torch's semantics: the tutorial, backward/grad/zero_grad, atomicity."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

from fastapi.testclient import TestClient

from app.main import create_app
from app.sessions import InMemorySessionStore
from engine.errors import SECOND_BACKWARD

from .conftest import make_settings, problem, put

UNUSED = (
    "The differentiated Tensor at index 1 appears to not have been used in the graph. "
    "Set allow_unused=True if this is the desired behavior."
)


def run(client: TestClient, sid: str, source: str, **extra: Any) -> dict[str, Any]:
    response = client.post(f"/v1/sessions/{sid}/run", json={"source": source, **extra})
    assert response.status_code == 200, response.text
    return dict(response.json())


def reprs(tensors: dict[str, Any]) -> dict[str, str]:
    return {name: t["repr"] for name, t in tensors.items()}


def grad_repr(client: TestClient, sid: str, name: str) -> str | None:
    got = client.get(f"/v1/sessions/{sid}/tensors/{name}").json()
    return None if got["grad"] is None else got["grad"]["repr"]


def test_create_get_delete(client: TestClient) -> None:
    created = client.post("/v1/sessions")
    assert created.status_code == 201
    info = created.json()
    assert set(info) == {"id", "created_at", "expires_at"}
    assert len(info["id"]) >= 43  # 256 random bits
    sid = info["id"]
    got = client.get(f"/v1/sessions/{sid}").json()
    assert got["id"] == sid and got["tensors"] == {} and got["memory_bytes"] == 0
    assert client.delete(f"/v1/sessions/{sid}").status_code == 204
    problem(client.get(f"/v1/sessions/{sid}"), 404, "not-found")
    problem(client.delete(f"/v1/sessions/{sid}"), 404, "not-found")


def test_ttl_seconds(client: TestClient) -> None:
    info = client.post("/v1/sessions", json={"ttl_seconds": 30}).json()
    created = time.mktime(time.strptime(info["created_at"][:19], "%Y-%m-%dT%H:%M:%S"))
    expires = time.mktime(time.strptime(info["expires_at"][:19], "%Y-%m-%dT%H:%M:%S"))
    assert 29 <= expires - created <= 31
    body = problem(client.post("/v1/sessions", json={"ttl_seconds": 10**9}), 422, "validation")
    assert body["errors"][0]["pointer"] == "/ttl_seconds"
    problem(client.post("/v1/sessions", json={"ttl_seconds": 0}), 422, "validation")


def test_the_tutorial_across_requests(client: TestClient, sid: str) -> None:
    put(client, sid, "m", data=3.0, requires_grad=True)
    put(client, sid, "c", data=2.0, requires_grad=True)
    put(client, sid, "x", data=5.0)
    out = run(client, sid, "y = m * x + c")
    assert reprs(out["tensors"]) == {"y": "tensor(17., grad_fn=<AddBackward0>)"}
    assert out["tensors"]["y"]["is_leaf"] is False

    response = client.post(f"/v1/sessions/{sid}/backward", json={"tensor": "y"})
    assert response.status_code == 200
    assert reprs(response.json()["grads"]) == {"m": "tensor(5.)", "c": "tensor(1.)"}
    assert grad_repr(client, sid, "m") == "tensor(5.)"
    assert grad_repr(client, sid, "x") is None

    # the second backward through the freed graph: torch's error, and nothing changes
    again = client.post(f"/v1/sessions/{sid}/backward", json={"tensor": "y"})
    body = problem(again, 409, "graph-freed")
    assert body["detail"] == SECOND_BACKWARD and body["exception"] == "RuntimeError"
    assert grad_repr(client, sid, "m") == "tensor(5.)"
    assert grad_repr(client, sid, "c") == "tensor(1.)"  # torch would have accumulated c here

    # a new graph, kept with retain_graph=True: gradients accumulate
    run(client, sid, "y = m * x + c")
    for expected in ("tensor(10.)", "tensor(15.)"):
        response = client.post(
            f"/v1/sessions/{sid}/backward", json={"tensor": "y", "retain_graph": True}
        )
        assert response.json()["grads"]["m"]["repr"] == expected
    cleared = client.post(f"/v1/sessions/{sid}/zero_grad").json()
    assert cleared == {"cleared": ["m", "c"]}
    assert grad_repr(client, sid, "m") is None
    assert client.post(f"/v1/sessions/{sid}/zero_grad").json() == {"cleared": []}


def test_q_with_an_explicit_gradient(client: TestClient, sid: str) -> None:
    put(client, sid, "a", data=[2.0, 3.0], requires_grad=True)
    put(client, sid, "b", data=[6.0, 4.0], requires_grad=True)
    out = run(client, sid, "Q = 3*a**3 - b**2")
    assert out["tensors"]["Q"]["repr"] == "tensor([-12.,  65.], grad_fn=<SubBackward0>)"
    implicit = client.post(f"/v1/sessions/{sid}/backward", json={"tensor": "Q"})
    body = problem(implicit, 400, "program-error")
    assert body["detail"] == "grad can be implicitly created only for scalar outputs"
    response = client.post(
        f"/v1/sessions/{sid}/backward", json={"tensor": "Q", "gradient": {"data": [1.0, 1.0]}}
    )
    assert reprs(response.json()["grads"]) == {
        "a": "tensor([36., 81.])",
        "b": "tensor([-12.,  -8.])",
    }


def test_backward_inputs_and_bad_gradient(client: TestClient, sid: str) -> None:
    put(client, sid, "x", data=2.0, requires_grad=True)
    put(client, sid, "w", data=3.0, requires_grad=True)
    run(client, sid, "y = x * w")
    wrong = client.post(
        f"/v1/sessions/{sid}/backward",
        json={"tensor": "y", "gradient": {"data": [1.0]}, "retain_graph": True},
    )
    assert problem(wrong, 400, "program-error")["detail"] == (
        "Mismatch in shape: grad_output[0] has a shape of torch.Size([1]) and output[0] has a "
        "shape of torch.Size([])."
    )
    response = client.post(f"/v1/sessions/{sid}/backward", json={"tensor": "y", "inputs": ["x"]})
    assert reprs(response.json()["grads"]) == {"x": "tensor(3.)"}
    missing = client.post(f"/v1/sessions/{sid}/backward", json={"tensor": "nope"})
    assert "nope" in problem(missing, 404, "not-found")["detail"]


def test_grad_and_higher_order_with_store_as(client: TestClient, sid: str) -> None:
    put(client, sid, "x", data=2.0, requires_grad=True)
    put(client, sid, "z", data=1.0, requires_grad=True)
    run(client, sid, "y = x ** 3")
    url = f"/v1/sessions/{sid}/grad"
    first = client.post(
        url, json={"outputs": ["y"], "inputs": ["x"], "create_graph": True, "store_as": ["g"]}
    )
    assert first.status_code == 200
    assert first.json()["grads"][0]["repr"] == "tensor(12., grad_fn=<MulBackward0>)"
    assert grad_repr(client, sid, "x") is None  # grad() does not touch .grad
    second = client.post(url, json={"outputs": ["g"], "inputs": ["x"]})
    assert [g["repr"] for g in second.json()["grads"]] == ["tensor(12.)"]

    run(client, sid, "y = x ** 3")
    unused = client.post(url, json={"outputs": ["y"], "inputs": ["x", "z"]})
    assert problem(unused, 400, "program-error")["detail"] == UNUSED
    allowed = client.post(
        url,
        json={
            "outputs": ["y"],
            "inputs": ["x", "z"],
            "allow_unused": True,
            "store_as": ["gx", "z"],
        },
    ).json()
    assert allowed["grads"][0]["repr"] == "tensor(12.)" and allowed["grads"][1] is None
    names = client.get(f"/v1/sessions/{sid}").json()["tensors"]
    assert "gx" in names and "z" not in names  # a None result unbinds its name

    mismatch = client.post(url, json={"outputs": ["y"], "inputs": ["x"], "store_as": []})
    problem(mismatch, 422, "validation")


def test_grad_outputs(client: TestClient, sid: str) -> None:
    put(client, sid, "x", data=[1.0, 2.0], requires_grad=True)
    run(client, sid, "y = x ** 2")
    response = client.post(
        f"/v1/sessions/{sid}/grad",
        json={"outputs": ["y"], "inputs": ["x"], "grad_outputs": [{"data": [1.0, 10.0]}]},
    )
    assert response.json()["grads"][0]["data"] == [2.0, 40.0]


def test_put_rebinds_get_and_delete_tensors(client: TestClient, sid: str) -> None:
    put(client, sid, "a", data=1.0)
    assert put(client, sid, "a", data=[1, 2])["repr"] == "tensor([1, 2])"
    got = client.get(f"/v1/sessions/{sid}/tensors/a").json()
    assert got["repr"] == "tensor([1, 2])" and got["grad"] is None
    assert client.delete(f"/v1/sessions/{sid}/tensors/a").status_code == 204
    problem(client.get(f"/v1/sessions/{sid}/tensors/a"), 404, "not-found")
    problem(client.delete(f"/v1/sessions/{sid}/tensors/a"), 404, "not-found")
    problem(client.put("/v1/sessions/nope/tensors/a", json={"data": 1}), 404, "not-found")


def test_run_reports_stdout_display_and_warnings(client: TestClient, sid: str) -> None:
    put(client, sid, "a", data=[2.0, 3.0], requires_grad=True)
    out = run(client, sid, "b = a * 2\nprint(b.shape)\nb.sum(), a")
    assert out["stdout"] == "torch.Size([2])\n"
    assert (
        out["display"]
        == "(tensor(10., grad_fn=<SumBackward0>), tensor([2., 3.], requires_grad=True))"
    )
    assert list(out["tensors"]) == ["b"]
    warned = run(client, sid, "g = b.grad")
    assert warned["warnings"][0]["category"] == "UserWarning"
    assert warned["warnings"][0]["message"].startswith(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed."
    )


def test_run_nodes(client: TestClient, sid: str) -> None:
    put(client, sid, "a", data=[2.0, 3.0], requires_grad=True)
    put(client, sid, "b", data=[6.0, 4.0], requires_grad=True)
    nodes = [
        {"id": "a3", "op": "pow", "inputs": ["a", 3]},
        {"id": "t", "op": "mul", "inputs": [3, "a3"]},
        {"id": "b2", "op": "pow", "inputs": ["b", 2]},
        {"id": "Q", "op": "sub", "inputs": ["t", "b2"]},
        {"id": "s", "op": "sum", "inputs": ["Q"], "dim": [0], "keepdim": False},
    ]
    response = client.post(f"/v1/sessions/{sid}/run", json={"nodes": nodes})
    assert response.status_code == 200, response.text
    out = response.json()["tensors"]
    assert out["Q"]["repr"] == "tensor([-12.,  65.], grad_fn=<SubBackward0>)"
    assert out["s"]["repr"] == "tensor(53., grad_fn=<SumBackward1>)"
    grads = client.post(f"/v1/sessions/{sid}/backward", json={"tensor": "s"}).json()["grads"]
    assert grads["a"]["repr"] == "tensor([36., 81.])"


def test_run_needs_exactly_one_program(client: TestClient, sid: str) -> None:
    url = f"/v1/sessions/{sid}/run"
    problem(client.post(url, json={}), 422, "validation")
    problem(client.post(url, json={"source": "a = 1", "nodes": []}), 422, "validation")


def test_a_failed_request_changes_nothing(client: TestClient, sid: str) -> None:
    put(client, sid, "a", data=1.0, requires_grad=True)
    run(client, sid, "b = a * 2")
    before = client.get(f"/v1/sessions/{sid}").json()
    # a program failing at its third statement, after binding names and computing grads
    failing = "c = a * 3\nb.backward()\nd = undefined_name"
    body = problem(
        client.post(f"/v1/sessions/{sid}/run", json={"source": failing}), 400, "program-error"
    )
    assert body["exception"] == "NameError" and body["line"] == 3
    after = client.get(f"/v1/sessions/{sid}").json()
    assert after["tensors"] == before["tensors"] and after["memory_bytes"] == before["memory_bytes"]
    # a backward that fails half-way: torch keeps a's accumulation (facts §2.5), we keep nothing
    put(client, sid, "p", data=2.0, requires_grad=True)
    put(client, sid, "q", data=3.0, requires_grad=True)
    run(client, sid, "e = a + p * q")
    client.post(f"/v1/sessions/{sid}/backward", json={"tensor": "e"})
    mid = client.get(f"/v1/sessions/{sid}").json()
    assert mid["tensors"]["a"]["grad"]["repr"] == "tensor(1.)"
    problem(client.post(f"/v1/sessions/{sid}/backward", json={"tensor": "e"}), 409, "graph-freed")
    assert client.get(f"/v1/sessions/{sid}").json()["tensors"] == mid["tensors"]
    # zero_grad naming an unknown tensor clears nothing
    problem(
        client.post(f"/v1/sessions/{sid}/zero_grad", json={"tensors": ["a", "nope"]}),
        404,
        "not-found",
    )
    assert client.get(f"/v1/sessions/{sid}/tensors/a").json()["grad"] is not None


def test_memory_accounting_and_its_limit() -> None:
    with TestClient(create_app(make_settings(max_session_bytes=1000))) as client:
        sid = client.post("/v1/sessions").json()["id"]
        put(client, sid, "a", data=[0.0] * 100, requires_grad=True)  # 400 bytes
        assert client.get(f"/v1/sessions/{sid}").json()["memory_bytes"] == 400
        run(client, sid, "b = a * 2")  # b, and the saved python scalar: 400 + 4 bytes
        assert client.get(f"/v1/sessions/{sid}").json()["memory_bytes"] == 804
        over = client.post(f"/v1/sessions/{sid}/run", json={"source": "c = a.exp()"})
        body = problem(over, 413, "too-large")
        assert "1000 bytes" in body["detail"] and "GRADSERVE_MAX_SESSION_BYTES" in body["detail"]
        session = client.get(f"/v1/sessions/{sid}").json()
        assert list(session["tensors"]) == ["a", "b"] and session["memory_bytes"] == 804
        client.delete(f"/v1/sessions/{sid}/tensors/b")
        assert client.get(f"/v1/sessions/{sid}").json()["memory_bytes"] == 400


def test_each_session_has_its_own_random_generator(client: TestClient) -> None:
    one, two = (client.post("/v1/sessions").json()["id"] for _ in range(2))
    for sid in (one, two):
        run(client, sid, "torch.manual_seed(7)")
    first = [run(client, one, "r = torch.rand(3)")["tensors"]["r"]["data"] for _ in range(2)]
    assert first[0] != first[1]  # the generator's state carries over between requests
    assert run(client, two, "r = torch.rand(3)")["tensors"]["r"]["data"] == first[0]
    # a failed run does not advance the generator
    client.post(f"/v1/sessions/{two}/run", json={"source": "r = torch.rand(3)\nboom"})
    assert run(client, two, "r = torch.rand(3)")["tensors"]["r"]["data"] == first[1]


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def test_idle_sessions_expire_and_are_reaped_in_the_background() -> None:
    clock = Clock()
    settings = make_settings(session_ttl_seconds=60, reap_interval_seconds=0.01)
    store = InMemorySessionStore(settings.max_sessions, clock=clock)
    with TestClient(create_app(settings, store=store)) as client:
        sid = client.post("/v1/sessions").json()["id"]
        other = client.post("/v1/sessions", json={"ttl_seconds": 600}).json()["id"]
        clock.now += 50
        assert client.get(f"/v1/sessions/{sid}").status_code == 200  # touched: 60 s more
        clock.now += 61
        deadline = time.monotonic() + 5
        while asyncio.run(store.count()) != 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert asyncio.run(store.count()) == 1  # reaped with no request on it
        problem(client.get(f"/v1/sessions/{sid}"), 404, "not-found")
        assert client.get(f"/v1/sessions/{other}").status_code == 200


def test_capacity_429_with_retry_after() -> None:
    with TestClient(create_app(make_settings(max_sessions=2, session_ttl_seconds=30))) as client:
        ids = [client.post("/v1/sessions").json()["id"] for _ in range(2)]
        full = client.post("/v1/sessions")
        body = problem(full, 429, "capacity")
        assert re.fullmatch(r"\d+", full.headers["retry-after"])
        assert 1 <= int(full.headers["retry-after"]) <= 30
        assert "GRADSERVE_MAX_SESSIONS" in body["detail"]
        client.delete(f"/v1/sessions/{ids[0]}")
        assert client.post("/v1/sessions").status_code == 201
