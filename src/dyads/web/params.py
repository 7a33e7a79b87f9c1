"""Checking query values before they reach the store, so a bad value is a 400 that names the
parameter and the fix, never a database error.

    code(value, name)   an actor code (USA, CHN, IGO ...), upper-cased
    dyad(value)         "A-B" -> "A-B", both codes checked
    day(value, name)    an ISO date, or None
    words(value)        free text for the ``text`` filter
    event_filter(...)   all of the above as a :class:`dyads.store.EventFilter`
"""

from __future__ import annotations

import datetime as dt
import re

from dyads.store import EventFilter, StoreError
from dyads.store.query import check_code, parse_dyad
from dyads.web.errors import BadQuery

MAX_WORDS = 100
_TYPE = re.compile(r"[A-Za-z_]{1,40}")


def code(value: str, name: str = "actor") -> str:
    try:
        return check_code(value)
    except StoreError as exc:
        raise BadQuery(f"{name}: {exc.args[0]}", exc.hint) from None


def dyad(value: str) -> str:
    try:
        a, b = parse_dyad(value)
    except StoreError as exc:
        raise BadQuery(f"dyad: {exc.args[0]}", exc.hint) from None
    return f"{a}-{b}"


def day(value: str | dt.date | None, name: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadQuery(f"{name}: {value!r} is not a date", "write YYYY-MM-DD") from None


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
    return EventFilter(
        actor=code(actor) if actor and actor.strip() else None,
        dyad=dyad(dyad_) if dyad_ and dyad_.strip() else None,
        event_type=event_type(type_) if type_ and type_.strip() else None,
        since=day(since, "since"), until=day(until, "until"),
        text=words(text) if text and text.strip() else None, limit=limit)
