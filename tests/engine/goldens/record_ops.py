"""Record golden values from real torch for tests/engine/test_goldens.py.

Run by hand, in a scratch venv that has torch (never a project dependency):

    /tmp/goldvenv/bin/python tests/engine/goldens/record_ops.py [path/to/torch-grad-fn-names.json]

Writes tests/engine/data/op_goldens.json. Every case is a torch expression over named inputs; the
script evaluates it with torch and stores the output, the graph, the gradients after
`out.backward(upstream)` and what a second backward does (see README.md beside this file).
The output is deterministic: input values come from seeded generators keyed by the case id.
"""

from __future__ import annotations

import json
import random
import sys
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from recording import graph_names, warning_list  # beside this script: pure, no torch, no engine

HERE = Path(__file__).resolve().parent
OUT_PATH = HERE.parent / "data" / "op_goldens.json"
DEFAULT_REFERENCE = Path("/work/shared/reference/torch-grad-fn-names.json")
N_RANDOM = 320
MAX_NUMEL = 48

FLOAT_DTYPES = ("float16", "float32", "float64")


# ---------------------------------------------------------------------------------------------
# input descriptors


@dataclass(frozen=True)
class R:
    """A random input: uniform in [lo, hi), rounded to 3 decimals."""

    shape: tuple[int, ...]
    lo: float = -2.0
    hi: float = 2.0
    dtype: str = "float32"
    rg: bool = True


@dataclass(frozen=True)
class V:
    """An input with explicit (nested) values."""

    values: Any
    dtype: str = "float32"
    rg: bool = True


def C(shape: tuple[int, ...], lo: float = -2.0, hi: float = 2.0, dtype: str = "float32") -> R:
    """A random constant (no grad)."""
    return R(shape, lo, hi, dtype, rg=False)


def Ix(values: Any) -> V:
    """An int64 index/target input (no grad)."""
    return V(values, "int64", rg=False)


@dataclass
class Inp:
    name: str
    array: np.ndarray
    requires_grad: bool


@dataclass
class Spec:
    id: str
    group: str
    expr: str
    inputs: list[Inp]
    upstream: Any = "random"  # "random", "ones", or explicit nested values
    note: str = ""
    expect: dict[str, Any] = field(default_factory=dict)  # facts-sheet values, checked not stored


def seed_of(key: str) -> int:
    return zlib.crc32(key.encode())


def materialize(case_id: str, descs: dict[str, R | V]) -> list[Inp]:
    rng = np.random.default_rng(seed_of(case_id))
    out: list[Inp] = []
    for name, d in descs.items():
        if isinstance(d, R):
            arr = np.round(rng.uniform(d.lo, d.hi, d.shape), 3).astype(d.dtype)
        else:
            arr = np.array(d.values, dtype=d.dtype)
        out.append(Inp(name, arr, d.rg))
    return out


def spec(
    case_id: str,
    group: str,
    expr: str,
    upstream: Any = "random",
    note: str = "",
    expect: dict[str, Any] | None = None,
    **descs: R | V,
) -> Spec:
    return Spec(case_id, group, expr, materialize(case_id, descs), upstream, note, expect or {})


# ---------------------------------------------------------------------------------------------
# JSON encoding


def enc_float(x: float, dtype: str) -> float | str:
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if dtype == "float64":
        return float(x)
    return float(str(np.dtype(dtype).type(x)))  # shortest repr that round-trips in that dtype


def enc_values(arr: np.ndarray) -> list[Any]:
    flat = arr.reshape(-1)
    name = arr.dtype.name
    if name == "bool":
        return [bool(v) for v in flat]
    if name in FLOAT_DTYPES:
        return [enc_float(v, name) for v in flat]
    return [int(v) for v in flat]


def enc_array(arr: np.ndarray) -> dict[str, Any]:
    return {"values": enc_values(arr), "shape": list(arr.shape), "dtype": arr.dtype.name}


def dtype_name(t: torch.Tensor) -> str:
    return str(t.dtype).removeprefix("torch.")


def to_numpy(t: torch.Tensor) -> np.ndarray:
    return t.detach().numpy()


# ---------------------------------------------------------------------------------------------
# running one case with torch


def build_inputs(inputs: list[Inp]) -> dict[str, torch.Tensor]:
    tensors: dict[str, torch.Tensor] = {}
    for inp in inputs:
        t = torch.tensor(inp.array.tolist(), dtype=getattr(torch, inp.array.dtype.name))
        if inp.requires_grad:
            t.requires_grad_()
        tensors[inp.name] = t
    return tensors


def make_upstream(s: Spec, out: torch.Tensor) -> np.ndarray:
    np_dtype = np.dtype(dtype_name(out))
    if isinstance(s.upstream, str) and s.upstream == "ones":
        return np.ones(tuple(out.shape), dtype=np_dtype)
    if isinstance(s.upstream, str) and s.upstream == "random":
        rng = np.random.default_rng(seed_of(s.id + "/upstream"))
        return np.round(rng.uniform(-1.0, 1.0, tuple(out.shape)), 3).astype(np_dtype)
    return np.array(s.upstream, dtype=np_dtype).reshape(tuple(out.shape))


def same_values(x: np.ndarray, y: np.ndarray) -> bool:
    return x.shape == y.shape and bool(np.array_equal(x, y, equal_nan=True))


def err_dict(e: BaseException) -> dict[str, str]:
    return {"type": type(e).__name__, "message": str(e)}


def run_case(s: Spec) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": s.id,
        "group": s.group,
        "expr": s.expr,
        "inputs": [
            {"name": i.name, **enc_array(i.array), "requires_grad": i.requires_grad}
            for i in s.inputs
        ],
    }
    if s.note:
        rec["note"] = s.note
    tensors = build_inputs(s.inputs)
    ns: dict[str, Any] = {"torch": torch, "F": F, **tensors}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = eval(s.expr, ns)
            error = None
        except Exception as e:
            error = err_dict(e)
    rec["warnings"] = warning_list(caught)
    if error is not None:
        rec["error"] = error
        return rec
    assert isinstance(out, torch.Tensor), f"{s.id}: expression did not give a tensor"
    rec["error"] = None
    rec["out"] = {
        **enc_array(to_numpy(out)),
        "requires_grad": out.requires_grad,
        "is_leaf": out.is_leaf,
        "grad_fn": None if out.grad_fn is None else out.grad_fn.name(),
        "graph": graph_names(out.grad_fn),
    }
    if not out.requires_grad or dtype_name(out) not in FLOAT_DTYPES:
        rec["backward"] = "skipped: output does not require grad"
        return rec
    up_np = make_upstream(s, out)
    rec["upstream"] = enc_array(up_np)
    upstream = torch.tensor(up_np.tolist(), dtype=out.dtype)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out.backward(upstream)
            bw_error = None
        except Exception as e:
            bw_error = err_dict(e)
    rec["backward_warnings"] = warning_list(caught)
    if bw_error is not None:
        rec["backward"] = "error"
        rec["backward_error"] = bw_error
        return rec
    rec["backward"] = "ok"
    first: dict[str, np.ndarray | None] = {}
    for inp in s.inputs:
        g = tensors[inp.name].grad
        first[inp.name] = None if g is None else to_numpy(g).copy()
    rec["grads"] = {k: None if g is None else enc_array(g) for k, g in first.items()}
    try:
        out.backward(upstream)
        rec["second_backward_fails"] = False
        rec["second_backward_error"] = None
    except Exception as e:
        rec["second_backward_fails"] = isinstance(e, RuntimeError) and str(e).startswith(
            "Trying to backward through the graph a second time"
        )
        rec["second_backward_error"] = err_dict(e)
    after: dict[str, Any] = {}
    for inp in s.inputs:
        g1 = first[inp.name]
        g2t = tensors[inp.name].grad
        g2 = None if g2t is None else to_numpy(g2t)
        if g1 is None and g2 is None:
            after[inp.name] = None
        elif g1 is not None and g2 is not None and same_values(g2, g1):
            after[inp.name] = "unchanged"
        elif g1 is not None and g2 is not None and same_values(g2, g1 + g1):
            after[inp.name] = "doubled"
        else:
            after[inp.name] = None if g2 is None else enc_array(g2)
    rec["second_backward_grads"] = after
    return rec


# ---------------------------------------------------------------------------------------------
# group a: every entry of the reference grad_fn table

M = (-1.0, 1.0)  # value range for matmul operands
POS = (0.2, 3.0)


def ref_specs() -> list[Spec]:
    out: list[Spec] = []

    def ref(key: str, expr: str, **descs: R | V) -> None:
        out.append(spec(f"ref-{key}", "grad_fn_names", expr, **descs))

    s23 = (2, 3)
    ref("add", "a + b", a=R(s23), b=R(s23))
    ref("add_scalar", "a + 2", a=R(s23))
    ref("radd_scalar", "2 + a", a=R(s23))
    ref("add_alpha", "torch.add(a, b, alpha=2)", a=R(s23), b=R(s23))
    ref("sub", "a - b", a=R(s23), b=R(s23))
    ref("sub_scalar", "a - 2", a=R(s23))
    ref("rsub_scalar", "2 - a", a=R(s23))
    ref("mul", "a * b", a=R(s23), b=R(s23))
    ref("mul_scalar", "a * 3", a=R(s23))
    ref("rmul_scalar", "3 * a", a=R(s23))
    ref("mul_const_tensor", "a * c", a=R(s23), c=C(s23))
    ref("mul_self", "a * a", a=R(s23))
    ref("div", "a / b", a=R(s23), b=R(s23, 0.5, 2.0))
    ref("div_scalar", "a / 2", a=R(s23))
    ref("rdiv_scalar", "2 / a", a=R(s23, 0.5, 2.0))
    ref("reciprocal", "a.reciprocal()", a=R(s23, 0.5, 2.0))
    ref("neg", "-a", a=R(s23))
    ref("pow_scalar", "a ** 2", a=R(s23))
    ref("pow_scalar_half", "a ** 0.5", a=R(s23, *POS))
    ref("pow_one", "a ** 1", a=R(s23))
    ref("pow_tensor", "a ** b", a=R(s23, 0.5, 2.0), b=R(s23))
    ref("rpow_scalar", "2 ** a", a=R(s23))
    ref("square", "a.square()", a=R(s23))
    ref("exp", "a.exp()", a=R(s23))
    ref("log", "a.log()", a=R(s23, *POS))
    ref("sin", "a.sin()", a=R(s23))
    ref("cos", "a.cos()", a=R(s23))
    ref("tanh", "a.tanh()", a=R(s23))
    ref("sigmoid", "a.sigmoid()", a=R(s23))
    ref("relu", "a.relu()", a=R(s23))
    ref("F.relu", "F.relu(a)", a=R(s23))
    ref("sqrt", "a.sqrt()", a=R(s23, *POS))
    ref("rsqrt", "a.rsqrt()", a=R(s23, *POS))
    ref("abs", "a.abs()", a=R(s23))
    ref("sign", "a.sign()", a=R(s23))
    ref("log1p", "a.log1p()", a=R(s23, -0.5, 2.0))
    ref("expm1", "a.expm1()", a=R(s23))
    ref("sum", "a.sum()", a=R(s23))
    ref("sum_dim", "a.sum(dim=0)", a=R(s23))
    ref("sum_dim_keepdim", "a.sum(1, keepdim=True)", a=R(s23))
    ref("mean", "a.mean()", a=R(s23))
    ref("mean_dim", "a.mean(dim=1)", a=R(s23))
    ref("prod", "a.prod()", a=R(s23, 0.5, 1.5))
    ref("var", "a.var()", a=R(s23))
    ref("std", "a.std()", a=R(s23))
    ref("norm", "a.norm()", a=R(s23))
    ref("logsumexp", "a.logsumexp(0)", a=R(s23))
    ref("cumsum", "a.cumsum(0)", a=R(s23))
    ref("mm", "a.mm(b)", a=R(s23, *M), b=R((3, 4), *M))
    ref("matmul_1d_1d", "a @ b", a=R((3,), *M), b=R((3,), *M))
    ref("matmul_2d_2d", "a @ b", a=R((2, 3), *M), b=R((3, 4), *M))
    ref("matmul_2d_1d", "a @ b", a=R((2, 3), *M), b=R((3,), *M))
    ref("matmul_1d_2d", "a @ b", a=R((3,), *M), b=R((3, 4), *M))
    ref("matmul_3d_3d", "a @ b", a=R((5, 2, 3), *M), b=R((5, 3, 4), *M))
    ref("matmul_3d_2d", "a @ b", a=R((5, 2, 3), *M), b=R((3, 4), *M))
    ref("matmul_2d_3d", "a @ b", a=R((2, 3), *M), b=R((5, 3, 4), *M))
    ref("matmul_3d_1d", "a @ b", a=R((5, 2, 3), *M), b=R((3,), *M))
    ref("bmm", "torch.bmm(a, b)", a=R((2, 2, 3), *M), b=R((2, 3, 4), *M))
    ref("dot", "torch.dot(a, b)", a=R((3,), *M), b=R((3,), *M))
    ref("mv", "torch.mv(a, b)", a=R((2, 3), *M), b=R((3,), *M))
    ref("linear", "F.linear(x, W, b)", x=R((2, 3), *M), W=R((4, 3), *M), b=R((4,), *M))
    ref("linear_1d", "F.linear(x1d, W, b)", x1d=R((3,), *M), W=R((4, 3), *M), b=R((4,), *M))
    ref("view", "a.view(6)", a=R(s23))
    ref("reshape", "a.reshape(6)", a=R(s23))
    ref("reshape_noncontig", "a.t().reshape(6)", a=R(s23))
    ref("flatten", "a.flatten()", a=R(s23))
    ref("t", "a.t()", a=R(s23))
    ref("T", "a.T", a=R(s23))
    ref("mT", "a.mT", a=R(s23))
    ref("permute", "a.permute(1, 0)", a=R(s23))
    ref("transpose", "a.transpose(0, 1)", a=R(s23))
    ref("select", "a[0]", a=R(s23))
    ref("select_2", "a[0, 1]", a=R(s23))
    ref("slice", "a[1:]", a=R((3, 2)))
    ref("slice_step", "a[::2]", a=R((3, 2)))
    ref("slice_full", "a[:]", a=R((3, 2)))
    ref("index_list", "a[[0, 2]]", a=R((3, 2)))
    ref("index_tensor", "a[torch.tensor([0, 2])]", a=R((3, 2)))
    ref("index_mask", "a[a > 1]", a=R(s23, 0.0, 2.0))
    ref("index_none", "a[:, None]", a=R(s23))
    ref("index_ellipsis0", "a[..., 0]", a=R(s23))
    ref("gather", "a.gather(0, idx)", a=R((3, 2)), idx=Ix([[0, 2], [1, 0], [2, 2]]))
    ref("index_select", "a.index_select(0, idx)", a=R((3, 2)), idx=Ix([2, 0, 2]))
    ref("max", "a.max()", a=R(s23))
    ref("max_dim", "a.max(dim=0).values", a=R(s23))
    ref("min", "a.min()", a=R(s23))
    ref("min_dim", "a.min(dim=0).values", a=R(s23))
    ref("amax", "a.amax()", a=R(s23))
    ref("amax_dim", "a.amax(dim=0)", a=R(s23))
    ref("amin", "a.amin()", a=R(s23))
    ref("maximum", "torch.maximum(a, b)", a=R(s23), b=R(s23))
    ref("minimum", "torch.minimum(a, b)", a=R(s23), b=R(s23))
    ref("softmax", "a.softmax(dim=0)", a=R(s23))
    ref("F.softmax", "F.softmax(a, dim=-1)", a=R(s23))
    ref("log_softmax", "a.log_softmax(dim=0)", a=R(s23))
    ref("clamp", "a.clamp(0.8, 1.5)", a=R(s23, 0.0, 2.5))
    ref("clamp_min", "a.clamp(min=0.8)", a=R(s23, 0.0, 2.5))
    ref("clamp_max", "a.clamp(max=1.5)", a=R(s23, 0.0, 2.5))
    ref(
        "clamp_tensor",
        "a.clamp(lo_t, hi_t)",
        a=R(s23, 0.0, 2.5),
        lo_t=R(s23, 0.0, 1.0),
        hi_t=R(s23, 1.2, 2.0),
    )
    ref("where", "torch.where(a > 1, a, b)", a=R(s23, 0.0, 2.0), b=R(s23))
    ref("where_scalar", "torch.where(a > 1, a, 0.)", a=R(s23, 0.0, 2.0))
    ref("cat", "torch.cat([a, b])", a=R(s23), b=R((1, 3)))
    ref("stack", "torch.stack([a, b])", a=R(s23), b=R(s23))
    ref("unsqueeze", "a.unsqueeze(0)", a=R(s23))
    ref("squeeze", "a.squeeze()", a=R((1, 3, 1)))
    ref("squeeze_dim", "a.squeeze(0)", a=R((1, 3)))
    ref("squeeze_dims", "a.squeeze((0, 2))", a=R((1, 3, 1)))
    ref("expand", "a.expand(2, 3)", a=R((3,)))
    ref("repeat", "a.repeat(2)", a=R((3,)))
    ref("clone", "a.clone()", a=R(s23))
    ref("to_double", "a.double()", a=R(s23))
    ref("contiguous_nc", "a.t().contiguous()", a=R(s23))
    ref("leaky_relu", "F.leaky_relu(a)", a=R(s23))
    ref("gelu", "F.gelu(a)", a=R(s23))
    ref("softplus", "F.softplus(a)", a=R(s23))
    ref("elu", "F.elu(a)", a=R(s23))
    ref("hardtanh", "F.hardtanh(a)", a=R(s23))
    ref("relu6", "F.relu6(a)", a=R((2, 4), -2.0, 8.0))
    ref("silu", "F.silu(a)", a=R(s23))
    ref("clamp_min_method", "a.clamp_min(0.8)", a=R(s23, 0.0, 2.0))
    ref("masked_fill", "a.masked_fill(a > 1, 0.)", a=R(s23, 0.0, 2.0))
    ref("exp2", "a.exp2()", a=R(s23))
    ref("log2", "a.log2()", a=R(s23, *POS))
    ref("log10", "a.log10()", a=R(s23, *POS))
    ref("tan", "a.tan()", a=R(s23, -1.2, 1.2))
    ref("atan", "a.atan()", a=R(s23))
    ref("sinh", "a.sinh()", a=R(s23))
    ref("div_floor", "a.div(b, rounding_mode='floor')", a=R(s23), b=R(s23, 0.5, 2.0))
    ref("round", "a.round()", a=R(s23))
    ref("floor", "a.floor()", a=R(s23))
    ref("outer", "a.outer(b)", a=R((3,)), b=R((4,)))
    ref("einsum_dot", "torch.einsum('i,i->', a, b)", a=R((3,)), b=R((3,)))
    ref("flip", "a.flip(0)", a=R(s23))
    ref("roll", "a.roll(1)", a=R(s23))
    ref("cumprod", "a.cumprod(0)", a=R((3, 2)))
    ref("sum_dims_empty", "a.sum(dim=())", a=R(s23))
    ref("mean_dims_tuple", "a.mean((0, 1))", a=R(s23))
    ref("T_1d", "a.T", a=R((3,)))
    ref("view_neg1", "a.view(-1)", a=R(s23))
    ref("mse_loss", "F.mse_loss(p, t)", p=R(s23), t=C(s23))
    ref("mse_loss_sum", "F.mse_loss(p, t, reduction='sum')", p=R(s23), t=C(s23))
    ref("mse_loss_none", "F.mse_loss(p, t, reduction='none')", p=R(s23), t=C(s23))
    ref("l1_loss", "F.l1_loss(p, t)", p=R(s23), t=C(s23))
    ref("cross_entropy", "F.cross_entropy(logits, target)", logits=R(s23), target=Ix([2, 0]))
    ref(
        "cross_entropy_probs",
        "F.cross_entropy(logits, target)",
        logits=R(s23),
        target=V([[0.2, 0.3, 0.5], [0.1, 0.6, 0.3]], rg=False),
    )
    ref("nll_loss", "F.nll_loss(logp, target)", logp=R(s23, -3.0, -0.1), target=Ix([1, 2]))
    ref(
        "binary_cross_entropy",
        "F.binary_cross_entropy(p, t)",
        p=R(s23, 0.05, 0.95),
        t=V([[0.0, 1.0, 1.0], [0.0, 0.5, 1.0]], rg=False),
    )
    ref(
        "bce_with_logits",
        "F.binary_cross_entropy_with_logits(z, t)",
        z=R(s23),
        t=V([[0.0, 1.0, 1.0], [0.0, 0.5, 1.0]], rg=False),
    )
    return out


# ---------------------------------------------------------------------------------------------
# group b: facts sheet §0, §2.5, §3, §6, §7, §9 (upstream = ones unless given, like the sheet)

INF = float("inf")
NAN = float("nan")


def facts_specs() -> list[Spec]:
    out: list[Spec] = []

    def fact(
        key: str,
        expr: str,
        expect: dict[str, Any] | None = None,
        upstream: Any = "ones",
        note: str = "",
        group: str = "facts",
        **descs: R | V,
    ) -> None:
        out.append(spec(f"{group}-{key}", group, expr, upstream, note, expect, **descs))

    x3 = V([-1.0, 0.0, 1.0])
    # §0 tutorial
    fact(
        "tutorial_mx_plus_c",
        "m * x + c",
        {"out": 17.0, "grads": {"m": 5.0, "c": 1.0, "x": None}, "second_fails": True},
        m=V(3.0),
        c=V(2.0),
        x=V(5.0, rg=False),
    )
    fact(
        "tutorial_only_c",
        "m * x + c",
        {"graph": ["AddBackward0"], "second_fails": False},
        note="only c requires grad: mul not recorded, second backward accumulates",
        m=V(3.0, rg=False),
        c=V(2.0),
        x=V(5.0, rg=False),
    )
    fact(
        "tutorial_Q",
        "3 * a ** 3 - b ** 2",
        {
            "out": [-12.0, 65.0],
            "grads": {"a": [36.0, 81.0], "b": [-12.0, -8.0]},
            "graph": ["SubBackward0", "MulBackward0", "PowBackward0", "PowBackward0"],
        },
        a=V([2.0, 3.0]),
        b=V([6.0, 4.0]),
    )
    fact("x3_plus_2", "3 * x + 2", {"second_fails": True}, x=V([1.0, 2.0]))
    # §2.5 re-runnable nodes and non-atomic failure
    fact("x_plus_x_plus_2", "x + x + 2", {"grads": {"x": 2.0}, "second_fails": False}, x=V(1.0))
    fact("neg_sum", "(-x).sum()", {"second_fails": False}, x=V([1.0, 2.0]))
    fact(
        "nonatomic_a_plus_bc",
        "a + b * c",
        {"second_fails": True},
        note="after the failing second backward a.grad is doubled, b/c unchanged",
        a=V(1.0),
        b=V(2.0),
        c=V(3.0),
    )
    fact("nonatomic_bb_plus_a", "b * b + a", {"second_fails": True}, a=V(1.0), b=V(2.0))
    fact("nonatomic_exp_plus_a", "a.exp() + a", {"second_fails": True}, a=V(1.0))
    # §3
    fact("x_times_x_plus_x", "x * x + x", {"grads": {"x": 7.0}}, x=V(3.0))
    fact("x_times_x", "x * x", {"grads": {"x": 6.0}}, x=V(3.0))
    fact(
        "float64_leaf",
        "(x * 2).sum()",
        {"dtype": "float64", "grad_dtypes": {"x": "float64"}},
        x=V([1.0, 2.0], "float64"),
    )
    # §9 awkward points
    fact("relu_at_0", "a.relu()", {"out": [0, 0, 1], "grads": {"a": [0, 0, 1]}}, a=x3)
    fact(
        "leaky_relu_at_0",
        "F.leaky_relu(a, 0.1)",
        {"out": [-0.1, 0, 1], "grads": {"a": [0.1, 0.1, 1]}},
        a=x3,
    )
    fact("leaky_relu_default_at_0", "F.leaky_relu(a)", a=x3)
    fact(
        "gelu_points",
        "F.gelu(a)",
        {"out": [-0.1587, 0, 0.8413], "grads": {"a": [-0.0833, 0.5, 1.0833]}},
        a=x3,
    )
    fact("abs_at_0", "a.abs()", {"out": [1, 0, 1], "grads": {"a": [-1, 0, 1]}}, a=x3)
    fact("sign_points", "a.sign()", {"grads": {"a": [0, 0, 0, 0]}}, a=V([-2.0, 0.0, 3.0, -0.5]))
    fact("sqrt_at_0", "a.sqrt()", {"out": [0, 2], "grads": {"a": [INF, 0.25]}}, a=V([0.0, 4.0]))
    fact("sqrt_neg", "a.sqrt()", {"out": [NAN], "grads": {"a": [NAN]}}, a=V([-1.0]))
    fact("pow_half_at_0", "a ** 0.5", {"out": [0, 2], "grads": {"a": [INF, 0.25]}}, a=V([0.0, 4.0]))
    fact("pow2_at_0", "a ** 2", {"out": [0], "grads": {"a": [0]}}, a=V([0.0]))
    fact("pow3_at_neg2", "a ** 3", {"out": [-8], "grads": {"a": [12]}}, a=V([-2.0]))
    fact("pow0", "a ** 0", {"out": [1, 1, 1], "grads": {"a": [0, 0, 0]}}, a=V([0.0, 3.0, -2.0]))
    fact("pow0_float", "a ** 0.0", {"out": [1, 1, 1], "grads": {"a": [0, 0, 0]}}, a=V([0.0, 3, -2]))
    fact("pow1_at_0", "a ** 1", {"out": [0], "grads": {"a": [1]}}, a=V([0.0]))
    fact(
        "pow_neg1_at_0",
        "a ** -1",
        {"out": [INF, 0.5], "grads": {"a": [-INF, -0.25]}},
        a=V([0.0, 2.0]),
    )
    fact(
        "pow_1_5_at_0_neg",
        "a ** 1.5",
        {"out": [0, NAN], "grads": {"a": [0, NAN]}},
        a=V([0.0, -1.0]),
    )
    fact("pow_2_5_at_0", "a ** 2.5", {"out": [0], "grads": {"a": [0]}}, a=V([0.0]))
    fact(
        "tensor_pow_zero_exp",
        "x ** e",
        {"out": [1, 1], "grads": {"x": [0, 0], "e": [0, 0.6931]}},
        x=V([0.0, 2.0]),
        e=V([0.0, 0.0]),
    )
    fact(
        "tensor_pow_zero_base",
        "x ** e",
        {"out": [0, 0, 8], "grads": {"x": [0, INF, 12], "e": [0, 0, 5.5452]}},
        x=V([0.0, 0.0, 2.0]),
        e=V([2.0, 0.5, 3.0]),
    )
    fact(
        "tensor_pow_neg_base",
        "x ** e",
        {"out": 4.0, "grads": {"x": -4.0, "e": NAN}},
        x=V(-2.0),
        e=V(2.0),
    )
    fact(
        "rpow_2",
        "2 ** a",
        {"out": [1, 2], "grads": {"a": [0.6931, 1.3863]}},
        a=V([0.0, 1.0]),
    )
    fact("rpow_0", "0 ** a", {"out": [1, 0], "grads": {"a": [0, 0]}}, a=V([0.0, 1.0]))
    fact(
        "log_at_0_neg",
        "a.log()",
        {"out": [-INF, NAN, 0], "grads": {"a": [INF, -1, 1]}},
        a=V([0.0, -1.0, 1.0]),
    )
    fact("exp_overflow_f32", "a.exp()", {"out": [INF], "grads": {"a": [INF]}}, a=V([100.0]))
    fact("reciprocal_div_at_0", "1 / a", {"out": [INF], "grads": {"a": [-INF]}}, a=V([0.0]))
    fact("reciprocal_at_0", "a.reciprocal()", a=V([0.0, -0.0, 2.0]))
    fact(
        "div_by_python_0",
        "a / 0",
        {"out": [NAN, INF, -INF], "grads": {"a": [INF, INF, INF]}},
        a=V([0.0, 1.0, -1.0]),
    )
    fact(
        "div_by_zero_tensor",
        "x / z",
        {"out": [INF, NAN, -INF], "grads": {"x": [INF, INF, INF], "z": [-INF, NAN, INF]}},
        x=V([1.0, 0.0, -1.0]),
        z=V([0.0, 0.0, 0.0]),
    )
    fact(
        "mul_zero_nonfinite",
        "a * 0",
        {"out": [NAN, NAN, 0], "grads": {"a": [0, 0, 0]}},
        a=V([INF, NAN, 1.0]),
    )
    fact(
        "mul_self_nonfinite",
        "a * a",
        {"out": [INF, NAN, 1], "grads": {"a": [INF, NAN, 2]}},
        a=V([INF, NAN, 1.0]),
    )
    fact("sin_at_inf", "a.sin()", {"out": [NAN], "grads": {"a": [NAN]}}, a=V([INF]))
    fact("tanh_sat", "a.tanh()", {"out": [0, 1], "grads": {"a": [1, 0]}}, a=V([0.0, 100.0]))
    fact(
        "sigmoid_sat",
        "a.sigmoid()",
        {"out": [0.5, 1, 0], "grads": {"a": [0.25, 0, 0]}},
        a=V([0.0, 100.0, -100.0]),
    )
    fact(
        "softmax_sum_grad",
        "a.softmax(0)",
        {"out": [0.09, 0.2447, 0.6652], "grads": {"a": [0, 0, 0]}},
        a=V([1.0, 2.0, 3.0]),
    )
    fact(
        "floor_points",
        "a.floor()",
        {"out": [1, 2, 2], "grads": {"a": [0, 0, 0]}},
        a=V([1.5, 2.0, 2.5]),
    )
    fact(
        "round_points",
        "a.round()",
        {"out": [2, 2, 2, -0.0], "grads": {"a": [0, 0, 0, 0]}},
        a=V([1.5, 2.0, 2.5, -0.5]),
    )
    fact("norm_at_0", "a.norm()", {"out": 0.0, "grads": {"a": [0, 0]}}, a=V([0.0, 0.0]))
    fact(
        "sqrt_sumsq_at_0",
        "(a * a).sum().sqrt()",
        {"out": 0.0, "grads": {"a": [NAN, NAN]}},
        a=V([0.0, 0.0]),
    )
    fact("prod_one_zero", "a.prod()", {"out": 0.0, "grads": {"a": [6, 0, 0]}}, a=V([0.0, 2, 3]))
    fact("prod_two_zeros", "a.prod()", {"out": 0.0, "grads": {"a": [0, 0, 0]}}, a=V([0.0, 0, 3]))
    fact("std_one_element", "a.std()", {"out": NAN, "grads": {"a": [NAN]}}, a=V([1.5]))
    fact("var_one_element", "a.var()", {"out": NAN, "grads": {"a": [NAN]}}, a=V([1.5]))
    fact("mean_empty", "a.mean()", {"out": NAN, "grads": {"a": []}}, a=V([]))
    fact("sum_empty", "a.sum()", {"out": 0.0, "grads": {"a": []}}, a=V([]))
    # ties
    fact("max_ties", "a.max()", {"grads": {"a": [0, 0.5, 0.5]}}, a=V([1.0, 3.0, 3.0]))
    fact("max_ties3", "a.max()", {"grads": {"a": [1 / 3, 1 / 3, 1 / 3, 0]}}, a=V([3.0, 3, 3, 1]))
    fact(
        "max_ties_2d",
        "a.max()",
        {"grads": {"a": [[0, 0], [0.5, 0.5]]}},
        a=V([[1.0, 2.0], [7.0, 7.0]]),
    )
    fact("min_ties", "a.min()", {"grads": {"a": [0.5, 0.5, 0]}}, a=V([1.0, 1.0, 3.0]))
    fact("amax_ties", "a.amax()", {"grads": {"a": [0, 0.5, 0.5]}}, a=V([1.0, 3.0, 3.0]))
    fact("amin_ties", "a.amin()", {"grads": {"a": [0.5, 0.5, 0]}}, a=V([1.0, 1.0, 3.0]))
    ties2d = V([[3.0, 3.0, 1.0], [2.0, 5.0, 5.0]])
    fact(
        "amax_dim_ties",
        "a.amax(dim=1)",
        {"grads": {"a": [[0.5, 0.5, 0], [0, 0.5, 0.5]]}},
        a=ties2d,
    )
    fact("amin_dim_ties", "a.amin(dim=0)", a=V([[3.0, 1.0, 2.0], [3.0, 1.0, 5.0]]))
    fact(
        "max_dim_first_index",
        "a.max(dim=0).values",
        {"grads": {"a": [0, 1, 0]}},
        a=V([1.0, 3.0, 3.0]),
    )
    fact(
        "max_dim_ties_2d",
        "a.max(dim=1).values",
        {"grads": {"a": [[1, 0, 0], [0, 1, 0]]}},
        a=ties2d,
    )
    fact("max_dim_ties_2d_indices", "a.max(dim=1).indices", {"out": [0, 1]}, a=ties2d)
    fact("max_dim_keepdim_ties", "a.max(1, keepdim=True)[0]", a=ties2d)
    fact("min_dim_ties", "a.min(dim=0).values", a=V([[1.0, 4.0], [1.0, 2.0]]))
    fact("min_dim_ties_indices", "a.min(dim=0).indices", a=V([[1.0, 4.0], [1.0, 2.0]]))
    fact(
        "maximum_ties",
        "torch.maximum(a, b)",
        {"grads": {"a": [0.5, 1, 0], "b": [0.5, 0, 1]}},
        a=V([2.0, 3.0, 1.0]),
        b=V([2.0, 1.0, 4.0]),
    )
    fact(
        "minimum_ties",
        "torch.minimum(a, b)",
        {"grads": {"a": [0.5, 0, 1], "b": [0.5, 1, 0]}},
        a=V([2.0, 3.0, 1.0]),
        b=V([2.0, 1.0, 4.0]),
    )
    fact("max_binary_ties", "torch.max(a, b)", a=V([2.0, 3.0]), b=V([2.0, 1.0]))
    fact("max_nan", "a.max()", {"out": NAN, "grads": {"a": [0, 1, 0]}}, a=V([2.0, NAN, 5.0]))
    fact("max_two_nans", "a.max()", {"grads": {"a": [0.5, 0, 0.5]}}, a=V([NAN, 2.0, NAN]))
    # clamp and friends
    c5 = V([-1.0, 0.0, 0.5, 1.0, 2.0])
    fact("clamp_boundaries", "a.clamp(0, 1)", {"grads": {"a": [0, 1, 1, 1, 0]}}, a=c5)
    fact("clamp_min_boundary", "a.clamp(min=0)", {"grads": {"a": [0, 1, 1, 1, 1]}}, a=c5)
    fact("clamp_max_boundary", "a.clamp(max=1)", {"grads": {"a": [1, 1, 1, 1, 0]}}, a=c5)
    fact(
        "clamp_tensor_boundaries",
        "a.clamp(lo, hi)",
        {"grads": {"a": [0, 1, 1, 1, 0]}},
        a=c5,
        lo=V([0.0] * 5, rg=False),
        hi=V([1.0] * 5, rg=False),
    )
    fact("clamp_min_gt_max", "a.clamp(1., 0.)", {"out": [0] * 5, "grads": {"a": [0] * 5}}, a=c5)
    fact("clamp_min_method_boundary", "a.clamp_min(0.)", a=c5)
    fact(
        "hardtanh_boundaries",
        "F.hardtanh(a)",
        {"grads": {"a": [0, 1, 0, 0]}},
        a=V([-1.0, 0.0, 1.0, 2.0]),
    )
    fact(
        "relu6_boundaries",
        "F.relu6(a)",
        {"grads": {"a": [0, 0, 1, 0, 0]}},
        a=V([-1.0, 0.0, 3.0, 6.0, 7.0]),
    )
    # where leaks the unused branch
    fact(
        "where_sqrt_leak",
        "torch.where(a > 0, a.sqrt(), 0)",
        {"grads": {"a": [NAN, NAN, 0.5]}},
        a=x3,
    )
    fact(
        "where_log_leak",
        "torch.where(a > 0, a.log(), 0)",
        {"grads": {"a": [-0.0, NAN, 1]}},
        a=x3,
    )
    # losses
    fact(
        "mse_loss_values",
        "F.mse_loss(p, t)",
        {"out": 1.6667, "grads": {"p": [0.6667, 0, -1.3333]}},
        p=V([1.0, 2.0, 3.0]),
        t=V([0.0, 2.0, 5.0], rg=False),
    )
    fact(
        "cross_entropy_values",
        "F.cross_entropy(x, t)",
        {"out": 0.7531, "grads": {"x": [[0.0450, 0.1224, -0.1674], [-0.3333, 0.1667, 0.1667]]}},
        x=V([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]]),
        t=Ix([2, 0]),
    )
    fact(
        "bce_wrong_label",
        "F.binary_cross_entropy(p, t)",
        {"out": 100.0, "grads": {"p": [-5.0e11, 5.0e11]}},
        p=V([0.0, 1.0]),
        t=V([1.0, 0.0], rg=False),
    )
    fact(
        "bce_right_label",
        "F.binary_cross_entropy(p, t)",
        {"out": 0.0, "grads": {"p": [0, 0]}},
        p=V([0.0, 1.0]),
        t=V([0.0, 1.0], rg=False),
    )
    # §8 notes: warnings
    fact("softmax_implicit_dim", "F.softmax(a)", upstream="random", a=R((2, 3)))
    fact("log_softmax_implicit_dim", "F.log_softmax(a)", upstream="random", a=R((2, 3)))

    # §6 broadcasting
    def bc(key: str, expr: str, expect: dict[str, Any] | None = None, **kw: Any) -> None:
        fact(key, expr, expect, group="broadcast", **kw)

    col, row = V([[1.0], [2.0], [3.0]]), V([[10.0, 20.0, 30.0, 40.0]])
    bc("col_plus_row", "a + b", {"grads": {"a": [[4.0]] * 3, "b": [[3.0] * 4]}}, a=col, b=row)
    bc("col_times_row", "a * b", {"grads": {"a": [[100.0]] * 3, "b": [[6.0] * 4]}}, a=col, b=row)
    bc(
        "col_times_row_upstream",
        "a * b",
        {"grads": {"a": [[200.0], [600.0], [1000.0]], "b": [[32.0, 38.0, 44.0, 50.0]]}},
        upstream=np.arange(12.0).reshape(3, 4).tolist(),
        a=col,
        b=row,
    )
    bc(
        "scalar_plus_vec",
        "s + v",
        {"grads": {"s": 3.0, "v": [1.0, 1.0, 1.0]}},
        s=V(2.0),
        v=V([1.0, 2.0, 3.0]),
    )
    bc(
        "scalar_times_vec",
        "s * v",
        {"grads": {"s": 6.0, "v": [2.0, 2.0, 2.0]}},
        s=V(2.0),
        v=V([1.0, 2.0, 3.0]),
    )
    bc("one_elem_times_vec", "s * v", {"grads": {"s": [6.0]}}, s=V([2.0]), v=V([1.0, 2.0, 3.0]))
    bc(
        "matrix_times_row",
        "a * b",
        {"grads": {"b": [2.0, 2.0, 2.0]}},
        a=V(np.ones((2, 3)).tolist()),
        b=V([1.0, 2.0, 3.0]),
    )
    bc(
        "sub_3d_2d",
        "a - b",
        {"grads": {"b": [[-6.0]] * 4}},
        upstream="ones",
        a=R((2, 1, 3)),
        b=R((4, 1)),
    )
    bc(
        "div_col_row",
        "a / b",
        {"grads": {"a": [[0.5833], [0.5833]], "b": [[-0.3333, -0.1875]]}},
        a=V([[1.0], [2.0]]),
        b=V([[3.0, 4.0]]),
    )
    bc(
        "pow_col_row",
        "a ** b",
        {"grads": {"a": [[5.0], [7.0]], "b": [4.6821, 12.6601]}},
        a=V([[2.0], [3.0]]),
        b=V([1.0, 2.0]),
    )
    bc(
        "expand_times_const",
        "a.expand(3, 2) * c",
        {"grads": {"a": [6.0, 9.0]}},
        a=V([1.0, 2.0]),
        c=V(np.arange(6.0).reshape(3, 2).tolist(), rg=False),
    )
    bc("random_upstream_3d", "a * b + c", upstream="random", a=R((2, 1, 3)), b=R((4, 1)), c=R(()))

    # §7 dtypes
    def dt(key: str, expr: str, expect: dict[str, Any] | None = None, **kw: Any) -> None:
        fact(key, expr, expect, group="dtype", **kw)

    f32v, f64v = V([1.0, 2.0]), V([3.0, 4.0], "float64")
    dt(
        "f32_times_f64",
        "a * b",
        {"dtype": "float64", "grad_dtypes": {"a": "float32", "b": "float64"}},
        a=f32v,
        b=f64v,
    )
    dt(
        "f32_times_f64_0d",
        "a * s",
        {"dtype": "float32", "grad_dtypes": {"a": "float32", "s": "float64"}, "grads": {"s": 3.0}},
        a=f32v,
        s=V(1.0, "float64"),
    )
    dt(
        "i64_times_f32",
        "i * a",
        {"dtype": "float32", "out": [1.5, 5.0], "grads": {"i": None}},
        i=Ix([1, 2]),
        a=V([1.5, 2.5]),
    )
    dt("i64_times_f64_0d", "i * s", {"dtype": "float64"}, i=Ix([1, 2]), s=V(1.5, "float64"))
    dt("int_times_py_float", "i * 2.5", {"dtype": "float32"}, i=Ix([1, 2]))
    dt("int_times_py_int", "i * 2", {"dtype": "int64"}, i=Ix([1, 2]))
    dt("f64_times_py_float", "a * 1.5", {"dtype": "float64"}, a=V([1.0, 2.0], "float64"))
    dt("f16_times_py_float", "h * 1.5", {"dtype": "float16"}, h=V([1.0, 2.0], "float16"))
    dt("f16_times_f32_0d", "h * s", {"dtype": "float16"}, h=V([1.0, 2.0], "float16"), s=V(2.0))
    dt("f16_times_f32_1d", "h * a", {"dtype": "float32"}, h=V([1.0, 2.0], "float16"), a=f32v)
    i32 = V([3, 4], "int32", rg=False)
    dt("i32_truediv", "i / 2", {"dtype": "float32"}, i=i32)
    dt("i32_floordiv", "i // 2", {"dtype": "int32"}, i=i32)
    dt("i32_pow2", "i ** 2", {"dtype": "int32"}, i=i32)
    dt("i32_pow_half", "i ** 0.5", {"dtype": "float32"}, i=i32)
    dt("int_div_zero_nan", "i / j", {"out": [2.0, NAN]}, i=Ix([4, 0]), j=Ix([2, 0]))
    dt("i32_sum_int64", "i.sum()", {"dtype": "int64"}, i=i32)
    dt("long_cuts_graph", "a.long()", a=V([1.5, 2.5]))
    dt("argmax_cuts_graph", "a.argmax()", a=V([1.5, 2.5, 0.5]))
    dt("compare_cuts_graph", "a > 1", a=V([1.5, 0.5]))
    dt("double_copy", "a.double()", {"graph": ["ToCopyBackward0"]}, a=f32v)
    dt("float_same_object", "a.float()", {"grad_fn": None}, a=f32v)
    dt("to_f32_same_object", "a.to(torch.float32)", {"grad_fn": None}, a=f32v)
    dt("to_f64", "a.to(torch.float64)", a=f32v)
    dt("contiguous_same_object", "a.contiguous()", {"grad_fn": None}, a=f32v)
    dt("flatten_1d_same_object", "a.flatten()", {"grad_fn": None}, a=f32v)
    dt("mixed_graph_sum", "(a * b).sum()", a=R((3,)), b=R((3,), dtype="float64"))
    dt("f64_0d_times_f32_vec_sum", "(s * a).sum()", s=V(2.0, "float64"), a=V([1.0, 2.0, 3.0]))
    return out


# ---------------------------------------------------------------------------------------------
# group c: numerically stable functions at large |x| and -inf


def stable_specs() -> list[Spec]:
    out: list[Spec] = []
    big = [[100.0, -100.0, 1.0e4], [-1.0e4, 0.0, -1.0e4], [1.0e4, 1.0e4, -100.0]]
    with_ninf = [[0.0, -INF, 1.0], [-INF, 5.0, -INF], [1.0e4, -INF, -1.0e4]]
    logits = [50.0, -100.0, 100.0, -1.0e4, 1.0e4, 0.0, -50.0]
    targets = [0.0, 1.0, 1.0, 0.0, 1.0, 0.5, 0.25]
    for dtype in ("float32", "float64"):
        sfx = "f32" if dtype == "float32" else "f64"

        def st(key: str, expr: str, dtype: str = dtype, sfx: str = sfx, **descs: R | V) -> None:
            out.append(spec(f"stable-{key}-{sfx}", "stable", expr, **descs))

        bv, iv = V(big, dtype), V(with_ninf, dtype)
        st("logsumexp_big", "a.logsumexp(dim=1)", a=bv)
        st("logsumexp_big_dim0_keepdim", "a.logsumexp(0, keepdim=True)", a=bv)
        st("logsumexp_ninf", "a.logsumexp(dim=-1)", a=iv)
        st("logsumexp_all_ninf_row", "a.logsumexp(dim=1)", a=V([[-INF, -INF], [0.0, 1.0]], dtype))
        st("softmax_big", "a.softmax(dim=1)", a=bv)
        st("softmax_ninf", "a.softmax(dim=-1)", a=iv)
        st("F_softmax_big_dim0", "F.softmax(a, dim=0)", a=bv)
        st("log_softmax_big", "a.log_softmax(dim=1)", a=bv)
        st("log_softmax_ninf", "F.log_softmax(a, dim=-1)", a=iv)
        st("cross_entropy_big", "F.cross_entropy(x, t)", x=bv, t=Ix([2, 0, 1]))
        st("cross_entropy_ninf_logit", "F.cross_entropy(x, t)", x=iv, t=Ix([2, 1, 0]))
        st(
            "cross_entropy_big_sum",
            "F.cross_entropy(x, t, reduction='sum')",
            x=bv,
            t=Ix([0, 1, 2]),
        )
        st(
            "cross_entropy_big_none",
            "F.cross_entropy(x, t, reduction='none')",
            x=bv,
            t=Ix([1, 1, 0]),
        )
        st(
            "bce_with_logits_big",
            "F.binary_cross_entropy_with_logits(z, t)",
            z=V(logits, dtype),
            t=V(targets, dtype, rg=False),
        )
        st(
            "bce_with_logits_big_none",
            "F.binary_cross_entropy_with_logits(z, t, reduction='none')",
            z=V(logits, dtype),
            t=V(targets, dtype, rg=False),
        )
        st(
            "bce_with_logits_ninf",
            "F.binary_cross_entropy_with_logits(z, t, reduction='none')",
            z=V([-INF, INF, -INF], dtype),
            t=V([0.0, 1.0, 1.0], dtype, rg=False),
        )
        st("softplus_big", "F.softplus(a)", a=V(logits, dtype))
        st("sigmoid_big", "a.sigmoid()", a=V(logits, dtype))
        st("tanh_big", "a.tanh()", a=V(logits, dtype))
        st(
            "log_sigmoid_via_logsoftmax",
            "torch.stack([a, 0 * a]).log_softmax(0)",
            a=V(logits, dtype),
        )
    return out


# ---------------------------------------------------------------------------------------------
# deliberate error cases (§6, §7, §9, §15)


def error_specs() -> list[Spec]:
    out: list[Spec] = []

    def err(key: str, expr: str, **descs: R | V) -> None:
        out.append(spec(f"error-{key}", "error", expr, **descs))

    err("matmul_2x3_2x3", "a @ b", a=R((2, 3)), b=R((2, 3)))
    err("matmul_1d_mismatch", "a @ b", a=R((3,)), b=R((4,)))
    err("matmul_0d", "s @ a", s=V(2.0), a=R((3,)))
    err("mm_vector", "a.mm(b)", a=R((2, 3)), b=R((3,)))
    err("view_bad_size", "a.view(4)", a=R((2, 3)))
    err("reshape_bad_size", "a.reshape(4)", a=R((2, 3)))
    err("view_noncontiguous", "a.t().view(6)", a=R((2, 3)))
    err("cat_sizes", "torch.cat([a, b])", a=R((2, 3)), b=R((2, 4)))
    err("stack_sizes", "torch.stack([a, b])", a=R((2,)), b=R((3,)))
    err("sum_dim_out_of_range", "a.sum(dim=2)", a=R((2, 3)))
    err("softmax_dim_out_of_range", "a.softmax(dim=2)", a=R((2, 3)))
    err("index_out_of_bounds", "a[5]", a=R((3,)))
    err("t_3d", "a.t()", a=R((2, 3, 4)))
    err("expand_bad", "a.expand(3, 3)", a=R((2, 3)))
    err("mse_loss_broadcast", "F.mse_loss(a, t)", a=R((3,)), t=C((2,)))
    err("cross_entropy_target_oob", "F.cross_entropy(x, t)", x=R((2, 3)), t=Ix([0, 3]))
    err(
        "cross_entropy_float_target",
        "F.cross_entropy(x, t)",
        x=R((2, 3)),
        t=V([0.0, 1.0], rg=False),
    )
    err("tensor_ragged", "torch.tensor([[1., 2.], [3.]])")
    err("tensor_str", "torch.tensor('a')")
    err("broadcast_3_4", "a + b", a=R((3,)), b=R((4,)))
    err("broadcast_2x3_3x2", "a * b", a=R((2, 3)), b=R((3, 2)))
    err("int_negative_pow", "i ** -1", i=Ix([2, 3]))
    err("int_floordiv_zero", "i // 0", i=Ix([2, 3]))
    err("int_mean", "i.mean()", i=Ix([1, 2]))
    err(
        "bce_out_of_range",
        "F.binary_cross_entropy(p, t)",
        p=V([0.5, 1.5]),
        t=V([0.0, 1.0], rg=False),
    )
    err("factory_int_requires_grad", "torch.tensor([1, 2], requires_grad=True)")
    err("int_requires_grad_", "i.requires_grad_()", i=Ix([1, 2]))
    err("item_two_elements", "(a * 2).item()", a=R((2,)))
    err("numpy_requires_grad", "a.numpy()", a=R((2,)))
    err("retain_grad_no_grad", "c.retain_grad()", c=C((2,)))
    # not errors, but the §15 silent cases and the mse warning-only case belong with them
    out.append(spec("error-silent_t_1d", "error", "a.t()", a=R((3,))))
    out.append(spec("error-silent_squeeze_non1", "error", "a.squeeze(0)", a=R((2, 3))))
    out.append(
        spec("error-mse_loss_warning_only", "error", "F.mse_loss(a, t)", a=R((3,)), t=C((3, 1)))
    )
    return out


# ---------------------------------------------------------------------------------------------
# group d: random compositions


@dataclass
class Cur:
    expr: str
    atomic: bool
    t: torch.Tensor


class Program:
    """Builds one random program: an expression over inputs a, b, c, ..."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.dtype = "float32" if self.rng.random() < 0.25 else "float64"
        self.inputs: list[Inp] = []

    # --- inputs
    def new_name(self) -> str:
        return "abcdefghjkmnpqrsuvwxyz"[len(self.inputs)]

    def new_input(
        self, shape: tuple[int, ...], lo: float = -2.0, hi: float = 2.0, rg: bool = True
    ) -> str:
        vals = [round(self.rng.uniform(lo, hi), 3) for _ in range(int(np.prod(shape)))]
        arr = np.array(vals, dtype=self.dtype).reshape(shape)
        name = self.new_name()
        self.inputs.append(Inp(name, arr, rg))
        return name

    def new_index(self, shape: tuple[int, ...], high: int) -> str:
        vals = [self.rng.randrange(high) for _ in range(int(np.prod(shape)))]
        name = self.new_name()
        self.inputs.append(Inp(name, np.array(vals, dtype="int64").reshape(shape), False))
        return name

    def namespace(self) -> dict[str, Any]:
        return {"torch": torch, "F": F, **build_inputs(self.inputs)}

    def eval(self, expr: str) -> torch.Tensor:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = eval(expr, self.namespace())
        if not isinstance(out, torch.Tensor):
            raise TypeError("not a tensor")
        return out

    # --- helpers
    def dim(self, t: torch.Tensor) -> int:
        d = self.rng.randrange(t.ndim)
        return d - t.ndim if self.rng.random() < 0.4 else d

    def kd(self) -> str:
        return ", keepdim=True" if self.rng.random() < 0.4 else ""

    def bshape(self, shape: tuple[int, ...]) -> tuple[int, ...]:
        """A shape that broadcasts against `shape`."""
        mode = self.rng.choice(["same", "ones", "suffix", "prepend", "expand", "scalar"])
        s = list(shape)
        if mode == "ones" and s:
            return tuple(1 if self.rng.random() < 0.5 else n for n in s)
        if mode == "suffix" and s:
            return tuple(s[self.rng.randrange(len(s)) :])
        if mode == "prepend" and len(s) < 4:
            return (self.rng.randint(2, 3), *s)
        if mode == "expand" and 1 in s:
            return tuple(self.rng.randint(2, 3) if n == 1 else n for n in s)
        if mode == "scalar":
            return ()
        return tuple(s)

    # --- templates
    def unary(self, c: Cur) -> tuple[str, bool] | None:
        p = c.expr if c.atomic else f"({c.expr})"
        v = c.t.detach()
        lo = float(v.min()) if v.numel() else 0.0
        hi = float(v.max()) if v.numel() else 0.0
        amax = max(abs(lo), abs(hi))
        rng = self.rng
        opts: list[tuple[str, bool]] = [
            (f"{p}.tanh()", True),
            (f"{p}.sigmoid()", True),
            (f"{p}.sin()", True),
            (f"{p}.cos()", True),
            (f"{p}.atan()", True),
            (f"{p}.relu()", True),
            (f"F.relu({c.expr})", True),
            (f"{p}.abs()", True),
            (f"-{p}", False),
            (f"{p}.square()", True),
            (f"{p} ** 2", False),
            (f"{p} ** 3", False),
            (f"F.gelu({c.expr})", True),
            (f"F.silu({c.expr})", True),
            (f"F.softplus({c.expr})", True),
            (f"F.elu({c.expr})", True),
            (f"F.leaky_relu({c.expr}, 0.2)", True),
            (f"F.hardtanh({c.expr})", True),
            (
                f"{p}.clamp({round(rng.uniform(-1.5, 0), 2)}, {round(rng.uniform(0.1, 1.5), 2)})",
                True,
            ),
            (f"{p}.clamp(min={round(rng.uniform(-1, 1), 2)})", True),
            (f"{p}.clamp(max={round(rng.uniform(-1, 1), 2)})", True),
            (f"{p}.clamp_min({round(rng.uniform(-1, 1), 2)})", True),
            (f"{p} * {rng.choice([3, 0.5, -2, 1.5])}", False),
            (f"{rng.choice([2, 0.5, -3])} * {p}", False),
            (f"{p} / {rng.choice([2, 4, -0.5])}", False),
            (f"{rng.choice([1, 2, 0.5])} - {p}", False),
            (f"{p} + {rng.choice([1, 0.5, -2])}", False),
            (f"{p} - {rng.choice([1, 0.5, -2])}", False),
            (f"({p}.abs() + 1).log()", True),
            (f"({p}.abs() + 0.1).sqrt()", True),
            (f"({p}.square() + 1).rsqrt()", True),
            (f"{p}.abs().log1p()", True),
            (f"1 / ({p}.abs() + 1)", False),
            (f"({p}.abs() + 0.5) ** 0.5", False),
            (f"{p}.clone()", True),
            (f"{p}.masked_fill({p} > 0.5, 0.)", True),
        ]
        if amax < 5:
            opts += [(f"{p}.exp()", True), (f"{p}.expm1()", True), (f"2 ** {p}", False)]
            opts += [(f"{p}.exp2()", True), (f"{p}.sinh()", True)]
        if amax < 1.2:
            opts.append((f"{p}.tan()", True))
        if lo > 0.2:
            opts += [(f"{p}.log()", True), (f"{p}.sqrt()", True), (f"{p}.rsqrt()", True)]
            opts += [(f"{p}.reciprocal()", True), (f"{p} ** 0.5", False), (f"{p} ** -1", False)]
            opts += [(f"{p}.log2()", True), (f"{p}.log10()", True), (f"{p} ** 1.5", False)]
        if lo > -0.8:
            opts.append((f"{p}.log1p()", True))
        if rng.random() < 0.1:
            opts += [(f"{p}.double()", True), (f"{p}.round()", True), (f"{p}.sign()", True)]
        return rng.choice(opts)

    def binary(self, c: Cur) -> tuple[str, bool] | None:
        rng = self.rng
        p = c.expr if c.atomic else f"({c.expr})"
        shape = tuple(c.t.shape)
        reuse = [i for i in self.inputs if i.requires_grad and i.array.dtype.name == self.dtype]
        if reuse and rng.random() < 0.2:
            inp = rng.choice(reuse)
            try:
                torch.broadcast_shapes(shape, inp.array.shape)
            except RuntimeError:
                return None
            y, y_atomic = inp.name, True
        else:
            op_kind = rng.random()
            lo, hi = (0.5, 2.0) if op_kind < 0.2 else (-2.0, 2.0)
            y, y_atomic = self.new_input(self.bshape(shape), lo, hi), True
            if rng.random() < 0.3:
                y = f"{y}.{rng.choice(['exp()', 'sigmoid()', 'abs()', 'tanh()', 'square()'])}"
        py = y if y_atomic else f"({y})"
        opts: list[tuple[str, bool]] = [
            (f"{p} + {py}", False),
            (f"{p} - {py}", False),
            (f"{py} - {p}", False),
            (f"{p} * {py}", False),
            (f"{py} * {p}", False),
            (f"{p} / ({py}.abs() + 0.5)", False),
            (f"torch.maximum({c.expr}, {y})", True),
            (f"torch.minimum({c.expr}, {y})", True),
            (f"torch.where({py} > 0, {c.expr}, {y})", True),
            (f"torch.where({p} > {py}, {p}, {py} * 2)", True),
            (f"torch.add({c.expr}, {y}, alpha=2)", True),
            (f"({p}.abs() + 0.5) ** {py}.tanh()", False),
            (f"{p} * {py} + {p}", False),
        ]
        return rng.choice(opts)

    def reduction(self, c: Cur) -> tuple[str, bool] | None:
        rng = self.rng
        p = c.expr if c.atomic else f"({c.expr})"
        t = c.t
        if t.ndim == 0:
            return rng.choice([(f"{p}.sum()", True), (f"{p}.mean()", True)])
        d = self.dim(t)
        opts: list[tuple[str, bool]] = [
            (f"{p}.sum()", True),
            (f"{p}.sum(dim={d}{self.kd()})", True),
            (f"{p}.sum({d}{self.kd()})", True),
            (f"{p}.mean()", True),
            (f"{p}.mean(dim={d}{self.kd()})", True),
            (f"{p}.amax(dim={d}{self.kd()})", True),
            (f"{p}.amin(dim={d}{self.kd()})", True),
            (f"{p}.max()", True),
            (f"{p}.min()", True),
            (f"{p}.max(dim={d}{self.kd()}).values", True),
            (f"{p}.min(dim={d}{self.kd()}).values", True),
            (f"{p}.max({d})[0]", True),
            (f"{p}.logsumexp({d})", True),
            (f"{p}.logsumexp(dim={d}{self.kd()})", True),
            (f"{p}.softmax(dim={d})", True),
            (f"{p}.log_softmax(dim={d})", True),
            (f"F.softmax({c.expr}, dim={d})", True),
            (f"F.log_softmax({c.expr}, dim={d})", True),
            (f"{p}.cumsum({d})", True),
            (f"{p}.cumsum(dim={d})", True),
            (f"{p}.norm()", True),
            (f"{p}.prod()", True),
            (f"{p}.prod({d}{self.kd()})", True),
            (f"{p}.cumprod({d})", True),
        ]
        if t.shape[d] >= 2:
            opts += [(f"{p}.var(dim={d}{self.kd()})", True), (f"{p}.std({d})", True)]
        if t.numel() >= 2:
            opts += [(f"{p}.var()", True), (f"{p}.std()", True)]
        if t.ndim >= 2:
            d2 = (d + 1) % t.ndim
            opts += [(f"{p}.sum(dim=({d}, {d2}){self.kd()})", True)]
            opts += [(f"{p}.mean(({d2}, {d}))", True)]
        return rng.choice(opts)

    def shape_op(self, c: Cur) -> tuple[str, bool] | None:
        rng = self.rng
        p = c.expr if c.atomic else f"({c.expr})"
        t = c.t
        nd = t.ndim
        opts: list[tuple[str, bool]] = [
            (f"{p}.reshape(-1)", True),
            (f"{p}.flatten()", True),
            (f"{p}.unsqueeze({rng.randrange(-nd - 1, nd + 1)})", True),
            (f"{p}[None]", True),
            (f"torch.cat([{c.expr}, {p} * 2], dim={rng.randrange(nd)})", True)
            if nd
            else ("", True),
            (f"torch.stack([{c.expr}, {p}.exp()], dim={rng.randrange(-nd - 1, nd + 1)})", True),
        ]
        if t.is_contiguous():
            opts.append((f"{p}.view(-1)", True))
        if nd >= 1:
            d = self.dim(t)
            n = t.shape[d]
            opts += [
                (f"{p}.flip({d})", True),
                (f"{p}.roll(1, {d})", True),
                (f"{p}.repeat({', '.join(str(rng.randint(1, 2)) for _ in range(nd))})", True),
                (f"{p}[..., None]", True),
                (f"{p}.contiguous()", True),
            ]
            if t.shape[0] >= 1:
                opts += [(f"{p}[0]", True), (f"{p}[-1]", True), (f"{p}[:, None]", True)]
            if t.shape[0] >= 2:
                opts += [(f"{p}[1:]", True), (f"{p}[::2]", True), (f"{p}[[0, -1, 0]]", True)]
                opts.append((f"{p}[torch.tensor([1, 0, 1])]", True))
            if n >= 1:
                idx = [rng.randrange(n) for _ in range(rng.randint(1, 4))]
                opts.append((f"{p}.index_select({d}, torch.tensor({idx}))", True))
                if rng.random() < 0.15:  # adds an index input, so only sometimes on offer
                    dd = d % nd
                    ishape = (*t.shape[:dd], rng.randint(1, 3), *t.shape[dd + 1 :])
                    return (f"{p}.gather({d}, {self.new_index(ishape, n)})", True)
            if 1 in t.shape:
                d1 = list(t.shape).index(1)
                opts += [(f"{p}.squeeze({d1})", True), (f"{p}.squeeze()", True)]
                new = [str(rng.randint(2, 3)) if s == 1 else "-1" for s in t.shape]
                opts.append((f"{p}.expand({', '.join(new)})", True))
            if nd <= 3:
                opts.append((f"{p}.expand(2, {', '.join(['-1'] * nd)})", True))
            if c.atomic and len(c.expr) < 30:
                opts.append((f"{p}[{p} > 0]", True))
        if nd >= 2:
            d1, d2 = rng.sample(range(nd), 2)
            perm = list(range(nd))
            rng.shuffle(perm)
            opts += [
                (f"{p}.transpose({d1}, {d2})", True),
                (f"{p}.permute({', '.join(map(str, perm))})", True),
                (f"{p}.mT", True),
                (f"{p}[:, 1:]", True),
                (f"{p}[..., ::2]", True),
                (f"{p}[..., 0]", True),
                (f"{p}[0, -1]", True),
                (f"{p}.reshape({t.shape[0]}, -1)", True),
                (f"{p}.flatten(-2)" if nd > 2 else f"{p}.flatten(0)", True),
            ]
        if nd == 2:
            opts += [(f"{p}.t()", True), (f"{p}.T", True), (f"{p}.t().reshape(-1)", True)]
        opts = [o for o in opts if o[0]]
        return rng.choice(opts)

    def matmul(self, c: Cur) -> tuple[str, bool] | None:
        rng = self.rng
        p = c.expr if c.atomic else f"({c.expr})"
        s = tuple(c.t.shape)
        k = rng.randint(1, 4)

        def mat(*shape: int) -> str:
            return self.new_input(shape, -1.0, 1.0)

        opts: list[Callable[[], tuple[str, bool]]] = []
        if len(s) == 1:
            n = s[0]
            opts = [
                lambda: (f"{p} @ {mat(n)}", False),
                lambda: (f"{p} @ {mat(n, k)}", False),
                lambda: (f"{mat(k, n)} @ {p}", False),
                lambda: (f"torch.dot({c.expr}, {mat(n)})", True),
                lambda: (f"{p}.outer({mat(k)})", True),
                lambda: (f"F.linear({c.expr}, {mat(k, n)}, {mat(k)})", True),
            ]
        elif len(s) == 2:
            m, n = s
            opts = [
                lambda: (f"{p} @ {mat(n, k)}", False),
                lambda: (f"{p} @ {mat(n)}", False),
                lambda: (f"{mat(m)} @ {p}", False),
                lambda: (f"{mat(k, m)} @ {p}", False),
                lambda: (f"{p}.mm({mat(n, k)})", True),
                lambda: (f"torch.mv({c.expr}, {mat(n)})", True),
                lambda: (f"F.linear({c.expr}, {mat(k, n)}, {mat(k)})", True),
                lambda: (f"F.linear({c.expr}, {mat(k, n)})", True),
                lambda: (f"{p} @ {mat(2, n, k)}", False),
            ]
        elif len(s) == 3:
            b, m, n = s
            opts = [
                lambda: (f"{p} @ {mat(n, k)}", False),
                lambda: (f"{p} @ {mat(b, n, k)}", False),
                lambda: (f"torch.bmm({c.expr}, {mat(b, n, k)})", True),
                lambda: (f"{p} @ {mat(n)}", False),
                lambda: (f"F.linear({c.expr}, {mat(k, n)}, {mat(k)})", True),
            ]
        return rng.choice(opts)() if opts else None

    def loss(self, c: Cur) -> tuple[str, bool] | None:
        rng = self.rng
        s = tuple(c.t.shape)
        red = rng.choice(["", "", ", reduction='sum'", ", reduction='none'"])

        def target(lo: float = -2.0, hi: float = 2.0) -> str:
            return self.new_input(s, lo, hi, rg=False)

        def probs(n: int, ncls: int) -> str:
            raw = np.array([[rng.random() + 0.05 for _ in range(ncls)] for _ in range(n)])
            name = self.new_name()
            arr = np.round(raw / raw.sum(1, keepdims=True), 3).astype(self.dtype)
            self.inputs.append(Inp(name, arr, False))
            return name

        x = c.expr
        opts: list[Callable[[], tuple[str, bool]]] = [
            lambda: (f"F.mse_loss({x}, {target()}{red})", True),
            lambda: (f"F.l1_loss({x}, {target()}{red})", True),
            lambda: (f"F.binary_cross_entropy_with_logits({x}, {target(0, 1)}{red})", True),
            lambda: (f"F.binary_cross_entropy(({x}).sigmoid(), {target(0, 1)}{red})", True),
        ]
        if len(s) == 2 and s[1] >= 2:
            n, ncls = s
            opts += [
                lambda: (f"F.cross_entropy({x}, {self.new_index((n,), ncls)}{red})", True),
                lambda: (
                    f"F.nll_loss(F.log_softmax({x}, dim=1), {self.new_index((n,), ncls)}{red})",
                    True,
                ),
                lambda: (f"F.cross_entropy({x}, {probs(n, ncls)}{red})", True),
            ]
        return rng.choice(opts)()

    def build(self) -> str | None:
        rng = self.rng
        nd = rng.choice([1, 1, 2, 2, 2, 3, 3, 0, 4])
        shape = tuple(rng.randint(1, 4) for _ in range(nd))
        if nd == 4:
            shape = tuple(min(n, 2) for n in shape)
        a = self.new_input(shape)
        cur = Cur(a, True, self.eval(a))
        n_ops = rng.randint(2, 5)
        kinds = ["unary", "binary", "reduction", "shape", "matmul"]
        weights = [30, 25, 17, 18, 10]
        for step in range(n_ops):
            last = step == n_ops - 1
            for _attempt in range(30):
                n_inputs = len(self.inputs)
                if last and rng.random() < 0.2:
                    kind = "loss"
                else:
                    kind = rng.choices(kinds, weights)[0]
                made = getattr(self, {"shape": "shape_op"}.get(kind, kind))(cur)
                if made is None:
                    del self.inputs[n_inputs:]
                    continue
                expr, atomic = made
                try:
                    t = self.eval(expr)
                except Exception:
                    del self.inputs[n_inputs:]
                    continue
                unused = [i.name for i in self.inputs[n_inputs:] if i.name not in expr]
                ok = t.numel() <= MAX_NUMEL and t.dtype.is_floating_point and not unused
                if not ok or any(i.array.size > MAX_NUMEL for i in self.inputs):
                    del self.inputs[n_inputs:]
                    continue
                cur = Cur(expr, atomic, t)
                break
            else:
                return None
        if not cur.t.requires_grad:
            return None
        return cur.expr


def finite_run(expr: str, inputs: list[Inp], dtype: str, upstream: np.ndarray) -> list[np.ndarray]:
    """Output and grads of expr with float inputs cast to dtype (for the conditioning check)."""
    cast = [
        Inp(
            i.name, i.array.astype(dtype) if i.array.dtype.kind == "f" else i.array, i.requires_grad
        )
        for i in inputs
    ]
    tensors = build_inputs(cast)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = eval(expr, {"torch": torch, "F": F, **tensors})
        up = torch.tensor(upstream.astype(np.float64).tolist(), dtype=out.dtype)
        out.backward(up)
    res = [to_numpy(out).astype(np.float64)]
    for i in cast:
        g = tensors[i.name].grad
        if g is not None:
            res.append(to_numpy(g).astype(np.float64))
    return res


def well_conditioned(s: Spec, dtype: str) -> bool:
    """Reject programs whose float32 and float64 evaluations disagree (ill-conditioned, near-ties)."""
    tensors = build_inputs(s.inputs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = eval(s.expr, {"torch": torch, "F": F, **tensors})
    up = make_upstream(s, out)
    try:
        r32 = finite_run(s.expr, s.inputs, "float32", up)
        r64 = finite_run(s.expr, s.inputs, "float64", up)
    except Exception:
        return False
    rtol, atol = (1e-6, 1e-7) if dtype == "float32" else (1e-4, 1e-5)
    for x32, x64 in zip(r32, r64, strict=True):
        if not (np.isfinite(x64).all() and np.isfinite(x32).all()):
            return False
        if np.abs(x64).max(initial=0.0) > 1e6:
            return False
        if not np.allclose(x32, x64, rtol=rtol, atol=atol):
            return False
    return True


def random_specs(n: int) -> list[Spec]:
    out: list[Spec] = []
    seed = 0
    while len(out) < n:
        prog = Program(seed)
        case_id = f"random-{seed:04d}"
        seed += 1
        try:
            expr = prog.build()
        except Exception:
            continue
        if expr is None:
            continue
        s = Spec(case_id, "random", expr, prog.inputs)
        if well_conditioned(s, prog.dtype):
            out.append(s)
    return out


# ---------------------------------------------------------------------------------------------
# cross-checks against the reference JSON and the facts sheet (printed, not stored)


def close_to(actual: Any, expected: Any) -> bool:
    a = np.array(actual, dtype=np.float64).reshape(-1)
    e = np.array(expected, dtype=np.float64).reshape(-1)
    return a.shape == e.shape and bool(np.allclose(a, e, rtol=1e-3, atol=1e-4, equal_nan=True))


def dec(d: dict[str, Any] | None) -> list[float] | None:
    if d is None:
        return None
    return [float(v) if isinstance(v, str) else v for v in d["values"]]


def check_facts(s: Spec, rec: dict[str, Any]) -> list[str]:
    msgs: list[str] = []
    e = s.expect
    out = rec.get("out")
    if out is None:
        return [f"{s.id}: raised {rec['error']}"] if e else []
    if "out" in e and not close_to(dec(out), e["out"]):
        msgs.append(f"{s.id}: out {dec(out)} != sheet {e['out']}")
    if "dtype" in e and out["dtype"] != e["dtype"]:
        msgs.append(f"{s.id}: dtype {out['dtype']} != sheet {e['dtype']}")
    if "grad_fn" in e and out["grad_fn"] != e["grad_fn"]:
        msgs.append(f"{s.id}: grad_fn {out['grad_fn']} != sheet {e['grad_fn']}")
    if "graph" in e and out["graph"] != e["graph"]:
        msgs.append(f"{s.id}: graph {out['graph']} != sheet {e['graph']}")
    if "second_fails" in e and rec.get("second_backward_fails") != e["second_fails"]:
        msgs.append(f"{s.id}: second_backward_fails {rec.get('second_backward_fails')}")
    for name, want in e.get("grads", {}).items():
        got = rec.get("grads", {}).get(name)
        if want is None:
            if got is not None:
                msgs.append(f"{s.id}: {name}.grad {got} != None")
        elif got is None or not close_to(dec(got), want):
            msgs.append(f"{s.id}: {name}.grad {dec(got)} != sheet {want}")
    for name, want in e.get("grad_dtypes", {}).items():
        got = rec.get("grads", {}).get(name)
        if got is None or got["dtype"] != want:
            msgs.append(f"{s.id}: {name}.grad dtype {got and got['dtype']} != sheet {want}")
    return msgs


def check_reference(ref_path: Path, records: list[dict[str, Any]]) -> list[str]:
    if not ref_path.exists():
        return [f"(reference {ref_path} not found: not cross-checked)"]
    ref = json.loads(ref_path.read_text())["ops"]
    by_id = {r["id"]: r for r in records}
    msgs = []
    for key, entry in ref.items():
        rec = by_id.get(f"ref-{key}")
        if rec is None:
            msgs.append(f"ref-{key}: missing")
            continue
        if rec.get("error"):
            msgs.append(f"ref-{key}: raised {rec['error']}")
            continue
        if rec["out"]["grad_fn"] != entry["grad_fn"]:
            msgs.append(f"ref-{key}: grad_fn {rec['out']['grad_fn']} != {entry['grad_fn']}")
        if rec["out"]["graph"] != entry["graph"]:
            msgs.append(f"ref-{key}: graph {rec['out']['graph']} != {entry['graph']}")
        if rec.get("second_backward_fails") != entry["second_backward_fails"]:
            msgs.append(f"ref-{key}: second_backward_fails {rec.get('second_backward_fails')}")
    extra = {r["id"] for r in records if r["group"] == "grad_fn_names"} - {f"ref-{k}" for k in ref}
    msgs += [f"{x}: not in the reference" for x in sorted(extra)]
    return msgs


# ---------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    ref_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_REFERENCE
    torch.manual_seed(0)
    specs = ref_specs() + facts_specs() + stable_specs() + error_specs() + random_specs(N_RANDOM)
    ids = [s.id for s in specs]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    records = [run_case(s) for s in specs]
    problems = check_reference(ref_path, records)
    for s, rec in zip(specs, records, strict=True):
        problems += check_facts(s, rec)
    counts: dict[str, int] = {}
    for r in records:
        counts[r["group"]] = counts.get(r["group"], 0) + 1
    meta = {
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "python_version": sys.version.split()[0],
        "generator": "tests/engine/goldens/record_ops.py",
        "counts": counts,
    }
    OUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, separators=(",", ":"), allow_nan=False) for r in records]
    text = (
        '{"meta":'
        + json.dumps(meta, separators=(",", ":"))
        + ',\n"cases":[\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )
    OUT_PATH.write_text(text)
    print(f"wrote {OUT_PATH} ({len(text) / 1e6:.2f} MB, {len(records)} cases: {counts})")
    if problems:
        print("differences from the reference JSON / facts sheet:")
        for p in problems:
            print("  " + p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
