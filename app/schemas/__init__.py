"""Pydantic models of the HTTP API (every one `extra="forbid"`)."""
