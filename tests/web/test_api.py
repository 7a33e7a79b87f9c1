"""The JSON API on a hand-coded store: filters, pages, markup offsets, errors, POST /api/code."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import FakeCoder


def get(client: Any, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_events_lists_every_fused_event_oldest_first(client: Any) -> None:
    page = get(client, "/api/events")
    assert page["total"] == 7 and page["offset"] == 0
    dates = [e["date"] for e in page["events"]]
    assert dates == sorted(dates)
    consult = next(e for e in page["events"] if e["id"] == "call-0314-0001-0")
    assert (consult["n_mentions"], consult["n_documents"]) == (2, 2)  # fused with call-0315


@pytest.mark.parametrize(("query", "expected"), [
    ("dyad=CHN-VNM", 5),
    ("dyad=VNM-CHN", 4),  # not the ACCUSE (CHN on VNM); CONSULT, AGREE, COOPERATE either way
    ("actor=ukr", 2),
    ("type=consult", 2),
    ("since=2025-04-01&until=2025-04-30", 2),
    ("text=railway", 1),
    ("text=Xi+phone", 1),
    ("dyad=CHN-VNM&type=ACCUSE", 1),
])
def test_events_filters_as_the_cli(client: Any, query: str, expected: int) -> None:
    page = get(client, f"/api/events?{query}")
    assert page["total"] == expected == len(page["events"])


def test_events_pages_with_limit_and_offset(client: Any) -> None:
    everything = [e["id"] for e in get(client, "/api/events")["events"]]
    first = get(client, "/api/events?limit=3")
    second = get(client, "/api/events?limit=3&offset=3")
    assert first["total"] == second["total"] == 7
    assert [e["id"] for e in first["events"] + second["events"]] == everything[:6]
    assert get(client, "/api/events?offset=100")["events"] == []


@pytest.mark.parametrize(("query", "status", "words"), [
    ("actor=x!", 422, "actor"),
    ("dyad=USA", 422, "dyad"),
    ("type=C0NSULT!", 422, "type"),
    ("since=yesterday", 422, "since"),
    ("limit=0", 422, "limit"),
    ("limit=abc", 422, "limit"),
    ("offset=-1", 422, "offset"),
])
def test_a_malformed_query_is_a_4xx_with_a_message(client: Any, query: str, status: int,
                                                    words: str) -> None:
    body = get(client, f"/api/events?{query}", status)
    assert words in str(body["detail"]) and body["hint"]


def test_params_name_the_parameter_and_the_fix() -> None:
    from dyads.web import params
    from dyads.web.errors import BadQuery

    for call, words in [(lambda: params.code("x!"), "actor: 'x!' is not an actor code"),
                        (lambda: params.dyad("USA"), "dyad: 'USA' is not a dyad"),
                        (lambda: params.day("13/01/2025", "since"), "since: '13/01/2025'"),
                        (lambda: params.event_type("C0NSULT"), "not a PLOVER event type"),
                        (lambda: params.words(" ".join(["w"] * 21)), "more than 20 words")]:
        with pytest.raises(BadQuery) as info:
            call()
        assert words in str(info.value) and info.value.hint
    assert params.event_filter(actor=" usa ", dyad_="usa:chn", text="a\x00b").text == "a b"


def test_event_detail_has_each_mention_with_its_evidence(client: Any) -> None:
    detail = get(client, "/api/events/call-0314-0001-0")
    assert detail["event"]["event_type"] == "CONSULT"
    assert [m["doc_id"] for m in detail["mentions"]] == ["call-0314", "call-0315"]
    assert get(client, "/api/events/nope", 404)["detail"] == "no event 'nope'"


def test_timeline_counts_quads_and_fills_empty_months(client: Any) -> None:
    rows = get(client, "/api/timeline?a=CHN&b=VNM&by=month")
    assert [(r["period"], r["events"], r["quad1"], r["quad2"], r["quad3"]) for r in rows] == [
        ("2025-03", 3, 2, 1, 0), ("2025-06", 2, 1, 0, 1)]
    filled = get(client, "/api/timeline?a=vnm&b=chn&by=month&fill=true")
    assert [r["period"] for r in filled] == ["2025-03", "2025-04", "2025-05", "2025-06"]
    assert filled[1]["events"] == 0
    assert "by" in str(get(client, "/api/timeline?a=CHN&b=VNM&by=decade", 422)["detail"])
    assert "b" in str(get(client, "/api/timeline?a=CHN&b=V-N", 422)["detail"])


def test_dyads_and_actors(client: Any) -> None:
    dyads = get(client, "/api/dyads")
    assert dyads[0] == {"a": "CHN", "b": "VNM", "events": 5, "cooperation": 4, "conflict": 1}
    actors = {a["code"]: a for a in get(client, "/api/actors")}
    assert actors["UKR"]["as_recipient"] == 2 and actors["VNM"]["events"] == 5


def test_document_markup_offsets_point_into_its_text(client: Any) -> None:
    doc = get(client, "/api/documents/call-0314")
    text = doc["text"]
    marks = [(text[m["trigger"][0]:m["trigger"][1]],
              [text[a:b] for a, b in m["actor_spans"]],
              [text[a:b] for a, b in m["recipient_spans"]]) for m in doc["mentions"]]
    assert marks == [("spoke", ["Xi Jinping"], ["To Lam"]),
                     ("agreed", ["The two sides"], ["The two sides"])]
    first = doc["mentions"][0]
    assert text[first["sentence"][0]:first["sentence"][1]].startswith("Xi Jinping spoke")
    assert get(client, "/api/documents/none", 404)["hint"]


def test_commitments(client: Any) -> None:
    rows = get(client, "/api/commitments?actor=UKR")
    assert [(r["kind"], r["amount"], r["unit"]) for r in rows] == [("aid", 2e9, "USD")]
    assert get(client, "/api/commitments?actor=CHN") == []


def test_code_codes_a_text_and_builds_the_coder_once(client: Any) -> None:
    assert FakeCoder.built == 0  # nothing loaded until the first POST
    body = {"text": "Xi Jinping spoke by telephone with To Lam.", "published": "2025-03-14"}
    for _ in range(2):
        result = client.post("/api/code", json=body)
        assert result.status_code == 200, result.text
        assert result.json()["n_events"] == 1
        assert result.json()["events"][0]["event"] == ["CONSULT"]
    assert FakeCoder.built == 1


def test_code_refuses_large_bodies_with_413(client: Any) -> None:
    text = "word " * 25_000
    big = client.post("/api/code", json={"text": text})
    assert big.status_code == 413 and "100,000 bytes" in big.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 4096
        yield b'"}'

    chunked = client.post("/api/code", content=chunks(),
                          headers={"content-type": "application/json"})
    assert chunked.status_code == 413
    assert FakeCoder.built == 0


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "x", "published": "soon"}])
def test_code_rejects_a_malformed_body(client: Any, body: dict[str, Any]) -> None:
    assert client.post("/api/code", json=body).status_code == 422


def test_openapi_documents_the_api(client: Any) -> None:
    schema = get(client, "/openapi.json")
    assert {"/api/events", "/api/timeline", "/api/actors", "/api/documents/{doc_id}",
            "/api/commitments", "/api/code"} <= set(schema["paths"])
    assert not any(p.startswith("/dyad") for p in schema["paths"])  # pages are not API


@pytest.mark.model
def test_code_with_the_real_coder(small_db: Any, coder: Any) -> None:
    from fastapi.testclient import TestClient

    from dyads.web import create_app

    with TestClient(create_app(small_db, coder=lambda: coder)) as c:
        result = c.post("/api/code", json={
            "text": "Chinese President Xi Jinping held talks with Vietnamese leader To Lam "
                    "in Hanoi on Monday.", "published": "2025-04-14"})
    assert result.status_code == 200, result.text
    events = result.json()["events"]
    assert any(e["event"] == ["CONSULT"] and {a["code"] for a in e["actor"] + e["recipient"]}
               == {"CHN", "VNM"} for e in events)
