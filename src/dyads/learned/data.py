"""Training data for the learned layer: annotated candidate records, split by document.

An annotation file is JSON lines, one judged rule record each (the format of
``data/annotations/whitehouse-candidates.jsonl``)::

    {"cid": "wh-00012", "doc_id": "...", "marked": "[S]Japan[/S] [T]pledged[/T] ...",
     "source": ["JPN"], "target": ["UKR"], "type": "AGREE", "rule": "...",
     "label": "right|wrong_type|wrong_party|no_event", "correct_type": "AID"}

The classifier's target (:func:`target`): ``right`` → the record's ``type``; ``wrong_type`` →
``correct_type``; ``no_event`` → NONE; ``wrong_party`` → NONE by default (the record should
not be output as it stands: decision D14-2 in docs/model.md), or its type, or left out.

A penta folder (``docs.jsonl`` + ``gold.jsonl`` of five-way CAMEO classes, as
``../shared/gold/penta-train``) adds news-wire examples: the rule coder codes each sentence and
each record becomes an example (:func:`penta_target`): a record in a class-0 sentence (a plain
statement) is ``NONE``, a record whose type's quad class is the sentence's class is an event of
its type, other records are left out. It is read from its path, never copied.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from dyads.errors import DyadsError
from dyads.events.codebook import PLOVER_TYPES, QUAD
from dyads.learned.marking import event_input, parties
from dyads.learned.model import NONE
from dyads.models import Event
from dyads.normalize import normalize

LABELS: tuple[str, ...] = (NONE, *PLOVER_TYPES)
JUDGEMENTS = ("right", "wrong_type", "wrong_party", "no_event")
WrongParty = Literal["none", "type", "skip"]


class AnnotationError(DyadsError):
    hint = ("each line needs marked, type and label (right, wrong_type with correct_type, "
            "wrong_party, no_event); see docs/model.md")


@dataclass(frozen=True)
class Example:
    """One training or test example: the model input, its target label and where it came
    from (the split is by ``doc_id``)."""

    text: str
    pair: str
    label: str
    doc_id: str
    rule_type: str
    cid: str = ""


def read_annotations(path: str | Path, wrong_party: WrongParty = "none") -> list[Example]:
    """Examples from every ``*.jsonl`` annotation file under ``path`` (a file or a folder)."""
    root = Path(path)
    files = sorted(root.rglob("*.jsonl")) if root.is_dir() else [root]
    if not files or not all(f.is_file() for f in files):
        raise AnnotationError(f"{root}: no annotation files (*.jsonl)")
    out: list[Example] = []
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                label = target(record, wrong_party)
            except (ValueError, KeyError, TypeError) as exc:
                raise AnnotationError(f"{file}:{n}: {exc}") from exc
            if label is None:
                continue
            out.append(Example(record["marked"], parties(record.get("source") or [],
                                                         record.get("target") or []),
                               label, str(record.get("doc_id") or record.get("cid") or n),
                               record["type"], str(record.get("cid", ""))))
    return out


def target(record: dict[str, Any], wrong_party: WrongParty = "none") -> str | None:
    """The classifier's label of an annotated record; None to leave it out."""
    judgement = record["label"]
    if judgement == "right":
        label = record["type"]
    elif judgement == "wrong_type":
        label = record["correct_type"]
    elif judgement == "no_event":
        label = NONE
    elif judgement == "wrong_party":
        if wrong_party == "skip":
            return None
        label = NONE if wrong_party == "none" else record["type"]
    else:
        raise ValueError(f"label {judgement!r} is not one of {', '.join(JUDGEMENTS)}")
    if label not in LABELS:
        raise ValueError(f"type {label!r} is not NONE or a PLOVER type")
    return str(label)


def split_by_document(examples: Sequence[Example], test_share: float = 0.2, seed: int = 13
                      ) -> tuple[list[Example], list[Example]]:
    """Train and test examples, whole documents to one side (seeded shuffle of the sorted
    document ids), so that no sentence of a test document is trained on."""
    docs = sorted({e.doc_id for e in examples})
    random.Random(seed).shuffle(docs)
    test_docs = set(docs[:round(len(docs) * test_share)])
    train = [e for e in examples if e.doc_id not in test_docs]
    test = [e for e in examples if e.doc_id in test_docs]
    return train, test


def read_penta(folder: str | Path) -> list[tuple[str, int, str]]:
    """(sentence, five-way class, id) from a penta gold folder (docs.jsonl + gold.jsonl)."""
    root = Path(folder)
    try:
        texts = {r["id"]: r["text"] for r in _jsonl(root / "docs.jsonl")}
        return [(texts[g["id"]], int(g["label"]), g["id"]) for g in _jsonl(root / "gold.jsonl")]
    except (OSError, ValueError, KeyError) as exc:
        raise AnnotationError(f"{root}: not a penta folder ({exc})",
                              "pass a folder with docs.jsonl and gold.jsonl of task penta"
                              ) from exc


def penta_target(rule_type: str, penta_class: int) -> str | None:
    """The classifier's label of a rule record of ``rule_type`` in a penta sentence of
    ``penta_class`` (0 statement, 1 verbal cooperation … 4 material conflict); None to
    leave it out (the sentence has an event, but of another class than the record)."""
    if penta_class == 0:
        return NONE
    return rule_type if QUAD.get(rule_type) == penta_class else None


def penta_examples(rows: Sequence[tuple[str, int, str]], code: Callable[[str], list[Event]],
                   *, readings: bool = False) -> list[Example]:
    """Examples from penta sentences: ``code`` is the rule coder (text → records; the
    records' evidence offsets point into ``normalize(text)``). Each example's input is the
    record's own marked sentence (to train on); with ``readings``, what the review reads for
    it (:func:`dyads.learned.review.reading_inputs`, to tune and measure on)."""
    from dyads.learned.review import reading_inputs

    out: list[Example] = []
    for text, penta_class, sid in rows:
        normal = normalize(text)
        events = code(text)
        read = reading_inputs([(normal, events)])[0] if readings else [None] * len(events)
        for event, reading in zip(events, read, strict=True):
            label = penta_target(event.event, penta_class)
            marked = event_input(normal, event) if event.event in QUAD else None
            marked = reading or marked
            if label is None or marked is None:
                continue
            out.append(Example(marked[0], marked[1], label, sid, event.event, sid))
    return out


def split_ids(ids: Iterable[str], test_share: float = 0.2, seed: int = 13) -> set[str]:
    """The seeded test share of ``ids`` (for the penta sentences, one per document)."""
    ordered = sorted(ids)
    random.Random(seed).shuffle(ordered)
    return set(ordered[:round(len(ordered) * test_share)])


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def join_labels(candidates: str | Path, labels: Sequence[str | Path],
                annotator_names: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Annotation records: each candidate record (``cid``, ``doc_id``, ``marked``, ``type``,
    ``source``, ``target`` …) joined with its judgement from the label files (``cid``,
    ``label``, ``type`` when wrong_type, ``source``/``target`` when wrong_party, ``why``).
    Where two files judge one record, the first one wins; candidates no file judges are
    left out."""
    judged: dict[str, tuple[dict[str, Any], str]] = {}
    for k, path in enumerate(labels):
        name = annotator_names[k] if k < len(annotator_names) else Path(path).stem
        for row in _jsonl(Path(path)):
            judged.setdefault(str(row["cid"]), (row, name))
    out = []
    for cand in _jsonl(Path(candidates)):
        if cand["cid"] not in judged:
            continue
        row, name = judged[cand["cid"]]
        keep = ("cid", "doc_id", "published", "marked", "type", "cameo", "modality", "source",
                "target", "trigger", "rule")
        record: dict[str, Any] = {k: cand[k] for k in keep if k in cand}
        record.update(label=row["label"], annotator=name, why=row.get("why", ""))
        if row["label"] == "wrong_type":
            record["correct_type"] = row.get("type")
        if row["label"] == "wrong_party":
            record["correct_source"] = row.get("source")
            record["correct_target"] = row.get("target")
        out.append(record)
    return out


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Cohen's kappa of two annotators' labels of the same items."""
    n = len(first)
    if n == 0 or n != len(second):
        raise ValueError("kappa needs two equally long, non-empty label lists")
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    ca, cb = Counter(first), Counter(second)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)
