"""Real uvicorn servers on loopback and load runs against them, for the service/payload benches.

`Server("app.main:app")` starts `python -m uvicorn APP --workers 1 --host 127.0.0.1 --port FREE`
(uvicorn[standard]: uvloop + httptools, access log off for both the app and the baseline) and
stops it by its pid. `load(...)` drives a server from another process: wrk when /usr/bin/wrk exists
and every connection repeats one request, otherwise `bench.loadgen`.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import REPO, Figure, Stats, bench_env, free_port, proc_cpu_seconds

HOST = "127.0.0.1"
WRK = "/usr/bin/wrk"
TMP = Path(tempfile.gettempdir()) / "gradserve-bench"


def stack_description() -> str:
    import importlib.metadata as md

    parts = []
    for name in ("uvicorn", "uvloop", "httptools", "fastapi", "pydantic", "orjson"):
        try:
            parts.append(f"{name} {md.version(name)}")
        except md.PackageNotFoundError:
            parts.append(f"{name} (absent)")
    return ", ".join(parts)


def generator_description() -> str:
    if os.path.exists(WRK):
        return "wrk (/usr/bin/wrk) for single-request cases, bench.loadgen for request cycles"
    return "bench.loadgen (python asyncio + uvloop, raw keep-alive sockets, separate process)"


class ServerError(RuntimeError):
    """A server that would not start or answer."""


def start_servers(*servers: Server) -> contextlib.ExitStack:
    """Start all (stopping those already started if one fails); use the result in `with`."""
    stack = contextlib.ExitStack()
    try:
        for s in servers:
            stack.enter_context(s)
    except BaseException:
        stack.close()
        raise
    return stack


class Server:
    def __init__(self, app: str, env: dict[str, str] | None = None) -> None:
        self.app = app
        self.extra_env = env or {}
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = TMP / f"server-{app.replace(':', '_')}.log"

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, wait: float = 60) -> None:
        TMP.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        env = bench_env()
        env.update(self.extra_env)
        cmd = [sys.executable, "-m", "uvicorn", self.app, "--workers", "1"]
        cmd += ["--host", HOST, "--port", str(self.port), "--no-access-log"]
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(f"{self.app} exited at start: {self.log_tail()[-160:]}")
            try:
                status, _ = self.request("GET", "/healthz", timeout=2)
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise ServerError(f"{self.app} did not answer /healthz within {wait:.0f} s")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)

    def log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-400:]
        except OSError:
            return ""

    def cpu(self) -> float | None:
        return proc_cpu_seconds(self.proc.pid) if self.proc else None

    def request(
        self, method: str, path: str, body: Any = None, timeout: float = 120
    ) -> tuple[int, bytes]:
        """One request on a fresh connection; body is bytes, str or a JSON-able object."""
        if body is not None and not isinstance(body, bytes | str):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()


def describe_failure(status: int, body: bytes) -> str:
    detail = ""
    try:
        doc = json.loads(body)
        if isinstance(doc, dict):
            detail = str(doc.get("detail") or doc.get("title") or "")
    except ValueError:
        detail = body[:80].decode("utf-8", "replace")
    detail = detail.replace("\n", " ")
    if len(detail) > 70:
        detail = detail[:67] + "..."
    return f"unavailable (HTTP {status}{': ' + detail if detail else ''})"


@dataclass
class Req:
    method: str
    path: str
    body: bytes | None = None

    def spec(self, tmpdir: Path, idx: int) -> dict[str, Any]:
        out: dict[str, Any] = {"method": self.method, "path": self.path}
        if self.body is not None:
            f = tmpdir / f"body{idx}.json"
            f.write_bytes(self.body)
            out["body_file"] = str(f)
        return out


def _wrk_script(tmpdir: Path, req: Req) -> Path:
    lua = tmpdir / "req.lua"
    body = ""
    if req.body is not None:
        f = tmpdir / "body.json"
        f.write_bytes(req.body)
        body = f'local f = io.open("{f}", "rb"); wrk.body = f:read("*a"); f:close()\n'
    lua.write_text(
        f'wrk.method = "{req.method}"\n'
        + body
        + 'wrk.headers["Content-Type"] = "application/json"\n'
        + "function done(summary, latency, requests)\n"
        + '  io.write(string.format("@@wrk@@{\\"requests\\":%d,\\"seconds\\":%f,'
        + '\\"p50\\":%f,\\"p99\\":%f,\\"max\\":%f,\\"mean\\":%f,\\"non2xx\\":%d,'
        + '\\"errors\\":%d}\\n", summary.requests, summary.duration / 1e6,'
        + " latency:percentile(50), latency:percentile(99), latency.max, latency.mean,"
        + " summary.errors.status, summary.errors.connect + summary.errors.read"
        + " + summary.errors.write + summary.errors.timeout))\n"
        + "end\n"
    )
    return lua


def _run_wrk(server: Server, req: Req, conns: int, duration: float, warmup: float) -> dict:
    with tempfile.TemporaryDirectory(dir=TMP) as d:
        lua = _wrk_script(Path(d), req)
        url = f"http://{HOST}:{server.port}{req.path}"
        base = [WRK, "-t1", f"-c{conns}", "-s", str(lua), "--timeout", "60s"]
        if warmup > 0:
            subprocess.run(
                [*base, f"-d{max(1, round(warmup))}s", url], capture_output=True, timeout=120
            )
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu0 = server.cpu()
        out = subprocess.run(
            [*base, f"-d{max(1, round(duration))}s", url],
            capture_output=True,
            text=True,
            timeout=duration + 120,
        )
        cpu1 = server.cpu()
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next((x for x in out.stdout.splitlines() if x.startswith("@@wrk@@")), None)
    if line is None:
        return {"error": f"wrk failed: {out.stderr.strip()[-200:]}"}
    w = json.loads(line[len("@@wrk@@") :])
    secs = w["seconds"] or 1e-9
    gen_cpu = (ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime)
    return {
        "requests": w["requests"],
        "errors": w["non2xx"] + w["errors"],
        "first_error": "",
        "rps": w["requests"] / secs,
        "latency_ms": {"p50": w["p50"] / 1e3, "p99": w["p99"] / 1e3, "max": w["max"] / 1e3},
        "cpu_util": gen_cpu / secs,
        "server_cpu_util": (cpu1 - cpu0) / secs if cpu0 is not None and cpu1 is not None else None,
        "generator": "wrk",
    }


def start_load(
    server: Server,
    cycles: list[list[Req]],
    duration: float,
    warmup: float,
    interval: float = 0.0,
    timeout: float = 120.0,
    max_requests: int = 2_000_000,
) -> tuple[subprocess.Popen[str], tempfile.TemporaryDirectory[str]]:
    """Start bench.loadgen with one connection per cycle; finish with `finish_load`."""
    TMP.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.TemporaryDirectory(dir=TMP)
    d = Path(tmp.name)
    uniq: list[Req] = []
    index: dict[int, int] = {}
    conns = []
    for cyc in cycles:
        row = []
        for r in cyc:
            if id(r) not in index:
                index[id(r)] = len(uniq)
                uniq.append(r)
            row.append(index[id(r)])
        conns.append(row)
    spec = {
        "host": HOST,
        "port": server.port,
        "requests": [r.spec(d, i) for i, r in enumerate(uniq)],
        "connections": conns,
        "duration": duration,
        "warmup": warmup,
        "interval": interval,
        "timeout": timeout,
        "max_requests": max_requests,
        "server_pid": server.proc.pid if server.proc else None,
    }
    (d / "spec.json").write_text(json.dumps(spec))
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.loadgen", str(d / "spec.json")],
        cwd=REPO,
        env=bench_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return proc, tmp


def finish_load(
    proc: subprocess.Popen[str], tmp: tempfile.TemporaryDirectory[str], limit: float
) -> dict[str, Any]:
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        tmp.cleanup()
        return {"error": f"load generator did not finish within {limit:.0f} s"}
    tmp.cleanup()
    if proc.returncode != 0:
        return {"error": f"load generator failed: {err.strip()[-200:]}"}
    return json.loads(out.strip().splitlines()[-1])


def load(
    server: Server,
    cycles: list[list[Req]],
    duration: float,
    warmup: float,
    interval: float = 0.0,
    timeout: float = 120.0,
) -> dict[str, Any]:
    """One load run; returns the generator's summary plus the server's CPU utilisation."""
    single = all(len(c) == 1 for c in cycles) and len({id(c[0]) for c in cycles}) == 1
    if os.path.exists(WRK) and single and interval == 0:
        return _run_wrk(server, cycles[0][0], len(cycles), duration, warmup)
    proc, tmp = start_load(server, cycles, duration, warmup, interval, timeout)
    return finish_load(proc, tmp, duration + warmup + timeout + 60)


def summarise(runs: list[dict[str, Any]]) -> tuple[dict[str, Stats], str]:
    """Stats per metric over repeated load runs, and a note (errors, generator)."""
    good = [r for r in runs if "error" not in r]
    if not good:
        raise RuntimeError(runs[0]["error"] if runs else "no runs")
    values: dict[str, Stats] = {"req/s": Stats.of([r["rps"] for r in good])}
    for key, name in (("p50", "p50"), ("p99", "p99")):
        xs = [r["latency_ms"][key] / 1e3 for r in good if r["latency_ms"].get(key) is not None]
        if xs:
            values[name] = Stats.of(xs)
    srv = [r["server_cpu_util"] * 100 for r in good if r.get("server_cpu_util") is not None]
    if srv:
        values["server CPU"] = Stats.of(srv)
    gen = [r["cpu_util"] * 100 for r in good if r.get("cpu_util") is not None]
    if gen:
        values["loadgen CPU"] = Stats.of(gen)
    notes = []
    errors = sum(r.get("errors", 0) for r in good)
    if errors:
        first = next((r.get("first_error") for r in good if r.get("first_error")), "")
        notes.append(f"{errors} failed requests ({first[:120]})")
    if len(good) < len(runs):
        notes.append(f"{len(runs) - len(good)} runs failed: {runs[0].get('error', '')[:120]}")
    return values, "; ".join(notes)


@dataclass
class Case:
    """One load case: `cycles` (one request cycle per connection) against `server`."""

    label: str
    server: Server
    cycles: list[list[Req]]
    note: str = ""
    failure: str | None = None  # set when the case cannot run (probe or setup failed)


def probe(server: Server, reqs: list[Req]) -> str | None:
    """Send each request once; None when all succeed, else the 'unavailable (...)' text."""
    for r in reqs:
        try:
            status, data = server.request(r.method, r.path, r.body)
        except OSError as exc:
            return f"unavailable ({type(exc).__name__}: {exc})"
        if not 200 <= status < 300:
            return describe_failure(status, data)
    return None


def measure_cases(
    cases: list[Case], runs: int, duration: float, warmup: float, drop: tuple[str, ...] = ()
) -> list[Figure]:
    """Each case `runs` times, in rounds that alternate the order of the cases (so the load of a
    shared machine drifts over gradserve and its baselines alike); one Figure per case."""
    from bench.common import say

    for c in cases:
        if c.failure is None:
            uniq = list({id(r): r for cyc in c.cycles for r in cyc}.values())
            c.failure = probe(c.server, uniq)
    results: dict[str, list[dict[str, Any]]] = {c.label: [] for c in cases}
    live = [c for c in cases if c.failure is None]
    for r in range(runs):
        for c in live if r % 2 == 0 else live[::-1]:
            say(f"load: {c.label} (run {r + 1}/{runs}, {duration:g} s, {len(c.cycles)} conns)")
            results[c.label].append(load(c.server, c.cycles, duration, warmup))
    figures = []
    for c in cases:
        if c.failure is not None:
            figures.append(Figure(c.label, status=c.failure))
            continue
        try:
            values, problems = summarise(results[c.label])
        except RuntimeError as exc:
            figures.append(Figure(c.label, status=f"error ({exc})"))
            continue
        for k in drop:
            values.pop(k, None)
        note = "; ".join(p for p in (c.note, problems) if p)
        figures.append(Figure(c.label, values, note=note))
    return figures
