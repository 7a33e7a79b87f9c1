"""Find codebook triggers in a parsed sentence.

For every token, the codebook index gives the triggers that can start there (by lemma or
lower-case form); the rest of each pattern is checked forward within its gaps. Per anchor
token the longest, most specific trigger wins, and a token used inside one trigger does not
anchor another ("held talks": "talks" is not coded again).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyads.events.codebook import MAX_GAP, Codebook, Compiled, rank, specificity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


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


def find_triggers(sent: Span, codebook: Codebook) -> list[Match]:
    best: dict[int, Match] = {}
    for tok in sent:
        if tok.is_punct or tok.is_space or tok.ent_type_ in _NAMES or _venue(tok):
            continue
        found: Match | None = None
        strength: tuple[int, ...] = ()
        for comp in _candidates(tok, codebook):  # sorted: longest patterns first
            if found is not None and comp.size < found.compiled.size:
                break
            if comp.pos is not None and tok.pos_ not in comp.pos:
                continue
            toks = _match_rest(tok, comp, sent)
            if toks is not None and (found is None or _strength(comp, toks) > strength):
                found, strength = Match(tok, toks, comp), _strength(comp, toks)
        if found is not None:
            best[tok.i] = _carrier(found)
    used = {t.i for m in best.values() for t in m.tokens[1:]}
    return [m for i, m in sorted(best.items()) if i not in used]


_VENUE = {"sideline", "sidelines", "margin", "margins"}


def _venue(tok: Token) -> bool:
    """A noun naming where another event took place is not an event of its own: "met Kishida
    on the sidelines of the G20 summit" is one meeting, not also a summit with the G20."""
    head = tok.head
    return (tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _VENUE
            and tok.pos_ in {"NOUN", "PROPN"})


_MODIFIER = {"amod", "advmod", "compound", "npadvmod", "nmod"}


def _carrier(m: Match) -> Match:
    """A pattern whose first word modifies a later one ("violently dispersed", "mass
    expulsion", "joint drills", "missile strike") is anchored on the word it modifies, the
    one that carries the event, its arguments and its modality."""
    first = m.tokens[0]
    if first.dep_ in _MODIFIER and first.head in m.tokens[1:]:
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


def _candidates(tok: Token, codebook: Codebook) -> list[Compiled]:
    lemma = tok.lemma_.lower()
    found = list(codebook.index.get(lemma, ()))
    if tok.lower_ != lemma:
        found += codebook.index.get(tok.lower_, ())
        found.sort(key=rank)
    return found


def _match_rest(tok: Token, comp: Compiled, sent: Span) -> tuple[Token, ...] | None:
    out = [tok]
    pos = tok.i
    for alts, gap in comp.steps[1:]:
        hit = None
        for j in range(pos + 1, min(pos + 2 + gap, sent.end)):
            cand = sent.doc[j]
            if cand.lemma_.lower() in alts or cand.lower_ in alts:
                hit = cand
                break
            if cand.is_punct and cand.text not in {"-", "'s"}:
                break
        if hit is None and gap == MAX_GAP:
            hit = _in_clause(tok, pos, alts)
        if hit is None:
            return None
        out.append(hit)
        pos = hit.i
    return tuple(out)


def _in_clause(anchor: Token, after: int, alts: frozenset[str]) -> Token | None:
    """For "*" gaps: the word further on, if the parse puts it in the anchor's own clause
    ("provided Egypt with what now totals $50 billion in economic assistance")."""
    for cand in anchor.subtree:
        if cand.i <= after or cand.i > after + _CLAUSE_REACH:
            continue
        if (cand.lemma_.lower() in alts or cand.lower_ in alts) and not any(
                a.pos_ in {"VERB", "AUX"} and anchor.i < a.i < cand.i for a in cand.ancestors):
            return cand
    return None
