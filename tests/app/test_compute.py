"""app.compute.run_engine: tiny work inline, anything bigger in a worker thread, always atomic."""

from __future__ import annotations

import asyncio
import threading

import pytest

import engine as torch
from app.compute import (
    INLINE_MAX_ELEMENTS,
    INLINE_NAMESPACE_BYTES,
    Budget,
    run_engine,
    small_enough,
)
from engine.limits import LimitExceeded, TooLarge
from engine.tensor import Tensor

from .conftest import make_settings

SETTINGS = make_settings(max_tensor_elements=10**6, max_session_bytes=10**7)


def test_small_enough() -> None:
    assert small_enough(1000, 1000, 10)
    assert not small_enough(10**7)
    assert not small_enough(100, namespace_bytes=10**7)
    assert not small_enough(100, graph_nodes=10**5)


def test_tiny_work_runs_inline_and_big_work_in_a_thread() -> None:
    loop_thread = threading.get_ident()
    seen: list[tuple[bool, int]] = []

    def work(budget: Budget) -> int:
        seen.append((budget.inline, threading.get_ident()))
        return 1

    async def main() -> None:
        await run_engine(work, SETTINGS, try_inline=True)
        await run_engine(work, SETTINGS, try_inline=False)

    asyncio.run(main())
    assert seen[0] == (True, loop_thread)
    assert seen[1][0] is False and seen[1][1] != loop_thread


def test_work_over_the_inline_budget_is_undone_and_rerun_in_a_thread() -> None:
    namespace: dict[str, Tensor] = {"a": torch.ones(2, requires_grad=True)}
    calls: list[bool] = []

    def work(budget: Budget) -> str:
        calls.append(budget.inline)
        namespace["b"] = namespace["a"] * 2
        namespace["b"].sum().backward()  # journalled: undone with the failed attempt
        namespace["big"] = torch.zeros(INLINE_MAX_ELEMENTS + 1)  # over the inline budget only
        return "done"

    value, fp = asyncio.run(run_engine(work, SETTINGS, try_inline=True, namespace=namespace))
    assert value == "done" and calls == [True, False]
    assert repr(namespace["a"].grad) == "tensor([2., 2.])"  # once, not twice
    assert fp is not None and fp.bytes >= (INLINE_MAX_ELEMENTS + 1) * 4


def test_real_limits_and_errors_are_not_retried() -> None:
    calls: list[bool] = []

    def too_big(budget: Budget) -> None:
        calls.append(budget.inline)
        torch.zeros(10**7)

    with pytest.raises(TooLarge):
        asyncio.run(run_engine(too_big, SETTINGS, try_inline=True))
    assert calls == [True, False]  # the inline budget first, then the real limit

    def fails(budget: Budget) -> None:
        calls.append(budget.inline)
        raise torch.errors.RuntimeError("nope")

    calls.clear()
    with pytest.raises(RuntimeError):
        asyncio.run(run_engine(fails, SETTINGS, try_inline=True))
    assert calls == [True]


def test_memory_over_the_limit_is_refused_and_undone() -> None:
    a = torch.ones(10, requires_grad=True)
    namespace: dict[str, Tensor] = {"a": a}

    def work(budget: Budget) -> None:
        (a * 2).sum().backward()
        namespace["z"] = torch.zeros(1000)

    settings = make_settings(max_session_bytes=1000)
    with pytest.raises(LimitExceeded) as info:
        asyncio.run(run_engine(work, settings, try_inline=True, namespace=namespace))
    assert isinstance(info.value, TooLarge) and info.value.limit == "memory"
    assert a.grad is None


def test_memory_over_the_inline_budget_is_rerun_in_a_thread() -> None:
    """An inline attempt may hold at most INLINE_NAMESPACE_BYTES; more is retried, not refused."""
    namespace: dict[str, Tensor] = {}
    calls: list[bool] = []

    def work(budget: Budget) -> None:
        calls.append(budget.inline)
        for i in range(INLINE_NAMESPACE_BYTES // (INLINE_MAX_ELEMENTS * 4) + 1):
            namespace[f"t{i}"] = torch.zeros(INLINE_MAX_ELEMENTS)

    _, fp = asyncio.run(run_engine(work, SETTINGS, try_inline=True, namespace=namespace))
    assert calls == [True, False]
    assert fp is not None and fp.bytes > INLINE_NAMESPACE_BYTES
