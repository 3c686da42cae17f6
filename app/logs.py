"""The request id of the request being served, and structured (JSON-line) logging."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from typing import Any

import orjson

request_id: ContextVar[str | None] = ContextVar("gradserve_request_id", default=None)

logger = logging.getLogger("gradserve")
access_logger = logging.getLogger("gradserve.access")


class JSONLineFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, the request id and any extras."""

    _standard = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message"}

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in self._standard:
                entry[key] = value
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


def configure_logging() -> None:
    """Give the service's loggers a JSON-line handler on stderr (once per process)."""
    if logger.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JSONLineFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
