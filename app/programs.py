"""The two program forms of a request, compiled and run by engine.program with the settings' limits."""

from __future__ import annotations

from typing import Any

import numpy as np

from app.compute import Budget
from app.config import Settings
from app.schemas.programs import ProgramFields, node_dicts
from engine.program import Limits, ProgramError, RunResult, compile_nodes, compile_source, run
from engine.tensor import Tensor

__all__ = ["ProgramError", "execute", "generator", "limits_for"]


def limits_for(settings: Settings, budget: Budget) -> Limits:
    return Limits(
        max_statements=settings.max_program_nodes,
        max_nodes=settings.max_program_nodes,
        max_elements=budget.max_elements,
        time_limit_seconds=budget.seconds,
        max_bytes=settings.max_session_bytes,
    )


def generator(state: dict[str, Any] | None) -> np.random.Generator:
    """A random generator from a saved bit-generator state (fresh entropy for None)."""
    gen = np.random.default_rng()
    if state is not None:
        gen.bit_generator.state = state
    return gen


def execute(
    body: ProgramFields,
    namespace: dict[str, Tensor],
    settings: Settings,
    budget: Budget,
    rng: np.random.Generator | None = None,
) -> RunResult | None:
    """Compile and run the body's program against `namespace` (None if it has no program).

    `rng` serves the program's torch.rand/randn/manual_seed (a session's own generator).
    """
    limits = limits_for(settings, budget)
    if body.source is not None:
        program: Any = compile_source(body.source, limits)
    elif body.nodes is not None:
        program = compile_nodes(node_dicts(body.nodes), limits)
    else:
        return None
    return run(program, namespace, limits, generator=rng)


def warnings(result: RunResult) -> list[dict[str, Any]]:
    """The warnings torch would have printed, as response entries."""
    return [
        {"category": w.category, "message": w.message, "line": w.line, "pointer": w.pointer}
        for w in result.warnings
    ]
