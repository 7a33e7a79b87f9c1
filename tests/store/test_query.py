"""Queries: event filters, timelines, actors, commitments, DataFrames."""

from __future__ import annotations

import datetime as dt

import pytest

from dyads.models import CodingResult, Commitment, Entity, EventDate, Quantity
from dyads.store import (
    EventFilter,
    Store,
    StoreError,
    TimelineRow,
    actors,
    commitments,
    events,
    timeline,
    to_dataframe,
)
from dyads.store.ingest import write_document
from dyads.store.query import parse_dyad, period_of

from .conftest import make_doc, populate


@pytest.fixture
def store(sqlite_store: Store) -> Store:
    populate(sqlite_store)
    return sqlite_store


def kinds(store: Store, **filters: object) -> list[tuple[str, str, str, str]]:
    """(date, type, actor, recipient) of the events matching ``filters``."""
    return [(r.date, r.event_type, r.actor, r.recipient)
            for r in events(store, EventFilter(**filters))]  # type: ignore[arg-type]


def test_all_events_by_date(store: Store) -> None:
    rows = events(store)
    assert len(rows) == 9
    assert [r.date for r in rows] == sorted(r.date for r in rows)
    consult = rows[0]
    assert (consult.id, consult.event_type, consult.n_mentions, consult.n_documents) == (
        "xinhua-0314-0000-0", "CONSULT", 2, 2)


def test_actor_on_either_side_and_in_multi_actor_sides(store: Store) -> None:
    assert kinds(store, actor="ukr") == [("2025-04-02", "ASSAULT", "RUS", "UKR"),
                                         ("2025-04-02", "ACCUSE", "UKR", "RUS"),
                                         ("2025-04-02", "AID", "GBR+USA", "UKR")]
    assert [k[1] for k in kinds(store, actor="GBR")] == ["AID"]
    assert kinds(store, actor="US") == []  # whole codes only


def test_dyad_is_directed_except_for_symmetric_types(store: Store) -> None:
    chn_vnm = kinds(store, dyad="CHN-VNM")
    vnm_chn = kinds(store, dyad="VNM-CHN")
    assert [k[1] for k in chn_vnm] == ["CONSULT", "AGREE", "COOPERATE", "ACCUSE", "CONSULT"]
    assert [k[1] for k in vnm_chn] == ["CONSULT", "AGREE", "COOPERATE", "CONSULT", "ACCUSE"]
    assert ("2025-06-01", "ACCUSE", "CHN", "VNM") not in vnm_chn
    assert ("2025-06-02", "ACCUSE", "VNM", "CHN") not in chn_vnm


def test_type_dates_and_limit(store: Store) -> None:
    assert len(kinds(store, event_type="accuse")) == 3
    window = kinds(store, since=dt.date(2025, 4, 1), until=dt.date(2025, 6, 1))
    assert {k[0] for k in window} == {"2025-04-02", "2025-06-01"} and len(window) == 5
    assert kinds(store, limit=2) == kinds(store)[:2]


def test_text_search_reads_every_mention(store: Store) -> None:
    assert [k[1] for k in kinds(store, text="RAILWAY")] == ["AGREE"]
    # "phone talks" is in the Vietnamese mention of the fused call, not in its anchor
    assert [(k[0], k[1]) for k in kinds(store, text="phone talks")] == [
        ("2025-03-14", "CONSULT")]
    assert [k[1] for k in kinds(store, text="100%")] == ["ACCUSE"]
    assert kinds(store, text="railway reefs") == []  # every word must match


def test_text_search_is_whole_words_and_phrases(store: Store) -> None:
    assert kinds(store, text="rail") == kinds(store, text="10") == []  # whole words only
    assert [k[1] for k in kinds(store, text="100")] == ["ACCUSE"]
    assert [k[1] for k in kinds(store, text='"air defence"')] == ["AID"]
    assert kinds(store, text='"defence air"') == []  # a phrase keeps its order
    assert [k[1] for k in kinds(store, text='"phone talks" Jinping')] == ["CONSULT"]
    assert kinds(store, text='"unclosed') == []
    assert kinds(store, text="!! ??") == kinds(store)  # nothing to search for
    assert kinds(store, text='a"b OR NOT NEAR(x') == []  # FTS syntax is only words here


def test_the_search_index_follows_replaced_documents(store: Store) -> None:
    assert [k[1] for k in kinds(store, text="railway")] == ["AGREE"]
    store.execute("DELETE FROM actors")
    for row in store.query("SELECT id FROM mentions WHERE text LIKE '%railway%'"):
        store.execute("UPDATE mentions SET text = 'rewritten' WHERE id = ?", (row["id"],))
    assert kinds(store, text="railway") == []
    assert [k[1] for k in kinds(store, text="rewritten")] == ["AGREE"]
    store.execute("DELETE FROM mentions")
    assert kinds(store, text="rewritten") == []


def test_timeline_counts_quads_and_mean_scale(store: Store) -> None:
    assert timeline(store, "VNM", "CHN", by="month") == [
        TimelineRow("2025-03", 3, 2, 1, 0, 0, 3.667),
        TimelineRow("2025-06", 3, 1, 0, 2, 0, -1.0),
    ]
    assert [r.period for r in timeline(store, "CHN", "VNM", by="week")] == [
        "2025-W11", "2025-W22", "2025-W23"]
    assert [r.events for r in timeline(store, "CHN", "VNM", by="year")] == [6]
    assert timeline(store, "UKR", "RUS", by="day") == [
        TimelineRow("2025-04-02", 2, 0, 0, 1, 1, -6.0)]
    assert timeline(store, "CHN", "VNM", since=dt.date(2025, 6, 2))[0].events == 1


def test_actor_counts(store: Store) -> None:
    rows = {r.code: r for r in actors(store)}
    chn = rows["CHN"]
    assert (chn.events, chn.as_actor, chn.as_recipient, chn.mentions) == (6, 4, 3, 7)
    assert rows["GBR"].events == 1 and rows["USA"].as_actor == 1
    assert [r.code for r in actors(store, limit=2)] == ["CHN", "VNM"]


def test_commitments(sqlite_store: Store) -> None:
    usa = (Entity("USA", "GOV", "Washington"),)
    pledge = Commitment("w-0000-c0", "w", "aid", usa, (Entity("UKR", "GOV", "Kyiv"),),
                        EventDate(dt.date(2025, 4, 2)), "Washington pledged $2 billion.",
                        amount=Quantity(2e9, "USD", "$2 billion"),
                        deadline=EventDate(dt.date(2026, 1, 1)))
    write_document(sqlite_store, make_doc("w", "2025-04-02"),
                   CodingResult("w", commitments=[pledge]))
    [row] = commitments(sqlite_store)
    assert (row.kind, row.actor, row.recipient, row.amount, row.unit, row.deadline) == (
        "aid", "USA", "UKR", 2e9, "USD", "2026-01-01")
    assert commitments(sqlite_store, actor="CHN") == []


def test_dataframe(store: Store) -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe(events(store))
    assert frame.shape == (9, 18)
    assert frame["n_mentions"].sum() == 10


@pytest.mark.parametrize("bad", ["U S", "usa;drop", "A", "CHN%"])
def test_bad_codes_say_what_to_write(store: Store, bad: str) -> None:
    with pytest.raises(StoreError, match="actor code"):
        events(store, EventFilter(actor=bad))


def test_dyads_and_periods(store: Store) -> None:
    assert parse_dyad("usa-chn") == ("USA", "CHN")
    assert parse_dyad("USA:CHN") == ("USA", "CHN")
    with pytest.raises(StoreError, match="A-B"):
        parse_dyad("USA")
    assert period_of(dt.date(2024, 12, 30), "week") == "2025-W01"
    with pytest.raises(StoreError, match="period"):
        timeline(store, "USA", "CHN", by="decade")  # type: ignore[arg-type]
