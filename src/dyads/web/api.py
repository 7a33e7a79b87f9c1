"""The JSON API under ``/api``: each endpoint checks its parameters and calls one query.

    GET  /api/events            fused events, with the CLI's filters, a page at a time
    GET  /api/events/{id}       one event with every mention and its evidence offsets
    GET  /api/timeline          events between two actors per period, by quad class
    GET  /api/dyads             pairs of actors with the most events
    GET  /api/actors            actor codes by number of events
    GET  /api/documents/{id}    a document with its coded markup (character offsets)
    GET  /api/commitments       pledges, targets, agreements, planned visits
    POST /api/code              code a text now (body up to 100 kB; the model loads once)
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from dyads.errors import DyadsError, ModelNotInstalled
from dyads.store import ActorRow, CommitmentRow, Store, TimelineRow
from dyads.store import actors as query_actors
from dyads.store import commitments as query_commitments
from dyads.store import timeline as query_timeline
from dyads.store.query import Period
from dyads.web import params, queries
from dyads.web.app import LazyCoder, open_store
from dyads.web.errors import BadQuery, NotFound


class ErrorOut(BaseModel):
    detail: str
    hint: str = ""


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=100_000, description="The text to code.")
    published: dt.date | None = Field(None, description="Anchors relative dates (yesterday).")


class CodeResult(BaseModel):
    n_events: int
    events: list[dict[str, Any]] = Field(description="PLOVER records, as `dyads code` writes.")


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "A parameter cannot be used"},
    503: {"model": ErrorOut, "description": "The database (or the model) is unavailable"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such item"}, **ERRORS}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
StoreDep = Annotated[Store, Depends(open_store)]
CODE = r"^ *[A-Za-z0-9]{2,12} *$"
DYAD = r"^ *[A-Za-z0-9]{2,12} *[-:/] *[A-Za-z0-9]{2,12} *$"
TYPE = r"^ *[A-Za-z_]{1,40} *$"
Code = Annotated[str | None, Query(pattern=CODE, description="Actor code, either side.")]


@router.get("/events", response_model=queries.EventPage)
def events(
    store: StoreDep,
    actor: Code = None,
    dyad: Annotated[str | None, Query(pattern=DYAD, description="A-B: A acts on B "
                                      "(either way for CONSULT, AGREE, COOPERATE).")] = None,
    event_type: Annotated[str | None, Query(alias="type", pattern=TYPE,
                                            description="PLOVER type.")] = None,
    since: Annotated[dt.date | None, Query(description="From this date.")] = None,
    until: Annotated[dt.date | None, Query(description="To this date, inclusive.")] = None,
    text: Annotated[str | None, Query(max_length=200,
                                      description="Words that must all appear.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> queries.EventPage:
    """Fused events, oldest first, ``limit`` of them from ``offset`` (and the total)."""
    flt = params.event_filter(actor=actor, dyad_=dyad, type_=event_type, since=since,
                              until=until, text=text, limit=limit)
    return queries.event_page(store, flt, offset)


@router.get("/events/{event_id}", response_model=queries.EventDetail, responses=NOT_FOUND)
def event(store: StoreDep, event_id: str) -> queries.EventDetail:
    """One fused event and every mention of it, with evidence offsets."""
    found = queries.event_detail(store, event_id)
    if found is None:
        raise NotFound(f"no event {event_id!r}")
    return found


@router.get("/timeline", response_model=list[TimelineRow])
def timeline(
    store: StoreDep,
    a: Annotated[str, Query(pattern=CODE, description="Actor code.")],
    b: Annotated[str, Query(pattern=CODE, description="The other actor code.")],
    by: Period = "month",
    since: dt.date | None = None,
    until: dt.date | None = None,
    fill: Annotated[bool, Query(description="Add empty periods between the first "
                                "and the last.")] = False,
) -> list[TimelineRow]:
    """Events between ``a`` and ``b`` (either direction) per period: counts by quad class
    (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict)
    and the mean intensity (``event_scale``)."""
    rows = query_timeline(store, params.code(a, "a"), params.code(b, "b"), by,
                          since=since, until=until)
    return queries.fill_periods(rows, by) if fill else rows


@router.get("/dyads", response_model=list[queries.DyadRow])
def dyads(store: StoreDep,
          limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> list[queries.DyadRow]:
    """Pairs of actors with the most events between them, either direction."""
    return queries.top_dyads(store, limit=limit)


@router.get("/actors", response_model=list[ActorRow])
def actors(store: StoreDep,
           limit: Annotated[int | None, Query(ge=1, le=10_000)] = None) -> list[ActorRow]:
    """Actor codes by how many fused events they take part in."""
    return query_actors(store, limit=limit)


@router.get("/documents/{doc_id:path}", response_model=queries.DocumentView,
            responses=NOT_FOUND)
def document(store: StoreDep, doc_id: str) -> queries.DocumentView:
    """A document, its text, and each event coded from it with the character offsets of its
    sentence, trigger, actors and recipients in that text."""
    found = queries.document(store, doc_id)
    if found is None:
        raise NotFound(f"no document {doc_id!r}")
    return found


@router.get("/commitments", response_model=list[CommitmentRow])
def commitments(store: StoreDep, actor: Code = None,
                limit: Annotated[int | None, Query(ge=1, le=10_000)] = None
                ) -> list[CommitmentRow]:
    """Stored commitments by date; ``actor`` on either side."""
    code = params.code(actor) if actor and actor.strip() else None
    return query_commitments(store, actor=code, limit=limit)


@router.post("/code", response_model=CodeResult,
             responses={413: {"model": ErrorOut, "description": "Body over 100 kB"}})
def code(request: Request, body: CodeRequest) -> CodeResult:
    """Code a text now. The first call loads the spaCy model (some seconds)."""
    coder: LazyCoder = request.app.state.coder
    try:
        found = coder.code(body.text, body.published)
    except ModelNotInstalled:
        raise
    except DyadsError as exc:
        raise BadQuery(f"text: {exc.args[0]}", exc.hint) from None
    return CodeResult(n_events=len(found), events=[e.to_plover() for e in found])
