"""The in-memory session store: ids, ownership, per-session serialisation, commit, TTL, capacity."""

from __future__ import annotations

import asyncio

import pytest

import engine as torch
from app.sessions import CapacityExceeded, InMemorySessionStore, SessionNotFound


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_ids_are_long_random_and_distinct() -> None:
    async def main() -> None:
        store = InMemorySessionStore(100)
        ids = {(await store.create(None, 10)).id for _ in range(50)}
        assert len(ids) == 50
        assert all(len(i) >= 43 for i in ids)  # 32 random bytes, base64url: 256 bits

    run(main())


def test_commit_on_success_and_nothing_on_failure() -> None:
    async def main() -> None:
        store = InMemorySessionStore(10)
        s = await store.create(None, 10)
        async with store.open(s.id, None) as work:
            work.tensors["a"] = torch.tensor(1.0)
        with pytest.raises(RuntimeError):
            async with store.open(s.id, None) as work:
                work.tensors["b"] = torch.tensor(2.0)
                del work.tensors["a"]
                raise RuntimeError("boom")
        async with store.open(s.id, None) as work:
            assert list(work.tensors) == ["a"]

    run(main())


def test_other_owners_and_unknown_ids_are_not_found() -> None:
    async def main() -> None:
        store = InMemorySessionStore(10)
        s = await store.create("alice", 10)
        for sid, owner in ((s.id, "bob"), (s.id, None), ("nope", "alice")):
            with pytest.raises(SessionNotFound):
                async with store.open(sid, owner):
                    pass
            with pytest.raises(SessionNotFound):
                await store.delete(sid, owner)
        await store.delete(s.id, "alice")
        assert await store.count() == 0

    run(main())


def test_requests_on_one_session_are_serialised() -> None:
    async def main() -> None:
        store = InMemorySessionStore(10)
        s = await store.create(None, 10)
        t = await store.create(None, 10)
        events: list[str] = []

        async def hold(sid: str, tag: str) -> None:
            async with store.open(sid, None):
                events.append(f"{tag} in")
                await asyncio.sleep(0.05)
                events.append(f"{tag} out")

        await asyncio.gather(hold(s.id, "a"), hold(s.id, "b"), hold(t.id, "c"))
        # a and b never overlap; c (another session) runs alongside a
        assert events.index("a out") < events.index("b in")
        assert events.index("c in") < events.index("a out")

    run(main())


def test_idle_ttl_expiry_and_touch() -> None:
    async def main() -> None:
        clock = Clock()
        store = InMemorySessionStore(10, clock=clock)
        s = await store.create(None, 60)
        clock.now += 50
        async with store.open(s.id, None):  # a request pushes expiry to now + ttl
            pass
        clock.now += 50
        async with store.open(s.id, None):
            pass
        clock.now += 61
        with pytest.raises(SessionNotFound):
            async with store.open(s.id, None):
                pass

    run(main())


def test_reaper_removes_expired_sessions_without_a_request() -> None:
    async def main() -> None:
        clock = Clock()
        store = InMemorySessionStore(10, clock=clock)
        await store.create(None, 10)
        keep = await store.create(None, 100)
        clock.now += 11
        assert await store.reap() == 1
        assert await store.count() == 1
        async with store.open(keep.id, None):
            pass

    run(main())


def test_capacity_and_retry_after() -> None:
    async def main() -> None:
        clock = Clock()
        store = InMemorySessionStore(2, clock=clock)
        await store.create(None, 30)
        await store.create(None, 100)
        clock.now += 10
        with pytest.raises(CapacityExceeded) as info:
            await store.create(None, 10)
        assert info.value.headers == {"Retry-After": "20"}
        clock.now += 21  # the first expired: its slot is reclaimed on demand
        await store.create(None, 10)

    run(main())


def test_delete_waits_for_the_request_in_progress() -> None:
    async def main() -> None:
        store = InMemorySessionStore(10)
        s = await store.create(None, 10)
        order: list[str] = []

        async def request() -> None:
            async with store.open(s.id, None):
                await asyncio.sleep(0.05)
                order.append("request done")

        async def delete() -> None:
            await asyncio.sleep(0.01)
            await store.delete(s.id, None)
            order.append("deleted")

        await asyncio.gather(request(), delete())
        assert order == ["request done", "deleted"]
        with pytest.raises(SessionNotFound):
            async with store.open(s.id, None):
                pass

    run(main())
