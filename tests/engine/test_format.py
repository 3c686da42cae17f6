"""engine.format against torch's own repr: recorded goldens plus every sample of facts §10.

The goldens come from tests/engine/goldens/record_repr.py (run by hand with torch installed);
these tests need no torch.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pytest

from engine import dtypes as D
from engine.dtypes import DType
from engine.format import format_size, format_tensor

GOLDENS = Path(__file__).parent / "data" / "repr_goldens.json"
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _load_cases() -> list[dict]:
    return json.loads(GOLDENS.read_text())["cases"]


def _values(case: dict) -> np.ndarray:
    """The case's tensor values as an array of its dtype (non-finite values come as strings)."""
    dtype = D.BY_NAME[case["dtype"]]
    flat = [_NON_FINITE.get(v, v) if isinstance(v, str) else v for v in case["values"]]
    return np.asarray(flat, dtype=dtype.np).reshape(case["shape"])


CASES = _load_cases()


def test_goldens_cover_enough_cases() -> None:
    assert len(CASES) >= 150
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden(case: dict) -> None:
    dtype = D.BY_NAME[case["dtype"]]
    text = format_tensor(
        _values(case), dtype, grad_fn=case["grad_fn"], requires_grad=case["requires_grad"]
    )
    assert text == case["repr"]


# ---------------------------------------------------------------------------------------------
# Facts §0/§10 samples, written out so a regenerated goldens file cannot silently drop them.

F32, F64 = D.float32, D.float64
nan, inf = math.nan, math.inf

SAMPLES: list[tuple[object, DType, str | None, bool, str]] = [
    (17.0, F32, "AddBackward0", False, "tensor(17., grad_fn=<AddBackward0>)"),
    ([-12.0, 65.0], F32, "SubBackward0", False, "tensor([-12.,  65.], grad_fn=<SubBackward0>)"),
    ([2.0, 3.0], F32, None, True, "tensor([2., 3.], requires_grad=True)"),
    (2.0, F32, None, True, "tensor(2., requires_grad=True)"),
    (5.0, F32, None, False, "tensor(5.)"),
    (1.0, F32, None, False, "tensor(1.)"),
    ([36.0, 81.0], F32, None, False, "tensor([36., 81.])"),
    ([-12.0, -8.0], F32, None, False, "tensor([-12.,  -8.])"),
    (12.5, F32, None, False, "tensor(12.5000)"),
    (1 / 3, F32, None, False, "tensor(0.3333)"),
    (2.5, F64, None, False, "tensor(2.5000, dtype=torch.float64)"),
    ([1.5, 2.25, -3.125], F32, None, False, "tensor([ 1.5000,  2.2500, -3.1250])"),
    ([0.1, 0.2, 0.3], F32, None, False, "tensor([0.1000, 0.2000, 0.3000])"),
    ([1.0, inf, nan, -inf], F32, None, False, "tensor([1., inf, nan, -inf])"),
    ([nan, 1.5], F32, None, False, "tensor([   nan, 1.5000])"),
    (-0.0, F32, None, False, "tensor(-0.)"),
    ([1, 2, 3], D.int64, None, False, "tensor([1, 2, 3])"),
    ([1, -2000, 3], D.int64, None, False, "tensor([    1, -2000,     3])"),
    ([1, 2], D.int32, None, False, "tensor([1, 2], dtype=torch.int32)"),
    ([True, False], D.bool_, None, False, "tensor([ True, False])"),
    ([1.0, 2.0], D.float16, None, False, "tensor([1., 2.], dtype=torch.float16)"),
    ([], F32, None, False, "tensor([])"),
    ([], F32, None, True, "tensor([], requires_grad=True)"),
    (np.zeros((2, 0)), F32, None, False, "tensor([], size=(2, 0))"),
    (1.0, F32, "SelectBackward0", False, "tensor(1., grad_fn=<SelectBackward0>)"),
    ([2.0, 3.0], F64, None, True, "tensor([2., 3.], dtype=torch.float64, requires_grad=True)"),
    (3.0, F64, "SumBackward0", False, "tensor(3., dtype=torch.float64, grad_fn=<SumBackward0>)"),
    (12.0, F32, None, False, "tensor(12.)"),
    (123456.0, F32, None, False, "tensor(123456.)"),
    (100000000.0, F32, None, False, "tensor(100000000.)"),
    ([0.001, 1.0], F32, None, False, "tensor([0.0010, 1.0000])"),
    (1000.5, F32, None, False, "tensor(1000.5000)"),
    ([1e-3, 1e3], F32, None, False, "tensor([1.0000e-03, 1.0000e+03])"),
    ([2.0, 2001.0], F32, None, False, "tensor([2.0000e+00, 2.0010e+03])"),
    ([2.0, 2000.0], F32, None, False, "tensor([   2., 2000.])"),
    ([1.5, 1500.0], F32, None, False, "tensor([   1.5000, 1500.0000])"),
    (1.5e8, F32, None, False, "tensor(1.5000e+08)"),
    (1e-5, F32, None, False, "tensor(1.0000e-05)"),
    ([0.0, 1e-5], F32, None, False, "tensor([0.0000e+00, 1.0000e-05])"),
    (1e10, F32, None, False, "tensor(1.0000e+10)"),
    ([1.12345], F64, None, False, "tensor([1.1235], dtype=torch.float64)"),
    (
        np.arange(12.0).reshape(2, 2, 3),
        F32,
        None,
        False,
        "tensor([[[ 0.,  1.,  2.],\n"
        "         [ 3.,  4.,  5.]],\n"
        "\n"
        "        [[ 6.,  7.,  8.],\n"
        "         [ 9., 10., 11.]]])",
    ),
    (
        np.arange(1001.0),
        F32,
        None,
        False,
        "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.])",
    ),
    (
        np.arange(1001.0),
        F32,
        "MulBackward0",
        False,
        "tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.],\n       grad_fn=<MulBackward0>)",
    ),
    (
        np.ones(11),
        F32,
        "ExpandBackward0",
        False,
        "tensor([1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.], grad_fn=<ExpandBackward0>)",
    ),
    (
        np.ones(11),
        F32,
        "SqueezeBackward1",
        False,
        "tensor([1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.],\n       grad_fn=<SqueezeBackward1>)",
    ),
]


@pytest.mark.parametrize(
    ("values", "dtype", "grad_fn", "requires_grad", "expected"),
    SAMPLES,
    ids=[s[-1].split("\n")[0][:60] for s in SAMPLES],
)
def test_facts_sample(
    values: object, dtype: DType, grad_fn: str | None, requires_grad: bool, expected: str
) -> None:
    array = np.asarray(values, dtype=dtype.np)
    assert format_tensor(array, dtype, grad_fn=grad_fn, requires_grad=requires_grad) == expected


def test_suffix_lines_stay_within_79_columns() -> None:
    """The 79-column sample above, checked as a line length (the rule, not just the string)."""
    text = format_tensor(np.ones(11), F32, grad_fn="ExpandBackward0")
    assert len(text) == 79


def test_summary_of_2d_uses_shown_elements_and_dot_rows() -> None:
    text = format_tensor(np.arange(2000.0).reshape(1000, 2), F32)
    lines = text.split("\n")
    assert lines[0] == "tensor([[0.0000e+00, 1.0000e+00],"
    assert lines[3] == "        ...,"
    assert lines[-1] == "        [1.9980e+03, 1.9990e+03]])"


def test_exactly_1000_elements_print_in_full() -> None:
    text = format_tensor(np.arange(1000.0), F32)
    assert "..." not in text
    assert text.endswith("999.])")


def test_requires_grad_hidden_when_grad_fn_given() -> None:
    text = format_tensor(np.array(1.0), F32, grad_fn="MulBackward0", requires_grad=True)
    assert text == "tensor(1., grad_fn=<MulBackward0>)"


@pytest.mark.parametrize(
    ("dtype", "expected"),
    [
        (D.float32, "tensor([])"),
        (D.int64, "tensor([], dtype=torch.int64)"),
        (D.bool_, "tensor([], dtype=torch.bool)"),
        (D.float16, "tensor([], dtype=torch.float16)"),
    ],
)
def test_empty_shows_every_non_float32_dtype(dtype: DType, expected: str) -> None:
    """An empty tensor has no elements to hint at the dtype, so even int64/bool are spelled out."""
    assert format_tensor(np.zeros(0, dtype=dtype.np), dtype) == expected


@pytest.mark.parametrize(
    ("shape", "expected"),
    [((2, 3), "torch.Size([2, 3])"), ((), "torch.Size([])"), ((5,), "torch.Size([5])")],
)
def test_format_size(shape: tuple[int, ...], expected: str) -> None:
    assert format_size(shape) == expected


def test_small_tensors_format_fast() -> None:
    """Formatting sits on the HTTP response path; a 0-d or 3-element tensor takes microseconds.

    The bound is loose (the target is well under 50 µs) so a busy CI machine does not flake.
    """
    scalar = np.array(17.0, dtype=np.float32)
    vector = np.array([1.5, 2.25, -3.125], dtype=np.float32)
    rounds = 2000
    start = time.perf_counter()
    for _ in range(rounds):
        format_tensor(scalar, F32, grad_fn="AddBackward0")
        format_tensor(vector, F32, requires_grad=True)
    per_call = (time.perf_counter() - start) / (2 * rounds)
    assert per_call < 200e-6
