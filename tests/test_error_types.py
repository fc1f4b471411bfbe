"""The domain's errors carry no HTTP status: one table in the API layer maps each type to one,
and the batch jobs tell an outage from a refused article by type. No import cycle in jobs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from service import errors
from service.api.errors import STATUS, problem_fields, status_of

ROOT = Path(__file__).resolve().parents[1]
CLASSES = [
    cls
    for cls in vars(errors).values()
    if isinstance(cls, type) and issubclass(cls, errors.ServiceError)
]


def test_domain_errors_have_no_status_and_the_table_covers_every_type():
    assert all("status" not in vars(cls) for cls in CLASSES)
    assert set(CLASSES) == set(STATUS)
    assert status_of(errors.TooManyClaims("x")) == 422
    assert status_of(errors.ServiceUnavailable("x")) == 503


def test_a_subclass_takes_its_nearest_base_class_status():
    class Gone(errors.NotFound):
        slug, title = "gone", "Gone"

    assert status_of(Gone("x")) == 404
    assert problem_fields(Gone("It left.")) == {
        "type": "/docs#problem-gone",
        "title": "Gone",
        "status": 404,
        "detail": "It left.",
    }


def test_jobs_decide_retries_by_type_not_by_status():
    source = (ROOT / "service/jobs/work.py").read_text(encoding="utf-8")
    assert ".status" not in source
    assert "except ServiceUnavailable" in source


def test_jobs_modules_import_at_the_top_only():
    for path in (ROOT / "service/jobs").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                nested = [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
                assert not nested, f"{path.name}: {node.name} imports inside a function"


def test_every_jobs_module_imports_first_in_a_fresh_process():
    for module in ("work", "callbacks", "queue", "worker", "records"):
        code = f"import service.jobs.{module}"
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True)
        assert done.returncode == 0, (module, done.stderr.decode())
