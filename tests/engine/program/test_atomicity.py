"""A program that fails changes nothing: names, values, grads, freed buffers, flags, RNG."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from engine import creation
from engine.errors import SECOND_BACKWARD, TorchError
from engine.grad_mode import is_grad_enabled
from engine.program import ProgramError, compile_source, run
from engine.tensor import Tensor


def session(text: str) -> dict[str, Tensor]:
    ns: dict[str, Tensor] = {}
    run(compile_source(text), ns)
    return ns


def fails(text: str, ns: dict[str, Tensor]) -> BaseException:
    with pytest.raises((TorchError, ProgramError)) as info:
        run(compile_source(text), ns)
    return info.value


def snapshot(ns: dict[str, Tensor]) -> dict[str, object]:
    """Everything observable about a namespace's tensors (values, grads, flags, graph)."""
    out: dict[str, object] = {}
    for name, t in ns.items():
        grad = t._grad
        node = t.grad_fn
        out[name] = (
            id(t),
            t._data.tolist(),
            None if grad is None else (id(grad), grad._data.tolist()),
            t.requires_grad,
            t.retains_grad,
            None if node is None else (id(node), node._freed),
        )
    return out


def test_failing_second_backward_keeps_no_partial_accumulation() -> None:
    # torch: `y = a + b*c; y.backward(); y.backward()` raises, yet a.grad became 2 (facts §2.5).
    ns = session(
        "a = torch.tensor(1., requires_grad=True)\nb = torch.tensor(2., requires_grad=True)\n"
        "c = torch.tensor(3., requires_grad=True)\ny = a + b * c\ny.backward()"
    )
    before = snapshot(ns)
    err = fails("y.backward()", ns)
    assert str(err) == SECOND_BACKWARD
    assert snapshot(ns) == before
    assert repr(ns["a"].grad) == "tensor(1.)"
    assert repr(ns["b"].grad) == "tensor(3.)"


def test_backward_that_succeeds_then_a_later_error_is_rolled_back_buffers_included() -> None:
    ns = session(
        "x = torch.tensor([1., 2.], requires_grad=True)\ny = (x * x).sum()\n"
        "q = x * 3\nq.retain_grad()"
    )
    before = snapshot(ns)
    err = fails("y.backward()\n(q * 1).sum().backward()\nz = y + 1\nboom", ns)
    assert err.line == 4  # type: ignore[attr-defined]
    assert snapshot(ns) == before
    assert ns["x"].grad is None
    assert ns["q"]._grad is None
    # The graph behind y was not freed: a backward through it still works.
    run(compile_source("y.backward()"), ns)
    assert repr(ns["x"].grad) == "tensor([2., 4.])"


def test_flags_grads_and_in_place_grad_zeroing_are_restored() -> None:
    ns = session(
        "w = torch.tensor([1., 2.], requires_grad=True)\n(w * 2).sum().backward()\n"
        "k = torch.tensor([5.])"
    )
    before = snapshot(ns)
    fails(
        "w.grad.zero_()\nk.requires_grad_()\nw.requires_grad = False\nw.grad = None\n"
        "n = torch.ones(3)\nn.grad_fn.name()",  # fails at run time: grad_fn is None
        ns,
    )
    assert snapshot(ns) == before
    assert repr(ns["w"].grad) == "tensor([2., 2.])"
    assert ns["w"].requires_grad and not ns["k"].requires_grad


def test_names_bound_deleted_or_rebound_by_a_failing_program_are_unchanged() -> None:
    ns = session("a = torch.ones(2)\nb = torch.zeros(2)")
    before = snapshot(ns)
    fails("c = a + b\ndel a\nb = 3\n1 / 0", ns)
    assert snapshot(ns) == before
    assert set(ns) == {"a", "b"}


def test_grad_mode_is_restored_after_success_and_failure() -> None:
    run(compile_source("torch.set_grad_enabled(False)"), {})
    assert is_grad_enabled()
    fails("with torch.no_grad():\n    y = 1 / 0", {})
    assert is_grad_enabled()


def test_rng_state_is_restored_when_a_program_fails() -> None:
    gen = np.random.default_rng(7)
    run(compile_source("torch.manual_seed(3)"), {}, generator=gen)
    expected = np.random.default_rng(0)
    expected.bit_generator.state = gen.bit_generator.state
    with pytest.raises(TorchError):
        run(
            compile_source("a = torch.rand(5)\ntorch.manual_seed(99)\nb = torch.rand(3)\n1/0"),
            {},
            generator=gen,
        )
    assert gen.bit_generator.state == expected.bit_generator.state
    ns: dict[str, Tensor] = {}
    run(compile_source("r = torch.rand(4)"), ns, generator=gen)
    assert ns["r"]._data.tolist() == expected.random(4).astype(np.float32).tolist()


def test_session_generator_is_only_installed_for_the_run() -> None:
    previous = creation._random.generator
    gen = np.random.default_rng(1)
    run(compile_source("torch.rand(2)"), {}, generator=gen)
    assert creation._random.generator is previous


def test_limit_exceeded_mid_program_is_atomic_too() -> None:
    ns = session("a = torch.tensor([1.], requires_grad=True)\ny = a * 2")
    before = snapshot(ns)
    fails("y.backward()\nz = torch.zeros(10**10)", ns)
    assert snapshot(ns) == before


def test_successful_program_replaces_the_namespace_with_its_tensor_names() -> None:
    ns = session("a = torch.ones(1)\nb = torch.ones(1)\nc = torch.ones(1)")
    kept = ns["a"]
    result = run(compile_source("b = 3\ndel c\nd = a * 2\nn = d.shape"), ns)
    assert set(ns) == {"a", "d"}
    assert ns["a"] is kept
    assert list(result.assigned) == ["d"]


def test_programs_in_threads_keep_their_own_warnings_and_rollbacks() -> None:
    results: dict[int, object] = {}

    def worker(i: int) -> None:
        ns = session("x = torch.tensor([1.], requires_grad=True)\ny = x * 2")
        text = "y.grad\n" * (i + 1) if i % 2 == 0 else "y.backward()\nboom"
        try:
            r = run(compile_source(text), ns)
            results[i] = [w.line for w in r.warnings]
        except TorchError:
            results[i] = ns["x"]._grad

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i in range(8):
        if i % 2 == 0:
            assert results[i] == list(range(1, i + 2))
        else:
            assert results[i] is None


def test_grad_data_zero_in_a_program_clears_the_grad_and_rolls_back_on_error() -> None:
    """The classic `w.grad.data.zero_()` clears the gradient (it shares the grad's memory); a
    program that fails afterwards leaves grad and data as they were."""
    ns = session(
        "w = torch.tensor([1., 2.], requires_grad=True)\n(w * 3).sum().backward()\n"
        "w.grad.data.zero_()"
    )
    assert ns["w"].grad.tolist() == [0.0, 0.0]
    run(compile_source("(w * 3).sum().backward()"), ns)
    before = snapshot(ns)
    fails("w.grad.data.zero_()\nw.data.zero_()\nundefined_name", ns)
    assert snapshot(ns) == before
    assert ns["w"].grad.tolist() == [3.0, 3.0] and ns["w"].tolist() == [1.0, 2.0]
