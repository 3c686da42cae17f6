"""The route class of every router: request bodies parsed with orjson."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.routing import APIRoute


class ORJSONRequest(Request):
    """A request whose JSON body is parsed by orjson (several times faster on tensor data).

    orjson's decode error subclasses json.JSONDecodeError, so FastAPI reports it as usual.
    """

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = orjson.loads(await self.body())
        return self._json


class Route(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route_handler(request: Request) -> Response:
            return await handler(ORJSONRequest(request.scope, request.receive))

        return route_handler
