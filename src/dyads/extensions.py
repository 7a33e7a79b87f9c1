"""Every spaCy extension dyads registers, in one place, with the component that writes it.

    span._.kb                  the decoded knowledge-base mention (a getter, see
                               :mod:`dyads.actors.mentions`); written by ``dyads_kb``
    doc._.dyads_document       the :class:`~dyads.models.Document` being coded (its id,
                               publication date, URL); set by whoever makes the Doc
    doc._.dyads_error          the first :class:`~dyads.errors.DyadsError` a stage raised
                               on this document (later stages skip it); any dyads stage
    doc._.dyads_dates          sentence index -> :class:`~dyads.components.SentenceDate`;
                               ``dyads_clock``
    doc._.dyads_quantities     sentence index -> amounts (document offsets);
                               ``dyads_quantities``
    doc._.dyads_events         sentence index -> :class:`~dyads.models.Event` records (no
                               location yet); ``dyads_events``
    doc._.dyads_context        the document's actor memory after the last sentence
                               (:class:`~dyads.actors.coref.DocContext`); ``dyads_events``
    doc._.dyads_dateline       the dateline's place, if any; ``dyads_places``
    doc._.dyads_locations      sentence index -> the location of its events; ``dyads_places``
    doc._.dyads_commitments    the document's commitments; ``dyads_commitments``
    doc._.dyads_reviews        sentence index -> the learned layer's
                               :class:`~dyads.learned.review.Review` of each of its
                               events, in order; ``dyads_review`` (learned coders only)

Defaults are ``None`` (never a shared mutable value): a stage sets a fresh value per document.
"""

from __future__ import annotations

DOC_EXTENSIONS = ("dyads_document", "dyads_error", "dyads_dates", "dyads_quantities",
                  "dyads_events", "dyads_context", "dyads_dateline", "dyads_locations",
                  "dyads_commitments", "dyads_reviews")
SPAN_EXTENSIONS = ("kb",)


def register_extensions() -> None:
    """Register the extensions with spaCy (once; later calls do nothing)."""
    from spacy.tokens import Doc, Span

    from dyads.actors.mentions import decode

    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("kb"):
        Span.set_extension("kb", getter=decode)
