"""RFC 9457 problem details: the error types of API.md §4 and the handlers that produce them.

Handlers translate — engine errors (torch's class name and message, program location), limits,
FastAPI's validation errors and Starlette's routing errors — into one `application/problem+json`
shape. Unexpected exceptions never get here: app/middleware.py logs them with the request id and
answers `/problems/internal` without any detail.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.logs import request_id
from engine.errors import TorchError
from engine.limits import LimitExceeded, TooLarge
from engine.program import ProgramError

PROBLEM_MEDIA_TYPE = "application/problem+json"

# slug → (status, title)
PROBLEMS: dict[str, tuple[int, str]] = {
    "validation": (422, "Request does not match the schema"),
    "program-error": (400, "Program error"),
    "graph-freed": (409, "Graph already freed"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "unauthorized": (401, "Unauthorized"),
    "too-large": (413, "Too large"),
    "limit-exceeded": (422, "Limit exceeded"),
    "capacity": (429, "No capacity"),
    "internal": (500, "Internal server error"),
}

# engine limit names → the setting that sets them, appended to `detail`
LIMIT_SETTINGS = {
    "elements": "GRADSERVE_MAX_TENSOR_ELEMENTS",
    "time": "GRADSERVE_MAX_COMPUTE_SECONDS",
    "nodes": "GRADSERVE_MAX_PROGRAM_NODES",
    "statements": "GRADSERVE_MAX_PROGRAM_NODES",
    "memory": "GRADSERVE_MAX_SESSION_BYTES",
}


class ProblemError(Exception):
    """Raise anywhere in a request to answer with a problem of type `/problems/<kind>`."""

    def __init__(
        self,
        kind: str,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.headers = headers
        self.extensions = extensions


class ValidationProblem(ProblemError):
    """A 422 `/problems/validation` about one place in the request body."""

    def __init__(self, pointer: str, detail: str) -> None:
        super().__init__(
            "validation",
            f"{pointer}: {detail}" if pointer else detail,
            errors=[{"pointer": pointer, "detail": detail}],
        )


def not_found(detail: str) -> ProblemError:
    return ProblemError("not-found", detail)


def problem_response(
    kind: str, detail: str, *, headers: dict[str, str] | None = None, **extensions: Any
) -> Response:
    """The problem+json response; unknown kinds become RFC 9457's `about:blank` for the status."""
    if kind in PROBLEMS:
        status, title = PROBLEMS[kind]
        type_ = f"/problems/{kind}"
    else:
        status = int(kind)
        title = HTTPStatus(status).phrase
        type_ = "about:blank"
    body: dict[str, Any] = {"type": type_, "title": title, "status": status, "detail": detail}
    body.update((k, v) for k, v in extensions.items() if v is not None)
    rid = request_id.get()
    if rid is not None:
        body["request_id"] = rid
    return Response(
        orjson.dumps(body), status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE
    )


def engine_problem(exc: TorchError) -> ProblemError:
    """The problem for an error the engine raised (what torch raises, or a limit)."""
    if isinstance(exc, LimitExceeded):
        detail = exc.message
        setting = LIMIT_SETTINGS.get(exc.limit)
        if setting and setting not in detail:
            detail = f"{detail} ({setting})"
        return ProblemError("too-large" if isinstance(exc, TooLarge) else "limit-exceeded", detail)
    return ProblemError(
        "graph-freed" if exc.graph_freed else "program-error",
        exc.message,
        exception=exc.exception,
        line=exc.line,
        column=exc.column,
        pointer=getattr(exc, "pointer", None),
    )


def program_problem(exc: ProgramError) -> ProblemError:
    """A program outside the subset: 400 at a line/column (source), 422 at a pointer (nodes)."""
    if exc.pointer is not None:
        return ValidationProblem(exc.pointer, exc.message)
    return ProblemError(
        "program-error", exc.message, exception=exc.exception, line=exc.line, column=exc.column
    )


# ---- FastAPI validation errors → JSON pointers ------------------------------------------------


def _escape(part: Any) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def body_pointer(body: Any, loc: tuple[Any, ...]) -> str:
    """A JSON pointer for a pydantic error location, walking the body to drop union tags.

    pydantic puts the discriminator value into locations inside a tagged union
    (`nodes.0.pow.dim`); the body has no such level, so a part that does not exist in the body
    (and is not the last one, which may name a missing field) is skipped.
    """
    parts: list[str] = []
    cur: Any = body
    last = len(loc) - 1
    for i, part in enumerate(loc):
        if isinstance(cur, dict) and part in cur:
            parts.append(_escape(part))
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            parts.append(str(part))
            cur = cur[part]
        elif i == last and isinstance(cur, dict) and part != "[key]":
            parts.append(_escape(part))  # a missing field
        # else: a union member or tag, or a validator's name: not a level of the document
    return "".join("/" + p for p in parts)


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        msg = str(err.get("msg", "invalid"))
        if err.get("type") == "json_invalid":
            ctx = err.get("ctx") or {}
            position = loc[1] if len(loc) > 1 else None
            detail = f"invalid JSON at byte {position}: {ctx.get('error', msg)}"
            items.append({"pointer": "", "detail": detail})
        elif loc and loc[0] == "body":
            pointer = body_pointer(exc.body, loc[1:])
            kind = err.get("type")
            if kind in ("union_tag_invalid", "union_tag_not_found"):
                # a node whose `op` is missing or unknown: say so briefly, at the `op` field
                tag = (err.get("ctx") or {}).get("tag")
                pointer += "/op"
                msg = f"unknown op {tag!r} (GET /v1/ops lists them)" if tag else "missing `op`"
            same = next((i for i in items if i.get("pointer") == pointer), None)
            if same is None:
                items.append({"pointer": pointer, "detail": msg})
            elif msg not in same["detail"]:  # a union: each member's complaint, in one item
                same["detail"] += f"; or {msg}"
        elif loc:
            items.append({"parameter": str(loc[-1]), "detail": f"{loc[0]} parameter: {msg}"})
        else:
            items.append({"pointer": "", "detail": msg})
    return items


# ---- handlers ----------------------------------------------------------------------------------


async def _problem_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return problem_response(exc.kind, exc.detail, headers=exc.headers, **exc.extensions)


async def _engine_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TorchError)
    return await _problem_handler(request, engine_problem(exc))


async def _program_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProgramError)
    return await _problem_handler(request, program_problem(exc))


async def _validation_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    items = validation_errors(exc)
    if len(items) == 1:
        where = items[0].get("pointer")
        where = where if where is not None else items[0].get("parameter")
        detail = f"{where}: {items[0]['detail']}" if where else items[0]["detail"]
    else:
        detail = f"{len(items)} errors in the request"
    return problem_response("validation", detail, errors=items)


async def _http_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    headers = dict(exc.headers) if exc.headers else None
    if status == 404:
        return problem_response("not-found", f"no such path: {request.url.path}", headers=headers)
    if status == 405:
        return problem_response(
            "method-not-allowed",
            f"{request.method} is not allowed on {request.url.path}",
            headers=headers,
        )
    kind = next((k for k, (s, _) in PROBLEMS.items() if s == status), str(status))
    return problem_response(kind, str(exc.detail), headers=headers)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _problem_handler)
    app.add_exception_handler(TorchError, _engine_handler)
    app.add_exception_handler(ProgramError, _program_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for these error statuses (app/openapi.py gives them the Problem schema)."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        kinds = [f"`/problems/{k}`" for k, (s, _) in PROBLEMS.items() if s == status]
        out[status] = {"description": " or ".join(kinds) or HTTPStatus(status).phrase}
    return out
