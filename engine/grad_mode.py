"""Grad mode (no_grad, enable_grad, set_grad_enabled) — thread-local, as in torch."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


class _State(threading.local):
    enabled: bool = True


_state = _State()


def is_grad_enabled() -> bool:
    return _state.enabled


def _with_mode(fn: F, mode: bool) -> F:
    """`fn` wrapped to run in the given grad mode (the decorator form of the contexts below)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        prev = _state.enabled
        _state.enabled = mode
        try:
            return fn(*args, **kwargs)
        finally:
            _state.enabled = prev

    return wrapper  # type: ignore[return-value]


class _ModeContext:
    """Base of no_grad/enable_grad: usable as a `with` block and as `@decorator()`."""

    mode: bool

    def __enter__(self) -> None:
        self.prev = _state.enabled
        _state.enabled = self.mode

    def __exit__(self, *exc: object) -> None:
        _state.enabled = self.prev

    def __call__(self, fn: F) -> F:
        return _with_mode(fn, self.mode)


class no_grad(_ModeContext):
    mode = False


class enable_grad(_ModeContext):
    mode = True


class set_grad_enabled(_ModeContext):
    """Like torch: takes effect on construction (a bare call works as a statement), and as a
    context manager or decorator restores the previous mode afterwards."""

    def __init__(self, mode: bool) -> None:
        self.mode = bool(mode)
        self.prev = _state.enabled
        _state.enabled = self.mode

    def __enter__(self) -> None:
        return None

    def __call__(self, fn: F) -> F:
        _state.enabled = self.prev  # constructing the decorator must not change the mode
        return _with_mode(fn, self.mode)
