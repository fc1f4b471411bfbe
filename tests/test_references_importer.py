"""Importing fact files: formats, row-numbered errors, all-or-nothing, bundled data."""

from __future__ import annotations

import json

import pytest

from service.errors import UnsupportedMediaType, ValidationFailed
from service.references.importer import BUNDLED, load_bundled, load_file, parse
from service.references.store import ReferenceStore
from tests.test_references_store import dump, fact

CSV_HEADER = (
    "subject,aliases,metric,value,unit,as_of,keywords,source_name,source_url,source_retrieved_at"
)
CSV = (
    CSV_HEADER + "\n"
    "2024 Mir Ali attack,Mir Ali attack;Mir Ali suicide attack,killed,7,soldiers,2024-07-01,"
    "Pakistani soldiers; North Waziristan,Wikipedia,https://en.wikipedia.org/wiki/2024_Mir_Ali_attack,"
    "2024-07-01T00:00:00Z\n"
    "2024 Mir Ali attack,,date,2024-03-16,,,,Wikipedia,"
    "https://en.wikipedia.org/wiki/2024_Mir_Ali_attack,2024-07-01\n"
)


def test_parse_json_array_and_jsonl_agree():
    rows = [fact(), fact(metric="start_date", value="2014-06-15", as_of=None, qualifier=None)]
    from_json = parse(json.dumps(rows), "json")
    from_jsonl = parse("\n".join(json.dumps(r) for r in rows) + "\n\n", "jsonl")
    assert from_json == from_jsonl and len(from_json) == 2
    assert from_json[1]["value"] == "2014-06-15" and from_json[1]["lower"] is None


def test_parse_csv_splits_lists_and_types_values():
    killed, date = parse(CSV, "csv")
    assert killed["value"] == 7 and killed["aliases"] == [
        "Mir Ali attack",
        "Mir Ali suicide attack",
    ]
    assert killed["keywords"] == ["Pakistani soldiers", "North Waziristan"]
    assert date["value"] == "2024-03-16" and date["aliases"] == [] and date["as_of"] is None
    assert date["source"]["retrieved_at"] == "2024-07-01T00:00:00Z"


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"value": "2014"}, "value"),  # a date for a numeric metric
        ({"metric": "date", "value": 2014}, "value"),  # a number for a date metric
        ({"metric": "date", "value": "2014-02-30"}, "value"),  # no such day
        ({"value": True}, "value"),
        ({"colour": "red"}, "colour"),  # unknown field
        ({"lower": 4000}, "value"),  # value below lower
        ({"qualifier": "kind of"}, "qualifier"),
        ({"source": {**fact()["source"], "url": "ftp://x"}}, "source.url"),
        ({"subject": "   "}, "subject"),
        ({"metric": "Killed"}, "metric"),
        # before the first year once in UTC (found by the API fuzz test as a 500)
        (
            {"source": {**fact()["source"], "retrieved_at": "0001-01-01T00:00:00+05:00"}},
            "source.retrieved_at",
        ),
    ],
)
def test_bad_rows_are_named_by_row_and_field(row, field):
    with pytest.raises(ValidationFailed) as caught:
        parse(json.dumps([fact(), fact(**row)]), "json")
    assert [(e["row"], e["field"]) for e in caught.value.errors] == [(2, field)]


def test_every_bad_row_is_reported():
    lines = [json.dumps(fact(value=n)) if n % 2 else "{not json" for n in range(1, 5)]
    with pytest.raises(ValidationFailed) as caught:
        parse("\n".join(lines), "jsonl")
    assert [e["row"] for e in caught.value.errors] == [2, 4]


def test_csv_structure_errors():
    with pytest.raises(ValidationFailed) as header:
        parse("subject,colour\nx,red\n", "csv")
    assert header.value.errors[0]["field"] == "header"
    with pytest.raises(ValidationFailed) as surplus:
        parse(CSV + "a,b,c,d,e,f,g,h,i,j,k,l\n", "csv")
    assert surplus.value.errors == [
        {"row": 3, "field": None, "message": "More cells than columns."}
    ]


@pytest.mark.parametrize(("data", "fmt"), [("{}", "json"), ("[]", "json"), ("", "jsonl")])
def test_files_without_facts_are_rejected(data, fmt):
    with pytest.raises(ValidationFailed):
        parse(data, fmt)


def test_export_rows_with_their_id_reimport(redis_client):
    store = ReferenceStore(redis_client)
    store.import_facts([fact()])
    exported = store.list()["items"]
    assert parse(json.dumps(exported), "json") == exported
    with pytest.raises(ValidationFailed) as caught:
        parse(json.dumps([{**exported[0], "id": "0" * 16}]), "json")
    assert caught.value.errors[0]["field"] == "id"


def test_load_file_by_extension(tmp_path, redis_client):
    (tmp_path / "facts.csv").write_text("\ufeff" + CSV, encoding="utf-8")
    (tmp_path / "facts.ndjson").write_text(json.dumps(fact()) + "\n", encoding="utf-8")
    assert load_file(redis_client, tmp_path / "facts.csv")["created"] == 2
    assert load_file(redis_client, str(tmp_path / "facts.ndjson"))["created"] == 1
    (tmp_path / "facts.xml").write_text("<facts/>")
    with pytest.raises(UnsupportedMediaType):
        load_file(redis_client, tmp_path / "facts.xml")


def test_bad_file_leaves_the_store_exactly_as_it_was(tmp_path, redis_client, redis_url):
    load_bundled(redis_client, packs=False)
    before = dump(redis_url)
    rows = [
        fact(value=1),
        fact(metric="injured", value=2),
        fact(metric="arrested", value=-0.5, lower=0),
    ]
    (tmp_path / "bad.json").write_text(json.dumps(rows))
    with pytest.raises(ValidationFailed) as caught:
        load_file(redis_client, tmp_path / "bad.json")
    assert caught.value.errors[0]["row"] == 3
    assert dump(redis_url) == before


def test_bundled_loads_once_into_an_empty_store(redis_client):
    report = load_bundled(redis_client, packs=False)
    assert report["created"] == len(BUNDLED.read_text().splitlines()) == 14
    assert load_bundled(redis_client, packs=False) is None
    assert load_bundled(redis_client, only_if_empty=False)["unchanged"] == 14


def test_bundled_facts_cover_the_seed_article(redis_client):
    load_bundled(redis_client, packs=False)
    store = ReferenceStore(redis_client)
    items = store.list(limit=500)["items"]
    values = {(f["subject"], f["metric"]): f["value"] for f in items if f["metric"] != "killed"}
    values |= {(f["subject"], f["unit"]): f["value"] for f in items if f["metric"] == "killed"}
    assert values[("2024 Besham suicide bombing", "Chinese nationals")] == 5
    assert values[("2024 Besham suicide bombing", "people")] == 6
    assert values[("Operation Azm-e-Istehkam", "date")] == "2024-06-22"
    assert values[("Operation Zarb-e-Azb", "militants")] == 3500
    assert values[("Fall of Kabul (2021)", "date")] == "2021-08-15"
    assert values[("End of the TTP ceasefire", "date")] == "2022-11-28"
    assert values[("2024 Mir Ali attack", "soldiers")] == 7
    assert values[("March 2024 Pakistani airstrikes in Afghanistan", "people")] == 8
    assert store.candidates(["Azm-i-Istehkam"])[0]["value"] == "2024-06-22"
