"""The generated client against the real service (uvicorn on a free port), and nothing else.

Every request here goes through `gradserve_client` as generated: typed request models in,
TensorOut / Problem models out. The server runs with API keys, so the client authenticates.
"""

from __future__ import annotations

import asyncio
import base64
import importlib
import json
from collections.abc import Iterator

import numpy as np
import pytest
from gradserve_client import AuthenticatedClient, Client
from gradserve_client.api.evaluate import evaluate
from gradserve_client.api.health import healthz, readyz
from gradserve_client.api.ops import list_ops
from gradserve_client.api.sessions import (
    backward,
    create_session,
    delete_session,
    delete_tensor,
    get_session,
    get_tensor,
    grad,
    put_tensor,
    run_program,
    zero_grad,
)
from gradserve_client.models import (
    BackwardRequest,
    CreateSessionRequest,
    EvaluateBackward,
    EvaluateRequest,
    EvaluateRequestTensors,
    GradList,
    GradRequest,
    GradsByName,
    MulNode,
    PowNode,
    Problem,
    RunRequest,
    RunResponse,
    SessionDetail,
    SessionInfo,
    SubNode,
    SumNode,
    TensorIn,
    TensorOut,
    ZeroGradRequest,
)
from gradserve_client.types import UNSET

from tests.e2e.server import CLIENT_DIR

pytestmark = pytest.mark.slow

GRAPH_FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you "
    "call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward "
    "through the graph a second time or if you need to access saved tensors after calling "
    "backward."
)


@pytest.fixture
def sid(client: AuthenticatedClient) -> Iterator[str]:
    session = create_session.sync(client=client, body=CreateSessionRequest())
    assert isinstance(session, SessionInfo)
    yield session.id
    delete_session.sync_detailed(session.id, client=client)


def put(client: AuthenticatedClient, sid: str, name: str, tensor: TensorIn) -> TensorOut:
    out = put_tensor.sync(sid, name, client=client, body=tensor)
    assert isinstance(out, TensorOut), out
    return out


def run(client: AuthenticatedClient, sid: str, source: str) -> RunResponse:
    out = run_program.sync(sid, client=client, body=RunRequest(source=source))
    assert isinstance(out, RunResponse), out
    return out


def grads(response: object) -> dict[str, str]:
    assert isinstance(response, GradsByName), response
    return {name: t.repr_ for name, t in response.grads.additional_properties.items()}


def test_the_client_is_the_committed_one() -> None:
    import gradserve_client

    assert gradserve_client.__file__.startswith(str(CLIENT_DIR))


def test_modules_are_named_by_operation_id() -> None:
    schema = json.loads((CLIENT_DIR / "openapi.json").read_text())
    seen = set()
    for operations in schema["paths"].values():
        for operation in operations.values():
            (tag,) = operation["tags"]
            module = importlib.import_module(
                f"gradserve_client.api.{tag}.{operation['operationId']}"
            )
            for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
                assert callable(getattr(module, function))
            seen.add(operation["operationId"])
    assert seen == {
        "evaluate",
        "create_session",
        "get_session",
        "delete_session",
        "put_tensor",
        "get_tensor",
        "delete_tensor",
        "run_program",
        "backward",
        "grad",
        "zero_grad",
        "list_ops",
        "healthz",
        "readyz",
    }


def test_tutorial_session_flow(client: AuthenticatedClient) -> None:
    """y = m * x + c over a session: leaves, run, backward, grads, 409, atomicity, delete."""
    session = create_session.sync(client=client, body=CreateSessionRequest(ttl_seconds=120))
    assert isinstance(session, SessionInfo)
    assert (session.expires_at - session.created_at).total_seconds() == pytest.approx(120)
    sid = session.id

    m = put(client, sid, "m", TensorIn(data=3.0, requires_grad=True))
    assert (m.shape, m.dtype, m.data, m.is_leaf, m.grad_fn) == ([], "float32", [3.0], True, None)
    assert m.repr_ == "tensor(3., requires_grad=True)"
    put(client, sid, "c", TensorIn(data=2.0, requires_grad=True))
    assert put(client, sid, "x", TensorIn(data=5.0)).repr_ == "tensor(5.)"

    out = run(client, sid, "y = m * x + c\ny")
    y = out.tensors["y"]
    assert (y.data, y.grad_fn, y.is_leaf) == ([17.0], "AddBackward0", False)
    assert out.display == "tensor(17., grad_fn=<AddBackward0>)"
    assert out.stdout == ""

    assert grads(backward.sync(sid, client=client, body=BackwardRequest(tensor="y"))) == {
        "m": "tensor(5.)",
        "c": "tensor(1.)",
    }
    m = get_tensor.sync(sid, "m", client=client)
    assert isinstance(m, TensorOut) and isinstance(m.grad, TensorOut)
    assert m.grad.data == [5.0]

    # the graph's saved tensors were freed: torch's RuntimeError, as a typed Problem
    second = backward.sync_detailed(sid, client=client, body=BackwardRequest(tensor="y"))
    assert second.status_code == 409
    problem = second.parsed
    assert isinstance(problem, Problem)
    assert problem.type_ == "/problems/graph-freed"
    assert (problem.status, problem.exception, problem.detail) == (409, "RuntimeError", GRAPH_FREED)
    assert problem.request_id == second.headers["x-request-id"]
    # ... and the failed request changed nothing
    detail = get_session.sync(sid, client=client)
    assert isinstance(detail, SessionDetail)
    tensors = detail.tensors.additional_properties
    assert set(tensors) == {"m", "c", "x", "y"}
    assert tensors["m"].grad.repr_ == "tensor(5.)"
    assert tensors["x"].grad is None

    # rebuild the graph, keep it: gradients accumulate until cleared
    run(client, sid, "y = m * x + c")
    body = BackwardRequest(tensor="y", retain_graph=True)
    assert grads(backward.sync(sid, client=client, body=body))["m"] == "tensor(10.)"
    assert grads(backward.sync(sid, client=client, body=body))["m"] == "tensor(15.)"
    cleared = zero_grad.sync(sid, client=client, body=ZeroGradRequest(tensors=["m"]))
    assert cleared.cleared == ["m"]
    assert get_tensor.sync(sid, "m", client=client).grad is None
    assert get_tensor.sync(sid, "c", client=client).grad.repr_ == "tensor(3.)"

    assert delete_tensor.sync_detailed(sid, "x", client=client).status_code == 204
    assert delete_session.sync_detailed(sid, client=client).status_code == 204
    gone = get_session.sync(sid, client=client)
    assert isinstance(gone, Problem)
    assert (gone.status, gone.type_) == (404, "/problems/not-found")


def test_external_gradient(client: AuthenticatedClient, sid: str) -> None:
    """Q = 3*a**3 - b**2 with Q.backward(gradient=[1., 1.]), as in torch's autograd tutorial."""
    put(client, sid, "a", TensorIn(data=[2.0, 3.0], requires_grad=True))
    put(client, sid, "b", TensorIn(data=[6.0, 4.0], requires_grad=True))
    q = run(client, sid, "Q = 3*a**3 - b**2").tensors["Q"]
    assert q.repr_ == "tensor([-12.,  65.], grad_fn=<SubBackward0>)"
    assert q.data == [-12.0, 65.0]

    # a non-scalar output needs a gradient, as torch says
    bare = backward.sync(sid, client=client, body=BackwardRequest(tensor="Q"))
    assert isinstance(bare, Problem)
    assert (bare.status, bare.type_, bare.exception) == (
        400,
        "/problems/program-error",
        "RuntimeError",
    )
    assert bare.detail == "grad can be implicitly created only for scalar outputs"

    body = BackwardRequest(tensor="Q", gradient=TensorIn(data=[1.0, 1.0]))
    assert grads(backward.sync(sid, client=client, body=body)) == {
        "a": "tensor([36., 81.])",
        "b": "tensor([-12.,  -8.])",
    }
    assert run(client, sid, "9*a**2 == a.grad").display == "tensor([True, True])"
    assert run(client, sid, "-2*b == b.grad").display == "tensor([True, True])"


def test_base64_for_a_large_tensor(client: AuthenticatedClient, sid: str) -> None:
    w = np.linspace(-1.0, 1.0, 100_000)  # float64
    sent = TensorIn(
        b64=base64.b64encode(w.astype("<f8").tobytes()).decode(),
        shape=[100_000],
        dtype="float64",
        requires_grad=True,
    )
    out = put_tensor.sync(sid, "w", client=client, body=sent, encoding="base64")
    assert isinstance(out, TensorOut)
    assert (out.shape, out.dtype, out.data, out.repr_) == ([100_000], "float64", UNSET, UNSET)
    assert np.array_equal(np.frombuffer(base64.b64decode(out.b64), "<f8"), w)

    loss = run(client, sid, "loss = (w ** 2).sum()").tensors["loss"]
    assert loss.grad_fn == "SumBackward0"
    assert loss.data[0] == pytest.approx(float((w**2).sum()))

    body = BackwardRequest(tensor="loss", encoding="base64")
    result = backward.sync(sid, client=client, body=body)
    assert isinstance(result, GradsByName)
    g = result.grads["w"]
    assert (g.shape, g.dtype, g.data, g.repr_) == ([100_000], "float64", UNSET, UNSET)
    assert np.array_equal(np.frombuffer(base64.b64decode(g.b64), "<f8"), 2 * w)

    # the same gradient read back as JSON numbers, and as base64 through the session read
    w_json = get_tensor.sync(sid, "w", client=client)
    assert w_json.grad.data == (2 * w).tolist()
    detail = get_session.sync(sid, client=client, encoding="base64")
    assert detail.tensors["w"].grad.b64 == g.b64
    assert detail.memory_bytes >= 2 * w.nbytes


def test_higher_derivatives_with_grad(client: AuthenticatedClient, sid: str) -> None:
    put(client, sid, "m", TensorIn(data=3.0, requires_grad=True))
    run(client, sid, "z = m ** 3")
    body = GradRequest(outputs=["z"], inputs=["m"], create_graph=True, store_as=["dz"])
    first = grad.sync(sid, client=client, body=body)
    assert isinstance(first, GradList)
    assert first.grads[0].repr_ == "tensor(27., grad_fn=<MulBackward0>)"
    second = grad.sync(sid, client=client, body=GradRequest(outputs=["dz"], inputs=["m"]))
    assert second.grads[0].repr_ == "tensor(18.)"
    # torch.autograd.grad leaves .grad alone
    assert get_tensor.sync(sid, "m", client=client).grad is None


def test_evaluate_with_typed_nodes(client: AuthenticatedClient) -> None:
    body = EvaluateRequest(
        tensors=EvaluateRequestTensors.from_dict(
            {
                "a": {"data": [2.0, 3.0], "requires_grad": True},
                "b": {"data": [6.0, 4.0], "requires_grad": True},
            }
        ),
        nodes=[
            PowNode(op="pow", id="a3", inputs=["a", 3]),
            MulNode(op="mul", id="t", inputs=[3, "a3"]),
            PowNode(op="pow", id="b2", inputs=["b", 2]),
            SubNode(op="sub", id="Q", inputs=["t", "b2"]),
            SumNode(op="sum", id="s", inputs=["Q"], dim=[0], keepdim=False),
        ],
        backward=EvaluateBackward(tensor="s"),
    )
    assert body.to_dict()["nodes"][4] == {
        "op": "sum",
        "id": "s",
        "inputs": ["Q"],
        "dim": [0],
        "keepdim": False,
    }
    out = evaluate.sync(client=client, body=body)
    tensors = out.tensors.additional_properties
    assert tensors["s"].repr_ == "tensor(53., grad_fn=<SumBackward1>)"
    assert tensors["a"].grad.repr_ == "tensor([36., 81.])"
    assert tensors["b"].grad.repr_ == "tensor([-12.,  -8.])"


def test_non_finite_values_are_strings(client: AuthenticatedClient) -> None:
    body = EvaluateRequest(
        tensors=EvaluateRequestTensors.from_dict({"v": {"data": ["NaN", "-Infinity", 1.0]}}),
        source="w = v * 2\nprint(w)",
    )
    out = evaluate.sync(client=client, body=body)
    assert out.tensors["w"].data == ["NaN", "-Infinity", 2.0]
    assert out.stdout == "tensor([nan, -inf, 2.])\n"


def test_errors_are_problems(client: AuthenticatedClient, sid: str) -> None:
    bad = run_program.sync(sid, client=client, body=RunRequest(source="y = m +"))
    assert isinstance(bad, Problem)
    assert (bad.status, bad.type_, bad.exception) == (400, "/problems/program-error", "SyntaxError")
    assert isinstance(bad.line, int) and isinstance(bad.column, int)

    ragged = put_tensor.sync(sid, "r", client=client, body=TensorIn(data=[[1.0, 2.0], [3.0]]))
    assert isinstance(ragged, Problem)
    assert (ragged.status, ragged.type_) == (422, "/problems/validation")
    assert ragged.errors and ragged.errors[0].pointer.startswith("/data")

    missing = get_tensor.sync(sid, "nope", client=client)
    assert isinstance(missing, Problem)
    assert (missing.status, missing.type_) == (404, "/problems/not-found")


def test_authentication(base_url: str, client: AuthenticatedClient, sid: str) -> None:
    with AuthenticatedClient(base_url=base_url, token="wrong") as stranger:
        denied = get_session.sync(sid, client=stranger)
        assert isinstance(denied, Problem)
        assert (denied.status, denied.type_) == (401, "/problems/unauthorized")
    with AuthenticatedClient(base_url=base_url, token="other-key") as other:
        hidden = get_session.sync(sid, client=other)  # another key's session does not exist
        assert isinstance(hidden, Problem) and hidden.status == 404
    with Client(base_url=base_url) as anonymous:
        assert healthz.sync(client=anonymous).status == "ok"
        assert readyz.sync(client=anonymous).status == "ready"


def test_op_catalogue(client: AuthenticatedClient) -> None:
    ops = {op.name: op for op in list_ops.sync(client=client).ops}
    assert ops["mul"].grad_fns == ["MulBackward0"]
    assert ops["sum"].differentiable


def test_async_client(base_url: str) -> None:
    async def main() -> list[str]:
        async with AuthenticatedClient(base_url=base_url, token="e2e-key") as client:
            session = await create_session.asyncio(client=client, body=CreateSessionRequest())
            body = TensorIn(data=[1.0, 2.0], requires_grad=True)
            await put_tensor.asyncio(session.id, "t", client=client, body=body)
            results = await asyncio.gather(
                *(
                    run_program.asyncio(session.id, client=client, body=RunRequest(source=s))
                    for s in ("u = t * 2\nu", "v = t.exp().sum()\nv")
                )
            )
            await delete_session.asyncio_detailed(session.id, client=client)
            return [r.display for r in results]

    assert asyncio.run(main()) == [
        "tensor([2., 4.], grad_fn=<MulBackward0>)",
        "tensor(10.1073, grad_fn=<SumBackward0>)",
    ]
