"""Whether a trigger reports an event of its own: something done, agreed or promised at the
time of the document (``shared/eval/ANNOTATION.md``, "What is an event").

The rule coder finds a trigger wherever its words occur; many of those words name no event:

- **goals and purposes**: "efforts *to secure* the release", "points *to strengthen* the
  friendship", "the need *to boost* trade", "coordination *in boosting* ties",
  "met *in order to discuss*" (the meeting is the event, its purpose is not);
- **references** to acts named inside another phrase: "talks *at the request* of",
  "measures *proposed* by Trong", "the success of *organising* the summit";
- **history**: "his Vietnam *tour* in 2015", "*reached* consensus in recent years",
  "*recalled* the visit".

:func:`unreported` returns the reason a trigger is no event (one word, kept in tests and
``explain``) or None. It reads only the dependency parse of the trigger's sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dyads.dates import month_number
from dyads.events.arguments import infinitive
from dyads.events.modality import INTENT_NOUNS, after_intent_noun, controls_complement, lemma
from dyads.nlp import subtree

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns and adjectives whose complement is a goal, a need or a possibility, never an act:
# "the need to", "the importance of", "efforts to", "ways to", "it is essential to".
_GOAL_WORDS = frozenset({
    "need", "necessity", "importance", "essential", "imperative", "important", "necessary",
    "vital", "crucial", "critical", "significance", "effort", "way", "measure", "goal", "aim",
    "objective", "purpose", "opportunity", "possibility", "prospect", "potential", "ability",
    "capacity", "means", "point", "direction", "orientation", "step", "basis", "foundation",
    "condition", "role", "mechanism", "framework", "area", "field", "idea", "vision", "roadmap",
    "strategy", "approach", "attempt", "campaign", "initiative", "work", "process",
    "responsibility", "right",
})  # not intentions ("commitment to", "readiness to"): modality.py makes those AGREE
# Prepositions whose object is an act only referred to: "at the request of", "in response
# to", "following the talks", "the assessment of the consultations", "condemned X for the
# attack"; not "on alert", "in talks with", "hid behind human shields".
_REFERRING_PREPS = frozenset({"at", "upon", "following", "after", "before", "during", "amid",
                              "despite", "since", "of", "for", "about", "over", "regarding",
                              "concerning", "to"})
# Verbs of saying and stressing: an infinitive that hangs from one is what the speaker holds
# important or needed ("emphasised several points to strengthen the friendship",
# "underscored the importance of their work to share data"), not an act.
_SAYING = frozenset({"say", "stress", "emphasize", "emphasise", "underscore", "underline",
                     "note", "affirm", "reaffirm", "reiterate", "highlight", "point",
                     "state", "add", "insist", "need"})
# Verbs whose object is an existing act or agreement: "implement the agreement", "respect
# the ceasefire" refer to it.
_APPLYING = frozenset({"implement", "respect", "observe", "honor", "honour", "uphold", "abide",
                       "fulfil", "fulfill", "enforce", "execute", "maintain"})
# Verbs that say what something is: "Russia's war represents an assault on international
# norms", "the launch constitutes a violation" characterise the subject; their noun is no act.
_CHARACTERISING = frozenset({"represent", "constitute", "amount"})
# Verbs that look back: what they govern is history ("recalled his visit in 2015").
_LOOK_BACK = frozenset({"recall", "review", "remember", "commemorate", "reminisce"})
# Prepositions whose gerund is an act that happened ("after meeting X", "by sending aid").
_FACT_PREPS = frozenset({"by", "after", "following", "upon", "before", "during", "at",
                         "while", "through"})
# Verbal acts done in the course of a call or visit: "called Modi to congratulate him" is a
# congratulation; "met to discuss" is one meeting and "came to strengthen ties" a purpose.
_VERBAL_PURPOSE = frozenset({"02", "05", "10", "11", "12"})
_CONTACT = frozenset({"call", "phone", "telephone", "meet", "visit", "speak", "talk", "travel",
                      "write", "come", "host", "receive", "ring", "contact"})
_CLIMB = frozenset({"xcomp", "ccomp", "acl", "relcl", "advcl", "pcomp", "pobj", "prep", "dobj",
                    "conj", "acomp", "attr", "oprd", "appos", "compound", "amod", "nmod"})
# Old enough to be history whatever the document's date (an act up to 14 days old is coded).
_PAST = re.compile(r"\b(?:in|over|during)\s+(?:the\s+)?(?:recent|past|last|previous)\s+"
                   r"(?:few\s+|several\s+|many\s+|\w+\s+)?(?:years|decades)\b|\byears\s+ago\b|"
                   r"\bdecades?\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def unreported(anchor: Token, cameo: str, day: dt.date | None) -> str | None:
    """Why the trigger anchored at ``anchor`` (CAMEO ``cameo``) reports no event of its own,
    or None when it does. ``day`` is the sentence's date, for history."""
    if _referenced(anchor):
        return "reference"
    why = _purpose(anchor, cameo)
    if why:
        return why
    before = _continued_infinitive(anchor)
    if before is not None and _purpose(before, cameo):
        return "goal"
    if _historical(anchor, day):
        return "history"
    return None


def _referenced(anchor: Token) -> bool:
    """A noun trigger inside a prepositional phrase ("at the request of", "in response to
    the sanctions", "the assessment of the consultations") or an act named by a participle
    that modifies a noun ("measures proposed by Trong"): a reference, not a report."""
    if anchor.pos_ in {"NOUN", "PROPN"}:
        if anchor.dep_ == "dobj" and lemma(anchor.head) in _APPLYING:
            return True  # "implementing the cultural agreement between the two governments"
        if anchor.dep_ in {"dobj", "attr"} and lemma(anchor.head) in _CHARACTERISING or (
                anchor.dep_ == "pobj" and anchor.head.head.lemma_.lower() == "amount"):
            return True  # "represents an assault on norms", "amounts to an attack"
        return anchor.dep_ == "pobj" and anchor.head.lower_ in _REFERRING_PREPS \
            and not _reported_in(anchor.head)
    if _promise_referred_to(anchor):
        return True
    # "measures proposed by Trong", "Libya's internationally recognized government"
    return anchor.dep_ in {"acl", "amod"} and anchor.tag_ == "VBN"


def _promise_referred_to(anchor: Token) -> bool:
    """What an earlier promise named in a prepositional phrase promised: "as part of the
    pledge President Biden made at the G7 to donate …", "appreciation for the GCC countries'
    pledge to provide $100 million" — the pledge is referred to (or praised), not made."""
    if not infinitive(anchor) or anchor.dep_ not in {"acl", "advcl", "xcomp"}:
        return False
    noun = anchor.head
    if anchor.dep_ != "acl":  # "the pledge (that) X made … to donate": through the relative
        if noun.dep_ != "relcl":
            return False
        noun = noun.head
    return noun.pos_ == "NOUN" and lemma(noun) in INTENT_NOUNS and noun.dep_ == "pobj" \
        and noun.head.lower_ in _REFERRING_PREPS and not _reported_in(noun.head)


# Nouns whose "of" names the act they report: "Readout of President Biden's Call with ...".
_REPORTS = frozenset({"readout"})


def _reported_in(prep: Token) -> bool:
    """"of" after a report of the act ("Readout of X's meeting with Y"): the act happened."""
    return prep.lower_ == "of" and prep.head.lemma_.lower() in _REPORTS


def _purpose(anchor: Token, cameo: str) -> str | None:
    tok = anchor
    for _ in range(6):
        dep, head = tok.dep_, tok.head
        if head.i == tok.i or dep not in _CLIMB:
            return None
        if dep in {"ccomp", "relcl"} and not (head.lemma_.lower() in _GOAL_WORDS
                                              or _goal_predicate(head)):
            return None  # reported speech and relative clauses stand on their own
        if dep == "pcomp" and head.lower_ not in _FACT_PREPS | {"of"} \
                and not (head.lower_ == "to" and controls_complement(head.head)):
            return "purpose"  # "in boosting ties", not "committed to imposing sanctions"
        if dep == "pcomp" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            return "goal" if head.head.lemma_.lower() in _GOAL_WORDS else "reference"
        if dep in {"acl", "relcl"} and infinitive(tok) and head.lemma_.lower() in _GOAL_WORDS:
            return "goal"  # "efforts to secure", "points to strengthen" (parsed either way)
        if dep in {"advcl", "xcomp", "acl"} and infinitive(tok) and head.pos_ == "ADP":
            return "goal"  # "alongside our work to defend …": the parser hangs a noun's goal
        spoken = tok is anchor and cameo[:2] in _VERBAL_PURPOSE \
            and head.lemma_.lower() in _CONTACT
        if dep in {"advcl", "xcomp"} and purpose_clause(tok) and not spoken:
            return "purpose"  # "in order to discuss", "so as to promote"
        if dep in {"xcomp", "advcl"} and infinitive(tok) and lemma(head) in _SAYING \
                and not after_intent_noun(tok):
            return "goal"  # "underscored (the importance of their work) to share data"
        if dep == "advcl" and infinitive(tok) and tok is anchor and head.pos_ == "VERB" \
                and not _controls(head) and not spoken and not after_intent_noun(tok):
            return "purpose"  # "visited Hanoi to strengthen ties"
        if dep in {"xcomp", "ccomp", "acl", "advcl", "prep", "pobj", "pcomp"} and (
                head.lemma_.lower() in _GOAL_WORDS and head.pos_ in {"NOUN", "ADJ"}
                or _goal_predicate(head)):
            return "goal"  # "it is essential to implement", "the necessity of safeguarding"
        if head.lemma_.lower() in _LOOK_BACK:
            return "history"
        tok = head
    return None


def _continued_infinitive(verb: Token) -> Token | None:
    """"stressed the need to promote their role …, and step up cooperation": the parser
    conjoins the bare verb to the finite one, but with no subject of its own it continues
    the infinitive before it. Returns that infinitive."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VB" or head.tag_ not in {"VBD", "VBZ", "VBP"} \
            or any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in verb.children):
        return None
    for tok in reversed(verb.doc[head.i + 1:verb.i]):
        if tok.tag_ == "VB" and infinitive(tok):
            return tok
    return None


def purpose_clause(verb: Token) -> bool:
    """"in order to", "so as to" before the verb."""
    left = [t.lower_ for t in verb.doc[max(verb.i - 3, verb.sent.start):verb.i]]
    text = " ".join(left)
    return text.endswith("in order to") or text.endswith("so as to")


def _controls(verb: Token) -> bool:
    """Verbs whose infinitive is their content, not their purpose ("agreed to",
    "decided to", "urged X to"): the verbs modality.py reads."""
    return controls_complement(verb)


def _goal_predicate(tok: Token) -> bool:
    """"it is essential / important / imperative (to …)", "deeming it imperative to"."""
    return any(c.dep_ in {"acomp", "oprd", "ccomp", "attr"} and c.lemma_.lower() in _GOAL_WORDS
               and c.pos_ in {"ADJ", "NOUN"} for c in tok.children)  # "it is the responsibility"


def _historical(anchor: Token, day: dt.date | None) -> bool:
    """The trigger's own clause is dated before the document's time: a year before the
    sentence's year ("in 2015", "since 1950"), "in recent years", "ago", "former"."""
    for head in _clause_of(anchor):
        for when in _time_phrases(head):
            text = " ".join(t.text for t in when)
            if _PAST.search(text) and not re.search(r"\b(?:this|next)\b", text, re.I):
                return True
            if day is not None and any(int(y) < day.year for y in _YEAR.findall(text)):
                return True
            if day is not None and _since_long_ago(text, day):
                return True
    return False


def _since_long_ago(text: str, day: dt.date) -> bool:
    """"(20 protests were filed) since January this year": a tally since a month more than
    14 days before the sentence's date, not an act at the time of the document."""
    words = text.split()
    if not words or words[0].lower() != "since":
        return False
    month = next((n for w in words[1:3] if (n := month_number(w)) is not None), None)
    if month is None:
        return False
    year = day.year if month <= day.month else day.year - 1
    return (day - dt.date(year, month, 1)).days > 14


def _time_phrases(head: Token) -> list[list[Token]]:
    """The dates that modify ``head`` directly: "in 2015", "in recent years", "two years
    ago" — a DATE entity that is its child or the object of its preposition."""
    out = []
    for child in head.children:
        cands = [child] if child.dep_ in {"npadvmod", "tmod", "advmod"} else \
            [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else []
        for c in cands:
            top = child if child.dep_ == "prep" else c
            span = subtree(head.doc, top.i)  # the phrase's indices: no Token made for each
            if c.ent_type_ == "DATE" or any(t.ent_type_ == "DATE" for t in c.children) or (
                    len(span) <= 5 and _PAST.search(" ".join(head.doc[i].text for i in span))):
                out.append([head.doc[i] for i in span])  # "in recent years" (not always DATE)
    return out


def _clause_of(anchor: Token) -> list[Token]:
    """The anchor, the verb it is conjoined to and, for a noun, the phrase it heads."""
    out = [anchor]
    tok = anchor
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
    return out
