"""GET /v1/ops: the op catalogue, from the engine's op registry."""

from __future__ import annotations

from pydantic import Field

from app.schemas.base import Model


class OpInfo(Model):
    name: str
    signature: str = Field(
        description="torch's Python signature, e.g. `sum(input, dim=None, keepdim=False)`."
    )
    grad_fns: list[str] = Field(description="The `grad_fn` names torch gives its results.")
    differentiable: bool
    description: str
    function: bool = Field(description="Callable as `torch.<name>(...)`.")
    method: bool = Field(description="Callable as `tensor.<name>(...)`.")
    functional: bool = Field(description="Callable as `F.<name>(...)`.")


class OpCatalogue(Model):
    ops: list[OpInfo]
