"""`python -m service ...` as a user runs it: a real process, a real Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "On March 3, 2024, at least 12 people were killed and about 40 injured in Port Meridan."


def run(*args, redis_url: str | None = None, stdin: str | None = None):
    env = {**os.environ, "REDIS_URL": redis_url or "", "DATA_DIR": str(ROOT / "var" / "cli-test")}
    return subprocess.run(
        [sys.executable, "-m", "service", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_extract_from_stdin_prints_the_api_json():
    done = run("extract", "-", "--published-at", "2024-03-04", stdin=EXAMPLE)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["document"]["published_at"] == "2024-03-04"
    values = {(c["kind"], c["value"]) for c in result["claims"]}
    assert ("date", "2024-03-03") in values
    assert ("count", 12) in values


def test_extract_rejects_a_bad_date():
    done = run("extract", "-", "--published-at", "03/04/2024", stdin=EXAMPLE)
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


def test_refs_load_then_check(redis_url, tmp_path):
    good = ROOT / "service" / "data" / "references.jsonl"
    done = run("refs", "load", str(good), redis_url=redis_url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["imported"] > 0
    article = tmp_path / "a.txt"
    article.write_text("In 2014, Pakistan launched Operation Zarb-e-Azb in North Waziristan.")
    done = run("check", str(article), "--json", redis_url=redis_url)
    assert done.returncode == 0, done.stderr
    claims = json.loads(done.stdout)["claims"]
    assert [(c["text"], c["verdict"]) for c in claims] == [("2014", "supported")]
    table = run("check", str(article), redis_url=redis_url)
    assert table.returncode == 0, table.stderr
    header, row = table.stdout.splitlines()[:2]
    assert header.split() == ["CLAIM", "VERDICT", "REFERENCE", "SOURCE"]
    assert row.split()[:2] == ["2014", "supported"]
    assert "wikipedia.org" in row
    article.write_text("Exports doubled from 3,000 to 5,000 tonnes.")
    table = run("check", str(article), redis_url=redis_url)
    assert table.stdout.splitlines()[-1] == (
        "error change: 3,000 / 5,000: 3,000 -> 5,000 is +2,000, +66.7% (x1.67)"
    )


def test_refs_load_reports_bad_rows_and_changes_nothing(redis_url, redis_client, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"subject": "X", "metric": "killed", "value": "many"}\n')
    before = redis_client.dbsize()
    done = run("refs", "load", str(bad), redis_url=redis_url)
    assert done.returncode == 1
    assert "row 1" in done.stderr
    assert redis_client.dbsize() == before
