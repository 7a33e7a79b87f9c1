"""Commitments: pledges, targets, agreements and visits (dyads.commitments)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from dyads.commitments import extract_commitments
from dyads.models import Commitment, Document, Event


@pytest.fixture(scope="module")
def commit(coder):  # noqa: ANN001, ANN201 - a function (text, published) -> commitments
    """Code a text the way the pipeline does and extract each sentence's commitments."""
    from dyads.actors.recognize import Recognizer
    from dyads.clock import DocClock
    from dyads.normalize import normalize
    from dyads.quantities import find_quantities

    recognizer = Recognizer(coder.kb, coder.nlp)

    def run(text: str, published: str | None = "2025-03-10") -> list[Commitment]:
        day = dt.date.fromisoformat(published) if published else None
        events = coder.code(text, day, doc_id="t")
        norm = normalize(text)
        sdoc = recognizer(coder.nlp(norm))
        clock = DocClock.for_document(Document("t", text, published=day), norm)
        out: list[Commitment] = []
        seen: list[Event] = []
        for index, sent in enumerate(sdoc.sents):
            when = clock.sentence_date(sent.text)
            mine = [e for e in events if e.evidence and e.evidence.sentence == index]
            quantities = [dataclasses.replace(q, start=q.start + sent.start_char,
                                              end=q.end + sent.start_char)
                          for q in find_quantities(sent.text)]
            out += extract_commitments("t", sent, index, mine, quantities,
                                       when or clock.fallback(), context=seen)
            seen += mine
        return out

    return run


def _codes(entities: tuple) -> tuple[str, ...]:  # noqa: ANN001
    return tuple(e.code for e in entities)


def _one(found: list[Commitment], kind: str) -> Commitment:
    mine = [c for c in found if c.kind == kind]
    assert mine, f"no {kind} commitment in {[c.kind for c in found]}"
    return mine[0]


@pytest.mark.model
@pytest.mark.parametrize(("text", "kind", "actor", "recipient", "amount", "period", "deadline",
                          "purpose"), [
    ("Japan will provide a grant of 2 billion yen to Laos over five years to build rural "
     "schools.", "aid", "JPN", "LAO", (2e9, "JPY"), 5.0, None, "to build rural schools"),
    ("China pledged a loan of $1.5 billion to Pakistan to finance a power plant.", "loan",
     "CHN", "PAK", (1.5e9, "USD"), None, None, "to finance a power plant"),
    ("South Korea will invest 3 billion USD in Vietnam by 2030.", "investment", "KOR", "VNM",
     (3e9, "USD"), None, "2030-01-01", None),
    ("Vietnam and Japan set a target of raising bilateral trade to 50 billion USD by 2030.",
     "trade_target", "VNM", "JPN", (5e10, "USD"), None, "2030-01-01", None),
])
def test_money_commitments(commit, text: str, kind: str, actor: str, recipient: str,  # noqa: ANN001
                           amount: tuple[float, str], period: float | None,
                           deadline: str | None, purpose: str | None) -> None:
    c = _one(commit(text), kind)
    assert actor in _codes(c.actor)
    assert recipient in _codes(c.recipient)
    assert c.amount is not None and (c.amount.value, c.amount.unit) == amount
    assert (c.period.value if c.period else None) == period
    assert (c.deadline.date.isoformat() if c.deadline else None) == deadline
    assert c.purpose == purpose
    assert c.evidence is not None and c.evidence.rule.startswith(f"commitment:{kind}")


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "deadline"), [
    ("Vietnam and Indonesia signed the Memorandum of Understanding on Cooperation in the "
     "Digital Economy.", "Memorandum of Understanding on Cooperation in the Digital Economy", None),
    ("Vietnam and China agreed to implement the Declaration on the Conduct of Parties in the "
     "East Sea (DOC).", "Declaration on the Conduct of Parties in the East Sea (DOC)", None),
    ("Indonesia and Malaysia will negotiate a Code of Conduct in the South China Sea (COC).",
     "Code of Conduct in the South China Sea (COC)", None),
    ("Laos and China agreed to connect the “Land-Linked” strategy and the “Belt and Road” "
     "initiative.", "Belt and Road initiative", None),
    ("The ministers agreed to implement the memorandum on maritime cooperation by 2027, "
     "Vietnam said.", "memorandum on maritime cooperation", "2027-01-01"),
])
def test_agreements(commit, text: str, name: str, deadline: str | None) -> None:  # noqa: ANN001
    found = [c for c in commit(text) if c.kind == "agreement"]
    named = {c.name: c for c in found}
    assert name in named, list(named)
    c = named[name]
    assert c.actor
    assert (c.deadline.date.isoformat() if c.deadline else None) == deadline


@pytest.mark.model
@pytest.mark.parametrize(("text", "visitor", "host"), [
    ("Xi invited the Cambodian prime minister to visit Beijing next year.", "KHM", "CHN"),
    ("The Vietnamese president will pay a state visit to Japan in May.", "VNM", "JPN"),
    ("Prime Minister Modi said he welcomed the Indonesian president to pay an official visit "
     "to India soon.", "IDN", "IND"),
])
def test_visits(commit, text: str, visitor: str, host: str) -> None:  # noqa: ANN001
    c = _one(commit(text), "visit")
    assert visitor in _codes(c.actor)
    assert host in _codes(c.recipient)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Trade between the two countries reached 20 billion USD last year.",  # a fact, not a goal
    "China provided 10 million USD in aid to Laos in 2015.",  # delivered, not pledged
    "Xi Jinping Holds Telephone Talks With Leaders Of The Partnership Initiative Forum",
    "The president paid an official visit to Japan last week.",
    "Vietnam did not sign the Trans-Pacific Partnership Agreement.",
])
def test_not_commitments(commit, text: str) -> None:  # noqa: ANN001
    assert commit(text) == []


@pytest.mark.model
@pytest.mark.shared
def test_seed_004(commit, shared: Path) -> None:  # noqa: ANN001
    lines = (shared / "gold/seeds/docs.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    doc = next(d for d in docs if d["id"] == "004_485ed47412d0a292")
    found = commit(doc["text"], None)

    aid = _one(found, "aid")
    assert (_codes(aid.actor), _codes(aid.recipient)) == (("CHN",), ("VNM",))
    assert aid.amount is not None and (aid.amount.value, aid.amount.unit) == (6e8, "CNY")
    assert aid.period is not None and (aid.period.value, aid.period.unit) == (3.0, "year")
    assert aid.purpose is not None and "social security" in aid.purpose
    assert "northern localities" in aid.purpose
    assert aid.date.date == dt.date(2017, 11, 12)

    trade = _one(found, "trade_target")
    assert trade.amount is not None and (trade.amount.value, trade.amount.unit) == (1e11, "USD")
    assert trade.deadline is not None and trade.deadline.date.year == 2017
    assert {"CHN", "VNM"} <= set(_codes(trade.actor) + _codes(trade.recipient))

    vision = [c for c in found if c.kind == "agreement" and c.name
              and "joint vision on defence cooperation" in c.name]
    assert vision and vision[0].deadline is not None
    assert vision[0].deadline.date.year == 2025

    names = {c.name for c in found if c.name}
    assert "Declaration on the Conduct of Parties in the East Sea (DOC)" in names
    assert "Code of Conduct in the East Sea (COC)" in names
    for c in found:
        assert c.evidence is not None and c.text
        assert c.evidence.sentence_start <= c.evidence.trigger[0] < c.evidence.sentence_end
        json.dumps(c.to_json())
