"""Long documents, coded in pieces: bounded memory whatever the length of a text.

A document longer than ``Settings.max_chars`` is cut into pieces of at most that many
characters at paragraph breaks (a blank line), else at a line break, else after a sentence
(". "), else at a space; never inside a word. Sentences start at line breaks in dyads (see
:mod:`dyads.nlp`), so no sentence is cut at a paragraph or line break. Each piece is parsed and
coded like a document of its own, and the pieces' results are joined into one
:class:`CodingResult` whose offsets, sentence numbers and record ids are those of the whole
document. What a piece does not carry over: who "he" or "the two leaders" are across the cut,
and a date inferred from an earlier piece of an undated text.

    pieces = Pieces(max_chars)
    for item in pieces.split(doc, text): ...          # the document, or its pieces
    for sdoc, doc in pieces.parsed(nlp.pipe(...)): ...  # notes each piece's sentence count
    for result in pieces.join(results): ...           # one result per document again
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyads.models import CodingResult, Commitment, Document, Event, Evidence, Failure

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_CHARS = 100_000
"""Most characters parsed in one batch (about 16 long readouts, 2 pieces of a long text):
peak memory on a 1 MB text is 0.55 GB with 100,000, 0.79 GB with 200,000."""
_CUTS = ("\n\n", "\n", ". ", " ")
"""Where a piece may end, best first."""


@dataclass(frozen=True)
class Piece(Document):
    """One piece of a long document: same id and metadata, ``text`` from ``start``."""

    start: int = 0
    part: int = 0
    parts: int = 1


def cut_points(text: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``text``, each at most ``max_chars`` long (a word longer
    than that is cut where the limit falls)."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        end = -1
        for cut in _CUTS:
            found = text.rfind(cut, start + 1, limit)
            if found > start:
                end = found + len(cut)
                break
        if end <= start:
            end = limit
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


@dataclass
class _Open:
    """A long document being joined: its result so far and where the next piece starts."""

    doc: Piece
    result: CodingResult
    sentences: int = 0  # sentences in the pieces joined so far
    failed: bool = False


@dataclass
class Pieces:
    """Cut long documents, count the sentences of parsed pieces, join their results."""

    max_chars: int
    _sentences: dict[tuple[str, int], int] = field(default_factory=dict)
    _open: dict[str, _Open] = field(default_factory=dict)
    _queue: deque[Piece] = field(default_factory=deque)

    def split(self, item: tuple[Document, str] | Failure
              ) -> Iterator[tuple[Document, str] | Failure]:
        """A prepared (document, normalised text) as is, or as its pieces when it is long."""
        if isinstance(item, Failure):
            yield item
            return
        doc, text = item
        if len(text) <= self.max_chars:
            yield item
            return
        spans = cut_points(text, self.max_chars)
        for part, (start, end) in enumerate(spans):
            piece = Piece(id=doc.id, text=doc.text[start:end], title=doc.title,
                          published=doc.published, url=doc.url, source=doc.source,
                          start=start, part=part, parts=len(spans))
            self._queue.append(piece)
            yield piece, text[start:end]

    def pipe(self, nlp: Language, pairs: Iterable[tuple[str | Doc, Any]], batch_size: int
             ) -> Iterator[tuple[Doc, Any]]:
        """``nlp.pipe(pairs, as_tuples=True)`` in batches of at most ``batch_size`` texts
        *and* :data:`BATCH_CHARS` characters (a batch of 32 pieces of 50,000 characters
        would hold the parse of 1.6 million characters at once)."""
        batch: list[tuple[str | Doc, Any]] = []
        chars = 0
        for pair in pairs:
            size = _chars(pair[0])
            if batch and (len(batch) >= batch_size or chars + size > BATCH_CHARS):
                yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
                batch, chars = [], 0
            batch.append(pair)
            chars += size
        if batch:
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))

    def parsed(self, pairs: Iterable[tuple[Doc, Any]]) -> Iterator[tuple[Doc, Any]]:
        """The parsed (spaCy doc, document) pairs, noting how many sentences a piece has.

        Once the caller is done with a parse (it asks for the next), the parse's extension
        data and span groups are cleared: they refer back to the parse, and such cycles
        wait for Python's cyclic garbage collector, which runs too seldom to keep memory
        bounded (a 2 MB text held 0.5 GB of dead parses)."""
        for sdoc, doc in pairs:
            if isinstance(doc, Piece):
                self._sentences[(doc.id, doc.part)] = sum(1 for _ in sdoc.sents)
            yield sdoc, doc
            _release(sdoc)

    def join(self, results: Iterable[CodingResult | Failure]
             ) -> Iterator[CodingResult | Failure]:
        """One result per document: the results of a long document's pieces joined, in
        order. Results come in the order the pieces were split off, so the next result for
        the id of the oldest piece not yet joined (a result, or a coding failure) is its."""
        for result in results:
            piece = self._queue[0] if self._queue else None
            if piece is None or result.doc_id != piece.id or (
                    isinstance(result, Failure) and result.kind != "code"):
                yield result
                continue
            self._queue.popleft()
            joined = self._add(piece, result)
            if joined is not None:
                yield joined

    def _add(self, piece: Piece, result: CodingResult | Failure
             ) -> CodingResult | Failure | None:
        """The joined result when ``piece`` was the last (or a failure, once); else None."""
        if piece.part == 0:
            self._open[piece.id] = _Open(piece, CodingResult(piece.id))
        state = self._open[piece.id]
        sentences = self._sentences.pop((piece.id, piece.part), 0)
        out: CodingResult | Failure | None = None
        if isinstance(result, Failure):
            if not state.failed:
                out = dataclasses.replace(result, error=f"{result.error} (in characters "
                                          f"{piece.start:,}-{piece.start + len(piece.text):,})")
            state.failed = True
        elif not state.failed:
            _shift_into(state.result, result, piece.id, piece.start, state.sentences)
        state.sentences += sentences
        if piece.part + 1 == piece.parts:
            del self._open[piece.id]
            if not state.failed:
                out = state.result
        return out


def _chars(text: str | Doc) -> int:
    """The length of a text, or of the text of a tokenised (not yet parsed) Doc."""
    if isinstance(text, str):
        return len(text)
    last = text[-1] if len(text) else None
    return last.idx + len(last.text_with_ws) if last is not None else 0


def _release(sdoc: Doc) -> None:
    """Break the reference cycles of a parse no one uses any more."""
    sdoc.user_data.clear()
    sdoc.spans.clear()


# --------------------------------------------------------------------------- offsets


def _shift_into(whole: CodingResult, part: CodingResult, doc_id: str, chars: int,
                sentences: int) -> None:
    whole.events.extend(shift_event(e, doc_id, chars, sentences) for e in part.events)
    whole.commitments.extend(shift_commitment(c, doc_id, chars, sentences)
                             for c in part.commitments)


def shift_event(e: Event, doc_id: str, chars: int, sentences: int) -> Event:
    """``e`` found in a piece starting at character ``chars`` after ``sentences`` sentences,
    with the offsets, sentence number and id it has in the whole document."""
    if chars == 0 and sentences == 0:
        return e
    return dataclasses.replace(
        e, id=_renumber(e.id, doc_id, sentences),
        evidence=_shift_evidence(e.evidence, chars, sentences),
        actor=tuple(_shift_span(a, chars) for a in e.actor),
        recipient=tuple(_shift_span(r, chars) for r in e.recipient),
        quantities=tuple(_shift_span(q, chars) for q in e.quantities),
        event_loc=_shift_span(e.event_loc, chars) if e.event_loc else None)


def shift_commitment(c: Commitment, doc_id: str, chars: int, sentences: int) -> Commitment:
    """The same for a commitment."""
    if chars == 0 and sentences == 0:
        return c
    return dataclasses.replace(
        c, id=_renumber(c.id, doc_id, sentences),
        evidence=_shift_evidence(c.evidence, chars, sentences),
        actor=tuple(_shift_span(a, chars) for a in c.actor),
        recipient=tuple(_shift_span(r, chars) for r in c.recipient),
        amount=_shift_span(c.amount, chars) if c.amount else None,
        period=_shift_span(c.period, chars) if c.period else None)


def _renumber(record_id: str, doc_id: str, sentences: int) -> str:
    """``<doc>-<sentence:04d>-<k>`` with the sentence number of the whole document."""
    head, sep, rest = record_id.partition(doc_id + "-")
    index, dash, k = rest.partition("-")
    if head or not sep or not dash or not index.isdigit():
        return f"{record_id}~s{sentences}"
    return f"{doc_id}-{int(index) + sentences:04d}-{k}"


def _shift_evidence(ev: Evidence | None, chars: int, sentences: int) -> Evidence | None:
    if ev is None:
        return None
    return dataclasses.replace(
        ev, sentence=ev.sentence + sentences, sentence_start=ev.sentence_start + chars,
        sentence_end=ev.sentence_end + chars, trigger=_pair(ev.trigger, chars),
        actor=tuple(_pair(s, chars) for s in ev.actor),
        recipient=tuple(_pair(s, chars) for s in ev.recipient))


def _pair(span: tuple[int, int], chars: int) -> tuple[int, int]:
    return (span[0] + chars, span[1] + chars) if span[0] >= 0 else span


def _shift_span(item: Any, chars: int) -> Any:
    """An Entity, Quantity or Place with ``start``/``end`` moved (-1: not in the text)."""
    if getattr(item, "start", -1) < 0:
        return item
    return dataclasses.replace(item, start=item.start + chars, end=item.end + chars)

