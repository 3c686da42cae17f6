"""Bodies of the session endpoints (API.md §3)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, PositiveFloat, model_validator

from app.schemas.base import Model, Name
from app.schemas.programs import ProgramFields, ProgramWarning
from app.schemas.tensors import Encoding, TensorIn, TensorOut


class CreateSessionRequest(Model):
    ttl_seconds: PositiveFloat | None = Field(
        default=None,
        description="Idle time after which the session is reclaimed (default: the service's "
        "GRADSERVE_SESSION_TTL_SECONDS, at most GRADSERVE_MAX_SESSION_TTL_SECONDS).",
    )


class SessionInfo(Model):
    id: str
    created_at: datetime
    expires_at: datetime


class SessionDetail(SessionInfo):
    memory_bytes: int = Field(
        description="Bytes of the session's tensors, gradients and saved graph buffers."
    )
    tensors: dict[str, TensorOut]


class RunRequest(ProgramFields):
    encoding: Encoding = "json"

    @model_validator(mode="after")
    def _one_program(self) -> RunRequest:
        if (self.source is None) == (self.nodes is None):
            raise ValueError("give exactly one of `source` or `nodes`")
        return self


class RunResponse(Model):
    tensors: dict[str, TensorOut] = Field(
        description="Every name the program assigned a tensor to, with its final value."
    )
    stdout: str
    display: str | None = Field(
        description="The repr of the last statement, if it is an expression (as a notebook)."
    )
    warnings: list[ProgramWarning] = Field(
        default_factory=list, description="torch's UserWarnings, in the order raised."
    )


class BackwardRequest(Model):
    tensor: Name
    gradient: TensorIn | None = None
    retain_graph: bool | None = None
    create_graph: bool = False
    inputs: list[Name] | None = None
    encoding: Encoding = "json"


class GradsByName(Model):
    grads: dict[str, TensorOut] = Field(
        description="Every named tensor whose `.grad` is set after the call."
    )


class GradRequest(Model):
    outputs: list[Name]
    inputs: list[Name]
    grad_outputs: list[TensorIn | None] | None = None
    retain_graph: bool | None = None
    create_graph: bool = False
    allow_unused: bool | None = None
    store_as: list[Name] | None = Field(
        default=None,
        description="Names to bind the results to (one per input), for higher-order "
        "derivatives; a None result unbinds its name.",
    )
    encoding: Encoding = "json"

    @model_validator(mode="after")
    def _store_as_matches(self) -> GradRequest:
        if self.store_as is not None and len(self.store_as) != len(self.inputs):
            raise ValueError("`store_as` needs one name per input")
        return self


class GradList(Model):
    grads: list[TensorOut | None]


class ZeroGradRequest(Model):
    tensors: list[Name] | None = Field(
        default=None, description="Whose `.grad` to set to None (default: every named tensor)."
    )


class ZeroGradResponse(Model):
    cleared: list[str] = Field(description="The names whose `.grad` was set and is now None.")
