"""JSON for large tensor payloads, read and written in slices so no single call holds the GIL long.

orjson holds the GIL for a whole call: parsing a 12 MB body (1e6 floats) takes ~50 ms and
writing one ~35 ms, during which no other thread runs — the event loop included, so /healthz
and every small request wait. Running such a call in a worker thread does not help; cutting it
up does: between two slices the interpreter can switch threads (every 5 ms by default).

* `loads(body)`: what `orjson.loads(body)` returns. A large body's long flat arrays (runs with no
  `[`, `]` or `"` inside, the form tensor data takes) are cut out of the text, replaced by
  unguessable placeholder strings and parsed in slices split at commas; the rest is parsed as
  usual and the lists are put back in the placeholders' places. Anything unexpected — a run
  that was inside a string, an invalid number, a placeholder not found — falls back to one
  `orjson.loads` of the whole body, so errors and results are exactly orjson's.
* `array_json(arr)`: a 1-D array as what `orjson.dumps(arr, option=OPT_SERIALIZE_NUMPY)` writes,
  for a large one an `orjson.Fragment` written slice by slice (embedding it costs a copy).
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import orjson

LARGE_BODY = 2 << 20  # bodies at least this large: parsed in a worker thread, sliced
LONG_ARRAY = 1 << 18  # bytes of array text worth cutting out
SLICE_BYTES = 1 << 20  # array text parsed per orjson call (~4 ms)
SLICE_ELEMENTS = 1 << 17  # array elements written per orjson call (~2 ms)
MAX_ARRAYS_SCANNED = 256  # a body of many small arrays is parsed in one call, not scanned


def loads(body: bytes) -> Any:
    """`orjson.loads(body)`, with long arrays of a large body parsed in slices."""
    if len(body) < LARGE_BODY:
        return orjson.loads(body)
    spans = _long_arrays(body)
    if not spans:
        return orjson.loads(body)
    try:
        return _loads_sliced(body, spans)
    except (orjson.JSONDecodeError, _Mismatch):
        return orjson.loads(body)  # the exact result or error of the plain parse


class _Mismatch(Exception):
    """The placeholders did not all land where an array was: not the structure assumed."""


def _long_arrays(body: bytes) -> list[tuple[int, int]]:
    """(start, end) of the insides of `[...]` runs at least LONG_ARRAY long with no `[`, `]`
    or `"` inside (found with bytes.find, i.e. memchr: ~0.3 ms for 12 MB)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for _ in range(MAX_ARRAYS_SCANNED):
        start = body.find(b"[", pos)
        if start < 0:
            break
        end = body.find(b"]", start + 1)
        if end < 0:
            break
        inner = body.rfind(b"[", start + 1, end)
        if inner >= 0:  # a nested array: its innermost run starts at the last `[`
            start = inner
        if end - start > LONG_ARRAY and body.find(b'"', start, end) < 0:
            spans.append((start + 1, end))
        pos = end + 1
    return spans


def _loads_sliced(body: bytes, spans: list[tuple[int, int]]) -> Any:
    tag = "\x00gradserve:" + os.urandom(12).hex() + ":"
    parts: list[bytes] = []
    pos = 0
    for i, (start, end) in enumerate(spans):
        parts.append(body[pos : start - 1])
        parts.append(orjson.dumps(tag + str(i)))
        pos = end + 1
    parts.append(body[pos:])
    doc = orjson.loads(b"".join(parts))
    arrays = [_parse_run(body, start, end) for start, end in spans]
    found = _substitute(doc, tag, arrays)
    if found != len(arrays):
        raise _Mismatch
    if isinstance(doc, str) and doc.startswith(tag):
        return arrays[int(doc[len(tag) :])]
    return doc


def _parse_run(body: bytes, start: int, end: int) -> list[Any]:
    """The elements of body[start:end] (no brackets or quotes inside: every comma separates)."""
    out: list[Any] = []
    view = memoryview(body)
    pos = start
    while pos < end:
        cut = body.find(b",", pos + SLICE_BYTES, end) if pos + SLICE_BYTES < end else -1
        stop = end if cut < 0 else cut
        out.extend(orjson.loads(b"".join((b"[", view[pos:stop], b"]"))))
        pos = stop + 1
        if cut >= 0 and pos >= end:  # a trailing comma: invalid, let orjson say so
            raise _Mismatch
    return out


def _substitute(doc: Any, tag: str, arrays: list[list[Any]]) -> int:
    """Replace each placeholder string in `doc` by its array; how many were replaced."""
    found = 0
    if isinstance(doc, str) and doc.startswith(tag):
        return 1
    stack = [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, str):
                if value.startswith(tag):
                    node[key] = arrays[int(value[len(tag) :])]
                    found += 1
            elif isinstance(value, (dict, list)):
                stack.append(value)
    return found


def array_json(arr: np.ndarray) -> Any:
    """A 1-D array as orjson writes it: the array itself, or a Fragment for a large one."""
    n = arr.shape[0]
    if n <= SLICE_ELEMENTS:
        return arr
    option = orjson.OPT_SERIALIZE_NUMPY
    parts = [
        orjson.dumps(arr[i : i + SLICE_ELEMENTS], option=option)[1:-1]
        for i in range(0, n, SLICE_ELEMENTS)
    ]
    return orjson.Fragment(b"[" + b",".join(parts) + b"]")
