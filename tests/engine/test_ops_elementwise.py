"""Element-wise ops: gradients (first and second order), torch's grad_fn names, graphs, saved
tensors and second-backward behaviour, the awkward points of facts §9, dtype rules of §7, torch's
exact messages, and a property test that binary ops unbroadcast their gradients.

Expected names, values and messages were measured with torch 2.13.0 (facts sheet §7-9, the
grad_fn reference, and scratch-venv measurements for cases the sheet does not list); they are
hard-coded so the tests need neither torch nor /work/shared.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import engine as torch
import engine.nn.functional as F
from engine import Tensor, errors
from tests.engine.gradcheck import gradcheck, gradgradcheck
from tests.engine.helpers import graph, leaf, raises, saved, uniform

NAN = math.nan
INF = math.inf
SECOND_BACKWARD = "Trying to backward through the graph a second time"


def same(t: Tensor | None, expected: Any, dtype: Any = None) -> None:
    """Values equal (inf/nan patterns included), with the expected dtype if given."""
    assert t is not None
    np.testing.assert_allclose(
        t.detach().numpy().astype(np.float64), np.asarray(expected, dtype=float), rtol=1e-4
    )
    if dtype is not None:
        assert t.dtype == dtype


def grad_of(fn: Callable[[Tensor], Tensor], values: Any) -> tuple[Tensor, Tensor]:
    """(output, x.grad) for the gradient of out.sum() at `values` (float32)."""
    x = leaf(values)
    y = fn(x)
    y.sum().backward()
    assert x.grad is not None
    return y, x.grad


def f64(values: Any) -> Tensor:
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


# ---- unary ops: gradcheck and gradgradcheck in float64 ------------------------------------------

# (id, fn, low, high): inputs are drawn from [low, high), away from kinks and domain edges.
UNARY: list[tuple[str, Callable[[Tensor], Tensor], float, float]] = [
    ("sin", torch.sin, -3, 3),
    ("cos", lambda x: x.cos(), -3, 3),
    ("tan", lambda x: x.tan(), -1.2, 1.2),
    ("tanh", torch.tanh, -3, 3),
    ("F.tanh", F.tanh, -3, 3),
    ("sigmoid", lambda x: x.sigmoid(), -4, 4),
    ("F.sigmoid", F.sigmoid, -4, 4),
    ("relu", lambda x: x.relu(), 0.2, 2),
    ("relu_neg", torch.relu, -2, -0.2),
    ("F.relu", F.relu, 0.2, 2),
    ("sqrt", lambda x: x.sqrt(), 0.3, 3),
    ("rsqrt", lambda x: x.rsqrt(), 0.3, 3),
    ("abs_pos", lambda x: x.abs(), 0.2, 2),
    ("abs_neg", torch.abs, -2, -0.2),
    ("log1p", lambda x: x.log1p(), -0.7, 3),
    ("expm1", lambda x: x.expm1(), -2, 2),
    ("exp2", lambda x: x.exp2(), -2, 2),
    ("log2", lambda x: x.log2(), 0.3, 3),
    ("log10", lambda x: x.log10(), 0.3, 3),
    ("atan", lambda x: x.atan(), -3, 3),
    ("sinh", lambda x: x.sinh(), -2, 2),
    ("cosh", lambda x: x.cosh(), -2, 2),
    ("asin", lambda x: x.asin(), -0.8, 0.8),
    ("acos", lambda x: x.acos(), -0.8, 0.8),
    ("erf", lambda x: x.erf(), -2, 2),
    ("frac", lambda x: x.frac(), 0.1, 0.9),
    ("exp", lambda x: x.exp(), -2, 2),
    ("log", lambda x: x.log(), 0.3, 3),
    ("reciprocal", lambda x: x.reciprocal(), 0.3, 3),
    ("neg", lambda x: -x, -2, 2),
    ("square", lambda x: x.square(), -2, 2),
    ("pow_3", lambda x: x**3, -2, 2),
    ("pow_half", lambda x: x**0.5, 0.3, 3),
    ("pow_neg", lambda x: x**-1.5, 0.3, 3),
    ("rpow", lambda x: 2**x, -2, 2),
    ("rdiv", lambda x: 2 / x, 0.3, 3),
    ("rsub", lambda x: 2 - x, -2, 2),
    ("clamp", lambda x: x.clamp(-0.5, 0.5), -2, 2),
    ("clamp_min", lambda x: x.clamp(min=0.1), -2, 2),
    ("clamp_max_method", lambda x: x.clamp_max(0.1), -2, 2),
    ("clamp_min_method", lambda x: torch.clamp_min(x, -0.1), -2, 2),
    ("clip", lambda x: torch.clip(x, -0.5, 0.5), -2, 2),
    ("masked_fill", lambda x: x.masked_fill(x > 0.3, 2.0), -2, 2),
    ("remainder_scalar", lambda x: x % 5.0, 0.1, 4),
    ("fmod_scalar", lambda x: torch.fmod(x, -5.0), 0.1, 4),
]

# Piecewise-constant ops: the first derivative is zeros_like(grad), which carries no graph in
# torch either, so there is no second derivative to check.
ZERO_GRAD: list[tuple[str, Callable[[Tensor], Tensor]]] = [
    ("sign", torch.sign),
    ("round", lambda x: x.round()),
    ("round_decimals", lambda x: torch.round(x, decimals=1)),
    ("floor", lambda x: x.floor()),
    ("ceil", torch.ceil),
    ("trunc", lambda x: x.trunc()),
]


def _off_grid(shape: tuple[int, ...]) -> Tensor:
    """Values that stay clear of integers and of the 0.05 grid (rounding discontinuities)."""
    values = np.random.default_rng(3).integers(-20, 20, shape) / 10.0 + 0.0237
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


@pytest.mark.parametrize(("name", "fn", "lo", "hi"), UNARY, ids=[c[0] for c in UNARY])
def test_unary_gradcheck(name: str, fn: Callable[[Tensor], Tensor], lo: float, hi: float) -> None:
    gradcheck(fn, [uniform((2, 3), lo, hi)])


@pytest.mark.parametrize(("name", "fn", "lo", "hi"), UNARY, ids=[c[0] for c in UNARY])
def test_unary_gradgradcheck(
    name: str, fn: Callable[[Tensor], Tensor], lo: float, hi: float
) -> None:
    gradgradcheck(fn, [uniform((2, 3), lo, hi)])


@pytest.mark.parametrize(("name", "fn"), ZERO_GRAD, ids=[c[0] for c in ZERO_GRAD])
def test_zero_gradient_ops(name: str, fn: Callable[[Tensor], Tensor]) -> None:
    x = _off_grid((2, 3))
    gradcheck(fn, [x])
    (g,) = torch.autograd.grad(fn(x).sum(), x, create_graph=True)
    same(g, np.zeros((2, 3)))
    assert g.grad_fn is None  # like torch: zeros with no graph behind them


# ---- binary ops: float64 gradients on broadcasting shapes ---------------------------------------

# (id, fn, (shape_a, lo, hi), (shape_b, lo, hi))
BINARY: list[tuple[str, Callable[[Tensor, Tensor], Tensor], tuple[Any, ...], tuple[Any, ...]]] = [
    ("add", lambda a, b: a + b, ((2, 1, 3), -2, 2), ((4, 1), -2, 2)),
    ("add_alpha", lambda a, b: torch.add(a, b, alpha=2.5), ((3, 1), -2, 2), ((1, 4), -2, 2)),
    ("sub", lambda a, b: a - b, ((2, 1, 3), -2, 2), ((4, 1), -2, 2)),
    ("mul", lambda a, b: a * b, ((3, 1), -2, 2), ((1, 4), -2, 2)),
    ("div", lambda a, b: a / b, ((3, 1), -2, 2), ((1, 4), 0.5, 2)),
    ("pow", lambda a, b: a**b, ((3, 1), 0.5, 2), ((4,), -2, 2)),
    ("maximum", torch.maximum, ((3, 1), -2, 2), ((1, 4), -2, 2)),
    ("minimum", lambda a, b: a.minimum(b), ((2, 3), -2, 2), ((3,), -2, 2)),
    ("max_binary", lambda a, b: torch.max(a, b), ((2, 3), -2, 2), ((3,), -2, 2)),
    ("min_binary", lambda a, b: torch.min(a, b), ((2, 3), -2, 2), ((2, 1), -2, 2)),
    ("remainder", lambda a, b: a % b, ((2, 3), 0.1, 0.9), ((3,), 1.2, 2)),
    ("fmod", torch.fmod, ((2, 1), -0.9, -0.1), ((1, 3), 1.2, 2)),
    ("where", lambda a, b: torch.where(a > b, a, b * 2), ((2, 3), -2, 2), ((3,), -2, 2)),
    ("clamp_min_t", lambda a, b: a.clamp(min=b), ((2, 3), -2, 2), ((3,), -2, 2)),
    ("clamp_max_t", lambda a, b: a.clamp(max=b), ((2, 3), -2, 2), ((2, 1), -2, 2)),
    ("clamp_min_method_t", lambda a, b: a.clamp_min(b), ((2, 3), -2, 2), ((3,), -2, 2)),
    ("clamp_max_method_t", lambda a, b: torch.clamp_max(a, b), ((2, 3), -2, 2), ((3,), -2, 2)),
    ("masked_fill_value", lambda a, b: a.masked_fill(a > 0, b), ((2, 3), -2, 2), ((), -2, 2)),
]


@pytest.mark.parametrize(("name", "fn", "sa", "sb"), BINARY, ids=[c[0] for c in BINARY])
def test_binary_gradcheck(name: str, fn: Any, sa: Any, sb: Any) -> None:
    gradcheck(fn, [uniform(*sa, seed=1), uniform(*sb, seed=2)])


@pytest.mark.parametrize(("name", "fn", "sa", "sb"), BINARY, ids=[c[0] for c in BINARY])
def test_binary_gradgradcheck(name: str, fn: Any, sa: Any, sb: Any) -> None:
    gradgradcheck(fn, [uniform(*sa, seed=1), uniform(*sb, seed=2)])


def test_clamp_tensor_bounds_gradients() -> None:
    """Three-way broadcast; bounds of either order (min > max sends the gradient to max)."""
    x, lo, hi = uniform((2, 3), -2, 2, 1), uniform((3,), -1, 0.5, 2), uniform((2, 1), -0.5, 1, 3)
    gradcheck(lambda a, b, c: a.clamp(b, c), [x, lo, hi])
    gradgradcheck(lambda a, b, c: torch.clamp(a, b, c), [x, lo, hi])


# ---- grad_fn names, graphs, saved tensors, second backward (torch 2.13 reference) --------------


def _operands() -> dict[str, Tensor]:
    return {
        "a": leaf([[0.5, 2.0, -1.0], [1.5, -0.3, 0.8]]),
        "b": leaf([[1.5, 0.5, 3.0], [0.7, 1.1, -2.0]]),
        "lo": leaf([0.0, 0.5, -0.5]),
        "hi": leaf([1.0, 1.0, 0.5]),
        "v": leaf(3.0),
        "c": torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]),
    }


# (id, fn over the operands, graph, saved tensors, second backward fails)
REFERENCE: list[tuple[str, Callable[[dict[str, Tensor]], Tensor], list[str], set[str], bool]] = [
    ("sin", lambda o: o["a"].sin(), ["SinBackward0"], {"SinBackward0.self"}, True),
    ("cos", lambda o: o["a"].cos(), ["CosBackward0"], {"CosBackward0.self"}, True),
    ("tan", lambda o: o["a"].tan(), ["TanBackward0"], {"TanBackward0.result"}, True),
    ("tanh", lambda o: torch.tanh(o["a"]), ["TanhBackward0"], {"TanhBackward0.result"}, True),
    ("F.tanh", lambda o: F.tanh(o["a"]), ["TanhBackward0"], {"TanhBackward0.result"}, True),
    (
        "sigmoid",
        lambda o: o["a"].sigmoid(),
        ["SigmoidBackward0"],
        {"SigmoidBackward0.result"},
        True,
    ),
    (
        "F.sigmoid",
        lambda o: F.sigmoid(o["a"]),
        ["SigmoidBackward0"],
        {"SigmoidBackward0.result"},
        True,
    ),
    ("relu", lambda o: o["a"].relu(), ["ReluBackward0"], {"ReluBackward0.result"}, True),
    ("F.relu", lambda o: F.relu(o["a"]), ["ReluBackward0"], {"ReluBackward0.result"}, True),
    ("torch.relu", lambda o: torch.relu(o["a"]), ["ReluBackward0"], {"ReluBackward0.result"}, True),
    ("sqrt", lambda o: o["b"].sqrt(), ["SqrtBackward0"], {"SqrtBackward0.result"}, True),
    ("rsqrt", lambda o: o["b"].rsqrt(), ["RsqrtBackward0"], {"RsqrtBackward0.result"}, True),
    ("abs", lambda o: o["a"].abs(), ["AbsBackward0"], {"AbsBackward0.self"}, True),
    ("sign", lambda o: o["a"].sign(), ["SignBackward0"], set(), False),
    ("log1p", lambda o: o["b"].log1p(), ["Log1PBackward0"], {"Log1PBackward0.self"}, True),
    ("expm1", lambda o: o["a"].expm1(), ["Expm1Backward0"], {"Expm1Backward0.result"}, True),
    ("exp2", lambda o: o["a"].exp2(), ["Exp2Backward0"], {"Exp2Backward0.result"}, True),
    ("log2", lambda o: o["b"].log2(), ["Log2Backward0"], {"Log2Backward0.self"}, True),
    ("log10", lambda o: o["b"].log10(), ["Log10Backward0"], {"Log10Backward0.self"}, True),
    ("atan", lambda o: o["a"].atan(), ["AtanBackward0"], {"AtanBackward0.self"}, True),
    ("sinh", lambda o: o["a"].sinh(), ["SinhBackward0"], {"SinhBackward0.self"}, True),
    ("cosh", lambda o: o["a"].cosh(), ["CoshBackward0"], {"CoshBackward0.self"}, True),
    ("asin", lambda o: o["a"].asin(), ["AsinBackward0"], {"AsinBackward0.self"}, True),
    ("acos", lambda o: o["a"].acos(), ["AcosBackward0"], {"AcosBackward0.self"}, True),
    ("erf", lambda o: o["a"].erf(), ["ErfBackward0"], {"ErfBackward0.self"}, True),
    ("round", lambda o: o["a"].round(), ["RoundBackward0"], set(), False),
    ("round_decimals", lambda o: o["a"].round(decimals=2), ["RoundBackward1"], set(), False),
    ("floor", lambda o: o["a"].floor(), ["FloorBackward0"], set(), False),
    ("ceil", lambda o: o["a"].ceil(), ["CeilBackward0"], set(), False),
    ("trunc", lambda o: o["a"].trunc(), ["TruncBackward0"], set(), False),
    ("frac", lambda o: o["a"].frac(), ["FracBackward0"], set(), False),
    (
        "maximum",
        lambda o: torch.maximum(o["a"], o["b"]),
        ["MaximumBackward0"],
        {"MaximumBackward0.other", "MaximumBackward0.self"},
        True,
    ),
    (
        "maximum_const",
        lambda o: o["a"].maximum(o["c"]),
        ["MaximumBackward0"],
        {"MaximumBackward0.other", "MaximumBackward0.self"},
        True,
    ),
    (
        "minimum",
        lambda o: torch.minimum(o["a"], o["b"]),
        ["MinimumBackward0"],
        {"MinimumBackward0.other", "MinimumBackward0.self"},
        True,
    ),
    ("clamp", lambda o: o["a"].clamp(0.8, 1.5), ["ClampBackward1"], {"ClampBackward1.self"}, True),
    (
        "clamp_min_kw",
        lambda o: o["a"].clamp(min=0.8),
        ["ClampBackward1"],
        {"ClampBackward1.self"},
        True,
    ),
    (
        "clamp_max_kw",
        lambda o: o["a"].clamp(max=1.5),
        ["ClampBackward1"],
        {"ClampBackward1.self"},
        True,
    ),
    ("clip", lambda o: torch.clip(o["a"], 0, 1), ["ClampBackward1"], {"ClampBackward1.self"}, True),
    (
        "clamp_min",
        lambda o: o["a"].clamp_min(0.8),
        ["ClampMinBackward0"],
        {"ClampMinBackward0.self"},
        True,
    ),
    (
        "clamp_max",
        lambda o: o["a"].clamp_max(1.0),
        ["ClampMaxBackward0"],
        {"ClampMaxBackward0.self"},
        True,
    ),
    (
        "clamp_tensor",
        lambda o: o["a"].clamp(o["lo"], o["hi"]),
        ["ClampBackward0"],
        {"ClampBackward0.max", "ClampBackward0.min", "ClampBackward0.self"},
        True,
    ),
    (
        "clamp_tensor_min",
        lambda o: o["a"].clamp(o["lo"], None),
        ["ClampBackward0"],
        {"ClampBackward0.min", "ClampBackward0.self"},
        True,
    ),
    (
        "clamp_tensor_max",
        lambda o: o["a"].clamp(None, o["hi"]),
        ["ClampBackward0"],
        {"ClampBackward0.max", "ClampBackward0.self"},
        True,
    ),
    (
        "clamp_min_tensor",
        lambda o: o["a"].clamp_min(o["v"]),
        ["ClampMinBackward1"],
        {"ClampMinBackward1.min", "ClampMinBackward1.self"},
        True,
    ),
    (
        "clamp_max_tensor",
        lambda o: o["a"].clamp_max(o["v"]),
        ["ClampMaxBackward1"],
        {"ClampMaxBackward1.max", "ClampMaxBackward1.self"},
        True,
    ),
    (
        "masked_fill",
        lambda o: o["a"].masked_fill(o["a"] > 1, 0.0),
        ["MaskedFillBackward0"],
        {"MaskedFillBackward0.mask"},
        True,
    ),
    (
        "masked_fill_tensor",
        lambda o: torch.masked_fill(o["a"], o["a"] > 1, o["v"]),
        ["MaskedFillBackward1"],
        {"MaskedFillBackward1.mask"},
        True,
    ),
    ("remainder_scalar", lambda o: o["a"] % 2, ["RemainderBackward0"], set(), False),
    (
        "remainder",
        lambda o: o["a"] % o["b"],
        ["RemainderBackward1"],
        {"RemainderBackward1.other", "RemainderBackward1.self"},
        True,
    ),
    ("fmod_scalar", lambda o: torch.fmod(o["a"], 2), ["FmodBackward0"], set(), False),
    (
        "fmod",
        lambda o: o["a"].fmod(o["b"]),
        ["FmodBackward1"],
        {"FmodBackward1.other", "FmodBackward1.self"},
        True,
    ),
    (
        "where",
        lambda o: torch.where(o["a"] > 1, o["a"], o["b"]),
        ["WhereBackward0"],
        {"WhereBackward0.condition"},
        True,
    ),
    (
        "pow_tensor",
        lambda o: o["b"] ** o["a"],
        ["PowBackward1"],
        {"PowBackward1.exponent", "PowBackward1.result", "PowBackward1.self"},
        True,
    ),
    (
        "rpow",
        lambda o: 2 ** o["a"],
        ["PowBackward2"],
        {"PowBackward2.exponent", "PowBackward2.result"},
        True,
    ),
    (
        "div_floor",
        lambda o: o["a"].div(o["b"], rounding_mode="floor"),
        ["DivBackward2"],
        {"DivBackward2.other", "DivBackward2.self"},
        True,
    ),
    ("square", lambda o: o["a"].square(), ["PowBackward0"], {"PowBackward0.self"}, True),
]


@pytest.mark.parametrize(
    ("name", "fn", "nodes", "saves", "fails"), REFERENCE, ids=[c[0] for c in REFERENCE]
)
def test_reference_graph(
    name: str,
    fn: Callable[[dict[str, Tensor]], Tensor],
    nodes: list[str],
    saves: set[str],
    fails: bool,
) -> None:
    ops = _operands()
    out = fn(ops)
    assert graph(out) == nodes
    assert saved(out) == saves
    out.backward(torch.ones_like(out))
    if fails:
        with pytest.raises(RuntimeError, match=SECOND_BACKWARD):
            out.backward(torch.ones_like(out))
    else:
        out.backward(torch.ones_like(out))


def test_masked_fill_node_has_one_edge() -> None:
    """The mask is saved, not an input: torch's MaskedFillBackward0 has a single edge."""
    a = leaf([1.0, 2.0])
    assert len(a.masked_fill(a > 1, 0.0).grad_fn.next_functions) == 1


def test_rmod_has_no_derivative() -> None:
    """torch.remainder(Scalar, Tensor) records a NotImplemented node that raises in backward."""
    a = leaf([1.5, 2.5])
    y = 2 % a
    same(y, [0.5, 2.0])
    assert graph(y) == ["NotImplemented"]
    with raises(RuntimeError, "derivative for aten::remainder is not implemented"):
        y.sum().backward()


# ---- facts §9: values and gradients at awkward points ------------------------------------------

# (id, fn, x, y, x.grad) for the gradient of y.sum()
AWKWARD: list[tuple[str, Callable[[Tensor], Tensor], list[float], list[float], list[float]]] = [
    ("relu", torch.relu, [-1, 0, 1], [0, 0, 1], [0, 0, 1]),
    ("relu_nan", lambda x: x.relu(), [NAN, -INF], [NAN, 0], [1, 0]),
    ("abs", lambda x: x.abs(), [-1, 0, 1], [1, 0, 1], [-1, 0, 1]),
    ("abs_nonfinite", lambda x: x.abs(), [NAN, -INF], [NAN, INF], [0, -1]),
    ("sign", lambda x: x.sign(), [-2, 0, 3, NAN], [-1, 0, 1, 0], [0, 0, 0, 0]),
    ("sqrt", lambda x: x.sqrt(), [0, 4], [0, 2], [INF, 0.25]),
    ("sqrt_neg", lambda x: x.sqrt(), [-1], [NAN], [NAN]),
    ("sqrt_inf", torch.sqrt, [INF], [INF], [0]),
    ("rsqrt", lambda x: x.rsqrt(), [0, 4, -1], [INF, 0.5, NAN], [-INF, -0.0625, NAN]),
    ("pow_half", lambda x: x**0.5, [0, 4], [0, 2], [INF, 0.25]),
    ("pow2_at_0", lambda x: x**2, [0], [0], [0]),
    ("pow3_at_neg2", lambda x: x**3, [-2], [-8], [12]),
    ("pow0", lambda x: x**0, [0, 3, -2], [1, 1, 1], [0, 0, 0]),
    ("pow0_float", lambda x: x**0.0, [0, 3, -2], [1, 1, 1], [0, 0, 0]),
    ("pow1", lambda x: x**1, [0], [0], [1]),
    ("pow_neg1", lambda x: x**-1, [0, 2], [INF, 0.5], [-INF, -0.25]),
    ("pow_1_5", lambda x: x**1.5, [0, -1], [0, NAN], [0, NAN]),
    ("pow_2_5", lambda x: x**2.5, [0], [0], [0]),
    ("rpow_2", lambda x: 2**x, [0, 1], [1, 2], [0.6931, 1.3863]),
    ("rpow_0", lambda x: 0**x, [0, 1, -1], [1, 0, INF], [0, 0, -INF]),
    ("log", lambda x: x.log(), [0, -1, 1], [-INF, NAN, 0], [INF, -1, 1]),
    ("log1p", lambda x: x.log1p(), [-1, -2, 0], [-INF, NAN, 0], [INF, -1, 1]),
    ("log2", lambda x: x.log2(), [0, -1, 1], [-INF, NAN, 0], [INF, -1.4427, 1.4427]),
    ("exp_overflow", lambda x: x.exp(), [100], [INF], [INF]),
    ("exp2", lambda x: x.exp2(), [0, 200, -INF], [1, INF, 0], [0.6931, INF, 0]),
    ("expm1", lambda x: x.expm1(), [100, -INF, 0], [INF, -1, 0], [INF, 0, 1]),
    ("reciprocal", lambda x: 1 / x, [0], [INF], [-INF]),
    ("div_by_python_0", lambda x: x / 0, [0, 1, -1], [NAN, INF, -INF], [INF, INF, INF]),
    ("mul_zero_nonfinite", lambda x: x * 0, [INF, NAN, 1], [NAN, NAN, 0], [0, 0, 0]),
    ("mul_self_nonfinite", lambda x: x * x, [INF, NAN, 1], [INF, NAN, 1], [INF, NAN, 2]),
    ("sin_inf", lambda x: x.sin(), [INF], [NAN], [NAN]),
    ("tanh_sat", lambda x: x.tanh(), [0, 100, -INF, NAN], [0, 1, -1, NAN], [1, 0, 0, NAN]),
    ("sigmoid_sat", lambda x: x.sigmoid(), [0, 100, -100, -INF], [0.5, 1, 0, 0], [0.25, 0, 0, 0]),
    ("atan_inf", lambda x: x.atan(), [INF, 0], [1.5708, 0], [0, 1]),
    ("asin_edges", lambda x: x.asin(), [1, -1, 2], [1.5708, -1.5708, NAN], [INF, INF, NAN]),
    ("acos_edges", lambda x: x.acos(), [1, -1, 2], [0, 3.1416, NAN], [-INF, -INF, NAN]),
    ("erf_inf", lambda x: x.erf(), [0, INF], [0, 1], [1.1284, 0]),
    ("frac", lambda x: x.frac(), [1.5, -1.5, INF], [0.5, -0.5, NAN], [1, 1, 1]),
    ("floor", lambda x: x.floor(), [1.5, 2], [1, 2], [0, 0]),
    ("round", lambda x: x.round(), [1.5, 2, 0.5, 2.5, -0.5], [2, 2, 0, 2, -0.0], [0, 0, 0, 0, 0]),
    (
        "round_decimals",
        lambda x: x.round(decimals=1),
        [0.25, 1.15, -0.45],
        [0.2, 1.2, -0.4],
        [0, 0, 0],
    ),
    ("round_neg_decimals", lambda x: x.round(decimals=-1), [15, 25, 14], [20, 20, 10], [0, 0, 0]),
    (
        "clamp_boundaries",
        lambda x: x.clamp(0, 1),
        [-1, 0, 0.5, 1, 2],
        [0, 0, 0.5, 1, 1],
        [0, 1, 1, 1, 0],
    ),
    ("clamp_nan", lambda x: x.clamp(0, 1), [NAN], [NAN], [0]),
    ("clamp_min_boundary", lambda x: x.clamp(min=0), [-1, 0, 1], [0, 0, 1], [0, 1, 1]),
    ("clamp_max_boundary", lambda x: x.clamp(max=1), [0, 1, 2], [0, 1, 1], [1, 1, 0]),
    ("clamp_min_gt_max", lambda x: x.clamp(1.0, 0.0), [-1, 0, 0.5, 1, 2], [0] * 5, [0] * 5),
    ("clamp_min_method", lambda x: x.clamp_min(0.0), [-1, 0, 1], [0, 0, 1], [0, 1, 1]),
    (
        "where_sqrt_leak",
        lambda x: torch.where(x > 0, x.sqrt(), 0),
        [-1, 0, 1],
        [0, 0, 1],
        [NAN, NAN, 0.5],
    ),
    (
        "where_log_leak",
        lambda x: torch.where(x > 0, x.log(), 0),
        [-1, 0, 1],
        [0, 0, 0],
        [-0.0, NAN, 1],
    ),
    ("remainder", lambda x: x % 2, [-3, 3.5], [1, 1.5], [1, 1]),
    ("fmod", lambda x: torch.fmod(x, 2), [-3, 3.5], [-1, 1.5], [1, 1]),
    ("remainder_by_zero", lambda x: x % 0, [5, -3], [NAN, NAN], [1, 1]),
]


@pytest.mark.parametrize(("name", "fn", "x", "y", "g"), AWKWARD, ids=[c[0] for c in AWKWARD])
def test_awkward_points(name: str, fn: Any, x: list[float], y: list[float], g: list[float]) -> None:
    out, grad = grad_of(fn, x)
    same(out, y)
    same(grad, g)


def test_where_log_leak_prints_negative_zero() -> None:
    _, grad = grad_of(lambda x: torch.where(x > 0, x.log(), 0), [-1.0, 0.0, 1.0])
    assert repr(grad) == "tensor([-0., nan, 1.])"


def test_tensor_pow_zero_cases() -> None:
    x, e = leaf([0.0, 2.0, 0.0, 0.0, 2.0, -2.0]), leaf([0.0, 0.0, 2.0, 0.5, 3.0, 2.0])
    y = x**e
    y.sum().backward()
    same(y, [1, 1, 0, 0, 8, 4])
    same(x.grad, [0, 0, 0, INF, 12, -4])
    same(e.grad, [0, 0.6931, 0, 0, 5.5452, NAN])


def test_div_by_zero_tensor() -> None:
    x, z = leaf([1.0, 0.0, -1.0]), leaf([0.0, 0.0, 0.0])
    y = x / z
    y.sum().backward()
    same(y, [INF, NAN, -INF])
    same(x.grad, [INF, INF, INF])
    same(z.grad, [-INF, NAN, INF])


@pytest.mark.parametrize("fn", [torch.maximum, torch.max], ids=["maximum", "max"])
def test_maximum_ties_and_nan(fn: Callable[[Tensor, Tensor], Tensor]) -> None:
    """Tied elements get 0.5 each; a nan operand wins and both inputs get the full gradient."""
    a, b = leaf([0.0, 1.0, 2.0, NAN]), leaf([1.0, 1.0, 1.0, 1.0])
    y = fn(a, b)
    y.sum().backward()
    same(y, [1, 1, 2, NAN])
    same(a.grad, [0, 0.5, 1, 1])
    same(b.grad, [1, 0.5, 0, 1])


def test_minimum_ties() -> None:
    a, b = leaf([0.0, 1.0, 2.0]), leaf([1.0, 1.0, 1.0])
    y = torch.minimum(a, b)
    y.sum().backward()
    same(y, [0, 1, 1])
    same(a.grad, [1, 0.5, 0])
    same(b.grad, [0, 0.5, 1])


def test_clamp_tensor_bounds_boundaries_and_crossed_bounds() -> None:
    x = leaf([-1.0, 0.0, 0.5, 1.0, 2.0])
    lo = leaf([0.0, 0.0, 0.0, 0.0, 0.0])
    hi = leaf([1.0, 1.0, 1.0, 1.0, 1.0])
    y = x.clamp(lo, hi)
    y.sum().backward()
    same(x.grad, [0, 1, 1, 1, 0])
    same(lo.grad, [1, 0, 0, 0, 0])
    same(hi.grad, [0, 0, 0, 0, 1])
    # min > max: the output is max, min gets no gradient, max gets all of it.
    x, lo, hi = leaf([0.5, 2.0]), leaf([1.0, 1.0]), leaf([0.0, 0.0])
    y = torch.clamp(x, lo, hi)
    y.sum().backward()
    same(y, [0, 0])
    same(x.grad, [0, 0])
    same(lo.grad, [0, 0])
    same(hi.grad, [1, 1])


def test_masked_fill_tensor_value_gets_summed_gradient() -> None:
    a, v = (
        leaf([[1.0, 2.0], [3.0, 4.0]]),
        torch.tensor(2.5, dtype=torch.float64, requires_grad=True),
    )
    y = a.masked_fill(a > 1.5, v)
    assert y.dtype == torch.float32
    y.backward(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    same(a.grad, [[1, 0], [0, 0]])
    same(v.grad, 9.0, dtype=torch.float64)


def test_masked_fill_broadcasts_mask_and_casts_value() -> None:
    y = torch.ones(2).masked_fill(torch.tensor([[True], [False]]), 5.0)
    same(y, [[5, 5], [1, 1]])
    z = torch.tensor([1, 2]).masked_fill(torch.tensor([True, False]), 2.7)
    assert z.dtype == torch.int64 and z.tolist() == [2, 2]


# ---- facts §7: dtype rules ---------------------------------------------------------------------


def test_floordiv_and_mod_keep_int32() -> None:
    i = torch.tensor([-5, 3], dtype=torch.int32)
    assert (i // 2).dtype == torch.int32 and (i // 2).tolist() == [-3, 1]
    assert (i % 2).dtype == torch.int32 and (i % 2).tolist() == [1, 1]
    assert (i % torch.tensor(2)).dtype == torch.int32  # a 0-d int64 does not widen
    assert (i % torch.tensor([2, 2])).dtype == torch.int64
    assert (i / 2).dtype == torch.float32


@pytest.mark.parametrize(
    "fn",
    [
        lambda: torch.tensor([2, 3]) // 0,
        lambda: torch.tensor([2, 3]) // torch.tensor(0),
        lambda: torch.tensor([5, 3]) % 0,
        lambda: torch.tensor([5, 3]) % torch.tensor([0, 1]),
        lambda: torch.fmod(torch.tensor([5, 3]), 0),
    ],
    ids=["floordiv", "floordiv_tensor", "mod", "mod_tensor", "fmod"],
)
def test_integer_division_by_zero(fn: Callable[[], Tensor]) -> None:
    with raises(RuntimeError, "ZeroDivisionError"):
        fn()


def test_float_division_by_zero_is_silent() -> None:
    same(torch.tensor([2, 3]) // 0.0, [INF, INF])
    same(torch.tensor([5.0, -3.0]) % 0, [NAN, NAN])
    same(torch.tensor([4, 0]) / torch.tensor([2, 0]), [2, NAN])


def test_modulo_signs() -> None:
    """remainder takes the divisor's sign (Python's %), fmod the dividend's."""
    assert (torch.tensor([-3, 5]) % torch.tensor([2, -3])).tolist() == [1, -1]
    assert torch.fmod(torch.tensor([-3, 5]), torch.tensor([2, -3])).tolist() == [-1, 2]
    same(torch.tensor([-3.0, 5.0]) % torch.tensor([2.0, -3.0]), [1, -1])
    same(torch.tensor([5.0, 3.0]).remainder(-2), [-1, -1])
    same(torch.tensor([-5.5]) % INF, [INF])
    assert (7 % torch.tensor([3, -4, 5])).tolist() == [1, -1, 2]
    same(torch.remainder(torch.tensor([3, 4]), 2.5), [0.5, 1.5], dtype=torch.float32)


@pytest.mark.parametrize(
    ("fn", "dtype"),
    [
        (lambda: torch.sqrt(torch.tensor([4, 2], dtype=torch.int32)), torch.float32),
        (lambda: torch.sqrt(torch.tensor([4], dtype=torch.uint8)), torch.float32),
        (lambda: torch.sin(torch.tensor([True])), torch.float32),
        (lambda: torch.sigmoid(torch.tensor([1])), torch.float32),
        (lambda: torch.exp2(torch.tensor([3])), torch.float32),
        (lambda: torch.sqrt(torch.tensor([4.0], dtype=torch.float16)), torch.float16),
        (lambda: torch.abs(torch.tensor([-1, 2])), torch.int64),
        (lambda: torch.relu(torch.tensor([-1, 2], dtype=torch.uint8)), torch.uint8),
        (lambda: torch.sign(torch.tensor([-1, 2])), torch.int64),
        (lambda: torch.sign(torch.tensor([True])), torch.bool),
        (lambda: torch.floor(torch.tensor([-1, 2])), torch.int64),
        (lambda: torch.round(torch.tensor([3], dtype=torch.int32)), torch.int32),
        (lambda: torch.clamp(torch.tensor([1, 2, 3]), 0.5), torch.float32),
        (lambda: torch.clamp(torch.tensor([1, 5, 9]), 2, 6), torch.int64),
        (lambda: torch.clamp(torch.ones(2, dtype=torch.float16), min=0.5), torch.float16),
        (
            lambda: torch.clamp(torch.ones(2), torch.tensor([0.0], dtype=torch.float64)),
            torch.float64,
        ),
        (lambda: torch.ones(2, dtype=torch.int64).clamp_min(0.5), torch.float32),
        (lambda: torch.maximum(torch.tensor([1, 2]), torch.tensor([1.5, 2.0])), torch.float32),
        (
            lambda: torch.maximum(torch.ones(2), torch.tensor(1.5, dtype=torch.float64)),
            torch.float32,
        ),
        (lambda: torch.maximum(torch.tensor([True]), torch.tensor([False])), torch.bool),
    ],
)
def test_result_dtypes(fn: Callable[[], Tensor], dtype: Any) -> None:
    assert fn().dtype == dtype


def test_integer_results_are_exact() -> None:
    assert torch.clamp(torch.tensor([1, 5, 9]), 2, 6).tolist() == [2, 5, 6]
    assert torch.abs(torch.tensor([-3, 2], dtype=torch.int32)).tolist() == [3, 2]
    assert torch.relu(torch.tensor([-1, 2])).tolist() == [0, 2]


def test_mixed_dtype_gradients_come_back_in_each_inputs_dtype() -> None:
    a = leaf([1.0, 3.0])
    s = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
    y = torch.maximum(a, s)
    assert y.dtype == torch.float32
    y.sum().backward()
    assert a.grad.dtype == torch.float32 and s.grad.dtype == torch.float64
    same(a.grad, [0, 1])
    same(s.grad, 1.0)


def test_float16_uses_float32_internally() -> None:
    """torch computes half-precision functions in float32 and rounds once (measured values)."""
    x = torch.tensor([-3.671875, 1.8359375, 3.48046875], dtype=torch.float16)
    # computing 1 / (1 + exp(-x)) in float16 would give [0.024810791015625, 0.86279296875, ...]
    assert torch.sigmoid(x).tolist() == [0.0247955322265625, 0.8623046875, 0.97021484375]
    y = torch.tensor([1.095703125, -1.841796875, -3.671875], dtype=torch.float16)
    assert F.softmax(y, 0).tolist() == [0.94189453125, 0.0499267578125, 0.0080108642578125]


# ---- torch's messages --------------------------------------------------------------------------


def test_messages() -> None:
    a = leaf([1.0, 2.0])
    with raises(RuntimeError, "torch.clamp: At least one of 'min' or 'max' must not be None"):
        a.clamp()
    with raises(
        RuntimeError, "masked_fill_ only supports boolean masks, but got mask with dtype float"
    ):
        a.masked_fill(torch.tensor([1.0, 0.0]), 0.0)
    with raises(
        RuntimeError,
        "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).",
    ):
        a.masked_fill(a > 1, torch.tensor([3.0]))
    with raises(
        RuntimeError,
        "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0",
    ):
        torch.masked_fill(torch.ones(2), torch.tensor([True, False, True]), 1.0)
    with raises(TypeError, "maximum(): argument 'other' (position 2) must be Tensor, not float"):
        torch.maximum(a, 1.0)
    with raises(
        RuntimeError,
        "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
    ):
        torch.maximum(torch.ones(2), torch.ones(3))
    with raises(
        RuntimeError,
        "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1",
    ):
        torch.ones(2, 3) * torch.ones(3, 2)
    with raises(NotImplementedError, "\"frac_cpu\" not implemented for 'Long'"):
        torch.frac(torch.tensor([1]))
    with raises(NotImplementedError, "\"abs_cpu\" not implemented for 'Bool'"):
        torch.abs(torch.tensor([True]))
    with raises(NotImplementedError, "\"round_cpu\" not implemented for 'Long'"):
        torch.round(torch.tensor([3]), decimals=1)
    with raises(NotImplementedError, "\"remainder_cpu\" not implemented for 'Bool'"):
        torch.tensor([True]) % torch.tensor([True])
    with raises(RuntimeError, "Boolean inputs not supported for relu"):
        F.relu(torch.tensor([True]))
    with raises(RuntimeError, "Integers to negative integer powers are not allowed."):
        torch.tensor([2, 3]) ** -1
    with raises(TypeError, "sin(): argument 'input' (position 1) must be Tensor, not float"):
        torch.sin(2.0)


def test_clamp_mixed_bound_kinds() -> None:
    """A 0-d tensor without grad converts to a Number (ClampBackward1); otherwise TypeError."""
    a = leaf([0.5, 2.0])
    assert a.clamp(torch.tensor(0.0), 1.0).grad_fn.name() == "ClampBackward1"
    with pytest.raises(TypeError, match=r"^clamp\(\) received an invalid combination"):
        a.clamp(torch.tensor(0.0, requires_grad=True), 1.0)
    with pytest.raises(TypeError, match=r"^clamp\(\) received an invalid combination"):
        a.clamp(0.0, torch.tensor([1.0, 2.0]))


def test_inplace_flag_is_refused_clearly() -> None:
    with pytest.raises(NotImplementedError, match="inplace=True is not supported"):
        F.relu(torch.ones(2), inplace=True)


# ---- property: binary ops return each input's gradient in that input's shape ------------------


def _broadcastable_pair(draw: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
    full = draw(st.lists(st.integers(1, 3), min_size=0, max_size=3))
    shapes = []
    for _ in range(2):
        keep = draw(st.integers(0, len(full)))
        dims = full[len(full) - keep :]
        shapes.append(tuple(d if draw(st.booleans()) else 1 for d in dims))
    return shapes[0], shapes[1]


BINARY_PROPERTY: dict[str, Callable[[Tensor, Tensor], Tensor]] = {
    "add": torch.add,
    "sub": torch.sub,
    "mul": torch.mul,
    "div": torch.div,
    "pow": torch.pow,
    "maximum": torch.maximum,
    "minimum": torch.minimum,
    "remainder": torch.remainder,
    "fmod": torch.fmod,
    "where": lambda a, b: torch.where(a > b, a, b),
    "clamp_min": lambda a, b: torch.clamp(a, min=b),
    "clamp_max": lambda a, b: a.clamp_max(b),
    "div_floor": lambda a, b: a.div(b, rounding_mode="floor"),
}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_binary_gradients_come_back_in_input_shapes(data: Any) -> None:
    name = data.draw(st.sampled_from(sorted(BINARY_PROPERTY)))
    sa, sb = data.draw(st.composite(lambda draw: _broadcastable_pair(draw))())
    rng = np.random.default_rng(len(sa) * 7 + len(sb))
    a = torch.tensor(rng.uniform(0.5, 2.0, sa), requires_grad=True)
    b = torch.tensor(rng.uniform(0.5, 2.0, sb), requires_grad=True)
    out = BINARY_PROPERTY[name](a, b)
    assert tuple(out.shape) == np.broadcast_shapes(sa, sb)
    out.backward(torch.ones_like(out))
    assert a.grad is not None and b.grad is not None
    assert tuple(a.grad.shape) == sa and tuple(b.grad.shape) == sb
    assert a.grad.dtype == a.dtype and b.grad.dtype == b.dtype


def test_where_method_binds_self_as_the_input() -> None:
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    cond = torch.tensor([True, False, True])
    y = x.where(cond, 0.5)
    assert repr(y) == "tensor([1.0000, 0.5000, 3.0000], grad_fn=<WhereBackward0>)"
    y.sum().backward()
    assert x.grad.tolist() == [1.0, 0.0, 1.0]


def test_where_has_torchs_two_edges_and_saves_its_condition() -> None:
    """WhereBackward0's next_functions are self's and other's (measured from torch 2.13: the
    condition is saved, not an edge); its saved condition is freed by backward like torch's."""
    c = torch.tensor([True, False])
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor([3.0, 4.0], requires_grad=True)
    acc = "torch::autograd::AccumulateGrad"
    y = torch.where(c, a, b)
    assert [n.name() for n, _ in y.grad_fn.next_functions] == [acc, acc]
    assert [n and n.name() for n, _ in torch.where(c, a, 2.0).grad_fn.next_functions] == [acc, None]
    assert y.grad_fn._saved_condition.tolist() == [True, False]
    y.sum().backward()
    assert a.grad.tolist() == [1.0, 0.0] and b.grad.tolist() == [0.0, 1.0]
    with pytest.raises(
        errors.RuntimeError, match=r"^Trying to backward through the graph a second"
    ):
        getattr(y.grad_fn, "_saved_condition")  # noqa: B009 (the access is the test)
