"""RFC 9457 problem details, the body of every error response (API.md §4)."""

from __future__ import annotations

from app.schemas.base import Model


class ErrorItem(Model):
    """One validation error: where (a JSON pointer into the body, or a parameter) and what."""

    pointer: str | None = None
    parameter: str | None = None
    detail: str


class Problem(Model):
    """`application/problem+json`: `type` is one of the /problems/... URIs of API.md §4."""

    type: str
    title: str
    status: int
    detail: str
    exception: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    errors: list[ErrorItem] | None = None
    request_id: str | None = None
