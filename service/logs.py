"""Logs as JSON lines on stdout, each with the request id of the request it belongs to.

The id lives in a context variable, so the domain library's log lines carry it too without
knowing about Flask. Formatting is python-json-logger's.
"""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


class RequestIdFilter(logging.Filter):
    """Add the current request id (or null) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


def configure(level: str) -> None:
    """JSON logs on stdout at `level` (once per process; later calls only set the level)."""
    root = logging.getLogger()
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonFormatter(FIELDS, rename_fields={"levelname": "level"}))
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
    root.setLevel(level)
