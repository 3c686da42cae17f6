"""Live differential test against real torch (marker `torch`; skipped when torch is missing).

The committed goldens pin torch's answers for fixed inputs. This test re-runs every golden
expression on *fresh* random inputs of the same shapes and dtypes in both torch and the engine
and compares values, dtypes, grad_fn names, the graph's edges and gradients — it catches formulas that happen to be
right only at the recorded points. Run it with `pip install torch==2.13.0` in the venv:
`pytest -m torch tests/engine/test_differential.py`.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import engine
import engine.nn.functional as engine_F
from tests.engine.goldens.recording import graph_edges

real_torch = pytest.importorskip("torch")
import torch.nn.functional as torch_F  # noqa: E402

pytestmark = pytest.mark.torch

DATA = Path(__file__).resolve().parent / "data" / "op_goldens.json"
CASES = [
    c
    for c in json.loads(DATA.read_text())["cases"]
    if c["error"] is None and c["group"] in ("grad_fn_names", "random", "broadcast")
]
TOL = {"float32": (1e-4, 1e-5), "float64": (1e-9, 1e-10), "float16": (1e-2, 1e-2)}


def fresh_inputs(case: dict[str, Any], seed: int) -> list[tuple[str, np.ndarray, bool]]:
    """New values for each input, keeping integer inputs (indices, targets) as recorded."""
    rng = np.random.default_rng(seed)
    out = []
    for spec in case["inputs"]:
        recorded = np.array(
            [float(v) if isinstance(v, str) else v for v in spec["values"]], dtype=spec["dtype"]
        ).reshape(spec["shape"])
        if recorded.dtype.kind == "f" and spec.get("requires_grad"):
            lo, hi = (0.2, 1.5) if (recorded > 0).all() else (-1.5, 1.5)
            if ((recorded >= 0) & (recorded <= 1)).all():
                lo, hi = 0.05, 0.95  # probabilities stay probabilities
            values = rng.uniform(lo, hi, recorded.shape).astype(recorded.dtype)
        else:
            values = recorded
        out.append((spec["name"], values, bool(spec.get("requires_grad"))))
    return out


def evaluate(
    lib: Any, functional: Any, case: dict[str, Any], inputs: list[Any]
) -> tuple[Any, dict[str, Any]]:
    namespace: dict[str, Any] = {"torch": lib, "F": functional}
    for name, values, requires_grad in inputs:
        t = lib.tensor(values.tolist(), dtype=getattr(lib, str(values.dtype)))
        namespace[name] = t.requires_grad_() if requires_grad else t
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = eval(case["expr"], namespace)  # test data committed in this repo, not user input
        if out.requires_grad:
            out.backward(lib.ones_like(out))
    grads = {
        name: namespace[name].grad
        for name, _, rg in inputs
        if rg and namespace[name].grad is not None
    }
    return out, grads


def as_numpy(t: Any) -> np.ndarray:
    return np.asarray(t.detach().tolist(), dtype=str(t.dtype).removeprefix("torch."))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_engine_matches_live_torch_on_fresh_inputs(case: dict[str, Any]) -> None:
    inputs = fresh_inputs(case, seed=sum(map(ord, case["id"])))
    try:
        ours, our_grads = evaluate(engine, engine_F, case, inputs)
    except Exception as err:  # then torch must fail the same way on these inputs
        with pytest.raises(Exception) as theirs_err:
            evaluate(real_torch, torch_F, case, inputs)
        assert type(theirs_err.value).__name__ == type(err).__name__
        assert str(theirs_err.value).split(" (Triggered internally at")[0] == str(err)
        return
    theirs, their_grads = evaluate(real_torch, torch_F, case, inputs)
    assert str(ours.dtype) == str(theirs.dtype)
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert (ours.grad_fn.name() if ours.grad_fn else None) == (
        theirs.grad_fn.name() if theirs.grad_fn else None
    )
    if theirs.grad_fn is not None:  # the same edges, None where torch has no edge
        assert graph_edges(ours.grad_fn) == graph_edges(theirs.grad_fn)
    rtol, atol = TOL.get(str(theirs.dtype).removeprefix("torch."), (0, 0))
    np.testing.assert_allclose(
        as_numpy(ours), as_numpy(theirs), rtol=rtol, atol=atol, equal_nan=True
    )
    assert sorted(our_grads) == sorted(their_grads)
    for name, g in their_grads.items():
        np.testing.assert_allclose(
            as_numpy(our_grads[name]), as_numpy(g), rtol=rtol * 10, atol=atol * 10, equal_nan=True
        )
