"""Undo log for autograd state, so a failed program can leave a session exactly as it was.

torch mutates state as it goes (a failing second backward has already accumulated into some
leaves, facts §2.5). gradserve keeps that behaviour at the engine level, but the program
interpreter runs inside `transaction()`: every state change made through `record` is undone if
the block raises. Only attribute rebinding is journalled — the engine never writes into an
ndarray that a Tensor already owns, so rebinding is the only way state changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class _State(threading.local):
    log: list[tuple[Any, str, Any]] | None = None


_state = _State()


def record(obj: Any, attr: str, new: Any) -> None:
    """Set `obj.attr = new`, remembering the old value when a transaction is open."""
    log = _state.log
    if log is not None:
        log.append((obj, attr, getattr(obj, attr)))
    setattr(obj, attr, new)


def record_many(obj: Any, changes: tuple[tuple[str, Any], ...]) -> None:
    """`record` for several attributes of one object (one thread-local lookup)."""
    log = _state.log
    for attr, new in changes:
        if log is not None:
            log.append((obj, attr, getattr(obj, attr)))
        setattr(obj, attr, new)


@contextmanager
def transaction() -> Iterator[None]:
    """Run a block atomically with respect to journalled state: on error, undo it all."""
    outer = _state.log
    log: list[tuple[Any, str, Any]] = []
    _state.log = log
    try:
        yield
    except BaseException:
        for obj, attr, old in reversed(log):
            setattr(obj, attr, old)
        log.clear()
        raise
    finally:
        _state.log = outer
        if outer is not None:
            outer.extend(log)
