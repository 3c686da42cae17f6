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


# HEAD, as monitors and load balancers may probe: the GET's status and headers, no body
# (the server leaves the body out). Not in the OpenAPI document: the same probe, not an operation.
router.add_api_route("/healthz", healthz, methods=["HEAD"], include_in_schema=False)


@router.get("/readyz", response_model=Readiness, responses=documented(503))
async def readyz(request: Request) -> Response:
    """Readiness: started up (session reaper running) and not shutting down."""
    state = request.app.state
    if not getattr(state, "ready", False):
        return problem_response("503", "the service is starting or stopping")
    return Response(_READY, media_type="application/json")


router.add_api_route("/readyz", readyz, methods=["HEAD"], include_in_schema=False)
