"""Application factory; `uvicorn app.main:app` serves the module-level `app`."""

from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI(title="gradserve", version="0.1.0")

    @app.get("/healthz", operation_id="healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app


app = create_app()
