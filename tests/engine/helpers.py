"""Helpers shared by the engine's tests (the op families', autograd's).

A test's expected graph lists node names in the order the goldens record them (pre-order
depth-first over next_functions, each node once, AccumulateGrad omitted): the same walk,
from tests/engine/goldens/recording.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest

import engine as torch
from engine import Tensor
from tests.engine.goldens.recording import graph_names, graph_nodes


def leaf(values: Any, dtype: Any = torch.float32) -> Tensor:
    return torch.tensor(values, dtype=dtype, requires_grad=True)


def rg(shape: tuple[int, ...], dtype: Any = torch.float32, seed: int = 0) -> Tensor:
    """A leaf requiring grad with distinct values in [-2, 2) (so misplaced gradients show)."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(-2.0, 2.0, shape).round(3)
    return torch.tensor(values.tolist() if shape else float(values), dtype=dtype).requires_grad_()


def uniform(shape: tuple[int, ...], lo: float, hi: float, seed: int = 0, rg: bool = True) -> Tensor:
    """float64 values drawn from [lo, hi) (gradcheck's inputs), requiring grad unless told not to."""
    values = np.random.default_rng(seed).uniform(lo, hi, shape)
    return torch.tensor(values, dtype=torch.float64, requires_grad=rg)


def graph(t: Tensor) -> list[str]:
    """The names of the nodes behind `t`, as the goldens list them."""
    return graph_names(t.grad_fn)


def saved(t: Tensor) -> set[str]:
    """`<node name>.<saved name>` for every tensor the nodes behind `t` save."""
    return {f"{n.name()}.{key}" for n in graph_nodes(t.grad_fn) for key in n._saved}


def raises(exc: type[BaseException], message: str) -> Any:
    """pytest.raises for exactly `message` (the whole text, not a search)."""
    return pytest.raises(exc, match="^" + re.escape(message) + "$")


@contextmanager
def raises_like_torch(exc: type[BaseException], message: str) -> Iterator[Any]:
    """`raises(exc, message)`, and the exception's class has the name torch's has."""
    with raises(exc, message) as info:
        yield info
    assert type(info.value).__name__ == exc.__name__
