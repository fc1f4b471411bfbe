"""Request bodies read with a limit that holds with or without a Content-Length.

Werkzeug refuses a Content-Length over MAX_CONTENT_LENGTH at once, but a body without one
(`Transfer-Encoding: chunked`, which gunicorn de-chunks and marks `wsgi.input_terminated`) it
reads up to the limit and then stops, as if the body ended there: the rest was silently cut.
`Request.stream` here counts every byte and raises 413 the moment the body passes the limit,
so every route, whatever the content type, gets the whole body or a 413 problem. A client that
goes silent mid-body (REQUEST_READ_TIMEOUT, a socket timeout set by the gunicorn worker) gets
408, one that hangs up early 400: never a cut body taken for the whole.
"""

from __future__ import annotations

import io

from flask import Request as FlaskRequest
from werkzeug.exceptions import (
    BadRequest,
    ClientDisconnected,
    RequestEntityTooLarge,
    RequestTimeout,
)
from werkzeug.utils import cached_property


class CappedStream(io.RawIOBase):
    """A server-terminated WSGI input: more than `limit` bytes is a 413, fewer than
    `expected` (the Content-Length) or a body the server cannot de-chunk a 400, a read timeout
    a 408."""

    def __init__(self, stream, limit: int, expected: int | None = None):
        self._stream, self._limit, self._expected, self._read = stream, limit, expected, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self._stream.read(min(len(buffer), self._limit + 1 - self._read))
        except TimeoutError:
            raise RequestTimeout("The client stopped sending the body.") from None
        except Exception as exc:  # the server's own: bad chunked framing, a hang-up mid-chunk
            raise BadRequest(f"The body could not be read: {exc or type(exc).__name__}.") from None
        self._read += len(data)
        if self._read > self._limit:
            raise RequestEntityTooLarge()
        if not data and self._expected is not None and self._read < self._expected:
            raise ClientDisconnected()
        buffer[: len(data)] = data
        return len(data)


class Request(FlaskRequest):
    """Flask's request, whose body stream is capped at MAX_CONTENT_LENGTH."""

    @cached_property
    def stream(self):
        """The body: capped where the server terminates it (gunicorn), else Werkzeug's."""
        limit = self.max_content_length
        if limit is None or not self.environ.get("wsgi.input_terminated"):
            return super().stream
        if (self.content_length or 0) > limit:
            raise RequestEntityTooLarge()
        raw = CappedStream(self.environ["wsgi.input"], limit, self.content_length)
        return io.BufferedReader(raw)
