"""Find knowledge-base mentions in a parsed document.

One :class:`spacy.matcher.PhraseMatcher` per case mode is compiled once from the knowledge base;
matching costs the same whatever the size of the knowledge base. Matches are stored on the
``Doc`` as ``doc.spans["dyads_kb"]``: the span label is the kind of entry (country, adjective,
capital, seat, org, title, institution, agent, person, place) and ``kb_id_`` the entry keys,
joined by "|" when a surface form is ambiguous. A place that shares its name with a country
("Georgia", the US state) is read as the place where one of its ``cues`` stands next to it.

Matching reads folded text (:func:`dyads.normalize.fold`): "Nguyễn Phú Trọng" in the text finds
the entry "Nguyen Phu Trong" and the other way round; spans index the document as it is. People
are also found in the forms official sites print: the surname in capitals, given name first or
last ("Fumio KISHIDA", "KISHIDA Fumio", "XI Jinping").

Some names hold an English closed-class word ("To Lam", "Theresa May", "Than Shwe"); the tagger
reads it as a preposition or a modal and the parse breaks. :class:`NameGuard`, a component the
recogniser puts before the tagger and parser, marks those words as parts of a name first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from dyads.actors.mentions import COUNTRY_KINDS, SPAN_KEY, encode
from dyads.extensions import register_extensions
from dyads.kb.loader import KnowledgeBase
from dyads.nlp import doc_text
from dyads.normalize import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

# When two kinds claim the same span, the first wins.
KIND_ORDER = ("person", "org", "institution", "country", "adjective", "capital", "seat", "title",
              "place", "agent")
# Short all-lower words that are never actor names on their own.
_STOP = {"us", "it", "chad", "china", "may", "will", "turkey", "guinea", "jordan", "georgia"}
GUARD = "dyads_names"


class Recognizer:
    """Compiled phrase matchers for one knowledge base and one spaCy vocabulary."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        from spacy.matcher import PhraseMatcher

        register_extensions()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        exact: dict[str, list[str]] = defaultdict(list)
        lower: dict[str, list[str]] = defaultdict(list)
        names: set[str] = set()
        for ph in kb.phrases():
            text = fold(ph.text.strip())
            if not text or (not ph.case_sensitive and text.lower() in _STOP):
                continue
            if not ph.case_sensitive:
                lower[text.lower()].append(ph.kind)
                self.keys[text.lower()][ph.kind].add(ph.key)
                continue
            forms = list(name_forms(text)) if ph.kind == "person" else [text]
            for form in forms:
                exact[form].append(ph.kind)
                self.keys[form][ph.kind].add(ph.key)
            if ph.kind == "person":
                names.update(forms)
        tok = nlp.tokenizer
        # places that share their name with a country: the words that select the place
        self.cues: dict[str, list[tuple[str, ...]]] = {
            str(i): [tuple(t.lower_ for t in tok(c)) for c in pl.cues]
            for i, pl in enumerate(kb.places) if pl.cues}
        self.exact.add("kb", [tok(t) for t in exact])
        # Title-case forms of case-sensitive names also match headlines such as "Xi Jinping Holds".
        self.lower.add("kb", [tok(t) for t in lower])
        guard_names(nlp, names)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        found: list[Span] = []
        folded = folded_doc(doc)
        for matcher, case in ((self.exact, True), (self.lower, False)):
            for _, start, end in matcher(folded):
                text = folded[start:end].text if case else folded[start:end].text.lower()
                kinds = self.keys.get(text)
                if not kinds:
                    continue
                kind = next(k for k in KIND_ORDER if k in kinds)
                keys = kinds[kind]
                cued = [k for k in kinds.get("place", ()) if self._cued(doc, start, end, k)]
                if cued:  # "Governor Brian Kemp of Georgia": the US state
                    kind, keys = "place", set(cued)
                found.append(Span(doc, start, end, label=kind, kb_id=encode(keys)))
        doc.spans[SPAN_KEY] = [s for s in filter_spans(found)
                               if not _names_a_thing(s) and not _part_of_a_given_name(s)]
        return doc

    def _cued(self, doc: Doc, start: int, end: int, key: str) -> bool:
        """Whether one of the place's cue words stands within ``CUE_WINDOW`` tokens before the
        name, or right after it ("Savannah, Georgia"; "Georgia Governor")."""
        cues = self.cues.get(key)
        if not cues:
            return False
        before = [t.lower_ for t in doc[max(0, start - CUE_WINDOW):start]]
        after = [t.lower_ for t in doc[end:end + 3]]
        for words in (before, after):
            for cue in cues:
                n = len(cue)
                if any(tuple(words[i:i + n]) == cue for i in range(len(words) - n + 1)):
                    return True
        return False


# How far before a name a cue may stand: "Governor Brian Kemp of Georgia" (four tokens).
CUE_WINDOW = 5


# Nouns after a place's name that make it part of the name of a thing, not an actor: "the
# Paris Agreement", "the Minsk agreements", "the Vilnius Summit", "the Paris Club", "the Bali
# Process" are no act of France, Belarus, Lithuania or Indonesia. Capitals, seats and other
# places only: "the Korea-US Free Trade Agreement" names its parties.
NAMED_AFTER = frozenset({
    "agreement", "agreements", "accord", "accords", "treaty", "treaties", "protocol", "format",
    "process", "declaration", "convention", "conventions", "summit", "consensus", "communique",
    "communiqué", "charter", "conference", "forum", "initiative", "principles", "framework",
    "memorandum", "document", "club", "group", "plan", "act", "olympics", "paralympics", "games",
    "dialogue", "formula", "roadmap"})
_PLACE_KINDS = frozenset({"capital", "seat", "place"})


def _names_a_thing(span: Span) -> bool:
    """A capital, seat or place whose name opens the name of an agreement, summit or forum
    ("Paris Agreement", "Minsk II agreements", "Paris Climate Agreement")."""
    if span.label_ not in _PLACE_KINDS:
        return False
    doc = span.doc
    for tok in doc[span.end:span.end + 3]:
        if tok.lower_ in NAMED_AFTER and tok.pos_ in {"NOUN", "PROPN"}:
            return True
        if not (tok.is_title or tok.is_upper or tok.like_num):
            return False  # "Paris, France", "Minsk on Monday"
    return False


def _part_of_a_given_name(span: Span) -> bool:
    """A name matched inside a hyphenated given name: "Sang" of "Kim Sang-jin" is not Truong
    Tan Sang ("Biden-Harris", with a capital after the hyphen, is two names)."""
    doc = span.doc
    if span.label_ != "person" or span.end + 1 >= len(doc) or doc[span.end - 1].whitespace_:
        return False
    hyphen, rest = doc[span.end], doc[span.end + 1]
    return hyphen.text == "-" and not hyphen.whitespace_ and rest.is_lower and rest.is_alpha


def folded_doc(doc: Doc) -> Doc:
    """``doc`` itself when its text is ASCII, else a copy of its tokens in folded spelling
    (token for token, so a match in the copy is the same tokens in ``doc``)."""
    from spacy.attrs import ORTH, SPACY
    from spacy.tokens import Doc

    if doc_text(doc).isascii():
        return doc
    orths, spaces = doc.to_array([ORTH, SPACY]).T.tolist()  # no Token made for each word
    strings = doc.vocab.strings
    folded: dict[int, str] = {}
    for orth in set(orths):
        text = strings[orth]
        folded[orth] = fold(text) or text
    return Doc(doc.vocab, words=[folded[o] for o in orths], spaces=[bool(s) for s in spaces])


def name_forms(name: str) -> Iterator[str]:
    """A person's name as written, and with the surname in capitals as official sites print
    it: the last word ("Fumio KISHIDA", "KISHIDA Fumio") or, for names written surname first,
    the first ("XI Jinping", "PHAM Minh Chinh")."""
    yield name
    words = name.split()
    if len(words) < 2 or not all(w[:1].isalpha() for w in words):
        return
    first, *middle, last = words
    if len(last) > 1:
        yield " ".join([*words[:-1], last.upper()])
        yield " ".join([last.upper(), *words[:-1]])
    if len(first) > 1:
        yield " ".join([first.upper(), *middle, last])
    if not middle:  # "Kishida Fumio": two names in the other order
        yield f"{last} {first}"


class NameGuard:
    """A pipeline component that runs before the tagger and parser: in a known multi-word
    name, each English closed-class word ("To" of "To Lam", "May" of "Theresa May") gets a norm
    no English word has, so the statistical layers read it as a name, not a preposition."""

    def __init__(self, vocab: Vocab) -> None:
        from spacy.matcher import PhraseMatcher

        self.vocab = vocab
        self.matcher = PhraseMatcher(vocab, attr="ORTH")

    def set_names(self, names: Iterable[str], nlp: Language) -> None:
        """Guard those of ``names`` that hold a closed-class word."""
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(self.vocab, attr="ORTH")
        docs = [nlp.make_doc(n) for n in names if len(n.split()) > 1]
        self.matcher.add("name", [d for d in docs if any(t.is_stop for t in d)])

    def __call__(self, doc: Doc) -> Doc:
        for _, start, end in self.matcher(doc):
            for tok in doc[start:end]:
                if tok.is_stop:
                    tok.norm_ = NAME_NORM
        return doc


# The norm a closed-class word takes inside a name: a common given name, which the statistical
# model reads as part of a proper noun wherever it stands (an unseen norm is read by chance:
# "To Lam" came out as a conjunction with one); tests/actors/test_recognize.py checks the parses.
NAME_NORM = "john"


def guard_names(nlp: Language, names: Iterable[str]) -> None:
    """Put :class:`NameGuard` first in ``nlp`` (once) and give it ``names``."""
    from spacy.language import Language

    if not Language.has_factory(GUARD):
        Language.factory(GUARD, func=lambda nlp, name: NameGuard(nlp.vocab))
    if GUARD not in nlp.pipe_names:
        nlp.add_pipe(GUARD, first=True)
    guard = nlp.get_pipe(GUARD)
    assert isinstance(guard, NameGuard)
    guard.set_names(names, nlp)


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


def person_ents(doc: Doc) -> list[tuple[int, Span]]:
    """spaCy's PERSON entities of a document, each with the index of its root token, listed
    once (a Span finds its root anew on each access)."""
    found = doc.user_data.get("dyads_persons")
    if found is None:
        found = doc.user_data["dyads_persons"] = [(e.root.i, e) for e in doc.ents
                                                  if e.label_ == "PERSON"]
    return list(found)


def span_countries(span: Span, kb: KnowledgeBase) -> tuple[str, ...]:
    """The countries a knowledge-base span names: a country, a demonym, a capital or seat of
    power (an ambiguous form names several), or the countries of a place."""
    if span.label_ in COUNTRY_KINDS:
        return span._.kb.keys
    if span.label_ == "place":
        return kb.places[span._.kb.index].codes()
    return ()
