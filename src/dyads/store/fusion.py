"""Event fusion: one real-world event, reported by several documents, is one fused event.

The rule. A coded event (a *mention*) joins an existing fused event when all three hold:

1. **Type** — the same PLOVER event type (``CONSULT``, ``AGREE``, ...).
2. **Dyad** — the same actors. Each side is the set of its entities' codes, written sorted and
   joined by ``+`` (``USA``, ``FRA+DEU``, or empty when the coder found none). For the
   symmetric types :data:`SYMMETRIC_TYPES` (CONSULT, AGREE, COOPERATE: "A spoke with B" is
   "B spoke with A") the dyad is the unordered pair, so the Chinese account (CHN→VNM) and
   the Vietnamese account (VNM→CHN) of one call match. For every other type the dyad is
   ordered: "A accuses B" and "B accuses A" are two events.
3. **Date** — the fused event's date is within one day of the mention's date (time zones
   and "yesterday" in a next-day report put one event on neighbouring days).

When several fused events qualify, the one with the nearest date wins, then the earliest
date, then the smallest id. The fused event keeps the date, actors and PLOVER record of its
first mention (its *anchor*) and its id is that mention's id; later mentions never move it,
so matching does not drift along a chain of days. Mentions of one document may fuse with
each other (a readout that mentions the call twice reports one call).

Never fused: a mention with no actor code on either side (its dyad says nothing about which
event it is); it becomes a fused event of its own.

Fusion depends on the order documents arrive in only at the edges (which of three reports on
consecutive days anchors the event). Re-ingesting a document with the same content changes
nothing, and an interrupted ingest, re-run over the same inputs, gives the same events as a
run that was not interrupted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dyads.models import Entity, Event
from dyads.store.db import Store

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
"""PLOVER types whose dyad is unordered."""
DATE_WINDOW_DAYS = 1


@dataclass(frozen=True)
class FusionKey:
    """What a mention must share with a fused event to join it."""

    event_type: str
    dyad: str
    date: dt.date
    symmetric: bool
    fusable: bool


def side_key(entities: Iterable[Entity]) -> str:
    """One side of a dyad: its entities' codes, unique, sorted, joined by ``+``."""
    return "+".join(sorted({e.code for e in entities if e.code}))


def dyad_key(event_type: str, actor: str, recipient: str) -> tuple[str, bool]:
    """(dyad, symmetric): ``A|B`` sorted for symmetric types, else ``A>B``."""
    if event_type in SYMMETRIC_TYPES:
        first, second = sorted((actor, recipient))
        return f"{first}|{second}", True
    return f"{actor}>{recipient}", False


def fusion_key(event: Event) -> FusionKey:
    actor, recipient = side_key(event.actor), side_key(event.recipient)
    dyad, symmetric = dyad_key(event.event, actor, recipient)
    return FusionKey(event.event, dyad, event.date.date, symmetric,
                     fusable=bool(actor or recipient))


def candidate_dates(day: dt.date) -> list[str]:
    """The ISO dates a fused event may have to match a mention on ``day``."""
    return [(day + dt.timedelta(days=d)).isoformat()
            for d in range(-DATE_WINDOW_DAYS, DATE_WINDOW_DAYS + 1)]


def find_event(store: Store, key: FusionKey) -> str | None:
    """The id of the fused event a mention with ``key`` joins, or None for a new one."""
    if not key.fusable:
        return None
    dates = candidate_dates(key.date)
    marks = ", ".join("?" for _ in dates)
    rows = store.query(f"SELECT id, date FROM events WHERE event_type = ? AND dyad = ? "
                       f"AND date IN ({marks})", (key.event_type, key.dyad, *dates))
    if not rows:
        return None
    best = min(rows, key=lambda r: (abs((dt.date.fromisoformat(r["date"]) - key.date).days),
                                    r["date"], r["id"]))
    return str(best["id"])
