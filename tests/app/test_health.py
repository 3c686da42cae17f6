from fastapi.testclient import TestClient

from app.main import create_app


def test_healthz_answers_ok() -> None:
    client = TestClient(create_app())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_head_probes_answer_like_get_without_a_body() -> None:
    client = TestClient(create_app())
    get, head = client.get("/healthz"), client.head("/healthz")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-type"] == "application/json"
    assert client.head("/readyz").status_code == 503  # no lifespan ran: not ready
    with TestClient(create_app()) as started:
        assert started.head("/readyz").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/healthz"]) == {"get"} and set(paths["/readyz"]) == {"get"}
