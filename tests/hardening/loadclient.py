"""The load test's clients, in a process of their own: `python -m tests.hardening.loadclient SPEC`.

SPEC is a JSON object: {"url": "http://127.0.0.1:PORT", "clients": 64, "rounds": 10,
"expire_every": 4, "short_ttl": 3, "big": 100000, "timeout": 60, "deadline": 120}. Prints one
JSON object: requests sent, errors (with the first few), lost updates, latencies (p50/p95/p99/max,
ms), and the ids of the sessions left to expire.

Each client owns one session and runs a fixed mixed workload on it:

* setup: leaves `w` (3 float64, requires grad), `x` (3 float64), `s` (a float32 scalar, requires
  grad), `big` (`big` float32 elements, sent as base64) — all with small integer values, so every
  gradient below is exact;
* rounds, cycling through three kinds:
  A. small graph: run `y = (w * x).sum()`, backward with retain_graph=True, backward again
     without it (w.grad += 2x);
  B. the big tensor: run `z = (big * s).sum()`, backward (s.grad += sum(big));
  C. a temporary: put `tmp` (1,000 elements), run `t = (tmp * w[0]).sum()`, delete `tmp` (the
     graph keeps what it saved), backward (w.grad[0] += sum(tmp)), delete `t`; a read of `w`;
* end: read `w` and `s` and compare their `.grad` with the exact expected accumulation — a lost
  or doubled update shows as a difference; then delete the session, except every
  `expire_every`-th client, whose session has a `short_ttl` and is left to expire.

Only loopback URLs are accepted; the run is bounded by its request count and by `deadline`.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ipaddress
import json
import sys
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
import numpy as np


class Stats:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lost: list[str] = []
        self.expiring: list[str] = []


class Client:
    def __init__(self, http: httpx.AsyncClient, index: int, spec: dict[str, Any], stats: Stats):
        self.http, self.index, self.spec, self.stats = http, index, spec, stats
        self.sid = ""

    async def call(self, method: str, path: str, expect: int = 200, **kw: Any) -> Any:
        t0 = time.perf_counter()
        try:
            r = await self.http.request(method, path, **kw)
        except httpx.HTTPError as exc:
            self.stats.errors.append(f"{method} {path}: {type(exc).__name__}: {exc}")
            raise
        self.stats.latencies.append(time.perf_counter() - t0)
        if r.status_code != expect:
            self.stats.errors.append(f"{method} {path}: {r.status_code} {r.text[:300]}")
            raise RuntimeError("unexpected status")
        return r.json() if r.content else None

    async def run(self, source: str) -> None:
        await self.call("POST", f"/v1/sessions/{self.sid}/run", json={"source": source})

    async def backward(self, tensor: str, retain: bool = False) -> None:
        body = {"tensor": tensor, "retain_graph": retain}
        await self.call("POST", f"/v1/sessions/{self.sid}/backward", json=body)

    async def put(self, name: str, body: dict[str, Any], b64: bool = False) -> None:
        params = {"encoding": "base64"} if b64 else None
        await self.call("PUT", f"/v1/sessions/{self.sid}/tensors/{name}", json=body, params=params)

    async def main(self) -> None:
        try:
            await self.work()
        finally:  # a client that failed still deletes its session (unless it is left to expire)
            if self.sid and self.sid not in self.stats.expiring:
                with contextlib.suppress(httpx.HTTPError):
                    await self.http.delete(f"/v1/sessions/{self.sid}")

    async def work(self) -> None:
        spec, i = self.spec, self.index
        expires = spec["expire_every"] and i % spec["expire_every"] == spec["expire_every"] - 1
        ttl = spec["short_ttl"] if expires else 600
        info = await self.call("POST", "/v1/sessions", 201, json={"ttl_seconds": ttl})
        self.sid = info["id"]
        if expires:
            self.stats.expiring.append(self.sid)
        w0 = np.array([i % 5 + 1, 2, -3], dtype=np.float64)
        x = np.array([1, -(i % 3), 4], dtype=np.float64)
        big = (np.arange(spec["big"]) % 7).astype(np.float32)
        tmp = (np.arange(1000) % 5 + i % 2).astype(np.float64)
        await self.put("w", {"data": w0.tolist(), "dtype": "float64", "requires_grad": True})
        await self.put("x", {"data": x.tolist(), "dtype": "float64"})
        await self.put("s", {"data": 2.0, "requires_grad": True})
        b64 = base64.b64encode(big.tobytes()).decode()
        await self.put("big", {"b64": b64, "dtype": "float32"}, b64=True)
        w_grad = np.zeros(3)
        s_grad = 0.0
        for k in range(spec["rounds"]):
            kind = (k + i) % 3
            if kind == 0:
                await self.run("y = (w * x).sum()")
                await self.backward("y", retain=True)
                await self.backward("y")
                w_grad += 2 * x
            elif kind == 1:
                await self.run("z = (big * s).sum()")
                await self.backward("z")
                s_grad += float(big.sum(dtype=np.float64))
            else:
                await self.put("tmp", {"data": tmp.tolist(), "dtype": "float64"})
                await self.run("t = (tmp * w[0]).sum()")
                await self.call("DELETE", f"/v1/sessions/{self.sid}/tensors/tmp", 204)
                await self.backward("t")
                await self.call("DELETE", f"/v1/sessions/{self.sid}/tensors/t", 204)
                await self.call("GET", f"/v1/sessions/{self.sid}/tensors/w")
                w_grad[0] += tmp.sum()
        w = await self.call("GET", f"/v1/sessions/{self.sid}/tensors/w")
        s = await self.call("GET", f"/v1/sessions/{self.sid}/tensors/s")
        got_w = (w["grad"] or {"data": [0.0, 0.0, 0.0]})["data"]
        got_s = (s["grad"] or {"data": [0.0]})["data"][0]
        if got_w != w_grad.tolist() or got_s != s_grad:
            self.stats.lost.append(
                f"client {i}: w.grad {got_w} != {w_grad.tolist()} or s.grad {got_s} != {s_grad}"
            )
        if not expires:
            await self.call("DELETE", f"/v1/sessions/{self.sid}", 204)
            self.sid = ""


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) * 1000 if values else 0.0


async def main(spec: dict[str, Any]) -> dict[str, Any]:
    host = urlsplit(spec["url"]).hostname or ""
    if not ipaddress.ip_address(host).is_loopback:
        raise SystemExit("the load client only targets loopback addresses")
    stats = Stats()
    limits = httpx.Limits(
        max_connections=spec["clients"], max_keepalive_connections=spec["clients"]
    )
    started = time.perf_counter()
    async with httpx.AsyncClient(
        base_url=spec["url"], timeout=spec.get("timeout", 60), limits=limits
    ) as http:
        clients = [Client(http, i, spec, stats) for i in range(spec["clients"])]
        tasks = [asyncio.create_task(c.main()) for c in clients]
        done, pending = await asyncio.wait(tasks, timeout=spec.get("deadline", 120))
        for task in pending:
            task.cancel()
        failed = sum(1 for t in done if t.exception() is not None) + len(pending)
    elapsed = time.perf_counter() - started
    lat = stats.latencies
    return {
        "clients": spec["clients"],
        "requests": len(lat),
        "seconds": round(elapsed, 2),
        "throughput_rps": round(len(lat) / elapsed, 1) if elapsed else 0.0,
        "errors": len(stats.errors) + len(pending),
        "first_errors": stats.errors[:5],
        "clients_failed": failed,
        "timed_out": len(pending),
        "lost_updates": len(stats.lost),
        "first_lost": stats.lost[:5],
        "latency_ms": {
            "p50": round(percentile(lat, 50), 2),
            "p95": round(percentile(lat, 95), 2),
            "p99": round(percentile(lat, 99), 2),
            "max": round(max(lat) * 1000, 2) if lat else 0.0,
        },
        "expiring": stats.expiring,
    }


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    print(json.dumps(asyncio.run(main(spec))))
