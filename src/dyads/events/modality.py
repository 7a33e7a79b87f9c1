"""Modality of a trigger: asserted, intended (future, promise), negated, hypothetical, question.

Each record says which. Intentions turn material actions into CAMEO "express intent" codes
("will provide aid" → 0331, AGREE); refusals take the code's REJECT counterpart; conditionals
and questions are not coded as facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyads.models import Modality
from dyads.nlp import span_text

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_FUTURE = {"will", "shall", "'ll", "wo", "would", "may", "might", "could"}
_INTENT_HEADS = {"agree", "pledge", "vow", "promise", "plan", "intend", "ready", "willing",
                 "want", "hope", "commit", "offer", "seek", "expect", "aim", "prepare",
                 "wish", "resolve", "undertake", "would"}
# verbs of aspect or decision: what they govern is done ("continued to send arms", "decided
# to lift sanctions"), or intended when they are themselves future ("will continue to")
_ASPECT = {"continue", "decide", "keep", "start", "begin", "resume"}
INTENT_NOUNS = {"commitment", "pledge", "promise", "offer", "plan", "intention", "readiness",
                 "willingness", "proposal", "vow", "undertaking", "bid", "position",
                 "determination"}  # "in a position to provide relief"
_NEG = {"not", "n't", "never", "no"}
_FINITE = {"VBZ", "VBP", "VBD"}  # "is", "are", "has", "was": an auxiliary with a tense
_COND = {"if", "unless", "whether"}


# forms the small English model lemmatizes wrongly ("hopes" -> "hop")
_LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


def lemma(tok: Token) -> str:
    """The token's lower-case lemma, with the model's known slips corrected."""
    return _LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


def modality(anchor: Token) -> Modality:
    if span_text(anchor.sent).rstrip().endswith("?"):
        return "question"
    if _conditional(anchor) or _possible(anchor):
        return "hypothetical"
    if _negated(anchor):
        return "negated"
    if _intended(anchor):
        return "intended"
    return "asserted"


_FAIL = {"fail", "refuse", "decline", "neglect"}
# verbs whose infinitive or clause is what they ask for: the content of a request
_REQUEST_HEADS = {"ask", "urge", "request", "call", "propose", "suggest", "demand", "invite",
                  "encourage", "press", "appeal", "recommend", "advise", "instruct", "direct"}


def controls_complement(verb: Token) -> bool:
    """Whether a verb's infinitive is its content ("agreed to provide", "decided to lift",
    "urged Russia to withdraw", "failed to reach") rather than its purpose ("came to
    strengthen ties")."""
    word = lemma(verb)
    return word in _INTENT_HEADS or word in _ASPECT or word in _FAIL \
        or word in _REQUEST_HEADS


def _negated(tok: Token) -> bool:
    if tok.dep_ == "xcomp" and lemma(tok.head) in _FAIL:  # "failed to reach agreement"
        return True
    for t in (tok, tok.head if tok.dep_ in {"xcomp", "aux"} else tok):
        if any(c.dep_ == "neg" or (c.lower_ in _NEG and c.dep_ in {"advmod", "det"})
               for c in t.children):
            return True
    return False


def _intended(tok: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in tok.children):
        return True
    head = tok
    for _ in range(4):
        if head.dep_ not in {"xcomp", "ccomp", "acomp", "pobj", "pcomp", "advcl", "conj"} and not (
                head.dep_ == "prep" and head.lower_ == "to"):  # "committed to opening"
            break
        if head.dep_ in {"advcl", "conj"} and any(c.dep_ in {"nsubj", "nsubjpass"}
                                                  for c in head.children):
            break  # a clause with a subject of its own: "As Russian forces unleash their
            # assault, we are resolved to …" — the assault is not what "we" resolve
        if head.dep_ == "conj" and any(c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE
                                       for c in head.children):
            break  # a conjunct with a tense of its own: "is planning to deploy a team and
            # is currently working with Indonesia" — the work is going on, not planned
        head = head.head
        if lemma(head) in _INTENT_HEADS or (
                head.dep_ != "ccomp" and lemma(head) in _ASPECT
                and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in head.children)):
            return True  # "vowed to provide"; "will continue to provide"
    if tok.pos_ in {"NOUN"} and lemma(tok.head) in _INTENT_HEADS:
        return True
    verb = _governing_verb(tok)
    if verb is not None and _intended(verb):
        return True  # "will continue discussions", "agreed to launch a dialogue"
    if tok.dep_ == "acl" and lemma(tok.head) in INTENT_NOUNS or after_intent_noun(tok):
        return True  # "the commitment of the United States to provide $28 million"
    return bool(any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                and lemma(tok.head) in _INTENT_HEADS)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object a noun trigger is ("continue discussions", "launch a dialogue",
    "remain in close consultation"), or None."""
    if noun.pos_ != "NOUN":
        return None
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in {"dobj", "attr"}:
        return None
    return head if head.pos_ in {"VERB", "AUX"} and head.i != noun.i else None


def after_intent_noun(tok: Token) -> bool:
    """"the commitment of Japan to provide", however the parse hangs "to provide": the words
    just before its "to" belong to an intention noun's phrase."""
    to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0 or to.i != tok.i - 1:
        return False
    t = tok.doc[to.i - 1]
    for _ in range(4):  # "commitment" <- "of" <- "Japan" at most
        if t.pos_ == "NOUN" and lemma(t) in INTENT_NOUNS:
            return True
        if t.head.i == t.i or t.head.i > to.i:
            return False
        t = t.head
    return False


_MAYBE = {"may", "might", "could"}


def _possible(tok: Token) -> bool:
    """"may help", "could provide", "a deal that would result in": what is possible is not
    promised. "would" reported ("Xi said China would continue to") is a promise."""
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in _MAYBE:
            return True
        if c.dep_ == "aux" and c.lower_ == "would":
            return not (tok.dep_ == "ccomp" and lemma(tok.head) in _REPORTING)
    return False


def _conditional(tok: Token) -> bool:
    t = tok
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in _COND for c in t.children):
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


_REPORTING = {"say", "tell", "insist", "stress", "declare", "state", "warn", "add", "reiterate",
              "announce", "demand", "write", "argue", "emphasize", "emphasise", "underline",
              "hold", "note", "believe", "think", "affirm", "underscore", "maintain", "point"}
_MUST = {"must": "100", "should": "020", "ought": "020"}
# not addressees of a demand: the speaker's own side, or no party at all
_NOT_ADDRESSEE = {"we", "i", "it", "this", "that", "there", "which", "who", "what", "one",
                  "you", "everyone", "everything", "nothing", "all"}


def demand_verbs(sent: Span) -> list[Token]:
    """The words of ``sent`` that can be :func:`demanded`: those a "must", "should" or "ought"
    hangs from as an auxiliary, in sentence order (the others have no such modal)."""
    if not any(word in span_text(sent).lower() for word in _MUST):
        return []
    heads = {t.head.i for t in sent if t.lower_ in _MUST and t.dep_ == "aux"}
    doc = sent.doc
    return [doc[i] for i in sorted(heads) if sent.start <= i < sent.end]


def demanded(verb: Token) -> tuple[Token | None, Token, str] | None:
    """"(X said) Y must/should do Z": (X or None when the sentence names no reporter, Y, the
    CAMEO code: 10 for "must", 02 for "should"). None when the verb has no such modal, when
    Y is not a party, or when a request verb governs it ("proposed that Y should") — that
    verb is the request."""
    modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in _MUST), None)
    if modal is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    addressee = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if addressee is None or addressee.lower_ in _NOT_ADDRESSEE:
        return None
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ == "ccomp" and lemma(first.head) in _REQUEST_HEADS:
        return None
    return reporter(first), addressee, _MUST[modal.lower_]


def reporter(verb: Token) -> Token | None:
    """The subject of the verb reporting a clause: "X said (that) ...", "..., X said"."""
    cands = [verb.head] if verb.dep_ in {"ccomp", "xcomp"} else []
    cands += [c for c in verb.children if c.dep_ in {"parataxis", "ccomp", "advcl"}]
    for rep in cands:
        if lemma(rep) in _REPORTING:
            subj = next((c for c in rep.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
    return None
