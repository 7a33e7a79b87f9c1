"""Scoring a gold set: code its documents (or read predictions), then score every task.

    code_gold  code a gold set's documents with a Coder -> events and failures
    evaluate   a gold set and predictions -> Report
    run        the `dyads evaluate` entry point: load, code or read, evaluate
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dyads.checks.gold import TASKS, GoldSet, load_gold
from dyads.checks.records import Prediction, by_document, read_predictions
from dyads.checks.report import Report
from dyads.models import Event, Failure

if TYPE_CHECKING:
    from dyads.pipeline import Coder


@dataclass(frozen=True)
class Coded:
    """The events coded from a gold set's documents, and the documents that failed."""

    events: tuple[Event, ...]
    failures: tuple[Failure, ...]


def code_gold(coder: Coder, gold: GoldSet) -> Coded:
    events: list[Event] = []
    failures: list[Failure] = []
    for result in coder.code_documents(gold.documents):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            events.extend(result.events)
    return Coded(tuple(events), tuple(failures))


def evaluate(gold: GoldSet, predictions: Sequence[Prediction],
             failures: Sequence[Failure] = ()) -> Report:
    """Score predictions (in output order) against every task of a gold set."""
    by_doc = by_document(predictions)
    texts = {d.id: d.text for d in gold.documents}
    tasks = tuple(TASKS[name].score(items, by_doc, texts)
                  for name, items in gold.tasks().items())
    return Report(gold.name, len(gold.documents), len(predictions), tasks,
                  tuple(failures) or gold.failures)


def run(gold_path: str | Path, pred_path: str | Path | None = None, *,
        coder: Coder | None = None, save: str | Path | None = None) -> Report:
    """Evaluate ``pred_path`` against a gold set; without it, code the gold documents first
    (with ``coder``, else a default Coder) and write the events to ``save`` when given."""
    gold = load_gold(gold_path)
    if pred_path is not None:
        return evaluate(gold, read_predictions(pred_path))
    if coder is None:
        from dyads.pipeline import Coder

        coder = Coder()
    coded = code_gold(coder, gold)
    if save is not None:
        _write_events(coded.events, Path(save))
    predictions = [Prediction.from_event(e) for e in coded.events]
    return evaluate(gold, predictions, gold.failures + coded.failures)


def _write_events(events: Iterable[Event], path: Path) -> None:
    from dyads.output import open_output, to_json_line

    with open_output(path) as out:
        for event in events:
            out.write(to_json_line(event.to_plover()))
