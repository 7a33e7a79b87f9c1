"""Modality of a trigger: asserted, intended (future, promise), negated, hypothetical, question.

Each record says which. Intentions turn material actions into CAMEO "express intent" codes
("will provide aid" → 0331, AGREE); refusals take the code's REJECT counterpart; conditionals
and questions are not coded as facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyads.models import Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

_FUTURE = {"will", "shall", "'ll", "wo", "would", "may", "might", "could"}
_INTENT_HEADS = {"agree", "pledge", "vow", "promise", "plan", "intend", "ready", "willing",
                 "want", "hope", "commit", "offer", "seek", "expect", "aim", "prepare",
                 "wish", "resolve", "undertake", "would"}
# verbs of aspect or decision: what they govern is done ("continued to send arms", "decided
# to lift sanctions"), or intended when they are themselves future ("will continue to")
_ASPECT = {"continue", "decide", "keep", "start", "begin", "resume"}
_INTENT_NOUNS = {"commitment", "pledge", "promise", "offer", "plan", "intention", "readiness",
                 "willingness", "proposal", "vow", "undertaking", "bid"}
_NEG = {"not", "n't", "never", "no"}
_COND = {"if", "unless", "whether"}


def modality(anchor: Token) -> Modality:
    sent = anchor.sent
    if sent.text.rstrip().endswith("?"):
        return "question"
    if _conditional(anchor):
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
    lemma = verb.lemma_.lower()
    return lemma in _INTENT_HEADS or lemma in _ASPECT or lemma in _FAIL \
        or lemma in _REQUEST_HEADS


def _negated(tok: Token) -> bool:
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _FAIL:  # "failed to reach agreement"
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
    for _ in range(2):
        if head.dep_ not in {"xcomp", "ccomp", "acomp", "pobj", "pcomp", "advcl"}:
            break
        head = head.head
        if head.lemma_.lower() in _INTENT_HEADS or (
                head.dep_ != "ccomp" and head.lemma_.lower() in _ASPECT
                and any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in head.children)):
            return True  # "vowed to provide"; "will continue to provide"
    if tok.pos_ in {"NOUN"} and tok.head.lemma_.lower() in _INTENT_HEADS:
        return True
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in _INTENT_NOUNS or after_intent_noun(tok):
        return True  # "the commitment of the United States to provide $28 million"
    return bool(any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
                and tok.head.lemma_.lower() in _INTENT_HEADS)


def after_intent_noun(tok: Token) -> bool:
    """"the commitment of Japan to provide", however the parse hangs "to provide": the words
    just before its "to" belong to an intention noun's phrase."""
    to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0 or to.i != tok.i - 1:
        return False
    t = tok.doc[to.i - 1]
    for _ in range(4):  # "commitment" <- "of" <- "Japan" at most
        if t.pos_ == "NOUN" and t.lemma_.lower() in _INTENT_NOUNS:
            return True
        if t.head.i == t.i or t.head.i > to.i:
            return False
        t = t.head
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
              "announce", "demand", "write", "argue", "emphasize", "emphasise", "underline"}
_MUST = {"must": "100", "should": "020", "ought": "020"}


def demanded(anchor: Token) -> tuple[Token, Token, str] | None:
    """"X said Y must/should do Z": (X, Y, CAMEO code) when the trigger is Y's action."""
    modal = next((c for c in anchor.children if c.dep_ == "aux" and c.lower_ in _MUST), None)
    if modal is None or anchor.dep_ not in {"ccomp", "conj"}:
        return None
    verb = anchor.head
    if verb.lemma_.lower() not in _REPORTING:
        return None
    reporter = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    addressee = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
    if reporter is None or addressee is None or addressee.pos_ == "PRON":
        return None
    return reporter, addressee, _MUST[modal.lower_]
