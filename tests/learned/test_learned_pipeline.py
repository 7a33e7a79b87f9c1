"""The learned layer in the pipeline: ``coder="rules"`` is the rules alone (no
``dyads_review``, no onnxruntime); a learned coder adds ``dyads_review`` last and outputs the
rules' records as it reviewed them."""

from __future__ import annotations

import pickle
import subprocess
import sys
from typing import Any

import pytest

from dyads.components import NAMES, REVIEW
from dyads.errors import DyadsError
from dyads.learned.model import EventClassifier, ModelFileError, shipped_model_dir
from dyads.learned.review import Policy, Reviewer
from dyads.models import Document
from dyads.pipeline import Coder
from dyads.settings import Settings

pytestmark = pytest.mark.model

TEXT = ("Japan pledged $500 million in aid to Ukraine on Monday. Minister Kono stated that he "
        "was greatly encouraged by the strong message issued by Australia in response to the "
        "latest missile launch by North Korea. Secretary Blinken met with Foreign Minister "
        "Wang Yi in Beijing. He also noted that he wished to ensure strict implementation of "
        "UNSC resolutions and encourage China to play a greater role in the region.")
# the rules code the wished-for "encourage China" as a REQUEST; the shipped model reads it as no
# event with p = 0.94 in this document, above the shipped drop threshold (0.93); "was encouraged
# by" is SUPPORT, which the model keeps
OTHER = ("Prime Minister Kishida spoke by telephone with President Yoon Suk Yeol. The two "
         "leaders agreed to hold a summit. They hope to improve relations in the future.")


def _records(coder: Coder, text: str = TEXT) -> list[dict[str, Any]]:
    return [e.to_plover() for e in coder.code(text, published="2024-03-05")]


@pytest.fixture(scope="module")
def rules(coder: Coder) -> list[dict[str, Any]]:
    return _records(coder)


@pytest.fixture(scope="module")
def learned() -> Coder:
    c = Coder(Settings(coder="learned"))
    c.nlp  # noqa: B018 - load once for the module
    return c


def test_the_rules_pipeline_has_no_review(coder: Coder, rules: list[dict[str, Any]]) -> None:
    assert coder.settings.coder == "rules"
    assert REVIEW not in coder.nlp.pipe_names
    assert rules and all("model" not in r["evidence"] for r in rules)


def test_the_learned_pipeline_reviews_last(learned: Coder) -> None:
    dyads = [n for n in learned.nlp.pipe_names if n in (*NAMES, REVIEW)]
    assert dyads == [*NAMES, REVIEW]
    assert learned.nlp.get_pipe_config(REVIEW)["model"] == ""


def test_a_review_that_never_acts_changes_nothing_but_the_evidence(
        learned: Coder, rules: list[dict[str, Any]]) -> None:
    stage = learned.nlp.get_pipe(REVIEW)
    tuned = stage.reviewer  # type: ignore[attr-defined]
    stage.reviewer = Reviewer(EventClassifier(), learned.codebook,  # type: ignore[attr-defined]
                              Policy(drop=2, retype=2))
    try:
        out = _records(learned)
    finally:
        stage.reviewer = tuned  # type: ignore[attr-defined]
    assert all(r["evidence"].pop("model")["type"] for r in out)
    for r in out + rules:
        r.pop("confidence")
    assert out == rules


def test_learned_records_are_reviewed_rule_records(learned: Coder,
                                                   rules: list[dict[str, Any]]) -> None:
    out = _records(learned)
    by_id = {r["id"]: r for r in rules}
    assert out and len(out) < len(rules)  # "wished to … encourage China" is no request
    for r in out:
        assert r["evidence"]["rule"] == by_id[r["id"]]["evidence"]["rule"]
        assert r["evidence"]["model"]["type"] in (r["event"][0], "NONE")
    assert any(r["event"] == ["CONSULT"] for r in out)


def test_a_mirrored_pair_is_read_once(learned: Coder) -> None:
    """D14-4: USA -> CHN and CHN -> USA of "Blinken met with Wang Yi" take one model run."""
    reviewer = learned.nlp.get_pipe(REVIEW).reviewer  # type: ignore[attr-defined]
    calls: list[int] = []
    classify = reviewer.classifier.classify

    def counting(inputs: Any) -> Any:
        calls.append(len(inputs))
        return classify(inputs)

    reviewer.classifier.classify = counting
    try:
        out = _records(learned, "Secretary Blinken met with Foreign Minister Wang Yi in Beijing.")
    finally:
        del reviewer.classifier.classify
    pair = sorted((r["actor"][0]["code"], r["recipient"][0]["code"]) for r in out)
    assert pair == [("CHN", "USA"), ("USA", "CHN")]
    assert calls == [1]
    assert out[0]["evidence"]["model"] == out[1]["evidence"]["model"]


def test_a_batch_is_reviewed_as_its_documents_one_by_one(learned: Coder) -> None:
    docs = [Document("a", TEXT, published=None), Document("b", OTHER, published=None),
            Document("c", "No event here.", published=None)]
    together = [r.events for r in learned.code_documents(docs)]  # type: ignore[union-attr]
    alone = [learned.code(d.text, doc_id=d.id) for d in docs]
    assert together == alone and together[0] and together[1] and not together[2]


def test_explain_shows_the_review(learned: Coder) -> None:
    from dyads.explain import explain

    text = explain(learned, TEXT)
    assert "rules and model (doc._.dyads_reviews):" in text
    assert "-> drop" in text and "-> keep" in text


def test_model_directory_setting_and_pickling() -> None:
    learned = Coder(Settings(coder=str(shipped_model_dir())))
    assert learned.nlp.get_pipe_config(REVIEW)["model"] == str(shipped_model_dir())
    reviewer = learned.nlp.get_pipe(REVIEW).reviewer  # type: ignore[attr-defined]
    assert reviewer.classifier.model_dir == shipped_model_dir()
    clone = pickle.loads(pickle.dumps(learned))
    assert clone._nlp is None and clone.settings == learned.settings


def test_a_rules_coder_refuses_a_pipeline_with_the_review(learned: Coder) -> None:
    with pytest.raises(DyadsError, match="learned layer"):
        Coder(Settings(), nlp=learned.nlp).nlp  # noqa: B018


def test_a_missing_model_directory_says_what_to_do(tmp_path: Any) -> None:
    with pytest.raises(ModelFileError) as info:
        Coder(Settings(coder=str(tmp_path))).nlp  # noqa: B018
    assert "model.onnx" in str(info.value) and "--coder rules" in info.value.hint


def test_the_rules_never_import_onnxruntime() -> None:
    code = ("import sys\n"
            "from dyads.pipeline import Coder\n"
            "import dyads.cli\n"
            "assert Coder().code('Japan pledged aid to Ukraine.', '2024-03-05')\n"
            "bad = [m for m in ('onnxruntime', 'tokenizers', 'torch') if m in sys.modules]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_code_with_a_missing_model_directory_exits_1_and_says_what_to_do(tmp_path: Any
                                                                          ) -> None:
    from typer.testing import CliRunner

    from dyads.cli import app

    text = tmp_path / "one.txt"
    text.write_text("Japan pledged aid to Ukraine.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(text), "-o", str(tmp_path / "out.jsonl"),
                                      "--coder", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no model.onnx" in result.output and "--coder rules" in result.output
