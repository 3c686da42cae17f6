"""A naive torch service, the service benchmark's reference for "autograd behind FastAPI".

`POST /tutorial`: the tutorial (`y = m*x + c`, `y.backward()`, the two gradients) with torch behind
a pydantic-validated `async def` route, as a straightforward torch service would write it. Served
by the same uvicorn stack as gradserve (`uvicorn bench.baseline_torch:app`), in a server of its own
so torch's import does not weigh on the other baselines. Needs torch; the benchmark reports it as
skipped without.
"""

from __future__ import annotations

import torch
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="gradserve bench baseline: naive torch service")


class Tutorial(BaseModel):
    m: float
    c: float
    x: float


@app.post("/tutorial")
async def tutorial(body: Tutorial) -> dict[str, float]:
    m = torch.tensor(body.m, requires_grad=True)
    c = torch.tensor(body.c, requires_grad=True)
    y = m * torch.tensor(body.x) + c
    y.backward()
    assert m.grad is not None and c.grad is not None
    return {"y": y.item(), "m_grad": m.grad.item(), "c_grad": c.grad.item()}
