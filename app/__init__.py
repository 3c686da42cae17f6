"""gradserve's HTTP service: a thin FastAPI shell over the engine.

One BLAS thread per process, unless the environment says otherwise: set here, before anything
imports numpy (`uvicorn app.main:app` imports this package first). A service process already
runs requests concurrently; OpenBLAS's default of a thread per core made concurrent matmuls
fight over the cores (its idle threads spin), halving their throughput: 700x700 matmul chains
from 2 connections on 2 cores, 19.6 -> 35.4 req/s with one thread (and /healthz p99 9.4 -> 6.3
ms). Scale with worker processes instead (`uvicorn --workers N`).
"""

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
del _var
