"""The embedded session store: a dict in this process, one asyncio.Lock per session."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace

from app.sessions.store import (
    CapacityExceeded,
    Session,
    SessionNotFound,
    SessionStore,
    new_session_id,
)


@dataclass(slots=True)
class _Entry:
    session: Session
    lock: asyncio.Lock


class InMemorySessionStore(SessionStore):
    """Sessions of one worker process. All methods run on the event loop (no thread locking)."""

    def __init__(self, max_sessions: int, clock: Callable[[], float] = time.time) -> None:
        self.max_sessions = max_sessions
        self.clock = clock
        self._entries: dict[str, _Entry] = {}

    async def create(self, owner: str | None, ttl_seconds: float) -> Session:
        now = self.clock()
        if len(self._entries) >= self.max_sessions:
            await self.reap()
        if len(self._entries) >= self.max_sessions:
            soonest = min(e.session.expires_at for e in self._entries.values())
            raise CapacityExceeded(self.max_sessions, soonest - now)
        session = Session(
            id=new_session_id(),
            owner=owner,
            ttl_seconds=ttl_seconds,
            created_at=now,
            expires_at=now + ttl_seconds,
        )
        self._entries[session.id] = _Entry(session, asyncio.Lock())
        return replace(session, tensors={})

    def _lookup(self, session_id: str, owner: str | None) -> _Entry:
        entry = self._entries.get(session_id)
        if entry is None or entry.session.owner != owner:
            raise SessionNotFound(session_id)
        if entry.session.expires_at <= self.clock() and not entry.lock.locked():
            del self._entries[session_id]
            raise SessionNotFound(session_id)
        return entry

    @asynccontextmanager
    async def open(self, session_id: str, owner: str | None) -> AsyncIterator[Session]:
        entry = self._lookup(session_id, owner)
        async with entry.lock:
            if self._entries.get(session_id) is not entry:  # deleted while we waited
                raise SessionNotFound(session_id)
            stored = entry.session
            stored.expires_at = self.clock() + stored.ttl_seconds
            work = replace(stored, tensors=dict(stored.tensors))
            yield work
            work.expires_at = self.clock() + work.ttl_seconds
            entry.session = work

    async def delete(self, session_id: str, owner: str | None) -> None:
        entry = self._lookup(session_id, owner)
        async with entry.lock:
            if self._entries.get(session_id) is not entry:
                raise SessionNotFound(session_id)
            del self._entries[session_id]

    async def reap(self) -> int:
        now = self.clock()
        expired = [
            sid
            for sid, e in self._entries.items()
            if e.session.expires_at <= now and not e.lock.locked()
        ]
        for sid in expired:
            del self._entries[sid]
        return len(expired)

    async def count(self) -> int:
        return len(self._entries)
