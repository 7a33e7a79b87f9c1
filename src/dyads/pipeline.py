"""The coding pipeline: documents in, PLOVER events (and commitments) out.

    normalize → one spaCy pipeline (:func:`dyads.nlp.load` + :mod:`dyads.components`):
    parse → dyads_kb → dyads_clock → dyads_quantities → dyads_events → dyads_places →
    dyads_commitments [→ dyads_review with a learned coder] → records (:meth:`Coder.records`)

:class:`Coder` builds the pipeline, pipes documents through it in batches and assembles the
records from the extensions the components set (:mod:`dyads.extensions`). It loads the pipeline
lazily and drops it when pickled, so Dask can ship a Coder to workers, where each worker loads
the model once; worker pools send back records, never Docs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from dyads.chunks import Pieces
from dyads.errors import DyadsError
from dyads.models import CodingResult, Document, Event, Failure
from dyads.normalize import normalize
from dyads.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dyads.events.codebook import Codebook
    from dyads.kb.loader import KnowledgeBase


class Coder:
    """Codes documents. Build one and reuse it; it is cheap to pickle.

    ``nlp`` is a loaded spaCy model to add the dyads components to, or a pipeline that has
    them already (made for the same settings)."""

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None
                 ) -> None:
        self.settings = settings or Settings()
        self._nlp = nlp
        self._ready = False

    # ---- the pipeline ------------------------------------------------------------------------
    @property
    def nlp(self) -> Language:
        """The spaCy pipeline with the dyads components (built on first use)."""
        if self._nlp is None:
            from dyads.morphology import use_lookups
            from dyads.nlp import load

            self._nlp = use_lookups(load(self.settings.model))
        if not self._ready:
            from dyads.components import add_components

            add_components(self._nlp, self.settings)
            self._ready = True
        return self._nlp

    @property
    def kb(self) -> KnowledgeBase:
        from dyads.components import knowledge_base

        return knowledge_base(self.nlp)

    @property
    def codebook(self) -> Codebook:
        from dyads.components import EVENTS

        return self.nlp.get_pipe(EVENTS).codebook  # type: ignore[attr-defined]

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.update(_nlp=None, _ready=False)
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

    def parse(self, doc: Document) -> Doc:
        """One document through the whole pipeline, as a Doc with the dyads extensions
        (:mod:`dyads.extensions`); :meth:`records` turns it into records."""
        from dyads.components import make_doc

        nlp = self.nlp
        return nlp(make_doc(nlp, doc, normalize(doc.text)))

    def records(self, doc: Document, sdoc: Doc) -> CodingResult | Failure:
        """The records of a piped Doc: its events, placed, and its commitments."""
        error = sdoc._.dyads_error
        if isinstance(error, DyadsError):
            return Failure(doc.id, doc.source or doc.id, str(error), error.hint, kind="code")
        result = CodingResult(doc.id)
        locations = sdoc._.dyads_locations
        reviews = sdoc._.dyads_reviews  # None with the rules alone
        for index, events in sdoc._.dyads_events.items():
            loc = locations.get(index)
            if reviews is not None:
                events = [r.event for r in reviews[index] if r.event is not None]
            result.events.extend(dataclasses.replace(e, event_loc=loc) for e in events)
        result.commitments.extend(sdoc._.dyads_commitments)
        return result

    def _code_pieces(self, docs: Iterable[Document | Failure], pieces: Pieces
                     ) -> Iterator[CodingResult | Failure]:
        """Code documents and the pieces of long ones, in order."""
        from dyads.components import make_doc

        nlp = self.nlp
        ready = (item for d in docs for item in pieces.split(self._prepare(d)))
        valid = _Buffered(ready)
        pairs = ((make_doc(nlp, doc, text), doc) for doc, text in valid.documents())
        for sdoc, doc in pieces.parsed(pieces.pipe(nlp, pairs, self.settings.batch_size)):
            yield from valid.failures()
            yield self.records(doc, sdoc)
        yield from valid.failures()

    def _prepare(self, doc: Document | Failure) -> tuple[Document, str] | Failure:
        if isinstance(doc, Failure):
            return doc
        return doc, normalize(doc.text)


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
