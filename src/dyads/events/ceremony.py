"""Ceremonies for a visitor: a welcome ceremony, a reception, a state banquet in honour of a
guest is the host meeting the guest (CONSULT, CAMEO 043 "host a visit"; ANNOTATION.md: "hosted"
is CONSULT).

State media name the ceremony, not the host: "Banquet welcomes Chinese Party General Secretary
Xi Jinping", "Official reception for President Xi Jinping in Hanoi", "An official ceremony took
place in Hanoi to welcome President Xi Jinping". The host is the guest's counterpart in the
document's pair (the meeting or visit the document is about); with no pair, there is no host
to name and no record. The same holds for an official named by title only who meets the
guest ("NA Chairwoman meets Chinese Party chief Xi Jinping").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dyads.actors.recognize import kb_spans

if TYPE_CHECKING:
    from spacy.tokens import Token

HOST_CAMEO = "043"
# Nouns that name a ceremony held for a guest.
CEREMONIES = frozenset({"banquet", "reception", "ceremony", "dinner", "luncheon", "lunch",
                        "gala"})
# Verbs a ceremony does to its guest: "Banquet welcomes X", "a ceremony ... to welcome X".
_GREETING = frozenset({"welcome", "honour", "honor", "greet", "fete"})


def hosted(anchor: Token) -> bool:
    """Whether the trigger at ``anchor`` is a ceremony for a guest: a ceremony noun
    ("reception for", "banquet in honour of"), or a greeting whose subject is one ("Banquet
    welcomes X"; "a ceremony took place to welcome X")."""
    word = anchor.lemma_.lower()
    if anchor.pos_ in {"NOUN", "PROPN"}:
        return word in CEREMONIES
    if word not in _GREETING:
        return False
    verbs = [anchor]
    if anchor.dep_ in {"advcl", "xcomp", "conj"} and anchor.head.i != anchor.i:
        verbs.append(anchor.head)  # "a ceremony took place to welcome"
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in CEREMONIES
               for v in verbs for c in v.children)


def titled(subject: Token) -> bool:
    """Whether a subject phrase names an office the knowledge base knows ("NA Chairwoman",
    "the Prime Minister"): an official of one of the document's parties, whose country the
    phrase does not say. Meeting a member of the document's pair, such an official is the
    host ("NA Chairwoman meets Chinese Party chief Xi Jinping")."""
    left = min(t.i for t in subject.subtree)
    right = max(t.i for t in subject.subtree) + 1
    return any(span.label_ == "title" for span in kb_spans(subject.doc, left, right))
