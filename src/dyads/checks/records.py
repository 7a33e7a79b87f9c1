"""What the checks read of coded records, and how codes and types are compared.

    Prediction        one coded PLOVER record as the checks see it
    read_predictions  a PLOVER JSON-lines file -> Predictions, in file order
    jsonl             (line number, object) of a JSON-lines file, naming a bad line
    actor_codes, event_types, mode_class
                      the comparisons every task shares (docs/evaluation.md, "Codes and names")
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyads.errors import InputError, MalformedRecord
from dyads.events.codebook import QUAD
from dyads.models import Event

RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
           "FIGHT": "ASSAULT"}
"""PLOVER 1 event types and their PLOVER 2 names."""
OLD_CODES = {"JAP": "JPN", "UK": "GBR", "ROM": "ROU", "ZAR": "COD", "GMY": "DEU", "SER": "SRB",
             "YUG": "SRB"}
"""CAMEO-era country codes and their ISO 3166 alpha-3 codes."""
PHONE_MODES = frozenset({"phone", "call", "telephone"})
VIDEO_MODES = frozenset({"video", "virtual", "videoconference"})
_PENTA_LAST_ROOT = (1, 5, 8, 13, 99)
"""The last CAMEO root of each five-way class: 01 | 02-05 | 06-08 | 09-13 | 14-20."""
HINT = "see docs/evaluation.md for the gold formats"


def as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def actor_codes(entities: Any) -> frozenset[str]:
    """Codes of entity objects or code strings: upper case, first three letters, ISO names."""
    out = set()
    for entity in as_list(entities):
        code = entity.get("code") if isinstance(entity, dict) else entity
        if code:
            short = str(code).upper()[:3]
            out.add(OLD_CODES.get(short, short))
    return frozenset(out)


def event_types(value: Any) -> frozenset[str]:
    """PLOVER 2 type names of an ``event`` field (a string or a list)."""
    names = (str(e).upper() for e in as_list(value))
    return frozenset(RENAMED.get(n, n) for n in names)


def mode_class(modes: Iterable[str]) -> str:
    """phone, video or in-person."""
    found = {m.lower() for m in modes}
    return "phone" if found & PHONE_MODES else "video" if found & VIDEO_MODES else "in-person"


def day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def codes_text(codes: Iterable[str]) -> str:
    return "/".join(sorted(codes)) or "-"


@dataclass(frozen=True)
class Prediction:
    """What the checks read of one coded PLOVER record."""

    doc_id: str
    date: str
    actor: frozenset[str]
    recipient: frozenset[str]
    events: frozenset[str]
    modes: tuple[str, ...] = ()
    cameo: str = ""
    quantities: tuple[tuple[float, str], ...] = ()
    text: str = ""
    span: tuple[int, int] | None = None
    """[start, end) of the record's sentence in its document (evidence.sentence_span)."""
    trigger: str = ""

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Prediction:
        return cls(doc_id=str(record.get("doc_id")), date=str(record.get("date", "")),
                   actor=actor_codes(record.get("actor")),
                   recipient=actor_codes(record.get("recipient")),
                   events=event_types(record.get("event")),
                   modes=tuple(str(m) for m in as_list(record.get("mode"))),
                   cameo=str(record.get("cameo") or ""),
                   quantities=_quantities(record.get("quantities")),
                   text=str(record.get("text") or ""),
                   span=_span(record.get("evidence")),
                   trigger=" ".join(map(str, as_list(record.get("event_text")))))

    @classmethod
    def from_event(cls, event: Event) -> Prediction:
        return cls.from_record(event.to_plover())

    @property
    def parties(self) -> frozenset[str]:
        return self.actor | self.recipient

    @property
    def statement(self) -> bool:
        """A CAMEO 01x statement (coded only on request; task ``event`` leaves them out)."""
        return self.cameo.startswith("01")

    @property
    def penta(self) -> int:
        """Five-way class: from the CAMEO root when given, else the lowest PLOVER quad."""
        if self.cameo[:2].isdigit():
            root = int(self.cameo[:2])
            return next(c for c, last in enumerate(_PENTA_LAST_ROOT) if root <= last)
        quads = sorted(QUAD[e] for e in self.events if e in QUAD)
        return quads[0] if quads else 0

    def describe(self) -> str:
        return (f"{'/'.join(sorted(self.events)) or '-'} {codes_text(self.actor)}"
                f"->{codes_text(self.recipient)}")


def _quantities(value: Any) -> tuple[tuple[float, str], ...]:
    out = []
    for q in as_list(value):
        if isinstance(q, dict):
            try:
                out.append((float(q.get("value", 0)), str(q.get("unit", "")).upper()))
            except (TypeError, ValueError):
                continue
    return tuple(out)


def _span(evidence: Any) -> tuple[int, int] | None:
    span = evidence.get("sentence_span") if isinstance(evidence, dict) else None
    if not span:
        return None
    try:
        return int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        return None


ByDoc = Mapping[str, Sequence[Prediction]]
"""Predictions grouped by document id, in output order."""


def by_document(predictions: Iterable[Prediction]) -> dict[str, list[Prediction]]:
    out: dict[str, list[Prediction]] = {}
    for p in predictions:
        out.setdefault(p.doc_id, []).append(p)
    return out


def jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; MalformedRecord for a bad line."""
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecord(f"{path}:{lineno}", f"not valid JSON: {exc.msg}",
                                      "write one JSON object per line") from None
            if not isinstance(record, dict):
                raise MalformedRecord(f"{path}:{lineno}", "the line is not a JSON object",
                                      "write one JSON object per line")
            yield lineno, record


def read_predictions(path: str | Path) -> list[Prediction]:
    """One Prediction per line of a PLOVER JSON-lines file, in file order."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such predictions file",
                         "pass the JSONL written by `dyads code`, or leave out --pred")
    return [Prediction.from_record(record) for _, record in jsonl(path)]
