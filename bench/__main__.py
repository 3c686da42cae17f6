"""`python -m bench [--quick] [--only NAME ...] [--threads N] [--json PATH]`: gradserve's benchmarks.

Benchmarks (issue 7), each printed as it finishes with its baselines measured in the same run:
  1 engine_overhead  10,000-op scalar chain vs torch and a hand-written Python tape
  2 compute          2-layer MLP and a 512×512 matmul chain vs torch and hand-written numpy
  3 service          /v1/evaluate and sessions under load vs a FastAPI constant endpoint
  4 payload          1e5/1e6-element tensor round trips (JSON, base64) vs minimal FastAPI endpoints
  5 scale            1k/10k/100k-node chains; peak memory of a 1e6-element 10-op graph vs torch
Figures are medians with min–max over repeats; ratios are gradserve/baseline of the medians,
with the issue's target printed as "meets"/"MISSES" (a report, never a test). The results are also
written as JSON (default /tmp/gradserve-bench/latest.json, outside the repo).

Each in-process subject runs in its own fresh interpreter (bench.worker), gradserve and its
baselines alternating over rounds. torch is not a project dependency: its baselines run when the
interpreter running the suite can import torch (a venv with torch and `pip install -e .[dev]`),
and print "skipped (torch not installed)" otherwise. The HTTP benchmarks start uvicorn on
127.0.0.1 and load it from another process: wrk when /usr/bin/wrk exists, else bench.loadgen.
On a busy machine `--threads 1` keeps the BLAS figures comparable.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from bench.common import (
    Config,
    Section,
    format_section,
    section_json,
    torch_available,
    torch_version,
)

BENCHES = {
    "engine_overhead": ("1", "engine"),
    "compute": ("2",),
    "service": ("3",),
    "payload": ("4",),
    "scale": ("5",),
}
DEFAULT_JSON = Path("/tmp/gradserve-bench/latest.json")


def resolve(names: list[str]) -> list[str]:
    chosen = []
    for raw in names:
        for name in raw.split(","):
            name = name.strip()
            if not name:
                continue
            for key, aliases in BENCHES.items():
                if name == key or name in aliases:
                    if key not in chosen:
                        chosen.append(key)
                    break
            else:
                raise SystemExit(f"unknown benchmark {name!r}; choose from {', '.join(BENCHES)}")
    return chosen or list(BENCHES)


def header() -> str:
    import numpy as np

    torch = torch_version() if torch_available() else None
    lines = [
        "gradserve benchmarks — medians (min–max) over repeats; ratio = gradserve / baseline",
        f"python {platform.python_version()}, numpy {np.__version__}, "
        + (f"torch {torch}" if torch else "torch not installed (torch baselines skipped)")
        + f", {os.cpu_count()} cpus, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]
    load1 = os.getloadavg()[0]
    if load1 > 0.5 * (os.cpu_count() or 1):
        lines.append(
            f"WARNING: the machine is busy (load {load1:.1f} on {os.cpu_count()} cpus): figures are "
            "noisy, multi-threaded BLAS ones especially; re-run on a quiet machine"
        )
    names = ("OPENBLAS_", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    env = {k: v for k, v in os.environ.items() if k.startswith(names)}
    if env:
        line = "environment: " + " ".join(f"{k}={v}" for k, v in sorted(env.items()))
        if "OPENBLAS_CORETYPE" in env:
            line += " (OPENBLAS_CORETYPE pins numpy's BLAS kernel)"
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats and shorter load runs")
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help=f"run only these ({', '.join(BENCHES)}, or 1-5); repeatable or comma-separated",
    )
    ap.add_argument(
        "--json",
        default=str(DEFAULT_JSON),
        metavar="PATH",
        help=f"write results here (default {DEFAULT_JSON}; '-' for none)",
    )
    ap.add_argument(
        "--threads",
        type=int,
        metavar="N",
        help="BLAS/OpenMP threads for numpy, torch and the servers (default: their own)",
    )
    args = ap.parse_args(argv)
    if args.threads is not None:
        # before any subprocess starts: every worker, server and generator inherits these
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    cfg = Config(
        quick=args.quick,
        only=resolve(args.only),
        json_path=None if args.json == "-" else Path(args.json),
        threads=args.threads,
    )

    print(header(), flush=True)
    t_start = time.perf_counter()
    sections: list[Section] = []
    failed = []
    for key in cfg.only:
        t0 = time.perf_counter()
        try:
            mod = importlib.import_module(f"bench.{key}")
            for sec in mod.run(cfg):
                sections.append(sec)
                print(format_section(sec), flush=True)
        except KeyboardInterrupt:
            raise
        except Exception:
            failed.append(key)
            print(f"\n== {key}: the benchmark itself crashed ==", flush=True)
            traceback.print_exc(file=sys.stdout)
        print(f"  ({key} took {time.perf_counter() - t0:.0f} s)", flush=True)

    total = time.perf_counter() - t_start
    print(f"\nall benchmarks took {total:.0f} s", flush=True)
    if cfg.json_path is not None:
        cfg.json_path.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "quick": cfg.quick,
            "header": header(),
            "seconds": total,
            "crashed": failed,
            "sections": [section_json(s) for s in sections],
        }
        cfg.json_path.write_text(json.dumps(doc, indent=1))
        print(f"results written to {cfg.json_path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
