"""Program bodies: `source` text or a `nodes` list, one typed node model per op (API.md §2, §6).

The node models are derived from `engine.program.node_specs()` — the same specs the engine's
nodes compiler checks against — so the schema and the engine cannot drift: a node is
`{"id", "op": Literal[op], "inputs": [...]}` plus one field per torch parameter of that op, with
torch's name and default, and the list of nodes is a union discriminated by `op`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from app.schemas.base import Model, Name
from engine.program import NodeSpec, node_specs

Operand = str | int | float
"""A node input: the name of a tensor (or of an earlier node), or a number."""


def _model_name(op: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"_+", op) if part) + "Node"


def _node_model(spec: NodeSpec) -> type[BaseModel]:
    fields: dict[str, Any] = {
        "id": (Name, Field(description="The name this node's result is bound to.")),
        "op": (Literal[spec.op], Field(description=f"`{spec.op}`")),  # type: ignore[valid-type]
        "inputs": (
            list[Operand],
            Field(
                min_length=spec.min_inputs,
                max_length=spec.max_inputs,
                description="Positional operands: "
                + ", ".join(("*" if i.variadic else "") + i.name for i in spec.inputs),
            ),
        ),
    }
    for param in spec.params:
        key = param.name
        extra: dict[str, Any] = {}
        if hasattr(BaseModel, key) or key in fields:
            key, extra = f"param_{key}", {"alias": param.name}
        if param.required:
            fields[key] = (param.type, Field(**extra))
        else:
            fields[key] = (param.type | None, Field(default=param.default, **extra))
    return create_model(
        _model_name(spec.op),
        __base__=NodeBase,
        __doc__=f"`{spec.signature}` — {spec.doc}",
        **fields,
    )


class NodeBase(Model):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


NODE_MODELS: dict[str, type[BaseModel]] = {op: _node_model(s) for op, s in node_specs().items()}

Node = Annotated[Union[tuple(NODE_MODELS.values())], Field(discriminator="op")]  # type: ignore[valid-type]  # noqa: UP007


def node_dicts(nodes: list[Any]) -> list[dict[str, Any]]:
    """The nodes as the engine's compiler takes them: plain dicts of what the client gave.

    What `model_dump(by_alias=True, exclude_unset=True)` gives (node fields hold plain JSON
    values, never models), read straight from the models: 3x faster on a 100-node program.
    """
    out = []
    for n in nodes:
        names = _ALIASES.get(type(n))
        if names is None:
            names = _ALIASES[type(n)] = {k: f.alias or k for k, f in type(n).model_fields.items()}
        given, values = n.model_fields_set, n.__dict__
        out.append({alias: values[k] for k, alias in names.items() if k in given})
    return out


_ALIASES: dict[type[BaseModel], dict[str, str]] = {}


class ProgramFields(Model):
    """A program in one of its two forms."""

    source: str | None = Field(
        default=None, description="PyTorch syntax (a safe subset of Python), one cell."
    )
    nodes: list[Node] | None = Field(  # type: ignore[valid-type]
        default=None, description="A flat, topologically ordered list of op applications."
    )


class ProgramWarning(Model):
    """A warning torch would have printed (a UserWarning), reported instead of printed."""

    category: str
    message: str
    line: int | None = None
    pointer: str | None = None
