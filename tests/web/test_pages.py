"""The dashboard pages, rendered by the app (no browser): content, links and error pages."""

from __future__ import annotations

import re
from typing import Any

import pytest


def html(client: Any, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return str(response.text)


def test_landing_page_lists_dyads_with_most_events_first(client: Any) -> None:
    page = html(client, "/")
    links = re.findall(r'href="/dyad/([A-Z]+)/([A-Z]+)"', page)
    assert links[0] == ("CHN", "VNM")
    assert ("RUS", "UKR") in links and ("UKR", "USA") in links


def test_dyad_picker_redirects_to_the_dyad_view(client: Any) -> None:
    response = client.get("/dyad?a=chn&b=vnm", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/dyad/CHN/VNM"


def test_dyad_view_has_chart_data_and_the_events(client: Any) -> None:
    page = html(client, "/dyad/CHN/VNM")
    assert "chart.umd.min.js" in page and 'id="chart-data"' in page
    assert page.count('href="/events/') >= 5
    assert '<mark class="trigger" title="ACCUSE 112 trigger">accused</mark>' in page
    assert html(client, "/dyad/CHN/VNM?by=year").count('class="on">year') == 1
    assert "No events between" in html(client, "/dyad/CHN/UKR")


def test_event_table_filters_and_highlights_the_evidence(client: Any) -> None:
    page = html(client, "/events?actor=UKR&type=ASSAULT")
    assert "1 event," in page
    assert '<mark class="trigger" title="ASSAULT 190 trigger">struck</mark>' in page
    assert '<mark class="actor" title="ASSAULT 190 actor">Russian missiles</mark>' in page
    assert "2 events" in html(client, "/events?since=2025-04-01&until=2025-04-30")


def test_event_page_shows_every_report_marked(client: Any) -> None:
    page = html(client, "/events/call-0314-0001-0")
    assert page.count('class="mention"') == 2
    assert '<mark class="trigger" title="CONSULT 040 trigger">held phone talks</mark>' in page
    assert 'href="/documents/call-0315#s-0"' in page  # the link lands on the sentence


def test_document_page_marks_every_coded_event_in_the_text(client: Any) -> None:
    page = html(client, "/documents/call-0314")
    assert re.search(r'<mark class="actor recipient"[^>]*>The two sides</mark>', page)
    assert '<mark class="trigger" title="AGREE 030 trigger">agreed</mark>' in page
    assert "Leaders talk." in page


def test_actor_page_and_commitments(client: Any) -> None:
    page = html(client, "/actors/UKR")
    assert 'href="/dyad/UKR/RUS"' in page and 'href="/dyad/UKR/USA"' in page
    tracker = html(client, "/commitments?actor=USA")
    assert "USD 2 bn" in tracker and "2026-01-01" in tracker
    assert "No commitments." in html(client, "/commitments?kind=loan")


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/events?actor=%21%21", 400, "not an actor code"),
    ("/events?since=31.12.2025", 400, "is not a date"),
    ("/events?page=0", 400, "page"),
    ("/dyad/CHN/V!N", 400, "not an actor code"),
    ("/dyad/CHN/VNM?by=decade", 400, "not a period"),
    ("/events/nope", 404, "no event"),
    ("/documents/nope", 404, "no document"),
    ("/actors/ZZZ", 404, "no events with the actor ZZZ"),
    ("/nowhere", 404, "Not Found"),
])
def test_errors_are_pages_that_say_what_is_wrong(client: Any, url: str, status: int,
                                                 words: str) -> None:
    assert words in html(client, url, status)


def test_static_files_are_served_from_the_package(client: Any) -> None:
    chart = client.get("/static/chart.umd.min.js")
    assert chart.status_code == 200 and "Chart.js v4" in chart.text[:200]
    assert client.get("/static/chart.js-LICENSE.md").status_code == 200
