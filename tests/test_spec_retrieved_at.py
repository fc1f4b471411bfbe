"""openapi.yaml and the importer agree on `source.retrieved_at`: required, a date-time, never
null. Tested both ways: what the spec refuses the importer refuses, what it allows is stored
and read back in the spec's shape."""

from __future__ import annotations

import pytest
import yaml
from jsonschema import Draft202012Validator

from service.api.docs import SPEC_PATH

SOURCE = {"name": "ISPR", "url": "https://example.org/ispr"}
FACT = {"subject": "Mir Ali attack", "metric": "killed", "value": 7, "as_of": "2024-03-16"}


def validator(name: str) -> Draft202012Validator:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return Draft202012Validator(schema)


@pytest.mark.parametrize(
    "source",
    [
        {**SOURCE, "retrieved_at": None},
        SOURCE,  # absent
        {**SOURCE, "retrieved_at": 20240316},
    ],
)
def test_what_the_spec_refuses_the_importer_refuses(client, source):
    fact = {**FACT, "source": source}
    assert not validator("ReferenceInput").is_valid(fact)
    response = client.post("/v1/references", json=[fact])
    assert response.status_code == 422
    fields = {e["field"] for e in response.get_json()["errors"]}
    assert any(f.endswith("source.retrieved_at") for f in fields), fields


def test_what_the_spec_allows_is_imported_and_read_back_in_its_shape(client):
    fact = {**FACT, "source": {**SOURCE, "retrieved_at": "2024-07-01T00:00:00Z"}}
    validator("ReferenceInput").validate(fact)
    response = client.post("/v1/references", json=[fact])
    assert response.status_code == 200, response.get_data(as_text=True)
    [stored] = client.get("/v1/references").get_json()["items"]
    validator("Reference").validate(stored)
    assert stored["source"]["retrieved_at"] == "2024-07-01T00:00:00Z"
