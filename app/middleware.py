"""One pure-ASGI middleware around every request: request id, body limit, access log, catch-all 500.

* `X-Request-ID`: taken from the request when it is a sane token, generated otherwise; echoed on
  the response, put in every problem body and log line of the request.
* The body limit is enforced while the body is read: a `Content-Length` over the limit is refused
  before anything is read, a chunked body as soon as the bytes received pass it.
* An exception no handler claimed is logged with its traceback and the request id, and answered
  with `/problems/internal`, which shows neither.
* A request still running when uvicorn's graceful-shutdown timeout ends is cancelled by uvicorn;
  it is answered with a 503 problem (the service is going away: retry), not uvicorn's plain-text
  500, which would say a bug happened.
"""

from __future__ import annotations

import asyncio
import re
import time
import uuid

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.logs import access_logger, logger, request_id
from app.problems import problem_response

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class BodyTooLarge(HTTPException):
    """Raised from `receive` when the body passes the limit (FastAPI re-raises HTTPExceptions)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, body_limit_detail(limit))


def body_limit_detail(limit: int) -> str:
    return f"the request body exceeds the limit of {limit} bytes (GRADSERVE_MAX_BODY_BYTES)"


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = None
        length: int | None = None
        for key, value in scope["headers"]:
            if key == b"x-request-id":
                candidate = value.decode("latin-1")
                if _REQUEST_ID.match(candidate):
                    rid = candidate
            elif key == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = None
        if rid is None:
            rid = uuid.uuid4().hex
        token = request_id.set(rid)
        rid_header = (b"x-request-id", rid.encode("latin-1"))
        status = 500
        started = False
        t0 = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status, started
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), rid_header]
            await send(message)

        limit = self.max_body_bytes
        received = 0

        async def receive_limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        try:
            if length is not None and length > limit:
                response = problem_response("too-large", body_limit_detail(limit))
                await response(scope, receive, send_with_id)
            else:
                await self.app(scope, receive_limited, send_with_id)
        except asyncio.CancelledError:
            # The server gave up on the request (uvicorn: its graceful-shutdown timeout ended).
            # The task ends here either way, so the cancellation is answered, not passed on
            # (uvicorn would log it as an error and answer its own plain-text 500).
            logger.warning(
                "request cancelled at shutdown: %s %s",
                scope["method"],
                scope["path"],
                extra={"request_id": rid},
            )
            if not started:
                response = problem_response(
                    "503",
                    "the service is shutting down and could not finish this request; retry it",
                    headers={"Retry-After": "1", "Connection": "close"},
                )
                await response(scope, receive, send_with_id)
        except Exception:
            logger.exception(
                "unhandled error in %s %s",
                scope["method"],
                scope["path"],
                extra={"request_id": rid},
            )
            if not started:
                response = problem_response(
                    "internal", f"internal error; reference this request id: {rid}"
                )
                await response(scope, receive, send_with_id)
        finally:
            access_logger.info(
                "%s %s %d",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "request_id": rid,
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - t0) * 1000, 3),
                    "client": scope["client"][0] if scope.get("client") else None,
                },
            )
            request_id.reset(token)
