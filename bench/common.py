"""Shared pieces of the benchmark suite: timing, statistics, the printed report, JSON output.

A benchmark module exposes `run(cfg) -> Iterator[Section]`. A `Section` holds `Figure`s (one
measured subject or baseline, each with one or more metrics summarised as median and min–max over
repeats, or a status such as "skipped (torch not installed)") and `Comparison`s (the ratio
gradserve/baseline of two figures' medians, with the issue's target when it has one). Targets are
printed as "meets" / "MISSES"; nothing here is a pass/fail test.
"""

from __future__ import annotations

import gc
import importlib.metadata
import importlib.util
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------------------------
# configuration


@dataclass
class Config:
    quick: bool = False
    only: list[str] = field(default_factory=list)
    json_path: Path | None = None
    threads: int | None = None  # BLAS/OpenMP threads for every subprocess (None: libraries' own)

    def pick(self, full: Any, quick: Any) -> Any:
        return quick if self.quick else full


# --------------------------------------------------------------------------------------------
# statistics


@dataclass
class Stats:
    median: float
    min: float
    max: float
    n: int

    @classmethod
    def of(cls, samples: list[float]) -> Stats:
        if not samples:
            raise ValueError("no samples")
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    def scaled(self, k: float) -> Stats:
        return Stats(self.median * k, self.min * k, self.max * k, self.n)


@dataclass
class Metric:
    """How a metric prints: `unit` is one of "s" (auto µs/ms/s), "req/s", "bytes", "x", "%", ""."""

    name: str
    unit: str
    higher_is_better: bool = False


@dataclass
class Figure:
    label: str
    values: dict[str, Stats] = field(default_factory=dict)  # metric name -> stats
    status: str | None = None  # set when not measured: "skipped (...)", "unavailable (...)"
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.status is None and bool(self.values)


@dataclass
class Comparison:
    subject: str  # figure label
    baseline: str  # figure label
    metric: str
    ratio: float | None
    target: str | None  # e.g. "<= 1.0" or ">= 0.6"
    status: str | None = None  # why there is no ratio

    @property
    def verdict(self) -> str:
        if self.ratio is None or self.target is None:
            return ""
        op, _, num = self.target.partition(" ")
        bound = float(num)
        ok = self.ratio <= bound if op == "<=" else self.ratio >= bound
        return "meets" if ok else "MISSES"


@dataclass
class Section:
    key: str
    title: str
    metrics: list[Metric]
    figures: list[Figure] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def figure(self, label: str) -> Figure | None:
        for f in self.figures:
            if f.label == label:
                return f
        return None

    def compare(
        self, subject: str, baseline: str, metric: str | None = None, target: str | None = None
    ) -> Comparison:
        """Ratio subject/baseline of the medians of `metric` (default: the section's first)."""
        metric = metric or self.metrics[0].name
        s, b = self.figure(subject), self.figure(baseline)
        ratio, status = None, None
        if s is None or not s.ok or metric not in s.values:
            status = f"{subject}: {s.status if s and s.status else 'not measured'}"
        elif b is None or not b.ok or metric not in b.values:
            status = f"{baseline}: {b.status if b and b.status else 'not measured'}"
        else:
            den = b.values[metric].median
            ratio = s.values[metric].median / den if den else math.inf
        c = Comparison(subject, baseline, metric, ratio, target, status)
        self.comparisons.append(c)
        return c


# --------------------------------------------------------------------------------------------
# timing


def repeat(
    fn: Callable[[], Any],
    repeats: int,
    warmup: int = 1,
    setup: Callable[[], Any] | None = None,
) -> list[float]:
    """Wall times in seconds of `fn()` over `repeats` runs after `warmup` untimed ones.

    `setup()` (untimed) runs before each call and its result is passed to `fn` when not None.
    The garbage collector stays enabled (its cost is part of a Python engine's cost) but runs a
    full collection before each timed call, so one run's garbage is not charged to the next.
    """
    samples = []
    for i in range(warmup + repeats):
        arg = setup() if setup is not None else None
        gc.collect()
        t0 = time.perf_counter()
        if arg is None:
            fn()
        else:
            fn(arg)
        dt = time.perf_counter() - t0
        if i >= warmup:
            samples.append(dt)
    return samples


def time_phases(
    forward: Callable[[], Any], backward: Callable[[Any], Any], repeats: int, warmup: int = 1
) -> dict[str, list[float]]:
    """Seconds of forward(), backward(its result) and freeing that result, per repeat.

    "fwd+bwd" excludes the teardown, which is reported apart as "free" (for a Python engine,
    dropping a long graph is a deallocation cascade worth seeing on its own).
    """
    out: dict[str, list[float]] = {"fwd+bwd": [], "forward": [], "backward": [], "free": []}
    for i in range(warmup + repeats):
        gc.collect()
        t0 = time.perf_counter()
        state = forward()
        t1 = time.perf_counter()
        backward(state)
        t2 = time.perf_counter()
        del state
        t3 = time.perf_counter()
        if i >= warmup:
            out["fwd+bwd"].append(t2 - t0)
            out["forward"].append(t1 - t0)
            out["backward"].append(t2 - t1)
            out["free"].append(t3 - t2)
    return out


def per_call(
    fn: Callable[[], Any], repeats: int, inner: int, warmup: int = 1, budget: float = 0.3
) -> list[float]:
    """Seconds per call of `fn`, each sample the mean over up to `inner` back-to-back calls.

    The count per sample is cut so one sample takes about `budget` seconds (at least one call),
    which bounds the run time when the machine is slow or busy.
    """
    t0 = time.perf_counter()
    for _ in range(max(1, warmup)):
        fn()
    one = (time.perf_counter() - t0) / max(1, warmup)
    n = max(1, min(inner, round(budget / one) if one > 0 else inner))

    def many() -> None:
        for _ in range(n):
            fn()

    return [t / n for t in repeat(many, repeats, warmup=0)]


# --------------------------------------------------------------------------------------------
# optional torch


def torch_available() -> bool:
    """Whether PyTorch is installed (checked without importing it into this process)."""
    return importlib.util.find_spec("torch") is not None


def torch_version() -> str | None:
    try:
        return importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:
        return None


TORCH_SKIPPED = "skipped (torch not installed)"


def torch_label() -> str:
    v = torch_version()
    return f"torch {v}" if v and torch_available() else "torch"


def unavailable(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    if len(text) > 90:
        text = text[:87] + "..."
    return f"unavailable ({text})"


# --------------------------------------------------------------------------------------------
# processes and ports


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_cpu_seconds(pid: int) -> float | None:
    """utime + stime of a process (Linux /proc), or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks
    except (OSError, IndexError, ValueError):
        return None


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
    )
    return env


RESULT_MARK = "@@bench-result@@"


def run_worker(
    module: str,
    func: str,
    timeout: float = 300,
    env: dict[str, str] | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """Run `bench.<module>.<func>(**kwargs)` in a fresh interpreter; return its result dict.

    Each subject (gradserve, torch, numpy, ...) is measured in its own process, so one library's
    thread pools (torch's OpenMP threads spin after each parallel region), allocator state or
    garbage never weigh on another's figures, and torch is never imported next to the engine.
    On failure the dict is {"status": "unavailable (...)"}.
    """
    cmd = [sys.executable, "-m", "bench.worker", module, func, json.dumps(kwargs)]
    full_env = bench_env()
    full_env.update(env or {})
    try:
        proc = subprocess.run(
            cmd,
            cwd=REPO,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"status": f"unavailable (timed out after {timeout:.0f} s)"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :])
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    return {"status": f"unavailable (worker exited {proc.returncode}: {tail[:80]})"}


def worker_figure(
    label: str, module: str, func: str, timeout: float = 300, **kwargs: Any
) -> Figure:
    """A Figure from a worker whose result is {"metrics": {name: [samples]}, "note"?: str}."""
    say(f"{module}.{func} {label}")
    res = run_worker(module, func, timeout=timeout, **kwargs)
    if res.get("status"):
        return Figure(label, status=res["status"])
    values = {k: Stats.of(v) for k, v in res.get("metrics", {}).items() if v}
    return Figure(label, values, note=res.get("note", ""))


@dataclass
class Subject:
    """One thing to measure in a worker: bench.<module>.<func>(**kwargs), shown as `label`."""

    label: str
    module: str
    func: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    env: dict[str, str] | None = None
    skip: str | None = None  # a status instead of a measurement ("skipped (...)")


def interleaved(subjects: list[Subject], rounds: int, timeout: float = 300) -> list[Figure]:
    """Measure subjects in `rounds` rounds, alternating their order, pooling the samples.

    On a shared machine the load drifts; running gradserve and its baselines turn about (each
    round in a fresh process) spreads the drift over all of them instead of charging it to
    whichever ran during a busy minute. A subject that fails once is not run again.
    """
    pooled: dict[str, dict[str, list[float]]] = {s.label: {} for s in subjects}
    status: dict[str, str] = {s.label: s.skip for s in subjects if s.skip}
    notes: dict[str, str] = {}
    for r in range(rounds):
        order = subjects if r % 2 == 0 else subjects[::-1]
        for s in order:
            if s.label in status:
                continue
            say(f"{s.module}.{s.func}: {s.label} (round {r + 1}/{rounds})")
            res = run_worker(s.module, s.func, timeout=timeout, env=s.env, **s.kwargs)
            if res.get("status"):
                status[s.label] = res["status"]
                continue
            for k, v in res.get("metrics", {}).items():
                pooled[s.label].setdefault(k, []).extend(v)
            if res.get("note"):
                notes[s.label] = res["note"]
    figures = []
    for s in subjects:
        if s.label in status:
            figures.append(Figure(s.label, status=status[s.label]))
        else:
            values = {k: Stats.of(v) for k, v in pooled[s.label].items() if v}
            figures.append(Figure(s.label, values, note=notes.get(s.label, "")))
    return figures


# --------------------------------------------------------------------------------------------
# formatting


def fmt_value(v: float, unit: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if unit == "s":
        a = abs(v)
        if a < 1e-3:
            return f"{v * 1e6:.3g} µs"
        if a < 1.0:
            return f"{v * 1e3:.3g} ms"
        return f"{v:.3g} s"
    if unit == "bytes":
        a = abs(v)
        if a >= 1 << 20:
            return f"{v / (1 << 20):.1f} MiB"
        if a >= 1 << 10:
            return f"{v / (1 << 10):.1f} KiB"
        return f"{v:.0f} B"
    if unit == "req/s":
        return f"{v:,.0f}" if v >= 100 else f"{v:.3g}"
    if unit == "%":
        return f"{v:.0f}%"
    if unit == "x":
        return f"{v:.3g}×"
    return f"{v:.4g}"


def fmt_stats(st: Stats, unit: str) -> str:
    med = fmt_value(st.median, unit)
    if st.n <= 1 or st.min == st.max:
        return med
    lo, hi = fmt_value(st.min, unit), fmt_value(st.max, unit)
    # "12.1 µs (11.9 µs–12.8 µs)" reads badly; drop a repeated unit suffix
    lo_num, _, lo_u = lo.partition(" ")
    hi_num, _, hi_u = hi.partition(" ")
    if lo_u and lo_u == hi_u:
        return f"{med} ({lo_num}–{hi_num} {hi_u})"
    return f"{med} ({lo}–{hi})"


def format_section(sec: Section) -> str:
    out = [f"\n== {sec.title} =="]
    header = ["", *[m.name + (f" [{m.unit}]" if m.unit in ("req/s",) else "") for m in sec.metrics]]
    rows = [header]
    for f in sec.figures:
        if f.status is not None:
            rows.append([f.label, f.status] + [""] * (len(sec.metrics) - 1))
            continue
        row = [f.label]
        for m in sec.metrics:
            st = f.values.get(m.name)
            row.append(fmt_stats(st, m.unit) if st is not None else "-")
        rows.append(row)
    status_rows = {i for i, f in enumerate(sec.figures, start=1) if f.status is not None}
    widths = [0] * len(header)
    for i, r in enumerate(rows):
        cells = r[:1] if i in status_rows else r
        for j, cell in enumerate(cells):
            widths[j] = max(widths[j], len(cell))
    for i, r in enumerate(rows):
        if i in status_rows:
            out.append(f"  {r[0]:<{widths[0]}}  {r[1]}")
        else:
            out.append("  " + "  ".join(f"{c:<{widths[j]}}" for j, c in enumerate(r)).rstrip())
    for f in sec.figures:
        if f.note:
            out.append(f"  · {f.label}: {f.note}")
    if sec.comparisons:
        out.append("  ratios gradserve/baseline (medians):")
        for c in sec.comparisons:
            name = f"{c.subject} / {c.baseline}"
            if c.metric != sec.metrics[0].name:
                name += f" [{c.metric}]"
            if c.ratio is None:
                out.append(
                    f"    {name}: n/a — {c.status}"
                    + (f"; target {pretty_target(c.target)}" if c.target else "")
                )
                continue
            line = f"    {name}: {c.ratio:.3g}×"
            if c.target:
                line += f"   target {pretty_target(c.target)}: {c.verdict}"
            out.append(line)
    for n in sec.notes:
        out.append(f"  note: {n}")
    return "\n".join(out)


def pretty_target(t: str) -> str:
    return t.replace("<=", "≤").replace(">=", "≥") + "×"


def section_json(sec: Section) -> dict[str, Any]:
    def stats(st: Stats) -> dict[str, float]:
        return {"median": st.median, "min": st.min, "max": st.max, "n": st.n}

    return {
        "key": sec.key,
        "title": sec.title,
        "metrics": [{"name": m.name, "unit": m.unit} for m in sec.metrics],
        "figures": [
            {
                "label": f.label,
                "status": f.status,
                "note": f.note,
                "values": {k: stats(v) for k, v in f.values.items()},
            }
            for f in sec.figures
        ],
        "comparisons": [
            {
                "subject": c.subject,
                "baseline": c.baseline,
                "metric": c.metric,
                "ratio": c.ratio,
                "target": c.target,
                "verdict": c.verdict or None,
                "status": c.status,
            }
            for c in sec.comparisons
        ],
        "notes": sec.notes,
    }


def say(msg: str) -> None:
    """Progress line on stderr (the report itself goes to stdout)."""
    print(f"  … {msg}", file=sys.stderr, flush=True)


SectionIter = Iterator[Section]
