"""Against a real uvicorn process on a free port: the event loop stays free while work runs.

Checks what TestClient cannot: requests on two sessions run in parallel, requests on one
session are serialised, and /healthz answers within 100 ms while another request computes for
seconds. Also the tutorial, request ids, a streamed (chunked) body over a real socket, and every
curl example of the README's HTTP API section, replayed as written.
"""

from __future__ import annotations

import json
import re
import shlex
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.server import ROOT, serve

README = ROOT / "README.md"
# 300 statements of 4 ops on 4M floats: a few seconds of numpy work, from a short source (the
# parser holds the GIL: a long source would stall the event loop while it is parsed)
LONG = "x = torch.ones(4000000)\n" + "s = (x * 1.0001).exp().log().sum()\n" * 300 + "del x"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    settings = {
        "GRADSERVE_MAX_PROGRAM_NODES": "2000",
        "GRADSERVE_MAX_TENSOR_ELEMENTS": "4000000",
        "GRADSERVE_MAX_COMPUTE_SECONDS": "60",
        "GRADSERVE_MAX_BODY_BYTES": "200000",
    }
    with serve(settings) as url:
        yield url


@pytest.fixture
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


def _session(http: httpx.Client) -> str:
    response = http.post("/v1/sessions")
    assert response.status_code == 201
    return str(response.json()["id"])


class Background(threading.Thread):
    """One request in a thread; `.response` and `.finished` (monotonic time) when done."""

    def __init__(self, base_url: str, path: str, body: dict[str, Any]) -> None:
        super().__init__(daemon=True)
        self.base_url, self.path, self.body = base_url, path, body
        self.response: httpx.Response | None = None
        self.finished = 0.0

    def run(self) -> None:
        with httpx.Client(base_url=self.base_url, timeout=120) as client:
            self.response = client.post(self.path, json=self.body)
        self.finished = time.monotonic()


def _wait_until_busy(http: httpx.Client, job: Background) -> None:
    """Give the long request time to be read and started (it is not done for seconds)."""
    time.sleep(0.3)
    assert job.is_alive(), "the long computation finished too soon to test anything"


def test_tutorial_over_http(http: httpx.Client) -> None:
    sid = _session(http)
    for name, tensor in (
        ("m", {"data": 3.0, "requires_grad": True}),
        ("c", {"data": 2.0, "requires_grad": True}),
        ("x", {"data": 5.0}),
    ):
        assert http.put(f"/v1/sessions/{sid}/tensors/{name}", json=tensor).status_code == 200
    run = http.post(f"/v1/sessions/{sid}/run", json={"source": "y = m * x + c"})
    assert run.json()["tensors"]["y"]["repr"] == "tensor(17., grad_fn=<AddBackward0>)"
    grads = http.post(f"/v1/sessions/{sid}/backward", json={"tensor": "y"}).json()["grads"]
    assert grads["m"]["repr"] == "tensor(5.)"
    again = http.post(
        f"/v1/sessions/{sid}/backward", json={"tensor": "y"}, headers={"X-Request-ID": "tut-2"}
    )
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.headers["x-request-id"] == "tut-2" and again.json()["request_id"] == "tut-2"


def test_health_answers_during_a_long_computation(http: httpx.Client, base_url: str) -> None:
    sid = _session(http)
    job = Background(base_url, f"/v1/sessions/{sid}/run", {"source": LONG})
    started = time.monotonic()
    job.start()
    _wait_until_busy(http, job)
    latencies = []
    while job.is_alive() and len(latencies) < 20:
        t0 = time.perf_counter()
        assert http.get("/healthz").status_code == 200
        latencies.append(time.perf_counter() - t0)
        time.sleep(0.05)
    job.join()
    assert job.response is not None and job.response.status_code == 200, job.response
    assert job.finished - started > 0.5  # it really computed for a while
    assert len(latencies) >= 5
    assert max(latencies) < 0.1, latencies


def test_two_sessions_run_in_parallel(http: httpx.Client, base_url: str) -> None:
    busy, free = _session(http), _session(http)
    job = Background(base_url, f"/v1/sessions/{busy}/run", {"source": LONG})
    job.start()
    _wait_until_busy(http, job)
    t0 = time.monotonic()
    put = http.put(
        f"/v1/sessions/{free}/tensors/a", json={"data": [1.0, 2.0], "requires_grad": True}
    )
    assert put.status_code == 200
    run = http.post(f"/v1/sessions/{free}/run", json={"source": "b = (a * a).sum()"})
    assert run.status_code == 200
    backward = http.post(f"/v1/sessions/{free}/backward", json={"tensor": "b"})
    assert backward.json()["grads"]["a"]["data"] == [2.0, 4.0]
    done = time.monotonic()
    assert job.is_alive(), "the other session's requests waited for the long one"
    assert done - t0 < 1.0
    job.join()
    assert job.response is not None and job.response.status_code == 200


def test_requests_on_one_session_are_serialised(http: httpx.Client, base_url: str) -> None:
    sid = _session(http)
    job = Background(base_url, f"/v1/sessions/{sid}/run", {"source": LONG})
    job.start()
    _wait_until_busy(http, job)
    after = http.get(f"/v1/sessions/{sid}")  # sent while the run is in progress
    job.join()
    assert job.response is not None and job.response.status_code == 200
    # the read waited for the run to commit: it sees the run's result, not the empty session
    assert set(after.json()["tensors"]) == {"s"}


def test_streamed_body_over_the_limit(http: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"source": "'
        for _ in range(300):
            yield b"#" * 1000
        yield b'"}'

    response = http.post(
        "/v1/evaluate", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["type"] == "/problems/too-large"


# ---- the README's curl examples, replayed ------------------------------------------------------


def readme_examples() -> list[tuple[str, str]]:
    """(command, the comment under it) for each command in the README's HTTP API sh blocks."""
    section = README.read_text().split("\n## HTTP API\n", 1)[1].split("\n## ", 1)[0]
    examples = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            command = lines[i]
            i += 1
            if not command.strip() or command.startswith("#"):
                continue
            while True:  # a quoted argument may span lines
                try:
                    shlex.split(command)
                    break
                except ValueError:
                    command += "\n" + lines[i]
                    i += 1
            comment = []
            while i < len(lines) and lines[i].startswith("#"):
                comment.append(lines[i][1:].strip())
                i += 1
            examples.append((command, " ".join(comment)))
    return examples


def _curl(http: httpx.Client, base_url: str, args: list[str]) -> httpx.Response:
    """What `curl` does with the few options the README uses."""
    assert args[0] == "curl", args
    method, data, url = None, None, None
    headers: dict[str, str] = {}
    rest = iter(args[1:])
    for arg in rest:
        if arg == "-s":
            continue
        if arg == "-X":
            method = next(rest)
        elif arg == "-H":
            key, value = next(rest).split(":", 1)
            headers[key.strip()] = value.strip()
        elif arg == "-d":
            data = next(rest)
        elif arg.startswith("http://127.0.0.1:8000/"):
            url = base_url + arg.removeprefix("http://127.0.0.1:8000")
        else:
            pytest.fail(f"README: a curl option the replay does not know: {arg}")
    assert url is not None
    method = method or ("POST" if data is not None else "GET")
    return http.request(method, url, content=data, headers=headers)


def test_readme_examples_work(http: httpx.Client, base_url: str) -> None:
    examples = readme_examples()
    variables: dict[str, str] = {}
    paths = set()
    for command, comment in examples:
        for name, value in variables.items():
            command = command.replace("$" + name, value)
        assigned = re.fullmatch(r"(\w+)=\$\((curl [^|]*)\|.*\)", command)
        args = shlex.split(assigned.group(2) if assigned else command)
        response = _curl(http, base_url, args)
        paths.add((response.request.method, response.request.url.path))
        if assigned:
            variables[assigned.group(1)] = response.json()["id"]
            continue
        status = re.match(r"(\d{3}) ", comment)
        if status:
            assert response.status_code == int(status.group(1)), (command, response.text)
        else:
            assert response.is_success, (command, response.text)
        if comment.startswith("{") and "..." not in comment:
            assert response.json() == json.loads(comment), command
        for text in re.findall(r'"repr":"(.*?)"', comment):
            assert f'"repr":"{text}"' in response.text, (command, text, response.text)
        for kind in re.findall(r'"type":"(/problems/[a-z-]+)"', comment):
            assert response.json()["type"] == kind, command
    # every endpoint of API.md §3 has an example
    sid = variables["SID"]
    routes = {(m, p.replace(sid, "{id}")) for m, p in paths}
    routes = {(m, re.sub(r"/tensors/\w+$", "/tensors/{name}", p)) for m, p in routes}
    assert routes >= {
        ("GET", "/healthz"),
        ("GET", "/readyz"),
        ("GET", "/v1/ops"),
        ("POST", "/v1/evaluate"),
        ("POST", "/v1/sessions"),
        ("GET", "/v1/sessions/{id}"),
        ("DELETE", "/v1/sessions/{id}"),
        ("PUT", "/v1/sessions/{id}/tensors/{name}"),
        ("GET", "/v1/sessions/{id}/tensors/{name}"),
        ("DELETE", "/v1/sessions/{id}/tensors/{name}"),
        ("POST", "/v1/sessions/{id}/run"),
        ("POST", "/v1/sessions/{id}/backward"),
        ("POST", "/v1/sessions/{id}/grad"),
        ("POST", "/v1/sessions/{id}/zero_grad"),
    }


def test_head_probes_over_a_real_socket(http: httpx.Client) -> None:
    """uvicorn answers HEAD with GET's status and Content-Length and leaves the body out."""
    for path, body in (("/healthz", b'{"status":"ok"}'), ("/readyz", b'{"status":"ready"}')):
        response = http.head(path)
        assert response.status_code == 200, path
        assert response.content == b""
        assert response.headers["content-length"] == str(len(body))
