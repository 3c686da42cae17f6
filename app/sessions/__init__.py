"""Sessions: the store interface and the embedded in-memory store."""

from app.sessions.memory import InMemorySessionStore
from app.sessions.store import (
    CapacityExceeded,
    Session,
    SessionNotFound,
    SessionStore,
    new_session_id,
)

__all__ = [
    "CapacityExceeded",
    "InMemorySessionStore",
    "Session",
    "SessionNotFound",
    "SessionStore",
    "new_session_id",
]
