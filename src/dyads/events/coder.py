"""Code the events of one sentence: triggers → arguments → actors → modality → records."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dyads.actors.coref import DocContext
from dyads.actors.recognize import kb_spans, span_countries
from dyads.actors.resolve import ActorResolver
from dyads.events.arguments import arguments, authors, extraposed, infinitive, locative
from dyads.events.ceremony import HOST_CAMEO, hosted, titled
from dyads.events.codebook import QUAD, Codebook
from dyads.events.factual import purpose_clause, unreported
from dyads.events.match import Match, find_triggers
from dyads.events.modality import demand_verbs, demanded, lemma, modality
from dyads.models import Entity, EventDate, Evidence, Modality, Quantity
from dyads.nlp import doc_text, words

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.tokens import Span, Token

_PHONE = {"phone", "telephone", "call", "phoned", "telephoned", "called"}
_IN_PERSON = {"meet", "meeting", "visit", "sideline", "margin", "summit", "trip", "arrive",
              "host", "welcome", "dinner", "lunch", "banquet", "ceremony", "tour", "during"}
_VIDEO = {"video", "virtual", "videoconference", "video-conference", "virtually", "teleconference"}
_MONEY_EVENTS = {"AID", "AGREE", "COOPERATE", "SANCTION", "CONCEDE", "RETREAT", "REQUEST"}
_STATE = {"GOV", "PTY", "LEG", None}
# types whose words are used loosely ("support communities", "help achieve goals", "the
# participants agreed on the urgency", "urges the government", "a crisis that threatens the
# deal"): with no placed actor and no recipient they say nothing an analyst could count.
# Accusations and refusals by an unplaced actor stay (news reports them without a target).
_LOOSE = {"SUPPORT", "AID", "COOPERATE", "AGREE", "REQUEST", "THREATEN"}
_GOVERNMENT = {"GOV", "LEG"}  # sectors that speak for a state
_OFFICIAL = {"JUD", "COP"}  # courts and police act at home; governments act abroad too
_VERBAL = {"01", "02", "03", "05", "09", "10", "11", "12", "13"}
_NOT_COUNTRY = {"UNK", "IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "NGM"}
_PEOPLE_EVENTS = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}
# verbal conflict that is always aimed at another party (a sanction, a threat)
_COERCIVE = frozenset({"SANCTION", "THREATEN"})
# bodies that hear a complaint rather than stand accused ("complained to the UN over ..."),
# and the prepositions that name what the complaint is about
_FORUMS = frozenset({"UNO", "IGO"})
_MATTER = frozenset({"over", "about", "against"})
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
        skip = _controlled(matches) | _requested(matches) | _commented(matches)
        # the main clause's event first: records are ordered by depth in the parse
        matches.sort(key=lambda m: (sum(1 for _ in m.anchor.ancestors), m.anchor.i))
        coded: dict[int, list[Draft]] = {}
        for m in matches:
            if m.anchor.i in skip:
                continue
            coded[m.anchor.i] = self._code_match(m, sent, index, when, ctx, quantities)
        for m in matches:
            out.extend(_aimed_as_intended(m, coded, matches))
        for verb in demand_verbs(sent):
            demand = demanded(verb)
            if demand is not None and modality(verb) not in {"question", "hypothetical"}:
                out.extend(self._code_demand(verb, sent, index, when, ctx, *demand))
        return _unique(out)

    def _official(self, tok: Token) -> str | None:
        """The sector when the phrase names a court or the police (``_OFFICIAL``), which act
        within their own country: "Judge Rivera opened investigations against Chilean
        officials" is Chilean on Chilean."""
        sector = self._sector(tok)
        return sector if sector in _OFFICIAL else None

    def _sector(self, tok: Token) -> str | None:
        """The sector a phrase's title, agent noun or institution names ("a newspaper": JRN;
        "the court": JUD), or None."""
        sectors = self.resolver.kb.sectors
        table: dict[str, Sequence[object]] = {"title": sectors.titles, "agent": sectors.agents,
                 "institution": sectors.institutions}
        first = min(t.i for t in tok.subtree if t.i <= tok.i)
        for span in kb_spans(tok.doc, first, tok.i + 1):
            entries = table.get(span.label_)
            if entries is not None:
                sector = getattr(entries[span._.kb.index], "sector", None)
                if sector:
                    return str(sector)
        return None

    def _sole_country(self, sent: Span, recipients: list[Entity],
                      exclude: frozenset[str] | set[str] = frozenset(),
                      venues: bool = True) -> str | None:
        """The only country a sentence names (by name, adjective, capital, seat or a city)
        outside the recipients ("gunmen killed French tourists" is not French on French),
        or None when it names none or several. With ``venues`` false, a city named as where
        something happened ("a conference held in New York") does not count."""
        codes: set[str] = set()
        for span in kb_spans(sent.doc, sent.start, sent.end):
            if any(r.start <= span.start_char < r.end for r in recipients):
                continue
            if not venues and _venue_city(span):
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
        if _under_demand(m.anchor):
            return []  # "Y should do Z": a request to Y (_code_demand), not Y's act
        cameo = m.compiled.trigger.cameo
        if m.compiled.trigger.recipient == ["nsubjpass"] and m.anchor.pos_ == "VERB" and not any(
                c.dep_ == "nsubjpass" for c in m.anchor.children):
            return []  # a trigger only of the passive ("was summoned"), used actively
        if m.compiled.trigger.recipient == ["clause"] and m.compiled.trigger.pos == "ADJ" \
                and extraposed(m.anchor) is None:
            return []  # a judgement only of "it is … that" ("it is regrettable that X …")
        if _satisfied(m):
            return []  # "until their demands are met": fulfilled, no meeting
        host = hosted(m.anchor)  # a ceremony for a guest: the host meets the guest
        if host:
            cameo = HOST_CAMEO
        why = unreported(m.anchor, cameo, when)
        if why is not None and not (host and why == "purpose"):
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
        if host:
            sources = _hosts(recipients, ctx)
        elif not sources and event == "CONSULT" and args.source and titled(args.source[0]):
            # an official by title only, meeting the guest: the host country, no person
            sources = [Entity(code=h.code) for h in _hosts(recipients, ctx)]
        if not recipients and args.recipient and _own_object(m, args.recipient[0]):
            # "violated a ban by General Aoun", "defied an order issued by the junta": whose
            # act the trigger's object is, when the object names no actor itself and the
            # text names the author (not "by either side")
            recipients = [e for tok in authors(args.recipient[0])
                          for e in self._resolve((tok,), when, ctx) if e.start >= 0]
        if not recipients and args.recipient and event not in {None, "CONSULT"}:
            # "condemned the test" after "the DPRK's missile test": whose act "the test" is;
            # "condemns its failure to do so" after "the Syrian government": whose act "its"
            # names — the latest party the document named other than the source
            recipients = self._earlier_owner(args.recipient[0], when, ctx) \
                or _referred_owner(args.recipient[0], sources, ctx)
        if not recipients and event == "REQUEST":
            # "Trong proposed that the two countries settle …": the one asked to act
            own = {s.code for s in sources}
            recipients = [r for r in self._resolve(_asked(m.anchor), when, ctx)
                          if r.code not in own and r.code != "UNK"]
        if not recipients and QUAD.get(event or "") == 4:
            recipients = self._resolve(locative(m.anchor), when, ctx)
        if not args.source and args.spoken and recipients:
            # "It is deeply disappointing that Russia …", "any further action will be
            # responded to accordingly", in a spokesperson's words: the one who spoke last
            sources = [ctx.speaker] if ctx.speaker is not None else []
        unknown_actor = False
        if not sources and not args.source and recipients and (
                event in {"SANCTION", "COERCE", "REJECT"} or _summoned(m)):
            # "US citizens who are banned from entering Russia", "the Russian Ambassador was
            # summoned": a passive with no agent — the government that publishes the text,
            # else the state of the one other country the sentence names
            named = {r.code for r in recipients}
            place = ctx.home if ctx.home and ctx.home not in named and _summoned(m) \
                else self._sole_country(sent, recipients, exclude=named)
            sources = [Entity(code=place, sector="GOV")] if place else []
        if not sources:
            if not args.source or event is None or event == "CONSULT":
                return []
            if lemma(args.source[0]) in _THINGS:
                return []  # "this purchase will support jobs": a thing does not act
            # a subject the knowledge base cannot place ("gunmen", "a court"): keep the
            # event with an unknown actor (code UNK) rather than lose it
            official = self._official(args.source[0])
            # a person named with an office but no country ("Kim Sang-jin, deputy permanent
            # representative"); a bare title ("The President") is left to coreference
            envoy = not official and titled(args.source[0]) and any(
                t.ent_type_ == "PERSON" for t in args.source[0].subtree)
            place = self._sole_country(sent, [] if official else recipients, venues=not envoy)
            if place is None and envoy:
                # "Kim Sang-jin, deputy permanent representative to the United Nations,
                # announced ... at a conference in New York", after "South Korea pledged":
                # an official the text does not place serves the state it last named
                place = _latest_state(ctx, sent, {r.code for r in recipients})
            # an agent the text places keeps its sector ("a newspaper based in Beirut"
            # is Lebanese media, not the state: it may defy a Lebanese general's ban)
            sector = official or (self._sector(args.source[0]) if place else None)
            sources = [_unknown(args.source[0], place, sector)]
            unknown_actor = sources[0].code == "UNK" and event in _LOOSE
        if len(sources) == 1 and args.source and (event == "CONSULT" or (
                m.compiled.trigger.symmetric and not args.recipient)):
            # "Macron of the French Republic and President Joe Biden of the United States
            # spoke": a second person the parse hung inside the first one's phrase
            sources += self._co_subjects(args.source[0], sources[0], when, ctx)
        if not _acting_clause(m, sources, self._resolve, when, ctx):
            return []  # "agreed that the situation would have benefited from …": a view
        ctx.note_subject(sources)
        if not recipients and args.recipient and _named_office(args.recipient[0]):
            recipients = self._office_holder(m, args.recipient[0], sources, sent, event)
        if m.anchor.lemma_.lower() == "protest" and all(s.sector in _GOVERNMENT
                                                          for s in sources):
            # a government that protests does so to another government: an official
            # complaint (ACCUSE 114); PROTEST is people in the street
            cameo, event = "114", "ACCUSE"
        recipients = [r for r in recipients if not _self_reference(r, sources)] or (
            [] if not recipients else _counterparts(sources, ctx))
        recipients = _others(recipients, sources, event)
        if event == "ACCUSE" and recipients and all(r.code in _FORUMS for r in recipients):
            # "Pakistan complained to the UN Security Council about Indian shelling": the UN
            # hears the complaint, the one accused is its target (PLOVER ACCUSE)
            recipients = self._accused(m, sources, when, ctx) or recipients
        inferred = False
        joint = _joint(sources, event)
        at_home = QUAD.get(event or "") == 4 and bool(sources) and all(
            s.sector in _OFFICIAL for s in sources)  # police and courts act at home
        if not recipients and event != "CONSULT" and not (
                m.compiled.trigger.symmetric and len(sources) > 1):
            # a joint subject takes only an object of its own ("assistance to Ukraine", "work
            # with the AU"), not a country the clause only mentions ("deter Russian aggression");
            # police using force at home do not aim it at another state the clause mentions
            # ("prevented a demonstration against sending troops to Iraq"), though they may
            # detain members of an organisation it names
            recipients = [r for r in self._clause_actor(m, args.source, sources, when, ctx,
                                                        direct=joint)
                          if not at_home or r.code in _NOT_COUNTRY]
        if not recipients and _aid(event, cameo):
            # "the Vietnamese Embassy in Turkey provided essential goods": a mission gives
            # where it is posted
            recipients = [e for tok in _posted(args.source) for e in self._resolve(
                (tok,), when, ctx) if e.code not in {s.code for s in sources} | {"UNK"}]
        if event == "CONSULT" and _counted_object(m.anchor):
            return []  # "Kenya has received 2.8 million vaccines": goods, not a visit
        if not recipients and len(sources) == 1 and (
                m.compiled.trigger.symmetric or event == "CONSULT"
                or (QUAD.get(event or "") in {1, 2, 3} and ctx.explicit_pair)):
            # "the President discussed ..." after "Biden spoke with Trudeau": the counterpart
            other = ctx.counterpart(sources[0])
            if other is None and event == "CONSULT":
                return []  # a meeting with nobody named is not an event
            recipients = [other] if other else []
            inferred = bool(other)
        if not recipients and _aid(event, cameo) and len(sources) == 1 \
                and sources[0].code in ctx.aided:
            # "Australia is also in a position to provide relief supplies", after "Australia
            # will provide $5 million to Indonesia": more aid to the one the document aids
            recipients = [ctx.aided[sources[0].code]]
        if not recipients and (QUAD.get(event or "") == 4 or event in _COERCIVE) \
                and len(sources) == 1 and sources[0].code != "UNK" and not at_home:
            # "Russian missiles struck Kharkiv, killing three people": force with no target
            # of its own lands in the one other country the sentence names; so do sanctions
            # and threats ("revoking the accreditation of a Russian diplomat, we are taking
            # reciprocal action")
            place = self._sole_country(sent, [], exclude={sources[0].code})
            recipients = [Entity(code=place)] if place else []
        # the act promised or threatened ("will extend the curfew in Abidjan", "will release
        # the Prime Minister"): its own type says whether a domestic target makes sense
        promised = self.codebook.plover(m.compiled.trigger.cameo)
        named_target = QUAD.get(event or "") in {3, 4} and _names_target(m, args.recipient)
        domestic = not recipients and named_target and len(sources) == 1 \
            and sources[0].code not in _NOT_COUNTRY \
            and (QUAD.get(event or "") == 4 or QUAD.get(promised or "") == 4
                 or cameo[:2] == "14")  # words need a named target
        if domestic:
            # the text names a target the knowledge base cannot place (protesters, a town,
            # an organisation): a domestic event ("police arrested protesters")
            recipients = [Entity(code=sources[0].code)]
        # an act between two parties is coded both ways only when it is a meeting or the
        # text names both as its subject ("the two sides agreed"): "China stands ready to
        # join hands with Vietnam" is China's readiness, not Vietnam's
        mutual = event == "CONSULT" or args.between or len(sources) > 1
        pairs = _pairs(sources, recipients,
                       bool(m.compiled.trigger.symmetric and mutual) or (joint and not recipients))
        entry = self.codebook.code(cameo)
        drafts = []
        for src, rcp in pairs:
            if rcp is None and event == "SUPPORT" and cameo in _SUPPORT_DROPPED:
                # praise, thanks, welcome and backing are given to someone: with no one the
                # text places ("thanked the participants", "welcomed the decision of the
                # state government") there is no dyad to record
                continue
            if rcp is None and event == "CONSULT":
                # a meeting is with someone: "hosted an event", "hosted the leadership of
                # the Caucus" with no other party the text places is no dyad
                continue
            if rcp is None and unknown_actor:
                # "long-term investments to support communities", "the participants
                # agreed …": support, help, cooperation, promises, requests and threats
                # between no one the text places and no one at all are no record
                # (accusations, refusals and force still are)
                continue
            if rcp and src.code == rcp.code and (cameo == "114" or (
                    not (domestic or named_target)
                    and not _domestic_target(src, rcp, event)
                    and not _domestic_target(src, rcp, promised))):
                # a government's protest goes to another government, never to its own
                # no self-dyads: X on X only where the text names a domestic target of a
                # conflict or a concession ("police arrested protesters", "Turkey imposed a
                # curfew in Cizre"); otherwise the act has no recipient of its own
                if len(pairs) > 1 or rcp.start >= 0:
                    continue  # "China praised China" is no event
                rcp = None
            if rcp and event == "CONSULT":
                ctx.note_pair(src, rcp)
            if rcp and _aid(event, cameo):
                ctx.note_aid(src, rcp)
            drafts.append(Draft(
                actor=(src,), recipient=(rcp,) if rcp else (),
                event=event or "STATEMENT", cameo=cameo,
                mode=_mode(m, sent, event, entry.mode),
                context=tuple(entry.context), goldstein=entry.goldstein,
                quad=QUAD.get(event or "", 0),
                trigger_text=_span_text(m),
                evidence=_evidence(sent, index, _trigger(m), src, rcp,
                                   m.rule + ("+counterpart" if inferred or domestic else "")),
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
        if addressee.lemma_.lower() in _ANYONE and not any(
                c.dep_ == "prep" for c in addressee.children) and any(
                c.lower_ in _EVERYONE for c in addressee.children):
            return []  # "all parties should exercise restraint": a view, asked of no one named
        if reporter is not None:
            sources = self.resolver.resolve(reporter, when, ctx)
        else:
            last = ctx.last_person()
            sources = [last] if last is not None else []
        own = {s.code for s in sources}
        # the speaker's own side is no addressee, unless it is another part of the same
        # country ("Syrian rebels said President Assad must step down")
        recipients = [r for r in self.resolver.resolve(addressee, when, ctx)
                      if r.code != "UNK" and (r.code not in own or any(
                          s.code == r.code and _domestic_target(s, r, "REQUEST")
                          for s in sources))]
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
                    evidence=_evidence(sent, index, trigger, src, rcp,
                                       "request/should" if cameo == "020" else "request/must"),
                    modality="asserted", quantities=(), confidence=0.6))
        return out

    def _clause_actor(self, m: Match, source_toks: tuple[Token, ...], sources: list[Entity],
                      when, ctx: DocContext, direct: bool = False) -> list[Entity]:  # noqa: ANN001
        """Another actor named in the trigger's clause ("promised military aid to war-torn
        Mozambique", "help defend Saudi Arabia"), when the parse gives no recipient."""
        taken = {t.i for tok in source_toks for t in tok.subtree}
        clause = {t.i for t in m.anchor.subtree} - _described(m.anchor)
        codes = {e.code for e in sources}
        own = {t.i for t in m.tokens}
        sent = m.anchor.sent
        for span in kb_spans(m.anchor.doc, sent.start, sent.end):
            if span.start not in clause or span.start in taken:
                continue
            if span.label_ not in {"country", "adjective", "person", "org", "capital"}:
                continue
            if direct and not _an_object(span.root) or _of_document(span.root):
                continue
            if _whereabouts(span.root, own):
                continue
            found = [ent for ent in self.resolver.resolve(span.root, when, ctx)
                     if ent.code not in codes and ent.code != "UNK"]
            if found:  # "provide Turkey and Syria with aid": each of them
                return found
        return []

    def _earlier_owner(self, noun: Token, when, ctx: DocContext) -> list[Entity]:  # noqa: ANN001
        """Whose act a definite noun is that names no actor ("condemned the test"): the owner
        of the latest earlier mention of the same noun in the document ("following the
        DPRK's ICBM test", "North Korea's launch")."""
        if noun.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in {"the", "this"}
                                          for c in noun.children):
            return []
        if any(c.dep_ in {"poss", "compound", "amod", "prep"} for c in noun.children):
            return []  # "the missile test", "the test of ...": described here, not referred to
        word = noun.lemma_.lower()
        kin = _ATTACKS if word in _ATTACKS else {word}
        for tok in reversed(noun.doc[:noun.sent.start]):
            if tok.lemma_.lower() not in kin or tok.pos_ not in {"NOUN", "VERB"}:
                continue
            if tok.pos_ == "VERB":  # "Russian missiles struck Kharkiv. … condemned the attack"
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
                return [e for e in self.resolver.resolve(subj[0], when, ctx)
                        if e.code != "UNK"] if subj else []
            owners = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
            owner = owners[0] if owners else _split_owner(tok)
            if owner is not None:
                return [e for e in self.resolver.resolve(owner, when, ctx) if e.code != "UNK"]
            return []  # the latest mention has no owner: do not look further back
        return []

    def _office_holder(self, m: Match, tok: Token, sources: list[Entity], sent: Span,
                       event: str | None) -> list[Entity]:
        """A recipient named by an office the knowledge base cannot place ("will free
        Minister Jean Paul"): an official of the one country the sentence names, where that is
        another party than the source or a target at home ("Malian rebels said they would
        release Prime Minister Moussa Diarra"). A court or the police act at home: the one
        they summon, order or arrest is of their own country, whatever other countries the
        sentence names ("an Argentine judge ordered former president X to appear in an
        inquiry into arms sales to Croatia")."""
        place = self._sole_country(sent, [])
        home = {s.code for s in sources}
        if place is None and len(home) == 1 and all(s.sector in _OFFICIAL for s in sources):
            place = next(iter(home))
        if place is None:
            return []
        rcp = _unknown(tok, place)
        promised = self.codebook.plover(m.compiled.trigger.cameo)
        if all(s.code != place or _domestic_target(s, rcp, event)
               or _domestic_target(s, rcp, promised) for s in sources):
            return [rcp]
        return []

    def _accused(self, m: Match, sources: list[Entity], when, ctx: DocContext  # noqa: ANN001
                 ) -> list[Entity]:
        """The country whose act a complaint is about: named in the trigger's "over",
        "about" or "against" phrase ("about Indian shelling"), other than the source."""
        own = {s.code for s in sources}
        for c in m.anchor.children:
            if c.dep_ != "prep" or c.lower_ not in _MATTER:
                continue
            left, right = min(t.i for t in c.subtree), max(t.i for t in c.subtree) + 1
            for span in kb_spans(c.doc, left, right):
                if span.label_ not in {"country", "adjective", "capital"}:
                    continue
                found = [e for e in self.resolver.resolve(span.root, when, ctx)
                         if e.code not in own | _NOT_COUNTRY]
                if found:
                    return found
        return []

    def _co_subjects(self, subject: Token, first: Entity, when, ctx: DocContext  # noqa: ANN001
                     ) -> list[Entity]:
        """People named inside a subject phrase besides its first one (the parse puts "and
        President Joe Biden" under "the French Republic"), of another country."""
        out: list[Entity] = []
        left = min(t.i for t in subject.subtree)
        right = max(t.i for t in subject.subtree) + 1
        for span in kb_spans(subject.doc, left, right):
            if span.label_ != "person":
                continue
            for ent in self.resolver.resolve(span.root, when, ctx):
                if ent.code not in {first.code, "UNK"} | {e.code for e in out}:
                    out.append(ent)
        return out

    def _resolve(self, toks: tuple[Token, ...], when, ctx: DocContext) -> list[Entity]:  # noqa: ANN001
        out: list[Entity] = []
        for tok in toks:
            out.extend(self.resolver.resolve(tok, when, ctx))
        return out


# heads of a target phrase that name people or a body of them ("demonstrators", "an
# organization"), as opposed to things ("rules", "peace"): a conflict with such a target at
# home is domestic (X on X), one with a thing as its object has no recipient
# gatherings of people: "police broke up the rally" names people as the target
_GATHERINGS = frozenset({"demonstration", "protest", "rally", "march", "gathering", "sit",
                         "vigil", "procession"})
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


# Things that readouts make the subject of acts ("the initiative will support", "increased
# investment supports resilience", "these projects help communities"): a subject the knowledge
# base cannot place that is one of them names no actor, so there is no record.
# modals a pattern may reach through into the clause it governs (agree/agree-that-act)
_MODALS = frozenset({"should", "would", "will", "shall", "must", "'ll"})
# nouns that name the parties themselves ("their countries should cooperate")
_PARTY_NOUNS = frozenset({"country", "side", "party", "state", "nation", "government",
                          "leader", "both"})
_THINGS = frozenset({
    "initiative", "program", "programme", "project", "fund", "funding", "investment",
    "purchase", "resource", "agreement", "partnership", "plan", "measure", "deal", "framework",
    "mechanism", "policy", "law", "bill", "package", "grant", "loan", "effort", "work",
    "step", "action", "strategy", "roadmap", "memorandum", "mou", "arrangement", "facility",
    "platform", "network", "corridor", "infrastructure", "technology", "system", "tool",
    "money", "financing", "contribution", "collaboration", "cooperation", "dialogue",
    "commitment", "announcement", "decision", "visit", "meeting", "summit", "statement",
})
# support that is always given to someone: praise, thanks, welcome, backing (CAMEO 051) and
# defence of a party (052); not signing, joining, recognition, apology or forgiveness
_SUPPORT_DROPPED = frozenset({"051", "052"})
# words for one armed attack: "the attack" may refer back to "missiles struck", "the strike"
_ATTACKS = frozenset({"attack", "strike", "assault", "shelling", "shell", "bombing", "bomb",
                      "bombardment", "bombard", "raid", "airstrike"})
# "all parties", "every country", "the parties concerned", "relevant sides": everyone, no one
# named (ANNOTATION.md: "Y must / should …" is a request only of a named other party)
_EVERYONE = frozenset({"all", "every", "each", "any", "relevant", "concerned"})
_ANYONE = frozenset({"party", "side", "country", "state", "nation", "actor", "stakeholder"})


def _split_owner(noun: Token) -> Token | None:
    """The possessor the parser cut off a noun phrase: "Korea's (DPRK) ballistic missile
    test" — the word before "'s", past an abbreviation in brackets."""
    doc, j = noun.doc, noun.left_edge.i - 1
    if j >= 0 and doc[j].text == ")":
        while j > max(noun.left_edge.i - 6, 0) and doc[j].text != "(":
            j -= 1
        j -= 1
    if j >= 1 and doc[j].tag_ == "POS" and doc[j - 1].pos_ == "PROPN":
        return doc[j - 1]
    return None


def _described(anchor: Token) -> set[int]:
    """Tokens of relative clauses inside the trigger's phrase that say what a thing is
    ("condemned the test, which is a violation of UN resolutions"): they name no party to
    the act. A clause with a subject of its own says who did it ("the attacks that Russia
    perpetrated on Ukrainian cities") and stays."""
    described = {t.i for c in anchor.subtree if c.dep_ == "relcl" and c.i != anchor.i
                 and any(g.dep_ in {"nsubj", "nsubjpass"} and g.tag_ in {"WDT", "WP"}
                         for g in c.children)
                 for t in c.subtree}
    # a purpose names what the act is for, not whom it is with ("will coordinate closely in
    # order to strengthen the pressure on North Korea")
    # ("in order to" may be parsed as a clause of the noun "order": acl)
    return described | {t.i for c in anchor.subtree if c.i != anchor.i and c.dep_ in
                        {"advcl", "xcomp", "acl"} and purpose_clause(c) for t in c.subtree}


# nouns that name a text: the body in "UN Security Council resolutions", "the UN Charter"
# or "the United Nations Convention on the Law of the Sea" is no party to the act
_DOCUMENTS = frozenset({"resolution", "charter", "convention", "treaty", "declaration",
                        "protocol", "statute", "law"})


def _of_document(tok: Token) -> bool:
    head = tok
    while head.dep_ in {"compound", "amod"} and head.head.i != head.i:
        head = head.head
    return head.i != tok.i and head.lemma_.lower() in _DOCUMENTS


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
        if tok.lemma_.lower() in _PEOPLE | _GATHERINGS or tok.ent_type_ in {
                "NORP", "PERSON", "ORG", "GPE", "LOC", "FAC"}:
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


def _hosts(guests: list[Entity], ctx: DocContext) -> list[Entity]:
    """The host of a ceremony for ``guests``: the first guest's counterpart in the document's
    pair ("Banquet welcomes Xi Jinping" in a report of his visit to Vietnam), else none."""
    host = ctx.counterpart(guests[0]) if guests else None
    return [host] if host is not None else []


def _acting_clause(m: Match, sources: list[Entity],
                   resolve: Callable[..., list[Entity]], when, ctx: DocContext  # noqa: ANN001
                   ) -> bool:
    """A trigger that reaches into a clause through its modal ("agreed that the two states
    would open a rail link") reports an act of the source only when the clause says what the
    source will do: its subject is the source (a pronoun, "their countries", "the two sides",
    a name of the source's own country) and the modal is no counterfactual ("would have
    benefited"). "Agreed that the Burmese military must cease violence" is a request to
    the military (``_code_demand``), "agreed that the crisis would worsen" a view."""
    modal = next((t for t in m.tokens[1:] if t.dep_ == "aux" and t.lower_ in _MODALS), None)
    if modal is None:
        return True
    verb = modal.head
    if any(c.dep_ == "aux" and c.lower_ == "have" and c.i > modal.i for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    if subject.pos_ == "PRON" or lemma(subject) in _PARTY_NOUNS:
        return True
    own = {s.code for s in sources} - {"UNK"}
    return any(e.code in own for e in resolve((subject,), when, ctx))


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
        head = _complement_of(tok, by_anchor, by_token)
        if head is None:
            continue
        h_root, c_root = head.compiled.trigger.cameo[:2], m.compiled.trigger.cameo[:2]
        if h_root == "01":
            continue
        if tok.dep_ in {"advcl", "conj"} and tok.head.i == head.anchor.i:
            if h_root == c_root == "04":
                skip.add(tok.i)
            continue
        if h_root == "03" and c_root in _PROMISED and not any(
                c.dep_ in {"dobj", "dative"} for c in head.anchor.children) and not (
                tok.dep_ == "ccomp" and any(c.dep_ == "nsubj" and (
                    c.pos_ == "PRON" or lemma(c) in _PARTY_NOUNS) for c in tok.children)):
            # "agreed to provide aid", "commit to imposing sanctions": the promised act,
            # intended, is more specific than the promise (0331, 1312 ...); not when another
            # party is to act ("invited Lula to visit Washington" is the invitation), nor
            # when the act is a clause whose subject only refers to the parties ("agreed that
            # their countries / they should cooperate": they are the subject of "agreed")
            skip.add(head.anchor.i)
        else:
            skip.add(tok.i)
    return skip


_INSIDE = frozenset({"conj", "xcomp", "ccomp", "advcl", "pcomp", "prep", "pobj", "dobj", "acl"})


def _under_demand(anchor: Token) -> bool:
    """The trigger is what "Y should / must" asks for: the modal verb itself or anything in
    its clause ("the two sides should boost trade, cooperate in infrastructure and build
    economic zones": one request, not three acts)."""
    tok = anchor
    for _ in range(6):
        if demanded(tok) is not None:
            return True
        if tok.dep_ not in _INSIDE or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


# praise, criticism and rejection: the acts they name are what is commented on
_COMMENTS = ("051", "11", "12", "14")
# what a comment is about: its object and its prepositional phrases, not its own subject
# or the clauses conjoined to it ("condemned the attack and urged restraint")
_ABOUT = frozenset({"dobj", "prep", "attr", "oprd", "dative", "nsubjpass"})


def _commented(matches: list[Match]) -> set[int]:
    """Anchors inside what a praise, criticism or rejection is about ("condemned the
    violence and the attack on democratic institutions", "condemn Russia's decision to expel
    a British diplomat", "thanked Russia for extending the grain deal"): the comment is the
    event, the act it names is not a record of its own (ANNOTATION.md)."""
    return _anchors_within(
        matches, lambda m: m.compiled.trigger.cameo.startswith(_COMMENTS),
        lambda m, c: c.dep_ in _ABOUT and c not in m.tokens)


def _anchors_within(matches: list[Match], heads: Callable[[Match], bool],
                    part: Callable[[Match, Token], bool]) -> set[int]:
    """Anchors of ``matches`` inside the subtree of a child (``part``) of another match's
    anchor (``heads``): acts that another trigger only names."""
    inside: set[int] = set()
    for m in matches:
        if heads(m):
            for c in m.anchor.children:
                if part(m, c):
                    inside.update(t.i for t in c.subtree)
    return {m.anchor.i for m in matches if m.anchor.i in inside}


# promises of aid (CAMEO 033-0333) as opposed to other intents to cooperate
_AID_PROMISED = frozenset({"033", "0331", "0332", "0333"})


def _aid(event: str | None, cameo: str) -> bool:
    """Aid given (PLOVER AID) or promised (CAMEO 033x)."""
    return event == "AID" or cameo in _AID_PROMISED


# a state's missions abroad: what they give goes to the country they are posted in
_MISSIONS = frozenset({"embassy", "consulate", "consulate-general", "mission"})


def _posted(subjects: tuple[Token, ...]) -> list[Token]:
    """The countries a subject's missions are in ("the Vietnamese Embassy in Turkey, and the
    Vietnamese Embassy in Iran and Syria"): the objects of their "in" phrases."""
    out: list[Token] = []
    for subj in subjects:
        for tok in [subj, *(c for c in subj.children if c.dep_ == "conj")]:
            if tok.lemma_.lower() not in _MISSIONS:
                continue
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "in":
                    out.extend(g for g in prep.children if g.dep_ == "pobj")  # and its conj
    return out


def _venue_city(span: Span) -> bool:
    """A city named as where an act or a meeting took place ("held in New York", "at a
    ceremony in Hanoi"): the object of "in" or "at" that hangs from a verb or a noun, not
    from a phrase naming people ("officials in Hanoi")."""
    root = span.root
    prep = root.head
    return span.label_ == "place" and root.dep_ == "pobj" and prep.lower_ in {"in", "at"} \
        and prep.head.lemma_.lower() not in _PEOPLE


def _latest_named(ctx: DocContext, before: int, exclude: set[str]) -> Entity | None:
    """The latest country the document named before character ``before``, other than
    ``exclude``."""
    for ent in reversed(ctx.seen):
        if ent.code not in exclude | _NOT_COUNTRY and ent.start < before:
            return ent
    return None


def _latest_state(ctx: DocContext, sent: Span, exclude: set[str]) -> str | None:
    """The latest country named in the document's earlier sentences, other than ``exclude``."""
    ent = _latest_named(ctx, sent.start_char, exclude)
    return ent.code if ent else None


def _referred_owner(noun: Token, sources: list[Entity], ctx: DocContext) -> list[Entity]:
    """The party "its" on the act's object points back to ("condemns its failure"): the
    latest state named in earlier sentences that is not the source (a body named in between,
    "the international mission", is rarely the one blamed). Not "their" ("commended their
    workforce", "applauded their contributions": mostly the subject's own or people the
    sentence names), and not for a source the text does not place."""
    if not any(c.dep_ == "poss" and c.lower_ == "its" for c in noun.children) or any(
            s.code == "UNK" for s in sources) or not sources:
        return []
    ent = _latest_named(ctx, noun.sent.start_char, {s.code for s in sources})
    return [Entity(code=ent.code, sector=ent.sector, entity_text=ent.entity_text,
                   start=-1, end=-1)] if ent else []


# intentions whose aim is the act they govern ("expressed his desire to further deepen
# their ties", "reaffirmed readiness to support Ukraine")
_INTENT_ROOT = "03"
_GOVERNED = frozenset({"xcomp", "acl", "ccomp", "dobj", "pobj", "prep", "pcomp"})


def _aimed_as_intended(m: Match, coded: dict[int, list[Draft]],
                       matches: list[Match]) -> list[Draft]:
    """The drafts of ``m``; an intention with no recipient takes the recipients of the act
    it governs ("Sirisena expressed his desire to further deepen their ties" is aimed at
    India, as the deepening is)."""
    drafts = coded.get(m.anchor.i, [])
    if not drafts or any(d.recipient for d in drafts) or not all(
            d.cameo.startswith(_INTENT_ROOT) for d in drafts):
        return drafts
    own = {a.code for d in drafts for a in d.actor}
    for other in matches:
        if other.anchor.i == m.anchor.i or not _governed_by(other.anchor, m.anchor):
            continue
        aims = [r for d in coded.get(other.anchor.i, []) for r in d.recipient
                if r.code not in own | {"UNK"}]
        if aims:
            out = []
            for d in drafts:
                for r in dict.fromkeys(aims):
                    out.append(dataclasses.replace(d, recipient=(r,), evidence=dataclasses.replace(
                        d.evidence, recipient=((r.start, r.end),) if r.start >= 0 else ())))
            return out
    return drafts


def _governed_by(tok: Token, head: Token) -> bool:
    """``tok`` hangs from ``head`` through complements and objects only, within four steps."""
    for _ in range(4):
        if tok.dep_ not in _GOVERNED or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i == head.i:
            return True
    return False


def _summoned(m: Match) -> bool:
    """An official summoned, told in the passive (CAMEO 114: "the Russian Ambassador was
    summoned"): what the codebook codes with the one summoned as its recipient."""
    return m.compiled.trigger.cameo == "114" and "nsubjpass" in m.compiled.trigger.recipient


def _counted_object(verb: Token) -> bool:
    """The verb's object is counted ("received 2.8 million vaccines", "received 500 tonnes
    of rice"): goods, never a visitor."""
    for c in verb.children:
        if c.dep_ == "dobj" and (c.ent_type_ in {"CARDINAL", "QUANTITY", "MONEY"} or any(
                g.dep_ == "nummod" for g in c.children)):
            return True
    return False


def _asked(verb: Token) -> tuple[Token, ...]:
    """The subject of a request's clause: "proposed that the two sides boost trade",
    "suggested the two countries maintain contacts"."""
    for c in verb.children:
        if c.dep_ == "ccomp":
            return tuple(g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"})
    return ()


def _requested(matches: list[Match]) -> set[int]:
    """Anchors inside what a request asks for, however deep ("proposed that the two
    countries settle the issues; manage, protect and use water resources while working
    closely …", "called on all parties to cease violence and allow access"): the request is
    the event, not the acts it asks for."""
    return _anchors_within(
        matches,
        lambda m: m.compiled.trigger.cameo[:2] in {"02", "10"} and m.anchor.pos_ == "VERB",
        lambda m, c: c.dep_ in {"ccomp", "xcomp"} or _bare_conjunct(c)
        or (c.dep_ == "advcl" and infinitive(c)))  # "called on all parties to end …"


def _bare_conjunct(verb: Token) -> bool:
    """"Xi suggested that the two countries maintain contacts; deepen the Party channel and
    increase exchanges": a base-form verb with no subject of its own conjoined to the request
    continues what is asked, not a new act."""
    return verb.dep_ == "conj" and verb.tag_ == "VB" and not any(
        c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in verb.children)


def _complement_of(tok: Token, by_anchor: dict[int, Match],
                   by_token: dict[int, Match]) -> Match | None:
    """The trigger whose complement ``tok`` is: its head ("agreed to provide", "met to
    discuss"), the trigger a preposition of its own introduces ("commit to imposing
    sanctions"), or one reached through verbs that only carry the complement ("commit to
    ensuring that the banks are removed from SWIFT")."""
    if tok.dep_ in {"xcomp", "ccomp", "advcl", "conj"} and tok.head.i in by_anchor:
        return by_anchor[tok.head.i]
    t = tok
    for _ in range(3):
        if t.dep_ not in {"xcomp", "ccomp", "pcomp"} or t.head.i == t.i:
            return None
        t = t.head
        if t.dep_ == "prep" and t.i in by_token and t.lower_ == "to":
            return by_token[t.i]
        if t.i in by_anchor:
            return by_anchor[t.i] if t.i != tok.i else None
        if t.lemma_.lower() not in _CARRIERS:
            return None
    return None


# verbs that only carry what is promised: "commit to ensuring that …", "undertake to"
_CARRIERS = frozenset({"ensure", "make", "take", "undertake", "see", "work", "continue"})


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


# Types whose joint subject with no recipient acts towards each other ("the two leaders
# committed to ...", "Both Presidents welcomed ...": the annotators' counterpart); a joint
# condemnation or request is aimed at someone else, not at each other.
_MUTUAL = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE"})


def _others(recipients: list[Entity], sources: list[Entity], event: str | None) -> list[Entity]:
    """A verbal act's recipients less the source's own side when others are named with it:
    "Trong proposed that Vietnam and China implement ..." is a proposal to China."""
    own = {s.code for s in sources}
    codes = {r.code for r in recipients}
    if QUAD.get(event or "") in {1, 3} and codes & own and codes - own - {"UNK"}:
        return [r for r in recipients if r.code not in own]
    return recipients


_WHERE = frozenset({"in", "at", "inside", "within", "throughout", "near"})


# what is "met" in the sense of fulfilled
_FULFILLED = frozenset({"demand", "need", "condition", "requirement", "target", "goal",
                        "expectation", "criterion", "obligation", "request", "deadline",
                        "standard", "commitment", "challenge", "cost"})


def _satisfied(m: Match) -> bool:
    """"Meet" said of a demand, a need or a condition ("until their demands are met", "met
    the conditions set by ECOWAS") is fulfilling it, not a meeting."""
    anchor = m.anchor
    if anchor.lemma_.lower() != "meet" or anchor.pos_ != "VERB" \
            or not m.compiled.trigger.cameo.startswith("04"):
        return False  # "met the protesters' demands" as a concession stays (concede/…)
    return any(c.dep_ in {"nsubjpass", "dobj"} and c.lemma_.lower() in _FULFILLED
               for c in anchor.children)


def _own_object(m: Match, tok: Token) -> bool:
    """``tok`` is the direct object of the trigger's verb, a common noun."""
    return tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.i == m.anchor.i


def _named_office(tok: Token) -> bool:
    """A person named with an office ("Prime Minister Moussa Diarra"): a name whose own
    words, up to the name itself, hold a title the knowledge base knows."""
    if tok.pos_ != "PROPN":
        return False
    left = min(t.i for t in tok.subtree)
    return any(span.label_ == "title" for span in kb_spans(tok.doc, left, tok.i + 1))


def _whereabouts(tok: Token, own: set[int]) -> bool:
    """A country named as where the people the trigger's own words name are ("mobilized
    lobby groups in France", "deployed supporters in Iraq"): the source's own people there,
    their place, not a party to the act. People the act is aimed at ("support people within
    Ukraine") are of the country they are in."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in _WHERE or prep.head.i == prep.i:
        return False
    people = prep.head
    return people.lemma_.lower() in _PEOPLE and (
        people.i in own or any(c.i in own for c in people.children))


def _an_object(tok: Token) -> bool:
    """The head of an object or of a "to"/"with"/"for" phrase (or a conjunct of one), not a
    modifier of another word ("Russian aggression", "Iran's threats", "the G7 summit")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "dobj":
        return tok.head.pos_ == "VERB"
    return tok.dep_ == "pobj" and tok.head.lower_ in {"to", "with", "for"}


def _joint(sources: list[Entity], event: str | None) -> bool:
    """Two or more parties of different countries as the subject of a mutual type."""
    return event in _MUTUAL and len({s.code for s in sources} - {"UNK"}) > 1


def _mode(m: Match, sent: Span, event: str | None, default: str | None) -> tuple[str, ...]:
    trig = m.compiled.trigger
    if trig.mode:
        return (trig.mode,)
    if event == "CONSULT":
        forms, doc, span = words(sent.doc), sent.doc, range(sent.start, sent.end)
        # the sentence's words, and the lemmas of its nouns that can tell the mode
        said = set(forms.lower[sent.start:sent.end]) | {
            forms.lemma[i] for i in span
            if forms.lemma[i] in _VIDEO | _PHONE and doc[i].pos_ == "NOUN"}
        if said & _VIDEO:
            return ("video",)
        if said & (_PHONE - {"call", "called"}) or _phone_call(sent):
            return ("phone",)
        lemmas = set(forms.lemma[sent.start:sent.end])
        if m.anchor.lemma_.lower() in {"speak", "talk"} and not lemmas & _IN_PERSON:
            # "spoke with" and nothing says they met: a call, as in official readouts
            return ("phone",)
        return ("in-person",)
    return (default,) if default else ()


def _phone_call(sent: Span) -> bool:
    """A call (noun) or "called X"; "called for", "called on" are requests, not calls."""
    if "call" not in words(sent.doc).lemma[sent.start:sent.end]:
        return False
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


def _trigger(m: Match) -> tuple[int, int]:
    """The character offsets of a match's words, from its first to its last."""
    first, last = m.tokens[0], m.tokens[-1]
    return first.idx, last.idx + len(last.text)


def _span_text(m: Match) -> str:
    start, end = _trigger(m)
    return doc_text(m.anchor.doc)[start:end]


def _self_reference(rcp: Entity, sources: list[Entity]) -> bool:
    """A recipient found by coreference that is the source itself ("Comrade General
    Secretary" said by one General Secretary to the other)."""
    return rcp.start < 0 and any(s.code == rcp.code for s in sources)


def _counterparts(sources: list[Entity], ctx: DocContext) -> list[Entity]:
    other = ctx.counterpart(sources[0]) if sources else None
    return [other] if other else []


def _evidence(sent: Span, index: int, trigger: tuple[int, int], src: Entity,
              rcp: Entity | None, rule: str) -> Evidence:
    """What a record rests on: its sentence, trigger, the named actors' offsets, the rule."""
    return Evidence(
        sentence=index, sentence_start=sent.start_char, sentence_end=sent.end_char,
        trigger=trigger,
        actor=((src.start, src.end),) if src.start >= 0 else (),
        recipient=((rcp.start, rcp.end),) if rcp and rcp.start >= 0 else (),
        rule=rule,
    )


def _confidence(m: Match, src: Entity, rcp: Entity | None) -> float:
    score = 0.45 + 0.1 * min(m.compiled.size - 1, 2)
    score += 0.15 if src.start >= 0 else 0.05
    if rcp is not None:
        score += 0.15 if rcp.start >= 0 else 0.05
    return min(score, 0.95)
