"""Queries over the event database: the one query API of the CLI, the web layer and exports.

    events(store, EventFilter(...))   fused events -> list[EventRow]
    event_page(store, flt, offset)     a page of them and how many match in all
    timeline(store, "USA", "CHN", by="month")   counts per quad class and mean intensity
    fill_periods(rows, by)             a timeline with its empty periods put back
    top_dyads(store)                   pairs of actors with the most events between them
    actors(store)                      actor codes with how many events they take part in
    event_types(store)                 the PLOVER types present
    commitments(store)                 stored commitments
    to_dataframe(rows)                 any of the above as a pandas DataFrame (needs pandas)

:mod:`dyads.store.detail` reads one event or one document with its evidence.

Every function returns typed, frozen rows (``row.to_dict()`` for a plain dict) in a fixed
order, and asks the database only portable SQL, so SQLite and PostgreSQL give equal answers.

Filters. ``actor``: events with that code on either side. ``dyad`` ``A-B``: A acts on B; for
the symmetric types (CONSULT, AGREE, COOPERATE) B-on-A matches too, as in fusion. ``since`` /
``until``: inclusive ISO dates (``since`` after ``until`` is an error). ``text``: words and
"quoted phrases" that all appear, as whole words and case-insensitively, in the sentence of
one of the event's mentions ("war" does not match "toward"); a full-text index answers it
(SQLite FTS5, PostgreSQL ``to_tsvector``). ``direction``
with a dyad: ``ab`` A acts on B, ``ba`` B acts on A, ``both`` either (as stored, no symmetric
rule). ``modality``: asserted, negated, intended ... ``min_confidence``: at least this.
``cameo``: a CAMEO code or its prefix (``04`` is every consultation). ``sector``: an actor of
that sector (GOV, MIL ...) on either side. ``source``: the document's url or source contains
this. ``place``: the event took place in this country (ISO alpha-3, its ``event_loc``).
``sort``: date (default), -date, scale, -scale or reports (most first).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dyads.store.db import Store, StoreError

Period = Literal["day", "week", "month", "year"]
PERIODS: tuple[Period, ...] = ("day", "week", "month", "year")
Direction = Literal["ab", "ba", "both"]
Sort = Literal["date", "-date", "scale", "-scale", "reports"]
SORTS: dict[str, str] = {"date": "e.date, e.id", "-date": "e.date DESC, e.id DESC",
                         "scale": "e.event_scale, e.date, e.id",
                         "-scale": "e.event_scale DESC, e.date, e.id",
                         "reports": "e.n_mentions DESC, e.date, e.id"}
MODALITIES = ("asserted", "intended", "negated", "hypothetical", "question", "reported")
UNKNOWN = "UNK"
"""The code of an actor the coder could not identify: never one side of a "top" dyad."""
_CODE = re.compile(r"[A-Z0-9]{2,12}")
_CAMEO = re.compile(r"[0-9]{1,4}")
_SECTOR = re.compile(r"[A-Z]{3}")
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
MAX_TERMS = 20
"""A search uses at most this many words and phrases (the rest are ignored): bounded cost."""
MAX_FILLED = 600  # a timeline with more periods than this is not filled in


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None
    dyad: str | None = None
    event_type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    limit: int | None = None
    direction: Direction | None = None
    modality: str | None = None
    min_confidence: float | None = None
    cameo: str | None = None
    sector: str | None = None
    source: str | None = None
    place: str | None = None
    sort: Sort = "date"


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


@dataclass(frozen=True)
class EventPage:
    """A page of events: ``events`` from ``offset``, out of ``total`` matching."""

    total: int
    limit: int
    offset: int
    events: list[EventRow]


@dataclass(frozen=True)
class DyadRow(_Row):
    """Two actors (in code order) and their events, either direction."""

    a: str
    b: str
    events: int
    cooperation: int
    conflict: int


def events(store: Store, flt: EventFilter | None = None, *, offset: int = 0) -> list[EventRow]:
    """Fused events matching ``flt``, in ``flt.sort`` order (date then id by default)."""
    flt = flt or EventFilter()
    where, params = event_where(flt, store.dialect)
    order = SORTS.get(flt.sort)
    if order is None:
        raise StoreError(f"unknown sort {flt.sort!r}", f"use one of {', '.join(SORTS)}")
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    sql = f"SELECT {cols} FROM events e{where} ORDER BY {order}"
    if flt.limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [int(flt.limit) if flt.limit is not None else -1 if store.dialect == "sqlite"
                   else None, int(offset)]
    return [event_row(r) for r in store.query(sql, params)]


def count_events(store: Store, flt: EventFilter | None = None) -> int:
    """How many fused events match ``flt`` (its limit aside)."""
    where, params = event_where(flt or EventFilter(), store.dialect)
    return int(store.scalar(f"SELECT COUNT(*) FROM events e{where}", params) or 0)


def event_page(store: Store, flt: EventFilter, offset: int = 0) -> EventPage:
    """Events matching ``flt``, ``flt.limit`` of them from ``offset``, and the total."""
    total = count_events(store, flt)
    limit = flt.limit if flt.limit is not None else total
    return EventPage(total, limit, offset, events(store, flt, offset=offset) if limit else [])


def event_types(store: Store) -> list[str]:
    """The PLOVER event types in the database, alphabetically."""
    return [str(r["event_type"]) for r in store.query(
        "SELECT DISTINCT event_type FROM events ORDER BY event_type")]


def event_row(r: dict[str, Any]) -> EventRow:
    """A database row as an EventRow, numbers typed."""
    r = dict(r)
    for name in ("event_scale", "goldstein", "confidence"):
        r[name] = float(r[name])
    for name in ("quad_code", "n_mentions", "n_documents"):
        r[name] = int(r[name])
    return EventRow(**r)


def search_terms(text: str) -> list[str]:
    """The words and "quoted phrases" of a search, each with at least one letter or digit."""
    terms = []
    for phrase, word in _TERM.findall(text.replace("\x00", " ")):
        term = " ".join((phrase or word).split())
        if any(ch.isalnum() for ch in term):
            terms.append(term)
    return terms[:MAX_TERMS]


def _place_country(dialect: str) -> str:
    """SQL: the country code of the fused event's place (NULL when it has none)."""
    if dialect == "postgresql":
        return "(e.plover::json -> 'event_loc' ->> 'country_code')"
    return "json_extract(e.plover, '$.event_loc.country_code')"


def place_counts(store: Store, flt: EventFilter | None = None) -> list[tuple[str, int]]:
    """(country code, events) for the events matching ``flt`` that have a place, most first."""
    where, params = event_where(dataclasses.replace(flt or EventFilter(), limit=None),
                                store.dialect)
    country = _place_country(store.dialect)
    where = (where + " AND " if where else " WHERE ") + f"{country} IS NOT NULL"
    rows = store.query(f"SELECT {country} AS country, COUNT(*) AS n FROM events e{where} "
                       f"GROUP BY {country} ORDER BY n DESC, country", params)
    return [(str(r["country"]), int(r["n"])) for r in rows]


def _full_text(terms: list[str], dialect: str) -> tuple[str, list[Any]]:
    """SQL: the event has a mention whose sentence holds every term (whole words, phrases in
    order), through the full-text index (see :mod:`dyads.store.schema`)."""
    if dialect == "postgresql":
        query = " && ".join("phraseto_tsquery('simple'::regconfig, ?)" for _ in terms)
        return (f"e.id IN (SELECT m.event_id FROM mentions m WHERE "
                f"to_tsvector('simple'::regconfig, m.text) @@ ({query}))"), list(terms)
    match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
    return ("e.id IN (SELECT m.event_id FROM mentions_fts f JOIN mentions m "
            "ON m.rowid = f.rowid WHERE mentions_fts MATCH ?)"), [match]


def event_where(flt: EventFilter, dialect: str = "sqlite") -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.actor:
        code = check_code(flt.actor)
        clauses.append(f"({_has('e.actor')} OR {_has('e.recipient')})")
        params += [_like(code), _like(code)]
    if flt.dyad:
        a, b = parse_dyad(flt.dyad)
        forward = f"({_has('e.actor')} AND {_has('e.recipient')})"
        if flt.direction is None:
            clauses.append(f"({forward} OR (e.unordered = 1 AND {forward}))")
            params += [_like(a), _like(b), _like(b), _like(a)]
        elif flt.direction == "both":
            clauses.append(f"({forward} OR {forward})")
            params += [_like(a), _like(b), _like(b), _like(a)]
        elif flt.direction in ("ab", "ba"):
            clauses.append(forward)
            params += [_like(a), _like(b)] if flt.direction == "ab" else [_like(b), _like(a)]
        else:
            raise StoreError(f"unknown direction {flt.direction!r}", "use ab, ba or both")
    if flt.event_type:
        clauses.append("e.event_type = ?")
        params.append(flt.event_type.upper())
    if flt.since and flt.until and flt.since > flt.until:
        raise StoreError(f"since {flt.since} is after until {flt.until}",
                         "swap the two dates, or leave one out")
    if flt.since:
        clauses.append("e.date >= ?")
        params.append(flt.since.isoformat())
    if flt.until:
        clauses.append("e.date <= ?")
        params.append(flt.until.isoformat())
    if flt.modality:
        if flt.modality not in MODALITIES:
            raise StoreError(f"unknown modality {flt.modality!r}",
                             f"use one of {', '.join(MODALITIES)}")
        clauses.append("e.modality = ?")
        params.append(flt.modality)
    if flt.min_confidence is not None:
        clauses.append("e.confidence >= ?")
        params.append(float(flt.min_confidence))
    if flt.cameo:
        if not _CAMEO.fullmatch(flt.cameo.strip()):
            raise StoreError(f"{flt.cameo!r} is not a CAMEO code", "write digits, e.g. 04 or 042")
        clauses.append("e.cameo LIKE ?")
        params.append(flt.cameo.strip() + "%")
    if flt.sector:
        sector = flt.sector.strip().upper()
        if not _SECTOR.fullmatch(sector):
            raise StoreError(f"{flt.sector!r} is not a sector code", "use GOV, MIL, BUS ...")
        clauses.append("EXISTS (SELECT 1 FROM mentions m JOIN actors a ON a.mention_id = m.id "
                       "WHERE m.event_id = e.id AND a.sector = ?)")
        params.append(sector)
    if flt.source:
        clauses.append("EXISTS (SELECT 1 FROM mentions m JOIN documents d ON d.id = m.doc_id "
                       "WHERE m.event_id = e.id AND (lower(COALESCE(d.url, '')) LIKE ? "
                       "ESCAPE '!' OR lower(COALESCE(d.source, '')) LIKE ? ESCAPE '!'))")
        pattern = "%" + _escape(flt.source.strip().lower()) + "%"
        params += [pattern, pattern]
    if flt.place:
        clauses.append(f"{_place_country(dialect)} = ?")
        params.append(check_code(flt.place))
    terms = search_terms(flt.text or "")
    if terms:
        sql, values = _full_text(terms, dialect)
        clauses.append(sql)
        params += values
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
             since: dt.date | None = None, until: dt.date | None = None,
             flt: EventFilter | None = None) -> list[TimelineRow]:
    """Events between ``a`` and ``b`` per period: either direction and every type unless
    ``flt`` (whose dyad and limit are ignored) narrows them."""
    if by not in PERIODS:
        raise StoreError(f"unknown period {by!r}", f"use one of {', '.join(PERIODS)}")
    a, b = check_code(a), check_code(b)
    base = flt or EventFilter()
    pair = dataclasses.replace(base, dyad=f"{a}-{b}", direction=base.direction or "both",
                               since=since or base.since, until=until or base.until,
                               limit=None, sort="date")
    where, params = event_where(pair, store.dialect)
    rows = store.query(f"SELECT e.date, e.quad_code, e.event_scale FROM events e{where}", params)
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


def fill_periods(rows: Sequence[TimelineRow], by: Period) -> list[TimelineRow]:
    """The timeline with a zero row for every empty period between the first and the last."""
    if len(rows) < 2:
        return list(rows)
    first, last = period_start(rows[0].period, by), period_start(rows[-1].period, by)
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


def period_start(label: str, by: Period) -> dt.date:
    """The first day of the period labelled ``label``."""
    if by == "week":
        year, week = label.split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    if by == "month":
        return dt.date.fromisoformat(label + "-01")
    if by == "year":
        return dt.date(int(label), 1, 1)
    return dt.date.fromisoformat(label)


def period_end(label: str, by: Period) -> dt.date:
    """The last day of the period labelled ``label``."""
    return _next(period_start(label, by), by) - dt.timedelta(days=1)


def _next(day: dt.date, by: Period) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7)
    if by == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


# ---------------------------------------------------------------------------- dyads, actors


def top_dyads(store: Store, *, limit: int = 20, flt: EventFilter | None = None) -> list[DyadRow]:
    """Pairs of distinct, known actor codes with the most events between them (either
    direction), most first; ``flt`` narrows the events counted (its dyad is ignored)."""
    where, params = event_where(dataclasses.replace(flt or EventFilter(), dyad=None,
                                                    limit=None), store.dialect)
    where = (where + " AND " if where else " WHERE ") + "e.actor <> '' AND e.recipient <> ''"
    rows = store.query("SELECT e.actor AS actor, e.recipient AS recipient, e.quad_code AS quad, "
                       f"COUNT(*) AS n FROM events e{where} "
                       "GROUP BY e.actor, e.recipient, e.quad_code", params)
    totals: Counter[tuple[str, str]] = Counter()
    coop: Counter[tuple[str, str]] = Counter()
    conflict: Counter[tuple[str, str]] = Counter()
    for r in rows:
        n, quad = int(r["n"]), int(r["quad"])
        pairs = {tuple(sorted((x, y))) for x in sides(r["actor"]) for y in sides(r["recipient"])
                 if x != y and UNKNOWN not in (x, y)}
        for pair in pairs:
            key = (pair[0], pair[1])
            totals[key] += n
            if quad in (1, 2):
                coop[key] += n
            elif quad in (3, 4):
                conflict[key] += n
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [DyadRow(a, b, n, coop[(a, b)], conflict[(a, b)]) for (a, b), n in ranked]


def type_counts(rows: Iterable[EventRow]) -> list[tuple[str, int, int]]:
    """(PLOVER type, quad class, events), most events first."""
    counts = Counter((r.event_type, r.quad_code) for r in rows)
    return [(t, q, n) for (t, q), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def partners(rows: Iterable[EventRow], code: str) -> list[tuple[str, int]]:
    """The codes on the other side of ``code``'s events, with how many events, most first."""
    counts: Counter[str] = Counter()
    for r in rows:
        mine, other = sides(r.actor), sides(r.recipient)
        if code not in mine:
            mine, other = other, mine
        for c in other - {code}:
            counts[c] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def sides(codes: str) -> set[str]:
    """The codes of a ``+``-joined side."""
    return {c for c in codes.split("+") if c}



def actors(store: Store, *, limit: int | None = None, code: str | None = None,
           known: bool = False) -> list[ActorRow]:
    """Actor codes by how many fused events they take part in (most first, then code).
    ``code``: that actor only; ``known``: leave out :data:`UNKNOWN`."""
    params: list[Any] = []
    where = ""
    if code is not None:
        where = " WHERE a.code = ?"
        params.append(check_code(code))
    elif known:
        where = " WHERE a.code <> ?"
        params.append(UNKNOWN)
    sql = ("SELECT a.code AS code, COUNT(DISTINCT m.event_id) AS events, "
           "COUNT(DISTINCT CASE WHEN a.role = 'actor' THEN m.event_id END) AS as_actor, "
           "COUNT(DISTINCT CASE WHEN a.role = 'recipient' THEN m.event_id END) AS as_recipient, "
           "COUNT(DISTINCT m.id) AS mentions "
           f"FROM actors a JOIN mentions m ON a.mention_id = m.id{where} "
           "GROUP BY a.code ORDER BY events DESC, a.code")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [ActorRow(str(r["code"]), int(r["events"]), int(r["as_actor"]),
                     int(r["as_recipient"]), int(r["mentions"]))
            for r in store.query(sql, params)]


def commitments(store: Store, *, actor: str | None = None, limit: int | None = None,
                kind: str | None = None, since: dt.date | None = None,
                until: dt.date | None = None, doc_id: str | None = None,
                offset: int = 0) -> list[CommitmentRow]:
    """Stored commitments by date then id; ``actor`` on either side, ``since``/``until``
    inclusive on the commitment's date."""
    where, params = _commitment_where(actor, kind, since, until, doc_id)
    sql = ("SELECT id, doc_id, kind, date, actor, recipient, amount, unit, deadline, text "
           f"FROM commitments{where} ORDER BY date, id")
    if limit is not None or offset:
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit) if limit is not None else -1 if store.dialect == "sqlite"
                   else None, int(offset)]
    return [CommitmentRow(**{**r, "amount": None if r["amount"] is None else float(r["amount"])})
            for r in store.query(sql, params)]


def count_commitments(store: Store, *, actor: str | None = None, kind: str | None = None,
                      since: dt.date | None = None, until: dt.date | None = None) -> int:
    """How many commitments match."""
    where, params = _commitment_where(actor, kind, since, until, None)
    return int(store.scalar(f"SELECT COUNT(*) FROM commitments{where}", params) or 0)


def commitment_kinds(store: Store) -> list[str]:
    """The kinds of commitment in the database, alphabetically."""
    return [str(r["kind"]) for r in store.query(
        "SELECT DISTINCT kind FROM commitments ORDER BY kind")]


def _commitment_where(actor: str | None, kind: str | None, since: dt.date | None,
                      until: dt.date | None, doc_id: str | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if actor:
        code = check_code(actor)
        clauses.append(f"({_has('actor')} OR {_has('recipient')})")
        params += [_like(code), _like(code)]
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if since and until and since > until:
        raise StoreError(f"since {since} is after until {until}",
                         "swap the two dates, or leave one out")
    if since:
        clauses.append("date >= ?")
        params.append(since.isoformat())
    if until:
        clauses.append("date <= ?")
        params.append(until.isoformat())
    if doc_id is not None:
        clauses.append("doc_id = ?")
        params.append(doc_id)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def to_dataframe(rows: Sequence[_Row]) -> Any:
    """Rows as a pandas DataFrame (pandas is optional: StoreError when it is missing)."""
    try:
        import pandas as pd
    except ImportError:
        raise StoreError("to_dataframe needs pandas", "pip install pandas") from None
    return pd.DataFrame.from_records([r.to_dict() for r in rows])
