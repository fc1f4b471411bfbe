"""/docs in a real headless Chromium: Swagger UI, served by the app from the pinned package, shows
every operation of openapi.yaml with its parameters, request bodies (every content type),
responses and examples. Skips, like the editor's browser test, without chromium."""

from __future__ import annotations

import json

import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from service.api.docs import SPEC_PATH
from tests.test_editor_browser import browser, live_url  # noqa: F401  (fixtures)

METHODS = ("get", "post", "put", "patch", "delete")
EXPAND_ALL = """
document.querySelectorAll('.opblock:not(.is-open) .opblock-summary-control')
  .forEach(b => b.click());
"""
RENDERED_JS = """
const out = {};
for (const op of document.querySelectorAll('.opblock')) {
  const body = op.querySelector('.opblock-section-request-body');
  out[op.id] = {
    params: Array.from(op.querySelectorAll('tr[data-param-name]')).map(r => r.dataset.paramName),
    body: body !== null,
    bodyTypes: body ? Array.from(body.querySelectorAll('select option')).map(o => o.value) : [],
    responses: Array.from(op.querySelectorAll('tr.response[data-code]')).map(r => r.dataset.code),
    examples: Array.from(op.querySelectorAll('tr.response[data-code]'))
      .filter(r => r.querySelector('.model-example')).map(r => r.dataset.code),
    text: op.innerText,
  };
}
return JSON.stringify(out);
"""


def resolve(spec: dict, item: dict) -> dict:
    ref = item.get("$ref")
    if not ref:
        return item
    node = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def operations(spec: dict):
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method, op in item.items():
            if method in METHODS:
                yield (
                    path,
                    method,
                    op,
                    [resolve(spec, p) for p in shared + op.get("parameters", [])],
                )


def test_every_operation_shows_its_parameters_bodies_responses_and_examples(browser, live_url):  # noqa: F811
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    browser.get(live_url + "docs")
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock"))
    assert not browser.find_elements(By.CSS_SELECTOR, ".errors-wrapper")  # the spec parsed
    browser.execute_script(EXPAND_ALL)
    expected = {
        f"operations-{op['tags'][0]}-{op['operationId']}": (path, method, op, params)
        for path, method, op, params in operations(spec)
    }

    def rendered(driver):
        shown = json.loads(driver.execute_script(RENDERED_JS))
        ready = all(shown.get(k, {}).get("responses") for k in expected)
        return shown if ready else False

    shown = WebDriverWait(browser, 30).until(rendered)
    assert set(shown) == set(expected)
    for key, (path, _method, op, params) in expected.items():
        got = shown[key]
        assert f"{path}" in got["text"].replace("\u200b", ""), key
        assert sorted(got["params"]) == sorted(p["name"] for p in params), key
        body = resolve(spec, op["requestBody"]) if "requestBody" in op else None
        assert got["body"] == (body is not None), key
        if body:
            assert sorted(got["bodyTypes"]) == sorted(body["content"]), key
        assert sorted(got["responses"]) == sorted(op["responses"]), key
        with_content = [c for c, r in op["responses"].items() if resolve(spec, r).get("content")]
        assert sorted(got["examples"]) == sorted(with_content), key
    extract = shown["operations-claims-extractClaims"]["text"]
    assert "/docs#problem-validation-error" in extract  # an example value, from the schema
