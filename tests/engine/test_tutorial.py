"""The PyTorch autograd tutorial flows, end to end (facts §0)."""

from __future__ import annotations

import numpy as np
import pytest

import engine as torch
from engine.errors import SECOND_BACKWARD


def graph_names(node: object) -> list[object]:
    """torch's next_functions walk as nested [name, [children...]] (None for constants)."""
    if node is None:
        return [None]
    children = [graph_names(n) for n, _ in node.next_functions]  # type: ignore[attr-defined]
    name = node.name()  # type: ignore[attr-defined]
    return [name, children] if children else [name]


def test_linear_model_values_and_grads() -> None:
    m = torch.tensor(3.0, requires_grad=True)
    c = torch.tensor(2.0, requires_grad=True)
    x = torch.tensor(5.0)
    y = m * x + c
    assert repr(y) == "tensor(17., grad_fn=<AddBackward0>)"
    y.backward()
    assert repr(m.grad) == "tensor(5.)"
    assert repr(c.grad) == "tensor(1.)"
    assert x.grad is None


def test_linear_model_second_backward_fails_because_mul_saved_x() -> None:
    m = torch.tensor(3.0, requires_grad=True)
    c = torch.tensor(2.0, requires_grad=True)
    y = m * torch.tensor(5.0) + c
    y.backward()
    with pytest.raises(RuntimeError) as info:
        y.backward()
    assert str(info.value) == SECOND_BACKWARD
    assert type(info.value).__name__ == "RuntimeError"
    assert repr(m.grad) == "tensor(5.)"  # AccumulateGrad(m) waits behind the failing Mul


def test_q_values_graph_and_external_gradient() -> None:
    a = torch.tensor([2.0, 3.0], requires_grad=True)
    b = torch.tensor([6.0, 4.0], requires_grad=True)
    q = 3 * a**3 - b**2
    assert repr(q) == "tensor([-12.,  65.], grad_fn=<SubBackward0>)"
    assert graph_names(q.grad_fn) == [
        "SubBackward0",
        [
            ["MulBackward0", [["PowBackward0", [["torch::autograd::AccumulateGrad"]]], [None]]],
            ["PowBackward0", [["torch::autograd::AccumulateGrad"]]],
        ],
    ]
    with pytest.raises(
        RuntimeError, match=r"^grad can be implicitly created only for scalar outputs$"
    ):
        q.backward()
    q.backward(gradient=torch.tensor([1.0, 1.0]))
    assert repr(a.grad) == "tensor([36., 81.])"
    assert repr(b.grad) == "tensor([-12.,  -8.])"
    check = 9 * a**2 == a.grad
    assert check.dtype == torch.bool
    assert check.tolist() == [True, True]
    assert (-2 * b == b.grad).tolist() == [True, True]


def test_tutorial_dag_requires_grad() -> None:
    x, y = torch.rand(5, 5), torch.rand(5, 5)
    z = torch.rand(5, 5, requires_grad=True)
    assert (x + y).requires_grad is False
    assert (x + z).requires_grad is True


def test_accumulate_grad_name_and_shared_edges() -> None:
    x = torch.tensor(3.0, requires_grad=True)
    y = x * x
    (e1, _), (e2, _) = y.grad_fn.next_functions
    assert e1 is e2
    assert e1.name() == "torch::autograd::AccumulateGrad"
    assert repr(e1).startswith("<AccumulateGrad object at 0x")
    assert type(y.grad_fn).__name__ == y.grad_fn.name() == "MulBackward0"
    assert repr(y.grad_fn).startswith("<MulBackward0 object at 0x")


def test_shared_node_graph() -> None:
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = a + a
    c = b * b
    c.sum().backward()
    # dc/da = 2 * b * 2 = 8a
    np.testing.assert_array_equal(a.grad.numpy(), [8.0, 16.0])
