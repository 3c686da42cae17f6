"""A small HTTP/1.1 load generator: `python -m bench.loadgen SPEC.json` prints a JSON summary.

Runs in its own process (never inside the server being measured): N keep-alive connections on
raw asyncio protocols (uvloop when installed), each sending its cycle of prebuilt requests back to
back (or with a pause), for a fixed warmup + duration, bounded by a request count. Only loopback
addresses are accepted. Latency is from the first byte written to the last byte of the response.

SPEC: {"host": "127.0.0.1", "port": 8000,
       "requests": [{"method": "POST", "path": "/v1/evaluate", "body_file": "...",
                     "headers": {...}}, ...],
       "connections": [[0], [0, 1], ...],   # per connection, a cycle of request indices
       "duration": 5, "warmup": 1, "interval": 0, "timeout": 60, "max_requests": 1000000,
       "server_pid": 1234}   # optional: report that process's CPU use over the window
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import os
import resource
import sys
import time
from typing import Any

HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END = range(5)


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def build_request(host: str, port: int, req: dict[str, Any]) -> bytes:
    body = b""
    if req.get("body_file"):
        with open(req["body_file"], "rb") as f:
            body = f.read()
    elif req.get("body") is not None:
        body = req["body"].encode()
    headers = {"Host": f"{host}:{port}", "Connection": "keep-alive"}
    if body or req.get("method", "GET") in ("POST", "PUT", "PATCH"):
        headers["Content-Type"] = "application/json"
        headers["Content-Length"] = str(len(body))
    headers.update(req.get("headers", {}))
    lines = [f"{req.get('method', 'GET')} {req['path']} HTTP/1.1"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Generator:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self.host = spec.get("host", "127.0.0.1")
        if not ipaddress.ip_address(self.host).is_loopback:
            raise SystemExit("loadgen only targets loopback addresses")
        self.port = int(spec["port"])
        self.reqs = [build_request(self.host, self.port, r) for r in spec["requests"]]
        self.interval = float(spec.get("interval", 0))
        self.timeout = float(spec.get("timeout", 60))
        self.max_requests = int(spec.get("max_requests", 1_000_000))
        self.stopping = False
        self.window: tuple[float, float] = (0.0, 0.0)
        self.done: list[tuple[float, float, int]] = []  # (t_done, latency, status)
        self.errors = 0
        self.first_error = ""
        self.bytes_in = 0
        self.completed = 0
        self.conns: list[Conn] = []

    def error(self, text: str) -> None:
        self.errors += 1
        if not self.first_error:
            self.first_error = text[:300]

    async def main(self) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        self.all_done = loop.create_future()
        for cycle in self.spec["connections"]:
            conn = Conn(self, [self.reqs[i] for i in cycle])
            self.conns.append(conn)
        await asyncio.gather(*(c.connect() for c in self.conns))
        t0 = time.perf_counter()
        warm, dur = float(self.spec.get("warmup", 1)), float(self.spec["duration"])
        self.window = (t0 + warm, t0 + warm + dur)
        for c in self.conns:
            c.send()
        await asyncio.sleep(warm)
        cpu0, srv0 = _cpu(), self.server_cpu()
        watchdog = loop.create_task(self.watch())
        end = self.window[1]
        while time.perf_counter() < end and not self.stopping:
            await asyncio.sleep(min(0.05, max(0.0, end - time.perf_counter())))
        cpu1, srv1 = _cpu(), self.server_cpu()
        t_end = min(time.perf_counter(), end)
        self.stopping = True
        # let in-flight requests finish (bounded), then close everything
        deadline = time.perf_counter() + min(self.timeout, 30)
        while any(c.busy for c in self.conns) and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        watchdog.cancel()
        for c in self.conns:
            c.close()
        res = self.summary(t_end, cpu1 - cpu0)
        if srv0 is not None and srv1 is not None:
            res["server_cpu_util"] = (srv1 - srv0) / res["seconds"]
        return res

    def server_cpu(self) -> float | None:
        """utime + stime of the server process (Linux /proc), when the spec names its pid."""
        pid = self.spec.get("server_pid")
        if not pid:
            return None
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return None

    async def watch(self) -> None:
        while True:
            await asyncio.sleep(0.25)
            now = time.perf_counter()
            for c in self.conns:
                if c.busy and now - c.t0 > self.timeout:
                    self.error(f"timeout after {self.timeout} s")
                    c.reset()

    def summary(self, t_end: float, cpu: float) -> dict[str, Any]:
        start = self.window[0]
        span = max(1e-9, t_end - start)
        lat = sorted(lt for td, lt, _ in self.done if start <= td <= t_end)
        statuses: dict[str, int] = {}
        for td, _, st in self.done:
            if start <= td <= t_end:
                statuses[str(st)] = statuses.get(str(st), 0) + 1

        def pct(p: float) -> float | None:
            if not lat:
                return None
            return lat[min(len(lat) - 1, round(p / 100 * (len(lat) - 1)))] * 1e3

        ok = sum(v for k, v in statuses.items() if k.startswith("2"))
        return {
            "requests": len(lat),
            "ok": ok,
            "errors": self.errors + len(lat) - ok,
            "statuses": statuses,
            "first_error": self.first_error,
            "seconds": span,
            "rps": len(lat) / span,
            "latency_ms": {
                "p50": pct(50),
                "p90": pct(90),
                "p99": pct(99),
                "max": lat[-1] * 1e3 if lat else None,
                "mean": sum(lat) / len(lat) * 1e3 if lat else None,
            },
            "cpu_seconds": cpu,
            "cpu_util": cpu / span,
            "connections": len(self.conns),
            "generator": "bench.loadgen (python asyncio"
            + (", uvloop)" if "uvloop" in sys.modules else ")"),
        }


class Conn(asyncio.Protocol):
    def __init__(self, gen: Generator, reqs: list[bytes]) -> None:
        self.gen = gen
        self.reqs = reqs
        self.i = 0
        self.buf = bytearray()
        self.transport: asyncio.Transport | None = None
        self.busy = False
        self.t0 = 0.0
        self.state = HEAD
        self.remaining = 0
        self.status = 0
        self.body_head = b""

    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.create_connection(lambda: self, self.gen.host, self.gen.port)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        was_busy = self.busy
        self.transport = None
        self.busy = False
        if not self.gen.stopping:
            if was_busy:
                self.gen.error(f"connection lost mid-request: {exc}")
            asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self) -> None:
        self.buf.clear()
        self.state = HEAD
        try:
            await self.connect()
        except OSError as e:
            self.gen.error(f"reconnect failed: {e}")
            self.gen.stopping = True
            return
        self.send()

    def reset(self) -> None:
        if self.transport is not None:
            self.transport.abort()

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    def send(self) -> None:
        if self.gen.stopping or self.transport is None or self.transport.is_closing():
            return
        if self.gen.completed >= self.gen.max_requests:
            self.gen.stopping = True
            return
        req = self.reqs[self.i % len(self.reqs)]
        self.i += 1
        self.state = HEAD
        self.busy = True
        self.t0 = time.perf_counter()
        self.transport.write(req)

    def data_received(self, data: bytes) -> None:
        self.gen.bytes_in += len(data)
        self.buf += data
        while self.buf and self.busy:
            if not self._step():
                return

    def _step(self) -> bool:
        """Consume what it can from buf; False when it needs more data."""
        buf = self.buf
        if self.state == HEAD:
            k = buf.find(b"\r\n\r\n")
            if k < 0:
                return False
            head = bytes(buf[:k]).decode("latin-1").split("\r\n")
            del buf[: k + 4]
            self.status = int(head[0].split(" ", 2)[1])
            self.body_head = b""
            length, chunked = 0, False
            for line in head[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    length = int(value)
                elif name == "transfer-encoding" and "chunked" in value.lower():
                    chunked = True
            if chunked:
                self.state = CHUNK_SIZE
            else:
                self.state, self.remaining = BODY, length
                if length == 0:
                    self._complete()
            return True
        if self.state == BODY:
            n = min(self.remaining, len(buf))
            if len(self.body_head) < 300:
                self.body_head += bytes(buf[: min(n, 300)])
            del buf[:n]
            self.remaining -= n
            if self.remaining == 0:
                self._complete()
                return True
            return False
        if self.state == CHUNK_SIZE:
            k = buf.find(b"\r\n")
            if k < 0:
                return False
            size = int(bytes(buf[:k]).split(b";")[0], 16)
            del buf[: k + 2]
            if size == 0:
                self.state = CHUNK_END
            else:
                self.state, self.remaining = CHUNK_DATA, size + 2  # data + CRLF
            return True
        if self.state == CHUNK_DATA:
            n = min(self.remaining, len(buf))
            if len(self.body_head) < 300:
                self.body_head += bytes(buf[: min(n, 300)])
            del buf[:n]
            self.remaining -= n
            if self.remaining == 0:
                self.state = CHUNK_SIZE
                return True
            return False
        # CHUNK_END: optional trailers, then an empty line
        k = buf.find(b"\r\n")
        if k < 0:
            return False
        del buf[: k + 2]
        if k == 0:
            self._complete()
        return True

    def _complete(self) -> None:
        now = time.perf_counter()
        gen = self.gen
        gen.completed += 1
        gen.done.append((now, now - self.t0, self.status))
        if not 200 <= self.status < 300 and not gen.first_error:
            gen.first_error = (
                f"HTTP {self.status}: {self.body_head[:200].decode('utf-8', 'replace')}"
            )
        self.busy = False
        self.state = HEAD
        if gen.interval > 0:
            asyncio.get_running_loop().call_later(gen.interval, self.send)
        else:
            self.send()


def main() -> None:
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    try:
        import uvloop  # type: ignore[import-not-found]

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    result = runner(Generator(spec).main())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
