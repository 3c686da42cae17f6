"""Element-wise arithmetic: add, sub, mul, div, neg, pow, exp, log, reciprocal, comparisons, where.

Binary ops follow torch's type promotion (a Python number is a "wrapped number": it never raises
a tensor's dtype within its category) and broadcasting; the engine's `sum_to` brings each
gradient back to its input's shape, so no formula here unbroadcasts.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

import numpy as np

from engine import errors
from engine.limits import check_numel
from engine.ops.registry import (
    IDENTITY,
    Derivative,
    Primitive,
    apply,
    backward_of,
    broadcast_shapes,
    check_tensor,
    check_tensors,
    not_implemented,
    op,
    primitive,
    promote,
    wrap,
)
from engine.tensor import Tensor


def _operands(x: Any, y: Any) -> tuple[Tensor, Tensor, np.dtype]:
    """Promote two operands to torch's result dtype and check that they broadcast."""
    if type(x) is Tensor:  # the common cases first: no promotion, no broadcasting
        dx = x._data.dtype
        ty = type(y)
        if ty is Tensor:
            if y._data.dtype is dx and y._data.shape == x._data.shape:
                return x, y, dx
        elif ty is float and dx.kind == "f":
            return x, wrap(y, dx), dx
    compute = promote(x, y)
    tx, ty = wrap(x, compute), wrap(y, compute)
    if tx._data.shape != ty._data.shape:
        check_numel(broadcast_shapes(tx._data.shape, ty._data.shape))
    return tx, ty, compute


_ALPHA_ONE: dict[str, Any] = {"alpha": 1}  # shared by nodes, never mutated


def _times(g: np.ndarray, other: Tensor) -> np.ndarray | None:
    """mul's derivative on arrays, when no promotion is involved (else the Tensor formula)."""
    o = other._data
    return np.multiply(g, o) if o.dtype is g.dtype else None


def _float_compute(compute: np.dtype) -> np.dtype:
    """True division and transcendental functions compute integers in the default float dtype."""
    return compute if compute.kind == "f" else np.dtype(np.float32)


# ---- helpers shared by the families ------------------------------------------------------------


def _zeros(g: Tensor) -> Tensor:
    """torch's `zeros_like(grad)`: a gradient that is exactly 0 (no graph, no nan leaking in)."""
    return Tensor._make(np.zeros_like(g._data), None)


def half_via_float(fn: Any) -> Any:
    """Compute float16 inputs in float32 and round once, as torch's kernels do (opmath).

    Keeps the wrapped forward's signature, since the registry reads node attributes from it.
    """

    def forward(a: np.ndarray, *args: Any, **kwargs: Any) -> Any:
        if a.dtype != np.float16:
            return fn(a, *args, **kwargs)
        out = fn(a.astype(np.float32), *args, **kwargs)
        if type(out) is tuple:
            return out[0].astype(np.float16), out[1]
        return np.asarray(out).astype(np.float16)

    if isinstance(fn, np.ufunc):
        forward.__signature__ = _ONE_ARRAY  # type: ignore[attr-defined]
        return forward
    return functools.wraps(fn)(forward)


_ONE_ARRAY = inspect.Signature([inspect.Parameter("a", inspect.Parameter.POSITIONAL_ONLY)])


def _unary(
    name: str, grad_fn: str, forward: Any, formula: Any = None, saves: tuple[str, ...] = ()
) -> Primitive:
    """Declare a one-input primitive; `formula=None` means torch's zeros_like(grad)."""
    deriv = Derivative(formula if formula is not None else lambda g, c: _zeros(g), saves)
    return primitive(name, grad_fn, ("self",), half_via_float(forward), (deriv,))


def _float_op(prim: Primitive, doc: str, *, functional: bool = False) -> Callable[..., Tensor]:
    """Register `torch.<name>(input)`/`Tensor.<name>()` for a floating-point function of one tensor.

    Integer and bool inputs compute in the default float dtype (float32).
    """

    def func(input: Tensor) -> Tensor:
        check_tensor(prim.name, input)
        return apply(prim, (input,), None, _float_compute(input._data.dtype))

    func.__name__ = func.__qualname__ = prim.name
    func.__doc__ = doc
    return op(grad_fn=prim.grad_fn, functional=functional)(func)


# ---- add / sub ---------------------------------------------------------------------------------

ADD = primitive(
    "add",
    "AddBackward0",
    ("self", "other"),
    lambda a, b, alpha=1: a + b if alpha == 1 else a + alpha * b,
    (
        IDENTITY,
        Derivative(
            lambda g, c: g if c.alpha == 1 else g * c.alpha,
            fast=lambda g, c: g if c.alpha == 1 else None,
        ),
    ),
)


@op(grad_fn="AddBackward0")
def add(input: Any, other: Any, *, alpha: Any = 1) -> Tensor:
    """Element-wise input + alpha * other, with broadcasting."""
    a, b, compute = _operands(input, other)
    return apply(ADD, (a, b), _ALPHA_ONE if alpha == 1 else {"alpha": alpha}, compute)


SUB = primitive(
    "sub",
    "SubBackward0",
    ("self", "other"),
    lambda a, b, alpha=1: a - b if alpha == 1 else a - alpha * b,
    (
        IDENTITY,
        Derivative(
            lambda g, c: -g if c.alpha == 1 else g * -c.alpha,
            fast=lambda g, c: np.negative(g) if c.alpha == 1 else None,
        ),
    ),
)


@op(grad_fn="SubBackward0")
def sub(input: Any, other: Any, *, alpha: Any = 1) -> Tensor:
    """Element-wise input - alpha * other, with broadcasting."""
    a, b, compute = _operands(input, other)
    if compute == np.bool_:
        raise errors.RuntimeError(
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
            "`logical_xor()` operator instead."
        )
    return apply(SUB, (a, b), _ALPHA_ONE if alpha == 1 else {"alpha": alpha}, compute)


RSUB = primitive(
    "rsub",
    "RsubBackward1",
    ("self",),
    lambda a, other: other - a,
    (Derivative(lambda g, c: -g),),
)


def rsub_scalar(input: Tensor, other: Any) -> Tensor:
    """`other - input` for a Python number `other` (torch's RsubBackward1)."""
    compute = promote(input, other)
    scalar = np.asarray(other, dtype=compute)
    return apply(RSUB, (input,), {"other": scalar}, compute)


# ---- mul / div --------------------------------------------------------------------------------

MUL = primitive(
    "mul",
    "MulBackward0",
    ("self", "other"),
    np.multiply,
    (
        Derivative(
            lambda g, c: g * c.other, saves=("other",), fast=lambda g, c: _times(g, c.other)
        ),
        Derivative(lambda g, c: g * c.self, saves=("self",), fast=lambda g, c: _times(g, c.self)),
    ),
)


@op(grad_fn="MulBackward0")
def mul(input: Any, other: Any) -> Tensor:
    """Element-wise product, with broadcasting."""
    a, b, compute = _operands(input, other)
    return apply(MUL, (a, b), None, compute)


def _div_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.true_divide(a, b)


DIV = primitive(
    "div",
    "DivBackward0",
    ("self", "other"),
    _div_forward,
    (
        Derivative(lambda g, c: g / c.other, saves=("other",)),
        Derivative(lambda g, c: -g * c.self / (c.other * c.other), saves=("self", "other")),
    ),
)


def _div_floor_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.floor_divide(a, b)


def _div_trunc_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.trunc(np.true_divide(a, b)).astype(np.result_type(a, b))


def _div_rounded(name: str, forward: Any) -> Primitive:
    """DivBackward2: the quotient is piecewise constant, so both gradients are zero."""
    return primitive(
        name,
        "DivBackward2",
        ("self", "other"),
        forward,
        (
            Derivative(lambda g, c: g * 0, saves=("other",)),
            Derivative(lambda g, c: g * 0, saves=("self",)),
        ),
    )


DIV_FLOOR = _div_rounded("div_floor", _div_floor_forward)
DIV_TRUNC = _div_rounded("div_trunc", _div_trunc_forward)


@op(grad_fn=("DivBackward0", "DivBackward2"))
def div(input: Any, other: Any, *, rounding_mode: str | None = None) -> Tensor:
    """Element-wise true division (integers divide as floats); rounding_mode 'floor'/'trunc'."""
    a, b, compute = _operands(input, other)
    if rounding_mode is None:
        compute = _float_compute(compute)
        return apply(DIV, (a, b), None, compute)
    if rounding_mode not in ("floor", "trunc"):
        raise errors.RuntimeError(
            "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
            f"'{rounding_mode}'"
        )
    if compute.kind in "iu" and np.any(b._data == 0):
        raise errors.RuntimeError("ZeroDivisionError")
    prim = DIV_FLOOR if rounding_mode == "floor" else DIV_TRUNC
    return apply(prim, (a, b), None, compute)


RECIPROCAL = primitive(
    "reciprocal",
    "ReciprocalBackward0",
    ("self",),
    lambda a: _div_forward(np.ones((), dtype=a.dtype), a),
    (Derivative(lambda g, c: -g * c.result * c.result, saves=("result",)),),
)
reciprocal = _float_op(RECIPROCAL, "Element-wise 1 / input.")


NEG = primitive(
    "neg",
    "NegBackward0",
    ("self",),
    np.negative,
    (Derivative(lambda g, c: -g, fast=lambda g, c: np.negative(g)),),
)


@op(grad_fn="NegBackward0")
def neg(input: Tensor) -> Tensor:
    """Element-wise negation."""
    if input._data.dtype == np.bool_:
        raise errors.RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
            "invert a mask, use the `~` or `logical_not()` operator instead."
        )
    return apply(NEG, (input,))


# ---- pow ---------------------------------------------------------------------------------------


def _pow_forward(a: np.ndarray, exponent: Any) -> np.ndarray:
    # torch's x**3 is bit-identical to x*x*x; numpy's power differs by an ulp in ~30% of cases.
    if exponent == 2:
        return a * a
    if exponent == 3:
        return a * a * a
    return np.power(a, np.asarray(exponent, dtype=a.dtype))


def _pow_scalar_grad(g: Tensor, c: Any) -> Tensor:
    e = c.exponent
    if e == 0:
        # torch returns zeros_like(self): x**0 has zero gradient even where grad is inf/nan.
        return _zeros(g)
    return g * (e * c.self ** (e - 1))


POW_SCALAR = primitive(
    "pow_scalar",
    "PowBackward0",
    ("self",),
    _pow_forward,
    (Derivative(_pow_scalar_grad, saves=("self",)),),
)


def _pow_tt_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.power(a, b)


def _pow_tt_self(g: Tensor, c: Any) -> Tensor:
    e = c.exponent
    grad = g * (e * c.self ** (e - 1))
    return where(e == 0, 0.0, grad)


def _pow_tt_exponent(g: Tensor, c: Any) -> Tensor:
    base = c.self
    grad = g * (c.result * log(base))
    return where((base == 0) & (c.exponent >= 0), 0.0, grad)


POW_TENSOR = primitive(
    "pow_tensor",
    "PowBackward1",
    ("self", "exponent"),
    _pow_tt_forward,
    (
        Derivative(_pow_tt_self, saves=("self", "exponent")),
        Derivative(_pow_tt_exponent, saves=("self", "result", "exponent")),
    ),
)


def _rpow_grad(g: Tensor, c: Any) -> Tensor:
    # torch: grad * (result * log(base)), masked to 0 where base == 0 and exponent >= 0, so
    # 0**x has gradient 0 at x >= 0 but -inf at x < 0 (result inf times log(0) = -inf).
    base = c.self_base
    if base != 0:
        return g * (c.result * float(np.log(base)))
    return where(c.exponent >= 0, 0.0, g * (c.result * float("-inf")))


def _rpow_forward(exponent: np.ndarray, self_base: Any) -> np.ndarray:
    return np.power(np.asarray(self_base, dtype=exponent.dtype), exponent)


POW_SCALAR_BASE = primitive(
    "pow_scalar_base",
    "PowBackward2",
    ("exponent",),
    _rpow_forward,
    (Derivative(_rpow_grad, saves=("exponent", "result")),),
)


@op(grad_fn=("PowBackward0", "PowBackward1", "PowBackward2"))
def pow(input: Any, exponent: Any) -> Tensor:
    """Element-wise input ** exponent (tensor-scalar, tensor-tensor or scalar-tensor)."""
    if isinstance(input, Tensor) and not isinstance(exponent, Tensor):
        compute = promote(input, exponent)
        if compute.kind in "iu" and exponent < 0:
            raise errors.RuntimeError("Integers to negative integer powers are not allowed.")
        return apply(POW_SCALAR, (input,), {"exponent": exponent}, compute)
    if isinstance(input, Tensor):
        a, b, compute = _operands(input, exponent)
        return apply(POW_TENSOR, (a, b), None, compute)
    compute = _float_compute(promote(input, exponent))
    return apply(POW_SCALAR_BASE, (exponent,), {"self_base": input}, compute)


@op(grad_fn="PowBackward0")
def square(input: Tensor) -> Tensor:
    """input ** 2."""
    return pow(input, 2)


# ---- exp / log ---------------------------------------------------------------------------------


EXP = _unary("exp", "ExpBackward0", np.exp, lambda g, c: g * c.result, ("result",))
exp = _float_op(EXP, "Element-wise e ** input.")
LOG = _unary("log", "LogBackward0", np.log, lambda g, c: g / c.self, ("self",))
log = _float_op(LOG, "Element-wise natural logarithm.")


# ---- where -------------------------------------------------------------------------------------


def _where_forward(a: np.ndarray, b: np.ndarray, condition: np.ndarray) -> Any:
    # The condition is saved (as torch's WhereBackward0 saves it) but is not an input edge:
    # torch's node has two next_functions, for self and other.
    return np.where(condition, a, b), {"condition": condition}


WHERE = primitive(
    "where",
    "WhereBackward0",
    ("self", "other"),
    _where_forward,
    (
        Derivative(lambda g, c: where(c.condition, g, 0.0), saves=("condition",)),
        Derivative(lambda g, c: where(c.condition, 0.0, g), saves=("condition",)),
    ),
)


def _where_method(self: Tensor, condition: Tensor, other: Any) -> Tensor:
    """`x.where(condition, y)` is `torch.where(condition, x, y)`."""
    return where(condition, self, other)


@op(grad_fn="WhereBackward0", method=_where_method)
def where(condition: Tensor, input: Any, other: Any) -> Tensor:
    """Elements of input where condition holds, of other elsewhere."""
    if not isinstance(condition, Tensor) or condition._data.dtype != np.bool_:
        raise errors.RuntimeError(
            "where expected condition to be a boolean tensor, but got a tensor with dtype "
            f"{condition.dtype.scalar_name if isinstance(condition, Tensor) else 'Float'}"
        )
    a, b, compute = _operands(input, other)
    shape = broadcast_shapes(condition._data.shape, a._data.shape, b._data.shape)
    check_numel(shape)
    out, _ = apply(WHERE, (a, b), {"condition": condition._data}, compute)
    return out


# ---- comparisons and logical ops (bool results, never differentiable) -----------------------


def _comparison(name: str, fn: np.ufunc, symbol: str) -> Callable[..., Tensor]:
    """Register `torch.<name>(input, other)`: `input <symbol> other`, promoted and broadcast."""

    def compare(input: Tensor, other: Any) -> Tensor:
        a, b, compute = _operands(input, other)
        return Tensor._make(
            fn(a._data.astype(compute, copy=False), b._data.astype(compute, copy=False)), None
        )

    compare.__name__ = compare.__qualname__ = name
    compare.__doc__ = f"Element-wise {symbol}, a bool tensor."
    return op(differentiable=False)(compare)


eq = _comparison("eq", np.equal, "==")
ne = _comparison("ne", np.not_equal, "!=")
lt = _comparison("lt", np.less, "<")
le = _comparison("le", np.less_equal, "<=")
gt = _comparison("gt", np.greater, ">")
ge = _comparison("ge", np.greater_equal, ">=")


@op(differentiable=False)
def logical_and(input: Tensor, other: Tensor) -> Tensor:
    """Element-wise logical and, a bool tensor."""
    return Tensor._make(np.logical_and(wrap(input)._data, wrap(other)._data), None)


@op(differentiable=False)
def logical_or(input: Tensor, other: Tensor) -> Tensor:
    """Element-wise logical or, a bool tensor."""
    return Tensor._make(np.logical_or(wrap(input)._data, wrap(other)._data), None)


@op(differentiable=False)
def logical_not(input: Tensor) -> Tensor:
    """Element-wise logical not, a bool tensor."""
    return Tensor._make(np.logical_not(input._data), None)


def _bitwise(fn: Any, x: Any, y: Any) -> Tensor:
    a, b, compute = _operands(x, y)
    if compute.kind == "f":
        raise errors.RuntimeError(f"\"{fn.__name__}_cpu\" not implemented for 'Float'")
    return Tensor._make(fn(a._data.astype(compute), b._data.astype(compute)), None)


def bitwise_and(input: Any, other: Any) -> Tensor:
    return _bitwise(np.bitwise_and, input, other)


def bitwise_or(input: Any, other: Any) -> Tensor:
    return _bitwise(np.bitwise_or, input, other)


def bitwise_xor(input: Any, other: Any) -> Tensor:
    return _bitwise(np.bitwise_xor, input, other)


def bitwise_not(input: Tensor) -> Tensor:
    if input._data.dtype.kind == "f":
        raise errors.RuntimeError("\"bitwise_not_cpu\" not implemented for 'Float'")
    return Tensor._make(np.invert(input._data), None)


_LN2 = float(np.log(2.0))
_LN10 = float(np.log(10.0))
_TWO_OVER_SQRT_PI = 2.0 / float(np.sqrt(np.pi))


# ---- trigonometric and hyperbolic ------------------------------------------------------------

SIN = _unary("sin", "SinBackward0", np.sin, lambda g, c: g * cos(c.self), ("self",))
sin = _float_op(SIN, "Element-wise sine.")
COS = _unary("cos", "CosBackward0", np.cos, lambda g, c: g * -sin(c.self), ("self",))
cos = _float_op(COS, "Element-wise cosine.")
TAN = _unary("tan", "TanBackward0", np.tan, lambda g, c: g * (1 + c.result * c.result), ("result",))
tan = _float_op(
    TAN, "Element-wise tangent; its derivative 1 + tan² is computed from the saved result."
)
ASIN = _unary(
    "asin", "AsinBackward0", np.arcsin, lambda g, c: g * rsqrt(-c.self * c.self + 1), ("self",)
)
asin = _float_op(ASIN, "Element-wise arcsine (gradient inf at ±1, nan outside [-1, 1]).")
ACOS = _unary(
    "acos", "AcosBackward0", np.arccos, lambda g, c: g * -rsqrt(-c.self * c.self + 1), ("self",)
)
acos = _float_op(ACOS, "Element-wise arccosine (gradient -inf at ±1, nan outside [-1, 1]).")
ATAN = _unary("atan", "AtanBackward0", np.arctan, lambda g, c: g / (c.self * c.self + 1), ("self",))
atan = _float_op(ATAN, "Element-wise arctangent.")
SINH = _unary("sinh", "SinhBackward0", np.sinh, lambda g, c: g * cosh(c.self), ("self",))
sinh = _float_op(SINH, "Element-wise hyperbolic sine.")
COSH = _unary("cosh", "CoshBackward0", np.cosh, lambda g, c: g * sinh(c.self), ("self",))
cosh = _float_op(COSH, "Element-wise hyperbolic cosine.")
TANH = _unary(
    "tanh", "TanhBackward0", np.tanh, lambda g, c: g * (1 - c.result * c.result), ("result",)
)
tanh = _float_op(
    TANH,
    "Element-wise hyperbolic tangent (torch.tanh, Tensor.tanh, F.tanh); saves its result.",
    functional=True,
)


# ---- exponentials, logarithms, roots -----------------------------------------------------------

EXP2 = _unary("exp2", "Exp2Backward0", np.exp2, lambda g, c: g * c.result * _LN2, ("result",))
exp2 = _float_op(EXP2, "Element-wise 2 ** input.")
EXPM1 = _unary("expm1", "Expm1Backward0", np.expm1, lambda g, c: g * (c.result + 1), ("result",))
expm1 = _float_op(EXPM1, "Element-wise exp(input) - 1, accurate near 0.")
LOG2 = _unary("log2", "Log2Backward0", np.log2, lambda g, c: g / (c.self * _LN2), ("self",))
log2 = _float_op(LOG2, "Element-wise base-2 logarithm.")
LOG10 = _unary("log10", "Log10Backward0", np.log10, lambda g, c: g / (c.self * _LN10), ("self",))
log10 = _float_op(LOG10, "Element-wise base-10 logarithm.")
LOG1P = _unary("log1p", "Log1PBackward0", np.log1p, lambda g, c: g / (c.self + 1), ("self",))
log1p = _float_op(LOG1P, "Element-wise log(1 + input), accurate near 0.")
SQRT = _unary("sqrt", "SqrtBackward0", np.sqrt, lambda g, c: g / (2 * c.result), ("result",))
sqrt = _float_op(SQRT, "Element-wise square root; the gradient 1/(2·sqrt) is inf at 0 (facts §9).")
RSQRT = _unary(
    "rsqrt",
    "RsqrtBackward0",
    lambda a: 1 / np.sqrt(a),
    lambda g, c: -0.5 * g * pow(c.result, 3),
    ("result",),
)
rsqrt = _float_op(RSQRT, "Element-wise 1 / sqrt(input).")


def _sigmoid_forward(a: np.ndarray) -> np.ndarray:
    # torch's kernel is 1 / (1 + exp(-x)): exp overflows to inf for x << 0 and the result is an
    # exact 0 (sigmoid(-100) is 0. in float32, and its gradient 0), never nan.
    one = np.ones((), dtype=a.dtype)
    return one / (one + np.exp(-a))


SIGMOID = _unary(
    "sigmoid",
    "SigmoidBackward0",
    _sigmoid_forward,
    lambda g, c: g * (c.result * (1 - c.result)),
    ("result",),
)
sigmoid = _float_op(
    SIGMOID,
    "Element-wise logistic function (torch.sigmoid, Tensor.sigmoid, F.sigmoid).",
    functional=True,
)


def _erf_forward(a: np.ndarray) -> np.ndarray:
    # numpy has no erf; math.erf is correctly rounded in float64, then cast like torch's result.
    out = _ERF(a.astype(np.float64, copy=False))
    return np.asarray(out, dtype=np.float64).astype(a.dtype, copy=False)


_ERF = np.frompyfunc(__import__("math").erf, 1, 1)

ERF = _unary(
    "erf",
    "ErfBackward0",
    _erf_forward,
    lambda g, c: _TWO_OVER_SQRT_PI * exp(-(c.self * c.self)) * g,
    ("self",),
)
erf = _float_op(ERF, "Element-wise Gauss error function (the building block of exact GELU).")


# ---- piecewise functions: abs, sign, relu, rounding ----------------------------------------------


def _sign_forward(a: np.ndarray) -> np.ndarray:
    if a.dtype == np.bool_:
        return a.copy()
    out = np.sign(a)
    if a.dtype.kind == "f":
        # torch.sign(nan) is 0 (so abs' gradient at nan is 0 too)
        out = np.where(np.isnan(a), np.zeros((), a.dtype), out)
    return out


SIGN = _unary("sign", "SignBackward0", _sign_forward)
ABS = _unary("abs", "AbsBackward0", np.abs, lambda g, c: g * sign(c.self), ("self",))


def masked_backward(
    name: str, grad_fn: str, mask: Callable[..., np.ndarray], apply_mask: Any = None
) -> Primitive:
    """A torch `*_backward` function as its own node (ThresholdBackwardBackward0, ...).

    torch's first derivative of relu, hardtanh or leaky_relu is a function of the forward's
    saved tensor, so under create_graph it stays connected to it: the second derivative is a
    zero tensor rather than "does not require grad". `mask(self, **attrs)` says where the
    gradient passes unchanged; `apply_mask(grad, keep, **attrs)` may scale it elsewhere.
    Differentiating again masks the incoming gradient the same way; `self` gets zeros.
    The forward op's derivative is `backward_of(<this primitive>, <saved name>, ...)`.
    """

    def forward(grad_output: np.ndarray, self: np.ndarray, **attrs: Any) -> np.ndarray:
        keep = mask(self, **attrs)
        if apply_mask is not None:
            return apply_mask(grad_output, keep, **attrs)
        return np.where(keep, grad_output, np.zeros((), grad_output.dtype))

    forward.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("grad_output", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
            *(
                inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY)
                for n in inspect.signature(mask).parameters
                if n != "self"
            ),
        ]
    )
    # Differentiating the mask again masks the incoming gradient the same way.
    regrad = Derivative(
        lambda g, c: apply(prim, (g, c.self), c._attrs),
        ("self",),
        fast=lambda g, c: forward(g, c.self._data, **c._attrs),
    )
    prim = primitive(
        name,
        grad_fn,
        ("grad_output", "self"),
        forward,
        (regrad, Derivative(lambda g, c: _zeros(g))),
    )
    return prim


# relu'(x) is threshold_backward(grad, result, 0): 0 where result <= 0, so relu'(0) = 0 but
# relu'(nan) = 1.
THRESHOLD_BACKWARD = masked_backward(
    "threshold_backward",
    "ThresholdBackwardBackward0",
    lambda self, threshold: ~(self <= threshold),
)
_THRESHOLD_ZERO: dict[str, Any] = {"threshold": 0}  # shared, never mutated
RELU = primitive(
    "relu",
    "ReluBackward0",
    ("self",),
    half_via_float(lambda a: np.maximum(a, np.zeros((), dtype=a.dtype))),
    (backward_of(THRESHOLD_BACKWARD, "result", lambda c: _THRESHOLD_ZERO),),
)
FLOOR = _unary("floor", "FloorBackward0", np.floor)
CEIL = _unary("ceil", "CeilBackward0", np.ceil)
TRUNC = _unary("trunc", "TruncBackward0", np.trunc)
ROUND = _unary("round", "RoundBackward0", np.rint)  # half to even, like torch's nearbyint
FRAC = _unary("frac", "FracBackward0", lambda a: a - np.trunc(a), lambda g, c: g)


def _round_decimals_forward(a: np.ndarray, decimals: int) -> np.ndarray:
    # torch: nearbyint(x * 10^d) / 10^d for d > 0, nearbyint(x / 10^-d) * 10^-d otherwise.
    if decimals > 0:
        scale = np.asarray(10.0**decimals, dtype=a.dtype)
        return np.rint(a * scale) / scale
    scale = np.asarray(10.0 ** (-decimals), dtype=a.dtype)
    return np.rint(a / scale) * scale


ROUND_DECIMALS = primitive(
    "round_decimals",
    "RoundBackward1",
    ("self",),
    _round_decimals_forward,
    (Derivative(lambda g, c: _zeros(g)),),
)


@op("abs", grad_fn="AbsBackward0")
def abs_(input: Tensor) -> Tensor:
    """Element-wise absolute value; gradient sign(x), so 0 at 0 (facts §9)."""
    check_tensor("abs", input)
    if input._data.dtype == np.bool_:
        raise not_implemented("abs_cpu", input)
    return apply(ABS, (input,))


@op(grad_fn="SignBackward0")
def sign(input: Tensor) -> Tensor:
    """Element-wise sign (-1, 0, 1; 0 for nan); its gradient is 0 everywhere."""
    check_tensor("sign", input)
    return apply(SIGN, (input,))


@op(grad_fn="ReluBackward0", functional=True)
def relu(input: Tensor, inplace: bool = False) -> Tensor:
    """max(input, 0) (torch.relu, Tensor.relu, F.relu); gradient 0 at 0, saves its result."""
    check_tensor("relu", input)
    _no_inplace(inplace)
    if input._data.dtype == np.bool_:
        raise errors.RuntimeError("Boolean inputs not supported for relu")
    return apply(RELU, (input,))


def _no_inplace(inplace: bool) -> None:
    if inplace:
        raise errors.NotImplementedError(
            "inplace=True is not supported by gradserve (it has no in-place ops); "
            "use the out-of-place form"
        )


def _rounding(prim: Any, kernel: str, input: Any) -> Tensor:
    check_tensor(prim.name, input)
    if input._data.dtype == np.bool_:
        raise not_implemented(kernel, input)
    if input._data.dtype.kind != "f":
        return Tensor._make(input._data.copy(), None)  # integers are already integral
    return apply(prim, (input,))


@op(grad_fn="FloorBackward0")
def floor(input: Tensor) -> Tensor:
    """Element-wise floor; the node saves nothing and its gradient is 0."""
    return _rounding(FLOOR, "floor_vml_cpu", input)


@op(grad_fn="CeilBackward0")
def ceil(input: Tensor) -> Tensor:
    """Element-wise ceiling; gradient 0."""
    return _rounding(CEIL, "ceil_vml_cpu", input)


@op(grad_fn="TruncBackward0")
def trunc(input: Tensor) -> Tensor:
    """Element-wise rounding toward zero; gradient 0."""
    return _rounding(TRUNC, "trunc_vml_cpu", input)


@op("round", grad_fn=("RoundBackward0", "RoundBackward1"))
def round_(input: Tensor, *, decimals: int = 0) -> Tensor:
    """Round half to even (optionally to `decimals` places); gradient 0."""
    if decimals == 0:
        return _rounding(ROUND, "round_cpu", input)
    check_tensor("round", input)
    if input._data.dtype.kind != "f":
        raise not_implemented("round_cpu", input)
    return apply(ROUND_DECIMALS, (input,), {"decimals": int(decimals)})


@op(grad_fn="FracBackward0")
def frac(input: Tensor) -> Tensor:
    """Fractional part input - trunc(input) (keeps the sign); its gradient is 1."""
    check_tensor("frac", input)
    if input._data.dtype.kind != "f":
        raise not_implemented("frac_cpu", input)
    return apply(FRAC, (input,))


# ---- maximum / minimum ---------------------------------------------------------------------------


def _tie_split(g: Tensor, equal: Tensor, loses: Tensor) -> Tensor:
    # torch: where(self == other, grad / 2, grad).masked_fill_(loses, 0). With a nan operand
    # nothing compares, so both inputs receive the full gradient.
    return where(loses, 0.0, where(equal, g / 2, g))


MAXIMUM = primitive(
    "maximum",
    "MaximumBackward0",
    ("self", "other"),
    np.maximum,
    (
        Derivative(
            lambda g, c: _tie_split(g, c.self == c.other, c.self < c.other), ("self", "other")
        ),
        Derivative(
            lambda g, c: _tie_split(g, c.self == c.other, c.self > c.other), ("self", "other")
        ),
    ),
)
MINIMUM = primitive(
    "minimum",
    "MinimumBackward0",
    ("self", "other"),
    np.minimum,
    (
        Derivative(
            lambda g, c: _tie_split(g, c.self == c.other, c.self > c.other), ("self", "other")
        ),
        Derivative(
            lambda g, c: _tie_split(g, c.self == c.other, c.self < c.other), ("self", "other")
        ),
    ),
)


def _tensor_pair(fname: str, input: Any, other: Any) -> tuple[Tensor, Tensor, np.dtype]:
    """Two tensor operands (torch's Tensor-only overloads), promoted and broadcast-checked."""
    check_tensors(fname, input=input, other=other)
    return _operands(input, other)


@op(grad_fn="MaximumBackward0")
def maximum(input: Tensor, other: Tensor) -> Tensor:
    """Element-wise max of two tensors (nan wins); tied elements get half the gradient each.

    The reduce family's binary `torch.max(a, b)` form dispatches here.
    """
    a, b, compute = _tensor_pair("maximum", input, other)
    return apply(MAXIMUM, (a, b), None, compute)


@op(grad_fn="MinimumBackward0")
def minimum(input: Tensor, other: Tensor) -> Tensor:
    """Element-wise min of two tensors (nan wins); tied elements get half the gradient each.

    The reduce family's binary `torch.min(a, b)` form dispatches here.
    """
    a, b, compute = _tensor_pair("minimum", input, other)
    return apply(MINIMUM, (a, b), None, compute)


# ---- clamp -----------------------------------------------------------------------------------------


def _clamp_forward(a: np.ndarray, min: Any = None, max: Any = None) -> np.ndarray:
    # max(x, lo) then min(·, hi): nan propagates, and min > max gives `max` everywhere.
    out = a
    if min is not None:
        out = np.maximum(out, np.asarray(min, dtype=a.dtype))
    if max is not None:
        out = np.minimum(out, np.asarray(max, dtype=a.dtype))
    return out


def _inside(c: Any) -> Tensor:
    """Where clamp passes the gradient: the closed interval [min, max] (facts §9)."""
    if c.min is None:
        return c.self <= c.max
    if c.max is None:
        return c.self >= c.min
    return (c.self >= c.min) & (c.self <= c.max)


CLAMP = primitive(
    "clamp",
    "ClampBackward1",
    ("self",),
    _clamp_forward,
    (Derivative(lambda g, c: where(_inside(c), g, 0.0), ("self",)),),
)
CLAMP_MIN = primitive(
    "clamp_min",
    "ClampMinBackward0",
    ("self",),
    lambda a, min: np.maximum(a, np.asarray(min, dtype=a.dtype)),
    (Derivative(lambda g, c: where(c.self >= c.min, g, 0.0), ("self",)),),
)
CLAMP_MAX = primitive(
    "clamp_max",
    "ClampMaxBackward0",
    ("self",),
    lambda a, max: np.minimum(a, np.asarray(max, dtype=a.dtype)),
    (Derivative(lambda g, c: where(c.self <= c.max, g, 0.0), ("self",)),),
)

# Tensor bounds (torch's clamp.Tensor): one derivative formula for all inputs, so the node saves
# self and every bound that was given, whichever of them require grad.
_LO_HI = ("self", "min", "max")
CLAMP_T = primitive(
    "clamp_tensor",
    "ClampBackward0",
    _LO_HI,
    lambda a, lo, hi: np.minimum(np.maximum(a, lo), hi),
    (
        Derivative(lambda g, c: where((c.self >= c.min) & (c.self <= c.max), g, 0.0), _LO_HI),
        # If min > max, min has no gradient (the output is max there).
        Derivative(lambda g, c: where((c.self < c.min) & (c.min < c.max), g, 0.0), _LO_HI),
        Derivative(lambda g, c: where((c.self > c.max) | (c.max < c.min), g, 0.0), _LO_HI),
    ),
)


def _min_bound(name: str, grad_fn: str) -> Primitive:
    """max(self, min) with a tensor bound: self's gradient where self >= min, min's elsewhere."""
    return primitive(
        name,
        grad_fn,
        ("self", "min"),
        np.maximum,
        (
            Derivative(lambda g, c: where(c.self >= c.min, g, 0.0), ("self", "min")),
            Derivative(lambda g, c: where(c.self < c.min, g, 0.0), ("self", "min")),
        ),
    )


def _max_bound(name: str, grad_fn: str) -> Primitive:
    """min(self, max) with a tensor bound: self's gradient where self <= max, max's elsewhere."""
    return primitive(
        name,
        grad_fn,
        ("self", "max"),
        np.minimum,
        (
            Derivative(lambda g, c: where(c.self <= c.max, g, 0.0), ("self", "max")),
            Derivative(lambda g, c: where(c.self > c.max, g, 0.0), ("self", "max")),
        ),
    )


# clamp with one tensor bound records ClampBackward0; clamp_min/clamp_max record their own node.
CLAMP_T_MIN = _min_bound("clamp_tensor_min", "ClampBackward0")
CLAMP_T_MAX = _max_bound("clamp_tensor_max", "ClampBackward0")
CLAMP_MIN_T = _min_bound("clamp_min_tensor", "ClampMinBackward1")
CLAMP_MAX_T = _max_bound("clamp_max_tensor", "ClampMaxBackward1")


def _apply_bounds(prim: Any, input: Tensor, bounds: list[Tensor]) -> Tensor:
    """Run a tensor-bound clamp: promote all operands and broadcast them together."""
    compute = promote(input, *bounds)
    shape = broadcast_shapes(input._data.shape, *(b._data.shape for b in bounds))
    check_numel(shape)
    return apply(prim, (input, *bounds), None, compute)


def _bad_clamp_args(fname: str, min: Any, max: Any) -> errors.TypeError:
    got = ", ".join(type(v).__name__ if not isinstance(v, Tensor) else "Tensor" for v in (min, max))
    return errors.TypeError(
        f"{fname}() received an invalid combination of arguments - got (Tensor, {got}), but "
        "expected one of:\n"
        " * (Tensor input, Tensor min = None, Tensor max = None, *, Tensor out = None)\n"
        " * (Tensor input, Number min = None, Number max = None, *, Tensor out = None)\n"
    )


def _as_number(value: Any) -> Any:
    """A bound for the Number overload: a 0-d tensor without grad converts, as torch's parser does."""
    if isinstance(value, Tensor):
        return value._data.item()
    return value


@op(grad_fn=("ClampBackward1", "ClampBackward0"))
def clamp(
    input: Tensor, min: Tensor | float | None = None, max: Tensor | float | None = None
) -> Tensor:
    """Clamp into [min, max]; the gradient passes on the closed interval (boundaries included).

    Number bounds record ClampBackward1 (saves self); tensor bounds record ClampBackward0, which
    also differentiates the bounds.
    """
    check_tensor("clamp", input)
    if min is None and max is None:
        raise errors.RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    given = [v for v in (min, max) if v is not None]
    tensors = [v for v in given if isinstance(v, Tensor)]
    if tensors and len(tensors) < len(given):
        # torch's argument parser turns a 0-d tensor into a Number only when it needs no grad.
        if any(t._data.ndim or t._requires_grad for t in tensors):
            raise _bad_clamp_args("clamp", min, max)
        min, max, tensors = _as_number(min), _as_number(max), []
    if tensors:
        if min is None:
            return _apply_bounds(CLAMP_T_MAX, input, [max])
        if max is None:
            return _apply_bounds(CLAMP_T_MIN, input, [min])
        return _apply_bounds(CLAMP_T, input, [min, max])
    compute = promote(input, *given)
    return apply(CLAMP, (input,), {"min": min, "max": max}, compute)


@op(grad_fn=("ClampBackward1", "ClampBackward0"))
def clip(
    input: Tensor, min: Tensor | float | None = None, max: Tensor | float | None = None
) -> Tensor:
    """Alias of clamp."""
    return clamp(input, min, max)


@op(grad_fn=("ClampMinBackward0", "ClampMinBackward1"))
def clamp_min(input: Tensor, min: Tensor | float) -> Tensor:
    """max(input, min); gradient passes where input >= min."""
    check_tensor("clamp_min", input)
    if isinstance(min, Tensor):
        return _apply_bounds(CLAMP_MIN_T, input, [min])
    return apply(CLAMP_MIN, (input,), {"min": min}, promote(input, min))


@op(grad_fn=("ClampMaxBackward0", "ClampMaxBackward1"))
def clamp_max(input: Tensor, max: Tensor | float) -> Tensor:
    """min(input, max); gradient passes where input <= max."""
    check_tensor("clamp_max", input)
    if isinstance(max, Tensor):
        return _apply_bounds(CLAMP_MAX_T, input, [max])
    return apply(CLAMP_MAX, (input,), {"max": max}, promote(input, max))


# ---- masked_fill ---------------------------------------------------------------------------------


def _masked_fill_forward(a: np.ndarray, mask: np.ndarray, value: Any) -> Any:
    out = np.where(mask, np.asarray(value).astype(a.dtype), a)
    # The mask is saved for backward but is not an input edge (torch's node has one edge).
    return out, {"mask": mask}


def _masked_fill_value_forward(a: np.ndarray, value: np.ndarray, mask: np.ndarray) -> Any:
    return _masked_fill_forward(a, mask, value)


MASKED_FILL = primitive(
    "masked_fill",
    "MaskedFillBackward0",
    ("self",),
    _masked_fill_forward,
    (Derivative(lambda g, c: where(c.mask, 0.0, g), ("mask",)),),
)
MASKED_FILL_T = primitive(
    "masked_fill_tensor",
    "MaskedFillBackward1",
    ("self", "value"),
    _masked_fill_value_forward,
    (
        Derivative(lambda g, c: where(c.mask, 0.0, g), ("mask",)),
        # The 0-d value receives the sum of the filled positions' gradient (via sum_to).
        Derivative(lambda g, c: where(c.mask, g, 0.0), ("mask",)),
    ),
)


@op(grad_fn=("MaskedFillBackward0", "MaskedFillBackward1"))
def masked_fill(input: Tensor, mask: Tensor, value: Tensor | float) -> Tensor:
    """`value` where the bool `mask` holds (broadcast), input elsewhere; keeps input's dtype."""
    check_tensor("masked_fill", input)
    if not isinstance(mask, Tensor) or mask._data.dtype != np.bool_:
        name = mask.dtype.c_name if isinstance(mask, Tensor) else type(mask).__name__
        raise errors.RuntimeError(
            f"masked_fill_ only supports boolean masks, but got mask with dtype {name}"
        )
    shape = broadcast_shapes(mask._data.shape, input._data.shape)
    check_numel(shape)
    if isinstance(value, Tensor):
        if value._data.ndim != 0:
            raise errors.RuntimeError(
                "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                f"{value._data.ndim} dimension(s)."
            )
        out, _ = apply(MASKED_FILL_T, (input, value), {"mask": mask._data})
        return out
    if not isinstance(value, (bool, int, float, np.number, np.bool_)):
        bad = type(value).__name__
        raise errors.TypeError(
            "masked_fill() received an invalid combination of arguments - got (Tensor, Tensor, "
            f"{bad}), but expected one of:\n"
            " * (Tensor input, Tensor mask, Tensor value)\n"
            "      didn't match because some of the arguments have invalid types: (Tensor, "
            f"Tensor, !{bad}!)\n"
            " * (Tensor input, Tensor mask, Number value)\n"
            "      didn't match because some of the arguments have invalid types: (Tensor, "
            f"Tensor, !{bad}!)\n"
        )
    out, _ = apply(MASKED_FILL, (input,), {"mask": mask._data, "value": value})
    return out


# ---- remainder / fmod (`%`) ------------------------------------------------------------------------


def _remainder_forward(a: np.ndarray, b: Any) -> np.ndarray:
    # torch (and Python): the result takes the divisor's sign — fmod, then shift by b when the
    # signs differ. Same rule for integers (C's truncating %) and floats.
    mod = np.fmod(a, b)
    shift = (mod != 0) & ((b < 0) != (mod < 0))
    return np.where(shift, mod + b, mod)


REMAINDER_SCALAR = primitive(
    "remainder_scalar",
    "RemainderBackward0",
    ("self",),
    lambda a, other: _remainder_forward(a, np.asarray(other, dtype=a.dtype)),
    (IDENTITY,),
)
REMAINDER = primitive(
    "remainder",
    "RemainderBackward1",
    ("self", "other"),
    _remainder_forward,
    (
        IDENTITY,
        Derivative(
            lambda g, c: -g * div(c.self, c.other, rounding_mode="floor"), ("self", "other")
        ),
    ),
)


def _remainder_unimplemented(g: Tensor, c: Any) -> Tensor:
    raise errors.RuntimeError("derivative for aten::remainder is not implemented")


# torch.remainder(Scalar, Tensor) has no derivative: torch records a `NotImplemented` node that
# raises when the backward reaches it.
REMAINDER_SCALAR_SELF = primitive(
    "remainder_scalar_self",
    "NotImplemented",
    ("other",),
    lambda b, self_value: _remainder_forward(np.asarray(self_value, dtype=b.dtype), b),
    (Derivative(_remainder_unimplemented),),
)
FMOD_SCALAR = primitive(
    "fmod_scalar",
    "FmodBackward0",
    ("self",),
    lambda a, other: np.fmod(a, np.asarray(other, dtype=a.dtype)),
    (IDENTITY,),
)
FMOD = primitive(
    "fmod",
    "FmodBackward1",
    ("self", "other"),
    np.fmod,
    (
        IDENTITY,
        Derivative(
            lambda g, c: -g * div(c.self, c.other, rounding_mode="trunc"), ("self", "other")
        ),
    ),
)


def _check_modulo(fname: str, compute: np.dtype, divisor: Any) -> None:
    if compute == np.bool_:
        raise errors.NotImplementedError(f"\"{fname}_cpu\" not implemented for 'Bool'")
    data = divisor._data if isinstance(divisor, Tensor) else divisor
    if compute.kind in "iu" and np.any(np.asarray(data) == 0):
        raise errors.RuntimeError("ZeroDivisionError")


@op(grad_fn=("RemainderBackward0", "RemainderBackward1"))
def remainder(input: Tensor | float, other: Tensor | float) -> Tensor:
    """Python's modulus (`%`): the result has the divisor's sign; integer % 0 raises."""
    compute = promote(input, other)
    _check_modulo("remainder", compute, other)
    if not isinstance(input, Tensor):
        check_tensor("remainder", other)
        return apply(REMAINDER_SCALAR_SELF, (other,), {"self_value": input}, compute)
    if not isinstance(other, Tensor):
        return apply(REMAINDER_SCALAR, (input,), {"other": other}, compute)
    a, b, compute = _operands(input, other)
    return apply(REMAINDER, (a, b), None, compute)


@op(grad_fn=("FmodBackward0", "FmodBackward1"))
def fmod(input: Tensor, other: Tensor | float) -> Tensor:
    """C's fmod: the result has the dividend's sign; integer fmod by 0 raises."""
    check_tensor("fmod", input)
    compute = promote(input, other)
    _check_modulo("fmod", compute, other)
    if not isinstance(other, Tensor):
        return apply(FMOD_SCALAR, (input,), {"other": other}, compute)
    a, b, compute = _operands(input, other)
    return apply(FMOD, (a, b), None, compute)


# ---- internal Scalar-overload nodes used by composite functions ----------------------------------
# torch's C++ composites (cross_entropy, ...) call at::mul/div/add with a Scalar, which records
# the `...Backward1` nodes that save nothing; Python's `t * 2` records MulBackward0 instead.

MUL_SCALAR = primitive(
    "mul_scalar",
    "MulBackward1",
    ("self",),
    lambda a, other: a * np.asarray(other, dtype=a.dtype),
    (Derivative(lambda g, c: g * c.other),),
)
DIV_SCALAR = primitive(
    "div_scalar",
    "DivBackward1",
    ("self",),
    lambda a, other: a / np.asarray(other, dtype=a.dtype),
    (Derivative(lambda g, c: g / c.other),),
)
ADD_SCALAR = primitive(
    "add_scalar",
    "AddBackward1",
    ("self",),
    lambda a, other: a + np.asarray(other, dtype=a.dtype),
    (IDENTITY,),
)


def mul_scalar(input: Tensor, other: float) -> Tensor:
    """at::mul(Tensor, Scalar): MulBackward1."""
    return apply(MUL_SCALAR, (input,), {"other": other}, promote(input, other))


def div_scalar(input: Tensor, other: float) -> Tensor:
    """at::div(Tensor, Scalar): DivBackward1 (cross_entropy's mean over probability targets)."""
    return apply(DIV_SCALAR, (input,), {"other": other}, _float_compute(promote(input, other)))


def add_scalar(input: Tensor, other: float) -> Tensor:
    """at::add(Tensor, Scalar): AddBackward1."""
    return apply(ADD_SCALAR, (input,), {"other": other}, promote(input, other))


# ---- Python operators ------------------------------------------------------------------------


def _rdiv(self: Tensor, other: Any) -> Tensor:
    # torch computes `2 / a` as `2 * a.reciprocal()`: MulBackward0 over ReciprocalBackward0.
    return mul(reciprocal(self), other)


def _rpow(self: Tensor, other: Any) -> Tensor:
    return pow(other, self)


def _rsub(self: Tensor, other: Any) -> Tensor:
    if isinstance(other, Tensor):
        return sub(other, self)
    return rsub_scalar(self, other)


def _floordiv(self: Tensor, other: Any) -> Tensor:
    return div(self, other, rounding_mode="floor")


def _rfloordiv(self: Tensor, other: Any) -> Tensor:
    return div(wrap(other, promote(self, other)), self, rounding_mode="floor")


# The public functions take the tensor first, so they serve as the operators directly.
Tensor.__add__ = add  # type: ignore[method-assign]
Tensor.__radd__ = add  # type: ignore[method-assign]
Tensor.__sub__ = sub  # type: ignore[method-assign]
Tensor.__rsub__ = _rsub  # type: ignore[method-assign]
Tensor.__mul__ = mul  # type: ignore[method-assign]
Tensor.__rmul__ = mul  # type: ignore[method-assign]
Tensor.__truediv__ = div  # type: ignore[method-assign]
Tensor.__rtruediv__ = _rdiv  # type: ignore[method-assign]
Tensor.__floordiv__ = _floordiv  # type: ignore[method-assign]
Tensor.__rfloordiv__ = _rfloordiv  # type: ignore[method-assign]
Tensor.__pow__ = pow  # type: ignore[method-assign]
Tensor.__mod__ = remainder  # type: ignore[method-assign]
Tensor.__rmod__ = lambda self, other: remainder(other, self)  # type: ignore[method-assign]
Tensor.__abs__ = abs_  # type: ignore[method-assign]
Tensor.__rpow__ = _rpow  # type: ignore[method-assign]
Tensor.__neg__ = neg  # type: ignore[method-assign]
Tensor.__pos__ = lambda self: self  # type: ignore[method-assign]
Tensor.__eq__ = eq  # type: ignore[method-assign,assignment]
Tensor.__ne__ = ne  # type: ignore[method-assign,assignment]
Tensor.__lt__ = lt  # type: ignore[method-assign]
Tensor.__le__ = le  # type: ignore[method-assign]
Tensor.__gt__ = gt  # type: ignore[method-assign]
Tensor.__ge__ = ge  # type: ignore[method-assign]
Tensor.__and__ = bitwise_and  # type: ignore[method-assign]
Tensor.__or__ = bitwise_or  # type: ignore[method-assign]
Tensor.__xor__ = bitwise_xor  # type: ignore[method-assign]
Tensor.__invert__ = bitwise_not  # type: ignore[method-assign]
Tensor.__hash__ = object.__hash__  # type: ignore[method-assign]
