"""Regenerate gradserve-client from the service's OpenAPI document, without a running server.

    python clients/python/generator/generate.py [OUTPUT_DIR]     # `make client`

1. The schema comes from the app in-process: `create_app().openapi()`, with no GRADSERVE_*
   setting from the environment (the schema must not depend on them), written as openapi.json.
2. openapi-python-client (pinned in the dev extra) generates the package from it, with
   `config.yaml` and the README template in `templates/`, into a fresh directory; its post hooks
   run the pinned ruff found next to this interpreter.
3. OUTPUT_DIR (default: clients/python) is replaced by the result, except this `generator/`
   directory. tests/test_client_drift.py generates into a temporary directory and compares.

Any warning or error from the generator fails the run: a schema the generator cannot type
cleanly should be fixed in the app, not papered over here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLIENT = HERE.parent  # clients/python
ROOT = CLIENT.parent.parent


def openapi_document() -> str:
    """The app's OpenAPI document as committed: indented JSON, key order as FastAPI emits it."""
    for name in [n for n in os.environ if n.upper().startswith("GRADSERVE_")]:
        del os.environ[name]
    sys.path.insert(0, str(ROOT))
    from app.config import Settings
    from app.main import create_app

    schema = create_app(Settings(_env_file=None)).openapi()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def generate(output: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="gradserve-client-") as tmp:
        document = Path(tmp) / "openapi.json"
        document.write_text(openapi_document(), encoding="utf-8")
        project = Path(tmp) / "out"
        bindir = str(Path(sys.executable).parent)
        env = {**os.environ, "PATH": bindir + os.pathsep + os.environ.get("PATH", "")}
        env.pop("RUFF_CACHE_DIR", None)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "openapi_python_client",
                "generate",
                "--path",
                str(document),
                "--output-path",
                str(project),
                "--meta",
                "setup",
                "--config",
                str(HERE / "config.yaml"),
                "--custom-template-path",
                str(HERE / "templates"),
            ],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
        )
        # the generator reports warnings and errors (and post-hook failures) on stderr
        if result.returncode != 0 or result.stderr.strip():
            report = (result.stdout + result.stderr).strip()
            sys.exit(f"openapi-python-client did not generate a clean client:\n{report}")
        shutil.copy2(document, project / "openapi.json")

        output.mkdir(parents=True, exist_ok=True)
        if output != CLIENT and any(output.iterdir()) and not (output / "gradserve_client").is_dir():
            sys.exit(f"{output} is neither empty nor a generated client: not replacing it")
        for entry in output.iterdir():
            if entry.name == HERE.name:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        for entry in project.iterdir():
            target = output / entry.name
            if entry.is_dir():
                shutil.copytree(entry, target)
            else:
                shutil.copy2(entry, target)


def main(argv: list[str]) -> None:
    if len(argv) > 1:
        sys.exit(__doc__)
    output = Path(argv[0]).resolve() if argv else CLIENT
    generate(output)
    print(f"generated gradserve-client in {output}")


if __name__ == "__main__":
    main(sys.argv[1:])
