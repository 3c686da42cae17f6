"""Tensors between the wire and the engine, through numpy (never element by element in pydantic).

`decode(TensorIn)` builds a leaf the way `torch.tensor(data, dtype=..., requires_grad=...)`
does — the engine infers dtype and shape and raises torch's messages. `encode(tensor)` builds the
TensorOut dict with the array itself as `data`, which `JSONResponse` hands to orjson's numpy
serialiser (a large one pre-written in slices, see app/jsonio.py); only arrays holding NaN/inf
take a slower path, to spell them as strings.
"""

from __future__ import annotations

import base64
import binascii
import math
from typing import Any

import numpy as np
import orjson
import pybase64
from starlette.responses import Response

import engine
from app.jsonio import array_json
from app.problems import ValidationProblem
from app.schemas.tensors import TensorIn
from engine import errors
from engine.creation import as_array, leaf
from engine.dtypes import from_name
from engine.limits import LimitExceeded, check_numel
from engine.tensor import Tensor

NON_FINITE_IN = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
_INVALID_STR = "new(): invalid data type 'str'"


class JSONResponse(Response):
    """orjson rendering; numpy arrays inside the content are serialised natively."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)


# ---- decoding --------------------------------------------------------------------------------


def decode(tin: TensorIn, pointer: str) -> Tensor:
    """The leaf a TensorIn describes; a 422 naming `pointer` if it does not describe one.

    Must run inside `engine.limits.limited(...)` so the element limit applies (TooLarge → 413).
    """
    dtype = from_name(tin.dtype) if tin.dtype is not None else None
    where = pointer + "/data"
    try:
        if tin.b64 is not None:
            arr = _from_b64(tin.b64, tin.shape, dtype or engine.float32, pointer + "/b64")
        else:
            if tin.shape is not None:
                check_numel(tin.shape)
            arr = _from_data(tin.data, dtype)
            if tin.shape is not None:
                where = pointer + "/shape"
                arr = engine.reshape(Tensor._make(arr, None), tin.shape)._data
        where = pointer + "/requires_grad"
        return leaf(arr, requires_grad=tin.requires_grad)  # arr is ours: no copy
    except errors.TorchError as exc:
        if isinstance(exc, LimitExceeded):
            raise
        raise ValidationProblem(where, exc.message) from None


def _from_data(data: Any, dtype: engine.dtype | None) -> np.ndarray:
    try:
        return as_array(data, dtype)
    except errors.TypeError as exc:
        if exc.message != _INVALID_STR:
            raise
    # Strings: the non-finite spellings become floats; any other string is torch's error.
    return as_array(_non_finite(data), dtype)


def _non_finite(data: Any) -> Any:
    if isinstance(data, str):
        if data in NON_FINITE_IN:
            return NON_FINITE_IN[data]
        raise errors.TypeError(_INVALID_STR)
    if isinstance(data, list):
        return [_non_finite(x) for x in data]
    return data


def b64decode(text: str) -> bytes:
    """`base64.b64decode(text, validate=True)`, ~40x faster (pybase64's SIMD decoder).

    pybase64 refuses a few inputs the standard library accepts (`"QUJD===="`), so what it
    refuses is judged again by the standard library: the result is always the stdlib's.
    """
    try:
        return pybase64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return base64.b64decode(text, validate=True)


def _from_b64(text: str, shape: list[int] | None, dtype: engine.dtype, pointer: str) -> np.ndarray:
    itemsize = dtype.np.itemsize
    if shape is not None:
        check_numel(shape)
    try:
        raw = b64decode(text)
    except (binascii.Error, ValueError):
        raise ValidationProblem(pointer, "invalid base64 data") from None
    if len(raw) % itemsize:
        raise ValidationProblem(
            pointer,
            f"{len(raw)} bytes is not a whole number of {dtype.name} elements ({itemsize} bytes)",
        )
    count = len(raw) // itemsize
    if shape is None:
        shape = [count]
        check_numel(shape)
    elif math.prod(shape) != count:
        raise ValidationProblem(
            pointer,
            f"{count} {dtype.name} elements do not fill shape {shape} "
            f"({math.prod(shape)} elements)",
        )
    arr = np.frombuffer(raw, dtype=dtype.np.newbyteorder("<"))
    if dtype.np.kind == "b" and count and arr.view(np.uint8).max() > 1:
        raise ValidationProblem(pointer, "bool elements must be the bytes 0 or 1")
    return arr.astype(dtype.np, copy=False).reshape(shape)


# ---- encoding --------------------------------------------------------------------------------

REPR_MAX_B64 = 1000  # with base64, repr is left out for tensors larger than this


def encode(t: Tensor, encoding: str = "json", *, grad: bool = False) -> dict[str, Any]:
    """TensorOut of `t` (with `grad` when asked: the tensor's `.grad`, read without warnings)."""
    arr = t._data
    fn = t._grad_fn
    out: dict[str, Any] = {"shape": list(arr.shape), "dtype": t.dtype.name}
    if encoding == "base64":
        out["b64"] = pybase64.b64encode_as_string(
            np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<"))
        )
    else:
        out["data"] = flat_data(arr)
    out["requires_grad"] = t._requires_grad
    out["is_leaf"] = fn is None
    out["grad_fn"] = fn.name() if fn is not None else None
    if encoding != "base64" or arr.size <= REPR_MAX_B64:
        out["repr"] = repr(t)
    if grad:
        g = t._grad
        out["grad"] = None if g is None else encode(g, encoding)
    return out


def flat_data(arr: np.ndarray) -> Any:
    """The elements in C order, as orjson will write them; non-finite floats as strings."""
    flat = np.ascontiguousarray(arr).reshape(-1)
    if flat.dtype.kind != "f":
        return array_json(flat)
    finite = np.isfinite(flat)
    if finite.all():
        return array_json(flat)
    items: list[Any] = list(flat)  # numpy scalars: orjson writes them as it writes the array
    for i in np.flatnonzero(~finite):
        v = flat[i]
        items[i] = "NaN" if v != v else ("Infinity" if v > 0 else "-Infinity")
    return items
