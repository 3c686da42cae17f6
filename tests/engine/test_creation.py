"""Factory functions and dtype conversion: torch's values, dtypes and reprs (measured from
torch 2.13.0), reproducible seeded random numbers, and the element limit checked first."""

from __future__ import annotations

import pytest

import engine as torch
from engine.limits import TooLarge, limited


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("torch.zeros(2, 3)", "tensor([[0., 0., 0.],\n        [0., 0., 0.]])"),
        ("torch.zeros((2,), dtype=torch.float64)", "tensor([0., 0.], dtype=torch.float64)"),
        ("torch.ones([2, 2], dtype=torch.int64)", "tensor([[1, 1],\n        [1, 1]])"),
        ("torch.ones(3, requires_grad=True)", "tensor([1., 1., 1.], requires_grad=True)"),
        ("torch.full((2, 2), 7)", "tensor([[7, 7],\n        [7, 7]])"),
        ("torch.full((2,), 1.5)", "tensor([1.5000, 1.5000])"),
        ("torch.full((2,), True)", "tensor([True, True])"),
        ("torch.arange(5)", "tensor([0, 1, 2, 3, 4])"),
        ("torch.arange(1, 4, 0.5)", "tensor([1.0000, 1.5000, 2.0000, 2.5000, 3.0000, 3.5000])"),
        ("torch.arange(0., 1., 0.25)", "tensor([0.0000, 0.2500, 0.5000, 0.7500])"),
        ("torch.arange(10, 0, -3)", "tensor([10,  7,  4,  1])"),
        ("torch.linspace(0, 1, 5)", "tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])"),
        (
            "torch.linspace(-1, 1, 3, dtype=torch.float64)",
            "tensor([-1.,  0.,  1.], dtype=torch.float64)",
        ),
        ("torch.eye(3)", "tensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]])"),
        ("torch.eye(2, 3, dtype=torch.int64)", "tensor([[1, 0, 0],\n        [0, 1, 0]])"),
        ("torch.zeros_like(torch.tensor([[1, 2]]))", "tensor([[0, 0]])"),
        (
            "torch.ones_like(torch.tensor([1., 2.]), dtype=torch.float64)",
            "tensor([1., 1.], dtype=torch.float64)",
        ),
        ("torch.tensor([1.5, 2.5]).double()", "tensor([1.5000, 2.5000], dtype=torch.float64)"),
        ("torch.tensor([1.5, -2.5]).long()", "tensor([ 1, -2])"),
        ("torch.tensor([1, 2]).float()", "tensor([1., 2.])"),
        ("torch.tensor([0, 2]).bool()", "tensor([False,  True])"),
        ("torch.tensor([1.5]).to(torch.float16)", "tensor([1.5000], dtype=torch.float16)"),
        (
            "torch.tensor([1.5], requires_grad=True).to(torch.float64)",
            "tensor([1.5000], dtype=torch.float64, grad_fn=<ToCopyBackward0>)",
        ),
        (
            "torch.tensor([[1, 2], [3, 4]]).to(torch.int32)",
            "tensor([[1, 2],\n        [3, 4]], dtype=torch.int32)",
        ),
    ],
)
def test_factories_and_conversions_print_as_torch(expr: str, expected: str) -> None:
    # expressions and reprs recorded from torch 2.13.0; evaluated here with the engine as torch
    assert repr(eval(expr, {"torch": torch})) == expected


def test_manual_seed_makes_rand_and_randn_reproducible() -> None:
    torch.manual_seed(7)
    a, b = torch.rand(3), torch.randn(2, 2, dtype=torch.float64)
    torch.manual_seed(7)
    assert torch.rand(3).tolist() == a.tolist()
    assert torch.randn(2, 2, dtype=torch.float64).tolist() == b.tolist()
    assert (a.dtype, b.dtype, tuple(b.shape)) == (torch.float32, torch.float64, (2, 2))
    assert all(0.0 <= v < 1.0 for v in a.tolist())
    torch.manual_seed(8)
    assert torch.rand(3).tolist() != a.tolist()


def test_factory_sizes_are_checked_before_allocating() -> None:
    with limited(max_elements=1000), pytest.raises(TooLarge):
        torch.zeros(10**10)
    with limited(max_elements=1000), pytest.raises(TooLarge):
        torch.arange(10**12)
    with pytest.raises(RuntimeError, match=r"^Trying to create tensor with negative dimension -1"):
        torch.ones(2, -1)


def test_leaf_wraps_a_fresh_array_without_copying_and_keeps_tensors_checks() -> None:
    import numpy as np

    from engine import errors
    from engine.creation import leaf

    arr = np.arange(6, dtype=np.float32)
    t = leaf(arr, requires_grad=True)
    assert t._data is arr and t.is_leaf and t.requires_grad
    frozen = np.frombuffer(np.arange(3, dtype=np.float32).tobytes(), dtype=np.float32)
    y = (leaf(frozen, requires_grad=True) * 2).sum()  # read-only memory: never written
    y.backward()
    with pytest.raises(errors.RuntimeError) as exc:
        leaf(np.arange(3), requires_grad=True)
    assert (
        str(exc.value) == "Only Tensors of floating point and complex dtype can require gradients"
    )
    with pytest.raises(TooLarge), limited(max_elements=4):
        leaf(arr)
