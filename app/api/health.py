"""Liveness and readiness probes (no auth: they reveal nothing)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.problems import documented, problem_response
from app.routing import Route
from app.schemas.health import Health, Readiness

router = APIRouter(tags=["health"], route_class=Route)

_OK = b'{"status":"ok"}'
_READY = b'{"status":"ready"}'


@router.get("/healthz", response_model=Health)
async def healthz() -> Response:
    """Liveness: the process serves requests (answered on the event loop, never queued)."""
    return Response(_OK, media_type="application/json")


@router.get("/readyz", response_model=Readiness, responses=documented(503))
async def readyz(request: Request) -> Response:
    """Readiness: started up (session reaper running) and not shutting down."""
    state = request.app.state
    if not getattr(state, "ready", False):
        return problem_response("503", "the service is starting or stopping")
    return Response(_READY, media_type="application/json")
