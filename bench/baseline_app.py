"""The baselines of the service and payload benchmarks: minimal FastAPI endpoints.

Served by the same uvicorn stack as gradserve (`uvicorn bench.baseline_app:app`, same flags):

- `GET /const`: a constant dict, the ceiling for any JSON endpoint on this stack;
- `POST /validated`: a tutorial-shaped JSON body (`{"source": ..., "tensors": {...}}`) validated
  by a pydantic model, answered with a constant: what the framework alone costs a request that
  carries a body, before any work;
- `POST /roundtrip`: the payload round trip done by hand — takes an evaluate-shaped body with one
  float32 tensor `x` (as `data`, parsed by orjson into a numpy array, or as `b64`), computes
  `y = (x*x).sum()` and its gradient `2*x`, and answers with what the evaluate contract returns for
  it: `x` with its data and grad, and `y` (orjson + numpy for JSON; base64 when the request asks for
  `"encoding": "base64"`). No pydantic validation of the element lists.
"""

from __future__ import annotations

import base64

import numpy as np
import orjson
from fastapi import FastAPI, Request, Response
from pydantic import BaseModel

app = FastAPI(title="gradserve bench baseline")


class _Tensor(BaseModel):
    data: float | list[float]
    requires_grad: bool = False


class _Program(BaseModel):
    source: str | None = None
    tensors: dict[str, _Tensor] = {}


@app.post("/validated")
async def validated(body: _Program) -> dict[str, str]:
    return {"status": "ok"}


@app.get("/const")
async def const() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


def _tensor_out(a: np.ndarray, b64: bool, **extra: object) -> dict[str, object]:
    out: dict[str, object] = {"shape": list(a.shape), "dtype": "float32"}
    if b64:
        out["b64"] = base64.b64encode(np.ascontiguousarray(a, "<f4").tobytes()).decode()
    else:
        out["data"] = a.reshape(-1)
    out.update(extra)
    return out


@app.post("/roundtrip")
async def roundtrip(request: Request) -> Response:
    body = orjson.loads(await request.body())
    b64 = body.get("encoding") == "base64"
    tin = body["tensors"]["x"]
    if "b64" in tin:
        x = np.frombuffer(base64.b64decode(tin["b64"]), dtype="<f4").reshape(tin["shape"])
    else:
        x = np.asarray(tin["data"], dtype=np.float32)
    y = np.float32((x * x).sum(dtype=np.float32))
    grad = 2 * x
    out = {
        "tensors": {
            "x": _tensor_out(
                x,
                b64,
                requires_grad=True,
                is_leaf=True,
                grad_fn=None,
                grad=_tensor_out(grad, b64, requires_grad=False, is_leaf=True, grad_fn=None),
            ),
            "y": {
                "shape": [],
                "dtype": "float32",
                "data": [float(y)],
                "requires_grad": True,
                "is_leaf": False,
                "grad_fn": "SumBackward0",
                "grad": None,
            },
        },
        "stdout": "",
        "display": None,
    }
    return Response(
        orjson.dumps(out, option=orjson.OPT_SERIALIZE_NUMPY), media_type="application/json"
    )
