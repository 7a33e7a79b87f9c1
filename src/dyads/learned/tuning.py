"""The review thresholds and the held-out figures, on the candidates the rules make today.

The annotations judge records the rules made when they were written (main at c9f91e7); the
rules have changed since, and the review only ever sees what today's rules produce. So the
thresholds are tuned, and the held-out figures measured, on *regenerated* candidates:

    annotations → the same seeded split by document as ``dyads train`` (test / validation /
    fit) → the rules code the validation (and test) documents again from the corpus → each new
    record that matches a judged one (same document, sentence, type, source and target codes:
    the key of scripts/annotations-check) takes its judgement; new records no one judged are
    counted and left out → the model reads each one's marked sentence → thresholds tuned on the
    validation side (:func:`tune_policy`, decision D14-1), figures on the test side
    (:func:`figures`).

Penta sentences (``--penta``) are split by sentence with the same seeds and coded by the rules
of the day in any case (:func:`penta_sets`). ``dyads tune MODEL`` does this for a trained model
and writes the policy into its model.json; ``dyads train --corpus`` does it as its last step.
Nothing here reads a dev gold set.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyads.errors import DyadsError
from dyads.learned.data import (
    AnnotationError,
    Example,
    WrongParty,
    penta_examples,
    read_annotations,
    read_penta,
    split_by_document,
    split_ids,
    target,
)
from dyads.learned.model import NONE, EventClassifier, Verdict
from dyads.learned.review import Policy, decide, reading_inputs
from dyads.models import Event

if TYPE_CHECKING:
    from dyads.pipeline import Coder

PentaRows = list[tuple[str, int, str]]
Key = tuple[str, str, tuple[str, ...], tuple[str, ...]]

# ---- review thresholds ---------------------------------------------------------------------

GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99)
NEVER = 1.01


def tune_policy(groups: dict[str, list[tuple[Example, Verdict]]], target: float = 0.9,
                min_count: int = 5) -> tuple[Policy, dict[str, Any]]:
    """Review thresholds from validation records (never from a dev gold set).

    drop: the lowest threshold of GRID at which (and at every higher one), in *every*
    group, at least ``target`` of the records the review would drop are not right as the
    rules made them (their label is not the rule's type: no event, a wrong party, decision
    D14-2, or a wrong type), with at least ``min_count`` drops in all. A wrong-type record
    counts as a right drop since session 4: the scorer counts it as a false record, and the
    review can remove it only by dropping it (it retypes only above ``retype``; the shipped
    policy never retypes). Until session 3 only NONE counted, so a drop of a wrong-type
    record weighed like a drop of a right one. retype: the lowest at which, over all
    groups, at least ``target`` of the retyped records take their right type, with
    ``min_count`` of them. Where no threshold qualifies the policy
    never drops (or never retypes): the review then cannot make the rules' output worse
    on records like the validation ones."""
    def drops(t: float, rows: list[tuple[Example, Verdict]]) -> tuple[int, int]:
        hit = [e for e, v in rows if v.label == NONE and v.score >= t]
        return sum(e.label != e.rule_type for e in hit), len(hit)

    def retypes(t: float) -> tuple[int, int]:
        hit = [(e, v.label) for rows in groups.values() for e, v in rows
               if v.label not in (NONE, e.rule_type) and v.score >= t]
        return sum(e.label == label for e, label in hit), len(hit)

    table: dict[str, Any] = {}
    drop = NEVER
    for t in sorted(GRID, reverse=True):
        counts = {name: drops(t, rows) for name, rows in groups.items()}
        table[f"drop {t}"] = {name: f"{right}/{n}" for name, (right, n) in counts.items()}
        if not all(n == 0 or right >= target * n for right, n in counts.values()):
            break
        if sum(n for _, n in counts.values()) >= min_count:
            drop = t
    retype = NEVER
    for t in sorted(GRID, reverse=True):
        right, n = retypes(t)
        table[f"retype {t}"] = f"{right}/{n}"
        if n and right < target * n:
            break
        if n >= min_count:
            retype = t
    return Policy(drop=drop, retype=retype), table


def reviewed_label(rule_type: str, verdict: Verdict, policy: Policy) -> str:
    """The label a record ends with after review: NONE when dropped."""
    action = decide(rule_type, verdict, policy)
    return {"drop": NONE, "retype": verdict.label}.get(action, rule_type)


def figures(verdicts: Sequence[Verdict], test_set: Sequence[Example], policy: Policy
            ) -> dict[str, Any]:
    """Held-out accuracy, overall and per gold label, of the rules (the record's own type),
    the model's reading, and the reviewed record (model with the review thresholds)."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for example, verdict in zip(test_set, verdicts, strict=True):
        guesses = {"rules": example.rule_type, "model": verdict.label,
                   "reviewed": reviewed_label(example.rule_type, verdict, policy)}
        per[example.label]["n"] += 1
        total["n"] += 1
        for name, guess in guesses.items():
            per[example.label][name] += guess == example.label
            total[name] += guess == example.label
    names = ("rules", "model", "reviewed")
    return {"accuracy": {k: round(total[k] / max(total["n"], 1), 4) for k in names},
            "per_type": {label: {"n": c["n"], **{k: round(c[k] / c["n"], 3) for k in names}}
                         for label, c in sorted(per.items())},
            "test_records": total["n"]}


def classify(classifier: EventClassifier, examples: Sequence[Example]) -> list[Verdict]:
    return classifier.classify([(e.text, e.pair) for e in examples])


# ---- splits --------------------------------------------------------------------------------

def annotation_split(examples: Sequence[Example], test_share: float, val_share: float,
                     seed: int) -> tuple[list[Example], list[Example], list[Example]]:
    """fit, validation and test examples: whole documents to one side (``dyads train``'s
    split: test first with ``seed``, then validation from the rest with ``seed + 1``)."""
    rest, test = split_by_document(examples, test_share, seed)
    fit, val = split_by_document(rest, val_share, seed + 1)
    return fit, val, test


def penta_split(folder: Path | None, test_share: float, val_share: float, seed: int
                ) -> dict[str, PentaRows]:
    """The penta sentences split by sentence: test (``test_share``), then validation
    (``val_share`` of the rest) and fit: the same seeds as the documents' split."""
    if folder is None:
        return {"fit": [], "val": [], "test": []}
    rows = read_penta(folder)
    test_ids = split_ids([r[2] for r in rows], test_share, seed)
    rest = [r for r in rows if r[2] not in test_ids]
    val_ids = split_ids([r[2] for r in rest], val_share, seed + 1)
    return {"fit": [r for r in rest if r[2] not in val_ids],
            "val": [r for r in rest if r[2] in val_ids],
            "test": [r for r in rows if r[2] in test_ids]}


def penta_sets(penta: dict[str, PentaRows], coder: Coder | None = None
               ) -> dict[str, list[Example]]:
    """The rule records of the penta sentences as examples, per side of the split: on the
    fit side each record's own input, elsewhere what the review reads for it."""
    if not any(penta.values()):
        return {k: [] for k in penta}
    coder = coder or _rules_coder()
    return {k: penta_examples(rows, lambda text: coder.code(text, "2000-01-01", "penta"),
                              readings=k != "fit")
            for k, rows in penta.items()}


# ---- regenerated candidates ----------------------------------------------------------------

def judged_key(sentence: str, event: str, source: Iterable[str], target_: Iterable[str]) -> Key:
    """What makes a record the one an annotator judged (scripts/annotations-check): its
    sentence (letters and digits, marks removed), type, source and target codes."""
    plain = re.sub(r"[^a-z0-9]+", "", re.sub(r"\[/?[TSR]\]", "", sentence).lower())
    return plain, event, tuple(sorted(set(source))), tuple(sorted(set(target_)))


@dataclass(frozen=True)
class Judged:
    """An annotated record: its cid, the annotator's judgement and the classifier's label."""

    cid: str
    judgement: str
    label: str


def read_judged(path: str | Path, wrong_party: WrongParty = "none"
                ) -> dict[str, dict[Key, Judged]]:
    """The judged records of the annotation files under ``path``, per document, by key (the
    first of two records with one key wins)."""
    root = Path(path)
    files = sorted(root.rglob("*.jsonl")) if root.is_dir() else [root]
    out: dict[str, dict[Key, Judged]] = defaultdict(dict)
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                label = target(record, wrong_party)
                key = judged_key(record["marked"], record["type"], record.get("source") or [],
                                 record.get("target") or [])
            except (ValueError, KeyError, TypeError) as exc:
                raise AnnotationError(f"{file}:{n}: {exc}") from exc
            if label is not None:
                doc = str(record.get("doc_id") or record.get("cid") or n)
                out[doc].setdefault(key, Judged(str(record.get("cid", n)), record["label"],
                                                label))
    return out


@dataclass
class Regenerated:
    """Today's rule records of some annotated documents that match a judged record, as
    examples, with the judgement of each (by cid) and how many records matched none."""

    examples: list[Example] = field(default_factory=list)
    judgements: dict[str, str] = field(default_factory=dict)
    records: int = 0
    unjudged: int = 0
    documents: int = 0
    missing_documents: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        return {"documents": self.documents, "records": self.records,
                "matched": len(self.examples), "unjudged": self.unjudged,
                "missing_documents": len(self.missing_documents)}


def match_records(text: str, events: Sequence[Event], judged: dict[Key, Judged],
                  doc_id: str) -> tuple[list[tuple[Example, Judged]], int]:
    """The records of one document (coded from its normalised ``text``) that match a
    judged record, as examples; and how many PLOVER records matched none. A judged record
    with no target matches a record with any (the annotation guide: right with any). An
    example's input is what the review reads for the record (:func:`reading_inputs`: the
    mirror of an earlier record reads that record's input), so thresholds are tuned on the
    readings the review acts on."""
    found: list[tuple[Example, Judged]] = []
    unjudged = 0
    for ev, marked in zip(events, reading_inputs([(text, events)])[0], strict=True):
        if marked is None:
            continue
        source = [a.code for a in ev.actor]
        key = judged_key(ev.text, ev.event, source, [r.code for r in ev.recipient])
        hit = judged.get(key) or judged.get(judged_key(ev.text, ev.event, source, []))
        if hit is None:
            unjudged += 1
            continue
        found.append((Example(marked[0], marked[1], hit.label, doc_id, ev.event, hit.cid), hit))
    return found, unjudged


def regenerate(doc_ids: Iterable[str], judged: dict[str, dict[Key, Judged]], corpus: Path,
               coder: Coder | None = None) -> Regenerated:
    """Code the documents ``doc_ids`` of ``corpus`` (files named by their id, e.g. the White
    House readouts as ``../shared/corpus/whitehouse``) with today's rules and match their
    records to the judged ones."""
    from dyads.models import CodingResult, Document
    from dyads.normalize import normalize
    from dyads.readers import read_inputs

    wanted = sorted(set(doc_ids))
    files = {p.stem: p for p in sorted(corpus.rglob("*")) if p.is_file() and p.stem in wanted}
    out = Regenerated(missing_documents=[d for d in wanted if d not in files])
    if not files:
        raise DyadsError(f"{corpus}: none of the {len(wanted)} annotated documents is there",
                         "pass the folder of the annotated texts, e.g. "
                         "../shared/corpus/whitehouse")
    docs = [d for d in read_inputs([str(files[d]) for d in wanted if d in files])
            if isinstance(d, Document)]
    texts = {d.id: normalize(d.text) for d in docs}
    coder = coder or _rules_coder()
    for result in coder.code_documents(docs):
        if not isinstance(result, CodingResult) or result.doc_id not in texts:
            continue
        out.documents += 1
        found, unjudged = match_records(texts[result.doc_id], result.events,
                                        judged.get(result.doc_id, {}), result.doc_id)
        out.records += len(found) + unjudged
        out.unjudged += unjudged
        for example, hit in found:
            out.examples.append(example)
            out.judgements[example.cid] = hit.judgement
    return out


def kept_by_judgement(regenerated: Regenerated, verdicts: Sequence[Verdict], policy: Policy
                      ) -> dict[str, dict[str, int]]:
    """Per judgement (right, wrong_type, wrong_party, no_event): how many of the matched
    records the rules output and how many the review keeps (as scripts/annotations-check
    counts a run)."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for example, verdict in zip(regenerated.examples, verdicts, strict=True):
        judgement = regenerated.judgements[example.cid]
        out[judgement]["rules"] += 1
        out[judgement]["learned"] += decide(example.rule_type, verdict, policy) != "drop"
    return {k: dict(v) for k, v in sorted(out.items())}


# ---- dyads tune ----------------------------------------------------------------------------

@dataclass(frozen=True)
class TuneConfig:
    """What ``dyads tune`` does: re-tune ``model``'s review thresholds on the validation
    documents of ``data`` (texts in ``corpus``) and penta sentences, as coded by today's
    rules, and measure the held-out figures; the split is ``dyads train``'s (same shares and
    seed). ``write``: store the policy and the report in the model's model.json."""

    model: Path
    data: Path
    corpus: Path
    penta: Path | None = None
    seed: int = 13
    test_share: float = 0.2
    val_share: float = 0.15
    target_precision: float = 0.9
    wrong_party: WrongParty = "none"
    write: bool = True


def tune(config: TuneConfig, log: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Tune the review policy of a model on regenerated validation candidates; returns the
    report (written with the policy to model.json when ``config.write``)."""
    classifier = EventClassifier(config.model)
    before = Policy.of(classifier.meta)
    examples = read_annotations(config.data, config.wrong_party)
    _, val, test = annotation_split(examples, config.test_share, config.val_share, config.seed)
    judged = read_judged(config.data, config.wrong_party)
    coder = _rules_coder()
    log(f"coding {len({e.doc_id for e in val})} validation and "
        f"{len({e.doc_id for e in test})} test documents with today's rules")
    sides = {name: regenerate({e.doc_id for e in rows}, judged, config.corpus, coder)
             for name, rows in (("val", val), ("test", test))}
    split = penta_split(config.penta, config.test_share, config.val_share, config.seed)
    penta = penta_sets(split | {"fit": []}, coder)  # the fit side is not needed here
    verdicts = {name: classify(classifier, side.examples) for name, side in sides.items()}
    penta_verdicts = {name: classify(classifier, rows) for name, rows in penta.items()
                      if name != "fit"}
    groups = {"annotations": list(zip(sides["val"].examples, verdicts["val"], strict=True)),
              "penta": list(zip(penta["val"], penta_verdicts["val"], strict=True))}
    policy, table = tune_policy(groups, config.target_precision)
    log(f"policy: drop {policy.drop}, retype {policy.retype} (was {before.drop}, "
        f"{before.retype})")
    report: dict[str, Any] = {
        "policy": asdict(policy), "previous_policy": asdict(before),
        "candidates": {name: side.counts() for name, side in sides.items()}
        | {f"penta_{name}": len(rows) for name, rows in penta.items() if name != "fit"},
        "tuning": table,
        "test": figures(verdicts["test"], sides["test"].examples, policy),
        "test_previous_policy": figures(verdicts["test"], sides["test"].examples, before),
        "test_kept": kept_by_judgement(sides["test"], verdicts["test"], policy),
        "config": {k: str(v) for k, v in asdict(config).items()},
    }
    if penta["test"]:
        report["penta_test"] = figures(penta_verdicts["test"], penta["test"], policy)
    if config.write:
        meta = dict(classifier.meta)
        meta["policy"] = asdict(policy)
        meta["tuning"] = report
        (config.model / "model.json").write_text(json.dumps(meta, indent=1) + "\n",
                                                 encoding="utf-8")
    return report


def _rules_coder() -> Coder:
    from dyads.pipeline import Coder

    return Coder()
