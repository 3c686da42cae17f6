"""The autograd tutorial cells, pasted as programs: exact stdout and display (facts §0)."""

from __future__ import annotations

import engine as torch
from engine.errors import SECOND_BACKWARD
from engine.program import (
    Limits,
    ProgramError,
    RunResult,
    compile_nodes,
    compile_source,
    run,
)
from engine.tensor import Tensor


def run_source(
    text: str, namespace: dict[str, Tensor] | None = None
) -> tuple[RunResult, dict[str, Tensor]]:
    ns = {} if namespace is None else namespace
    return run(compile_source(text, Limits()), ns, Limits()), ns


def test_linear_model_cell_prints_what_torch_prints() -> None:
    result, ns = run_source(
        "import torch\n"
        "x = torch.tensor(5.)\n"
        "m = torch.tensor(3., requires_grad=True)\n"
        "c = torch.tensor(2., requires_grad=True)\n"
        "x, m, c\n"
    )
    assert result.display == (
        "(tensor(5.), tensor(3., requires_grad=True), tensor(2., requires_grad=True))"
    )
    assert result.stdout == ""
    assert list(result.assigned) == ["x", "m", "c"]
    result, ns = run_source(
        "y = m * x + c\nprint(y)\ny.backward()\nprint('dy/dm:', m.grad)\nprint('dy/dc:', c.grad)\n"
        "x.grad",
        ns,
    )
    assert result.stdout == (
        "tensor(17., grad_fn=<AddBackward0>)\ndy/dm: tensor(5.)\ndy/dc: tensor(1.)\n"
    )
    assert result.display is None  # x.grad is None: a notebook shows nothing
    assert repr(ns["y"]) == "tensor(17., grad_fn=<AddBackward0>)"


def test_q_cell_with_external_gradient() -> None:
    result, _ = run_source(
        "import torch\n"
        "a = torch.tensor([2., 3.], requires_grad=True)\n"
        "b = torch.tensor([6., 4.], requires_grad=True)\n"
        "Q = 3*a**3 - b**2\n"
        "print(Q)\n"
        "external_grad = torch.tensor([1., 1.])\n"
        "Q.backward(gradient=external_grad)\n"
        "print(9*a**2 == a.grad)\n"
        "print(-2*b == b.grad)\n"
        "a.grad, b.grad\n"
    )
    assert result.stdout == (
        "tensor([-12.,  65.], grad_fn=<SubBackward0>)\ntensor([True, True])\ntensor([True, True])\n"
    )
    assert result.display == "(tensor([36., 81.]), tensor([-12.,  -8.]))"


def test_second_backward_is_torchs_error_with_location_and_changes_nothing() -> None:
    _, ns = run_source(
        "m = torch.tensor(3., requires_grad=True)\nx = torch.tensor(5.)\n"
        "c = torch.tensor(2., requires_grad=True)\ny = m * x + c\ny.backward()"
    )
    program = compile_source("z = c * 2\ny.backward()", Limits())
    try:
        run(program, ns, Limits())
    except RuntimeError as e:
        assert type(e).__name__ == "RuntimeError"
        assert str(e) == SECOND_BACKWARD
        assert (e.line, e.column) == (2, 0)  # type: ignore[attr-defined]
    else:  # pragma: no cover
        raise AssertionError("expected the second-backward error")
    assert "z" not in ns
    assert repr(ns["m"].grad) == "tensor(5.)"


def test_nodes_form_runs_the_api_example() -> None:
    ns = {
        "a": torch.tensor([2.0, 3.0], requires_grad=True),
        "b": torch.tensor([6.0, 4.0], requires_grad=True),
    }
    nodes = [
        {"id": "a3", "op": "pow", "inputs": ["a", 3]},
        {"id": "t", "op": "mul", "inputs": [3, "a3"]},
        {"id": "b2", "op": "pow", "inputs": ["b", 2]},
        {"id": "Q", "op": "sub", "inputs": ["t", "b2"]},
        {"id": "s", "op": "sum", "inputs": ["Q"], "dim": [0], "keepdim": False},
    ]
    result = run(compile_nodes(nodes, Limits()), ns, Limits())
    assert list(result.assigned) == ["a3", "t", "b2", "Q", "s"]
    assert repr(ns["Q"]) == "tensor([-12.,  65.], grad_fn=<SubBackward0>)"
    assert repr(ns["s"]) == "tensor(53., grad_fn=<SumBackward1>)"


def test_unknown_op_carries_a_pointer() -> None:
    try:
        compile_nodes([{"id": "y", "op": "frobnicate", "inputs": []}], Limits())
    except ProgramError as e:
        assert e.pointer == "/nodes/0/op"
        assert e.message == "unknown op 'frobnicate'"
    else:  # pragma: no cover
        raise AssertionError("expected ProgramError")
