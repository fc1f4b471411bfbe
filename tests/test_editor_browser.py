"""The editor's page in a real headless Chromium, against the real app on a loopback port.

Needs Debian's `chromium` and `chromium-driver`; skips with a reason where they are missing.
Selenium drives the system chromedriver: selenium-manager never runs, nothing is downloaded.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from service.references.importer import load_bundled

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SUPPORTED_BG = "rgb(196, 237, 208)"  # --supported-bg in editor.html

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# Every claim's highlight text: the text of its pieces (a crossing overlap splits a claim).
HIGHLIGHTS_JS = """
const out = {};
for (const m of document.querySelectorAll('#article-view mark.hl')) {
  const id = m.dataset.claimId;
  const own = Array.from(m.childNodes)
    .map(n => n.nodeType === Node.TEXT_NODE ? n.data : n.textContent).join('');
  out[id] = out[id] || {text: '', verdict: m.dataset.verdict, classes: m.className,
                        background: getComputedStyle(m).backgroundColor};
  out[id].text += own;
}
return out;
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium via the system chromedriver, with a fresh profile."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"{' and '.join(missing)} missing: apt-get install chromium chromium-driver")
    mp = pytest.MonkeyPatch()
    mp.setenv("SE_OFFLINE", "true")  # selenium-manager must never fetch a driver or browser
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=en-US",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
    mp.undo()


@pytest.fixture
def live_url(app, redis_client):
    """The real app, bundled references loaded, served on a free loopback port."""
    from werkzeug.serving import make_server

    load_bundled(redis_client, only_if_empty=False)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join(timeout=10)


def paste(driver, element_id: str, text: str) -> None:
    """Set a field's value at once (send_keys types key by key and cannot type emoji)."""
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        driver.find_element(By.ID, element_id),
        text,
    )


def check(driver, url, text, published_at=None, html=False, title=None, source=None) -> str | None:
    """Open the page, paste `text` (and `source`: name, text, url into the source box), press
    Check, wait; return the error shown, if any."""
    driver.get(url)
    paste(driver, "article", text)
    if source is not None:
        name, source_text, source_url = source
        paste(driver, "source-name", name)
        paste(driver, "source-text", source_text)
        paste(driver, "source-url", source_url)
    if published_at:
        date = driver.find_element(By.ID, "published-at")
        driver.execute_script("arguments[0].value = arguments[1];", date, published_at)
        assert date.get_attribute("value") == published_at
    if title is not None:
        driver.find_element(By.ID, "title").send_keys(title)
    if html:
        driver.find_element(By.ID, "is-html").click()
    driver.find_element(By.ID, "check").click()
    WebDriverWait(driver, 60).until(
        lambda d: (
            d.find_element(By.ID, "status").text.startswith(("Checked", "No numeric"))
            or d.find_element(By.ID, "error").is_displayed()
        )
    )
    error = driver.find_element(By.ID, "error")
    return error.text if error.is_displayed() else None


def api_claims(app, **body) -> list[dict]:
    response = app.test_client().post("/v1/checks", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["claims"]


def test_seed_article_is_highlighted_by_verdict(browser, live_url, app, seed_text):
    assert check(browser, live_url, seed_text, "2024-07-01") is None
    claims = api_claims(app, text=seed_text, published_at="2024-07-01")
    shown = browser.execute_script(HIGHLIGHTS_JS)
    assert set(shown) == {c["id"] for c in claims}  # one highlight per claim
    for claim in claims:
        assert shown[claim["id"]]["text"] == claim["text"]
        assert shown[claim["id"]]["verdict"] == claim["verdict"]
    total = browser.find_element(By.ID, "count-total").text
    assert total == str(len(claims))

    at = seed_text.index("seven Pakistani soldiers")
    soldiers = next(c for c in claims if c["start"] <= at < c["end"])
    assert "seven" in soldiers["text"]
    mark = browser.find_element(
        By.CSS_SELECTOR, f'#article-view mark[data-claim-id="{soldiers["id"]}"]'
    )
    assert "v-supported" in mark.get_attribute("class").split()
    assert shown[soldiers["id"]]["background"] == SUPPORTED_BG
    assert mark.get_attribute("tabindex") == "0"

    mark.click()
    link = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#details .evidence a")
    )
    assert link.get_attribute("href").startswith("https://")
    assert link.text
    details = browser.find_element(By.ID, "details").text
    assert soldiers["explanation"] in details
    assert "retrieved" in details

    # Keyboard: Tab reaches the highlights, Enter opens the details and focuses them.
    first = browser.find_element(By.CSS_SELECTOR, '#article-view mark[tabindex="0"]')
    first.send_keys(Keys.ENTER)
    heading = browser.find_element(By.CSS_SELECTOR, "#details h3")
    assert browser.switch_to.active_element == heading
    assert heading.text == f"“{claims[0]['text']}”"
    mark.click()

    ARTIFACTS.mkdir(exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, height + 140)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(ARTIFACTS / "editor.png"))


FINDING_TEXT = (
    "At least 12 people were killed in the market bombing in Quetta. Police said the 11 dead "
    "included traders. Unemployment rose from 20% to 25%, an increase of 20%."
)


def test_findings_underline_both_spans_and_show_their_explanation(browser, live_url, app):
    assert check(browser, live_url, FINDING_TEXT, "2024-03-20") is None
    result = (
        app.test_client()
        .post("/v1/checks", json={"text": FINDING_TEXT, "published_at": "2024-03-20"})
        .get_json()
    )
    findings = result["findings"]
    assert [f["type"] for f in findings] == ["restated", "change"]
    items = browser.find_elements(By.CSS_SELECTOR, "#findings li.finding")
    assert [i.get_attribute("data-type") for i in items] == ["restated", "change"]
    for item, finding in zip(items, findings, strict=True):
        assert finding["explanation"] in item.text
        assert finding["arithmetic"] in item.text
    underlined = browser.execute_script(
        "return Array.from(document.querySelectorAll('#article-view mark.hl.finding'))"
        ".map(m => [m.textContent, getComputedStyle(m).textDecorationLine]);"
    )
    spans = [s["text"] for f in findings for s in f["claims"]]
    assert sorted(t for t, _ in underlined) == sorted(spans)  # no span is in two findings
    assert all(line == "underline" for _, line in underlined)
    plain = browser.find_elements(By.CSS_SELECTOR, "#article-view mark.hl:not(.finding)")
    assert all(m.text not in ("At least 12", "11") for m in plain)
    eleven = next(
        m
        for m in browser.find_elements(By.CSS_SELECTOR, "#article-view mark.finding")
        if m.text == "11"
    )
    eleven.click()
    details = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#details .consistency")
    )
    assert findings[0]["explanation"] in details.text
    assert "2 inconsistencies" in browser.find_element(By.ID, "status").text


def test_a_consistent_article_shows_no_findings(browser, live_url):
    assert (
        check(browser, live_url, "Nearly 600 people were evacuated. The 587 evacuated slept.")
        is None
    )
    assert not browser.find_element(By.ID, "findings").is_displayed()
    assert browser.find_elements(By.CSS_SELECTOR, "#article-view mark.finding") == []


def test_non_ascii_offsets_are_code_points(browser, live_url, app):
    text = "Zürich… São Paulo 😀 five people were killed"
    assert check(browser, live_url, text) is None
    claims = api_claims(app, text=text)
    assert [c["text"] for c in claims] == ["five"]
    shown = browser.execute_script(HIGHLIGHTS_JS)
    assert {i: s["text"] for i, s in shown.items()} == {c["id"]: c["text"] for c in claims}
    view = browser.find_element(By.ID, "article-view").text
    assert view == text


def test_html_article_is_shown_as_document_text(browser, live_url, app):
    html = "<h1>Zürich</h1><p>São Paulo 😀 <b>five</b> people were killed on May 3, 2024.</p>"
    assert check(browser, live_url, html, "2024-07-01", html=True) is None
    response = app.test_client().post(
        "/v1/checks", json={"html": html, "published_at": "2024-07-01"}
    )
    result = response.get_json()
    shown = browser.execute_script(HIGHLIGHTS_JS)
    assert {i: s["text"] for i, s in shown.items()} == {
        c["id"]: c["text"] for c in result["claims"]
    }
    assert "<b>" not in browser.find_element(By.ID, "article-view").text
    assert browser.find_element(By.ID, "article-view").text == result["document"]["text"]


def test_problem_details_are_shown_readably(browser, live_url):
    error = check(browser, live_url, "Five people were killed.", title="x" * 1001)
    assert error is not None
    assert "Validation failed (422)" in error
    assert "title" in error
    assert browser.find_element(By.ID, "error").get_attribute("role") == "alert"
    assert browser.find_element(By.ID, "status").text == "The check failed."


def fake_claim(text: str, start: int, end: int, verdict: str, **extra) -> dict:
    return {
        "id": f"c{start}-{end}",
        "text": text[start:end],
        "start": start,
        "end": end,
        "kind": "count",
        "value": None,
        "verdict": verdict,
        "confidence": 0.5,
        "explanation": "",
        "evidence": [],
        **extra,
    }


def test_overlapping_adjacent_and_hostile_spans_render_as_text(browser, live_url):
    """A stubbed API answer: crossing, nested and adjacent spans, markup in every field."""
    text = "Ünïcode 😀 <img src=x onerror=alert(1)> alpha beta gamma delta"
    at = text.index
    claims = [
        fake_claim(text, at("<img"), at(">") + 1, "contradicted"),
        fake_claim(text, at("alpha"), at("beta") + 4, "supported"),  # crosses the next one
        fake_claim(text, at("beta"), at("gamma") + 5, "conflicting"),
        fake_claim(text, at("beta"), at("beta") + 4, "unverifiable"),  # nested in both
        fake_claim(text, at("gamma") + 5, at("delta") + 5, "supported"),  # adjacent
    ]
    claims[0]["explanation"] = "<b id=injected>bold</b>"
    claims[0]["evidence"] = [
        {
            "subject": "<i>x</i>",
            "value": 1,
            "source": {"name": "Evil", "url": "javascript:alert(1)"},
        }
    ]
    result = {"document": {"source": "text"}, "claims": claims, "summary": {"total": 5}}
    browser.get(live_url)
    browser.execute_script(
        "const body = arguments[0];"
        "window.fetch = () => Promise.resolve(new Response(body,"
        " {status: 200, headers: {'Content-Type': 'application/json'}}));",
        json.dumps(result),
    )
    browser.execute_script("document.getElementById('article').value = arguments[0]", text)
    browser.find_element(By.ID, "check").click()
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "status").text.startswith("Checked")
    )
    assert (
        browser.execute_script("return document.getElementById('article-view').textContent") == text
    )
    shown = browser.execute_script(HIGHLIGHTS_JS)
    assert {i: s["text"] for i, s in shown.items()} == {c["id"]: c["text"] for c in claims}
    focusable = browser.find_elements(By.CSS_SELECTOR, '#article-view mark[tabindex="0"]')
    assert [m.get_attribute("data-claim-id") for m in focusable] == [c["id"] for c in claims]
    assert not browser.find_elements(By.CSS_SELECTOR, "#article-view img, #injected")

    focusable[0].send_keys(Keys.ENTER)
    details = browser.find_element(By.ID, "details")
    assert "<b id=injected>bold</b>" in details.text
    assert not details.find_elements(By.CSS_SELECTOR, "a, b, i")
    assert "javascript:alert(1)" in details.text  # shown as text, never as a link


SOURCE_MARKS_JS = """
return Array.from(document.querySelectorAll('#source-view mark.src')).map(m => ({
  text: m.textContent, start: Number(m.dataset.start), end: Number(m.dataset.end),
  verdict: m.dataset.verdict, active: m.classList.contains('active'),
  background: getComputedStyle(m).backgroundColor}));
"""


def test_a_source_box_checks_against_the_source_and_shows_the_span(browser, live_url, app):
    from tests.test_sources import NAME, RELEASE, STORY, URL

    assert check(browser, live_url, STORY, "2024-03-06", source=(NAME, RELEASE, URL)) is None
    body = {"text": STORY, "published_at": "2024-03-06",
            "sources": [{"name": NAME, "text": RELEASE, "url": URL}]}  # fmt: skip
    result = app.test_client().post("/v1/checks", json=body).get_json()
    claims = result["claims"]
    shown = browser.execute_script(HIGHLIGHTS_JS)
    assert {i: (s["text"], s["verdict"]) for i, s in shown.items()} == {
        c["id"]: (c["text"], c["verdict"]) for c in claims
    }
    card = browser.find_element(By.ID, "source-card")
    assert card.is_displayed()
    assert browser.find_element(By.ID, "source-title").text == NAME
    view = browser.execute_script("return document.getElementById('source-view').textContent")
    assert view == RELEASE
    cited = {
        (e["source"]["span"]["start"], e["source"]["span"]["end"]): (c["verdict"], e)
        for c in claims
        for e in c["evidence"]
        if "span" in e["source"]
    }
    marks = browser.execute_script(SOURCE_MARKS_JS)
    assert {(m["start"], m["end"]) for m in marks} == set(cited)  # one mark per cited span
    for m in marks:
        verdict, evidence = cited[(m["start"], m["end"])]
        assert m["text"] == evidence["source"]["span"]["text"] == RELEASE[m["start"] : m["end"]]
        assert m["verdict"] == verdict and not m["active"]

    toll = next(c for c in claims if c["text"] == "At least 15")
    assert toll["verdict"] == "contradicted"
    browser.find_element(
        By.CSS_SELECTOR, f'#article-view mark[data-claim-id="{toll["id"]}"]'
    ).click()
    details = WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "#details .evidence")
    )
    assert NAME in details.text and "“Fourteen”" in details.text
    assert "null" not in browser.find_element(By.ID, "details").text
    link = details.find_element(By.TAG_NAME, "a")
    assert link.get_attribute("href") == URL
    active = [m for m in browser.execute_script(SOURCE_MARKS_JS) if m["active"]]
    assert [m["text"] for m in active] == ["Fourteen"]
    assert active[0]["verdict"] == "contradicted"

    vehicles = browser.find_element(
        By.XPATH, "//div[@id='source-view']/mark[normalize-space()='about 11,000']"
    )
    vehicles.click()
    heading = browser.find_element(By.CSS_SELECTOR, "#details h3")
    assert heading.text == "“around 11,000”"
    active = [m for m in browser.execute_script(SOURCE_MARKS_JS) if m["active"]]
    assert [m["text"] for m in active] == ["about 11,000"]
    assert active[0]["background"] == SUPPORTED_BG

    ARTIFACTS.mkdir(exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1400, height + 140)
    browser.execute_script("window.scrollTo(0, 0)")
    assert browser.save_screenshot(str(ARTIFACTS / "editor-source.png"))
    browser.set_window_size(1400, 1000)


def test_a_source_needs_a_name_and_no_source_shows_no_source_card(browser, live_url):
    from tests.test_sources import RELEASE, STORY

    error = check(browser, live_url, STORY, source=("", RELEASE, ""))
    assert error is not None and "Name the source" in error
    assert browser.switch_to.active_element == browser.find_element(By.ID, "source-name")
    assert check(browser, live_url, STORY, "2024-03-06") is None
    assert not browser.find_element(By.ID, "source-card").is_displayed()
