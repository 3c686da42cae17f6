"""app/jsonio: sliced parsing and writing give exactly what one orjson call gives."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import orjson
import pytest

from app import jsonio


@pytest.fixture(autouse=True)
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thresholds small enough for test bodies to take the sliced paths."""
    monkeypatch.setattr(jsonio, "LARGE_BODY", 64)
    monkeypatch.setattr(jsonio, "LONG_ARRAY", 16)
    monkeypatch.setattr(jsonio, "SLICE_BYTES", 10)
    monkeypatch.setattr(jsonio, "SLICE_ELEMENTS", 3)


def test_long_arrays_are_parsed_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    loads = orjson.loads
    monkeypatch.setattr(jsonio.orjson, "loads", lambda b: calls.append(b) or loads(b))
    body = ('{"x": {"data": @}, "y": [[@], @]}'.replace("@", LONG)).encode()
    assert jsonio.loads(body) == loads(body)
    assert len(calls) > 20  # the skeleton, then each array in several slices
    assert LONG[1:-1].encode() not in calls[0]  # the skeleton has placeholders instead


def same_as_orjson(body: bytes) -> Any:
    try:
        expected: Any = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        with pytest.raises(orjson.JSONDecodeError) as got:
            jsonio.loads(body)
        assert str(got.value) == str(exc)
        return None
    result = jsonio.loads(body)
    assert result == expected
    assert json.dumps(result) == json.dumps(expected)  # types too: 1 vs 1.0 vs true
    return result


LONG = json.dumps([1.5, -2, 3e-7, True, None, 0, 1e300, -0.0, {}] * 6)


@pytest.mark.parametrize(
    "text",
    [
        '{"tensors": {"x": {"data": @, "requires_grad": true}}, "source": "y = x"}',
        '{"a": @, "b": [@, @], "c": "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]"}',
        "@",
        "[[1, 2], @, [[@]]]",
        '{"s": "@"}',  # the run is inside a string
        '{"s": "ab@cd", "t": @}',
        '{"x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,]}',  # trailing comma
        '{"x": [,1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]}',
        '{"x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10,, 11, 12, 13]}',
        '{"x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1.2.3, 12, 13]}',
        '{"x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]',  # unterminated
        '{"x": [{}, {}, {}, {}, {}, true, false, null, 1, 2, 3, 4]}',
        '{"x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], "x": 5}',  # duplicate key
        '{"x": [ 1 ,\\n 2 , 3 , 4 , 5 , 6 , 7 , 8 , 9 , 10 , 11 , 12 ]}'.replace("\\n", "\n"),
        '{"tag": "\\u0000gradserve:00:0", "x": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]}',
    ],
)
def test_loads_matches_orjson(text: str) -> None:
    """(@ stands for a long array)"""
    same_as_orjson(text.replace("@", LONG).encode())


def test_loads_random_documents() -> None:
    rng = np.random.default_rng(0)
    for _ in range(200):
        n = int(rng.integers(0, 60))
        values = rng.standard_normal(n).astype(np.float32)
        doc = {
            "tensors": {
                "x": {"data": values, "requires_grad": bool(rng.integers(2))},
                "k": {"data": rng.integers(-5, 5, size=int(rng.integers(0, 40)))},
            },
            "nodes": [{"id": "y", "op": "sum", "inputs": ["x"]}],
        }
        body = orjson.dumps(doc, option=orjson.OPT_SERIALIZE_NUMPY)
        if rng.integers(4) == 0:  # damage it
            i = int(rng.integers(len(body)))
            body = body[:i] + bytes([int(rng.choice(list(b',]["0e.-')))]) + body[i + 1 :]
        same_as_orjson(body)


def test_many_small_arrays_are_not_scanned_one_by_one() -> None:
    body = ("[" + ",".join(["[1]"] * 10_000) + "," + LONG + "]").encode()
    assert jsonio._long_arrays(body) == []
    same_as_orjson(body)


@pytest.mark.parametrize(
    "arr",
    [
        np.arange(10, dtype=np.float32) / 3,
        np.array([0.1, -0.0, 1e-8, 3.4e38], dtype=np.float32),
        np.arange(7, dtype=np.int64),
        np.array([True, False, True, True], dtype=np.bool_),
        np.arange(2, dtype=np.float64) / 7,
        np.zeros(0, dtype=np.float32),
    ],
)
def test_array_json_matches_orjson(arr: np.ndarray) -> None:
    option = orjson.OPT_SERIALIZE_NUMPY
    assert orjson.dumps({"d": jsonio.array_json(arr)}, option=option) == orjson.dumps(
        {"d": arr}, option=option
    )
