"""2. Compute-bound: a 2-layer MLP step and a 512×512 matmul chain, forward + backward.

MLP: batch 64, 784→128→10, `F.cross_entropy(relu(x @ W1 + b1) @ W2 + b2, y)`, gradients for the
four parameters. Matmul chain: `(X @ A @ B @ C @ D).sum()` with all five 512×512 float32 leaves
requiring grad. Baselines: torch (when installed) and the same computation written by hand in numpy
(forward and backward), the floor for an engine on numpy. Targets: ≤ 1.25× torch, ≤ 1.1× numpy.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bench.common import (
    TORCH_SKIPPED,
    Config,
    Metric,
    Section,
    SectionIter,
    Subject,
    interleaved,
    per_call,
    torch_available,
    torch_label,
)

MOD = "compute"
B, D_IN, D_HID, D_OUT = 64, 784, 128, 10
M = 512
CHAIN = 4  # matmuls in the chain


def mlp_data(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    f32 = np.float32
    return {
        "x": rng.standard_normal((B, D_IN)).astype(f32),
        "y": rng.integers(0, D_OUT, size=B).astype(np.int64),
        "W1": (rng.standard_normal((D_IN, D_HID)) / np.sqrt(D_IN)).astype(f32),
        "b1": np.zeros(D_HID, f32),
        "W2": (rng.standard_normal((D_HID, D_OUT)) / np.sqrt(D_HID)).astype(f32),
        "b2": np.zeros(D_OUT, f32),
    }


def chain_data(seed: int = 1) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [(rng.standard_normal((M, M)) / np.sqrt(M)).astype(np.float32) for _ in range(CHAIN + 1)]


# --- hand-written numpy ---------------------------------------------------------------------


def mlp_numpy(d: dict[str, np.ndarray]) -> tuple[float, list[np.ndarray]]:
    x, y, W1, b1, W2, b2 = d["x"], d["y"], d["W1"], d["b1"], d["W2"], d["b2"]
    h = x @ W1 + b1
    r = np.maximum(h, 0)
    logits = r @ W2 + b2
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    s = e.sum(axis=1, keepdims=True)
    rows = np.arange(len(y))
    loss = float(np.log(s[:, 0]).mean() - z[rows, y].mean())
    # backward
    p = e / s
    p[rows, y] -= 1
    dlogits = p / np.float32(len(y))
    dW2 = r.T @ dlogits
    db2 = dlogits.sum(axis=0)
    dr = dlogits @ W2.T
    dh = dr * (h > 0)
    dW1 = x.T @ dh
    db1 = dh.sum(axis=0)
    return loss, [dW1, db1, dW2, db2]


def chain_numpy(mats: list[np.ndarray]) -> list[np.ndarray]:
    acts = [mats[0]]
    for w in mats[1:]:
        acts.append(acts[-1] @ w)
    g = np.ones_like(acts[-1])
    grads = []
    for i in range(CHAIN, 0, -1):
        grads.append(acts[i - 1].T @ g)  # d/d mats[i]
        g = g @ mats[i].T
    grads.append(g)  # d/d X
    return grads


# --- the engine and torch (same code, `mod` is either) ---------------------------------------


def mlp_autograd(mod: Any, F: Any, leaves: dict[str, Any]) -> Any:
    h = mod.relu(leaves["x"] @ leaves["W1"] + leaves["b1"])
    logits = h @ leaves["W2"] + leaves["b2"]
    loss = F.cross_entropy(logits, leaves["y"])
    loss.backward()
    for k in ("W1", "b1", "W2", "b2"):
        leaves[k].grad = None
    return loss


def chain_autograd(mod: Any, leaves: list[Any]) -> Any:
    y = leaves[0]
    for w in leaves[1:]:
        y = y @ w
    s = y.sum()
    s.backward()
    for t in leaves:
        t.grad = None
    return s


def mlp_leaves(mod: Any, d: dict[str, np.ndarray]) -> dict[str, Any]:
    out = {}
    for k, v in d.items():
        out[k] = mod.tensor(v.tolist(), dtype=mod.int64 if k == "y" else mod.float32)
        if k in ("W1", "b1", "W2", "b2"):
            out[k].requires_grad_(True)
    return out


def chain_leaves(mod: Any, mats: list[np.ndarray]) -> list[Any]:
    return [mod.tensor(m.tolist(), dtype=mod.float32, requires_grad=True) for m in mats]


def _check_close(name: str, got: Any, want: np.ndarray, notes: list[str]) -> None:
    g = got.detach().numpy() if hasattr(got, "detach") else got
    g = np.asarray(g, dtype=np.float64)
    if g.shape != want.shape or not np.allclose(g, want, rtol=1e-3, atol=1e-4):
        diff = np.max(np.abs(g - want)) if g.shape == want.shape else f"shape {g.shape}"
        notes.append(f"{name} differs from hand-written numpy ({diff})")


def _import(impl: str) -> tuple[Any, Any]:
    if impl == "torch":
        import torch
        import torch.nn.functional as F

        return torch, F
    import engine
    import engine.nn.functional as F

    return engine, F


def mlp(impl: str, repeats: int, inner: int) -> dict[str, Any]:
    """Worker: seconds per MLP step with impl in {"numpy", "gradserve", "torch"}."""
    d = mlp_data()
    want_loss, want_grads = mlp_numpy(d)
    notes: list[str] = []
    if impl == "numpy":
        samples = per_call(lambda: mlp_numpy(d), repeats, inner)
    else:
        mod, F = _import(impl)
        leaves = mlp_leaves(mod, d)
        # correctness first: the same loss and gradients as the hand-written reference
        h = mod.relu(leaves["x"] @ leaves["W1"] + leaves["b1"])
        loss = F.cross_entropy(h @ leaves["W2"] + leaves["b2"], leaves["y"])
        loss.backward()
        _check_close("loss", loss, np.asarray(want_loss), notes)
        for k, g in zip(("W1", "b1", "W2", "b2"), want_grads):
            _check_close(f"grad {k}", leaves[k].grad, g, notes)
        leaves = mlp_leaves(mod, d)
        samples = per_call(lambda: mlp_autograd(mod, F, leaves), repeats, inner)
        if impl == "torch":
            notes.append(f"{mod.get_num_threads()} intra-op threads")
    return {"metrics": {"time per step": samples}, "note": "; ".join(notes)}


def matmul(impl: str, repeats: int, inner: int) -> dict[str, Any]:
    """Worker: seconds per matmul-chain forward + backward."""
    mats = chain_data()
    want = chain_numpy(mats)
    notes: list[str] = []
    if impl == "numpy":
        samples = per_call(lambda: chain_numpy(mats), repeats, inner)
    else:
        mod, _ = _import(impl)
        leaves = chain_leaves(mod, mats)
        y = leaves[0]
        for w in leaves[1:]:
            y = y @ w
        y.sum().backward()
        _check_close("grad X", leaves[0].grad, want[-1], notes)
        _check_close("grad D", leaves[-1].grad, want[0], notes)
        leaves = chain_leaves(mod, mats)
        samples = per_call(lambda: chain_autograd(mod, leaves), repeats, inner)
        if impl == "torch":
            notes.append(f"{mod.get_num_threads()} intra-op threads")
    return {"metrics": {"time per fwd+bwd": samples}, "note": "; ".join(notes)}


def _section(cfg: Config, key: str, title: str, metric: str, func: str, inner: int) -> Section:
    rounds = cfg.pick(3, 1)
    repeats = 3  # per round
    tl = torch_label()
    sec = Section(key, title, [Metric(metric, "s")])
    numpy_label = "numpy (hand-written)"
    runs = [
        ("gradserve", "gradserve"),
        (tl, "torch"),
        (numpy_label, "numpy"),
    ]
    subjects = []
    for label, impl in runs:
        if impl == "torch" and not torch_available():
            subjects.append(Subject(tl, MOD, func, skip=TORCH_SKIPPED))
            continue
        kwargs = {"impl": impl, "repeats": repeats, "inner": inner}
        subjects.append(Subject(label, MOD, func, kwargs))
    sec.figures = interleaved(subjects, rounds)
    sec.compare("gradserve", tl, target="<= 1.25")
    sec.compare("gradserve", numpy_label, target="<= 1.1")
    if torch_available():
        sec.compare(tl, numpy_label)
    if cfg.threads is None:
        sec.notes.append(
            "BLAS/OpenMP threads are the libraries' defaults; their worker threads spin between "
            "ops, so on a busy machine these figures swing widely (`--threads 1` steadies them)"
        )
    return sec


def run(cfg: Config) -> SectionIter:
    yield _section(
        cfg,
        "compute_mlp",
        f"2a. Compute: 2-layer MLP step (batch {B}, {D_IN}→{D_HID}→{D_OUT}, cross-entropy), "
        "forward + backward",
        "time per step",
        "mlp",
        cfg.pick(100, 30),
    )
    sec = _section(
        cfg,
        "compute_matmul",
        f"2b. Compute: {M}×{M} float32 matmul chain X@A@B@C@D, .sum(), backward to all 5 leaves",
        "time per fwd+bwd",
        "matmul",
        cfg.pick(10, 4),
    )
    sec.notes.append(
        "torch multiplies with its own BLAS; gradserve and the numpy baseline share numpy's"
    )
    yield sec
