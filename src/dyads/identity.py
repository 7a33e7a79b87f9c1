"""Document identity: which inputs are the same document, and distinct ids for the others.

A document is known by its id (the JSONL record's ``id``, else the file stem) *and* where it
came from: its origin, the file it was read from (a JSONL file for all of its lines; stdin is
no lasting origin). The rule, applied to every run (:class:`RunIdentity`) and, by the event
database, against what is stored (:func:`dyads.store.ingest`):

* the same id with the same content (text, title, date, url: :func:`content_hash`) is one
  document, coded once, whatever its sources; a second source is reported and, in the
  database, added to the document's sources;
* the same id with other content from the same origin is a new version of that document
  (the database replaces the old one);
* the same id with other content from another origin (``a/report.md`` and ``b/report.md``, a
  JSONL id used twice, two texts on stdin) is a *collision*: both are kept, the later one
  under ``<id>~2`` (``~3``... the first suffix not taken), and a warning names both sources.

So two different texts never share an id, a row or an event id, and a re-run with the same
inputs in the same order gives every document the same id again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dyads.errors import WARNING, warning
from dyads.models import Document, Failure

ID_SUFFIX = "~"
"""What joins a colliding id to its number: ``report~2``."""
_LINE = re.compile(r":\d+$")
_STDIN = "stdin"


def content_hash(doc: Document) -> str:
    """SHA-256 of what coding depends on: text, title, publication date and url."""
    payload = json.dumps([doc.text, doc.title, doc.published.isoformat() if doc.published
                          else None, doc.url], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def origin(source: str | None) -> str | None:
    """The file a document was read from (``docs.jsonl`` for ``docs.jsonl:7``); None for stdin
    and for documents without a source, which never count as the same origin."""
    if not source:
        return None
    path = _LINE.sub("", source)
    return None if path == _STDIN else path


def numbered(doc_id: str, n: int) -> str:
    """The id of the ``n``-th document (n >= 2) that collides on ``doc_id``."""
    return f"{doc_id}{ID_SUFFIX}{n}"


def collision(doc: Document, first_source: str | None, new_id: str) -> Failure:
    """The warning for a document whose id another text holds already."""
    return warning(new_id, doc.source or doc.id,
                   f"id {doc.id!r} of {doc.source or doc.id} is already used by "
                   f"{first_source or 'another document'} with another text: "
                   f"both are kept, this one as {new_id!r}",
                   "give each document its own id (a distinct file name or JSONL 'id')")


@dataclass(frozen=True)
class SameDocument(Failure):
    """A warning: ``source`` holds document ``doc_id`` again (same id and content). The event
    database adds ``source`` to the document's sources."""


def same_text(doc: Document, first_source: str | None) -> SameDocument:
    """The warning for a document read again from another source (coded once)."""
    return SameDocument(doc.id, doc.source or doc.id,
                        f"{doc.source or doc.id} has the same id and text as "
                        f"{first_source or 'another document'}: one document with two "
                        "sources, coded once",
                        "nothing to do, unless the two files should differ", kind=WARNING)


@dataclass(frozen=True)
class _Seen:
    digest: str
    source: str | None


class RunIdentity:
    """The identity rule within one run: distinct ids, duplicates dropped, with warnings."""

    def __init__(self) -> None:
        self._seen: dict[str, _Seen] = {}

    def check(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        """``items`` with every document under an id no other text holds in this run; a
        document seen already (same id and content) is dropped with a warning."""
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            yield from self._one(item)

    def _one(self, doc: Document) -> Iterator[Document | Failure]:
        digest = content_hash(doc)
        first = self._seen.get(doc.id)
        if first is None:
            self._seen[doc.id] = _Seen(digest, doc.source)
            yield doc
            return
        n = 1
        while first is not None:
            if first.digest == digest:
                yield same_text(doc, first.source)
                return
            n += 1
            first = self._seen.get(numbered(doc.id, n))
        new_id = numbered(doc.id, n)
        yield collision(doc, self._seen[doc.id].source, new_id)
        self._seen[new_id] = _Seen(digest, doc.source)
        yield Document(id=new_id, text=doc.text, title=doc.title, published=doc.published,
                       url=doc.url, source=doc.source)


def distinct_ids(items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
    """:meth:`RunIdentity.check` for one stream."""
    return RunIdentity().check(items)
