"""Coded markup: where an event's trigger and actors are in a text, and how to mark them.

    mark(text, spans, base=0)     the text cut into pieces, each with the roles that cover it

The spans come from :func:`dyads.store.detail.spans_of` (re-exported here).

Offsets in a record's ``evidence`` are character offsets into the document text (the coder's
normalisation keeps offsets, see :mod:`dyads.normalize`). ``mark`` takes the text of a slice
of the document starting at ``base`` (a sentence), so the same spans mark a sentence or the
whole document. Overlapping spans are fine: a piece carries every role that covers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dyads.store.detail import ROLES, Role, Span, sentence_span, spans_of


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


__all__ = ["ROLES", "Piece", "Role", "Span", "mark", "sentence_span", "spans_of"]
