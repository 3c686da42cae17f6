"""Reductions: sum, mean, prod, var/std, norm, logsumexp, cumsum/cumprod, max/min (full, over a
dim, and element-wise), amax/amin, argmax/argmin, all/any.

Backward of a reduction re-expands the gradient to the input's shape: `keep` puts the reduced
dims back as size-1 dims (keepdim=False) and broadcasting does the rest. The formulas follow
torch's (FunctionsManual.cpp), because that is what decides the values at the awkward points
(facts §9): zeros for prod/cumprod, ties and NaN for max/amax, dof <= 0 for var/std, the zero
vector for norm. They are written with differentiable Tensor ops, so create_graph works; where
torch switches to a cheaper non-differentiable formula when grad mode is off, so do we.
"""

from __future__ import annotations

import builtins
import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

from engine import dtypes, errors
from engine.autograd import Node
from engine.dtypes import DType
from engine.grad_mode import is_grad_enabled
from engine.limits import check_numel
from engine.ops.elementwise import maximum, minimum, where
from engine.ops.registry import (
    Derivative,
    Primitive,
    apply,
    normalize_dim,
    normalize_dims,
    op,
    primitive,
)
from engine.tensor import Tensor

# ---- shared helpers ----------------------------------------------------------------------------


def _dims_arg(dim: Any, ndim: int) -> tuple[int, ...] | None:
    """None for a full reduction; `dim=()`/`[]` reduces over every dim too (torch's rule).

    A 0-d tensor accepts dim 0/-1 and is its own reduction (numpy wants `axis=()` for it).
    """
    if dim is None:
        return None
    dims = normalize_dims(dim, ndim)
    if ndim == 0:
        return ()
    return dims if dims else tuple(range(ndim))


def _kept_shape(shape: tuple[int, ...], dims: tuple[int, ...] | None) -> tuple[int, ...]:
    """The input's shape with the reduced dims as size 1 (what keepdim=True returns)."""
    if dims is None:
        return (1,) * len(shape)
    return tuple(1 if i in dims else s for i, s in enumerate(shape))


def keep(g: Tensor, shape: tuple[int, ...], dims: tuple[int, ...] | None, keepdim: bool) -> Tensor:
    """A reduced tensor with its reduced dims put back as size 1, ready to broadcast.

    Full reductions (dims None) give 0-d results, which broadcast as they are.
    """
    if dims is None or keepdim or not shape:
        return g
    kept = _kept_shape(shape, dims)
    return g if g._data.shape == kept else g.reshape(kept)


def unreduce(g: Tensor, c: Node, dims: tuple[int, ...] | None, keepdim: bool) -> Tensor:
    """Expand a reduced gradient back to the input's shape."""
    shape = c.input_shape(0)
    return keep(g, shape, dims, keepdim).expand(shape)


def _numel(shape: tuple[int, ...], dims: tuple[int, ...] | None) -> int:
    n = 1
    for i, d in enumerate(shape):
        if dims is None or i in dims:
            n *= d
    return n


def _const(arr: np.ndarray) -> Tensor:
    """A constant (no grad) tensor over a freshly computed array."""
    return Tensor._make(np.asarray(arr), None)


def _long_for_ints(a: np.ndarray) -> np.dtype | None:
    """torch accumulates integer and bool sums/products in int64."""
    return np.dtype(np.int64) if a.dtype.kind in "iub" else None


def _dtype_arg(dtype: Any) -> DType | None:
    if dtype is None or isinstance(dtype, DType):
        return dtype
    if isinstance(dtype, str):
        return dtypes.from_name(dtype)
    raise errors.TypeError(f"dtype must be a torch.dtype, not {type(dtype).__name__}")


def _cast_input(dtype: Any) -> np.dtype | None:
    """The compute dtype for a `dtype=` argument: the input is cast before the op runs."""
    target = _dtype_arg(dtype)
    return None if target is None else target.np


def _empty_full_reduction(name: str, input: Tensor) -> None:
    if input._data.size == 0:
        raise errors.RuntimeError(
            f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
            "Specify the reduction dim with the 'dim' argument."
        )


def _nonempty_dims(name: str, input: Tensor, dims: tuple[int, ...]) -> None:
    for d in dims:
        if input._data.shape[d] == 0:
            raise errors.IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size.")


def _share(g: Tensor, mask: np.ndarray, dims: tuple[int, ...] | None) -> Tensor:
    """g split evenly among the elements `mask` marks (1) in each reduced slice: g / count * mask.

    How amax/amin, and norm with an infinite order, share a gradient among tied elements.
    """
    count = np.sum(mask, axis=dims, keepdims=True)
    return (g / _const(count)) * _const(mask)


def _reverse_cumsum(t: Tensor, d: int) -> Tensor:
    """Sums from each position to the end of dim d (the backward of cumsum)."""
    return t.flip(d).cumsum(d).flip(d)


# ---- sum / mean --------------------------------------------------------------------------------


def _sum_forward(
    a: np.ndarray, dim: tuple[int, ...] | None = None, keepdim: bool = False
) -> np.ndarray:
    acc = _long_for_ints(a)
    if a.dtype == np.float16:  # torch accumulates half in float
        return np.asarray(np.sum(a, axis=dim, keepdims=keepdim, dtype=np.float32), a.dtype)
    return np.asarray(np.sum(a, axis=dim, keepdims=keepdim, dtype=acc))


SUM = primitive(
    "sum",
    "SumBackward0",
    ("self",),
    lambda a: _sum_forward(a),
    (Derivative(lambda g, c: unreduce(g, c, None, False)),),
)

SUM_DIM = primitive(
    "sum_dim",
    "SumBackward1",
    ("self",),
    lambda a, dim, keepdim: _sum_forward(a, dim, keepdim),
    (Derivative(lambda g, c: unreduce(g, c, c.dim, c.keepdim)),),
)


@op(grad_fn=("SumBackward0", "SumBackward1"))
def sum(
    input: Tensor,
    dim: int | Sequence[int] | None = None,
    keepdim: bool = False,
    *,
    dtype: Any = None,
) -> Tensor:
    """Sum of all elements, or over `dim` (keepdim keeps reduced dims as size 1).

    Integer and bool inputs sum to int64; `dtype=` casts the input first.
    """
    compute = _cast_input(dtype)
    if dim is None:
        return apply(SUM, (input,), None, compute)
    dims = _dims_arg(dim, input._data.ndim)
    return apply(SUM_DIM, (input,), {"dim": dims, "keepdim": bool(keepdim)}, compute)


def _mean_forward(
    a: np.ndarray, dim: tuple[int, ...] | None = None, keepdim: bool = False
) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # mean of empty: nan, as torch
        acc = np.float32 if a.dtype == np.float16 else None
        return np.asarray(np.mean(a, axis=dim, keepdims=keepdim, dtype=acc), dtype=a.dtype)


MEAN = primitive(
    "mean",
    "MeanBackward0",
    ("self",),
    lambda a: _mean_forward(a),
    (Derivative(lambda g, c: unreduce(g, c, None, False) / _numel(c.input_shape(0), None)),),
)

MEAN_DIM = primitive(
    "mean_dim",
    "MeanBackward1",
    ("self",),
    lambda a, dim, keepdim: _mean_forward(a, dim, keepdim),
    (Derivative(lambda g, c: unreduce(g, c, c.dim, c.keepdim) / _numel(c.input_shape(0), c.dim)),),
)


@op(grad_fn=("MeanBackward0", "MeanBackward1"))
def mean(
    input: Tensor,
    dim: int | Sequence[int] | None = None,
    keepdim: bool = False,
    *,
    dtype: Any = None,
) -> Tensor:
    """Mean of all elements, or over `dim`; floating-point inputs (or a floating `dtype=`)."""
    target = _dtype_arg(dtype)
    if target is not None:
        if not target.is_floating_point:
            raise errors.RuntimeError(
                "mean(): could not infer output dtype. Optional dtype must be either a floating "
                f"point or complex dtype. Got: {target.scalar_name}"
            )
    elif input._data.dtype.kind != "f":
        raise errors.RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point "
            f"or complex dtype. Got: {input.dtype.scalar_name}"
        )
    compute = None if target is None else target.np
    if dim is None:
        return apply(MEAN, (input,), None, compute)
    dims = _dims_arg(dim, input._data.ndim)
    return apply(MEAN_DIM, (input,), {"dim": dims, "keepdim": bool(keepdim)}, compute)


# ---- prod --------------------------------------------------------------------------------------


def _prod_forward(a: np.ndarray, dim: int | None = None, keepdim: bool = False) -> np.ndarray:
    axis: Any = dim if a.ndim else ()
    return np.asarray(np.prod(a, axis=axis, keepdims=keepdim, dtype=_long_for_ints(a)))


def _exclusive(x: Tensor, d: int) -> Tensor:
    """x repeated along a new dim d (index k) with element k of dim d+1 replaced by 1.

    Reducing dim d+1 of this gives, at k, the product (or cumprod) of every element but x_k:
    torch's O(n²) formulation for inputs with zeros, differentiable to any order.
    """
    shape = x._data.shape
    n = shape[d]
    big = (*shape[:d], n, *shape[d:])
    check_numel(big)
    xe = x.reshape((*shape[:d], 1, *shape[d:])).expand(big)
    eye = np.eye(n, dtype=bool).reshape((n, n) + (1,) * (len(shape) - d - 1))
    return where(_const(eye), 1.0, xe)


def _prod_others(x: Tensor, d: int) -> Tensor:
    """For each element, the product of the other elements along dim d (exact with zeros)."""
    if not is_grad_enabled():
        a = np.moveaxis(x._data, d, -1)
        ones = np.ones((*a.shape[:-1], 1), a.dtype)
        left = np.cumprod(np.concatenate([ones, a[..., :-1]], -1), -1)
        right = np.cumprod(np.concatenate([ones, a[..., :0:-1]], -1), -1)[..., ::-1]
        return _const(np.ascontiguousarray(np.moveaxis(left * right, -1, d)))
    return prod(_exclusive(x, d), d + 1)


def _prod_grad(g: Tensor, c: Node) -> Tensor:
    x = c.self
    result = c.result
    if x._data.ndim == 0:
        return g
    if not np.any(x._data == 0):
        return g * (result / x)
    return g * _prod_others(x.reshape(-1), 0).reshape(x._data.shape)


def _prod_dim_grad(g: Tensor, c: Node) -> Tensor:
    x = c.self
    result = c.result
    shape = x._data.shape
    if not shape:
        return g
    dims = (c.dim,)
    g = keep(g, shape, dims, c.keepdim)
    if not np.any(x._data == 0):
        return g * (keep(result, shape, dims, c.keepdim) / x)
    return g * _prod_others(x, c.dim)


PROD = primitive(
    "prod",
    "ProdBackward0",
    ("self",),
    lambda a: _prod_forward(a),
    (Derivative(_prod_grad, saves=("self", "result")),),
)

PROD_DIM = primitive(
    "prod_dim",
    "ProdBackward1",
    ("self",),
    lambda a, dim, keepdim: _prod_forward(a, dim, keepdim),
    (Derivative(_prod_dim_grad, saves=("self", "result")),),
)


@op(grad_fn=("ProdBackward0", "ProdBackward1"))
def prod(
    input: Tensor, dim: int | None = None, keepdim: bool = False, *, dtype: Any = None
) -> Tensor:
    """Product of all elements, or over one dim; integers multiply as int64."""
    compute = _cast_input(dtype)
    if dim is None:
        return apply(PROD, (input,), None, compute)
    if not isinstance(dim, (int, np.integer)) or isinstance(dim, bool):
        raise errors.TypeError(
            f"prod() received an invalid combination of arguments - got ({type(dim).__name__}, "
            "), but expected one of:\n * (*, torch.dtype dtype = None)\n"
            " * (int dim, bool keepdim = False, *, torch.dtype dtype = None)\n"
        )
    d = normalize_dim(int(dim), input._data.ndim)
    return apply(PROD_DIM, (input,), {"dim": d, "keepdim": bool(keepdim)}, compute)


# ---- cumsum / cumprod --------------------------------------------------------------------------


def _cumulative(fn: Any) -> Any:
    """cumsum's/cumprod's forward: integers accumulate as int64; a 0-d tensor is its own result."""

    def forward(a: np.ndarray, dim: int) -> np.ndarray:
        if a.ndim == 0:
            return a.astype(_long_for_ints(a) or a.dtype)
        return fn(a, axis=dim, dtype=_long_for_ints(a))

    return forward


CUMSUM = primitive(
    "cumsum",
    "CumsumBackward0",
    ("self",),
    _cumulative(np.cumsum),
    (Derivative(lambda g, c: g if g._data.ndim == 0 else _reverse_cumsum(g, c.dim)),),
)


@op(grad_fn="CumsumBackward0")
def cumsum(input: Tensor, dim: int, *, dtype: Any = None) -> Tensor:
    """Running sums along `dim`; integers accumulate as int64."""
    d = normalize_dim(int(dim), input._data.ndim)
    return apply(CUMSUM, (input,), {"dim": d}, _cast_input(dtype))


def _cumprod_grad_numpy(g: np.ndarray, x: np.ndarray, y: np.ndarray, d: int) -> np.ndarray:
    """torch's O(n) cumprod gradient for inputs with zeros (first order only).

    Before the first zero z1 of a slice the gradient is reversed_cumsum(g*y)/x; at z1 it is
    prod(x[:z1]) * sum over j in [z1, z2) of g_j * prod(x[z1+1..j]); after z1 it is 0.
    """
    g, x, y = (np.moveaxis(v, d, -1) for v in (g, x, y))
    zero = x == 0
    zeros_so_far = np.cumsum(zero, -1)
    before = zeros_so_far == 0
    w = np.where(before, g * y, 0)
    tail = np.flip(np.cumsum(np.flip(w, -1), -1), -1)
    out = np.where(before, tail / np.where(before, x, 1), 0)
    first = zero & (zeros_so_far == 1)
    between = (zeros_so_far == 1) & ~first
    partial = np.cumprod(np.where(between, x, 1), -1)
    at_first = np.sum(np.where(zeros_so_far == 1, g * partial, 0), -1, keepdims=True)
    head = np.prod(np.where(before, x, 1), -1, keepdims=True)
    out = np.where(first, at_first * head, out)
    return np.ascontiguousarray(np.moveaxis(out, -1, d)).astype(x.dtype, copy=False)


def _cumprod_grad(g: Tensor, c: Node) -> Tensor:
    x = c.self
    y = c.result
    shape = x._data.shape
    d = c.dim
    if x._data.size <= 1 or shape[d] == 1:
        return g
    if not np.any(x._data == 0):
        return _reverse_cumsum(y * g, d) / x
    if not is_grad_enabled():
        return _const(_cumprod_grad_numpy(g._data, x._data, y._data, d))
    # Differentiable O(n²) form: C[k, j] = prod of x_i for i <= j, i != k; grad_k = sum_{j>=k} g_j C[k, j]
    n = shape[d]
    partial = cumprod(_exclusive(x, d), d + 1)
    g_row = g.reshape((*shape[:d], 1, n, *shape[d + 1 :]))
    upper = np.triu(np.ones((n, n), dtype=bool)).reshape((n, n) + (1,) * (len(shape) - d - 1))
    return where(_const(upper), g_row * partial, 0.0).sum(d + 1)


CUMPROD = primitive(
    "cumprod",
    "CumprodBackward0",
    ("self",),
    _cumulative(np.cumprod),
    (Derivative(_cumprod_grad, saves=("self", "result")),),
)


@op(grad_fn="CumprodBackward0")
def cumprod(input: Tensor, dim: int, *, dtype: Any = None) -> Tensor:
    """Running products along `dim`; integers multiply as int64."""
    d = normalize_dim(int(dim), input._data.ndim)
    return apply(CUMPROD, (input,), {"dim": d}, _cast_input(dtype))


# ---- var / std ---------------------------------------------------------------------------------

_DOF_WARNING = (
    "{}(): degrees of freedom is <= 0. Correction should be strictly less than the reduction "
    "factor (input numel divided by output numel)."
)


def _var_forward(
    a: np.ndarray, dim: tuple[int, ...] | None, correction: float, keepdim: bool
) -> np.ndarray:
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        n = _numel(a.shape, dim)
        centred = a - np.mean(a, axis=dim, keepdims=True)
        squares = np.sum(centred * centred, axis=dim, keepdims=keepdim)
        return np.asarray(squares / builtins.max(0.0, n - correction), dtype=a.dtype)


def _std_forward(
    a: np.ndarray, dim: tuple[int, ...] | None, correction: float, keepdim: bool
) -> np.ndarray:
    with np.errstate(all="ignore"):
        return np.sqrt(_var_forward(a, dim, correction, keepdim))


def _var_backward(
    g: Tensor, x: Tensor, dims: tuple[int, ...] | None, corr: float, kd: bool
) -> Tensor:
    """torch's var_backward: 2/(n - correction) * grad * (x - mean).

    A full reduction with dof <= 0 gives grad * (nan where x equals the mean, inf elsewhere);
    over dims, 2/dof is used as it comes (inf at 0, negative below).
    """
    shape = x._data.shape
    if dims is None or not shape:
        dof = x._data.size - corr
        if dof <= 0:
            with np.errstate(all="ignore"):
                m = np.mean(x._data)
                fill = np.where(x._data == m, np.nan, np.inf).astype(x._data.dtype)
            return g * _const(fill)
        return (2.0 / dof) * g * (x - x.mean())
    g = keep(g, shape, dims, kd)
    dof = _numel(shape, dims) - corr
    scale = 2.0 / dof if dof != 0 else math.inf
    return scale * g * (x - x.mean(dims, keepdim=True))


def _std_grad(g: Tensor, c: Node) -> Tensor:
    result = c.result
    grad_var = where(result == 0, 0.0, g / (result * 2))
    return _var_backward(grad_var, c.self, c.dim, c.correction, c.keepdim)


VAR = primitive(
    "var",
    "VarBackward0",
    ("self",),
    _var_forward,
    (
        Derivative(
            lambda g, c: _var_backward(g, c.self, c.dim, c.correction, c.keepdim),
            saves=("self",),
        ),
    ),
)

STD = primitive(
    "std",
    "StdBackward0",
    ("self",),
    _std_forward,
    (Derivative(_std_grad, saves=("self", "result")),),
)


def _var_attrs(
    name: str,
    input: Tensor,
    dim: Any,
    unbiased: Any,
    keepdim: bool,
    correction: Any,
) -> dict[str, Any]:
    """torch's var/std overloads: `var(unbiased)`, `var(dim, unbiased)`, `var(dim, correction=)`."""
    if input._data.dtype.kind != "f":
        raise errors.RuntimeError("std and var only support floating point and complex dtypes")
    if isinstance(dim, bool):  # `a.var(True)`: the positional bool is `unbiased`
        dim, unbiased = None, dim
    if unbiased is not None and correction is not None:
        raise errors.RuntimeError(f"{name}(): Cannot pass both unbiased and correction")
    if correction is not None:
        corr = float(correction)
    else:
        corr = 1.0 if unbiased is None or unbiased else 0.0
    dims = _dims_arg(dim, input._data.ndim)
    if _numel(input._data.shape, dims) - corr <= 0:
        warnings.warn(_DOF_WARNING.format(name), UserWarning, stacklevel=3)
    return {"dim": dims, "correction": corr, "keepdim": bool(keepdim)}


@op(grad_fn="VarBackward0")
def var(
    input: Tensor,
    dim: int | Sequence[int] | None = None,
    unbiased: bool | None = None,
    keepdim: bool = False,
    *,
    correction: float | None = None,
) -> Tensor:
    """Variance over all elements or `dim`, unbiased (correction=1) unless told otherwise."""
    return apply(VAR, (input,), _var_attrs("var", input, dim, unbiased, keepdim, correction))


@op(grad_fn="StdBackward0")
def std(
    input: Tensor,
    dim: int | Sequence[int] | None = None,
    unbiased: bool | None = None,
    keepdim: bool = False,
    *,
    correction: float | None = None,
) -> Tensor:
    """Standard deviation over all elements or `dim` (sqrt of var, same arguments)."""
    return apply(STD, (input,), _var_attrs("std", input, dim, unbiased, keepdim, correction))


# ---- norm --------------------------------------------------------------------------------------


def _norm_forward(
    a: np.ndarray, ord: float, dim: tuple[int, ...] | None, keepdim: bool
) -> np.ndarray:
    with np.errstate(all="ignore"):
        x = np.abs(a)
        if ord == 2:
            r = np.sqrt(np.sum(x * x, axis=dim, keepdims=keepdim))
        elif ord == math.inf:
            r = np.max(x, axis=dim, keepdims=keepdim)
        elif ord == -math.inf:
            r = np.min(x, axis=dim, keepdims=keepdim)
        elif ord == 0:
            r = np.sum(x != 0, axis=dim, keepdims=keepdim)
        elif ord == 1:
            r = np.sum(x, axis=dim, keepdims=keepdim)
        else:
            r = np.sum(x**ord, axis=dim, keepdims=keepdim) ** (1.0 / ord)
        return np.asarray(r, dtype=a.dtype)


def _norm_grad(g: Tensor, c: Node) -> Tensor | None:
    """torch's norm_backward, case by case on the order p (0 has no gradient at all)."""
    x = c.self
    norm = c.result
    p = c.ord
    shape = x._data.shape
    g = keep(g, shape, c.dim, c.keepdim)
    norm = keep(norm, shape, c.dim, c.keepdim)
    if p == 0:
        return None
    sgn = _const(np.sign(x._data))
    if p == 1:
        return sgn * g
    if p == 2:
        return g * where(norm == 0, 0.0, x / norm)
    if math.isinf(p):
        ax = np.abs(x._data)
        return sgn * _share(g, ((ax == norm._data) | np.isnan(ax)).astype(x._data.dtype), c.dim)
    absx = x * sgn
    if p < 1:
        scaled = sgn * where(x == 0, 0.0, absx ** (p - 1))
        return scaled * g * norm ** (1 - p)
    scaled = sgn * absx ** (p - 1) if p < 2 else x * absx ** (p - 2)
    return scaled * where(norm == 0, 0.0, g / norm ** (p - 1))


NORM = primitive(
    "linalg_vector_norm",
    "LinalgVectorNormBackward0",
    ("self",),
    _norm_forward,
    (Derivative(_norm_grad, saves=("self", "result")),),
)


def _vector_norm(input: Tensor, ord: float, dim: Any, keepdim: bool, dtype: Any) -> Tensor:
    if input._data.dtype.kind != "f":
        raise errors.RuntimeError(
            "linalg.vector_norm: Expected a floating point or complex tensor as input. "
            f"Got {input.dtype.scalar_name}"
        )
    dims = _dims_arg(dim, input._data.ndim)
    if ord < 0 or math.isinf(ord):
        empty = input._data.size == 0 if dims is None else _numel(input._data.shape, dims) == 0
        if empty:
            raise errors.RuntimeError(
                f"linalg.vector_norm cannot compute the {ord:g} norm on an empty tensor because "
                "the operation does not have an identity"
            )
    attrs = {"ord": ord, "dim": dims, "keepdim": bool(keepdim)}
    return apply(NORM, (input,), attrs, _cast_input(dtype))


@op(grad_fn="LinalgVectorNormBackward0")
def norm(
    input: Tensor,
    p: float | str | None = "fro",
    dim: int | Sequence[int] | None = None,
    keepdim: bool = False,
    dtype: Any = None,
) -> Tensor:
    """Vector p-norm over all elements or `dim` ('fro' and None mean p=2)."""
    if isinstance(p, str):
        if p != "fro":
            raise errors.NotImplementedError(f"norm(p={p!r}) is not supported by gradserve")
        if dim is not None and not isinstance(dim, int) and len(dim) > 2:
            raise errors.RuntimeError(
                f"linalg.matrix_norm: dim must be a 2-tuple. Got {' '.join(map(str, dim))}"
            )
        ord = 2.0
    else:
        ord = 2.0 if p is None else float(p)
    return _vector_norm(input, ord, dim, keepdim, dtype)


# ---- logsumexp ---------------------------------------------------------------------------------


def _logsumexp_forward(a: np.ndarray, dim: tuple[int, ...], keepdim: bool) -> np.ndarray:
    """log(sum(exp(x))) shifted by the max; infinite maxes are replaced by 0 (torch's rule)."""
    with np.errstate(all="ignore"):
        if a.size == 0:
            return np.asarray(np.log(np.sum(np.exp(a), axis=dim, keepdims=keepdim)), a.dtype)
        m = np.max(a, axis=dim, keepdims=True)
        m = np.where(np.isinf(m), np.zeros((), a.dtype), m)
        s = np.log(np.sum(np.exp(a - m), axis=dim, keepdims=keepdim))
        m_out = m if keepdim else np.squeeze(m, axis=dim)
        return np.asarray(s + m_out, dtype=a.dtype)


def _logsumexp_grad(g: Tensor, c: Node) -> Tensor:
    x = c.self
    shape = x._data.shape
    g = keep(g, shape, c.dim, c.keepdim)
    result = keep(c.result, shape, c.dim, c.keepdim)
    return g * (x - result).exp()


LOGSUMEXP = primitive(
    "logsumexp",
    "LogsumexpBackward0",
    ("self",),
    _logsumexp_forward,
    (Derivative(_logsumexp_grad, saves=("self", "result")),),
)


@op(grad_fn="LogsumexpBackward0")
def logsumexp(input: Tensor, dim: int | Sequence[int], keepdim: bool = False) -> Tensor:
    """log(sum(exp(input))) over `dim`, computed stably; integers compute in the default float."""
    # `dim=()` reduces every dim here; torch 2.13 fails on it with a shape-mismatch message
    # ("output with shape [] doesn't match the broadcast shape [1, 1]"), a bug not reproduced.
    dims = _dims_arg(dim, input._data.ndim)
    assert dims is not None
    compute = None if input._data.dtype.kind == "f" else np.dtype(np.float32)
    return apply(LOGSUMEXP, (input,), {"dim": dims, "keepdim": bool(keepdim)}, compute)


# ---- max / min ---------------------------------------------------------------------------------


class ReturnType(tuple):
    """torch.return_types.<name>: a (values, indices) pair that also has named fields."""

    __slots__ = ()
    _name = "return_type"

    def __new__(cls, values: Tensor, indices: Tensor) -> ReturnType:
        return tuple.__new__(cls, (values, indices))

    @property
    def values(self) -> Tensor:
        return self[0]

    @property
    def indices(self) -> Tensor:
        return self[1]

    def __repr__(self) -> str:
        return f"torch.return_types.{self._name}(\nvalues={self[0]!r},\nindices={self[1]!r})"

    __str__ = __repr__


def return_type(name: str) -> type[ReturnType]:
    """The result class torch uses for `name` (`type(r).__name__ == name`, as in torch)."""
    return type(name, (ReturnType,), {"__slots__": (), "_name": name})


def _evenly_distribute(g: Tensor, c: Node) -> Tensor:
    """The gradient of max()/min(): split evenly among all elements equal to the result.

    If the result is NaN, the NaN elements share it (facts §9).
    """
    x = c.self._data
    value = c.result._data
    mask = np.isnan(x) if x.dtype.kind == "f" and np.isnan(value) else x == value
    count = int(np.count_nonzero(mask))
    return where(_const(mask), g / count, 0.0)


MAX_ALL = primitive(
    "max",
    "MaxBackward1",
    ("self",),
    lambda a: np.asarray(np.max(a)),
    (Derivative(_evenly_distribute, saves=("self", "result")),),
)

MIN_ALL = primitive(
    "min",
    "MinBackward1",
    ("self",),
    lambda a: np.asarray(np.min(a)),
    (Derivative(_evenly_distribute, saves=("self", "result")),),
)


def _extreme_dim_forward(
    a: np.ndarray, dim: int, keepdim: bool, arg: Any
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Values and int64 indices (`arg`: np.argmax or np.argmin); ties and NaN resolve to the
    first occurrence (torch's CPU)."""
    if a.ndim == 0:
        return a.copy(), {"indices": np.zeros((), np.int64)}
    idx = arg(a, axis=dim, keepdims=True)
    values = np.take_along_axis(a, idx, axis=dim)
    if not keepdim:
        values = np.squeeze(values, axis=dim)
        idx = np.squeeze(idx, axis=dim)
    return values, {"indices": idx.astype(np.int64, copy=False)}


def _select_index_grad(g: Tensor, c: Node) -> Tensor:
    """The gradient of max(dim)/min(dim): all of it to the one returned index."""
    shape = c.input_shape(0)
    if not shape:
        return g
    d = c.dim
    idx = c.indices._data
    if not c.keepdim:
        idx = np.expand_dims(idx, d)
    g = keep(g, shape, (d,), c.keepdim)
    positions = np.arange(shape[d]).reshape((shape[d],) + (1,) * (len(shape) - d - 1))
    return where(_const(positions == idx), g, 0.0)


MAX_DIM = primitive(
    "max_dim",
    "MaxBackward0",
    ("self",),
    lambda a, dim, keepdim: _extreme_dim_forward(a, dim, keepdim, np.argmax),
    (Derivative(_select_index_grad, saves=("indices",)),),
)

MIN_DIM = primitive(
    "min_dim",
    "MinBackward0",
    ("self",),
    lambda a, dim, keepdim: _extreme_dim_forward(a, dim, keepdim, np.argmin),
    (Derivative(_select_index_grad, saves=("indices",)),),
)

# torch.max / torch.min: the full reduction, the (values, indices) one over a dim, its result
# type, and the element-wise function the two-tensor form is.
_EXTREMES = {
    "max": (MAX_ALL, MAX_DIM, return_type("max"), maximum),
    "min": (MIN_ALL, MIN_DIM, return_type("min"), minimum),
}


def _extreme(name: str, input: Tensor, dim: Any, keepdim: bool, other: Any) -> Any:
    all_prim, dim_prim, result, elementwise = _EXTREMES[name]
    if isinstance(dim, Tensor) or other is not None:
        return elementwise(input, dim if other is None else other)
    if dim is None:
        _empty_full_reduction(name, input)
        return apply(all_prim, (input,))
    d = normalize_dim(int(dim), input._data.ndim)
    if input._data.ndim:
        _nonempty_dims(name, input, (d,))
    values, extras = apply(dim_prim, (input,), {"dim": d, "keepdim": bool(keepdim)})
    return result(values, Tensor._make(extras["indices"], None))


@op(grad_fn=("MaxBackward1", "MaxBackward0"))
def max(
    input: Tensor,
    dim: int | Tensor | None = None,
    keepdim: bool = False,
    *,
    other: Tensor | None = None,
) -> Any:
    """The largest element; with `dim`, (values, indices) along it; with a tensor, maximum."""
    return _extreme("max", input, dim, keepdim, other)


@op(grad_fn=("MinBackward1", "MinBackward0"))
def min(
    input: Tensor,
    dim: int | Tensor | None = None,
    keepdim: bool = False,
    *,
    other: Tensor | None = None,
) -> Any:
    """The smallest element; with `dim`, (values, indices) along it; with a tensor, minimum."""
    return _extreme("min", input, dim, keepdim, other)


# ---- amax / amin -------------------------------------------------------------------------------


def _amax_grad(g: Tensor, c: Node) -> Tensor:
    """grad / count * mask over the elements equal to the result (NaN results give NaN)."""
    x = c.self
    shape = x._data.shape
    g = keep(g, shape, c.dim, c.keepdim)
    result = keep(c.result, shape, c.dim, c.keepdim)
    return _share(g, (result._data == x._data).astype(x._data.dtype), c.dim)


AMAX = primitive(
    "amax",
    "AmaxBackward0",
    ("self",),
    lambda a, dim, keepdim: np.asarray(np.max(a, axis=dim, keepdims=keepdim)),
    (Derivative(_amax_grad, saves=("self", "result")),),
)

AMIN = primitive(
    "amin",
    "AminBackward0",
    ("self",),
    lambda a, dim, keepdim: np.asarray(np.min(a, axis=dim, keepdims=keepdim)),
    (Derivative(_amax_grad, saves=("self", "result")),),
)


def _amax(prim: Primitive, input: Tensor, dim: Any, keepdim: bool) -> Tensor:
    dims = _dims_arg(dim, input._data.ndim)
    assert dims is not None
    if input._data.size == 0:
        if len(dims) == input._data.ndim:
            _empty_full_reduction(prim.name, input)
        _nonempty_dims(prim.name, input, dims)
    return apply(prim, (input,), {"dim": dims, "keepdim": bool(keepdim)})


@op(grad_fn="AmaxBackward0")
def amax(input: Tensor, dim: int | Sequence[int] = (), keepdim: bool = False) -> Tensor:
    """The largest elements over `dim` (all dims by default); ties share the gradient."""
    return _amax(AMAX, input, dim, keepdim)


@op(grad_fn="AminBackward0")
def amin(input: Tensor, dim: int | Sequence[int] = (), keepdim: bool = False) -> Tensor:
    """The smallest elements over `dim` (all dims by default); ties share the gradient."""
    return _amax(AMIN, input, dim, keepdim)


# ---- argmax / argmin / all / any (not differentiable) ------------------------------------------


def _arg_extreme(name: str, input: Tensor, dim: Any, keepdim: bool) -> Tensor:
    a = input._data
    fn = np.argmax if name == "argmax" else np.argmin
    if dim is None:
        if a.size == 0:
            raise errors.IndexError(
                f"{name}(): Expected reduction dim to be specified for input.numel() == 0."
            )
        idx = np.asarray(fn(a.reshape(-1)), dtype=np.int64)
        if keepdim:
            idx = idx.reshape((1,) * a.ndim)
        return _const(idx)
    d = normalize_dim(int(dim), a.ndim)
    if a.ndim == 0:
        return _const(np.zeros((), np.int64))
    _nonempty_dims(name, input, (d,))
    return _const(np.asarray(fn(a, axis=d, keepdims=bool(keepdim)), dtype=np.int64))


@op(differentiable=False)
def argmax(input: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """Index of the largest element (of the flattened input without `dim`), as int64."""
    return _arg_extreme("argmax", input, dim, keepdim)


@op(differentiable=False)
def argmin(input: Tensor, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """Index of the smallest element (of the flattened input without `dim`), as int64."""
    return _arg_extreme("argmin", input, dim, keepdim)


def _logical_reduce(fn: Any, input: Tensor, dim: Any, keepdim: bool) -> Tensor:
    a = input._data
    dims = _dims_arg(dim, a.ndim)
    out = np.asarray(fn(a != 0, axis=dims, keepdims=bool(keepdim) and dims is not None))
    # torch keeps uint8 for uint8 inputs (a legacy rule); everything else gives bool
    return _const(out.astype(np.uint8) if a.dtype == np.uint8 else out)


@op(differentiable=False)
def all(input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:
    """True if every element (over `dim`) is non-zero."""
    return _logical_reduce(np.all, input, dim, keepdim)


@op(differentiable=False)
def any(input: Tensor, dim: int | Sequence[int] | None = None, keepdim: bool = False) -> Tensor:
    """True if some element (over `dim`) is non-zero."""
    return _logical_reduce(np.any, input, dim, keepdim)
