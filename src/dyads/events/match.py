"""Find codebook triggers in a parsed sentence.

For every token, the codebook index gives the triggers that can start there (by lemma or
lower-case form); the rest of each pattern is checked forward within its gaps. Per anchor
token the longest, most specific trigger wins, and a token used inside one trigger does not
anchor another ("held talks": "talks" is not coded again).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyads.events.codebook import MAX_GAP, Codebook, Compiled, specificity
from dyads.nlp import Words, subtree, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# A trigger word inside a name or a date is not an event ("14 March", "Strike Force").
_CLAUSE_REACH = 12  # tokens
_NAMES = {"DATE", "TIME", "PERSON", "GPE", "NORP", "MONEY", "CARDINAL", "PERCENT", "LOC",
          "ORG", "EVENT", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"}


@dataclass(frozen=True)
class Match:
    anchor: Token
    tokens: tuple[Token, ...]
    compiled: Compiled

    @property
    def rule(self) -> str:
        return self.compiled.trigger.id

    @property
    def rule_code(self) -> str:
        return self.compiled.trigger.cameo


def find_triggers(sent: Span, codebook: Codebook) -> list[Match]:
    best: dict[int, Match] = {}
    doc = sent.doc
    forms = words(doc)
    near: set[str] | None = None
    anchors = _anchors(doc, codebook, forms)
    for i in anchors[bisect_left(anchors, sent.start):bisect_left(anchors, sent.end)]:
        candidates = codebook.starting(forms.lemma[i], forms.lower[i])
        if not candidates:
            continue
        tok = doc[i]
        if tok.is_punct or tok.is_space or tok.ent_type_ in _NAMES or _venue(tok):
            continue
        found: Match | None = None
        strength: tuple[int, ...] = ()
        for comp in candidates:  # sorted: longest patterns first
            if found is not None and comp.size < found.compiled.size:
                break
            if comp.size > 1:
                if near is None:
                    near = _words_near(sent, forms)
                if any(alts.isdisjoint(near) for alts, _ in comp.steps[1:]):
                    continue  # a later word of the pattern is nowhere within reach
            if comp.pos is not None and tok.pos_ not in comp.pos:
                continue
            if comp.trigger.without and any(c.dep_ in comp.trigger.without
                                            for c in tok.subtree):
                continue
            toks = _match_rest(tok, comp, sent, forms)
            if toks is not None and (found is None or _strength(comp, toks) > strength):
                found, strength = Match(tok, toks, comp), _strength(comp, toks)
        if found is not None:
            best[tok.i] = _carrier(found)
    used = {t.i for m in best.values() for t in m.tokens[1:]}
    found_all = [m for i, m in sorted(best.items()) if i not in used]
    return [m for m in found_all if not any(_within(m, other) for other in found_all)]


def _anchors(doc: Doc, codebook: Codebook, forms: Words) -> list[int]:
    """The indices of the words of ``doc`` that some trigger can start at (by lemma or form),
    listed once per document: most words are none, and no Token is made for them."""
    key = f"dyads_anchors_{id(codebook)}"
    found = doc.user_data.get(key)
    if found is None:
        index = codebook.index
        found = doc.user_data[key] = [
            i for i, (lemma, lower) in enumerate(zip(forms.lemma, forms.lower, strict=True))
            if lemma in index or lower in index]
    assert isinstance(found, list)
    return found


def _words_near(sent: Span, forms: Words) -> set[str]:
    """The lemmas and forms of the words a pattern anchored in ``sent`` can reach: the
    sentence and, for "*" gaps (:func:`_in_clause`), up to ``_CLAUSE_REACH`` words after it.
    A pattern with a later word outside this set cannot match, so it is not tried."""
    end = min(sent.end + _CLAUSE_REACH, len(forms.lower))
    return set(forms.lemma[sent.start:end]) | set(forms.lower[sent.start:end])


def _within(m: Match, other: Match) -> bool:
    """A match that is part of another: the word that carries one is a later word of the other
    and the other's code is as specific ("lifted retaliatory tariffs": the lifting, not new
    tariffs; but "carried out a drone strike" keeps the drone strike, 195, beside the attack,
    190), or it lies inside
    a longer match and its first word only qualifies a word of that one ("Japan extended
    Emergency Grant Aid": aid, not an emergency; "nuclear talks" are talks)."""
    if other is m:
        return False
    if _shares(m, other) and specificity(m.rule_code) <= specificity(other.rule_code):
        return True
    first = m.tokens[0]
    return (other.compiled.size > m.compiled.size
            and other.tokens[0].i <= first.i and m.tokens[-1].i <= other.tokens[-1].i
            and first.dep_ in {"compound", "amod", "nmod"} and first.head in other.tokens)


def _shares(m: Match, other: Match) -> bool:
    """The word that carries ``m`` (not its first word) is a later word of ``other``."""
    return m.anchor is not m.tokens[0] and m.anchor in other.tokens[1:]


_VENUE = {"sideline", "sidelines", "margin", "margins"}


def _venue(tok: Token) -> bool:
    """A noun naming where another event took place is not an event of its own: "met Kishida
    on the sidelines of the G20 summit" is one meeting, not also a summit with the G20."""
    head = tok.head
    return (tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _VENUE
            and tok.pos_ in {"NOUN", "PROPN"})


# the first word of a pattern hands the anchor to the later word it hangs from this way
_MODIFIER = {"amod", "advmod", "compound", "npadvmod", "nmod"}


def _carrier(m: Match) -> Match:
    """A pattern whose first word modifies a later one ("violently dispersed", "mass
    expulsion", "joint drills", "missile strike") or is the subject of a passive that names
    its agent ("sanctions were imposed by the EU", "the ambassador was summoned by the
    ministry") is anchored on that later word, the one that carries the event, its
    arguments and its modality."""
    first = m.tokens[0]
    if first.head in m.tokens[1:] and (first.dep_ in _MODIFIER or (
            first.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in first.head.children))):
        return Match(first.head, m.tokens, m.compiled)
    return m


def _strength(comp: Compiled, toks: tuple[Token, ...]) -> tuple[int, ...]:
    """Which of two matches at one anchor wins (the greater): the longer pattern; then the
    one whose words stand closer together ("spoke by telephone with": "speak * telephone"
    over "speak with"); then the more specific code (see ``specificity``); then, over the
    same stretch of text, the one that matches more of it ("gone on hunger strike":
    "go * hunger * strike" over "go * on * strike"). A tie goes to the first in ``rank``
    order."""
    return (comp.size, -(toks[-1].i - toks[0].i), specificity(comp.trigger.cameo),
            sum(len(t) for t in toks))


def _match_rest(tok: Token, comp: Compiled, sent: Span, forms: Words
                ) -> tuple[Token, ...] | None:
    out = [tok]
    pos = tok.i
    doc = sent.doc
    for alts, gap in comp.steps[1:]:
        hit = None
        for j in range(pos + 1, min(pos + 2 + gap, sent.end)):
            if (forms.lemma[j] in alts or forms.lower[j] in alts) and not _dated(doc[j]):
                hit = doc[j]
                break
            if forms.punct[j] and doc[j].text not in {"-", "'s"}:
                break
        if hit is None and gap == MAX_GAP:
            hit = _in_clause(tok, pos, alts, forms)
        if hit is None:
            return None
        out.append(hit)
        pos = hit.i
    return tuple(out)


_WHEN = {"DATE", "TIME"}


def _dated(tok: Token) -> bool:
    """A preposition of a pattern whose object is a date does not count ("called on Friday
    for talks" is no "call on")."""
    return tok.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in _WHEN
                                      for c in tok.children)


def _in_clause(anchor: Token, after: int, alts: frozenset[str], forms: Words
               ) -> Token | None:
    """For "*" gaps: the word further on, if the parse puts it in the anchor's own clause
    ("provided Egypt with what now totals $50 billion in economic assistance"). The first
    such word in the order of the anchor's subtree; the words within reach are tested
    first, so the subtree is read only when one of them is a word of the pattern."""
    doc = anchor.doc
    within = [i for i in range(after + 1, min(after + _CLAUSE_REACH + 1, len(doc)))
              if forms.lemma[i] in alts or forms.lower[i] in alts]
    if not within:
        return None
    order = {i: k for k, i in enumerate(_subtree(anchor))}
    for i in sorted((i for i in within if i in order), key=order.__getitem__):
        cand = doc[i]
        if _predicated(anchor, cand) or not any(
                a.pos_ in {"VERB", "AUX"} and anchor.i < a.i < cand.i for a in cand.ancestors):
            return cand
    return None


def _predicated(anchor: Token, cand: Token) -> bool:
    """The word is what an "as" phrase says of the anchor verb's object ("described
    Washington's actions to impose sanctions as counterproductive"): the parser hangs the
    "as" inside the object's own clause, but an adjective after "as" qualifies no act
    there ("to impose … as counterproductive"); a verb with an object and no "as" of its own
    takes it (describe, regard, brand … X as Y). "As" with a noun ("to join IPEF as a
    member") stays where it is."""
    prep = cand if cand.lower_ == "as" else cand.head
    return prep.lower_ == "as" and prep.dep_ == "prep" and any(
        c.pos_ == "ADJ" for c in prep.children) and not any(
        c.dep_ == "pobj" for c in prep.children) and any(
        c.dep_ == "dobj" for c in anchor.children) and not any(
        c.lower_ == "as" and c.dep_ == "prep" for c in anchor.children)


def _subtree(tok: Token) -> tuple[int, ...]:
    """The indices of ``tok.subtree``, in its order, listed once per token of a parse."""
    return subtree(tok.doc, tok.i)
