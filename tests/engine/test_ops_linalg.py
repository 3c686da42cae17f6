"""Linear algebra: gradients (first and second order), torch's graphs for every matmul branch,
F.linear, outer and einsum, saved tensors and second-backward behaviour, dtype rules and torch's
exact messages.

Expected graphs and messages were measured with torch 2.13.0 (facts sheet §8, §15 and the
grad_fn reference, plus the extra cases noted); they are hard-coded so the tests need neither
torch nor /work/shared.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import engine as torch
import engine.nn.functional as F
from engine import Tensor
from tests.engine.gradcheck import gradcheck, gradgradcheck
from tests.engine.helpers import graph, raises, raises_like_torch, saved

SECOND_BACKWARD = "Trying to backward through the graph a second time"


def T(*shape: int, rg: bool = True, dtype: Any = torch.float32, seed: int = 0) -> Tensor:
    """A tensor with distinct values in [-1, 1), optionally requiring grad."""
    values = np.random.default_rng(seed + len(shape)).uniform(-1.0, 1.0, shape).round(3)
    return torch.tensor(values, dtype=dtype, requires_grad=rg)


# ---- gradients: first and second order (float64) -----------------------------------------------

GRAD_CASES: list[tuple[str, Callable[..., Tensor], list[tuple[int, ...]]]] = [
    ("mm", lambda a, b: a.mm(b), [(2, 3), (3, 4)]),
    ("bmm", lambda a, b: torch.bmm(a, b), [(2, 2, 3), (2, 3, 2)]),
    ("dot", lambda a, b: torch.dot(a, b), [(3,), (3,)]),
    ("mv", lambda a, b: torch.mv(a, b), [(2, 3), (3,)]),
    ("addmm", lambda c, a, b: torch.addmm(c, a, b), [(4,), (2, 3), (3, 4)]),
    ("addmm_scaled", lambda c, a, b: c.addmm(a, b, beta=0.5, alpha=-2), [(2, 1), (2, 3), (3, 4)]),
    ("matmul_1d_1d", lambda a, b: a @ b, [(3,), (3,)]),
    ("matmul_2d_1d", lambda a, b: a @ b, [(2, 3), (3,)]),
    ("matmul_1d_2d", lambda a, b: a @ b, [(3,), (3, 4)]),
    ("matmul_2d_2d", lambda a, b: torch.matmul(a, b), [(2, 3), (3, 4)]),
    ("matmul_3d_3d", lambda a, b: a @ b, [(2, 2, 3), (2, 3, 4)]),
    ("matmul_3d_2d", lambda a, b: a @ b, [(2, 2, 3), (3, 4)]),
    ("matmul_2d_3d", lambda a, b: a @ b, [(2, 3), (2, 3, 4)]),
    ("matmul_3d_1d", lambda a, b: a @ b, [(2, 2, 3), (3,)]),
    ("matmul_1d_3d", lambda a, b: a @ b, [(3,), (2, 3, 4)]),
    ("matmul_4d_3d_broadcast", lambda a, b: a.matmul(b), [(2, 1, 2, 3), (3, 3, 2)]),
    ("matmul_batch1_squeezed", lambda a, b: a @ b, [(1, 2, 3), (3, 3, 2)]),
    ("linear", lambda x, w, b: F.linear(x, w, b), [(2, 3), (4, 3), (4,)]),
    ("linear_1d", lambda x, w, b: F.linear(x, w, b), [(3,), (4, 3), (4,)]),
    ("linear_3d", lambda x, w, b: F.linear(x, w, b), [(2, 2, 3), (4, 3), (4,)]),
    ("linear_no_bias", lambda x, w: F.linear(x, w), [(2, 2, 3), (4, 3)]),
    ("outer", lambda a, b: torch.outer(a, b), [(2,), (3,)]),
    ("einsum_dot", lambda a, b: torch.einsum("i,i->", a, b), [(3,), (3,)]),
    ("einsum_mm", lambda a, b: torch.einsum("ij,jk->ik", a, b), [(2, 3), (3, 4)]),
    ("einsum_diag", lambda a: torch.einsum("ii->i", a), [(3, 3)]),
    ("einsum_trace", lambda a: torch.einsum("ii", a), [(3, 3)]),
    ("einsum_partial_diag", lambda a: torch.einsum("iij->j", a), [(2, 2, 3)]),
    (
        "einsum_three",
        lambda a, b, c: torch.einsum("ij,jk,kl->il", a, b, c),
        [(2, 3), (3, 2), (2, 2)],
    ),
    ("einsum_batch_broadcast", lambda a, b: torch.einsum("bij,bjk", a, b), [(2, 2, 3), (1, 3, 2)]),
    ("einsum_ellipsis", lambda a, b: torch.einsum("...ij,...jk", a, b), [(2, 2, 3), (3, 2)]),
    ("einsum_outer", lambda a, b: torch.einsum("i,j->ij", [a, b]), [(2,), (3,)]),
    ("einsum_size1_sum", lambda a, b: torch.einsum("ij,jk->ik", a, b), [(2, 1), (3, 4)]),
]


def _inputs(shapes: list[tuple[int, ...]]) -> list[Tensor]:
    rng = np.random.default_rng(3)
    return [
        torch.tensor(rng.standard_normal(s), dtype=torch.float64, requires_grad=True)
        for s in shapes
    ]


@pytest.mark.parametrize(("name", "fn", "shapes"), GRAD_CASES, ids=[c[0] for c in GRAD_CASES])
def test_gradcheck(name: str, fn: Callable[..., Tensor], shapes: list[tuple[int, ...]]) -> None:
    gradcheck(fn, _inputs(shapes))


@pytest.mark.parametrize(("name", "fn", "shapes"), GRAD_CASES, ids=[c[0] for c in GRAD_CASES])
def test_gradgradcheck(name: str, fn: Callable[..., Tensor], shapes: list[tuple[int, ...]]) -> None:
    gradgradcheck(fn, _inputs(shapes))


# ---- torch 2.13 reference graphs, saved tensors and second backward ----------------------------

MM_SAVED = {"MmBackward0.mat2", "MmBackward0.self"}
BMM_SAVED = {"BmmBackward0.mat2", "BmmBackward0.self"}
MV_SAVED = {"MvBackward0.self", "MvBackward0.vec"}
ADDMM_SAVED = {"AddmmBackward0.mat1", "AddmmBackward0.mat2"}
# (expr over a, b, x, W, bias with their shapes, graph, saved tensors); all fail a second backward
REFERENCE: list[tuple[str, dict[str, tuple[int, ...]], list[str], set[str]]] = [
    ("a.mm(b)", {"a": (2, 3), "b": (3, 4)}, ["MmBackward0"], MM_SAVED),
    (
        "a @ b",
        {"a": (3,), "b": (3,)},
        ["DotBackward0"],
        {"DotBackward0.self", "DotBackward0.tensor"},
    ),
    ("a @ b", {"a": (2, 3), "b": (3, 4)}, ["MmBackward0"], MM_SAVED),
    ("a @ b", {"a": (2, 3), "b": (3,)}, ["MvBackward0"], MV_SAVED),
    (
        "a @ b",
        {"a": (3,), "b": (3, 4)},
        ["SqueezeBackward4", "MmBackward0", "UnsqueezeBackward0"],
        MM_SAVED,
    ),
    (
        "a @ b",
        {"a": (5, 2, 3), "b": (5, 3, 4)},
        [
            "UnsafeViewBackward0",
            "BmmBackward0",
            "ViewBackward0",
            "ExpandBackward0",
            "ViewBackward0",
            "ExpandBackward0",
        ],
        BMM_SAVED,
    ),
    (
        "a @ b",
        {"a": (5, 2, 3), "b": (3, 4)},
        ["UnsafeViewBackward0", "MmBackward0", "ViewBackward0"],
        MM_SAVED,
    ),
    (
        "a @ b",
        {"a": (2, 3), "b": (5, 3, 4)},
        [
            "CloneBackward0",
            "TransposeBackward0",
            "UnsafeViewBackward0",
            "MmBackward0",
            "UnsafeViewBackward0",
            "CloneBackward0",
            "TransposeBackward0",
            "TBackward0",
        ],
        MM_SAVED,
    ),
    (
        "a @ b",
        {"a": (5, 2, 3), "b": (3,)},
        ["UnsafeViewBackward0", "MvBackward0", "ViewBackward0"],
        MV_SAVED,
    ),
    ("torch.bmm(a, b)", {"a": (5, 2, 3), "b": (5, 3, 4)}, ["BmmBackward0"], BMM_SAVED),
    (
        "torch.dot(a, b)",
        {"a": (3,), "b": (3,)},
        ["DotBackward0"],
        {"DotBackward0.self", "DotBackward0.tensor"},
    ),
    ("torch.mv(a, b)", {"a": (2, 3), "b": (3,)}, ["MvBackward0"], MV_SAVED),
    (
        "F.linear(x, W, bias)",
        {"x": (2, 3), "W": (4, 3), "bias": (4,)},
        ["AddmmBackward0", "TBackward0"],
        ADDMM_SAVED,
    ),
    (
        "F.linear(x, W, bias)",
        {"x": (3,), "W": (4, 3), "bias": (4,)},
        ["ViewBackward0", "AddmmBackward0", "ViewBackward0", "TBackward0"],
        ADDMM_SAVED,
    ),
    (
        "a.outer(b)",
        {"a": (2,), "b": (3,)},
        ["MulBackward0", "ViewBackward0"],
        {"MulBackward0.other", "MulBackward0.self"},
    ),
    (
        "torch.einsum('i,i->', a, b)",
        {"a": (3,), "b": (3,)},
        [
            "ViewBackward0",
            "PermuteBackward0",
            "ViewBackward0",
            "BmmBackward0",
            "ViewBackward0",
            "PermuteBackward0",
            "PermuteBackward0",
            "ViewBackward0",
            "PermuteBackward0",
            "PermuteBackward0",
        ],
        BMM_SAVED,
    ),
]


@pytest.mark.parametrize(
    ("expr", "shapes", "expected", "saves"),
    REFERENCE,
    ids=[f"{r[0]}-{'x'.join(map(str, r[1].values()))}" for r in REFERENCE],
)
def test_reference_graph(
    expr: str, shapes: dict[str, tuple[int, ...]], expected: list[str], saves: set[str]
) -> None:
    env = {name: T(*s, seed=i) for i, (name, s) in enumerate(shapes.items())}
    out = eval(expr, {"torch": torch, "F": F}, env)
    assert graph(out) == expected
    assert saved(out) == saves
    out.backward(torch.ones_like(out))
    with pytest.raises(RuntimeError, match=SECOND_BACKWARD):
        out.backward(torch.ones_like(out))


# Further graphs measured with torch 2.13.0: which matmul branch runs depends on requires_grad,
# batch sizes and strides.
MORE_GRAPHS: list[tuple[str, Callable[[], Tensor], list[str]]] = [
    (
        "1d_3d",
        lambda: T(3) @ T(5, 3, 4),
        [
            "UnsafeViewBackward0",
            "MvBackward0",
            "UnsafeViewBackward0",
            "CloneBackward0",
            "TransposeBackward0",
        ],
    ),
    (
        "1d_nograd_3d",
        lambda: T(3, rg=False) @ T(5, 3, 4),
        ["UnsafeViewBackward0", "BmmBackward0", "ViewBackward0", "ExpandBackward0"],
    ),
    (
        "2d_nograd_3d",
        lambda: T(2, 3, rg=False) @ T(5, 3, 4),
        ["UnsafeViewBackward0", "BmmBackward0", "ViewBackward0", "ExpandBackward0"],
    ),
    (
        "2d_3d_nograd",
        lambda: T(2, 3) @ T(5, 3, 4, rg=False),
        [
            "CloneBackward0",
            "TransposeBackward0",
            "UnsafeViewBackward0",
            "MmBackward0",
            "TBackward0",
        ],
    ),
    (
        "3d_2d_nograd",
        lambda: T(5, 2, 3) @ T(3, 4, rg=False),
        ["UnsafeViewBackward0", "MmBackward0", "ViewBackward0"],
    ),
    (
        "3d_nograd_2d",
        lambda: T(5, 2, 3, rg=False) @ T(3, 4),
        ["UnsafeViewBackward0", "MmBackward0"],
    ),
    (
        "4d_3d",
        lambda: T(4, 5, 2, 3) @ T(5, 3, 4),
        [
            "UnsafeViewBackward0",
            "BmmBackward0",
            "ViewBackward0",
            "ExpandBackward0",
            "UnsafeViewBackward0",
            "CloneBackward0",
            "ExpandBackward0",
        ],
    ),
    (
        "batch1_3d",
        lambda: T(1, 2, 3) @ T(5, 3, 4),
        [
            "CloneBackward0",
            "TransposeBackward0",
            "UnsafeViewBackward0",
            "MmBackward0",
            "UnsafeViewBackward0",
            "CloneBackward0",
            "TransposeBackward0",
            "TBackward0",
            "SqueezeBackward1",
        ],
    ),
    (
        "3d_batch1",
        lambda: T(5, 2, 3) @ T(1, 3, 4),
        ["UnsafeViewBackward0", "MmBackward0", "ViewBackward0", "SqueezeBackward1"],
    ),
    (
        "batch1_nograd_3d",
        lambda: T(1, 2, 3, rg=False) @ T(5, 3, 4),
        ["UnsafeViewBackward0", "BmmBackward0", "ViewBackward0", "ExpandBackward0"],
    ),
    (
        "transposed_3d_2d_nograd",
        lambda: T(5, 3, 2).transpose(1, 2) @ T(3, 4, rg=False),
        [
            "UnsafeViewBackward0",
            "BmmBackward0",
            "ReshapeAliasBackward0",
            "ExpandBackward0",
            "TransposeBackward0",
        ],
    ),
    (
        "transposed_3d_2d",
        lambda: T(5, 3, 2).transpose(1, 2) @ T(3, 4),
        [
            "UnsafeViewBackward0",
            "MmBackward0",
            "UnsafeViewBackward0",
            "CloneBackward0",
            "TransposeBackward0",
        ],
    ),
    (
        "1d_3d_batch1",
        lambda: T(3) @ T(1, 3, 4),
        ["UnsafeViewBackward0", "MvBackward0", "ReshapeAliasBackward0", "TransposeBackward0"],
    ),
    (
        "linear_3d",
        lambda: F.linear(T(5, 2, 3), T(4, 3), T(4)),
        ["ViewBackward0", "AddmmBackward0", "ViewBackward0", "TBackward0"],
    ),
    (
        "linear_4d",
        lambda: F.linear(T(6, 5, 2, 3), T(4, 3), T(4)),
        ["ViewBackward0", "AddmmBackward0", "ViewBackward0", "TBackward0"],
    ),
    ("linear_no_bias", lambda: F.linear(T(2, 3), T(4, 3)), ["MmBackward0", "TBackward0"]),
    (
        "linear_1d_no_bias",
        lambda: F.linear(T(3), T(4, 3)),
        ["SqueezeBackward4", "MmBackward0", "UnsqueezeBackward0", "TBackward0"],
    ),
    (
        "linear_3d_no_bias",
        lambda: F.linear(T(5, 2, 3), T(4, 3)),
        ["UnsafeViewBackward0", "MmBackward0", "ViewBackward0", "TBackward0"],
    ),
    ("linear_vector_weight", lambda: F.linear(T(3), T(3)), ["DotBackward0", "TBackward0"]),
    (
        "linear_noncontiguous",
        lambda: F.linear(T(5, 3, 2).transpose(1, 2), T(4, 3), T(4)),
        [
            "AddBackward0",
            "UnsafeViewBackward0",
            "MmBackward0",
            "UnsafeViewBackward0",
            "CloneBackward0",
            "TransposeBackward0",
            "TBackward0",
        ],
    ),
    (
        "linear_2d_bias_3d_input",
        lambda: F.linear(T(5, 2, 3), T(4, 3), T(2, 4)),
        ["AddBackward0", "UnsafeViewBackward0", "MmBackward0", "ViewBackward0", "TBackward0"],
    ),
    ("outer_nograd_left", lambda: torch.outer(T(2, rg=False), T(3)), ["MulBackward0"]),
    (
        "addmm",
        lambda: torch.addmm(T(2, 4), T(2, 3), T(3, 4), beta=0.5, alpha=2),
        ["AddmmBackward0"],
    ),
    (
        "einsum_mm",
        lambda: torch.einsum("ij,jk->ik", T(2, 3), T(3, 4)),
        [
            "ViewBackward0",
            "PermuteBackward0",
            "ViewBackward0",
            "BmmBackward0",
            "ViewBackward0",
            "PermuteBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
            "ViewBackward0",
            "PermuteBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
        ],
    ),
    (
        "einsum_diag",
        lambda: torch.einsum("ii->i", T(3, 3)),
        ["PermuteBackward0", "PermuteBackward0", "DiagonalBackward0"],
    ),
    ("einsum_sum", lambda: torch.einsum("ij->", T(3, 2)), ["SumBackward1", "PermuteBackward0"]),
    ("einsum_transpose", lambda: torch.einsum("ij->ji", T(3, 2)), ["PermuteBackward0"]),
    (
        "einsum_outer",
        lambda: torch.einsum("i,j->ij", T(3), T(2)),
        [
            "MulBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
        ],
    ),
    (
        "einsum_broadcast_size1",
        lambda: torch.einsum("ij,jk->ik", T(2, 1), T(3, 4)),
        [
            "ViewBackward0",
            "MulBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
            "SumBackward1",
            "PermuteBackward0",
            "UnsqueezeBackward0",
        ],
    ),
    (
        "einsum_kj",
        lambda: torch.einsum("ij,kj->ik", T(2, 3), T(4, 3)),
        [
            "ViewBackward0",
            "PermuteBackward0",
            "ViewBackward0",
            "BmmBackward0",
            "ViewBackward0",
            "PermuteBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
            "ReshapeAliasBackward0",
            "PermuteBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
        ],
    ),
    (
        "einsum_three",
        lambda: torch.einsum("a,b,c->abc", T(2), T(3), T(4)),
        [
            "MulBackward0",
            "MulBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
            "UnsqueezeBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
            "UnsqueezeBackward0",
            "PermuteBackward0",
            "UnsqueezeBackward0",
            "UnsqueezeBackward0",
        ],
    ),
]


@pytest.mark.parametrize(("name", "make", "expected"), MORE_GRAPHS, ids=[g[0] for g in MORE_GRAPHS])
def test_more_graphs(name: str, make: Callable[[], Tensor], expected: list[str]) -> None:
    assert graph(make()) == expected


@pytest.mark.parametrize(
    ("shape_a", "shape_b", "shape_out"),
    [
        ((1, 1, 2, 3), (5, 3, 4), (1, 5, 2, 4)),
        ((5, 2, 3), (1, 1, 3, 4), (1, 5, 2, 4)),
        ((3,), (2, 5, 3, 4), (2, 5, 4)),
        ((2, 5, 2, 3), (3,), (2, 5, 2)),
        ((2, 0, 3), (3, 4), (2, 0, 4)),
        ((3, 0), (5, 0, 4), (5, 3, 4)),
        ((2, 0), (0, 3), (2, 3)),
    ],
)
def test_matmul_shapes_and_values_match_numpy(
    shape_a: tuple[int, ...], shape_b: tuple[int, ...], shape_out: tuple[int, ...]
) -> None:
    a, b = T(*shape_a), T(*shape_b, seed=1)
    out = a @ b
    assert out.shape == shape_out
    expected = np.matmul(a.detach().numpy(), b.detach().numpy())
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-6, atol=1e-6)
    out.sum().backward()
    assert a.grad.shape == shape_a and b.grad.shape == shape_b


# ---- values and gradients ------------------------------------------------------------------------


def test_matmul_gradients_match_closed_forms() -> None:
    a, b = T(5, 2, 3), T(3, 4)
    g = T(5, 2, 4, rg=False, seed=9)
    (a @ b).backward(g)
    an, bn, gn = a.detach().numpy(), b.detach().numpy(), g.numpy()
    np.testing.assert_allclose(a.grad.numpy(), gn @ bn.T, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        b.grad.numpy(), np.einsum("bij,bik->jk", an, gn), rtol=1e-5, atol=1e-6
    )
    assert a.grad.dtype == torch.float32 and b.grad.shape == (3, 4)


def test_linear_values_and_bias_gradient() -> None:
    x, w, bias = T(5, 2, 3), T(4, 3), T(4)
    out = F.linear(x, w, bias)
    expected = x.detach().numpy() @ w.detach().numpy().T + bias.detach().numpy()
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-6, atol=1e-6)
    out.sum().backward()
    np.testing.assert_allclose(bias.grad.numpy(), np.full(4, 10.0))


def test_addmm_scaling_and_beta_zero_ignores_nan() -> None:
    c, a, b = T(2, 4), T(2, 3), T(3, 4)
    out = torch.addmm(c, a, b, beta=0.5, alpha=2)
    expected = 0.5 * c.detach().numpy() + 2 * (a.detach().numpy() @ b.detach().numpy())
    np.testing.assert_allclose(out.detach().numpy(), expected, rtol=1e-6, atol=1e-6)
    out.sum().backward()
    np.testing.assert_allclose(c.grad.numpy(), np.full((2, 4), 0.5))
    nan = torch.tensor([math.nan] * 4)
    assert not np.isnan(torch.addmm(nan, a, b, beta=0).detach().numpy()).any()


def test_outer_and_einsum_values() -> None:
    a, b = T(2), T(3)
    an, bn = a.detach().numpy(), b.detach().numpy()
    np.testing.assert_allclose(torch.outer(a, b).detach().numpy(), np.outer(an, bn), rtol=1e-6)
    np.testing.assert_allclose(torch.ger(a, b).detach().numpy(), np.outer(an, bn), rtol=1e-6)
    m = T(3, 3)
    for eq in ("ii", "ii->i", "ij->ji", "ij->j"):
        np.testing.assert_allclose(
            torch.einsum(eq, m).detach().numpy(), np.einsum(eq, m.detach().numpy()), rtol=1e-6
        )
    x, y = T(2, 2, 3), T(3, 2)
    np.testing.assert_allclose(
        torch.einsum("...ij,...jk", x, y).detach().numpy(),
        np.einsum("...ij,...jk", x.detach().numpy(), y.detach().numpy()),
        rtol=1e-5,
        atol=1e-6,
    )


def test_dtypes() -> None:
    i = torch.ones(2, 3, dtype=torch.int64)
    assert (i @ torch.ones(3, 2, dtype=torch.int64)).dtype == torch.int64
    assert (
        torch.dot(torch.ones(3, dtype=torch.int32), torch.ones(3, dtype=torch.int32)).dtype
        == torch.int32
    )
    assert (
        torch.ones(2, 2, 3, dtype=torch.int64) @ torch.ones(2, 3, 4, dtype=torch.int64)
    ).dtype == torch.int64
    assert (
        torch.mm(torch.ones(2, 3, dtype=torch.float16), torch.ones(3, 2, dtype=torch.float16)).dtype
        == torch.float16
    )
    assert torch.outer(torch.ones(2, dtype=torch.int64), T(3)).dtype == torch.float32
    assert torch.outer(T(2), T(3, dtype=torch.float64)).dtype == torch.float64
    a, b = T(2, 3, dtype=torch.float64), T(3, dtype=torch.float64)
    (a @ b).sum().backward()
    assert a.grad.dtype == torch.float64


def test_matmul_operator_with_non_tensors() -> None:
    a = T(3)
    with raises(TypeError, "unsupported operand type(s) for @: 'list' and 'Tensor'"):
        [1.0, 2.0, 3.0] @ a
    with raises(TypeError, "unsupported operand type(s) for @: 'Tensor' and 'list'"):
        a @ [1.0, 2.0, 3.0]
    with raises(TypeError, "matmul(): argument 'other' (position 2) must be Tensor, not list"):
        torch.matmul(a, [1.0, 2.0, 3.0])


# ---- messages ----------------------------------------------------------------------------------

MESSAGES: list[tuple[str, type[BaseException], str]] = [
    (
        "torch.ones(2, 3) @ torch.ones(2, 3)",
        RuntimeError,
        "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)",
    ),
    (
        "torch.ones(3) @ torch.ones(4)",
        RuntimeError,
        "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of "
        "elements, but got 3 and 4 elements respectively",
    ),
    (
        "torch.tensor(2.) @ torch.ones(3)",
        RuntimeError,
        "both arguments to matmul need to be at least 1D, but they are 0D and 1D",
    ),
    (
        "torch.ones(3) @ torch.tensor(2.)",
        RuntimeError,
        "both arguments to matmul need to be at least 1D, but they are 1D and 0D",
    ),
    ("torch.ones(2, 3).mm(torch.ones(3))", RuntimeError, "mat2 must be a matrix"),
    ("torch.ones(3).mm(torch.ones(3, 2))", RuntimeError, "self must be a matrix"),
    (
        "torch.ones(2, 3).mm(torch.ones(3, 2, dtype=torch.float64))",
        RuntimeError,
        "expected m1 and m2 to have the same dtype, but got: float != double",
    ),
    (
        "torch.ones(2, 3) @ torch.ones(3, 4, dtype=torch.float64)",
        RuntimeError,
        "expected m1 and m2 to have the same dtype, but got: float != double",
    ),
    (
        "torch.ones(2, 3) @ torch.ones(4)",
        RuntimeError,
        "size mismatch, got input (2), mat (2x3), vec (4)",
    ),
    (
        "torch.ones(3) @ torch.ones(4, 2)",
        RuntimeError,
        "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x2)",
    ),
    (
        "torch.ones(5, 2, 3) @ torch.ones(4, 3)",
        RuntimeError,
        "mat1 and mat2 shapes cannot be multiplied (10x3 and 4x3)",
    ),
    (
        "torch.ones(5, 2, 3) @ torch.ones(4)",
        RuntimeError,
        "size mismatch, got input (10), mat (10x3), vec (4)",
    ),
    (
        "torch.ones(3, requires_grad=True) @ torch.ones(5, 4, 3)",
        RuntimeError,
        "size mismatch, got input (15), mat (15x4), vec (3)",
    ),
    (
        "torch.ones(3) @ torch.ones(5, 4, 3)",
        RuntimeError,
        "Expected size for first two dimensions of batch2 tensor to be: [5, 3] but got: [5, 4].",
    ),
    (
        "torch.ones(2, 2, 3) @ torch.ones(2, 4, 5)",
        RuntimeError,
        "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].",
    ),
    (
        "torch.ones(2, 2, 3) @ torch.ones(3, 3, 5)",
        RuntimeError,
        "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
    ),
    (
        "torch.ones(2, 2, 3) @ torch.ones(2, 3, 4, dtype=torch.float64)",
        RuntimeError,
        "expected scalar type Float but found Double",
    ),
    (
        "torch.ones(3, requires_grad=True) @ torch.ones(5, 3, 4, dtype=torch.float64)",
        RuntimeError,
        "addmv input tensors must have the same dtype, but got Float, Double, and Float",
    ),
    (
        "torch.ones(3) @ torch.ones(5, 3, 4, dtype=torch.float64)",
        RuntimeError,
        "expected scalar type Float but found Double",
    ),
    (
        "torch.bmm(torch.ones(2, 3), torch.ones(2, 3, 4))",
        RuntimeError,
        "batch1 must be a 3D tensor",
    ),
    (
        "torch.bmm(torch.ones(2, 2, 3), torch.ones(2, 3))",
        RuntimeError,
        "batch2 must be a 3D tensor",
    ),
    (
        "torch.dot(torch.ones(2, 3), torch.ones(3))",
        RuntimeError,
        "1D tensors expected, but got 2D and 1D tensors",
    ),
    (
        "torch.dot(torch.ones(3), torch.ones(3, dtype=torch.float64))",
        RuntimeError,
        "dot : expected both vectors to have same dtype, but found Float and Double",
    ),
    (
        "torch.mv(torch.ones(3), torch.ones(3))",
        RuntimeError,
        "vector + matrix @ vector expected, got 1, 1, 1",
    ),
    (
        "torch.mv(torch.ones(2, 3), torch.ones(3, dtype=torch.float64))",
        RuntimeError,
        "addmv input tensors must have the same dtype, but got Double, Float, and Double",
    ),
    (
        "torch.ones(3, dtype=torch.bool) @ torch.ones(3, dtype=torch.bool)",
        NotImplementedError,
        "\"dot\" not implemented for 'Bool'",
    ),
    (
        "torch.ones(2, 3, dtype=torch.bool) @ torch.ones(3, 2, dtype=torch.bool)",
        NotImplementedError,
        "\"addmm_impl_cpu_\" not implemented for 'Bool'",
    ),
    (
        "torch.addmm(torch.ones(4), torch.ones(3), torch.ones(3, 4))",
        RuntimeError,
        "mat1 must be a matrix, got 1-D tensor",
    ),
    (
        "torch.addmm(torch.ones(5), torch.ones(2, 3), torch.ones(3, 4))",
        RuntimeError,
        "The expanded size of the tensor (4) must match the existing size (5) at non-singleton "
        "dimension 1.  Target sizes: [2, 4].  Tensor sizes: [5]",
    ),
    (
        "torch.addmm(torch.ones(2, 4), torch.ones(2, 3), torch.ones(3, 4, dtype=torch.float64))",
        RuntimeError,
        "self and mat2 must have the same dtype, but got Float and Double",
    ),
    (
        "torch.addmm(torch.ones(4), torch.ones(2, 3, dtype=torch.float64), torch.ones(3, 4))",
        RuntimeError,
        "mat1 and mat2 must have the same dtype, but got Double and Float",
    ),
    (
        "F.linear(torch.tensor(1.), torch.ones(4, 3))",
        RuntimeError,
        "both arguments to linear need to be at least 1D, but they are 0D and 2D",
    ),
    (
        "F.linear(torch.ones(2, 3), torch.ones(3), torch.ones(1))",
        RuntimeError,
        "mat2 must be a matrix, got 1-D tensor",
    ),
    (
        "F.linear(torch.ones(3), torch.ones(4, 2), torch.ones(4))",
        RuntimeError,
        "mat1 and mat2 shapes cannot be multiplied (1x3 and 2x4)",
    ),
    (
        "torch.outer(torch.ones(2, 2), torch.ones(3))",
        RuntimeError,
        "outer: Expected 1-D argument self, but got 2-D",
    ),
    (
        "torch.outer(torch.ones(2), torch.tensor(2.))",
        RuntimeError,
        "outer: Expected 1-D argument vec2, but got 0-D",
    ),
    (
        "torch.einsum('i,i->', torch.ones(3), torch.ones(4))",
        RuntimeError,
        "einsum(): subscript i has size 4 for operand 1 which does not broadcast with previously "
        "seen size 3",
    ),
    (
        "torch.einsum('ij->i', torch.ones(3))",
        RuntimeError,
        "einsum(): the number of subscripts in the equation (2) does not match the number of "
        "dimensions (1) for operand 0 and no ellipsis was given",
    ),
    (
        "torch.einsum('ii->i', torch.ones(3, 4))",
        RuntimeError,
        "einsum(): subscript i is repeated for operand 0 but the sizes don't match, 4 != 3",
    ),
    (
        "torch.einsum('ij,jk', torch.ones(2, 3))",
        RuntimeError,
        "einsum(): fewer operands were provided than specified in the equation",
    ),
    (
        "torch.einsum('ij', torch.ones(2, 3), torch.ones(2, 3))",
        RuntimeError,
        "einsum(): more operands were provided than specified in the equation",
    ),
    (
        "torch.einsum('i->j', torch.ones(3))",
        RuntimeError,
        "einsum(): output subscript j does not appear in the equation for any input operand",
    ),
    (
        "torch.einsum('i->ii', torch.ones(3))",
        RuntimeError,
        "einsum(): output subscript i appears more than once in the output",
    ),
    (
        "torch.einsum('i1', torch.ones(3))",
        RuntimeError,
        "einsum(): invalid subscript given at index 1 in the equation string, subscripts must be "
        "in [a-zA-Z]",
    ),
]


@pytest.mark.parametrize(("expr", "exc", "message"), MESSAGES, ids=[m[0] for m in MESSAGES])
def test_messages(expr: str, exc: type[BaseException], message: str) -> None:
    with raises_like_torch(exc, message):
        eval(expr)
