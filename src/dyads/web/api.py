"""The JSON API under ``/api``: each endpoint checks its parameters and calls one store query.

    GET  /api/events              fused events, with the event filters, a page at a time
    GET  /api/events/{id}         one event with every mention and its evidence offsets
    GET  /api/timeline            events between two actors per period, by quad class
    GET  /api/dyads               pairs of actors with the most events
    GET  /api/actors              actor codes by number of events
    GET  /api/actors/names        actor names from the knowledge base, for autocomplete
    GET  /api/documents/{id}      a document with its coded markup (character offsets)
    GET  /api/commitments         pledges, targets, agreements, planned visits
    GET  /api/export/events       every matching event as CSV or JSON, streamed
    GET  /api/export/commitments  every matching commitment as CSV or JSON, streamed
    POST /api/code                code a text now (body up to 100 kB; the model loads once)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from dyads.errors import DyadsError, ModelNotInstalled
from dyads.store import ActorRow, CommitmentRow, Store, TimelineRow
from dyads.store import actors as query_actors
from dyads.store import commitments as query_commitments
from dyads.store import timeline as query_timeline
from dyads.store.detail import DocumentView, EventDetail, document, event_detail
from dyads.store.query import DyadRow, EventPage, Period, event_page, fill_periods, top_dyads
from dyads.web import params
from dyads.web.deps import LazyCoder, open_store
from dyads.web.downloads import Format, commitment_download, event_download
from dyads.web.errors import BadQuery, NotFound, WebError
from dyads.web.names import ActorNames

DATE = Annotated[str | None, Query(pattern=params.DATE, description="YYYY-MM-DD.")]


class ErrorOut(BaseModel):
    detail: str
    hint: str = ""


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=100_000, description="The text to code.")
    published: dt.date | None = Field(None, description="Anchors relative dates (yesterday).")


class CodeResult(BaseModel):
    n_events: int
    events: list[dict[str, Any]] = Field(description="PLOVER records, as `dyads code` writes.")


class NameOut(BaseModel):
    name: str
    code: str
    kind: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter cannot be used"},
    503: {"model": ErrorOut, "description": "The database (or the model) is unavailable, or "
          "the server is busy (then with Retry-After)"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such item"}, **ERRORS}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
StoreDep = Annotated[Store, Depends(open_store)]
Filters = Annotated[params.EventQuery, Depends(params.event_query)]


def actor_names(request: Request) -> ActorNames:
    """FastAPI dependency: the app's actor-name index (built on first use)."""
    return request.app.state.names.get()


NamesDep = Annotated[ActorNames, Depends(actor_names)]


@router.get("/events", response_model=EventPage)
def events(store: StoreDep, names: NamesDep, q: Filters,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100,
           offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> EventPage:
    """Fused events, oldest first (or in ``sort`` order), ``limit`` of them from ``offset``,
    and the total."""
    return event_page(store, q.to_filter(names, limit=limit), offset)


@router.get("/export/events", response_class=StreamingResponse,
            responses={200: {"description": "CSV (the EventRow columns) or a JSON array of "
                             "EventRow", "content": {"text/csv": {}, "application/json": {}}}})
def export_events(request: Request, store: StoreDep, names: NamesDep, q: Filters,
                  format: Format = "csv") -> StreamingResponse:  # noqa: A002
    """Every event matching the filters, streamed as CSV or JSON."""
    return event_download(request.app.state.store_url, q.to_filter(names), format)


@router.get("/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND)
def event(store: StoreDep, event_id: str) -> EventDetail:
    """One fused event and every mention of it, with evidence offsets."""
    found = event_detail(store, event_id)
    if found is None:
        raise NotFound(f"no event {event_id!r}")
    return found


@router.get("/timeline", response_model=list[TimelineRow])
def timeline(
    store: StoreDep,
    a: Annotated[str, Query(pattern=params.CODE, description="Actor code.")],
    b: Annotated[str, Query(pattern=params.CODE, description="The other actor code.")],
    by: Period = "month",
    since: DATE = None,
    until: DATE = None,
    fill: Annotated[bool, Query(description="Add empty periods between the first "
                                "and the last.")] = False,
    direction: Annotated[Literal["ab", "ba", "both"], Query(
        description="ab: a acts on b; ba: b on a; both.")] = "both",
    modality: Annotated[str | None, Query(pattern=params.MODALITY, description=(
        "asserted, negated, intended, ... (default: any)."))] = None,
) -> list[TimelineRow]:
    """Events between ``a`` and ``b`` per period: counts by quad class
    (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict)
    and the mean intensity (``event_scale``)."""
    flt = params.EventQuery(since=since, until=until, direction=direction,
                            modality=modality).to_filter()
    rows = query_timeline(store, params.code(a, "a"), params.code(b, "b"), by, flt=flt)
    return fill_periods(rows, by) if fill else rows


@router.get("/dyads", response_model=list[DyadRow])
def dyads(store: StoreDep,
          limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> list[DyadRow]:
    """Pairs of known actors with the most events between them, either direction."""
    return top_dyads(store, limit=limit)


@router.get("/actors", response_model=list[ActorRow])
def actors(store: StoreDep,
           limit: Annotated[int | None, Query(ge=1, le=10_000)] = None) -> list[ActorRow]:
    """Actor codes by how many fused events they take part in."""
    return query_actors(store, limit=limit)


@router.get("/actors/names", response_model=list[NameOut])
def actor_name_list(names: NamesDep,
                    q: Annotated[str, Query(max_length=80, description="The start of a name.")],
                    limit: Annotated[int, Query(ge=1, le=50)] = 10) -> list[NameOut]:
    """Countries, organisations and people whose name starts with (or contains) ``q``,
    with the actor code each stands for."""
    return [NameOut(name=n.name, code=n.code, kind=n.kind) for n in names.suggest(q, limit)]


@router.get("/documents/{doc_id:path}", response_model=DocumentView, responses=NOT_FOUND)
def get_document(store: StoreDep, doc_id: str) -> DocumentView:
    """A document, its text, and each event coded from it with the character offsets of its
    sentence, trigger, actors and recipients in that text."""
    found = document(store, doc_id)
    if found is None:
        raise NotFound(f"no document {doc_id!r}")
    return public(found)


def public(doc: DocumentView) -> DocumentView:
    """The document as the web shows it: an http(s) url or none, and no server path."""
    from dyads.urls import http_url

    source = doc.source
    if source and ("/" in source or "\\" in source) and not http_url(source):
        source = source.replace("\\", "/").rsplit("/", 1)[-1]
    return dataclasses.replace(doc, url=http_url(doc.url), source=source)


def commitment_filters(
    actor: Annotated[str | None, Query(pattern=params.ACTOR, description=(
        "Actor code or name, on either side."))] = None,
    kind: Annotated[str | None, Query(max_length=40, description=(
        "aid, loan, trade, agreement, visit ..."))] = None,
    since: DATE = None, until: DATE = None,
) -> dict[str, Any]:
    return {"actor": actor, "kind": kind, "since": since, "until": until}


CommitmentFilters = Annotated[dict[str, Any], Depends(commitment_filters)]


def commitment_query(f: dict[str, Any], names: ActorNames) -> dict[str, Any]:
    """The store's commitment filters from the request's values."""
    first, last = params.date_range(f["since"], f["until"])
    who = (f["actor"] or "").strip()
    return {"actor": params.actor(who, names) if who else None,
            "kind": (f["kind"] or "").strip() or None, "since": first, "until": last}


@router.get("/commitments", response_model=list[CommitmentRow])
def commitments(store: StoreDep, names: NamesDep, f: CommitmentFilters,
                limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
                offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> list[CommitmentRow]:
    """Stored commitments by date; ``actor`` on either side."""
    return query_commitments(store, limit=limit, offset=offset, **commitment_query(f, names))


@router.get("/export/commitments", response_class=StreamingResponse,
            responses={200: {"description": "CSV or a JSON array of CommitmentRow",
                             "content": {"text/csv": {}, "application/json": {}}}})
def export_commitments(request: Request, store: StoreDep, names: NamesDep,
                       f: CommitmentFilters,
                       format: Format = "csv") -> StreamingResponse:  # noqa: A002
    """Every commitment matching the filters, streamed as CSV or JSON."""
    return commitment_download(request.app.state.store_url, commitment_query(f, names), format)


@router.post("/code", response_model=CodeResult,
             responses={413: {"model": ErrorOut, "description": "Body over 100 kB"}})
def code(request: Request, body: CodeRequest) -> CodeResult:
    """Code a text now. The first call loads the spaCy model (some seconds). Busy: 503 with
    Retry-After."""
    coder: LazyCoder = request.app.state.coder
    try:
        found = coder.code(body.text, body.published)
    except (ModelNotInstalled, WebError):
        raise
    except DyadsError as exc:
        raise BadQuery(f"text: {exc.args[0]}", exc.hint) from None
    return CodeResult(n_events=len(found), events=[e.to_plover() for e in found])
