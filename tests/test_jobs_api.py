"""POST/GET /v1/jobs without a worker: validation, SSRF refusals, ownership; the SSRF rules."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import threading

import pytest
import requests
from werkzeug import Request, Response
from werkzeug.serving import make_server

from service import create_app
from service.jobs import ssrf
from service.jobs.callbacks import post
from service.keys import KeyStore

ARTICLE = {"text": "At least 12 people were killed on March 3, 2024.", "published_at": "2024-03-04"}
PUBLIC = "http://93.184.216.34/hook"  # an IP literal: no DNS needed, and a public address


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    return response.get_json()


def fields_of(body: dict) -> dict[str, str]:
    return {e["field"]: e["message"] for e in body["errors"]}


def test_submit_answers_202_with_location_and_a_queued_job(client):
    response = client.post("/v1/jobs", json={"articles": [ARTICLE, ARTICLE]})
    assert response.status_code == 202, response.get_data(as_text=True)
    job = response.get_json()
    assert response.headers["Location"] == f"/v1/jobs/{job['id']}"
    assert job["status"] == "queued"
    assert job["progress"] == {"done": 0, "failed": 0, "total": 2}
    assert "results" not in job
    assert job["error"] is None and job["callback_url"] is None and job["callback"] is None
    assert job["finished_at"] is None and job["created_at"]
    assert client.get(response.headers["Location"]).get_json() == job


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({}, "articles", "Missing data"),
        ({"articles": []}, "articles", "between 1 and 100"),
        ({"articles": [ARTICLE] * 101}, "articles", "between 1 and 100"),
        ({"articles": "text"}, "articles", "Not a valid list"),
        ({"articles": [ARTICLE], "priority": 1}, "priority", "Unknown field"),
        ({"articles": [ARTICLE], "callback_url": "ftp://example.org/x"}, "callback_url", "URL"),
        ({"articles": [ARTICLE], "callback_url": "not a url"}, "callback_url", "URL"),
    ],
)
def test_invalid_batches_are_422_with_field_paths(client, body, field, words):
    errors = fields_of(problem(client.post("/v1/jobs", json=body), 422))
    assert words in errors[field]


def test_bad_articles_are_named_by_index(client):
    articles = [ARTICLE, ARTICLE, {"text": "x", "html": "<p>x</p>"}, {"text": "  "}, {"tilte": "x"}]
    articles.append({"text": "ok", "published_at": "yesterday-ish"})
    errors = fields_of(problem(client.post("/v1/jobs", json={"articles": articles}), 422))
    assert set(errors) >= {"articles.2.html", "articles.3.text", "articles.4.tilte"}
    assert "articles.5.published_at" in errors
    assert not any(f.startswith(("articles.0", "articles.1")) for f in errors)


def test_non_json_bodies_are_refused(client):
    assert client.post("/v1/jobs", data="x", content_type="text/plain").status_code == 415
    assert client.post("/v1/jobs", data="{", content_type="application/json").status_code == 400
    problem(client.post("/v1/jobs", json=[ARTICLE]), 422)


def test_unknown_job_is_404(client):
    problem(client.get("/v1/jobs/nope"), 404)
    problem(client.get("/v1/jobs/" + "x" * 300), 404)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://172.16.5.4/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[fe80::1]/hook",
        "http://224.0.0.1/hook",
        "http://0.0.0.0/hook",
        "http://240.0.0.1/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[2002:7f00:1::]/hook",  # 6to4 around 127.0.0.1
        "http://no-such-host.invalid/hook",
        "http://user:pass@93.184.216.34/hook",
    ],
)
def test_internal_callback_urls_are_refused_at_submit(client, url):
    body = {"articles": [ARTICLE], "callback_url": url}
    errors = fields_of(problem(client.post("/v1/jobs", json=body), 422))
    assert "callback_url" in errors


def test_public_and_allow_listed_callback_urls_are_taken(redis_url, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "REDIS_URL": redis_url,
            "DATA_DIR": tmp_path,
            "LOAD_BUNDLED_REFERENCES": False,
            "AUTH_DISABLED": True,
            "CALLBACK_ALLOWED_HOSTS": "127.0.0.1, localhost, 10.0.0.0/8",
        }
    )
    client = app.test_client()
    for url in (PUBLIC, "http://127.0.0.1:9/hook", "https://localhost/x", "http://10.9.8.7/"):
        response = client.post("/v1/jobs", json={"articles": [ARTICLE], "callback_url": url})
        assert response.status_code == 202, (url, response.get_data(as_text=True))
        assert response.get_json()["callback"]["status"] == "pending"
    response = client.post(
        "/v1/jobs", json={"articles": [ARTICLE], "callback_url": "http://[::1]/"}
    )
    assert response.status_code == 422  # ::1 is not on the list


def test_a_job_is_visible_only_to_the_key_that_created_it(redis_url, redis_client, tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "REDIS_URL": redis_url,
            "DATA_DIR": tmp_path,
            "LOAD_BUNDLED_REFERENCES": False,
            "AUTH_DISABLED": False,
        }
    )
    client = app.test_client()
    alpha, _ = KeyStore(redis_client).create("alpha", ["check"])
    beta, _ = KeyStore(redis_client).create("beta", ["check"])
    assert client.post("/v1/jobs", json={"articles": [ARTICLE]}).status_code == 401
    response = client.post("/v1/jobs", json={"articles": [ARTICLE]}, headers={"X-API-Key": alpha})
    assert response.status_code == 202
    location = response.headers["Location"]
    assert client.get(location, headers={"X-API-Key": alpha}).status_code == 200
    problem(client.get(location, headers={"X-API-Key": beta}), 404)
    problem(client.get(location), 401)


# The rules themselves, with a stand-in resolver where DNS answers matter.


def resolver(*addresses: str):
    return lambda _host, _port: [ipaddress.ip_address(a) for a in addresses]


def test_vet_returns_the_address_to_connect_to():
    target = ssrf.vet("https://hooks.example.org:8443/x?y=1", ssrf.AllowList(), resolver("8.8.8.8"))
    assert (target.scheme, target.host, target.port) == ("https", "hooks.example.org", 8443)
    assert target.pinned_netloc == "8.8.8.8:8443" and target.netloc == "hooks.example.org:8443"


def test_vet_refuses_a_host_with_any_internal_address():
    with pytest.raises(ssrf.Refused, match="loopback"):
        ssrf.vet("http://rebind.example/", ssrf.AllowList(), resolver("8.8.8.8", "127.0.0.1"))
    with pytest.raises(ssrf.Refused, match="private"):
        ssrf.vet("http://rebind.example/", ssrf.AllowList(), resolver("10.0.0.5"))


def test_allow_list_names_hosts_addresses_and_networks():
    allowed = ssrf.AllowList.parse("hooks.internal, 127.0.0.1 ,fd00::/8,")
    assert allowed.hosts == {"hooks.internal"}
    ssrf.vet("http://hooks.internal/", allowed, resolver("10.0.0.5"))
    ssrf.vet("http://x.example/", allowed, resolver("127.0.0.1"))
    ssrf.vet("http://x.example/", allowed, resolver("fd12::1"))
    with pytest.raises(ssrf.Refused):
        ssrf.vet("http://x.example/", allowed, resolver("127.0.0.2"))


@pytest.mark.parametrize("url", ["ftp://x.example/", "file:///etc/passwd", "http:///path"])
def test_vet_refuses_other_schemes_and_hostless_urls(url):
    with pytest.raises(ssrf.Refused):
        ssrf.vet(url, ssrf.AllowList(), resolver("8.8.8.8"))


def test_https_delivery_connects_to_the_vetted_address_and_checks_the_name(tmp_path, monkeypatch):
    """The callback connects to the address `vet` checked, yet verifies TLS for the URL's host."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is not on PATH")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"]
        + ["-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    seen = []
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server = make_server(
        "127.0.0.1",
        0,
        Request.application(lambda r: seen.append(r.host) or Response("ok")),
        ssl_context=tls,
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = {"CALLBACK_ALLOWED_HOSTS": "localhost,127.0.0.1", "CALLBACK_TIMEOUT": 5}
    try:
        url = f"https://localhost:{server.server_port}/hook"
        assert post(url, b"{}", {}, config).status_code == 200
        assert seen == [f"localhost:{server.server_port}"]
        with pytest.raises(requests.exceptions.SSLError):  # the certificate names localhost only
            post(f"https://127.0.0.1:{server.server_port}/hook", b"{}", {}, config)
    finally:
        server.shutdown()
