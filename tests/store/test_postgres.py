"""SQLite and PostgreSQL give the same answers to the same queries and exports.

The PostgreSQL server is a private one started by scripts/postgres (which installs Debian's
postgresql when it is missing); these tests skip only when that cannot be done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyads.store import (
    EventFilter,
    Store,
    actors,
    commitments,
    events,
    ingest,
    plover_records,
    timeline,
)
from dyads.store.export import cameo_rows

from .conftest import CachingCoder, populate

QUERIES: dict[str, Callable[[Store], Any]] = {
    "all": lambda s: events(s),
    "actor": lambda s: events(s, EventFilter(actor="CHN")),
    "dyad": lambda s: events(s, EventFilter(dyad="VNM-CHN")),
    "type+dates": lambda s: events(s, EventFilter(event_type="ACCUSE",
                                                  since=dt.date(2025, 1, 1),
                                                  until=dt.date(2025, 6, 1))),
    "text": lambda s: events(s, EventFilter(text="Phone")),
    "limit": lambda s: events(s, EventFilter(limit=3)),
    "timeline": lambda s: timeline(s, "CHN", "VNM", by="week"),
    "actors": lambda s: actors(s),
    "commitments": lambda s: commitments(s),
    "plover": lambda s: list(plover_records(s)),
    "mentions": lambda s: list(plover_records(s, level="mentions")),
    "cameo": lambda s: list(cameo_rows(s)),
    "counts": lambda s: s.counts(),
}


def test_postgres_store_is_migrated(pg_store: Store) -> None:
    assert pg_store.dialect == "postgresql"
    assert pg_store.version() >= 1
    assert pg_store.migrate() == []


def test_same_answers_on_a_small_corpus(sqlite_store: Store, pg_store: Store) -> None:
    populate(sqlite_store)
    populate(pg_store)
    for name, query in QUERIES.items():
        assert query(pg_store) == query(sqlite_store), name
    assert len(QUERIES["all"](pg_store)) == 9


@pytest.mark.model
def test_same_answers_on_readouts(tmp_path: Path, pg_store: Store, readouts: list[Path],
                                  caching_coder: CachingCoder) -> None:
    with Store.open(tmp_path / "readouts.db") as lite:
        ingest(lite, readouts, caching_coder)
        ingest(pg_store, readouts, caching_coder)
        first = [r.code for r in actors(lite)][:2]
        per_store = {
            **QUERIES,
            "pair": lambda s: timeline(s, first[0], first[1], by="month"),
            "consult": lambda s: events(s, EventFilter(event_type="CONSULT", actor=first[1])),
            "words": lambda s: events(s, EventFilter(text="president call")),
        }
        for name, query in per_store.items():
            assert query(pg_store) == query(lite), name
        assert len(events(lite)) > len(readouts)
        again = ingest(pg_store, readouts, caching_coder)  # idempotent on PostgreSQL too
        assert (again.documents, again.unchanged) == (0, len(readouts))
        assert pg_store.counts() == lite.counts()
