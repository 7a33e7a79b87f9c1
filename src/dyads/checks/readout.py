"""Task ``readout``: the headline call or meeting of a readout.

Figures: docs, recall, consult_precision, date_exact, date_within_1d, mode_given_hit
(docs/evaluation.md defines them, as the reference scorer does)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dyads.checks.records import ByDoc, Prediction, day, mode_class
from dyads.checks.report import Figures, Miss, TaskReport, rounded


@dataclass(frozen=True)
class ReadoutGold:
    """The headline call or meeting of a readout."""

    id: str
    date: str
    source: str
    targets: frozenset[str]
    event: str
    mode: str
    title: str = ""
    task: str = "readout"


def parse(r: dict[str, Any]) -> ReadoutGold:
    return ReadoutGold(str(r["id"]), str(r["date"]), str(r["source"]),
                       frozenset(map(str, r["targets"])), str(r["event"]), str(r["mode"]),
                       str(r.get("title") or ""))


def score(items: Sequence[ReadoutGold], by_doc: ByDoc, texts: Mapping[str, str]) -> TaskReport:
    hit = date_ok = date_near = mode_ok = consult_ok = consult_all = 0
    misses = []
    for g in items:
        involved = [p for p in by_doc.get(g.id, [])
                    if g.event in p.events and g.source in p.parties]
        consult_all += len(involved)
        consult_ok += sum(_only_counterparts(p, g) for p in involved)
        found = [p for p in involved if g.targets & p.parties]
        if not found:
            said = "; ".join(p.describe() for p in involved[:3]) or "nothing"
            misses.append(Miss("readout", g.id, g.id, f"no {g.event} of {g.source} with "
                               f"{'/'.join(sorted(g.targets))}; got {said}",
                               g.title or texts.get(g.id, "")))
            continue
        hit += 1
        date_ok += any(p.date[:10] == g.date for p in found)
        date_near += any(_within_a_day(p.date, g.date) for p in found)
        mode_ok += any(mode_class(p.modes) == g.mode for p in found)
    n = len(items)
    figures: Figures = {"docs": n, "recall": hit / n,
                        "consult_precision": consult_ok / max(consult_all, 1),
                        "date_exact": date_ok / n, "date_within_1d": date_near / n,
                        "mode_given_hit": mode_ok / max(hit, 1)}
    return TaskReport("readout", rounded(figures), misses=tuple(misses))


def _only_counterparts(p: Prediction, g: ReadoutGold) -> bool:
    """A call or meeting of the source with the readout's counterparts and nobody else."""
    others = p.parties - {g.source}
    return bool(others) and others <= g.targets


def _within_a_day(a: str, b: str) -> bool:
    day_a, day_b = day(a), day(b)
    return day_a is not None and day_b is not None and abs((day_a - day_b).days) <= 1
