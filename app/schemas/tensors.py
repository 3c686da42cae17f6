"""Tensors on the wire (API.md §1): TensorIn (three forms) and TensorOut.

Tensor `data` is typed for the OpenAPI schema but never validated element by element by
pydantic (`SkipValidation`): app/codec.py converts it with numpy, which is ~20x faster on large
lists and gives torch's own messages for ragged lists and bad values.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, NonNegativeInt, SkipValidation, model_validator

from app.schemas.base import Model

NonFinite = Literal["NaN", "Infinity", "-Infinity"]
Scalar = float | int | bool | NonFinite

DTypeName = Literal["float32", "float64", "float16", "int64", "int32", "bool"]
"""dtypes a client may ask for (bfloat16 is not supported: numpy has no such type)."""

Encoding = Literal["json", "base64"]

TensorData = Annotated[Scalar | list[Any], SkipValidation]


class TensorIn(Model):
    """A tensor sent by a client, in one of three forms.

    * `{"data": [[1, 2], [3, 4]]}` — a number or nested lists, shape and dtype inferred as
      `torch.tensor` does (any float → float32, all ints → int64, all bools → bool);
    * `{"data": [1, 2, 3, 4], "shape": [2, 2]}` — flat row-major values with an explicit shape;
    * `{"b64": "...", "shape": [2, 2], "dtype": "float64"}` — base64 of the raw little-endian
      C-order bytes (dtype defaults to float32, shape to one dimension).

    Non-finite floats are the strings "NaN", "Infinity", "-Infinity".
    """

    data: TensorData | None = None
    b64: str | None = None
    shape: list[NonNegativeInt] | None = Field(default=None, max_length=32)
    dtype: DTypeName | None = None
    requires_grad: bool = False

    @model_validator(mode="after")
    def _one_form(self) -> TensorIn:
        if (self.data is None) == (self.b64 is None):
            raise ValueError("give exactly one of `data` or `b64`")
        return self


class TensorOut(Model):
    """A tensor the service returns: flat row-major `data` (or `b64`), metadata and torch's repr."""

    shape: list[int]
    dtype: str
    data: list[Scalar] | None = None
    b64: str | None = None
    requires_grad: bool
    is_leaf: bool
    grad_fn: str | None
    repr: str | None = None
    grad: TensorOut | None = None
