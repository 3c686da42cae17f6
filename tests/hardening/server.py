"""A real uvicorn process on a free loopback port, with the settings a hardening test needs.

tests/app/test_server.py starts its server in a module fixture with fixed settings (no API keys,
a 60 s compute limit) and does not expose the process; these tests need other settings per test
(keys, small capacity, short TTLs, a short compute limit), the process id (memory, SIGTERM) and
the server's log. The free-port helper is the one test_server.py uses.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from tests.e2e.server import ROOT, free_port

# Settings every hardening server starts from (each test overrides what it is about).
BASE_ENV = {
    "GRADSERVE_MAX_BODY_BYTES": "4000000",
    "GRADSERVE_MAX_TENSOR_ELEMENTS": "1000000",
    "GRADSERVE_MAX_SESSION_BYTES": "67108864",
    "GRADSERVE_MAX_SESSIONS": "1000",
    "GRADSERVE_SESSION_TTL_SECONDS": "600",
    "GRADSERVE_MAX_PROGRAM_NODES": "1000",
    "GRADSERVE_MAX_COMPUTE_SECONDS": "5",
    "GRADSERVE_API_KEYS": "",
    "GRADSERVE_REAP_INTERVAL_SECONDS": "5",
}


@dataclass
class Server:
    url: str
    proc: subprocess.Popen[bytes]
    log: IO[bytes]
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def rss_bytes(self) -> int:
        """The server's resident set size now (VmRSS of /proc/<pid>/status)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS line")

    def log_text(self) -> str:
        """What the server has logged so far (read without moving the offset it writes at)."""
        fd = self.log.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode(errors="replace")

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=kwargs.pop("timeout", 30), **kwargs)  # type: ignore[arg-type]

    def terminate(self, timeout: float = 15) -> int:
        """SIGTERM and wait; kill if it does not exit in `timeout` s. Returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@contextmanager
def serve(
    extra_args: tuple[str, ...] = (),
    startup_timeout: float = 30,
    env: dict[str, str] | None = None,
    **settings: object,
) -> Iterator[Server]:
    """Start `uvicorn app.main:app` with GRADSERVE_<KEY>=value for each keyword setting.

    `extra_args` go to uvicorn, `env` holds other environment variables for the process.
    The process is stopped (SIGTERM, then SIGKILL) when the block exits, whatever happened.
    """
    chosen = {f"GRADSERVE_{k.upper()}": str(v) for k, v in settings.items()}
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GRADSERVE_")}
    environ |= BASE_ENV | chosen | (env or {})
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1"]
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            [*command, "--port", str(port), "--no-access-log", *extra_args],
            cwd=ROOT,
            env=environ,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(f"http://127.0.0.1:{port}", proc, log, chosen)
        try:
            deadline = time.monotonic() + startup_timeout
            while True:
                try:
                    if httpx.get(server.url + "/readyz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("uvicorn did not start:\n" + server.log_text())
                time.sleep(0.1)
            yield server
        finally:
            server.terminate()
