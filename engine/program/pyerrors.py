"""Python's own exceptions, reported like torch's: `TorchError` subclasses with Python's class.

`1 / 0`, `"a" + 1` or an undefined name raise in a program what Python raises (class and
message), but as `TorchError`s carrying the statement's location, so the service reports them as
the program's error (with `exception` = "ZeroDivisionError", ...) and never as its own bug.
"""

from __future__ import annotations

import builtins

from engine import errors

_classes: dict[type[BaseException], type[errors.TorchError]] = {
    builtins.RuntimeError: errors.RuntimeError,
    builtins.IndexError: errors.IndexError,
    builtins.TypeError: errors.TypeError,
    builtins.ValueError: errors.ValueError,
    builtins.AssertionError: errors.AssertionError,
    builtins.NotImplementedError: errors.NotImplementedError,
}


def error_class(kind: type[BaseException]) -> type[errors.TorchError]:
    """The TorchError subclass named (and subclassing) like the builtin exception `kind`."""
    klass = _classes.get(kind)
    if klass is None:
        base = kind if kind.__module__ == "builtins" else builtins.RuntimeError
        try:
            klass = type(base.__name__, (errors.TorchError, base), {"__module__": __name__})
        except TypeError:  # a builtin with an incompatible layout: report as RuntimeError
            klass = errors.RuntimeError
        _classes[kind] = klass
    return klass


def python_error(kind: type[BaseException], message: str) -> errors.TorchError:
    """An error reported as Python's `kind` with `message`."""
    return error_class(kind)(message)


def from_exception(exc: BaseException) -> errors.TorchError:
    """Re-express an exception Python raised (not a TorchError) with its class and message."""
    kind = type(exc)
    while kind.__module__ != "builtins":
        kind = kind.__mro__[1]
    return python_error(kind, str(exc))
