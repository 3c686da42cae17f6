"""What the routers share: settings, the session store, the caller's identity.

Dependencies are few and `async def`: FastAPI runs a plain `def` dependency in the threadpool,
a hand-off that costs more than any of these does, and even an async one costs ~9 µs per
request in FastAPI's resolver — so settings and the store are read from the app's state by the
handlers (`settings_of`, `store_of`), and only the caller's identity is a dependency (it
carries the bearer security scheme into the OpenAPI document).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.config import Settings
from app.problems import ProblemError
from app.schemas.base import NAME_PATTERN
from app.schemas.tensors import Encoding
from app.sessions import SessionStore


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def store_of(request: Request) -> SessionStore:
    store: SessionStore = request.app.state.store
    return store


_bearer = HTTPBearer(auto_error=False, description="One of GRADSERVE_API_KEYS, when set.")


def key_owner(key: str) -> str:
    """Sessions are owned by a digest of the key that made them (the key itself is not kept)."""
    return hashlib.sha256(key.encode()).hexdigest()


async def authenticate(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str | None:
    """The caller's owner id (None when no keys are configured); 401 without a valid key."""
    settings = settings_of(request)
    if not settings.api_keys:
        return None
    if credentials is not None:
        given = credentials.credentials.encode()
        for key in settings.api_keys:
            if hmac.compare_digest(given, key.encode()):
                return key_owner(key)
    raise ProblemError(
        "unauthorized",
        "a valid `Authorization: Bearer <key>` header is required",
        headers={"WWW-Authenticate": 'Bearer realm="gradserve"'},
    )


Owner = Annotated[str | None, Depends(authenticate)]


def body_size(request: Request) -> int:
    """The request body's declared size (0 if not declared), to judge whether work is tiny."""
    length = request.headers.get("content-length")
    return int(length) if length and length.isdigit() else 0


SessionId = Annotated[str, Path(min_length=1, max_length=128, description="The session's id.")]
TensorName = Annotated[
    str, Path(pattern=NAME_PATTERN, max_length=64, description="The tensor's name.")
]
EncodingQuery = Annotated[
    Encoding, Query(description="`base64` to get tensors as `b64` instead of `data`.")
]
