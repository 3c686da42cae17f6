"""Graph memory accounting: what a set of tensors keeps alive.

`footprint(tensors)` walks everything reachable from the given tensors — their data, their
`.grad`, and through `grad_fn` every node of the graphs behind them with the tensors those nodes
saved (and the leaves their AccumulateGrad nodes point at) — and adds up the bytes of the distinct
array buffers found. A buffer shared by several tensors (a view, `detach()`, a saved input that is
also a named tensor) is counted once. The walk is iterative, so 100k-node chains are fine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine.autograd import AccumulateGrad, Node, _SavedOutput
from engine.tensor import Tensor


@dataclass(frozen=True, slots=True)
class Footprint:
    """Bytes of the distinct buffers reachable from some tensors, and graph nodes on the way."""

    bytes: int
    nodes: int


def _root(arr: np.ndarray) -> np.ndarray:
    """The array that owns the memory a view looks at."""
    while isinstance(arr.base, np.ndarray):
        arr = arr.base
    return arr


def footprint(tensors: Iterable[Tensor]) -> Footprint:
    """Memory held by `tensors` and the graphs behind them (deduplicated by buffer)."""
    buffers: dict[int, int] = {}
    seen_tensors: set[int] = set()
    seen_nodes: set[int] = set()
    tensor_stack: list[Tensor] = list(tensors)
    node_stack: list[Node] = []

    def add_array(arr: np.ndarray) -> None:
        root = _root(arr)
        buffers.setdefault(id(root), root.nbytes)

    def add_value(value: Any) -> None:
        if isinstance(value, Tensor):
            tensor_stack.append(value)
        elif isinstance(value, _SavedOutput):
            add_array(value.data)
        elif isinstance(value, np.ndarray):
            add_array(value)

    while tensor_stack or node_stack:
        while tensor_stack:
            t = tensor_stack.pop()
            if id(t) in seen_tensors:
                continue
            seen_tensors.add(id(t))
            add_array(t._data)
            if t._grad is not None:
                tensor_stack.append(t._grad)
            if t._grad_fn is not None:
                node_stack.append(t._grad_fn)
        while node_stack:
            node = node_stack.pop()
            if id(node) in seen_nodes:
                continue
            seen_nodes.add(id(node))
            if isinstance(node, AccumulateGrad):
                tensor_stack.append(node.variable)
                continue
            for value in node._saved.values():
                add_value(value)
            for value in node._attrs.values():
                add_value(value)
            for nxt in node._next:
                if nxt is not None:
                    node_stack.append(nxt)
    return Footprint(bytes=sum(buffers.values()), nodes=len(seen_nodes))
