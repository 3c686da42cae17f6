"""The OpenAPI document, post-processed so generated clients type every error as a Problem.

FastAPI documents `responses=` entries and its own 422 under `application/json` (with its
`HTTPValidationError` schema); here every 4xx/5xx response is declared only under
`application/problem+json` with the `Problem` schema, and headers the errors set are listed.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.problems import PROBLEM_MEDIA_TYPE
from app.schemas.problem import Problem

_REF = "#/components/schemas/{model}"
_HEADERS = {
    "401": {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Bearer`"}},
    "429": {
        "Retry-After": {
            "schema": {"type": "integer"},
            "description": "Seconds until a session slot is expected to free up.",
        }
    },
}


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
        separate_input_output_schemas=app.separate_input_output_schemas,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template=_REF)
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    problem_content = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": _REF.format(model="Problem")}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            _plain_optional_body(operation)
            for status, response in operation.get("responses", {}).items():
                if status[:1] in "45":
                    response["content"] = problem_content
                    if status == "422":
                        response["description"] = (
                            "`/problems/validation` or `/problems/limit-exceeded`"
                        )
                    if status in _HEADERS:
                        response["headers"] = _HEADERS[status]
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    app.openapi_schema = schema
    return schema


def _plain_optional_body(operation: dict[str, Any]) -> None:
    """An optional body typed `Model | None` is documented as `anyOf: [Model, null]`, which makes
    generated clients serialise their "unset" marker; an optional body is simply a `$ref`."""
    body = operation.get("requestBody")
    if not body or body.get("required"):
        return
    for media in body.get("content", {}).values():
        variants = media.get("schema", {}).get("anyOf", [])
        refs = [v for v in variants if "$ref" in v]
        if len(refs) == 1 and len(variants) == 2 and {"type": "null"} in variants:
            media["schema"] = refs[0]
