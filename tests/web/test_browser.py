"""The dashboard in a real browser: headless Debian Chromium driven by Playwright, against the
app served by uvicorn, on the package's sample articles (and the China-Vietnam seed articles
when ../shared is present) coded by the real coder. Screenshots go to test-artifacts/web/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTIFACTS, served

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def base_url(sample_db: Path) -> Iterator[str]:
    from dyads.web import create_app

    with served(create_app(sample_db)) as url:
        yield url


@pytest.fixture
def watched(page: Any, base_url: str) -> Iterator[Any]:
    """The page; afterwards, no script errors and no request left the app."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield page
    assert page.js_errors == []
    assert [u for u in requests if not u.startswith((base_url, "data:"))] == []


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_choose_a_dyad_open_an_event_and_see_the_evidence(watched: Any, base_url: str) -> None:
    page = watched
    page.goto(base_url + "/")
    first = page.locator("a.dyad-link").first
    assert first.inner_text() == "CHN – VNM"  # the samples' most frequent dyad
    shot(page, "index")
    first.click()
    page.wait_for_url("**/dyad/CHN/VNM")
    page.wait_for_function("window.dyadsCharts && window.dyadsCharts.length === 2")
    counts = page.evaluate("window.dyadsCharts.map(c => c.data.datasets[0].data.length)")
    assert all(n > 0 for n in counts)
    assert page.locator("#timeline-chart").bounding_box()["height"] > 200
    shot(page, "dyad-CHN-VNM")

    row = page.locator("table.events tbody tr", has=page.locator("mark.actor")).first
    trigger = row.locator("mark.trigger").first.inner_text()
    actor = row.locator("mark.actor").first.inner_text()
    row.locator("a.open").click()
    page.wait_for_url("**/events/*")
    marked = page.locator("article.mention mark.trigger").first
    assert marked.is_visible() and marked.inner_text() == trigger
    assert actor in page.locator("article.mention mark.actor").all_inner_texts()
    shot(page, "event")

    page.locator("article.mention a[href^='/documents/']").first.click()
    page.wait_for_url("**/documents/*")
    assert page.locator(".doctext mark.trigger").count() >= 1
    shot(page, "document")


def test_filter_the_event_table(watched: Any, base_url: str) -> None:
    page = watched
    page.goto(base_url + "/events")
    page.fill("input[name=actor]", "vnm")
    page.select_option("select[name=type]", "CONSULT")
    page.click("form.filters button")
    page.wait_for_url("**/events?actor=vnm*")
    kinds = page.locator("table.events tbody td.kind .badge").all_inner_texts()
    assert kinds and set(kinds) == {"CONSULT"}
    assert page.locator("table.events mark.trigger").count() == len(kinds)
    shot(page, "events-filtered")

    page.fill("input[name=actor]", "not a code")
    page.click("form.filters button")
    assert "is not an actor code" in page.locator(".error").inner_text()
    assert page.js_errors == ["Failed to load resource: the server responded with a status "
                              "of 400 (Bad Request)"]  # the page itself, as it should be
    page.js_errors.clear()


def test_actor_commitments_and_api_docs_pages(watched: Any, base_url: str) -> None:
    page = watched
    page.goto(base_url + "/actors/VNM")
    page.locator("a.dyad-link").first.click()
    page.wait_for_function("window.dyadsCharts && window.dyadsCharts.length === 2")
    page.goto(base_url + "/commitments")
    assert page.locator("table.commitments tbody tr").count() >= 1
    shot(page, "commitments")
    page.goto(base_url + "/docs")
    page.get_by_text("/api/events", exact=True).first.wait_for()  # Swagger UI, bundled
    shot(page, "api-docs")
