"""Replay golden values recorded from real torch against the engine (torch is not needed).

The data (tests/engine/data/op_goldens.json) comes from tests/engine/goldens/record_ops.py; see
tests/engine/goldens/README.md. Each case is a torch expression over named inputs. It is
evaluated with `import engine as torch; import engine.nn.functional as F` and compared with what
torch did: shape, dtype, grad_fn name, graph, flags, values, warnings, the gradients after
`out.backward(upstream)`, and what a second backward does. Error cases compare the exception
class name and message.

With GOLDENS_BACKEND=torch the same tests run against real torch (to check data and harness).
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.engine.goldens.recording import graph_names, warning_list

BACKEND = os.environ.get("GOLDENS_BACKEND", "engine")
IMPORT_ERROR: ImportError | None = None
if BACKEND == "torch":
    import torch
    import torch.nn.functional as F
else:
    try:
        import engine as torch
        import engine.nn.functional as F
    except ImportError as e:  # the engine is still being written: fail each test, not collection
        IMPORT_ERROR = e

DATA = Path(__file__).resolve().parent / "data" / "op_goldens.json"
GOLDEN: dict[str, Any] = json.loads(DATA.read_text())
CASES: list[dict[str, Any]] = GOLDEN["cases"]
# (rtol, atol) per dtype for values and gradients
TOLERANCES = {"float16": (1e-3, 1e-3), "float32": (1e-5, 1e-6), "float64": (1e-10, 1e-10)}


def case_params(cases: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(c, id=c["id"]) for c in cases]


FORWARD_CASES = case_params(CASES)
BACKWARD_CASES = case_params([c for c in CASES if c.get("backward") in ("ok", "error")])
SECOND_CASES = case_params([c for c in CASES if c.get("backward") == "ok"])


# ---------------------------------------------------------------------------------------------
# helpers


@pytest.fixture(autouse=True)
def _fresh_warn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each case sees the engine's warn-once messages as a fresh process would (the recording
    ran each once-warning case first); an earlier test or a property test's random program must
    not have spent them."""
    if BACKEND == "engine" and IMPORT_ERROR is None:
        from engine.ops import shape

        monkeypatch.setattr(shape, "_warned", set())


def decode(enc: dict[str, Any]) -> np.ndarray:
    """A recorded {values, shape, dtype} as a numpy array ("NaN"/"Infinity" strings decoded)."""
    values = [float(v) if isinstance(v, str) else v for v in enc["values"]]
    return np.array(values, dtype=enc["dtype"]).reshape(enc["shape"])


def make_tensor(enc: dict[str, Any], requires_grad: bool = False) -> Any:
    t = torch.tensor(decode(enc).tolist(), dtype=getattr(torch, enc["dtype"]))
    if requires_grad:
        t.requires_grad_()
    return t


def to_numpy(t: Any) -> np.ndarray:
    return t.detach().numpy()


def dtype_str(t: Any) -> str:
    return str(t.dtype)


def preview(arr: np.ndarray, n: int = 8) -> str:
    flat = arr.reshape(-1)
    more = f" ... ({flat.size} values)" if flat.size > n else ""
    return f"{flat[:n].tolist()}{more}"


def compare_values(what: str, actual: np.ndarray, expected: dict[str, Any]) -> list[str]:
    """Mismatches between actual and a recorded array: shape, NaN/inf pattern, allclose."""
    exp = decode(expected)
    if tuple(actual.shape) != tuple(exp.shape):
        return [f"{what}: shape {tuple(actual.shape)} != torch {tuple(exp.shape)}"]
    if exp.dtype.kind != "f":
        if not np.array_equal(actual, exp):
            return [f"{what}: {preview(actual)} != torch {preview(exp)}"]
        return []
    rtol, atol = TOLERANCES[exp.dtype.name]
    a = np.asarray(actual, dtype=np.float64)
    e = exp.astype(np.float64)
    same_nan = np.array_equal(np.isnan(a), np.isnan(e))
    same_inf = np.array_equal(np.isinf(a), np.isinf(e)) and np.array_equal(
        a[np.isinf(e)], e[np.isinf(e)]
    )
    finite = np.isfinite(e) & np.isfinite(a)
    close = np.allclose(a[finite], e[finite], rtol=rtol, atol=atol)
    if same_nan and same_inf and close:
        return []
    return [f"{what}: {preview(a)} != torch {preview(e)} (rtol={rtol}, atol={atol})"]


def exception_problems(what: str, err: BaseException | None, expected: dict[str, str]) -> list[str]:
    want = f"{expected['type']}: {expected['message']}"
    if err is None:
        return [f"{what}: no exception, torch raised {want}"]
    got = f"{type(err).__name__}: {err}"
    return [] if got == want else [f"{what}: raised {got!r}\n  torch raised {want!r}"]


@dataclass
class Forward:
    inputs: dict[str, Any]
    out: Any = None
    error: BaseException | None = None
    warnings: list[list[str]] = field(default_factory=list)


def run_forward(case: dict[str, Any]) -> Forward:
    if IMPORT_ERROR is not None:
        pytest.fail(f"engine not importable: {IMPORT_ERROR!r}")
    inputs = {i["name"]: make_tensor(i, i["requires_grad"]) for i in case["inputs"]}
    fw = Forward(inputs)
    namespace: dict[str, Any] = {"torch": torch, "F": F, **inputs}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fw.out = eval(case["expr"], namespace)  # test data committed with the repo
        except Exception as e:
            fw.error = e
    fw.warnings = warning_list(caught)
    return fw


def forward_ok(case: dict[str, Any]) -> Forward:
    """Forward for a case torch evaluated without error; re-raises the engine's error if any."""
    fw = run_forward(case)
    if fw.error is not None:
        raise fw.error
    return fw


def grad_problems(case: dict[str, Any], fw: Forward, expected: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for name, exp in expected.items():
        g = fw.inputs[name].grad
        if exp is None:
            if g is not None:
                problems.append(f"{name}.grad: expected None, got {preview(to_numpy(g))}")
            continue
        if g is None:
            problems.append(f"{name}.grad: None, torch {preview(decode(exp))}")
            continue
        if dtype_str(g) != "torch." + exp["dtype"]:
            problems.append(f"{name}.grad dtype: {dtype_str(g)} != torch.{exp['dtype']}")
        problems += compare_values(f"{name}.grad", to_numpy(g), exp)
    return problems


def report(case: dict[str, Any], problems: list[str]) -> None:
    assert not problems, f"{case['expr']}\n" + "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# tests


@pytest.mark.parametrize("case", FORWARD_CASES)
def test_forward(case: dict[str, Any]) -> None:
    """Output value, shape, dtype, flags, grad_fn, graph and warnings (or the error)."""
    fw = run_forward(case)
    problems: list[str] = []
    if fw.warnings != case["warnings"]:
        problems.append(f"warnings: {fw.warnings} != torch {case['warnings']}")
    if case["error"] is not None:
        problems += exception_problems("forward", fw.error, case["error"])
        report(case, problems)
        return
    if fw.error is not None:
        raise fw.error
    out, exp = fw.out, case["out"]
    if list(out.shape) != exp["shape"]:
        problems.append(f"shape: {list(out.shape)} != torch {exp['shape']}")
    if dtype_str(out) != "torch." + exp["dtype"]:
        problems.append(f"dtype: {dtype_str(out)} != torch.{exp['dtype']}")
    if out.requires_grad != exp["requires_grad"]:
        problems.append(f"requires_grad: {out.requires_grad} != torch {exp['requires_grad']}")
    if out.is_leaf != exp["is_leaf"]:
        problems.append(f"is_leaf: {out.is_leaf} != torch {exp['is_leaf']}")
    grad_fn = None if out.grad_fn is None else out.grad_fn.name()
    if grad_fn != exp["grad_fn"]:
        problems.append(f"grad_fn: {grad_fn} != torch {exp['grad_fn']}")
    graph = graph_names(out.grad_fn)
    if graph != exp["graph"]:
        problems.append(f"graph: {graph} != torch {exp['graph']}")
    problems += compare_values("value", to_numpy(out), exp)
    report(case, problems)


@pytest.mark.parametrize("case", BACKWARD_CASES)
def test_backward(case: dict[str, Any]) -> None:
    """Every input's .grad after out.backward(upstream)."""
    fw = forward_ok(case)
    upstream = make_tensor(case["upstream"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fw.out.backward(upstream)
            error = None
        except Exception as e:
            error = e
    problems: list[str] = []
    if warning_list(caught) != case["backward_warnings"]:
        problems.append(f"warnings: {warning_list(caught)} != torch {case['backward_warnings']}")
    if case["backward"] == "error":
        problems += exception_problems("backward", error, case["backward_error"])
        report(case, problems)
        return
    if error is not None:
        raise error
    problems += grad_problems(case, fw, case["grads"])
    report(case, problems)


@pytest.mark.parametrize("case", SECOND_CASES)
def test_second_backward(case: dict[str, Any]) -> None:
    """A second out.backward(upstream) without retain_graph: raises iff torch did; grads after."""
    fw = forward_ok(case)
    upstream = make_tensor(case["upstream"])
    fw.out.backward(upstream)
    first = {
        name: None if t.grad is None else to_numpy(t.grad).copy() for name, t in fw.inputs.items()
    }
    try:
        fw.out.backward(upstream)
        error = None
    except Exception as e:
        error = e
    problems: list[str] = []
    expected_error = case["second_backward_error"]
    if expected_error is None:
        if error is not None:
            problems.append(f"second backward raised {type(error).__name__}: {error}")
    else:
        problems += exception_problems("second backward", error, expected_error)
    for name, status in case["second_backward_grads"].items():
        g = fw.inputs[name].grad
        g1 = first[name]
        after = None if g is None else to_numpy(g)
        if status is None or isinstance(status, dict):
            problems += grad_problems(case, fw, {name: status})
        elif after is None or g1 is None:
            problems.append(f"{name}.grad after second backward: None (torch: {status})")
        else:
            want = g1 if status == "unchanged" else g1 + g1
            exp = {"values": want.reshape(-1).tolist(), "shape": list(want.shape)}
            exp["dtype"] = want.dtype.name
            got = compare_values(f"{name}.grad after second backward ({status})", after, exp)
            problems += got
    report(case, problems)


@pytest.mark.parametrize("case", SECOND_CASES)
def test_array_and_graph_derivatives_agree(case: dict[str, Any]) -> None:
    """Gradients without create_graph (each derivative's fast array form, where it has one)
    equal those built as a graph of ops (create_graph=True): same dtype, shape and values."""
    fw = forward_ok(case)
    leaves = [t for t in fw.inputs.values() if t.requires_grad]
    upstream = make_tensor(case["upstream"])
    kwargs: dict[str, Any] = {"grad_outputs": upstream, "allow_unused": True}
    raw = torch.autograd.grad(fw.out, leaves, retain_graph=True, **kwargs)
    graph = torch.autograd.grad(fw.out, leaves, create_graph=True, **kwargs)
    problems: list[str] = []
    for i, (a, b) in enumerate(zip(raw, graph)):
        if (a is None) != (b is None):
            problems.append(f"input {i}: {a is None=} but {b is None=}")
        elif a is not None:
            if dtype_str(a) != dtype_str(b) or tuple(a.shape) != tuple(b.shape):
                problems.append(
                    f"input {i}: {a.dtype}{tuple(a.shape)} != {b.dtype}{tuple(b.shape)}"
                )
            elif not np.allclose(to_numpy(a), to_numpy(b), rtol=1e-6, atol=1e-7, equal_nan=True):
                problems.append(f"input {i}: {preview(to_numpy(a))} != {preview(to_numpy(b))}")
    report(case, problems)
