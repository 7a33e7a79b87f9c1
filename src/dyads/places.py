"""Places: where an event happened (PLOVER ``event_loc``).

    find_places      the place mentions of a sentence, resolved against the gazetteer
    dateline_places  the place of a dateline near the top ("HANOI, Nov. 12 (VNA) –")
    event_location   the location of a sentence's events, or None

Mentions come from the knowledge-base spans on the ``Doc`` (``doc.spans["dyads_kb"]``: labels
"place", "capital" and "seat") and from spaCy GPE/LOC/FAC entities whose text is a gazetteer
name ("HANOI" in a dateline, which the case-sensitive matcher misses). Each resolves to a
:class:`~dyads.models.Place` with its country; seas, gulfs, rivers and regions that several
countries touch or claim carry them all in ``countries`` and the first listed in ``country``.

A mention is the event's location only in a locative phrase: the object of "in", "at",
"near", "off", "inside", "outside", "within" or "aboard" that hangs off a verb of the main clause
("met in Hanoi") or off an event noun ("talks in Hanoi", "on the sidelines of the summit in New
York"), possibly through a geographic noun ("off the coast of", "on the outskirts of" — "on"
counts only this way, since "talks on Taiwan" is a topic), or the object of "visit"/"tour".
"to" is a destination ("flew to Beijing", "a letter to Moscow"), not where the event took place,
and a capital that is a subject or object ("Beijing said", "urged Hanoi") is an actor, so
neither counts. A locative inside a noun that is not an event ("peace and stability in the East
Sea", "disasters in Vietnam") is a topic, not a location, and does not count either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import takewhile
from typing import TYPE_CHECKING

from dyads.actors.recognize import kb_spans
from dyads.kb.loader import KnowledgeBase
from dyads.kb.schema import PlaceEntry
from dyads.models import Place
from dyads.nlp import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


_PLACE_LABELS = frozenset({"place", "capital", "seat", "country"})
_ENT_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVE = frozenset({"in", "at", "near", "off", "inside", "outside", "within", "aboard",
                       "outside of", "nearby"})
# Nouns a locative may pass through: "off the coast of X", "on the outskirts of X".
_GEO_NOUNS = frozenset({
    "coast", "waters", "water", "shore", "shores", "mouth", "outskirts", "suburb", "suburbs",
    "border", "city", "town", "province", "capital", "region", "area", "island", "islands",
    "vicinity", "side", "centre", "center", "heart", "port", "district", "village", "part",
})
# Nouns that are events themselves: a place attached to them is where the event happened.
_EVENT_NOUNS = frozenset({
    "talk", "talks", "meeting", "summit", "sideline", "sidelines", "visit", "conference",
    "forum", "ceremony", "banquet", "reception", "session", "dialogue", "event", "trip", "tour",
    "negotiation", "negotiations", "signing", "speech", "rally", "protest", "attack", "strike",
    "explosion", "clash", "clashes", "briefing", "consultation", "consultations", "exercise",
    "exercises", "drill", "drills", "gathering", "celebration", "parade", "welcome", "dinner",
    "luncheon", "lunch", "breakfast", "round", "launch", "exhibition", "meet",
})
# Names a locative may hang off by mistake of the parser ("met with Xi Jinping in Hanoi");
# not ORG or LAW: "the Declaration on the Conduct of Parties in the East Sea" is a topic.
_NAME_ENTS = frozenset({"PERSON", "FAC", "GPE", "LOC"})
_VISIT_VERBS = frozenset({"visit", "tour"})
_SPINE_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "parataxis"})
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w.'’ -]{1,40}?)"
    r"(?:,[ \t]*+[A-Z][\w.'’ -]{1,30}?)*?"  # ", Ukraine" after the city
    r"[ \t]*(?:,[ \t]*(?:" + _MONTH + r"[ \t]+\d|\d)|\(|[-–—]{1,2}[ \t])", re.MULTILINE)
_DATELINE_SPAN = 400


@dataclass(frozen=True)
class Gazetteer:
    """Gazetteer entries by lower-cased name and alias (built once per knowledge base)."""

    by_name: dict[str, tuple[PlaceEntry, ...]]

    @classmethod
    def of(cls, kb: KnowledgeBase) -> Gazetteer:
        """The gazetteer of ``kb``, cached on the knowledge base like its office index."""
        cached = kb.__dict__.get("_gazetteer")
        if isinstance(cached, Gazetteer):
            return cached
        table: dict[str, list[PlaceEntry]] = {}
        for entry in kb.places:
            for name in (entry.name, *entry.aliases):
                table.setdefault(name.lower(), []).append(entry)
        made = cls({k: tuple(v) for k, v in table.items()})
        kb.__dict__["_gazetteer"] = made
        return made

    def lookup(self, text: str) -> PlaceEntry | None:
        """The entry named ``text`` (case-insensitive; a leading "the" is ignored)."""
        key = _clean(text).lower()
        found = self.by_name.get(key) or self.by_name.get(_strip_the(key))
        return found[0] if found else None


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(" ,.;:")


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _place(entry: PlaceEntry, text: str, start: int, end: int) -> Place:
    codes = entry.codes()
    return Place(name=entry.name, country=codes[0] if codes else None, kind=entry.kind,
                 countries=codes, text=text, start=start, end=end)


def _from_kb_span(span: Span, kb: KnowledgeBase, gaz: Gazetteer) -> Place | None:
    """A Place for a "place", "capital" or "seat" span of the recogniser."""
    if span.label_ == "country":
        return _country(span, kb)
    if span.label_ == "place":
        keys = [k for k in span._.kb.keys if k.isdigit() and int(k) < len(kb.places)]
        entry = kb.places[int(keys[0])] if keys else gaz.lookup(span.text)
    else:
        entry = gaz.lookup(span.text)
    if entry is not None:
        return _place(entry, span.text, span.start_char, span.end_char)
    codes = span._.kb.codes
    if not codes:
        return None
    kind = "capital" if span.label_ == "capital" else "venue"
    return Place(name=_strip_the(_clean(span.text)), country=codes[0], kind=kind,
                 countries=codes, text=span.text, start=span.start_char, end=span.end_char)


def _country(span: Span, kb: KnowledgeBase) -> Place | None:
    code = span._.kb.key
    if not code:
        return None
    return Place(name=kb.country_name(code), country=code, kind="country", countries=(code,),
                 text=span.text, start=span.start_char, end=span.end_char)


def _kb_spans(doc: Doc, start: int, end: int) -> Iterator[Span]:
    """Spans of the sentence covering characters [start, end)."""
    first = doc.char_span(start, end, alignment_mode="expand")
    lo, hi = (first.start, first.end) if first is not None else (0, len(doc))
    for span in kb_spans(doc, lo, hi):
        if start <= span.start_char and span.end_char <= end:
            yield span


def _mentions(spans: Iterable[Span], ents: Iterable[Span], kb: KnowledgeBase) -> list[Place]:
    gaz = Gazetteer.of(kb)
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    for span in spans:
        if span.label_ in _PLACE_LABELS and (place := _from_kb_span(span, kb, gaz)):
            found.append(place)
        taken.append((span.start_char, span.end_char))
    for ent in ents:
        if ent.label_ not in _ENT_LABELS or _overlaps(ent.start_char, ent.end_char, taken):
            continue
        entry = gaz.lookup(ent.text)
        if entry is not None:
            found.append(_place(entry, ent.text, ent.start_char, ent.end_char))
    return sorted(found, key=lambda p: p.start)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


def find_places(sent: Span, kb: KnowledgeBase, ents: Sequence[Span] | None = None
                ) -> list[Place]:
    """The place mentions of ``sent``, in order, each resolved against the gazetteer.

    Countries (kind "country"), capitals and seats of government ("the White House", kind
    "venue") are included: whether one is a location or an actor is for
    :func:`event_location` to decide. ``ents`` are the document's entities when the caller
    has listed them (``sent.ents`` lists them all again for each sentence).
    """
    doc = sent.doc
    spans = _kb_spans(doc, sent.start_char, sent.end_char)
    within = sent.ents if ents is None else _within(ents, sent.start, sent.end)
    return _mentions(spans, within, kb)


def _within(ents: Sequence[Span], start: int, end: int) -> list[Span]:
    """The entities of ``ents`` (in order) that lie inside tokens [start, end), as
    ``Span.ents`` gives them."""
    from bisect import bisect_left

    first = bisect_left([e.start for e in ents], start)
    return list(takewhile(lambda e: e.end <= end, ents[first:]))


def dateline_places(doc: Doc, kb: KnowledgeBase) -> list[Place]:
    """The place of the document's dateline ("HANOI, Nov. 12 (VNA) –", "KYIV, Ukraine, May 22,
    2025 (Wire) -", "BEIJING (Reuters) -"), if a line near the top opens with one; else []."""
    gaz = Gazetteer.of(kb)
    head = doc_text(doc)[:_DATELINE_SPAN]
    for m in _DATELINE_RE.finditer(head):
        text = m["place"].strip()
        entry = gaz.lookup(text) or _capital_entry(text, kb)
        if entry is not None:
            start = m.start("place")
            return [_place(entry, text, start, start + len(text))]
    return []


def _capital_entry(text: str, kb: KnowledgeBase) -> PlaceEntry | None:
    """A capital named in countries.yaml but missing from the gazetteer."""
    want = text.lower()
    for code, country in kb.countries.items():
        if any(c.lower() == want for c in country.capitals):
            return PlaceEntry(name=country.capitals[0], country=code, kind="capital")
    return None


def event_location(sent: Span, places: list[Place], doc_places: list[Place]) -> Place | None:
    """Where the events of ``sent`` took place.

    The first of ``places`` (from :func:`find_places`) in a locative phrase of the sentence,
    a city, venue or sea before a whole country ("arrived in Vietnam for talks in Hanoi" is
    Hanoi); else the first of ``doc_places`` (from :func:`dateline_places`); else None.
    """
    found = [p for p in places if _in_locative(sent, p)]
    best = next((p for p in found if p.kind != "country"), found[0] if found else None)
    return best or (doc_places[0] if doc_places else None)


def _in_locative(sent: Span, place: Place) -> bool:
    span = sent.doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and _is_locative(span.root)


def _is_locative(tok: Token) -> bool:
    """Is ``tok`` (the head of a place mention) in a locative phrase of an event?"""
    for _ in range(8):  # through appositions and "the coast of"
        if tok.dep_ == "appos" or (tok.dep_ in {"compound", "conj"} and tok.head.pos_ == "PROPN"):
            tok = tok.head
            continue
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in _VISIT_VERBS:
            return True
        if tok.dep_ != "pobj":
            return False
        prep = tok.head
        holder = prep.head
        word = prep.lower_
        if word == "of" and holder.lower_ in _GEO_NOUNS and holder.dep_ == "pobj":
            tok = holder
            if holder.head.lower_ == "on":  # "on the outskirts of X"
                return _attached_to_event(holder.head.head)
            continue
        if word not in _LOCATIVE:
            return False
        return _attached_to_event(holder)
    return False


def _attached_to_event(holder: Token, depth: int = 0) -> bool:
    """A verb on the main-clause spine, an event noun ("talks", "the summit"), the root of a
    verbless line ("Official reception for Xi in Hanoi"), or — through a name the phrase was
    attached to ("met with Xi Jinping in Hanoi", "at the Merdeka Palace in Jakarta") — one
    of those."""
    if holder.pos_ in {"VERB", "AUX"}:
        return _on_spine(holder)
    if holder.dep_ == "ROOT" or holder.lemma_.lower() in _EVENT_NOUNS \
            or holder.lower_ in _EVENT_NOUNS:
        return True
    if holder.pos_ != "PROPN" or holder.ent_type_ not in _NAME_ENTS or depth >= 3:
        return False
    if holder.dep_ in {"compound", "appos", "conj", "dobj", "nsubj", "nsubjpass", "attr"}:
        return _attached_to_event(holder.head, depth + 1)
    if holder.dep_ == "pobj":
        return _attached_to_event(holder.head.head, depth + 1)
    return False


def _on_spine(verb: Token) -> bool:
    """Reachable from the root through clause links only; a purpose clause ("to maintain
    peace in X") is not where the event happened."""
    tok = verb
    for _ in range(12):
        if tok.dep_ == "ROOT":
            return True
        if tok.dep_ not in _SPINE_DEPS:
            return False
        if tok.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
            return False
        tok = tok.head
    return False
