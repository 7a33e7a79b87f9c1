"""Resume a coding run by content: ``dyads code -o OUT --resume`` codes only what is new.

Beside ``OUT`` a run keeps ``OUT.progress.jsonl``: one line per document whose records are
all in ``OUT`` (and in the commitments file), with its id, its content hash
(:func:`dyads.identity.content_hash`) and the byte length of both files after it. So a run
that is killed leaves a journal that says which documents are complete; what was written
after the last complete document is cut off when the run resumes.

A resumed run, keyed by content:

* a document whose id and content hash are in the journal is *unchanged*: not coded again;
* a document whose id is there with another hash was *fixed*: its old records are dropped
  and it is coded again;
* a document in the journal that is no longer among the inputs was *removed*: its records
  are dropped;
* everything else is *new*. Failed documents are never in the journal, so they are retried.

    journal = Journal.start(Path("events.jsonl"), commitments=None, resume=True)
    docs = journal.select(read_inputs(...))      # unchanged documents left out
    ... write each result, then journal.done(doc_id, out_fh, com_fh)
    journal.finish()                             # drop the records of removed/fixed documents
"""

from __future__ import annotations

import bisect
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from dyads.identity import content_hash
from dyads.models import Document, Failure

SUFFIX = ".progress.jsonl"


@dataclass
class _Entry:
    doc_id: str
    digest: str
    out_end: int
    com_end: int

    @classmethod
    def of(cls, raw: dict[str, Any]) -> _Entry:
        return cls(str(raw["id"]), str(raw["hash"]), int(raw["out"]),
                   int(raw.get("commitments", 0)))

    def line(self) -> str:
        return json.dumps({"id": self.doc_id, "hash": self.digest, "out": self.out_end,
                           "commitments": self.com_end}, ensure_ascii=False) + "\n"


@dataclass
class ResumeCounts:
    """What a resumed run found: documents new, unchanged, fixed (coded again), removed."""

    new: int = 0
    unchanged: int = 0
    fixed: int = 0
    removed: int = 0


@dataclass
class Journal:
    """The progress journal of one output file (see the module's docstring)."""

    out: Path
    commitments: Path | None
    path: Path
    entries: dict[str, _Entry] = field(default_factory=dict)
    counts: ResumeCounts = field(default_factory=ResumeCounts)
    _seen: set[str] = field(default_factory=set)
    _digests: dict[str, str] = field(default_factory=dict)
    _fixed: set[str] = field(default_factory=set)
    _fh: IO[str] | None = None

    @classmethod
    def start(cls, out: Path, commitments: Path | None, *, resume: bool) -> Journal:
        """Open the journal of ``out``: read and keep it when resuming (and cut off what was
        written after the last complete document), else start a new one."""
        journal = cls(out, commitments, Path(str(out) + SUFFIX))
        if resume and journal.path.exists() and out.exists():
            journal.entries = _load(journal.path, out, commitments)
            last = list(journal.entries.values())[-1] if journal.entries else None
            _truncate(out, last.out_end if last else 0)
            if commitments is not None and commitments.exists():
                _truncate(commitments, last.com_end if last else 0)
            _replace(journal.path, "".join(e.line() for e in journal.entries.values()))
        else:
            journal.path.write_text("", encoding="utf-8")
        journal._fh = journal.path.open("a", encoding="utf-8")
        return journal

    @property
    def resuming(self) -> bool:
        """True when an earlier run's records are kept (and new ones are added to them)."""
        return bool(self.entries)

    def select(self, items: Iterable[Document | Failure],
               skipped: Callable[[], None] | None = None) -> Iterator[Document | Failure]:
        """``items`` without the documents the journal holds unchanged (``skipped()`` is
        called for each of those)."""
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            digest = content_hash(item)
            self._seen.add(item.id)
            self._digests[item.id] = digest
            entry = self.entries.get(item.id)
            if entry is not None and entry.digest == digest:
                self.counts.unchanged += 1
                if skipped is not None:
                    skipped()
                continue
            if entry is not None:
                self.counts.fixed += 1
                self._fixed.add(item.id)
            else:
                self.counts.new += 1
            yield item

    def done(self, doc_id: str, out: IO[str], commitments: IO[str] | None) -> None:
        """Record that every record of ``doc_id`` is written (flushes both files first)."""
        out.flush()
        com_end = 0
        if commitments is not None:
            commitments.flush()
            com_end = commitments.tell()
        entry = _Entry(doc_id, self._digests.get(doc_id, ""), out.tell(), com_end)
        assert self._fh is not None
        self._fh.write(entry.line())
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def finish(self) -> None:
        """After a complete run: drop the records of removed documents and the old records
        of fixed ones, from both files and from the journal."""
        self.close()
        removed = {i for i in self.entries if i not in self._seen}
        self.counts.removed = len(removed)
        if not removed and not self._fixed:
            return
        before = len(self.entries)  # entries of earlier runs come first in the journal

        def dropped(doc_id: str, old: bool) -> bool:
            return doc_id in removed or (old and doc_id in self._fixed)

        last = list(self.entries.values())[-1] if self.entries else None
        shift_out = _filter(self.out, last.out_end if last else 0, dropped)
        shift_com = (_filter(self.commitments, last.com_end if last else 0, dropped)
                     if self.commitments is not None and self.commitments.exists() else None)
        lines = []
        for index, raw in enumerate(_raw(self.path)):
            entry = _Entry.of(raw)
            if dropped(entry.doc_id, index < before):
                continue
            entry.out_end = shift_out(entry.out_end)
            entry.com_end = shift_com(entry.com_end) if shift_com else entry.com_end
            lines.append(entry.line())
        _replace(self.path, "".join(lines))


# --------------------------------------------------------------------------- files


def _filter(path: Path, old_end: int, dropped: Any) -> Any:
    """Rewrite ``path`` without the records ``dropped(doc_id, old)`` names (``old``: written
    before ``old_end``, by an earlier run); the function old offset -> new offset."""
    cut_ends: list[int] = []
    cut_total: list[int] = []
    total = 0
    tmp = path.with_name(f".{path.name}.tmp")
    with path.open("rb") as src, tmp.open("wb") as dst:
        pos = 0
        for line in src:
            end = pos + len(line)
            if dropped(str(json.loads(line).get("doc_id")), pos < old_end):
                total += len(line)
                cut_ends.append(end)
                cut_total.append(total)
            else:
                dst.write(line)
            pos = end
    os.replace(tmp, path)

    def shift(offset: int) -> int:
        i = bisect.bisect_right(cut_ends, offset)
        return offset - (cut_total[i - 1] if i else 0)

    return shift


def _raw(path: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:  # the last line of a killed run may be cut short
                break
    return out


def _load(path: Path, out: Path, commitments: Path | None) -> dict[str, _Entry]:
    """The journal's entries whose records are all on disk, in order (a later entry of an id
    replaces an earlier one)."""
    size = out.stat().st_size
    com_size = commitments.stat().st_size if commitments and commitments.exists() else 0
    entries: dict[str, _Entry] = {}
    for raw in _raw(path):
        entry = _Entry.of(raw)
        if entry.out_end > size or entry.com_end > com_size:
            break
        entries.pop(entry.doc_id, None)
        entries[entry.doc_id] = entry
    return entries


def _truncate(path: Path, size: int) -> None:
    with path.open("r+b") as fh:
        fh.truncate(size)


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
