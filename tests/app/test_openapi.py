"""The OpenAPI document: valid, operationIds = handler names, errors typed as Problem."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from engine.ops.registry import OPS

OPERATIONS = {
    ("post", "/v1/evaluate"): ("evaluate", "evaluate"),
    ("post", "/v1/sessions"): ("create_session", "sessions"),
    ("get", "/v1/sessions/{session_id}"): ("get_session", "sessions"),
    ("delete", "/v1/sessions/{session_id}"): ("delete_session", "sessions"),
    ("put", "/v1/sessions/{session_id}/tensors/{name}"): ("put_tensor", "sessions"),
    ("get", "/v1/sessions/{session_id}/tensors/{name}"): ("get_tensor", "sessions"),
    ("delete", "/v1/sessions/{session_id}/tensors/{name}"): ("delete_tensor", "sessions"),
    ("post", "/v1/sessions/{session_id}/run"): ("run_program", "sessions"),
    ("post", "/v1/sessions/{session_id}/backward"): ("backward", "sessions"),
    ("post", "/v1/sessions/{session_id}/grad"): ("grad", "sessions"),
    ("post", "/v1/sessions/{session_id}/zero_grad"): ("zero_grad", "sessions"),
    ("get", "/v1/ops"): ("list_ops", "ops"),
    ("get", "/healthz"): ("healthz", "health"),
    ("get", "/readyz"): ("readyz", "health"),
}


def spec(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def test_the_document_is_valid_openapi(client: TestClient) -> None:
    validate(spec(client))


def test_operation_ids_tags_and_paths(client: TestClient) -> None:
    doc = spec(client)
    found = {
        (method, path): (op["operationId"], op["tags"][0])
        for path, ops in doc["paths"].items()
        for method, op in ops.items()
    }
    assert found == OPERATIONS
    assert len({op_id for op_id, _ in found.values()}) == len(found)


def test_errors_are_problem_json_only(client: TestClient) -> None:
    doc = spec(client)
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert {"type", "title", "status", "detail"} <= set(schemas["Problem"]["properties"])
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            statuses = set(op["responses"])
            if path.startswith("/v1"):
                assert {"401", "500"} <= statuses, (method, path)
            for status, response in op["responses"].items():
                if status[0] in "45":
                    assert response["content"] == {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    }, (method, path, status)
    assert "Retry-After" in doc["paths"]["/v1/sessions"]["post"]["responses"]["429"]["headers"]
    assert "409" in doc["paths"]["/v1/sessions/{session_id}/backward"]["post"]["responses"]


def test_models_forbid_extra_fields_and_are_not_split(client: TestClient) -> None:
    schemas = spec(client)["components"]["schemas"]
    for name, schema in schemas.items():
        assert not name.endswith(("-Input", "-Output")), name
        if schema.get("type") == "object" and "properties" in schema:
            assert schema.get("additionalProperties") is False, name


def test_tensor_schemas(client: TestClient) -> None:
    schemas = spec(client)["components"]["schemas"]
    data = schemas["TensorIn"]["properties"]["data"]["anyOf"]
    kinds = [d.get("type") for d in data]
    assert kinds == ["number", "integer", "boolean", "string", "array", "null"]
    assert data[3]["enum"] == ["NaN", "Infinity", "-Infinity"]
    assert data[4]["items"] == {}  # nested lists stay plain lists: no recursive schema
    grad = schemas["TensorOut"]["properties"]["grad"]["anyOf"]
    assert {"$ref": "#/components/schemas/TensorOut"} in grad


def test_one_node_model_per_op_discriminated_by_op(client: TestClient) -> None:
    schemas = spec(client)["components"]["schemas"]
    nodes = schemas["ProgramFields"]["properties"]["nodes"] if "ProgramFields" in schemas else None
    nodes = nodes or schemas["RunRequest"]["properties"]["nodes"]
    union = nodes["anyOf"][0]["items"]
    assert union["discriminator"]["propertyName"] == "op"
    mapping = union["discriminator"]["mapping"]
    assert set(mapping) == set(OPS)
    for op, ref in mapping.items():
        model = schemas[ref.rsplit("/", 1)[1]]
        assert model["properties"]["op"]["const"] == op
        assert {"id", "op", "inputs"} <= set(model["required"])
    total = schemas[mapping["sum"].rsplit("/", 1)[1]]
    assert set(total["properties"]) == {"id", "op", "inputs", "dim", "keepdim", "dtype"}
    assert total["properties"]["keepdim"]["default"] is False


def test_optional_bodies_are_plain_refs(client: TestClient) -> None:
    """`Model | None` bodies as `anyOf: [Model, null]` make generated clients send their UNSET
    marker; optional bodies (create_session, zero_grad) must be a plain `$ref`."""
    paths = spec(client)["paths"]
    for path, method in (("/v1/sessions", "post"), ("/v1/sessions/{session_id}/zero_grad", "post")):
        body = paths[path][method]["requestBody"]
        assert not body.get("required")
        assert set(body["content"]["application/json"]["schema"]) == {"$ref"}
    response = client.post("/v1/sessions")
    assert response.status_code == 201
