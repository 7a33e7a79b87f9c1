"""The report of a check: figures, per-class scores, confusion, misses, and the text view.

    Report, TaskReport   what `evaluate` returns: per task the headline figures (keyed as the
                         reference scorer keys them), per-class scores, a confusion matrix and
                         the misses, each with the sentence it is about and, where the task
                         sorts them, its cause
    format_report        a Report as text for the terminal
    prf, rounded, confusion, type_order
                         the arithmetic and ordering the task modules share
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dyads.models import Failure

NOTHING = "NONE"
"""The predicted label of a gold sentence for which nothing was coded."""
DIGITS = 4
"""Figures are rounded to four decimals, as the reference scorer rounds them."""

Figures = dict[str, float | int]


@dataclass(frozen=True)
class ClassScore:
    """Precision, recall and F1 of one class (a PLOVER type, or a five-way class)."""

    label: str
    support: int
    predicted: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Confusion:
    """Counts of (gold label, predicted label); ``rows`` are gold, ``columns`` predicted."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def to_json(self) -> dict[str, Any]:
        return {"rows": list(self.rows), "columns": list(self.columns),
                "counts": [list(r) for r in self.counts]}


@dataclass(frozen=True)
class Miss:
    """A gold record the predictions did not satisfy, or a record no gold record allows, with
    the sentence or note it is about and, where the task sorts them, its cause."""

    task: str
    gold_id: str
    doc_id: str
    message: str
    text: str = ""
    cause: str = ""


@dataclass(frozen=True)
class Cause:
    """One kind of miss: its name and what it means."""

    name: str
    means: str


@dataclass(frozen=True)
class TaskReport:
    task: str
    figures: Figures
    classes: tuple[ClassScore, ...] = ()
    confusion: Confusion | None = None
    misses: tuple[Miss, ...] = ()
    causes: tuple[Cause, ...] = ()
    """The causes a miss of this task may have, in the order they are tried."""

    def cause_counts(self) -> list[tuple[Cause, int]]:
        """Each cause with its number of misses, in the order of ``causes``."""
        return [(c, sum(m.cause == c.name for m in self.misses)) for c in self.causes]

    def details(self) -> dict[str, Any]:
        out: dict[str, Any] = {"classes": [vars(c) for c in self.classes],
                               "confusion": self.confusion.to_json() if self.confusion else None,
                               "misses": [vars(m) for m in self.misses]}
        if self.causes:
            out["causes"] = [{"cause": c.name, "count": n, "means": c.means}
                             for c, n in self.cause_counts()]
        return out


@dataclass(frozen=True)
class Report:
    gold: str
    documents: int
    events_read: int
    tasks: tuple[TaskReport, ...]
    failures: tuple[Failure, ...] = field(default=())

    def figures(self) -> dict[str, Any]:
        """The headline figures, keyed as in the reference scorer's JSON report."""
        out: dict[str, Any] = {"events_read": self.events_read}
        out.update({t.task: dict(t.figures) for t in self.tasks})
        return out

    def to_json(self) -> dict[str, Any]:
        """figures() plus ``details`` (per-class scores, confusion, misses and their causes)
        and failures."""
        return {**self.figures(), "gold": self.gold, "documents": self.documents,
                "details": {t.task: t.details() for t in self.tasks},
                "failures": [f.to_json() for f in self.failures]}


# --------------------------------------------------------------------------- arithmetic


def rounded(figures: Figures) -> Figures:
    return {k: round(v, DIGITS) if isinstance(v, float) else v for k, v in figures.items()}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where a denominator is 0)."""
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


_ORDER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE",
          "ASSAULT")


def type_order(label: str) -> tuple[int, str]:
    """PLOVER types in quad order, unknown labels after them, NONE last."""
    if label == NOTHING:
        return (len(_ORDER) + 1, label)
    return (_ORDER.index(label) if label in _ORDER else len(_ORDER), label)


def confusion(pairs: Sequence[tuple[str, str]], order: Callable[[str], Any]) -> Confusion:
    """The confusion matrix of (gold, predicted) pairs; every label is a row and a column."""
    labels = sorted({label for pair in pairs for label in pair}, key=order)
    rows = tuple(label for label in labels if label != NOTHING)
    counts = tuple(tuple(sum(1 for pair in pairs if pair == (r, c)) for c in labels)
                   for r in rows)
    return Confusion(rows, tuple(labels), counts)


# --------------------------------------------------------------------------- text report


_TEXT_CHARS = 300


def format_report(report: Report, misses: int = 5) -> str:
    """The report as text: per task the headline figures line (as the reference scorer
    prints it), per-class scores, the confusion matrix, the count of misses by cause and up
    to ``misses`` misses (per cause, where the task sorts them by cause)."""
    lines = [f"{report.gold}: {report.documents} documents, {report.events_read} events read, "
             f"{len(report.failures)} failed"]
    for task in report.tasks:
        lines.append(task.task + ": " + " ".join(f"{k}={v}" for k, v in task.figures.items()))
        lines += _class_lines(task.classes)
        if task.confusion is not None:
            lines += _confusion_lines(task.confusion)
        if task.causes:
            lines += _cause_lines(task, misses)
        else:
            lines += _miss_lines(task.misses, misses)
    return "\n".join(lines)


def _class_lines(classes: Sequence[ClassScore]) -> list[str]:
    if not classes:
        return []
    width = max(len(c.label) for c in classes) + 2
    out = [f"  {'class':<{width}}{'gold':>6}{'pred':>6}{'prec':>8}{'recall':>8}{'f1':>8}"]
    out += [f"  {c.label:<{width}}{c.support:>6}{c.predicted:>6}{c.precision:>8.3f}"
            f"{c.recall:>8.3f}{c.f1:>8.3f}" for c in classes]
    return out


def _confusion_lines(matrix: Confusion) -> list[str]:
    heads = [c[:4] for c in matrix.columns]
    if len(set(heads)) < len(heads):
        heads = list(matrix.columns)
    width = max(len(r) for r in matrix.rows) + 2
    cell = max(5, *(len(h) + 1 for h in heads))
    out = ["  confusion (rows: gold, columns: predicted; "
           f"{NOTHING} = nothing coded)" if NOTHING in matrix.columns else
           "  confusion (rows: gold, columns: predicted)",
           "  " + " " * width + "".join(f"{h:>{cell}}" for h in heads)]
    for row, counts in zip(matrix.rows, matrix.counts, strict=True):
        out.append(f"  {row:<{width}}" + "".join(f"{n or '.':>{cell}}" for n in counts))
    return out


def _cause_lines(task: TaskReport, limit: int) -> list[str]:
    counts = task.cause_counts()
    width = max(len(c.name) for c, _ in counts) + 2
    out = [f"  misses by cause ({len(task.misses)}; each in the first cause that fits)",
           f"  {'cause':<{width}}{'count':>6}  means"]
    out += [f"  {c.name:<{width}}{n:>6}  {c.means}" for c, n in counts]
    for cause, n in counts:
        if n and limit > 0:
            out.append(f"  {cause.name}: {n} (showing {min(limit, n)})")
            out += _miss_texts([m for m in task.misses if m.cause == cause.name][:limit])
    return out


def _miss_lines(misses: Sequence[Miss], limit: int) -> list[str]:
    if not misses or limit <= 0:
        return [f"  misses: {len(misses)}"] if misses else []
    out = [f"  misses: {len(misses)} (showing {min(limit, len(misses))})"]
    return out + _miss_texts(misses[:limit])


def _miss_texts(misses: Sequence[Miss]) -> list[str]:
    out = []
    for m in misses:
        out.append(f"  - {m.gold_id}: {m.message}")
        if m.text:
            text = " ".join(m.text.split())
            cut = text[:_TEXT_CHARS] + ("…" if len(text) > _TEXT_CHARS else "")
            out.append(f"      {cut}")
    return out
