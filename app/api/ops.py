"""GET /v1/ops: the op catalogue, straight from the engine's op registry."""

from __future__ import annotations

import inspect
from functools import cache
from typing import Any

import orjson
from fastapi import APIRouter, Depends, Response

from app.api.deps import authenticate
from app.problems import documented
from app.routing import Route
from app.schemas.ops import OpCatalogue
from engine.ops.registry import OPS, OpInfo

router = APIRouter(
    prefix="/v1",
    tags=["ops"],
    route_class=Route,
    dependencies=[Depends(authenticate)],
    responses=documented(401, 500),
)


def signature(info: OpInfo) -> str:
    """torch's Python signature without annotations: `sum(input, dim=None, keepdim=False)`."""
    empty = inspect.Parameter.empty
    params = [p.replace(annotation=empty) for p in info.signature.parameters.values()]
    return info.name + str(info.signature.replace(parameters=params, return_annotation=empty))


def entry(info: OpInfo) -> dict[str, Any]:
    return {
        "name": info.name,
        "signature": signature(info),
        "grad_fns": list(info.grad_fns),
        "differentiable": info.differentiable,
        "description": info.doc,
        "function": info.function,
        "method": info.method,
        "functional": info.functional,
    }


@cache
def _catalogue(size: int) -> bytes:
    del size  # the cache key: the registry only grows
    return orjson.dumps({"ops": [entry(info) for info in OPS.values()]})


@router.get("/ops", response_model=OpCatalogue)
async def list_ops() -> Response:
    """Every op programs can use: name, signature, grad_fn names, differentiability, summary."""
    return Response(_catalogue(len(OPS)), media_type="application/json")
