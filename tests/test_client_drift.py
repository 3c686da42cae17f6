"""The committed client (clients/python) is exactly what `make client` generates now.

The generator runs as `make client` runs it (same script, same pinned openapi-python-client and
ruff from the dev extra, offline: the schema comes from the app in-process), into a temporary
directory, and the two trees are compared byte for byte. When this fails, the schema changed
(or the generator's inputs did): run `make client` and commit clients/python.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "clients" / "python"
GENERATOR = CLIENT / "generator"
# what is never part of the generated tree: the generator's own inputs, and what building,
# installing or importing the package leaves behind (the generated .gitignore lists these too)
NOT_GENERATED = {"generator", "__pycache__", "build", "dist", ".pytest_cache", ".ruff_cache"}

pytestmark = pytest.mark.slow


def tree(root: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p in NOT_GENERATED or p.endswith(".egg-info") for p in parts):
            continue
        if path.is_file():
            files["/".join(parts)] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("client") / "python"
    result = subprocess.run(
        [sys.executable, str(GENERATOR / "generate.py"), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return tree(out)


def test_committed_client_matches_the_generator(regenerated: dict[str, bytes]) -> None:
    committed = tree(CLIENT)
    missing = sorted(set(regenerated) - set(committed))
    extra = sorted(set(committed) - set(regenerated))
    changed = sorted(p for p in set(regenerated) & set(committed) if regenerated[p] != committed[p])
    if missing or extra or changed:
        report = [
            "clients/python differs from what `make client` generates now; run `make client`",
            f"  not committed: {missing}",
            f"  no longer generated: {extra}",
            f"  changed: {changed}",
        ]
        for path in changed[:3]:
            diff = difflib.unified_diff(
                committed[path].decode(errors="replace").splitlines(),
                regenerated[path].decode(errors="replace").splitlines(),
                f"committed/{path}",
                f"generated/{path}",
                lineterm="",
                n=2,
            )
            report.extend(list(diff)[:40])
        pytest.fail("\n".join(report), pytrace=False)


def test_generated_tree_is_complete(regenerated: dict[str, bytes]) -> None:
    """The pieces the issue names: package metadata, the schema, one module per operation."""
    for path in [
        "setup.py",
        "pyproject.toml",
        "README.md",
        "openapi.json",
        "gradserve_client/__init__.py",
        "gradserve_client/client.py",
        "gradserve_client/models/problem.py",
        "gradserve_client/models/tensor_in.py",
        "gradserve_client/models/tensor_out.py",
        "gradserve_client/api/sessions/run_program.py",
        "gradserve_client/api/evaluate/evaluate.py",
    ]:
        assert path in regenerated, path
    assert b'name="gradserve-client"' in regenerated["setup.py"]
    # the README is the project's own (generator/templates/README.md.jinja), not the stock one
    assert b"api.example.com" not in regenerated["README.md"]
