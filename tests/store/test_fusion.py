"""Fusion: one real-world event reported by several documents is one event with mentions."""

from __future__ import annotations

import datetime as dt

import pytest

from dyads.models import Event
from dyads.store import Store, ingest_documents
from dyads.store.fusion import candidate_dates, dyad_key, fusion_key

from .conftest import ReplayCoder, make_doc, make_event


def ingest_events(store: Store, *docs: tuple[str, str, list[Event]]) -> ReplayCoder:
    """Ingest documents (id, published, events) through the real ingest path."""
    coder = ReplayCoder({doc_id: events for doc_id, _, events in docs})
    ingest_documents(store, [make_doc(doc_id, day) for doc_id, day, _ in docs], coder)
    return coder


def fused(store: Store) -> list[tuple[str, int, int]]:
    """(dyad, mentions, documents) of every fused event, sorted."""
    rows = store.query("SELECT dyad, n_mentions, n_documents FROM events ORDER BY dyad, date")
    return [(r["dyad"], r["n_mentions"], r["n_documents"]) for r in rows]


def test_two_accounts_of_one_call_on_consecutive_days_are_one_event(sqlite_store: Store) -> None:
    ingest_events(sqlite_store,
                  ("xinhua", "2025-03-14", [make_event("xinhua", 0, "CONSULT", "CHN", "VNM",
                                                       "2025-03-14")]),
                  ("vna", "2025-03-15", [make_event("vna", 0, "CONSULT", "VNM", "CHN",
                                                    "2025-03-15")]))
    assert fused(sqlite_store) == [("CHN|VNM", 2, 2)]
    mentions = sqlite_store.query("SELECT id, event_id FROM mentions ORDER BY id")
    assert [m["id"] for m in mentions] == ["vna-0000-0", "xinhua-0000-0"]
    assert {m["event_id"] for m in mentions} == {"xinhua-0000-0"}
    # the fused event keeps its first mention's date
    assert sqlite_store.scalar("SELECT date FROM events") == "2025-03-14"


@pytest.mark.parametrize(("second", "expected"), [
    (("CONSULT", "CHN", "LAO", "2025-03-14"), 2),   # another dyad
    (("CONSULT", "VNM", "CHN", "2025-03-17"), 2),   # three days apart
    (("CONSULT", "VNM", "CHN", "2025-03-16"), 2),   # two days apart: outside the window
    (("AGREE", "VNM", "CHN", "2025-03-14"), 2),     # another type
    (("ACCUSE", "VNM", "CHN", "2025-03-14"), 2),    # ordered type, other direction
    (("CONSULT", "VNM", "CHN", "2025-03-13"), 1),   # the day before
    (("CONSULT", "CHN", "VNM", "2025-03-14"), 1),   # same day, same direction
])
def test_what_fuses(sqlite_store: Store, second: tuple[str, str, str, str],
                    expected: int) -> None:
    first_type = "ACCUSE" if second[0] == "ACCUSE" else "CONSULT"
    ingest_events(sqlite_store,
                  ("a", "2025-03-14", [make_event("a", 0, first_type, "CHN", "VNM",
                                                  "2025-03-14")]),
                  ("b", "2025-03-15", [make_event("b", 0, *second)]))
    assert sqlite_store.scalar("SELECT COUNT(*) FROM events") == expected
    assert sqlite_store.scalar("SELECT COUNT(*) FROM mentions") == 2


def test_ordered_types_fuse_in_the_same_direction(sqlite_store: Store) -> None:
    ingest_events(sqlite_store,
                  ("a", "2025-03-14", [make_event("a", 0, "ACCUSE", "USA", "RUS", "2025-03-14")]),
                  ("b", "2025-03-14", [make_event("b", 0, "ACCUSE", "USA", "RUS", "2025-03-15")]))
    assert fused(sqlite_store) == [("USA>RUS", 2, 2)]


def test_reingest_changes_nothing(sqlite_store: Store) -> None:
    docs = (("a", "2025-03-14", [make_event("a", 0, "CONSULT", "CHN", "VNM", "2025-03-14")]),
            ("b", "2025-03-15", [make_event("b", 0, "CONSULT", "VNM", "CHN", "2025-03-15")]))
    ingest_events(sqlite_store, *docs)
    before = {t: sqlite_store.query(f"SELECT * FROM {t}") for t in ("events", "mentions")}
    again = ingest_events(sqlite_store, *docs)
    assert again.coded == []  # skipped by content hash, never coded
    assert {t: sqlite_store.query(f"SELECT * FROM {t}") for t in before} == before


def test_nearest_date_wins_and_the_anchor_does_not_drift(sqlite_store: Store) -> None:
    ingest_events(sqlite_store,
                  ("a", "2025-03-10", [make_event("a", 0, "AGREE", "FRA", "DEU", "2025-03-10")]),
                  ("b", "2025-03-12", [make_event("b", 0, "AGREE", "DEU", "FRA", "2025-03-12")]),
                  ("c", "2025-03-11", [make_event("c", 0, "AGREE", "FRA", "DEU", "2025-03-11")]),
                  ("d", "2025-03-13", [make_event("d", 0, "AGREE", "FRA", "DEU", "2025-03-13")]))
    rows = sqlite_store.query("SELECT id, date, n_mentions FROM events ORDER BY date")
    # c (11th) is one day from both; the earlier event wins. d (13th) joins b (12th).
    assert [(r["id"], r["date"], r["n_mentions"]) for r in rows] == [
        ("a-0000-0", "2025-03-10", 2), ("b-0000-0", "2025-03-12", 2)]


def test_mentions_without_any_actor_are_never_fused(sqlite_store: Store) -> None:
    ingest_events(sqlite_store,
                  ("a", "2025-03-14", [make_event("a", 0, "ASSAULT", "", "", "2025-03-14")]),
                  ("b", "2025-03-14", [make_event("b", 0, "ASSAULT", "", "", "2025-03-14")]))
    assert sqlite_store.scalar("SELECT COUNT(*) FROM events") == 2


def test_multi_actor_sides_are_sets(sqlite_store: Store) -> None:
    ingest_events(sqlite_store,
                  ("a", "2025-03-14", [make_event("a", 0, "AID", "USA+JPN", "PHL", "2025-03-14")]),
                  ("b", "2025-03-14", [make_event("b", 0, "AID", "JPN+USA", "PHL", "2025-03-14")]))
    assert fused(sqlite_store) == [("JPN+USA>PHL", 2, 2)]


def test_a_changed_document_replaces_its_mentions(sqlite_store: Store) -> None:
    ingest_events(sqlite_store,
                  ("a", "2025-03-14", [make_event("a", 0, "CONSULT", "CHN", "VNM", "2025-03-14")]),
                  ("b", "2025-03-14", [make_event("b", 0, "CONSULT", "CHN", "VNM", "2025-03-14"),
                                       make_event("b", 1, "ACCUSE", "CHN", "PHL", "2025-03-14")]))
    coder = ReplayCoder({"b": [make_event("b", 0, "AID", "CHN", "KHM", "2025-03-14")]})
    report = ingest_documents(sqlite_store, [make_doc("b", "2025-03-14", "New text.")], coder)
    assert report.replaced == 1
    assert fused(sqlite_store) == [("CHN>KHM", 1, 1), ("CHN|VNM", 1, 1)]
    assert sqlite_store.scalar("SELECT COUNT(*) FROM documents") == 2
    assert sqlite_store.scalar("SELECT text FROM documents WHERE id = 'b'") == "New text."


def test_keys() -> None:
    assert dyad_key("CONSULT", "VNM", "CHN") == ("CHN|VNM", True)
    assert dyad_key("ACCUSE", "VNM", "CHN") == ("VNM>CHN", False)
    key = fusion_key(make_event("a", 0, "COOPERATE", "USA+GBR", "", "2024-02-29"))
    assert (key.dyad, key.fusable) == ("|GBR+USA", True)
    assert candidate_dates(dt.date(2024, 3, 1)) == ["2024-02-29", "2024-03-01", "2024-03-02"]


@pytest.mark.model
def test_real_accounts_of_one_call_fuse(sqlite_store: Store, coder: object) -> None:
    from dyads.models import Document

    chinese = Document("xinhua-call", "Chinese President Xi Jinping spoke with Vietnamese "
                       "Prime Minister Pham Minh Chinh.", published=dt.date(2025, 3, 14))
    vietnamese = Document("vna-call", "Vietnamese Prime Minister Pham Minh Chinh spoke by "
                          "telephone with Chinese President Xi Jinping.",
                          published=dt.date(2025, 3, 15))
    ingest_documents(sqlite_store, [chinese, vietnamese], coder)  # type: ignore[arg-type]
    rows = sqlite_store.query("SELECT dyad, n_documents FROM events WHERE event_type = 'CONSULT'")
    assert rows == [{"dyad": "CHN|VNM", "n_documents": 2}]
