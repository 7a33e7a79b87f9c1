"""Commitments: pledges, targets, agreements and planned visits as records of their own.

    extract_commitments   the commitments of one sentence, given its coded events

A commitment is one of:

    aid / loan / investment   money pledged by one side to another ("China will provide a
                              non-refundable aid worth 600 million CNY in three years"), or an
                              intention to give aid without an amount (CAMEO 033x)
    trade_target              a money goal for trade ("towards the 100-billion-USD goal in 2017")
    agreement                 a named agreement or framework that the sides sign, implement,
                              negotiate or uphold: capitalised names with a keyword ("Declaration
                              on the Conduct of Parties in the East Sea (DOC)", "Code of Conduct
                              in the East Sea (COC)"), quoted or capitalised names before a
                              lower-case keyword ("Belt and Road" initiative), and lower-case
                              definite ones ("the declaration on joint vision on defence
                              cooperation by 2025"); also a signed agreement (CAMEO 057)
    visit                     a visit someone will pay or was invited to pay
    other                     money pledged in an intention that fits none of the above

Who commits to whom comes from the sentence's events (the one whose trigger is nearest the
commitment, intentions first); a sentence with no event takes the countries it names, else
the dyad of the latest event of the document (``context``): "He also referred to ... the
100-billion-USD goal" continues the talks of the sentence before. An invitation ("invited the
Cambodian prime minister to visit Beijing") makes the invitee the visitor and the host the
recipient.

Each record has the amount (a money Quantity), the period (a duration: "in three years"), the
deadline ("by 2025", "in 2017" as a target year, "next year" for a visit), the purpose (the
"to ..." clause after the amount: "to improve social security in Vietnam's northern
localities"), the name of an agreement, and evidence (the sentence and the cue's offsets).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from dyads.actors.recognize import COUNTRY_KINDS, SPAN_KEY, kb_spans
from dyads.dates import find_dates
from dyads.models import Commitment, DateMention, Entity, Event, EventDate, Evidence, Quantity
from dyads.nlp import doc_text, span_text, words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Kind = Literal["aid", "loan", "trade_target", "investment", "agreement", "visit", "other"]


# Words that say what money is for, by kind ("trade" also needs a target word).
_KIND_CUES: dict[str, frozenset[str]] = {
    "loan": frozenset({"loan", "loans", "lend", "lending", "credit", "credits", "borrow"}),
    "investment": frozenset({"invest", "investment", "investments", "investor", "fdi"}),
    "aid": frozenset({"aid", "assistance", "grant", "grants", "donate", "donation", "relief",
                      "non-refundable", "refundable", "funding", "fund", "support"}),
    "trade": frozenset({"trade", "turnover", "export", "exports", "import", "imports"}),
}
_TARGET_WORDS = frozenset({"target", "targets", "goal", "goals", "aim", "objective", "strive",
                           "towards", "toward"})
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "’ll"})
_PLEDGE_LEMMAS = frozenset({
    "pledge", "vow", "promise", "commit", "offer", "earmark", "allocate", "plan", "intend",
    "agree", "decide", "announce",
})
_AID_CAMEO = ("070", "071", "072", "073")  # economic, military, humanitarian aid
_INVITE_LEMMAS = frozenset({"invite", "welcome"})
_VISIT_INTENT = _INVITE_LEMMAS | {"plan", "agree", "expect", "schedule", "accept", "hope",
                                  "want", "intend", "decide", "propose", "prepare", "set",
                                  "pledge", "promise", "look"}
_VISIT_WORDS = frozenset({"visit", "tour", "trip"})
# Verbs and nouns whose object is an agreement the sides are bound to.
_BINDING = frozenset({
    "implement", "implementation", "sign", "signing", "conclude", "conclusion", "negotiate",
    "negotiation", "build", "building", "adopt", "adoption", "reach", "ratify", "ratification",
    "uphold", "abide", "honour", "honor", "respect", "carry", "finalize", "finalise", "launch",
    "join", "realize", "realise", "pursue", "connect", "promote", "agree", "support", "back",
    "endorse", "approve", "accelerate", "complete", "follow", "observe", "comply", "enforce",
    "apply", "upgrade", "extend", "renew", "establish", "elevate", "deepen", "strengthen",
})
_INSTRUMENT_NOUNS = frozenset({
    "declaration", "agreement", "treaty", "memorandum", "accord", "pact", "convention",
    "charter", "protocol", "roadmap", "framework", "vision", "initiative", "partnership",
    "statement", "plan", "programme", "program", "strategy", "arrangement", "deal", "code",
})
_NAME_PREPS = frozenset({"on", "of", "for", "concerning", "regarding", "between"})
_KEYWORD = (r"(?:Declaration|Agreement|Treaty|Memorandum|Accords?|Pact|Convention|Charter"
            r"|Protocol|Initiative|Partnership|Framework|Vision|Roadmap|Code\s+of\s+Conduct"
            r"|Joint\s+Statement|Action\s+Plan|Plan\s+of\s+Action|Programme|Program)")
# Linear time on any text: the run of capitalised words is possessive (it never gives back a
# word: connectors are lower case, names capitalised, so giving back could not help), and
# names followed by a lower-case keyword are found run by run (_cap_lower_names), never by
# retrying a search inside a run that failed.
_CAP = r"(?:[A-Z][\w’'.&-]*+|\d{4})"
_CONNECT = r"(?:of|on|the|in|for|and|to|between|among|de|du|la|&)"
_RUN = rf"{_CAP}(?:\s++(?:{_CONNECT}\s++)*+{_CAP})*+"
_ACRONYM = r"(?:\s*\((?P<acr>[A-Z][A-Za-z0-9-]{1,11})\))?"
_LOWER_KEYWORD = (r"(?P<kw>initiative|framework|agreement|treaty|declaration|partnership|vision"
                  r"|accord|pact|memorandum|strategy|plan|programme|program|roadmap)\b")
_NAMED_RE = re.compile(rf"(?P<name>{_RUN}){_ACRONYM}")
_QUOTED_RE = re.compile(rf"[“\"](?P<name>[^”\"]{{2,60}})[”\"]\s+{_LOWER_KEYWORD}")
_RUN_RE = re.compile(rf"(?P<name>{_RUN})")
_KEYWORD_AFTER_RE = re.compile(rf"\s+{_LOWER_KEYWORD}")
_KEYWORD_RE = re.compile(rf"\b{_KEYWORD}\b")
_DEADLINE_CUE = re.compile(r"^(?:by|until|till|before|through|no\s+later\s+than"
                           r"|(?:by\s+|at\s+)?the\s+end\s+of)\b", re.IGNORECASE)
_NAME_DEADLINE_REACH = 12
_PERIOD_REACH = 80  # characters between an amount and its duration


@dataclass(frozen=True)
class _Item:
    """A commitment found in a sentence, before its parties and dates are attached."""

    kind: Kind
    start: int  # document offsets of the cue: amount, name or trigger
    end: int
    rule: str
    amount: Quantity | None = None
    name: str | None = None
    visitor: tuple[int, int] | None = None  # token range of the visitor ("invited X to visit")
    host: tuple[int, int] | None = None  # token range of the destination or inviter


@dataclass(frozen=True)
class _Parties:
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]


def extract_commitments(doc_id: str, sent: Span, index: int, events: list[Event],
                        quantities: list[Quantity], when: EventDate | None, *,
                        context: Sequence[Event] = ()) -> list[Commitment]:
    """The commitments of one sentence.

    ``events`` are the events coded from ``sent``; ``quantities`` its amounts (document
    offsets; others are ignored); ``when`` the sentence's date (the statement date: a deadline
    is a date after it). ``context`` holds the document's events so far: a sentence without
    events or named countries takes the dyad of the latest one. Ids are
    ``{doc_id}-{index:04d}-c{k}``.
    """
    inside = [q for q in quantities if sent.start_char <= q.start < sent.end_char]
    items = _unique([*_money_items(sent, events, inside), *_instrument_items(sent, events),
                     *_visit_items(sent)])
    items += _event_items(sent, events, items)
    if not items:
        return []
    dates = _dates(sent, when, inside)
    out: list[Commitment] = []
    for item in items:
        parties = _parties(item, sent, events, context)
        if parties is None:
            continue
        out.append(_record(doc_id, sent, index, len(out), item, parties, inside, dates,
                           _date(when, events, context)))
    return out


# --- items -------------------------------------------------------------------------------------

def _unique(items: Iterable[_Item]) -> list[_Item]:
    seen: set[tuple[object, ...]] = set()
    out: list[_Item] = []
    for item in items:
        key = (item.kind, item.amount.value if item.amount else None,
               item.amount.unit if item.amount else None, (item.name or "").lower())
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _money_items(sent: Span, events: list[Event], quantities: list[Quantity]) -> Iterator[_Item]:
    """Amounts pledged or targeted: one item per money amount of the sentence."""
    money = [q for q in quantities if q.kind == "money"]
    if not money:
        return
    pledge = any(_pledge_event(e, sent) for e in events)
    target = any(t.lower_ in _TARGET_WORDS for t in sent)
    for q in money:
        tok = _token_at(sent, q.start)
        if tok is None:
            continue
        cue = _nearest_cue(sent, tok, trade=target)
        intended = pledge or _intended(tok)
        if cue == "trade":
            yield _Item("trade_target", q.start, q.end, "money+target", amount=q)
        elif cue in {"loan", "investment", "aid"} and (intended or target):
            yield _Item(cue, q.start, q.end, f"money+{cue}", amount=q)  # type: ignore[arg-type]
        elif intended and cue is None:
            kind: Kind = "aid" if any(e.cameo.startswith("033") or e.event == "AID"
                                      for e in events) else "other"
            yield _Item(kind, q.start, q.end, "money+intent", amount=q)


def _nearest_cue(sent: Span, tok: Token, *, trade: bool) -> str | None:
    """The kind whose cue word is nearest ``tok`` (trade only when a target is named)."""
    best: tuple[int, str] | None = None
    for t in sent:
        word = t.lower_
        for kind, cues in _KIND_CUES.items():
            if word in cues and (kind != "trade" or trade) and (
                    best is None or abs(t.i - tok.i) < best[0]):
                best = (abs(t.i - tok.i), kind)
    return best[1] if best else None


def _event_items(sent: Span, events: list[Event], found: list[_Item]) -> list[_Item]:
    """Intentions to give aid without an amount, and signed agreements without a name."""
    kinds = {i.kind for i in found}
    out: list[_Item] = []
    for e in events:
        span = _trigger(e, sent)
        if span is None:
            continue
        if (e.cameo.startswith("033") or (e.cameo.startswith(_AID_CAMEO)
                                          and _pledge_event(e, sent))) \
                and not kinds & {"aid", "loan", "investment", "other"}:
            cue = _nearest_cue(sent, span.root, trade=False)
            kind: Kind = cue if cue in {"loan", "investment"} else "aid"  # type: ignore[assignment]
            out.append(_Item(kind, span.start_char, span.end_char, f"event:{e.cameo}"))
        elif e.cameo == "057" and "agreement" not in kinds:
            out.append(_Item("agreement", span.start_char, span.end_char, "event:057"))
        else:
            continue
        kinds.add(out[-1].kind)
    return out


def _instrument_items(sent: Span, events: list[Event]) -> Iterator[_Item]:
    """Named agreements and frameworks that the sentence binds someone to."""
    if _headline(sent):
        return
    bound = any(_pledge_event(e, sent) or e.cameo == "057" for e in events)
    for start, end, name in _names(sent):
        tok = _token_at(sent, start)
        if tok is not None and (bound or _binding(tok)) and not _countries_only(sent, start, end):
            yield _Item("agreement", start, end, "named", name=name)


def _names(sent: Span) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of agreement names in ``sent``, document offsets."""
    taken: list[tuple[int, int]] = []
    yield from _pattern_names(span_text(sent), sent.start_char, taken)
    yield from _lower_names(sent, taken)


def _cap_lower_names(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, name, keyword) of "Belt and Road initiative": a run of capitalised words
    and a lower-case keyword. A search restarted inside a run ends where the run ends, so
    each run is tried once: linear time."""
    for run in _RUN_RE.finditer(text):
        kw = _KEYWORD_AFTER_RE.match(text, run.end())
        if kw is not None:
            yield run.start(), kw.end(), run["name"], kw["kw"]


def _pattern_names(text: str, base: int, taken: list[tuple[int, int]]
                   ) -> Iterator[tuple[int, int, str]]:
    """The names found by pattern: quoted, capitalised with a lower-case keyword, named."""
    for m in _QUOTED_RE.finditer(text):
        taken.append((m.start(), m.end()))
        yield base + m.start(), base + m.end(), f"{m['name'].strip()} {m['kw']}"
    for start, end, run, keyword in _cap_lower_names(text):
        if not _KEYWORD_RE.search(run) and not _taken(start, end, taken):
            name = _strip_article(run)
            taken.append((start, end))
            yield base + end - len(name) - len(keyword) - 1, base + end, f"{name} {keyword}"
    for m in _NAMED_RE.finditer(text):
        kw = _KEYWORD_RE.search(m["name"])
        if kw is None or _taken(m.start(), m.end(), taken):
            continue
        name = _strip_article(m["name"])
        start = m.start("name") + m["name"].index(name)
        end = m.end() if m["acr"] else start + len(name)
        taken.append((m.start(), m.end()))
        yield base + start, base + end, name + (f" ({m['acr']})" if m["acr"] else "")


def _lower_names(sent: Span, taken: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """"the declaration on joint vision on defence cooperation": a definite, singular
    instrument noun with an "on"/"of"/"for" phrase, up to a deadline, comma or new item."""
    base = sent.start_char
    lower = words(sent.doc).lower
    for i in range(sent.start, sent.end):
        if lower[i] not in _INSTRUMENT_NOUNS:
            continue
        tok = sent.doc[i]
        if tok.tag_ == "NNS" or not tok.is_lower:
            continue
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children):
            continue
        preps = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in _NAME_PREPS
                 and c.lower_ != "between"]
        if not preps:
            continue
        last = _name_end(tok, preps[0].right_edge)
        start, end = tok.idx, last.idx + len(last.text)
        if last.i > preps[0].i and not _taken(start - base, end - base, taken):
            yield start, end, doc_text(sent.doc)[start:end]


def _name_end(head: Token, edge: Token) -> Token:
    """The last token of a lower-case name: stop before a comma, a deadline ("by 2025"), a
    new item ("and the Declaration ..."), a clause or a party phrase ("between ...")."""
    doc = head.doc
    last = head
    for i in range(head.i + 1, min(edge.i, head.i + 16) + 1):
        t = doc[i]
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if t.is_punct and t.text not in {"-", "–"}:
            break
        if t.lower_ in {"by", "until", "before", "to", "in"} and nxt is not None and (
                nxt.like_num or nxt.ent_type_ == "DATE"):
            break
        if t.dep_ == "cc" and nxt is not None and (nxt.pos_ == "DET" or nxt.is_title):
            break
        if t.lower_ in {"between", "with", "signed", "reached", "which", "that"}:
            break
        last = t
    return last


def _visit_items(sent: Span) -> Iterator[_Item]:
    """A visit someone will pay or was invited to pay ("invited X to visit Beijing next
    year", "welcomes X to pay an official visit to China", "will visit Hanoi")."""
    lemma = words(sent.doc).lemma
    for i in range(sent.start, sent.end):
        if lemma[i] not in _VISIT_WORDS:
            continue
        tok = sent.doc[i]
        verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in {"dobj", "pobj"} else tok
        intent = _visit_intent(verb)
        if intent is None:
            continue
        invited = intent.lemma_.lower() in _INVITE_LEMMAS
        visitor = _object_range(intent) if invited else _subject_range(verb)
        host = _destination(tok, verb) or (_subject_range(intent) if invited else None)
        yield _Item("visit", tok.idx, tok.idx + len(tok.text), "visit+" + intent.lemma_.lower(),
                    visitor=visitor, host=host)


def _visit_intent(verb: Token) -> Token | None:
    """The word that makes a visit intended: the verb itself with "will", or an intention
    or invitation it depends on ("invited ... to visit", "plans to pay a visit")."""
    if any(c.lower_ in _FUTURE_AUX for c in verb.children):
        return verb
    head = verb.head
    if verb.dep_ in {"xcomp", "ccomp", "advcl", "oprd"} and head.lemma_.lower() in _VISIT_INTENT:
        return head
    if verb.dep_ in {"xcomp", "ccomp"} and any(c.lower_ in _FUTURE_AUX for c in head.children):
        return head
    return None


def _object_range(verb: Token) -> tuple[int, int] | None:
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.i > verb.i), None)
    return (obj.left_edge.i, obj.right_edge.i + 1) if obj is not None else None


def _subject_range(verb: Token) -> tuple[int, int] | None:
    tok = verb
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj.left_edge.i, subj.right_edge.i + 1
        if tok.dep_ not in {"xcomp", "conj", "ccomp"}:
            break
        tok = tok.head
    return None


def _destination(word: Token, verb: Token) -> tuple[int, int] | None:
    """"visit Beijing", "a visit to China", "pay a visit to China"."""
    for head in (word, verb):
        for c in head.children:
            if c.dep_ == "dobj" and c.i != word.i and word.pos_ == "VERB":
                return c.left_edge.i, c.right_edge.i + 1
            if c.dep_ == "prep" and c.lower_ == "to":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0].left_edge.i, objs[0].right_edge.i + 1
    return None


# --- syntax helpers ----------------------------------------------------------------------------

def _token_at(sent: Span, char: int) -> Token | None:
    span = sent.doc.char_span(char, char + 1, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _trigger(e: Event, sent: Span) -> Span | None:
    if e.evidence is None:
        return None
    start, end = e.evidence.trigger
    if not sent.start_char <= start < sent.end_char:
        return None
    return sent.doc.char_span(start, end, alignment_mode="expand")


def _pledge_event(e: Event, sent: Span) -> bool:
    """An intention or agreement (AGREE, CAMEO 03x), or an AID/COOPERATE event whose trigger
    is said with "will"/"would" or under a pledge ("vowed to provide")."""
    if e.modality == "intended" or e.event == "AGREE" or e.cameo.startswith("03"):
        return e.modality not in {"negated", "question", "hypothetical"}
    if e.event in {"AID", "COOPERATE"} and e.modality == "asserted":
        span = _trigger(e, sent)
        return span is not None and _intended(span.root)
    return False


def _intended(tok: Token) -> bool:
    """Said with "will"/"would"/"shall" or under a pledge verb, on the way to the root."""
    for _ in range(10):
        if any(c.lower_ in _FUTURE_AUX for c in tok.children) \
                or (tok.pos_ == "VERB" and tok.lemma_.lower() in _PLEDGE_LEMMAS):
            return True
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def _binding(tok: Token) -> bool:
    """An ancestor says the sides are bound by the named instrument ("implement the DOC",
    "the negotiation for ... the COC"), and it is not negated."""
    for anc in tok.ancestors:
        if any(c.dep_ == "neg" for c in anc.children):
            return False
        if anc.lemma_.lower() in _BINDING or anc.lower_ in _BINDING:
            return True
    return False


def _headline(sent: Span) -> bool:
    """A title-case line without a full stop ("Xi Jinping Holds Telephone Talks at Request
    with ..."): its capitals say nothing about names."""
    if span_text(sent).rstrip().endswith((".", "!", "?", '"', "”", ";")):
        return False
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) / len(words) > 0.6


def _countries_only(sent: Span, start: int, end: int) -> bool:
    """"Vietnam-China partnership": the capitalised part only names countries."""
    covered = [(s.start_char, s.end_char) for s in _kb_spans(sent) if s.label_ in COUNTRY_KINDS]
    caps = [t for t in sent if start <= t.idx < end and t.is_title and not t.is_lower
            and t.lower_ not in _INSTRUMENT_NOUNS]
    return bool(caps) and all(any(s <= t.idx < e for s, e in covered) for t in caps)


def _kb_spans(sent: Span) -> list[Span]:
    doc = sent.doc
    if SPAN_KEY not in doc.spans:
        return []
    return [s for s in kb_spans(doc, sent.start, sent.end) if s.end <= sent.end]


def _taken(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


def _strip_article(name: str) -> str:
    """Drop a leading article and a full stop that ends the sentence, not an abbreviation."""
    name = re.sub(r"^(?:The|This|That)\s+", "", name)
    return name[:-1] if re.search(r"[a-z]\.$", name) else name


# --- parties ---------------------------------------------------------------------------------

def _parties(item: _Item, sent: Span, events: list[Event],
             context: Sequence[Event]) -> _Parties | None:
    if item.kind == "visit":
        found = _visit_parties(item, sent, events)
        if found is not None:
            return found
    event = _nearest_event(item, sent, events)
    if event is not None:
        return _dyad(event, swap=item.rule == "visit+invite", others=events)
    named = _named_countries(sent, sent.start_char, sent.end_char)
    if named:
        return _Parties(named[:1], tuple(e for e in named[1:] if e.code != named[0].code))
    if context:
        return _dyad(_latest_dyad(context), swap=False)
    return None


def _latest_dyad(context: Sequence[Event]) -> Event:
    """The latest event between two known, different actors, else the latest event."""
    for e in reversed(context):
        codes = {a.code for a in e.actor}
        if (e.recipient and "UNK" not in codes and all(r.code not in codes | {"UNK"}
                                                         for r in e.recipient)):
            return e
    return context[-1]


def _dyad(event: Event, *, swap: bool, others: Sequence[Event] = ()) -> _Parties:
    """The event's actor and recipient; without a recipient, the other actors of the
    sentence ("The leaders set a target ...": one event per leader)."""
    recipient = event.recipient or tuple(
        {a.code: a for e in others for a in e.actor
         if all(a.code != x.code for x in event.actor)}.values())
    if swap and recipient:
        return _Parties(recipient, event.actor)
    return _Parties(event.actor, recipient)


def _nearest_event(item: _Item, sent: Span, events: list[Event]) -> Event | None:
    """The event whose trigger is nearest the item; intentions and agreements first."""
    best: tuple[int, int, Event] | None = None
    for e in events:
        span = _trigger(e, sent)
        distance = abs(span.start_char - item.start) if span is not None else 10_000
        rank = (0 if _pledge_event(e, sent) else 1, distance)
        if best is None or rank < best[:2]:
            best = (*rank, e)
    return best[2] if best else None


def _visit_parties(item: _Item, sent: Span, events: list[Event]) -> _Parties | None:
    visitor = _entities_in(sent, item.visitor, events)
    host = _entities_in(sent, item.host, events)
    host = tuple(h for h in host if all(h.code != v.code for v in visitor))
    if visitor:
        return _Parties(visitor, host)
    if host:
        event = _nearest_event(item, sent, events)
        if event is None:
            return None
        side = event.recipient if item.rule == "visit+invite" else event.actor
        side = tuple(e for e in side if all(e.code != h.code for h in host))
        return _Parties(side, host) if side else None
    return None


def _entities_in(sent: Span, tokens: tuple[int, int] | None,
                 events: list[Event]) -> tuple[Entity, ...]:
    """Entities of the sentence's events, else named countries, inside a token range."""
    if tokens is None:
        return ()
    doc = sent.doc
    start = doc[tokens[0]].idx
    end = doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)
    out: dict[str, Entity] = {}
    for e in events:
        for ent in (*e.actor, *e.recipient):
            if ent.start >= 0 and start <= ent.start < end:
                out.setdefault(ent.code, ent)
    for ent in _named_countries(sent, start, end):
        out.setdefault(ent.code, ent)
    return tuple(out.values())


def _named_countries(sent: Span, start: int, end: int) -> tuple[Entity, ...]:
    """Countries named in [start, end) by a country, adjective, capital or seat mention."""
    out: dict[str, Entity] = {}
    for span in _kb_spans(sent):
        if span.label_ in COUNTRY_KINDS and start <= span.start_char < end:
            code = span._.kb.key
            if code:
                out.setdefault(code, Entity(code=code, entity_text=span.text,
                                            start=span.start_char, end=span.end_char))
    return tuple(out.values())


# --- dates, periods, purposes ----------------------------------------------------------------

def _date(when: EventDate | None, events: list[Event], context: Sequence[Event]) -> EventDate:
    if when is not None:
        return when
    if events:
        return events[0].date
    if context:
        return context[-1].date
    return EventDate(dt.date.today(), "day", "default")


def _dates(sent: Span, when: EventDate | None, quantities: list[Quantity]) -> list[DateMention]:
    """Future dates of the sentence that can be deadlines, in document offsets; durations
    ("in three years") are periods, not deadlines."""
    anchor = when.date if when else None
    base = sent.start_char
    out: list[DateMention] = []
    for m in find_dates(span_text(sent), anchor, default_year=anchor.year if anchor else None):
        start, end = base + m.start, base + m.end
        if any(q.kind == "duration" and q.start < end and start < q.end for q in quantities):
            continue
        if _is_deadline(m, anchor):
            out.append(DateMention(m.text, start, end, m.date, m.precision, m.relative))
    return out


def _is_deadline(m: DateMention, anchor: dt.date | None) -> bool:
    if _DEADLINE_CUE.match(m.text):
        return anchor is None or m.date.year >= anchor.year
    if anchor is None:
        return m.precision != "day" and m.text.lower().startswith("in ")
    if m.date > anchor:
        return True
    return m.precision == "year" and m.date.year >= anchor.year \
        and m.text.lower().startswith("in ")


def _deadline(item: _Item, dates: list[DateMention]) -> EventDate | None:
    """The deadline nearest the item, one after it first; an agreement's must follow its
    name closely ("the declaration on ... by 2025")."""
    if item.kind == "agreement":
        dates = [d for d in dates if 0 <= d.start - item.end <= _NAME_DEADLINE_REACH]
    if not dates:
        return None
    best = min(dates, key=lambda d: (d.start < item.start, abs(d.start - item.end)))
    return EventDate(best.date, best.precision, "text", best.text)


def _period(item: _Item, quantities: list[Quantity]) -> Quantity | None:
    if item.kind in {"agreement", "visit"}:
        return None
    near = [q for q in quantities if q.kind == "duration"
            and min(abs(q.start - item.end), abs(item.start - q.end)) <= _PERIOD_REACH]
    return min(near, key=lambda q: abs(q.start - item.end), default=None)


def _purpose(item: _Item, sent: Span) -> str | None:
    """The first "to ..." purpose clause after the item ("to improve social security in
    Vietnam's northern localities"), without the sentence's final punctuation."""
    if item.kind in {"agreement", "visit", "trade_target"}:
        return None
    for tok in sent:
        if tok.idx < item.end or tok.lower_ != "to" or tok.dep_ != "aux":
            continue
        verb = tok.head
        if verb.pos_ != "VERB" or verb.dep_ not in {"xcomp", "advcl", "acl", "relcl", "ccomp"}:
            continue
        last = verb.right_edge
        while last.i > tok.i and (last.is_punct or last.is_space):
            last = last.nbor(-1)
        return doc_text(sent.doc)[tok.idx:last.idx + len(last.text)]
    return None


# --- records ----------------------------------------------------------------------------------

def _record(doc_id: str, sent: Span, index: int, k: int, item: _Item, parties: _Parties,
            quantities: list[Quantity], dates: list[DateMention], date: EventDate) -> Commitment:
    return Commitment(
        id=f"{doc_id}-{index:04d}-c{k}", doc_id=doc_id, kind=item.kind, actor=parties.actor,
        recipient=parties.recipient, date=date, text=span_text(sent).strip(), amount=item.amount,
        period=_period(item, quantities), deadline=_deadline(item, dates),
        purpose=_purpose(item, sent), name=item.name,
        evidence=Evidence(
            sentence=index, sentence_start=sent.start_char, sentence_end=sent.end_char,
            trigger=(item.start, item.end),
            actor=tuple((e.start, e.end) for e in parties.actor if e.start >= 0),
            recipient=tuple((e.start, e.end) for e in parties.recipient if e.start >= 0),
            rule=f"commitment:{item.kind}:{item.rule}"),
    )
