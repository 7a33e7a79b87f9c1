"""Find knowledge-base mentions in a parsed document.

One :class:`spacy.matcher.PhraseMatcher` per case mode is compiled once from the knowledge base;
matching costs the same whatever the size of the knowledge base. Matches are stored on the
``Doc`` as ``doc.spans["dyads_kb"]``: the span label is the kind of entry (country, adjective,
capital, seat, org, title, institution, agent, person, place) and ``kb_id_`` the entry keys,
joined by "|" when a surface form is ambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from dyads.kb.loader import KnowledgeBase

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

SPAN_KEY = "dyads_kb"
# Span kinds whose keys are country codes.
COUNTRY_KINDS = frozenset({"country", "adjective", "capital", "seat"})
# When two kinds claim the same span, the first wins.
KIND_ORDER = ("person", "org", "institution", "country", "adjective", "capital", "seat", "title",
              "place", "agent")
# Short all-lower words that are never actor names on their own.
_STOP = {"us", "it", "chad", "china", "may", "will", "turkey", "guinea", "jordan", "georgia"}


class Recognizer:
    """Compiled phrase matchers for one knowledge base and one spaCy vocabulary."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        exact: dict[str, list[str]] = defaultdict(list)
        lower: dict[str, list[str]] = defaultdict(list)
        for ph in kb.phrases():
            text = ph.text.strip()
            if not text or (not ph.case_sensitive and text.lower() in _STOP):
                continue
            if ph.case_sensitive:
                exact[text].append(ph.kind)
                self.keys[text][ph.kind].add(ph.key)
            else:
                lower[text.lower()].append(ph.kind)
                self.keys[text.lower()][ph.kind].add(ph.key)
        tok = nlp.tokenizer
        self.exact.add("kb", [tok(t) for t in exact])
        # Title-case forms of case-sensitive names also match headlines such as "Xi Jinping Holds".
        self.lower.add("kb", [tok(t) for t in lower])

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        found: list[Span] = []
        for matcher, case in ((self.exact, True), (self.lower, False)):
            for _, start, end in matcher(doc):
                text = doc[start:end].text if case else doc[start:end].text.lower()
                kinds = self.keys.get(text)
                if not kinds:
                    continue
                kind = next(k for k in KIND_ORDER if k in kinds)
                found.append(Span(doc, start, end, label=kind, kb_id="|".join(sorted(kinds[kind]))))
        doc.spans[SPAN_KEY] = filter_spans(found)
        return doc


def kb_spans(doc: Doc, start: int = 0, end: int | None = None) -> list[Span]:
    """Knowledge-base spans starting at token ``start`` up to ``end`` (exclusive), from an
    index built once per document, so looking up a phrase or a sentence costs a bisection."""
    from bisect import bisect_left

    index = doc.user_data.get("dyads_kb_index")
    if index is None:
        spans = sorted(doc.spans[SPAN_KEY], key=lambda s: s.start) if SPAN_KEY in doc.spans \
            else []
        index = doc.user_data["dyads_kb_index"] = (spans, [s.start for s in spans])
    spans, starts = index
    stop = len(doc) if end is None else end
    return list(spans[bisect_left(starts, start):bisect_left(starts, stop)])


def person_ents(doc: Doc) -> list[Span]:
    """spaCy's PERSON entities of a document, listed once."""
    found = doc.user_data.get("dyads_persons")
    if found is None:
        found = doc.user_data["dyads_persons"] = [e for e in doc.ents if e.label_ == "PERSON"]
    return list(found)


def span_countries(span: Span, kb: KnowledgeBase) -> tuple[str, ...]:
    """The countries a knowledge-base span names: a country, a demonym, a capital or seat of
    power (an ambiguous form names several), or the countries of a place."""
    if span.label_ in COUNTRY_KINDS:
        return tuple(span.kb_id_.split("|"))
    if span.label_ == "place":
        return kb.places[int(span.kb_id_.split("|")[0])].codes()
    return ()
