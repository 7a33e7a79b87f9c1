"""Queries over the event database, for Python, pandas and the CLI.

    events(store, EventFilter(...))   fused events -> list[EventRow]
    timeline(store, "USA", "CHN", by="month")   counts per quad class and mean intensity
    actors(store)                      actor codes with how many events they take part in
    commitments(store)                 stored commitments
    to_dataframe(rows)                 any of the above as a pandas DataFrame (needs pandas)

Every function returns typed, frozen rows (``row.to_dict()`` for a plain dict) in a fixed
order, and asks the database only portable SQL, so SQLite and PostgreSQL give equal answers.

Filters. ``actor``: events with that code on either side. ``dyad`` ``A-B``: A acts on B; for
the symmetric types (CONSULT, AGREE, COOPERATE) B-on-A matches too, as in fusion. ``since`` /
``until``: inclusive ISO dates. ``text``: every word appears (case-insensitively) in the
sentence of one of the event's mentions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dyads.store.db import Store, StoreError

Period = Literal["day", "week", "month", "year"]
PERIODS: tuple[Period, ...] = ("day", "week", "month", "year")
_CODE = re.compile(r"[A-Z0-9]{2,12}")


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None
    dyad: str | None = None
    event_type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    limit: int | None = None


class _Row:
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class EventRow(_Row):
    """One fused event, flat. ``actor``/``recipient`` are ``+``-joined code sets."""

    id: str
    date: str
    event_type: str
    cameo: str
    root_code: str
    quad_code: int
    event_scale: float
    goldstein: float
    actor: str
    recipient: str
    mode: str
    context: str
    modality: str
    confidence: float
    n_mentions: int
    n_documents: int
    first_doc: str
    text: str


EVENT_COLUMNS = tuple(f.name for f in dataclasses.fields(EventRow))


@dataclass(frozen=True)
class TimelineRow(_Row):
    """Events between two actors in one period, by PLOVER quad class (1-4)."""

    period: str
    events: int
    quad1: int
    quad2: int
    quad3: int
    quad4: int
    mean_scale: float


@dataclass(frozen=True)
class ActorRow(_Row):
    """An actor code: fused events it is in (on either side, as actor, as recipient)."""

    code: str
    events: int
    as_actor: int
    as_recipient: int
    mentions: int


@dataclass(frozen=True)
class CommitmentRow(_Row):
    id: str
    doc_id: str
    kind: str
    date: str
    actor: str
    recipient: str
    amount: float | None
    unit: str | None
    deadline: str | None
    text: str


def events(store: Store, flt: EventFilter | None = None) -> list[EventRow]:
    """Fused events matching ``flt``, by date then id."""
    flt = flt or EventFilter()
    where, params = event_where(flt)
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events e{where} ORDER BY e.date, e.id"
    if flt.limit is not None:
        sql += " LIMIT ?"
        params.append(int(flt.limit))
    return [_event_row(r) for r in store.query(sql, params)]


def _event_row(r: dict[str, Any]) -> EventRow:
    r = dict(r)
    for name in ("event_scale", "goldstein", "confidence"):
        r[name] = float(r[name])
    for name in ("quad_code", "n_mentions", "n_documents"):
        r[name] = int(r[name])
    return EventRow(**r)


def event_where(flt: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.actor:
        code = check_code(flt.actor)
        clauses.append(f"({_has('e.actor')} OR {_has('e.recipient')})")
        params += [_like(code), _like(code)]
    if flt.dyad:
        a, b = parse_dyad(flt.dyad)
        clauses.append(f"(({_has('e.actor')} AND {_has('e.recipient')}) OR (e.unordered = 1 "
                       f"AND {_has('e.actor')} AND {_has('e.recipient')}))")
        params += [_like(a), _like(b), _like(b), _like(a)]
    if flt.event_type:
        clauses.append("e.event_type = ?")
        params.append(flt.event_type.upper())
    if flt.since:
        clauses.append("e.date >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        clauses.append("e.date <= ?")
        params.append(flt.until.isoformat())
    for word in (flt.text or "").split():
        clauses.append("EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id "
                       "AND lower(m.text) LIKE ? ESCAPE '!')")
        params.append("%" + _escape(word.lower()) + "%")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _has(column: str) -> str:
    """SQL: the ``+``-joined code set in ``column`` contains the code bound next."""
    return f"('+' || {column} || '+') LIKE ?"


def _like(code: str) -> str:
    return f"%+{code}+%"


def _escape(word: str) -> str:
    return word.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def check_code(code: str) -> str:
    """An actor code, upper-cased; StoreError for anything that is not one."""
    up = code.strip().upper()
    if not _CODE.fullmatch(up):
        raise StoreError(f"{code!r} is not an actor code",
                         "use a code such as USA, CHN or IGO (see `dyads actors`)")
    return up


def parse_dyad(text: str) -> tuple[str, str]:
    """``A-B`` (or ``A:B``) -> (A, B)."""
    parts = re.split(r"[-:/]", text.strip())
    if len(parts) != 2:
        raise StoreError(f"{text!r} is not a dyad", "write two actor codes as A-B, e.g. USA-CHN")
    return check_code(parts[0]), check_code(parts[1])


# ---------------------------------------------------------------------------- timeline


def timeline(store: Store, a: str, b: str, by: Period = "month", *,
             since: dt.date | None = None, until: dt.date | None = None) -> list[TimelineRow]:
    """Events between ``a`` and ``b`` (either direction, every type) per period."""
    if by not in PERIODS:
        raise StoreError(f"unknown period {by!r}", f"use one of {', '.join(PERIODS)}")
    a, b = check_code(a), check_code(b)
    flt = EventFilter(since=since, until=until)
    where, params = event_where(flt)
    pair = (f"(({_has('actor')} AND {_has('recipient')}) OR "
            f"({_has('actor')} AND {_has('recipient')}))")
    where = (where + " AND " if where else " WHERE ") + pair
    params += [_like(a), _like(b), _like(b), _like(a)]
    rows = store.query(f"SELECT date, quad_code, event_scale FROM events e{where}", params)
    return _bucket(rows, by)


def period_of(day: dt.date, by: Period) -> str:
    """The label of the period ``day`` falls in: 2025-03-14, 2025-W11, 2025-03 or 2025."""
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _bucket(rows: Sequence[dict[str, Any]], by: Period) -> list[TimelineRow]:
    quads: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    scales: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        label = period_of(dt.date.fromisoformat(r["date"]), by)
        counts = quads[label]
        quad = int(r["quad_code"])
        if 1 <= quad <= 4:
            counts[quad - 1] += 1
        scales[label].append(float(r["event_scale"]))
    out = []
    for label in sorted(scales):
        q, values = quads[label], scales[label]
        out.append(TimelineRow(label, len(values), q[0], q[1], q[2], q[3],
                               round(sum(values) / len(values), 3)))
    return out


# ---------------------------------------------------------------------------- actors, commitments


def actors(store: Store, *, limit: int | None = None) -> list[ActorRow]:
    """Actor codes by how many fused events they take part in (most first, then code)."""
    sql = ("SELECT a.code AS code, COUNT(DISTINCT m.event_id) AS events, "
           "COUNT(DISTINCT CASE WHEN a.role = 'actor' THEN m.event_id END) AS as_actor, "
           "COUNT(DISTINCT CASE WHEN a.role = 'recipient' THEN m.event_id END) AS as_recipient, "
           "COUNT(DISTINCT m.id) AS mentions "
           "FROM actors a JOIN mentions m ON a.mention_id = m.id "
           "GROUP BY a.code ORDER BY events DESC, a.code")
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [ActorRow(str(r["code"]), int(r["events"]), int(r["as_actor"]),
                     int(r["as_recipient"]), int(r["mentions"]))
            for r in store.query(sql, params)]


def commitments(store: Store, *, actor: str | None = None,
                limit: int | None = None) -> list[CommitmentRow]:
    """Stored commitments by date then id; ``actor`` on either side."""
    sql = ("SELECT id, doc_id, kind, date, actor, recipient, amount, unit, deadline, text "
           "FROM commitments")
    params: list[Any] = []
    if actor:
        code = check_code(actor)
        sql += f" WHERE ({_has('actor')} OR {_has('recipient')})"
        params += [_like(code), _like(code)]
    sql += " ORDER BY date, id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [CommitmentRow(**{**r, "amount": None if r["amount"] is None else float(r["amount"])})
            for r in store.query(sql, params)]


def to_dataframe(rows: Sequence[_Row]) -> Any:
    """Rows as a pandas DataFrame (pandas is optional: StoreError when it is missing)."""
    try:
        import pandas as pd
    except ImportError:
        raise StoreError("to_dataframe needs pandas", "pip install pandas") from None
    return pd.DataFrame.from_records([r.to_dict() for r in rows])
