"""The image, built and run for real when a Docker engine answers (skipped otherwise).

The base image is $BASE_IMAGE when set, else local/python:3.12-slim when that image exists
(the stand-in ../shared/tools/docker-local builds), else the Dockerfile's default.
Containers publish on 127.0.0.1 only, on ports picked free, and are removed afterwards, with
the images built here.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.docker

ROOT = Path(__file__).resolve().parent.parent
LOCAL_BASE = "local/python:3.12-slim"
TUTORIAL = (
    "m = torch.tensor(3., requires_grad=True)\n"
    "c = torch.tensor(2., requires_grad=True)\n"
    "x = torch.tensor(5.)\n"
    "y = m * x + c\n"
    "y.backward()\n"
    "m.grad, c.grad"
)


def docker(*args: str, timeout: float = 60, check: bool = True, **kw) -> str:
    result = subprocess.run(
        ["docker", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, **kw
    )
    if check and result.returncode != 0:
        pytest.fail(f"docker {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip()


@pytest.fixture(scope="module")
def engine() -> None:
    if shutil.which("docker") is None:
        pytest.skip("no docker client")
    try:
        answer = subprocess.run(["docker", "info"], capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.skip("the Docker engine does not answer")
    if answer.returncode != 0:
        pytest.skip("no Docker engine answers")


@pytest.fixture(scope="module")
def base_image(engine: None) -> str | None:
    """The BASE_IMAGE build argument, or None for the Dockerfile's default."""
    if os.environ.get("BASE_IMAGE"):
        return os.environ["BASE_IMAGE"]
    if docker("image", "inspect", LOCAL_BASE, check=False):
        return LOCAL_BASE
    return None


@pytest.fixture(scope="module")
def image(base_image: str | None) -> Iterator[str]:
    tag = f"gradserve-test:{uuid.uuid4().hex[:12]}"
    args = ["build", "-q", "-t", tag]
    if base_image:
        args += ["--build-arg", f"BASE_IMAGE={base_image}"]
    docker(*args, ".", timeout=1200)
    try:
        yield tag
    finally:
        docker("image", "rm", "-f", tag, check=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(port: int) -> httpx.Client:
    # trust_env=False: no HTTP proxy from the environment for 127.0.0.1
    return httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10, trust_env=False)


def wait_healthy(container: str, timeout: float = 90) -> None:
    """Until Docker's HEALTHCHECK reports healthy (fails on unhealthy or exit, with the logs)."""
    deadline = time.monotonic() + timeout
    status = ""
    while time.monotonic() < deadline:
        state = json.loads(docker("inspect", "-f", "{{json .State}}", container))
        status = (state.get("Health") or {}).get("Status", "no healthcheck")
        if status == "healthy":
            return
        if status in {"unhealthy", "no healthcheck"} or not state["Running"]:
            break
        time.sleep(1)
    logs = subprocess.run(["docker", "logs", container], capture_output=True, text=True, timeout=30)
    pytest.fail(f"container {status}, not healthy:\n{logs.stdout}{logs.stderr}")


def check_tutorial_if_served(http: httpx.Client, api_key: str | None = None) -> None:
    """POST /v1/evaluate with the tutorial program, if the image has that endpoint; with an API
    key configured, a request without it is refused."""
    if "/v1/evaluate" not in http.get("/openapi.json").json()["paths"]:
        return
    headers = {}
    if api_key:
        refused = http.post("/v1/evaluate", json={"source": TUTORIAL})
        assert refused.status_code == 401, refused.text
        headers["Authorization"] = f"Bearer {api_key}"
    response = http.post("/v1/evaluate", json={"source": TUTORIAL}, headers=headers)
    assert response.status_code == 200, response.text
    # dy/dm = x = 5, dy/dc = 1, displayed as torch prints them
    assert response.json()["display"] == "(tensor(5.), tensor(1.))", response.text


def test_image_runs_healthy_as_non_root_and_serves_from_the_host(image: str) -> None:
    config = json.loads(docker("image", "inspect", "-f", "{{json .Config}}", image))
    assert config["User"] and config["User"].split(":")[0] not in {"root", "0"}
    assert "8000/tcp" in config["ExposedPorts"]
    assert config["Healthcheck"]["Test"][0] == "CMD"

    port = free_port()
    name = f"gradserve-test-{uuid.uuid4().hex[:12]}"
    key = uuid.uuid4().hex  # a GRADSERVE_ setting through the environment
    docker(
        "run", "-d", "--name", name, "-p", f"127.0.0.1:{port}:8000",
        "-e", f"GRADSERVE_API_KEYS=other,{key}", image,
    )  # fmt: skip
    try:
        wait_healthy(name)
        assert docker("exec", name, "id", "-u") != "0"

        with client(port) as http:
            response = http.get("/healthz")
            assert response.status_code == 200
            assert response.json()["status"] == "ok"
            check_tutorial_if_served(http, api_key=key)

        # the app comes from the venv; no compiler, sources or tests in the image
        probe = (
            "import json, os, shutil, app, engine; print(json.dumps([app.__file__, engine.__file__,"
            " [shutil.which(c) for c in ('gcc', 'cc', 'g++', 'make')],"
            " [p for p in ('/src', '/wheels', '/tests', '/app') if os.path.exists(p)]]))"
        )
        app_file, engine_file, compilers, leftovers = json.loads(
            docker("exec", name, "python", "-c", probe)
        )
        assert app_file.startswith("/opt/venv/") and engine_file.startswith("/opt/venv/")
        assert compilers == [None] * 4
        assert leftovers == []
        found = docker("exec", name, "find", "/opt/venv", "-type", "d", "-name", "tests")
        assert found == ""
    finally:
        docker("rm", "-f", name, check=False)


def api_key_from_dotenv() -> str | None:
    """A key of GRADSERVE_API_KEYS in ./.env, which compose passes to the service if present."""
    dotenv = ROOT / ".env"
    lines = dotenv.read_text().splitlines() if dotenv.is_file() else []
    for line in lines:
        name, _, value = line.strip().partition("=")
        if name.strip() == "GRADSERVE_API_KEYS":
            keys = [k.strip() for k in value.strip().strip("'\"").split(",") if k.strip()]
            return keys[0] if keys else None
    return None


def test_compose_comes_up_healthy(base_image: str | None) -> None:
    project = f"gradserve-test-{uuid.uuid4().hex[:12]}"
    port = free_port()
    env = {**os.environ, "HOST_PORT": str(port)}
    if base_image:
        env["BASE_IMAGE"] = base_image
    compose = ["compose", "-p", project, "-f", str(ROOT / "docker-compose.yml")]
    try:
        docker(*compose, "up", "--build", "--wait", "--quiet-pull", timeout=1200, env=env)
        with client(port) as http:
            response = http.get("/healthz")
            assert response.status_code == 200
            assert response.json()["status"] == "ok"
            check_tutorial_if_served(http, api_key=api_key_from_dotenv())
        # one container, healthy, non-root, with the compose file's read-only root filesystem
        listed = json.loads(docker(*compose, "ps", "--format", "json", env=env).splitlines()[0])
        (ps,) = listed if isinstance(listed, list) else [listed]  # older compose: one array
        assert ps["Health"] == "healthy"
        assert docker("exec", ps["Name"], "id", "-u") != "0"
        assert docker("inspect", "-f", "{{.HostConfig.ReadonlyRootfs}}", ps["Name"]) == "true"
    finally:
        docker(*compose, "down", "--rmi", "local", "--volumes", check=False, env=env, timeout=120)
