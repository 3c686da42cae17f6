"""Element-wise arithmetic: add, sub, mul, div, neg, pow, exp, log, reciprocal, comparisons, where.

Binary ops follow torch's type promotion (a Python number is a "wrapped number": it never raises
a tensor's dtype within its category) and broadcasting; the engine's `sum_to` brings each
gradient back to its input's shape, so no formula here unbroadcasts.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from engine import errors
from engine.limits import check_numel
from engine.ops.registry import (
    NOT_DIFFERENTIABLE,
    Derivative,
    apply,
    broadcast_shapes,
    op,
    primitive,
    promote,
    wrap,
)
from engine.tensor import Tensor


def _operands(x: Any, y: Any) -> tuple[Tensor, Tensor, np.dtype]:
    """Promote two operands to torch's result dtype and check that they broadcast."""
    compute = promote(x, y)
    tx, ty = wrap(x, compute), wrap(y, compute)
    if tx._data.shape != ty._data.shape:
        check_numel(broadcast_shapes(tx._data.shape, ty._data.shape))
    return tx, ty, compute


def _float_compute(compute: np.dtype) -> np.dtype:
    """True division and transcendental functions compute integers in the default float dtype."""
    return compute if compute.kind == "f" else np.dtype(np.float32)


# ---- add / sub ---------------------------------------------------------------------------------

ADD = primitive(
    "add",
    "AddBackward0",
    ("self", "other"),
    lambda a, b, alpha=1: a + b if alpha == 1 else a + alpha * b,
    (
        Derivative(lambda g, c: g),
        Derivative(lambda g, c: g if c.alpha == 1 else g * c.alpha),
    ),
)


@op(grad_fn="AddBackward0")
def add(input: Any, other: Any, *, alpha: Any = 1) -> Tensor:
    """Element-wise input + alpha * other, with broadcasting."""
    a, b, compute = _operands(input, other)
    return apply(ADD, (a, b), {"alpha": alpha}, compute)


SUB = primitive(
    "sub",
    "SubBackward0",
    ("self", "other"),
    lambda a, b, alpha=1: a - b if alpha == 1 else a - alpha * b,
    (
        Derivative(lambda g, c: g),
        Derivative(lambda g, c: -g if c.alpha == 1 else g * -c.alpha),
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
    return apply(SUB, (a, b), {"alpha": alpha}, compute)


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
        Derivative(lambda g, c: g * c.other, saves=("other",)),
        Derivative(lambda g, c: g * c.self, saves=("self",)),
    ),
)


@op(grad_fn="MulBackward0")
def mul(input: Any, other: Any) -> Tensor:
    """Element-wise product, with broadcasting."""
    a, b, compute = _operands(input, other)
    return apply(MUL, (a, b), None, compute)


multiply = mul


def _div_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
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
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.floor_divide(a, b)


def _div_trunc_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.trunc(np.true_divide(a, b)).astype(np.result_type(a, b))


DIV_FLOOR = primitive(
    "div_floor",
    "DivBackward2",
    ("self", "other"),
    _div_floor_forward,
    (
        Derivative(lambda g, c: g * 0, saves=("other",)),
        Derivative(lambda g, c: g * 0, saves=("self",)),
    ),
)

DIV_TRUNC = primitive(
    "div_trunc",
    "DivBackward2",
    ("self", "other"),
    _div_trunc_forward,
    (
        Derivative(lambda g, c: g * 0, saves=("other",)),
        Derivative(lambda g, c: g * 0, saves=("self",)),
    ),
)


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


divide = div
true_divide = div


RECIPROCAL = primitive(
    "reciprocal",
    "ReciprocalBackward0",
    ("self",),
    lambda a: _div_forward(np.ones((), dtype=a.dtype), a),
    (Derivative(lambda g, c: -g * c.result * c.result, saves=("result",)),),
)


@op(grad_fn="ReciprocalBackward0")
def reciprocal(input: Tensor) -> Tensor:
    """Element-wise 1 / input."""
    return apply(RECIPROCAL, (input,), None, _float_compute(input._data.dtype))


NEG = primitive("neg", "NegBackward0", ("self",), np.negative, (Derivative(lambda g, c: -g),))


@op(grad_fn="NegBackward0")
def neg(input: Tensor) -> Tensor:
    """Element-wise negation."""
    if input._data.dtype == np.bool_:
        raise errors.RuntimeError(
            "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to "
            "invert a mask, use the `~` or `logical_not()` operator instead."
        )
    return apply(NEG, (input,))


negative = neg


# ---- pow ---------------------------------------------------------------------------------------


def _pow_forward(a: np.ndarray, exponent: Any) -> np.ndarray:
    # torch's x**3 is bit-identical to x*x*x; numpy's power differs by an ulp in ~30% of cases.
    if exponent == 2:
        return a * a
    if exponent == 3:
        return a * a * a
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.power(a, np.asarray(exponent, dtype=a.dtype))


def _pow_scalar_grad(g: Tensor, c: Any) -> Tensor:
    e = c.exponent
    if e == 0:
        return g * 0.0
    return g * (e * c.self ** (e - 1))


POW_SCALAR = primitive(
    "pow_scalar",
    "PowBackward0",
    ("self",),
    _pow_forward,
    (Derivative(_pow_scalar_grad, saves=("self",)),),
)


def _pow_tt_forward(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
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
    base = c.self_base
    grad = g * (c.result * float(np.log(base)) if base != 0 else c.result * 0.0)
    return grad


def _rpow_forward(exponent: np.ndarray, self_base: Any) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
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


def square(input: Tensor) -> Tensor:
    """input ** 2."""
    return pow(input, 2)


op(grad_fn="PowBackward0")(square)


# ---- exp / log ---------------------------------------------------------------------------------


def _unary_float(fn: Any) -> Any:
    def forward(a: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return fn(a)

    return forward


EXP = primitive(
    "exp",
    "ExpBackward0",
    ("self",),
    _unary_float(np.exp),
    (Derivative(lambda g, c: g * c.result, saves=("result",)),),
)


@op(grad_fn="ExpBackward0")
def exp(input: Tensor) -> Tensor:
    """Element-wise e ** input."""
    return apply(EXP, (input,), None, _float_compute(input._data.dtype))


LOG = primitive(
    "log",
    "LogBackward0",
    ("self",),
    _unary_float(np.log),
    (Derivative(lambda g, c: g / c.self, saves=("self",)),),
)


@op(grad_fn="LogBackward0")
def log(input: Tensor) -> Tensor:
    """Element-wise natural logarithm."""
    return apply(LOG, (input,), None, _float_compute(input._data.dtype))


# ---- where -------------------------------------------------------------------------------------

WHERE = primitive(
    "where",
    "WhereBackward0",
    ("condition", "self", "other"),
    lambda cond, a, b: np.where(cond, a, b),
    (
        NOT_DIFFERENTIABLE,
        Derivative(lambda g, c: where(c.condition, g, 0.0), saves=("condition",)),
        Derivative(lambda g, c: where(c.condition, 0.0, g), saves=("condition",)),
    ),
)


@op(grad_fn="WhereBackward0", method=True)
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
    cond = Tensor._make(condition._data, None)
    return apply(WHERE, (cond, a, b), None, compute)


# ---- comparisons and logical ops (bool results, never differentiable) -----------------------


def _compare(fn: Any, x: Any, y: Any) -> Tensor:
    a, b, compute = _operands(x, y)
    return Tensor._make(
        fn(a._data.astype(compute, copy=False), b._data.astype(compute, copy=False)), None
    )


@op(differentiable=False)
def eq(input: Tensor, other: Any) -> Tensor:
    """Element-wise ==, a bool tensor."""
    return _compare(np.equal, input, other)


@op(differentiable=False)
def ne(input: Tensor, other: Any) -> Tensor:
    """Element-wise !=, a bool tensor."""
    return _compare(np.not_equal, input, other)


@op(differentiable=False)
def lt(input: Tensor, other: Any) -> Tensor:
    """Element-wise <, a bool tensor."""
    return _compare(np.less, input, other)


@op(differentiable=False)
def le(input: Tensor, other: Any) -> Tensor:
    """Element-wise <=, a bool tensor."""
    return _compare(np.less_equal, input, other)


@op(differentiable=False)
def gt(input: Tensor, other: Any) -> Tensor:
    """Element-wise >, a bool tensor."""
    return _compare(np.greater, input, other)


@op(differentiable=False)
def ge(input: Tensor, other: Any) -> Tensor:
    """Element-wise >=, a bool tensor."""
    return _compare(np.greater_equal, input, other)


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


Tensor.__add__ = lambda self, other: add(self, other)  # type: ignore[method-assign]
Tensor.__radd__ = lambda self, other: add(self, other)  # type: ignore[method-assign]
Tensor.__sub__ = lambda self, other: sub(self, other)  # type: ignore[method-assign]
Tensor.__rsub__ = _rsub  # type: ignore[method-assign]
Tensor.__mul__ = lambda self, other: mul(self, other)  # type: ignore[method-assign]
Tensor.__rmul__ = lambda self, other: mul(self, other)  # type: ignore[method-assign]
Tensor.__truediv__ = lambda self, other: div(self, other)  # type: ignore[method-assign]
Tensor.__rtruediv__ = _rdiv  # type: ignore[method-assign]
Tensor.__floordiv__ = _floordiv  # type: ignore[method-assign]
Tensor.__rfloordiv__ = _rfloordiv  # type: ignore[method-assign]
Tensor.__pow__ = lambda self, other: pow(self, other)  # type: ignore[method-assign]
Tensor.__rpow__ = _rpow  # type: ignore[method-assign]
Tensor.__neg__ = lambda self: neg(self)  # type: ignore[method-assign]
Tensor.__pos__ = lambda self: self  # type: ignore[method-assign]
Tensor.__eq__ = lambda self, other: eq(self, other)  # type: ignore[method-assign,assignment]
Tensor.__ne__ = lambda self, other: ne(self, other)  # type: ignore[method-assign,assignment]
Tensor.__lt__ = lambda self, other: lt(self, other)  # type: ignore[method-assign]
Tensor.__le__ = lambda self, other: le(self, other)  # type: ignore[method-assign]
Tensor.__gt__ = lambda self, other: gt(self, other)  # type: ignore[method-assign]
Tensor.__ge__ = lambda self, other: ge(self, other)  # type: ignore[method-assign]
Tensor.__and__ = lambda self, other: bitwise_and(self, other)  # type: ignore[method-assign]
Tensor.__or__ = lambda self, other: bitwise_or(self, other)  # type: ignore[method-assign]
Tensor.__xor__ = lambda self, other: bitwise_xor(self, other)  # type: ignore[method-assign]
Tensor.__invert__ = lambda self: bitwise_not(self)  # type: ignore[method-assign]
Tensor.__hash__ = object.__hash__  # type: ignore[method-assign]
Tensor.sub = sub  # type: ignore[attr-defined]
