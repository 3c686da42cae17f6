"""Shared pieces of every schema: the strict base model and the name of a tensor."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints


class Model(BaseModel):
    """Every request and response model: unknown fields are an error, not silently dropped, and
    values are taken as their JSON type says (no `true` for a number, no `"60"` for an int)."""

    model_config = ConfigDict(extra="forbid", strict=True)


NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"

Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN, min_length=1, max_length=64)]
"""A tensor's name in a namespace: a Python identifier, as programs refer to it."""
