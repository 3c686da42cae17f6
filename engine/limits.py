"""Resource limits the engine enforces for whoever runs untrusted programs on it.

Thread-local, set by the program interpreter (`with limited(...)`): a cap on the elements of any
tensor an op is about to allocate — checked from shapes *before* numpy allocates — and a deadline
checked between ops, so a runaway program stops with a clear error instead of a hang.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from engine.errors import TorchError


class LimitExceeded(TorchError, RuntimeError):
    """A program went over a resource limit; `limit` names which one."""

    def __init__(self, message: str, limit: str) -> None:
        super().__init__(message)
        self.limit = limit


class TooLarge(LimitExceeded):
    """A tensor over the element limit (the service answers 413)."""


class _State(threading.local):
    max_elements: int | None = None
    deadline: float | None = None
    time_limit: float | None = None


_state = _State()


@contextmanager
def limited(max_elements: int | None = None, time_limit: float | None = None) -> Iterator[None]:
    """Apply limits to every op run in this thread inside the block."""
    prev = (_state.max_elements, _state.deadline, _state.time_limit)
    _state.max_elements = max_elements
    _state.time_limit = time_limit
    _state.deadline = None if time_limit is None else time.monotonic() + time_limit
    try:
        yield
    finally:
        _state.max_elements, _state.deadline, _state.time_limit = prev


def check_numel(shape: Iterable[int]) -> None:
    """Refuse to allocate a tensor of this shape if it exceeds the element limit."""
    cap = _state.max_elements
    if cap is None:
        return
    n = 1
    for d in shape:
        n *= int(d)
    if n > cap:
        raise TooLarge(
            f"a tensor of {n} elements exceeds the limit of {cap} elements per tensor", "elements"
        )


def check_deadline() -> None:
    deadline = _state.deadline
    if deadline is not None and time.monotonic() > deadline:
        raise LimitExceeded(
            f"the program exceeded the compute-time limit of {_state.time_limit:g} s", "time"
        )
