"""Shape ops: values, gradients (first and second order), torch's grad_fn names and graphs,
re-runnable backward, contiguity, identity returns and torch's exact messages.

Expected names and messages were measured with torch 2.13.0 (facts sheet §7, §8, §10, §15 and the
grad_fn reference); they are hard-coded here so the tests need neither torch nor /work/shared.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import engine as torch
from engine import Tensor
from engine.ops import shape as shape_ops
from tests.engine.gradcheck import gradcheck, gradgradcheck
from tests.engine.helpers import graph, raises_like_torch, rg


@pytest.fixture(autouse=True)
def _fresh_warn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`x.T` warnings fire once per process (as in torch): don't use up the process' flag."""
    monkeypatch.setattr(shape_ops, "_warned", set())


# ---- gradients: every differentiable op, first and second order (float64) -----------------------

A23 = (2, 3)
# (id, fn, input shapes)
GRAD_CASES: list[tuple[str, Callable[..., Tensor], list[tuple[int, ...]]]] = [
    ("view", lambda a: a.view(3, 2), [A23]),
    ("view_neg1", lambda a: a.view(-1), [A23]),
    ("reshape", lambda a: a.reshape(6), [A23]),
    ("reshape_noncontig", lambda a: a.t().reshape(6), [A23]),
    ("reshape_alias", lambda a: a.t().reshape(3, 1, 2), [A23]),
    ("flatten", lambda a: a.flatten(), [(2, 2, 2)]),
    ("flatten_range", lambda a: a.permute(2, 0, 1).flatten(1), [(2, 2, 2)]),
    ("unflatten", lambda a: a.unflatten(1, (3, 1)), [A23]),
    ("view_as", lambda a: a.view_as(torch.ones(3, 2)), [A23]),
    ("reshape_as", lambda a: a.t().reshape_as(torch.ones(6)), [A23]),
    ("t", lambda a: a.t(), [A23]),
    ("t_1d", lambda a: a.t(), [(3,)]),
    ("T", lambda a: a.T, [A23]),
    ("mT", lambda a: a.mT, [(2, 2, 3)]),
    ("transpose", lambda a: a.transpose(0, 2), [(2, 3, 2)]),
    ("permute", lambda a: a.permute(2, 0, 1), [(2, 3, 2)]),
    ("movedim", lambda a: a.movedim(0, 2), [(2, 3, 2)]),
    ("unsqueeze", lambda a: a.unsqueeze(1), [A23]),
    ("squeeze", lambda a: a.squeeze(), [(2, 1, 3, 1)]),
    ("squeeze_dim", lambda a: a.squeeze(1), [(2, 1, 3)]),
    ("squeeze_dim_noop", lambda a: a.squeeze(0), [(2, 1, 3)]),
    ("squeeze_dims", lambda a: a.squeeze((1, 3)), [(2, 1, 3, 1)]),
    ("squeeze_dim_inplace", lambda a: shape_ops.squeeze_dim_inplace(a, 0), [(1, 3)]),
    ("unsafe_view", lambda a: shape_ops.unsafe_view(a * 1, (3, 2)), [A23]),
    ("clone", lambda a: a.clone(), [A23]),
    ("contiguous", lambda a: a.t().contiguous(), [A23]),
    ("alias", lambda a: shape_ops.alias(a), [A23]),
    ("expand", lambda a: a.expand(2, 2, 3), [(1, 3)]),
    ("expand_as", lambda a: a.expand_as(torch.ones(3, 2)), [(3, 1)]),
    ("broadcast_to", lambda a: torch.broadcast_to(a, (2, 3)), [(3,)]),
    ("repeat", lambda a: a.repeat(2, 1, 2), [A23]),
    ("repeat_noncontig", lambda a: a.t().repeat(2, 2), [A23]),
    ("tile", lambda a: a.tile(2), [A23]),
    ("ravel", lambda a: a.t().ravel(), [A23]),
    ("flip", lambda a: a.flip(0, 1), [A23]),
    ("roll", lambda a: a.roll(1, 1), [A23]),
    ("roll_multi", lambda a: a.roll((1, -1), (0, 1)), [A23]),
    ("roll_flat", lambda a: a.roll(2), [A23]),
    ("select", lambda a: a.select(1, -1), [A23]),
    ("narrow", lambda a: a.narrow(1, 1, 2), [A23]),
    ("cat", lambda a, b: torch.cat([a, b]), [A23, (1, 3)]),
    ("cat_dim1", lambda a, b: torch.cat([a, b, a], dim=1), [A23, (2, 1)]),
    ("stack", lambda a, b: torch.stack([a, b], 1), [A23, A23]),
    ("chunk", lambda a: a.chunk(2, 1)[0], [(2, 4)]),
    ("split_sizes", lambda a: a.split([1, 2], 1)[1], [A23]),
    ("unbind", lambda a: a.unbind(1)[2], [A23]),
]


@pytest.mark.parametrize(
    ("fn", "shapes"), [c[1:] for c in GRAD_CASES], ids=[c[0] for c in GRAD_CASES]
)
def test_gradcheck(fn: Callable[..., Tensor], shapes: list[tuple[int, ...]]) -> None:
    inputs = [rg(s, torch.float64, seed=i) for i, s in enumerate(shapes)]
    gradcheck(fn, inputs)


@pytest.mark.parametrize(
    ("fn", "shapes"), [c[1:] for c in GRAD_CASES], ids=[c[0] for c in GRAD_CASES]
)
def test_gradgradcheck(fn: Callable[..., Tensor], shapes: list[tuple[int, ...]]) -> None:
    # Squaring makes the first derivative depend on the input, so the op's backward formula runs
    # with create_graph and its own derivative is checked too.
    inputs = [rg(s, torch.float64, seed=i) for i, s in enumerate(shapes)]
    gradgradcheck(lambda *xs: fn(*xs) ** 2, inputs)


def test_repeat_gradient_sums_the_copies() -> None:
    a = torch.tensor([[1.0, 2.0]], requires_grad=True)
    a.repeat(3, 2).backward(torch.arange(12.0).reshape(3, 4))
    assert a.grad.tolist() == [[0 + 2 + 4 + 6 + 8 + 10, 1 + 3 + 5 + 7 + 9 + 11]]


def test_cat_and_stack_route_gradient_slices() -> None:
    a, b = rg((2, 3)), rg((1, 3), seed=1)
    torch.cat([a, b]).backward(torch.arange(9.0).reshape(3, 3))
    assert a.grad.tolist() == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    assert b.grad.tolist() == [[6.0, 7.0, 8.0]]
    c, d = rg((2,)), rg((2,), seed=1)
    torch.stack([c, d], 1).backward(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert c.grad.tolist() == [1.0, 3.0] and d.grad.tolist() == [2.0, 4.0]


def test_cat_promotes_dtypes_and_casts_gradients_back() -> None:
    a = rg((2,))
    b = rg((2,), torch.float64, seed=1)
    out = torch.cat([a, b])
    assert out.dtype == torch.float64
    out.sum().backward()
    assert a.grad.dtype == torch.float32 and b.grad.dtype == torch.float64
    ints = torch.cat([torch.tensor([1, 2]), torch.tensor([True, False])])
    assert ints.dtype == torch.int64 and ints.tolist() == [1, 2, 1, 0]


def test_cat_skips_legacy_empty_1d_tensors() -> None:
    a = rg((2, 3))
    e = torch.ones(0, requires_grad=True)
    out = torch.cat([e, a])
    assert tuple(out.shape) == (2, 3) and graph(out) == ["CatBackward0"]
    out.sum().backward()
    assert tuple(e.grad.shape) == (0,) and a.grad.tolist() == [[1.0] * 3] * 2


def test_flip_roll_values() -> None:
    a = torch.arange(6.0).reshape(2, 3)
    assert a.flip(1).tolist() == [[2.0, 1.0, 0.0], [5.0, 4.0, 3.0]]
    assert a.roll(1).tolist() == [[5.0, 0.0, 1.0], [2.0, 3.0, 4.0]]
    assert a.roll(-1, 1).tolist() == [[1.0, 2.0, 0.0], [4.0, 5.0, 3.0]]
    assert a.t().roll(1, 0).tolist() == [[2.0, 5.0], [0.0, 3.0], [1.0, 4.0]]


def test_split_chunk_unbind_values() -> None:
    a = torch.arange(10.0).reshape(2, 5)
    assert [tuple(p.shape) for p in a.chunk(2, 1)] == [(2, 3), (2, 2)]
    assert [tuple(p.shape) for p in a.split(2, 1)] == [(2, 2), (2, 2), (2, 1)]
    assert [p.tolist() for p in a.unbind(0)] == [a.select(0, 0).tolist(), a.select(0, 1).tolist()]
    assert [tuple(p.shape) for p in torch.split(a, [1, 4], dim=1)] == [(2, 1), (2, 4)]


# ---- grad_fn names, graphs, second backward --------------------------------------------------------

# (expr over a 2x3 leaf `a` (3-D `c`), expected graph from the root, AccumulateGrad omitted) — the
# torch 2.13 reference table (second backward succeeds for all of them: nothing is saved).
GRAPHS: list[tuple[str, list[str]]] = [
    ("a.view(6)", ["ViewBackward0"]),
    ("a.view(-1)", ["ViewBackward0"]),
    ("a.reshape(6)", ["ViewBackward0"]),
    ("a.flatten()", ["ViewBackward0"]),
    ("a.t().reshape(6)", ["UnsafeViewBackward0", "CloneBackward0", "TBackward0"]),
    ("a.t().reshape(3, 2)", ["ReshapeAliasBackward0", "TBackward0"]),
    ("a.t().flatten()", ["UnsafeViewBackward0", "CloneBackward0", "TBackward0"]),
    ("a.t()", ["TBackward0"]),
    ("a.T", ["PermuteBackward0"]),
    ("a.mT", ["TransposeBackward0"]),
    ("a.permute(1, 0)", ["PermuteBackward0"]),
    ("a.transpose(0, 1)", ["TransposeBackward0"]),
    ("a.swapaxes(0, 1)", ["TransposeBackward0"]),
    ("a.movedim(0, 1)", ["PermuteBackward0"]),
    ("a.unsqueeze(0)", ["UnsqueezeBackward0"]),
    ("a.squeeze()", ["SqueezeBackward0"]),
    ("a.squeeze(0)", ["SqueezeBackward1"]),
    ("a.squeeze((0, 2))", ["SqueezeBackward2"]),
    ("a.expand(2, 2, 3)", ["ExpandBackward0"]),
    ("a.expand_as(torch.ones(2, 2, 3))", ["ExpandBackward0"]),
    ("torch.broadcast_to(a, (2, 2, 3))", ["ExpandBackward0"]),
    ("a.repeat(2)", ["RepeatBackward0"]),
    ("a.tile(2)", ["RepeatBackward0"]),
    ("a.ravel()", ["ViewBackward0"]),
    ("a.t().ravel()", ["ViewBackward0", "CloneBackward0", "TBackward0"]),
    ("a.clone()", ["CloneBackward0"]),
    ("a.t().contiguous()", ["CloneBackward0", "TBackward0"]),
    ("a.double()", ["ToCopyBackward0"]),
    ("a.flip(0)", ["FlipBackward0"]),
    ("a.roll(1)", ["RollBackward0"]),
    ("torch.cat([a, a])", ["CatBackward0"]),
    ("torch.stack([a, a])", ["StackBackward0"]),
    ("a.select(0, 1)", ["SelectBackward0"]),
    ("a.narrow(1, 0, 2)", ["SliceBackward0"]),
    ("a.chunk(2)[1]", ["SplitBackward0"]),
    ("a.split([1, 2], 1)[0]", ["SplitWithSizesBackward0"]),
    ("a.unbind(1)[0]", ["UnbindBackward0"]),
    ("c.T", ["PermuteBackward0"]),
    ("c.mT", ["TransposeBackward0"]),
    ("c.flatten(1)", ["ViewBackward0"]),
    ("c.unflatten(2, (2, 2))", ["ViewBackward0"]),
]


def _eval(expr: str) -> Tensor:
    a = rg((2, 3)) if "repeat(2)" not in expr else rg((3,))
    if "squeeze" in expr and "unsqueeze" not in expr:
        a = rg((1, 3, 1))
    ns = {"torch": torch, "a": a, "c": rg((2, 3, 4))}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return eval(expr, ns)  # test expressions above


@pytest.mark.parametrize(("expr", "expected"), GRAPHS, ids=[g[0] for g in GRAPHS])
def test_graph_names(expr: str, expected: list[str]) -> None:
    out = _eval(expr)
    assert out.grad_fn.name() == expected[0]
    assert type(out.grad_fn).__name__ == expected[0]
    assert graph(out) == expected


@pytest.mark.parametrize(("expr", "expected"), GRAPHS, ids=[g[0] for g in GRAPHS])
def test_never_fail_backward_three_times(expr: str, expected: list[str]) -> None:
    """Facts §2.5: nothing saved, so backward can re-run without retain_graph and accumulates."""
    ns_a = rg((2, 3)) if "repeat(2)" not in expr else rg((3,))
    if "squeeze" in expr and "unsqueeze" not in expr:
        ns_a = rg((1, 3, 1))
    ns = {"torch": torch, "a": ns_a, "c": rg((2, 3, 4))}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = eval(expr, ns)
    leaf = ns["c"] if expr.startswith("c.") else ns_a
    up = torch.ones_like(out)
    out.backward(up)
    first = leaf.grad.numpy().copy()
    out.backward(up)
    out.backward(up)
    np.testing.assert_array_equal(leaf.grad.numpy(), 3 * first)


def test_t_of_1d_and_0d_is_a_node_with_same_values() -> None:
    a = rg((3,))
    out = a.t()
    assert out is not a and out.grad_fn.name() == "TBackward0"
    assert out.tolist() == a.tolist()
    z = rg(())
    assert z.t().grad_fn.name() == "TBackward0" and tuple(z.t().shape) == ()


def test_squeeze_on_a_non_1_dim_is_a_silent_node() -> None:
    a = rg((2, 3))
    out = a.squeeze(0)
    assert tuple(out.shape) == (2, 3) and out.grad_fn.name() == "SqueezeBackward1"
    assert tuple(torch.ones(3).squeeze(0).shape) == (3,)


def test_squeeze_dim_inplace_node_for_matmul() -> None:
    a = rg((1, 4))
    out = shape_ops.squeeze_dim_inplace(shape_ops.unsafe_view(a * 1, (1, 4)), 0)
    assert tuple(out.shape) == (4,)
    assert graph(out) == ["SqueezeBackward4", "UnsafeViewBackward0", "MulBackward0"]


def test_detach_data_size_shape_ndim() -> None:
    a = rg((2, 3))
    assert a.size() == (2, 3) and a.size(1) == 3 and a.size(-2) == 2
    assert str(a.shape) == "torch.Size([2, 3])" and a.ndim == 2
    d = a.data
    assert not d.requires_grad and d.is_leaf and d.tolist() == a.tolist()


# ---- contiguity -------------------------------------------------------------------------------------


def test_contiguity_follows_torch() -> None:
    a = rg((2, 3))
    assert a.is_contiguous()
    assert not a.t().is_contiguous()
    assert not a.T.is_contiguous() and not a.mT.is_contiguous()
    assert not a.transpose(0, 1).is_contiguous() and not a.permute(1, 0).is_contiguous()
    assert a.t().contiguous().is_contiguous()
    assert not a.t().clone().is_contiguous()  # clone keeps the layout (preserve_format)
    assert a.expand(2, 2, 3).clone().is_contiguous()  # ... but not broadcast strides
    assert not a.t().unsqueeze(0).is_contiguous()
    assert not a.t().flip(0).is_contiguous() and a.flip(0).is_contiguous()
    assert a.t().roll(1, 0).is_contiguous()
    assert a.t().repeat(1, 1).is_contiguous()
    assert torch.cat([a.t(), a.t()]).is_contiguous()
    assert torch.stack([a.t(), a.t()]).is_contiguous()
    assert not a.expand(2, 2, 3).is_contiguous()
    assert not a.narrow(1, 1, 1).is_contiguous() and a.narrow(0, 1, 1).is_contiguous()
    assert not a.select(1, 0).is_contiguous()


def test_view_of_noncontiguous_where_strides_allow_it() -> None:
    a = rg((2, 3))
    out = a.t().view(3, 1, 2)
    assert graph(out) == ["ViewBackward0", "TBackward0"]
    assert out.tolist() == [[[v for v in row]] for row in a.t().tolist()]


def test_reshape_values_of_noncontiguous() -> None:
    a = torch.arange(6.0).reshape(2, 3)
    assert a.t().reshape(6).tolist() == [0.0, 3.0, 1.0, 4.0, 2.0, 5.0]


def test_identity_returns() -> None:
    x = rg((2, 3))
    assert x.float() is x and x.to(torch.float32) is x
    assert x.contiguous() is x
    v = rg((3,))
    assert v.flatten() is v
    assert x.flatten(1, 1) is x
    z = rg(())
    assert z.flatten().grad_fn.name() == "ViewBackward0" and tuple(z.flatten().shape) == (1,)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert z.mT is z


# ---- warnings ------------------------------------------------------------------------------------

T_WARNING = (
    "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated "
    "and it will throw an error in a future release. Consider `x.mT` to transpose batches of "
    "matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a "
    "tensor."
)


def _caught(fn: Callable[[], Any]) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fn()
    return [str(w.message) for w in caught if w.category is UserWarning]


def test_T_warns_once_per_process_for_non_2d() -> None:
    a, c = rg((3,)), rg((2, 3, 4))
    assert _caught(lambda: a.T) == [T_WARNING]
    assert _caught(lambda: c.T) == []  # TORCH_WARN_ONCE: one shared flag
    assert tuple(c.T.shape) == (4, 3, 2) and c.T.grad_fn.name() == "PermuteBackward0"
    assert _caught(lambda: rg((2, 3)).T) == []


def test_T_and_mT_on_0d() -> None:
    z = rg(())
    assert _caught(lambda: z.T) == [
        "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases."
    ]
    assert z.T.grad_fn.name() == "PermuteBackward0"
    assert _caught(lambda: z.mT) == [
        "Tensor.mT is deprecated on 0-D tensors. This function is the identity in these cases."
    ]
    assert _caught(lambda: z.mT) == []


def test_2d_T_does_not_warn() -> None:
    assert _caught(lambda: rg((2, 3)).T) == []


# ---- torch's messages ---------------------------------------------------------------------------

ERRORS: list[tuple[str, type[BaseException], str]] = [
    ("torch.ones(2, 3).view(4)", RuntimeError, "shape '[4]' is invalid for input of size 6"),
    ("torch.ones(2, 3).reshape(4)", RuntimeError, "shape '[4]' is invalid for input of size 6"),
    (
        "torch.ones(2, 3).t().view(6)",
        RuntimeError,
        "view size is not compatible with input tensor's size and stride (at least one dimension "
        "spans across two contiguous subspaces). Use .reshape(...) instead.",
    ),
    (
        "torch.ones(3).expand(2, 3).view(6)",
        RuntimeError,
        "view size is not compatible with input tensor's size and stride (at least one dimension "
        "spans across two contiguous subspaces). Use .reshape(...) instead.",
    ),
    ("torch.ones(2, 3).view(-1, -1)", RuntimeError, "only one dimension can be inferred"),
    (
        "torch.ones(2, 3).view(-2)",
        RuntimeError,
        "invalid shape dimension -2 at index 0 of shape [-2]",
    ),
    (
        "torch.ones(2, 3).reshape(0, -1)",
        RuntimeError,
        "shape '[0, -1]' is invalid for input of size 6",
    ),
    (
        "torch.ones(0, 3).view(-1, 0)",
        RuntimeError,
        "cannot reshape tensor of 0 elements into shape [-1, 0] because the unspecified dimension "
        "size -1 can be any value and is ambiguous",
    ),
    (
        "torch.cat([torch.ones(2, 3), torch.ones(2, 4)])",
        RuntimeError,
        "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for "
        "tensor number 1 in the list.",
    ),
    (
        "torch.cat([torch.ones(2, 3), torch.ones(3, 4)], 1)",
        RuntimeError,
        "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for "
        "tensor number 1 in the list.",
    ),
    (
        "torch.cat([torch.ones(2, 3), torch.ones(2)])",
        RuntimeError,
        "Tensors must have same number of dimensions: got 2 and 1",
    ),
    (
        "torch.cat([torch.tensor(1.), torch.tensor(2.)])",
        RuntimeError,
        "zero-dimensional tensor (at position 0) cannot be concatenated",
    ),
    ("torch.cat([])", ValueError, "torch.cat(): expected a non-empty list of Tensors"),
    (
        "torch.cat(torch.ones(2))",
        TypeError,
        "cat(): argument 'tensors' (position 1) must be tuple of Tensors, not Tensor",
    ),
    (
        "torch.cat([torch.ones(2, 3)], 2)",
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    ),
    (
        "torch.stack([torch.ones(2), torch.ones(3)])",
        RuntimeError,
        "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1",
    ),
    ("torch.stack([])", RuntimeError, "stack expects a non-empty TensorList"),
    (
        "torch.stack([torch.ones(2, 3)], 3)",
        IndexError,
        "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
    ),
    (
        "torch.ones(2, 3, 4).t()",
        RuntimeError,
        "t() expects a tensor with <= 2 dimensions, but self is 3D",
    ),
    (
        "torch.ones(3).mT",
        RuntimeError,
        "tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.",
    ),
    (
        "torch.ones(2, 3).expand(3, 3)",
        RuntimeError,
        "The expanded size of the tensor (3) must match the existing size (2) at non-singleton "
        "dimension 0.  Target sizes: [3, 3].  Tensor sizes: [2, 3]",
    ),
    (
        "torch.ones(2, 3).transpose(0, 2)",
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    ),
    (
        "torch.ones(2, 3).permute(0)",
        RuntimeError,
        "permute(sparse_coo): number of dimensions in the tensor input does not match the length "
        "of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1",
    ),
    ("torch.ones(2, 3).permute(0, 0)", RuntimeError, "permute(): duplicate dims are not allowed."),
    (
        "torch.ones(2, 3).permute()",
        TypeError,
        'permute() missing 1 required positional arguments: "dims"',
    ),
    (
        "torch.ones(2, 3).unsqueeze(3)",
        IndexError,
        "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
    ),
    (
        "torch.ones(2, 3).squeeze(5)",
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got 5)",
    ),
    (
        "torch.ones(2, 3).squeeze((0, 0))",
        RuntimeError,
        "dim 0 appears multiple times in the list of dims",
    ),
    (
        "torch.ones(2, 3).flatten(1, 0)",
        RuntimeError,
        "flatten() has invalid args: start_dim cannot come after end_dim",
    ),
    (
        "torch.ones(2, 3).repeat(2)",
        RuntimeError,
        "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
    ),
    (
        "torch.ones(2, 3).repeat(-1, 2)",
        RuntimeError,
        "Trying to create tensor with negative dimension -2: [-2, 6]",
    ),
    (
        "torch.ones(2, 3).repeat()",
        TypeError,
        'repeat() missing 1 required positional arguments: "repeats"',
    ),
    (
        "torch.ones(2, 3).flip()",
        TypeError,
        'flip() missing 1 required positional arguments: "dims"',
    ),
    (
        "torch.ones(2, 3).flip(0, 0)",
        RuntimeError,
        "dim 0 appears multiple times in the list of dims",
    ),
    (
        "torch.ones(2, 3).roll((1,), (0, 1))",
        RuntimeError,
        "shifts and dimensions must align. shifts: 1, dims:2",
    ),
    (
        "torch.ones(2, 3).roll((1, 2))",
        RuntimeError,
        "shifts and dimensions must align. shifts: 2, dims:0",
    ),
    ("torch.ones(2, 3).roll((), ())", RuntimeError, "`shifts` required"),
    (
        "torch.ones(2, 3).select(1, 3)",
        IndexError,
        "select(): index 3 out of range for tensor of size [2, 3] at dimension 1",
    ),
    ("torch.tensor(1.).select(0, 0)", IndexError, "select() cannot be applied to a 0-dim tensor."),
    (
        "torch.ones(2, 3).narrow(1, 2, 2)",
        RuntimeError,
        "start (2) + length (2) exceeds dimension size (3).",
    ),
    (
        "torch.ones(2, 3).chunk(0)",
        RuntimeError,
        "chunk expects `chunks` to be greater than 0, got: 0",
    ),
    (
        "torch.ones(2, 3).split([1, 1], 1)",
        RuntimeError,
        "split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at "
        "dimension 1), but got split_sizes=[1, 1]",
    ),
    (
        "torch.ones(2, 3).split(0)",
        RuntimeError,
        "split_size can only be 0 if dimension size is 0, but got dimension size of 2",
    ),
    (
        "torch.tensor(1.).unbind()",
        IndexError,
        "Dimension specified as 0 but tensor has no dimensions",
    ),
]


@pytest.mark.parametrize(("expr", "exc", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_messages(expr: str, exc: type[BaseException], message: str) -> None:
    with raises_like_torch(exc, message):
        eval(expr, {"torch": torch})  # test expressions above


def test_silent_cases() -> None:
    assert torch.ones(3).t().tolist() == [1.0, 1.0, 1.0]
    assert tuple(torch.ones(2, 3).squeeze(0).shape) == (2, 3)
    assert tuple(torch.ones(2, 3).transpose(0, 0).shape) == (2, 3)


def test_element_limit_is_checked_before_allocating() -> None:
    from engine.limits import LimitExceeded, limited

    a = torch.ones(10)
    with limited(max_elements=50):
        for fn in (
            lambda: a.repeat(10),
            lambda: a.expand(10, 10),
            lambda: torch.cat([a] * 6),
            lambda: torch.stack([a] * 6),
        ):
            with pytest.raises(LimitExceeded):
                fn()
