"""The container packaging, checked without a Docker engine.

The Dockerfile, .dockerignore, docker-compose.yml and .env.example are parsed and held to the
points the image must keep (base image as a build argument, non-root user, HEALTHCHECK on
/healthz, port 8000, the app import path the tests serve, a lean runtime stage), and the
project's wheel is built and installed into a fresh virtual environment the way the Dockerfile
does it, then `app.main` is imported from there.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE_IMAGE = "python:3.12-slim"
APP_PORT = 8000


# --------------------------------------------------------------------------- Dockerfile parsing


class Instruction:
    """One Dockerfile instruction: keyword, --flags and arguments (exec form kept as a list)."""

    def __init__(self, keyword: str, rest: str, line: int) -> None:
        self.keyword = keyword.upper()
        self.rest = rest.strip()
        self.line = line
        self.flags: dict[str, str] = {}
        body = self.rest
        # leading --flag=value options (COPY --from=..., HEALTHCHECK --interval=..., FROM --platform)
        while True:
            m = re.match(r"--([a-z-]+)(?:=(\S*))?\s+", body)
            if not m:
                break
            self.flags[m.group(1)] = m.group(2) or ""
            body = body[m.end() :]
        self.body = body

    def exec_form(self) -> list[str] | None:
        """The JSON array of an exec-form CMD/ENTRYPOINT/RUN, or None for the shell form."""
        text = self.body
        if self.keyword == "HEALTHCHECK":
            assert text.upper().startswith("CMD "), f"line {self.line}: HEALTHCHECK without CMD"
            text = text[4:].strip()
        if not text.startswith("["):
            return None
        return json.loads(text)

    def __repr__(self) -> str:
        return f"{self.keyword} {self.rest} (line {self.line})"


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions in order; comments dropped, backslash continuations joined."""
    out: list[Instruction] = []
    pending = ""
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):  # comment lines inside a continuation are dropped
            continue
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = pending + line
        pending = ""
        keyword, _, rest = full.partition(" ")
        out.append(Instruction(keyword, rest, start))
    assert not pending, "the Dockerfile ends inside a line continuation"
    return out


def stages(instructions: list[Instruction]) -> list[list[Instruction]]:
    """The build stages, each starting with its FROM."""
    result: list[list[Instruction]] = []
    for ins in instructions:
        if ins.keyword == "FROM":
            result.append([ins])
        elif result:
            result[-1].append(ins)
    return result


@pytest.fixture(scope="module")
def dockerfile() -> list[Instruction]:
    return parse_dockerfile((ROOT / "Dockerfile").read_text())


@pytest.fixture(scope="module")
def runtime(dockerfile: list[Instruction]) -> list[Instruction]:
    return stages(dockerfile)[-1]


def only(stage: list[Instruction], keyword: str) -> Instruction:
    found = [i for i in stage if i.keyword == keyword]
    assert found, f"no {keyword} in the runtime stage"
    return found[-1]  # the last one is the one that counts


# --------------------------------------------------------------------------- .dockerignore


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    """A .dockerignore pattern as Docker (moby/patternmatcher) reads it."""
    out = ""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                i += 1
            out += ".*" if i >= len(pattern) else "(.*/)?"
            continue
        if ch == "*":
            out += "[^/]*"
        elif ch == "?":
            out += "[^/]"
        elif ch == "[":
            end = pattern.index("]", i)
            out += pattern[i : end + 1]
            i = end
        elif ch == "\\" and i + 1 < len(pattern):
            i += 1
            out += re.escape(pattern[i])
        else:
            out += re.escape(ch)
        i += 1
    return re.compile(f"^{out}$")


def dockerignore_rules() -> list[tuple[re.Pattern[str], bool]]:
    rules = []
    for raw in (ROOT / ".dockerignore").read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exclude = not line.startswith("!")
        pattern = os.path.normpath(line.lstrip("!").strip()).lstrip("/")
        rules.append((_pattern_regex(pattern), exclude))
    return rules


def in_build_context(path: str, rules: list[tuple[re.Pattern[str], bool]]) -> bool:
    """Whether Docker sends `path` (relative, with /) to the builder: the last rule matching
    the path or one of its parent directories decides."""
    parts = path.split("/")
    candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
    excluded = False
    for regex, exclude in rules:
        if any(regex.match(c) for c in candidates):
            excluded = exclude
    return not excluded


# --------------------------------------------------------------------------- the Dockerfile


def test_no_syntax_directive() -> None:
    # a `# syntax=` parser directive makes BuildKit pull a frontend image
    head = (ROOT / "Dockerfile").read_text()
    assert not re.search(r"^\s*#\s*syntax\s*=", head, re.IGNORECASE | re.MULTILINE)


def test_base_image_is_a_build_argument(dockerfile: list[Instruction]) -> None:
    first_from = next(i for i, ins in enumerate(dockerfile) if ins.keyword == "FROM")
    args = [ins.body for ins in dockerfile[:first_from] if ins.keyword == "ARG"]
    assert f"BASE_IMAGE={DEFAULT_BASE_IMAGE}" in args

    all_stages = stages(dockerfile)
    assert len(all_stages) >= 2, "expected a build stage and a runtime stage"
    names: set[str] = set()
    for stage in all_stages:
        image, *rest = stage[0].body.split()
        # every stage starts from the base image (or an earlier stage): nothing else is pulled
        assert image in {"${BASE_IMAGE}", "$BASE_IMAGE"} or image in names, stage[0]
        if len(rest) == 2 and rest[0].upper() == "AS":
            names.add(rest[1])


def test_runtime_stage_is_lean(dockerfile: list[Instruction], runtime: list[Instruction]) -> None:
    # the runtime stage takes nothing from the build context (no sources, tests or caches),
    # only the built venv from an earlier stage
    copies = [i for i in runtime if i.keyword in {"COPY", "ADD"}]
    assert copies, "the runtime stage copies nothing from the build stage"
    for ins in copies:
        assert ins.keyword == "COPY" and "from" in ins.flags, ins
    # and installs no toolchain
    for ins in runtime:
        if ins.keyword == "RUN":
            assert not re.search(r"apt-get|apk |gcc|g\+\+|build-essential|pip ", ins.body), ins


def test_runs_as_non_root_user(runtime: list[Instruction]) -> None:
    user = only(runtime, "USER").body.split(":")[0]
    assert user not in {"root", "0", ""}
    # the user exists: created in this stage (useradd with that uid or name)
    runs = " ".join(i.body for i in runtime if i.keyword == "RUN")
    assert "useradd" in runs
    assert re.search(rf"--uid {user}\b", runs) or re.search(rf"\b{user}\s*$", runs), user


def test_healthcheck_probes_healthz_without_curl(runtime: list[Instruction]) -> None:
    check = only(runtime, "HEALTHCHECK")
    command = check.exec_form()
    assert command is not None, "HEALTHCHECK CMD in exec form"
    text = " ".join(command)
    assert f"127.0.0.1:{APP_PORT}/healthz" in text
    assert command[0] in {"python", "python3"}, "the slim image has no curl or wget"
    assert {"interval", "timeout", "retries"} <= check.flags.keys()
    assert compile(command[-1], "<HEALTHCHECK>", "exec")


def _uvicorn_target(command: list[str]) -> tuple[str, dict[str, str]]:
    """The app path and --options of a `uvicorn ...` command line."""
    args = command[command.index("uvicorn") + 1 :]
    target = next(a for a in args if not a.startswith("-"))
    options = {}
    for i, a in enumerate(args):
        if a.startswith("--") and i + 1 < len(args) and not args[i + 1].startswith("-"):
            options[a] = args[i + 1]
    return target, options


def _served_target(runtime: list[Instruction]) -> tuple[str, dict[str, str]]:
    command = only(runtime, "CMD").exec_form()
    assert command is not None, "CMD in exec form (uvicorn is PID 1 and gets SIGTERM)"
    return _uvicorn_target(command)


def test_serves_on_port_8000_on_all_interfaces(runtime: list[Instruction]) -> None:
    assert str(APP_PORT) in only(runtime, "EXPOSE").body.split()
    _, options = _served_target(runtime)
    assert options.get("--host") == "0.0.0.0"
    assert options.get("--port") == str(APP_PORT)


def test_serves_the_app_the_tests_serve(runtime: list[Instruction]) -> None:
    target, _ = _served_target(runtime)
    # the same target as `make run` ...
    make_run = re.search(
        r"^run:.*\n(?:\t.*\n)*?\t.*uvicorn (\S+)", (ROOT / "Makefile").read_text(), re.M
    )
    assert make_run, "Makefile's run target serves uvicorn"
    assert target == make_run.group(1)
    # ... as the tests that start uvicorn, and from the module the tests build their app from
    module_name, _, attribute = target.partition(":")
    sources = [p.read_text() for p in (ROOT / "tests").rglob("*.py") if p != Path(__file__)]
    for text in sources:
        for other in re.findall(r"[\"'](app\.[\w.]+:\w+)[\"']", text):
            assert other == target, f"a test serves {other}, the image {target}"
    importer = re.compile(
        rf"^\s*(from {re.escape(module_name)} import|import {re.escape(module_name)}\b)", re.M
    )
    assert any(importer.search(text) for text in sources), f"no test imports {module_name}"
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attribute)), f"{target} is not an ASGI app"
    assert callable(getattr(module, "create_app", None))


def test_everything_copied_exists_in_the_build_context(dockerfile: list[Instruction]) -> None:
    rules = dockerignore_rules()
    copied = 0
    for ins in dockerfile:
        if ins.keyword not in {"COPY", "ADD"} or "from" in ins.flags:
            continue
        parts = json.loads(ins.body) if ins.body.startswith("[") else shlex.split(ins.body)
        for source in parts[:-1]:
            path = ROOT / source
            assert path.exists(), f"line {ins.line}: {source} does not exist"
            files = [path] if path.is_file() else [p for p in path.rglob("*.py")]
            assert files, f"line {ins.line}: {source} is empty"
            for f in files:
                rel = f.relative_to(ROOT).as_posix()
                assert in_build_context(rel, rules), f"{rel} is copied but .dockerignore drops it"
                copied += 1
    assert copied


def test_dockerignore_keeps_tests_caches_and_venv_out() -> None:
    rules = dockerignore_rules()
    for path in [
        "tests/app/test_health.py",
        ".venv/bin/python",
        ".git/HEAD",
        ".env",
        ".pytest_cache/README.md",
        ".ruff_cache/CACHEDIR.TAG",
        ".hypothesis/examples/x",
        "engine/__pycache__/tensor.cpython-312.pyc",
        "app/api/__pycache__/x.pyc",
        "engine/tensor.pyc",
        "build/lib/app/main.py",
        "gradserve.egg-info/PKG-INFO",
    ]:
        assert not in_build_context(path, rules), f"{path} would be sent to the builder"
    for path in ["pyproject.toml", "README.md", "engine/tensor.py", "app/main.py"]:
        assert in_build_context(path, rules), path
    # whatever else lies at the top of the checkout stays out too
    needed = {"pyproject.toml", "README.md", "engine", "app"}
    for entry in ROOT.iterdir():
        if entry.name not in needed:
            assert not in_build_context(entry.name, rules), f"{entry.name} is in the build context"


# --------------------------------------------------------------------------- compose, .env


@pytest.fixture(scope="module")
def service() -> dict:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert len(services) == 1
    return next(iter(services.values()))


def test_compose_builds_with_the_base_image_from_the_environment(service: dict) -> None:
    build = service["build"]
    assert build["context"] == "."
    assert build.get("dockerfile", "Dockerfile") == "Dockerfile"
    assert build["args"]["BASE_IMAGE"] == "${BASE_IMAGE:-" + DEFAULT_BASE_IMAGE + "}"


def test_compose_publishes_port_8000_on_loopback(service: dict) -> None:
    (port,) = service["ports"]
    # the host port may come from the environment: 127.0.0.1:${HOST_PORT:-8000}:8000
    assert re.fullmatch(rf"127\.0\.0\.1:(\d+|\$\{{[A-Z_]+:-\d+\}}):{APP_PORT}", port), port


def test_compose_settings_come_from_an_uncommitted_env_file(service: dict) -> None:
    assert service["env_file"] == [{"path": ".env", "required": False}]
    ignored = (ROOT / ".gitignore").read_text().split()
    assert ".env" in ignored
    assert (ROOT / ".env.example").is_file()
    # no secrets or limits written into the compose file itself
    assert not any(str(k).startswith("GRADSERVE_") for k in service.get("environment") or {})


def test_compose_healthcheck_and_restart_policy(service: dict, runtime: list[Instruction]) -> None:
    check = service["healthcheck"]
    assert check["test"][0] == "CMD"
    assert check["test"][1:] == only(runtime, "HEALTHCHECK").exec_form()
    assert {"interval", "timeout", "retries"} <= check.keys()
    assert service["restart"] in {"always", "unless-stopped", "on-failure"}


def _example_values() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        m = re.fullmatch(r"#?\s*(GRADSERVE_[A-Z0-9_]+)=(.*)", line.strip())
        if m:
            values[m.group(1)] = m.group(2)
    return values


def test_env_example_lists_every_setting_with_its_default(monkeypatch: pytest.MonkeyPatch) -> None:
    config = pytest.importorskip("app.config")
    settings_class = config.Settings
    prefix = settings_class.model_config["env_prefix"]
    for name in list(os.environ):
        if name.startswith(prefix):
            monkeypatch.delenv(name)
    names = {prefix + field.upper() for field in settings_class.model_fields}
    example = _example_values()
    assert set(example) == names, "….env.example and app/config.py list different settings"
    defaults = settings_class(_env_file=None)
    for name, value in example.items():
        monkeypatch.setenv(name, value)
    assert settings_class(_env_file=None) == defaults, "a value in .env.example is not the default"


# --------------------------------------------------------------------------- wheel → fresh venv


def _runtime_closure(requirements: list[str]) -> list[importlib.metadata.Distribution]:
    """The installed distributions a set of requirements pulls in (extras and markers honoured)."""
    found: dict[str, tuple[importlib.metadata.Distribution, set[str]]] = {}
    todo = [(Requirement(r), {""}) for r in requirements]
    while todo:
        req, parent_extras = todo.pop()
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in parent_extras):
            continue
        key = canonicalize_name(req.name)
        extras = {""} | set(req.extras)
        if key in found and extras <= found[key][1]:
            continue
        try:
            dist = importlib.metadata.distribution(req.name)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(
                f"{req.name} (a runtime dependency) is not installed here: run make install"
            )
        seen = found[key][1] if key in found else set()
        found[key] = (dist, seen | extras)
        todo += [(Requirement(r), extras) for r in dist.requires or []]
    return [dist for dist, _ in found.values()]


def _stage_distributions(dists: list[importlib.metadata.Distribution], target: Path) -> None:
    """Symlink the files of installed distributions into `target`, a site directory of its own."""
    for dist in dists:
        assert dist.files is not None, f"{dist.metadata['Name']} has no RECORD"
        for entry in dist.files:
            if entry.parts[0] == "..":  # console scripts and the like, outside site-packages
                continue
            source = Path(dist.locate_file(entry))
            if not source.is_file():  # RECORD also lists byte code that may not exist
                continue
            dest = target / entry
            dest.parent.mkdir(parents=True, exist_ok=True)
            if not dest.exists():
                dest.symlink_to(source)


def _wheel_requirements(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        metadata = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        text = zf.read(metadata).decode()
    return [
        line.split(":", 1)[1].strip()
        for line in text.splitlines()
        if line.startswith("Requires-Dist:")
    ]


def _run(*args: str | Path, cwd: Path, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_serves_app_main(tmp_path: Path) -> None:
    """What the Dockerfile's build stage does, on this machine: copy what the Dockerfile copies,
    `pip wheel` it, install the wheel into a new venv from local wheels only, import app.main.

    To stay fast and offline after the build, the new venv does not download the dependencies:
    it sees exactly the installed distributions of gradserve's runtime requirements (staged from
    this environment through a .pth file), so the dev tools installed here are not importable.
    """
    # 1. the build context: only what the Dockerfile copies, without what .dockerignore drops
    src = tmp_path / "src"
    rules = dockerignore_rules()
    for ins in parse_dockerfile((ROOT / "Dockerfile").read_text()):
        if ins.keyword != "COPY" or "from" in ins.flags:
            continue
        for source in shlex.split(ins.body)[:-1]:
            path = ROOT / source
            for f in [path] if path.is_file() else sorted(path.rglob("*")):
                rel = f.relative_to(ROOT).as_posix()
                if f.is_file() and in_build_context(rel, rules):
                    (src / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(f, src / rel)

    # 2. the wheel (build isolation fetches the build backend, as in the image)
    wheels = tmp_path / "wheels"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--quiet",
        "--wheel-dir",
        wheels,
        src,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("gradserve-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        top = {name.split("/")[0] for name in zf.namelist()}
    assert {t for t in top if not t.endswith(".dist-info")} == {"app", "engine"}, top

    # 3. a fresh venv without pip, as in the Dockerfile, plus the runtime dependencies
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    purelib = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
        ).strip()
    )
    deps = tmp_path / "deps"
    _stage_distributions(_runtime_closure(_wheel_requirements(wheel)), deps)
    (purelib / "_gradserve_test_deps.pth").write_text(f"{deps}\n")

    # 4. install from the local wheels only, with this pip, into that venv
    _run(
        sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
        "--no-index", "--find-links", wheels, "gradserve",
        cwd=tmp_path,
    )  # fmt: skip

    # 5. app.main comes from the venv's site-packages, not from this checkout
    probe = (
        "import json, app.main, engine; "
        "print(json.dumps([app.main.__file__, engine.__file__, callable(app.main.app)]))"
    )
    app_file, engine_file, is_app = json.loads(_run(python, "-I", "-c", probe, cwd=tmp_path))
    assert Path(app_file).is_relative_to(purelib), app_file
    assert Path(engine_file).is_relative_to(purelib), engine_file
    assert is_app
    # the dev tools of this environment are not visible there
    dev_only = _run(
        python, "-I", "-c", "import importlib.util as u; print(u.find_spec('pytest'))", cwd=tmp_path
    )
    assert dev_only.strip() == "None"
    assert sysconfig.get_path("purelib") not in _run(
        python, "-I", "-c", "import sys; print(sys.path)", cwd=tmp_path
    )
