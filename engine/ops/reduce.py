"""Reductions: sum and mean (full and over dims).

Backward of a reduction re-expands the gradient to the input's shape; keepdim=False first puts
the reduced dims back as size-1 dims.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from engine import errors
from engine.autograd import Node
from engine.ops.registry import Derivative, apply, normalize_dims, op, primitive
from engine.tensor import Tensor


def unreduce(g: Tensor, c: Node, dims: tuple[int, ...] | None, keepdim: bool) -> Tensor:
    """Expand a reduced gradient back to the input's shape."""
    shape = c.input_shape(0)
    if dims is not None and not keepdim and g._data.shape != shape:
        kept = list(shape)
        for d in dims:
            kept[d] = 1
        g = g.reshape(tuple(kept))
    return g.expand(shape)


def _sum_dtype(a: np.ndarray) -> np.dtype | None:
    """torch sums integers and bools as int64."""
    return np.dtype(np.int64) if a.dtype.kind in "iub" else None


SUM = primitive(
    "sum",
    "SumBackward0",
    ("self",),
    lambda a: np.asarray(np.sum(a, dtype=_sum_dtype(a))),
    (Derivative(lambda g, c: unreduce(g, c, None, False)),),
)

SUM_DIM = primitive(
    "sum_dim",
    "SumBackward1",
    ("self",),
    lambda a, dim, keepdim: np.asarray(np.sum(a, axis=dim, keepdims=keepdim, dtype=_sum_dtype(a))),
    (Derivative(lambda g, c: unreduce(g, c, c.dim, c.keepdim)),),
)


def _dims_arg(dim: Any, ndim: int) -> tuple[int, ...] | None:
    """None for a full reduction; `dim=()`/`[]` reduces over every dim too (torch's rule)."""
    if dim is None:
        return None
    dims = normalize_dims(dim, ndim)
    return dims if dims else tuple(range(ndim))


@op(grad_fn=("SumBackward0", "SumBackward1"))
def sum(input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:
    """Sum of all elements, or over `dim` (keepdim keeps reduced dims as size 1)."""
    if dim is None:
        return apply(SUM, (input,))
    dims = _dims_arg(dim, input._data.ndim)
    return apply(SUM_DIM, (input,), {"dim": dims, "keepdim": bool(keepdim)})


def _mean_forward(
    a: np.ndarray, dim: tuple[int, ...] | None = None, keepdim: bool = False
) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.mean(a, axis=dim, keepdims=keepdim), dtype=a.dtype)


def _numel(shape: tuple[int, ...], dims: tuple[int, ...] | None) -> int:
    n = 1
    for i, d in enumerate(shape):
        if dims is None or i in dims:
            n *= d
    return n


MEAN = primitive(
    "mean",
    "MeanBackward0",
    ("self",),
    _mean_forward,
    (Derivative(lambda g, c: unreduce(g, c, None, False) / _numel(c.input_shape(0), None)),),
)

MEAN_DIM = primitive(
    "mean_dim",
    "MeanBackward1",
    ("self",),
    _mean_forward,
    (Derivative(lambda g, c: unreduce(g, c, c.dim, c.keepdim) / _numel(c.input_shape(0), c.dim)),),
)


@op(grad_fn=("MeanBackward0", "MeanBackward1"))
def mean(input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:
    """Mean of all elements, or over `dim`; floating-point inputs only."""
    if input._data.dtype.kind != "f":
        raise errors.RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point "
            f"or complex dtype. Got: {input.dtype.scalar_name}"
        )
    if dim is None:
        return apply(MEAN, (input,))
    dims = _dims_arg(dim, input._data.ndim)
    return apply(MEAN_DIM, (input,), {"dim": dims, "keepdim": bool(keepdim)})
