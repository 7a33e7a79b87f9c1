"""Task ``penta``: the five-way CAMEO class of a sentence, from its first coded event.

Figures: sentences, accuracy, macro_f1; details: each class's scores and the 5 × 5 confusion."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dyads.checks.records import ByDoc
from dyads.checks.report import ClassScore, Confusion, Figures, Miss, TaskReport, prf, rounded

PENTA_NAMES = ("statement", "verbal cooperation", "material cooperation", "verbal conflict",
               "material conflict")


@dataclass(frozen=True)
class PentaGold:
    """One sentence with its five-way class (0 statement ... 4 material conflict)."""

    id: str
    label: int
    task: str = "penta"


def parse(r: dict[str, Any]) -> PentaGold:
    return PentaGold(str(r["id"]), int(r["label"]))


def score(items: Sequence[PentaGold], by_doc: ByDoc, texts: Mapping[str, str]) -> TaskReport:
    pairs: list[tuple[int, int]] = []
    misses = []
    for g in items:
        preds = by_doc.get(g.id, [])
        guess = preds[0].penta if preds else 0
        pairs.append((g.label, guess))
        if guess != g.label:
            misses.append(Miss("penta", g.id, g.id, f"want {g.label} {PENTA_NAMES[g.label]}, got "
                               f"{guess} {PENTA_NAMES[guess]}", texts.get(g.id, "")))
    classes = tuple(_penta_class(pairs, c) for c in range(5))
    figures: Figures = {"sentences": len(pairs),
                        "accuracy": sum(a == b for a, b in pairs) / len(pairs),
                        "macro_f1": sum(c.f1 for c in classes) / 5}
    matrix = Confusion(tuple(map(str, range(5))), tuple(map(str, range(5))),
                       tuple(tuple(pairs.count((r, c)) for c in range(5)) for r in range(5)))
    return TaskReport("penta", rounded(figures), classes, matrix, tuple(misses))


def _penta_class(pairs: Sequence[tuple[int, int]], c: int) -> ClassScore:
    tp = sum(a == c and b == c for a, b in pairs)
    fp = sum(a != c and b == c for a, b in pairs)
    fn = sum(a == c and b != c for a, b in pairs)
    return ClassScore(f"{c} {PENTA_NAMES[c]}", tp + fn, tp + fp, *prf(tp, fp, fn))
