"""Reads for showing one event or one document with its evidence, for the dashboard and API.

    event_detail(store, id)     a fused event with every mention and its evidence spans
    document(store, id)         a stored document with its mentions and commitments
    anchors(store, rows)        the anchor sentence and evidence spans of each listed event
    doc_texts(store, ids)       document id -> text
    spans_of(record)            the trigger, actor and recipient spans of a PLOVER record

Offsets in a record's ``evidence`` are character offsets into the document text (the coder's
normalisation keeps them, see :mod:`dyads.normalize`). Rows are frozen dataclasses.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard

from dyads.store.db import Store
from dyads.store.query import EVENT_COLUMNS, CommitmentRow, EventRow, commitments, event_row

Role = Literal["trigger", "actor", "recipient"]
ROLES: tuple[Role, ...] = ("trigger", "actor", "recipient")
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of the document play ``role`` in the event ``event``."""

    start: int
    end: int
    role: Role
    event: str = ""
    label: str = ""


@dataclass(frozen=True)
class Mention:
    """One coded report of an event, with its evidence as document character offsets."""

    id: str
    event_id: str
    doc_id: str
    doc_title: str | None
    date: str
    event_type: str
    cameo: str
    actor: str
    recipient: str
    modality: str
    confidence: float
    rule: str
    text: str
    sentence: list[int] | None = None
    trigger: list[int] | None = None
    actor_spans: list[list[int]] = field(default_factory=list)
    recipient_spans: list[list[int]] = field(default_factory=list)

    def spans(self) -> list[Span]:
        """The evidence spans, for :func:`dyads.web.markup.mark`."""
        label = f"{self.event_type} {self.cameo}"
        out = [Span(self.trigger[0], self.trigger[1], "trigger", self.event_id,
                    f"{label} trigger")] if self.trigger else []
        out += [Span(s[0], s[1], "actor", self.event_id, f"{label} actor")
                for s in self.actor_spans]
        out += [Span(s[0], s[1], "recipient", self.event_id, f"{label} recipient")
                for s in self.recipient_spans]
        return out


@dataclass(frozen=True)
class EventDetail:
    event: EventRow
    mentions: list[Mention]


@dataclass(frozen=True)
class DocumentView:
    """A stored document, the events coded from it (as mentions) and its commitments."""

    id: str
    title: str | None
    published: str | None
    url: str | None
    source: str | None
    text: str
    n_events: int
    mentions: list[Mention]
    commitments: list[CommitmentRow]


@dataclass(frozen=True)
class Anchor:
    """The sentence an event was first coded from, and its evidence spans."""

    doc_id: str
    sentence: str
    start: int
    spans: list[Span]


def spans_of(record: dict[str, Any], *, event: str = "") -> list[Span]:
    """The evidence spans of a PLOVER record (none when it has no evidence)."""
    evidence = record.get("evidence") or {}
    label = "/".join(record.get("event") or []) + (f" {record['cameo']}" if record.get("cameo")
                                                   else "")
    out: list[Span] = []
    trigger = evidence.get("trigger")
    if _is_span(trigger):
        out.append(Span(int(trigger[0]), int(trigger[1]), "trigger", event, f"{label} trigger"))
    for role in ("actor", "recipient"):
        for s in evidence.get(role) or []:
            if _is_span(s):
                out.append(Span(int(s[0]), int(s[1]), role, event, f"{label} {role}"))
    return out


def sentence_span(record: dict[str, Any]) -> tuple[int, int] | None:
    """(start, end) of the record's sentence in the document, if known."""
    span = (record.get("evidence") or {}).get("sentence_span")
    return (int(span[0]), int(span[1])) if _is_span(span) else None


def _is_span(value: object) -> TypeGuard[Sequence[int]]:
    return (isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2
            and all(isinstance(v, int) for v in value) and value[0] <= value[1])


# ---------------------------------------------------------------------------- events


def event_detail(store: Store, event_id: str) -> EventDetail | None:
    """A fused event and all its mentions, or None when there is no such event."""
    found = store.query(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ?",
                        (event_id,))
    if not found:
        return None
    return EventDetail(event_row(found[0]), _mentions(store, "m.event_id = ?", event_id))


def anchors(store: Store, rows: Sequence[EventRow]) -> dict[str, Anchor]:
    """For each event, its anchor mention's sentence and evidence spans."""
    out: dict[str, Anchor] = {}
    ids = [r.id for r in rows]
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for r in store.query("SELECT e.id AS id, e.plover AS plover, d.id AS doc_id, "
                             "d.text AS doc_text FROM events e "
                             f"JOIN documents d ON d.id = e.first_doc WHERE e.id IN ({marks})",
                             chunk):
            out[r["id"]] = _anchor(json.loads(r["plover"]), r["doc_id"], r["doc_text"], r["id"])
    return out


def _anchor(record: dict[str, Any], doc_id: str, doc_text: str, event_id: str) -> Anchor:
    span = sentence_span(record)
    if span is None or span[1] > len(doc_text):
        return Anchor(doc_id, str(record.get("text", "")), -1, [])
    return Anchor(doc_id, doc_text[span[0]:span[1]], span[0], spans_of(record, event=event_id))


def doc_texts(store: Store, ids: set[str]) -> dict[str, str]:
    """The text of each listed document that exists."""
    out: dict[str, str] = {}
    ordered = sorted(ids)
    for i in range(0, len(ordered), _CHUNK):
        chunk = ordered[i:i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        out.update({r["id"]: r["text"] for r in store.query(
            f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk)})
    return out


# ---------------------------------------------------------------------------- documents


def document(store: Store, doc_id: str) -> DocumentView | None:
    """A stored document with its mentions and commitments, or None."""
    found = store.query("SELECT id, title, published, url, source, text, n_events "
                        "FROM documents WHERE id = ?", (doc_id,))
    if not found:
        return None
    d = found[0]
    return DocumentView(d["id"], d["title"], d["published"], d["url"], d["source"], d["text"],
                        int(d["n_events"]), _mentions(store, "m.doc_id = ?", doc_id),
                        commitments(store, doc_id=doc_id))


def _mentions(store: Store, where: str, value: str) -> list[Mention]:
    rows = store.query(
        "SELECT m.id AS id, m.event_id AS event_id, m.doc_id AS doc_id, d.title AS doc_title, "
        "m.date AS date, m.event_type AS event_type, m.cameo AS cameo, m.actor AS actor, "
        "m.recipient AS recipient, m.modality AS modality, m.confidence AS confidence, "
        "m.text AS text, m.plover AS plover FROM mentions m "
        f"JOIN documents d ON d.id = m.doc_id WHERE {where} ORDER BY m.date, m.id", (value,))
    return [_mention(r) for r in rows]


def _mention(r: dict[str, Any]) -> Mention:
    record = json.loads(r["plover"])
    evidence = record.get("evidence") or {}
    spans = spans_of(record)
    trigger = next((s for s in spans if s.role == "trigger"), None)
    sentence = sentence_span(record)
    return Mention(
        r["id"], r["event_id"], r["doc_id"], r["doc_title"], r["date"], r["event_type"],
        r["cameo"], r["actor"], r["recipient"], r["modality"], float(r["confidence"]),
        str(evidence.get("rule", "")), r["text"],
        sentence=list(sentence) if sentence else None,
        trigger=[trigger.start, trigger.end] if trigger else None,
        actor_spans=[[s.start, s.end] for s in spans if s.role == "actor"],
        recipient_spans=[[s.start, s.end] for s in spans if s.role == "recipient"])
