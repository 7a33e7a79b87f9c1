"""What the API and the dashboard read that :mod:`dyads.store.query` does not offer yet.

    event_page(store, flt, offset)   one page of events and how many match in all
    event_detail(store, id)          a fused event with every mention and its evidence spans
    document(store, id)              a stored document with its coded markup and commitments
    anchors(store, rows)             the anchor mention of each listed event (for highlighting)
    top_dyads(store)                 pairs of actors with the most events between them
    dyad_events(store, a, b)         events between a and b in either direction, newest first
    fill_periods(rows, by)           a timeline with the empty periods put back

All of it is thin, portable SQL over the store's connection (SQLite and PostgreSQL alike) and
the store's own query functions; rows come back as frozen dataclasses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dyads.store import CommitmentRow, EventFilter, EventRow, Store, TimelineRow, commitments
from dyads.store import events as query_events
from dyads.store.query import EVENT_COLUMNS, Period, event_where, period_of
from dyads.web.markup import Span, spans_of

_CHUNK = 500  # ids per IN (...) list
MAX_FILLED = 600  # a timeline with more periods than this is not filled in


@dataclass(frozen=True)
class EventPage:
    """A page of events: ``events`` from ``offset``, out of ``total`` matching."""

    total: int
    limit: int
    offset: int
    events: list[EventRow]


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

    sentence: str
    start: int
    spans: list[Span]


@dataclass(frozen=True)
class DyadRow:
    """Two actors (in code order) and their events, either direction."""

    a: str
    b: str
    events: int
    cooperation: int
    conflict: int


# ---------------------------------------------------------------------------- events


def event_page(store: Store, flt: EventFilter, offset: int = 0) -> EventPage:
    """Events matching ``flt`` (oldest first), ``flt.limit`` of them from ``offset``."""
    where, params = event_where(flt)
    total = int(store.scalar(f"SELECT COUNT(*) FROM events e{where}", params) or 0)
    limit = flt.limit if flt.limit is not None else total
    rows = query_events(store, dataclasses.replace(flt, limit=offset + limit))[offset:]
    return EventPage(total, limit, offset, rows)


def event_detail(store: Store, event_id: str) -> EventDetail | None:
    """A fused event and all its mentions, or None when there is no such event."""
    found = store.query(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ?",
                        (event_id,))
    if not found:
        return None
    mentions = _mentions(store, "m.event_id = ?", event_id)
    return EventDetail(event_row(found[0]), mentions)


def event_row(r: dict[str, Any]) -> EventRow:
    """A database row as an EventRow, numbers typed (as :func:`dyads.store.events` does)."""
    r = dict(r)
    for name in ("event_scale", "goldstein", "confidence"):
        r[name] = float(r[name])
    for name in ("quad_code", "n_mentions", "n_documents"):
        r[name] = int(r[name])
    return EventRow(**r)


def anchors(store: Store, rows: Sequence[EventRow]) -> dict[str, Anchor]:
    """For each event, its anchor mention's sentence and evidence spans."""
    out: dict[str, Anchor] = {}
    ids = [r.id for r in rows]
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        for r in store.query("SELECT e.id AS id, e.plover AS plover, d.text AS doc_text "
                             f"FROM events e JOIN documents d ON d.id = e.first_doc "
                             f"WHERE e.id IN ({marks})", chunk):
            record = json.loads(r["plover"])
            out[r["id"]] = _anchor(record, r["doc_text"], r["id"])
    return out


def _anchor(record: dict[str, Any], doc_text: str, event_id: str) -> Anchor:
    span = (record.get("evidence") or {}).get("sentence_span")
    if not span or not 0 <= span[0] <= span[1] <= len(doc_text):
        return Anchor(str(record.get("text", "")), 0, [])
    return Anchor(doc_text[span[0]:span[1]], int(span[0]), spans_of(record, event=event_id))


def dyad_events(store: Store, a: str, b: str, *, limit: int = 500) -> list[EventRow]:
    """Events between ``a`` and ``b`` in either direction, newest first."""
    both = {r.id: r for side in (f"{a}-{b}", f"{b}-{a}")
            for r in query_events(store, EventFilter(dyad=side))}
    return sorted(both.values(), key=lambda r: (r.date, r.id), reverse=True)[:limit]


def type_counts(rows: Iterable[EventRow]) -> list[tuple[str, int, int]]:
    """(PLOVER type, quad class, events), most events first."""
    counts = Counter((r.event_type, r.quad_code) for r in rows)
    return [(t, q, n) for (t, q), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def partners(rows: Iterable[EventRow], code: str) -> list[tuple[str, int]]:
    """The codes on the other side of ``code``'s events, with how many events, most first."""
    counts: Counter[str] = Counter()
    for r in rows:
        mine, other = _sides(r.actor), _sides(r.recipient)
        if code not in mine:
            mine, other = other, mine
        for c in other - {code}:
            counts[c] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


# ---------------------------------------------------------------------------- documents


def document(store: Store, doc_id: str) -> DocumentView | None:
    """A stored document with its mentions and commitments, or None."""
    found = store.query("SELECT id, title, published, url, source, text, n_events "
                        "FROM documents WHERE id = ?", (doc_id,))
    if not found:
        return None
    d = found[0]
    doc_commitments = [c for c in commitments(store) if c.doc_id == doc_id]
    return DocumentView(d["id"], d["title"], d["published"], d["url"], d["source"], d["text"],
                        int(d["n_events"]), _mentions(store, "m.doc_id = ?", doc_id),
                        doc_commitments)


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
    return Mention(
        r["id"], r["event_id"], r["doc_id"], r["doc_title"], r["date"], r["event_type"],
        r["cameo"], r["actor"], r["recipient"], r["modality"], float(r["confidence"]),
        str(evidence.get("rule", "")), r["text"],
        sentence=_pair(evidence.get("sentence_span")),
        trigger=[trigger.start, trigger.end] if trigger else None,
        actor_spans=[[s.start, s.end] for s in spans if s.role == "actor"],
        recipient_spans=[[s.start, s.end] for s in spans if s.role == "recipient"])


def _pair(value: object) -> list[int] | None:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [value[0], value[1]]
    return None


# ---------------------------------------------------------------------------- dyads, timeline


def top_dyads(store: Store, *, limit: int = 20) -> list[DyadRow]:
    """Pairs of distinct actor codes with the most events between them (either direction)."""
    rows = store.query("SELECT actor, recipient, quad_code, COUNT(*) AS n FROM events "
                       "WHERE actor <> '' AND recipient <> '' "
                       "GROUP BY actor, recipient, quad_code")
    totals: Counter[tuple[str, str]] = Counter()
    coop: Counter[tuple[str, str]] = Counter()
    conflict: Counter[tuple[str, str]] = Counter()
    for r in rows:
        n, quad = int(r["n"]), int(r["quad_code"])
        pairs = {tuple(sorted((x, y))) for x in _sides(r["actor"])
                 for y in _sides(r["recipient"]) if x != y}
        for pair in pairs:
            key = (pair[0], pair[1])
            totals[key] += n
            if quad in (1, 2):
                coop[key] += n
            elif quad in (3, 4):
                conflict[key] += n
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [DyadRow(a, b, n, coop[(a, b)], conflict[(a, b)]) for (a, b), n in ranked]


def fill_periods(rows: Sequence[TimelineRow], by: Period) -> list[TimelineRow]:
    """The timeline with a zero row for every empty period between the first and the last."""
    if len(rows) < 2:
        return list(rows)
    first, last = _period_start(rows[0].period, by), _period_start(rows[-1].period, by)
    labels: list[str] = []
    day = first
    while day <= last and len(labels) <= MAX_FILLED:
        label = period_of(day, by)
        if not labels or labels[-1] != label:
            labels.append(label)
        day = _next(day, by)
    if len(labels) > MAX_FILLED:
        return list(rows)
    have = {r.period: r for r in rows}
    return [have.get(label, TimelineRow(label, 0, 0, 0, 0, 0, 0.0)) for label in labels]


def _period_start(label: str, by: Period) -> dt.date:
    if by == "week":
        year, week = label.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    if by == "month":
        return dt.date.fromisoformat(label + "-01")
    if by == "year":
        return dt.date(int(label), 1, 1)
    return dt.date.fromisoformat(label)


def _next(day: dt.date, by: Period) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7)
    if by == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def _sides(codes: str) -> set[str]:
    return {c for c in codes.split("+") if c}
