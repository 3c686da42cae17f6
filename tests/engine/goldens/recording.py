"""How a golden lists a graph and its warnings, shared by the recorder and the tests.

`record_ops.py` imports this under real torch (in a scratch venv, run as a script) and the engine's
tests import it as `tests.engine.goldens.recording`, so a recorded graph and a replayed one are
listed by the same code. Pure Python: it imports neither torch nor the engine.
"""

from __future__ import annotations

import warnings
from typing import Any

ACCUMULATE_GRAD = "torch::autograd::AccumulateGrad"
TRIGGERED = " (Triggered internally at"


def graph_nodes(root: Any) -> list[Any]:
    """Pre-order depth-first walk over next_functions; each node once; AccumulateGrad omitted."""
    nodes: list[Any] = []
    seen: dict[int, Any] = {}  # keeps the nodes alive so ids are not reused

    def visit(node: Any) -> None:
        if node is None or id(node) in seen:
            return
        seen[id(node)] = node
        if node.name() != ACCUMULATE_GRAD:
            nodes.append(node)
        for child, _ in node.next_functions:
            visit(child)

    visit(root)
    return nodes


def graph_names(root: Any) -> list[str]:
    """The names of `graph_nodes(root)`: what a golden's `graph` holds."""
    return [node.name() for node in graph_nodes(root)]


def graph_edges(root: Any) -> list[list[str | None]]:
    """Per node of `graph_nodes(root)`: where each input's gradient goes (a node name, or None
    for an input that needs none) — the graph's shape, output indices aside."""
    return [
        [None if child is None else child.name() for child, _ in node.next_functions]
        for node in graph_nodes(root)
    ]


def warning_list(caught: list[warnings.WarningMessage]) -> list[list[str]]:
    """[category, message] per warning, the message cut before torch's "(Triggered internally at"."""
    return [[w.category.__name__, str(w.message).split(TRIGGERED)[0]] for w in caught]
