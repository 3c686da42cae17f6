"""Record torch's repr of ~150 tensors as goldens for engine/format.py.

Run by hand, with torch installed outside the project (torch is never a project dependency):

    /tmp/torchvenv/bin/python tests/engine/goldens/record_repr.py

It writes tests/engine/data/repr_goldens.json. Each case holds the tensor's flat values
(non-finite ones as the strings "NaN"/"Infinity"/"-Infinity"), shape, dtype name, the grad_fn
name torch printed (or null), the requires_grad flag and repr(t). Every tensor is built the way a
user would build it, so grad_fn names and their suffix wrapping are torch's own. Seeds are fixed:
re-running gives the same file.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parents[1] / "data" / "repr_goldens.json"
MAX_BYTES = 300_000

F16, F32, F64 = torch.float16, torch.float32, torch.float64
INT_DTYPES = (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64)
ALL_DTYPES = (F16, F32, F64, *INT_DTYPES, torch.bool)
NAN, INF = math.nan, math.inf

Case = tuple[str, torch.Tensor]


def t(data: object, dtype: torch.dtype | None = None, rg: bool = False) -> torch.Tensor:
    return torch.tensor(data, dtype=dtype, requires_grad=rg)


# ---------------------------------------------------------------------------------------------
# Hand-picked cases


def facts_samples() -> Iterator[Case]:
    """Every sample string of facts §0 and §10, produced the way the sheet produced it."""
    m, c, x = t(3.0, rg=True), t(2.0, rg=True), t(5.0)
    yield "s0_tutorial_y", m * x + c
    a, b = t([2.0, 3.0], rg=True), t([6.0, 4.0], rg=True)
    yield "s0_tutorial_Q", 3 * a**3 - b**2
    yield "s10_leaf_rg_1d", a
    yield "s10_leaf_rg_0d", t(2.0, rg=True)
    yield "s10_a_grad", t([36.0, 81.0])
    yield "s10_b_grad", t([-12.0, -8.0])
    yield "s10_12_5", t(12.5)
    yield "s10_third", t(1.0) / 3
    yield "s10_f64_2_5", t(2.5, F64)
    yield "s10_mixed_sign", t([1.5, 2.25, -3.125])
    yield "s10_tenths", t([0.1, 0.2, 0.3])
    yield "s10_nonfinite", t([1.0, INF, NAN, -INF])
    yield "s10_nan_fixed", t([NAN, 1.5])
    yield "s10_neg_zero", t(-0.0)
    yield "s10_int", t([1, 2, 3])
    yield "s10_int_align", t([1, -2000, 3])
    yield "s10_int32", t([1, 2], torch.int32)
    yield "s10_bool", t([True, False])
    yield "s10_f16", t([1.0, 2.0], F16)
    yield "s10_empty", t([])
    yield "s10_empty_rg", t([], rg=True)
    yield "s10_empty_2x0", torch.zeros(2, 0)
    yield "s10_select", t([1.0, 2.0], rg=True)[0]
    yield "s10_f64_leaf_rg", t([2.0, 3.0], F64, rg=True)
    yield "s10_f64_sum", t([1.0, 2.0], F64, rg=True).sum()
    yield "s10_int_12", t(12.0)
    yield "s10_int_123456", t(123456.0)
    yield "s10_int_1e8", t(100000000.0)
    yield "s10_fixed_small", t([0.001, 1.0])
    yield "s10_fixed_1000_5", t(1000.5)
    yield "s10_sci_ratio", t([1e-3, 1e3])
    yield "s10_sci_ratio_int", t([2.0, 2001.0])
    yield "s10_ratio_1000_int", t([2.0, 2000.0])
    yield "s10_ratio_1000_fixed", t([1.5, 1500.0])
    yield "s10_sci_1_5e8", t(1.5e8)
    yield "s10_sci_1e-5", t(1e-5)
    yield "s10_sci_zero_1e-5", t([0.0, 1e-5])
    yield "s10_sci_1e10", t(1e10)
    yield "s10_f64_precision", t([1.12345], F64)
    yield "s10_3d_blocks", torch.arange(12.0).reshape(2, 2, 3)
    yield "s10_summary_1d", torch.arange(1001.0)
    yield "s10_summary_grad_fn", torch.arange(1001.0, requires_grad=True) * 1
    yield "s10_summary_sci_from_shown", torch.arange(2000.0).reshape(1000, 2)
    yield "s10_exactly_1000", torch.arange(1000.0)
    yield "s10_suffix_79_stays", torch.ones(1, requires_grad=True).expand(11)
    yield "s10_suffix_wraps", torch.ones(11, 1, requires_grad=True).squeeze(1)


def zero_dim() -> Iterator[Case]:
    for i, (value, dtype) in enumerate(
        [
            (0.0, F32),
            (1.0, F32),
            (-1.0, F32),
            (0.5, F32),
            (-0.5, F32),
            (NAN, F32),
            (INF, F32),
            (-INF, F32),
            (1e-4, F32),
            (1e-4, F64),
            (99999.99, F32),
            (-1.5e-7, F32),
            (-3e12, F64),
            (0.0, F64),
            (-0.0, F16),
            (0.1, F16),
            (65504.0, F16),
            (7, torch.int64),
            (-128, torch.int8),
            (255, torch.uint8),
            (-(2**63), torch.int64),
            (True, torch.bool),
            (False, torch.bool),
            (12345, torch.int16),
        ]
    ):
        yield f"0d_{i:02d}", t(value, dtype)


def one_dim_numbers() -> Iterator[Case]:
    """Mode thresholds, rounding, signs and non-finite values in short vectors."""
    yield "1d_ratio_exact_1000_half", t([0.5, 500.0])
    yield "1d_ratio_just_over", t([0.5, 500.5])
    yield "1d_max_under_1e8_fixed_f64", t([99999999.5, 100000.0], F64)
    yield "1d_max_over_1e8_sci_f64", t([100000000.5, 100000.5], F64)
    yield "1d_max_over_1e8_int", t([100000001.0, 1e6], F64)
    yield "1d_min_exact_1e-4_f64", t([1e-4, 0.05], F64)
    yield "1d_min_under_1e-4", t([9.9e-5, 0.05])
    yield "1d_round_up_width", t([9.99996, 1.25])
    yield "1d_fixed_rounding", t([0.00015, 0.00025, 0.10005, -0.00035], F64)
    yield "1d_all_zero", torch.zeros(4)
    yield "1d_neg_zero_mixed", t([-0.0, 1.0])
    yield "1d_zero_neg_half", t([0.0, -0.5])
    yield "1d_only_neg_zero", t([-0.0, -0.0])
    yield "1d_zero_nan", t([0.0, NAN])
    yield "1d_all_nan", t([NAN, NAN, NAN])
    yield "1d_inf_fixed", t([-INF, 1.5])
    yield "1d_nan_sci", t([NAN, 1e-5])
    yield "1d_inf_sci", t([1e10, -INF])
    yield "1d_inf_int_wide", t([INF, -INF, 12345.0])
    yield "1d_sci_negative", t([-1e-5, 2.0])
    yield "1d_sci_all_negative", t([-1.5e10, -3.0, -7e-3])
    yield "1d_sci_exp3_f64", t([1e300, 1.0], F64)
    yield "1d_sci_tiny_f64", t([1e-300], F64)
    yield "1d_sci_denormal_f32", t([1e-45, 1.0])
    yield "1d_large_ints_f32", t([16777217.0, -3.0])
    yield "1d_neg_ints_align", t([-1.0, 10.0, -100.0])
    yield "1d_f16_values", t([0.1, 65504.0, -6.1e-5, INF], F16)
    yield "1d_f16_ratio", t([0.001, 10.0], F16)
    yield "1d_f16_fixed", t([0.333, -2.5, 7.125], F16)
    yield "1d_f64_fixed", t([math.pi, -math.e, 1 / 7], F64)
    yield "1d_int_neg", t([-1, 10, -100, 1000])
    yield "1d_int_big", t([2**62, -(2**63), 0])
    yield "1d_int8_range", t([-128, 0, 127], torch.int8)
    yield "1d_uint8_range", t([0, 7, 255], torch.uint8)
    yield "1d_int16", t([-32768, 5, 32767], torch.int16)
    yield "1d_int32", t([2**31 - 1, -(2**31)], torch.int32)
    yield "1d_bool_all_true", t([True, True])
    yield "1d_bool_single_false", t([False])


def layouts() -> Iterator[Case]:
    """Line wrapping, n-d nesting and degenerate dimensions."""
    g = torch.Generator().manual_seed(10)
    yield "wrap_int_mode_30", torch.arange(30.0)
    yield "wrap_fixed_randn_30", torch.randn(30, generator=g)
    yield "wrap_sci_20", torch.logspace(-6, 6, 20)
    yield "wrap_int_100", torch.arange(100)
    yield "wrap_int_neg_40", torch.arange(-20, 20) * 997
    yield "wrap_bool_25", torch.arange(25) % 3 == 0
    yield "wrap_2d_rows", torch.randn(3, 20, generator=g)
    yield "wrap_3d_rows", torch.randn(2, 3, 15, generator=g)
    yield "wrap_4d", torch.arange(16.0).reshape(2, 2, 2, 2) - 7.5
    yield "wrap_5d", torch.arange(32).reshape(2, 2, 2, 2, 2)
    yield "nd_1", t([4.0])
    yield "nd_1x1", t([[4.0]])
    yield "nd_1x1x1", t([[[-4]]])
    yield "nd_5x1", torch.arange(5.0).reshape(5, 1) / 4
    yield "nd_1x5", torch.arange(5.0).reshape(1, 5) * -3
    yield "nd_3d_one_block", torch.arange(6).reshape(1, 2, 3)
    yield "nd_2d_nan_row", t([[NAN, NAN], [1.25, -2.0]])
    yield "nd_2d_bool", t([[True, False, True], [False, False, True]])
    yield "nd_2d_f64_sci", t([[1e-8, 2.0], [3.0, -4e5]], F64)
    yield "nd_wide_elements_wrap", torch.full((9,), -1.2345e-10)


def empties() -> Iterator[Case]:
    for shape in [(0,), (2, 0), (0, 3), (2, 0, 1)]:
        for dtype in (F32, F64, torch.int64, torch.bool, torch.uint8):
            if shape in [(0, 3), (2, 0, 1)] and dtype in (torch.bool, torch.uint8):
                continue
            yield (
                f"empty_{'x'.join(map(str, shape))}_{str(dtype)[6:]}",
                torch.zeros(shape, dtype=dtype),
            )
    yield "empty_f16_rg", torch.zeros(0, dtype=F16, requires_grad=True)
    yield "empty_2x0_rg", torch.zeros(2, 0, requires_grad=True)
    yield "empty_grad_fn", torch.zeros(0, requires_grad=True) * 2
    yield "empty_2x0_f64_grad_fn", torch.zeros(2, 0, dtype=F64, requires_grad=True) * 2


def summaries() -> Iterator[Case]:
    g = torch.Generator().manual_seed(20)
    yield "sum_2x600", torch.arange(1200.0).reshape(2, 600)
    yield "sum_600x2_int", torch.arange(1200).reshape(600, 2)
    yield "sum_40x40_randn", torch.randn(40, 40, generator=g)
    yield "sum_11x11x11", torch.arange(1331.0).reshape(11, 11, 11) - 665
    yield "sum_7x7x7x7", torch.arange(2401).reshape(7, 7, 7, 7)
    yield "sum_3x1001_zeros", torch.zeros(3, 1001)
    yield "sum_3x10x100", torch.arange(3000.0).reshape(3, 10, 100)
    yield "sum_bool_1001", torch.arange(1001) % 2 == 0
    hidden = torch.arange(1001.0)
    hidden[500] = 1e20
    yield "sum_hidden_large", hidden
    yield "sum_f64_rg", torch.arange(1001.0, dtype=F64, requires_grad=True)
    yield "sum_f16_nonfinite", torch.cat([t([NAN, INF, 0.5]), torch.ones(1000), t([-INF])]).half()
    yield "full_10x100", torch.arange(1000.0).reshape(10, 100) / 8
    yield "sum_1001_sci_tail", torch.cat([torch.ones(998), t([1e-9, 2.0, 3.0])])


def suffix_wrapping() -> Iterator[Case]:
    """Suffixes near the 78/80-column boundaries, with builtin and custom grad_fn names."""
    for n in range(9, 14):
        yield f"sfx_expand_{n}", torch.ones(1, requires_grad=True).expand(n)
        yield f"sfx_f64_rg_{n}", torch.ones(n, dtype=F64, requires_grad=True)
    yield "sfx_f64_wrap_then_rg", torch.arange(14.0, dtype=F64, requires_grad=True)
    yield "sfx_f16_grad_fn", torch.ones(12, dtype=F16, requires_grad=True) * 3
    yield "sfx_2d_grad_fn", (torch.arange(24.0, requires_grad=True) * 1).reshape(2, 12)
    yield "sfx_int_dtype_wrap", torch.arange(20, dtype=torch.int16).reshape(1, 20) * 1111
    for n in (33, 34, 35, 60):
        fn = _custom_function("F" * n)
        base = torch.arange(14.0, dtype=F64, requires_grad=True) if n < 60 else t([1.0], rg=True)
        yield f"sfx_custom_{n}", fn.apply(base)


def _custom_function(name: str) -> type[torch.autograd.Function]:
    """An autograd.Function whose grad_fn prints as `<name>Backward` (for long names)."""
    body = {
        "forward": staticmethod(lambda ctx, x: x * 2),
        "backward": staticmethod(lambda ctx, g: g * 2),
    }
    return type(name, (torch.autograd.Function,), body)


# ---------------------------------------------------------------------------------------------
# Random cases

_GRAD_OPS: list[Callable[[torch.Tensor], torch.Tensor]] = [
    lambda x: x * 1,
    lambda x: x + 0,
    lambda x: x.clone(),
    lambda x: x.view(x.shape),
    lambda x: x.neg().neg(),
    lambda x: x.to(F64),
    lambda x: x.sum(),
    lambda x: x.exp(),
    lambda x: x.unsqueeze(0),
    lambda x: x.abs(),
]


def random_cases(count: int) -> Iterator[Case]:
    rng = random.Random(1234)
    gen = torch.Generator().manual_seed(1234)
    for i in range(count):
        ndim = rng.choice([0, 1, 1, 1, 2, 2, 2, 3, 3, 4])
        shape = tuple(rng.choice([1, 2, 3, 4, 5, 7, 12]) for _ in range(ndim))
        while math.prod(shape) > 240:
            shape = shape[1:]
        dtype = rng.choice([F32, F32, F32, F64, F16, *INT_DTYPES, torch.bool])
        values = _random_values(rng, gen, shape, dtype)
        if dtype.is_floating_point:
            grad = rng.choice(["none", "leaf", "op", "op"])
            if grad == "leaf":
                values.requires_grad_(True)
            elif grad == "op":
                values = rng.choice(_GRAD_OPS)(values.requires_grad_(True))
        yield f"rand_{i:03d}", values


def _random_values(
    rng: random.Random, gen: torch.Generator, shape: tuple[int, ...], dtype: torch.dtype
) -> torch.Tensor:
    """Values from a random family: normal at a random scale, integral, tiny, or spiked."""
    if dtype == torch.bool:
        return torch.rand(shape, generator=gen) < 0.5
    if not dtype.is_floating_point:
        info = torch.iinfo(dtype)
        low, high = (
            max(info.min, -(10 ** rng.randint(1, 12))),
            min(info.max, 10 ** rng.randint(1, 12)),
        )
        return torch.randint(low, high, shape, generator=gen, dtype=dtype)
    family = rng.choice(["normal", "scaled", "integral", "tiny", "spiked", "rounded"])
    x = torch.randn(shape, generator=gen, dtype=F64)
    if family == "scaled":
        x = x * 10.0 ** rng.randint(-7, 10)
    elif family == "integral":
        x = (x * 10.0 ** rng.randint(0, 9)).round()
    elif family == "tiny":
        x = x * 1e-5
    elif family == "rounded":
        x = (x * 100).round() / 100
    elif family == "spiked" and x.numel() > 0:
        flat = x.reshape(-1)
        for _ in range(rng.randint(1, 3)):
            flat[rng.randrange(flat.numel())] = rng.choice([NAN, INF, -INF, 0.0, -0.0])
    return x.to(dtype)


# ---------------------------------------------------------------------------------------------
# Recording


def _encode_float(v: float, dtype: torch.dtype) -> int | float | str:
    """JSON for one float value: shortest text that round-trips through the dtype.

    Integral values are stored as JSON integers. A float32 value like 0.1f is stored as 0.1 rather than 0.10000000149011612 (which keeps the
    file small); the loader casts back to the dtype and we check that gives the same bits.
    """
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    negative_zero = v == 0 and math.copysign(1, v) < 0
    if v.is_integer() and abs(v) < 2**53 and not negative_zero:
        return int(v)  # `1200` rather than `1200.0`; -0.0 keeps its sign as a float
    np_type = {F16: np.float16, F32: np.float32, F64: np.float64}[dtype]
    short = float(str(np_type(v)))  # numpy prints a scalar's shortest round-tripping text
    back = np.asarray([short], dtype=np_type)[0]
    return short if back == v and math.copysign(1, float(back)) == math.copysign(1, v) else v


def record(name: str, x: torch.Tensor) -> dict:
    text = repr(x)
    assert str(x) == text, name
    data = x.detach().reshape(-1).tolist()
    if x.dtype.is_floating_point:
        data = [_encode_float(v, x.dtype) for v in data]
    grad_fn = x.grad_fn.name() if x.grad_fn is not None else None
    if grad_fn is not None:
        assert f"grad_fn=<{grad_fn}>" in text, (name, grad_fn, text)
    return {
        "name": name,
        "shape": list(x.shape),
        "dtype": str(x.dtype).removeprefix("torch."),
        "values": data,
        "grad_fn": grad_fn,
        "requires_grad": x.requires_grad,
        "repr": text,
    }


def main() -> None:
    cases = [
        *facts_samples(),
        *zero_dim(),
        *one_dim_numbers(),
        *layouts(),
        *empties(),
        *summaries(),
        *suffix_wrapping(),
        *random_cases(60),
    ]
    names = [name for name, _ in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    goldens = {
        "torch_version": torch.__version__,
        "cases": [record(name, x) for name, x in cases],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(goldens, indent=None, separators=(",", ":"))
    assert len(text) < MAX_BYTES, f"goldens too large: {len(text)} bytes"
    OUT.write_text(text + "\n")
    print(f"wrote {len(cases)} cases, {len(text)} bytes, to {OUT}")


if __name__ == "__main__":
    main()
