"""The session store interface: what the HTTP layer needs from wherever sessions live.

A session is plain data — named engine tensors, the state dict of its random generator, times
and accounting — with no closures or pickled objects, so a shared store (Redis, for several
workers) can implement the same interface.

Every request on a session goes through `open()`: it serialises requests on that session (the
per-session lock), hands out a private working copy, and commits the copy only when the request
succeeded — a failed request changes nothing in the session.
"""

from __future__ import annotations

import math
import secrets
from abc import ABC, abstractmethod
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any

from app.problems import ProblemError
from engine.tensor import Tensor


@dataclass(slots=True)
class Session:
    id: str
    owner: str | None
    ttl_seconds: float
    created_at: float  # epoch seconds
    expires_at: float  # epoch seconds; every request on the session pushes it to now + ttl
    tensors: dict[str, Tensor] = field(default_factory=dict)
    rng_state: dict[str, Any] | None = None  # numpy bit-generator state of the session's RNG
    memory_bytes: int = 0  # engine.memory.footprint of `tensors` after the last request
    graph_nodes: int = 0


def new_session_id() -> str:
    """An unguessable id: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class SessionNotFound(ProblemError):
    def __init__(self, session_id: str) -> None:
        super().__init__("not-found", f"no session {session_id!r} (expired, deleted or never made)")


class CapacityExceeded(ProblemError):
    def __init__(self, limit: int, retry_after: float) -> None:
        seconds = max(1, math.ceil(retry_after))
        super().__init__(
            "capacity",
            f"the service holds its maximum of {limit} sessions (GRADSERVE_MAX_SESSIONS); "
            f"retry in {seconds} s or delete a session",
            headers={"Retry-After": str(seconds)},
        )


class SessionStore(ABC):
    """Where sessions live. Owners are opaque strings (None when auth is off)."""

    @abstractmethod
    async def create(self, owner: str | None, ttl_seconds: float) -> Session:
        """A new empty session; raises CapacityExceeded when there is no room."""

    @abstractmethod
    def open(self, session_id: str, owner: str | None) -> AbstractAsyncContextManager[Session]:
        """Lock the session for one request and yield a working copy of it.

        The copy (its `tensors` dict is the copy's own) replaces the stored session when the
        block exits normally; if the block raises, the stored session is left as it was.
        Raises SessionNotFound for unknown, expired and other owners' sessions.
        """

    @abstractmethod
    async def delete(self, session_id: str, owner: str | None) -> None:
        """Remove the session (waiting for a request in progress on it); SessionNotFound if none."""

    @abstractmethod
    async def reap(self) -> int:
        """Remove expired sessions that no request is using; returns how many went."""

    @abstractmethod
    async def count(self) -> int:
        """Sessions currently held."""
