"""Review a document's rule records with the classifier: keep, retype or drop each.

For every record with a PLOVER type and evidence, the model reads the marked sentence. Then,
by :class:`Policy`:

- ``drop``: the model's reading is ``NONE`` (no event) with probability ≥ ``drop``;
- ``retype``: the model's reading is another PLOVER type with probability ≥ ``retype``: the
  record takes that type, the type's generic CAMEO code (e.g. 040 for CONSULT), its Goldstein
  score and quad class; the rule stays in the evidence;
- ``keep``: otherwise.

Kept and retyped records carry the model's type and score in ``evidence.model_type`` /
``evidence.model_score``. Statements (CAMEO 01, no PLOVER type) pass unreviewed.

What the model reads for each record is :func:`reading_inputs`: its own marked sentence, or,
for the mirror of an earlier record of the document (B → A of an A → B meeting: same
sentence, trigger and type, source and recipient swapped), that record's input: one reading
per mirrored pair (decision D14-4 in docs/model.md). ``dyads tune`` tunes on the same
readings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dyads.events.codebook import PLOVER_TYPES, QUAD, Codebook
from dyads.learned.marking import event_input, mirror
from dyads.learned.model import NONE, EventClassifier, Verdict
from dyads.models import Event

Action = Literal["keep", "retype", "drop", "skip"]


@dataclass(frozen=True)
class Policy:
    """Thresholds on the model's probability. A model directory states its own in
    model.json (``policy``: tuned on a validation split of the training data by
    ``dyads train``, decision D14-1 in docs/model.md); a threshold above 1 means never.
    Without one, 0.5 for both: the model's reading wins only when it is more likely than
    all the others together."""

    drop: float = 0.5
    retype: float = 0.5

    @classmethod
    def of(cls, meta: dict[str, Any]) -> Policy:
        """The policy a model's model.json states, else the default."""
        stated = meta.get("policy") or {}
        return cls(drop=float(stated.get("drop", cls.drop)),
                   retype=float(stated.get("retype", cls.retype)))


@dataclass(frozen=True)
class Review:
    """What the model made of one rule record: ``event`` is the record as it leaves the
    review (None when dropped), ``rule_event`` the record the rules made."""

    rule_event: Event
    verdict: Verdict | None
    action: Action
    event: Event | None


class Reviewer:
    """Applies a classifier to the records of a document."""

    def __init__(self, classifier: EventClassifier, codebook: Codebook,
                 policy: Policy | None = None) -> None:
        self.classifier = classifier
        self.policy = policy or Policy.of(getattr(classifier, "meta", {}))
        self._generic = _generic_codes(codebook)
        self._codebook = codebook

    def review(self, text: str, events: Sequence[Event]) -> list[Review]:
        """One :class:`Review` per record of ``events``, coded from the document ``text``
        (the normalised text the evidence offsets point into)."""
        return self.review_many([(text, events)])[0]

    def review_many(self, documents: Sequence[tuple[str, Sequence[Event]]]
                    ) -> list[list[Review]]:
        """:meth:`review` of several texts (or sentences) with one call of the classifier;
        a record whose reading (:func:`reading_inputs`) repeats another's is classified
        once."""
        inputs: dict[tuple[str, str], int] = {}
        keys = reading_inputs(documents)
        for row in keys:
            for x in row:
                if x is not None:
                    inputs.setdefault(x, len(inputs))
        verdicts = self.classifier.classify(list(inputs))
        return [[self._decide(ev, None if x is None else verdicts[inputs[x]])
                 for ev, x in zip(events, row, strict=True)]
                for (_, events), row in zip(documents, keys, strict=True)]

    def apply(self, text: str, events: Sequence[Event]) -> list[Event]:
        """The records that survive review, retyped where the model is confident."""
        return [r.event for r in self.review(text, events) if r.event is not None]

    def _decide(self, event: Event, verdict: Verdict | None) -> Review:
        if verdict is None or event.evidence is None:
            return Review(event, verdict, "skip", event)
        labels = self.classifier.labels
        evidence = dataclasses.replace(event.evidence, model_type=verdict.label,
                                       model_score=round(verdict.score, 3))
        action = decide(event.event, verdict, self.policy)
        if action == "drop":
            return Review(event, verdict, "drop", None)
        if action == "retype" and verdict.label in self._generic:
            cameo = self._generic[verdict.label]
            code = self._codebook.code(cameo)
            retyped = dataclasses.replace(
                event, event=verdict.label, cameo=cameo, goldstein=code.goldstein,
                event_scale=code.goldstein, quad_code=QUAD[verdict.label],
                mode=(code.mode,) if code.mode else (), context=tuple(code.context),
                evidence=evidence, confidence=verdict.score)
            return Review(event, verdict, "retype", retyped)
        agree = verdict.prob(labels, event.event)
        kept = dataclasses.replace(event, evidence=evidence,
                                   confidence=max(event.confidence, agree)
                                   if verdict.label == event.event else event.confidence)
        return Review(event, verdict, "keep", kept)


def reading_inputs(documents: Sequence[tuple[str, Sequence[Event]]]
                   ) -> list[list[tuple[str, str] | None]]:
    """For each record of each ``(text, events)``, the input the model reads for it (None for
    a record without a PLOVER type or evidence): its own marked sentence and parties
    (:func:`~dyads.learned.marking.event_input`), except that the mirror of an earlier record
    of the call (B → A of an A → B meeting, same type) reads that record's input (decision
    D14-4: whether a meeting or a joint act took place does not depend on which party is
    marked as its source; one model run serves both). The ``dyads_review`` component passes
    one document's sentences, ``dyads tune`` one document's records: the same readings."""
    out: list[list[tuple[str, str] | None]] = []
    earlier: dict[tuple[tuple[str, str], str], tuple[str, str]] = {}
    for text, events in documents:
        row: list[tuple[str, str] | None] = []
        for ev in events:
            x = event_input(text, ev) if ev.event in PLOVER_TYPES else None
            if x is not None:
                x = earlier.get((mirror(x), ev.event), x)
                earlier.setdefault((x, ev.event), x)
            row.append(x)
        out.append(row)
    return out


def decide(rule_type: str, verdict: Verdict, policy: Policy) -> Action:
    """keep, retype or drop a record of ``rule_type`` given the model's verdict."""
    if verdict.label == NONE:
        return "drop" if verdict.score >= policy.drop else "keep"
    if verdict.label != rule_type and verdict.score >= policy.retype:
        return "retype"
    return "keep"


def _generic_codes(codebook: Codebook) -> dict[str, str]:
    """The first three-digit CAMEO code of each PLOVER type (030 for AGREE, 040 for
    CONSULT …): the code a retyped record takes."""
    out: dict[str, str] = {}
    for cameo in sorted(codebook.codes):
        event = codebook.codes[cameo].event
        if event and len(cameo) == 3 and event not in out:
            out[event] = cameo
    return out
