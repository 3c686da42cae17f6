"""5. Scale: chain length and memory.

5a. Forward + backward of 1k-, 10k- and 100k-op scalar chains (the chain of benchmark 1), gradserve
    and torch. Target: linear, t(100k)/t(10k) ≤ 12.
5b. Memory of a 1e6-element float32, 10-op graph, in a fresh process per subject: peak resident
    memory over forward + backward above the process's resident size before (VmHWM reset through
    /proc/self/clear_refs), what the graph holds before backward, and what is left after a backward
    without retain_graph (saved buffers released: x, x.grad and the 0-d output stay). glibc's
    dynamic mmap threshold is pinned (MALLOC_MMAP_THRESHOLD_) so freed 4 MB buffers go back to the
    OS and show in the resident size. Also gradserve's peak as numpy reports it to tracemalloc.
    Target: gradserve's peak ≤ 1.5× torch's.
5c. The same graph in a session over HTTP: `memory_bytes` with only x, after the forward `run`,
    and after `backward` (it should drop by the saved buffers).
"""

from __future__ import annotations

import base64
import gc
import json
import os
from typing import Any

import numpy as np

from bench.common import (
    TORCH_SKIPPED,
    Config,
    Figure,
    Metric,
    Section,
    SectionIter,
    Stats,
    Subject,
    interleaved,
    run_worker,
    say,
    time_phases,
    torch_available,
    torch_label,
    unavailable,
)
from bench.engine_overhead import chain_forward

MOD = "scale"
CHAINS = (1_000, 10_000, 100_000)
N_MEM = 1_000_000
MEM_ENV = {"MALLOC_MMAP_THRESHOLD_": "131072"}

# the 10-op graph; in a session the intermediates are rebound so only the graph holds them
TEN_OPS_SOURCE = """t = x * x
d = t.exp() * x + t
t = d.log()
t = t * t
t = t - x
t = t * 0.5
t = t / d
s = t.sum()
t = None
d = None
"""


def _import(impl: str) -> Any:
    if impl == "torch":
        import torch

        return torch
    import engine

    return engine


def chain(impl: str, n: int, repeats: int) -> dict[str, Any]:
    """Worker: seconds for forward + backward of an n-op chain."""
    mod = _import(impl)
    t = time_phases(lambda: chain_forward(mod, n)[0], lambda y: y.backward(), repeats)
    return {
        "metrics": {
            "fwd+bwd": t["fwd+bwd"],
            "per op": [x / n for x in t["fwd+bwd"]],
            "free graph": t["free"],
        }
    }


def ten_ops(x: Any) -> Any:
    """The same 10 ops as TEN_OPS_SOURCE; the intermediates die with this frame."""
    t = x * x
    d = t.exp() * x + t
    t = d.log()
    t = t * t
    t = t - x
    t = t * 0.5
    t = t / d
    return t.sum()


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _hwm() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmHWM")


def _reset_hwm() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def memory(impl: str, repeats: int) -> dict[str, Any]:
    """Worker: bytes above the starting resident size (peak, graph held, after backward)."""
    mod = _import(impl)
    rng = np.random.default_rng(0)
    data = (rng.random(N_MEM, dtype=np.float32) + 0.5).astype(np.float32)

    def make_x() -> Any:
        if impl == "torch":
            return mod.from_numpy(data.copy()).requires_grad_(True)
        return mod.tensor(data.copy()).requires_grad_(True)

    # warm up: first-use allocations (op tables, thread pools) are not the graph's
    x = make_x()
    ten_ops(x).backward()
    del x
    peaks, held, after = [], [], []
    notes = []
    for _ in range(repeats):
        gc.collect()
        if not _reset_hwm():
            notes.append("VmHWM could not be reset: peak includes earlier use")
        base = _rss()
        x = make_x()
        s = ten_ops(x)
        held.append(_rss() - base)
        s.backward()
        after.append(_rss() - base)
        peaks.append(_hwm() - base)
        del s, x
    out: dict[str, Any] = {
        "metrics": {"peak": peaks, "graph held": held, "after backward": after},
        "note": "; ".join(sorted(set(notes))),
    }
    if impl == "gradserve":
        import tracemalloc

        tm_peak, tm_held, tm_after = [], [], []
        for _ in range(repeats):
            gc.collect()
            tracemalloc.start()
            x = make_x()
            s = ten_ops(x)
            tm_held.append(tracemalloc.get_traced_memory()[0])
            s.backward()
            cur, peak = tracemalloc.get_traced_memory()
            tm_after.append(cur)
            tm_peak.append(peak)
            del s, x
            tracemalloc.stop()
        out["tracemalloc"] = {"peak": tm_peak, "graph held": tm_held, "after backward": tm_after}
    return out


def _chains(cfg: Config) -> Section:
    sec = Section(
        "scale_chain",
        "5a. Scale: scalar chain forward + backward by length",
        [Metric("fwd+bwd", "s"), Metric("per op", "s"), Metric("free graph", "s")],
    )
    tl = torch_label()
    impls = [("gradserve", "gradserve")]
    if torch_available():
        impls.append((tl, "torch"))
    subjects = []
    for label, impl in impls:
        for n in CHAINS:
            repeats = {1_000: 5, 10_000: 3, 100_000: 1}[n]  # per round
            kwargs = {"impl": impl, "n": n, "repeats": repeats}
            subjects.append(Subject(f"{label}, {n:,} ops", MOD, "chain", kwargs))
    sec.figures = interleaved(subjects, cfg.pick(3, 2), timeout=600)
    if not torch_available():
        sec.figures.append(Figure(tl, status=TORCH_SKIPPED))
    if torch_available():
        for n in CHAINS:
            sec.compare(f"gradserve, {n:,} ops", f"{tl}, {n:,} ops")
    for label, _ in impls:
        a, b = sec.figure(f"{label}, 100,000 ops"), sec.figure(f"{label}, 10,000 ops")
        if a and b and a.ok and b.ok:
            r = a.values["fwd+bwd"].median / b.values["fwd+bwd"].median
            verdict = "meets" if r <= 12 else "MISSES"
            sec.notes.append(f"{label}: t(100k)/t(10k) = {r:.2f}, target ≤ 12: {verdict}")
    return sec


def _memory(cfg: Config) -> Section:
    sec = Section(
        "scale_memory",
        f"5b. Scale: memory of a {N_MEM:.0e}-element float32 10-op graph, forward + backward "
        "(bytes above the start)".replace("e+0", "e"),
        [Metric("peak", "bytes"), Metric("graph held", "bytes"), Metric("after backward", "bytes")],
    )
    repeats = cfg.pick(5, 3)
    tl = torch_label()
    say("scale: memory, gradserve")
    res = run_worker(MOD, "memory", timeout=600, env=MEM_ENV, impl="gradserve", repeats=repeats)
    if res.get("status"):
        sec.figures.append(Figure("gradserve", status=res["status"]))
    else:
        sec.figures.append(
            Figure(
                "gradserve",
                {k: Stats.of(v) for k, v in res["metrics"].items()},
                note=res.get("note", ""),
            )
        )
        if "tracemalloc" in res:
            sec.figures.append(
                Figure(
                    "gradserve (tracemalloc)",
                    {k: Stats.of(v) for k, v in res["tracemalloc"].items()},
                    note="numpy's allocations and Python objects as tracemalloc counts them",
                )
            )
    if torch_available():
        say("scale: memory, torch")
        res = run_worker(MOD, "memory", timeout=600, env=MEM_ENV, impl="torch", repeats=repeats)
        if res.get("status"):
            sec.figures.append(Figure(tl, status=res["status"]))
        else:
            sec.figures.append(
                Figure(
                    tl,
                    {k: Stats.of(v) for k, v in res["metrics"].items()},
                    note=res.get("note", ""),
                )
            )
    else:
        sec.figures.append(Figure(tl, status=TORCH_SKIPPED))
    sec.compare("gradserve", tl, metric="peak", target="<= 1.5")
    sec.compare("gradserve", tl, metric="graph held")
    sec.compare("gradserve", tl, metric="after backward")
    floor = N_MEM * 4
    sec.notes.append(
        f"one {N_MEM:.0e}-element float32 buffer is {floor / 2**20:.1f} MiB; after backward x and "
        "x.grad remain (≈ 7.6 MiB)".replace("e+0", "e")
    )
    return sec


def _session_memory(cfg: Config) -> Section:
    from bench.service import APP_ENV
    from bench.serving import Server, describe_failure

    sec = Section(
        "scale_session",
        "5c. Scale: session memory_bytes around a backward without retain_graph "
        f"({N_MEM:.0e}-element x, the 10-op graph)".replace("e+0", "e"),
        [
            Metric("x only", "bytes"),
            Metric("after run", "bytes"),
            Metric("after backward", "bytes"),
        ],
    )
    say("scale: session memory_bytes")
    rng = np.random.default_rng(0)
    x = (rng.random(N_MEM, dtype=np.float32) + 0.5).astype(np.float32)
    put = {
        "b64": base64.b64encode(x.tobytes()).decode(),
        "shape": [N_MEM],
        "dtype": "float32",
        "requires_grad": True,
    }
    label = "gradserve session"
    try:
        with Server("app.main:app", env=APP_ENV) as app:
            status, data = app.request("POST", "/v1/sessions", {})
            if status not in (200, 201):
                sec.figures.append(Figure(label, status=describe_failure(status, data)))
                return sec
            sid = json.loads(data)["id"]

            def mem() -> int:
                st, body = app.request("GET", f"/v1/sessions/{sid}")
                if st != 200:
                    raise RuntimeError(describe_failure(st, body))
                return int(json.loads(body)["memory_bytes"])

            steps: list[tuple[str, str, str, Any]] = [
                ("x only", "PUT", f"/v1/sessions/{sid}/tensors/x", put),
                (
                    "after run",
                    "POST",
                    f"/v1/sessions/{sid}/run",
                    {"source": TEN_OPS_SOURCE, "encoding": "base64"},
                ),
                ("after backward", "POST", f"/v1/sessions/{sid}/backward", {"tensor": "s"}),
            ]
            values = {}
            for name, method, path, payload in steps:
                st, body = app.request(method, path, payload)
                if not 200 <= st < 300:
                    failure = describe_failure(st, body) + f" at '{name}'"
                    sec.figures.append(Figure(label, status=failure))
                    return sec
                values[name] = Stats.of([float(mem())])
            app.request("DELETE", f"/v1/sessions/{sid}")
    except Exception as exc:
        sec.figures.append(Figure(label, status=unavailable(exc)))
        return sec
    sec.figures.append(Figure(label, values))
    run_b, back_b = values["after run"].median, values["after backward"].median
    dropped = run_b - back_b
    verdict = "drops" if dropped > 0 else "does NOT drop"
    sec.notes.append(
        f"memory_bytes {verdict} after backward: {run_b / 2**20:.1f} → {back_b / 2**20:.1f} MiB "
        f"({dropped / 2**20:.1f} MiB released; x and x.grad ≈ {2 * N_MEM * 4 / 2**20:.1f} MiB stay)"
    )
    return sec


def run(cfg: Config) -> SectionIter:
    yield _chains(cfg)
    yield _memory(cfg)
    yield _session_memory(cfg)
