"""Dependencies shared by the routers: settings, the session store, the caller's identity.

Every dependency is `async def`: FastAPI runs a plain `def` dependency in the threadpool, and
that hand-off costs more than any of these does (tens of µs per dependency per request).
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


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_store(request: Request) -> SessionStore:
    return request.app.state.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[SessionStore, Depends(get_store)]

_bearer = HTTPBearer(auto_error=False, description="One of GRADSERVE_API_KEYS, when set.")


def key_owner(key: str) -> str:
    """Sessions are owned by a digest of the key that made them (the key itself is not kept)."""
    return hashlib.sha256(key.encode()).hexdigest()


async def authenticate(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str | None:
    """The caller's owner id (None when no keys are configured); 401 without a valid key."""
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
