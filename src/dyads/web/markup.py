"""Coded markup: where an event's trigger and actors are in a text, and how to mark them.

    spans_of(record)              the trigger, actor and recipient spans of a PLOVER record
    mark(text, spans, base=0)     the text cut into pieces, each with the roles that cover it

Offsets in a record's ``evidence`` are character offsets into the document text (the coder's
normalisation keeps offsets, see :mod:`dyads.normalize`). ``mark`` takes the text of a slice
of the document starting at ``base`` (a sentence), so the same spans mark a sentence or the
whole document. Overlapping spans are fine: a piece carries every role that covers it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard

Role = Literal["trigger", "actor", "recipient"]
ROLES: tuple[Role, ...] = ("trigger", "actor", "recipient")


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of the document play ``role`` in the event ``event``."""

    start: int
    end: int
    role: Role
    event: str = ""
    label: str = ""


@dataclass(frozen=True)
class Piece:
    """A run of text and the spans that cover all of it (none for plain text)."""

    text: str
    spans: tuple[Span, ...] = field(default_factory=tuple)

    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles covering the piece, trigger first."""
        present = {s.role for s in self.spans}
        return tuple(r for r in ROLES if r in present)

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(s.label for s in self.spans if s.label))


def spans_of(record: dict[str, Any], *, event: str = "") -> list[Span]:
    """The evidence spans of a PLOVER record (none when it has no evidence)."""
    evidence = record.get("evidence") or {}
    label = "/".join(record.get("event") or []) + (f" {record['cameo']}" if record.get("cameo")
                                                   else "")
    out: list[Span] = []
    trigger = evidence.get("trigger")
    if _is_span(trigger):
        out.append(Span(int(trigger[0]), int(trigger[1]), "trigger", event, f"{label} trigger"))
    for role in ("actor", "recipient"):
        for s in evidence.get(role) or []:
            if _is_span(s):
                out.append(Span(int(s[0]), int(s[1]), role, event, f"{label} {role}"))
    return out


def sentence_span(record: dict[str, Any]) -> tuple[int, int] | None:
    """(start, end) of the record's sentence in the document, if known."""
    span = (record.get("evidence") or {}).get("sentence_span")
    return (int(span[0]), int(span[1])) if _is_span(span) else None


def mark(text: str, spans: Iterable[Span], base: int = 0) -> list[Piece]:
    """``text`` (the document from offset ``base``) cut at every span boundary."""
    inside = [s for s in spans if s.start < base + len(text) and s.end > base]
    cuts = {0, len(text)}
    for s in inside:
        cuts.add(max(s.start - base, 0))
        cuts.add(min(s.end - base, len(text)))
    points = sorted(cuts)
    pieces: list[Piece] = []
    for lo, hi in zip(points, points[1:], strict=False):
        covering = tuple(s for s in inside if s.start - base <= lo and s.end - base >= hi)
        _append(pieces, Piece(text[lo:hi], covering))
    return pieces


def _append(pieces: list[Piece], piece: Piece) -> None:
    """Add a piece, merging it into the previous one when both are covered alike."""
    if pieces and pieces[-1].spans == piece.spans:
        pieces[-1] = Piece(pieces[-1].text + piece.text, piece.spans)
    elif piece.text:
        pieces.append(piece)


def _is_span(value: object) -> TypeGuard[Sequence[int]]:
    return (isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2
            and all(isinstance(v, int) for v in value) and value[0] <= value[1])
