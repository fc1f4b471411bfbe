"""The ceiling for `bench/load.py`: a bare Flask app whose one route echoes the request body.

    .venv/bin/python -m gunicorn -w 2 -b 127.0.0.1:PORT bench.echo_app:app

No auth, no Redis, no metrics, no access log: what gunicorn's sync workers and Flask alone cost
per request for a body of the same size, so the service's figures can be read as a share of it.
`bench/load.py` also runs it with gevent workers and the access log on (`-k gevent
--access-logfile -`), as the service is served.
"""

from __future__ import annotations

from flask import Flask, request

app = Flask(__name__)


@app.post("/echo")
def echo():
    """The body back, with the request's content type."""
    return request.get_data(), 200, {"Content-Type": request.content_type or "text/plain"}
