"""Every example in README.md and clients/python/README.md runs, and prints what they show.

The examples run against a real service (uvicorn on a free port; `http://127.0.0.1:8000` in
the text is rewritten to it):

- ```` ```sh ```` blocks run in bash, with the real curl, one shell per `## ` section (so
  `SID=$(...)` carries over); the `# ` lines under a command are its output (a line starting
  `#  ` continues the previous one; `...` stands for anything; a leading `409 ` is the status,
  which `curl -s` does not print). A command with no such lines must not print a problem.
  `docker ...` lines are checked against tests/test_docker.py, which runs them.
- A block (any language) whose first line is `GRADSERVE_...=... make run` runs the rest of its
  lines, as above, against a server started with those settings.
- ```` ```python ```` blocks run in one Python process per `## ` section (client examples share
  their variables, as in a notebook); a ```` ```text ```` block right after one (or after one
  line ending in `prints:`) is its output; otherwise a `print(...)  # out` comment is that
  print's output, and a block that shows no output must print nothing.
- A block that is not executed is listed in NOT_RUN with the reason; any other block fails.

Session ids, timestamps, request ids and memory addresses are normalised on both sides.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.server import CLIENT_DIR, ROOT, serve, server_env

pytestmark = pytest.mark.slow

READMES = [ROOT / "README.md", CLIENT_DIR / "README.md"]
DOCUMENTED_URL = "http://127.0.0.1:8000"
MARK = "@@readme-example-done@@"

# blocks deliberately not executed here, by content, with the reason
NOT_RUN = {
    (
        "make run    # creates .venv, installs gradserve, serves on http://127.0.0.1:8000\n"
        "make test   # same install, then ruff (lint + format check) and the whole test suite\n"
    ): "`make test` is what runs this file; test_make_run_is_what_the_examples_run_against "
    "checks that `make run` serves what the examples run against",
    (
        "pip install -e clients/python   # into your environment\n"
        "make client                     # regenerate it after changing the API (no server needed)\n"
    ): "installing would change the environment the tests run in: the examples import the client "
    "from clients/python instead; tests/test_client_drift.py runs what `make client` runs",
    "pip install -e clients/python      # from the top of the repository\n": (
        "as above: the examples import the client from clients/python"
    ),
}


@dataclass
class Block:
    path: Path
    section: str
    line: int
    lang: str
    text: str
    output: Block | None = None  # the ```text block right after it

    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line} ({self.section})"


def read_blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    blocks: list[Block] = []
    section = ""
    lines = text.splitlines(keepends=True)
    i = previous_end = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            section = line[3:].strip()
        fence = re.match(r"^(`{3,})(\S*)\s*$", line)
        if not fence:
            i += 1
            continue
        start = i
        body = []
        i += 1
        while i < len(lines) and lines[i].rstrip("\n") != fence.group(1):
            body.append(lines[i])
            i += 1
        assert i < len(lines), f"{path}:{start + 1}: unclosed code block"
        block = Block(path, section, start + 1, fence.group(2), "".join(body))
        if block.lang == "text" and blocks and blocks[-1].lang == "python":
            between = "".join(lines[previous_end:start])
            # nothing between the two blocks but blank lines, or one line like "It prints:"
            if between.strip() == "" or re.fullmatch(r"[^\n]*prints:", between.strip()):
                blocks[-1].output = block
        blocks.append(block)
        i += 1
        previous_end = i
    return blocks


def all_blocks() -> list[Block]:
    return [b for path in READMES for b in read_blocks(path)]


# ---- normalisation and matching -----------------------------------------------------------

_NORMALISE = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"), "<time>"),
    (re.compile(r"datetime\.datetime\([^)]*\)"), "<time>"),
    (re.compile(r"(?<![\w-])[A-Za-z0-9_-]{43}(?![\w-])"), "<session-id>"),
    (re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])"), "<request-id>"),
    (re.compile(r"0x[0-9a-f]{6,}"), "0x<address>"),
]


def normalise(text: str) -> str:
    for pattern, replacement in _NORMALISE:
        text = pattern.sub(replacement, text)
    return text.rstrip("\n")


def matches(expected: str, actual: str) -> bool:
    expected, actual = normalise(expected), normalise(actual)
    if "..." not in expected:
        return expected == actual
    pattern = ".*?".join(re.escape(part) for part in expected.split("..."))
    return re.fullmatch(pattern, actual, re.S) is not None


# ---- shell examples ---------------------------------------------------------------------


@dataclass
class Command:
    block: Block
    text: str
    expected: str | None


def split_commands(block: Block) -> list[Command]:
    """Commands of a sh block (a quoted argument may span lines) with the output shown under each."""
    lines = block.text.splitlines()
    commands: list[Command] = []
    i = 0
    while i < len(lines):
        command = lines[i]
        i += 1
        if not command.strip() or command.startswith("#"):
            continue
        while True:
            try:
                shlex.split(command)
                break
            except ValueError:
                assert i < len(lines), f"{block.where()}: unbalanced quotes in {command!r}"
                command += "\n" + lines[i]
                i += 1
        output: list[str] = []
        while i < len(lines) and lines[i].startswith("#"):
            shown = lines[i][2:] if lines[i].startswith("# ") else lines[i][1:]
            if shown.startswith(" ") and output:
                output[-1] += shown[1:]
            else:
                output.append(shown)
            i += 1
        expected = "\n".join(output) if output else None
        if expected is not None:
            expected = re.sub(r"^\d{3} (?=[{\[])", "", expected)
        commands.append(Command(block, command, expected))
    return commands


def check_docker_command(command: str) -> None:
    """A `docker ...` line of the README is run by tests/test_docker.py (which needs an engine)."""
    docker_test = (ROOT / "tests" / "test_docker.py").read_text()
    args = shlex.split(command)[1:]
    if args[:1] == ["compose"]:
        args = args[1:]
    quoted = ", ".join(json.dumps(a) for a in args)
    assert quoted in docker_test, f"README: `{command}` is not what tests/test_docker.py runs"


def is_problem(output: str) -> bool:
    try:
        document = json.loads(output)
    except ValueError:
        return False
    return isinstance(document, dict) and str(document.get("type", "")).startswith("/problems/")


def run_shell(base_url: str, blocks: list[Block]) -> None:
    commands = [c for b in blocks for c in split_commands(b)]
    script = ["set -u"]
    run = []
    for command in commands:
        if command.text.startswith("docker "):
            check_docker_command(command.text)
            continue
        script.append(command.text.replace(DOCUMENTED_URL, base_url))
        script.append(f"printf '\\n{MARK}\\n'")
        run.append(command)
    env = server_env()
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", "\n".join(script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    outputs = result.stdout.split(f"\n{MARK}\n")
    assert len(outputs) == len(run) + 1, (result.stdout, result.stderr)
    for command, output in zip(run, outputs):
        where = f"{command.block.where()}: {command.text}"
        if command.expected is None:
            assert not is_problem(output), f"{where}\nfailed:\n{output}"
        else:
            assert matches(command.expected, output), (
                f"{where}\nshows:\n{command.expected}\nprinted:\n{output}"
            )
    assert result.returncode == 0 and result.stderr == "", result.stderr


# ---- python examples --------------------------------------------------------------------

DRIVER = r"""
import contextlib, io, json, sys, traceback
blocks = json.load(sys.stdin)
namespace = {"__name__": "__main__"}
results = []
for where, code in blocks:
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, where, "exec"), namespace)
    except BaseException:
        results.append({"stdout": out.getvalue(), "error": traceback.format_exc()})
        break
    results.append({"stdout": out.getvalue(), "error": None})
sys.stdout.write(json.dumps(results))
"""


def expected_prints(code: str) -> list[str] | None:
    """`print(...)  # output` comments of a block, or None if it shows no output that way."""
    shown = re.findall(r"^print\(.*\)\s+# (.*)$", code, re.M)
    return shown or None


def run_python(base_url: str, blocks: list[Block]) -> None:
    env = server_env()
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(CLIENT_DIR)])
    payload = [[b.where(), b.text.replace(DOCUMENTED_URL, base_url)] for b in blocks]
    result = subprocess.run(
        [sys.executable, "-c", DRIVER],
        cwd=ROOT,
        env=env,
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)
    for block, outcome in zip(blocks, results):
        assert outcome["error"] is None, f"{block.where()} raised:\n{outcome['error']}"
        stdout = outcome["stdout"]
        if block.output is not None:
            assert matches(block.output.text, stdout), (
                f"{block.where()}\nshows:\n{block.output.text}\nprinted:\n{stdout}"
            )
        elif (shown := expected_prints(block.text)) is not None:
            assert stdout.splitlines() == shown, f"{block.where()}\nprinted:\n{stdout}"
        else:
            assert stdout == "", f"{block.where()} printed (and shows nothing):\n{stdout}"
    assert len(results) == len(blocks)


# ---- the tests --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve() as url:
        yield url


_WITH_SETTINGS = re.compile(r"((?:GRADSERVE_\w+=\S*\s+)+)make run\n")


def settings_blocks() -> list[Block]:
    return [b for b in all_blocks() if _WITH_SETTINGS.match(b.text)]


def sections(lang: str) -> list[tuple[str, list[Block]]]:
    grouped: dict[tuple[Path, str], list[Block]] = {}
    for block in all_blocks():
        if block.lang == lang and block.text not in NOT_RUN and block not in settings_blocks():
            grouped.setdefault((block.path, block.section), []).append(block)
    return [(f"{p.relative_to(ROOT)}#{s}", blocks) for (p, s), blocks in grouped.items()]


def test_every_block_is_run_or_explained() -> None:
    blocks = all_blocks()
    outputs = [id(b.output) for b in blocks if b.output is not None]
    for block in blocks:
        if block.text in NOT_RUN or _WITH_SETTINGS.match(block.text):
            continue
        assert block.lang in {"sh", "python", "text"}, (
            f"{block.where()}: a ```{block.lang} block that no test runs; make it sh or python, "
            "or list it in NOT_RUN with the reason"
        )
        if block.lang == "text":
            assert id(block) in outputs, f"{block.where()}: a ```text block that shows no output"
    present = {b.text for b in blocks}
    stale = [text for text in NOT_RUN if text not in present]
    assert not stale, f"NOT_RUN lists blocks the READMEs no longer have: {stale}"


@pytest.mark.parametrize(("section", "blocks"), sections("sh"), ids=[s for s, _ in sections("sh")])
def test_shell_examples(base_url: str, section: str, blocks: list[Block]) -> None:
    if shutil.which("curl") is None:
        pytest.fail("the README's examples need curl on PATH")
    run_shell(base_url, blocks)


@pytest.mark.parametrize(
    ("section", "blocks"), sections("python"), ids=[s for s, _ in sections("python")]
)
def test_python_examples(base_url: str, section: str, blocks: list[Block]) -> None:
    run_python(base_url, blocks)


@pytest.mark.parametrize("block", settings_blocks(), ids=Block.where)
def test_examples_with_settings(block: Block) -> None:
    assignments = _WITH_SETTINGS.match(block.text)
    assert assignments is not None
    settings = dict(a.split("=", 1) for a in assignments.group(1).split())
    rest = Block(block.path, block.section, block.line, "sh", block.text[assignments.end() :])
    with serve(settings) as url:
        run_shell(url, [rest])


def test_make_run_is_what_the_examples_run_against() -> None:
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^run:.*\n\t(.+)$", makefile, re.M)
    assert recipe is not None
    assert recipe.group(1).split()[1:] == [
        "app.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--no-access-log",
    ]
    assert recipe.group(1).split()[0].endswith("/uvicorn")
