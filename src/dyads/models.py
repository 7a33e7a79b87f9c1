"""Typed records shared by every stage of dyads.

All records are frozen dataclasses: cheap to build, hashable, picklable (Dask ships them to
workers) and easy to turn into JSON. Stages pass these records, never nested dicts.

    Document      one input article (id, text, title, publication date, url, source)
    Entity        a resolved actor: PLOVER entity object (code, sector, entity_text, office)
    Quantity      an amount found in text: money (ISO 4217), durations, people counts
    EventDate     a resolved date with its precision and where it came from
    DateMention   a date expression found in text, with its character offsets
    Place         a resolved location (PLOVER event_loc)
    Evidence      where an event came from: sentence, trigger and actor offsets, rule
    Event         one coded PLOVER event record
    Commitment    a pledge, target, agreement or planned visit, with amount and deadline
    Failure       a document that could not be read or coded, and what to do about it
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Precision = Literal["day", "week", "month", "year"]
DateSource = Literal["text", "published", "inferred", "default"]
Modality = Literal["asserted", "intended", "negated", "hypothetical", "question", "reported"]


@dataclass(frozen=True)
class Document:
    """One input article. ``id`` is the record's id or the file stem."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Entity:
    """A resolved actor, serialised as a PLOVER entity object.

    ``code`` is an ISO 3166 alpha-3 country code or a PLOVER actor code (IGO, UNO, EUR, NGO...).
    ``start``/``end`` are character offsets of the mention in the document text (-1 when the
    entity was inferred, e.g. from "both sides").
    """

    code: str
    sector: str | None = None
    entity_text: str = ""
    office: str | None = None
    name: str | None = None
    org: str | None = None
    start: int = -1
    end: int = -1

    def to_plover(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "sector": self.sector,
                               "entity_text": self.entity_text}
        if self.office:
            out["office"] = self.office
        if self.name:
            out["identifier_text"] = self.name
        if self.org:
            out["org"] = self.org
        return out


@dataclass(frozen=True)
class Quantity:
    """An amount. ``unit`` is an ISO 4217 code for money, else e.g. "year", "person"."""

    value: float
    unit: str
    text: str
    kind: Literal["money", "duration", "dead", "injured", "arrested", "people", "count"] = "money"
    start: int = -1
    end: int = -1

    def to_plover(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "text": self.text, "kind": self.kind}


@dataclass(frozen=True)
class EventDate:
    date: dt.date
    precision: Precision = "day"
    source: DateSource = "text"
    text: str | None = None


@dataclass(frozen=True)
class DateMention:
    """A date expression in text with its resolution against an anchor date."""

    text: str
    start: int
    end: int
    date: dt.date
    precision: Precision = "day"
    relative: bool = False


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None
    kind: str = "city"
    countries: tuple[str, ...] = ()
    text: str = ""
    start: int = -1
    end: int = -1

    def to_plover(self) -> dict[str, Any]:
        return {"extracted_place": self.text or self.name, "resolved_place": self.name,
                "country_code": self.country, "countries": list(self.countries),
                "feature": self.kind}


@dataclass(frozen=True)
class Evidence:
    sentence: int
    sentence_start: int
    sentence_end: int
    trigger: tuple[int, int]
    actor: tuple[tuple[int, int], ...] = ()
    recipient: tuple[tuple[int, int], ...] = ()
    rule: str = ""
    model_type: str | None = None  # the learned layer's reading (dyads.learned): type or NONE
    model_score: float | None = None  # ... and its probability

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "sentence": self.sentence, "sentence_span": [self.sentence_start, self.sentence_end],
            "trigger": list(self.trigger), "actor": [list(s) for s in self.actor],
            "recipient": [list(s) for s in self.recipient], "rule": self.rule}
        if self.model_type is not None:
            out["model"] = {"type": self.model_type, "score": self.model_score}
        return out


@dataclass(frozen=True)
class Event:
    id: str
    doc_id: str
    date: EventDate
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    event: str
    cameo: str
    mode: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    event_text: str = ""
    quad_code: int = 0
    event_scale: float = 0.0
    goldstein: float = 0.0
    text: str = ""
    evidence: Evidence | None = None
    quantities: tuple[Quantity, ...] = ()
    confidence: float = 0.5
    modality: Modality = "asserted"
    intended_date: EventDate | None = None
    event_loc: Place | None = None
    stated_date: EventDate | None = None  # the day the text names, when ``date`` is another

    def to_plover(self) -> dict[str, Any]:
        """The PLOVER JSON record (manual v2, ch. 6) with dyads' extensions."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date.date.isoformat(),
            "date_info": {"precision": self.date.precision, "source": self.date.source,
                          "text": self.date.text, "stated": _stated(self.stated_date)},
            "actor": [a.to_plover() for a in self.actor],
            "recipient": [r.to_plover() for r in self.recipient],
            "event": [self.event],
            "mode": list(self.mode),
            "context": list(self.context),
            "event_text": [self.event_text] if self.event_text else [],
            "quad_code": self.quad_code,
            "event_scale": self.event_scale,
            "goldstein": self.goldstein,
            "cameo": self.cameo,
            "modality": self.modality,
            "intended_date": self.intended_date.date.isoformat() if self.intended_date else None,
            "event_loc": self.event_loc.to_plover() if self.event_loc else None,
            "text": self.text,
            "evidence": self.evidence.to_json() if self.evidence else None,
            "quantities": [q.to_plover() for q in self.quantities],
            "confidence": round(self.confidence, 3),
            "coder": "dyads",
        }


def _stated(when: EventDate | None) -> dict[str, Any] | None:
    if when is None:
        return None
    return {"date": when.date.isoformat(), "precision": when.precision, "text": when.text}


@dataclass(frozen=True)
class Commitment:
    id: str
    doc_id: str
    kind: Literal["aid", "loan", "trade_target", "investment", "agreement", "visit", "other"]
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    date: EventDate
    text: str
    amount: Quantity | None = None
    period: Quantity | None = None
    deadline: EventDate | None = None
    purpose: str | None = None
    name: str | None = None
    evidence: Evidence | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "doc_id": self.doc_id, "kind": self.kind,
            "actor": [a.to_plover() for a in self.actor],
            "recipient": [r.to_plover() for r in self.recipient],
            "date": self.date.date.isoformat(),
            "amount": self.amount.to_plover() if self.amount else None,
            "period": self.period.to_plover() if self.period else None,
            "deadline": self.deadline.date.isoformat() if self.deadline else None,
            "purpose": self.purpose, "name": self.name, "text": self.text,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass(frozen=True)
class Failure:
    """A document (or input) that could not be read or coded."""

    doc_id: str
    source: str
    error: str
    hint: str
    kind: str = "read"

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class CodingResult:
    """What coding one document yields."""

    doc_id: str
    events: list[Event] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
