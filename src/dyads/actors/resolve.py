"""Resolve an argument of an event (a token of the parse) to actor entities.

The noun phrase around the token is read for knowledge-base mentions (people, countries,
demonyms, capitals, organisations, titles, institutions, generic agents) and spaCy PERSON
names; they combine into :class:`~dyads.models.Entity` objects for the event's date:
"Canadian Prime Minister Justin Trudeau" → CAN/GOV; "General Secretary of the CPV and
President Nguyen Phu Trong" → VNM (one person, two titles); "Prime Minister Ishiba of Japan"
→ JPN. What a phrase does not settle comes from :class:`~dyads.actors.coref.DocContext`
(surnames, "the President", pronouns, "the two leaders", "his host").

A bare name ("Kono", "Wang") is the document's own earlier full mention of a person of that
name first (a person the knowledge base does not know included), then, among the people the
knowledge base has by that name, the one in office on the day (else the one nearest to it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dyads.actors.coref import DocContext
from dyads.actors.recognize import COUNTRY_KINDS, kb_spans, person_ents, span_countries
from dyads.kb.loader import OFFICE_RANK, KnowledgeBase
from dyads.models import Entity
from dyads.nlp import doc_text
from dyads.normalize import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Dependencies that stay inside one actor's noun phrase.
_INNER = {"compound", "amod", "nmod", "poss", "flat", "appos", "det", "nummod", "case", "punct",
          "npadvmod", "quantmod", "nn", "prep", "pobj", "cc", "conj"}
_PLURAL_PAIR = {"two leaders", "two sides", "two countries", "both sides", "both countries",
                "both leaders", "two presidents", "two parties", "two governments",
                "two nations", "both parties", "leaders", "both", "they", "two", "the two",
                "each side", "either side"}
# Plural nouns that, with no name or country of their own, mean the people or states a readout
# is about ("The ministers agreed ...", "the delegations", "the national security advisors"):
# the document's participants. Not "members" or "participants" (of a forum, a round table: not
# the pair the document names).
_GROUP = {"countries", "sides", "parties", "leaders", "nations", "governments", "presidents",
          "ministers", "officials", "delegations", "counterparts", "advisors", "advisers",
          "co-chairs", "envoys", "premiers", "chancellors", "negotiators"}
# Words before a plural that make it the pair: "both officials", "the two ministers".
_PAIR_WORDS = {"both", "two", "each", "either"}
# Relative pronouns: "a task force that will ...", "the group, which will ...".
_RELATIVE = {"that", "which", "who", "whom"}
_PRONOUNS = {"he", "she", "him", "her", "his", "i", "me", "my"}
_GOV_SEAT = {"country", "capital", "seat"}
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord",
               "lady", "madam", "comrade", "sheikh", "gen", "gen.", "general", "prof", "prof.",
               "h.e.", "excellency", "his", "her"}
# "Diplomatic Adviser to the Prime Minister of Italy": a "to" phrase of these nouns tells
# whose staff the person is on, so its country is theirs (not its title: an envoy or an
# ambassador "to" a country is not of it, so they are not here).
_STAFF = {"adviser", "advisor", "aide", "counsellor", "counselor", "assistant", "spokesperson",
          "spokesman", "spokeswoman", "secretary", "chief"}


@dataclass
class PhraseInfo:
    """What the knowledge base found inside one noun phrase."""

    persons: list[tuple[Span, int]] = field(default_factory=list)
    unknown_persons: list[Span] = field(default_factory=list)
    countries: list[tuple[Span, str, str]] = field(default_factory=list)  # span, code, kind
    orgs: list[tuple[Span, int]] = field(default_factory=list)
    titles: list[tuple[Span, int]] = field(default_factory=list)
    institutions: list[tuple[Span, int]] = field(default_factory=list)
    agents: list[tuple[Span, int]] = field(default_factory=list)
    staff_titles: list[tuple[Span, int]] = field(default_factory=list)  # "adviser to the PM"
    earlier: Entity | None = None  # a bare name that is a person named earlier in the document

    def empty(self) -> bool:
        return not (self.persons or self.unknown_persons or self.countries or self.orgs
                    or self.titles or self.institutions or self.agents or self.earlier)


class ActorResolver:
    """Turns argument tokens into entities, using the KB and the document's context."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    # ---- public ----------------------------------------------------------------------------
    def resolve(self, tok: Token, day: dt.date | None, ctx: DocContext) -> list[Entity]:
        """Entities for the argument headed by ``tok``: one per conjunct ("X and Y")."""
        ctx.day = day
        heads = _conjuncts(tok)
        out: list[Entity] = []
        pending_titles: list[Token] = []
        for head in heads:
            ents = self._resolve_one(head, day, ctx, own_conj=len(heads) > 1)
            if ents is None:  # a bare title conjunct, e.g. "General Secretary ... and President X"
                pending_titles.append(head)
                continue
            out.extend(ents)
        if not out and pending_titles:
            for head in pending_titles:
                out.extend(self._resolve_one(head, day, ctx, own_conj=False) or [])
        named = {e.code for e in out if e.name}
        # "General Secretary of the CPC and President Xi Jinping": one person, two titles
        out = [e for e in out if e.name or e.code not in named]
        return _dedupe(out)

    def note_subject(self, sent: Span, day: dt.date | None, ctx: DocContext) -> None:
        """Remember the person a sentence is about (its main subject), for "he"/"she"; and,
        when its main verb is one of saying ("An FCDO spokesperson said:"), who speaks."""
        root = sent.root
        for c in root.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in {"PROPN", "NOUN"}:
                found = self.resolve(c, day, ctx)
                ctx.note_subject(found)
                if c.dep_ == "nsubj" and root.lemma_.lower() in _SAYING:
                    ctx.note_speaker(found)
                return

    def mentions(self, sent: Span, day: dt.date | None, ctx: DocContext) -> list[Entity]:
        """Every actor named in a sentence (used to register them for coreference)."""
        out: list[Entity] = []
        seen: set[int] = set()
        for span in kb_spans(sent.doc, sent.start, sent.end):
            if span.label_ in {"person", "country", "org"} and span.root.i not in seen:
                seen.add(span.root.i)
                out.extend(self.resolve(span.root, day, ctx))
        return out

    # ---- one phrase --------------------------------------------------------------------------
    def _resolve_one(self, head: Token, day: dt.date | None, ctx: DocContext,
                     own_conj: bool) -> list[Entity] | None:
        tokens = _phrase_tokens(head)
        info = self._read_phrase(head.doc, tokens, day, ctx)
        lower = " ".join(t.lower_ for t in tokens if t.dep_ != "det" and not t.is_punct)
        if info.empty():
            return self._from_context(head, lower, ctx)
        if own_conj and _only_titles(info):
            return None
        ent = self._combine(info, head, tokens, day, ctx)
        if ent is None:  # "the leaders", "the top legislator": only context can tell
            return self._from_context(head, lower, ctx)
        ctx.register(ent)
        return [ent]

    def _read_phrase(self, doc: Doc, tokens: list[Token], day: dt.date | None = None,
                     ctx: DocContext | None = None) -> PhraseInfo:
        idx = {t.i for t in tokens}
        staff = _staff_tokens(tokens)
        info = PhraseInfo()
        for span in kb_spans(doc, max(0, min(idx) - 12), max(idx) + 1):
            if span.start not in idx and span.end - 1 not in idx:
                continue
            key = span._.kb.key
            kind = span.label_
            if span.start in staff and kind not in {"country", "adjective"}:
                # "to the Prime Minister of Italy": only the country and the branch are theirs
                if kind == "title":
                    info.staff_titles.append((span, int(key)))
                continue
            if kind == "person":
                chosen = self._pick_person(span, day, ctx)
                if isinstance(chosen, Entity):
                    info.earlier = chosen
                    continue
                if self._other_namesake(span, chosen):
                    continue  # "Oskar Fischer" is not Heinz Fischer
                info.persons.append((span, chosen))
            elif kind in COUNTRY_KINDS:
                for code in span_countries(span, self.kb):
                    info.countries.append((span, code, kind))
            elif kind == "org":
                if _gloss(span):
                    continue
                info.orgs.append((span, int(key)))
            elif kind == "title":
                info.titles.append((span, int(key)))
            elif kind == "institution":
                info.institutions.append((span, int(key)))
            elif kind == "agent":
                info.agents.append((span, int(key)))
            elif kind == "place":
                codes = span_countries(span, self.kb)
                if len(codes) == 1:  # a city places its people; a shared sea or region does not
                    info.countries.append((span, codes[0], "place"))
        if not info.persons:
            for root, ent in person_ents(doc):
                if root in idx and not _covered(ent, doc):
                    info.unknown_persons.append(ent)
        return info

    def _pick_person(self, span: Span, day: dt.date | None,
                     ctx: DocContext | None) -> int | Entity:
        """The person a name span is: for a bare name, the document's earlier full mention of
        that name; else, of the people the knowledge base has by that name, the one in office
        on ``day`` (or nearest to it)."""
        keys = list(span._.kb.indices)
        people = self.kb.people
        if len(span) == 1 and ctx is not None:
            earlier = _earlier_full_mention(span.text, ctx)
            if earlier is not None:
                for k in keys:
                    if people[k].name == earlier.name:
                        return k
                return dataclasses.replace(earlier, start=-1, end=-1)
        if len(keys) == 1:
            return keys[0]
        return min(keys, key=lambda k: _office_distance(self.kb, k, day))

    def _other_namesake(self, span: Span, key: int) -> bool:
        """A surname matched alone, after a given name the person never goes by, or before
        one ("Li Jian", "Wang Wenbin": a name written surname first, not Li Qiang or Wang Yi)."""
        if len(span) != 1:
            return False
        doc = span.doc
        if span.end < len(doc) and _name_word(doc[span.end]) and not any(
                s.start <= span.end < s.end for s in kb_spans(doc, span.end, span.end + 1)):
            return True
        if span.start == 0:
            return False
        i = span.start - 1
        while i > 0 and doc[i].pos_ == "PROPN" and (len(doc[i].text) <= 2 or
                                                   doc[i].text.endswith(".")):
            i -= 1  # initials: "Joseph R. Biden"
        given = doc[i]
        if given.pos_ != "PROPN" or not given.is_title or given.lower_ in _HONORIFICS:
            return False
        if any(s.start <= i < s.end for s in kb_spans(doc, max(0, i - 6), i + 1)):
            return False  # a title or a country: "President Xi", "Chinese Premier Li"
        person = self.kb.people[key]
        names = {w.lower() for n in (person.name, *person.aliases) for w in n.split()}
        return given.lower_ not in names

    def _combine(self, info: PhraseInfo, head: Token, tokens: list[Token],
                 day: dt.date | None, ctx: DocContext) -> Entity | None:
        """The entity of the phrase ``tokens`` (:func:`_phrase_tokens` of ``head``)."""
        kb = self.kb
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = doc_text(head.doc)[start:end]
        title = kb.sectors.titles[info.titles[0][1]] if info.titles else None
        institution = (kb.sectors.institutions[info.institutions[0][1]]
                       if info.institutions else None)
        agent = kb.sectors.agents[info.agents[0][1]] if info.agents else None
        served = kb.sectors.titles[info.staff_titles[0][1]] if info.staff_titles else None
        sector = (institution.sector if institution else None) or (
            title.sector if title else None) or (agent.sector if agent else None) or (
            served.sector if served else None)
        office = title.title if title else None
        country = _best_country(info)
        if info.persons:
            person = kb.people[info.persons[0][1]]
            offices = kb.offices_on(person, day)
            chosen = offices[0] if offices else None
            if chosen and title:  # an explicit title picks the matching office (the first:
                # "King Charles III" is the King of the United Kingdom before his other realms)
                chosen = next((o for o in offices if o.office.lower() == title.title.lower()),
                              chosen)
            code = chosen.country if chosen else country or "UNK"
            return Entity(code=code, sector=(chosen.sector if chosen else sector) or sector,
                          entity_text=text, office=chosen.office if chosen else office,
                          name=person.name, org=chosen.org if chosen else None,
                          start=start, end=end)
        if info.earlier is not None:  # "Wang", after "Wang Wenbin" earlier in the document
            return info.earlier
        if info.orgs and not _names_country(info, head) and not _owner_country(info, head):
            # not "NATO-member Norway", not "India's G20 Presidency"
            org = kb.organisations[info.orgs[0][1]]
            code = org.code
            if country and code in {"IGO", "NGO"} and not org.org:
                code = country
            return Entity(code=code, sector=org.sector or sector, entity_text=text,
                          office=office, org=org.org or org.name, start=start, end=end)
        if info.unknown_persons:
            name = info.unknown_persons[0].text
            known = ctx.by_name(name)
            if known and not country:
                return known
            if country or title:
                home = country or (ctx.country_for_title(title.title) if title else None)
                if home:
                    return Entity(code=home, sector=sector, entity_text=text, office=office,
                                  name=name, start=start, end=end)
            return known
        if country:
            if institution and institution.country:
                country = institution.country
            if sector is None and info.countries[0][2] in _GOV_SEAT:
                sector = "GOV"
            if _other_body(info):  # "President of the Italian Episcopal Conference"
                return Entity(code=country, entity_text=text, office=office,
                              start=start, end=end)
            holder = kb.holder(country, title.title, day) if title else None
            return Entity(code=country, sector=sector, entity_text=text, office=office,
                          name=holder.name if holder else None, start=start, end=end)
        if institution and institution.country:
            return Entity(code=institution.country, sector=institution.sector, entity_text=text,
                          start=start, end=end)
        if title:
            ref = ctx.by_title(title.title)
            if ref is not None:
                return ref
            if institution:
                home = ctx.country_for_institution()
                if home:
                    return Entity(code=home, sector=institution.sector, entity_text=text,
                                  office=office, start=start, end=end)
            elif ctx.home and not info.unknown_persons:
                # "The President spoke today with ...", on a government's own site: its office
                # holder, if that country has such an office on the day
                holder = kb.holder(ctx.home, title.title, day)
                if holder is not None:
                    return Entity(code=ctx.home, sector=title.sector, entity_text=text,
                                  office=office, name=holder.name, start=start, end=end)
        return None

    def _authors(self, we: Token, ctx: DocContext) -> list[Entity]:
        """Who "we" are: the parties a joint statement lists ("We, the leaders of the
        European Commission, France ..."), remembered for the rest of the document; else
        the government that publishes it; else the document's pair."""
        listed = [c for c in we.children if c.dep_ == "appos"]
        found: list[Entity] = []
        for c in listed:
            found.extend(e for e in self.resolve(c, ctx_day(ctx), ctx) if e.code != "UNK")
        if found:
            ctx.authors = tuple(found)
        if ctx.authors:
            return list(ctx.authors)
        if ctx.home:
            return [Entity(code=ctx.home, sector="GOV", start=-1, end=-1)]
        return list(ctx.pair())

    def _from_context(self, head: Token, lower: str, ctx: DocContext) -> list[Entity] | None:
        """Pronouns, "the two leaders", "his host", surnames of people named earlier."""
        word = head.lower_
        speaker = _reporting_subject(head)
        if speaker is not None:  # "the rebels said they would ...", "Nigeria said it will ..."
            found = self.resolve(speaker, ctx_day(ctx), ctx)
            # one person named is never "they" ("they should consider ..., said Trong": the
            # two countries he speaks of)
            if found and not (word == "they" and len(found) == 1 and found[0].name):
                return found
        if word in _PRONOUNS and head.pos_ == "PRON":
            ent = ctx.last_person()
            return [ent] if ent else []
        if word in _FIRST_PLURAL and head.pos_ == "PRON":
            return self._authors(head, ctx)
        antecedent = _antecedent(head)
        if antecedent is not None:  # "a task force that will ...": the task force's parties
            return self.resolve(antecedent, ctx_day(ctx), ctx)
        if lower in _PLURAL_PAIR or word in {"they"} or "two" in lower.split() \
                or lower.startswith("both") or _names_the_pair(head):
            return list(ctx.pair())
        if word == "host" or word == "guest" or word == "counterpart":
            ent = ctx.other_party()
            return [ent] if ent else []
        if head.ent_type_ == "PERSON" or head.pos_ == "PROPN":
            ent = ctx.by_name(head.text)
            return [ent] if ent else []
        return []


_FIRST_PLURAL = {"we", "us", "our", "ours"}


def ctx_day(ctx: DocContext) -> dt.date | None:
    return ctx.day


# verbs whose subject speaks the sentences that follow ("An FCDO spokesperson said:")
_SAYING = frozenset({"say", "add", "state", "tell", "declare", "stress", "note", "write",
                     "warn", "reiterate", "emphasize", "emphasise", "underline"})


def _reporting_subject(pron: Token) -> Token | None:
    """The subject of the verb that reports the clause a pronoun is subject of."""
    # "I" too: "Trong said, I am glad to talk with Xi" (a quoted message) is Trong's
    if pron.pos_ != "PRON" or pron.lower_ not in {"they", "it", "he", "she", "we", "i"}:
        return None
    if pron.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    clause = pron.head
    if clause.dep_ not in {"ccomp", "xcomp", "advcl"}:
        return None
    # up from the reported clause to the reporting verb: "X said ...", "X was quoted as
    # saying ...", "X told reporters that ..."
    verb = clause.head
    for _ in range(4):
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i != pron.i and c.pos_ in {"PROPN", "NOUN"}:
                return c
        if verb.dep_ not in {"pcomp", "pobj", "prep", "advcl", "xcomp"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _names_the_pair(head: Token) -> bool:
    """A plural that stands for the document's two parties: "both officials", "the two
    ministers", "each side", or a bare group noun ("the leaders", "Presidents", "the national
    security advisors")."""
    words = {c.lower_ for c in head.children if c.dep_ in {"det", "predet", "nummod"}}
    if words & _PAIR_WORDS:
        return True
    if head.tag_ not in {"NNS", "NNPS"}:
        return False
    # "the foreign ministers", "the national security advisors": a group noun whose words
    # name no one ("Administration officials", "Embassy officials" are one side's)
    return head.lower_ in _GROUP and not any(
        c.dep_ in {"compound", "amod"} and (c.pos_ == "PROPN" or _body_word(c))
        for c in head.children)


def _body_word(tok: Token) -> bool:
    """A word inside a knowledge-base name of a body (an agent, institution or organisation)."""
    return any(s.start <= tok.i < s.end and s.label_ in {"agent", "institution", "org"}
               for s in kb_spans(tok.doc, max(0, tok.i - 4), tok.i + 1))


def _antecedent(pron: Token) -> Token | None:
    """The noun a relative pronoun stands for ("a task force that will ensure ...", "King
    Salman, whom Modi thanked", "the leaders with whom he spoke"): the word its clause
    modifies."""
    if pron.lower_ not in _RELATIVE or pron.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj"}:
        return None
    clause = pron.head.head if pron.dep_ == "pobj" else pron.head
    if clause.dep_ != "relcl" or clause.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return clause.head


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok, *_named_of(tok)]
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
        elif child.dep_ == "appos":  # "Biden, Jr. and President Sánchez"
            out.extend(c for g in _conjuncts(child)[1:] for c in [g])
    return out


def _named_of(noun: Token) -> list[Token]:
    """The further countries of a common noun's "of" phrase ("the defense of Japan and the
    ROK", "the sovereignty of Ukraine and Moldova"): each is a party of its own, as if the
    noun were repeated. The first stays with the noun; names only the knowledge base places
    as a country count (not "the Ministry of Industry and Trade"). Not for people or bodies
    ("the presidents of the United States, Kazakhstan and ...", "the leaders of"): how a
    list of authors is read is theirs to settle."""
    if noun.pos_ != "NOUN" or noun.lower_ in _GROUP or any(
            s.label_ in {"title", "agent", "institution", "org"} and s.start <= noun.i < s.end
            for s in kb_spans(noun.doc, max(0, noun.i - 4), noun.i + 1)):
        return []
    out: list[Token] = []
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or not _a_country(obj):
                continue
            out.extend(c for c in obj.subtree if c.dep_ == "conj" and c.head.dep_ in
                       {"pobj", "conj"} and _a_country(c))
    return out


def _a_country(tok: Token) -> bool:
    return any(s.label_ in COUNTRY_KINDS and s.start <= tok.i < s.end
               for s in kb_spans(tok.doc, max(0, tok.i - 4), tok.i + 1))


def _phrase_tokens(head: Token) -> list[Token]:
    """Tokens of the noun phrase headed by ``head`` without its conjuncts and clauses.
    "of"/"from" phrases belong to it ("Prime Minister Ishiba of Japan"); so does "in" +
    a proper noun for groups and plurals ("protesters in Nairobi", "targets in Lebanon")."""
    out = [head]
    stack = [c for c in head.children if c.dep_ in _INNER and c.dep_ not in {"conj", "cc"}]
    while stack:
        tok = stack.pop()
        if tok.dep_ == "prep" and tok.lower_ not in {"of", "from"} and not (
                tok.lower_ in {"in", "at"} and tok.head.i == head.i and head.pos_ == "NOUN"
                and any(g.pos_ == "PROPN" for g in tok.children)) and not _staff_of(tok):
            continue
        out.append(tok)
        for c in tok.children:
            if c.dep_ in _INNER and c.dep_ not in {"conj", "cc"} or (
                tok.dep_ == "pobj" and c.dep_ in {"conj", "cc"}):
                stack.append(c)
        if tok.lower_ in _STAFF and tok.i + 1 < len(tok.doc):
            # the parse often hangs "to the Prime Minister of Italy" on the verb
            nxt = tok.doc[tok.i + 1]
            if nxt.lower_ == "to" and nxt.dep_ == "prep" and nxt.head.i != tok.i and any(
                    c.dep_ == "pobj" and c.pos_ == "PROPN" for c in nxt.children):
                out.extend(nxt.subtree)
    return sorted(set(out), key=lambda t: t.i)


def _staff_of(prep: Token) -> bool:
    return prep.lower_ == "to" and (prep.head.lower_ in _STAFF or prep.i > 0
                                    and prep.doc[prep.i - 1].lower_ in _STAFF)


def _staff_tokens(tokens: list[Token]) -> set[int]:
    """Token indices inside a "to" phrase of a staff noun (see ``_STAFF``)."""
    out: set[int] = set()
    for t in tokens:
        if t.dep_ == "prep" and _staff_of(t):
            out.update(x.i for x in t.subtree)
    return out


def _best_country(info: PhraseInfo) -> str | None:
    """Prefer a country named with "of" (Ishiba of Japan) or as adjective, over a place."""
    if not info.countries:
        return None
    order = {"adjective": 0, "country": 1, "capital": 2, "seat": 3, "place": 4}
    best = sorted(info.countries, key=lambda c: (order.get(c[2], 9), c[0].start))
    return best[0][1]


def _names_country(info: PhraseInfo, head: Token) -> bool:
    """The phrase's head is a country's name; organisations only qualify it."""
    return any(kind == "country" and span.start <= head.i < span.end
               for span, _code, kind in info.countries) and not any(
        span.start <= head.i < span.end for span, _key in info.orgs)


def _owner_country(info: PhraseInfo, head: Token) -> bool:
    """A country is the possessor of the phrase's head, which an organisation only qualifies:
    "India's G20 Presidency", "the UAE's leadership of the Quad" are the country's."""
    if any(span.start <= head.i < span.end for span, _key in info.orgs):
        return False
    return any(kind in {"country", "capital"} and span.root.dep_ == "poss"
               and span.root.head.i == head.i for span, _code, kind in info.countries)


def _other_body(info: PhraseInfo) -> bool:
    """The title's "of" names a body the knowledge base does not know, which the country
    adjective only qualifies ("President of the Italian Episcopal Conference"): the office is
    not the country's, so neither its holder nor a branch of government follows."""
    if not info.titles or info.institutions or info.orgs:
        return False
    span, _code, kind = info.countries[0]
    body = span.root.head
    return (kind == "adjective" and body.dep_ == "pobj" and body.head.lower_ == "of"
            and body.pos_ in {"NOUN", "PROPN"} and body.i >= span.end)


def _only_titles(info: PhraseInfo) -> bool:
    return bool(info.titles or info.institutions) and not (
        info.persons or info.unknown_persons or info.countries or info.orgs)


def _name_word(tok: Token) -> bool:
    """A capitalised word of a name ("Jian" of "Li Jian")."""
    return tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha and tok.ent_type_ == "PERSON"


def _covered(ent: Span, doc: Doc) -> bool:
    return any(s.start <= ent.start and ent.end <= s.end
               for s in kb_spans(doc, max(0, ent.start - 12), ent.start + 1)
               if s.label_ in {"person", "org", "country", "place"})


def _dedupe(ents: list[Entity]) -> list[Entity]:
    seen: set[tuple[str, str | None, str | None]] = set()
    out = []
    for e in ents:
        key = (e.code, e.name, e.sector)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _earlier_full_mention(word: str, ctx: DocContext) -> Entity | None:
    """The last person of the document whose full name (two words or more) has ``word`` as a
    word, spellings folded ("Kono" finds "Taro Kōno")."""
    want = fold(word).lower()
    for ent in reversed(ctx.seen):
        if ent.name:
            words = fold(ent.name).lower().replace("-", " ").split()
            if len(words) > 1 and want in words:
                return ent
    return None


def _office_distance(kb: KnowledgeBase, key: int, day: dt.date | None) -> tuple[int, int, int]:
    """How far a person's offices lie from ``day``, in days (0: in office); without a day,
    0 for a person in office today. Then the rank of the most senior office held (a premier
    before a minister of the same name), then the knowledge base's order."""
    offices = kb.people[key].offices
    rank = min((OFFICE_RANK.get(o.office, 9) for o in offices
                if (o.holds_on(day) if day else o.end is None)), default=9)
    if day is None:
        return (0 if any(o.end is None for o in offices) else 1, rank, key)
    gaps = [(o.start - day).days if o.start and o.start > day else
            (day - o.end).days if o.end and o.end < day else 0 for o in offices]
    return (min(gaps, default=1 << 30), rank, key)


def _gloss(span: Span) -> bool:
    """A party's word in brackets after another name ("the Homeland Union (Conservatives)")
    says what that party is, not which: the name before it decides. An acronym in brackets
    ("the Kurdistan Workers' Party (PKK)") is the name itself."""
    doc = span.doc
    root = span.root
    return (root.dep_ == "appos" and root.head.pos_ == "PROPN" and span.start > 0
            and doc[span.start - 1].text == "(" and not span.text.isupper())
