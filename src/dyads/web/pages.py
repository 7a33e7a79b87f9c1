"""The dashboard: server-rendered pages over the same queries as the API.

    /                      the database at a glance; the dyads with the most events
    /dyad/{a}/{b}          timeline of cooperation against conflict, events by type, the events
    /events                the event table with the CLI's filters, evidence highlighted
    /events/{id}           one event: every report of it, trigger and actors marked
    /documents/{id}        a document with every coded trigger and actor marked in the text
    /actors/{code}         an actor's events, partners and commitments
    /commitments           the commitments tracker: pledges, targets, deadlines

Each view checks its parameters (:mod:`dyads.web.params`), calls the queries and hands the
rows to a template in ``templates/``. Charts are drawn by the bundled Chart.js from data in
the page; nothing is fetched from another site.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dyads.store import EventRow, Store, TimelineRow
from dyads.store import actors as query_actors
from dyads.store import commitments as query_commitments
from dyads.store import events as query_events
from dyads.store import timeline as query_timeline
from dyads.store.query import PERIODS, Period
from dyads.web import params, queries
from dyads.web.app import open_store
from dyads.web.errors import BadQuery, NotFound
from dyads.web.markup import Piece, mark

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(open_store)]
Text = Annotated[str | None, Query(max_length=200)]
PAGE = 50
MAX_MONTHS = 72  # a dyad spanning more months than this is charted by year
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}


def amount(value: float | None, unit: str | None = None) -> str:
    """A commitment's amount for people: 2000000000 USD -> "USD 2 bn"."""
    if value is None:
        return ""
    for size, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m")):
        if abs(value) >= size:
            number = f"{value / size:,.1f}".removesuffix(".0") + suffix
            break
    else:
        number = f"{value:,.0f}"
    return f"{unit} {number}" if unit else number


FILTERS = {"amount": amount}


def _render(request: Request, name: str, **context: Any) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, {"quads": QUADS, **context})


def _evidence(store: Store, rows: list[EventRow]) -> dict[str, list[Piece]]:
    """Each event's anchor sentence, cut into marked pieces."""
    return {event_id: mark(a.sentence, a.spans, a.start)
            for event_id, a in queries.anchors(store, rows).items()}


@router.get("/")
def index(request: Request, store: StoreDep) -> Response:
    return _render(request, "index.html", counts=store.counts(),
                   dyads=queries.top_dyads(store, limit=20),
                   actors=query_actors(store, limit=16))


@router.get("/dyad")
def dyad_form(a: Text = None, b: Text = None) -> Response:
    """The landing page's dyad picker: redirect to /dyad/A/B."""
    return RedirectResponse(f"/dyad/{params.code(a or '', 'a')}/{params.code(b or '', 'b')}",
                            status_code=303)


@router.get("/dyad/{a}/{b}")
def dyad(request: Request, store: StoreDep, a: str, b: str,
         by: Annotated[str | None, Query(max_length=10)] = None) -> Response:
    a, b = params.code(a, "a"), params.code(b, "b")
    if by is not None and by not in PERIODS:
        raise BadQuery(f"by: {by!r} is not a period", f"use one of {', '.join(PERIODS)}")
    rows = queries.dyad_events(store, a, b)
    period: Period = by or _auto_period(store, a, b)
    timeline = queries.fill_periods(query_timeline(store, a, b, period), period)
    return _render(request, "dyad.html", a=a, b=b, by=period, periods=PERIODS, rows=rows,
                   evidence=_evidence(store, rows), summary=_summary(timeline),
                   chart={"labels": [t.period for t in timeline],
                          "quads": [[getattr(t, f"quad{q}") for t in timeline]
                                    for q in range(1, 5)],
                          "scale": [t.mean_scale if t.events else None for t in timeline],
                          "types": queries.type_counts(rows)})


def _auto_period(store: Store, a: str, b: str) -> Period:
    months = query_timeline(store, a, b, "month")
    if len(months) < 2:
        return "month"
    first, last = (dt.date.fromisoformat(m.period + "-01") for m in (months[0], months[-1]))
    span = (last.year - first.year) * 12 + last.month - first.month
    return "month" if span <= MAX_MONTHS else "year"


def _summary(timeline: list[TimelineRow]) -> dict[str, Any]:
    total = sum(t.events for t in timeline)
    coop = sum(t.quad1 + t.quad2 for t in timeline)
    conflict = sum(t.quad3 + t.quad4 for t in timeline)
    scale = sum(t.mean_scale * t.events for t in timeline) / total if total else 0.0
    active = [t.period for t in timeline if t.events]
    return {"events": total, "cooperation": coop, "conflict": conflict,
            "mean_scale": round(scale, 2), "first": active[0] if active else "",
            "last": active[-1] if active else ""}


@router.get("/events")
def events(request: Request, store: StoreDep, actor: Text = None, dyad: Text = None,
           event_type: Annotated[str | None, Query(alias="type", max_length=40)] = None,
           since: Text = None, until: Text = None, text: Text = None,
           page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    form = {"actor": actor or "", "dyad": dyad or "", "type": event_type or "",
            "since": since or "", "until": until or "", "text": text or ""}
    flt = params.event_filter(actor=actor, dyad_=dyad, type_=event_type, since=since,
                              until=until, text=text, limit=PAGE)
    found = queries.event_page(store, flt, (page - 1) * PAGE)
    query = {k: v for k, v in form.items() if v}
    pages = max(1, -(-found.total // PAGE))
    return _render(request, "events.html", form=form, found=found, page=page, pages=pages,
                   rows=found.events, evidence=_evidence(store, found.events),
                   prev=urlencode({**query, "page": page - 1}) if page > 1 else None,
                   next=urlencode({**query, "page": page + 1}) if page < pages else None,
                   types=_event_types(store))


def _event_types(store: Store) -> list[str]:
    return [str(r["event_type"]) for r in store.query(
        "SELECT DISTINCT event_type FROM events ORDER BY event_type")]


@router.get("/events/{event_id}")
def event(request: Request, store: StoreDep, event_id: str) -> Response:
    found = queries.event_detail(store, event_id)
    if found is None:
        raise NotFound(f"no event {event_id!r}")
    texts = _doc_texts(store, {m.doc_id for m in found.mentions})
    marked = []
    for m in found.mentions:
        text = texts.get(m.doc_id, "")
        if m.sentence and 0 <= m.sentence[0] <= m.sentence[1] <= len(text):
            pieces = mark(text[m.sentence[0]:m.sentence[1]], m.spans(), m.sentence[0])
        else:
            pieces = [Piece(m.text)]
        marked.append((m, pieces))
    return _render(request, "event.html", e=found.event, mentions=marked)


def _doc_texts(store: Store, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return {r["id"]: r["text"] for r in store.query(
        f"SELECT id, text FROM documents WHERE id IN ({marks})", sorted(ids))}


@router.get("/documents/{doc_id:path}")
def document(request: Request, store: StoreDep, doc_id: str) -> Response:
    found = queries.document(store, doc_id)
    if found is None:
        raise NotFound(f"no document {doc_id!r}")
    spans = [s for m in found.mentions for s in m.spans()]
    return _render(request, "document.html", doc=found, pieces=mark(found.text, spans),
                   types=Counter(m.event_type for m in found.mentions).most_common())


@router.get("/actors/{code}")
def actor(request: Request, store: StoreDep, code: str) -> Response:
    code = params.code(code)
    row = next((r for r in query_actors(store) if r.code == code), None)
    if row is None:
        raise NotFound(f"no events with the actor {code}", "pick an actor on the front page")
    rows = query_events(store, params.event_filter(actor=code))
    recent = sorted(rows, key=lambda r: (r.date, r.id), reverse=True)[:40]
    return _render(request, "actor.html", code=code, row=row, recent=recent,
                   evidence=_evidence(store, recent),
                   partners=queries.partners(rows, code)[:20],
                   types=queries.type_counts(rows),
                   commitments=query_commitments(store, actor=code))


@router.get("/commitments")
def commitments(request: Request, store: StoreDep, actor: Text = None,
                kind: Text = None) -> Response:
    code = params.code(actor) if actor and actor.strip() else None
    rows = query_commitments(store, actor=code)
    kinds = sorted({r.kind for r in query_commitments(store)})
    if kind:
        rows = [r for r in rows if r.kind == kind]
    return _render(request, "commitments.html", rows=rows, kinds=kinds,
                   form={"actor": actor or "", "kind": kind or ""},
                   today=dt.date.today().isoformat())
