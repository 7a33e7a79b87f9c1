"""Task ``event``: every event of an exhaustively annotated document (../shared/eval/ANNOTATION.md).

Gold: ``{"task": "event", "id", "doc", "quote", "event", "source", "target", "symmetric"?}``.
A record **matches** a gold event when its sentence overlaps the event's quote, one of its
types is the event's (or one of them), an actor is among ``source`` and a recipient among
``target`` (any recipient when ``target`` is empty); for a ``symmetric`` event with a target,
the reverse direction matches too. A record without a sentence span overlaps every quote.

Figures, as the reference scorer reports them: docs (annotated documents), gold_events,
records (those of annotated documents, CAMEO 01x statements left out), precision (records that
match a gold event), recall (gold events matched by any record of their document), f1, located
(records whose sentence overlaps a quote) and type_given_located (of those, the share whose
type is one of an overlapping event's). Details: precision and recall per PLOVER type (a gold
event counts for its first type), and every miss sorted into one cause of ``CAUSES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dyads.checks.records import ByDoc, Prediction, as_list, codes_text
from dyads.checks.report import Cause, ClassScore, Figures, Miss, TaskReport, rounded, type_order
from dyads.errors import InputError

UNKNOWN = "UNK"
"""The code of an actor the coder could not resolve."""

CAUSES = (
    Cause("nothing-happened", "record in a sentence that overlaps no gold event"),
    Cause("wrong-type", "record in a gold event's sentence, none of the record's types"),
    Cause("self-dyad", "right type there, actor and recipient share a code"),
    Cause("unk-party", "right type there, no actor, or an UNK actor or recipient"),
    Cause("wrong-source", "right type there, actor none of those events' parties"),
    Cause("wrong-target", "right type and actor there, recipient wrong or missing"),
    Cause("missed-no-record", "gold event with no record in its sentence"),
    Cause("missed-other-type", "gold event, records in its sentence, none of its type"),
    Cause("missed-wrong-parties", "gold event, a record of its type there, wrong parties"),
)
"""What a miss is, tried in this order; each miss is in the first that fits. The first six are
records that match no gold event (precision), the last three gold events no record matches
(recall). "Right type there": a gold event of one of the record's types overlaps its sentence;
its parties are its sources and, for a symmetric event, its targets."""


@dataclass(frozen=True)
class EventGold:
    """One event of an exhaustively annotated document."""

    id: str
    doc: str
    quote: str
    events: tuple[str, ...]
    """Its PLOVER type, or the types any one of which is right; the first counts per type."""
    source: frozenset[str]
    target: frozenset[str]
    symmetric: bool = False
    note: str = ""
    task: str = "event"

    def describe(self) -> str:
        return (f"{'/'.join(self.events)} {codes_text(self.source)}->{codes_text(self.target)}"
                + (" (symmetric)" if self.symmetric else ""))


def parse(r: dict[str, Any]) -> EventGold:
    events = tuple(str(e) for e in as_list(r["event"]))
    if not events or not str(r["quote"]).strip():
        raise ValueError("'event' and 'quote'")
    return EventGold(str(r["id"]), str(r["doc"]), str(r["quote"]), events,
                     frozenset(map(str, as_list(r.get("source")))),
                     frozenset(map(str, as_list(r.get("target")))),
                     bool(r.get("symmetric")), str(r.get("note") or ""))


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """[start, end) of the first place ``quote`` stands in ``text``, any run of whitespace in
    either matching any run in the other; None where it is not there."""
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return found.span() if found else None


Span = tuple[int, int]


def _overlaps(p: Prediction, quote: Span) -> bool:
    return p.span is None or (p.span[0] < quote[1] and quote[0] < p.span[1])


def _typed(p: Prediction, g: EventGold) -> bool:
    return bool(p.events.intersection(g.events))


def _fits(actor: frozenset[str], recipient: frozenset[str], g: EventGold) -> bool:
    return bool(actor & g.source) and (not g.target or bool(recipient & g.target))


def _matches(p: Prediction, g: EventGold, quote: Span) -> bool:
    if not _typed(p, g) or not _overlaps(p, quote):
        return False
    return _fits(p.actor, p.recipient, g) or (
        g.symmetric and bool(g.target) and _fits(p.recipient, p.actor, g))


@dataclass
class _Tally:
    records: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0

    def score(self, label: str) -> ClassScore:
        precision, recall = self.right / max(self.records, 1), self.found / max(self.gold, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        return ClassScore(label, self.gold, self.records, precision, recall, f1)


def score(items: Sequence[EventGold], by_doc: ByDoc, texts: Mapping[str, str]) -> TaskReport:
    quotes = {g.id: _quote_span(g, texts) for g in items}
    gold_by_doc: dict[str, list[EventGold]] = {}
    for g in items:
        gold_by_doc.setdefault(g.doc, []).append(g)
    tally: dict[str, _Tally] = {}
    misses: list[Miss] = []
    records = right = located = typed = 0
    for doc in sorted(gold_by_doc):
        golds = gold_by_doc[doc]
        for n, p in enumerate(by_doc.get(doc, []), start=1):
            if p.statement:
                continue
            here = [g for g in golds if _overlaps(p, quotes[g.id])]
            ok = any(_matches(p, g, quotes[g.id]) for g in golds)
            records += 1
            right += ok
            located += bool(here)
            typed += any(_typed(p, g) for g in here)
            for e in p.events:
                t = tally.setdefault(e, _Tally())
                t.records += 1
                t.right += ok
            if not ok:
                misses.append(_spurious(p, f"{doc}:{n}", here, texts.get(doc, "")))
    found = 0
    for g in items:
        preds = by_doc.get(g.doc, [])
        hit = any(_matches(p, g, quotes[g.id]) for p in preds)
        found += hit
        t = tally.setdefault(g.events[0], _Tally())
        t.gold += 1
        t.found += hit
        if not hit:
            misses.append(_missed(g, [p for p in preds if _overlaps(p, quotes[g.id])]))
    precision, recall = right / max(records, 1), found / max(len(items), 1)
    figures: Figures = {"docs": len(gold_by_doc), "gold_events": len(items), "records": records,
                        "precision": precision, "recall": recall,
                        "f1": 2 * precision * recall / max(precision + recall, 1e-9),
                        "located": located / max(records, 1),
                        "type_given_located": typed / max(located, 1)}
    classes = tuple(t.score(label) for label, t in sorted(tally.items(),
                                                          key=lambda kv: type_order(kv[0])))
    return TaskReport("event", rounded(figures), classes, misses=tuple(misses), causes=CAUSES)


def _quote_span(g: EventGold, texts: Mapping[str, str]) -> Span:
    if g.doc not in texts:
        raise InputError(f"gold {g.id}", f"no document {g.doc!r} in docs.jsonl",
                         "add the document or correct the gold record's 'doc'")
    at = locate(texts[g.doc], g.quote)
    if at is None:
        raise InputError(f"gold {g.id}", f"its quote is not in document {g.doc}",
                         "copy the quote verbatim from the document's text")
    return at


def spurious_cause(p: Prediction, here: Iterable[EventGold]) -> str:
    """The cause of a record that matches no gold event, given the gold events its sentence
    overlaps (the first of CAUSES[:6] that fits)."""
    same_type = [g for g in here if _typed(p, g)]
    if not here:
        return "nothing-happened"
    if not same_type:
        return "wrong-type"
    if (p.actor & p.recipient) - {UNKNOWN}:
        return "self-dyad"
    if not p.actor or UNKNOWN in p.parties:
        return "unk-party"
    if not any(p.actor & (g.source | (g.target if g.symmetric else frozenset()))
               for g in same_type):
        return "wrong-source"
    return "wrong-target"


def _spurious(p: Prediction, where: str, here: Sequence[EventGold], text: str) -> Miss:
    cause = spurious_cause(p, here)
    said = f"spurious {p.describe()}" + (f" '{p.trigger}'" if p.trigger else "")
    if here:
        said += "; gold there: " + "; ".join(g.describe() for g in here[:3])
    sentence = (text[p.span[0]:p.span[1]] if p.span else p.text).strip()
    return Miss("event", where, p.doc_id, said, sentence, cause)


def missed_cause(g: EventGold, there: Sequence[Prediction]) -> str:
    """The cause of a gold event no record matches, given the records whose sentence overlaps
    its quote (the first of CAUSES[6:] that fits)."""
    if not there:
        return "missed-no-record"
    if not any(_typed(p, g) for p in there):
        return "missed-other-type"
    return "missed-wrong-parties"


def _missed(g: EventGold, there: Sequence[Prediction]) -> Miss:
    said = f"missed {g.describe()}"
    if there:
        said += "; records there: " + "; ".join(p.describe() for p in there[:3])
    return Miss("event", g.id, g.doc, said, g.quote, missed_cause(g, there))
