"""`torch.nn.functional`: activations, softmax/log_softmax and the losses.

Each op follows torch's own decomposition, because the grad_fn names and graphs are part of the
contract: activations and most losses are single nodes (`GeluBackward0`, `MseLossBackward0`) that
save what torch saves; `l1_loss` and `cross_entropy` are composites built from other ops exactly
as ATen builds them (MeanBackward0 over AbsBackward0 over SubBackward0; NllLossBackward0 over
LogSoftmaxBackward0). Derivative formulas are written with differentiable Tensor ops, so every
loss has a double backward. Numerically delicate forms (softmax, log-sigmoid, BCE's log clamp)
follow torch's kernels so the special values (inf, nan, exact 0) match.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

from engine import errors
from engine.dtypes import DType, from_numpy
from engine.limits import check_numel
from engine.ops import elementwise as ew
from engine.ops.elementwise import (
    _no_inplace,
    add_scalar,
    div_scalar,
    exp,
    half_via_float,
    log,
    masked_backward,
    mul_scalar,
    sigmoid,
    tanh,
    where,
)
from engine.ops.registry import (
    Derivative,
    Primitive,
    apply,
    backward_of,
    broadcast_shapes,
    check_tensor,
    check_tensors,
    normalize_dim,
    not_implemented,
    op,
    primitive,
    promote,
)
from engine.tensor import Tensor


def _float_input(fname: str, kernel: str, input: Any) -> None:
    """Activations are floating-point kernels: torch has no integer or bool implementation."""
    check_tensor(fname, input)
    if input._data.dtype.kind != "f":
        raise not_implemented(kernel, input)


# ---- hardtanh / relu6 -------------------------------------------------------------------------


def _hardtanh_forward(a: np.ndarray, min_val: float, max_val: float) -> np.ndarray:
    return np.minimum(np.maximum(a, np.asarray(min_val, a.dtype)), np.asarray(max_val, a.dtype))


# Unlike clamp, the boundaries are excluded: the gradient is 0 at min_val and max_val (§9);
# a nan input passes the gradient (no comparison holds).
HARDTANH_BACKWARD = masked_backward(
    "hardtanh_backward",
    "HardtanhBackwardBackward0",
    lambda self, min_val, max_val: ~((self <= min_val) | (self >= max_val)),
)
HARDTANH = primitive(
    "hardtanh",
    "HardtanhBackward0",
    ("self",),
    _hardtanh_forward,
    (backward_of(HARDTANH_BACKWARD, "self"),),
)


@op(grad_fn="HardtanhBackward0", method=False, function=False, functional=True)
def hardtanh(
    input: Tensor, min_val: float = -1.0, max_val: float = 1.0, inplace: bool = False
) -> Tensor:
    """Clamp to [min_val, max_val]; gradient 1 strictly inside, 0 at and beyond the bounds."""
    if min_val > max_val:
        raise errors.ValueError("min_val cannot be greater than max_val")
    _no_inplace(inplace)
    check_tensor("hardtanh", input)
    if input._data.dtype == np.bool_:
        raise errors.RuntimeError("Bool inputs not supported for hardtanh")
    return apply(HARDTANH, (input,), {"min_val": min_val, "max_val": max_val})


@op(grad_fn="HardtanhBackward0", method=False, function=False, functional=True)
def relu6(input: Tensor, inplace: bool = False) -> Tensor:
    """min(max(input, 0), 6): torch computes it as hardtanh(0, 6), so HardtanhBackward0."""
    return hardtanh(input, 0.0, 6.0, inplace)


# ---- leaky_relu / elu / gelu / silu / softplus / logsigmoid -------------------------------------

LEAKY_RELU_BACKWARD = masked_backward(
    "leaky_relu_backward",
    "LeakyReluBackwardBackward0",
    lambda self, negative_slope: self > 0,
    lambda g, keep, negative_slope: np.where(keep, g, g * np.asarray(negative_slope, g.dtype)),
)
LEAKY_RELU = primitive(
    "leaky_relu",
    "LeakyReluBackward0",
    ("self",),
    half_via_float(
        lambda a, negative_slope: np.where(a > 0, a, a * np.asarray(negative_slope, a.dtype))
    ),
    # At 0 the slope side applies: leaky_relu'(0) = negative_slope (facts §9).
    (backward_of(LEAKY_RELU_BACKWARD, "self"),),
)


@op(grad_fn="LeakyReluBackward0", method=False, function=False, functional=True)
def leaky_relu(input: Tensor, negative_slope: float = 0.01, inplace: bool = False) -> Tensor:
    """x for x > 0, negative_slope·x otherwise (the slope side includes 0)."""
    _float_input("leaky_relu", "leaky_relu_cpu", input)
    _no_inplace(inplace)
    return apply(LEAKY_RELU, (input,), {"negative_slope": negative_slope})


@half_via_float
def _elu_forward(a: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(a > 0, a, np.asarray(alpha, a.dtype) * np.expm1(a))


ELU = primitive(
    "elu",
    "EluBackward0",
    ("self",),
    _elu_forward,
    # torch's elu_backward: self <= 0 takes the exponential side (so elu'(0) = alpha; nan → grad).
    (Derivative(lambda g, c: where(c.self <= 0, g * (c.alpha * exp(c.self)), g), ("self",)),),
)


@op(grad_fn="EluBackward0", method=False, function=False, functional=True)
def elu(input: Tensor, alpha: float = 1.0, inplace: bool = False) -> Tensor:
    """x for x > 0, alpha·(exp(x) - 1) otherwise."""
    _float_input("elu", "elu_cpu", input)
    _no_inplace(inplace)
    return apply(ELU, (input,), {"alpha": alpha})


_SQRT1_2 = math.sqrt(0.5)
_GELU_PDF = 1.0 / math.sqrt(2.0 * math.pi)  # M_2_SQRTPI * M_SQRT1_2 * 0.5
_GELU_BETA = math.sqrt(2.0 / math.pi)  # M_SQRT2 * M_2_SQRTPI * 0.5
_GELU_KAPPA = 0.044715


@half_via_float
def _gelu_forward(a: np.ndarray, approximate: str) -> np.ndarray:
    if approximate == "tanh":
        inner = np.asarray(_GELU_BETA, a.dtype) * (a + np.asarray(_GELU_KAPPA, a.dtype) * a * a * a)
        return np.asarray(0.5, a.dtype) * a * (1 + np.tanh(inner))
    cdf = 1 + ew._erf_forward(a * np.asarray(_SQRT1_2, a.dtype))
    return a * np.asarray(0.5, a.dtype) * cdf


def _gelu_grad(g: Tensor, c: Any) -> Tensor:
    x = c.self
    if c.approximate == "tanh":
        x_sq = x * x
        inner = _GELU_BETA * (x + _GELU_KAPPA * x_sq * x)
        t = tanh(inner)
        left_derivative = 0.5 * (1 + t)
        right_derivative = 0.5 * x * (1 - t * t) * _GELU_BETA * (1 + 3 * _GELU_KAPPA * x_sq)
        return g * (left_derivative + right_derivative)
    cdf = 0.5 * (1 + ew.erf(x * _SQRT1_2))
    pdf = exp(-0.5 * x * x) * _GELU_PDF
    return g * (cdf + x * pdf)


GELU = primitive(
    "gelu", "GeluBackward0", ("self",), _gelu_forward, (Derivative(_gelu_grad, ("self",)),)
)


@op(grad_fn="GeluBackward0", method=False, function=False, functional=True)
def gelu(input: Tensor, approximate: str = "none") -> Tensor:
    """x·Φ(x) with the exact normal CDF, or its tanh approximation (approximate='tanh')."""
    if approximate not in ("none", "tanh"):
        raise errors.RuntimeError("approximate argument must be either none or tanh.")
    _float_input("gelu", "GeluKernelImpl", input)
    return apply(GELU, (input,), {"approximate": approximate})


@half_via_float
def _silu_forward(a: np.ndarray) -> np.ndarray:
    return a / (1 + np.exp(-a))  # torch's kernel: silu(-inf) is nan, silu(-100) is -0.


def _silu_grad(g: Tensor, c: Any) -> Tensor:
    s = sigmoid(c.self)
    return g * (s * (1 + c.self * (1 - s)))


SILU = primitive(
    "silu", "SiluBackward0", ("self",), _silu_forward, (Derivative(_silu_grad, ("self",)),)
)


@op(grad_fn="SiluBackward0", method=False, function=False, functional=True)
def silu(input: Tensor, inplace: bool = False) -> Tensor:
    """x·sigmoid(x) (swish)."""
    _float_input("silu", "silu_cpu", input)
    _no_inplace(inplace)
    return apply(SILU, (input,))


@half_via_float
def _softplus_forward(a: np.ndarray, beta: float, threshold: float) -> np.ndarray:
    b = np.asarray(beta, a.dtype)
    bx = a * b
    return np.where(bx > threshold, a, np.log1p(np.exp(bx)) / b)


def _softplus_grad(g: Tensor, c: Any) -> Tensor:
    # softplus_backward: z = exp(βx); grad where βx > threshold, else grad·z/(z + 1). The
    # exponent is capped at the threshold so the unselected branch never overflows (an inf there
    # would turn into nan in the second derivative); selected elements are unchanged.
    bx = c.self * c.beta
    z = exp(ew.clamp_max(bx, c.threshold))
    return where(bx > c.threshold, g, g * z / (z + 1))


SOFTPLUS = primitive(
    "softplus",
    "SoftplusBackward0",
    ("self",),
    _softplus_forward,
    (Derivative(_softplus_grad, ("self",)),),
)


@op(grad_fn="SoftplusBackward0", method=False, function=False, functional=True)
def softplus(input: Tensor, beta: float = 1.0, threshold: float = 20.0) -> Tensor:
    """log(1 + exp(β·x))/β, and x itself where β·x > threshold (no overflow)."""
    _float_input("softplus", "softplus_cpu", input)
    return apply(SOFTPLUS, (input,), {"beta": beta, "threshold": threshold})


@half_via_float
def _logsigmoid_forward(a: np.ndarray) -> np.ndarray:
    # min(x, 0) - log1p(exp(-|x|)): exact for large |x| of either sign, -inf at -inf.
    return np.minimum(a, 0) - np.log1p(np.exp(-np.abs(a)))


LOGSIGMOID = primitive(
    "logsigmoid",
    "LogSigmoidBackward0",
    ("self",),
    _logsigmoid_forward,
    (Derivative(lambda g, c: g * sigmoid(-c.self), ("self",)),),
)


@op(grad_fn="LogSigmoidBackward0", method=False, function=False, functional=True)
def logsigmoid(input: Tensor) -> Tensor:
    """log(sigmoid(x)), computed stably."""
    _float_input("logsigmoid", "log_sigmoid_cpu", input)
    return apply(LOGSIGMOID, (input,))


# ---- softmax / log_softmax ---------------------------------------------------------------------


def _shifted(a: np.ndarray, dim: int | None) -> np.ndarray:
    """x - max(x) along dim: the stable form (a row of -inf, or any inf/nan, gives nan like torch)."""
    if dim is not None and a.shape[dim] == 0:
        return a.copy()
    return a - np.max(a, axis=dim, keepdims=True)


@half_via_float
def _softmax_forward(a: np.ndarray, dim: int | None) -> np.ndarray:
    e = np.exp(_shifted(a, dim))
    return e / np.sum(e, axis=dim, keepdims=True)


@half_via_float
def _log_softmax_forward(a: np.ndarray, dim: int | None) -> np.ndarray:
    z = _shifted(a, dim)
    return z - np.log(np.sum(np.exp(z), axis=dim, keepdims=True))


SOFTMAX = primitive(
    "softmax",
    "SoftmaxBackward0",
    ("self",),
    _softmax_forward,
    # _softmax_backward_data: (grad - sum(grad * y)) * y
    (
        Derivative(
            lambda g, c: (g - (g * c.result).sum(c.dim, keepdim=True)) * c.result,
            ("result",),
            fast=lambda g, c: _softmax_backward(g, c.result._data, c.dim),
        ),
    ),
)
LOG_SOFTMAX = primitive(
    "log_softmax",
    "LogSoftmaxBackward0",
    ("self",),
    _log_softmax_forward,
    # _log_softmax_backward_data: grad - exp(y) * sum(grad)
    (
        Derivative(
            lambda g, c: g - exp(c.result) * g.sum(c.dim, keepdim=True),
            ("result",),
            fast=lambda g, c: _log_softmax_backward(g, c.result._data, c.dim),
        ),
    ),
)


def _softmax_backward(g: np.ndarray, y: np.ndarray, dim: int | None) -> np.ndarray | None:
    """The formula above on arrays (float16 defers to it: its ops compute in float32)."""
    if g.dtype == np.float16 or g.dtype != y.dtype:
        return None
    return (g - np.sum(g * y, axis=dim, keepdims=True)) * y


def _log_softmax_backward(g: np.ndarray, y: np.ndarray, dim: int | None) -> np.ndarray | None:
    if g.dtype == np.float16 or g.dtype != y.dtype:
        return None
    return g - np.exp(y) * np.sum(g, axis=dim, keepdims=True)


def _softmax_dim(name: str, input: Tensor, dim: int | None) -> int:
    if dim is None:
        warnings.warn(
            f"Implicit dimension choice for {name} has been deprecated. Change the call to "
            "include dim=X as an argument.",
            UserWarning,
            stacklevel=4,
        )
        return 0 if input._data.ndim in (0, 1, 3) else 1
    return dim


def _softmax_like(
    prim: Any, name: str, input: Tensor, dim: int | None, dtype: DType | None
) -> Tensor:
    check_tensor(name, input)
    d = _softmax_dim(name, input, dim)
    ndim = input._data.ndim
    axis = normalize_dim(int(d), ndim)
    if dtype is not None:
        input = input.to(dtype)
    if input._data.dtype.kind != "f":
        last = ndim == 0 or axis == ndim - 1
        kernel = f"{name}_lastdim_kernel_impl" if last else f"{name}_kernel_impl"
        raise not_implemented(kernel, input)
    if ndim == 0:
        # A 0-d tensor is a single row: softmax is 1, log_softmax 0 (nan for inf/nan input).
        return apply(prim, (input,), {"dim": None})
    return apply(prim, (input,), {"dim": axis})


@op(grad_fn="SoftmaxBackward0", functional=True)
def softmax(input: Tensor, dim: int | None = None, dtype: DType | None = None) -> Tensor:
    """exp(x) / sum(exp(x)) along dim, computed from x - max(x); saves its result.

    dtype casts the input first (a ToCopyBackward0 node under the softmax). dim=None picks
    torch's legacy implicit dim and warns, as F.softmax does.
    """
    return _softmax_like(SOFTMAX, "softmax", input, dim, dtype)


@op(grad_fn="LogSoftmaxBackward0", functional=True)
def log_softmax(input: Tensor, dim: int | None = None, dtype: DType | None = None) -> Tensor:
    """x - logsumexp(x) along dim, stable for large and -inf entries; saves its result."""
    return _softmax_like(LOG_SOFTMAX, "log_softmax", input, dim, dtype)


# ---- reduction arguments -------------------------------------------------------------------------

_REDUCTIONS = ("none", "mean", "sum")


def _legacy_reduction(size_average: bool | None, reduce: bool | None) -> str:
    """torch's _Reduction.legacy_get_string, with its deprecation warning."""
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    if size_average and reduce:
        ret = "mean"
    elif reduce:
        ret = "sum"
    else:
        ret = "none"
    warnings.warn(
        f"size_average and reduce args will be deprecated, please use reduction='{ret}' instead.",
        UserWarning,
        stacklevel=4,
    )
    return ret


def _reduction(size_average: bool | None, reduce: bool | None, reduction: str) -> str:
    """The effective reduction; unknown names raise torch's ValueError."""
    if size_average is not None or reduce is not None:
        return _legacy_reduction(size_average, reduce)
    if reduction == "elementwise_mean":
        warnings.warn(
            "reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead.",
            UserWarning,
            stacklevel=4,
        )
        return "mean"
    if reduction not in _REDUCTIONS:
        raise errors.ValueError(f"{reduction} is not a valid value for reduction")
    return reduction


def _mean(values: np.ndarray) -> np.ndarray:
    """Mean in the input's dtype; an empty input gives nan (0/0) without numpy's warning."""
    return np.asarray(np.sum(values) / values.size if values.size else np.nan, dtype=values.dtype)


def _reduce_array(losses: np.ndarray, reduction: str) -> np.ndarray:
    """A loss kernel's per-element losses, reduced as `reduction` says (in their dtype)."""
    if reduction == "none":
        return losses
    if reduction == "sum":
        return np.asarray(np.sum(losses), dtype=losses.dtype)
    return _mean(losses)


def _reduce(losses: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return losses.mean()
    if reduction == "sum":
        return losses.sum()
    return losses


def _check_weight_shape(input: Tensor, weight: Tensor) -> None:
    """A loss weight multiplies the losses in place: it must broadcast to the input's shape."""
    new = broadcast_shapes(input._data.shape, weight._data.shape)
    if new != input._data.shape:
        raise errors.RuntimeError(
            f"output with shape {_size(input._data.shape)} doesn't match the broadcast "
            f"shape {_size(new)}"
        )


def _no_grad_weight(fname: str, **weights: Tensor | None) -> None:
    for name, w in weights.items():
        if w is not None and w._requires_grad:
            raise errors.RuntimeError(
                f"The function '{fname}' is not differentiable with respect to argument "
                f"'{name}'. This input cannot have requires_grad True."
            )


def _pointwise_loss_args(
    fname: str,
    input: Tensor,
    target: Tensor,
    size_average: bool | None,
    reduce: bool | None,
    reduction: str,
) -> tuple[Tensor, Tensor, str]:
    """mse_loss/l1_loss: input and target broadcast together (torch.broadcast_tensors), with
    torch's warning (facts §15) when the target's size differs, and the reduction asked for.

    The reduction name comes back unvalidated: only the unweighted form checks it
    (`_weighted_pointwise` reads it as it is).
    """
    check_tensors(fname, input=input, target=target)
    if input._data.shape != target._data.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to broadcasting. "
            "Please ensure they have the same size.",
            UserWarning,
            stacklevel=3,
        )
    if size_average is not None or reduce is not None:
        reduction = _legacy_reduction(size_average, reduce)
    if input._data.shape == target._data.shape:
        return input, target, reduction
    shape = broadcast_shapes(input._data.shape, target._data.shape)
    check_numel(shape)
    # broadcast_tensors only expands (ExpandBackward0) the operands that change shape.
    if input._data.shape != shape:
        input = input.expand(*shape)
    if target._data.shape != shape:
        target = target.expand(*shape)
    return input, target, reduction


def _weighted_pointwise(losses: Tensor, weight: Tensor, input: Tensor, reduction: str) -> Tensor:
    """mse_loss/l1_loss with `weight` (torch 2.13 does these manually in Python)."""
    if weight._data.shape != input._data.shape:
        raise errors.ValueError("Weights and input must have the same size.")
    weighted = losses * weight
    if reduction == "none":
        return weighted
    if reduction == "sum":
        return weighted.sum()
    return weighted.sum() / weight.sum()


# ---- mse_loss / l1_loss ----------------------------------------------------------------------------


@half_via_float
def _mse_forward(a: np.ndarray, t: np.ndarray, reduction: str) -> np.ndarray:
    d = a - t
    return _reduce_array(d * d, reduction)


def _mse_norm(c: Any) -> float:
    if c.reduction == "mean":
        n = int(np.prod(c.input_shape(0)))
        return 2.0 / n if n else math.inf
    return 2.0


MSE_LOSS = primitive(
    "mse_loss",
    "MseLossBackward0",
    ("self", "target"),
    _mse_forward,
    # mse_loss_backward: norm * (input - target) * grad, norm = 2/N for 'mean', 2 otherwise.
    (
        Derivative(lambda g, c: (c.self - c.target) * _mse_norm(c) * g, ("self", "target")),
        Derivative(lambda g, c: (c.target - c.self) * _mse_norm(c) * g, ("self", "target")),
    ),
)


@op(grad_fn="MseLossBackward0", method=False, function=False, functional=True)
def mse_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    """Mean (or sum, or per-element) squared error; one MseLossBackward0 node saving both.

    A target of another size warns (torch's UserWarning) and is broadcast.
    """
    x, t, red = _pointwise_loss_args("mse_loss", input, target, size_average, reduce, reduction)
    if weight is not None:
        return _weighted_pointwise((x - t) ** 2, weight, input, red)
    red = _reduction(None, None, red)
    compute = promote(x, t)
    if compute.kind != "f":
        raise errors.NotImplementedError(
            f"\"mse_cpu\" not implemented for '{_scalar_name(compute)}'"
        )
    return apply(MSE_LOSS, (x, t), {"reduction": red}, compute)


@op(
    grad_fn=("MeanBackward0", "SumBackward0", "AbsBackward0"),
    method=False,
    function=False,
    functional=True,
)
def l1_loss(
    input: Tensor,
    target: Tensor,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    weight: Tensor | None = None,
) -> Tensor:
    """Mean absolute error, composed as torch does: |input - target| then mean/sum."""
    x, t, red = _pointwise_loss_args("l1_loss", input, target, size_average, reduce, reduction)
    if weight is not None:
        return _weighted_pointwise(ew.abs_(x - t), weight, input, red)
    red = _reduction(None, None, red)
    return _reduce(ew.abs_(x - t), red)


# ---- nll_loss --------------------------------------------------------------------------------------


def _nll_layout(a: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Input as (N, C, ...) and target as (N, ...): a 1-D input is a batch of one."""
    if a.ndim == 1:
        return a[None], target.reshape(1)
    return a, target


def _nll_forward(
    a: np.ndarray,
    target: np.ndarray,
    weight: np.ndarray | None,
    reduction: str,
    ignore_index: int,
) -> Any:
    x, t = _nll_layout(a, target)
    if weight is None and x.ndim == 2 and not (t == ignore_index).any():
        # the common case in fewer numpy calls, same values: every weight is 1
        losses = -x[np.arange(x.shape[0]), t]
        total = np.asarray(x.shape[0], dtype=a.dtype)
    else:
        ignored = t == ignore_index
        safe = np.where(ignored, 0, t)
        picked = np.take_along_axis(x, safe[:, None], axis=1)[:, 0]
        w = np.ones((), a.dtype) if weight is None else weight[safe]
        w = np.where(ignored, np.zeros((), a.dtype), w).astype(a.dtype)
        losses = np.where(ignored, np.zeros((), a.dtype), -(picked * w))
        total = np.asarray(np.sum(w), dtype=a.dtype)
    if reduction == "none":
        # A 1-D input gives a 0-d loss even for a target of shape [1] (measured).
        out = losses.reshape(target.shape if a.ndim > 1 else ())
    elif reduction == "sum":
        out = np.asarray(np.sum(losses), dtype=a.dtype)
    else:
        out = np.asarray(np.sum(losses) / total, dtype=a.dtype)
    extras = {"target": target, "total_weight": total}
    if weight is not None:
        extras["weight"] = weight
    return out, extras


def _nll_coef(
    shape: tuple[int, ...],
    dtype: np.dtype,
    target: np.ndarray,
    weight: np.ndarray | None,
    total_weight: np.ndarray,
    reduction: str,
    ignore_index: int,
) -> np.ndarray:
    """d(loss)/d(input) per unit upstream gradient: -w[t]/total at each target class, else 0."""
    x_shape = (1, *shape) if len(shape) == 1 else shape
    t = target.reshape(1) if len(shape) == 1 else target
    if weight is None and len(x_shape) == 2 and not (t == ignore_index).any():
        # the common case, same values: -1 (or -1/N for 'mean') at each target class
        coef = np.zeros(x_shape, dtype)
        one = np.ones((), dtype)
        coef[np.arange(x_shape[0]), t] = -one / total_weight if reduction == "mean" else -one
        return coef.reshape(shape)
    ignored = t == ignore_index
    safe = np.where(ignored, 0, t)
    w = np.ones(t.shape, dtype) if weight is None else weight[safe].astype(dtype)
    vals = np.where(ignored, np.zeros((), dtype), -w)
    if reduction == "mean" and not np.all(ignored):
        vals = vals / total_weight
    coef = np.zeros(x_shape, dtype)
    np.put_along_axis(coef, safe[:, None], vals[:, None], axis=1)
    return coef.reshape(shape)


def _nll_backward_forward(
    grad_output: np.ndarray,
    self: np.ndarray,
    *,
    target: np.ndarray,
    weight: np.ndarray | None,
    total_weight: np.ndarray,
    reduction: str,
    ignore_index: int,
) -> np.ndarray:
    shape = self.shape
    coef = _nll_coef(shape, self.dtype, target, weight, total_weight, reduction, ignore_index)
    if reduction == "none" and len(shape) > 1:
        grad_output = grad_output.reshape(shape[0], 1, *shape[2:])
    return grad_output * coef


def _nll_double_backward(gg: Tensor, c: Any) -> Tensor:
    """torch: grad_output's derivative is nll_loss(grad, target, ...) — linear, so a gather."""
    shape = c.input_shape(1)
    coef = _nll_coef(
        shape,
        gg._data.dtype,
        c.target,
        c.weight,
        c.total_weight,
        c.reduction,
        c.ignore_index,
    )
    prod = gg * Tensor._make(coef, None)
    return prod.sum(1) if c.reduction == "none" and len(shape) > 1 else prod.sum()


def _nll_backward_prim(name: str, grad_fn: str) -> Any:
    # Like ThresholdBackwardBackward0: under create_graph the first derivative stays connected
    # to the loss input (with a zero derivative), as torch's NllLossBackwardBackward0 does.
    return primitive(
        name,
        grad_fn,
        ("grad_output", "self"),
        _nll_backward_forward,
        (Derivative(_nll_double_backward), Derivative(lambda g, c: ew._zeros(g))),
    )


NLL_BACKWARD = _nll_backward_prim("nll_loss_backward", "NllLossBackwardBackward0")
NLL2D_BACKWARD = _nll_backward_prim("nll_loss2d_backward", "NllLoss2DBackwardBackward0")


def _nll_backward_attrs(c: Any) -> dict[str, Any]:
    """nll_loss_backward's attributes, read from an nll_loss node (with torch's size check)."""
    shape = c.input_shape(0)
    target = c.target._data
    if len(shape) == 1 and target.ndim == 1 and c.reduction == "none":
        # torch's forward accepts a [1] target for a 1-D input, its backward does not.
        raise errors.RuntimeError(
            f"size mismatch (got input: {_size(shape)}, target: {_size(target.shape)})"
        )
    return {
        "target": target,
        "weight": None if c.weight is None else c.weight._data,
        "total_weight": c.total_weight._data,
        "reduction": c.reduction,
        "ignore_index": c.ignore_index,
    }


def _nll_prim(name: str, grad_fn: str, weighted: bool, backward: Primitive) -> Primitive:
    reads = ("target", "total_weight", *(("weight",) if weighted else ()))

    def forward(
        a: np.ndarray,
        *,
        target: np.ndarray,
        weight: np.ndarray | None,
        reduction: str,
        ignore_index: int,
    ) -> Any:
        return _nll_forward(a, target, weight, reduction, ignore_index)

    # nll_loss_backward: (one-hot coefficients) * grad, as a node of its own under create_graph
    grad = backward_of(backward, "self", _nll_backward_attrs, reads)
    return primitive(name, grad_fn, ("self",), forward, (grad,))


_NLL = {
    (False, False): _nll_prim("nll_loss", "NllLossBackward0", False, NLL_BACKWARD),
    (False, True): _nll_prim("nll_loss_weighted", "NllLossBackward0", True, NLL_BACKWARD),
    (True, False): _nll_prim("nll_loss2d", "NllLoss2DBackward0", False, NLL2D_BACKWARD),
    (True, True): _nll_prim("nll_loss2d_weighted", "NllLoss2DBackward0", True, NLL2D_BACKWARD),
}


def _size(shape: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]"


def _check_nll_target(
    input: Tensor, target: Tensor, weight: Tensor | None, ignore_index: int
) -> np.ndarray:
    """torch's checks on the target and weight of nll_loss; returns the target as int64."""
    if target._data.dtype not in (np.int64, np.uint8):
        raise errors.RuntimeError(
            f"expected target dtype to be Long or Byte, but got {target.dtype.scalar_name}"
        )
    if input._data.dtype.kind != "f":
        raise not_implemented("nll_loss_out_frame", input)
    n_classes = input._data.shape[1] if input._data.ndim > 1 else input._data.shape[0]
    if weight is not None:
        if weight._data.ndim != 1 or weight._data.shape[0] != n_classes:
            raise errors.RuntimeError(
                f"weight tensor should be defined either for all {n_classes} classes or no "
                f"classes but got weight tensor of shape: {_size(weight._data.shape)}"
            )
        if weight._data.dtype != input._data.dtype:
            raise errors.RuntimeError(
                f"expected scalar type {input.dtype.scalar_name} but found "
                f"{weight.dtype.scalar_name}"
            )
    t = target._data.astype(np.int64, copy=False)
    if t.size and (t.min() < 0 or t.max() >= n_classes):  # only then can a target be bad
        bad = (t != ignore_index) & ((t < 0) | (t >= n_classes))
        if np.any(bad):
            raise errors.IndexError(f"Target {int(t[bad].flat[0])} is out of bounds.")
    return t


def _nll_apply(
    two_d: bool,
    input: Tensor,
    target: np.ndarray,
    weight: Tensor | None,
    reduction: str,
    ignore_index: int,
) -> Tensor:
    attrs = {
        "target": target,
        "weight": None if weight is None else weight._data,
        "reduction": reduction,
        "ignore_index": int(ignore_index),
    }
    out, _ = apply(_NLL[(two_d, weight is not None)], (input,), attrs)
    return out


def _nll_loss_nd(
    input: Tensor, target: Tensor, weight: Tensor | None, reduction: str, ignore_index: int
) -> Tensor:
    """ATen's nll_loss_nd: 1-D/2-D → nll_loss, 4-D → nll_loss2d, others viewed as 4-D."""
    shape, tshape = input._data.shape, target._data.shape
    ndim = len(shape)
    if ndim < 1:
        raise errors.ValueError(f"Expected 1 or more dimensions (got {ndim})")
    if ndim != 1 and shape[0] != (tshape[0] if tshape else 0):
        raise errors.ValueError(
            f"Expected input batch_size ({shape[0]}) to match target batch_size "
            f"({tshape[0] if tshape else 0})."
        )
    _no_grad_weight("nll_loss_forward", weight=weight)
    if ndim <= 2:
        if len(tshape) > 1:
            raise errors.RuntimeError("0D or 1D target tensor expected, multi-target not supported")
        if ndim == 1 and len(tshape) == 1 and tshape[0] != 1:
            raise errors.ValueError(
                f"For 1D input, 1D target must have size 1, but got target size: {tshape[0]}"
            )

        t = _check_nll_target(input, target, weight, ignore_index)
        return _nll_apply(False, input, t, weight, reduction, ignore_index)
    if ndim == 4:
        if len(tshape) != 3:
            raise errors.RuntimeError(
                "only batches of spatial targets supported (3D tensors) but got targets of "
                f"dimension: {len(tshape)}"
            )
        if tshape != (shape[0], shape[2], shape[3]):
            raise errors.RuntimeError(
                f"size mismatch (got input: {_size(shape)} , target: {_size(tshape)}"
            )
        t = _check_nll_target(input, target, weight, ignore_index)
        return _nll_apply(True, input, t, weight, reduction, ignore_index)
    out_size = (shape[0], *shape[2:])
    if tshape[1:] != shape[2:]:
        raise errors.RuntimeError(f"Expected target size {_size(out_size)}, got {_size(tshape)}")
    t = _check_nll_target(input, target, weight, ignore_index)
    spatial = int(np.prod(shape[2:]))
    flat = input.view(shape[0], shape[1], 1, spatial)
    out = _nll_apply(True, flat, t.reshape(shape[0], 1, spatial), weight, reduction, ignore_index)
    return out.view(*out_size) if reduction == "none" else out


@op(
    grad_fn=("NllLossBackward0", "NllLoss2DBackward0"),
    method=False,
    function=False,
    functional=True,
)
def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """Negative log-likelihood of class-index targets; 'mean' divides by the summed weights."""
    check_tensors("nll_loss", input=input, target=target)
    red = _reduction(size_average, reduce, reduction)
    return _nll_loss_nd(input, target, weight, red, ignore_index)


# ---- cross_entropy ------------------------------------------------------------------------------


def _class_dim(input: Tensor) -> int:
    return 0 if input._data.ndim == 1 else 1


def _weight_view(weight: Tensor, input: Tensor, class_dim: int) -> Tensor:
    """weight as a (1, C, 1, ...) view that broadcasts against input (1-D input: as is)."""
    if input._data.ndim <= 1:
        return weight
    shape = [1] * input._data.ndim
    shape[class_dim] = weight._data.shape[0]
    return weight.view(*shape)


def _cross_entropy_probs(
    input: Tensor, target: Tensor, weight: Tensor | None, reduction: str, label_smoothing: float
) -> Tensor:
    """cross_entropy_loss_prob_target: -(log_softmax(x) * target [* weight]).sum() / N."""
    class_dim = _class_dim(input)
    n_classes = input._data.shape[class_dim] if input._data.ndim else 1
    if weight is not None and (weight._data.ndim != 1 or weight._data.shape[0] != n_classes):
        raise errors.RuntimeError(
            f"cross_entropy: weight tensor should be defined either for all {n_classes} classes "
            f"or no classes but got weight tensor of shape: {_size(weight._data.shape)}"
        )
    logp = log_softmax(input, class_dim)
    if label_smoothing > 0.0:
        _check_smoothing(label_smoothing)
        target = add_scalar(mul_scalar(target, 1 - label_smoothing), label_smoothing / n_classes)
    prod = logp * target
    if weight is not None:
        prod = prod * _weight_view(weight, input, class_dim)
    if reduction == "none":
        return -prod.sum(class_dim)
    total = -prod.sum()
    if reduction == "sum":
        return total
    # `input.numel() / n_classes` is an integer division of sizes in ATen.
    return div_scalar(total, input._data.size // n_classes if n_classes else 0)


def _check_smoothing(label_smoothing: float) -> None:
    if label_smoothing > 1.0:
        raise errors.RuntimeError(
            f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}"
        )


def _cross_entropy_smoothed(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None,
    reduction: str,
    ignore_index: int,
    label_smoothing: float,
) -> Tensor:
    """cross_entropy_loss_label_smoothing: (1-ε)·nll + ε/C · (smoothing loss), as ATen builds it."""
    _check_smoothing(label_smoothing)
    class_dim = _class_dim(input)
    logp = log_softmax(input, class_dim)
    nll = _nll_loss_nd(logp, target, weight, reduction, ignore_index)
    n_classes = input._data.shape[class_dim]
    ignore_mask = target == ignore_index
    if weight is not None:
        smooth = -(logp * _weight_view(weight, input, class_dim)).sum(class_dim)
    else:
        smooth = -logp.sum(class_dim)
    smooth = ew.masked_fill(smooth, ignore_mask, 0.0)
    if reduction == "mean":
        keep = ~ignore_mask._data
        if weight is not None:
            picked = weight._data[target._data[keep].astype(np.int64)]
            denom = Tensor._make(np.asarray(np.sum(picked), dtype=weight._data.dtype), None)
        else:
            denom = Tensor._make(np.asarray(np.sum(keep), dtype=np.int64), None)
        ret = smooth.sum() / denom
    elif reduction == "sum":
        ret = smooth.sum()
    else:
        ret = smooth
    return mul_scalar(nll, 1 - label_smoothing) + mul_scalar(ret, label_smoothing / n_classes)


@op(
    grad_fn=("NllLossBackward0", "DivBackward1", "AddBackward0"),
    method=False,
    function=False,
    functional=True,
)
def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """log_softmax over the class dim, then nll_loss (class indices) or -Σ p·log q (probabilities).

    A target of the input's shape is read as class probabilities (floating point only); any
    other target holds class indices (int64 or uint8), where ignore_index is skipped.
    """
    check_tensors("cross_entropy", input=input, target=target)
    red = _reduction(size_average, reduce, reduction)
    if input._data.shape == target._data.shape:
        if target._data.dtype.kind != "f":
            raise errors.RuntimeError(
                "Expected floating point type for target with class probabilities, got "
                f"{target.dtype.scalar_name}"
            )
        if ignore_index >= 0:
            raise errors.RuntimeError("ignore_index is not supported for floating point target")
        return _cross_entropy_probs(input, target, weight, red, label_smoothing)
    if label_smoothing > 0.0:
        return _cross_entropy_smoothed(input, target, weight, red, ignore_index, label_smoothing)
    return _nll_loss_nd(log_softmax(input, _class_dim(input)), target, weight, red, ignore_index)


# ---- binary_cross_entropy --------------------------------------------------------------------------


@half_via_float
def _bce_forward(a: np.ndarray, t: np.ndarray, reduction: str, weight: np.ndarray | None) -> Any:
    # torch's kernel: (t - 1)·max(log1p(-x), -100) - t·max(log(x), -100). The clamp at -100
    # makes p ∈ {0, 1} with the wrong label cost exactly 100 instead of inf.
    floor = np.asarray(-100, a.dtype)
    loss = (t - 1) * np.maximum(np.log1p(-a), floor) - t * np.maximum(np.log(a), floor)
    if weight is not None:
        loss = loss * weight
    out = _reduce_array(loss, reduction)
    return out if weight is None else (out, {"weight": weight})


_BCE_EPSILON = 1e-12


def _bce_scale(grad: Tensor, c: Any) -> Tensor:
    """The binary cross-entropies' gradient [· weight] [/ N for 'mean']."""
    w = _const(c, "weight")
    if w is not None:
        grad = grad * w
    if c.reduction == "mean":
        grad = grad / int(np.prod(c.input_shape(0)))
    return grad


def _bce_self_grad(g: Tensor, c: Any) -> Tensor:
    # binary_cross_entropy_backward: grad·(x - t) / max((1 - x)·x, EPSILON) [·w] [/N]
    x = c.self
    return _bce_scale(g * (x - c.target) / ew.clamp_min((1 - x) * x, _BCE_EPSILON), c)


def _bce_target_grad(g: Tensor, c: Any) -> Tensor:
    # binary_cross_entropy_target_backward: -logit(x)·grad [·w] [/N]
    x = c.self
    return _bce_scale(-log(x / (1 - x)) * g, c)


def _bce_prim(name: str, weighted: bool) -> Any:
    saves = ("self", "target", *(("weight",) if weighted else ()))

    def forward(a: np.ndarray, t: np.ndarray, *, reduction: str, weight: Any) -> Any:
        return _bce_forward(a, t, reduction, weight)

    return primitive(
        name,
        "BinaryCrossEntropyBackward0",
        ("self", "target"),
        forward,
        (Derivative(_bce_self_grad, saves), Derivative(_bce_target_grad, saves)),
    )


_BCE = {False: _bce_prim("binary_cross_entropy", False), True: _bce_prim("bce_weighted", True)}


@op(grad_fn="BinaryCrossEntropyBackward0", method=False, function=False, functional=True)
def binary_cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """-[t·log p + (1-t)·log(1-p)] with each log clamped at -100; p must lie in [0, 1]."""
    check_tensors("binary_cross_entropy", input=input, target=target)
    red = _reduction(size_average, reduce, reduction)
    if target._data.shape != input._data.shape:
        raise errors.ValueError(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}) is deprecated. Please ensure they have the same size."
        )
    w = None
    if weight is not None:
        _check_weight_shape(input, weight)
        _no_grad_weight("binary_cross_entropy", weight=weight)
        w = np.broadcast_to(weight._data, input._data.shape).astype(input._data.dtype)
    if target._data.dtype != input._data.dtype:
        raise errors.RuntimeError(
            f"Found dtype {target.dtype.scalar_name} but expected {input.dtype.scalar_name}"
        )
    x, t = input._data, target._data
    if not np.all((x >= 0) & (x <= 1)):
        raise errors.RuntimeError("all elements of input should be between 0 and 1")
    if not np.all((t >= 0) & (t <= 1)):
        raise errors.RuntimeError("all elements of target should be between 0 and 1")
    out = apply(_BCE[w is not None], (input, target), {"reduction": red, "weight": w})
    return out[0] if isinstance(out, tuple) else out


# ---- binary_cross_entropy_with_logits ------------------------------------------------------------


@half_via_float
def _bce_logits_forward(
    a: np.ndarray,
    t: np.ndarray,
    reduction: str,
    weight: np.ndarray | None,
    pos_weight: np.ndarray | None,
) -> Any:
    # torch: (1 - t)·x - log_sigmoid(x)·(1 + (pw - 1)·t), times weight. log_sigmoid is the
    # stable min(x, 0) - log1p(exp(-|x|)), so ±100 and ±1e4 give exact losses; -inf gives nan.
    log_sig = _logsigmoid_forward(a)
    if pos_weight is not None:
        log_sig = log_sig * ((pos_weight - 1) * t + 1)
    loss = (1 - t) * a - log_sig
    if weight is not None:
        loss = loss * weight
    out = _reduce_array(loss, reduction)
    extras = {}
    if weight is not None:
        extras["weight"] = weight
    if pos_weight is not None:
        extras["pos_weight"] = pos_weight
    return (out, extras) if extras else out


def _const(c: Any, name: str) -> Tensor | None:
    value = getattr(c, name)
    if value is None:
        return None
    return Tensor._make(value._data if isinstance(value, Tensor) else value, None)


def _bce_logits_self_grad(g: Tensor, c: Any) -> Tensor:
    x, t = c.self, c.target
    pw = _const(c, "pos_weight")
    if pw is None:
        grad = sigmoid(x) - t
    else:
        pt = pw * t
        grad = (pt + 1 - t) * sigmoid(x) - pt
    return _bce_scale(grad * g, c)


def _bce_logits_target_grad(g: Tensor, c: Any) -> Tensor:
    x = c.self
    pw = _const(c, "pos_weight")
    if pw is None:
        grad = -x * g
    else:
        grad = (logsigmoid(-x) - logsigmoid(x) * pw) * g
    return _bce_scale(grad, c)


def _bce_logits_prim(name: str, weighted: bool, pos_weighted: bool) -> Any:
    saves = (
        "self",
        "target",
        *(("weight",) if weighted else ()),
        *(("pos_weight",) if pos_weighted else ()),
    )

    def forward(
        a: np.ndarray, t: np.ndarray, *, reduction: str, weight: Any, pos_weight: Any
    ) -> Any:
        return _bce_logits_forward(a, t, reduction, weight, pos_weight)

    return primitive(
        name,
        "BinaryCrossEntropyWithLogitsBackward0",
        ("self", "target"),
        forward,
        (Derivative(_bce_logits_self_grad, saves), Derivative(_bce_logits_target_grad, saves)),
    )


_BCE_LOGITS = {
    (w, pw): _bce_logits_prim(f"bce_with_logits{'_w' if w else ''}{'_pw' if pw else ''}", w, pw)
    for w in (False, True)
    for pw in (False, True)
}


@op(
    grad_fn="BinaryCrossEntropyWithLogitsBackward0",
    method=False,
    function=False,  # torch.binary_cross_entropy_with_logits has another positional order
    functional=True,
)
def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    """Sigmoid + binary cross-entropy in one stable node (finite for logits of any size)."""
    check_tensors("binary_cross_entropy_with_logits", input=input, target=target)
    red = _reduction(size_average, reduce, reduction)
    if target._data.shape != input._data.shape:
        raise errors.ValueError(
            f"Target size ({target.shape}) must be the same as input size ({input.shape})"
        )
    _no_grad_weight("binary_cross_entropy_with_logits", weight=weight, pos_weight=pos_weight)
    operands = [input, target, *(w for w in (weight, pos_weight) if w is not None)]
    compute = promote(*operands)
    if target._data.dtype.kind != "f":
        raise errors.RuntimeError(
            f"result type {_scalar_name(compute)} can't be cast to the desired output "
            f"type {target.dtype.scalar_name}"
        )
    for w in (weight, pos_weight):
        if w is not None:
            _check_weight_shape(input, w)
    attrs = {
        "reduction": red,
        "weight": None if weight is None else weight._data.astype(compute),
        "pos_weight": None if pos_weight is None else pos_weight._data.astype(compute),
    }
    prim = _BCE_LOGITS[(weight is not None, pos_weight is not None)]
    out = apply(prim, (input, target), attrs, compute)
    return out[0] if isinstance(out, tuple) else out


def _scalar_name(np_dtype: np.dtype) -> str:
    return from_numpy(np_dtype).scalar_name
