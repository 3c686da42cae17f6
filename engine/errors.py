"""Exceptions that carry torch's class name and message verbatim.

Each class is named exactly like the builtin torch raises (`type(e).__name__ == "RuntimeError"`)
and subclasses it, so torch-style `except RuntimeError` works; all share `TorchError`, which lets
the service tell an error torch would raise (a client's mistake) from a bug of ours.
"""

from __future__ import annotations

import builtins


class TorchError(Exception):
    """Base of every error torch itself would raise for the same call.

    `graph_freed` marks the second-backward error so the service can map it to its own status.
    `line`/`column` locate the program statement that raised, once the interpreter knows it.
    """

    graph_freed: bool = False
    line: int | None = None
    column: int | None = None

    @property
    def exception(self) -> str:
        """The torch exception class name (`RuntimeError`, `IndexError`, ...)."""
        for klass in type(self).__mro__:
            if klass.__module__ == "builtins" and klass is not Exception:
                return klass.__name__
        return "RuntimeError"

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class RuntimeError(TorchError, builtins.RuntimeError):
    pass


class IndexError(TorchError, builtins.IndexError):
    pass


class TypeError(TorchError, builtins.TypeError):
    pass


class ValueError(TorchError, builtins.ValueError):
    pass


class AssertionError(TorchError, builtins.AssertionError):
    pass


class NotImplementedError(TorchError, builtins.NotImplementedError):
    pass


SECOND_BACKWARD = (
    "Trying to backward through the graph a second time (or directly access saved tensors after "
    "they have already been freed). Saved intermediate values of the graph are freed when you call "
    ".backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the "
    "graph a second time or if you need to access saved tensors after calling backward."
)


def graph_freed_error() -> RuntimeError:
    """torch's second-backward RuntimeError, marked so the service maps it to 409."""
    err = RuntimeError(SECOND_BACKWARD)
    err.graph_freed = True
    return err
