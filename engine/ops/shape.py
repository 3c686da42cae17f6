"""Shape ops: views (view/reshape, transposes, squeeze, select, slice, expand), copies that
rearrange data (clone, repeat, flip, roll, cat, stack, split) and dtype conversion.

None of these save tensors, so graphs through them can be walked again after being freed.

Contiguity decides torch's graphs and messages (`a.t().reshape(6)` is a clone plus an
`_unsafe_view`, `a.t().view(6)` is an error), so views here are numpy views: numpy tracks
strides exactly as torch does (`arr.flags.c_contiguous` is torch's `is_contiguous()`), and
copies keep or drop the input's layout the way the corresponding torch kernel does.
"""

from __future__ import annotations

import functools
import operator
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine import dtypes, errors
from engine.autograd import Node
from engine.dtypes import DType
from engine.limits import check_numel
from engine.ops.registry import (
    IDENTITY,
    Derivative,
    Primitive,
    apply,
    normalize_dim,
    normalize_dims,
    op,
    primitive,
    promote,
)
from engine.tensor import Tensor

# ---- argument helpers --------------------------------------------------------------------------


def _int_arg(value: Any) -> int:
    """An int from a Python int, numpy integer or one-element integer tensor (`operator.index`)."""
    return operator.index(value)


def _size_args(shape: tuple[Any, ...]) -> tuple[int, ...]:
    """torch's `*size` convention: `f(2, 3)`, `f((2, 3))`, `f([2, 3])` and `f(torch.Size(...))`."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return tuple(_int_arg(s) for s in shape)


def _list_str(shape: Sequence[int]) -> str:
    return "[" + ", ".join(str(int(s)) for s in shape) + "]"


def _missing(fname: str, arg: str) -> errors.TypeError:
    return errors.TypeError(f'{fname}() missing 1 required positional arguments: "{arg}"')


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """torch's TORCH_WARN_ONCE: a UserWarning the first time per process, then silence."""
    if message not in _warned:
        _warned.add(message)
        warnings.warn(message, UserWarning, stacklevel=3)


def infer_shape(shape: tuple[int, ...], numel: int) -> tuple[int, ...]:
    """Resolve one -1 in a view/reshape shape, with torch's messages (infer_size)."""
    known = 1
    infer_at = None
    for i, s in enumerate(shape):
        if s == -1:
            if infer_at is not None:
                raise errors.RuntimeError("only one dimension can be inferred")
            infer_at = i
        elif s >= 0:
            known *= s
        else:
            raise errors.RuntimeError(
                f"invalid shape dimension {s} at index {i} of shape {_list_str(shape)}"
            )
    if numel == known or (infer_at is not None and known > 0 and numel % known == 0):
        if infer_at is None:
            return shape
        if known == 0:
            raise errors.RuntimeError(
                f"cannot reshape tensor of 0 elements into shape {_list_str(shape)} because the "
                "unspecified dimension size -1 can be any value and is ambiguous"
            )
        out = list(shape)
        out[infer_at] = numel // known
        return tuple(out)
    raise errors.RuntimeError(f"shape '{_list_str(shape)}' is invalid for input of size {numel}")


def is_contiguous(arr: np.ndarray) -> bool:
    """torch's `is_contiguous()`: row-major strides, ignoring dims of size 1 (as numpy does)."""
    return bool(arr.flags.c_contiguous)


def _try_view(arr: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """`arr` with another shape without copying, or None when its strides do not allow it.

    numpy's no-copy reshape is the algorithm torch's `computeStride` was taken from.
    """
    try:
        return np.reshape(arr, shape, copy=False)
    except ValueError:
        return None


def preserve_copy(arr: np.ndarray) -> np.ndarray:
    """A copy laid out like torch's `preserve_format`: same strides for a dense input
    (a transpose stays transposed), row-major for broadcast (overlapping) inputs."""
    overlapping = any(st == 0 and n > 1 for st, n in zip(arr.strides, arr.shape))
    return np.array(arr, order="C" if overlapping else "K", copy=True)


def _contiguous_copy(arr: np.ndarray) -> np.ndarray:
    return np.array(arr, order="C", copy=True)


# ---- view / reshape ----------------------------------------------------------------------------

_VIEW_ERROR = (
    "view size is not compatible with input tensor's size and stride (at least one dimension "
    "spans across two contiguous subspaces). Use .reshape(...) instead."
)


def _view_forward(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    out = _try_view(a, shape)
    if out is None:
        raise errors.RuntimeError(_VIEW_ERROR)
    return out


def _reshape_back(g: Tensor, c: Node) -> Tensor:
    return g.reshape(c.input_shape(0))


VIEW = primitive("view", "ViewBackward0", ("self",), _view_forward, (Derivative(_reshape_back),))

RESHAPE_ALIAS = primitive(
    "reshape_alias",
    "ReshapeAliasBackward0",
    ("self",),
    _view_forward,
    (Derivative(_reshape_back),),
)


def _unsafe_view_forward(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    return a.reshape(shape)


UNSAFE_VIEW = primitive(
    "unsafe_view",
    "UnsafeViewBackward0",
    ("self",),
    _unsafe_view_forward,
    (Derivative(_reshape_back),),
)


def unsafe_view(input: Tensor, shape: Sequence[int]) -> Tensor:
    """torch's `_unsafe_view` (UnsafeViewBackward0): reshape a tensor the caller just created.

    Used where torch reshapes a fresh result (reshape of a non-contiguous tensor, matmul).
    """
    return apply(UNSAFE_VIEW, (input,), {"shape": tuple(shape)})


@op(grad_fn="ViewBackward0", function=False)
def view(input: Tensor, *shape: Any) -> Tensor:
    """The same data with another shape (one dim may be -1); never copies."""
    if not shape:
        raise errors.TypeError(
            "view() received an invalid combination of arguments - got (), but expected one of:\n"
            " * (torch.dtype dtype)\n * (tuple of ints size)\n"
        )
    target = infer_shape(_size_args(shape), input._data.size)
    return apply(VIEW, (input,), {"shape": target})


def _reshape(input: Tensor, target: tuple[int, ...]) -> Tensor:
    """torch's reshape: a view if the strides allow one, else a contiguous clone + _unsafe_view."""
    arr = input._data
    if is_contiguous(arr):
        return apply(VIEW, (input,), {"shape": target})
    if _try_view(arr, target) is not None:
        return apply(RESHAPE_ALIAS, (input,), {"shape": target})
    return unsafe_view(clone_contiguous(input), target)


@op(grad_fn=("ViewBackward0", "ReshapeAliasBackward0", "UnsafeViewBackward0"))
def reshape(input: Tensor, *shape: Any) -> Tensor:
    """The same elements with another shape (one dim may be -1); copies only if it must."""
    return _reshape(input, infer_shape(_size_args(shape), input._data.size))


@op(grad_fn="ViewBackward0", function=False)
def view_as(input: Tensor, other: Tensor) -> Tensor:
    """`input.view(other.size())`."""
    return view(input, tuple(other._data.shape))


@op(grad_fn=("ViewBackward0", "ReshapeAliasBackward0", "UnsafeViewBackward0"), function=False)
def reshape_as(input: Tensor, other: Tensor) -> Tensor:
    """`input.reshape(other.size())`."""
    return reshape(input, tuple(other._data.shape))


@op(grad_fn=("ViewBackward0", "ReshapeAliasBackward0", "UnsafeViewBackward0"))
def flatten(input: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    """Merge dims start_dim..end_dim into one; returns input itself when nothing merges."""
    shape = input._data.shape
    ndim = len(shape)
    start = normalize_dim(_int_arg(start_dim), ndim)
    end = normalize_dim(_int_arg(end_dim), ndim)
    if start > end:
        raise errors.RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if ndim == 0:
        return _reshape(input, (1,))
    if start == end:
        return input
    merged = 1
    for s in shape[start : end + 1]:
        merged *= s
    return _reshape(input, (*shape[:start], merged, *shape[end + 1 :]))


@op(grad_fn="ViewBackward0")
def ravel(input: Tensor) -> Tensor:
    """`input.contiguous().view(-1)`: a 1-D view (of a contiguous copy if needed)."""
    return view(contiguous(input), -1)


@op(grad_fn=("ViewBackward0", "ReshapeAliasBackward0", "UnsafeViewBackward0"))
def unflatten(input: Tensor, dim: int, sizes: Sequence[int]) -> Tensor:
    """Split dim into `sizes` (one entry may be -1)."""
    shape = input._data.shape
    d = normalize_dim(_int_arg(dim), len(shape))
    inner = infer_shape(_size_args((sizes,)), shape[d])
    return view(input, (*shape[:d], *inner, *shape[d + 1 :]))


# ---- clone / contiguous / alias ----------------------------------------------------------------


def _clone_forward(a: np.ndarray, contiguous: bool) -> np.ndarray:
    return _contiguous_copy(a) if contiguous else preserve_copy(a)


CLONE = primitive("clone", "CloneBackward0", ("self",), _clone_forward, (IDENTITY,))


def _clone(input: Tensor, contiguous: bool) -> Tensor:
    return apply(CLONE, (input,), {"contiguous": contiguous})


@op(grad_fn="CloneBackward0")
def clone(input: Tensor, *, memory_format: Any = None) -> Tensor:
    """A copy of input (keeping its memory layout, like torch.preserve_format)."""
    contiguous = memory_format is not None and "contiguous" in str(memory_format)
    return _clone(input, contiguous=contiguous)


def clone_contiguous(input: Tensor) -> Tensor:
    """A row-major copy (CloneBackward0) even if input already is contiguous: torch's
    `clone(memory_format=torch.contiguous_format)`, as reshape and matmul use it."""
    return _clone(input, contiguous=True)


@op(grad_fn="CloneBackward0", function=False)
def contiguous(input: Tensor, memory_format: Any = None) -> Tensor:
    """input itself if it is contiguous, else a contiguous copy (CloneBackward0)."""
    if is_contiguous(input._data):
        return input
    return _clone(input, contiguous=True)


def _alias_forward(a: np.ndarray) -> np.ndarray:
    return a.view()


ALIAS = primitive("alias", "AliasBackward0", ("self",), _alias_forward, (IDENTITY,))


def alias(input: Tensor) -> Tensor:
    """A new tensor over the same data (AliasBackward0): what `x[...]` and `x[:, :]` return."""
    return apply(ALIAS, (input,))


Tensor.is_contiguous = lambda self, memory_format=None: is_contiguous(self._data)  # type: ignore[attr-defined]


# ---- transposes --------------------------------------------------------------------------------


def _t_forward(a: np.ndarray) -> np.ndarray:
    return a.T if a.ndim == 2 else a.view()


T_PRIM = primitive("t", "TBackward0", ("self",), _t_forward, (Derivative(lambda g, c: g.t()),))


@op(grad_fn="TBackward0")
def t(input: Tensor) -> Tensor:
    """Transpose of a matrix; 0-D and 1-D tensors come back unchanged (still a TBackward0 node)."""
    ndim = input._data.ndim
    if ndim > 2:
        raise errors.RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {ndim}D")
    return apply(T_PRIM, (input,))


def _transpose_forward(a: np.ndarray, dim0: int, dim1: int) -> np.ndarray:
    return np.swapaxes(a, dim0, dim1)


TRANSPOSE = primitive(
    "transpose",
    "TransposeBackward0",
    ("self",),
    _transpose_forward,
    (Derivative(lambda g, c: g.transpose(c.dim0, c.dim1)),),
)


@op(grad_fn="TransposeBackward0")
def transpose(input: Tensor, dim0: int, dim1: int) -> Tensor:
    """Swap two dims (a view)."""
    ndim = input._data.ndim
    d0 = normalize_dim(_int_arg(dim0), ndim)
    d1 = normalize_dim(_int_arg(dim1), ndim)
    return apply(TRANSPOSE, (input,), {"dim0": d0, "dim1": d1})


@op(grad_fn="TransposeBackward0")
def swapaxes(input: Tensor, axis0: int, axis1: int) -> Tensor:
    """Alias of transpose."""
    return transpose(input, axis0, axis1)


@op(grad_fn="TransposeBackward0")
def swapdims(input: Tensor, dim0: int, dim1: int) -> Tensor:
    """Alias of transpose."""
    return transpose(input, dim0, dim1)


def _permute_forward(a: np.ndarray, dims: tuple[int, ...]) -> np.ndarray:
    return np.transpose(a, dims)


def _permute_back(g: Tensor, c: Node) -> Tensor:
    dims = c.dims
    inverse = [0] * len(dims)
    for i, d in enumerate(dims):
        inverse[d] = i
    return g.permute(tuple(inverse))


PERMUTE = primitive(
    "permute", "PermuteBackward0", ("self",), _permute_forward, (Derivative(_permute_back),)
)


def _permute(input: Tensor, dims: tuple[int, ...]) -> Tensor:
    return apply(PERMUTE, (input,), {"dims": dims})


@op(grad_fn="PermuteBackward0")
def permute(input: Tensor, *dims: Any) -> Tensor:
    """Reorder the dims (a view): `x.permute(1, 0)` or `x.permute((1, 0))`."""
    if not dims:
        raise _missing("permute", "dims")
    order = _size_args(dims)
    ndim = input._data.ndim
    if len(order) != ndim:
        raise errors.RuntimeError(
            "permute(sparse_coo): number of dimensions in the tensor input does not match the "
            "length of the desired ordering of dimensions i.e. input.dim() = "
            f"{ndim} is not equal to len(dims) = {len(order)}"
        )
    norm = tuple(normalize_dim(d, ndim) for d in order)
    if len(set(norm)) != len(norm):
        raise errors.RuntimeError("permute(): duplicate dims are not allowed.")
    return _permute(input, norm)


@op(grad_fn="PermuteBackward0")
def movedim(input: Tensor, source: int | Sequence[int], destination: int | Sequence[int]) -> Tensor:
    """Move dims `source` to positions `destination` (a permute)."""
    ndim = input._data.ndim
    src = normalize_dims(source, ndim)
    dst = normalize_dims(destination, ndim)
    if len(src) != len(dst):
        raise errors.RuntimeError(
            "movedim: Invalid source or destination dims: source "
            f"({_list_str(src)} dims) should contain the same number of dims as destination "
            f"({_list_str(dst)} dims)"
        )
    order = [-1] * ndim
    for s, d in zip(src, dst):
        order[d] = s
    rest = iter(i for i in range(ndim) if i not in src)
    order = [o if o != -1 else next(rest) for o in order]
    return _permute(input, tuple(order))


_T_DEPRECATED = (
    "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated "
    "and it will throw an error in a future release. Consider `x.mT` to transpose batches of "
    "matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a "
    "tensor."
)
_T_0D = "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases."
_MT_0D = "Tensor.mT is deprecated on 0-D tensors. This function is the identity in these cases."


def _T(self: Tensor) -> Tensor:
    """`x.T`: all dims reversed, as a permute (PermuteBackward0); deprecated unless 2-D."""
    ndim = self._data.ndim
    if ndim == 0:
        _warn_once(_T_0D)
    elif ndim != 2:
        _warn_once(_T_DEPRECATED)
    return _permute(self, tuple(range(ndim - 1, -1, -1)))


def _mT(self: Tensor) -> Tensor:
    """`x.mT`: the last two dims swapped (TransposeBackward0)."""
    ndim = self._data.ndim
    if ndim == 0:
        _warn_once(_MT_0D)
        return self
    if ndim < 2:
        raise errors.RuntimeError(
            f"tensor.mT is only supported on matrices or batches of matrices. Got {ndim}-D tensor."
        )
    return apply(TRANSPOSE, (self,), {"dim0": ndim - 2, "dim1": ndim - 1})


Tensor.T = property(_T)  # type: ignore[attr-defined]
Tensor.mT = property(_mT)  # type: ignore[attr-defined]


# ---- squeeze / unsqueeze -----------------------------------------------------------------------


def _unsqueeze_forward(a: np.ndarray, dim: int) -> np.ndarray:
    return np.expand_dims(a, dim)


UNSQUEEZE = primitive(
    "unsqueeze",
    "UnsqueezeBackward0",
    ("self",),
    _unsqueeze_forward,
    (Derivative(lambda g, c: g.squeeze(c.dim)),),
)


@op(grad_fn="UnsqueezeBackward0")
def unsqueeze(input: Tensor, dim: int) -> Tensor:
    """A size-1 dim inserted at `dim` (a view)."""
    d = normalize_dim(_int_arg(dim), input._data.ndim + 1)
    return apply(UNSQUEEZE, (input,), {"dim": d})


def _squeeze_forward(a: np.ndarray, dim: Any, removed: tuple[int, ...]) -> np.ndarray:
    return np.squeeze(a, axis=removed) if removed else a.view()


def _unsqueeze_to(g: Tensor, c: Node) -> Tensor:
    """torch's unsqueeze_to: put back the size-1 dims a squeeze removed."""
    for d in c.removed:
        g = g.unsqueeze(d)
    return g


def _squeeze_prim(name: str, grad_fn: str) -> Primitive:
    return primitive(name, grad_fn, ("self",), _squeeze_forward, (Derivative(_unsqueeze_to),))


SQUEEZE = _squeeze_prim("squeeze", "SqueezeBackward0")
SQUEEZE_DIM = _squeeze_prim("squeeze_dim", "SqueezeBackward1")
SQUEEZE_DIMS = _squeeze_prim("squeeze_dims", "SqueezeBackward2")
SQUEEZE_DIM_INPLACE = _squeeze_prim("squeeze_dim_", "SqueezeBackward4")


def _removable(shape: tuple[int, ...], dims: Sequence[int]) -> tuple[int, ...]:
    return tuple(sorted(d for d in dims if shape[d] == 1))


@op(grad_fn=("SqueezeBackward0", "SqueezeBackward1", "SqueezeBackward2"))
def squeeze(input: Tensor, dim: int | Sequence[int] | None = None) -> Tensor:
    """Remove size-1 dims: all of them, or those of `dim` (others are left alone, silently)."""
    shape = input._data.shape
    if dim is None:
        removed = _removable(shape, range(len(shape)))
        return apply(SQUEEZE, (input,), {"dim": None, "removed": removed})
    if isinstance(dim, (tuple, list)):
        dims = normalize_dims([_int_arg(d) for d in dim], len(shape))
        removed = _removable(shape, dims) if shape else ()
        return apply(SQUEEZE_DIMS, (input,), {"dim": dims, "removed": removed})
    d = normalize_dim(_int_arg(dim), len(shape))
    removed = _removable(shape, (d,)) if shape else ()
    return apply(SQUEEZE_DIM, (input,), {"dim": d, "removed": removed})


def squeeze_dim_inplace(input: Tensor, dim: int) -> Tensor:
    """The node torch's in-place `squeeze_(dim)` records (SqueezeBackward4), as a new tensor.

    torch's matmul squeezes its 1-D@2-D result in place; the engine never writes in place, so
    the linalg family calls this to get the same graph (`SqueezeBackward4 → MmBackward0 → ...`).
    """
    shape = input._data.shape
    d = normalize_dim(dim, len(shape))
    removed = _removable(shape, (d,)) if shape else ()
    return apply(SQUEEZE_DIM_INPLACE, (input,), {"dim": d, "removed": removed})


def _tensor_squeeze(self: Tensor, *dims: Any, dim: Any = None) -> Tensor:
    """`x.squeeze()`, `x.squeeze(0)`, `x.squeeze((0, 1))`, `x.squeeze(dim=0)` and `x.squeeze(0, 1)`."""
    if len(dims) > 1:
        return squeeze(self, list(dims))
    return squeeze(self, dims[0] if dims else dim)


Tensor.squeeze = _tensor_squeeze  # type: ignore[method-assign]


# ---- expand ------------------------------------------------------------------------------------


def _expand_shape(
    src: tuple[int, ...], sizes: tuple[int, ...], type_name: str = "torch.FloatTensor"
) -> tuple[int, ...]:
    if len(sizes) < len(src):
        raise errors.RuntimeError(
            f"expand({type_name}{{{_list_str(src)}}}, size={_list_str(sizes)}): the number "
            f"of sizes provided ({len(sizes)}) must be greater or equal to the number of "
            f"dimensions in the tensor ({len(src)})"
        )
    lead = len(sizes) - len(src)
    out = []
    for i, s in enumerate(sizes):
        if i < lead:
            if s < 0:
                raise errors.RuntimeError(
                    f"The expanded size of the tensor ({s}) isn't allowed in a leading, "
                    f"non-existing dimension {i}"
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
                f"non-singleton dimension {i}.  Target sizes: {_list_str(sizes)}.  "
                f"Tensor sizes: {_list_str(src)}"
            )
    return tuple(out)


def _expand_forward(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    return np.broadcast_to(a, shape)


EXPAND = primitive(
    "expand",
    "ExpandBackward0",
    ("self",),
    _expand_forward,
    # The engine's sum_to reduces the gradient back to the input's shape.
    (IDENTITY,),
)


@op(grad_fn="ExpandBackward0", function=False)
def expand(input: Tensor, *sizes: Any) -> Tensor:
    """A broadcast view of input with the given sizes (-1 keeps a dim)."""
    target = _expand_shape(input._data.shape, _size_args(sizes), input.dtype.type_name)
    check_numel(target)
    return apply(EXPAND, (input,), {"shape": target})


@op(grad_fn="ExpandBackward0", function=False)
def expand_as(input: Tensor, other: Tensor) -> Tensor:
    """`input.expand(other.size())`."""
    return expand(input, tuple(other._data.shape))


@op(grad_fn="ExpandBackward0")
def broadcast_to(input: Tensor, size: Sequence[int]) -> Tensor:
    """`input.expand(size)`."""
    return expand(input, tuple(size))


# ---- select / slice (the views behind basic indexing) ------------------------------------------


def _select_forward(a: np.ndarray, dim: int, index: int) -> np.ndarray:
    return a[(slice(None),) * dim + (index,)]


def _select_backward_forward(
    g: np.ndarray, input_sizes: tuple[int, ...], dim: int, index: int
) -> np.ndarray:
    out = np.zeros(input_sizes, dtype=g.dtype)
    out[(slice(None),) * dim + (index,)] = g
    return out


def _select_prim(name: str, grad_fn: str) -> Primitive:
    """A view of one index of a dim; its gradient is written into zeros of the input's shape."""
    return primitive(
        name,
        grad_fn,
        ("self",),
        _select_forward,
        (Derivative(lambda g, c: select_backward(g, c.input_shape(0), c.dim, c.index)),),
    )


SELECT = _select_prim("select", "SelectBackward0")

SELECT_BACKWARD = primitive(
    "select_backward",
    "SelectBackwardBackward0",
    ("grad_output",),
    _select_backward_forward,
    (Derivative(lambda g, c: apply(SELECT, (g,), {"dim": c.dim, "index": c.index})),),
)


def select_backward(g: Tensor, input_sizes: tuple[int, ...], dim: int, index: int) -> Tensor:
    """Zeros of the input's shape with `g` at `index` of `dim` (differentiable, for create_graph)."""
    return apply(
        SELECT_BACKWARD, (g,), {"input_sizes": tuple(input_sizes), "dim": dim, "index": index}
    )


def select_dim(input: Tensor, dim: int, index: int) -> Tensor:
    """`input.select(dim, index)` for a normalised dim and an index already checked in range."""
    return apply(SELECT, (input,), {"dim": dim, "index": index})


@op(grad_fn="SelectBackward0")
def select(input: Tensor, dim: int, index: int) -> Tensor:
    """The slice at `index` of `dim`, with that dim removed (a view)."""
    shape = input._data.shape
    if not shape:
        raise errors.IndexError("select() cannot be applied to a 0-dim tensor.")
    d = normalize_dim(_int_arg(dim), len(shape))
    i = _int_arg(index)
    if not -shape[d] <= i < shape[d]:
        raise errors.IndexError(
            f"select(): index {i} out of range for tensor of size {_list_str(shape)} at "
            f"dimension {d}"
        )
    return select_dim(input, d, i % shape[d])


def _slice_forward(a: np.ndarray, dim: int, start: int, end: int, step: int) -> np.ndarray:
    return a[(slice(None),) * dim + (slice(start, end, step),)]


def _slice_backward_forward(
    g: np.ndarray, input_sizes: tuple[int, ...], dim: int, start: int, end: int, step: int
) -> np.ndarray:
    out = np.zeros(input_sizes, dtype=g.dtype)
    out[(slice(None),) * dim + (slice(start, end, step),)] = g
    return out


def _slice_attrs(c: Node) -> dict[str, int]:
    return {"dim": c.dim, "start": c.start, "end": c.end, "step": c.step}


def _slice_prim(name: str, grad_fn: str) -> Primitive:
    """A view of a slice of a dim; its gradient is written into zeros of the input's shape."""
    return primitive(
        name,
        grad_fn,
        ("self",),
        _slice_forward,
        (Derivative(lambda g, c: slice_backward(g, c.input_shape(0), **_slice_attrs(c))),),
    )


SLICE = _slice_prim("slice", "SliceBackward0")

SLICE_BACKWARD = primitive(
    "slice_backward",
    "SliceBackwardBackward0",
    ("grad_output",),
    _slice_backward_forward,
    (Derivative(lambda g, c: apply(SLICE, (g,), _slice_attrs(c))),),
)


def slice_backward(
    g: Tensor, input_sizes: tuple[int, ...], dim: int, start: int, end: int, step: int
) -> Tensor:
    """Zeros of the input's shape with `g` in the slice (differentiable, for create_graph)."""
    attrs = {
        "input_sizes": tuple(input_sizes),
        "dim": dim,
        "start": start,
        "end": end,
        "step": step,
    }
    return apply(SLICE_BACKWARD, (g,), attrs)


def slice_dim(input: Tensor, dim: int, start: int, end: int, step: int = 1) -> Tensor:
    """`input[..., start:end:step, ...]` on a normalised dim with clamped bounds (SliceBackward0)."""
    return apply(SLICE, (input,), {"dim": dim, "start": start, "end": end, "step": step})


@op(grad_fn="SliceBackward0")
def narrow(input: Tensor, dim: int, start: int, length: int) -> Tensor:
    """`length` elements of `dim` from `start` (a view)."""
    shape = input._data.shape
    if not shape:
        raise errors.RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    d = normalize_dim(_int_arg(dim), len(shape))
    size = shape[d]
    s, n = _int_arg(start), _int_arg(length)
    if not -size <= s <= size:
        raise errors.IndexError(
            f"Dimension out of range (expected to be in range of [{-size}, {size}], but got {s})"
        )
    if s < 0:
        s += size
    if n < 0:
        raise errors.RuntimeError("narrow(): length must be non-negative.")
    if s + n > size:
        raise errors.RuntimeError(f"start ({s}) + length ({n}) exceeds dimension size ({size}).")
    return slice_dim(input, d, s, s + n)


# ---- repeat / flip / roll ----------------------------------------------------------------------


def _repeat_forward(a: np.ndarray, repeats: tuple[int, ...]) -> np.ndarray:
    padded = a.reshape((1,) * (len(repeats) - a.ndim) + a.shape)
    return np.ascontiguousarray(np.tile(padded, repeats))


def _repeat_back(g: Tensor, c: Node) -> Tensor:
    """Sum the copies: view the gradient as (r0, s0, r1, s1, ...) and sum the r axes."""
    repeats = c.repeats
    shape = c.input_shape(0)
    padded = (1,) * (len(repeats) - len(shape)) + tuple(shape)
    split: list[int] = []
    for r, s in zip(repeats, padded):
        split.extend((r, s))
    summed = g.reshape(tuple(split)).sum(dim=tuple(range(0, 2 * len(repeats), 2)))
    return summed if summed._data.shape == tuple(shape) else summed.reshape(shape)


REPEAT = primitive(
    "repeat", "RepeatBackward0", ("self",), _repeat_forward, (Derivative(_repeat_back),)
)


@op(grad_fn="RepeatBackward0", function=False)
def repeat(input: Tensor, *repeats: Any) -> Tensor:
    """Tile input `repeats[i]` times along each dim (leading repeats add dims)."""
    if not repeats:
        raise _missing("repeat", "repeats")
    reps = _size_args(repeats)
    shape = input._data.shape
    if len(reps) < len(shape):
        raise errors.RuntimeError(
            "Number of dimensions of repeat dims can not be smaller than number of dimensions "
            "of tensor"
        )
    padded = (1,) * (len(reps) - len(shape)) + tuple(shape)
    target = tuple(r * s for r, s in zip(reps, padded))
    for s in target:
        if s < 0:
            raise errors.RuntimeError(
                f"Trying to create tensor with negative dimension {s}: {_list_str(target)}"
            )
    check_numel(target)
    return apply(REPEAT, (input,), {"repeats": reps})


@op(grad_fn="RepeatBackward0")
def tile(input: Tensor, *dims: Any) -> Tensor:
    """`repeat` with `dims` padded by leading 1s to input's number of dims."""
    reps = _size_args(dims)
    pad = input._data.ndim - len(reps)
    return repeat(input, (1,) * pad + reps)


def _flip_forward(a: np.ndarray, dims: tuple[int, ...]) -> np.ndarray:
    return preserve_copy(np.flip(a, dims)) if dims else preserve_copy(a)


FLIP = primitive(
    "flip",
    "FlipBackward0",
    ("self",),
    _flip_forward,
    (Derivative(lambda g, c: g.flip(c.dims)),),
)


@op(grad_fn="FlipBackward0")
def flip(input: Tensor, *dims: Any) -> Tensor:
    """Reverse the order of elements along `dims` (a copy)."""
    if not dims:
        raise _missing("flip", "dims")
    if len(dims) == 1:
        dims = dims[0]
    norm = normalize_dims(dims, input._data.ndim)
    return apply(FLIP, (input,), {"dims": norm})


def _roll_forward(a: np.ndarray, shifts: tuple[int, ...], dims: tuple[int, ...]) -> np.ndarray:
    if not dims:
        return np.roll(a.reshape(-1), shifts[0]).reshape(a.shape)
    return np.ascontiguousarray(np.roll(a, shifts, dims))


ROLL = primitive(
    "roll",
    "RollBackward0",
    ("self",),
    _roll_forward,
    (Derivative(lambda g, c: g.roll(tuple(-s for s in c.shifts), c.dims)),),
)


def _int_tuple(value: Any) -> tuple[int, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(_int_arg(v) for v in value)
    return (_int_arg(value),)


@op(grad_fn="RollBackward0")
def roll(
    input: Tensor, shifts: int | Sequence[int], dims: int | Sequence[int] | None = None
) -> Tensor:
    """Shift elements circularly along `dims` (of the flattened tensor when dims is None)."""
    sh = _int_tuple(shifts)
    dm = () if dims is None else _int_tuple(dims)
    if not sh:
        raise errors.RuntimeError("`shifts` required")
    if len(sh) != len(dm) and not (not dm and len(sh) == 1):
        raise errors.RuntimeError(
            f"shifts and dimensions must align. shifts: {len(sh)}, dims:{len(dm)}"
        )
    norm = tuple(normalize_dim(d, input._data.ndim) for d in dm)
    return apply(ROLL, (input,), {"shifts": sh, "dims": norm})


# ---- cat / stack -------------------------------------------------------------------------------


def _tensor_list(tensors: Any, fname: str) -> list[Tensor]:
    if isinstance(tensors, Tensor) or not isinstance(tensors, (tuple, list)):
        raise errors.TypeError(
            f"{fname}(): argument 'tensors' (position 1) must be tuple of Tensors, not "
            f"{type(tensors).__name__}"
        )
    for i, x in enumerate(tensors):
        if not isinstance(x, Tensor):
            raise errors.TypeError(
                f"expected Tensor as element {i} in argument 0, but got {type(x).__name__}"
            )
    return list(tensors)


def _is_legacy_empty(shape: tuple[int, ...]) -> bool:
    """torch.cat skips 1-D empty tensors whatever the other inputs' shapes (legacy behaviour)."""
    return shape == (0,)


def _cat_forward(*arrays: np.ndarray, dim: int, skip: tuple[bool, ...]) -> np.ndarray:
    parts = [a for a, s in zip(arrays, skip) if not s]
    return np.ascontiguousarray(np.concatenate(parts, axis=dim))


def _cat_grad(i: int) -> Derivative:
    def formula(g: Tensor, c: Node) -> Tensor:
        dim, skip = c._attrs["dim"], c._attrs["skip"]
        if skip[i]:
            return Tensor._make(np.zeros((0,), dtype=g._data.dtype), None)
        start = sum(c.input_shape(j)[dim] for j in range(i) if not skip[j])
        return slice_dim(g, dim, start, start + c.input_shape(i)[dim])

    return Derivative(formula)


def _stack_forward(*arrays: np.ndarray, dim: int) -> np.ndarray:
    return np.ascontiguousarray(np.stack(arrays, axis=dim))


def _stack_grad(i: int) -> Derivative:
    return Derivative(lambda g, c: select_dim(g, c._attrs["dim"], i))


@functools.lru_cache(maxsize=64)
def _variadic(kind: str, n: int) -> Primitive:
    """The cat/stack primitive for n inputs (one derivative per input; not in the op table)."""
    inputs = tuple(f"tensors{i}" for i in range(n))
    if kind == "cat":
        return Primitive(
            "cat", "CatBackward0", inputs, _cat_forward, tuple(map(_cat_grad, range(n)))
        )
    return Primitive(
        "stack", "StackBackward0", inputs, _stack_forward, tuple(map(_stack_grad, range(n)))
    )


def _cast_all(tensors: list[Tensor]) -> np.dtype:
    return promote(*tensors) if len(tensors) > 1 else tensors[0]._data.dtype


@op(grad_fn="CatBackward0", method=False)
def cat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Concatenate tensors along an existing dim (shapes must match elsewhere)."""
    items = _tensor_list(tensors, "cat")
    if not items:
        raise errors.ValueError("torch.cat(): expected a non-empty list of Tensors")
    for i, x in enumerate(items):
        if x._data.ndim == 0:
            raise errors.RuntimeError(
                f"zero-dimensional tensor (at position {i}) cannot be concatenated"
            )
    skip = tuple(_is_legacy_empty(x._data.shape) for x in items)
    if all(skip):
        skip = (False,) * len(items)
    ref_index = skip.index(False)
    ref = items[ref_index]._data.shape
    d = normalize_dim(_int_arg(dim), len(ref))
    total = 0
    for i, x in enumerate(items):
        if skip[i]:
            continue
        shape = x._data.shape
        if len(shape) != len(ref):
            raise errors.RuntimeError(
                f"Tensors must have same number of dimensions: got {len(ref)} and {len(shape)}"
            )
        for k, (want, got) in enumerate(zip(ref, shape)):
            if k != d and want != got:
                raise errors.RuntimeError(
                    f"Sizes of tensors must match except in dimension {d}. Expected size {want} "
                    f"but got size {got} for tensor number {i} in the list."
                )
        total += shape[d]
    check_numel((*ref[:d], total, *ref[d + 1 :]))
    prim = _variadic("cat", len(items))
    return apply(prim, tuple(items), {"dim": d, "skip": skip}, _cast_all(items))


@op(grad_fn="CatBackward0", method=False)
def concat(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Alias of cat."""
    return cat(tensors, dim)


@op(grad_fn="CatBackward0", method=False)
def concatenate(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Alias of cat."""
    return cat(tensors, dim)


@op(grad_fn="StackBackward0", method=False)
def stack(tensors: Sequence[Tensor], dim: int = 0) -> Tensor:
    """Join equally-shaped tensors along a new dim."""
    items = _tensor_list(tensors, "stack")
    if not items:
        raise errors.RuntimeError("stack expects a non-empty TensorList")
    ref = items[0]._data.shape
    d = normalize_dim(_int_arg(dim), len(ref) + 1)
    for i, x in enumerate(items):
        if x._data.shape != ref:
            raise errors.RuntimeError(
                f"stack expects each tensor to be equal size, but got {_list_str(ref)} at entry 0 "
                f"and {_list_str(x._data.shape)} at entry {i}"
            )
    check_numel((len(items), *ref))
    prim = _variadic("stack", len(items))
    return apply(prim, tuple(items), {"dim": d}, _cast_all(items))


# ---- split / chunk / unbind --------------------------------------------------------------------
# torch records one node with several outputs; the engine's nodes have one output each, so every
# piece gets its own node of torch's name (same values, gradients and node names).


SPLIT_PIECE = _slice_prim("split_piece", "SplitBackward0")
SPLIT_SIZES_PIECE = _slice_prim("split_with_sizes_piece", "SplitWithSizesBackward0")
UNBIND_PIECE = _select_prim("unbind_piece", "UnbindBackward0")


def _pieces(input: Tensor, prim: Primitive, d: int, sizes: Sequence[int]) -> tuple[Tensor, ...]:
    out = []
    start = 0
    for n in sizes:
        attrs = {"dim": d, "start": start, "end": start + n, "step": 1}
        out.append(apply(prim, (input,), attrs))
        start += n
    return tuple(out)


def _split_dim(input: Tensor, dim: int) -> int:
    if input._data.ndim == 0:
        raise errors.RuntimeError("split expects at least a 1-dimensional tensor")
    return normalize_dim(_int_arg(dim), input._data.ndim)


@op(grad_fn=("SplitBackward0", "SplitWithSizesBackward0"))
def split(
    tensor: Tensor, split_size_or_sections: int | Sequence[int], dim: int = 0
) -> tuple[Tensor, ...]:
    """Pieces of `split_size` along dim (the last may be smaller), or of the listed sizes."""
    d = _split_dim(tensor, dim)
    size = tensor._data.shape[d]
    if isinstance(split_size_or_sections, (tuple, list)):
        sizes = [_int_arg(s) for s in split_size_or_sections]
        if sum(sizes) != size or any(s < 0 for s in sizes):
            raise errors.RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {size} (input tensor's "
                f"size at dimension {d}), but got split_sizes={_list_str(sizes)}"
            )
        return _pieces(tensor, SPLIT_SIZES_PIECE, d, sizes)
    step = _int_arg(split_size_or_sections)
    if step < 0:
        raise errors.RuntimeError(
            f"split expects split_size be non-negative, but got split_size={step}"
        )
    if step == 0:
        if size != 0:
            raise errors.RuntimeError(
                f"split_size can only be 0 if dimension size is 0, but got dimension size of {size}"
            )
        return _pieces(tensor, SPLIT_PIECE, d, [0])
    n = max(1, -(-size // step))
    sizes = [min(step, size - i * step) for i in range(n)]
    return _pieces(tensor, SPLIT_PIECE, d, sizes)


@op(grad_fn="SplitBackward0")
def chunk(input: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    """At most `chunks` equal pieces along dim (the last may be smaller)."""
    n = _int_arg(chunks)
    if n <= 0:
        raise errors.RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {n}")
    d = _split_dim(input, dim)
    size = input._data.shape[d]
    return split(input, max(1, -(-size // n)), d)


@op(grad_fn="UnbindBackward0")
def unbind(input: Tensor, dim: int = 0) -> tuple[Tensor, ...]:
    """Every slice along dim, with that dim removed."""
    shape = input._data.shape
    if not shape:
        raise errors.IndexError("Dimension specified as 0 but tensor has no dimensions")
    d = normalize_dim(_int_arg(dim), len(shape))
    return tuple(apply(UNBIND_PIECE, (input,), {"dim": d, "index": i}) for i in range(shape[d]))


# ---- dtype conversion ------------------------------------------------------------------------

TO_COPY = primitive(
    "to_copy",
    "ToCopyBackward0",
    ("self",),
    lambda a, dtype: a.astype(dtype),
    # The engine casts each input's gradient back to that input's dtype.
    (IDENTITY,),
)

COPY_GRAD = primitive(
    "copy_grad",
    "CopyBackwards",
    ("self",),
    lambda a: a,
    (IDENTITY,),
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
