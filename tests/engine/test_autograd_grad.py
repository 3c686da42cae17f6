"""torch.autograd.grad and create_graph / higher-order derivatives (facts §4, §5)."""

from __future__ import annotations

import warnings

import engine as torch
from engine import autograd
from engine.errors import SECOND_BACKWARD

from .gradcheck import gradcheck, gradgradcheck
from .helpers import raises


def rg(value: object, **kw: object) -> torch.Tensor:
    return torch.tensor(value, requires_grad=True, **kw)


UNUSED = (
    "The differentiated Tensor at index {} appears to not have been used in the graph. "
    "Set allow_unused=True if this is the desired behavior."
)


def test_grad_returns_tuple_and_leaves_dot_grad_alone() -> None:
    x = rg(2.0)
    result = torch.autograd.grad(x**3, x)
    assert isinstance(result, tuple) and repr(result) == "(tensor(12.),)"
    assert x.grad is None
    assert result[0].requires_grad is False


def test_grad_with_dict_inputs_and_dict_outputs() -> None:
    x = rg(2.0)
    assert repr(torch.autograd.grad(x * x, {"x": x})) == "{'x': tensor(4.)}"
    with raises(AssertionError, "Expected output to be a torch.Tensor"):
        torch.autograd.grad({"y": x * 2}, x)


def test_grad_of_non_leaf_inputs_and_identity() -> None:
    x = rg(2.0)
    h = x * x
    assert repr(torch.autograd.grad(h * 3, h)) == "(tensor(3.),)"
    assert repr(torch.autograd.grad(x, x)) == "(tensor(1.),)"


def test_several_outputs_are_summed_and_grad_outputs_counted() -> None:
    x = rg(1.0)
    assert repr(torch.autograd.grad([x * 2, x * 3], x)) == "(tensor(5.),)"
    assert (
        repr(torch.autograd.grad([x * 2, x * 3], x, grad_outputs=[None, None])) == "(tensor(5.),)"
    )
    with raises(RuntimeError, "got 2 tensors and 1 gradients"):
        torch.autograd.grad([x * 2, x * 3], x, grad_outputs=[torch.tensor(1.0)])
    extra = [torch.tensor(1.0), torch.tensor(1.0)]
    assert repr(torch.autograd.grad(x * 2, x, grad_outputs=extra)) == "(tensor(2.),)"


def test_grad_retain_graph_defaults_to_create_graph() -> None:
    x = rg(2.0)
    y = x**3
    torch.autograd.grad(y, x)
    with raises(RuntimeError, SECOND_BACKWARD):
        torch.autograd.grad(y, x)
    y = x**3
    assert repr(torch.autograd.grad(y, x, retain_graph=True)) == "(tensor(12.),)"
    assert repr(torch.autograd.grad(y, x)) == "(tensor(12.),)"


def test_unused_inputs() -> None:
    x, w = rg(2.0), rg([1.0, 2.0])
    y = x**3
    with raises(RuntimeError, UNUSED.format(1)):
        torch.autograd.grad(y, [x, w], retain_graph=True)
    assert repr(torch.autograd.grad(y, [x, w], allow_unused=True, retain_graph=True)) == (
        "(tensor(12.), None)"
    )
    result = torch.autograd.grad(y, [x, w], materialize_grads=True, retain_graph=True)
    assert repr(result) == "(tensor(12.), tensor([0., 0.]))"
    with raises(
        ValueError,
        "Expected allow_unused to be True or not passed when materialize_grads=True, but got: "
        "allow_unused=False.",
    ):
        torch.autograd.grad(y, [x, w], materialize_grads=True, allow_unused=False)
    d = rg(1.0)
    with raises(RuntimeError, UNUSED.format(0)):
        torch.autograd.grad(d.detach() * 2 + x, [d])


def test_grad_argument_errors() -> None:
    x = rg(2.0)
    t = torch.tensor(1.0)
    with raises(RuntimeError, "One of the differentiated Tensors does not require grad"):
        torch.autograd.grad(x * 2, [x, t], allow_unused=True)
    with raises(
        RuntimeError, "element 0 of tensors does not require grad and does not have a grad_fn"
    ):
        torch.autograd.grad(t * 2, x)
    with raises(RuntimeError, "`inputs` argument to `grad()` cannot be empty."):
        torch.autograd.grad(x * 2, [])
    with raises(RuntimeError, UNUSED.format(0)):
        torch.autograd.grad([], x)
    with raises(RuntimeError, "grad can be implicitly created only for scalar outputs"):
        torch.autograd.grad(rg([1.0, 2.0]) * 2, x)


# ---- §5 create_graph ----------------------------------------------------------------------------


def test_higher_derivatives_of_a_cube() -> None:
    x = rg(2.0)
    (g,) = torch.autograd.grad(x**3, x, create_graph=True)
    assert repr(g) == "tensor(12., grad_fn=<MulBackward0>)"
    (g2,) = torch.autograd.grad(g, x, create_graph=True)
    assert g2.item() == 12.0
    (g3,) = torch.autograd.grad(g2, x, create_graph=True)
    assert repr(g3) == "tensor(6., grad_fn=<MulBackward0>)"
    (g4,) = torch.autograd.grad(g3, x, allow_unused=True)
    assert g4 is None or g4.item() == 0.0


def test_without_create_graph_the_result_has_no_graph() -> None:
    x = rg(2.0)
    (g,) = torch.autograd.grad(x**3, x)
    with raises(
        RuntimeError, "element 0 of tensors does not require grad and does not have a grad_fn"
    ):
        torch.autograd.grad(g, x)


def test_linear_function_first_derivative_has_no_graph() -> None:
    x = rg(2.0)
    (g,) = torch.autograd.grad(3 * x, x, create_graph=True)
    assert repr(g) == "tensor(3.)" and g.requires_grad is False
    with raises(
        RuntimeError, "element 0 of tensors does not require grad and does not have a grad_fn"
    ):
        torch.autograd.grad(g, x)
    (g,) = torch.autograd.grad(x * x, x, create_graph=True)
    assert repr(g) == "tensor(4., grad_fn=<AddBackward0>)"
    assert repr(torch.autograd.grad(g, x)) == "(tensor(2.),)"


def test_hessian_vector_product() -> None:
    x = rg([1.0, 2.0, 3.0])
    f = (x**3).sum() + (x * torch.tensor([0.0, 1.0, 0.0])).sum() * (
        x * torch.tensor([1.0, 0.0, 0.0])
    ).sum()
    (g,) = torch.autograd.grad(f, x, create_graph=True)
    assert repr(g) == "tensor([ 5., 13., 27.], grad_fn=<AddBackward0>)"
    (hv,) = torch.autograd.grad(g, x, grad_outputs=torch.tensor([1.0, 0.0, 1.0]), retain_graph=True)
    assert repr(hv) == "tensor([ 6.,  1., 18.])"
    (hv2,) = torch.autograd.grad((g * torch.tensor([1.0, 0.0, 1.0])).sum(), x)
    assert hv2.tolist() == hv.tolist()


def test_create_graph_without_retain_graph_frees() -> None:
    x = rg(2.0)
    y = x**3
    torch.autograd.grad(y, x, create_graph=True, retain_graph=False)
    with raises(RuntimeError, SECOND_BACKWARD):
        y.backward()


def test_backward_with_create_graph() -> None:
    autograd._create_graph_warned = False
    x = rg(2.0)
    y = x**3
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        y.backward(create_graph=True)
        y.backward(create_graph=True)
    assert [str(w.message) for w in caught] == [autograd.CREATE_GRAPH_WARNING]
    assert repr(x.grad) == "tensor(24., grad_fn=<AddBackward0>)"
    x.grad = None
    y2 = x**3
    y2.backward(create_graph=True)
    g = x.grad
    assert repr(g) == "tensor(12., grad_fn=<CopyBackwards>)"
    assert (g.requires_grad, g.is_leaf) == (True, False)
    x.grad = None
    g.backward()
    assert repr(x.grad) == "tensor(12.)"


def test_gradcheck_of_tutorial_ops_first_and_second_order() -> None:
    a = rg([[0.5], [1.5], [2.0]], dtype=torch.float64)
    b = rg([[0.7, 1.1, 1.3, 0.9]], dtype=torch.float64)
    cases = [
        lambda p, q: p + q,
        lambda p, q: torch.add(p, q, alpha=2),
        lambda p, q: p - q,
        lambda p, q: 2 - p - q * 3,
        lambda p, q: p * q,
        lambda p, q: p / q,
        lambda p, q: 2 / p + q / 3,
        lambda p, q: -p * q,
        lambda p, q: p**3 + q**0.5 + p**-1,
        lambda p, q: p**q,
        lambda p, q: 2**p * 1.5**q,
        lambda p, q: (p * q).exp(),
        lambda p, q: (p * q).log(),
        lambda p, q: (p * q).sum(),
        lambda p, q: (p * q).sum(dim=-1, keepdim=True),
        lambda p, q: (p * q).sum(dim=(0, 1)),
        lambda p, q: (p * q).mean(),
        lambda p, q: (p * q).mean(dim=0),
        lambda p, q: (p * q).mean(dim=-2, keepdim=True),
        lambda p, q: (p * q).reshape(12).expand(2, 12),
    ]
    for fn in cases:
        gradcheck(fn, [a, b])
        gradgradcheck(fn, [a, b])


def test_grad_stops_at_non_leaf_inputs() -> None:
    x = rg(2.0)
    h = x * x
    y = h * 3
    (gh,) = torch.autograd.grad(y, h)
    assert repr(gh) == "tensor(3.)"
    # h's own node was neither executed nor freed: x can still be reached through it.
    (gx,) = torch.autograd.grad(h, x)
    assert repr(gx) == "tensor(4.)"
