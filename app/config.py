"""Service settings: every limit is a `GRADSERVE_*` environment variable with a safe default."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, PositiveFloat, PositiveInt, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration of one service process (see the README's settings table)."""

    model_config = SettingsConfigDict(env_prefix="GRADSERVE_", extra="ignore", frozen=True)

    max_body_bytes: PositiveInt = Field(
        10_000_000, description="Largest request body accepted, checked while it is read."
    )
    max_tensor_elements: PositiveInt = Field(
        1_000_000, description="Elements per tensor, sent or computed."
    )
    max_session_bytes: PositiveInt = Field(
        64 * 1024 * 1024,
        description="Memory per session (and per evaluate request): tensors, grads and saved "
        "buffers reachable from its named tensors.",
    )
    max_sessions: PositiveInt = Field(1000, description="Sessions alive at once, in all.")
    session_ttl_seconds: PositiveFloat = Field(
        900.0, description="Default idle time after which a session is reclaimed."
    )
    max_session_ttl_seconds: PositiveFloat = Field(
        86_400.0, description="Largest `ttl_seconds` a client may ask for."
    )
    max_program_nodes: PositiveInt = Field(
        1000, description="Statements of a `source` program or entries of a `nodes` program."
    )
    max_compute_seconds: PositiveFloat = Field(
        10.0, description="Compute time per request (checked between ops)."
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated bearer keys; when set, every /v1 request needs one.",
    )
    reap_interval_seconds: PositiveFloat = Field(
        5.0, description="How often expired sessions are reclaimed in the background."
    )

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str):
            return [key.strip() for key in value.split(",") if key.strip()]
        return value
