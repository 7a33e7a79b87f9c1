"""An analyst's day in a real browser (headless Debian Chromium, Playwright) on the
hand-coded store, served by uvicorn from SQLite and from PostgreSQL: a date range on the dyad
view, a bar click drilling down, an event link scrolled to its sentence, a CSV download equal
to the API's rows, the actor picker by name, and a ``javascript:`` URL that is no link."""

from __future__ import annotations

import csv
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from dyads.store import Store

from .conftest import populate, served
from .test_browser import shot

JS_URL = "javascript:document.title='pwned'"


def _poison(store: Store) -> None:
    """A document whose url is a script, as an old or hand-edited database may hold."""
    store.execute("UPDATE documents SET url = ? WHERE id = 'call-0314'", (JS_URL,))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def base_url(request: pytest.FixtureRequest, small_db: Path,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from dyads.web import create_app

    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("browser") / "views.db"
        shutil.copy(small_db, path)
        with Store.open(path) as store:
            _poison(store)
        with served(create_app(path)) as url:
            yield url
        return
    psycopg = pytest.importorskip("psycopg")
    server = request.getfixturevalue("pg_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    db_url = f"{server.rpartition('/')[0]}/{name}"
    try:
        with Store.open(db_url) as store:
            populate(store)
            _poison(store)
        with served(create_app(db_url)) as url:
            yield url
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def watched(page: Any, base_url: str) -> Iterator[Any]:
    """The page; afterwards, no script errors (a CSP violation is one) and no request left
    the app."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield page
    assert page.js_errors == []
    assert [u for u in requests if not u.startswith((base_url, "data:"))] == []


def total(page: Any) -> int:
    return int(page.locator("b.total").inner_text())


def test_date_range_on_the_dyad_view(watched: Any, base_url: str) -> None:
    page = watched
    page.goto(base_url + "/dyad/CHN/VNM")
    page.wait_for_function("window.dyadsCharts && window.dyadsCharts.length === 2")
    assert total(page) == 5
    page.fill("form.filters input[name=since]", "2025-03-01")
    page.fill("form.filters input[name=until]", "2025-03-31")
    page.click("form.filters button")
    page.wait_for_url("**/dyad/CHN/VNM?*since=2025-03-01*")
    page.wait_for_function("window.dyadsCharts && window.dyadsCharts.length === 2")
    assert total(page) == 3
    assert page.evaluate("window.dyadsCharts[0].data.labels") == ["2025-03"]
    assert page.locator("table.events tbody tr").count() == 3
    page.select_option("form.filters select[name=direction]", "ba")
    page.click("form.filters button")
    page.wait_for_url("**direction=ba*")
    assert total(page) == 1 and page.locator("b.ba").inner_text() == "1"
    shot(page, "dyad-range-direction")


def test_a_bar_click_opens_that_periods_events(watched: Any, base_url: str) -> None:
    page = watched
    page.goto(base_url + "/dyad/CHN/VNM?by=month")
    page.wait_for_function("window.dyadsCharts && window.dyadsCharts.length === 2")
    labels = page.evaluate("window.dyadsCharts[0].data.labels")
    k = labels.index("2025-06")
    point = page.evaluate(f"""(() => {{
        const bar = window.dyadsCharts[0].getDatasetMeta(0).data[{k}];
        return {{x: bar.x, y: (bar.y + bar.base) / 2}}; }})()""")
    box = page.locator("#timeline-chart").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url("**/events?*")
    assert "since=2025-06-01" in page.url and "until=2025-06-30" in page.url
    dates = page.locator("table.events tbody td.date a").all_inner_texts()
    assert dates == ["2025-06-01", "2025-06-01"]


def test_an_event_link_scrolls_to_its_sentence(watched: Any, base_url: str) -> None:
    page = watched
    page.set_viewport_size({"width": 1280, "height": 360})
    try:
        page.goto(base_url + "/events?type=COOPERATE")
        link = page.locator("table.events a.in-doc").first
        href = link.get_attribute("href")
        assert href.startswith("/documents/call-0315#s-")
        link.click()
        page.wait_for_url("**/documents/call-0315#s-*")
        target = page.locator(".doctext .sentence:target")
        assert target.inner_text().startswith("Vietnam wants closer cooperation")
        assert page.evaluate("window.scrollY") > 0
        box = target.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 360  # in view
        background = target.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background == "rgb(255, 243, 184)"  # highlighted
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_a_csv_download_equals_the_api_rows(watched: Any, base_url: str,
                                            tmp_path: Path) -> None:
    page = watched
    page.goto(base_url + "/events?actor=VNM&since=2025-03-15")
    with page.expect_download() as info:
        page.click("a.download.csv")
    path = tmp_path / "events.csv"
    info.value.save_as(path)
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    api = httpx.get(base_url + "/api/events?actor=VNM&since=2025-03-15&limit=1000").json()
    assert len(rows) == api["total"] == 3
    assert rows == [{k: "" if v is None else str(v) for k, v in e.items()}
                    for e in api["events"]]


def test_the_actor_picker_takes_names(watched: Any, base_url: str) -> None:
    page = watched
    page.goto(base_url + "/")
    first = page.locator("form.picker input[name=a]")
    first.press_sequentially("Viet", delay=20)
    page.wait_for_function("() => [...document.querySelectorAll('#actor-names option')]"
                           ".some(o => o.value === 'Viet Nam')")
    first.fill("Viet Nam")
    page.fill("form.picker input[name=b]", "Xi Jinping")
    page.click("form.picker button")
    page.wait_for_url("**/dyad/VNM/CHN")
    assert total(page) == 5


def test_a_javascript_url_is_not_a_link(watched: Any, base_url: str) -> None:
    page = watched
    page.goto(base_url + "/documents/call-0314")
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.get_by_text("original", exact=True).count() == 0
    assert page.title() != "pwned"
    api = httpx.get(base_url + "/api/documents/call-0314").json()
    assert api["url"] is None


def test_the_map_is_drawn_offline_and_a_country_opens_its_events(watched: Any,
                                                                  base_url: str) -> None:
    page = watched
    page.goto(base_url + "/map")
    page.wait_for_function("() => window.dyadsMapLayer !== undefined")
    assert page.locator(".leaflet-overlay-pane path").count() > 200  # the country outlines
    shot(page, "map")
    point = page.evaluate("""(() => {
        const ukraine = window.dyadsMapLayer.getLayers().find(l => l.feature.id === '804');
        const p = window.dyadsMap.latLngToContainerPoint(ukraine.getBounds().getCenter());
        return {x: p.x, y: p.y}; })()""")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_url("**/events?place=UKR")
    assert page.locator("table.events tbody td.kind .badge").all_inner_texts() == ["ASSAULT"]
