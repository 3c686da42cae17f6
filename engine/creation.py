"""Factory functions (torch.tensor, zeros, arange, randn, ...) with torch's dtype inference.

Every factory checks the element limit from the requested shape before numpy allocates.
"""

from __future__ import annotations

import builtins
import math
import threading
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine import dtypes, errors
from engine.dtypes import DType
from engine.limits import check_numel
from engine.tensor import Tensor, _check_float

_REQUIRES_FLOAT = "Only Tensors of floating point and complex dtype can require gradients"
_COPY_WARNING = (
    "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
    "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor)."
)


def _ragged_message(data: Any) -> str:
    """torch's message for a ragged nested list: the first dim whose length disagrees."""
    expected: list[int] = []
    level: list[Any] = [data]
    dim = 0
    while level:
        first = level[0]
        if not isinstance(first, (list, tuple)):
            break
        size = len(first)
        nxt: list[Any] = []
        for item in level:
            if not isinstance(item, (list, tuple)):
                return (
                    f"expected sequence of length {size} at dim {dim} (got {type(item).__name__})"
                )
            if len(item) != size:
                return f"expected sequence of length {size} at dim {dim} (got {len(item)})"
            nxt.extend(item)
        expected.append(size)
        level = nxt
        dim += 1
    return "ragged nested sequence"


def _infer(data: Any) -> tuple[np.ndarray, np.dtype]:
    """numpy array of `data` (floats kept in float64) and the dtype torch.tensor would infer."""
    if isinstance(data, (bool, np.bool_)):
        return np.asarray(data, dtype=np.bool_), np.dtype(np.bool_)
    if isinstance(data, (int, np.integer)):
        return _int_array(data), np.dtype(np.int64)
    if data is None:
        raise errors.RuntimeError("Could not infer dtype of NoneType")
    if isinstance(data, (float, np.floating)):
        return np.asarray(data, dtype=np.float64), np.dtype(np.float32)
    if isinstance(data, str):
        raise errors.TypeError("new(): invalid data type 'str'")
    if data is None:
        raise errors.RuntimeError("Could not infer dtype of NoneType")
    try:
        arr = np.array(data)
    except (ValueError, TypeError):
        if _has_tensors(data):
            return _infer(_tensors_to_lists(data))
        raise errors.ValueError(_ragged_message(data)) from None
    except OverflowError:
        raise errors.ValueError("Overflow when unpacking long long") from None
    kind = arr.dtype.kind
    if kind == "O" and _has_tensors(data):  # torch.tensor([t1, t2]) of 0-d tensors
        return _infer(_tensors_to_lists(data))
    if kind == "f":
        return arr, np.dtype(np.float32)
    if kind == "u" and arr.size and arr.max() > np.iinfo(np.int64).max:
        raise errors.ValueError("Overflow when unpacking long long")
    if kind in "iu":
        return arr, np.dtype(np.int64)
    if kind == "b":
        return arr, np.dtype(np.bool_)
    if kind in "US":
        raise errors.TypeError("new(): invalid data type 'str'")
    if kind == "O":
        flat = arr.reshape(-1)
        if any(x is None for x in flat):
            raise errors.RuntimeError("Could not infer dtype of NoneType")
        if any(isinstance(x, int) and not isinstance(x, bool) for x in flat):
            raise errors.ValueError("Overflow when unpacking long long")
        raise errors.ValueError(_ragged_message(data))
    raise errors.TypeError(f"new(): invalid data type '{arr.dtype.name}'")


def _int_array(value: int) -> np.ndarray:
    try:
        return np.asarray(value, dtype=np.int64)
    except OverflowError:
        raise errors.ValueError("Overflow when unpacking long long") from None


def _check_int_range(arr: np.ndarray, target: np.dtype) -> None:
    """torch refuses Python values an integer dtype cannot hold (unsigned ones wrap negatives)."""
    if target.kind not in "iu" or arr.dtype.kind not in "iuf" or arr.size == 0:
        return
    info = np.iinfo(target)
    hi, lo = arr.max(), arr.min()
    bad = hi > info.max or (target.kind == "i" and lo < info.min)
    if arr.dtype.kind == "f":
        bad = bad or np.isnan(hi) or np.isnan(lo)
    if bad:
        raise errors.RuntimeError(
            f"value cannot be converted to type {target.name} without overflow"
        )


def _has_tensors(data: Any) -> bool:
    """Whether nested lists hold Tensors (checked only when numpy could not build numbers)."""
    return isinstance(data, (list, tuple)) and any(isinstance(x, Tensor) for x in _flat_head(data))


def _flat_head(data: Sequence[Any]) -> list[Any]:
    out: list[Any] = []
    item: Any = data
    while isinstance(item, (list, tuple)) and item:
        out.extend(item)
        item = item[0]
    return out


def _tensors_to_lists(data: Any) -> Any:
    if isinstance(data, Tensor):
        return data._data.tolist()
    if isinstance(data, (list, tuple)):
        return [_tensors_to_lists(x) for x in data]
    return data


def as_array(data: Any, dtype: DType | None) -> np.ndarray:
    """The ndarray torch.tensor(data, dtype=dtype) would hold."""
    if isinstance(data, Tensor):
        warnings.warn(_COPY_WARNING, UserWarning, stacklevel=3)
        arr = data._data
    elif isinstance(data, np.ndarray):
        if data.dtype.kind not in "fiub":
            raise errors.TypeError(
                f"can't convert np.ndarray of type numpy.{data.dtype.name}. The only supported "
                "types are: float64, float32, float16, complex64, complex128, int64, int32, "
                "int16, int8, uint64, uint32, uint16, uint8, and bool."
            )
        arr = data
    else:
        arr, inferred = _infer(data)
        if dtype is not None:
            _check_int_range(arr, dtype.np)
        arr = arr.astype(dtype.np if dtype is not None else inferred, copy=False)
        dtype = None
    if dtype is not None:
        arr = arr.astype(dtype.np, copy=False)
    else:
        dtypes.from_numpy(arr.dtype)  # rejects dtypes torch lacks
    check_numel(arr.shape)
    if arr is data or (isinstance(data, Tensor) and arr is data._data):
        arr = arr.copy()  # torch.tensor always copies
    return _canonical(arr)


def _dtype_arg(dtype: Any) -> DType | None:
    if dtype is None or isinstance(dtype, DType):
        return dtype
    if isinstance(dtype, str):
        return dtypes.from_name(dtype)
    raise errors.TypeError(
        f"tensor(): argument 'dtype' must be torch.dtype, not {type(dtype).__name__}"
    )


def _finish(arr: np.ndarray, requires_grad: bool) -> Tensor:
    t = Tensor._make(arr, None)
    if requires_grad:
        _check_float(arr, _REQUIRES_FLOAT)
        t._requires_grad = True
    return t


def leaf(arr: np.ndarray, requires_grad: bool = False) -> Tensor:
    """A leaf holding `arr` itself, with torch.tensor's dtype, size and requires_grad checks.

    For an array nothing else will use (the service's decoded payloads): torch.tensor would
    copy it, which for a 1e6-element float32 payload is a wasted 4 MB copy per tensor. The
    array may be read-only (a view of the request's bytes): the engine never writes in place.
    """
    check_numel(arr.shape)
    return _finish(_canonical(arr), requires_grad)


def _canonical(arr: np.ndarray) -> np.ndarray:
    """`arr` with numpy's own dtype object for its type (a view when it had an equal one).

    An equal but distinct dtype (`<f4` from a buffer) would otherwise travel into graph node
    metadata, which is interned and shared, and make backward cast gradients it need not cast.
    Raises torch's TypeError for dtypes torch lacks.
    """
    canonical = dtypes.from_numpy(arr.dtype).np
    return arr if arr.dtype is canonical else arr.view(canonical)


def tensor(data: Any, dtype: DType | None = None, requires_grad: bool = False) -> Tensor:
    """torch.tensor: a new leaf holding a copy of `data`, dtype inferred as torch does."""
    return _finish(as_array(data, _dtype_arg(dtype)), requires_grad)


def _shape_arg(size: tuple[Any, ...], fname: str) -> tuple[int, ...]:
    """Factories accept `zeros(2, 3)` and `zeros((2, 3))` / `zeros([2, 3])`."""
    if len(size) == 1 and isinstance(size[0], (list, tuple)):
        size = tuple(size[0])
    shape = []
    for s in size:
        if isinstance(s, Tensor):
            s = s.__index__()
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)):
            raise errors.TypeError(
                f"{fname}(): argument 'size' (position 1) must be tuple of ints, but found "
                f"element of type {type(s).__name__} at pos 0"
            )
        if s < 0:
            raise errors.RuntimeError(
                f"Trying to create tensor with negative dimension {int(s)}: "
                f"[{', '.join(str(int(x)) for x in size)}]"
            )
        shape.append(int(s))
    check_numel(shape)
    return tuple(shape)


def _float_dtype(dtype: Any) -> np.dtype:
    d = _dtype_arg(dtype)
    return (d or dtypes.DEFAULT_FLOAT).np


def zeros(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Tensor of zeros (float32 unless dtype is given)."""
    shape = _shape_arg(size, "zeros")
    return _finish(np.zeros(shape, dtype=_float_dtype(dtype)), requires_grad)


def ones(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Tensor of ones (float32 unless dtype is given)."""
    shape = _shape_arg(size, "ones")
    return _finish(np.ones(shape, dtype=_float_dtype(dtype)), requires_grad)


def empty(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Uninitialised tensor; gradserve fills it with zeros."""
    return zeros(*size, dtype=dtype, requires_grad=requires_grad)


def full(
    size: Sequence[int], fill_value: Any, dtype: Any = None, requires_grad: bool = False
) -> Tensor:
    """Tensor filled with `fill_value`; dtype inferred from it as torch does."""
    shape = _shape_arg((tuple(size),), "full")
    d = _dtype_arg(dtype)
    if d is None:
        d = dtypes._default_for(dtypes.scalar_category(fill_value))
    return _finish(np.full(shape, fill_value, dtype=d.np), requires_grad)


def zeros_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    d = _dtype_arg(dtype)
    return _finish(np.zeros_like(input._data, dtype=d.np if d else None), requires_grad)


def ones_like(input: Tensor, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    d = _dtype_arg(dtype)
    return _finish(np.ones_like(input._data, dtype=d.np if d else None), requires_grad)


def full_like(
    input: Tensor, fill_value: Any, dtype: Any = None, requires_grad: bool = False
) -> Tensor:
    d = _dtype_arg(dtype)
    return _finish(np.full_like(input._data, fill_value, dtype=d.np if d else None), requires_grad)


def _num(x: Any) -> builtins.float | builtins.int:
    return x.item() if isinstance(x, Tensor) else x


def arange(
    start: Any, end: Any = None, step: Any = 1, dtype: Any = None, requires_grad: bool = False
) -> Tensor:
    """torch.arange: int64 when every bound is an int, float32 otherwise."""
    if end is None:
        start, end = 0, start
    start, end, step = _num(start), _num(end), _num(step)
    if step == 0:
        raise errors.RuntimeError("step must be nonzero")
    if (end - start) / step < 0:
        raise errors.RuntimeError("upper bound and larger bound inconsistent with step sign")
    count = max(0, math.ceil((end - start) / step))
    check_numel((count,))
    d = _dtype_arg(dtype)
    if d is None:
        all_int = all(isinstance(v, (int, np.integer)) for v in (start, end, step))
        d = dtypes.DEFAULT_INT if all_int else dtypes.DEFAULT_FLOAT
    values = start + step * np.arange(count, dtype=np.float64 if d.is_floating_point else np.int64)
    return _finish(values.astype(d.np), requires_grad)


def linspace(
    start: Any, end: Any, steps: int, dtype: Any = None, requires_grad: bool = False
) -> Tensor:
    """torch.linspace: `steps` evenly spaced values from start to end inclusive."""
    if steps < 0:
        raise errors.RuntimeError("number of steps must be non-negative")
    check_numel((steps,))
    d = _dtype_arg(dtype) or dtypes.DEFAULT_FLOAT
    return _finish(np.linspace(_num(start), _num(end), steps).astype(d.np), requires_grad)


def eye(n: int, m: int | None = None, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Identity matrix (n x m)."""
    shape = _shape_arg((n, n if m is None else m), "eye")
    return _finish(np.eye(shape[0], shape[1], dtype=_float_dtype(dtype)), requires_grad)


# ---- random numbers: a seeded numpy generator, per thread --------------------------------------


class _RandomState(threading.local):
    generator: np.random.Generator | None = None


_random = _RandomState()


def default_generator() -> np.random.Generator:
    gen = _random.generator
    if gen is None:
        gen = np.random.default_rng()
        _random.generator = gen
    return gen


def set_generator(gen: np.random.Generator | None) -> None:
    """Install the generator this thread's rand/randn draw from (a session's own)."""
    _random.generator = gen


def manual_seed(seed: int) -> None:
    """Seed this thread's generator: reproducible, but not bit-identical to torch's draws."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise errors.TypeError(f"manual_seed expected an int, but got {type(seed).__name__}")
    gen = _random.generator
    if gen is None:
        _random.generator = np.random.default_rng(int(seed) & 0xFFFFFFFFFFFFFFFF)
    else:
        gen.bit_generator.state = np.random.default_rng(
            int(seed) & 0xFFFFFFFFFFFFFFFF
        ).bit_generator.state


def rand(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Uniform samples in [0, 1)."""
    shape = _shape_arg(size, "rand")
    d = _float_dtype(dtype)
    return _finish(default_generator().random(shape).astype(d), requires_grad)


def randn(*size: Any, dtype: Any = None, requires_grad: bool = False) -> Tensor:
    """Standard normal samples."""
    shape = _shape_arg(size, "randn")
    d = _float_dtype(dtype)
    return _finish(default_generator().standard_normal(shape).astype(d), requires_grad)
