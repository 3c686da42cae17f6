"""POST /v1/evaluate: a stateless program run; nothing is kept."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from app.api.deps import authenticate, body_size, settings_of
from app.codec import JSONResponse, decode, encode
from app.compute import Budget, run_engine, small_enough
from app.problems import ValidationProblem, documented
from app.programs import compiles_quickly, execute, generator, warnings
from app.routing import Route
from app.schemas.evaluate import EvaluateRequest, EvaluateResponse
from engine import autograd
from engine.tensor import Tensor

router = APIRouter(
    prefix="/v1",
    tags=["evaluate"],
    route_class=Route,
    dependencies=[Depends(authenticate)],
    responses=documented(401, 422, 500),
)


def _lookup(namespace: dict[str, Tensor], name: str, pointer: str) -> Tensor:
    t = namespace.get(name)
    if t is None:
        raise ValidationProblem(pointer, f"no tensor named {name!r} in the request")
    return t


@router.post("/evaluate", response_model=EvaluateResponse, responses=documented(400, 409, 413))
async def evaluate(body: EvaluateRequest, request: Request) -> Response:
    """Build the tensors, run the program, optionally call backward; return every tensor."""
    settings = settings_of(request)
    namespace: dict[str, Tensor] = {}

    def work(budget: Budget) -> dict[str, Any]:
        for name, tin in body.tensors.items():
            namespace[name] = decode(tin, f"/tensors/{name}")
        result = execute(body, namespace, settings, budget, generator(None))
        if body.backward is not None:
            spec = body.backward
            t = _lookup(namespace, spec.tensor, "/backward/tensor")
            inputs = None
            if spec.inputs is not None:
                inputs = [
                    _lookup(namespace, n, f"/backward/inputs/{i}")
                    for i, n in enumerate(spec.inputs)
                ]
            gradient = None
            if spec.gradient is not None:
                gradient = decode(spec.gradient, "/backward/gradient")
            autograd.backward(t, gradient, inputs=inputs)
        return {
            "tensors": {n: encode(t, body.encoding, grad=True) for n, t in namespace.items()},
            "stdout": result.stdout if result is not None else "",
            "display": result.display if result is not None else None,
            "warnings": warnings(result) if result is not None else [],
        }

    content, _ = await run_engine(
        work,
        settings,
        try_inline=small_enough(body_size(request)) and compiles_quickly(body),
        namespace=namespace,
    )
    return JSONResponse(content)
