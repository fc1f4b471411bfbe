"""Spec fuzzing: schemathesis generates requests from openapi.yaml, valid and invalid, and runs
its default checks (no 5xx, responses conform to the schema, status codes and content types
documented, invalid input rejected, valid input accepted) against the real app on a real Redis,
with the bundled references loaded and an admin key."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from service import create_app
from service.api.docs import SPEC_PATH
from service.keys import KeyStore
from service.references.importer import load_bundled

MAX_EXAMPLES = 20  # per operation and mode: bounded, so `make test` stays quick
SCHEMA = schemathesis.openapi.from_path(SPEC_PATH)
# A package import fetches the URL it is given: fuzzed public addresses would reach the internet
# (or wait out PACKAGE_TIMEOUT). tests/test_packages.py checks its contract on a local server.
FETCHES = {"POST /v1/references/packages"}
OPERATIONS = [r.ok() for r in SCHEMA.get_all_operations() if r.ok().label not in FETCHES]
# Rules JSON Schema cannot state: reference facts' rules across fields (a `date` metric takes a
# date value, lower <= value <= upper, ids that derive from the fact), and a job's or a watch's
# callback URL having to resolve to a public address. Valid-looking requests may rightly be
# refused with 422 there; every other check still runs on them.
RUNTIME_RULES = {
    "POST /v1/references",
    "PUT /v1/references/{id}",
    "POST /v1/jobs",
    "POST /v1/checks",
}
# An article field given both as a query parameter and in the JSON body is 422 ("not both", in
# words in the spec; JSON Schema cannot relate the query to the body).


def twice(case) -> bool:
    body, query = case.body, case.query or {}
    return (
        case.media_type == "application/json"
        and isinstance(body, dict)
        and bool(query.keys() & body.keys())
    )


# A raw text/plain or text/html article is any text: "invalid" bodies generated for them (a
# number written out as text) are valid articles, and are rightly accepted.
RAW_TEXT = {"text/plain", "text/html"}


@pytest.fixture
def api(redis_url, redis_client, tmp_path):
    load_bundled(redis_client, only_if_empty=False)
    key = KeyStore(redis_client).create("fuzz", ["check", "admin"])[0]
    app = create_app(
        {"TESTING": True, "REDIS_URL": redis_url, "DATA_DIR": tmp_path, "RATE_LIMIT": "off"}
    )
    SCHEMA.app = app  # in-process WSGI calls
    return app, {"X-API-Key": key}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.label for op in OPERATIONS])
def test_api_keeps_its_contract(api, operation, mode):
    app, headers = api
    excluded = [positive_data_acceptance] if operation.label in RUNTIME_RULES else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case):
        raw = [negative_data_rejection] if case.media_type in RAW_TEXT else []
        both = [positive_data_acceptance] if twice(case) else []
        case.call_and_validate(app=app, headers=headers, excluded_checks=excluded + raw + both)

    try:
        run()
    except Unsatisfiable:
        pytest.skip(f"{operation.label} takes no input that could be made invalid")
