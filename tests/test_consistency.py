"""Internal consistency findings: our annotated cases, table-driven, and the API around them
(`findings` in POST /v1/checks, left out of ClaimReview, counted in /metrics) on a real Redis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.consistency_accuracy import findings_of, load, matches, rates, score
from tests.test_spec import conforms
from tests.test_telemetry import metric_value

CASES = load()


def test_the_cases_are_enough_and_well_anchored():
    consistent = [c for c in CASES if not c["expected"]]
    inconsistent = [c for c in CASES if c["expected"]]
    assert len(consistent) >= 20 and len(inconsistent) >= 20
    assert {e["type"] for c in inconsistent for e in c["expected"]} == {
        "restated", "parts_total", "change",
    }  # fmt: skip
    for case in inconsistent:
        for expected in case["expected"]:
            assert all(anchor in case["text"] for anchor in expected["anchors"]), case["id"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    found = findings_of(case["text"], case["published_at"])
    assert len(found) == len(case["expected"]), [f.as_dict() for f in found]
    for expected in case["expected"]:
        assert any(matches(f, expected) for f in found), (expected, [f.as_dict() for f in found])
    for finding in found:
        for span in finding.claims:
            assert case["text"][span.start : span.end] == span.text
        assert finding.severity in ("error", "warning")
        assert finding.explanation.endswith(".")


def test_precision_and_recall_per_type_stay_high():
    for kind, count in score(CASES).items():
        precision, recall = rates(count)
        assert precision >= 0.9 and recall >= 0.9, (kind, count)


def test_the_arithmetic_is_shown_and_severity_follows_the_reading():
    (change,) = findings_of("Unemployment rose from 20% to 25%, an increase of 20%.")
    assert change.arithmetic == "20 -> 25 is +5 points, +25%"
    assert change.severity == "error" and "5 points or 25%" in change.explanation
    (points,) = findings_of("Unemployment rose from 20% to 25%, an increase of 5%.")
    assert points.severity == "warning"  # per cent said for points: only a loose reading
    (doubled,) = findings_of("Exports doubled from 3,000 to 5,000 tonnes.")
    assert "x1.67" in doubled.arithmetic
    (total,) = findings_of("Police arrested 14 men and six women, 25 people in all.")
    assert total.arithmetic == "14 + six = 20, not 25"
    every = "It aims to reach 2.4 million children, with 9,400 health workers in all 38 districts."
    assert findings_of(every) == []  # every one of 38 districts, not a total of 38


def test_rounding_and_qualifiers_are_respected():
    assert (
        findings_of("Nearly 600 people were evacuated. The 587 people evacuated slept in a school.")
        == []
    )
    assert (
        findings_of("About 3,500 homes were flooded. The 3,400 homes flooded were insured.") == []
    )
    (more,) = findings_of(
        "Nearly 600 people were evacuated. The 640 people evacuated slept in a school."
    )
    assert more.type == "restated" and more.severity == "error"


TEXT = (
    "At least 12 people were killed in the market bombing in Quetta. Police said the 11 dead "
    "included traders. Unemployment rose from 20% to 25%, an increase of 20%."
)


def test_checks_return_findings_that_conform_and_are_counted(client, redis_client):
    before = client.get("/metrics").get_data(as_text=True)
    article = {"text": TEXT, "published_at": "2024-03-20", "url": "https://news.example/c"}
    result = client.post("/v1/checks", json=article).get_json()
    conforms(result, "CheckResult")
    assert [f["type"] for f in result["findings"]] == ["restated", "change"]
    restated = result["findings"][0]
    assert [TEXT[s["start"] : s["end"]] for s in restated["claims"]] == ["At least 12", "11"]
    assert restated["arithmetic"] == ">= 12 vs 11"
    after = client.get("/metrics").get_data(as_text=True)
    for kind in ("restated", "change"):
        grew = metric_value(after, "factcheck_findings_total", type=kind) - metric_value(
            before, "factcheck_findings_total", type=kind
        )
        assert grew == 1, kind
    reviews = client.post("/v1/checks", json=article, headers={"Accept": "application/ld+json"})
    assert reviews.status_code == 200
    body = reviews.get_data(as_text=True)
    assert "findings" not in body and "restated" not in body
    assert len(reviews.get_json(force=True)) == len(result["claims"])


def test_a_consistent_article_has_an_empty_findings_list(client, redis_client):
    text = "Seven soldiers were killed in the Mir Ali attack on March 16, 2024."
    result = client.post("/v1/checks", json={"text": text, "published_at": "2024-07-01"})
    assert result.get_json()["findings"] == []


DATA = Path(__file__).parent / "data"


def annotated_articles(shared: Path) -> list[tuple[Path, str | None]]:
    """Our annotated articles, the BBC stats set's texts in ../shared, and the seed."""
    found = []
    for text in sorted([*DATA.glob("*.txt"), *DATA.glob("verdicts*/*.txt")]):
        meta = text.with_suffix(".json")
        published = json.loads(meta.read_text()).get("published_at") if meta.is_file() else None
        found.append((text, published if isinstance(published, str) else None))
    for note in sorted((DATA / "verdicts_stats").glob("*.json")):
        record = json.loads(note.read_text())
        found.append(((note.parent / record["article"]).resolve(), record.get("published_at")))
    return [*found, (shared / "seed" / "article.txt", None)]


def test_no_findings_on_the_annotated_articles_and_the_seed(shared_dir):
    articles = [(p, d) for p, d in annotated_articles(shared_dir) if p.is_file()]
    assert len(articles) >= 40
    found = {
        str(path): [f.as_dict() for f in findings_of(path.read_text(encoding="utf-8"), day)]
        for path, day in articles
    }
    assert {p: f for p, f in found.items() if f} == {}


def test_many_figures_of_one_frame_are_not_read_as_one_thing_said_again():
    sentence = "Police said {} people were killed in the attack on the market. "
    text = "".join(sentence.format(n) for n in range(10, 40))  # 30 tolls: not one toll
    assert findings_of(text, "2024-03-20") == []
    few = sentence.format(12) + "Police said the 15 dead were traders."
    assert [f.type for f in findings_of(few, "2024-03-20")] == ["restated"]
