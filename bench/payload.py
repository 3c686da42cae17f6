"""4. Payload: float32 tensor round trips through POST /v1/evaluate, as JSON and as base64.

Each request sends x (1e5 or 1e6 float32 elements, `requires_grad`), evaluates `y = (x*x).sum()`,
runs backward and gets back what evaluate returns: x with its data and gradient, and y. The
baseline is `bench.baseline_app`'s POST /roundtrip (same uvicorn stack, same request bodies): the
same work by hand with orjson + numpy, or with base64. Load: 2 keep-alive connections.
Target: gradserve ≥ 0.9× the baseline's req/s for each size and encoding.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np
import orjson

from bench.common import Config, Figure, Metric, Section, SectionIter, say
from bench.service import APP_ENV, APP_ENV_NOTE
from bench.serving import (
    Case,
    Req,
    Server,
    ServerError,
    describe_failure,
    generator_description,
    measure_cases,
    start_servers,
)

SIZES = (100_000, 1_000_000)
SOURCE = "y = (x*x).sum()"


def make_body(x: np.ndarray, encoding: str) -> bytes:
    if encoding == "base64":
        tin: dict[str, Any] = {
            "b64": base64.b64encode(x.astype("<f4").tobytes()).decode(),
            "shape": list(x.shape),
            "dtype": "float32",
            "requires_grad": True,
        }
    else:
        tin = {"data": x, "requires_grad": True}
    doc: dict[str, Any] = {"tensors": {"x": tin}, "source": SOURCE, "backward": {"tensor": "y"}}
    if encoding == "base64":
        doc["encoding"] = "base64"
    return orjson.dumps(doc, option=orjson.OPT_SERIALIZE_NUMPY)


def check_reply(data: bytes, x: np.ndarray) -> str:
    """'' when the reply carries x's gradient 2*x, else what is wrong."""
    try:
        doc = json.loads(data)
        g = doc["tensors"]["x"]["grad"]
        if "b64" in g:
            grad = np.frombuffer(base64.b64decode(g["b64"]), dtype="<f4")
        else:
            grad = np.asarray(g["data"], dtype=np.float32)
    except (ValueError, KeyError, TypeError) as exc:
        return f"reply without x.grad ({type(exc).__name__}: {exc})"
    if grad.shape != (x.size,) or not np.allclose(grad, 2 * x.reshape(-1), rtol=1e-6):
        return "x.grad in the reply is not 2*x"
    return ""


def run(cfg: Config) -> SectionIter:
    runs = cfg.pick(3, 2)
    duration = cfg.pick(4.0, 2.0)
    warmup = cfg.pick(1.0, 0.5)
    conns = 2
    sec = Section(
        "payload",
        f"4. Payload: float32 tensor round trip, (x*x).sum() + backward, reply x and x.grad "
        f"({conns} connections)",
        [
            Metric("req/s", "req/s", higher_is_better=True),
            Metric("p50", "s"),
            Metric("p99", "s"),
            Metric("server CPU", "%"),
        ],
    )
    sec.notes.append(APP_ENV_NOTE)
    sec.notes.append(f"load: {generator_description()}")
    rng = np.random.default_rng(0)
    cases = []
    for n in SIZES:
        x = rng.standard_normal(n).astype(np.float32)
        for enc in ("json", "base64"):
            cases.append((n, enc, x, Req("POST", "/v1/evaluate", make_body(x, enc))))

    def label(who: str, n: int, enc: str) -> str:
        return f"{who}: {n:.0e} elements, {enc}".replace("e+0", "e")

    app, base = Server("app.main:app", env=APP_ENV), Server("bench.baseline_app:app")
    try:
        servers = start_servers(app, base)
    except ServerError as exc:
        sec.figures.append(Figure("servers", status=f"unavailable ({exc})"))
        yield sec
        return
    with servers:
        load_cases = []
        reply_size = 0
        for n, enc, x, req in cases:
            for who, server, path in (
                ("gradserve", app, "/v1/evaluate"),
                ("baseline", base, "/roundtrip"),
            ):
                r = Req("POST", path, req.body)
                case = Case(label(who, n, enc), server, [[r]] * conns)
                status, data = server.request("POST", path, r.body)
                if not 200 <= status < 300:
                    case.failure = describe_failure(status, data)
                else:
                    problem = check_reply(data, x)
                    sizes = f"{len(r.body or b'') / 1e6:.1f} MB in, {len(data) / 1e6:.1f} MB out"
                    if who == "gradserve":
                        reply_size = len(data)
                    elif abs(len(data) - reply_size) <= 0.1 * reply_size:
                        sizes = ""  # same as gradserve's, shown on its row
                    case.note = "; ".join(p for p in (sizes, problem) if p)
                load_cases.append(case)
        say(f"payload: {len(load_cases)} cases × {runs} runs × {duration:g} s")
        sec.figures = measure_cases(load_cases, runs, duration, warmup, drop=("loadgen CPU",))
    for n in SIZES:
        for enc in ("json", "base64"):
            sec.compare(label("gradserve", n, enc), label("baseline", n, enc), target=">= 0.9")
    yield sec
