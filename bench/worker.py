"""`python -m bench.worker MODULE FUNC KWARGS_JSON`: one measurement in a fresh process.

Calls `bench.MODULE.FUNC(**kwargs)`, which returns a JSON-able dict, and prints it after a marker
on the last line of stdout; an exception becomes {"status": "unavailable (...)"}.
"""

from __future__ import annotations

import importlib
import json
import sys

from bench.common import RESULT_MARK, unavailable


def main() -> None:
    module, func, kwargs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    try:
        out = getattr(importlib.import_module(f"bench.{module}"), func)(**kwargs)
    except Exception as exc:
        out = {"status": unavailable(exc)}
    sys.stdout.write("\n" + RESULT_MARK + json.dumps(out) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
