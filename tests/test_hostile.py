"""Hostile input over a real socket, against `python -m service serve` (gunicorn, gevent):
chunked bodies past MAX_ARTICLE_BYTES, and the errors gunicorn answers itself."""

from __future__ import annotations

import json
import socket

import pytest
import requests

from tests.live import raw_exchange, served

LIMIT = 1_000_000


@pytest.fixture(scope="module")
def live(redis_server, tmp_path_factory):
    with served(redis_server.url, tmp_path_factory.mktemp("var")) as (base, process):
        yield base
    assert process.returncode == 0, process.output


def chunked(size: int, fill: bytes = b"x", head: bytes = b"", chunk: int = 65536):
    """A body of `size` bytes in chunks, so requests sends it with Transfer-Encoding: chunked."""
    body = head + fill * (size - len(head))
    for start in range(0, len(body), chunk):
        yield body[start : start + chunk]


def assert_problem(response: requests.Response, status: int) -> dict:
    assert response.status_code == status, response.text[:300]
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_a_chunked_body_at_the_limit_is_read_whole(live):
    response = requests.post(
        f"{live}/v1/extract", data=chunked(LIMIT), headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 200
    assert response.json()["document"]["length"] == LIMIT


@pytest.mark.parametrize("size", [LIMIT + 1, 10 * LIMIT])
@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/v1/extract", "text/plain"),
        ("/v1/extract", "application/json"),
        ("/v1/checks", "text/html"),
        ("/v1/jobs", "application/json"),
        ("/v1/references", "application/x-ndjson"),
    ],
)
def test_a_chunked_body_past_the_limit_is_413_never_cut(live, path, content_type, size):
    head = b'{"text": "' if content_type == "application/json" else b""
    response = requests.post(
        f"{live}{path}", data=chunked(size, head=head), headers={"Content-Type": content_type}
    )
    body = assert_problem(response, 413)
    assert body["type"] == "/docs#problem-payload-too-large"


def test_a_chunked_reference_import_past_the_limit_stores_nothing(live, redis_server):
    row = json.dumps(
        {
            "subject": "Mir Ali attack",
            "metric": "killed",
            "value": 7,
            "unit": "people",
            "as_of": "2024-03-16",
            "source": {"name": "Test", "url": "https://example.org/a"},
        }
    ).encode()
    rows = b"\n".join([row] * (LIMIT // len(row) + 10))
    response = requests.post(
        f"{live}/v1/references",
        data=(rows[i : i + 65536] for i in range(0, len(rows), 65536)),
        headers={"Content-Type": "application/x-ndjson"},
    )
    assert_problem(response, 413)
    assert requests.get(f"{live}/v1/references").json()["items"] == []


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n", 431),
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n", 400),
        (
            b"GET /healthz HTTP/1.1\r\n"
            + b"".join(b"X-%d: a\r\n" % i for i in range(200))
            + b"\r\n",
            431,
        ),
        (
            b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
            400,
        ),
    ],
)
def test_errors_gunicorn_answers_itself_are_problem_json(live, request_bytes, status):
    line, headers, body = raw_exchange(live, request_bytes)
    assert line.startswith(f"HTTP/1.1 {status} ")
    assert headers["Content-Type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == status and problem["type"].startswith("/docs#problem-")
    assert problem["title"] and problem["detail"]


def test_two_instances_share_no_control_socket(redis_server, tmp_path):
    home = {"HOME": str(tmp_path / "home"), "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    with (
        served(redis_server.url, tmp_path / "a", **home),
        served(redis_server.url, tmp_path / "b", **home),
    ):
        assert not list(tmp_path.glob("home/.gunicorn/*")) and not list(tmp_path.glob("run/*.ctl"))


@pytest.fixture(scope="module")
def one_worker(redis_server, tmp_path_factory):
    """One gunicorn worker, and a one-second read timeout."""
    env = {"WEB_CONCURRENCY": "1", "REQUEST_READ_TIMEOUT": "1"}
    with served(redis_server.url, tmp_path_factory.mktemp("one"), **env) as (base, process):
        yield base
    assert process.returncode == 0, process.output


def slow_client(base: str, sent: bytes = b"Five") -> socket.socket:
    """A client that sends its headers and the start of a 1,000-byte body, then waits."""
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=10)
    sock.sendall(
        b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 1000\r\n\r\n" + sent
    )
    return sock


def test_slow_clients_do_not_hold_the_only_worker(one_worker):
    clients = [slow_client(one_worker) for _ in range(20)]
    try:  # a sync worker would be held by the first of them: this would time out
        assert requests.get(f"{one_worker}/healthz", timeout=5).status_code == 200
        checked = requests.post(f"{one_worker}/v1/checks", json={"text": "Five died."}, timeout=5)
        assert checked.status_code == 200
    finally:
        for sock in clients:
            sock.close()


def test_a_body_that_stalls_past_the_read_timeout_is_408(one_worker):
    with slow_client(one_worker) as sock:
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 "), answer[:300]
    assert b"Content-Type: application/problem+json" in head
    assert json.loads(body)["type"] == "/docs#problem-request-timeout"
