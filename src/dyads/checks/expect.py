"""Task ``expect``: an event a document must contain. Figures: expected, found."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dyads.checks.records import ByDoc, Prediction, as_list, codes_text, mode_class
from dyads.checks.report import Figures, Miss, TaskReport, rounded


@dataclass(frozen=True)
class ExpectGold:
    """One event a document must contain; None fields are not checked."""

    id: str
    doc: str
    events: frozenset[str]
    dyad: frozenset[str] | None = None
    source: frozenset[str] | None = None
    target: frozenset[str] | None = None
    date: str | None = None
    mode: str | None = None
    amount: tuple[float, str] | None = None
    note: str = ""
    task: str = "expect"


def parse(r: dict[str, Any]) -> ExpectGold:
    def codes(key: str) -> frozenset[str] | None:
        return frozenset(map(str, as_list(r[key]))) if key in r else None

    amount = r.get("amount")
    return ExpectGold(
        str(r["id"]), str(r["doc"]), frozenset(map(str, as_list(r["event"]))),
        dyad=frozenset(map(str, r["dyad"])) if "dyad" in r else None,
        source=codes("source"), target=codes("target"),
        date=str(r["date"]) if "date" in r else None, mode=str(r["mode"]) if "mode" in r else None,
        amount=(float(amount["value"]), str(amount["unit"])) if amount else None,
        note=str(r.get("note") or ""))


def score(items: Sequence[ExpectGold], by_doc: ByDoc, texts: Mapping[str, str]) -> TaskReport:
    misses = []
    hit = 0
    for g in items:
        if any(_satisfies(p, g) for p in by_doc.get(g.doc, [])):
            hit += 1
        else:
            misses.append(Miss("expect", g.id, g.doc, f"no {'/'.join(sorted(g.events))} "
                               f"{_parties(g)} in {g.doc}", g.note))
    figures: Figures = {"expected": len(items), "found": hit / len(items)}
    return TaskReport("expect", rounded(figures), misses=tuple(misses))


def _satisfies(p: Prediction, g: ExpectGold) -> bool:
    checks = (
        bool(g.events & p.events),
        g.dyad is None or g.dyad <= p.parties,
        g.source is None or bool(g.source & p.actor),
        g.target is None or bool(g.target & p.recipient),
        g.date is None or p.date[:10] == g.date,
        g.mode is None or mode_class(p.modes) == g.mode,
        g.amount is None or _has_amount(p, g.amount),
    )
    return all(checks)


def _has_amount(p: Prediction, amount: tuple[float, str]) -> bool:
    value, unit = amount
    return any(u == unit and abs(v - value) < 1e-6 * value for v, u in p.quantities)


def _parties(g: ExpectGold) -> str:
    if g.dyad is not None:
        return "between " + "/".join(sorted(g.dyad))
    return f"{codes_text(g.source or ())}->{codes_text(g.target or ())}"
