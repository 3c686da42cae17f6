"""Hostile programs and hostile tenants, over HTTP against a real uvicorn process.

* Every safety case of the programs (tests/engine/program/test_safety.py: constructs outside the
  subset, number and sequence explosions, allocations over the element limit, deep nesting) plus
  a few service-level ones (oversized node lists, memory growth across requests), sent through
  /v1/evaluate and a session's /run: each answered with a 4xx problem within one second, while a
  concurrent well-behaved client keeps getting correct answers.
* With API keys, a second key cannot read, run, backward, delete or even detect another key's
  session: every request is a 404 identical to the one for an id that never existed.
* Session ids are not predictable: 10,000 ids from the live service are unique, 256-bit and
  statistically uniform bit by bit and position by position.
* No error response — of all the above — contains a traceback, a file path, or another
  session's data.
"""

from __future__ import annotations

import base64
import itertools
import math
import re
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.engine.program import test_safety
from tests.hardening.conftest import LEAKS, VICTIM_VALUE, Figures
from tests.hardening.server import Server, serve

pytestmark = pytest.mark.slow

PROBLEM = "application/problem+json"


def _cases(test: Callable[..., Any]) -> list[Any]:
    """The argument values of a parametrized test of test_safety.py (one list, no copies)."""
    for mark in getattr(test, "pytestmark", []):
        if mark.name == "parametrize":
            return list(mark.args[1])
    raise AssertionError(f"{test.__name__} is not parametrized")


def hostile_programs() -> list[tuple[str, str, int | None]]:
    """(source, the problem type expected, the status expected or None for any 4xx)."""
    out: list[tuple[str, str, int | None]] = []
    for text, _message, _column in _cases(
        test_safety.test_construct_outside_the_subset_is_rejected_before_running
    ):
        out.append(("x = torch.ones(2)\n" + text, "program-error", 400))
    for text, limit in _cases(
        test_safety.test_python_number_and_sequence_explosions_are_refused_before_computing
    ):
        kind = "too-large" if limit == "elements" else "limit-exceeded"
        out.append((text, kind, None))
    for text in _cases(
        test_safety.test_allocation_over_the_element_limit_is_refused_before_numpy_allocates
    ):
        out.append((text, "too-large", 413))
    for text in _cases(test_safety.test_deeply_nested_expressions_are_refused_before_parsing):
        out.append((text, "", None))  # depth, line length or source size: whichever is first
    # service-level: a program over the statement limit, output over its limit, memory
    out.append(("x = 1\n" * 1001, "limit-exceeded", 422))
    out.append(("print('a' * 600000)\nprint('b' * 600000)", "limit-exceeded", 422))
    # 6 tensors of 4 MB held at once: over the 20 MB a session (or an evaluate) may hold
    out.append(("".join(f"m{i} = torch.ones(1000000)\n" for i in range(6)), "too-large", 413))
    return out


HOSTILE = hostile_programs()
NODE_BOMBS: list[dict[str, Any]] = [
    {"nodes": [{"id": f"n{i}", "op": "add", "inputs": [1, 2]} for i in range(1001)]},
    {"nodes": [{"id": "a", "op": "ones", "shape": [100000, 100000]}]},
    {"nodes": [{"id": "a", "op": "arange", "inputs": [10**10]}]},
    {"nodes": [{"id": "a", "op": "pow", "inputs": [10, 10**10]}]},
    {"nodes": [{"id": "__class__", "op": "add", "inputs": [1, 2]}]},
    {"nodes": [{"id": "a", "op": "add", "inputs": ["x.__class__", 1]}]},
    {"nodes": [{"id": "a", "op": "add", "inputs": ["x._data", 1]}]},
]


class Errors:
    """Every error response seen, to scan for leaks at the end."""

    def __init__(self) -> None:
        self.bodies: list[str] = []
        self.lock = threading.Lock()

    def see(self, response: httpx.Response) -> None:
        if response.status_code >= 400:
            with self.lock:
                self.bodies.append(response.text)

    def leaks(self) -> list[str]:
        return [b for b in self.bodies if LEAKS.search(b)]


class GoodClient(threading.Thread):
    """A well-behaved client: the tutorial over and over, each answer checked (bounded)."""

    def __init__(self, server: Server, key: str | None = None, max_requests: int = 3000) -> None:
        super().__init__(daemon=True)
        self.server, self.key, self.max_requests = server, key, max_requests
        self.stop = threading.Event()
        self.latencies: list[float] = []
        self.wrong: list[str] = []

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        deadline = time.monotonic() + 120
        with self.server.client(headers=headers) as http:
            sid = http.post("/v1/sessions").json()["id"]
            body = {
                "tensors": {
                    "a": {"data": [2.0, 3.0], "requires_grad": True},
                    "b": {"data": [6.0, 4.0], "requires_grad": True},
                },
                "source": "Q = 3*a**3 - b**2",
                "backward": {"tensor": "Q", "gradient": {"data": [1.0, 1.0]}},
            }
            k = 0
            while not self.stop.is_set() and k < self.max_requests and time.monotonic() < deadline:
                k += 1
                t0 = time.perf_counter()
                if k % 2:
                    r = http.post("/v1/evaluate", json=body)
                    ok = r.status_code == 200 and r.json()["tensors"]["a"]["grad"]["data"] == [
                        36.0,
                        81.0,
                    ]
                else:
                    r = http.put(f"/v1/sessions/{sid}/tensors/m", json={"data": float(k)})
                    ok = r.status_code == 200 and r.json()["data"] == [float(k)]
                self.latencies.append(time.perf_counter() - t0)
                if not ok:
                    self.wrong.append(f"{r.status_code} {r.text[:200]}")
            http.delete(f"/v1/sessions/{sid}")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve(max_tensor_elements=1_000_000, max_session_bytes=20_000_000) as s:
        yield s


def test_hostile_programs_are_refused_quickly_while_others_are_served(
    server: Server, figures: Figures
) -> None:
    errors = Errors()
    good = GoodClient(server)
    good.start()
    slow: list[tuple[str, float]] = []
    slowest = 0.0
    statuses: Counter[int] = Counter()
    wrong: list[str] = []
    tried = 0
    try:
        with server.client() as http:
            victim = http.post("/v1/sessions").json()["id"]
            http.put(f"/v1/sessions/{victim}/tensors/secret", json={"data": VICTIM_VALUE})
            sid = http.post("/v1/sessions").json()["id"]
            assert http.put(f"/v1/sessions/{sid}/tensors/x", json={"data": [1.0, 2.0]}).is_success
            before = http.get(f"/v1/sessions/{sid}").json()["tensors"]
            requests: list[tuple[str, dict[str, Any], str, int | None]] = []
            for source, kind, status in HOSTILE:
                requests.append(("/v1/evaluate", {"source": source}, kind, status))
                requests.append((f"/v1/sessions/{sid}/run", {"source": source}, kind, status))
            for body in NODE_BOMBS:
                requests.append(("/v1/evaluate", body, "", None))
                requests.append((f"/v1/sessions/{sid}/run", body, "", None))
            for path, body, kind, status in requests:
                t0 = time.perf_counter()
                r = http.post(path, json=body)
                elapsed = time.perf_counter() - t0
                tried += 1
                errors.see(r)
                statuses[r.status_code] += 1
                slowest = max(slowest, elapsed)
                label = str(body)[:80]
                if elapsed >= 1.0:
                    slow.append((label, elapsed))
                if not 400 <= r.status_code < 500 or r.headers["content-type"] != PROBLEM:
                    wrong.append(f"{label}: {r.status_code} {r.text[:200]}")
                elif status is not None and r.status_code != status:
                    wrong.append(f"{label}: {r.status_code} (expected {status}) {r.text[:200]}")
                elif kind and r.json()["type"] != f"/problems/{kind}":
                    wrong.append(f"{label}: {r.json()['type']} (expected {kind})")
            # a session's memory grown request by request is refused at its limit, atomically
            for i in range(10):
                r = http.post(
                    f"/v1/sessions/{sid}/run", json={"source": f"m{i} = torch.ones(1000000)"}
                )
                tried += 1
                errors.see(r)
                if r.status_code != 200:
                    break
            assert r.status_code == 413 and r.json()["type"] == "/problems/too-large", r.text
            after = http.get(f"/v1/sessions/{sid}").json()["tensors"]
            assert set(after) == set(before) | {f"m{j}" for j in range(i)}
            assert after["x"] == before["x"]
            assert http.get(f"/v1/sessions/{victim}/tensors/secret").json()["data"] == [
                VICTIM_VALUE
            ]
    finally:
        good.stop.set()
        good.join(timeout=60)
    figures.record(
        "hostile",
        programs_tried=tried,
        safety_cases_from_engine_tests=len(HOSTILE) - 3,
        slowest_refusal_seconds=round(slowest, 3),
        refusals_by_status={str(k): v for k, v in sorted(statuses.items())},
        good_client_requests=len(good.latencies),
        good_client_p99_ms=round(sorted(good.latencies)[int(len(good.latencies) * 0.99)] * 1000, 1)
        if good.latencies
        else None,
    )
    assert wrong == [], wrong[:5]
    assert slow == [], slow[:5]
    assert good.wrong == [], good.wrong[:3]
    assert len(good.latencies) > 20
    assert errors.leaks() == [], errors.leaks()[:3]


# ---- tenants -----------------------------------------------------------------------------------


def _normalise(response: httpx.Response, sid: str) -> tuple[int, dict[str, str], Any]:
    """A response with what must differ between two requests (request id, the id asked) blanked."""
    headers = {k: v for k, v in response.headers.items() if k not in ("x-request-id", "date")}
    body = response.text.replace(sid, "<id>")
    body = re.sub(r'"request_id":"[^"]*"', '"request_id":"<rid>"', body)
    headers["content-length"] = str(len(body))  # the id is the same length either way
    return response.status_code, headers, body


def test_a_key_cannot_see_or_touch_another_keys_session(figures: Figures) -> None:
    errors = Errors()
    with serve(api_keys="alpha,beta") as server:
        alpha = server.client(headers={"Authorization": "Bearer alpha"})
        beta = server.client(headers={"Authorization": "Bearer beta"})
        sid = alpha.post("/v1/sessions").json()["id"]
        assert alpha.put(
            f"/v1/sessions/{sid}/tensors/w",
            json={
                "data": [VICTIM_VALUE, 1.0],
                "requires_grad": True,
            },
        ).is_success
        assert alpha.post(f"/v1/sessions/{sid}/run", json={"source": "y = (w * 2).sum()"})
        before = alpha.get(f"/v1/sessions/{sid}").json()
        # an id of the same shape that was never issued
        fake = base64.urlsafe_b64encode(bytes(32)).decode().rstrip("=")
        assert len(fake) == len(sid)
        attempts = [
            ("GET", "", None),
            ("DELETE", "", None),
            ("PUT", "/tensors/w", {"data": 0.0}),
            ("PUT", "/tensors/new", {"data": 0.0}),
            ("GET", "/tensors/w", None),
            ("GET", "/tensors/nonexistent", None),
            ("DELETE", "/tensors/w", None),
            ("POST", "/run", {"source": "z = w * 3"}),
            ("POST", "/run", {"source": "1"}),
            ("POST", "/backward", {"tensor": "y"}),
            ("POST", "/grad", {"outputs": ["y"], "inputs": ["w"]}),
            ("POST", "/zero_grad", None),
            ("GET", "?encoding=base64", None),
        ]
        tried = 0
        for method, suffix, body in attempts:
            theirs = beta.request(method, f"/v1/sessions/{sid}{suffix}", json=body)
            nobody = beta.request(method, f"/v1/sessions/{fake}{suffix}", json=body)
            errors.see(theirs)
            tried += 1
            assert theirs.status_code == 404, (method, suffix, theirs.text)
            assert _normalise(theirs, sid) == _normalise(nobody, fake), (method, suffix)
        # without a key, or with a wrong one: 401, and nothing about the session either
        for headers in ({}, {"Authorization": "Bearer gamma"}, {"Authorization": "Basic YQ=="}):
            r = httpx.get(f"{server.url}/v1/sessions/{sid}", headers=headers)
            errors.see(r)
            tried += 1
            assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
            assert sid not in r.text
        after = alpha.get(f"/v1/sessions/{sid}").json()
        assert after["tensors"] == before["tensors"]  # nothing beta sent changed anything
        assert alpha.post(f"/v1/sessions/{sid}/backward", json={"tensor": "y"}).is_success
        alpha.close()
        beta.close()
    figures.record("hostile", cross_tenant_requests=tried)
    assert errors.leaks() == [], errors.leaks()[:3]


# ---- session ids -------------------------------------------------------------------------------


def test_session_ids_are_unpredictable(figures: Figures) -> None:
    count = 10_000
    ids: list[str] = []
    lock = threading.Lock()
    with serve(max_sessions=count) as server:

        def create(n: int) -> None:
            with server.client() as http:
                for _ in range(n):
                    r = http.post("/v1/sessions")
                    assert r.status_code == 201
                    with lock:
                        ids.append(r.json()["id"])

        threads = [threading.Thread(target=create, args=(count // 4,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    assert len(ids) == count
    assert len(set(ids)) == count
    raw = [base64.urlsafe_b64decode(i + "=") for i in ids]
    assert {len(i) for i in ids} == {43} and {len(r) for r in raw} == {32}  # 256 bits
    # every bit position is a fair coin: within 6 sigma of half (sigma = 0.5 / sqrt(count))
    bits = [sum((r[b // 8] >> (b % 8)) & 1 for r in raw) / count for b in range(256)]
    sigma = 0.5 / math.sqrt(count)
    assert max(abs(f - 0.5) for f in bits) < 6 * sigma, max(bits)
    # consecutive ids are independent: their XOR is a fair coin too
    xor = [bytes(a ^ b for a, b in zip(x, y)) for x, y in itertools.pairwise(raw)]
    ones = sum(bin(int.from_bytes(x, "big")).count("1") for x in xor)
    assert abs(ones / (256 * len(xor)) - 0.5) < 6 * 0.5 / math.sqrt(256 * len(xor))
    # every character position (but the last, which holds 4 bits) uses all 64 symbols evenly
    entropies = []
    for pos in range(42):
        counts = Counter(i[pos] for i in ids)
        entropies.append(-sum(c / count * math.log2(c / count) for c in counts.values()))
    assert min(entropies) > 5.95, min(entropies)
    # and the ids do not compress
    blob = b"".join(raw)
    assert len(zlib.compress(blob, 9)) > 0.99 * len(blob)
    figures.record(
        "hostile",
        session_ids_checked=count,
        id_bits=256,
        min_entropy_bits_per_char=round(min(entropies), 3),
    )
