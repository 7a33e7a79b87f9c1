"""The coding stages as registered spaCy components, run by ``nlp.pipe`` after the parser.

    dyads_kb           knowledge-base mentions            doc.spans["dyads_kb"], span._.kb
    dyads_headlines    title-case headlines re-parsed     the parse of those lines
    dyads_clock        the date of every sentence         doc._.dyads_dates
    dyads_quantities   the amounts of every sentence      doc._.dyads_quantities
    dyads_events       events, in sentence order, with    doc._.dyads_events,
                       the document's actor memory        doc._.dyads_context
    dyads_places       the dateline and the location of   doc._.dyads_dateline,
                       each sentence's events             doc._.dyads_locations
    dyads_commitments  pledges, loans, visits ...         doc._.dyads_commitments
    dyads_review       (``--coder learned`` only) the     doc._.dyads_reviews
                       learned layer's keep, retype or
                       drop of each event record

Each component writes only its own extensions (:mod:`dyads.extensions`) and reads those of the
components before it (``requires=``). ``dyads_events`` is one component, not an event stage and
a coreference stage: who "he" or "the two leaders" are depends on the events coded in earlier
sentences (a meeting sets the document's pair), so actors are remembered sentence by sentence
as the events are coded.

``dyads_review`` is added only when the settings choose a learned coder (``Settings.coder``),
last, so that the rules' events, places and commitments are what they are with ``--coder
rules``; :meth:`dyads.pipeline.Coder.records` then outputs the reviewed records. Each
record is classified on its own (:class:`~dyads.learned.model.EventClassifier`), so its
reading does not depend on the documents batched with it.

The knowledge base is loaded by ``dyads_kb`` from its config (``kb_extra``: extra actor files);
the other components share that one object (``nlp.get_pipe("dyads_kb").kb``). The codebook is
loaded by ``dyads_events``. Nothing is global: two pipelines hold two knowledge bases.

A :class:`~dyads.errors.DyadsError` in a stage is kept in ``doc._.dyads_error`` and the later
stages skip the document, so one bad document does not stop a batch.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dyads.actors.coref import DocContext
from dyads.errors import DyadsError
from dyads.extensions import register_extensions
from dyads.models import Document, Event, EventDate, Quantity
from dyads.nlp import doc_text, sentences
from dyads.settings import DatePolicy, Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from dyads.events.codebook import Codebook
    from dyads.events.coder import Draft
    from dyads.kb.loader import KnowledgeBase

KB = "dyads_kb"
HEADLINES = "dyads_headlines"
CLOCK = "dyads_clock"
QUANTITIES = "dyads_quantities"
EVENTS = "dyads_events"
PLACES = "dyads_places"
COMMITMENTS = "dyads_commitments"
REVIEW = "dyads_review"
NAMES = (KB, HEADLINES, CLOCK, QUANTITIES, EVENTS, PLACES, COMMITMENTS)
"""The dyads components of every pipeline, in pipeline order (``REVIEW`` comes after them
when the coder is a learned one)."""


@dataclass(frozen=True)
class SentenceDate:
    """The dates of one sentence, as the document's clock stood after reading it."""

    when: EventDate | None  # the sentence's date (its own, else the document's current date)
    fallback: EventDate  # the date of its records when ``when`` is None
    intended: EventDate | None  # the future date an intention names ("will visit in May")


def document_of(doc: Doc) -> Document:
    """The document a Doc codes: ``doc._.dyads_document``, else the Doc's text as one."""
    document = doc._.dyads_document
    return document if isinstance(document, Document) else Document("text", doc_text(doc))


def make_doc(nlp: Language, document: Document, text: str) -> Doc:
    """The Doc of ``text`` (``document``'s normalised text), ready for ``nlp.pipe``."""
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.dyads_document = document
    doc.user_data["dyads_text"] = text  # doc.text is text (spaCy keeps every character)
    return doc


class _Stage:
    """A dyads component: skips a document an earlier stage failed on, keeps its own error."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.dyads_error is None:
            try:
                self.process(doc)
            except DyadsError as exc:
                doc._.dyads_error = exc
        return doc

    def process(self, doc: Doc) -> None:
        raise NotImplementedError


def knowledge_base(nlp: Language) -> KnowledgeBase:
    """The knowledge base of ``nlp``'s ``dyads_kb`` component."""
    if KB not in nlp.pipe_names:
        raise DyadsError(f"the spaCy pipeline has no {KB} component",
                         f"add it first: nlp.add_pipe({KB!r})")
    stage = nlp.get_pipe(KB)
    assert isinstance(stage, KbMentions)
    return stage.kb


class KbMentions(_Stage):
    """``dyads_kb``: knowledge-base mentions (:class:`~dyads.actors.recognize.Recognizer`);
    puts the name guard before the tagger."""

    def __init__(self, nlp: Language, kb_extra: list[str]) -> None:
        from dyads.actors.recognize import Recognizer
        from dyads.kb.loader import KnowledgeBase

        self.kb = KnowledgeBase.load(tuple(kb_extra))
        self.recognizer = Recognizer(self.kb, nlp)

    def process(self, doc: Doc) -> None:
        self.recognizer(doc)


class Clock(_Stage):
    """``dyads_clock``: the date of each sentence, read in order
    (:class:`~dyads.clock.DocClock`)."""

    def process(self, doc: Doc) -> None:
        from dyads.clock import DocClock

        clock = DocClock.for_document(document_of(doc), doc_text(doc))
        dates: dict[int, SentenceDate] = {}
        for index, _, text in sentences(doc):
            when = clock.sentence_date(text)
            dates[index] = SentenceDate(when, clock.fallback(), clock.intended_date(text))
        doc._.dyads_dates = dates


class Quantities(_Stage):
    """``dyads_quantities``: the amounts of each sentence, in document offsets."""

    def process(self, doc: Doc) -> None:
        from dyads.quantities import find_quantities

        doc._.dyads_quantities = {
            index: [_shift(q, sent.start_char) for q in find_quantities(text)]
            for index, sent, text in sentences(doc)}


class Events(_Stage):
    """``dyads_events``: each sentence's events (:class:`~dyads.events.coder.EventCoder`),
    then its actors remembered for coreference, sentence after sentence."""

    def __init__(self, nlp: Language, statements: bool, dates: DatePolicy) -> None:
        from dyads.actors.resolve import ActorResolver
        from dyads.events.codebook import Codebook
        from dyads.events.coder import EventCoder

        self.kb = knowledge_base(nlp)
        self.codebook: Codebook = Codebook.load()
        self.coder = EventCoder(self.codebook, ActorResolver(self.kb), statements=statements)
        self.policy = dates

    def process(self, doc: Doc) -> None:
        document = document_of(doc)
        dates: dict[int, SentenceDate] = doc._.dyads_dates
        amounts: dict[int, list[Quantity]] = doc._.dyads_quantities
        ctx = DocContext(home=self.kb.home_country(document.url))
        resolver = self.coder.resolver
        events: dict[int, list[Event]] = {}
        for index, sent, text in sentences(doc):
            date = dates[index]
            drafts = self.coder.code_sentence(sent, index, date.when, ctx, amounts[index])
            events[index] = [_event(document, index, k, draft, date, text, self.policy)
                             for k, draft in enumerate(drafts)]
            day = date.when.date if date.when else None
            resolver.mentions(sent, day, ctx)
            resolver.note_subject(sent, day, ctx)
        doc._.dyads_events = events
        doc._.dyads_context = ctx


class Places(_Stage):
    """``dyads_places``: the dateline's place and where each sentence's events happened."""

    def __init__(self, nlp: Language) -> None:
        self.kb = knowledge_base(nlp)

    def process(self, doc: Doc) -> None:
        from dyads.places import dateline_places, event_location, find_places

        events: dict[int, list[Event]] = doc._.dyads_events
        dateline = dateline_places(doc, self.kb)
        doc._.dyads_dateline = dateline
        ents = tuple(doc.ents)
        doc._.dyads_locations = {
            index: event_location(sent, find_places(sent, self.kb, ents), dateline)
            for index, sent, _ in sentences(doc) if events[index]}


class Commitments(_Stage):
    """``dyads_commitments``: the commitments of each sentence, given its events and those
    before it."""

    def process(self, doc: Doc) -> None:
        from dyads.commitments import extract_commitments

        doc_id = document_of(doc).id
        dates: dict[int, SentenceDate] = doc._.dyads_dates
        amounts: dict[int, list[Quantity]] = doc._.dyads_quantities
        events: dict[int, list[Event]] = doc._.dyads_events
        found = []
        earlier: list[Event] = []
        for index, sent, _ in sentences(doc):
            date = dates[index]
            found.extend(extract_commitments(doc_id, sent, index, events[index], amounts[index],
                                             date.when or date.fallback, context=earlier))
            earlier.extend(events[index])
        doc._.dyads_commitments = found


def _headlines(nlp: Language) -> Any:
    from dyads.headlines import Headlines

    return Headlines(nlp)


class RecordReview(_Stage):
    """``dyads_review``: the learned layer's review of each event record
    (:class:`~dyads.learned.review.Reviewer`): keep, retype or drop. ``model`` is a model
    directory written by ``dyads train``, or "" for the shipped one. onnxruntime is loaded
    on the first record, not before."""

    def __init__(self, nlp: Language, model: str) -> None:
        from dyads.learned.model import EventClassifier
        from dyads.learned.review import Reviewer

        codebook = nlp.get_pipe(EVENTS).codebook  # type: ignore[attr-defined]
        self.reviewer = Reviewer(EventClassifier(model or None), codebook)

    def process(self, doc: Doc) -> None:
        events: dict[int, list[Event]] = doc._.dyads_events
        text = doc_text(doc)
        found = self.reviewer.review_many([(text, events[index]) for index in events])
        doc._.dyads_reviews = dict(zip(events, found, strict=True))


def _shift(q: Quantity, offset: int) -> Quantity:
    return dataclasses.replace(q, start=q.start + offset, end=q.end + offset)


def _event(doc: Document, index: int, k: int, d: Draft, dates: SentenceDate, sent_text: str,
           policy: DatePolicy = "published") -> Event:
    date = dates.when or dates.fallback
    stated = None
    if policy == "published" and doc.published is not None and date.date != doc.published:
        stated, date = date, EventDate(doc.published, "day", "published")
    intended = dates.intended if d.modality == "intended" else None
    return Event(
        id=f"{doc.id}-{index:04d}-{k}", doc_id=doc.id, date=date, actor=d.actor,
        recipient=d.recipient, event=d.event, cameo=d.cameo, mode=d.mode, context=d.context,
        event_text=d.trigger_text, quad_code=d.quad, event_scale=d.goldstein,
        goldstein=d.goldstein, text=sent_text.strip(), evidence=d.evidence,
        quantities=d.quantities, confidence=d.confidence, modality=d.modality,
        intended_date=intended, stated_date=stated,
    )


# --------------------------------------------------------------------------- registration

_DOC = "doc._."
_FACTORIES: dict[str, tuple[Any, dict[str, Any], list[str], list[str]]] = {
    # name: (make, default config, assigns, requires)
    KB: (lambda nlp, name, kb_extra: KbMentions(nlp, kb_extra), {"kb_extra": []},
         ["doc.spans", "span._.kb"], []),
    HEADLINES: (lambda nlp, name: _headlines(nlp), {},
                ["token.tag", "token.pos", "token.lemma", "token.dep", "token.head", "doc.ents"],
                ["doc.spans"]),
    CLOCK: (lambda nlp, name: Clock(), {}, [_DOC + "dyads_dates"], []),
    QUANTITIES: (lambda nlp, name: Quantities(), {}, [_DOC + "dyads_quantities"], []),
    EVENTS: (lambda nlp, name, statements, dates: Events(nlp, statements, dates),
             {"statements": False, "dates": "published"},
             [_DOC + "dyads_events", _DOC + "dyads_context"],
             ["doc.spans", _DOC + "dyads_dates", _DOC + "dyads_quantities"]),
    PLACES: (lambda nlp, name: Places(nlp), {},
             [_DOC + "dyads_dateline", _DOC + "dyads_locations"],
             ["doc.spans", _DOC + "dyads_events"]),
    COMMITMENTS: (lambda nlp, name: Commitments(), {}, [_DOC + "dyads_commitments"],
                  [_DOC + "dyads_events", _DOC + "dyads_dates", _DOC + "dyads_quantities"]),
    REVIEW: (lambda nlp, name, model: RecordReview(nlp, model), {"model": ""},
             [_DOC + "dyads_reviews"], [_DOC + "dyads_events"]),
}


def register_components() -> None:
    """Register the dyads factories and extensions with spaCy (once)."""
    from spacy.language import Language

    register_extensions()
    for name, (make, config, assigns, requires) in _FACTORIES.items():
        if not Language.has_factory(name):
            Language.factory(name, default_config=config, assigns=assigns, requires=requires,
                             func=make)


def configs(settings: Settings) -> dict[str, dict[str, Any]]:
    """The config of each dyads component for ``settings``."""
    wanted: dict[str, dict[str, Any]] = {
        KB: {"kb_extra": list(settings.kb_extra)},
        EVENTS: {"statements": settings.statements, "dates": settings.dates}}
    if settings.coder != "rules":
        wanted[REVIEW] = {"model": "" if settings.coder == "learned" else settings.coder}
    return wanted


def pipeline_names(settings: Settings) -> tuple[str, ...]:
    """The dyads components a pipeline for ``settings`` has, in order."""
    return NAMES + ((REVIEW,) if settings.coder != "rules" else ())


def add_components(nlp: Language, settings: Settings) -> Language:
    """Add the dyads components to ``nlp`` (a loaded model: :func:`dyads.nlp.load`), or check
    that those it has were made for ``settings``."""
    register_components()
    wanted = configs(settings)
    if settings.coder == "rules" and REVIEW in nlp.pipe_names:
        raise DyadsError(f"this spaCy pipeline has the learned layer ({REVIEW}), the settings "
                         "ask for the rules alone",
                         "give each Settings its own pipeline (Coder(settings) without nlp=)")
    for name in pipeline_names(settings):
        config = wanted.get(name, {})
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config)
            continue
        have = {k: nlp.get_pipe_config(name).get(k) for k in config}
        if have != config:
            raise DyadsError(f"this spaCy pipeline's {name} was made with {have}, not {config}",
                             "give each Settings its own pipeline (Coder(settings) without nlp=)")
    return nlp
