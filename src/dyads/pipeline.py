"""The coding pipeline: documents in, PLOVER events (and commitments) out.

    normalize → spaCy parse (nlp.pipe, batched) → knowledge-base mentions → per sentence:
    dates, quantities, triggers, arguments, actors, modality → Event records

:class:`Coder` owns the spaCy pipeline, knowledge base and codebook. It loads them lazily and
drops the spaCy objects when pickled, so Dask can ship a Coder to workers, where each worker
loads the model once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from dyads.actors.coref import DocContext
from dyads.actors.resolve import ActorResolver
from dyads.chunks import Pieces
from dyads.clock import DocClock
from dyads.errors import DyadsError
from dyads.events.codebook import Codebook
from dyads.events.coder import Draft, EventCoder
from dyads.kb.loader import KnowledgeBase
from dyads.models import CodingResult, Document, Event, EventDate, Failure, Quantity
from dyads.nlp import doc_text
from dyads.normalize import normalize
from dyads.settings import DatePolicy, Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class Coder:
    """Codes documents. Build one and reuse it; it is cheap to pickle."""

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None,
                 kb: KnowledgeBase | None = None, codebook: Codebook | None = None) -> None:
        self.settings = settings or Settings()
        self._nlp = nlp
        self._kb = kb
        self._codebook = codebook
        self._recognizer: Any = None
        self._coder: EventCoder | None = None

    # ---- lazy parts ----------------------------------------------------------------------------
    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from dyads.nlp import load

            self._nlp = load(self.settings.model)
        return self._nlp

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = KnowledgeBase.load(self.settings.kb_extra)
        return self._kb

    @property
    def codebook(self) -> Codebook:
        if self._codebook is None:
            self._codebook = Codebook.load()
        return self._codebook

    def _parts(self) -> tuple[Any, EventCoder]:
        if self._recognizer is None or self._coder is None:
            from dyads.actors.recognize import Recognizer

            self._recognizer = Recognizer(self.kb, self.nlp)
            self._coder = EventCoder(self.codebook, ActorResolver(self.kb),
                                     statements=self.settings.statements)
        return self._recognizer, self._coder

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.update(_nlp=None, _recognizer=None, _coder=None)
        return state

    # ---- API ---------------------------------------------------------------------------------
    def code(self, text: str, published: dt.date | str | None = None,
             doc_id: str = "text") -> list[Event]:
        """Events of one text. ``published`` anchors relative dates ("yesterday")."""
        if isinstance(published, str):
            published = dt.date.fromisoformat(published[:10])
        doc = Document(id=doc_id, text=text, published=published)
        for result in self.code_documents([doc]):
            if isinstance(result, Failure):
                raise DyadsError(result.error, result.hint)
            return result.events
        return []

    def code_documents(self, docs: Iterable[Document | Failure]
                       ) -> Iterator[CodingResult | Failure]:
        """Code documents in batches; a Failure passes through, a document that fails to
        code becomes one, and the run goes on. A document longer than ``max_chars`` is coded
        in pieces (:mod:`dyads.chunks`) and comes back as one result."""
        pieces = Pieces(self.settings.max_chars)
        return pieces.join(self._code_pieces(docs, pieces))

    def _code_pieces(self, docs: Iterable[Document | Failure], pieces: Pieces
                     ) -> Iterator[CodingResult | Failure]:
        """Code documents and the pieces of long ones, in order."""
        recognizer, coder = self._parts()
        ready = (item for d in docs for item in pieces.split(self._prepare(d)))
        valid = _Buffered(ready)
        pairs = ((text, doc) for doc, text in valid.documents())
        for sdoc, doc in pieces.parsed(pieces.pipe(self.nlp, pairs, self.settings.batch_size)):
            yield from valid.failures()
            try:
                recognizer(sdoc)
                yield self._code_parsed(doc, sdoc, coder)
            except DyadsError as exc:
                yield Failure(doc.id, doc.source or doc.id, str(exc), exc.hint, kind="code")
        yield from valid.failures()

    def _prepare(self, doc: Document | Failure) -> tuple[Document, str] | Failure:
        if isinstance(doc, Failure):
            return doc
        return doc, normalize(doc.text)

    def _code_parsed(self, doc: Document, sdoc: Doc, coder: EventCoder) -> CodingResult:
        from dyads.commitments import extract_commitments
        from dyads.places import dateline_places, event_location, find_places
        from dyads.quantities import find_quantities

        clock = DocClock.for_document(doc, doc_text(sdoc))
        ctx = DocContext(home=self.kb.home_country(doc.url))
        result = CodingResult(doc.id)
        doc_places = dateline_places(sdoc, self.kb)
        for index, sent in enumerate(sdoc.sents):
            if not sent.text.strip():
                continue
            when = clock.sentence_date(sent.text)
            quantities = [_shift(q, sent.start_char) for q in find_quantities(sent.text)]
            drafts = coder.code_sentence(sent, index, when, ctx, quantities)
            loc = event_location(sent, find_places(sent, self.kb), doc_places) if drafts else None
            first = len(result.events)
            for k, draft in enumerate(drafts):
                event = _event(doc, index, k, draft, when, clock, sent.text, self.settings.dates)
                result.events.append(dataclasses.replace(event, event_loc=loc))
            result.commitments.extend(extract_commitments(
                doc.id, sent, index, result.events[first:], quantities,
                when or clock.fallback(), context=result.events[:first]))
            day = when.date if when else None
            coder.resolver.mentions(sent, day, ctx)
            coder.resolver.note_subject(sent, day, ctx)
        return result


def _shift(q: Quantity, offset: int) -> Quantity:
    return dataclasses.replace(q, start=q.start + offset, end=q.end + offset)


def _event(doc: Document, index: int, k: int, d: Draft, when: EventDate | None,
           clock: DocClock, sent_text: str, policy: DatePolicy = "published") -> Event:
    date = when or clock.fallback()
    stated = None
    if policy == "published" and doc.published is not None and date.date != doc.published:
        stated, date = date, EventDate(doc.published, "day", "published")
    intended = clock.intended_date(sent_text) if d.modality == "intended" else None
    return Event(
        id=f"{doc.id}-{index:04d}-{k}", doc_id=doc.id, date=date, actor=d.actor,
        recipient=d.recipient, event=d.event, cameo=d.cameo, mode=d.mode, context=d.context,
        event_text=d.trigger_text, quad_code=d.quad, event_scale=d.goldstein,
        goldstein=d.goldstein, text=sent_text.strip(), evidence=d.evidence,
        quantities=d.quantities, confidence=d.confidence, modality=d.modality,
        intended_date=intended, stated_date=stated,
    )


class _Buffered:
    """Split a stream into documents for spaCy and failures to pass through, in order."""

    def __init__(self, items: Iterable[tuple[Document, str] | Failure]) -> None:
        self._items = iter(items)
        self._failures: list[Failure] = []

    def documents(self) -> Iterator[tuple[Document, str]]:
        for item in self._items:
            if isinstance(item, Failure):
                self._failures.append(item)
            else:
                yield item

    def failures(self) -> Iterator[Failure]:
        while self._failures:
            yield self._failures.pop(0)
