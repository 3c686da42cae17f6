"""Body of the stateless POST /v1/evaluate."""

from __future__ import annotations

from pydantic import Field, model_validator

from app.schemas.base import Model, Name
from app.schemas.programs import ProgramFields, ProgramWarning
from app.schemas.tensors import Encoding, TensorIn, TensorOut


class EvaluateBackward(Model):
    """After the program: `tensors[tensor].backward(gradient, inputs=...)`."""

    tensor: Name
    gradient: TensorIn | None = None
    inputs: list[Name] | None = None


class EvaluateRequest(ProgramFields):
    tensors: dict[Name, TensorIn] = Field(default_factory=dict)
    backward: EvaluateBackward | None = None
    encoding: Encoding = "json"

    @model_validator(mode="after")
    def _one_program(self) -> EvaluateRequest:
        if self.source is not None and self.nodes is not None:
            raise ValueError("give `source` or `nodes`, not both")
        return self


class EvaluateResponse(Model):
    tensors: dict[str, TensorOut] = Field(
        description="Every tensor of the namespace at the end, with its `.grad`."
    )
    stdout: str
    display: str | None
    warnings: list[ProgramWarning] = Field(
        default_factory=list, description="torch's UserWarnings, in the order raised."
    )
