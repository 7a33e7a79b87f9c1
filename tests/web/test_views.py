"""What an analyst does in the dashboard and the API alike: a date range, modality and other
filters, the direction split, paging, drill-down links, downloads equal to the API's rows,
actor names."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dyads.store import Store


def get(client: Any, url: str, status: int = 200) -> Any:
    answer = client.get(url)
    assert answer.status_code == status, answer.text[:400]
    return answer


def total(page: str) -> int:
    found = re.search(r'<b class="total">(\d+)</b>', page)
    assert found, page[:300]
    return int(found.group(1))


@pytest.fixture
def edited(small_db: Path, tmp_path: Path) -> Iterator[Any]:
    """A client over a copy of the small store where the 2025-06-01 accusation is negated and
    one event has an unknown (UNK) recipient."""
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    path = tmp_path / "edited.db"
    shutil.copy(small_db, path)
    with Store.open(path) as store:
        store.execute("UPDATE events SET modality = 'negated' WHERE event_type = 'ACCUSE' "
                      "AND date = '2025-06-01'")
        store.execute("UPDATE events SET recipient = 'UNK' WHERE event_type = 'ASSAULT'")
    with TestClient(create_app(path)) as client:
        yield client


def test_one_date_format_for_the_api_and_the_pages(client: Any) -> None:
    for bad in ("2023-01-01T00:00", "20230101", "2023-13-01"):
        assert get(client, f"/api/events?since={bad}", 422).json()["detail"][0]["loc"] == [
            "query", "since"]
        assert "is not a date: write YYYY-MM-DD" in get(client, f"/events?since={bad}", 400).text
    assert get(client, "/api/events?since=2025-04-01&until=2025-04-30").json()["total"] == 2
    assert "2 events" in get(client, "/events?since=2025-04-01&until=2025-04-30").text


def test_since_after_until_is_a_422_that_says_so(client: Any) -> None:
    for url in ("/api/events?since=2025-06-01&until=2025-01-01",
                "/api/commitments?since=2025-06-01&until=2025-01-01",
                "/api/timeline?a=CHN&b=VNM&since=2025-06-01&until=2025-01-01",
                "/api/export/events?since=2025-06-01&until=2025-01-01"):
        body = get(client, url, 422).json()
        assert body["detail"][0]["msg"] == "since: 2025-06-01 is after until: 2025-01-01", url
    for url in ("/dyad/CHN/VNM?since=2025-06-01&until=2025-01-01",
                "/events?since=2025-06-01&until=2025-01-01",
                "/commitments?since=2025-06-01&until=2025-01-01"):
        assert "is after until" in get(client, url, 422).text


def test_the_dyad_view_honours_the_date_range(client: Any) -> None:
    everything = get(client, "/dyad/CHN/VNM").text
    march = get(client, "/dyad/CHN/VNM?since=2025-03-01&until=2025-03-31").text
    assert (total(everything), total(march)) == (5, 3)
    chart = json.loads(re.search(r'id="chart-data">(.*?)</script>', march, re.S).group(1))
    assert chart["labels"] == ["2025-03"] and chart["since"] == ["2025-03-01"]
    api = get(client, "/api/timeline?a=CHN&b=VNM&since=2025-03-01&until=2025-03-31").json()
    assert sum(r["events"] for r in api) == 3
    assert 'value="2025-03-01"' in march  # the form keeps the range


def test_direction_split_counts_add_up(client: Any) -> None:
    page = get(client, "/dyad/CHN/VNM").text
    ab = int(re.search(r'<b class="ab">(\d+)</b>', page).group(1))
    ba = int(re.search(r'<b class="ba">(\d+)</b>', page).group(1))
    assert (ab, ba) == (4, 1) and ab + ba == total(page)
    assert total(get(client, "/dyad/CHN/VNM?direction=ab").text) == 4
    assert total(get(client, "/dyad/CHN/VNM?direction=ba").text) == 1
    assert get(client, "/api/events?dyad=VNM-CHN&direction=ab").json()["total"] == 1
    assert get(client, "/api/events?dyad=CHN-VNM&direction=both").json()["total"] == 5


def test_the_header_count_and_the_event_table_link_agree(client: Any) -> None:
    page = get(client, "/dyad/CHN/VNM").text
    link = re.search(r'href="/events\?([^"]*)">in the event table', page).group(1)
    table = get(client, "/events?" + link.replace("&amp;", "&")).text
    assert f"{total(page)} events" in table


def test_charts_count_asserted_events_by_default_and_say_so(edited: Any) -> None:
    page = get(edited, "/dyad/CHN/VNM").text
    assert total(page) == 4
    assert "Counting <b>asserted</b> events only: 1 other" in page
    assert total(get(edited, "/dyad/CHN/VNM?modality=any").text) == 5
    assert total(get(edited, "/dyad/CHN/VNM?modality=negated").text) == 1
    assert get(edited, "/api/events?modality=negated").json()["total"] == 1
    assert get(edited, "/api/events").json()["total"] == 7  # the API's default: any
    assert "Verbal conflict (3)" in page and "REQUEST" in page  # the legend explains


def test_unknown_actors_are_not_top_dyads_or_actors(edited: Any) -> None:
    dyads = get(edited, "/api/dyads").json()
    assert all("UNK" not in (d["a"], d["b"]) for d in dyads)
    assert "/actors/UNK" not in get(edited, "/").text


@pytest.mark.parametrize(("query", "expected"), [
    ("min_confidence=0.9", 0),
    ("min_confidence=0.8", 7),
    ("cameo=04", 2),
    ("cameo=190", 1),
    ("sector=GOV", 7),
    ("sector=MIL", 0),
    ("source=call-0315", 2),
    ("type=CONSULT&actor=China", 2),
    ("actor=Xi+Jinping", 5),
    ("text=%22two+sides%22", 1),
    ("text=tele", 0),
])
def test_filters(client: Any, query: str, expected: int) -> None:
    assert get(client, f"/api/events?{query}").json()["total"] == expected
    assert f"{expected} event" in get(client, f"/events?{query}").text


def test_sort_orders(client: Any) -> None:
    scales = [e["event_scale"] for e in get(client, "/api/events?sort=-scale").json()["events"]]
    assert scales == sorted(scales, reverse=True)
    dates = [e["date"] for e in get(client, "/api/events?sort=-date").json()["events"]]
    assert dates == sorted(dates, reverse=True)


def test_paging_and_counts_agree(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyads.web import pages

    monkeypatch.setattr(pages, "PAGE", 2)
    first, third = get(client, "/dyad/CHN/VNM").text, get(client, "/dyad/CHN/VNM?page=3").text
    assert "1–2 shown" in first and "5–5 shown" in third and 'max="3"' in first
    assert 'class="next"' in first and 'class="next"' not in third
    assert "past the last page" in get(client, "/dyad/CHN/VNM?page=4", 404).text
    assert "1 commitment" in get(client, "/commitments?page=1").text


@pytest.mark.parametrize("path", ["/api/export/events", "/api/export/commitments"])
def test_downloads_equal_the_api_rows(client: Any, path: str) -> None:
    listing = "/api/events?limit=1000&" if "events" in path else "/api/commitments?"
    query = "actor=UKR&since=2025-01-01"
    rows = get(client, listing + query).json()
    rows = rows["events"] if isinstance(rows, dict) else rows
    answer = get(client, f"{path}?{query}&format=csv")
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(answer.text)))
    assert [r["id"] for r in table] == [r["id"] for r in rows] and rows
    assert table[0] == {k: "" if v is None else str(v) for k, v in rows[0].items()}
    assert get(client, f"{path}?{query}&format=json").json() == rows


def test_large_downloads_stream_page_by_page(client: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from dyads.web import downloads

    monkeypatch.setattr(downloads, "PAGE", 2)
    everything = get(client, "/api/events").json()["events"]
    assert get(client, "/api/export/events?format=json").json() == everything
    lines = get(client, "/api/export/events?format=csv").text.splitlines()
    assert len(lines) == 1 + len(everything)


def test_each_view_offers_downloads_with_its_filters(client: Any) -> None:
    dyad = get(client, "/dyad/CHN/VNM?since=2025-03-01").text
    assert re.search(r'href="/api/export/events\?[^"]*dyad=CHN-VNM[^"]*since=2025-03-01'
                     r'[^"]*format=csv"', dyad)
    assert 'href="/api/export/events?actor=UKR' in get(client, "/actors/UKR").text
    assert "/api/export/events?type=AID" in get(client, "/events?type=AID").text
    assert "/api/export/commitments?actor=USA" in get(client, "/commitments?actor=USA").text


def test_an_event_links_to_its_sentence_in_the_document(client: Any) -> None:
    table = get(client, "/events?type=AGREE").text
    href = re.search(r'class="in-doc" href="(/documents/call-0314#s-(\d+))"', table)
    assert href
    doc = get(client, href.group(1).split("#")[0]).text
    start = int(href.group(2))
    assert re.search(rf'<span class="sentence" id="s-{start}"><mark[^>]*>The two sides', doc)


def test_actor_names(client: Any) -> None:
    names = get(client, "/api/actors/names?q=viet").json()
    assert {"name": "Viet Nam", "code": "VNM", "kind": "country"} in names
    assert get(client, "/api/actors/names?q=Xi Jin").json()[0]["code"] == "CHN"
    moved = client.get("/dyad?a=China&b=Viet+Nam", follow_redirects=False)
    assert moved.headers["location"] == "/dyad/CHN/VNM"
    assert "China and Vietnam" in get(client, "/dyad/CHN/VNM").text
    assert "not an actor code or a known name" in get(client, "/events?actor=New+Atlantis",
                                                      400).text


def test_places_filter_and_map(client: Any) -> None:
    assert [e["event_type"] for e in get(client, "/api/events?place=UKR").json()["events"]] == [
        "ASSAULT"]
    page = get(client, "/map?dyad=CHN-VNM&direction=both").text
    data = json.loads(re.search(r'id="map-data">(.*?)</script>', page, re.S).group(1))
    assert data["places"] == {"704": {"code": "VNM", "name": "Vietnam", "events": 1}}
    assert "1 event with a place, in 1 country; 4 more without one" in page
    assert 'href="/events?dyad=CHN-VNM&amp;direction=both&amp;place=VNM"' in page
    assert "leaflet.js" in page and "countries-50m.json" in get(client, "/static/map.js").text
    assert get(client, "/static/countries-50m.json").json()["type"] == "Topology"
