"""Indexing: `Tensor.__getitem__` with torch's semantics, and gather / index_select /
masked_select.

`x[...]` is taken apart the way torch's `applySlicing` does it: ints select (SelectBackward0, one
node per int), slices narrow (SliceBackward0; inside a tuple a full `:` is skipped), `None` and
`True`/`False` unsqueeze, `...` skips dims; what is left — int lists, integer tensors and bool
masks — goes to one advanced-indexing node (IndexBackward0) that saves its indices, so a second
backward through it fails as in torch. Index gradients accumulate (`np.add.at`), so repeated
indices sum.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine import errors
from engine.autograd import Node
from engine.limits import check_numel
from engine.ops.registry import (
    Derivative,
    Primitive,
    apply,
    broadcast_shapes,
    check_tensor,
    normalize_dim,
    op,
    primitive,
)
from engine.ops.shape import alias, select_dim, slice_dim, unbind, unsqueeze
from engine.tensor import Tensor

_NON_TUPLE_WARNING = (
    "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed "
    "in pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be "
    "interpreted as tensor index, x[torch.tensor(seq)], which will result either in an error or "
    "a different result"
)
_UINT8_WARNING = (
    "indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool instead."
)
_INDEX_DTYPES = "tensors used as indices must be long, int, byte or bool tensors"


def _shape_str(shape: Sequence[int]) -> str:
    return "[" + ", ".join(str(int(s)) for s in shape) + "]"


# ---- classifying index items ---------------------------------------------------------------------


def _is_int(obj: Any) -> bool:
    """A Python/numpy integer (not bool) or a 0-d integer tensor: selects one position."""
    if isinstance(obj, (bool, np.bool_)):
        return False
    if isinstance(obj, (int, np.integer)):
        return True
    return isinstance(obj, Tensor) and obj._data.ndim == 0 and obj._data.dtype.kind in "iu"


def _is_bool_scalar(obj: Any) -> bool:
    if isinstance(obj, (bool, np.bool_)):
        return True
    return isinstance(obj, Tensor) and obj._data.ndim == 0 and obj._data.dtype == np.bool_


def _is_sequence(obj: Any) -> bool:
    return isinstance(obj, (list, tuple, np.ndarray))


def _as_tuple(index: Any) -> tuple[Any, ...]:
    """torch's treatSequenceAsTuple: a tuple, or a short list holding sequences/slices/None/...
    (deprecated, with torch's warning); any other index is a one-item tuple."""
    if isinstance(index, tuple):
        return index
    if isinstance(index, list) and len(index) < 32:
        for item in index:
            if (
                isinstance(item, (Tensor, slice, list, tuple, np.ndarray))
                or item is None
                or item is Ellipsis
            ):
                warnings.warn(_NON_TUPLE_WARNING, UserWarning, stacklevel=3)
                return tuple(index)
    return (index,)


def _index_array(obj: Any) -> np.ndarray:
    """An index list/array/tensor as an int64 or bool ndarray, with torch's dtype rules."""
    if isinstance(obj, Tensor):
        arr = obj._data
        kind = arr.dtype.kind
        if kind not in "iub":
            raise errors.IndexError(_INDEX_DTYPES)
        if arr.dtype == np.uint8:
            warnings.warn(_UINT8_WARNING, UserWarning, stacklevel=4)
            return arr.astype(np.bool_)
        return arr if kind == "b" else arr.astype(np.int64, copy=False)
    if isinstance(obj, np.ndarray):
        arr = obj
    else:
        _reject_strings(obj)
        try:
            arr = np.array(obj)
        except ValueError as e:
            raise errors.ValueError(str(e)) from None
    if arr.dtype == np.bool_:
        return arr
    if arr.dtype.kind not in "iuf":
        if arr.size == 0:
            return arr.astype(np.int64)
        raise errors.IndexError(_INDEX_DTYPES)
    return arr.astype(np.int64)


def _reject_strings(obj: Any) -> None:
    if isinstance(obj, str):
        raise errors.TypeError("new(): invalid data type 'str'")
    if isinstance(obj, (list, tuple)):
        for item in obj:
            _reject_strings(item)


def _invalid_index(obj: Any) -> errors.IndexError:
    return errors.IndexError(
        "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
        f"valid indices (got {type(obj).__name__})"
    )


def _specified_dims(items: tuple[Any, ...]) -> int:
    """How many of the tensor's dims an index names (torch's count_specified_dimensions)."""
    count = 0
    for obj in items:
        if isinstance(obj, Tensor) and obj._data.dtype in (np.bool_, np.uint8):
            count += obj._data.ndim
        elif obj is None or obj is Ellipsis or isinstance(obj, (bool, np.bool_)):
            continue
        else:
            count += 1
    return count


# ---- basic indexing ------------------------------------------------------------------------------


def _select(result: Tensor, dim: int, index: int, real_dim: int) -> Tensor:
    size = result._data.shape[dim]
    if not -size <= index < size:
        raise errors.IndexError(
            f"index {index} is out of bounds for dimension {real_dim} with size {size}"
        )
    return select_dim(result, dim, index % size if size else index)


def _slice(result: Tensor, dim: int, s: slice, skip_full: bool) -> Tensor:
    if s.step is not None:
        step = int(s.step)
        if step == 0:
            raise errors.ValueError("slice step cannot be zero")
        if step < 0:
            raise errors.ValueError("step must be greater than zero")
    size = result._data.shape[dim]
    start, stop, step = s.indices(size)
    stop = max(stop, start)
    if skip_full and start == 0 and stop == size and step == 1:
        return result
    return slice_dim(result, dim, start, stop, step)


def getitem(self: Tensor, index: Any) -> Tensor:
    """`tensor[index]` with torch's semantics, graph and messages."""
    ndim = self._data.ndim
    # The single-item fast paths of torch's THPVariable_getitem.
    if index is None:
        return unsqueeze(self, 0)
    if index is Ellipsis:
        return alias(self)
    if _is_int(index) and not isinstance(index, Tensor):
        if ndim == 0:
            raise errors.IndexError(
                "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number"
            )
        return _select(self, 0, int(index), 0)
    if isinstance(index, slice):
        if ndim == 0:
            raise errors.IndexError("slice() cannot be applied to a 0-dim tensor.")
        return _slice(self, 0, index, skip_full=False)
    if isinstance(index, str):
        raise errors.TypeError("new(): invalid data type 'str'")

    items = _as_tuple(index)
    specified = _specified_dims(items)
    if specified > ndim:
        raise errors.IndexError(f"too many indices for tensor of dimension {ndim}")
    result = self
    dim = 0  # position in `result`
    real_dim = 0  # position in `self`, for select's message
    advanced: dict[int, np.ndarray] = {}
    seen_ellipsis = False
    for obj in items:
        if _is_int(obj):
            result = _select(result, dim, int(obj), real_dim)
            real_dim += 1
        elif isinstance(obj, slice):
            result = _slice(result, dim, obj, skip_full=True)
            dim += 1
            real_dim += 1
        elif obj is None:
            result = unsqueeze(result, dim)
            dim += 1
        elif obj is Ellipsis:
            if seen_ellipsis:
                raise errors.IndexError("an index can only have a single ellipsis ('...')")
            seen_ellipsis = True
            dim += ndim - specified
            real_dim += ndim - specified
        elif _is_bool_scalar(obj):
            # torch: unsqueeze here and index the new dim with [0] (True) or [] (False).
            result = unsqueeze(result, dim)
            advanced[dim] = np.zeros(1 if bool(obj) else 0, dtype=np.int64)
            dim += 1
        elif isinstance(obj, Tensor) or _is_sequence(obj):
            arr = _index_array(obj)
            advanced[dim] = arr
            consumed = arr.ndim if arr.dtype == np.bool_ else 1
            dim += consumed
            real_dim += consumed
        else:
            raise _invalid_index(obj)
    if not advanced:
        return alias(result) if result is self else result
    return _index(result, advanced)


# ---- advanced indexing (IndexBackward0) ----------------------------------------------------------


def _apply_saving(prim: Primitive, input: Tensor, attrs: dict[str, Any], saved: str) -> Tensor:
    """Run a primitive whose forward takes an index array (`attrs[saved]`) and hands it back to
    be saved. The node keeps the array only as that saved tensor, so it is freed with the graph
    and a second backward fails, as in torch."""
    out, _ = apply(prim, (input,), attrs)
    node = out._grad_fn
    if node is not None:
        node._attrs = {k: v for k, v in attrs.items() if k != saved}
    return out


# Each take (index, gather, index_select, masked_select) has a put as its derivative, which
# writes the gradient into zeros of the input's shape; the put's derivative is the take again.
# A put's attributes are its take's, plus the index array and (but for masked_select, which
# scatters into the broadcast shape) the input's sizes.


def _scatter(put: Primitive, g: Tensor, c: Node, saved: str) -> Tensor:
    """A take's gradient: `put` writes `g` into zeros of the input's shape at the saved index."""
    attrs = {"input_sizes": c.input_shape(0), **c._attrs, saved: getattr(c, saved)._data}
    return apply(put, (g,), attrs)


def _take_again(take: Primitive, saved: str) -> Derivative:
    """A put's derivative: the take it undoes, on the incoming gradient."""
    return Derivative(
        lambda g, c: _apply_saving(
            take, g, {k: v for k, v in c._attrs.items() if k != "input_sizes"}, saved
        )
    )


def _expand_masks(shape: tuple[int, ...], advanced: dict[int, np.ndarray]) -> dict[int, np.ndarray]:
    """Bool masks become one int64 index per masked dim (their nonzero positions)."""
    out: dict[int, np.ndarray] = {}
    for pos in sorted(advanced):
        arr = advanced[pos]
        if arr.dtype != np.bool_:
            out[pos] = arr
            continue
        for j, n in enumerate(arr.shape):
            if pos + j >= len(shape) or shape[pos + j] != n:
                raise errors.IndexError(
                    f"The shape of the mask {_shape_str(arr.shape)} at index {j} does not match "
                    f"the shape of the indexed tensor {_shape_str(shape)} at index {pos + j}"
                )
        if arr.ndim == 0:
            out[pos] = np.zeros(1 if arr else 0, dtype=np.int64)
            continue
        for j, nz in enumerate(np.nonzero(arr)):
            out[pos + j] = nz.astype(np.int64)
    return out


def _broadcast_indices(indices: list[np.ndarray]) -> list[np.ndarray]:
    try:
        bshape = np.broadcast_shapes(*(a.shape for a in indices))
    except ValueError:
        shapes = ", ".join(_shape_str(a.shape) for a in indices)
        raise errors.IndexError(
            f"shape mismatch: indexing tensors could not be broadcast together with shapes {shapes}"
        ) from None
    return [np.broadcast_to(a, bshape) for a in indices]


def _check_bounds(indices: list[np.ndarray], sizes: list[int]) -> list[np.ndarray]:
    """torch's index kernel check: the first bad element (C order) names its indexer's ordinal."""
    bad = [(a < -n) | (a >= n) for a, n in zip(indices, sizes)]
    if any(b.any() for b in bad):
        first = min(int(np.argmax(b.reshape(-1))) for b in bad if b.any())
        for i, (a, b, n) in enumerate(zip(indices, bad, sizes)):
            if b.reshape(-1)[first]:
                if n == 0:
                    raise errors.IndexError("index is out of bounds for dimension with size 0")
                value = int(a.reshape(-1)[first])
                raise errors.IndexError(
                    f"index {value} is out of bounds for dimension {i} with size {n}"
                )
    return [np.where(a < 0, a + n, a) for a, n in zip(indices, sizes)]


def _full_index(ndim: int, positions: tuple[int, ...], indices: Any) -> tuple[Any, ...]:
    full: list[Any] = [slice(None)] * ndim
    for pos, idx in zip(positions, indices):
        full[pos] = idx
    return tuple(full)


def _index_shape(
    shape: tuple[int, ...], positions: tuple[int, ...], bshape: tuple[int, ...]
) -> tuple[int, ...]:
    """numpy's (and torch's) rule: adjacent indexed dims are replaced in place, else moved first."""
    rest = [n for i, n in enumerate(shape) if i not in positions]
    if positions == tuple(range(positions[0], positions[-1] + 1)):
        first = positions[0]
        return (*shape[:first], *bshape, *shape[positions[-1] + 1 :])
    return (*bshape, *rest)


def _index_put_forward(
    g: np.ndarray, input_sizes: tuple[int, ...], positions: tuple[int, ...], indices: np.ndarray
) -> np.ndarray:
    out = np.zeros(input_sizes, dtype=g.dtype)
    np.add.at(out, _full_index(len(input_sizes), positions, indices), g)
    return out


def _take_forward(a: np.ndarray, positions: tuple[int, ...], indices: np.ndarray) -> Any:
    out = np.ascontiguousarray(a[_full_index(a.ndim, positions, indices)])
    return out, {"indices": indices}


INDEX = primitive(
    "index",
    "IndexBackward0",
    ("self",),
    _take_forward,
    (Derivative(lambda g, c: _scatter(INDEX_PUT, g, c, "indices"), saves=("indices",)),),
)

# Zeros of the input's shape with the gradient added at the indices (repeated indices sum).
INDEX_PUT = primitive(
    "index_put_grad",
    "IndexPutImplBackward0",
    ("values",),
    _index_put_forward,
    (_take_again(INDEX, "indices"),),
)


def _index(result: Tensor, advanced: dict[int, np.ndarray]) -> Tensor:
    shape = result._data.shape
    expanded = _expand_masks(shape, advanced)
    positions = tuple(sorted(expanded))
    indices = _broadcast_indices([expanded[p] for p in positions])
    indices = _check_bounds(indices, [shape[p] for p in positions])
    bshape = indices[0].shape
    check_numel(_index_shape(shape, positions, bshape))
    stacked = np.stack(indices) if indices else np.zeros((0,), dtype=np.int64)
    return _apply_saving(INDEX, result, {"positions": positions, "indices": stacked}, "indices")


def _iter(self: Tensor) -> Any:
    """Iterating a tensor yields `unbind(0)` (UnbindBackward0 nodes), as in torch."""
    if self._data.ndim == 0:
        raise errors.TypeError("iteration over a 0-d tensor")
    return iter(unbind(self, 0))


Tensor.__getitem__ = getitem  # type: ignore[attr-defined]
Tensor.__iter__ = _iter  # type: ignore[attr-defined]


# ---- gather (GatherBackward0) -------------------------------------------------------------------


def _along(index: np.ndarray, dim: int) -> tuple[np.ndarray, ...]:
    """Full coordinates for every element of `index`, with `index` itself along `dim`."""
    grids = list(np.indices(index.shape, sparse=True))
    grids[dim] = index
    return tuple(grids)


def _gather_forward(a: np.ndarray, dim: int, index: np.ndarray) -> Any:
    shape = index.shape
    src = a.reshape(a.shape or (1,))
    idx = index.reshape(shape or (1,))
    out = np.ascontiguousarray(src[_along(idx, dim)]).reshape(shape)
    return out, {"index": index}


def _scatter_add_forward(
    g: np.ndarray, input_sizes: tuple[int, ...], dim: int, index: np.ndarray
) -> np.ndarray:
    out = np.zeros(input_sizes or (1,), dtype=g.dtype)
    idx = index.reshape(index.shape or (1,))
    np.add.at(out, _along(idx, dim), g.reshape(idx.shape))
    return out.reshape(input_sizes)


GATHER = primitive(
    "gather",
    "GatherBackward0",
    ("self",),
    _gather_forward,
    (Derivative(lambda g, c: _scatter(SCATTER_ADD, g, c, "index"), saves=("self", "index")),),
)

SCATTER_ADD = primitive(
    "scatter_add_grad",
    "ScatterAddBackward0",
    ("src",),
    _scatter_add_forward,
    (_take_again(GATHER, "index"),),
)


@op(grad_fn="GatherBackward0")
def gather(input: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
    """out[i][j] = input[index[i][j]][j] (for dim 0): values picked along `dim`."""
    check_tensor("gather", index, "index", 3)
    shape = input._data.shape
    d = normalize_dim(int(dim), len(shape))
    if index._data.dtype not in (np.int32, np.int64):
        raise errors.RuntimeError("gather(): Expected dtype int32/int64 for index")
    idx = index._data.astype(np.int64, copy=False)
    if max(idx.ndim, 1) != max(len(shape), 1):
        raise errors.RuntimeError(
            "Index tensor must have the same number of dimensions as input tensor"
        )
    src = shape or (1,)
    ishape = idx.shape or (1,)
    for k, (n_idx, n_src) in enumerate(zip(ishape, src)):
        if k != d and n_idx > n_src:
            raise errors.RuntimeError(
                f"Size does not match at dimension {k} expected index {_shape_str(idx.shape)} "
                f"to be no larger than self {_shape_str(shape)} apart from dimension {d}"
            )
    size = src[d]
    bad = (idx < 0) | (idx >= size)
    if bad.any():
        value = int(idx.reshape(-1)[int(np.argmax(bad.reshape(-1)))])
        raise errors.RuntimeError(
            f"index {value} is out of bounds for dimension {d} with size {size}"
        )
    return _apply_saving(GATHER, input, {"dim": d, "index": idx}, "index")


# ---- index_select (IndexSelectBackward0) --------------------------------------------------------


def _index_select_forward(a: np.ndarray, dim: int, index: np.ndarray) -> Any:
    if a.ndim == 0:
        return a.copy(), {"index": index}
    return np.ascontiguousarray(np.take(a, index, axis=dim)), {"index": index}


def _index_add_forward(
    g: np.ndarray, input_sizes: tuple[int, ...], dim: int, index: np.ndarray
) -> np.ndarray:
    if not input_sizes:
        return g.reshape(()).copy()
    out = np.zeros(input_sizes, dtype=g.dtype)
    np.add.at(out, (slice(None),) * dim + (index,), g)
    return out


INDEX_SELECT = primitive(
    "index_select",
    "IndexSelectBackward0",
    ("self",),
    _index_select_forward,
    (Derivative(lambda g, c: _scatter(INDEX_ADD, g, c, "index"), saves=("index",)),),
)

INDEX_ADD = primitive(
    "index_add_grad",
    "IndexAddBackward0",
    ("source",),
    _index_add_forward,
    (_take_again(INDEX_SELECT, "index"),),
)


@op(grad_fn="IndexSelectBackward0")
def index_select(input: Tensor, dim: int, index: Tensor) -> Tensor:
    """The entries of `index` along `dim` (a copy; repeated indices repeat)."""
    check_tensor("index_select", index, "index", 2)
    shape = input._data.shape
    d = normalize_dim(int(dim), len(shape))
    if index._data.dtype not in (np.int32, np.int64):
        raise errors.RuntimeError("index_select(): Expected dtype int32 or int64 for index")
    if index._data.ndim > 1:
        raise errors.IndexError("index_select(): Index is supposed to be a vector")
    idx = index._data.astype(np.int64, copy=False).reshape(-1)
    if not shape:
        if idx.size != 1:
            raise errors.RuntimeError(
                f"index_select(): Index to scalar can have only 1 value, got {idx.size} value(s)"
            )
        if idx[0] != 0:
            raise errors.IndexError("index out of range in self")
    else:
        bad = (idx < 0) | (idx >= shape[d])
        if bad.any():
            value = int(idx[int(np.argmax(bad))])
            raise errors.RuntimeError(
                f"INDICES element is out of DATA bounds, id={value} axis_dim={shape[d]}"
            )
        check_numel((*shape[:d], idx.size, *shape[d + 1 :]))
    return _apply_saving(INDEX_SELECT, input, {"dim": d, "index": idx}, "index")


# ---- masked_select (MaskedSelectBackward0) ------------------------------------------------------


def _masked_select_forward(a: np.ndarray, shape: tuple[int, ...], mask: np.ndarray) -> Any:
    full = np.broadcast_to(mask, shape)
    return np.broadcast_to(a, shape)[full], {"mask": full}


def _masked_scatter_forward(g: np.ndarray, shape: tuple[int, ...], mask: np.ndarray) -> np.ndarray:
    out = np.zeros(shape, dtype=g.dtype)
    out[mask] = g
    return out


MASKED_SELECT = primitive(
    "masked_select",
    "MaskedSelectBackward0",
    ("self",),
    _masked_select_forward,
    (
        # The scatter has the broadcast shape; the engine's sum_to reduces it to self's.
        Derivative(
            lambda g, c: apply(MASKED_SCATTER, (g,), {"shape": c.shape, "mask": c.mask._data}),
            saves=("self", "mask"),
        ),
    ),
)

MASKED_SCATTER = primitive(
    "masked_scatter_grad",
    "MaskedScatterBackward0",
    ("source",),
    _masked_scatter_forward,
    (_take_again(MASKED_SELECT, "mask"),),
)


@op(grad_fn="MaskedSelectBackward0")
def masked_select(input: Tensor, mask: Tensor) -> Tensor:
    """The elements where the (broadcast) bool mask is True, as a 1-D tensor."""
    if not isinstance(mask, Tensor) or mask._data.dtype != np.bool_:
        raise errors.RuntimeError("masked_select: expected BoolTensor for mask")
    shape = broadcast_shapes(mask._data.shape, input._data.shape)
    check_numel(shape)
    return _apply_saving(MASKED_SELECT, input, {"shape": shape, "mask": mask._data}, "mask")
