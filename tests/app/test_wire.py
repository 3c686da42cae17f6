"""Tensors on the wire (API.md §1): TensorIn's three forms, TensorOut, non-finite values, base64."""

from __future__ import annotations

import base64
import binascii
import math
import random
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from .conftest import make_settings, problem, put


def test_tensor_out_fields(client: TestClient, sid: str) -> None:
    out = put(client, sid, "a", data=[2.0, 3.0], requires_grad=True)
    assert out == {
        "shape": [2],
        "dtype": "float32",
        "data": [2.0, 3.0],
        "requires_grad": True,
        "is_leaf": True,
        "grad_fn": None,
        "repr": "tensor([2., 3.], requires_grad=True)",
    }
    assert list(out) == ["shape", "dtype", "data", "requires_grad", "is_leaf", "grad_fn", "repr"]


@pytest.mark.parametrize(
    ("data", "shape", "dtype", "repr_"),
    [
        (3.0, [], "float32", "tensor(3.)"),
        (3, [], "int64", "tensor(3)"),
        (True, [], "bool", "tensor(True)"),
        ([[1, 2], [3, 4]], [2, 2], "int64", "tensor([[1, 2],\n        [3, 4]])"),
        ([1, 2.5], [2], "float32", "tensor([1.0000, 2.5000])"),
        ([True, False], [2], "bool", "tensor([ True, False])"),
        ([], [0], "float32", "tensor([])"),
        ([[]], [1, 0], "float32", "tensor([], size=(1, 0))"),
    ],
)
def test_dtype_and_shape_inferred_like_torch_tensor(
    client: TestClient, sid: str, data: object, shape: list[int], dtype: str, repr_: str
) -> None:
    out = put(client, sid, "t", data=data)
    assert (out["shape"], out["dtype"], out["repr"]) == (shape, dtype, repr_)


def test_data_is_flat_row_major(client: TestClient, sid: str) -> None:
    out = put(client, sid, "t", data=[[1, 2, 3], [4, 5, 6]])
    assert out["data"] == [1, 2, 3, 4, 5, 6]
    assert put(client, sid, "s", data=7.5)["data"] == [7.5]


def test_flat_data_with_explicit_shape(client: TestClient, sid: str) -> None:
    out = put(client, sid, "t", data=[1, 2, 3, 4], shape=[2, 2], dtype="float64")
    assert out["shape"] == [2, 2]
    assert out["repr"] == "tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64)"


def test_explicit_dtype_keeps_float64_precision(client: TestClient, sid: str) -> None:
    out = put(client, sid, "t", data=[0.1, 1e-300], dtype="float64")
    assert out["data"] == [0.1, 1e-300]
    out = put(client, sid, "u", data=[1.7, -2.2], dtype="int32")
    assert out["data"] == [1, -2] and out["dtype"] == "int32"


def test_non_finite_values_as_strings_both_ways(client: TestClient, sid: str) -> None:
    out = put(client, sid, "t", data=[1.0, "NaN", "Infinity", "-Infinity"])
    assert out["data"] == [1.0, "NaN", "Infinity", "-Infinity"]
    assert out["repr"] == "tensor([1., nan, inf, -inf])"
    assert put(client, sid, "n", data="NaN")["repr"] == "tensor(nan)"
    nested = put(client, sid, "m", data=[[1, "Infinity"], [2, 3]])
    assert nested["dtype"] == "float32" and nested["data"] == [1.0, "Infinity", 2.0, 3.0]
    raw = client.get(f"/v1/sessions/{sid}/tensors/t").content
    assert b'"data":[1.0,"NaN","Infinity","-Infinity"]' in raw  # never null, never bare NaN


def test_other_strings_are_refused_with_torchs_message(client: TestClient, sid: str) -> None:
    response = client.put(f"/v1/sessions/{sid}/tensors/t", json={"data": [1, "nan"]})
    body = problem(response, 422, "validation")
    assert body["errors"] == [{"pointer": "/data", "detail": "new(): invalid data type 'str'"}]


def test_base64_in_and_out(client: TestClient, sid: str) -> None:
    values = np.array([[1.5, -2.0], [3.25, 4.0]], dtype="<f8")
    b64 = base64.b64encode(values.tobytes()).decode()
    out = put(client, sid, "t", b64=b64, shape=[2, 2], dtype="float64")
    assert out["data"] == [1.5, -2.0, 3.25, 4.0] and out["dtype"] == "float64"
    got = client.get(f"/v1/sessions/{sid}/tensors/t", params={"encoding": "base64"}).json()
    assert "data" not in got and got["repr"].startswith("tensor([[ 1.5000, -2.0000]")
    back = np.frombuffer(base64.b64decode(got["b64"]), dtype="<f8").reshape(got["shape"])
    assert np.array_equal(back, values)
    # default dtype float32, default shape one-dimensional
    f32 = base64.b64encode(np.array([1, 2, 3], dtype="<f4").tobytes()).decode()
    assert put(client, sid, "u", b64=f32)["repr"] == "tensor([1., 2., 3.])"


def test_base64_repr_left_out_over_1000_elements(client: TestClient, sid: str) -> None:
    big = base64.b64encode(np.zeros(1001, dtype="<f4").tobytes()).decode()
    response = client.put(
        f"/v1/sessions/{sid}/tensors/t", params={"encoding": "base64"}, json={"b64": big}
    )
    out = response.json()
    assert "repr" not in out and len(base64.b64decode(out["b64"])) == 4004
    small = client.get(f"/v1/sessions/{sid}/tensors/t", params={"encoding": "json"}).json()
    assert small["repr"].startswith("tensor([0., 0., 0.,  ..., 0., 0., 0.])")


@pytest.mark.parametrize(
    ("tensor", "pointer", "detail"),
    [
        ({"data": [[1.0, 2.0], [3.0]]}, "/data", "expected sequence of length 2 at dim 1 (got 1)"),
        (
            {"data": [1, 2, 3], "shape": [2, 2]},
            "/shape",
            "shape '[2, 2]' is invalid for input of size 3",
        ),
        (
            {"data": [1, 2], "requires_grad": True},
            "/requires_grad",
            "Only Tensors of floating point and complex dtype can require gradients",
        ),
        ({"b64": "%%%", "shape": [1]}, "/b64", "invalid base64 data"),
        (
            {"b64": base64.b64encode(b"\0" * 8).decode(), "shape": [3]},
            "/b64",
            "2 float32 elements do not fill shape [3] (3 elements)",
        ),
        (
            {"b64": base64.b64encode(b"\0" * 6).decode()},
            "/b64",
            "6 bytes is not a whole number of float32 elements (4 bytes)",
        ),
        ({"data": [1], "b64": "AAAA"}, "", "Value error, give exactly one of `data` or `b64`"),
        ({"shape": [1]}, "", "Value error, give exactly one of `data` or `b64`"),
        ({"data": 1, "dtype": "bfloat16"}, "/dtype", None),
        ({"data": 1, "colour": "red"}, "/colour", "Extra inputs are not permitted"),
    ],
)
def test_bad_tensors_are_422_with_a_pointer(
    client: TestClient, sid: str, tensor: dict[str, object], pointer: str, detail: str | None
) -> None:
    body = problem(client.put(f"/v1/sessions/{sid}/tensors/t", json=tensor), 422, "validation")
    assert [e["pointer"] for e in body["errors"]] == [pointer]
    if detail is not None:
        assert body["errors"][0]["detail"] == detail
    assert client.get(f"/v1/sessions/{sid}/tensors/t").status_code == 404  # nothing bound


def test_tensor_over_the_element_limit_is_413() -> None:
    from app.main import create_app

    with TestClient(create_app(make_settings(max_tensor_elements=10))) as client:
        sid = client.post("/v1/sessions").json()["id"]
        url = f"/v1/sessions/{sid}/tensors/t"
        body = problem(client.put(url, json={"data": list(range(11))}), 413, "too-large")
        assert "11 elements" in body["detail"] and "GRADSERVE_MAX_TENSOR_ELEMENTS" in body["detail"]
        # with an explicit shape, refused before the data is even converted
        problem(client.put(url, json={"data": [0], "shape": [100, 100]}), 413, "too-large")
        problem(client.put(url, json={"b64": "AAAA", "shape": [1000]}), 413, "too-large")
        assert client.put(url, json={"data": list(range(10))}).status_code == 200


def test_tensor_names_are_identifiers(client: TestClient, sid: str) -> None:
    body = problem(
        client.put(f"/v1/sessions/{sid}/tensors/1x", json={"data": 1}), 422, "validation"
    )
    assert body["errors"][0]["parameter"] == "name"


def test_large_tensor_round_trip(client: TestClient, sid: str) -> None:
    values = np.linspace(-1, 1, 100_000, dtype=np.float32)
    out = put(client, sid, "big", data=values.tolist())
    assert out["shape"] == [100_000]
    assert np.array_equal(np.asarray(out["data"], dtype=np.float32), values)
    assert out["repr"].startswith("tensor([-1.0000, -1.0000, -1.0000,  ...,")


def test_float32_values_are_written_shortest(client: TestClient, sid: str) -> None:
    out = put(client, sid, "t", data=[0.1, 1e-8])
    assert out["data"] == [0.1, 1e-8]  # float32's shortest repr, which reads back exactly
    assert all(np.float32(v) == np.float32(w) for v, w in zip(out["data"], [0.1, 1e-8]))
    assert not math.isnan(out["data"][0])


def test_b64decode_gives_exactly_the_standard_librarys_verdict() -> None:
    """app.codec decodes with pybase64; every result and refusal must be base64.b64decode's."""
    from app.codec import b64decode

    def verdict(f: Callable[[str], bytes], text: str) -> Any:
        try:
            return f(text)
        except (binascii.Error, ValueError):
            return "refused"

    rng = random.Random(0)
    alphabet = "ABCxyz019+/=" + " \n\t-_é\0"
    cases = ["", "QUJD", "QUJD====", "QQ==", "QQ=", "Q=Q=", "QQ==\n", " QQ=="]
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(5000)]
    cases += [base64.b64encode(rng.randbytes(n)).decode() for n in range(64)]
    for text in cases:
        expected = verdict(lambda t: base64.b64decode(t, validate=True), text)
        assert verdict(b64decode, text) == expected, repr(text)


def test_data_is_built_by_torch_tensor_semantics(client: TestClient, sid: str) -> None:
    """JSON data goes through engine.creation.as_array: its dtype checks apply to the wire too."""
    r = client.put(f"/v1/sessions/{sid}/tensors/t", json={"data": [2**40], "dtype": "int32"})
    assert "without overflow" in problem(r, 422, "validation")["detail"]
    assert put(client, sid, "u", data=[1, 2.5, True])["dtype"] == "float32"
