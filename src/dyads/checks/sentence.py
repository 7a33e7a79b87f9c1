"""Task ``sentence``: one coded sentence, PLOVER gold-standard style.

Figures: sentences, type_precision, type_recall, type_f1, full_match; details: precision,
recall and F1 per PLOVER type and the confusion of gold type × predicted type."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dyads.checks.records import RENAMED, ByDoc, Prediction, actor_codes, as_list, codes_text
from dyads.checks.report import (
    NOTHING,
    ClassScore,
    Figures,
    Miss,
    TaskReport,
    confusion,
    prf,
    rounded,
    type_order,
)


@dataclass(frozen=True)
class SentenceGold:
    """One coded sentence: its PLOVER type (``also``: other types that are right too) and the
    source and target codes."""

    id: str
    event: str
    source: frozenset[str]
    target: frozenset[str]
    task: str = "sentence"
    also: frozenset[str] = frozenset()

    @property
    def wants(self) -> frozenset[str]:
        """The types any one of which is right; ``event`` is the one per-type scores count."""
        return self.also | {self.event}


def parse(r: dict[str, Any]) -> SentenceGold:
    events = [RENAMED.get(str(e), str(e)) for e in as_list(r["event"])]
    if not events:
        raise ValueError("'event'")
    return SentenceGold(str(r["id"]), events[0], actor_codes(r.get("source")),
                        actor_codes(r.get("target")), also=frozenset(events[1:]))


def score(items: Sequence[SentenceGold], by_doc: ByDoc, texts: Mapping[str, str]) -> TaskReport:
    tally: dict[str, list[int]] = {}  # type -> [tp, fp, fn, support]
    pairs: list[tuple[str, str]] = []
    full = 0
    misses = []
    for g in items:
        preds = by_doc.get(g.id, [])
        got = frozenset().union(*(p.events for p in preds))
        _count_types(tally, g, got)
        pairs.append((g.event, g.event if g.wants & got else _first_type(preds)))
        if any(_full_match(p, g) for p in preds):
            full += 1
            continue
        said = "; ".join(p.describe() for p in preds) or "nothing"
        want = f"{'/'.join(sorted(g.wants))} {codes_text(g.source)}->{codes_text(g.target)}"
        misses.append(Miss("sentence", g.id, g.id, f"want {want}; got {said}",
                           texts.get(g.id, "")))
    tp, fp, fn = (sum(t[i] for t in tally.values()) for i in range(3))
    precision, recall, f1 = prf(tp, fp, fn)
    figures: Figures = {"sentences": len(items), "type_precision": precision,
                        "type_recall": recall, "type_f1": f1, "full_match": full / len(items)}
    classes = tuple(ClassScore(label, t[3], t[0] + t[1], *prf(t[0], t[1], t[2]))
                    for label, t in sorted(tally.items(), key=lambda kv: type_order(kv[0])))
    return TaskReport("sentence", rounded(figures), classes, confusion(pairs, type_order),
                      tuple(misses))


def _count_types(tally: dict[str, list[int]], g: SentenceGold, got: frozenset[str]) -> None:
    row = tally.setdefault(g.event, [0, 0, 0, 0])
    row[3] += 1
    row[0 if g.wants & got else 2] += 1
    for other in got - g.wants:
        tally.setdefault(other, [0, 0, 0, 0])[1] += 1


def _first_type(preds: Sequence[Prediction]) -> str:
    return next((min(p.events) for p in preds if p.events), NOTHING)


def _full_match(p: Prediction, g: SentenceGold) -> bool:
    return (bool(g.wants & p.events) and (not g.source or bool(g.source & p.actor))
            and (not g.target or bool(g.target & p.recipient)))
