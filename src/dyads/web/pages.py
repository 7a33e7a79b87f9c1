"""The dashboard: server-rendered pages over the same store queries as the API.

    /                      the database at a glance; the dyads with the most events
    /dyad/{a}/{b}          timeline of cooperation against conflict, events by type, the events
    /events                the event table with every filter, evidence highlighted
    /events/{id}           one event: every report of it, trigger and actors marked
    /documents/{id}        a document with every coded trigger and actor marked in the text
    /actors/{code}         an actor's events, partners and commitments
    /commitments           the commitments tracker: pledges, targets, deadlines

Each view checks its parameters (:mod:`dyads.web.params`, the same filters as the API),
calls the store and hands the rows to a template in ``templates/``. Charts are drawn by the
bundled Chart.js from data in the page; nothing is fetched from another site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dyads.store import EventFilter, EventRow, Store, TimelineRow
from dyads.store import actors as query_actors
from dyads.store import commitments as query_commitments
from dyads.store import events as query_events
from dyads.store import timeline as query_timeline
from dyads.store.detail import anchors, doc_texts, document
from dyads.store.detail import event_detail as query_event_detail
from dyads.store.query import (
    MODALITIES,
    PERIODS,
    Period,
    commitment_kinds,
    count_commitments,
    count_events,
    event_page,
    event_types,
    fill_periods,
    partners,
    period_end,
    period_start,
    place_counts,
    top_dyads,
    type_counts,
)
from dyads.web import params
from dyads.web.api import NamesDep, commitment_query, public
from dyads.web.deps import open_store
from dyads.web.errors import BadQuery, NotFound
from dyads.web.markup import Piece, Span, mark

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(open_store)]
Filters = Annotated[params.EventQuery, Depends(params.event_query)]
Text = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=100_000)]
PAGE = 50
MAX_MONTHS = 72  # a dyad spanning more months than this is charted by year
CHART_MODALITY = "asserted"
"""What the dyad view counts unless asked otherwise: what happened, not what was said."""
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
    return templates.TemplateResponse(request, name, {
        "quads": QUADS, "modalities": MODALITIES, **context})


def _evidence(store: Store, rows: list[EventRow]) -> dict[str, dict[str, Any]]:
    """Each event's anchor sentence, cut into marked pieces, and where it is in its document."""
    return {event_id: {"pieces": mark(a.sentence, a.spans, max(a.start, 0)),
                       "href": f"/documents/{a.doc_id}" + (f"#s-{a.start}" if a.start >= 0
                                                          else "")}
            for event_id, a in anchors(store, rows).items()}


def _pager(page: int, total: int, query: dict[str, str], path: str) -> dict[str, Any]:
    pages = max(1, -(-total // PAGE))
    if page > pages and total:
        raise NotFound(f"page {page} is past the last page, {pages}",
                       "choose a page from the pager")
    return {"page": page, "pages": pages, "path": path, "query": query,
            "prev": urlencode({**query, "page": page - 1}) if page > 1 else None,
            "next": urlencode({**query, "page": page + 1}) if page < pages else None}


@router.get("/")
def index(request: Request, store: StoreDep) -> Response:
    return _render(request, "index.html", counts=store.counts(),
                   dyads=top_dyads(store, limit=20),
                   actors=query_actors(store, limit=16, known=True))


@router.get("/dyad")
def dyad_form(names: NamesDep, a: Text = None, b: Text = None) -> Response:
    """The dyad picker: names or codes, redirected to /dyad/A/B."""
    first = params.actor(a or "", names, "a")
    second = params.actor(b or "", names, "b")
    return RedirectResponse(f"/dyad/{first}/{second}", status_code=303)


@router.get("/dyad/{a}/{b}")
def dyad(request: Request, store: StoreDep, names: NamesDep, a: str, b: str, q: Filters,
         by: Annotated[str | None, Query(max_length=10)] = None, page: Page = 1) -> Response:
    a, b = params.actor(a, names, "a"), params.actor(b, names, "b")
    if by is not None and by not in PERIODS:
        raise BadQuery(f"by: {by!r} is not a period", f"use one of {', '.join(PERIODS)}")
    q = dataclasses.replace(q, dyad=f"{a}-{b}", direction=q.direction or "both",
                            modality=q.modality or CHART_MODALITY, sort=q.sort or "-date",
                            actor=None)
    flt = q.to_filter(names)
    found = event_page(store, dataclasses.replace(flt, limit=PAGE), (page - 1) * PAGE)
    period: Period = by or _auto_period(store, a, b, flt)
    timeline = fill_periods(query_timeline(store, a, b, period, flt=flt), period)
    every = query_events(store, dataclasses.replace(flt, sort="date"))
    split = {d: count_events(store, dataclasses.replace(flt, direction=d)) for d in ("ab", "ba")}
    others = count_events(store, dataclasses.replace(flt, modality=None)) - found.total
    query = q.query(by=by)
    query.pop("dyad", None)
    return _render(
        request, "dyad.html", a=a, b=b, by=period, periods=PERIODS, q=q, found=found,
        rows=found.events, evidence=_evidence(store, found.events), summary=_summary(timeline),
        split=split, others=others, label_a=_label(names, a), label_b=_label(names, b),
        pager=_pager(page, found.total, query, f"/dyad/{a}/{b}"),
        drill=urlencode({**q.query(), "sort": "date"}),
        download=urlencode(q.query()),
        chart={"labels": [t.period for t in timeline],
               "since": [max(period_start(t.period, period), flt.since or dt.date.min)
                         .isoformat() for t in timeline],
               "until": [min(period_end(t.period, period), flt.until or dt.date.max)
                         .isoformat() for t in timeline],
               "quads": [[getattr(t, f"quad{k}") for t in timeline] for k in range(1, 5)],
               "scale": [t.mean_scale if t.events else None for t in timeline],
               "types": type_counts(every)})


def _label(names: Any, code: str) -> str:
    label = names.label(code)
    return "" if label == code else str(label)


def _auto_period(store: Store, a: str, b: str, flt: EventFilter) -> Period:
    months = query_timeline(store, a, b, "month", flt=flt)
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
def events(request: Request, store: StoreDep, names: NamesDep, q: Filters,
           page: Page = 1) -> Response:
    flt = q.to_filter(names, limit=PAGE)
    found = event_page(store, flt, (page - 1) * PAGE)
    query = q.query()
    return _render(request, "events.html", form=query, q=q, found=found, rows=found.events,
                   evidence=_evidence(store, found.events), types=event_types(store),
                   pager=_pager(page, found.total, query, "/events"),
                   download=urlencode(query))


@router.get("/events/{event_id}")
def event(request: Request, store: StoreDep, event_id: str) -> Response:
    found = query_event_detail(store, event_id)
    if found is None:
        raise NotFound(f"no event {event_id!r}")
    texts = doc_texts(store, {m.doc_id for m in found.mentions})
    marked = []
    for m in found.mentions:
        text = texts.get(m.doc_id, "")
        if m.sentence and 0 <= m.sentence[0] <= m.sentence[1] <= len(text):
            pieces = mark(text[m.sentence[0]:m.sentence[1]], m.spans(), m.sentence[0])
        else:
            pieces = [Piece(m.text)]
        marked.append((m, pieces))
    return _render(request, "event.html", e=found.event, mentions=marked)


@router.get("/documents/{doc_id:path}")
def document_page(request: Request, store: StoreDep, doc_id: str) -> Response:
    found = document(store, doc_id)
    if found is None:
        raise NotFound(f"no document {doc_id!r}")
    found = public(found)
    spans = [s for m in found.mentions for s in m.spans()]
    sentences = sorted({(m.sentence[0], m.sentence[1]) for m in found.mentions if m.sentence})
    return _render(request, "document.html", doc=found,
                   parts=_sentence_parts(found.text, sentences, spans),
                   types=Counter(m.event_type for m in found.mentions).most_common())


def _sentence_parts(text: str, sentences: list[tuple[int, int]],
                    spans: list[Span]) -> list[tuple[int | None, list[Piece]]]:
    """The text cut into runs: (start, pieces) for each coded sentence, so that a link can
    point at it (``#s-start``), and (None, pieces) for the text between them."""
    out: list[tuple[int | None, list[Piece]]] = []
    at = 0
    for start, end in sentences:
        if start < at or end > len(text):
            continue  # overlapping or out of range: marked as plain text around it
        if start > at:
            out.append((None, mark(text[at:start], spans, at)))
        out.append((start, mark(text[start:end], spans, start)))
        at = end
    if at < len(text):
        out.append((None, mark(text[at:], spans, at)))
    return out


@router.get("/actors/{code}")
def actor(request: Request, store: StoreDep, names: NamesDep, code: str, q: Filters,
          page: Page = 1) -> Response:
    code = params.actor(code, names)
    row = next(iter(query_actors(store, code=code)), None)
    if row is None:
        raise NotFound(f"no events with the actor {code}", "pick an actor on the front page")
    q = dataclasses.replace(q, actor=code, sort=q.sort or "-date")
    flt = q.to_filter(names)
    found = event_page(store, dataclasses.replace(flt, limit=PAGE), (page - 1) * PAGE)
    every = query_events(store, dataclasses.replace(flt, sort="date"))
    query = q.query()
    query.pop("actor", None)
    return _render(request, "actor.html", code=code, label=_label(names, code), row=row, q=q,
                   found=found, recent=found.events, evidence=_evidence(store, found.events),
                   partners=partners(every, code)[:20], types=type_counts(every),
                   pager=_pager(page, found.total, query, f"/actors/{code}"),
                   download=urlencode(q.query()),
                   commitments=query_commitments(store, actor=code, limit=10))


@router.get("/map")
def event_map(request: Request, store: StoreDep, names: NamesDep, q: Filters) -> Response:
    """Where the matching events took place, country by country, on a map drawn offline."""
    flt = q.to_filter(names)
    counts = place_counts(store, flt)
    query = q.query()
    return _render(request, "map.html", q=q, form=query, types=event_types(store),
                   counts=[(code, names.label(code), n) for code, n in counts],
                   total=sum(n for _, n in counts), without=count_events(store, flt) - sum(
                       n for _, n in counts),
                   places=json_places(counts, names), drill=urlencode(query))


def json_places(counts: list[tuple[str, int]], names: Any) -> dict[str, dict[str, Any]]:
    """ISO 3166 numeric id (the map's country ids) -> code, name and events."""
    import pycountry

    out: dict[str, dict[str, Any]] = {}
    for code, n in counts:
        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            out[country.numeric] = {"code": code, "name": names.label(code), "events": n}
    return out


@router.get("/commitments")
def commitments(request: Request, store: StoreDep, names: NamesDep, actor: Text = None,
                kind: Text = None, since: Text = None, until: Text = None,
                page: Page = 1) -> Response:
    form = {"actor": actor or "", "kind": kind or "", "since": since or "",
            "until": until or ""}
    filters = commitment_query(form, names)
    total = count_commitments(store, **filters)
    rows = query_commitments(store, limit=PAGE, offset=(page - 1) * PAGE, **filters)
    query = {k: v.strip() for k, v in form.items() if v.strip()}
    return _render(request, "commitments.html", rows=rows, total=total,
                   kinds=commitment_kinds(store), form=form,
                   pager=_pager(page, total, query, "/commitments"),
                   download=urlencode(query), today=dt.date.today().isoformat())
