"""Shape and dtype ops: reshape/view, expand, and dtype conversion (to, float, double).

None of these save tensors, so graphs through them can be walked again after being freed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine import dtypes, errors
from engine.dtypes import DType
from engine.limits import check_numel
from engine.ops.registry import Derivative, apply, op, primitive
from engine.tensor import Tensor


def _size_args(shape: tuple[Any, ...]) -> tuple[int, ...]:
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return tuple(int(s) for s in shape)


def infer_shape(shape: tuple[int, ...], numel: int) -> tuple[int, ...]:
    """Resolve one -1 in a view/reshape shape, with torch's message when it cannot fit."""
    known = 1
    infer_at = None
    for i, s in enumerate(shape):
        if s == -1:
            if infer_at is not None:
                raise errors.RuntimeError("only one dimension can be inferred")
            infer_at = i
        elif s < 0:
            raise errors.RuntimeError(f"invalid shape dimension {s}")
        else:
            known *= s
    invalid = errors.RuntimeError(
        f"shape '[{', '.join(str(s) for s in shape)}]' is invalid for input of size {numel}"
    )
    if infer_at is None:
        if known != numel:
            raise invalid
        return shape
    if known == 0 or numel % known:
        raise invalid
    out = list(shape)
    out[infer_at] = numel // known
    return tuple(out)


VIEW = primitive(
    "view",
    "ViewBackward0",
    ("self",),
    lambda a, shape: a.reshape(shape),
    (Derivative(lambda g, c: g.reshape(c.input_shape(0))),),
)


@op(grad_fn="ViewBackward0", function=False)
def view(input: Tensor, *shape: Any) -> Tensor:
    """The same data with another shape (one dim may be -1)."""
    target = infer_shape(_size_args(shape), input._data.size)
    return apply(VIEW, (input,), {"shape": target})


@op(grad_fn="ViewBackward0")
def reshape(input: Tensor, *shape: Any) -> Tensor:
    """The same elements with another shape (one dim may be -1)."""
    target = infer_shape(_size_args(shape), input._data.size)
    return apply(VIEW, (input,), {"shape": target})


def _expand_shape(src: tuple[int, ...], sizes: tuple[int, ...]) -> tuple[int, ...]:
    if len(sizes) < len(src):
        raise errors.RuntimeError(
            f"expand(torch.FloatTensor{{[{', '.join(map(str, src))}]}}, size=[{', '.join(map(str, sizes))}]): "
            "the number of sizes provided ("
            f"{len(sizes)}) must be greater or equal to the number of dimensions in the tensor ({len(src)})"
        )
    lead = len(sizes) - len(src)
    out = []
    for i, s in enumerate(sizes):
        if i < lead:
            if s < 0:
                raise errors.RuntimeError(
                    f"The expanded size of the tensor ({s}) isn't allowed in a leading, "
                    "non-existing dimension 0"
                )
            out.append(s)
            continue
        have = src[i - lead]
        if s == -1:
            out.append(have)
        elif have == 1 or have == s:
            out.append(s)
        else:
            raise errors.RuntimeError(
                f"The expanded size of the tensor ({s}) must match the existing size ({have}) at "
                f"non-singleton dimension {i}.  Target sizes: [{', '.join(map(str, sizes))}].  "
                f"Tensor sizes: [{', '.join(map(str, src))}]"
            )
    return tuple(out)


EXPAND = primitive(
    "expand",
    "ExpandBackward0",
    ("self",),
    lambda a, shape: np.broadcast_to(a, shape),
    # The engine's sum_to reduces the gradient back to the input's shape.
    (Derivative(lambda g, c: g),),
)


@op(grad_fn="ExpandBackward0", function=False)
def expand(input: Tensor, *sizes: Any) -> Tensor:
    """A broadcast view of input with the given sizes (-1 keeps a dim)."""
    target = _expand_shape(input._data.shape, _size_args(sizes))
    check_numel(target)
    return apply(EXPAND, (input,), {"shape": target})


# ---- dtype conversion ------------------------------------------------------------------------

TO_COPY = primitive(
    "to_copy",
    "ToCopyBackward0",
    ("self",),
    lambda a, dtype: a.astype(dtype),
    # The engine casts each input's gradient back to that input's dtype.
    (Derivative(lambda g, c: g),),
)

COPY_GRAD = primitive(
    "copy_grad",
    "CopyBackwards",
    ("self",),
    lambda a: a,
    (Derivative(lambda g, c: g),),
)


def _convert(input: Tensor, dtype: DType) -> Tensor:
    if input._data.dtype == dtype.np:
        return input
    if input._requires_grad and not dtype.is_floating_point:
        return Tensor._make(input._data.astype(dtype.np), None)
    return apply(TO_COPY, (input,), {"dtype": dtype.np})


@op(grad_fn="ToCopyBackward0", function=False)
def to(input: Tensor, *args: Any, dtype: Any = None, **kwargs: Any) -> Tensor:
    """Convert to a dtype (`t.to(torch.float64)`); returns input itself if nothing changes."""
    target = dtype
    for a in args:
        if isinstance(a, (DType, str)) and not (isinstance(a, str) and a in ("cpu",)):
            target = a
        elif isinstance(a, Tensor):
            target = a.dtype
    if target is None:
        return input
    if isinstance(target, str):
        target = dtypes.from_name(target)
    return _convert(input, target)


def _converter(name: str, dtype: DType) -> None:
    def convert(input: Tensor) -> Tensor:
        return _convert(input, dtype)

    convert.__name__ = name
    convert.__doc__ = f"Convert to {dtype} (returns input itself if it already is)."
    op(name, grad_fn="ToCopyBackward0", function=False)(convert)


for _name, _dtype in (
    ("float", dtypes.float32),
    ("double", dtypes.float64),
    ("half", dtypes.float16),
    ("long", dtypes.int64),
    ("int", dtypes.int32),
    ("bool", dtypes.bool_),
):
    _converter(_name, _dtype)
