"""Request ids, JSON logs and Prometheus metrics."""

from __future__ import annotations

import json
import logging

from prometheus_client.parser import text_string_to_metric_families

from service.logs import FIELDS, RequestIdFilter


def test_request_id_is_propagated_or_made(client):
    given = client.get("/healthz", headers={"X-Request-ID": "cms-42.a"})
    assert given.headers["X-Request-ID"] == "cms-42.a"
    made = client.get("/healthz").headers["X-Request-ID"]
    assert len(made) == 32 and made != client.get("/healthz").headers["X-Request-ID"]
    for hostile in ("y" * 200, "<script>", "a b"):
        echoed = client.get("/healthz", headers={"X-Request-ID": hostile}).headers["X-Request-ID"]
        assert echoed != hostile and len(echoed) == 32
    problem = client.post("/v1/extract", json={}, headers={"X-Request-ID": "r1"})
    assert problem.status_code == 422 and problem.headers["X-Request-ID"] == "r1"


def test_log_lines_are_json_with_the_request_id(app, client, capsys):
    from pythonjsonlogger.json import JsonFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter(FIELDS, rename_fields={"levelname": "level"}))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("service.test")
    logger.addHandler(handler)

    @app.get("/log-something")
    def log_something():
        logger.warning("checked %d claims", 3)
        return {}

    try:
        client.get("/log-something", headers={"X-Request-ID": "req-7"})
    finally:
        logger.removeHandler(handler)
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["message"] == "checked 3 claims"
    assert line["request_id"] == "req-7" and line["level"] == "WARNING"


def metric_value(text: str, name: str, **labels) -> float:
    total = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total


def test_metrics_are_parseable_and_count_requests_claims_and_verdicts(client, redis_client):
    from service.references.importer import load_bundled

    load_bundled(redis_client, only_if_empty=False)
    before = client.get("/metrics").get_data(as_text=True)
    article = {"text": "In 2014, Pakistan launched Zarb-e-Azb. Five people died.", "title": "m"}
    client.post("/v1/extract", json=article)
    client.post("/v1/checks", json=article)
    client.post("/v1/checks", json=article)  # a cache hit
    response = client.get("/metrics")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    after = response.get_data(as_text=True)

    def grew(name, **labels):
        return metric_value(after, name, **labels) - metric_value(before, name, **labels)

    assert grew("factcheck_http_requests_total", endpoint="/v1/checks", status="200") == 2
    assert grew("factcheck_http_request_duration_seconds_count", endpoint="/v1/extract") == 1
    assert grew("factcheck_claims_extracted_total", kind="date") == 2
    assert grew("factcheck_verdicts_total", verdict="supported") == 1
    # the repeat is served from a cache: the first-level one in memory, or Redis's
    assert (
        grew("factcheck_check_cache_total", result="hit")
        + grew("factcheck_check_cache_total", result="memory")
        == 1
    )
    assert grew("factcheck_check_cache_total", result="miss") == 1
    assert metric_value(after, "factcheck_job_queue_depth", queue="jobs") == 0
    client.post("/v1/jobs", json={"articles": [article]})  # no worker runs: it waits
    waiting = client.get("/metrics").get_data(as_text=True)
    assert metric_value(waiting, "factcheck_job_queue_depth", queue="jobs") == 1


def test_metrics_are_served_while_redis_is_down(redis_server, tmp_path):
    from service import create_app
    from tests.redis_server import free_port

    down = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    app = create_app(
        {"TESTING": True, "REDIS_URL": down, "AUTH_DISABLED": True, "RATE_LIMIT": "off",
         "LOAD_BUNDLED_REFERENCES": False, "REDIS_TIMEOUT": 0.5}
    )  # fmt: skip
    client = app.test_client()
    assert client.get("/readyz").status_code == 503
    response = client.get("/metrics")
    assert response.status_code == 200
    samples = {
        s.name: s.value
        for f in text_string_to_metric_families(response.get_data(as_text=True))
        for s in f.samples
    }
    assert samples["factcheck_redis_up"] == 0
    assert "factcheck_job_queue_depth" not in samples
    assert any(name.startswith("factcheck_http_requests") for name in samples)


def test_metrics_say_redis_is_up(client):
    text = client.get("/metrics").get_data(as_text=True)
    samples = {s.name: s.value for f in text_string_to_metric_families(text) for s in f.samples}
    assert samples["factcheck_redis_up"] == 1 and samples["factcheck_job_queue_depth"] == 0
