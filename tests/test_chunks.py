"""dyads.chunks: long documents are coded in pieces, with the offsets of the whole text."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dyads.chunks import Piece, Pieces, cut_points
from dyads.models import CodingResult, Document, Failure
from dyads.settings import Settings

CALL = (Path(__file__).resolve().parents[1] / "src" / "dyads" / "samples"
        / "china-vietnam-call.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(5, 60))
def test_pieces_cover_the_text_and_respect_the_limit(text: str, limit: int) -> None:
    spans = cut_points(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 < end - start <= limit for start, end in spans) or len(text) == 0


def test_pieces_end_at_paragraphs_first() -> None:
    text = "One. Two.\n\nThree four.\nFive six seven."
    assert [text[a:b] for a, b in cut_points(text, 26)] == [
        "One. Two.\n\n", "Three four.\n", "Five six seven."]
    prose = "Aaaa bbbb. Cccc dddd eeee."
    assert [prose[a:b] for a, b in cut_points(prose, 14)] == ["Aaaa bbbb. ", "Cccc dddd ",
                                                              "eeee."]


def test_a_failing_piece_fails_its_document_once() -> None:
    pieces = Pieces(10)
    doc = Document("long", "aaaa bbbb cccc dddd eeee")
    split = list(pieces.split((doc, doc.text)))
    assert [type(p[0]) for p in split if not isinstance(p, Failure)] == [Piece] * 3
    fail = Failure("long", "long", "boom", "fix it", kind="code")
    out = list(pieces.join([CodingResult("long"), fail, fail, CodingResult("other")]))
    assert [type(r).__name__ for r in out] == ["Failure", "CodingResult"]
    assert "characters 10-" in out[0].error  # type: ignore[union-attr]


@pytest.mark.model
def test_a_long_document_is_coded_in_pieces_with_whole_document_offsets(coder) -> None:  # noqa: ANN001
    text = "\n\n".join([CALL] * 6)
    doc = Document("long", text, published=dt.date(2025, 3, 14))
    small = type(coder)(dataclasses.replace(coder.settings, max_chars=len(CALL) + 10),
                        nlp=coder.nlp)
    (result,) = small.code_documents([doc])
    assert isinstance(result, CodingResult), result
    (one,) = coder.code_documents([Document("one", CALL, published=dt.date(2025, 3, 14))])
    assert isinstance(one, CodingResult) and one.events
    assert len(result.events) == 6 * len(one.events)
    ids = [e.id for e in result.events]
    assert len(set(ids)) == len(ids)
    for event in result.events:
        assert event.evidence is not None
        start, end = event.evidence.sentence_start, event.evidence.sentence_end
        assert text[start:end].strip() == event.text
        assert event.id == f"long-{event.evidence.sentence:04d}-{event.id.rsplit('-', 1)[1]}"
    sentences = [e.evidence.sentence for e in result.events if e.evidence]
    assert sentences == sorted(sentences) and sentences[-1] > 5 * max(
        e.evidence.sentence for e in one.events if e.evidence)
    assert Settings().max_chars >= 20_000


def test_batches_are_bounded_in_characters_as_well_as_texts() -> None:
    from dyads import chunks

    class FakeNlp:
        def __init__(self) -> None:
            self.batches: list[int] = []

        def pipe(self, batch: list[tuple[str, int]], **_: object) -> list[tuple[str, int]]:
            self.batches.append(sum(len(text) for text, _ in batch))
            return batch

    nlp = FakeNlp()
    pairs = [("x" * 30_000, i) for i in range(7)] + [("y", 7), ("z", 8)]
    out = list(Pieces(50_000).pipe(nlp, pairs, batch_size=32))  # type: ignore[arg-type]
    assert [i for _, i in out] == list(range(9))
    assert max(nlp.batches) <= chunks.BATCH_CHARS
    nlp.batches.clear()
    list(Pieces(50_000).pipe(nlp, [("a", i) for i in range(5)], batch_size=2))  # type: ignore[arg-type]
    assert nlp.batches == [2, 2, 1]
