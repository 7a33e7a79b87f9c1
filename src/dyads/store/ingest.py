"""Ingest: read inputs, code them, and write each document with everything coded from it.

    ingest(store, inputs, coder)      files, directories, "-" -> the database; an IngestReport
    ingest_documents(store, docs, coder)  the same for Documents (and Failures) already read
    write_document(store, doc, result)    one coded document, in one transaction

Each document is written in one transaction: its row, its sentences, its mentions (fused into
events, see :mod:`dyads.store.fusion`), their actors and its commitments. A run that is killed
leaves whole documents or nothing of a document, and a re-run codes only what is missing:

* a document whose id and content hash are stored already is skipped before coding (read
  from another source, that source is added to the document's ``source``, one per line);
* a document whose id is stored with another hash *from the same file* is a new version: the
  old one's rows are removed (fused events left without mentions go too) and the new one is
  written;
* a document whose id is stored with another hash from another source (``a/report.md`` and
  ``b/report.md``, two texts on stdin) is another document: it is stored under ``<id>~2``
  (the rule of :mod:`dyads.identity`) and a warning names both sources;
* an input that cannot be read or coded is recorded in ``failures`` (one row per document and
  source, updated on every run) and the run goes on; a later successful ingest clears it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from dyads.errors import is_warning
from dyads.identity import SameDocument, collision, numbered, origin
from dyads.identity import content_hash as content_hash
from dyads.models import CodingResult, Commitment, Document, Event, Failure
from dyads.store.db import ConnectionLost, Store, StoreError, now
from dyads.store.fusion import find_event, fusion_key, side_key
from dyads.urls import http_url

Outcome = Literal["new", "replaced", "unchanged"]


class DocumentCoder(Protocol):
    """What ingest needs of :class:`dyads.pipeline.Coder`."""

    def code_documents(self, docs: Iterable[Document | Failure]
                       ) -> Iterator[CodingResult | Failure]: ...


@dataclass
class IngestReport:
    """What an ingest run did."""

    documents: int = 0
    unchanged: int = 0
    replaced: int = 0
    mentions: int = 0
    new_events: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents, "unchanged": self.unchanged,
                "replaced": self.replaced, "mentions": self.mentions,
                "new_events": self.new_events, "failed": len(self.failures),
                "warnings": len(self.warnings)}


def ingest(store: Store, inputs: Iterable[str | Path], coder: DocumentCoder, *,
           encoding: str = "utf-8", max_bytes: int = 20_000_000) -> IngestReport:
    """Read, code and store ``inputs`` (files, directories, "-")."""
    from dyads.readers import read_inputs

    return ingest_documents(store, read_inputs(inputs, encoding=encoding, max_bytes=max_bytes),
                            coder)


def ingest_documents(store: Store, docs: Iterable[Document | Failure],
                     coder: DocumentCoder, report: IngestReport | None = None) -> IngestReport:
    """Code the documents not stored yet and write each one as it is coded.

    ``report``, if given, is filled in as the run goes, so that a caller whose run is stopped
    (Ctrl-C, a lost connection) can still say how many documents were stored.
    """
    report = report if report is not None else IngestReport()
    pending: dict[str, Document] = {}
    todo = _unstored(store, docs, report, pending)
    for result in coder.code_documents(todo):
        if is_warning(result):
            assert isinstance(result, Failure)
            report.warnings.append(result)
            if isinstance(result, SameDocument):
                _add_source(store, pending, result.doc_id, result.source)
            continue
        if isinstance(result, Failure):
            pending.pop(result.doc_id, None)
            _fail(store, report, result)
            continue
        doc = pending.pop(result.doc_id, None)
        if doc is None:
            continue
        try:
            outcome, new_events = write_document(store, doc, result)
        except ConnectionLost:
            raise  # no document can be written any more: the caller says how far it got
        except StoreError as exc:
            _fail(store, report, Failure(doc.id, doc.source or doc.id, str(exc), exc.hint,
                                         kind="store"))
            continue
        _count(report, outcome, len(result.events), new_events)
    return report


def _unstored(store: Store, docs: Iterable[Document | Failure], report: IngestReport,
              pending: dict[str, Document]) -> Iterator[Document | Failure]:
    """Documents to code: not stored, or stored with other content, each under the id the
    identity rule gives it. Failures pass through; so does a warning for a renamed document."""
    for doc in docs:
        if isinstance(doc, Failure):
            yield doc
            continue
        digest = content_hash(doc)
        doc_id, stored = _identify(store, doc, digest, pending)
        if doc_id != doc.id:
            yield collision(doc, stored, doc_id)
            doc = dataclasses.replace(doc, id=doc_id)
        if doc_id in pending:  # the same document, read twice in this run
            _add_source(store, pending, doc_id, doc.source)
            continue
        sources = store.scalar("SELECT source FROM documents WHERE id = ? AND content_hash = ?",
                               (doc_id, digest))
        if sources is not None:
            report.unchanged += 1
            _add_source(store, pending, doc_id, doc.source)
            continue
        pending[doc.id] = doc
        yield doc


def _identify(store: Store, doc: Document, digest: str, pending: dict[str, Document]
              ) -> tuple[str, str | None]:
    """(the id ``doc`` is stored under, the source of the document first holding its id).

    The id itself when it is free, holds the same content, or holds an earlier version from
    the same file; else ``<id>~2``, ``<id>~3``... the first of these that is so.
    """
    first: str | None = None
    candidate, n = doc.id, 1
    while True:
        held = pending.get(candidate)
        if held is not None:  # coded in this run: only the same content is the same document
            if content_hash(held) == digest:
                return candidate, first
            source = held.source
        else:
            rows = store.query("SELECT content_hash, source FROM documents WHERE id = ?",
                               (candidate,))
            if not rows or rows[0]["content_hash"] == digest \
                    or _same_origin(rows[0]["source"], doc):
                return candidate, first
            source = rows[0]["source"]
        if first is None:
            first = str(source or candidate).split("\n")[0]
        n += 1
        candidate = numbered(doc.id, n)


def _same_origin(stored_sources: str | None, doc: Document) -> bool:
    here = origin(doc.source)
    return here is not None and any(origin(s) == here
                                    for s in (stored_sources or "").split("\n"))


def _add_source(store: Store, pending: dict[str, Document], doc_id: str,
                source: str | None) -> None:
    """Note that ``source`` holds document ``doc_id`` too (one source per line)."""
    if not source:
        return
    held = pending.get(doc_id)
    if held is not None:
        if source not in (held.source or "").split("\n"):
            pending[doc_id] = dataclasses.replace(
                held, source="\n".join(filter(None, (held.source, source))))
        return
    stored = store.scalar("SELECT source FROM documents WHERE id = ?", (doc_id,))
    if stored is None and not store.scalar("SELECT 1 FROM documents WHERE id = ?", (doc_id,)):
        return
    if source in (stored or "").split("\n"):
        return
    with store.transaction():
        store.execute("UPDATE documents SET source = ? WHERE id = ?",
                      ("\n".join(filter(None, (stored, source))), doc_id))


def _count(report: IngestReport, outcome: Outcome, mentions: int, new_events: int) -> None:
    if outcome == "unchanged":
        report.unchanged += 1
        return
    report.documents += 1
    report.replaced += outcome == "replaced"
    report.mentions += mentions
    report.new_events += new_events


def _fail(store: Store, report: IngestReport, failure: Failure) -> None:
    report.failures.append(failure)
    record_failure(store, failure)


def record_failure(store: Store, failure: Failure) -> None:
    """Record (or update) a failed input in ``failures``."""
    with store.transaction():
        store.execute(
            "INSERT INTO failures (doc_id, source, kind, error, hint, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_id, source) DO UPDATE SET "
            "kind = excluded.kind, error = excluded.error, hint = excluded.hint, "
            "recorded_at = excluded.recorded_at",
            (failure.doc_id, failure.source, failure.kind, failure.error, failure.hint, now()))


# ---------------------------------------------------------------------------- one document


def write_document(store: Store, doc: Document, result: CodingResult) -> tuple[Outcome, int]:
    """Write one coded document in one transaction: (what happened, fused events created)."""
    digest = content_hash(doc)
    with store.transaction():
        stored = store.scalar("SELECT content_hash FROM documents WHERE id = ?", (doc.id,))
        if stored == digest:
            return "unchanged", 0
        if stored is not None:
            remove_document(store, doc.id)
        _insert_document(store, doc, digest, len(result.events))
        touched: dict[str, None] = {}
        created = 0
        for event in result.events:
            event_id, new = _write_event(store, event)
            touched[event_id] = None
            created += new
        _refresh_events(store, touched)
        for commitment in result.commitments:
            _insert_commitment(store, commitment)
        store.execute("DELETE FROM failures WHERE doc_id = ?", (doc.id,))
    return ("replaced" if stored is not None else "new"), created


def remove_document(store: Store, doc_id: str) -> None:
    """Delete a document and what was coded from it (call inside a transaction)."""
    events = [r["event_id"] for r in store.query(
        "SELECT DISTINCT event_id FROM mentions WHERE doc_id = ?", (doc_id,))]
    store.execute("DELETE FROM actors WHERE mention_id IN "
                  "(SELECT id FROM mentions WHERE doc_id = ?)", (doc_id,))
    store.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
    for event_id in events:
        if store.scalar("SELECT COUNT(*) FROM mentions WHERE event_id = ?", (event_id,)) == 0:
            store.execute("DELETE FROM events WHERE id = ?", (event_id,))
    _refresh_events(store, dict.fromkeys(events))
    for table in ("sentences", "commitments"):
        store.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    store.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def _insert_document(store: Store, doc: Document, digest: str, n_events: int) -> None:
    store.execute(
        "INSERT INTO documents (id, content_hash, title, published, url, source, text, "
        "n_events, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (doc.id, digest, doc.title, doc.published.isoformat() if doc.published else None,
         http_url(doc.url), doc.source, doc.text, n_events, now()))


def _write_event(store: Store, event: Event) -> tuple[str, int]:
    """Insert one mention, fused into an existing event or a new one: (event id, 1 if new)."""
    key = fusion_key(event)
    event_id = find_event(store, key)
    created = 0
    if event_id is None:
        event_id = _insert_event(store, event, key.dyad, key.symmetric)
        created = 1
    sentence = _insert_sentence(store, event)
    record = json.dumps(event.to_plover(), ensure_ascii=False)
    store.execute(
        "INSERT INTO mentions (id, event_id, doc_id, sentence, date, event_type, cameo, actor, "
        "recipient, modality, confidence, text, plover) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (event.id, event_id, event.doc_id, sentence, event.date.date.isoformat(), event.event,
         event.cameo, side_key(event.actor), side_key(event.recipient), event.modality,
         round(event.confidence, 3), event.text, record))
    for role, entities in (("actor", event.actor), ("recipient", event.recipient)):
        for position, e in enumerate(entities):
            store.execute(
                "INSERT INTO actors (mention_id, role, position, code, sector, entity_text, "
                "office, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (event.id, role, position, e.code, e.sector, e.entity_text, e.office, e.name))
    return event_id, created


def _insert_event(store: Store, event: Event, dyad: str, symmetric: bool) -> str:
    event_id = _free_event_id(store, event.id)
    record = event.to_plover()
    record["id"] = event_id
    store.execute(
        "INSERT INTO events (id, date, event_type, cameo, root_code, quad_code, event_scale, "
        "goldstein, actor, recipient, dyad, unordered, mode, context, modality, confidence, "
        "n_mentions, n_documents, first_doc, text, plover) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)",
        (event_id, event.date.date.isoformat(), event.event, event.cameo, event.cameo[:2],
         event.quad_code, event.event_scale, event.goldstein, side_key(event.actor),
         side_key(event.recipient), dyad, int(symmetric), ",".join(event.mode),
         ",".join(event.context), event.modality, round(event.confidence, 3), event.doc_id,
         event.text, json.dumps(record, ensure_ascii=False)))
    return event_id


def _free_event_id(store: Store, base: str) -> str:
    """``base``, or ``base~2``, ``base~3``... when a fused event kept that id already."""
    candidate, n = base, 1
    while store.scalar("SELECT 1 FROM events WHERE id = ?", (candidate,)):
        n += 1
        candidate = f"{base}~{n}"
    return candidate


def _insert_sentence(store: Store, event: Event) -> int | None:
    ev = event.evidence
    if ev is None:
        return None
    store.execute("INSERT INTO sentences (doc_id, idx, start_char, end_char, text) "
                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id, idx) DO NOTHING",
                  (event.doc_id, ev.sentence, ev.sentence_start, ev.sentence_end, event.text))
    return ev.sentence


def _refresh_events(store: Store, event_ids: Iterable[str]) -> None:
    """Recount the mentions, documents and best confidence of fused events."""
    for event_id in event_ids:
        store.execute(
            "UPDATE events SET "
            "n_mentions = (SELECT COUNT(*) FROM mentions WHERE event_id = ?), "
            "n_documents = (SELECT COUNT(DISTINCT doc_id) FROM mentions WHERE event_id = ?), "
            "confidence = COALESCE((SELECT MAX(confidence) FROM mentions WHERE event_id = ?), "
            "confidence) WHERE id = ?", (event_id, event_id, event_id, event_id))


def _insert_commitment(store: Store, c: Commitment) -> None:
    store.execute(
        "INSERT INTO commitments (id, doc_id, kind, date, actor, recipient, amount, unit, "
        "deadline, text, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO NOTHING",
        (c.id, c.doc_id, c.kind, c.date.date.isoformat(), side_key(c.actor),
         side_key(c.recipient), c.amount.value if c.amount else None,
         c.amount.unit if c.amount else None,
         c.deadline.date.isoformat() if c.deadline else None, c.text,
         json.dumps(c.to_json(), ensure_ascii=False)))
