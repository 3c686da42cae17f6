"""Faults, each injected into a real uvicorn process, and what the service does about them.

* a client that disconnects mid-request (while its body is being sent, and while its program
  computes): the session is left consistent — the request happened entirely or not at all;
* a program that hits the compute-time limit: a clear 422, the session unchanged, the server
  responsive meanwhile;
* sessions that expire between requests: 404 problem, for every kind of request;
* session capacity full: 429 with Retry-After, the existing sessions unaffected;
* malformed, truncated and enormous bodies: 422 or 413, never a 500;
* SIGTERM during load: in-flight requests finish or fail cleanly, and the process exits within
  its graceful-shutdown timeout.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.hardening.conftest import LEAKS, Figures
from tests.hardening.server import Server, serve

pytestmark = pytest.mark.slow

PROBLEM = "application/problem+json"


def heavy(statements: int) -> str:
    """A program of ~4.5 ms of numpy work per statement (4M-element temporaries; more on a
    loaded machine), from a short source."""
    return "big = torch.ones(4000000)\n" + "acc = (big * 1.0001).exp().log().sum()\n" * statements


def problem(response: httpx.Response, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = dict(response.json())
    assert body["type"] == (f"/problems/{kind}" if kind else "about:blank"), body
    assert body["status"] == status
    assert body["request_id"] == response.headers["x-request-id"]
    assert not LEAKS.search(response.text), response.text
    return body


def raw_request(server: Server, head: str, body: bytes = b"", *, read: bool = True) -> bytes:
    """Send `head` (request line and headers, without the blank line) and `body` on a socket."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head.encode() + b"\r\nHost: 127.0.0.1\r\n\r\n" + body)
        if not read:
            return b""
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def state(http: httpx.Client, sid: str) -> dict[str, Any]:
    """What a session holds: every tensor with its grad (times and memory left out)."""
    r = http.get(f"/v1/sessions/{sid}")
    assert r.status_code == 200, r.text
    return dict(r.json()["tensors"])


def new_session(http: httpx.Client, **body: Any) -> str:
    r = http.post("/v1/sessions", json=body or None)
    assert r.status_code == 201, r.text
    sid = str(r.json()["id"])
    for name, tensor in (
        ("w", {"data": [1.0, 2.0, 3.0], "requires_grad": True}),
        ("x", {"data": [4.0, 5.0, 6.0]}),
    ):
        assert http.put(f"/v1/sessions/{sid}/tensors/{name}", json=tensor).status_code == 200
    return sid


def assert_no_server_errors(server: Server) -> None:
    errors = [line for line in server.log_text().splitlines() if '"level":"error"' in line]
    assert errors == [], errors[:3]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve(
        max_compute_seconds=1.0,
        max_tensor_elements=4_000_000,
        max_session_bytes=200_000_000,
        max_body_bytes=100_000,
        reap_interval_seconds=60,  # expiry between requests is found by the request itself
    ) as s:
        yield s


@pytest.fixture
def http(server: Server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


# ---- disconnects ---------------------------------------------------------------------------------


def test_disconnect_while_the_body_is_sent_changes_nothing(
    server: Server, http: httpx.Client, figures: Figures
) -> None:
    sid = new_session(http)
    before = state(http, sid)
    body = json.dumps({"source": "y = (w * x).sum()\ny.backward()"}).encode()
    for cut in (0, 1, len(body) // 2, len(body) - 1):
        head = (
            f"POST /v1/sessions/{sid}/run HTTP/1.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}"
        )
        raw_request(server, head, body[:cut], read=False)
        figures.add("faults", "disconnect_during_body")
    time.sleep(0.3)
    assert state(http, sid) == before
    assert http.get("/healthz").status_code == 200
    assert_no_server_errors(server)


def test_disconnect_while_the_program_computes_leaves_all_or_nothing(
    server: Server, http: httpx.Client, figures: Figures
) -> None:
    outcomes = []
    for delay in (0.05, 0.3, 0.6):
        sid = new_session(http)
        # ~0.7 s (or over the 1 s limit on a busy machine: then it is refused, also atomically)
        source = f"y = (w * x).sum()\n{heavy(150)}del big\ny.backward()\nz = y * 2"
        body = json.dumps({"source": source}).encode()
        head = (
            f"POST /v1/sessions/{sid}/run HTTP/1.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}"
        )
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(head.encode() + b"\r\nHost: 127.0.0.1\r\n\r\n" + body)
            time.sleep(delay)
        figures.add("faults", "disconnect_during_compute")
        after = state(http, sid)  # waits for the session's lock: the request has ended
        if "z" in after:  # it happened entirely: every name bound, the gradient accumulated
            assert {"w", "x", "y", "z", "acc"} <= set(after)
            assert after["w"]["grad"]["data"] == [4.0, 5.0, 6.0]
            assert after["z"]["data"] == [64.0]
            outcomes.append("completed")
        else:  # or not at all
            assert set(after) == {"w", "x"} and after["w"]["grad"] is None, after
            outcomes.append("not applied")
    figures.record("faults", disconnect_outcomes=dict(Counter(outcomes)))
    assert http.get("/healthz").status_code == 200
    assert_no_server_errors(server)


# ---- the compute-time limit ------------------------------------------------------------------------


def test_compute_limit_is_a_clear_422_and_changes_nothing(
    server: Server, http: httpx.Client, figures: Figures
) -> None:
    sid = new_session(http)
    assert http.post(f"/v1/sessions/{sid}/run", json={"source": "y = (w * x).sum()"}).is_success
    before = state(http, sid)
    result: dict[str, Any] = {}

    def slow() -> None:
        with server.client() as c:
            t0 = time.monotonic()
            result["response"] = c.post(
                f"/v1/sessions/{sid}/run", json={"source": heavy(900) + "y.backward()\ny = acc"}
            )
            result["seconds"] = time.monotonic() - t0

    job = threading.Thread(target=slow)
    job.start()
    time.sleep(0.2)
    health = []
    while job.is_alive() and len(health) < 50:
        t0 = time.perf_counter()
        assert http.get("/healthz").status_code == 200
        health.append(time.perf_counter() - t0)
        time.sleep(0.05)
    job.join(timeout=30)
    figures.add("faults", "compute_limit")
    body = problem(result["response"], 422, "limit-exceeded")
    assert "compute-time limit of 1 s" in body["detail"], body
    assert "GRADSERVE_MAX_COMPUTE_SECONDS" in body["detail"]
    assert result["seconds"] < 1.0 + 2.0
    assert health and max(health) < 0.25, health
    assert state(http, sid) == before  # no name bound, no backward done, y not rebound
    again = http.post(f"/v1/sessions/{sid}/backward", json={"tensor": "y"})
    assert again.status_code == 200  # the graph was not freed by the failed request
    assert again.json()["grads"]["w"]["data"] == [4.0, 5.0, 6.0]


# ---- expiry ------------------------------------------------------------------------------------------


def test_session_expiring_between_requests_is_a_404_problem(
    server: Server, http: httpx.Client, figures: Figures
) -> None:
    requests = [
        ("GET", "", None),
        ("PUT", "/tensors/a", {"data": 1.0}),
        ("GET", "/tensors/w", None),
        ("DELETE", "/tensors/w", None),
        ("POST", "/run", {"source": "y = w * 2"}),
        ("POST", "/backward", {"tensor": "w"}),
        ("POST", "/grad", {"outputs": ["w"], "inputs": ["w"]}),
        ("POST", "/zero_grad", {}),
        ("DELETE", "", None),
    ]
    sids = []
    for _ in requests:
        sid = new_session(http, ttl_seconds=1.0)
        assert http.post(f"/v1/sessions/{sid}/run", json={"source": "y = w * x"}).is_success
        sids.append(sid)
    time.sleep(1.5)  # every session idle longer than its TTL; the reaper (every 60 s) has not run
    for sid, (method, suffix, body) in zip(sids, requests):
        r = http.request(method, f"/v1/sessions/{sid}{suffix}", json=body)
        detail = problem(r, 404, "not-found")["detail"]
        assert sid in detail and "expired" in detail
        assert http.get(f"/v1/sessions/{sid}").status_code == 404  # and it stays gone
        figures.add("faults", "session_expired")


# ---- capacity ------------------------------------------------------------------------------------------


def test_capacity_full_is_429_with_retry_after_and_others_unaffected(figures: Figures) -> None:
    with serve(max_sessions=4, session_ttl_seconds=30) as server, server.client() as http:
        sids = [new_session(http) for _ in range(4)]
        for sid in sids:
            assert http.post(f"/v1/sessions/{sid}/run", json={"source": "y = (w*x).sum()"})
        before = {sid: state(http, sid) for sid in sids}
        for _ in range(5):
            r = http.post("/v1/sessions")
            body = problem(r, 429, "capacity")
            assert "GRADSERVE_MAX_SESSIONS" in body["detail"]
            retry = int(r.headers["retry-after"])
            assert 1 <= retry <= 30
            figures.add("faults", "capacity_full")
        assert {sid: state(http, sid) for sid in sids} == before
        r = http.post(f"/v1/sessions/{sids[0]}/backward", json={"tensor": "y"})
        assert r.json()["grads"]["w"]["data"] == [4.0, 5.0, 6.0]
        assert http.delete(f"/v1/sessions/{sids[1]}").status_code == 204
        assert http.post("/v1/sessions").status_code == 201  # room again
        assert_no_server_errors(server)


# ---- bodies ---------------------------------------------------------------------------------------


BAD_BODIES: list[tuple[str, bytes, str, int]] = [
    # (label, body, content type, expected status); sent to /v1/evaluate and to a session's
    # /run, where a body about tensors is a validation problem (`run` takes no `tensors`)
    ("truncated JSON", b'{"source": "y = w', "application/json", 422),
    ("truncated nested", b'{"tensors": {"a": {"data": [1, 2', "application/json", 422),
    ("not JSON", b"source=y", "application/json", 422),
    ("binary", bytes(range(256)), "application/json", 422),
    ("invalid UTF-8", b'{"source": "\xff\xfe"}', "application/json", 422),
    ("lone surrogate", b'{"source": "\\ud800"}', "application/json", 422),
    ("JSON array", b"[1, 2, 3]", "application/json", 422),
    ("JSON null", b"null", "application/json", 422),
    ("empty", b"", "application/json", 422),
    ("NaN literal", b'{"tensors": {"a": {"data": NaN}}}', "application/json", 422),
    ("number out of range", b'{"tensors": {"a": {"data": 1e999}}}', "application/json", 422),
    ("nested 90k deep", b'{"source": ' + b"[" * 90_000, "application/json", 422),
    ("nested 5000 deep", b"[" * 5000 + b"]" * 5000, "application/json", 422),
    (
        "nested 500 deep data",
        b'{"tensors":{"a":{"data":' + b"[" * 500 + b"1" + b"]" * 500 + b"}}}",
        "application/json",
        422,
    ),
    ("duplicate keys", b'{"source": "1", "source": 2}', "application/json", 422),
    ("text/plain", b'{"source": "1"}', "text/plain", 422),
    ("form", b"source=1", "application/x-www-form-urlencoded", 422),
    ("multipart", b"--x\r\n\r\n--x--", "multipart/form-data; boundary=x", 422),
    ("gzip claimed", b"\x1f\x8b\x08\x00garbage", "application/json", 422),
    ("over the body limit", b'{"source": "' + b"#" * 200_000 + b'"}', "application/json", 413),
    (
        "tensor over the element limit",
        b'{"tensors": {"a": {"data": [0], "shape": [5000000]}}}',
        "application/json",
        413,
    ),
    (
        "shape of 2^70",
        b'{"tensors": {"a": {"b64": "", "shape": [1180591620717411303424]}}}',
        "application/json",
        422,
    ),
]


@pytest.mark.parametrize(
    ("label", "body", "ctype", "status"), BAD_BODIES, ids=[b[0] for b in BAD_BODIES]
)
def test_bad_bodies_are_4xx_never_500(
    server: Server,
    http: httpx.Client,
    figures: Figures,
    label: str,
    body: bytes,
    ctype: str,
    status: int,
) -> None:
    sid = new_session(http)
    for path in ("/v1/evaluate", f"/v1/sessions/{sid}/run"):
        r = http.post(path, content=body, headers={"content-type": ctype})
        expected = status
        if path.endswith("/run") and label.startswith("tensor"):
            expected = 422
        problem(r, expected, "too-large" if expected == 413 else "validation")
        figures.add("faults", "bad_bodies")
    assert http.get("/healthz").status_code == 200


def test_body_limits_on_the_wire(server: Server, http: httpx.Client, figures: Figures) -> None:
    # a Content-Length over the limit is refused before the body is read
    head = "POST /v1/evaluate HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 10000000000"
    reply = raw_request(server, head)
    assert reply.startswith(b"HTTP/1.1 413 "), reply[:200]
    assert b"application/problem+json" in reply

    # an endless chunked body is cut off at the limit
    def chunks() -> Iterator[bytes]:
        yield b'{"source": "'
        for _ in range(1000):
            yield b"#" * 10_000

    r = http.post("/v1/evaluate", content=chunks(), headers={"content-type": "application/json"})
    problem(r, 413, "too-large")
    # a Content-Length that promises more than is sent, then the connection closes
    head = "POST /v1/evaluate HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 5000"
    raw_request(server, head, b'{"source": "1"}', read=False)
    # a Content-Length that is not a number
    head = "POST /v1/evaluate HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: abc"
    reply = raw_request(server, head, b"{}")
    assert reply.startswith(b"HTTP/1.1 400 "), reply[:200]  # refused by the HTTP parser
    figures.add("faults", "bad_bodies", 4)
    time.sleep(0.2)
    assert http.get("/healthz").status_code == 200
    assert_no_server_errors(server)


# ---- SIGTERM under load ---------------------------------------------------------------------------


def test_sigterm_during_load_drains_and_exits_in_time(figures: Figures) -> None:
    graceful = 5
    outcomes: Counter[str] = Counter()
    bad: list[str] = []
    lock = threading.Lock()

    with serve(
        ("--timeout-graceful-shutdown", str(graceful)),
        max_compute_seconds=30,
        max_tensor_elements=4_000_000,
        max_session_bytes=200_000_000,
    ) as server:
        stop_at = time.monotonic() + 20

        def worker(n: int) -> None:
            with server.client(timeout=20) as c:
                try:
                    sid = new_session(c)
                except httpx.HTTPError:
                    return
                for k in range(200):  # bounded: at most 200 requests per worker, 20 s in all
                    if time.monotonic() > stop_at:
                        break
                    try:
                        r = c.post(f"/v1/sessions/{sid}/run", json={"source": f"y = w * {k}"})
                    except httpx.TransportError as exc:  # refused or closed: failed cleanly
                        with lock:
                            outcomes[type(exc).__name__] += 1
                        if isinstance(exc, httpx.ConnectError):
                            break
                        continue
                    with lock:
                        outcomes[str(r.status_code)] += 1
                        if r.status_code != 200 or r.json()["tensors"]["y"]["data"] != [
                            float(k),
                            2.0 * k,
                            3.0 * k,
                        ]:
                            bad.append(f"{r.status_code} {r.text[:200]}")

        long_result: dict[str, Any] = {}

        def long_request() -> None:
            with server.client(timeout=30) as c:
                sid = new_session(c)
                source = heavy(300)  # ~1.5 s, well inside the grace period
                long_result["started"] = time.monotonic()
                long_result["response"] = c.post(f"/v1/sessions/{sid}/run", json={"source": source})

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
        threads.append(threading.Thread(target=long_request))
        for t in threads:
            t.start()
        time.sleep(1.0)
        t0 = time.monotonic()
        server.proc.send_signal(15)
        try:
            code = server.proc.wait(timeout=graceful + 10)
        except Exception:
            code = None
        exit_seconds = time.monotonic() - t0
        for t in threads:
            t.join(timeout=30)
        log = server.log_text()
    figures.record(
        "faults",
        sigterm_exit_seconds=round(exit_seconds, 2),
        sigterm_outcomes=dict(outcomes),
    )
    figures.add("faults", "sigterm")
    # uvicorn re-raises the signal once it has shut down cleanly, so the status is -SIGTERM
    assert code in (0, -15), log[-2000:]
    assert "Application shutdown complete." in log, log[-2000:]
    assert exit_seconds < graceful + 2, exit_seconds
    assert bad == [], bad[:3]
    assert outcomes["200"] > 0
    clean = {"200", "ConnectError", "RemoteProtocolError", "ReadError", "WriteError"}
    assert set(outcomes) <= clean, outcomes
    long_response = long_result.get("response")
    assert long_response is not None and long_response.status_code == 200, long_result
    assert "Traceback" not in log and '"level":"error"' not in log, log[-2000:]


def test_sigterm_past_the_grace_period_fails_the_request_with_a_503_problem(
    figures: Figures,
) -> None:
    graceful = 1
    result: dict[str, Any] = {}
    with serve(
        ("--timeout-graceful-shutdown", str(graceful)),
        max_compute_seconds=30,
        max_tensor_elements=4_000_000,
        max_session_bytes=200_000_000,
    ) as server:

        def long_request() -> None:  # ~4 s of work (900 statements), far past the grace period
            with server.client(timeout=30) as c:
                try:
                    result["response"] = c.post("/v1/evaluate", json={"source": heavy(900)})
                except httpx.TransportError as exc:
                    result["error"] = exc

        job = threading.Thread(target=long_request)
        job.start()
        time.sleep(0.5)
        t0 = time.monotonic()
        server.proc.send_signal(15)
        code = server.proc.wait(timeout=graceful + 10)
        exit_seconds = time.monotonic() - t0
        job.join(timeout=30)
    figures.add("faults", "sigterm")
    figures.record("faults", sigterm_past_grace_exit_seconds=round(exit_seconds, 2))
    assert code in (0, -15)
    assert exit_seconds < graceful + 2, exit_seconds
    # the cancelled request is told the service is going away: a 503 problem, not uvicorn's
    # plain-text 500 (which says "a bug")
    response = result.get("response")
    assert response is not None, result
    body = problem(response, 503, "")
    assert "shutting down" in body["detail"]
