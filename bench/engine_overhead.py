"""1. Engine overhead: a 10,000-op scalar chain, forward + backward, in-process.

The chain repeats `y = y*w; y = y+b; y = y*0.999; y = y-0.25` (w, b and the start are 0-d float32
leaves that require grad), then `y.backward()`. Baselines: torch eager (when installed) and a
hand-written Python tape of floats, the floor for any engine written in Python. Figures are per op.
Target: per-op time ≤ 1.0× torch's.
"""

from __future__ import annotations

from typing import Any

from bench.common import (
    TORCH_SKIPPED,
    Config,
    Metric,
    Section,
    SectionIter,
    Subject,
    interleaved,
    time_phases,
    torch_available,
    torch_label,
)

MOD = "engine_overhead"
N_OPS = 10_000


def chain_forward(mod: Any, n: int) -> tuple[Any, tuple[Any, ...]]:
    """Build the n-op chain with `mod` (the engine or torch); returns (output, leaves)."""
    w = mod.tensor(1.0001, requires_grad=True)
    b = mod.tensor(0.5, requires_grad=True)
    x = mod.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(n // 4):
        y = y * w
        y = y + b
        y = y * 0.999
        y = y - 0.25
    return y, (x, w, b)


class _V:
    __slots__ = ("g", "v")

    def __init__(self, v: float) -> None:
        self.v = v
        self.g = 0.0


def tape_forward(n: int) -> tuple[_V, list[tuple[int, _V, _V, Any]], tuple[_V, ...]]:
    """The same chain on a hand-written tape of Python floats (one tuple per op)."""
    tape: list[tuple[int, _V, _V, Any]] = []
    push = tape.append
    w, b, x = _V(1.0001), _V(0.5), _V(1.0)
    y = x
    for _ in range(n // 4):
        o = _V(y.v * w.v)
        push((0, o, y, w))
        y = o
        o = _V(y.v + b.v)
        push((1, o, y, b))
        y = o
        o = _V(y.v * 0.999)
        push((2, o, y, 0.999))
        y = o
        o = _V(y.v - 0.25)
        push((3, o, y, None))
        y = o
    return y, tape, (x, w, b)


def tape_backward(y: _V, tape: list[tuple[int, _V, _V, Any]]) -> None:
    y.g = 1.0
    for kind, o, a, c in reversed(tape):
        g = o.g
        if kind == 0:
            a.g += g * c.v
            c.g += g * a.v
        elif kind == 1:
            a.g += g
            c.g += g
        elif kind == 2:
            a.g += g * c
        else:
            a.g += g
    tape.clear()


def measure(impl: str, repeats: int, n: int = N_OPS) -> dict[str, Any]:
    """Worker: per-op seconds of the chain with impl in {"gradserve", "torch", "tape"}."""
    if impl == "tape":
        forward, backward = (lambda: tape_forward(n)[:2]), (lambda st: tape_backward(*st))
    else:
        if impl == "torch":
            import torch as mod
        else:
            import engine as mod
        forward, backward = (lambda: chain_forward(mod, n)[0]), (lambda y: y.backward())
    t = time_phases(forward, backward, repeats)
    note = ""
    if impl == "torch":
        note = f"{mod.get_num_threads()} intra-op threads"
    metrics = {f"{k} per op": [x / n for x in v] for k, v in t.items() if k != "free"}
    metrics["fwd+bwd total"] = t["fwd+bwd"]
    metrics["free graph"] = t["free"]
    return {"metrics": metrics, "note": note}


def run(cfg: Config) -> SectionIter:
    rounds = cfg.pick(3, 1)
    repeats = cfg.pick(3, 3)  # per round
    n = N_OPS
    sec = Section(
        "engine_overhead",
        f"1. Engine overhead: {n:,}-op scalar chain, forward + backward, in-process",
        [
            Metric("fwd+bwd per op", "s"),
            Metric("forward per op", "s"),
            Metric("backward per op", "s"),
            Metric("fwd+bwd total", "s"),
            Metric("free graph", "s"),
        ],
    )
    tl = torch_label()
    skip = None if torch_available() else TORCH_SKIPPED
    sec.figures = interleaved(
        [
            Subject("gradserve", MOD, "measure", {"impl": "gradserve", "repeats": repeats}),
            Subject(tl, MOD, "measure", {"impl": "torch", "repeats": repeats}, skip=skip),
            Subject("python tape (floor)", MOD, "measure", {"impl": "tape", "repeats": repeats}),
        ],
        rounds,
    )
    sec.compare("gradserve", tl, target="<= 1.0")
    sec.compare("gradserve", "python tape (floor)")
    if torch_available():
        sec.compare("gradserve", tl, metric="forward per op")
        sec.compare("gradserve", tl, metric="backward per op")
    yield sec
