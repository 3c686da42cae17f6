"""Liveness and readiness."""

from __future__ import annotations

from typing import Literal

from app.schemas.base import Model


class Health(Model):
    status: Literal["ok"]


class Readiness(Model):
    status: Literal["ready"]
