"""The durable event database: documents, fused events, mentions, actors and commitments.

    from dyads.store import Store, ingest, events, EventFilter
    with Store.open("events.db") as store:            # or "postgresql://user@host/db"
        report = ingest(store, ["readouts/"], Coder())
        rows = events(store, EventFilter(dyad="USA-CHN", since=date(2024, 1, 1)))

Modules: :mod:`~dyads.store.schema` (tables and migrations), :mod:`~dyads.store.db` (the
connection), :mod:`~dyads.store.ingest` (writing coded documents),
:mod:`~dyads.store.fusion` (when two reports are one event), :mod:`~dyads.store.query` and
:mod:`~dyads.store.export`. See docs/database.md.
"""

from dyads.store.db import Store, StoreError, resolve_url
from dyads.store.export import export, plover_records, read_plover
from dyads.store.fusion import SYMMETRIC_TYPES
from dyads.store.ingest import IngestReport, content_hash, ingest, ingest_documents
from dyads.store.query import (
    ActorRow,
    CommitmentRow,
    EventFilter,
    EventRow,
    TimelineRow,
    actors,
    commitments,
    events,
    timeline,
    to_dataframe,
)

__all__ = [
    "SYMMETRIC_TYPES", "ActorRow", "CommitmentRow", "EventFilter", "EventRow", "IngestReport",
    "Store", "StoreError", "TimelineRow", "actors", "commitments", "content_hash", "events",
    "export", "ingest", "ingest_documents", "plover_records", "read_plover", "resolve_url",
    "timeline", "to_dataframe",
]
