# gradserve: `uvicorn app.main:app` on 0.0.0.0:8000, as a non-root user.
#
#   docker build -t gradserve .                                            # official base image
#   docker build --build-arg BASE_IMAGE=local/python:3.12-slim -t gradserve .   # a mirror / local base
#   docker run --rm -p 127.0.0.1:8000:8000 -e GRADSERVE_API_KEYS=secret gradserve
#
# Settings are GRADSERVE_* environment variables (app/config.py, .env.example).
# No `# syntax=` directive on purpose: it makes the builder pull an image.

ARG BASE_IMAGE=python:3.12-slim

# ---- build: wheels for the dependencies and the project, installed into a venv ----
# (The dependencies ship binary wheels; a dependency that needed compiling would get its
# compiler installed here, in this stage only.)
FROM ${BASE_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore
WORKDIR /src

# Dependency wheels first, from pyproject.toml alone, so that editing the code reuses this layer.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" \
        > requirements.txt \
 && pip wheel --wheel-dir /wheels -r requirements.txt

COPY engine/ engine/
COPY app/ app/
# The venv gets gradserve from these wheels only, as tests/test_packaging.py does; the
# third-party packages' own test suites are dropped from it.
RUN pip wheel --no-deps --wheel-dir /wheels . \
 && python -m venv --without-pip /opt/venv \
 && pip --python /opt/venv/bin/python install --no-index --find-links /wheels gradserve \
 && find /opt/venv/lib -type d -name tests -prune -exec rm -rf {} + \
 && /opt/venv/bin/python -c "import app.main"

# ---- runtime: the base image plus the venv; no compilers, sources, tests or pip caches ----
# (the byte code pip compiled at install time stays: the non-root user could not write it)
FROM ${BASE_IMAGE} AS runtime
# One BLAS/OpenMP thread per process (a spinning second BLAS thread steals the core under
# load); scale with `--workers N` instead.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    OPENBLAS_NUM_THREADS=1 \
    OMP_NUM_THREADS=1 \
    MKL_NUM_THREADS=1
RUN groupadd --system --gid 10001 gradserve \
 && useradd --system --uid 10001 --gid gradserve --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin gradserve
COPY --from=build /opt/venv /opt/venv
USER 10001:10001
EXPOSE 8000
# Without curl (the slim image has none) and without any HTTP proxy from the environment.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request as u; r = u.build_opener(u.ProxyHandler({})).open('http://127.0.0.1:8000/healthz', timeout=4); sys.exit(r.status != 200)"]
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--no-access-log"]
