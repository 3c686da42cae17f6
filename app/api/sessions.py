"""Sessions: named tensors whose graphs live on across requests, with torch's semantics.

Each handler opens the session (its lock serialises requests on it; its working copy is
committed only if the request succeeds), does its engine work through `app.compute.run_engine`
(atomic, limited, off the event loop unless tiny) and answers with what the engine produced.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Body, Depends, Request, Response

from app.api.deps import (
    EncodingQuery,
    Owner,
    SessionId,
    TensorName,
    authenticate,
    body_size,
    settings_of,
    store_of,
)
from app.codec import JSONResponse, decode, encode
from app.compute import Budget, run_engine, small_enough
from app.config import Settings
from app.problems import ValidationProblem, documented, not_found
from app.programs import compiles_quickly, execute, generator, warnings
from app.routing import Route
from app.schemas.programs import ProgramFields
from app.schemas.sessions import (
    BackwardRequest,
    CreateSessionRequest,
    GradList,
    GradRequest,
    GradsByName,
    RunRequest,
    RunResponse,
    SessionDetail,
    SessionInfo,
    ZeroGradRequest,
    ZeroGradResponse,
)
from app.schemas.tensors import TensorIn, TensorOut
from app.sessions import Session
from engine import autograd
from engine.tensor import Tensor

T = TypeVar("T")

router = APIRouter(
    prefix="/v1/sessions",
    tags=["sessions"],
    route_class=Route,
    dependencies=[Depends(authenticate)],
    responses=documented(401, 404, 422, 500),
)


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


def _info(s: Session) -> dict[str, Any]:
    return {"id": s.id, "created_at": _iso(s.created_at), "expires_at": _iso(s.expires_at)}


def _tensor(s: Session, name: str, pointer: str | None = None) -> Tensor:
    t = s.tensors.get(name)
    if t is None:
        where = f" (at {pointer})" if pointer else ""
        raise not_found(f"no tensor {name!r} in session {s.id!r}{where}")
    return t


async def _work(
    s: Session,
    settings: Settings,
    request: Request,
    fn: Callable[[Budget], T],
    *,
    mutates: bool = True,
    program: ProgramFields | None = None,
) -> T:
    """Run `fn` on the session's working copy; record the copy's new footprint."""
    small = small_enough(body_size(request), s.memory_bytes, s.graph_nodes)
    value, fp = await run_engine(
        fn,
        settings,
        try_inline=small and (program is None or compiles_quickly(program)),
        namespace=s.tensors if mutates else None,
    )
    if fp is not None:
        s.memory_bytes, s.graph_nodes = fp.bytes, fp.nodes
    return value


@router.post("", status_code=201, response_model=SessionInfo, responses=documented(429))
async def create_session(
    owner: Owner,
    request: Request,
    body: Annotated[CreateSessionRequest | None, Body()] = None,
) -> Response:
    """Create an empty session; it is reclaimed after `ttl_seconds` without requests."""
    store, settings = store_of(request), settings_of(request)
    ttl = settings.session_ttl_seconds
    if body is not None and body.ttl_seconds is not None:
        ttl = body.ttl_seconds
        if ttl > settings.max_session_ttl_seconds:
            raise ValidationProblem(
                "/ttl_seconds",
                f"at most {settings.max_session_ttl_seconds:g} seconds "
                "(GRADSERVE_MAX_SESSION_TTL_SECONDS)",
            )
    s = await store.create(owner, ttl)
    return JSONResponse(_info(s), status_code=201)


@router.get("/{session_id}", response_model=SessionDetail)
async def get_session(
    session_id: SessionId,
    owner: Owner,
    request: Request,
    encoding: EncodingQuery = "json",
) -> Response:
    """The session: its times, its memory, and every named tensor with its `.grad`."""
    store, settings = store_of(request), settings_of(request)
    async with store.open(session_id, owner) as s:
        tensors = await _work(
            s,
            settings,
            request,
            lambda _: {n: encode(t, encoding, grad=True) for n, t in s.tensors.items()},
            mutates=False,
        )
        content = {**_info(s), "memory_bytes": s.memory_bytes, "tensors": tensors}
    return JSONResponse(content)


@router.delete("/{session_id}", status_code=204, response_class=Response)
async def delete_session(session_id: SessionId, owner: Owner, request: Request) -> Response:
    """Delete the session and everything in it."""
    store = store_of(request)
    await store.delete(session_id, owner)
    return Response(status_code=204)


@router.put(
    "/{session_id}/tensors/{name}", response_model=TensorOut, responses=documented(400, 413)
)
async def put_tensor(
    session_id: SessionId,
    name: TensorName,
    body: TensorIn,
    owner: Owner,
    request: Request,
    encoding: EncodingQuery = "json",
) -> Response:
    """Create or rebind a leaf tensor (like `name = torch.tensor(...)`)."""
    store, settings = store_of(request), settings_of(request)
    async with store.open(session_id, owner) as s:

        def work(_: Budget) -> dict[str, Any]:
            t = decode(body, "")
            s.tensors[name] = t
            return encode(t, encoding)

        content = await _work(s, settings, request, work)
    return JSONResponse(content)


@router.get("/{session_id}/tensors/{name}", response_model=TensorOut)
async def get_tensor(
    session_id: SessionId,
    name: TensorName,
    owner: Owner,
    request: Request,
    encoding: EncodingQuery = "json",
) -> Response:
    """One named tensor, with its `.grad`."""
    store, settings = store_of(request), settings_of(request)
    async with store.open(session_id, owner) as s:
        t = _tensor(s, name)
        content = await _work(
            s, settings, request, lambda _: encode(t, encoding, grad=True), mutates=False
        )
    return JSONResponse(content)


@router.delete("/{session_id}/tensors/{name}", status_code=204, response_class=Response)
async def delete_tensor(
    session_id: SessionId,
    name: TensorName,
    owner: Owner,
    request: Request,
) -> Response:
    """Unbind a name (like `del name`); graphs that use the tensor keep what they saved."""
    store, settings = store_of(request), settings_of(request)
    async with store.open(session_id, owner) as s:
        _tensor(s, name)
        await _work(s, settings, request, lambda _: s.tensors.pop(name))
    return Response(status_code=204)


@router.post("/{session_id}/run", response_model=RunResponse, responses=documented(400, 409, 413))
async def run_program(
    session_id: SessionId,
    body: RunRequest,
    owner: Owner,
    request: Request,
) -> Response:
    """Run a program against the session's tensors; the names it assigns are kept."""
    store, settings = store_of(request), settings_of(request)
    async with store.open(session_id, owner) as s:

        def work(budget: Budget) -> tuple[dict[str, Any], dict[str, Any]]:
            rng = generator(s.rng_state)
            result = execute(body, s.tensors, settings, budget, rng)
            assert result is not None
            content = {
                "tensors": {n: encode(t, body.encoding) for n, t in result.assigned.items()},
                "stdout": result.stdout,
                "display": result.display,
                "warnings": warnings(result),
            }
            return content, rng.bit_generator.state

        content, s.rng_state = await _work(s, settings, request, work, program=body)
    return JSONResponse(content)


@router.post(
    "/{session_id}/backward", response_model=GradsByName, responses=documented(400, 409, 413)
)
async def backward(
    session_id: SessionId,
    body: BackwardRequest,
    owner: Owner,
    request: Request,
) -> Response:
    """`tensor.backward(gradient, retain_graph, create_graph, inputs)`; returns every `.grad` set."""
    store, settings = store_of(request), settings_of(request)
    async with store.open(session_id, owner) as s:

        def work(_: Budget) -> dict[str, Any]:
            t = _tensor(s, body.tensor, "/tensor")
            inputs = None
            if body.inputs is not None:
                inputs = [_tensor(s, n, f"/inputs/{i}") for i, n in enumerate(body.inputs)]
            gradient = decode(body.gradient, "/gradient") if body.gradient is not None else None
            autograd.backward(
                t,
                gradient,
                retain_graph=body.retain_graph,
                create_graph=body.create_graph,
                inputs=inputs,
            )
            return {
                "grads": {
                    n: encode(x._grad, body.encoding)
                    for n, x in s.tensors.items()
                    if x._grad is not None
                }
            }

        content = await _work(s, settings, request, work)
    return JSONResponse(content)


@router.post("/{session_id}/grad", response_model=GradList, responses=documented(400, 409, 413))
async def grad(
    session_id: SessionId,
    body: GradRequest,
    owner: Owner,
    request: Request,
) -> Response:
    """`torch.autograd.grad(outputs, inputs, ...)`; `store_as` keeps the results as tensors."""
    store, settings = store_of(request), settings_of(request)
    async with store.open(session_id, owner) as s:

        def work(_: Budget) -> dict[str, Any]:
            outputs = [_tensor(s, n, f"/outputs/{i}") for i, n in enumerate(body.outputs)]
            inputs = [_tensor(s, n, f"/inputs/{i}") for i, n in enumerate(body.inputs)]
            grad_outputs = None
            if body.grad_outputs is not None:
                grad_outputs = [
                    None if g is None else decode(g, f"/grad_outputs/{i}")
                    for i, g in enumerate(body.grad_outputs)
                ]
            results = autograd.grad(
                outputs,
                inputs,
                grad_outputs,
                retain_graph=body.retain_graph,
                create_graph=body.create_graph,
                allow_unused=body.allow_unused,
            )
            for name, g in zip(body.store_as or (), results):
                if g is None:
                    s.tensors.pop(name, None)
                else:
                    s.tensors[name] = g
            return {"grads": [None if g is None else encode(g, body.encoding) for g in results]}

        content = await _work(s, settings, request, work)
    return JSONResponse(content)


@router.post("/{session_id}/zero_grad", response_model=ZeroGradResponse)
async def zero_grad(
    session_id: SessionId,
    owner: Owner,
    request: Request,
    body: Annotated[ZeroGradRequest | None, Body()] = None,
) -> Response:
    """Set `.grad` to None (as `optimizer.zero_grad()` does) on the named tensors, or on all."""
    store, settings = store_of(request), settings_of(request)
    async with store.open(session_id, owner) as s:

        def work(_: Budget) -> dict[str, Any]:
            names = body.tensors if body is not None and body.tensors is not None else None
            if names is None:
                targets = list(s.tensors.items())
            else:
                targets = [(n, _tensor(s, n, f"/tensors/{i}")) for i, n in enumerate(names)]
            cleared = []
            for n, t in targets:
                if t._grad is not None:
                    t.grad = None
                    cleared.append(n)
            return {"cleared": cleared}

        content = await _work(s, settings, request, work)
    return JSONResponse(content)
