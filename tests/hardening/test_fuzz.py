"""Schema fuzzing: schemathesis against the live service's /openapi.json, API keys off and on.

Two parts:

* schemathesis' own run (its CLI in a subprocess, against a real uvicorn): every operation,
  through its coverage (boundary and schema-violating values), fuzzing and stateful phases —
  the stateful phase follows the links it infers from the schema (POST /v1/sessions → every
  operation on `{session_id}`). Checks: no 5xx, every status code documented, every media type
  documented (problem+json for errors), every body and header conforming to its schema, no
  response slower than the compute limit plus a margin; with keys on also that a request without
  a valid key is refused. Bounded by examples per operation (GRADSERVE_SCHEMA_FUZZ_EXAMPLES,
  default 25; `make fuzz` runs a longer, randomly seeded hunt).
* Sequences that random bodies rarely reach — create a session, put leaves, run real programs,
  backward with and without retain_graph, grad with store_as, zero_grad, deletes — driven by a
  Hypothesis state machine over HTTP; each response is validated against the same OpenAPI
  document (status documented, media type, body schema) and against a model of what torch does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from tests.hardening.conftest import LEAKS, Figures
from tests.hardening.server import Server, serve

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("GRADSERVE_SCHEMA_FUZZ_EXAMPLES", "25"))
SEED = os.environ.get("GRADSERVE_SCHEMA_FUZZ_SEED", "8")  # "random": let schemathesis choose
STEPS = int(os.environ.get("GRADSERVE_STATEFUL_FUZZ_RUNS", "30"))
COMPUTE_SECONDS = 2.0
MARGIN_SECONDS = 3.0  # two shared cores: the fuzzer itself competes with the server for CPU
RUN_TIMEOUT = float(os.environ.get("GRADSERVE_SCHEMA_FUZZ_TIMEOUT", "240"))
KEYS = ("alpha-key", "beta-key")
FUZZ_SETTINGS = {
    "max_compute_seconds": COMPUTE_SECONDS,
    "max_tensor_elements": 100_000,
    "max_body_bytes": 1_000_000,
    "max_sessions": 100_000,
    "session_ttl_seconds": 120,
    "max_program_nodes": 200,
}
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "use_after_free",
]


def _server_errors(server: Server) -> list[str]:
    """Log lines of errors the service logged (an unhandled exception is logged as one)."""
    return [line for line in server.log_text().splitlines() if '"level":"error"' in line]


def _schemathesis(server: Server, report: Path, *, key: str | None) -> dict[str, Any]:
    checks = CHECKS + (["ignored_auth"] if key else [])
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{server.url}/openapi.json",
        "--checks",
        ",".join(checks),
        "--max-examples",
        str(EXAMPLES),
        "--max-response-time",
        str(COMPUTE_SECONDS + MARGIN_SECONDS),
        "--workers",
        "1",  # hypothesis' lambda descriptions are not thread-safe on CPython 3.11
        "--request-timeout",
        "30",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--no-color",
    ]
    if SEED != "random":
        command += ["--seed", SEED]
    if key:
        command += ["--header", f"Authorization: Bearer {key}"]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": ""}
    proc = subprocess.run(  # in the report's directory: schemathesis keeps a cache in its cwd
        command,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=env,
        cwd=report.parent,
        check=False,
    )
    if not report.exists():
        pytest.fail(f"schemathesis wrote no report (exit {proc.returncode}):\n{proc.stdout}")
    result = json.loads(report.read_text())
    result["_output"] = proc.stdout[-20000:]
    return result


@pytest.mark.parametrize("keys", [False, True], ids=["keys-off", "keys-on"])
def test_schemathesis_finds_nothing(keys: bool, figures: Figures) -> None:
    api_keys = ",".join(KEYS) if keys else ""
    with serve(api_keys=api_keys, **FUZZ_SETTINGS) as server, tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        result = _schemathesis(server, Path(tmp) / "report.json", key=KEYS[0] if keys else None)
        elapsed = time.monotonic() - started
        errors = _server_errors(server)
    cases = result["test_cases"]
    label = "keys-on" if keys else "keys-off"
    figures.record(
        "fuzz",
        **{
            f"{label}_cases": cases["generated"],
            f"{label}_seconds": round(elapsed, 1),
            f"{label}_seed": result.get("seed"),
            f"{label}_operations": result["operations"]["tested"],
            "examples_per_operation": EXAMPLES,
            "checks": [*CHECKS, "max_response_time", "ignored_auth (keys on)"],
        },
    )
    assert result["operations"]["tested"] == result["operations"]["total"] == 14
    assert result["failures"] == [] and cases["with_failures"] == 0, result["_output"]
    assert result["errors"] == [] and cases["errored"] == 0, result["_output"]
    assert result["phases"]["stateful"]["status"] == "success", result["phases"]
    assert errors == [], errors[:3]


# ---- a state machine of real sequences, over HTTP, validated against the OpenAPI document ------

SOURCES = [  # each uses both leaves, `w` (requires grad) and `x`, and binds a scalar `y`
    "y = (w * x).sum()",
    "y = (w ** 2 * 3).sum() + (x * w).mean()",
    "h = torch.tanh(w * x)[:2]\ny = h.sum()",
    "y = F.softplus(w * x).sum()\nz = y * 2",
    "y = (w.exp() - x).sum()\nprint(y)",
    "with torch.no_grad():\n    q = w * x\ny = (w * q).sum()",
]
VALUES = st.lists(st.integers(min_value=-4, max_value=4).map(float), min_size=3, max_size=3)


class SessionMachine(RuleBasedStateMachine):
    """One client's session: every request is valid, every response checked."""

    server: Server
    schema: Any
    key: str | None = None

    sessions = Bundle("sessions")

    def __init__(self) -> None:
        super().__init__()
        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        self.http = httpx.Client(base_url=self.server.url, timeout=30, headers=headers)
        self.requests = 0
        # per session id: tensor names known to be bound, and whether `y` has a live graph
        self.names: dict[str, set[str]] = {}
        self.graph: dict[str, bool] = {}

    def teardown(self) -> None:
        for sid in list(self.names):
            self.http.delete(f"/v1/sessions/{sid}")
        self.http.close()
        SessionMachine.total_requests += self.requests

    total_requests = 0

    def call(self, method: str, path: str, template: str, **kwargs: Any) -> httpx.Response:
        response = self.http.request(method, path, **kwargs)
        self.requests += 1
        operation = self.schema[template][method]
        documented = operation.definition.raw["responses"]
        status = str(response.status_code)
        assert status in documented, (method, path, status, response.text)
        content = documented[status].get("content")
        if content:
            media = response.headers["content-type"].split(";")[0]
            assert media in content, (method, path, media)
            if response.status_code >= 400:
                assert media == "application/problem+json"
                assert not LEAKS.search(response.text), response.text
        operation.validate_response(response)
        assert response.elapsed.total_seconds() < COMPUTE_SECONDS + MARGIN_SECONDS
        return response

    @initialize(target=sessions)
    def create(self) -> str:
        r = self.call("POST", "/v1/sessions", "/v1/sessions", json={"ttl_seconds": 60})
        assert r.status_code == 201
        sid = r.json()["id"]
        self.names[sid], self.graph[sid] = set(), False
        return sid

    @rule(target=sessions)
    def create_another(self) -> str:
        return self.create()

    @rule(sid=sessions, values=VALUES, grad=st.booleans())
    def put(self, sid: str, values: list[float], grad: bool) -> None:
        name = "w" if grad else "x"
        path = f"/v1/sessions/{sid}/tensors/{name}"
        body = {"data": values, "dtype": "float64", "requires_grad": grad}
        r = self.call("PUT", path, "/v1/sessions/{session_id}/tensors/{name}", json=body)
        assert r.status_code == 200 and r.json()["data"] == values
        self.names[sid].add(name)

    @rule(sid=sessions, source=st.sampled_from(SOURCES), nodes=st.booleans())
    def run(self, sid: str, source: str, nodes: bool) -> None:
        path = f"/v1/sessions/{sid}/run"
        body: dict[str, Any] = {"source": source}
        if nodes:
            body = {"nodes": [{"id": "y", "op": "mul", "inputs": ["w", "x"]}]}
        r = self.call("POST", path, "/v1/sessions/{session_id}/run", json=body)
        if {"w", "x"} <= self.names[sid]:
            assert r.status_code == 200, r.text
            self.names[sid] |= set(r.json()["tensors"])
            self.graph[sid] = True
        elif nodes:  # a nodes program's unknown reference is a validation problem at the node
            assert r.status_code == 422 and r.json()["errors"][0]["pointer"].startswith("/nodes/0")
        else:
            assert r.status_code == 400 and r.json()["exception"] == "NameError", r.text

    @rule(sid=sessions, retain=st.booleans(), gradient=st.booleans())
    def backward(self, sid: str, retain: bool, gradient: bool) -> None:
        body: dict[str, Any] = {"tensor": "y", "retain_graph": retain}
        if gradient:
            body["gradient"] = {"data": 1.0, "dtype": "float64"}
        path = f"/v1/sessions/{sid}/backward"
        r = self.call("POST", path, "/v1/sessions/{session_id}/backward", json=body)
        if "y" not in self.names[sid]:
            assert r.status_code == 404
        elif not self.graph[sid]:
            assert r.status_code in (400, 409), r.text  # freed, or y's shape needs a gradient
        elif r.status_code == 200:
            assert "w" in r.json()["grads"] or "w" not in self.names[sid], r.text
            self.graph[sid] = retain
        else:  # y of `nodes` is not a scalar: torch's "grad can be implicitly created" error
            assert r.status_code == 400 and r.json()["exception"] == "RuntimeError", r.text

    @rule(sid=sessions, store=st.booleans())
    def grad(self, sid: str, store: bool) -> None:
        body: dict[str, Any] = {"outputs": ["y"], "inputs": ["w"], "retain_graph": True}
        if store:
            body |= {"create_graph": True, "store_as": ["dy"]}
        path = f"/v1/sessions/{sid}/grad"
        r = self.call("POST", path, "/v1/sessions/{session_id}/grad", json=body)
        assert r.status_code in (200, 400, 404, 409), r.text
        if r.status_code == 200 and store:
            self.names[sid].add("dy")

    @rule(sid=sessions)
    def zero_grad(self, sid: str) -> None:
        path = f"/v1/sessions/{sid}/zero_grad"
        r = self.call("POST", path, "/v1/sessions/{session_id}/zero_grad")
        assert r.status_code == 200

    @rule(sid=sessions, name=st.sampled_from(["w", "x", "y", "dy"]))
    def read_and_delete_tensor(self, sid: str, name: str) -> None:
        path = f"/v1/sessions/{sid}/tensors/{name}"
        template = "/v1/sessions/{session_id}/tensors/{name}"
        bound = name in self.names[sid]
        r = self.call("GET", path, template)
        assert r.status_code == (200 if bound else 404), r.text
        r = self.call("DELETE", path, template)
        assert r.status_code == (204 if bound else 404), r.text
        self.names[sid].discard(name)

    @rule(sid=consumes(sessions))
    def delete_session(self, sid: str) -> None:
        r = self.call("DELETE", f"/v1/sessions/{sid}", "/v1/sessions/{session_id}")
        assert r.status_code == 204
        r = self.call("GET", f"/v1/sessions/{sid}", "/v1/sessions/{session_id}")
        assert r.status_code == 404
        del self.names[sid], self.graph[sid]

    @invariant()
    def sessions_hold_what_we_bound(self) -> None:
        for sid, names in self.names.items():
            r = self.call("GET", f"/v1/sessions/{sid}", "/v1/sessions/{session_id}")
            assert r.status_code == 200 and set(r.json()["tensors"]) == names, (names, r.text)
            break  # one session per step keeps the request count down


@pytest.mark.parametrize("keys", [False, True], ids=["keys-off", "keys-on"])
def test_stateful_sequences_conform(keys: bool, figures: Figures) -> None:
    api_keys = ",".join(KEYS) if keys else ""
    with serve(api_keys=api_keys, **FUZZ_SETTINGS) as server:
        SessionMachine.server = server
        SessionMachine.schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
        SessionMachine.key = KEYS[1] if keys else None
        SessionMachine.total_requests = 0
        run_state_machine_as_test(
            SessionMachine,
            settings=settings(
                max_examples=STEPS,
                stateful_step_count=20,
                deadline=None,
                derandomize=SEED != "random",
                suppress_health_check=list(HealthCheck),
            ),
        )
        errors = _server_errors(server)
    label = "keys-on" if keys else "keys-off"
    figures.record("fuzz", **{f"{label}_stateful_requests": SessionMachine.total_requests})
    assert errors == [], errors[:3]
