"""torch.autograd's rules for leaves, .grad, backward() and freed graphs (facts §1-§3, §11)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import engine as torch
from engine import autograd
from engine.errors import SECOND_BACKWARD

from .helpers import raises


def rg(value: object, **kw: object) -> torch.Tensor:
    return torch.tensor(value, requires_grad=True, **kw)


# ---- §1 leaves, requires_grad, .grad ------------------------------------------------------------


def test_factory_tensors_are_leaves() -> None:
    t = torch.tensor([1.0, 2.0])
    assert (t.requires_grad, t.is_leaf, t.grad_fn, t.grad) == (False, True, None, None)
    a = rg([1.0, 2.0])
    assert (a.requires_grad, a.is_leaf, a.grad_fn, a.grad) == (True, True, None, None)


def test_op_outputs_require_grad_iff_an_input_does() -> None:
    t = torch.tensor([1.0, 2.0])
    assert (t * 2).is_leaf and not (t * 2).requires_grad and (t * 2).grad_fn is None
    q = torch.ones(2, requires_grad=True) * 2
    assert not q.is_leaf and q.requires_grad
    d = q.detach()
    assert d.is_leaf and not d.requires_grad


def test_non_leaf_grad_read_warns_and_returns_none() -> None:
    q = rg([1.0, 2.0]) * 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert q.grad is None
    assert [str(w.message) for w in caught] == [autograd.NON_LEAF_GRAD_WARNING]
    assert caught[0].category is UserWarning
    assert autograd.NON_LEAF_GRAD_WARNING.startswith(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed."
    )
    q.retain_grad()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert q.grad is None


def test_retain_grad_accumulates_on_non_leaf() -> None:
    a = rg([1.0, 2.0])
    q = a * 2
    q.retain_grad()
    q.retain_grad()  # harmless twice
    q.sum().backward(retain_graph=True)
    assert repr(q.grad) == "tensor([1., 1.])"
    assert q.retains_grad is True
    q.sum().backward()
    assert repr(q.grad) == "tensor([2., 2.])"


def test_retain_grad_on_scalar_output_and_leaf() -> None:
    x = rg(2.0)
    y = x * 3
    y.retain_grad()
    y.backward()
    assert repr(y.grad) == "tensor(1.)"
    a = rg([1.0])
    a.retain_grad()
    assert a.retains_grad is False


def test_retain_grad_without_requires_grad() -> None:
    with raises(RuntimeError, "can't retain_grad on Tensor that has requires_grad=False"):
        torch.tensor([1.0]).retain_grad()


def test_backward_on_a_leaf() -> None:
    x = rg(2.0)
    x.backward()
    assert repr(x.grad) == "tensor(1.)"
    a = rg([1.0, 2.0])
    g = torch.tensor([1.0, 5.0])
    a.backward(g)
    assert repr(a.grad) == "tensor([1., 5.])"
    assert a.grad is not g


def test_requires_grad_flag_rules() -> None:
    t = torch.tensor([1.0])
    t.requires_grad_()
    assert t.requires_grad and t.is_leaf
    t.requires_grad = False
    assert not t.requires_grad
    q = rg([1.0]) * 2
    long_msg = (
        "you can only change requires_grad flags of leaf variables. If you want to use a computed "
        "variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
    )
    with raises(RuntimeError, long_msg):
        q.requires_grad_(False)
    with raises(RuntimeError, long_msg):
        q.requires_grad = False
    with raises(RuntimeError, "you can only change requires_grad flags of leaf variables."):
        q.requires_grad = True
    assert q.requires_grad_() is q and not q.is_leaf


def test_three_integer_requires_grad_messages() -> None:
    with raises(
        RuntimeError, "Only Tensors of floating point and complex dtype can require gradients"
    ):
        torch.tensor([1, 2], requires_grad=True)
    with raises(
        RuntimeError, "Only Tensors of floating point and complex dtype can require gradients"
    ):
        torch.ones(2, dtype=torch.int32, requires_grad=True)
    with raises(RuntimeError, "only Tensors of floating point dtype can require gradients"):
        torch.tensor([1, 2]).requires_grad_()
    t = torch.tensor([1, 2])
    with raises(
        RuntimeError, "only Tensors of floating point and complex dtype can require gradients"
    ):
        t.requires_grad = True
    h = torch.tensor([1.0], dtype=torch.float16, requires_grad=True)
    assert h.requires_grad


def test_grad_assignment_checks() -> None:
    a = rg([1.0, 2.0])
    with raises(
        RuntimeError,
        "attempting to assign a gradient of size '[3]' to a tensor of size '[2]'. Please ensure "
        "that the gradient and the tensor are the same size",
    ):
        a.grad = torch.tensor([1.0, 1.0, 1.0])
    with pytest.raises(RuntimeError) as info:
        a.grad = torch.tensor([1, 1])
    assert str(info.value).startswith(
        "attempting to assign a gradient with dtype 'long int' to a tensor with grad_dtype "
        "'Float'. The gradient must match the tensor's grad_dtype"
    )
    a.grad = torch.tensor([1.0, 1.0])
    a.sum().backward()
    assert repr(a.grad) == "tensor([2., 2.])"


# ---- §2 backward ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [[2.0], [[2.0]]])
def test_implicit_gradient_for_any_one_element_output(value: object) -> None:
    a = rg(value)
    (a * 2).backward()
    assert a.grad.shape == a.shape
    assert a.grad.tolist() == (torch.ones_like(a) * 2).tolist()


def test_implicit_gradient_refused_for_empty_and_vector() -> None:
    for v in ([], [1.0, 2.0]):
        with raises(RuntimeError, "grad can be implicitly created only for scalar outputs"):
            (rg(v) * 2).backward()


@pytest.mark.parametrize(
    ("value", "grad", "gshape", "oshape"),
    [
        ([1.0, 2.0], [1.0, 1.0, 1.0], "[3]", "[2]"),
        ([1.0, 2.0], [[1.0, 1.0]], "[1, 2]", "[2]"),
        ([1.0, 2.0], 1.0, "[]", "[2]"),
        (1.0, [3.0], "[1]", "[]"),
    ],
)
def test_gradient_shape_must_match_exactly(
    value: object, grad: object, gshape: str, oshape: str
) -> None:
    with raises(
        RuntimeError,
        f"Mismatch in shape: grad_output[0] has a shape of torch.Size({gshape}) and output[0] has "
        f"a shape of torch.Size({oshape}).",
    ):
        (rg(value) * 2).backward(torch.tensor(grad))


def test_scalar_gradient_scales_and_dtype_is_not_checked() -> None:
    x = rg(2.0)
    (x**2).backward(torch.tensor(3.0))
    assert repr(x.grad) == "tensor(12.)"
    a = rg([1.0, 2.0])
    (a * 2).backward(torch.tensor([1, 1]))
    assert repr(a.grad) == "tensor([2., 2.])"
    b = rg([1.0, 2.0])
    (b * 2).backward(torch.tensor([1.0, 1.0], dtype=torch.float64))
    assert b.grad.dtype == torch.float32


def test_gradient_requiring_grad_gives_plain_grad_and_nan_propagates() -> None:
    a = rg([1.0, 2.0])
    (a * 2).backward(rg([1.0, 1.0]))
    assert a.grad.requires_grad is False
    x = rg(2.0)
    (x * 2).backward(torch.tensor(float("nan")))
    assert repr(x.grad) == "tensor(nan)"


def test_non_tensor_gradients() -> None:
    a = rg([1.0, 2.0])
    with raises(TypeError, "gradients can be either Tensors or None, but got float"):
        (a * 2).backward([1.0, 1.0])
    with raises(TypeError, "'float' object is not iterable"):
        (a * 2).backward(2.0)


def test_backward_without_grad_requirement() -> None:
    t = torch.tensor(2.0)
    msg = "element 0 of tensors does not require grad and does not have a grad_fn"
    with raises(RuntimeError, msg):
        (t * 2).backward()
    with raises(RuntimeError, msg):
        t.backward(torch.tensor(1.0))
    x = rg(2.0)
    with raises(
        RuntimeError, "element 1 of tensors does not require grad and does not have a grad_fn"
    ):
        torch.autograd.backward([x * 2, t * 2])
    with torch.no_grad():
        y = x * 2
    with raises(RuntimeError, msg):
        y.backward()


def test_backward_inputs_argument() -> None:
    x, w = rg(2.0), rg(3.0)
    (x * w).backward(inputs=[x])
    assert repr(x.grad) == "tensor(3.)" and w.grad is None
    x2 = rg(2.0)
    h = x2 * x2
    (h * 3).backward(inputs=[h])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reading a non-leaf's .grad warns, as in torch
        assert repr(h.grad) == "tensor(3.)" and x2.grad is None
    with raises(RuntimeError, "`inputs` argument to `backward()` cannot be empty."):
        (x * w).backward(inputs=[])


# ---- §2.5 freed graphs ------------------------------------------------------------------------


def test_graphs_that_save_nothing_can_be_walked_again() -> None:
    x = rg(1.0)
    y = x + x + 2
    y.backward()
    y.backward()
    assert repr(x.grad) == "tensor(4.)"
    v = rg([1.0, 2.0])
    s = (-v).sum()
    for _ in range(3):
        s.backward()
    assert repr(v.grad) == "tensor([-3., -3.])"
    z = rg(1.0)
    r = (2 - z) + (z - 2) / 1 * 0 + z.mean()
    del r


@pytest.mark.parametrize(
    ("grads", "fails"),
    [((True, False, True), True), ((False, True, False), True), ((False, False, True), False)],
)
def test_linear_model_second_backward_depends_on_what_mul_saved(
    grads: tuple[bool, bool, bool], fails: bool
) -> None:
    m = torch.tensor(3.0, requires_grad=grads[0])
    x = torch.tensor(5.0, requires_grad=grads[1])
    c = torch.tensor(2.0, requires_grad=grads[2])
    y = m * x + c
    y.backward()
    if fails:
        with raises(RuntimeError, SECOND_BACKWARD):
            y.backward()
    else:
        y.backward()
        assert repr(c.grad) == "tensor(2.)"


def test_python_number_operands_save_or_not() -> None:
    x = rg(2.0)
    y = 3 * x + 2
    y.backward()
    with raises(RuntimeError, SECOND_BACKWARD):
        y.backward()
    for make in (lambda t: t * 3, lambda t: t / 2, lambda t: 2 / t, lambda t: t**2, lambda t: 2**t):
        z = rg(2.0)
        out = make(z)
        out.backward()
        with raises(RuntimeError, SECOND_BACKWARD):
            out.backward()
    for make in (lambda t: t + 3, lambda t: 3 + t, lambda t: t - 3, lambda t: 2 - t, lambda t: -t):
        z = rg(2.0)
        out = make(z)
        out.backward()
        out.backward()


def test_fresh_op_on_partly_freed_graph_fails() -> None:
    x = rg(2.0)
    y = x * x
    (y + 1).backward()
    with raises(RuntimeError, SECOND_BACKWARD):
        (y * 3).backward()


def test_grad_frees_too() -> None:
    x = rg(2.0)
    y = x * x
    torch.autograd.grad(y, x)
    with raises(RuntimeError, SECOND_BACKWARD):
        y.backward()


def test_freed_saved_tensor_access_raises() -> None:
    x = rg(2.0)
    y = x * x
    assert y.grad_fn.self is x
    y.backward()
    with raises(RuntimeError, SECOND_BACKWARD):
        y.grad_fn.self  # noqa: B018
    assert repr(y) == "tensor(4., grad_fn=<MulBackward0>)"


def test_failure_is_not_atomic_at_engine_level() -> None:
    a, b, c = rg(1.0), rg(2.0), rg(3.0)
    y = a + b * c
    y.backward()
    with raises(RuntimeError, SECOND_BACKWARD):
        y.backward()
    assert (repr(a.grad), repr(b.grad), repr(c.grad)) == ("tensor(2.)", "tensor(3.)", "tensor(2.)")
    a, b = rg(1.0), rg(2.0)
    y = b * b + a
    y.backward()
    with raises(RuntimeError, SECOND_BACKWARD):
        y.backward()
    assert (repr(a.grad), repr(b.grad)) == ("tensor(2.)", "tensor(4.)")
    a = rg(1.0)
    y = a.exp() + a
    y.backward()
    with raises(RuntimeError, SECOND_BACKWARD):
        y.backward()
    assert repr(a.grad) == "tensor(3.7183)"


def test_journal_transaction_makes_failure_atomic() -> None:
    from engine.journal import transaction

    a, b, c = rg(1.0), rg(2.0), rg(3.0)
    y = a + b * c
    y.backward(retain_graph=True)
    with pytest.raises(RuntimeError), transaction():
        y.backward()  # frees the graph
        y.backward()  # fails after accumulating into a
    assert (repr(a.grad), repr(b.grad), repr(c.grad)) == ("tensor(1.)", "tensor(3.)", "tensor(2.)")
    y.backward()  # the graph was restored, so it can be walked again
    assert repr(a.grad) == "tensor(2.)"


# ---- §2.6 retain_graph, accumulation, zeroing ---------------------------------------------------


def test_retain_graph_then_accumulation_then_failure() -> None:
    x = rg(2.0)
    y = x**3
    y.backward(retain_graph=True)
    assert repr(x.grad) == "tensor(12.)"
    g = x.grad
    y.backward()
    assert repr(x.grad) == "tensor(24.)"
    assert x.grad is g  # later backwards add into the same tensor object
    with raises(RuntimeError, SECOND_BACKWARD):
        y.backward()


def test_zeroing_and_resetting() -> None:
    x = rg(2.0)
    y = x**3
    y.backward(retain_graph=True)
    g = x.grad
    x.grad.zero_()
    assert x.grad is g and repr(g) == "tensor(0.)"
    y.backward(retain_graph=True)
    assert repr(x.grad) == "tensor(12.)"
    x.grad = None
    y.backward()
    assert repr(x.grad) == "tensor(12.)"


# ---- §3 accumulation, dtype and shape of .grad ------------------------------------------------


def test_accumulation_and_grad_dtype() -> None:
    x = rg([1.0, 2.0, 3.0])
    for _ in range(3):
        (x**2).sum().backward()
    assert repr(x.grad) == "tensor([ 6., 12., 18.])"
    d = rg([1.0, 2.0], dtype=torch.float64)
    (d * 2).sum().backward()
    assert repr(d.grad) == "tensor([2., 2.], dtype=torch.float64)"
    assert (d.grad.requires_grad, d.grad.grad_fn, d.grad.is_leaf) == (False, None, True)


def test_leaf_used_several_times() -> None:
    x = rg(3.0)
    (x * x + x).backward()
    assert repr(x.grad) == "tensor(7.)"
    x = rg(3.0)
    (x * x).backward()
    assert repr(x.grad) == "tensor(6.)"
    x = rg(1.0)
    torch.autograd.backward([x * 2, x * 3])
    assert repr(x.grad) == "tensor(5.)"


def test_mixed_dtypes_cast_each_grad_back() -> None:
    v = rg([1.0, 2.0])
    s = rg(3.0, dtype=torch.float64)
    y = v * s
    assert y.dtype == torch.float32
    y.sum().backward()
    assert repr(s.grad) == "tensor(3., dtype=torch.float64)"
    assert v.grad.dtype == torch.float32
    w = rg([1.0, 2.0], dtype=torch.float64)
    z = v * w
    assert z.dtype == torch.float64
    z.sum().backward()
    assert v.grad.dtype == torch.float32 and w.grad.dtype == torch.float64


def test_promotion_rules() -> None:
    i = torch.tensor([1, 2])
    f = rg([1.5, 2.5])
    assert (i * f).dtype == torch.float32
    assert (i * torch.tensor(2.0, dtype=torch.float64)).dtype == torch.float64
    assert (i * 2.5).dtype == torch.float32
    assert (i * 2).dtype == torch.int64
    assert (f * 2.5).dtype == torch.float32
    assert (torch.tensor([1.0], dtype=torch.float64) * 2.5).dtype == torch.float64
    h = torch.tensor([1.0], dtype=torch.float16)
    assert (h * 2.5).dtype == torch.float16
    assert (h * torch.tensor(2.0)).dtype == torch.float16
    assert (h * torch.tensor([2.0])).dtype == torch.float32
    i32 = torch.tensor([4, 3], dtype=torch.int32)
    assert (i32 / 2).dtype == torch.float32
    assert (i32 // 2).dtype == torch.int32
    assert (i32**2).dtype == torch.int32
    assert (i32**0.5).dtype == torch.float32
    assert (i > 1).dtype == torch.bool
    with raises(RuntimeError, "Integers to negative integer powers are not allowed."):
        torch.tensor([2, 3]) ** -1
    assert repr(torch.tensor([4, 0]) / torch.tensor([2, 0])) == "tensor([2., nan])"
    with raises(
        RuntimeError,
        "mean(): could not infer output dtype. Input dtype must be either a floating point or "
        "complex dtype. Got: Long",
    ):
        torch.tensor([1, 2]).mean()
    assert torch.tensor([1, 2], dtype=torch.int32).sum().dtype == torch.int64


# ---- §7 conversions and tensor() inference ---------------------------------------------------


def test_tensor_dtype_inference() -> None:
    assert torch.tensor(1.0).dtype == torch.float32
    assert torch.tensor([1, 2.0]).dtype == torch.float32
    assert torch.tensor([]).dtype == torch.float32
    assert torch.tensor([1, 2]).dtype == torch.int64
    assert torch.tensor(1).dtype == torch.int64
    assert torch.tensor(True).dtype == torch.bool
    assert torch.tensor(np.array([1.0, 2.0])).dtype == torch.float64
    with raises(ValueError, "expected sequence of length 2 at dim 1 (got 1)"):
        torch.tensor([[1.0, 2.0], [3.0]])
    with raises(TypeError, "new(): invalid data type 'str'"):
        torch.tensor("a")


def test_item_tolist_numpy() -> None:
    assert torch.tensor(0.1).item() == 0.10000000149011612
    assert torch.tensor(0.1, dtype=torch.float64).item() == 0.1
    x = rg([1.0, 2.0])
    assert x.tolist() == [1.0, 2.0]
    with raises(RuntimeError, "a Tensor with 2 elements cannot be converted to Scalar"):
        (x * 2).item()
    with raises(
        RuntimeError,
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
    ):
        x.numpy()


def test_identity_conversions_return_self() -> None:
    x = rg([1.0, 2.0])
    assert x.float() is x
    assert x.to(torch.float32) is x
    d = x.double()
    assert d.grad_fn.name() == "ToCopyBackward0"
    d.sum().backward()
    assert x.grad.dtype == torch.float32


# ---- §11 detach, no_grad --------------------------------------------------------------------


def test_detach_is_a_constant_in_the_graph() -> None:
    x = rg([1.0, 2.0])
    (x * x.detach()).sum().backward()
    assert repr(x.grad) == "tensor([1., 2.])"
    assert repr(x.data) == "tensor([1., 2.])"


def test_no_grad_results_and_modes() -> None:
    x = rg([1.0, 2.0])
    with torch.no_grad():
        y = x * 2
        f = torch.ones(2, requires_grad=True)
        assert not torch.is_grad_enabled()
        with torch.enable_grad():
            z = x * 2
    assert (y.requires_grad, y.is_leaf, y.grad_fn) == (False, True, None)
    assert f.requires_grad and z.requires_grad
    (x * y).sum().backward()
    assert repr(x.grad) == "tensor([2., 4.])"

    @torch.no_grad()
    def doubled(t: torch.Tensor) -> torch.Tensor:
        return t * 2

    assert not doubled(x).requires_grad
    with torch.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert torch.is_grad_enabled()


# ---- a long chain: no recursion anywhere --------------------------------------------------------


def test_hundred_thousand_node_chain() -> None:
    x = rg(1.0, dtype=torch.float64)
    y = x
    for _ in range(100_000):
        y = y * 1.0 + 0.0
    y.backward()
    assert x.grad.item() == 1.0
    with raises(RuntimeError, SECOND_BACKWARD):
        y.backward()
    del y  # freeing a 200k-node graph must not overflow the C stack


def test_float_of_a_grad_tensor_warns_once_item_never() -> None:
    import engine.tensor as tensor_module

    tensor_module._scalar_warned = False
    y = rg(2.0) * 3
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert y.item() == 6.0
        assert float(y) == 6.0
        assert float(y) == 6.0
    assert [str(w.message) for w in caught] == [
        "Converting a tensor with requires_grad=True to a scalar may lead to unexpected "
        "behavior.\nConsider using tensor.detach() first."
    ]


@pytest.mark.parametrize(
    ("make", "exc", "message"),
    [
        (lambda: torch.tensor([None, 1]), RuntimeError, "Could not infer dtype of NoneType"),
        (lambda: torch.tensor([1.5, None]), RuntimeError, "Could not infer dtype of NoneType"),
        (lambda: torch.tensor([1.5, "2"]), TypeError, "new(): invalid data type 'str'"),
        (
            lambda: torch.tensor([[1, 2], [3, None]]),
            RuntimeError,
            "Could not infer dtype of NoneType",
        ),
        (lambda: torch.tensor(2**63), ValueError, "Overflow when unpacking long long"),
        (lambda: torch.tensor([2**63]), ValueError, "Overflow when unpacking long long"),
        (lambda: torch.tensor([2**64]), ValueError, "Overflow when unpacking long long"),
        (
            lambda: torch.tensor([2**40], dtype=torch.int32),
            RuntimeError,
            "value cannot be converted to type int32 without overflow",
        ),
        (
            lambda: torch.tensor([2147483647.5], dtype=torch.int32),
            RuntimeError,
            "value cannot be converted to type int32 without overflow",
        ),
        (
            lambda: torch.tensor(300, dtype=torch.uint8),
            RuntimeError,
            "value cannot be converted to type uint8 without overflow",
        ),
        (
            lambda: torch.tensor([float("nan")], dtype=torch.int64),
            RuntimeError,
            "value cannot be converted to type int64 without overflow",
        ),
    ],
)
def test_tensor_refuses_values_as_torch_does(make: object, exc: type, message: str) -> None:
    with raises(exc, message):
        make()  # type: ignore[operator]


def test_tensor_conversions_torch_allows() -> None:
    assert repr(torch.tensor([-129], dtype=torch.uint8)) == "tensor([127], dtype=torch.uint8)"
    assert repr(torch.tensor([1.5], dtype=torch.int64)) == "tensor([1])"
    assert repr(torch.tensor([True, 2])) == "tensor([1, 2])"
    assert repr(torch.tensor([torch.tensor(1.0), torch.tensor(2.0)])) == "tensor([1., 2.])"


def test_the_compute_time_limit_holds_during_backward() -> None:
    """Array-form derivatives never pass through apply(), so the walk checks the deadline itself
    (a service request's backward must stop at its compute limit like its forward)."""
    from engine.limits import LimitExceeded, limited

    x = torch.randn(256, 256, requires_grad=True)
    y = x
    for _ in range(40):
        y = torch.relu(y.mm(x) * 0.05)
    loss = y.sum()
    with pytest.raises(LimitExceeded), limited(time_limit=1e-4):
        loss.backward()


def test_memoised_numbers_never_stand_in_for_other_values() -> None:
    """numpy scalars compare after casting the other side (np.float16(inf) == 314159.0) and
    Python hashes inf as 314159: such values must not share a memoised constant."""
    x = torch.tensor([1.0, 2.0])
    assert (x * np.float16("inf")).tolist() == [float("inf")] * 2
    assert (x * 314159.0).tolist() == [314159.0, 628318.0]
    assert (x * 314159).tolist() == [314159.0, 628318.0]
    assert (x * -0.0).tolist() == [-0.0, -0.0] and str((x * -0.0).tolist()[0]) == "-0.0"


def test_saved_tensor_attributes_name_themselves_when_missing() -> None:
    node = (torch.tensor([1.0], requires_grad=True) * 2.0).grad_fn
    with pytest.raises(
        AttributeError, match="'MulBackward0' object has no attribute '_saved_self'"
    ):
        getattr(node, "_saved_self")  # noqa: B009 (the attribute access is the test)
    with pytest.raises(AttributeError, match="'MulBackward0' object has no attribute 'self'"):
        getattr(node, "self")  # noqa: B009
    assert node._saved_other.item() == 2.0


def test_leaves_carry_numpys_own_dtype_objects() -> None:
    """An equal but distinct dtype (`<f4` from a buffer) must not reach node metadata."""
    from engine.creation import leaf

    little = np.dtype(np.float32).newbyteorder("<")  # equal to float32, another object
    raw = np.frombuffer(np.arange(3, dtype=np.float32).tobytes(), dtype=little)
    assert raw.dtype is not np.dtype(np.float32)
    for t in (leaf(raw.copy(), True), torch.tensor(raw, requires_grad=True)):
        assert t._data.dtype is np.dtype(np.float32)
        y = t * t
        assert all(m is np.dtype(np.float32) for m in y.grad_fn._meta[1::2])


def test_a_stored_grad_is_laid_out_like_its_leaf() -> None:
    """torch's AccumulateGrad keeps .grad strided like the leaf: a gradient that arrives as a
    broadcast view (from a sum) is stored contiguous, as torch reports it."""
    x = torch.ones(2, 3, requires_grad=True)
    y = torch.ones(2, 3, requires_grad=True)
    (x + y).sum().backward()
    assert x.grad.is_contiguous() and y.grad.is_contiguous()
    assert x.grad.tolist() == [[1.0] * 3] * 2


def test_zero_through_data_or_detach_zeroes_the_shared_memory() -> None:
    """`.data` and `detach()` share memory with their source, so zero_() on either side zeroes
    both, as in torch (measured): `w.grad.data.zero_()` clears the gradient."""
    x = torch.ones(3, requires_grad=True)
    x.data.zero_()
    assert x.tolist() == [0.0] * 3 and x.requires_grad and x.is_leaf
    w = torch.ones(2, requires_grad=True)
    (w * 3).sum().backward()
    w.grad.data.zero_()
    assert w.grad.tolist() == [0.0, 0.0]
    a = torch.ones(2)
    b = a.detach()
    a.zero_()
    assert b.tolist() == [0.0, 0.0]
    c = torch.ones(2)
    d = c * 1  # a new tensor, not an alias: untouched
    c.data.zero_()
    assert d.tolist() == [1.0, 1.0]
