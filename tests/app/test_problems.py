"""Every error is RFC 9457 problem+json with API.md §4's type and status; request ids; limits."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app

from .conftest import make_settings, problem


def test_routing_404_and_405(client: TestClient) -> None:
    body = problem(client.get("/v1/nothing-here"), 404, "not-found")
    assert body["detail"] == "no such path: /v1/nothing-here"
    response = client.delete("/v1/ops")
    body = problem(response, 405, "method-not-allowed")
    assert response.headers["allow"] == "GET"


def test_validation_errors_have_json_pointers(client: TestClient, sid: str) -> None:
    response = client.post(
        "/v1/evaluate",
        json={
            "tensors": {"x": {"data": [1], "requires_grad": "maybe"}},
            "nodes": [{"id": "s", "op": "sum", "inputs": ["x"], "keepdim": 3, "extra": 1}],
            "encoding": "hex",
        },
    )
    body = problem(response, 422, "validation")
    pointers = sorted(e["pointer"] for e in body["errors"])
    assert pointers == [
        "/encoding",
        "/nodes/0/extra",
        "/nodes/0/keepdim",
        "/tensors/x/requires_grad",
    ]
    assert body["detail"] == "4 errors in the request"
    bad_name = client.post("/v1/evaluate", json={"tensors": {"1x": {"data": 1}}})
    assert problem(bad_name, 422, "validation")["errors"][0]["pointer"] == "/tensors/1x"


def test_missing_fields_and_unknown_ops(client: TestClient, sid: str) -> None:
    body = problem(client.post(f"/v1/sessions/{sid}/backward", json={}), 422, "validation")
    assert body["errors"] == [{"pointer": "/tensor", "detail": "Field required"}]
    nodes = [{"id": "a", "op": "frobnicate", "inputs": []}]
    body = problem(client.post(f"/v1/sessions/{sid}/run", json={"nodes": nodes}), 422, "validation")
    assert body["errors"] == [
        {"pointer": "/nodes/0/op", "detail": "unknown op 'frobnicate' (GET /v1/ops lists them)"}
    ]


@pytest.mark.parametrize(
    ("nodes", "pointer", "fragment"),
    [
        ([{"id": "q", "op": "sum", "inputs": ["nope"]}], "/nodes/0/inputs/0", "nope"),
        (
            [
                {"id": "q", "op": "neg", "inputs": ["x"]},
                {"id": "q", "op": "neg", "inputs": ["x"]},
            ],
            "/nodes/1/id",
            "q",
        ),
        ([{"id": "q", "op": "neg", "inputs": ["x", "x"]}], "/nodes/0/inputs", "at most 1"),
        (
            [{"id": "q", "op": "neg", "inputs": ["r"]}, {"id": "r", "op": "neg", "inputs": ["x"]}],
            "/nodes/0/inputs/0",
            "r",
        ),
    ],
)
def test_bad_nodes_are_422_at_the_node(
    client: TestClient, sid: str, nodes: list[dict[str, object]], pointer: str, fragment: str
) -> None:
    client.put(f"/v1/sessions/{sid}/tensors/x", json={"data": [1.0]})
    body = problem(client.post(f"/v1/sessions/{sid}/run", json={"nodes": nodes}), 422, "validation")
    assert body["errors"][0]["pointer"] == pointer
    assert fragment in body["errors"][0]["detail"]


def test_invalid_json(client: TestClient) -> None:
    response = client.post(
        "/v1/evaluate", content=b'{"source": ', headers={"content-type": "application/json"}
    )
    body = problem(response, 422, "validation")
    assert body["errors"][0]["pointer"] == "" and "invalid JSON" in body["errors"][0]["detail"]
    bare_nan = client.post(
        "/v1/evaluate",
        content=b'{"tensors": {"a": {"data": NaN}}}',
        headers={"content-type": "application/json"},
    )
    problem(bare_nan, 422, "validation")


def test_program_errors_name_the_line_and_column(client: TestClient) -> None:
    body = problem(
        client.post("/v1/evaluate", json={"source": "a = 1\nimport os"}), 400, "program-error"
    )
    assert (body["line"], body["column"]) == (2, 0)
    assert "import os" in body["detail"]
    body = problem(client.post("/v1/evaluate", json={"source": "a = (1"}), 400, "program-error")
    assert body["exception"] == "SyntaxError" and body["line"] == 1
    dunder = client.post("/v1/evaluate", json={"source": "t = torch.ones(1)\nt.__class__"})
    assert problem(dunder, 400, "program-error")["line"] == 2


def test_limits_are_limit_exceeded_or_too_large() -> None:
    settings = make_settings(max_program_nodes=3, max_compute_seconds=0.2)
    with TestClient(create_app(settings)) as client:
        long = "\n".join(f"a{i} = {i}" for i in range(4))
        body = problem(client.post("/v1/evaluate", json={"source": long}), 422, "limit-exceeded")
        assert "GRADSERVE_MAX_PROGRAM_NODES" in body["detail"]
        nodes = [{"id": f"n{i}", "op": "neg", "inputs": ["x"]} for i in range(4)]
        response = client.post(
            "/v1/evaluate", json={"tensors": {"x": {"data": 1.0}}, "nodes": nodes}
        )
        problem(response, 422, "limit-exceeded")
        huge = client.post("/v1/evaluate", json={"source": "x = torch.zeros(1000, 1000)"})
        assert "GRADSERVE_MAX_TENSOR_ELEMENTS" in problem(huge, 413, "too-large")["detail"]


def test_compute_time_limit() -> None:
    with TestClient(
        create_app(
            make_settings(
                max_compute_seconds=0.05, max_program_nodes=1000, max_tensor_elements=10**6
            )
        )
    ) as client:
        source = "x = torch.ones(1000, 1000)\n" + "x = (x * 1.0001).exp().log()\n" * 500
        body = problem(client.post("/v1/evaluate", json={"source": source}), 422, "limit-exceeded")
        assert "GRADSERVE_MAX_COMPUTE_SECONDS" in body["detail"]


def test_body_limit_from_content_length_and_while_streaming() -> None:
    with TestClient(create_app(make_settings(max_body_bytes=1000))) as client:
        big = b'{"source": "' + b"#" * 2000 + b'"}'
        body = problem(
            client.post("/v1/evaluate", content=big, headers={"content-type": "application/json"}),
            413,
            "too-large",
        )
        assert "1000 bytes" in body["detail"] and "GRADSERVE_MAX_BODY_BYTES" in body["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"source": "'
            for _ in range(20):
                yield b"#" * 100
            yield b'"}'

        streamed = client.post(
            "/v1/evaluate", content=chunks(), headers={"content-type": "application/json"}
        )
        problem(streamed, 413, "too-large")
        small = client.post("/v1/evaluate", json={"source": "a = 1"})
        assert small.status_code == 200


def test_request_ids_are_echoed_or_made(client: TestClient) -> None:
    given = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given.headers["x-request-id"] == "abc-123"
    made = client.get("/healthz")
    assert len(made.headers["x-request-id"]) == 32
    unsafe = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert unsafe.headers["x-request-id"] != "bad id\twith spaces"
    body = problem(client.get("/v1/sessions/x", headers={"X-Request-ID": "r-1"}), 404, "not-found")
    assert body["request_id"] == "r-1"


def test_access_log_is_structured(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="gradserve.access"):
        client.get("/healthz", headers={"X-Request-ID": "log-me"})
    record = next(r for r in caplog.records if getattr(r, "request_id", None) == "log-me")
    assert (record.method, record.path, record.status) == ("GET", "/healthz", 200)  # type: ignore[attr-defined]
    assert record.duration_ms >= 0  # type: ignore[attr-defined]


def test_internal_errors_hide_the_details(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(make_settings())

    @app.get("/boom")
    async def boom() -> None:
        raise ValueError("secret internals")

    with TestClient(app) as client, caplog.at_level(logging.ERROR, logger="gradserve"):
        response = client.get("/boom", headers={"X-Request-ID": "oops-1"})
    body = problem(response, 500, "internal")
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "oops-1" in body["detail"]
    logged = next(r for r in caplog.records if getattr(r, "request_id", None) == "oops-1")
    assert logged.exc_info is not None and "secret internals" in str(logged.exc_info[1])


@pytest.mark.parametrize(
    ("path", "body", "pointer"),
    [
        ("/v1/sessions", {"ttl_seconds": True}, "/ttl_seconds"),
        ("/v1/sessions", {"ttl_seconds": "60"}, "/ttl_seconds"),
        (
            "/v1/evaluate",
            {
                "nodes": [{"id": "y", "op": "mul", "inputs": ["x", False]}],
                "tensors": {"x": {"data": [1.0]}},
            },
            "/nodes/0/inputs/1",
        ),
        (
            "/v1/evaluate",
            {"source": "y = x * 2", "tensors": {"x": {"data": [1.0], "requires_grad": 1}}},
            "/tensors/x/requires_grad",
        ),
    ],
)
def test_values_must_have_their_json_type(
    client: TestClient, path: str, body: dict[str, object], pointer: str
) -> None:
    """No lax coercion: `true` is not a number, `"60"` not an int, `1` not a bool."""
    response = client.post(path, json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["pointer"] for e in response.json()["errors"]] == [pointer]
