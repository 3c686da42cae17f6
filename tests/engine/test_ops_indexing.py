"""Indexing (`Tensor.__getitem__`), gather, index_select, masked_select: values, gradients (first
and second order), torch's graphs, which second backward fails, warnings and exact messages.

Expected names, shapes and messages were measured with torch 2.13.0 and are hard-coded here.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import engine as torch
from engine import Tensor
from engine.errors import SECOND_BACKWARD
from tests.engine.gradcheck import gradcheck, gradgradcheck
from tests.engine.helpers import graph, raises, raises_like_torch, rg

IDX = torch.tensor([0, 1])
M23 = torch.tensor([[True, False, True], [True, True, False]])
TB3 = torch.tensor([True, False, True])

# ---- gradients, first and second order -------------------------------------------------------------

GRAD_CASES: list[tuple[str, Callable[[Tensor], Tensor], tuple[int, ...]]] = [
    ("int", lambda a: a[1], (2, 3)),
    ("int_int", lambda a: a[1, -1], (2, 3)),
    ("slice_step", lambda a: a[:, ::2], (2, 3)),
    ("slice_neg", lambda a: a[-1:], (2, 3)),
    ("none", lambda a: a[:, None], (2, 3)),
    ("ellipsis", lambda a: a[..., 0], (2, 3, 2)),
    ("ellipsis_only", lambda a: a[...], (2, 3)),
    ("int_list", lambda a: a[[0, 2, 0]], (3, 2)),
    ("tensor", lambda a: a[torch.tensor([[1, 0], [1, 1]])], (3, 2)),
    ("mask", lambda a: a[a > 0], (2, 3)),
    ("mask_2d_then_int", lambda a: a[M23, 1], (2, 3, 4)),
    ("two_lists", lambda a: a[[0, 1], [2, 2]], (2, 3)),
    ("mixed_adjacent", lambda a: a[:, [0, 1], [1, 2]], (2, 3, 4)),
    ("mixed_split", lambda a: a[[0, 1], :, [1, 2]], (2, 3, 4)),
    ("mixed_select", lambda a: a[0, :, [1, 3, 1]], (2, 3, 4)),
    ("mixed_slice", lambda a: a[[1, 0], 1:], (2, 3)),
    ("bool_scalar", lambda a: a[True], (2, 3)),
    ("gather", lambda a: a.gather(1, torch.tensor([[0, 0], [2, 1]])), (2, 3)),
    ("gather_small_index", lambda a: a.gather(0, torch.tensor([[1, 1]])), (2, 3)),
    ("index_select", lambda a: a.index_select(1, torch.tensor([2, 0, 2])), (2, 3)),
    ("masked_select", lambda a: a.masked_select(TB3), (2, 3)),
    ("masked_select_broadcast", lambda a: a.masked_select(M23), (3,)),
    ("iter", lambda a: list(a)[1], (2, 3)),
]


@pytest.mark.parametrize(
    ("fn", "shape"), [c[1:] for c in GRAD_CASES], ids=[c[0] for c in GRAD_CASES]
)
def test_gradcheck(fn: Callable[[Tensor], Tensor], shape: tuple[int, ...]) -> None:
    gradcheck(fn, [rg(shape, torch.float64)])


@pytest.mark.parametrize(
    ("fn", "shape"), [c[1:] for c in GRAD_CASES], ids=[c[0] for c in GRAD_CASES]
)
def test_gradgradcheck(fn: Callable[[Tensor], Tensor], shape: tuple[int, ...]) -> None:
    gradgradcheck(lambda a: fn(a) ** 2, [rg(shape, torch.float64)])


def test_repeated_indices_accumulate() -> None:
    a = rg((3,))
    a[[0, 0, 2, 0]].backward(torch.tensor([1.0, 2.0, 3.0, 4.0]))
    assert a.grad.tolist() == [7.0, 0.0, 3.0]
    b = rg((2, 3))
    b.gather(1, torch.tensor([[1, 1], [0, 1]])).sum().backward()
    assert b.grad.tolist() == [[0.0, 2.0, 0.0], [1.0, 1.0, 0.0]]
    c = rg((3,))
    c.index_select(0, torch.tensor([2, 2, 2])).sum().backward()
    assert c.grad.tolist() == [0.0, 0.0, 3.0]


def test_masked_select_gradient_sums_over_broadcast() -> None:
    a = rg((3,))
    a.masked_select(M23).backward(torch.tensor([1.0, 2.0, 3.0, 4.0]))
    assert a.grad.tolist() == [4.0, 4.0, 2.0]


# ---- values and shapes: numpy semantics for mixed basic/advanced indexing ---------------------------

NP = np.arange(24.0).reshape(2, 3, 4)
VALUE_CASES: list[tuple[str, Any, tuple[int, ...]]] = [
    ("c[1]", NP[1], (3, 4)),
    ("c[-1, -2]", NP[-1, -2], (4,)),
    ("c[..., 1:3]", NP[..., 1:3], (2, 3, 2)),
    ("c[:, ::2, 1::2]", NP[:, ::2, 1::2], (2, 2, 2)),
    ("c[None, 1, ..., None]", NP[None, 1, ..., None], (1, 3, 4, 1)),
    ("c[:, [0, 1], [1, 2]]", NP[:, [0, 1], [1, 2]], (2, 2)),
    ("c[[0, 1], :, [1, 2]]", NP[[0, 1], :, [1, 2]], (2, 3)),
    ("c[[0, 1], 1, [1, 2]]", NP[[0, 1], 1, [1, 2]], (2,)),
    # torch selects first (numpy would treat the int as an advanced index and give (2, 3))
    ("c[0, :, [1, 2]]", NP[0][:, [1, 2]], (3, 2)),
    ("c[[0, 1], None, [0, 1]]", NP[[0, 1]][:, None][np.arange(2), :, [0, 1]], (2, 1, 4)),
    ("c[:, [0, 1], None]", NP[:, [0, 1]][:, :, None], (2, 2, 1, 4)),
    ("c[m, None, 0]", NP[..., 0][np.array([[1, 0, 1], [1, 1, 0]], bool)][:, None], (4, 1)),
    ("c[m, [0, 1, 0, 1]]", NP[np.array([[1, 0, 1], [1, 1, 0]], bool), [0, 1, 0, 1]], (4,)),
    ("c[[[0], [1]], :, [0, 1, 2]]", NP[[[0], [1]], :, [0, 1, 2]], (2, 3, 3)),
    ("c[:, tb3]", NP[:, [True, False, True]], (2, 2, 4)),
    ("c[True, idx]", NP[None][[0], [0, 1]], (2, 3, 4)),
    ("c[idx, ..., idx]", NP[[0, 1], ..., [0, 1]], (2, 3)),
    ("c[False]", NP[None][[]], (0, 2, 3, 4)),
    ("c[[]]", NP[[]], (0, 3, 4)),
    ("c[-10:10, 5:]", NP[-10:10, 5:], (2, 0, 4)),
    ("c[[-1, -2]]", NP[[-1, -2]], (2, 3, 4)),
    ("c[[1.0, 0.0]]", NP[[1, 0]], (2, 3, 4)),
    ("c[torch.tensor(1)]", NP[1], (3, 4)),
    ("c[np.int64(1), np.array([0, 2])]", NP[1, [0, 2]], (2, 4)),
]


@pytest.mark.parametrize(("expr", "want", "shape"), VALUE_CASES, ids=[v[0] for v in VALUE_CASES])
def test_values_follow_numpy_semantics(expr: str, want: Any, shape: tuple[int, ...]) -> None:
    ns = {"torch": torch, "np": np, "c": torch.tensor(NP.tolist()), "m": M23, "tb3": TB3}
    ns["idx"] = IDX
    out = eval(expr, ns)  # test expressions above
    assert tuple(out.shape) == shape
    np.testing.assert_array_equal(out.numpy(), np.asarray(want, dtype=np.float32))


def test_gather_index_select_masked_select_values() -> None:
    b = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert b.gather(1, torch.tensor([[2, 0], [1, 1]])).tolist() == [[3.0, 1.0], [5.0, 5.0]]
    assert torch.gather(b, 0, torch.tensor([[1, 0, 1]])).tolist() == [[4.0, 2.0, 6.0]]
    assert b.index_select(1, torch.tensor([2, 2])).tolist() == [[3.0, 3.0], [6.0, 6.0]]
    assert b.index_select(0, torch.tensor(1)).tolist() == [[4.0, 5.0, 6.0]]
    assert b.masked_select(b > 3).tolist() == [4.0, 5.0, 6.0]
    assert b.masked_select(TB3).tolist() == [1.0, 3.0, 4.0, 6.0]
    z = torch.tensor(2.0)
    assert z.gather(0, torch.tensor([0, 0])).tolist() == [2.0, 2.0]
    assert torch.tensor([1.0, 2.0]).gather(0, torch.tensor(1)).item() == 2.0


# ---- grad_fn names and graphs ---------------------------------------------------------------------

# expr over a 2x3 leaf `a` and 2x3x4 leaf `c`; graph from the root, AccumulateGrad omitted.
GRAPHS: list[tuple[str, list[str]]] = [
    ("a[0]", ["SelectBackward0"]),
    ("a[..., 0]", ["SelectBackward0"]),
    ("a[0, 1]", ["SelectBackward0", "SelectBackward0"]),
    ("a[0][1]", ["SelectBackward0", "SelectBackward0"]),
    ("a[-1]", ["SelectBackward0"]),
    ("a[1:]", ["SliceBackward0"]),
    ("a[::2]", ["SliceBackward0"]),
    ("a[:]", ["SliceBackward0"]),  # a lone slice is never skipped
    ("a[0:2]", ["SliceBackward0"]),
    ("a[:, None]", ["UnsqueezeBackward0"]),
    ("a[None]", ["UnsqueezeBackward0"]),
    ("a[None, None]", ["UnsqueezeBackward0", "UnsqueezeBackward0"]),
    ("a[...]", ["AliasBackward0"]),
    ("a[()]", ["AliasBackward0"]),
    ("a[:, :]", ["AliasBackward0"]),  # full slices inside a tuple are skipped
    ("a[:, 0:3]", ["AliasBackward0"]),
    ("a[0:2, 0]", ["SelectBackward0"]),
    ("a[:, 1:2]", ["SliceBackward0"]),
    ("a[None, 0]", ["SelectBackward0", "UnsqueezeBackward0"]),
    ("a[1, ..., None]", ["UnsqueezeBackward0", "SelectBackward0"]),
    ("a[0:3:2, 1]", ["SelectBackward0", "SliceBackward0"]),
    ("a[[0, 1]]", ["IndexBackward0"]),
    ("a[torch.tensor([0, 1])]", ["IndexBackward0"]),
    ("a[a > 1]", ["IndexBackward0"]),
    ("a[torch.tensor(1)]", ["SelectBackward0"]),
    ("a[True]", ["IndexBackward0", "UnsqueezeBackward0"]),
    ("a[[0, 1], 1:]", ["IndexBackward0", "SliceBackward0"]),
    ("a[(0, 1), 1]", ["IndexBackward0", "SelectBackward0"]),
    ("c[0, :, [1, 2]]", ["IndexBackward0", "SelectBackward0"]),
    ("c[m][0]", ["SelectBackward0", "IndexBackward0"]),
    ("c[m, None, 0]", ["IndexBackward0", "SelectBackward0", "UnsqueezeBackward0"]),
    ("a.gather(0, torch.tensor([[0, 1, 1]]))", ["GatherBackward0"]),
    ("a.index_select(0, torch.tensor([1, 0]))", ["IndexSelectBackward0"]),
    ("a.masked_select(a > 0)", ["MaskedSelectBackward0"]),
    ("list(a)[0]", ["UnbindBackward0"]),
]
SAVES_INDICES = (
    "IndexBackward0",
    "GatherBackward0",
    "IndexSelectBackward0",
    "MaskedSelectBackward0",
)


def _eval(expr: str) -> tuple[Tensor, Tensor]:
    a, c = rg((2, 3)), rg((2, 3, 4), seed=1)
    out = eval(expr, {"torch": torch, "a": a, "c": c, "m": M23})  # test expressions above
    return out, c if expr.startswith("c") else a


@pytest.mark.parametrize(("expr", "expected"), GRAPHS, ids=[g[0] for g in GRAPHS])
def test_graph_names(expr: str, expected: list[str]) -> None:
    out, _ = _eval(expr)
    assert out.grad_fn.name() == expected[0] == type(out.grad_fn).__name__
    assert graph(out) == expected


@pytest.mark.parametrize(("expr", "expected"), GRAPHS, ids=[g[0] for g in GRAPHS])
def test_second_backward(expr: str, expected: list[str]) -> None:
    """Basic indexing saves nothing (re-runs accumulate); advanced indexing saves its indices."""
    out, leaf = _eval(expr)
    up = torch.ones_like(out)
    out.backward(up)
    first = leaf.grad.numpy().copy()
    if any(name in SAVES_INDICES for name in expected):
        with raises(RuntimeError, SECOND_BACKWARD):
            out.backward(up)
        np.testing.assert_array_equal(leaf.grad.numpy(), first)
    else:
        out.backward(up)
        out.backward(up)
        np.testing.assert_array_equal(leaf.grad.numpy(), 3 * first)


def test_retain_graph_allows_second_backward_through_index() -> None:
    a = rg((3,))
    out = a[[0, 0]]
    out.sum().backward(retain_graph=True)
    out.sum().backward()
    assert a.grad.tolist() == [4.0, 0.0, 0.0]


def test_contiguity_of_indexing_results() -> None:
    a = rg((2, 3))
    assert not a[:, 1:2].is_contiguous() and a[::2].is_contiguous()
    assert not a[:, 0].is_contiguous()
    assert a.t()[[0, 1]].is_contiguous() and a.t()[:, [0, 1]].is_contiguous()
    assert a.t().gather(0, torch.tensor([[0, 1]])).is_contiguous()
    assert a.t().index_select(1, torch.tensor([0, 1])).is_contiguous()


def test_indexing_without_grad_records_nothing() -> None:
    t = torch.arange(6.0).reshape(2, 3)
    for out in (t[0], t[[0, 1]], t[t > 2], t.gather(1, torch.tensor([[0], [1]]))):
        assert out.grad_fn is None and not out.requires_grad


def test_iteration_unbinds() -> None:
    a = rg((2, 3))
    rows = list(a)
    assert len(rows) == 2 and [r.grad_fn.name() for r in rows] == ["UnbindBackward0"] * 2
    with raises(TypeError, "iteration over a 0-d tensor"):
        iter(torch.tensor(1.0))


# ---- warnings ---------------------------------------------------------------------------------------

NON_TUPLE = (
    "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed "
    "in pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be "
    "interpreted as tensor index, x[torch.tensor(seq)], which will result either in an error or "
    "a different result"
)


def _caught(fn: Callable[[], Any]) -> tuple[Any, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn()
    return out, [str(w.message) for w in caught if w.category is UserWarning]


def test_non_tuple_sequence_warns_and_is_a_tuple() -> None:
    a = rg((2, 3))
    out, caught = _caught(lambda: a[[0, slice(None)]])
    assert caught == [NON_TUPLE] and tuple(out.shape) == (3,)
    out, caught = _caught(lambda: a[[[0, 1]]])
    assert caught == [NON_TUPLE] and tuple(out.shape) == (2, 3)
    out, caught = _caught(lambda: a[[0, 1]])
    assert caught == [] and out.grad_fn.name() == "IndexBackward0"


def test_uint8_index_is_a_deprecated_mask() -> None:
    a = rg((2, 3))
    out, caught = _caught(lambda: a[torch.tensor([1, 0], dtype=torch.uint8)])
    assert caught == [
        "indexing with dtype torch.uint8 is now deprecated, please use a dtype torch.bool instead."
    ]
    assert tuple(out.shape) == (1, 3)


# ---- torch's messages -------------------------------------------------------------------------------

ERRORS: list[tuple[str, type[BaseException], str]] = [
    ("torch.ones(3)[5]", IndexError, "index 5 is out of bounds for dimension 0 with size 3"),
    ("torch.ones(3)[-4]", IndexError, "index -4 is out of bounds for dimension 0 with size 3"),
    ("b[0, 3]", IndexError, "index 3 is out of bounds for dimension 1 with size 3"),
    ("b[:, 5]", IndexError, "index 5 is out of bounds for dimension 1 with size 3"),
    ("torch.ones(0, 3)[0]", IndexError, "index 0 is out of bounds for dimension 0 with size 0"),
    ("b[[0, 5]]", IndexError, "index 5 is out of bounds for dimension 0 with size 2"),
    ("b[:, [0, 5]]", IndexError, "index 5 is out of bounds for dimension 0 with size 3"),
    ("c[[0, 1], [0, 5]]", IndexError, "index 5 is out of bounds for dimension 1 with size 3"),
    ("c[:, [1], [0, 7]]", IndexError, "index 7 is out of bounds for dimension 1 with size 4"),
    ("b[[0, 0], [-1, -4]]", IndexError, "index -4 is out of bounds for dimension 1 with size 3"),
    ("torch.ones(0, 3)[[0]]", IndexError, "index is out of bounds for dimension with size 0"),
    (
        "z[0]",
        IndexError,
        "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in "
        "C++ to convert a 0-dim tensor to a number",
    ),
    ("z[:]", IndexError, "slice() cannot be applied to a 0-dim tensor."),
    ("z[None, 0]", IndexError, "too many indices for tensor of dimension 0"),
    ("z[torch.tensor(0)]", IndexError, "too many indices for tensor of dimension 0"),
    ("b[0, 1, 2]", IndexError, "too many indices for tensor of dimension 2"),
    ("b[m, 0]", IndexError, "too many indices for tensor of dimension 2"),
    ("b[::-1]", ValueError, "step must be greater than zero"),
    ("b[::0]", ValueError, "slice step cannot be zero"),
    (
        "b[1.5]",
        IndexError,
        "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
        "valid indices (got float)",
    ),
    (
        "b[{0: 1}]",
        IndexError,
        "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
        "valid indices (got dict)",
    ),
    ("b['a']", TypeError, "new(): invalid data type 'str'"),
    (
        "b[torch.tensor([1.0, 0.0])]",
        IndexError,
        "tensors used as indices must be long, int, byte or bool tensors",
    ),
    (
        "b[tb3]",
        IndexError,
        "The shape of the mask [3] at index 0 does not match the shape of the indexed tensor "
        "[2, 3] at index 0",
    ),
    (
        "b[torch.tensor([True, False]), torch.tensor([True, False])]",
        IndexError,
        "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor "
        "[2, 3] at index 1",
    ),
    (
        "b[[0, 1], [0, 1, 2]]",
        IndexError,
        "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]",
    ),
    (
        "b.gather(1, torch.tensor([[0], [3]]))",
        RuntimeError,
        "index 3 is out of bounds for dimension 1 with size 3",
    ),
    (
        "b.gather(1, torch.tensor([[-1], [2]]))",
        RuntimeError,
        "index -1 is out of bounds for dimension 1 with size 3",
    ),
    (
        "b.gather(1, torch.tensor([0, 1]))",
        RuntimeError,
        "Index tensor must have the same number of dimensions as input tensor",
    ),
    (
        "b.gather(0, torch.tensor([[0, 1, 1, 1]]))",
        RuntimeError,
        "Size does not match at dimension 1 expected index [1, 4] to be no larger than self "
        "[2, 3] apart from dimension 0",
    ),
    (
        "b.gather(1, torch.tensor([[0.0]]))",
        RuntimeError,
        "gather(): Expected dtype int32/int64 for index",
    ),
    (
        "b.gather(2, torch.tensor([[0]]))",
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    ),
    (
        "b.index_select(1, torch.tensor([3]))",
        RuntimeError,
        "INDICES element is out of DATA bounds, id=3 axis_dim=3",
    ),
    (
        "b.index_select(1, torch.tensor([-1]))",
        RuntimeError,
        "INDICES element is out of DATA bounds, id=-1 axis_dim=3",
    ),
    (
        "b.index_select(0, torch.tensor([[0]]))",
        IndexError,
        "index_select(): Index is supposed to be a vector",
    ),
    (
        "b.index_select(0, torch.tensor([1.0]))",
        RuntimeError,
        "index_select(): Expected dtype int32 or int64 for index",
    ),
    (
        "z.index_select(0, torch.tensor([0, 0]))",
        RuntimeError,
        "index_select(): Index to scalar can have only 1 value, got 2 value(s)",
    ),
    ("z.index_select(0, torch.tensor([1]))", IndexError, "index out of range in self"),
    (
        "b.index_select(0, [0])",
        TypeError,
        "index_select(): argument 'index' (position 2) must be Tensor, not list",
    ),
    (
        "b.masked_select(torch.tensor([1, 0, 1]))",
        RuntimeError,
        "masked_select: expected BoolTensor for mask",
    ),
    (
        "b.masked_select(torch.tensor([True, False]))",
        RuntimeError,
        "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1",
    ),
]


@pytest.mark.parametrize(("expr", "exc", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_messages(expr: str, exc: type[BaseException], message: str) -> None:
    ns = {"torch": torch, "b": rg((2, 3)), "c": rg((2, 3, 4)), "z": rg(()), "m": M23, "tb3": TB3}
    with raises_like_torch(exc, message):
        eval(expr, ns)  # test expressions above


def test_element_limit_on_advanced_indexing() -> None:
    from engine.limits import LimitExceeded, limited

    a = torch.ones(10, 10)
    idx = torch.zeros(10, dtype=torch.int64)
    with limited(max_elements=50), pytest.raises(LimitExceeded):
        a[idx[:, None], idx[None, :]]
