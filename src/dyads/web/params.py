"""Checking query values before they reach the store, so a bad value is a 400 (pages) or 422
(API) that names the parameter and the fix, never a database error.

    code(value, name)      an actor code (USA, CHN, IGO ...), upper-cased
    dyad(value)            "A-B" -> "A-B", both codes checked
    day(value, name)       a date, written YYYY-MM-DD (the one date format of API and pages)
    date_range(since, until)   both dates; ``since`` after ``until`` is a 422
    words(value)           free text for the ``text`` filter
    event_filter(...)      all of the above as a :class:`dyads.store.EventFilter`
    EventQuery             the filters of the event views, one FastAPI dependency for the API
                           and the pages alike (an empty value means "not given")
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Query

from dyads.store import EventFilter, StoreError
from dyads.store.query import MODALITIES, Direction, Sort, check_code, parse_dyad
from dyads.web.errors import BadQuery, Invalid
from dyads.web.names import ActorNames

MAX_WORDS = 20
"""A text search of more words is refused: each word is one more index lookup per query."""
_TYPE = re.compile(r"[A-Za-z_]{1,40}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE = r"^ *([0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))? *$"
CODE = r"^ *[A-Za-z0-9]{2,12} *$"
OPT_CODE = r"^ *([A-Za-z0-9]{2,12})? *$"
ACTOR = r"^ *([\w][\w .,'()&-]{0,79})? *$"
DYAD = r"^ *([A-Za-z0-9]{2,12} *[-:/] *[A-Za-z0-9]{2,12})? *$"
TYPE = r"^ *([A-Za-z_]{1,40})? *$"
MODALITY = "^(|any|" + "|".join(MODALITIES) + ")$"
DIRECTION = r"^(|ab|ba|both)$"
CONFIDENCE = r"^ *(0(\.[0-9]{1,3})?|1(\.0{1,3})?|\.[0-9]{1,3})? *$"
CAMEO = r"^ *([0-9]{1,4})? *$"
SECTOR = r"^ *([A-Za-z]{3})? *$"
SORT = r"^(|date|-date|scale|-scale|reports)$"


def code(value: str, name: str = "actor") -> str:
    try:
        return check_code(value)
    except StoreError as exc:
        raise BadQuery(f"{name}: {exc.args[0]}", exc.hint) from None


def actor(value: str, names: ActorNames | None, name: str = "actor") -> str:
    """An actor code, or the code of a name in the knowledge base ("Viet Nam" -> VNM)."""
    found = names.code_for(value) if names is not None else None
    if found:
        return found
    try:
        return check_code(value)
    except StoreError as exc:
        raise BadQuery(f"{name}: {value.strip()!r} is not an actor code or a known name",
                       exc.hint + "; names such as China or Xi Jinping work too") from None


def dyad(value: str) -> str:
    try:
        a, b = parse_dyad(value)
    except StoreError as exc:
        raise BadQuery(f"dyad: {exc.args[0]}", exc.hint) from None
    return f"{a}-{b}"


def day(value: str | dt.date | None, name: str) -> dt.date | None:
    """A date written YYYY-MM-DD (nothing else, in the API and the pages alike)."""
    if value is None or isinstance(value, dt.date):
        return value
    if not value.strip():
        return None
    try:
        if not _DAY.fullmatch(value.strip()):
            raise ValueError(value)
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadQuery(f"{name}: {value!r} is not a date", "write YYYY-MM-DD") from None


def date_range(since: str | dt.date | None, until: str | dt.date | None
               ) -> tuple[dt.date | None, dt.date | None]:
    first, last = day(since, "since"), day(until, "until")
    if first and last and first > last:
        raise Invalid(f"since: {first} is after until: {last}",
                      "swap the two dates, or leave one out", param="since")
    return first, last


def event_type(value: str) -> str:
    if not _TYPE.fullmatch(value.strip()):
        raise BadQuery(f"type: {value!r} is not a PLOVER event type",
                       "use a type such as CONSULT, AGREE, ACCUSE or ASSAULT")
    return value.strip().upper()


def words(value: str) -> str:
    value = value.replace("\x00", " ")  # PostgreSQL cannot compare text with NUL in it
    if len(value.split()) > MAX_WORDS:
        raise BadQuery(f"text: more than {MAX_WORDS} words",
                       "search for a few words that must all appear")
    return value


def event_filter(*, actor: str | None = None, dyad_: str | None = None,
                 type_: str | None = None, since: str | dt.date | None = None,
                 until: str | dt.date | None = None, text: str | None = None,
                 limit: int | None = None) -> EventFilter:
    """An EventFilter from query values; empty strings mean "not given"."""
    first, last = date_range(since, until)
    return EventFilter(
        actor=code(actor) if actor and actor.strip() else None,
        dyad=dyad(dyad_) if dyad_ and dyad_.strip() else None,
        event_type=event_type(type_) if type_ and type_.strip() else None,
        since=first, until=last,
        text=words(text) if text and text.strip() else None, limit=limit)


def _given(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


@dataclass(frozen=True)
class EventQuery:
    """The event filters as a request gave them (None: not given)."""

    actor: str | None = None
    dyad: str | None = None
    direction: str | None = None
    event_type: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    modality: str | None = None
    min_confidence: str | None = None
    cameo: str | None = None
    sector: str | None = None
    source: str | None = None
    place: str | None = None
    sort: str | None = None

    def to_filter(self, names: ActorNames | None = None, *, limit: int | None = None,
                  modality: str | None = None) -> EventFilter:
        """The store's filter; actor names are looked up in ``names``; ``modality`` is the
        view's default when none is given ("any" means every modality)."""
        base = event_filter(dyad_=self.dyad, type_=self.event_type,
                            since=self.since, until=self.until, text=self.text, limit=limit)
        chosen = _given(self.modality) or modality
        who = _given(self.actor)
        confidence = _given(self.min_confidence)
        place = _given(self.place)
        return dataclasses.replace(
            base, actor=actor(who, names) if who else None,
            direction=cast(Direction, self.direction) if _given(self.direction) else None,
            modality=None if chosen in (None, "any") else chosen,
            min_confidence=float(confidence) if confidence else None,
            cameo=_given(self.cameo), sector=_given(self.sector), source=_given(self.source),
            place=code(place, "place") if place else None,
            sort=cast(Sort, _given(self.sort) or "date"))

    def query(self, **changes: str | None) -> dict[str, str]:
        """The given values as URL query parameters (``type`` for the event type)."""
        values = {**dataclasses.asdict(self), **changes}
        values["type"] = values.pop("event_type")
        return {k: str(v).strip() for k, v in values.items() if v is not None and str(v).strip()}


def event_query(
    actor: Annotated[str | None, Query(pattern=ACTOR, description=(
        "Actor code or name (China, Xi Jinping), on either side."))] = None,
    dyad: Annotated[str | None, Query(pattern=DYAD, description=(
        "A-B: A acts on B (either way for CONSULT, AGREE, COOPERATE; see direction)."))] = None,
    direction: Annotated[str | None, Query(pattern=DIRECTION, description=(
        "With dyad: ab (A on B), ba (B on A) or both, as stored."))] = None,
    event_type: Annotated[str | None, Query(alias="type", pattern=TYPE,
                                            description="PLOVER type.")] = None,
    since: Annotated[str | None, Query(pattern=DATE, description=(
        "From this date, YYYY-MM-DD."))] = None,
    until: Annotated[str | None, Query(pattern=DATE, description=(
        "To this date, inclusive, YYYY-MM-DD."))] = None,
    text: Annotated[str | None, Query(max_length=200, description=(
        "Words that must all appear in the sentence."))] = None,
    modality: Annotated[str | None, Query(pattern=MODALITY, description=(
        "asserted, negated, intended, ... or any."))] = None,
    min_confidence: Annotated[str | None, Query(pattern=CONFIDENCE, description=(
        "At least this confidence, 0 to 1."))] = None,
    cameo: Annotated[str | None, Query(pattern=CAMEO, description=(
        "A CAMEO code or its prefix (04: every consultation)."))] = None,
    sector: Annotated[str | None, Query(pattern=SECTOR, description=(
        "An actor of this sector (GOV, MIL, BUS ...) on either side."))] = None,
    source: Annotated[str | None, Query(max_length=100, description=(
        "The document's url or source contains this (a publisher's site)."))] = None,
    place: Annotated[str | None, Query(pattern=OPT_CODE, description=(
        "The country the event took place in (ISO alpha-3)."))] = None,
    sort: Annotated[str | None, Query(pattern=SORT, description=(
        "date (oldest first), -date, scale, -scale or reports (most first)."))] = None,
) -> EventQuery:
    return EventQuery(actor, dyad, direction, event_type, since, until,
                      text.replace("\x00", " ") if text else text, modality, min_confidence,
                      cameo, sector, source.replace("\x00", " ") if source else source,
                      place, sort)
