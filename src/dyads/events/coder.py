"""Code the events of one sentence: triggers → arguments → actors → modality → records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyads.actors.coref import DocContext
from dyads.actors.recognize import kb_spans, span_countries
from dyads.actors.resolve import ActorResolver
from dyads.events.arguments import arguments, locative
from dyads.events.codebook import QUAD, Codebook
from dyads.events.factual import unreported
from dyads.events.match import Match, find_triggers
from dyads.events.modality import demanded, modality
from dyads.models import Entity, EventDate, Evidence, Modality, Quantity
from dyads.nlp import doc_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Span, Token

_PHONE = {"phone", "telephone", "call", "phoned", "telephoned", "called"}
_IN_PERSON = {"meet", "meeting", "visit", "sideline", "margin", "summit", "trip", "arrive",
              "host", "welcome", "dinner", "lunch", "banquet", "ceremony", "tour", "during"}
_VIDEO = {"video", "virtual", "videoconference", "video-conference", "virtually", "teleconference"}
_MONEY_EVENTS = {"AID", "AGREE", "COOPERATE", "SANCTION", "CONCEDE", "RETREAT", "REQUEST"}
_STATE = {"GOV", "PTY", "LEG", None}
_OFFICIAL = {"JUD", "COP"}  # courts and police act at home; governments act abroad too
_VERBAL = {"01", "02", "03", "05", "09", "10", "11", "12", "13"}
_NOT_COUNTRY = {"UNK", "IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "NGM"}
_PEOPLE_EVENTS = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
# CAMEO roots of a promised act that say more than the promise: cooperation, aid, yielding,
# investigation, sanctions ("commit to imposing sanctions" is a threat, 1312); not force —
# "offered to send troops to help" is an offer of aid, not a threat of force
_PROMISED = {"04", "05", "06", "07", "08", "09", "11", "12", "13", "16", "17"}


@dataclass(frozen=True)
class Draft:
    """An event before dates and ids are attached (pipeline does that)."""

    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    event: str
    cameo: str
    mode: tuple[str, ...]
    context: tuple[str, ...]
    goldstein: float
    quad: int
    trigger_text: str
    evidence: Evidence
    modality: Modality
    quantities: tuple[Quantity, ...]
    confidence: float


class EventCoder:
    def __init__(self, codebook: Codebook, resolver: ActorResolver, statements: bool = False):
        self.codebook = codebook
        self.resolver = resolver
        self.statements = statements

    def code_sentence(self, sent: Span, index: int, day: EventDate | None, ctx: DocContext,
                      quantities: list[Quantity]) -> list[Draft]:
        out: list[Draft] = []
        when = day.date if day else None
        matches = find_triggers(sent, self.codebook)
        skip = _controlled(matches)
        # the main clause's event first: records are ordered by depth in the parse
        matches.sort(key=lambda m: (sum(1 for _ in m.anchor.ancestors), m.anchor.i))
        for m in matches:
            if m.anchor.i in skip:
                continue
            out.extend(self._code_match(m, sent, index, when, ctx, quantities))
        for verb in sent:
            demand = demanded(verb)
            if demand is not None and modality(verb) not in {"question", "hypothetical"}:
                out.extend(self._code_demand(verb, sent, index, when, ctx, *demand))
        return _unique(out)

    def _official(self, tok: Token) -> str | None:
        """The sector when the phrase names a court or the police (``_OFFICIAL``), which act
        within their own country: "Judge Rivera opened investigations against Chilean
        officials" is Chilean on Chilean."""
        sectors = self.resolver.kb.sectors
        table: dict[str, Sequence[object]] = {"title": sectors.titles, "agent": sectors.agents,
                 "institution": sectors.institutions}
        first = min(t.i for t in tok.subtree if t.i <= tok.i)
        for span in kb_spans(tok.doc, first, tok.i + 1):
            entries = table.get(span.label_)
            if entries is not None:
                sector = getattr(entries[span._.kb.index], "sector", None)
                if sector in _OFFICIAL:
                    return str(sector)
        return None

    def _sole_country(self, sent: Span, recipients: list[Entity],
                      exclude: frozenset[str] | set[str] = frozenset()) -> str | None:
        """The only country a sentence names (by name, adjective, capital, seat or a city)
        outside the recipients ("gunmen killed French tourists" is not French on French),
        or None when it names none or several."""
        codes: set[str] = set()
        for span in kb_spans(sent.doc, sent.start, sent.end):
            if any(r.start <= span.start_char < r.end for r in recipients):
                continue
            codes.update(c for c in span_countries(span, self.resolver.kb) if c not in exclude)
            if len(codes) > 1:
                return None
        return next(iter(codes), None)

    def _code_match(self, m: Match, sent: Span, index: int, when, ctx: DocContext,  # noqa: ANN001
                    quantities: list[Quantity]) -> list[Draft]:
        mod = modality(m.anchor)
        if mod in {"question", "hypothetical"}:
            return []
        if demanded(m.anchor) is not None:
            return []  # "Y should do Z": a request to Y (_code_demand), not Y's act
        cameo = m.compiled.trigger.cameo
        if unreported(m.anchor, cameo, when) is not None:
            return []
        entry = self.codebook.code(cameo)
        if mod == "negated":
            if not entry.negated:
                return []
            cameo = entry.negated
        elif mod == "intended" and entry.intent:
            cameo = entry.intent
        event = self.codebook.plover(cameo)
        if event is None and not (self.statements and cameo.startswith("01")):
            return []
        args = arguments(m)
        sources = self._resolve(args.source, when, ctx)
        recipients = self._resolve(args.recipient, when, ctx)
        if not recipients and QUAD.get(event or "") == 4:
            recipients = self._resolve(locative(m.anchor), when, ctx)
        if not sources:
            if not args.source or event is None or event == "CONSULT":
                return []
            # a subject the knowledge base cannot place ("gunmen", "a court"): keep the
            # event with an unknown actor (code UNK) rather than lose it
            official = self._official(args.source[0])
            sources = [_unknown(args.source[0],
                                self._sole_country(sent, [] if official else recipients),
                                official)]
        ctx.note_subject(sources)
        recipients = [r for r in recipients if not _self_reference(r, sources)] or (
            [] if not recipients else _counterparts(sources, ctx))
        inferred = False
        if not recipients and event != "CONSULT" and not (
                m.compiled.trigger.symmetric and len(sources) > 1):
            recipients = self._clause_actor(m, args.source, sources, when, ctx)
        if not recipients and len(sources) == 1 and (
                m.compiled.trigger.symmetric or event == "CONSULT"
                or (QUAD.get(event or "") in {1, 2} and ctx.explicit_pair)):
            # "the President discussed ..." after "Biden spoke with Trudeau": the counterpart
            other = ctx.counterpart(sources[0])
            if other is None and event == "CONSULT":
                return []  # a meeting with nobody named is not an event
            recipients = [other] if other else []
            inferred = bool(other)
        if not recipients and QUAD.get(event or "") == 4 and len(sources) == 1:
            # "Russian missiles struck Kharkiv, killing three people": force with no target
            # of its own lands in the one other country the sentence names
            place = self._sole_country(sent, [], exclude={sources[0].code})
            recipients = [Entity(code=place)] if place else []
        named_target = QUAD.get(event or "") in {3, 4} and _names_target(m, args.recipient)
        domestic = not recipients and named_target and len(sources) == 1 \
            and sources[0].code not in _NOT_COUNTRY \
            and (QUAD.get(event or "") == 4 or cameo[:2] == "14")  # words need a named target
        if domestic:
            # the text names a target the knowledge base cannot place (protesters, a town,
            # an organisation): a domestic event ("police arrested protesters")
            recipients = [Entity(code=sources[0].code)]
        # an act between two parties is coded both ways only when it is a meeting or the
        # text names both as its subject ("the two sides agreed"): "China stands ready to
        # join hands with Vietnam" is China's readiness, not Vietnam's
        mutual = event == "CONSULT" or args.between or len(sources) > 1
        pairs = _pairs(sources, recipients, bool(m.compiled.trigger.symmetric and mutual))
        entry = self.codebook.code(cameo)
        drafts = []
        for src, rcp in pairs:
            if rcp and src.code == rcp.code and not (domestic or named_target) \
                    and not _domestic_target(src, rcp, event):
                # no self-dyads: X on X only where the text names a domestic target of a
                # conflict or a concession ("police arrested protesters", "Turkey imposed a
                # curfew in Cizre"); otherwise the act has no recipient of its own
                if len(pairs) > 1 or rcp.start >= 0:
                    continue  # "China praised China" is no event
                rcp = None
            if rcp and event == "CONSULT":
                ctx.note_pair(src, rcp)
            drafts.append(Draft(
                actor=(src,), recipient=(rcp,) if rcp else (),
                event=event or "STATEMENT", cameo=cameo,
                mode=_mode(m, sent, event, entry.mode),
                context=tuple(entry.context), goldstein=entry.goldstein,
                quad=QUAD.get(event or "", 0),
                trigger_text=_span_text(m),
                evidence=_evidence(m, sent, index, src, rcp, inferred or domestic),
                modality=mod, quantities=_quantities(event, sent, quantities),
                confidence=_confidence(m, src, rcp),
            ))
        return drafts

    def _code_demand(self, verb: Token, sent: Span, index: int, when, ctx: DocContext,  # noqa: ANN001
                     reporter: Token | None, addressee: Token, cameo: str) -> list[Draft]:
        """"(Russia said) Sudan must return the helicopter", "the two sides should boost
        trade, he said": a REQUEST from the reporter — the sentence's, else the person the
        document last spoke of — to the one who must act, other than the reporter's side
        (CAMEO 10 for "must", 02 for "should")."""
        if reporter is not None:
            sources = self.resolver.resolve(reporter, when, ctx)
        else:
            last = ctx.last_person()
            sources = [last] if last is not None else []
        own = {s.code for s in sources}
        recipients = [r for r in self.resolver.resolve(addressee, when, ctx)
                      if r.code not in own and r.code != "UNK"]
        if not sources or not recipients:
            return []
        entry = self.codebook.code(cameo)
        trigger = (verb.idx, verb.idx + len(verb.text))
        out = []
        for src in sources[:1]:
            for rcp in recipients:
                out.append(Draft(
                    actor=(src,), recipient=(rcp,), event="REQUEST",
                    cameo=cameo, mode=(), context=tuple(entry.context),
                    goldstein=entry.goldstein, quad=QUAD["REQUEST"],
                    trigger_text=doc_text(verb.doc)[trigger[0]:trigger[1]],
                    evidence=Evidence(
                        sentence=index, sentence_start=sent.start_char,
                        sentence_end=sent.end_char, trigger=trigger,
                        actor=((src.start, src.end),) if src.start >= 0 else (),
                        recipient=((rcp.start, rcp.end),) if rcp.start >= 0 else (),
                        rule="request/should" if cameo == "020" else "request/must"),
                    modality="asserted", quantities=(), confidence=0.6))
        return out

    def _clause_actor(self, m: Match, source_toks: tuple[Token, ...], sources: list[Entity],
                      when, ctx: DocContext) -> list[Entity]:  # noqa: ANN001
        """Another actor named in the trigger's clause ("promised military aid to war-torn
        Mozambique", "help defend Saudi Arabia"), when the parse gives no recipient."""
        taken = {t.i for tok in source_toks for t in tok.subtree}
        clause = {t.i for t in m.anchor.subtree}
        codes = {e.code for e in sources}
        sent = m.anchor.sent
        for span in kb_spans(m.anchor.doc, sent.start, sent.end):
            if span.start not in clause or span.start in taken:
                continue
            if span.label_ not in {"country", "adjective", "person", "org", "capital"}:
                continue
            for ent in self.resolver.resolve(span.root, when, ctx):
                if ent.code not in codes and ent.code != "UNK":
                    return [ent]
        return []

    def _resolve(self, toks: tuple[Token, ...], when, ctx: DocContext) -> list[Entity]:  # noqa: ANN001
        out: list[Entity] = []
        for tok in toks:
            out.extend(self.resolver.resolve(tok, when, ctx))
        return out


# heads of a target phrase that name people or a body of them ("demonstrators", "an
# organization"), as opposed to things ("rules", "peace"): a conflict with such a target at
# home is domestic (X on X), one with a thing as its object has no recipient
_PEOPLE = frozenset({
    "protester", "demonstrator", "civilian", "people", "resident", "student", "worker",
    "official", "member", "activist", "journalist", "reporter", "opposition", "rebel", "militant",
    "insurgent", "soldier", "troop", "police", "policeman", "officer", "prisoner", "detainee",
    "suspect", "party", "group", "organization", "organisation", "villager", "citizen",
    "refugee", "migrant", "farmer", "landowner", "leader", "supporter", "minority", "crowd",
    "dissident", "critic", "politician", "lawmaker", "candidate", "man", "woman", "child",
    "person", "youth", "gunman", "fighter", "separatist", "extremist", "mob", "union",
    "newspaper", "paper", "station", "town", "city", "village", "province", "region"})
_TARGET_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "oprd"})


def _names_target(m: Match, recipient: tuple[Token, ...]) -> bool:
    """Whether the trigger has an object or a locative that names people or a place
    (protests are always aimed at a government: at home when no other is named)."""
    if m.compiled.trigger.cameo[:2] == "14":
        return True
    cands = list(recipient) + list(m.tokens[1:])
    for host in m.tokens:
        cands += [c for c in host.children if c.dep_ in _TARGET_DEPS or c.like_num]
        cands += [g for c in host.children if c.dep_ == "prep" and c.lower_ in
                  {"in", "on", "against"} for g in c.children if g.dep_ == "pobj"]
    for tok in cands:
        if tok.like_num:
            return True  # "arresting 12"
        if tok.lemma_.lower() in _PEOPLE or tok.ent_type_ in {"NORP", "PERSON", "ORG", "GPE",
                                                             "LOC", "FAC"}:
            return True
    return False


def _domestic_target(src: Entity, rcp: Entity, event: str | None) -> bool:
    """A recipient of the source's own country that the text names (no coreference): the
    target of force or a concession at home ("the authorities released two rebels"), or
    another part of the country than the source ("the government sat down with the FARC
    rebels", "the parliament rejected the council's decision") — never a state on itself."""
    if rcp.start < 0:
        return False
    if QUAD.get(event or "") == 4 or event in {"RETREAT", "CONCEDE"}:
        return True
    return not (src.sector == rcp.sector or {src.sector, rcp.sector} <= _STATE)


def _unique(drafts: list[Draft]) -> list[Draft]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for d in drafts:
        key = (d.cameo, *(f"{e.code}:{e.name}" for e in d.actor), "->",
               *(e.code for e in d.recipient))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _controlled(matches: list[Match]) -> set[int]:
    """Anchors that another trigger already covers.

    - "urged Russia to withdraw": the REQUEST governs; the withdrawal is not a fact.
    - "agreed to provide aid": the complement is more specific (AGREE 0331); drop the head.
    - "met with X to discuss": one meeting, not two.
    - "Xi said China will provide aid": a statement never governs what is reported.
    """
    by_anchor = {m.anchor.i: m for m in matches}
    by_token = {t.i: mm for mm in matches for t in mm.tokens}
    skip: set[int] = set()
    for m in matches:
        tok = m.anchor
        gov = by_token.get(_governor(tok)) if tok.pos_ in {"NOUN", "PROPN"} else None
        if gov is m:
            gov = None
        if gov is not None and gov.compiled.trigger.cameo[:2] in _VERBAL:
            # "rejected accusations", "condemned the attack": the comment is the event
            skip.add(tok.i)
            continue
        if tok.dep_ not in {"xcomp", "ccomp", "advcl", "conj"} or tok.head.i not in by_anchor:
            continue
        head = by_anchor[tok.head.i]
        h_root, c_root = head.compiled.trigger.cameo[:2], m.compiled.trigger.cameo[:2]
        if h_root == "01":
            continue
        if tok.dep_ in {"advcl", "conj"}:
            if h_root == c_root == "04":
                skip.add(tok.i)
            continue
        if h_root == "03" and c_root in _PROMISED:
            # "agreed to provide aid", "commit to imposing sanctions": the promised act,
            # intended, is more specific than the promise (0331, 1312 ...)
            skip.add(head.anchor.i)
        else:
            skip.add(tok.i)
    return skip


def _governor(noun: Token) -> int:
    """The word a noun is the object of, directly or through one preposition: a verb
    ("condemned the attack") or a trigger's own noun ("claimed responsibility for attacks")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in {"dobj", "nsubjpass", "attr"}:
        return -1
    return head.i if head.pos_ in {"VERB", "AUX", "NOUN"} else -1


def _pairs(sources: list[Entity], recipients: list[Entity],
           symmetric: bool) -> list[tuple[Entity, Entity | None]]:
    if recipients:
        pairs: list[tuple[Entity, Entity | None]] = [(s, r) for s in sources for r in recipients]
        if symmetric:
            pairs += [(r, s) for s in sources for r in recipients]
        return pairs
    if symmetric and len(sources) >= 2:
        return [(a, b) for a in sources for b in sources if a is not b]
    return [(s, None) for s in sources]


def _mode(m: Match, sent: Span, event: str | None, default: str | None) -> tuple[str, ...]:
    trig = m.compiled.trigger
    if trig.mode:
        return (trig.mode,)
    if event == "CONSULT":
        words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent
                                             if t.pos_ == "NOUN"}
        if words & _VIDEO:
            return ("video",)
        if words & (_PHONE - {"call", "called"}) or _phone_call(sent):
            return ("phone",)
        lemmas = {t.lemma_.lower() for t in sent}
        if m.anchor.lemma_.lower() in {"speak", "talk"} and not lemmas & _IN_PERSON:
            # "spoke with" and nothing says they met: a call, as in official readouts
            return ("phone",)
        return ("in-person",)
    return (default,) if default else ()


def _phone_call(sent: Span) -> bool:
    """A call (noun) or "called X"; "called for", "called on" are requests, not calls."""
    for t in sent:
        if t.lemma_ == "call" and t.pos_ == "NOUN":
            return True
        if t.lemma_ == "call" and t.pos_ == "VERB" and not any(
                c.lower_ in {"for", "on", "upon"} for c in t.children):
            return True
    return False


def _quantities(event: str | None, sent: Span, found: list[Quantity]) -> tuple[Quantity, ...]:
    inside = [q for q in found if sent.start_char <= q.start < sent.end_char]
    if event in _MONEY_EVENTS:
        return tuple(q for q in inside if q.kind in {"money", "duration"})
    if event in _PEOPLE_EVENTS:
        return tuple(q for q in inside if q.kind in {"dead", "injured", "arrested", "people"})
    return ()


def _unknown(tok: Token, country: str | None = None, sector: str | None = None) -> Entity:
    """An actor the knowledge base cannot place: the one country its sentence names, if
    there is just one ("students throughout Indonesia staged demonstrations"; "Vice-President
    Awori declined to resign despite pressure by the Kenya Anti-Corruption Commission"),
    else UNK."""
    left = min(t.idx for t in tok.subtree if t.i <= tok.i and t.dep_ != "punct")
    right = tok.idx + len(tok.text)
    return Entity(code=country or "UNK", sector=sector,
                  entity_text=doc_text(tok.doc)[left:right], start=left, end=right)


def _span_text(m: Match) -> str:
    first, last = m.tokens[0], m.tokens[-1]
    return doc_text(first.doc)[first.idx:last.idx + len(last.text)]


def _self_reference(rcp: Entity, sources: list[Entity]) -> bool:
    """A recipient found by coreference that is the source itself ("Comrade General
    Secretary" said by one General Secretary to the other)."""
    return rcp.start < 0 and any(s.code == rcp.code for s in sources)


def _counterparts(sources: list[Entity], ctx: DocContext) -> list[Entity]:
    other = ctx.counterpart(sources[0]) if sources else None
    return [other] if other else []


def _evidence(m: Match, sent: Span, index: int, src: Entity, rcp: Entity | None,
              inferred: bool = False) -> Evidence:
    first, last = m.tokens[0], m.tokens[-1]
    return Evidence(
        sentence=index, sentence_start=sent.start_char, sentence_end=sent.end_char,
        trigger=(first.idx, last.idx + len(last.text)),
        actor=((src.start, src.end),) if src.start >= 0 else (),
        recipient=((rcp.start, rcp.end),) if rcp and rcp.start >= 0 else (),
        rule=m.rule + ("+counterpart" if inferred else ""),
    )


def _confidence(m: Match, src: Entity, rcp: Entity | None) -> float:
    score = 0.45 + 0.1 * min(m.compiled.size - 1, 2)
    score += 0.15 if src.start >= 0 else 0.05
    if rcp is not None:
        score += 0.15 if rcp.start >= 0 else 0.05
    return min(score, 0.95)
