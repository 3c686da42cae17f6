"""The autograd tutorial cells, pasted as programs: exact stdout and display (facts §0)."""

from __future__ import annotations

import pytest

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


def test_autograd_grad_returns_a_tuple_and_leaves_grad_alone() -> None:
    result, ns = run_source(
        "x = torch.tensor(2., requires_grad=True)\n"
        "y = x ** 3\n"
        "g = torch.autograd.grad(y, x, create_graph=True)\n"
        "print(g)\n"
        "(g2,) = torch.autograd.grad(g[0], x)\n"
        "print(x.grad)\n"
        "g2"
    )
    assert result.stdout == "(tensor(12., grad_fn=<MulBackward0>),)\nNone\n"
    assert result.display == "tensor(12.)"
    assert set(ns) == {"x", "y", "g2"}  # `g` is a tuple: it lives only during the run


def test_no_grad_block_and_grad_mode_after_it() -> None:
    result, _ = run_source(
        "x = torch.tensor([1., 2.], requires_grad=True)\n"
        "with torch.no_grad():\n"
        "    y = x * 2\n"
        "    print(y.requires_grad, y.is_leaf, y.grad_fn)\n"
        "z = x * 2\n"
        "print(z.requires_grad)\n"
        "y, z"
    )
    assert result.stdout == "False True None\nTrue\n"
    assert result.display == "(tensor([2., 4.]), tensor([2., 4.], grad_fn=<MulBackward0>))"


def test_cross_entropy_cell() -> None:
    result, _ = run_source(
        "import torch\nimport torch.nn.functional as F\n"
        "logits = torch.tensor([[1., 2., 3.], [1., 1., 1.]], requires_grad=True)\n"
        "target = torch.tensor([2, 0])\n"
        "loss = F.cross_entropy(logits, target)\n"
        "print(loss)\n"
        "loss.backward()\n"
        "logits.grad"
    )
    assert result.stdout == "tensor(0.7531, grad_fn=<NllLossBackward0>)\n"
    assert result.display == (
        "tensor([[ 0.0450,  0.1224, -0.1674],\n        [-0.3333,  0.1667,  0.1667]])"
    )


def test_graph_walk_as_in_the_tutorial() -> None:
    result, _ = run_source(
        "a = torch.tensor([2., 3.], requires_grad=True)\n"
        "b = torch.tensor([6., 4.], requires_grad=True)\n"
        "Q = 3*a**3 - b**2\n"
        "print(Q.grad_fn.name())\n"
        "mul, powb = Q.grad_fn.next_functions\n"
        "print(mul[0].name(), powb[0].name())\n"
        "print(mul[0].next_functions[1])\n"
        "print(powb[0].next_functions[0][0].name())\n"
        "powb[0].next_functions[0][0].variable is b"
    )
    assert result.stdout == (
        "SubBackward0\nMulBackward0 PowBackward0\n(None, 0)\ntorch::autograd::AccumulateGrad\n"
    )
    assert result.display == "True"


def test_print_formats_like_python_with_torchs_str() -> None:
    result, _ = run_source(
        "x = torch.tensor([1.5, 2.25, -3.125])\n"
        "print('x =', x, 'n =', 3, 2.5, None, True, x.shape, x.dtype, sep=' | ', end='!\\n')\n"
        "print()\n"
        "print((1, 'a'), [0.5])\n"
        "s = x[0].item()\n"
        "print(f'first={s:.2f} x={x!s}')"
    )
    assert result.stdout == (
        "x = | tensor([ 1.5000,  2.2500, -3.1250]) | n = | 3 | 2.5 | None | True | "
        "torch.Size([3]) | torch.float32!\n"
        "\n"
        "(1, 'a') [0.5]\n"
        "first=1.50 x=tensor([ 1.5000,  2.2500, -3.1250])\n"
    )


@pytest.mark.parametrize(
    ("last", "display"),
    [
        ("None", None),
        ("print('hi')", None),
        ("x.grad", None),
        ("'text'", "'text'"),
        ("3 * 2", "6"),
        ("x", "tensor([1., 2.], requires_grad=True)"),
        ("x, 1", "(tensor([1., 2.], requires_grad=True), 1)"),
        ("[x.shape, x.dtype]", "[torch.Size([2]), torch.float32]"),
        ("y = x * 2", None),
        ("with torch.no_grad():\n    x * 2", None),
    ],
)
def test_display_is_the_last_top_level_expression(last: str, display: str | None) -> None:
    result, _ = run_source("x = torch.tensor([1., 2.], requires_grad=True)\n" + last)
    assert result.display == display


def test_non_leaf_grad_warning_is_captured_once_per_statement() -> None:
    result, _ = run_source(
        "x = torch.tensor([1., 2.], requires_grad=True)\n"
        "y = x * 2\n"
        "a, b = y.grad, y.grad\n"
        "y.grad\n"
        "y.retain_grad()\n"
        "y.grad"
    )
    assert [(w.category, w.line) for w in result.warnings] == [
        ("UserWarning", 3),
        ("UserWarning", 4),
    ]
    assert result.warnings[0].message.startswith(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed."
    )
    assert result.stdout == ""


def test_warnings_are_not_printed_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    run_source("x = torch.ones(2, requires_grad=True)\n(x * 2).grad")
    assert capfd.readouterr().err == ""


def test_names_rebind_like_python_variables_across_runs() -> None:
    _, ns = run_source("a = torch.tensor(1.)\nb = a\na = a + 1")
    assert repr(ns["a"]) == "tensor(2.)" and repr(ns["b"]) == "tensor(1.)"
    result, ns = run_source("a, b = b, a\ninput = a * 10", ns)
    assert list(result.assigned) == ["a", "b", "input"]
    assert repr(ns["input"]) == "tensor(10.)"


def test_program_without_import_and_with_both_imports() -> None:
    for prefix in ("", "import torch\n", "import torch\nimport torch.nn.functional as F\n"):
        result, _ = run_source(prefix + "F.relu(torch.tensor([-1., 2.]))")
        assert result.display == "tensor([0., 2.])"
