"""The `nodes` form: specs derived from the registry, pointers on every error, same results."""

from __future__ import annotations

import typing
from types import NoneType
from typing import Any

import pytest

import engine as torch
from engine.errors import TorchError
from engine.ops.registry import OPS
from engine.program import Limits, ProgramError, compile_nodes, compile_source, node_specs, run
from engine.program.catalogue import spec_for
from engine.tensor import Tensor

LIMITS = Limits()


def leaves() -> dict[str, Tensor]:
    return {
        "a": torch.tensor([2.0, 3.0], requires_grad=True),
        "b": torch.tensor([6.0, 4.0], requires_grad=True),
    }


def node_error(nodes: Any, ns: dict[str, Tensor] | None = None) -> ProgramError:
    with pytest.raises(ProgramError) as info:
        run(compile_nodes(nodes, LIMITS), leaves() if ns is None else ns, LIMITS)
    return info.value


# ---- specs ---------------------------------------------------------------------------------------


def test_every_registry_op_has_a_spec_and_specs_follow_the_registry() -> None:
    specs = node_specs()
    assert set(specs) == set(OPS)
    for name, spec in specs.items():
        assert spec.op == name
        assert spec.grad_fns == OPS[name].grad_fns
        assert spec.differentiable == OPS[name].differentiable
        assert spec.signature.startswith(name + "(")


def test_binary_op_spec() -> None:
    spec = node_specs()["add"]
    assert [i.name for i in spec.inputs] == ["input", "other"]
    assert (spec.min_inputs, spec.max_inputs) == (2, 2)
    (alpha,) = spec.params
    assert (alpha.name, alpha.required, alpha.default) == ("alpha", False, 1)
    assert spec.grad_fns == ("AddBackward0",)


def test_reduction_spec_has_torchs_names_types_and_defaults() -> None:
    spec = node_specs()["sum"]
    assert [i.name for i in spec.inputs] == ["input"]
    dim = spec.param("dim")
    keepdim = spec.param("keepdim")
    assert dim is not None and keepdim is not None
    assert (dim.required, dim.default) == (False, None)
    assert set(typing.get_args(dim.type)) == {int, list[int], NoneType}
    assert (keepdim.type, keepdim.default) == (bool, False)


def test_variadic_shape_and_tensor_list_specs() -> None:
    view = node_specs()["view"]
    assert [i.name for i in view.inputs] == ["input"]
    shape = view.param("shape")
    assert shape is not None and shape.variadic and shape.required
    cat = node_specs()["cat"]
    (tensors,) = cat.inputs
    assert (tensors.name, tensors.variadic, tensors.as_list) == ("tensors", True, True)
    assert (cat.min_inputs, cat.max_inputs) == (1, None)


def test_spec_of_an_op_registered_later_is_derived_from_its_signature() -> None:
    def gather_like(input: Tensor, dim: int, index: Tensor, *, scale: float = 1.0) -> Tensor:
        """Example op."""
        raise NotImplementedError

    info = type(OPS["add"])(
        name="gather_like",
        func=gather_like,
        grad_fns=("GatherBackward0",),
        differentiable=True,
        method=True,
        function=True,
        functional=False,
        doc="Example op.",
        signature=__import__("inspect").signature(gather_like),
    )
    spec = spec_for(info)
    assert [i.name for i in spec.inputs] == ["input", "index"]
    assert [(p.name, p.type, p.required) for p in spec.params] == [
        ("dim", int, True),
        ("scale", float, False),
    ]


# ---- errors with JSON pointers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nodes", "pointer", "message"),
    [
        ("not a list", "/nodes", "`nodes` must be a list of node objects"),
        ([3], "/nodes/0", "a node must be an object with `id`, `op` and `inputs`"),
        (
            [{"id": "y", "op": "frobnicate", "inputs": ["a"]}],
            "/nodes/0/op",
            "unknown op 'frobnicate'",
        ),
        (
            [{"id": "y", "op": "neg", "inputs": ["a"]}, {"id": "y", "op": "neg", "inputs": ["a"]}],
            "/nodes/1/id",
            "duplicate id 'y' (first defined at /nodes/0)",
        ),
        (
            [{"id": "__class__", "op": "neg", "inputs": ["a"]}],
            "/nodes/0/id",
            "`id` must be a name (letters, digits and underscores, not starting with a digit or "
            "`__`, and not a reserved name such as `torch` or `print`)",
        ),
        (
            [{"id": "y", "op": "pow", "inputs": ["a", 2, 3]}],
            "/nodes/0/inputs",
            "op 'pow' takes 2 inputs (input, exponent), got 3",
        ),
        (
            [{"id": "y", "op": "neg", "inputs": []}],
            "/nodes/0/inputs",
            "op 'neg' takes 1 input (input), got 0",
        ),
        (
            [{"id": "y", "op": "cat", "inputs": []}],
            "/nodes/0/inputs",
            "op 'cat' takes at least 1 input (*tensors), got 0",
        ),
        (
            [{"id": "y", "op": "neg", "inputs": [{"x": 1}]}],
            "/nodes/0/inputs/0",
            "an input is a tensor name or a number",
        ),
        (
            [{"id": "y", "op": "neg", "inputs": ["a.__class__"]}],
            "/nodes/0/inputs/0",
            "bad reference 'a.__class__': a tensor name, optionally followed by .T, .data, "
            ".grad, .indices, .mT, .values",
        ),
        (
            [{"id": "y", "op": "sum", "inputs": ["a"], "axis": 0}],
            "/nodes/0/axis",
            "unknown field 'axis' for op 'sum'",
        ),
        (
            [{"id": "y", "op": "sum", "inputs": ["a"], "keepdim": "yes"}],
            "/nodes/0/keepdim",
            "bad value for 'keepdim': expected bool",
        ),
        (
            [{"id": "y", "op": "sum", "inputs": ["a"], "dim": [0.5]}],
            "/nodes/0/dim",
            "bad value for 'dim': expected int | Sequence[int] | None",
        ),
        (
            [{"id": "y", "op": "transpose", "inputs": ["a"], "dim0": 0}],
            "/nodes/0",
            "missing field 'dim1' for op 'transpose'",
        ),
        (
            [{"id": "y", "op": "neg", "inputs": ["nowhere"]}],
            "/nodes/0/inputs/0",
            "unknown reference 'nowhere'",
        ),
        (
            [
                {"id": "y", "op": "neg", "inputs": ["later"]},
                {"id": "later", "op": "neg", "inputs": ["a"]},
            ],
            "/nodes/0/inputs/0",
            "forward reference to 'later' (defined later, at /nodes/1)",
        ),
    ],
)
def test_bad_nodes_are_rejected_with_a_pointer(nodes: Any, pointer: str, message: str) -> None:
    ns = leaves()
    before = dict(ns)
    err = node_error(nodes, ns)
    assert (err.pointer, err.message) == (pointer, message)
    assert err.line is None
    assert ns == before


def test_nodes_over_the_limit() -> None:
    from engine.limits import LimitExceeded

    nodes = [{"id": f"n{i}", "op": "neg", "inputs": ["a"]} for i in range(11)]
    with pytest.raises(LimitExceeded) as info:
        compile_nodes(nodes, Limits(max_nodes=10))
    assert info.value.limit == "nodes"


def test_torch_error_while_running_a_node_carries_its_pointer() -> None:
    ns = leaves()
    nodes = [
        {"id": "s", "op": "sum", "inputs": ["a"]},
        {"id": "bad", "op": "sum", "inputs": ["a"], "dim": 2},
    ]
    with pytest.raises(TorchError) as info:
        run(compile_nodes(nodes, LIMITS), ns, LIMITS)
    assert info.value.exception == "IndexError"
    assert (
        str(info.value) == "Dimension out of range (expected to be in range of [-1, 0], but got 2)"
    )
    assert info.value.pointer == "/nodes/1"  # type: ignore[attr-defined]
    assert "s" not in ns


def test_a_reference_to_a_later_id_reads_the_namespace_when_it_has_that_name() -> None:
    ns = leaves()
    nodes = [{"id": "c", "op": "neg", "inputs": ["b"]}, {"id": "b", "op": "neg", "inputs": ["a"]}]
    run(compile_nodes(nodes, LIMITS), ns, LIMITS)
    assert ns["c"]._data.tolist() == [-6.0, -4.0]
    assert ns["b"]._data.tolist() == [-2.0, -3.0]


# ---- the same program in both forms ----------------------------------------------------------------


def outcome(ns: dict[str, Tensor], names: list[str]) -> list[tuple[str, str, str | None]]:
    out = []
    for n in names:
        t = ns[n]
        out.append((n, repr(t), None if t.grad_fn is None else t.grad_fn.name()))
    return out


@pytest.mark.parametrize(
    ("source", "nodes"),
    [
        (
            "a3 = torch.pow(a, 3)\nt = torch.mul(3, a3)\nb2 = torch.pow(b, 2)\n"
            "Q = torch.sub(t, b2)\ns = torch.sum(Q, dim=[0], keepdim=False)",
            [
                {"id": "a3", "op": "pow", "inputs": ["a", 3]},
                {"id": "t", "op": "mul", "inputs": [3, "a3"]},
                {"id": "b2", "op": "pow", "inputs": ["b", 2]},
                {"id": "Q", "op": "sub", "inputs": ["t", "b2"]},
                {"id": "s", "op": "sum", "inputs": ["Q"], "dim": [0], "keepdim": False},
            ],
        ),
        (
            "v = a.view(2, 1)\nw = v.expand(2, 3)\nm = w.mean(1)\nc = torch.cat([a, b, m], dim=0)",
            [
                {"id": "v", "op": "view", "inputs": ["a"], "shape": [2, 1]},
                {"id": "w", "op": "expand", "inputs": ["v"], "sizes": [2, 3]},
                {"id": "m", "op": "mean", "inputs": ["w"], "dim": 1},
                {"id": "c", "op": "cat", "inputs": ["a", "b", "m"], "dim": 0},
            ],
        ),
        (
            "d = a.to(torch.float64)\ne = torch.add(d, b, alpha=2)\n"
            "f = torch.div(e, 3, rounding_mode='floor')",
            [
                {"id": "d", "op": "to", "inputs": ["a"], "dtype": "float64"},
                {"id": "e", "op": "add", "inputs": ["d", "b"], "alpha": 2},
                {"id": "f", "op": "div", "inputs": ["e", 3], "rounding_mode": "floor"},
            ],
        ),
    ],
)
def test_same_program_in_both_forms_gives_identical_results(
    source: str, nodes: list[dict[str, Any]]
) -> None:
    ns_source, ns_nodes = leaves(), leaves()
    r1 = run(compile_source(source, LIMITS), ns_source, LIMITS)
    r2 = run(compile_nodes(nodes, LIMITS), ns_nodes, LIMITS)
    names = [n["id"] for n in nodes]
    assert list(r1.assigned) == list(r2.assigned) == names
    assert outcome(ns_source, names) == outcome(ns_nodes, names)
    last = names[-1]
    if ns_source[last].requires_grad:
        for ns in (ns_source, ns_nodes):
            run(compile_source(f"{last}.sum().backward()", LIMITS), ns, LIMITS)
        assert repr(ns_source["a"].grad) == repr(ns_nodes["a"].grad)
        assert repr(ns_source["b"].grad) == repr(ns_nodes["b"].grad)


def test_reference_attributes_read_results_and_grads() -> None:
    ns = {"x": torch.tensor([[1.0, 5.0], [3.0, 2.0]], requires_grad=True)}
    nodes = [
        {"id": "m", "op": "max", "inputs": ["x"], "dim": 0},
        {"id": "v", "op": "mul", "inputs": ["m.values", 2]},
        {"id": "i", "op": "add", "inputs": ["m.indices", 1]},
    ]
    result = run(compile_nodes(nodes, LIMITS), ns, LIMITS)
    assert list(result.assigned) == ["v", "i"]  # `m` is a (values, indices) pair, not a tensor
    assert repr(ns["v"]) == "tensor([ 6., 10.], grad_fn=<MulBackward0>)"
    assert repr(ns["i"]) == "tensor([2, 1])"
