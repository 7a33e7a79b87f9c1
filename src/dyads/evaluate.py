"""Evaluate coded events against gold standards (docs/evaluation.md describes the formats).

    load_gold          a gold folder (docs.jsonl + gold.jsonl) or a file of PLOVER gold records
    read_predictions   a PLOVER JSON-lines file -> Predictions
    code_gold          code a gold set's documents with a Coder -> events and failures
    evaluate           a gold set and predictions -> Report (figures, per-type scores, confusion
                       matrix, misses with their sentences)
    run                the `dyads evaluate` entry point: load, code or read, evaluate
    format_report      a Report as text for the terminal

The four tasks and their figures follow the definitions of the project's reference scorer,
so both give the same numbers on the same output: ``readout`` (recall, consult_precision,
date_exact, date_within_1d, mode_given_hit), ``sentence`` (type_precision, type_recall,
type_f1, full_match), ``penta`` (accuracy, macro_f1) and ``expect`` (found). Figures are
rounded to four decimals, as there.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from dyads.errors import InputError, MalformedRecord
from dyads.events.codebook import QUAD
from dyads.models import Document, Event, Failure
from dyads.readers import read_file

if TYPE_CHECKING:
    from dyads.pipeline import Coder

RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
           "FIGHT": "ASSAULT"}
"""PLOVER 1 event types and their PLOVER 2 names."""
OLD_CODES = {"JAP": "JPN", "UK": "GBR", "ROM": "ROU", "ZAR": "COD", "GMY": "DEU", "SER": "SRB",
             "YUG": "SRB"}
"""CAMEO-era country codes and their ISO 3166 alpha-3 codes."""
PHONE_MODES = frozenset({"phone", "call", "telephone"})
VIDEO_MODES = frozenset({"video", "virtual", "videoconference"})
PENTA_NAMES = ("statement", "verbal cooperation", "material cooperation", "verbal conflict",
               "material conflict")
NOTHING = "NONE"
"""The predicted label of a gold sentence for which nothing was coded."""
DIGITS = 4
_PENTA_LAST_ROOT = (1, 5, 8, 13, 99)
"""The last CAMEO root of each five-way class: 01 | 02-05 | 06-08 | 09-13 | 14-20."""
_SPLIT_CODES = re.compile(r"[|,;\s]+")
_HINT = "see docs/evaluation.md for the gold formats"

Figures = dict[str, float | int]


# --------------------------------------------------------------------------- records


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def actor_codes(entities: Any) -> frozenset[str]:
    """Codes of entity objects or code strings: upper case, first three letters, ISO names."""
    out = set()
    for entity in _as_list(entities):
        code = entity.get("code") if isinstance(entity, dict) else entity
        if code:
            short = str(code).upper()[:3]
            out.add(OLD_CODES.get(short, short))
    return frozenset(out)


def event_types(value: Any) -> frozenset[str]:
    """PLOVER 2 type names of an ``event`` field (a string or a list)."""
    names = (str(e).upper() for e in _as_list(value))
    return frozenset(RENAMED.get(n, n) for n in names)


def mode_class(modes: Iterable[str]) -> str:
    """phone, video or in-person."""
    found = {m.lower() for m in modes}
    return "phone" if found & PHONE_MODES else "video" if found & VIDEO_MODES else "in-person"


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Prediction:
    """What the evaluation reads of one coded PLOVER record."""

    doc_id: str
    date: str
    actor: frozenset[str]
    recipient: frozenset[str]
    events: frozenset[str]
    modes: tuple[str, ...] = ()
    cameo: str = ""
    quantities: tuple[tuple[float, str], ...] = ()
    text: str = ""

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Prediction:
        return cls(doc_id=str(record.get("doc_id")), date=str(record.get("date", "")),
                   actor=actor_codes(record.get("actor")),
                   recipient=actor_codes(record.get("recipient")),
                   events=event_types(record.get("event")),
                   modes=tuple(str(m) for m in _as_list(record.get("mode"))),
                   cameo=str(record.get("cameo") or ""),
                   quantities=_quantities(record.get("quantities")),
                   text=str(record.get("text") or ""))

    @classmethod
    def from_event(cls, event: Event) -> Prediction:
        return cls.from_record(event.to_plover())

    @property
    def parties(self) -> frozenset[str]:
        return self.actor | self.recipient

    @property
    def penta(self) -> int:
        """Five-way class: from the CAMEO root when given, else the lowest PLOVER quad."""
        if self.cameo[:2].isdigit():
            root = int(self.cameo[:2])
            return next(c for c, last in enumerate(_PENTA_LAST_ROOT) if root <= last)
        quads = sorted(QUAD[e] for e in self.events if e in QUAD)
        return quads[0] if quads else 0

    def describe(self) -> str:
        return (f"{'/'.join(sorted(self.events)) or '-'} {'/'.join(sorted(self.actor)) or '-'}"
                f"->{'/'.join(sorted(self.recipient)) or '-'}")


def _quantities(value: Any) -> tuple[tuple[float, str], ...]:
    out = []
    for q in _as_list(value):
        if isinstance(q, dict):
            try:
                out.append((float(q.get("value", 0)), str(q.get("unit", "")).upper()))
            except (TypeError, ValueError):
                continue
    return tuple(out)


@dataclass(frozen=True)
class ReadoutGold:
    """The headline call or meeting of a readout."""

    id: str
    date: str
    source: str
    targets: frozenset[str]
    event: str
    mode: str
    title: str = ""
    task: str = "readout"


@dataclass(frozen=True)
class SentenceGold:
    """One coded sentence: its PLOVER type and the source and target codes."""

    id: str
    event: str
    source: frozenset[str]
    target: frozenset[str]
    task: str = "sentence"


@dataclass(frozen=True)
class PentaGold:
    """One sentence with its five-way class (0 statement ... 4 material conflict)."""

    id: str
    label: int
    task: str = "penta"


@dataclass(frozen=True)
class ExpectGold:
    """One event a document must contain; None fields are not checked."""

    id: str
    doc: str
    events: frozenset[str]
    dyad: frozenset[str] | None = None
    source: frozenset[str] | None = None
    target: frozenset[str] | None = None
    date: str | None = None
    mode: str | None = None
    amount: tuple[float, str] | None = None
    note: str = ""
    task: str = "expect"


GoldItem = ReadoutGold | SentenceGold | PentaGold | ExpectGold


@dataclass(frozen=True)
class GoldSet:
    """Documents to code and what should be found in them."""

    name: str
    documents: tuple[Document, ...]
    items: tuple[GoldItem, ...]
    failures: tuple[Failure, ...] = ()

    def tasks(self) -> dict[str, list[GoldItem]]:
        """Gold items by task, tasks in the order they first appear."""
        out: dict[str, list[GoldItem]] = {}
        for item in self.items:
            out.setdefault(item.task, []).append(item)
        return out


# --------------------------------------------------------------------------- reading gold


def load_gold(path: str | Path) -> GoldSet:
    """A gold folder (docs.jsonl + gold.jsonl) or a JSON/JSONL file of PLOVER gold records.

    Raises InputError (MalformedRecord for a bad record, naming the file and line).
    """
    path = Path(path)
    if path.is_dir():
        return _load_folder(path)
    if path.is_file():
        return _load_plover_file(path)
    raise InputError(str(path), "no such gold folder or file",
                     "pass a folder with docs.jsonl and gold.jsonl, or a PLOVER gold file")


def _load_folder(folder: Path) -> GoldSet:
    for name in ("docs.jsonl", "gold.jsonl"):
        if not (folder / name).is_file():
            raise InputError(str(folder), f"the gold folder has no {name}", _HINT)
    docs, failures = _split(read_file(folder / "docs.jsonl"))
    gold_path = folder / "gold.jsonl"
    items = [_gold_item(record, f"{gold_path}:{n}") for n, record in _jsonl(gold_path)]
    return GoldSet(folder.name, tuple(docs), tuple(items), tuple(failures))


def _split(items: Iterable[Document | Failure]) -> tuple[list[Document], list[Failure]]:
    docs: list[Document] = []
    failures: list[Failure] = []
    for item in items:
        if isinstance(item, Failure):
            failures.append(item)
        else:
            docs.append(item)
    return docs, failures


def _jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; MalformedRecord for a bad line."""
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecord(f"{path}:{lineno}", f"not valid JSON: {exc.msg}",
                                      "write one JSON object per line") from None
            if not isinstance(record, dict):
                raise MalformedRecord(f"{path}:{lineno}", "the line is not a JSON object",
                                      "write one JSON object per line")
            yield lineno, record


def _gold_item(record: dict[str, Any], where: str) -> GoldItem:
    task = record.get("task")
    parser = _GOLD_PARSERS.get(str(task))
    if parser is None:
        raise MalformedRecord(where, f"unknown gold task {task!r}",
                              "use task readout, sentence, penta or expect; " + _HINT)
    try:
        return parser(record)
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedRecord(where, f"a {task} record needs a valid {exc}", _HINT) from None


def _readout(r: dict[str, Any]) -> ReadoutGold:
    return ReadoutGold(str(r["id"]), str(r["date"]), str(r["source"]),
                       frozenset(map(str, r["targets"])), str(r["event"]), str(r["mode"]),
                       str(r.get("title") or ""))


def _sentence(r: dict[str, Any]) -> SentenceGold:
    event = str(r["event"])
    return SentenceGold(str(r["id"]), RENAMED.get(event, event), actor_codes(r.get("source")),
                        actor_codes(r.get("target")))


def _penta(r: dict[str, Any]) -> PentaGold:
    return PentaGold(str(r["id"]), int(r["label"]))


def _expect(r: dict[str, Any]) -> ExpectGold:
    def codes(key: str) -> frozenset[str] | None:
        return frozenset(map(str, _as_list(r[key]))) if key in r else None

    amount = r.get("amount")
    return ExpectGold(
        str(r["id"]), str(r["doc"]), frozenset(map(str, _as_list(r["event"]))),
        dyad=frozenset(map(str, r["dyad"])) if "dyad" in r else None,
        source=codes("source"), target=codes("target"),
        date=str(r["date"]) if "date" in r else None, mode=str(r["mode"]) if "mode" in r else None,
        amount=(float(amount["value"]), str(amount["unit"])) if amount else None,
        note=str(r.get("note") or ""))


_GOLD_PARSERS: dict[str, Callable[[dict[str, Any]], GoldItem]] = {
    "readout": _readout, "sentence": _sentence, "penta": _penta, "expect": _expect}

_TYPE_KEYS = ("event", "plover", "eventType", "event_type")
_SOURCE_KEYS = ("source", "actor", "sourceActor", "source_actor")
_TARGET_KEYS = ("target", "recipient", "targetActor", "target_actor")


def _load_plover_file(path: Path) -> GoldSet:
    """PLOVER gold records: a JSON array, JSON lines, or JSON objects one after another."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the gold file: {exc}", _HINT) from None
    docs: list[Document] = []
    items: list[GoldItem] = []
    for n, record in enumerate(_json_values(text, path), start=1):
        doc, item = _plover_record(record, f"{path}#{n}", f"{path.stem}-{n}")
        docs.append(doc)
        items.append(item)
    if not items:
        raise InputError(str(path), "no gold records found", _HINT)
    return GoldSet(path.stem, tuple(docs), tuple(items))


def _json_values(text: str, path: Path) -> Iterable[dict[str, Any]]:
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n\ufeff,":
            pos += 1
        if pos >= len(text):
            return
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            line = text.count("\n", 0, exc.pos) + 1
            raise MalformedRecord(f"{path}:{line}", f"not valid JSON: {exc.msg}", _HINT) from None
        for record in value if isinstance(value, list) else [value]:
            if not isinstance(record, dict):
                raise MalformedRecord(str(path), "a gold record is not a JSON object", _HINT)
            yield record


def _plover_record(r: dict[str, Any], where: str, fallback_id: str) -> tuple[Document, GoldItem]:
    doc_id = str(r.get("id") or fallback_id)
    text = r.get("text")
    kind = next((r[k] for k in _TYPE_KEYS if r.get(k)), None)
    if not isinstance(text, str) or not text.strip() or kind is None:
        raise MalformedRecord(where, f"gold record {doc_id!r} needs a 'text' and an 'event'",
                              _HINT)
    event = str(_as_list(kind)[0]).upper()
    published = _day(str(r.get("date") or r.get("published") or ""))
    doc = Document(id=doc_id, text=text, published=published, source=where)
    source = next((r[k] for k in _SOURCE_KEYS if k in r), None)
    target = next((r[k] for k in _TARGET_KEYS if k in r), None)
    return doc, SentenceGold(doc_id, RENAMED.get(event, event), _codes_field(source),
                             _codes_field(target))


def _codes_field(value: Any) -> frozenset[str]:
    """Codes from "HUN", "HUN|ROU", ["HUN", "ROU"], {"code": "HUN"} or a list of objects."""
    found: list[Any] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            found.append(item.get("code") or item.get("actor"))
        else:
            found.extend(_SPLIT_CODES.split(str(item)))
    return actor_codes([c for c in found if c and str(c).strip("-")])


# --------------------------------------------------------------------------- predictions


def read_predictions(path: str | Path) -> list[Prediction]:
    """One Prediction per line of a PLOVER JSON-lines file, in file order."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such predictions file",
                         "pass the JSONL written by `dyads code`, or leave out --pred")
    return [Prediction.from_record(record) for _, record in _jsonl(path)]


@dataclass(frozen=True)
class Coded:
    """The events coded from a gold set's documents, and the documents that failed."""

    events: tuple[Event, ...]
    failures: tuple[Failure, ...]


def code_gold(coder: Coder, gold: GoldSet) -> Coded:
    events: list[Event] = []
    failures: list[Failure] = []
    for result in coder.code_documents(gold.documents):
        if isinstance(result, Failure):
            failures.append(result)
        else:
            events.extend(result.events)
    return Coded(tuple(events), tuple(failures))


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True)
class ClassScore:
    """Precision, recall and F1 of one class (a PLOVER type, or a five-way class)."""

    label: str
    support: int
    predicted: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Confusion:
    """Counts of (gold label, predicted label); ``rows`` are gold, ``columns`` predicted."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def to_json(self) -> dict[str, Any]:
        return {"rows": list(self.rows), "columns": list(self.columns),
                "counts": [list(r) for r in self.counts]}


@dataclass(frozen=True)
class Miss:
    """A gold record the predictions did not satisfy, with the sentence or note it is about."""

    task: str
    gold_id: str
    doc_id: str
    message: str
    text: str = ""


@dataclass(frozen=True)
class TaskReport:
    task: str
    figures: Figures
    classes: tuple[ClassScore, ...] = ()
    confusion: Confusion | None = None
    misses: tuple[Miss, ...] = ()


@dataclass(frozen=True)
class Report:
    gold: str
    documents: int
    events_read: int
    tasks: tuple[TaskReport, ...]
    failures: tuple[Failure, ...] = field(default=())

    def figures(self) -> dict[str, Any]:
        """The headline figures, keyed as in the reference scorer's JSON report."""
        out: dict[str, Any] = {"events_read": self.events_read}
        out.update({t.task: dict(t.figures) for t in self.tasks})
        return out

    def to_json(self) -> dict[str, Any]:
        """figures() plus ``details`` (per-class scores, confusion, misses) and failures."""
        details = {t.task: {"classes": [vars(c) for c in t.classes],
                            "confusion": t.confusion.to_json() if t.confusion else None,
                            "misses": [vars(m) for m in t.misses]} for t in self.tasks}
        return {**self.figures(), "gold": self.gold, "documents": self.documents,
                "details": details, "failures": [f.to_json() for f in self.failures]}


# --------------------------------------------------------------------------- scoring


ByDoc = Mapping[str, Sequence[Prediction]]
_G = TypeVar("_G", ReadoutGold, SentenceGold, PentaGold, ExpectGold)


def _only(items: Sequence[GoldItem], kind: type[_G]) -> list[_G]:
    return [item for item in items if isinstance(item, kind)]


def evaluate(gold: GoldSet, predictions: Sequence[Prediction],
             failures: Sequence[Failure] = ()) -> Report:
    """Score predictions (in output order) against every task of a gold set."""
    by_doc: dict[str, list[Prediction]] = {}
    for p in predictions:
        by_doc.setdefault(p.doc_id, []).append(p)
    texts = {d.id: d.text for d in gold.documents}
    tasks = tuple(_SCORERS[task](items, by_doc, texts) for task, items in gold.tasks().items())
    return Report(gold.name, len(gold.documents), len(predictions), tasks,
                  tuple(failures) or gold.failures)


def _rounded(figures: Figures) -> Figures:
    return {k: round(v, DIGITS) if isinstance(v, float) else v for k, v in figures.items()}


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9)


def _score_readout(gold: Sequence[GoldItem], by_doc: ByDoc,
                   texts: Mapping[str, str]) -> TaskReport:
    items = _only(gold, ReadoutGold)
    hit = date_ok = date_near = mode_ok = consult_ok = consult_all = 0
    misses = []
    for g in items:
        involved = [p for p in by_doc.get(g.id, [])
                    if g.event in p.events and g.source in p.parties]
        consult_all += len(involved)
        consult_ok += sum(_only_counterparts(p, g) for p in involved)
        found = [p for p in involved if g.targets & p.parties]
        if not found:
            said = "; ".join(p.describe() for p in involved[:3]) or "nothing"
            misses.append(Miss("readout", g.id, g.id, f"no {g.event} of {g.source} with "
                               f"{'/'.join(sorted(g.targets))}; got {said}",
                               g.title or texts.get(g.id, "")))
            continue
        hit += 1
        date_ok += any(p.date[:10] == g.date for p in found)
        date_near += any(_within_a_day(p.date, g.date) for p in found)
        mode_ok += any(mode_class(p.modes) == g.mode for p in found)
    n = len(items)
    figures: Figures = {"docs": n, "recall": hit / n,
                        "consult_precision": consult_ok / max(consult_all, 1),
                        "date_exact": date_ok / n, "date_within_1d": date_near / n,
                        "mode_given_hit": mode_ok / max(hit, 1)}
    return TaskReport("readout", _rounded(figures), misses=tuple(misses))


def _only_counterparts(p: Prediction, g: ReadoutGold) -> bool:
    """A call or meeting of the source with the readout's counterparts and nobody else."""
    others = p.parties - {g.source}
    return bool(others) and others <= g.targets


def _within_a_day(a: str, b: str) -> bool:
    day_a, day_b = _day(a), _day(b)
    return day_a is not None and day_b is not None and abs((day_a - day_b).days) <= 1


def _score_sentence(gold: Sequence[GoldItem], by_doc: ByDoc,
                    texts: Mapping[str, str]) -> TaskReport:
    items = _only(gold, SentenceGold)
    tally: dict[str, list[int]] = {}  # type -> [tp, fp, fn, support]
    pairs: list[tuple[str, str]] = []
    full = 0
    misses = []
    for g in items:
        preds = by_doc.get(g.id, [])
        got = frozenset().union(*(p.events for p in preds))
        _count_types(tally, g.event, got)
        pairs.append((g.event, g.event if g.event in got else _first_type(preds)))
        if any(_full_match(p, g) for p in preds):
            full += 1
            continue
        said = "; ".join(p.describe() for p in preds) or "nothing"
        misses.append(Miss("sentence", g.id, g.id, f"want {g.event} "
                           f"{'/'.join(sorted(g.source)) or '-'}->"
                           f"{'/'.join(sorted(g.target)) or '-'}; got {said}",
                           texts.get(g.id, "")))
    tp, fp, fn = (sum(t[i] for t in tally.values()) for i in range(3))
    precision, recall, f1 = _prf(tp, fp, fn)
    figures: Figures = {"sentences": len(items), "type_precision": precision,
                        "type_recall": recall, "type_f1": f1, "full_match": full / len(items)}
    classes = tuple(ClassScore(label, t[3], t[0] + t[1], *_prf(t[0], t[1], t[2]))
                    for label, t in sorted(tally.items(), key=lambda kv: _type_order(kv[0])))
    return TaskReport("sentence", _rounded(figures), classes, _confusion(pairs, _type_order),
                      tuple(misses))


def _count_types(tally: dict[str, list[int]], want: str, got: frozenset[str]) -> None:
    row = tally.setdefault(want, [0, 0, 0, 0])
    row[3] += 1
    row[0 if want in got else 2] += 1
    for other in got - {want}:
        tally.setdefault(other, [0, 0, 0, 0])[1] += 1


def _first_type(preds: Sequence[Prediction]) -> str:
    return next((min(p.events) for p in preds if p.events), NOTHING)


def _full_match(p: Prediction, g: SentenceGold) -> bool:
    return (g.event in p.events and (not g.source or bool(g.source & p.actor))
            and (not g.target or bool(g.target & p.recipient)))


_ORDER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE",
          "ASSAULT")


def _type_order(label: str) -> tuple[int, str]:
    if label == NOTHING:
        return (len(_ORDER) + 1, label)
    return (_ORDER.index(label) if label in _ORDER else len(_ORDER), label)


def _confusion(pairs: Sequence[tuple[str, str]],
               order: Callable[[str], Any]) -> Confusion:
    labels = sorted({label for pair in pairs for label in pair}, key=order)
    rows = tuple(label for label in labels if label != NOTHING)
    counts = tuple(tuple(sum(1 for pair in pairs if pair == (r, c)) for c in labels)
                   for r in rows)
    return Confusion(rows, tuple(labels), counts)


def _score_penta(gold: Sequence[GoldItem], by_doc: ByDoc,
                 texts: Mapping[str, str]) -> TaskReport:
    items = _only(gold, PentaGold)
    pairs: list[tuple[int, int]] = []
    misses = []
    for g in items:
        preds = by_doc.get(g.id, [])
        guess = preds[0].penta if preds else 0
        pairs.append((g.label, guess))
        if guess != g.label:
            misses.append(Miss("penta", g.id, g.id, f"want {g.label} {PENTA_NAMES[g.label]}, got "
                               f"{guess} {PENTA_NAMES[guess]}", texts.get(g.id, "")))
    classes = tuple(_penta_class(pairs, c) for c in range(5))
    figures: Figures = {"sentences": len(pairs),
                        "accuracy": sum(a == b for a, b in pairs) / len(pairs),
                        "macro_f1": sum(c.f1 for c in classes) / 5}
    confusion = Confusion(tuple(map(str, range(5))), tuple(map(str, range(5))),
                          tuple(tuple(pairs.count((r, c)) for c in range(5)) for r in range(5)))
    return TaskReport("penta", _rounded(figures), classes, confusion, tuple(misses))


def _penta_class(pairs: Sequence[tuple[int, int]], c: int) -> ClassScore:
    tp = sum(a == c and b == c for a, b in pairs)
    fp = sum(a != c and b == c for a, b in pairs)
    fn = sum(a == c and b != c for a, b in pairs)
    return ClassScore(f"{c} {PENTA_NAMES[c]}", tp + fn, tp + fp, *_prf(tp, fp, fn))


def _score_expect(gold: Sequence[GoldItem], by_doc: ByDoc,
                  texts: Mapping[str, str]) -> TaskReport:
    items = _only(gold, ExpectGold)
    misses = []
    hit = 0
    for g in items:
        if any(_satisfies(p, g) for p in by_doc.get(g.doc, [])):
            hit += 1
        else:
            misses.append(Miss("expect", g.id, g.doc, f"no {'/'.join(sorted(g.events))} "
                               f"{_expect_parties(g)} in {g.doc}", g.note))
    figures: Figures = {"expected": len(items), "found": hit / len(items)}
    return TaskReport("expect", _rounded(figures), misses=tuple(misses))


def _satisfies(p: Prediction, g: ExpectGold) -> bool:
    checks = (
        bool(g.events & p.events),
        g.dyad is None or g.dyad <= p.parties,
        g.source is None or bool(g.source & p.actor),
        g.target is None or bool(g.target & p.recipient),
        g.date is None or p.date[:10] == g.date,
        g.mode is None or mode_class(p.modes) == g.mode,
        g.amount is None or _has_amount(p, g.amount),
    )
    return all(checks)


def _has_amount(p: Prediction, amount: tuple[float, str]) -> bool:
    value, unit = amount
    return any(u == unit and abs(v - value) < 1e-6 * value for v, u in p.quantities)


def _expect_parties(g: ExpectGold) -> str:
    if g.dyad is not None:
        return "between " + "/".join(sorted(g.dyad))
    src = "/".join(sorted(g.source or ())) or "-"
    return f"{src}->{'/'.join(sorted(g.target or ())) or '-'}"


_SCORERS: dict[str, Callable[[Sequence[GoldItem], ByDoc, Mapping[str, str]], TaskReport]] = {
    "readout": _score_readout, "sentence": _score_sentence, "penta": _score_penta,
    "expect": _score_expect}


# --------------------------------------------------------------------------- entry point


def run(gold_path: str | Path, pred_path: str | Path | None = None, *,
        coder: Coder | None = None, save: str | Path | None = None) -> Report:
    """Evaluate ``pred_path`` against a gold set; without it, code the gold documents first
    (with ``coder``, else a default Coder) and write the events to ``save`` when given."""
    gold = load_gold(gold_path)
    if pred_path is not None:
        return evaluate(gold, read_predictions(pred_path))
    if coder is None:
        from dyads.pipeline import Coder

        coder = Coder()
    coded = code_gold(coder, gold)
    if save is not None:
        _write_events(coded.events, Path(save))
    predictions = [Prediction.from_event(e) for e in coded.events]
    return evaluate(gold, predictions, gold.failures + coded.failures)


def _write_events(events: Iterable[Event], path: Path) -> None:
    from dyads.output import open_output, to_json_line

    with open_output(path) as out:
        for event in events:
            out.write(to_json_line(event.to_plover()))


# --------------------------------------------------------------------------- text report


_TEXT_CHARS = 300


def format_report(report: Report, misses: int = 5) -> str:
    """The report as text: per task the headline figures line (as the reference scorer
    prints it), per-class scores, the confusion matrix and up to ``misses`` misses."""
    lines = [f"{report.gold}: {report.documents} documents, {report.events_read} events read, "
             f"{len(report.failures)} failed"]
    for task in report.tasks:
        lines.append(task.task + ": " + " ".join(f"{k}={v}" for k, v in task.figures.items()))
        lines += _class_lines(task.classes)
        if task.confusion is not None:
            lines += _confusion_lines(task.confusion)
        lines += _miss_lines(task.misses, misses)
    return "\n".join(lines)


def _class_lines(classes: Sequence[ClassScore]) -> list[str]:
    if not classes:
        return []
    width = max(len(c.label) for c in classes) + 2
    out = [f"  {'class':<{width}}{'gold':>6}{'pred':>6}{'prec':>8}{'recall':>8}{'f1':>8}"]
    out += [f"  {c.label:<{width}}{c.support:>6}{c.predicted:>6}{c.precision:>8.3f}"
            f"{c.recall:>8.3f}{c.f1:>8.3f}" for c in classes]
    return out


def _confusion_lines(confusion: Confusion) -> list[str]:
    heads = [c[:4] for c in confusion.columns]
    if len(set(heads)) < len(heads):
        heads = list(confusion.columns)
    width = max(len(r) for r in confusion.rows) + 2
    cell = max(5, *(len(h) + 1 for h in heads))
    out = ["  confusion (rows: gold, columns: predicted; "
           f"{NOTHING} = nothing coded)" if NOTHING in confusion.columns else
           "  confusion (rows: gold, columns: predicted)",
           "  " + " " * width + "".join(f"{h:>{cell}}" for h in heads)]
    for row, counts in zip(confusion.rows, confusion.counts, strict=True):
        out.append(f"  {row:<{width}}" + "".join(f"{n or '.':>{cell}}" for n in counts))
    return out


def _miss_lines(misses: Sequence[Miss], limit: int) -> list[str]:
    if not misses or limit <= 0:
        return [f"  misses: {len(misses)}"] if misses else []
    out = [f"  misses: {len(misses)} (showing {min(limit, len(misses))})"]
    for m in misses[:limit]:
        out.append(f"  - {m.gold_id}: {m.message}")
        if m.text:
            text = " ".join(m.text.split())
            cut = text[:_TEXT_CHARS] + ("…" if len(text) > _TEXT_CHARS else "")
            out.append(f"      {cut}")
    return out
