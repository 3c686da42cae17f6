"""`nodes`: a flat, topologically ordered JSON list of typed op nodes, compiled to the program IR.

Each node `{"id", "op", "inputs", **params}` becomes the assignment `id = op(*inputs, **params)`,
with `op` a registry op and its parameters read through the op's `NodeSpec` (the same model the
service exposes in its schema). Every problem is reported with a JSON pointer to the node field.
A name that is neither an earlier node id nor (at run time) in the namespace is an unknown — or,
if a later node defines it, a forward — reference.
"""

from __future__ import annotations

import inspect
import typing
from types import NoneType, UnionType
from typing import Any

from engine import dtypes
from engine.limits import LimitExceeded
from engine.ops.registry import OPS

from .catalogue import (
    FORBIDDEN_NAMES,
    RESERVED_NAMES,
    RESULT_FIELDS,
    NodeSpec,
    ParamSpec,
    is_identifier,
    node_specs,
)
from .model import (
    Assign,
    Attr,
    Call,
    Const,
    Expr,
    Limits,
    Name,
    NameTarget,
    Program,
    ProgramError,
    Seq,
    Stmt,
)

_RESERVED_KEYS = ("id", "op", "inputs")
# Attributes a reference may read: `"m.values"` for a max(dim) result, `"x.grad"`, ...
REFERENCE_ATTRIBUTES = RESULT_FIELDS | frozenset({"grad", "T", "mT", "data"})


def compile_nodes(nodes: Any, limits: Limits | None = None) -> Program:
    """Compile a `nodes` list into a Program, or raise ProgramError / LimitExceeded."""
    limits = limits or Limits()
    if not isinstance(nodes, list):
        raise ProgramError("`nodes` must be a list of node objects", pointer="/nodes")
    if len(nodes) > limits.max_nodes:
        raise LimitExceeded(
            f"the program has {len(nodes)} nodes, over the limit of {limits.max_nodes}", "nodes"
        )
    return _NodeCompiler(nodes).program()


class _NodeCompiler:
    def __init__(self, nodes: list[Any]) -> None:
        self.nodes = nodes
        self.specs = node_specs()
        self.defined: dict[str, int] = {}
        self.later: dict[str, int] = {}  # id -> index, for forward-reference messages
        self.free: list[tuple[str, str]] = []
        for i, node in enumerate(nodes):
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                self.later.setdefault(node["id"], i)

    def program(self) -> Program:
        body: list[Stmt] = []
        for i, node in enumerate(self.nodes):
            body.append(self.node(i, node))
        return Program(
            form="nodes", body=tuple(body), display_last=False, free_names=tuple(self.free)
        )

    def node(self, i: int, node: Any) -> Stmt:
        at = f"/nodes/{i}"
        if not isinstance(node, dict):
            raise ProgramError("a node must be an object with `id`, `op` and `inputs`", pointer=at)
        node_id = node.get("id")
        if (
            not isinstance(node_id, str)
            or not is_identifier(node_id)
            or node_id in RESERVED_NAMES
            or node_id in FORBIDDEN_NAMES
        ):
            raise ProgramError(
                "`id` must be a name (letters, digits and underscores, not starting with a "
                "digit or `__`, and not a reserved name such as `torch` or `print`)",
                pointer=f"{at}/id",
            )
        if node_id in self.defined:
            raise ProgramError(
                f"duplicate id '{node_id}' (first defined at /nodes/{self.defined[node_id]})",
                pointer=f"{at}/id",
            )
        op = node.get("op")
        spec = self.specs.get(op) if isinstance(op, str) else None
        if spec is None:
            shown = op if isinstance(op, str) else type(op).__name__
            raise ProgramError(f"unknown op '{shown}'", pointer=f"{at}/op")
        inputs = node.get("inputs", [])
        if not isinstance(inputs, list):
            raise ProgramError("`inputs` must be a list", pointer=f"{at}/inputs")
        self.check_arity(spec, inputs, at)
        operands = [self.operand(value, f"{at}/inputs/{j}") for j, value in enumerate(inputs)]
        fields: dict[str, Expr] = {}
        for key, value in node.items():
            if key in _RESERVED_KEYS:
                continue
            param = spec.param(key) if isinstance(key, str) else None
            if param is None:
                raise ProgramError(
                    f"unknown field '{key}' for op '{spec.op}'", pointer=f"{at}/{_escape(key)}"
                )
            fields[key] = self.field(param, value, f"{at}/{_escape(key)}")
        for param in spec.params:
            if param.required and param.name not in fields:
                raise ProgramError(f"missing field '{param.name}' for op '{spec.op}'", pointer=at)
        call = self.call(spec, operands, fields, (None, None, at))
        self.defined[node_id] = i
        return Assign((NameTarget(node_id, (None, None, f"{at}/id")),), call, (None, None, at))

    def check_arity(self, spec: NodeSpec, inputs: list[Any], at: str) -> None:
        n = len(inputs)
        if n < spec.min_inputs or (spec.max_inputs is not None and n > spec.max_inputs):
            names = ", ".join(("*" if s.variadic else "") + s.name for s in spec.inputs)
            count = spec.min_inputs if spec.max_inputs is None else spec.max_inputs
            expected = f"at least {count}" if spec.max_inputs is None else str(count)
            raise ProgramError(
                f"op '{spec.op}' takes {expected} input{'s' if count != 1 else ''} "
                f"({names}), got {n}",
                pointer=f"{at}/inputs",
            )

    def operand(self, value: Any, at: str) -> Expr:
        if isinstance(value, str):
            return self.reference(value, at)
        if isinstance(value, (bool, int, float)):
            return Const(value, (None, None, at))
        raise ProgramError("an input is a tensor name or a number", pointer=at)

    def reference(self, text: str, at: str) -> Expr:
        name, _, attr = text.partition(".")
        if not is_identifier(name) or (attr and attr not in REFERENCE_ATTRIBUTES):
            raise ProgramError(
                f"bad reference '{text}': a tensor name, optionally followed by "
                f"{', '.join('.' + a for a in sorted(REFERENCE_ATTRIBUTES))}",
                pointer=at,
            )
        loc = (None, None, at)
        if name not in self.defined:
            self.free.append((name, at))
        expr: Expr = Name(name, loc)
        return Attr(expr, attr, loc) if attr else expr

    def field(self, param: ParamSpec, value: Any, at: str) -> Expr:
        loc = (None, None, at)
        if param.tensor and isinstance(value, str):
            return self.reference(value, at)
        if not _matches(value, param.type):
            raise ProgramError(
                f"bad value for '{param.name}': expected {param.annotation}", pointer=at
            )
        if param.dtype and isinstance(value, str):
            try:
                return Const(dtypes.from_name(value), loc)
            except Exception:
                raise ProgramError(f"unknown dtype '{value}'", pointer=at) from None
        if isinstance(value, list):
            return Const(_copy_json(value), loc)
        return Const(value, loc)

    def call(self, spec: NodeSpec, operands: list[Expr], fields: dict[str, Expr], loc: Any) -> Call:
        """`op(...)` with inputs and fields placed where the op's signature has them."""
        info = OPS[spec.op]
        args: list[Expr] = []
        kwargs: list[tuple[str, Expr]] = []
        remaining = list(operands)
        input_names = {s.name: s for s in spec.inputs}
        for p in info.signature.parameters.values():
            if p.kind is p.VAR_KEYWORD:
                continue
            if p.name in input_names:
                s = input_names[p.name]
                if s.variadic and s.as_list:
                    args.append(Seq("list", tuple(remaining), loc))
                    remaining = []
                elif s.variadic:
                    args.extend(remaining)
                    remaining = []
                else:
                    args.append(remaining.pop(0))
                continue
            if p.kind is p.VAR_POSITIONAL:
                given = fields.get(p.name)
                if isinstance(given, Const):
                    args.extend(Const(v, given.loc) for v in given.value)
                continue
            if p.kind is p.KEYWORD_ONLY:
                if p.name in fields:
                    kwargs.append((p.name, fields[p.name]))
                continue
            if p.name in fields:
                args.append(fields[p.name])
            elif p.default is not inspect.Parameter.empty:
                args.append(Const(p.default, loc))
        return Call(Const(info.func, loc), tuple(args), tuple(kwargs), loc)


def _escape(key: Any) -> str:
    """A JSON-pointer reference token (RFC 6901)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def _copy_json(value: list[Any]) -> list[Any]:
    """A private copy of a JSON list (iterative; the caller's data is never shared)."""
    out: list[Any] = []
    stack: list[tuple[list[Any], list[Any]]] = [(value, out)]
    while stack:
        src, dst = stack.pop()
        for item in src:
            if isinstance(item, list):
                child: list[Any] = []
                dst.append(child)
                stack.append((item, child))
            else:
                dst.append(item)
    return out


def _is_json(value: Any) -> bool:
    """A JSON value without objects: scalars and (nested) lists, checked iteratively."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif not (item is None or isinstance(item, (bool, int, float, str))):
            return False
    return True


def _matches(value: Any, tp: Any) -> bool:
    """Whether a JSON value fits a parameter's JSON type (ints are accepted as floats)."""
    if tp is Any:
        return _is_json(value)
    if tp is NoneType:
        return value is None
    if tp is bool:
        return isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is str:
        return isinstance(value, str)
    origin = typing.get_origin(tp)
    if origin in (typing.Union, UnionType):
        return any(_matches(value, a) for a in typing.get_args(tp))
    if origin is typing.Literal:
        return value in typing.get_args(tp)
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return isinstance(value, list) and all(_matches(v, item) for v in value)
    return _is_json(value)
