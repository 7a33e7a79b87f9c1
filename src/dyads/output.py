"""Writing coded records: PLOVER JSON lines, commitments, and the error file."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from dyads.errors import is_warning
from dyads.models import CodingResult, Failure


def to_json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


@contextmanager
def open_output(path: str | Path | None, *, append: bool = False) -> Iterator[IO[str]]:
    """A text stream for ``path`` (added to with ``append``); "-" or None is stdout."""
    if path is None or str(path) == "-":
        yield sys.stdout
        return
    target = Path(path)
    if target.parent and not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a" if append else "w", encoding="utf-8") as fh:
        yield fh


@dataclass
class RunSummary:
    """What a coding run wrote: coded documents, events, commitments, failures, warnings."""

    documents: int = 0
    events: int = 0
    commitments: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)


def write_results(results: Iterable[CodingResult | Failure], events: IO[str],
                  commitments: IO[str] | None = None, errors: IO[str] | None = None,
                  summary: RunSummary | None = None,
                  written: Callable[[str], None] | None = None) -> RunSummary:
    """Write each result as it comes; failures and warnings go to ``errors`` and are counted
    (in ``summary`` if given, which then tells how far a run that was stopped got).
    ``written(doc_id)`` is called once all of a document's records are written."""
    summary = summary if summary is not None else RunSummary()
    for result in results:
        if isinstance(result, Failure):
            (summary.warnings if is_warning(result) else summary.failures).append(result)
            if errors is not None:
                errors.write(to_json_line(result.to_json()))
            continue
        summary.documents += 1
        for event in result.events:
            events.write(to_json_line(event.to_plover()))
            summary.events += 1
        if commitments is not None:
            for c in result.commitments:
                commitments.write(to_json_line(c.to_json()))
                summary.commitments += 1
        if written is not None:
            written(result.doc_id)
    return summary
