"""End-to-end coding: the seed articles, a readout sample, output schema, pickling."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pytest

from conftest import score
from dyads.models import Document, Failure
from dyads.output import write_results

pytestmark = pytest.mark.model


def _code_gold(coder, gold_dir: Path, out: Path, limit: int | None = None) -> Path:
    docs = []
    for line in (gold_dir / "docs.jsonl").read_text(encoding="utf-8").splitlines()[:limit]:
        rec = json.loads(line)
        published = dt.date.fromisoformat(rec["published"]) if rec.get("published") else None
        docs.append(Document(rec["id"], rec["text"], published=published))
    with out.open("w", encoding="utf-8") as fh:
        write_results(coder.code_documents(docs), fh)
    return out


def test_seed_articles_yield_every_expected_event(coder, shared, tmp_path) -> None:
    pred = _code_gold(coder, shared / "gold" / "seeds", tmp_path / "pred.jsonl")
    assert score(shared / "gold" / "seeds", pred)["expect"]["found"] == 1.0


def test_seed_actors_resolve_as_listed(coder, shared) -> None:
    """../shared/gold/seeds/README.md: Xi (CHN), Trong (VNM, GOV/PTY), Ngan (VNM, LEG),
    Tran Dai Quang (VNM, GOV, President in 2017)."""
    lines = (shared / "gold" / "seeds" / "docs.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(x) for x in lines]
    seen: dict[str, set[tuple[str, str | None]]] = {}
    for result in coder.code_documents(Document(d["id"], d["text"]) for d in docs):
        assert not isinstance(result, Failure)
        for ev in result.events:
            for ent in ev.actor + ev.recipient:
                if ent.name:
                    seen.setdefault(ent.name, set()).add((ent.code, ent.sector))
    assert {c for c, _ in seen["Xi Jinping"]} == {"CHN"}
    assert {s for _, s in seen["Nguyen Phu Trong"]} <= {"GOV", "PTY"}
    assert ("VNM", "LEG") in seen["Nguyen Thi Kim Ngan"]
    assert ("VNM", "GOV") in seen["Tran Dai Quang"]


def test_readout_sample(coder, shared, tmp_path) -> None:
    """The first 60 readouts: the headline call or meeting is found, dated and not confused
    with third countries (the full set is measured in the issue notes)."""
    gold_dir = shared / "gold" / "readouts-dev"
    sub = tmp_path / "gold"
    sub.mkdir()
    lines = (gold_dir / "docs.jsonl").read_text(encoding="utf-8").splitlines()[:60]
    (sub / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ids = {json.loads(x)["id"] for x in lines}
    gold = [x for x in (gold_dir / "gold.jsonl").read_text().splitlines()
            if json.loads(x)["id"] in ids]
    (sub / "gold.jsonl").write_text("\n".join(gold) + "\n", encoding="utf-8")
    report = score(sub, _code_gold(coder, sub, tmp_path / "pred.jsonl"))["readout"]
    assert report["recall"] >= 0.95
    assert report["consult_precision"] >= 0.95
    assert report["date_within_1d"] >= 0.95


SCHEMA = {
    "id": str, "doc_id": str, "date": str, "date_info": dict, "actor": list, "recipient": list,
    "event": list, "mode": list, "context": list, "event_text": list, "quad_code": int,
    "event_scale": float, "goldstein": float, "cameo": str, "modality": str, "text": str,
    "evidence": dict, "quantities": list, "confidence": float, "coder": str,
}


def test_output_schema(coder) -> None:
    text = ("Japan pledged 500 million dollars in aid to Ukraine on Monday. Canadian Prime "
            "Minister Justin Trudeau met President Biden in Washington.")
    events = coder.code(text, "2024-03-05")
    assert events
    documented = Path(__file__).parents[1].joinpath("docs", "output-schema.md").read_text()
    for ev in events:
        rec = json.loads(json.dumps(ev.to_plover()))
        for field, kind in SCHEMA.items():
            assert isinstance(rec[field], kind), field
            assert f"`{field}`" in documented, f"{field} is not documented"
        dt.date.fromisoformat(rec["date"])
        assert rec["quad_code"] in {1, 2, 3, 4}
        assert len(rec["event"]) == 1 and rec["cameo"][:2].isdigit()
        for ent in rec["actor"] + rec["recipient"]:
            assert {"code", "sector", "entity_text"} <= set(ent)
        start, end = rec["evidence"]["trigger"]
        assert text[start:end] == rec["event_text"][0]
        for s, e in rec["evidence"]["actor"]:
            assert text[s:e] in {a["entity_text"] for a in rec["actor"]}
    money = [q for ev in events for q in ev.quantities if q.kind == "money"]
    assert money and money[0].unit == "USD" and money[0].value == 500_000_000


def test_coder_pickles_without_spacy(coder) -> None:
    clone = pickle.loads(pickle.dumps(coder))
    assert clone._nlp is None
    assert [e.event for e in clone.code("France and Germany agreed to boost defence "
                                        "spending.", "2024-03-05")]


def test_no_publication_date_takes_the_year_from_the_text(coder) -> None:
    text = ("Trong held talks with Xi Jinping in Hanoi on November 12. Xi congratulated "
            "Vietnam on organising the 2017 APEC meeting.")
    events = coder.code(text)
    assert events and {e.date.date for e in events} == {dt.date(2017, 11, 12)}
    assert {e.date.source for e in events} == {"inferred"}


READOUT = ("President Biden spoke with Canadian Prime Minister Justin Trudeau yesterday. "
           "The leaders discussed the pandemic.")


def test_dates_default_to_the_publication_date_and_keep_the_stated_day(coder) -> None:
    events = coder.code(READOUT, "2021-01-23")
    assert {e.event for e in events} == {"CONSULT"}
    records = [e.to_plover() for e in events]
    assert {r["date"] for r in records} == {"2021-01-23"}
    assert {r["date_info"]["source"] for r in records} == {"published"}
    stated = {(r["date_info"]["stated"]["date"], r["date_info"]["stated"]["text"])
              for r in records}
    assert stated == {("2021-01-22", "yesterday")}


def test_text_date_policy_dates_events_by_the_day_the_text_names() -> None:
    from dyads.pipeline import Coder
    from dyads.settings import Settings

    events = Coder(Settings(dates="text")).code(READOUT, "2021-01-23")
    assert events
    assert {e.date.date for e in events} == {dt.date(2021, 1, 22)}
    assert {e.date.text for e in events} == {"yesterday"}
    assert all(e.to_plover()["date_info"]["stated"] is None for e in events)
    # a day the text does not move keeps the publication date under either policy
    same = Coder(Settings(dates="text")).code("Biden met Trudeau today.", "2021-01-23")
    assert {e.date.date for e in same} == {dt.date(2021, 1, 23)}
