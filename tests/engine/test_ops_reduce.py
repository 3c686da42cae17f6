"""Reductions: gradients (first and second order), torch's grad_fn names, graphs, saved tensors
and second-backward behaviour, values at the awkward points of facts §9, dtype rules, the
max(dim)/min(dim) result object, and torch's exact messages.

Expected names, values and messages were measured with torch 2.13.0 (facts sheet §7-9, §15 and
the grad_fn reference); they are hard-coded so the tests need neither torch nor /work/shared.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import engine as torch
from engine import Tensor
from tests.engine.gradcheck import gradcheck, gradgradcheck
from tests.engine.helpers import graph, leaf, raises_like_torch, saved

NAN = math.nan
INF = math.inf
SECOND_BACKWARD = "Trying to backward through the graph a second time"


def rg(shape: tuple[int, ...], seed: int = 0, dtype: Any = torch.float32) -> Tensor:
    """A leaf requiring grad with distinct values (so misplaced gradients show)."""
    values = np.random.default_rng(seed).uniform(0.5, 2.0, shape).round(3)
    return torch.tensor(values, dtype=dtype, requires_grad=True)


def grad_of(fn: Callable[[Tensor], Tensor], values: Any, upstream: Any = None) -> Tensor:
    x = leaf(values)
    y = fn(x)
    y.backward(upstream if upstream is not None else torch.ones_like(y))
    assert x.grad is not None
    return x.grad


def same(t: Tensor, expected: Any, dtype: Any = None) -> None:
    """Values equal (NaN where NaN, signed zeros ignored), with the expected dtype if given."""
    np.testing.assert_allclose(t.detach().numpy(), np.asarray(expected, dtype=float), rtol=1e-4)
    if dtype is not None:
        assert t.dtype == dtype


# ---- gradients: first and second order (float64) -----------------------------------------------

A23 = (2, 3)
GRAD_CASES: list[tuple[str, Callable[[Tensor], Tensor], tuple[int, ...], list[int]]] = [
    # (id, fn, shape, flat positions set to zero)
    ("sum", lambda x: x.sum(), A23, []),
    ("sum_dim_neg_keepdim", lambda x: x.sum(-1, keepdim=True), A23, []),
    ("sum_dims", lambda x: x.sum((0, 2)), (2, 3, 2), []),
    ("mean", lambda x: x.mean(), A23, []),
    ("mean_dims", lambda x: x.mean((0, -1)), (2, 3, 2), []),
    ("prod", lambda x: x.prod(), A23, []),
    ("prod_one_zero", lambda x: x.prod(), A23, [2]),
    ("prod_two_zeros", lambda x: x.prod(), A23, [1, 4]),
    ("prod_dim", lambda x: x.prod(-1), A23, []),
    ("prod_dim_keepdim_zeros", lambda x: x.prod(0, keepdim=True), (3, 3), [0, 4, 7]),
    ("cumsum", lambda x: x.cumsum(1), A23, []),
    ("cumsum_neg", lambda x: x.cumsum(-2), (3, 2), []),
    ("cumprod", lambda x: x.cumprod(-1), (2, 4), []),
    ("cumprod_zeros", lambda x: x.cumprod(1), (2, 4), [1, 5, 7]),
    ("cumprod_two_zeros", lambda x: x.cumprod(0), (5,), [1, 3]),
    ("var", lambda x: x.var(), A23, []),
    ("var_dim_keepdim", lambda x: x.var(1, keepdim=True), A23, []),
    ("var_biased", lambda x: x.var(0, False), (3, 2), []),
    ("var_correction", lambda x: x.var((0, 1), correction=0.5), A23, []),
    ("std", lambda x: x.std(), A23, []),
    ("std_dim", lambda x: x.std(-2), (3, 2), []),
    ("norm", lambda x: x.norm(), A23, []),
    ("norm_dim_keepdim", lambda x: x.norm(dim=1, keepdim=True), A23, []),
    ("norm_p1", lambda x: x.norm(1), (4,), []),
    ("norm_p3", lambda x: x.norm(3, dim=0), (3, 2), []),
    ("norm_p1_5", lambda x: x.norm(1.5), (4,), []),
    ("norm_p0_5", lambda x: x.norm(0.5), (4,), []),
    ("norm_inf", lambda x: x.norm(float("inf"), dim=1), A23, []),
    ("norm_neg1", lambda x: x.norm(-1), (4,), []),
    ("logsumexp", lambda x: x.logsumexp(1), A23, []),
    ("logsumexp_all_keepdim", lambda x: x.logsumexp((0, 1), keepdim=True), A23, []),
    ("max", lambda x: x.max(), A23, []),
    ("min", lambda x: x.min(), A23, []),
    ("max_dim", lambda x: x.max(1).values, A23, []),
    ("min_dim_keepdim", lambda x: x.min(0, keepdim=True)[0], A23, []),
    ("amax", lambda x: x.amax(-1), A23, []),
    ("amin_all", lambda x: x.amin(), A23, []),
    ("amax_dims_keepdim", lambda x: x.amax((0, 2), keepdim=True), (2, 3, 2), []),
]


def _input(shape: tuple[int, ...], zeros: list[int], signed: bool) -> Tensor:
    values = np.random.default_rng(7).uniform(0.5, 1.5, shape)
    if signed:
        values *= np.where(np.arange(values.size).reshape(shape) % 2, -1.0, 1.0)
    values.reshape(-1)[zeros] = 0.0
    return torch.tensor(values, dtype=torch.float64, requires_grad=True)


@pytest.mark.parametrize(
    ("name", "fn", "shape", "zeros"), GRAD_CASES, ids=[c[0] for c in GRAD_CASES]
)
def test_gradcheck(name: str, fn: Callable[[Tensor], Tensor], shape: Any, zeros: list[int]) -> None:
    gradcheck(fn, [_input(shape, zeros, signed=name.startswith("norm"))])


@pytest.mark.parametrize(
    ("name", "fn", "shape", "zeros"), GRAD_CASES, ids=[c[0] for c in GRAD_CASES]
)
def test_gradgradcheck(
    name: str, fn: Callable[[Tensor], Tensor], shape: Any, zeros: list[int]
) -> None:
    gradgradcheck(fn, [_input(shape, zeros, signed=name.startswith("norm"))])


# ---- grad_fn names, graphs, saved tensors, second backward (torch 2.13 reference) --------------

# (expr over `a` (2, 3) float32, root grad_fn, saved tensors, second backward fails)
REFERENCE: list[tuple[str, str, set[str], bool]] = [
    ("a.sum()", "SumBackward0", set(), False),
    ("torch.sum(a)", "SumBackward0", set(), False),
    ("a.sum(dim=0)", "SumBackward1", set(), False),
    ("a.sum(1, keepdim=True)", "SumBackward1", set(), False),
    ("a.sum(dim=())", "SumBackward1", set(), False),
    ("a.mean()", "MeanBackward0", set(), False),
    ("a.mean(dim=1)", "MeanBackward1", set(), False),
    ("a.mean((0, 1))", "MeanBackward1", set(), False),
    ("a.prod()", "ProdBackward0", {"ProdBackward0.result", "ProdBackward0.self"}, True),
    ("a.prod(1)", "ProdBackward1", {"ProdBackward1.result", "ProdBackward1.self"}, True),
    ("a.var()", "VarBackward0", {"VarBackward0.self"}, True),
    ("a.var(1)", "VarBackward0", {"VarBackward0.self"}, True),
    ("a.std()", "StdBackward0", {"StdBackward0.result", "StdBackward0.self"}, True),
    (
        "a.norm()",
        "LinalgVectorNormBackward0",
        {"LinalgVectorNormBackward0.result", "LinalgVectorNormBackward0.self"},
        True,
    ),
    (
        "torch.norm(a, 2, 1, True)",
        "LinalgVectorNormBackward0",
        {"LinalgVectorNormBackward0.result", "LinalgVectorNormBackward0.self"},
        True,
    ),
    (
        "a.logsumexp(0)",
        "LogsumexpBackward0",
        {"LogsumexpBackward0.result", "LogsumexpBackward0.self"},
        True,
    ),
    ("a.cumsum(0)", "CumsumBackward0", set(), False),
    (
        "a.cumprod(0)",
        "CumprodBackward0",
        {"CumprodBackward0.result", "CumprodBackward0.self"},
        True,
    ),
    ("a.max()", "MaxBackward1", {"MaxBackward1.result", "MaxBackward1.self"}, True),
    ("torch.max(a)", "MaxBackward1", {"MaxBackward1.result", "MaxBackward1.self"}, True),
    ("a.min()", "MinBackward1", {"MinBackward1.result", "MinBackward1.self"}, True),
    ("a.max(dim=0).values", "MaxBackward0", {"MaxBackward0.indices"}, True),
    ("a.max(0)[0]", "MaxBackward0", {"MaxBackward0.indices"}, True),
    ("a.max(1, keepdim=True).values", "MaxBackward0", {"MaxBackward0.indices"}, True),
    ("a.min(dim=0).values", "MinBackward0", {"MinBackward0.indices"}, True),
    ("a.amax()", "AmaxBackward0", {"AmaxBackward0.result", "AmaxBackward0.self"}, True),
    ("a.amax(dim=0)", "AmaxBackward0", {"AmaxBackward0.result", "AmaxBackward0.self"}, True),
    ("a.amin()", "AminBackward0", {"AminBackward0.result", "AminBackward0.self"}, True),
]


@pytest.mark.parametrize(
    ("expr", "root", "saves", "fails"), REFERENCE, ids=[r[0] for r in REFERENCE]
)
def test_reference_graph(expr: str, root: str, saves: set[str], fails: bool) -> None:
    a = rg(A23)
    out = eval(expr)
    assert graph(out) == [root]
    assert repr(out).endswith(f"grad_fn=<{root}>)")
    assert saved(out) == saves
    out.backward(torch.ones_like(out))
    first = a.grad.clone()
    if fails:
        with pytest.raises(RuntimeError, match=SECOND_BACKWARD):
            out.backward(torch.ones_like(out))
    else:
        out.backward(torch.ones_like(out))
        same(a.grad, 2 * first.numpy())


def test_saved_tensors_depend_on_which_inputs_need_grad() -> None:
    """Saved tensors belong to the op, not to who asks: prod saves self and result regardless."""
    a = rg(A23)
    node = a.prod().grad_fn
    assert node._saved_self is a
    same(node._saved_result, a.detach().numpy().prod())
    indices = a.max(1).values.grad_fn._saved_indices
    assert indices.dtype == torch.int64
    assert indices.tolist() == np.argmax(a.detach().numpy(), 1).tolist()


def test_no_grad_inputs_record_nothing() -> None:
    t = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    for out in (t.sum(), t.prod(1), t.var(), t.norm(), t.max(), t.max(0).values, t.cumsum(0)):
        assert out.grad_fn is None and not out.requires_grad
    with torch.no_grad():
        assert rg(A23).logsumexp(0).grad_fn is None


# ---- values at awkward points (facts §9) -------------------------------------------------------


def test_prod_with_zeros() -> None:
    same(grad_of(lambda x: x.prod(), [0.0, 2.0, 3.0]), [6, 0, 0])
    same(grad_of(lambda x: x.prod(), [0.0, 0.0, 3.0]), [0, 0, 0])
    same(grad_of(lambda x: x.prod(1), [[0.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), [[6, 0, 0], [6, 3, 2]])
    same(grad_of(lambda x: x.prod(0), [[0.0, 2.0], [0.0, 3.0]]), [[0, 3], [0, 2]])


def test_prod_with_zeros_second_order() -> None:
    """create_graph takes torch's differentiable path: d²/dx0dx1 of x0*x1*x2 at x0=0 is x2."""
    x = leaf([0.0, 2.0, 3.0], torch.float64)
    (g,) = torch.autograd.grad(x.prod(), x, create_graph=True)
    same(g, [6, 0, 0])
    (h,) = torch.autograd.grad(g[0], x)
    same(h, [0, 3, 2])


def test_cumprod_with_zeros() -> None:
    same(grad_of(lambda x: x.cumprod(0), [2.0, 0.0, 3.0, 4.0]), [1, 32, 0, 0])
    same(grad_of(lambda x: x.cumprod(0), [2.0, 0.0, 3.0, 0.0, 5.0]), [1, 8, 0, 0, 0])
    same(grad_of(lambda x: x.cumprod(0), [0.0, 2.0, 3.0]), [9, 0, 0])
    x = leaf([2.0, 0.0, 3.0, 4.0], torch.float64)
    (g,) = torch.autograd.grad(x.cumprod(0).sum(), x, create_graph=True)
    same(g, [1, 32, 0, 0])
    assert g.grad_fn is not None


def test_var_std_of_one_element_warn_and_give_nan() -> None:
    for name in ("var", "std"):
        x = leaf([1.0])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            y = getattr(x, name)()
        assert [str(w.message) for w in caught] == [
            f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the "
            "reduction factor (input numel divided by output numel)."
        ]
        assert caught[0].category is UserWarning
        assert repr(y) == f"tensor(nan, grad_fn=<{name.capitalize()}Backward0>)"
        y.backward()
        same(x.grad, [NAN])


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_var_std_with_dof_at_or_below_zero() -> None:
    """Full reductions give grad*(inf, or nan where x equals the mean); over dims 2/dof as is."""
    for corr, full, over_dim in ((2, [INF, INF], [-INF, INF]), (3, [INF, INF], [1, -1])):
        same(grad_of(lambda x, c=corr: x.var(correction=c), [1.0, 2.0]), full)
        same(grad_of(lambda x, c=corr: x.var(1, correction=c), [[1.0, 2.0]]), [over_dim])
        same(grad_of(lambda x, c=corr: x.std(correction=c), [1.0, 2.0]), [NAN, NAN])
    same(grad_of(lambda x: x.var(correction=2), [1.0, 1.0]), [NAN, NAN])
    same(grad_of(lambda x: x.var(correction=2), [1.0, 2.0], torch.tensor(-2.0)), [-INF, -INF])
    assert torch.tensor([1.0, 2.0, 4.0]).var(correction=5).item() == INF
    assert math.isnan(torch.tensor([]).var().item())


def test_std_of_constant_has_zero_gradient() -> None:
    same(grad_of(lambda x: x.std(), [1.0, 1.0, 1.0]), [0, 0, 0])


def test_var_values_and_overloads() -> None:
    a = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    same(a.var(), 3.5)
    same(a.var(False), 2.9166667)
    same(a.var(True), 3.5)
    same(a.var(1), [1, 1])
    same(a.var(1, False), [0.6666667, 0.6666667])
    same(a.var(dim=1, correction=0), [0.6666667, 0.6666667])
    same(a.var(correction=2.5), 5.0)
    assert a.var(1, keepdim=True).shape == (2, 1)
    assert torch.var(a, 1, True, True).shape == (2, 1)
    same(a.std(0), [2.1213203] * 3)


NORM_AT_ZERO = [2, 1, 3, 1.5, 0.5, INF, -INF, -1]


@pytest.mark.parametrize("p", NORM_AT_ZERO)
def test_norm_gradient_at_the_zero_vector_is_zero(p: float) -> None:
    same(grad_of(lambda x: x.norm(p), [0.0, 0.0]), [0, 0])


@pytest.mark.parametrize(
    ("p", "value", "grad"),
    [
        (2, 3.6055512, [0.0, 0.5547002, -0.8320503]),
        (1, 5.0, [0.0, 1.0, -1.0]),
        (3, 3.2710664, [0.0, 0.3738361, -0.8411312]),
        (1.5, 4.0081892, [0.0, 0.7063841, -0.8651402]),
        (0.5, 9.8989792, [0.0, 2.2247448, -1.8164965]),
        (INF, 3.0, [0.0, 0.0, -1.0]),
        (-INF, 0.0, [0.0, 0.0, 0.0]),
        (-1, 0.0, [0.0, 0.0, 0.0]),
    ],
)
def test_norm_values_and_gradients(p: float, value: float, grad: list[float]) -> None:
    x = leaf([0.0, 2.0, -3.0])
    y = x.norm(p)
    same(y, value)
    y.backward()
    same(x.grad, grad)


def test_norm_p0_counts_and_has_no_gradient() -> None:
    x = leaf([0.0, 2.0, -3.0])
    y = x.norm(0)
    same(y, 2.0)
    assert y.grad_fn.name() == "LinalgVectorNormBackward0"
    y.backward()
    assert x.grad is None


def test_norm_zero_vs_sqrt_of_sum_of_squares() -> None:
    """Facts §9: norm() at 0 has grad 0, sqrt(sum(x²)) has NaN."""
    same(grad_of(lambda x: x.norm(), [0.0, 0.0]), [0, 0])
    same(grad_of(lambda x: x.norm(dim=1), [[0.0, 0.0], [3.0, 4.0]]), [[0, 0], [0.6, 0.8]])


def test_norm_dtype_and_fro() -> None:
    a = rg(A23)
    y = a.norm(p=2, dtype=torch.float64)
    assert y.dtype == torch.float64 and y.grad_fn.name() == "LinalgVectorNormBackward0"
    y.backward()
    assert a.grad.dtype == torch.float32
    same(a.norm("fro", dim=(0, 1)), a.norm().item())
    same(torch.tensor([[1.0, 2.0], [3.0, 4.0]]).norm(dim=1), [2.236068, 5.0])


def test_logsumexp_infinities() -> None:
    for values, out, grad in (
        ([-INF, -INF], -INF, [NAN, NAN]),
        ([INF, 1.0], INF, [NAN, 0]),
        ([-INF, 1.0], 1.0, [0, 1]),
        ([INF, INF], INF, [NAN, NAN]),
        ([NAN, 1.0], NAN, [NAN, NAN]),
    ):
        x = leaf(values)
        y = x.logsumexp(0)
        same(y, out)
        y.backward()
        same(x.grad, grad)


def test_logsumexp_is_stable_and_takes_ints() -> None:
    same(torch.tensor([1000.0, 1000.0]).logsumexp(0), 1000.6931)
    same(torch.tensor([-1000.0, -1000.0]).logsumexp(0), -999.3069)
    r = torch.tensor([[1, 2, 3], [4, 5, 6]]).logsumexp(0)
    assert r.dtype == torch.float32
    same(r, [4.0485873, 5.0485873, 6.0485873])
    same(torch.tensor([]).logsumexp(0), -INF)


def test_full_max_min_split_ties_evenly() -> None:
    same(grad_of(lambda x: x.max(), [1.0, 3.0, 3.0]), [0, 0.5, 0.5])
    same(grad_of(lambda x: x.max(), [3.0, 3.0, 3.0, 1.0]), [1 / 3, 1 / 3, 1 / 3, 0])
    same(grad_of(lambda x: x.max(), [[1.0, 2.0], [7.0, 7.0]]), [[0, 0], [0.5, 0.5]])
    same(grad_of(lambda x: x.min(), [1.0, 1.0, 5.0]), [0.5, 0.5, 0])
    same(grad_of(lambda x: x.amax(), [1.0, 3.0, 3.0]), [0, 0.5, 0.5])
    same(grad_of(lambda x: x.amin(), [1.0, 1.0, 5.0]), [0.5, 0.5, 0])
    same(
        grad_of(lambda x: x.amax(dim=1), [[3.0, 3.0, 1.0], [2.0, 5.0, 5.0]]),
        [[0.5, 0.5, 0], [0, 0.5, 0.5]],
    )


def test_max_dim_sends_everything_to_the_first_index() -> None:
    same(grad_of(lambda x: x.max(dim=0).values, [1.0, 3.0, 3.0]), [0, 1, 0])
    ties = [[3.0, 3.0, 1.0], [2.0, 5.0, 5.0]]
    same(grad_of(lambda x: x.max(dim=1).values, ties), [[1, 0, 0], [0, 1, 0]])
    same(grad_of(lambda x: x.min(dim=1).values, ties), [[0, 0, 1], [1, 0, 0]])
    same(grad_of(lambda x: x.max(1, keepdim=True)[0], ties), [[1, 0, 0], [0, 1, 0]])
    assert torch.tensor(ties).max(dim=1).indices.tolist() == [0, 1]


def test_nan_rules() -> None:
    x = leaf([2.0, NAN, 5.0])
    y = x.max()
    assert repr(y) == "tensor(nan, grad_fn=<MaxBackward1>)"
    y.backward()
    same(x.grad, [0, 1, 0])
    same(grad_of(lambda x: x.max(), [NAN, NAN, 5.0]), [0.5, 0.5, 0])
    same(grad_of(lambda x: x.min(), [2.0, NAN, 5.0]), [0, 1, 0])
    same(grad_of(lambda x: x.amax(), [2.0, NAN, 5.0]), [NAN, NAN, NAN])
    same(grad_of(lambda x: x.amax(0), [[2.0, NAN], [1.0, 1.0]]), [[1, NAN], [0, NAN]])
    same(grad_of(lambda x: x.max(0).values, [2.0, NAN, NAN]), [0, 1, 0])
    same(grad_of(lambda x: x.min(0).values, [2.0, NAN, NAN]), [0, 1, 0])
    assert torch.tensor([1.0, NAN, 3.0]).argmax().item() == 1
    assert torch.tensor([1.0, NAN, 3.0]).argmin().item() == 1


def test_zero_dim_inputs() -> None:
    for fn in (
        lambda x: x.prod(),
        lambda x: x.prod(0),
        lambda x: x.cumprod(0),
        lambda x: x.cumsum(-1),
        lambda x: x.max(0).values,
        lambda x: x.amax(),
        lambda x: x.norm(),
        lambda x: x.logsumexp(0),
        lambda x: x.sum(0),
        lambda x: x.mean(-1),
    ):
        x = leaf(5.0)
        y = fn(x)
        assert y.shape == ()
        same(y, 5.0)
        y.backward()
        same(x.grad, 1.0)
    r = torch.tensor(3.0).max(0)
    assert r.indices.shape == () and r.indices.item() == 0


def test_empty_inputs() -> None:
    for fn, value in (
        (lambda x: x.sum(), 0.0),
        (lambda x: x.prod(), 1.0),
        (lambda x: x.norm(), 0.0),
        (lambda x: x.logsumexp(0), -INF),
        (lambda x: x.mean(), NAN),
    ):
        x = leaf([])
        y = fn(x)
        same(y, value)
        y.backward()
        assert x.grad.shape == (0,)
    assert repr(torch.tensor([]).sum()) == "tensor(0.)"
    same(torch.zeros(0, 3).sum(0), [0, 0, 0])
    same(torch.zeros(0, 3).mean(0), [NAN, NAN, NAN])
    r = torch.zeros(0, 3).max(1)
    assert r.values.shape == (0,) and r.indices.dtype == torch.int64
    x = leaf([[], []])
    x.amax(0).sum().backward()
    assert x.grad.shape == (2, 0)


# ---- max(dim)/min(dim) result object -----------------------------------------------------------


def test_max_dim_result_object() -> None:
    a = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]], requires_grad=True)
    r = a.max(1)
    values, indices = r
    assert values is r.values is r[0]
    assert indices is r.indices is r[1]
    assert len(r) == 2 and isinstance(r, tuple)
    assert type(r).__name__ == "max"
    assert indices.dtype == torch.int64 and not indices.requires_grad
    assert repr(r) == (
        "torch.return_types.max(\n"
        "values=tensor([5., 6.], grad_fn=<MaxBackward0>),\n"
        "indices=tensor([1, 2]))"
    )
    assert str(r) == repr(r)
    m = torch.min(a, 0, keepdim=True)
    assert type(m).__name__ == "min"
    assert repr(m) == (
        "torch.return_types.min(\n"
        "values=tensor([[1., 2., 3.]], grad_fn=<MinBackward0>),\n"
        "indices=tensor([[0, 1, 0]]))"
    )
    assert repr(torch.tensor(2.0).max(0)) == (
        "torch.return_types.max(\nvalues=tensor(2.),\nindices=tensor(0))"
    )
    ints = torch.tensor([[1, 2, 3], [4, 5, 6]]).max(0)
    assert ints.values.dtype == torch.int64 and ints.indices.tolist() == [1, 1, 1]


def test_max_of_two_tensors_dispatches_to_maximum() -> None:
    if "maximum" not in torch.ops.OPS:
        pytest.skip("maximum (element-wise family) not registered yet")
    a, b = leaf([1.0, 3.0]), leaf([3.0, 3.0])
    for out in (torch.max(a, b), a.max(b), torch.max(a, other=b)):
        assert out.grad_fn.name() == "MaximumBackward0"
        same(out, [3, 3])
    torch.min(a, b).backward(torch.ones(2))
    same(a.grad, [1, 0.5])


# ---- dtypes ------------------------------------------------------------------------------------


def test_integer_and_bool_dtype_rules() -> None:
    i = torch.tensor([[1, 2, 3], [4, 5, 6]])
    i32 = torch.tensor([1, 2], dtype=torch.int32)
    u8 = torch.tensor([1, 2], dtype=torch.uint8)
    b = torch.tensor([True, False, True])
    assert i32.sum().dtype == torch.int64
    assert u8.sum().dtype == torch.int64 and u8.sum().item() == 3
    assert b.sum().dtype == torch.int64 and b.sum().item() == 2
    assert i.prod().item() == 720 and i.prod(1).dtype == torch.int64
    assert repr(torch.tensor([True, False]).prod()) == "tensor(0)"
    assert i32.cumsum(0).dtype == torch.int64
    assert b.cumsum(0).tolist() == [1, 1, 2]
    assert i.cumprod(0).tolist() == [[1, 2, 3], [4, 10, 18]]
    assert i.max().dtype == torch.int64 and i.amax(0).tolist() == [4, 5, 6]
    assert repr(torch.tensor([True, False]).max()) == "tensor(True)"
    assert i.sum(dtype=torch.float32).dtype == torch.float32
    assert repr(i.prod(dtype=torch.float32)) == "tensor(720.)"
    assert repr(i.mean(dtype=torch.float32)) == "tensor(3.5000)"


def test_float_dtype_kwarg_keeps_the_leaf_dtype_for_the_gradient() -> None:
    a = rg(A23)
    for y in (
        a.sum(dtype=torch.float64),
        a.prod(dtype=torch.float64),
        a.cumsum(0, dtype=torch.float64),
    ):
        assert y.dtype == torch.float64
    y = a.sum(dtype=torch.float64)
    assert repr(y).endswith("dtype=torch.float64, grad_fn=<SumBackward0>)")
    y.backward()
    assert a.grad.dtype == torch.float32
    same(a.grad, np.ones(A23))


def test_float64_flows_through() -> None:
    x = leaf([1.0, 2.0, 4.0], torch.float64)
    for fn in (lambda t: t.var(), lambda t: t.norm(), lambda t: t.logsumexp(0), lambda t: t.max()):
        y = fn(x)
        assert y.dtype == torch.float64
        (g,) = torch.autograd.grad(y, x)
        assert g.dtype == torch.float64


def test_argmax_argmin() -> None:
    a = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    r = a.argmax()
    assert repr(r) == "tensor(5)" and not r.requires_grad and r.grad_fn is None
    assert a.argmax(1).tolist() == [2, 2]
    assert a.argmax(1, keepdim=True).shape == (2, 1)
    assert torch.argmin(a, dim=0).tolist() == [0, 0, 0]
    assert a.argmax(dim=-1).dtype == torch.int64


def test_all_any() -> None:
    a = torch.tensor([[1.0, 0.0], [2.0, 3.0]])
    assert repr(a.all()) == "tensor(False)"
    assert a.any(1).tolist() == [True, True]
    assert a.all(dim=1, keepdim=True).tolist() == [[False], [True]]
    assert a.all(dim=(0, 1)).item() is False
    assert repr(torch.tensor([1, 2], dtype=torch.uint8).all()) == "tensor(1, dtype=torch.uint8)"
    assert repr(torch.tensor([]).all()) == "tensor(True)"
    assert repr(torch.tensor([]).any()) == "tensor(False)"


# ---- messages ----------------------------------------------------------------------------------

OUT_OF_RANGE = "Dimension out of range (expected to be in range of [-2, 1], but got {})"
MESSAGES: list[tuple[str, type[BaseException], str]] = [
    ("torch.ones(2, 3).sum(dim=2)", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).mean(-3)", IndexError, OUT_OF_RANGE.format(-3)),
    ("torch.ones(2, 3).prod(-3)", IndexError, OUT_OF_RANGE.format(-3)),
    ("torch.ones(2, 3).cumsum(2)", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).cumprod(5)", IndexError, OUT_OF_RANGE.format(5)),
    ("torch.ones(2, 3).var(2)", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).std((0, 2))", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).norm(dim=2)", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).logsumexp(2)", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).max(2)", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).min(-3)", IndexError, OUT_OF_RANGE.format(-3)),
    ("torch.ones(2, 3).amax(2)", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).argmax(2)", IndexError, OUT_OF_RANGE.format(2)),
    ("torch.ones(2, 3).all(2)", IndexError, OUT_OF_RANGE.format(2)),
    (
        "torch.tensor(5.).sum(1)",
        IndexError,
        "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
    ),
    (
        "torch.ones(2, 3).sum((0, 0))",
        RuntimeError,
        "dim 0 appears multiple times in the list of dims",
    ),
    (
        "torch.tensor([1, 2]).mean()",
        RuntimeError,
        "mean(): could not infer output dtype. Input dtype must be either a floating point or "
        "complex dtype. Got: Long",
    ),
    (
        "torch.tensor([True]).mean()",
        RuntimeError,
        "mean(): could not infer output dtype. Input dtype must be either a floating point or "
        "complex dtype. Got: Bool",
    ),
    (
        "torch.ones(2).mean(dtype=torch.int64)",
        RuntimeError,
        "mean(): could not infer output dtype. Optional dtype must be either a floating point or "
        "complex dtype. Got: Long",
    ),
    (
        "torch.tensor([1, 2]).var()",
        RuntimeError,
        "std and var only support floating point and complex dtypes",
    ),
    (
        "torch.tensor([1, 2]).std()",
        RuntimeError,
        "std and var only support floating point and complex dtypes",
    ),
    (
        "torch.tensor([1, 2]).norm()",
        RuntimeError,
        "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long",
    ),
    (
        "torch.tensor([]).max()",
        RuntimeError,
        "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
        "reduction dim with the 'dim' argument.",
    ),
    (
        "torch.tensor([]).amax()",
        RuntimeError,
        "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
        "reduction dim with the 'dim' argument.",
    ),
    (
        "torch.tensor([]).max(0)",
        IndexError,
        "max(): Expected reduction dim 0 to have non-zero size.",
    ),
    (
        "torch.zeros(0, 3).min(0)",
        IndexError,
        "min(): Expected reduction dim 0 to have non-zero size.",
    ),
    (
        "torch.tensor([]).argmax()",
        IndexError,
        "argmax(): Expected reduction dim to be specified for input.numel() == 0.",
    ),
]


@pytest.mark.parametrize(("expr", "exc", "message"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_messages(expr: str, exc: type[BaseException], message: str) -> None:
    with raises_like_torch(exc, message):
        eval(expr)
