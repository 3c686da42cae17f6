"""The whitelist: every name, attribute and op a program may reach, derived from the op registry.

Nothing here is a hard-coded op list: `torch.<op>`, `F.<op>` and `Tensor.<op>` members come from
`OPS` (flags `function`, `functional`, `method`), recomputed whenever the registry has grown, so
ops added by the families are available to programs (and to the nodes schema) automatically.
The fixed parts are the non-op API of API.md §2: factories, dtypes, grad mode, autograd, and
the tensor attributes torch users read (`.grad`, `.shape`, ...).
"""

from __future__ import annotations

import builtins
import inspect
import keyword
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import NoneType, UnionType
from typing import Any

import engine
from engine import autograd, creation, dtypes, grad_mode
from engine.autograd import AccumulateGrad, Node
from engine.dtypes import DType
from engine.ops.registry import OPS, OpInfo
from engine.tensor import Size, Tensor


class Namespace:
    """`torch`, `F`, `torch.autograd`, `torch.nn` as a program sees them: only listed members."""

    __slots__ = ("members", "path")

    def __init__(self, path: str, members: dict[str, Any]) -> None:
        self.path = path
        self.members = members

    def __repr__(self) -> str:
        return f"<module '{self.path}'>"


# Factories and module-level helpers of API.md §2 (not ops: they have no tensor input).
_FACTORIES: dict[str, Callable[..., Any]] = {
    "tensor": creation.tensor,
    "zeros": creation.zeros,
    "ones": creation.ones,
    "empty": creation.empty,
    "full": creation.full,
    "zeros_like": creation.zeros_like,
    "ones_like": creation.ones_like,
    "full_like": creation.full_like,
    "arange": creation.arange,
    "linspace": creation.linspace,
    "eye": creation.eye,
    "rand": creation.rand,
    "randn": creation.randn,
    "manual_seed": creation.manual_seed,
    "no_grad": grad_mode.no_grad,
    "enable_grad": grad_mode.enable_grad,
    "set_grad_enabled": grad_mode.set_grad_enabled,
    "is_grad_enabled": grad_mode.is_grad_enabled,
    "is_tensor": engine.is_tensor,
    "get_default_dtype": engine.get_default_dtype,
}

_DTYPE_NAMES = (
    "float16",
    "float32",
    "float64",
    "half",
    "float",
    "double",
    "uint8",
    "int8",
    "int16",
    "int32",
    "int64",
    "short",
    "int",
    "long",
    "bool",
)

# The grad-mode context managers a `with` statement accepts.
CONTEXT_MANAGERS = (grad_mode.no_grad, grad_mode.enable_grad, grad_mode.set_grad_enabled)

# Tensor attributes that are not ops (API.md §2), readable by every program.
TENSOR_PROPERTIES = frozenset(
    {
        "grad",
        "shape",
        "dtype",
        "requires_grad",
        "is_leaf",
        "grad_fn",
        "T",
        "mT",
        "data",
        "ndim",
        "retains_grad",
    }
)
TENSOR_METHODS = frozenset(
    {
        "backward",
        "retain_grad",
        "detach",
        "requires_grad_",
        "item",
        "tolist",
        "size",
        "dim",
        "numel",
        "nelement",
        "zero_",
        "is_floating_point",
    }
)
SETTABLE_TENSOR_ATTRIBUTES = frozenset({"grad", "requires_grad"})
NODE_ATTRIBUTES = frozenset({"name", "next_functions"})
ACCUMULATE_GRAD_ATTRIBUTES = frozenset({"variable"})
DTYPE_ATTRIBUTES = frozenset({"is_floating_point", "itemsize"})
SIZE_ATTRIBUTES = frozenset({"numel"})
RESULT_FIELDS = frozenset({"values", "indices"})  # torch.return_types (max(dim), sort, ...)

# Python builtins that a program can never name: they reach code, objects, files or the process.
# Other builtin names (`input`, `sum`, `max`, ...) are ordinary variable names in a program, as
# in PyTorch's own examples (`input = torch.randn(3, 5, requires_grad=True)`).
_VARIABLE_BUILTINS = frozenset(
    {
        "input",
        "sum",
        "max",
        "min",
        "abs",
        "pow",
        "round",
        "all",
        "any",
        "len",
        "range",
        "map",
        "filter",
        "zip",
        "format",
        "hash",
        "next",
        "iter",
        "sorted",
        "reversed",
        "slice",
        "divmod",
        "enumerate",
        "bin",
        "hex",
        "oct",
        "ord",
        "chr",
        "ascii",
        "repr",
        "id",
    }
)
FORBIDDEN_NAMES = frozenset(
    n for n in dir(builtins) if n not in _VARIABLE_BUILTINS and n not in ("True", "False", "None")
) | frozenset({"torch", "F"})
# Names a program may use without binding them (and may not rebind).
RESERVED_NAMES = frozenset({"torch", "F", "print"})


@dataclass(frozen=True, slots=True)
class Catalogue:
    """A snapshot of what programs can reach, for one state of the op registry."""

    torch: Namespace
    functional: Namespace
    tensor_attributes: frozenset[str]  # properties, methods and op methods of Tensor
    all_attributes: frozenset[str]  # every attribute name some value type allows
    # op function -> (op name, its Tensor-only positional parameters), for torch's TypeError
    tensor_args: dict[Any, tuple[str, tuple[tuple[int, str], ...]]]


_cache: dict[str, Any] = {"size": -1, "catalogue": None}


def catalogue() -> Catalogue:
    """The current whitelist, rebuilt when ops were registered since the last call."""
    if _cache["size"] != len(OPS):
        _cache["catalogue"] = _build()
        _cache["size"] = len(OPS)
    cat: Catalogue = _cache["catalogue"]
    return cat


def _build() -> Catalogue:
    functional = Namespace(
        "torch.nn.functional", {n: i.func for n, i in OPS.items() if i.functional}
    )
    members: dict[str, Any] = {n: i.func for n, i in OPS.items() if i.function}
    members.update(_FACTORIES)
    members.update({n: getattr(dtypes, "bool_" if n == "bool" else n) for n in _DTYPE_NAMES})
    members["autograd"] = Namespace(
        "torch.autograd", {"grad": autograd.grad, "backward": autograd.backward}
    )
    members["nn"] = Namespace("torch.nn", {"functional": functional})
    torch = Namespace("torch", members)
    methods = frozenset(n for n, i in OPS.items() if i.method)
    tensor_attributes = TENSOR_PROPERTIES | TENSOR_METHODS | methods
    all_attributes = (
        tensor_attributes
        | NODE_ATTRIBUTES
        | ACCUMULATE_GRAD_ATTRIBUTES
        | DTYPE_ATTRIBUTES
        | SIZE_ATTRIBUTES
        | RESULT_FIELDS
        | frozenset(members)
        | frozenset(functional.members)
        | frozenset({"grad", "backward", "functional"})
    )
    tensor_args = {}
    for name, info in OPS.items():
        params = tensor_parameters(info)
        if params:
            tensor_args[info.func] = (name, params)
    return Catalogue(torch, functional, tensor_attributes, all_attributes, tensor_args)


def allowed_attribute(value: Any, attr: str, cat: Catalogue) -> bool:
    """Whether a program may read `value.attr`, by the type of `value`."""
    if isinstance(value, Tensor):
        return attr in cat.tensor_attributes
    if isinstance(value, Node):
        return attr in NODE_ATTRIBUTES or (
            isinstance(value, AccumulateGrad) and attr in ACCUMULATE_GRAD_ATTRIBUTES
        )
    if isinstance(value, DType):
        return attr in DTYPE_ATTRIBUTES
    if isinstance(value, Size):
        return attr in SIZE_ATTRIBUTES
    if isinstance(value, tuple) and attr in RESULT_FIELDS:
        # torch.return_types.* (max(dim), sort, ...): tuple subclasses with named fields.
        return type(value) is not tuple and hasattr(type(value), attr)
    return False


def type_name(value: Any) -> str:
    """How an error names a value's type (`Tensor`, `int`, `torch.Size`, `grad_fn`)."""
    if isinstance(value, Node):
        return value.name()
    if isinstance(value, Namespace):
        return "module"
    if isinstance(value, Size):
        return "torch.Size"
    if isinstance(value, DType):
        return "torch.dtype"
    if isinstance(value, tuple) and type(value) is not tuple:
        return f"torch.return_types.{type(value).__name__}"
    return type(value).__name__


# ---- nodes: one parameter model per op -------------------------------------------------------

# Parameters that are never tensors even where an op leaves them unannotated.
_NON_TENSOR_NAMES = frozenset(
    {
        "dim",
        "dims",
        "dim0",
        "dim1",
        "shape",
        "size",
        "sizes",
        "keepdim",
        "dtype",
        "reduction",
        "equation",
        "memory_format",
        "args",
        "kwargs",
    }
)


@dataclass(frozen=True, slots=True)
class InputSpec:
    """A positional operand of a node: a tensor name or a number (or several, if variadic)."""

    name: str  # torch's parameter name ("input", "other", "tensors")
    variadic: bool  # takes every remaining input (cat's `tensors`, einsum's `*operands`)
    as_list: bool  # passed as one list argument (cat) rather than spread (einsum)


@dataclass(frozen=True, slots=True)
class ParamSpec:
    """A named field of a node: one torch parameter other than the positional operands.

    `type` is the JSON-level Python type a schema can use directly (tensors are referred to by
    name, so `Tensor` becomes `str`; dtypes are their names, `"float64"`). `default` is torch's
    default when `required` is false. `variadic` marks a `*shape`-style parameter, given as a
    list (`"shape": [2, 3]`). `tensor`/`dtype` say how a string value is read.
    """

    name: str
    type: Any
    required: bool
    default: Any
    annotation: str
    variadic: bool = False
    tensor: bool = False
    dtype: bool = False


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """Everything a node of one op may contain, from its registry entry."""

    op: str
    inputs: tuple[InputSpec, ...]
    params: tuple[ParamSpec, ...]
    min_inputs: int
    max_inputs: int | None  # None: unbounded (variadic)
    grad_fns: tuple[str, ...]
    differentiable: bool
    doc: str
    signature: str

    def param(self, name: str) -> ParamSpec | None:
        for p in self.params:
            if p.name == name:
                return p
        return None


def _hints(info: OpInfo) -> dict[str, Any]:
    try:
        return typing.get_type_hints(info.func)
    except Exception:  # an annotation that does not resolve: treat its params as Any
        return {}


def _mentions(hint: Any, target: type) -> bool:
    if hint is target:
        return True
    return any(_mentions(a, target) for a in typing.get_args(hint))


def _is_tensor_sequence(hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in (list, tuple, Sequence, typing.Sequence):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        return bool(args) and all(a is Tensor for a in args)
    return False


def json_type(hint: Any) -> Any:
    """The JSON-level type of a parameter annotation (Tensor → its name, DType → its name)."""
    if hint is Any or hint is inspect.Parameter.empty:
        return Any
    if hint is Tensor or hint is DType:
        return str
    if hint in (int, float, bool, str, NoneType):
        return hint
    if hint is None:
        return NoneType
    origin = typing.get_origin(hint)
    if origin in (typing.Union, UnionType):
        parts = tuple(dict.fromkeys(json_type(a) for a in typing.get_args(hint)))
        if Any in parts:
            return Any
        return typing.Union[parts]  # noqa: UP007 - built from a runtime tuple
    if origin is typing.Literal:
        return hint
    if origin in (list, tuple, Sequence, typing.Sequence):
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        if not args:
            return list[Any]
        item = json_type(args[0]) if len({json_type(a) for a in args}) == 1 else Any
        return list[item]  # type: ignore[valid-type]
    return Any


def _annotation_text(param: inspect.Parameter) -> str:
    ann = param.annotation
    if ann is inspect.Parameter.empty:
        return "Any"
    return ann if isinstance(ann, str) else getattr(ann, "__name__", str(ann))


def spec_for(info: OpInfo) -> NodeSpec:
    """Derive the node model of one op from its signature."""
    hints = _hints(info)
    inputs: list[InputSpec] = []
    params: list[ParamSpec] = []
    min_inputs = 0
    unbounded = False
    for p in info.signature.parameters.values():
        hint = hints.get(p.name, Any)
        text = _annotation_text(p)
        if p.kind is p.VAR_KEYWORD:
            continue
        if p.kind is p.VAR_POSITIONAL:
            if hint is Tensor:
                inputs.append(InputSpec(p.name, variadic=True, as_list=False))
                unbounded = True
            else:
                params.append(
                    ParamSpec(
                        p.name,
                        list[json_type(hint)] if hint is not Any else list[Any],  # type: ignore[misc]
                        required=p.name != "args",
                        default=[] if p.name == "args" else None,
                        annotation=text,
                        variadic=True,
                    )
                )
            continue
        positional = p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        required = p.default is inspect.Parameter.empty
        if positional and required and _is_tensor_sequence(hint):
            inputs.append(InputSpec(p.name, variadic=True, as_list=True))
            unbounded = True
            min_inputs += 1
            continue
        operand = hint is Tensor or _mentions(hint, Tensor) or hint is Any
        if positional and required and operand and p.name not in _NON_TENSOR_NAMES:
            inputs.append(InputSpec(p.name, variadic=False, as_list=False))
            min_inputs += 1
            continue
        params.append(
            ParamSpec(
                p.name,
                json_type(hint),
                required=required,
                default=None if required else p.default,
                annotation=text,
                tensor=_mentions(hint, Tensor),
                dtype=_mentions(hint, DType) or p.name == "dtype",
            )
        )
    return NodeSpec(
        op=info.name,
        inputs=tuple(inputs),
        params=tuple(params),
        min_inputs=min_inputs,
        max_inputs=None if unbounded else len(inputs),
        grad_fns=info.grad_fns,
        differentiable=info.differentiable,
        doc=info.doc,
        signature=f"{info.name}{info.signature}",
    )


def tensor_parameters(info: OpInfo) -> tuple[tuple[int, str], ...]:
    """(position, name) of the positional parameters annotated exactly `Tensor`."""
    hints = _hints(info)
    out = []
    for i, p in enumerate(info.signature.parameters.values()):
        if p.kind not in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            break
        if hints.get(p.name) is Tensor:
            out.append((i, p.name))
    return tuple(out)


_spec_cache: dict[str, Any] = {"size": -1, "specs": {}}


def node_specs() -> dict[str, NodeSpec]:
    """One `NodeSpec` per registry op, by op name (rebuilt when the registry grows)."""
    if _spec_cache["size"] != len(OPS):
        _spec_cache["specs"] = {name: spec_for(info) for name, info in OPS.items()}
        _spec_cache["size"] = len(OPS)
    specs: dict[str, NodeSpec] = _spec_cache["specs"]
    return specs


def is_identifier(name: str) -> bool:
    """A name a program can bind: a Python identifier, not a keyword, not a dunder."""
    return name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("__")
