"""Source and recipient of a trigger, read off the dependency parse.

Verbs: the subject is the source (the agent of a passive: "was invited by X"); the recipient
is the direct object or the object of a preposition the trigger names ("met with", "talks
with", "aid to"). A verb with no subject of its own takes the subject of the verb it hangs
from (conjoined verbs, "agreed to provide", reported speech "Xi said China will..." keeps
"China"). Nouns: a possessive ("Xi's visit"), "by", "between A and B", or the subject of the
verb whose object the noun is ("held talks", "witnessed the signing of"). A trigger whose
recipient is its own subject ("nsubj": "talks were out of the question") takes the subject of
the verb that reports it as the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyads.events.modality import reporter

if TYPE_CHECKING:
    from spacy.tokens import Token

    from dyads.events.match import Match

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"xcomp", "conj", "advcl", "acl", "pcomp", "relcl", "ccomp", "dobj", "pobj", "prep",
          "acomp", "oprd", "attr", "appos"}


@dataclass(frozen=True)
class Arguments:
    source: tuple[Token, ...]
    recipient: tuple[Token, ...]
    between: bool = False  # "talks between A and B": the sources are a symmetric group
    # the text names no actor because the one speaking is it ("it is regrettable that X …",
    # "any attack will be answered firmly"): with no reporter in the sentence, the coder
    # takes the one who spoke last (DocContext.speaker)
    spoken: bool = False


def arguments(m: Match) -> Arguments:
    anchor = m.anchor
    if anchor.pos_ in {"NOUN", "PROPN"}:
        return _noun_arguments(m)
    judged = extraposed(anchor)
    if judged is not None:
        # "it is deeply regrettable that Russia seeks to …": the speaker judges the one the
        # clause is about (its subject, the recipient: the codebook's "clause")
        speaker = reporter(anchor.head)
        if speaker is not None and speaker.i in {t.i for t in judged.subtree}:
            speaker = None  # "it is regrettable that Japan said …": Japan is judged
        return Arguments((speaker,) if speaker is not None else (), tuple(_recipient(m)),
                         spoken=True)
    if "by" in m.compiled.trigger.recipient and _agent(anchor) is not None:
        # "is gravely concerned by the violence in Syria", "was encouraged by the message
        # issued by Australia": a feeling, whose cause the codebook names as recipient
        feeler = [c for c in anchor.children if c.dep_ == "nsubjpass"]
        return Arguments(tuple(feeler), tuple(_recipient(m, cause=True)))
    if "nsubj" in m.compiled.trigger.recipient:
        # the subject is what is ruled on ("lifting the sanctions is out of the question"):
        # the one who says so acts
        source = [s for rep in _reporting(anchor) for s in _verb_source(rep)][:1]
    else:
        source = _verb_source(anchor) or _holder(m)
    recipient = _recipient(m)
    if recipient and source and recipient[0].i == _doer(source[0]).i:
        # "any action taken by Russia will be considered an escalation and responded to":
        # the subject of the passive it shares is the one acted on, not the actor
        source = []
    # a warning in the passive with no agent ("will be responded to accordingly"): the one
    # who warns is the one speaking
    spoken = not source and _agentless_passive(anchor) and "nsubjpass" in \
        m.compiled.trigger.recipient and bool(recipient)
    return Arguments(tuple(source), tuple(recipient), spoken=spoken)


def extraposed(anchor: Token) -> Token | None:
    """The clause an adjective judges when it is predicated of an extraposed "it" ("it is
    deeply disappointing that Russia continually seeks …", "it is regrettable that Japan
    has chosen …"): the that-clause, hung from the adjective or from the copula; else
    None."""
    if anchor.pos_ != "ADJ" or anchor.dep_ != "acomp":
        return None
    copula = anchor.head
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children):
        return None
    for head in (anchor, copula):
        for c in head.children:
            if c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that"
                                         for g in c.children):
                return c
    return None


def _agentless_passive(verb: Token) -> bool:
    """A verb in the passive that names no agent: its own "was … -ed", or the passive it is
    conjoined to ("will be considered an escalation and responded to")."""
    if verb.pos_ not in {"VERB", "AUX"} or _agent(verb) is not None:
        return False
    if _passive(verb):
        return True
    return verb.dep_ == "conj" and _passive(verb.head) and _agent(verb.head) is None and not any(
        c.dep_ in _SUBJ for c in verb.children)


def _reporting(verb: Token) -> list[Token]:
    """The verbs that may report ``verb``'s clause: the one it hangs from ("X said that
    ... is"), or one hanging from it ("..., X said")."""
    out = [verb.head] if verb.dep_ in {"ccomp", "xcomp"} and verb.head.i != verb.i else []
    return out + [c for c in verb.children if c.dep_ in {"parataxis", "ccomp"}]


def _holder(m: Match) -> list[Token]:
    """The subject of a state the trigger names by its participle ("Greece is opposed to",
    "Egypt is disappointed with"), which the parser may read as a passive with no agent: the
    one who holds the state, not one who undergoes an act."""
    anchor = m.anchor
    if anchor.lemma_.lower() == anchor.lower_ or anchor.lower_ not in m.compiled.steps[0][0] \
            or _agent(anchor) is not None:
        return []
    return [c for c in anchor.children if c.dep_ == "nsubjpass"]


def _verb_source(verb: Token) -> list[Token]:
    agent = _agent(verb)
    if agent is not None:
        return [agent]
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            break
        subj = [c for c in tok.children if c.dep_ in {"nsubj", "csubj"}]
        if not subj and tok.i != verb.i:
            subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if len(subj) > 1:
            subj = [s for s in subj if not _dateline(s)] or subj
        if not subj:
            subj = _fronted_subject(tok)
        if subj:
            return subj
        if tok.dep_ == "relcl" and not infinitive(tok):
            if _passive(tok):
                return []  # "citizens who are banned from entering": they undergo it
            return [tok.head]  # "the leaders, who agreed ..." → the noun modified
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN":
            owner = _owner(tok.head)
            if owner is not None:  # "the commitment of the United States to provide ..."
                return [owner]
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        tok = tok.head
    return []


def _fronted_subject(verb: Token) -> list[Token]:
    """"With the signing of the memorandum, the government and the rebels have agreed": a
    finite verb the parse left without a subject, after a fronted phrase the parse made the
    noun phrase just before the verb a conjunct or an apposition of. That noun, after the
    comma, is the subject."""
    if verb.pos_ != "VERB" or not (verb.tag_ in {"VBD", "VBZ", "VBP"} or any(
            c.dep_ in {"aux", "auxpass"} and c.lower_ != "to" for c in verb.children)):
        return []
    first = min([c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "advmod"}
                 and c.i < verb.i] + [verb.i])
    for c in verb.children:
        if c.dep_ != "prep" or c.i > first:
            continue
        for t in c.subtree:
            if (t.dep_ in {"conj", "appos"} and t.pos_ in {"NOUN", "PROPN"} and t.i > c.i
                    and t.head.dep_ != "conj" and _after_comma(t)
                    and t.right_edge.i == first - 1):
                return [t]
    return []


def _after_comma(noun: Token) -> bool:
    """The noun phrase ``noun`` heads opens right after a comma."""
    start = noun.left_edge.i
    return start > 0 and noun.doc[start - 1].text == ","


def _dateline(subj: Token) -> bool:
    """"New Delhi, May 25 (IANS) US President Donald Trump called ...": the parse takes the
    dateline (a place and a date at the start of the sentence) for a second subject."""
    first = subj.left_edge
    return first.i == first.sent.start and any(t.ent_type_ == "DATE" for t in subj.subtree)


def infinitive(verb: Token) -> bool:
    """The verb has its own "to" ("measures to hold Russia to account", "efforts to win")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _owner(noun: Token) -> Token | None:
    """Whose decision or commitment a noun is: "Japan's decision", "the pledge of/by Japan"."""
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"}:
            return c
        if c.dep_ == "prep" and c.lower_ in {"of", "by"}:
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in {"PROPN", "NOUN"}:
                    return g
    return None


# participles that name who issued a measure or a proposal ("a curfew imposed by the army",
# "the appeal lodged by the church"), not what merely comes from someone ("challenges posed
# by China")
_ISSUED = frozenset({"issue", "impose", "submit", "lodge", "make", "announce", "propose",
                     "table", "adopt", "order", "decree", "pass", "declare", "present",
                     "put", "file", "enact", "introduce"})


def authors(noun: Token) -> list[Token]:
    """Who issued what a noun names: "a ban by General Aoun", "an order issued by the
    junta"."""
    for c in [noun, *(a for a in noun.children if a.dep_ == "acl" and a.tag_ == "VBN"
                      and a.lemma_.lower() in _ISSUED)]:
        for p in c.children:
            if p.dep_ in {"prep", "agent"} and p.lower_ == "by":
                return [g for g in p.children if g.dep_ == "pobj"]
    return []


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def _recipient(m: Match, cause: bool = False) -> list[Token]:
    anchor = m.anchor
    passive = [c for c in anchor.children if c.dep_ == "nsubjpass"]
    if passive and _agent(anchor) is not None and not cause:
        return passive
    if anchor.dep_ == "relcl" and _passive(anchor) and all(p.tag_ in {"WP", "WDT"}
                                                          for p in passive):
        return [anchor.head]  # "963 US citizens who are banned from entering Russia"
    own = {t.i for t in m.tokens}
    for spec in m.compiled.trigger.recipient:
        found = _find(m, spec, own)
        if found:
            return [_doer(t) for t in found]
    return []


# verbs of doing: "the action taken by", "the attack carried out by", "the efforts made by"
# (not "a delegation led by", "the plan backed by": the noun is no act of the agent's)
_DOING = frozenset({"take", "carry", "conduct", "commit", "make", "adopt", "impose", "launch",
                    "perpetrate", "undertake", "pursue"})


def _doer(noun: Token) -> Token:
    """For an act named with the one who did it in a participle ("any further action taken
    by Russia", "the attack carried out by the militia"): that one, the party the act is
    held against or praised for; else the noun itself."""
    if noun.pos_ != "NOUN":
        return noun
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _DOING:
            agent = _agent(c)
            if agent is not None:
                return agent
    return noun


def _find(m: Match, spec: str, own: set[int]) -> list[Token]:
    anchor = m.anchor
    hosts = [anchor, *m.tokens[1:]]
    if spec in {"dobj", "iobj", "dative"}:
        for c in anchor.children:
            # the trigger's own object counts too: its modifiers may name the actor
            # ("expelled three Russian diplomats", "rejected the Commission's proposal")
            if c.dep_ in ({"dobj", "oprd", "dative"} if spec == "dobj" else {"iobj", "dative"}):
                return [c]
        if spec == "dobj":
            # a headline the parser leaves flat ("NA Chairwoman meets Chinese Party chief Xi
            # Jinping"): a name right after the verb, hung from it as "dep", is its object
            return [c for c in anchor.children if c.dep_ == "dep" and c.i > anchor.i
                    and c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}][:1]
        return []
    if spec == "nsubj":
        return [c for c in anchor.children if c.dep_ in _SUBJ]
    if spec == "nsubjpass":  # "the envoy was summoned": the one the passive acts on
        found = [c for c in anchor.children if c.dep_ == "nsubjpass"]
        if not found and anchor.dep_ == "conj" and not any(
                c.dep_ in _SUBJ for c in anchor.children):  # "... will be considered an
            # escalation and responded to": the passive subject the two verbs share
            found = [c for c in anchor.head.children if c.dep_ == "nsubjpass"]
        return found
    if spec == "clause":  # "proposed that the two countries settle ...": who is to act
        judged = extraposed(anchor)  # "it is regrettable that Japan has chosen to …"
        clauses = [judged] if judged is not None else [
            c for c in anchor.children if c.dep_ == "ccomp"]
        return [g for c in clauses for g in c.children if g.dep_ in _SUBJ]
    for host in hosts[1:]:  # the pattern names the preposition itself: "speak with"
        if host.lower_ == spec and host.dep_ in {"prep", "dative", "mark"}:
            objs = _objects(host)
            if objs:
                return objs
    # breadth-first from the trigger's tokens through prepositional chains:
    # "held talks at request with X", "sign an agreement with X"
    frontier = [(h, 0) for h in hosts]
    seen: set[int] = set()
    while frontier:
        tok, depth = frontier.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        for c in tok.children:
            if c.dep_ in {"prep", "dative", "agent"} and c.lower_ == spec:
                objs = _objects(c)
                if objs:
                    return objs
            if c.dep_ == "advcl" and spec in {"with", "to"}:
                marks = [g for g in c.children if g.dep_ == "mark" and g.lower_ == spec]
                objs = _objects(marks[0]) if marks else []
                if objs:
                    return objs
            if depth < 4 and _passable(c, own):
                frontier.append((c, depth + 1))
    return []


def _objects(prep: Token) -> list[Token]:
    """Objects of a preposition; a name the parser took for a second preposition
    ("with To Lam") still counts."""
    if prep.dep_ == "mark":  # "spoke with X to offer ...", parsed as "X to offer" clause
        return [g for g in prep.head.children if g.dep_ == "nsubj"]
    objs = [g for g in prep.children if g.dep_ == "pobj"]
    if not objs:  # "with X to express ...": the clause's subject
        for g in prep.children:
            if g.dep_ == "pcomp":
                objs = [x for x in g.children if x.dep_ == "nsubj"]
    if not objs:
        for g in prep.children:
            if g.dep_ == "prep" and g.is_title:
                objs = [x for x in g.children if x.dep_ == "pobj"]
    return objs


_VENUE = {"margin", "sideline", "side", "occasion", "course"}
_MEANS = {"at", "by", "on", "over", "via", "through"}


def _passable(tok: Token, own: set[int]) -> bool:
    """Chains the recipient search may cross: the trigger's own object ("signed an agreement
    with"), and means or manner ("by phone with", "at request with"), not other topics
    ("discussed the crisis in coordination with the UN")."""
    if tok.dep_ == "dobj":
        return tok.i in own
    if tok.dep_ == "prep":
        # "on the sidelines of the summit with X"
        return tok.lower_ in _MEANS or (tok.lower_ == "of" and tok.head.lemma_ in _VENUE)
    return tok.dep_ in {"pobj", "npadvmod"}


def _noun_arguments(m: Match) -> Arguments:
    noun = m.anchor
    if "nsubjpass" in m.compiled.trigger.recipient and noun.dep_ == "nsubjpass":
        return _undergoer(noun)
    source: list[Token] = []
    recipient: list[Token] = []
    for c in noun.children:
        if c.dep_ == "poss":
            source = [c]
        elif c.dep_ == "prep" and c.lower_ == "between":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return Arguments(tuple(objs), (), between=True)
        elif c.dep_ == "prep" and c.lower_ == "by":
            source = [g for g in c.children if g.dep_ == "pobj"] or source
        elif c.dep_ == "compound" and c.pos_ == "PROPN" and not source:
            source = [c]
    if not source:
        head = noun
        for _ in range(3):
            if head.dep_ in {"dobj", "pobj", "nsubjpass", "attr", "conj", "prep", "compound"} \
                    and head.head.i != head.i:
                head = head.head
                if head.pos_ in {"VERB", "AUX"}:
                    source = _verb_source(head)
                    break
            else:
                break
    recipient = _recipient(m)
    if recipient and source and recipient[0].i == source[0].i:
        recipient = []
    return Arguments(tuple(source), tuple(recipient))


def _undergoer(noun: Token) -> Arguments:
    """A noun trigger that is the subject of a passive ("the Russian ambassador was summoned
    by the Foreign Office"): the noun is the one acted on, whatever its own possessor or
    adjective says ("China's ambassador" is the recipient's country); the source is the agent,
    else the one reporting the clause ("the spokesperson said the envoy was summoned"), else
    none (the coder may take the publishing government)."""
    verb = noun.head
    agent = _agent(verb)
    if agent is not None:
        return Arguments((agent,), (noun,))
    source = [s for rep in _reporting(verb) for s in _verb_source(rep)
              if s.i not in {t.i for t in noun.subtree}][:1]
    return Arguments(tuple(source), (noun,))


def locative(anchor: Token) -> tuple[Token, ...]:
    """For attacks, raids and deployments with no object actor: the place they happened
    ("bombed targets in Lebanon", "shelling across the border in Ukraine") names the
    recipient country."""
    for c in anchor.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "on", "across", "inside", "near"}:
            objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
            if objs:
                return tuple(objs)
    return ()
