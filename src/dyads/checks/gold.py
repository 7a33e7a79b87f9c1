"""Gold sets: reading them, and the tasks their records name.

    TASKS      task name -> its module's ``parse`` (a gold record -> a gold item) and ``score``
    GoldSet    the documents to code and the gold items to score them against
    load_gold  a gold folder (docs.jsonl + gold.jsonl) or a file of PLOVER gold records

A new gold task is a module beside this one with a gold dataclass (with a ``task`` field),
``parse`` and ``score``, added to TASKS (docs/evaluation.md lists the formats).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from dyads.checks import event, expect, penta, readout, sentence
from dyads.checks.event import EventGold
from dyads.checks.expect import ExpectGold
from dyads.checks.penta import PentaGold
from dyads.checks.readout import ReadoutGold
from dyads.checks.records import HINT, RENAMED, ByDoc, actor_codes, as_list, day, jsonl
from dyads.checks.report import TaskReport
from dyads.checks.sentence import SentenceGold
from dyads.errors import InputError, MalformedRecord
from dyads.models import Document, Failure
from dyads.readers import read_file

GoldItem = ReadoutGold | SentenceGold | PentaGold | ExpectGold | EventGold


class Task(NamedTuple):
    parse: Callable[[dict[str, Any]], GoldItem]
    score: Callable[[Sequence[Any], ByDoc, Mapping[str, str]], TaskReport]
    """(the task's gold items, predictions by document, document texts by id) -> TaskReport"""


TASKS: dict[str, Task] = {
    "readout": Task(readout.parse, readout.score),
    "sentence": Task(sentence.parse, sentence.score),
    "penta": Task(penta.parse, penta.score),
    "expect": Task(expect.parse, expect.score),
    "event": Task(event.parse, event.score),
}


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
            raise InputError(str(folder), f"the gold folder has no {name}", HINT)
    docs: list[Document] = []
    failures: list[Failure] = []
    for item in read_file(folder / "docs.jsonl"):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            docs.append(item)
    gold_path = folder / "gold.jsonl"
    items = [_gold_item(record, f"{gold_path}:{n}") for n, record in jsonl(gold_path)]
    return GoldSet(folder.name, tuple(docs), tuple(items), tuple(failures))


def _gold_item(record: dict[str, Any], where: str) -> GoldItem:
    name = record.get("task")
    task = TASKS.get(str(name))
    if task is None:
        raise MalformedRecord(where, f"unknown gold task {name!r}",
                              f"use task {', '.join(TASKS)}; {HINT}")
    try:
        return task.parse(record)
    except (KeyError, TypeError, ValueError) as exc:
        article = "an" if str(name)[:1] in "aeiou" else "a"
        raise MalformedRecord(where, f"{article} {name} record needs a valid {exc}",
                              HINT) from None


# --------------------------------------------------------------------------- PLOVER gold files


_TYPE_KEYS = ("event", "plover", "eventType", "event_type")
_SOURCE_KEYS = ("source", "actor", "sourceActor", "source_actor")
_TARGET_KEYS = ("target", "recipient", "targetActor", "target_actor")


def _load_plover_file(path: Path) -> GoldSet:
    """PLOVER gold records: a JSON array, JSON lines, or JSON objects one after another."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the gold file: {exc}", HINT) from None
    docs: list[Document] = []
    items: list[GoldItem] = []
    for n, record in enumerate(_json_values(text, path), start=1):
        doc, item = _plover_record(record, f"{path}#{n}", f"{path.stem}-{n}")
        docs.append(doc)
        items.append(item)
    if not items:
        raise InputError(str(path), "no gold records found", HINT)
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
            raise MalformedRecord(f"{path}:{line}", f"not valid JSON: {exc.msg}", HINT) from None
        for record in value if isinstance(value, list) else [value]:
            if not isinstance(record, dict):
                raise MalformedRecord(str(path), "a gold record is not a JSON object", HINT)
            yield record


def _plover_record(r: dict[str, Any], where: str, fallback_id: str) -> tuple[Document, GoldItem]:
    doc_id = str(r.get("id") or fallback_id)
    text = r.get("text")
    kind = next((r[k] for k in _TYPE_KEYS if r.get(k)), None)
    if not isinstance(text, str) or not text.strip() or kind is None:
        raise MalformedRecord(where, f"gold record {doc_id!r} needs a 'text' and an 'event'",
                              HINT)
    event_type = str(as_list(kind)[0]).upper()
    published = day(str(r.get("date") or r.get("published") or ""))
    doc = Document(id=doc_id, text=text, published=published, source=where)
    source = next((r[k] for k in _SOURCE_KEYS if k in r), None)
    target = next((r[k] for k in _TARGET_KEYS if k in r), None)
    return doc, SentenceGold(doc_id, RENAMED.get(event_type, event_type), _codes_field(source),
                             _codes_field(target))


_SPLIT_CODES = re.compile(r"[|,;\s]+")


def _codes_field(value: Any) -> frozenset[str]:
    """Codes from "HUN", "HUN|ROU", ["HUN", "ROU"], {"code": "HUN"} or a list of objects."""
    found: list[Any] = []
    for item in as_list(value):
        if isinstance(item, dict):
            found.append(item.get("code") or item.get("actor"))
        else:
            found.extend(_SPLIT_CODES.split(str(item)))
    return actor_codes([c for c in found if c and str(c).strip("-")])
