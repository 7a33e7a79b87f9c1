"""Read input documents: plain text, Markdown, HTML, JSONL and stdin.

    read_inputs     files, directories and "-" (stdin) -> Documents and Failures
    read_file       one file -> Documents and Failures (several for JSONL)
    parse_jsonl     JSONL lines -> one Document or Failure per record
    parse_markdown  Markdown with optional YAML front matter -> Document
    parse_html      an HTML page -> Document (trafilatura keeps the article, drops boilerplate)

The readers never raise for a bad document: they yield a :class:`~dyads.models.Failure` that
names the document and says what to do, and go on with the next one. A bad line in a JSONL
file costs that line only. The ``parse_*`` helpers for single documents raise
:class:`~dyads.errors.InputError` subclasses instead; the readers turn those into Failures.

Text is normalised lightly: a UTF-8 byte-order mark is dropped, CRLF and CR become LF, and a
NUL character makes the document a Failure. A file that starts with a UTF-16 or UTF-32
byte-order mark is decoded by it, whatever ``encoding`` says.

Walks are safe: a symbolic-link loop, a FIFO, a socket or a device in a folder (or named
explicitly) is a Failure, never a hang or a crash, and reading one file gives up after
``read_timeout`` seconds (a stalled network mount). Every document of one call gets an id no
other text holds (:mod:`dyads.identity`): a collision is kept under ``<id>~2`` with a warning.
A publication date that is not a date (``2025-02-30``) leaves the document undated, with a
warning (a Failure of kind ``"warning"``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import json
import os
import re
import stat
import sys
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import trafilatura
import yaml

from dyads.errors import (
    DyadsError,
    EmptyDocument,
    InputError,
    MalformedRecord,
    UnsupportedFormat,
    warning,
)
from dyads.identity import distinct_ids
from dyads.models import Document, Failure

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
"""File extension (lower case) -> input format."""

STDIN = "-"
STDIN_ID = "stdin"
MAX_TITLE_CHARS = 120
_BINARY_SAMPLE_CHARS = 8192
_BINARY_CONTROL_RATIO = 0.1
_TEXT_CONTROLS = frozenset("\n\r\t\f\v")
_FRONT_MATTER_OPEN = "---"
_FRONT_MATTER_CLOSE = ("---", "...")
_HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>\S.*)")  # closing #s are stripped after
_DATE_HINT = "write dates as YYYY-MM-DD or an ISO 8601 date-time"
_SUPPORTED = ", ".join(FORMATS)
READ_TIMEOUT = 60.0
"""Seconds to read one file before giving up on it (a hung network mount)."""
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WIDE = ("utf-16", "utf-32", "utf_16", "utf_32", "utf16", "utf32")
_NOT_FILES = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


# --------------------------------------------------------------------------- public readers


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    encoding: str = "utf-8",
    max_bytes: int = 20_000_000,
    stdin: TextIO | None = None,
    read_timeout: float = READ_TIMEOUT,
) -> Iterator[Document | Failure]:
    """Documents from files, directories (recursively, sorted, hidden files skipped) and "-".

    Never raises for a bad document: yields a Failure (doc_id, source, error, hint) and goes on.
    The string ``"-"`` reads standard input (``stdin`` if given, else ``sys.stdin``): JSONL when
    its first non-blank character is ``{``, else one text document with id ``stdin``.
    Directory walks skip hidden entries, README files and symbolic links to directories; files
    named explicitly are always read. Ids are made distinct (:func:`dyads.identity.distinct_ids`).
    Raises DyadsError only for an unknown ``encoding`` name.
    """
    _check_encoding(encoding)
    yield from distinct_ids(_read_all(inputs, encoding, max_bytes, stdin, read_timeout))


def _read_all(inputs: Iterable[str | Path], encoding: str, max_bytes: int,
              stdin: TextIO | None, read_timeout: float) -> Iterator[Document | Failure]:
    for item in inputs:
        if isinstance(item, str) and item == STDIN:
            yield from read_stdin(stdin, encoding=encoding, max_bytes=max_bytes)
            continue
        path = Path(item)
        if _is_dir(path):
            for found in _walk(path):
                if isinstance(found, Failure):
                    yield found
                else:
                    yield from read_file(found, encoding=encoding, max_bytes=max_bytes,
                                         read_timeout=read_timeout)
        else:
            yield from read_file(path, encoding=encoding, max_bytes=max_bytes,
                                 read_timeout=read_timeout)


def read_file(
    path: Path, *, encoding: str = "utf-8", max_bytes: int = 20_000_000,
    read_timeout: float = READ_TIMEOUT,
) -> Iterator[Document | Failure]:
    """The documents in one file: one for .txt/.md/.html, one per line for .jsonl/.ndjson.

    Never raises for a bad file; yields a Failure naming it instead (and a warning after a
    document with an invalid date). Raises DyadsError only for an unknown ``encoding`` name.
    """
    _check_encoding(encoding)
    path = Path(path)
    source = str(path)
    notes: list[Failure] = []
    try:
        _check_regular_file(path)
        fmt = _format_of(path)
        text = _decode(_read_bytes(path, max_bytes, read_timeout), encoding, source)
        if fmt == "jsonl":
            _require_text(text, source)
            yield from parse_jsonl(text.split("\n"), source)
            return
        yield _parse_single(fmt, text, path.stem, source, notes)
        yield from notes
    except InputError as exc:
        yield _failure(exc, path.stem)


def read_stdin(
    stdin: TextIO | None = None, *, encoding: str = "utf-8", max_bytes: int = 20_000_000
) -> Iterator[Document | Failure]:
    """Documents from standard input: JSONL if it starts with ``{``, else one text document.

    With ``stdin=None`` the bytes of ``sys.stdin`` are read and decoded with ``encoding``.
    """
    try:
        text = _read_stdin_text(stdin, encoding, max_bytes)
        if text.lstrip().startswith("{"):
            yield from parse_jsonl(text.split("\n"), STDIN_ID)
            return
        yield parse_text(text, STDIN_ID, STDIN_ID)
    except InputError as exc:
        yield _failure(exc, STDIN_ID)


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    """How many documents ``inputs`` hold, for a progress bar: one per file, one per
    non-blank JSONL line (read once more). None when stdin is among them."""
    total = 0
    for item in inputs:
        if isinstance(item, str) and item == STDIN:
            return None
        path = Path(item)
        files = (f for f in _walk(path) if isinstance(f, Path)) if _is_dir(path) else [path]
        for file in files:
            if FORMATS.get(file.suffix.lower()) != "jsonl":
                total += 1
                continue
            try:
                with file.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
    return total


# --------------------------------------------------------------------------- format parsers


def parse_text(text: str, doc_id: str, source: str) -> Document:
    """A plain-text document. A short first line followed by a blank line is the title.

    "Short" means at most 120 characters and not ending with a full stop, so that an opening
    one-sentence paragraph stays in the text. Raises EmptyDocument for blank text.
    """
    body = _normalise(text, source).strip()
    _require_text(body, source)
    title, rest = _split_title(body)
    return Document(id=doc_id, text=rest, title=title, source=source)


def parse_markdown(text: str, doc_id: str, source: str, *,
                   notes: list[Failure] | None = None) -> Document:
    """A Markdown document with optional YAML front matter.

    Front matter keys used: ``title``, ``date`` (else the date part of ``published_time``) and
    ``source_url`` (else ``url``). Without a front-matter title, a leading ``# heading`` is the
    title; a leading heading that repeats the front-matter title is dropped from the text.
    A date that is not a date leaves the document undated, with a warning added to ``notes``.
    Raises MalformedRecord for front matter that does not parse and EmptyDocument when there is
    no body text.
    """
    text = _normalise(text, source)
    meta, body = _split_front_matter(text, source)
    body = body.strip()
    title = _optional_str(meta.get("title"))
    heading, rest = _split_heading(body)
    if heading is not None and title in (None, heading):
        title, body = heading, rest
    _require_text(body, source)
    published = _front_matter_date(meta, source, doc_id, notes)
    url = _optional_str(meta.get("source_url")) or _optional_str(meta.get("url"))
    return Document(id=doc_id, text=body, title=title, published=published, url=url,
                    source=source)


def parse_html(html: str, doc_id: str, source: str) -> Document:
    """The article in an HTML page: trafilatura drops navigation, footers, scripts and ads.

    Title, publication date (from the page's metadata) and canonical URL are kept when the page
    has them. Raises EmptyDocument when no article text is found.
    """
    html = _normalise(html, source)
    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a third-party parser: any crash means "cannot read this page"
        raise InputError(source, f"the HTML could not be parsed ({type(exc).__name__})",
                         "check that the file is an HTML page, or pass its text as .txt") from None
    text = (_attr(result, "text") or "").strip()
    if not text:
        raise EmptyDocument(source, "no article text found in the HTML page",
                            "the page may be a script-only or index page; save the article "
                            "page itself, or pass the text as .txt")
    title = _attr(result, "title")
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1:].lstrip()
    published = _parse_date(_attr(result, "date"))
    return Document(id=doc_id, text=text, title=title, published=published,
                    url=_attr(result, "url"), source=source)


def parse_jsonl(lines: Iterable[str], source: str) -> Iterator[Document | Failure]:
    """One Document per JSON record ``{id, text, title?, published?, url?, source?}``.

    Blank lines are skipped. A record without an id gets ``<file stem>-<line number>``; so does
    the Failure for a line whose id cannot be read.
    Document.source is ``<source>:<line number>``. A line that does not parse, or a record
    without text, yields a Failure naming the file and line; the other lines are still read.
    The record's own ``source`` field (an outlet name) is accepted and not kept.
    """
    stem = Path(source).stem or source
    for lineno, line in enumerate(lines, start=1):
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        doc_id = f"{stem}-{lineno}"
        notes: list[Failure] = []
        try:
            record = _load_record(line, where)
            doc_id = _record_id(record.get("id"), where, doc_id)
            yield _record_document(record, doc_id, where, notes)
            yield from notes
        except InputError as exc:
            yield _failure(exc, doc_id)


# --------------------------------------------------------------------------- reading files


def _check_encoding(encoding: str) -> None:
    """Raise DyadsError for a codec name Python does not know."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise DyadsError(f"unknown text encoding {encoding!r}",
                         "pass a Python codec name such as --encoding utf-8 or latin-1") from None


def _format_of(path: Path) -> str:
    """The input format for a file name; UnsupportedFormat for an unknown extension."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        kind = f"extension {path.suffix!r}" if path.suffix else "a file without an extension"
        raise UnsupportedFormat(str(path), f"cannot read {kind}",
                                f"supported extensions are {_SUPPORTED}; rename the file "
                                "or convert it")
    return fmt


def _read_bytes(path: Path, max_bytes: int, timeout: float = READ_TIMEOUT) -> bytes:
    """The bytes of a file, or InputError if it is missing, unreadable, too big or the read
    does not finish within ``timeout`` seconds (the reading thread is then left behind)."""
    box: dict[str, object] = {}

    def read() -> None:
        try:
            with path.open("rb") as handle:
                box["data"] = _read_handle(handle, max_bytes + 1)
        except OSError as exc:
            box["error"] = exc

    worker = threading.Thread(target=read, name=f"dyads-read-{path.name}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise InputError(str(path), f"reading the file did not finish within {timeout:g} s",
                         "check the file system (a network mount may hang), or copy the "
                         "file to a local disk")
    error = box.get("error")
    if isinstance(error, OSError):
        raise _os_error(str(path), error)
    data = box.get("data")
    assert isinstance(data, bytes)
    if len(data) > max_bytes:
        raise _too_big(str(path), max_bytes)
    return data


def _read_handle(handle: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes of an open file (a seam for tests of the read timeout)."""
    return handle.read(size)


def _check_regular_file(path: Path) -> None:
    """InputError when ``path`` is missing, cannot be looked at, or is not a regular file
    (a FIFO would block the run, a socket or device has no document to read)."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise _os_error(str(path), exc) from None
    _check_mode(str(path), mode)


def _check_mode(source: str, mode: int) -> None:
    for test, what in _NOT_FILES:
        if test(mode):
            raise InputError(source, f"is {what}, not a file: skipped",
                             "pass regular files only, or remove it from the folder")


def _os_error(source: str, exc: OSError) -> InputError:
    """The reader error for an operating-system error on ``source``."""
    if isinstance(exc, FileNotFoundError):
        return InputError(source, "file not found",
                          "check the path, or remove it from the inputs")
    if isinstance(exc, PermissionError):
        return InputError(source, "permission denied",
                          "make the file readable (chmod +r), or remove it from the inputs")
    if isinstance(exc, IsADirectoryError):
        return InputError(source, "is a directory, not a file",
                          "pass the directory to read_inputs to read the files in it")
    if exc.errno == errno.ELOOP:
        return InputError(source, "is a symbolic link loop: skipped",
                          "fix or remove the link")
    return InputError(source, f"cannot read the file: {exc.strerror or exc}",
                      "check that the file exists and is readable")


def _is_dir(path: Path) -> bool:
    """True for a directory; False (not an error) when the path cannot be looked at."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _too_big(source: str, max_bytes: int) -> InputError:
    """The error for an input over the size limit."""
    return InputError(source, f"larger than the limit of {max_bytes:,} bytes",
                      "split it into smaller files, or raise --max-bytes")


def _decode(data: bytes, encoding: str, source: str) -> str:
    """Bytes -> text; InputError for binary data or bytes invalid in ``encoding``.

    A UTF-16 or UTF-32 byte-order mark decides the codec; so does a UTF-16/32 ``encoding``.
    """
    wide = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if wide is None and codecs.lookup(encoding).name.replace("_", "-").startswith(_WIDE):
        wide = encoding
    if wide is not None:
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not valid {wide} text (byte {exc.start})",
                             "check the file's encoding and pass it with --encoding") from None
    if b"\x00" in data:
        raise _binary(source, "it contains NUL bytes", "if it is UTF-16 text without a "
                      "byte-order mark, pass --encoding utf-16-le (or utf-16-be); otherwise "
                      "remove it from the inputs")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if _mostly_control(data.decode("latin-1")):
            raise _binary(source, "it is mostly non-text bytes") from None
        raise InputError(source, f"not valid {encoding} text (byte {exc.start})",
                         "re-encode the file as UTF-8, or pass --encoding latin-1 (or the "
                         "file's encoding)") from None
    if _mostly_control(text):
        raise _binary(source, "it is mostly non-text characters")
    return text


def _binary(source: str, why: str, hint: str | None = None) -> InputError:
    """The error for a binary file."""
    return InputError(source, f"looks like a binary file ({why})",
                      hint or "pass text files only (.txt, .md, .html, .jsonl)")


def _mostly_control(text: str) -> bool:
    """True when over a tenth of the first 8192 characters are control characters."""
    sample = text[:_BINARY_SAMPLE_CHARS]
    if not sample:
        return False
    controls = sum(1 for ch in sample
                   if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
    return controls > _BINARY_CONTROL_RATIO * len(sample)


def _read_stdin_text(stdin: TextIO | None, encoding: str, max_bytes: int) -> str:
    """All of standard input as text, with the same checks as a file."""
    if stdin is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _too_big(STDIN_ID, max_bytes)
        return _decode(data, encoding, STDIN_ID)
    try:
        text = stdin.read(max_bytes + 1)
    except UnicodeDecodeError:
        raise InputError(STDIN_ID, "standard input is not valid text in its encoding",
                         "re-encode the input as UTF-8, or pass --encoding") from None
    if len(text) > max_bytes:
        raise _too_big(STDIN_ID, max_bytes)
    return text


def _walk(directory: Path) -> Iterator[Path | Failure]:
    """Files below ``directory``, sorted by name, depth first; a Failure for unreadable dirs."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as exc:
        yield Failure(doc_id=directory.name, source=str(directory),
                      error=f"{directory}: cannot list the directory: {exc.strerror or exc}",
                      hint="make the directory readable, or remove it from the inputs")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            mode = entry.stat(follow_symlinks=True).st_mode
        except OSError as exc:  # a symbolic link loop, a dangling link, a vanished file
            failure = _os_error(entry.path, exc)
            yield _failure(failure, Path(entry.name).stem)
            continue
        if stat.S_ISDIR(mode):
            if not entry.is_symlink():  # symlinked directories are not followed
                yield from _walk(Path(entry.path))
            continue
        if Path(entry.name).stem.lower() == "readme":
            continue
        try:
            _check_mode(entry.path, mode)
        except InputError as exc:
            yield _failure(exc, Path(entry.name).stem)
            continue
        yield Path(entry.path)


# --------------------------------------------------------------------------- helpers


def _parse_single(fmt: str, text: str, doc_id: str, source: str,
                  notes: list[Failure] | None = None) -> Document:
    """Parse one text, Markdown or HTML document."""
    if fmt == "markdown":
        return parse_markdown(text, doc_id, source, notes=notes)
    if fmt == "html":
        return parse_html(text, doc_id, source)
    return parse_text(text, doc_id, source)


def _failure(exc: InputError, doc_id: str) -> Failure:
    """A Failure record from a reader error."""
    return Failure(doc_id=doc_id, source=exc.source, error=str(exc.args[0]), hint=exc.hint)


def _normalise(text: str, source: str) -> str:
    """Drop a byte-order mark, turn CRLF/CR into LF; InputError for a NUL character."""
    if "\x00" in text:
        raise InputError(source, "the text contains a NUL character",
                         "remove NUL characters; the input may be binary or UTF-16")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _require_text(text: str, source: str) -> None:
    """EmptyDocument when ``text`` is blank."""
    if not text.strip():
        raise EmptyDocument(source, "the document is empty or only whitespace",
                            "add the article text, or remove the file from the inputs")


def _split_title(body: str) -> tuple[str | None, str]:
    """(title, rest) when the first line is short and followed by a blank line."""
    first, sep, rest = body.partition("\n\n")
    first = first.strip()
    is_title = bool(sep and "\n" not in first and len(first) <= MAX_TITLE_CHARS
                and not first.endswith(".") and rest.strip())
    return (first, rest.strip()) if is_title else (None, body)


def _split_heading(body: str) -> tuple[str | None, str]:
    """(title, rest) when the body opens with a Markdown ATX heading and has more text."""
    first, _, rest = body.partition("\n")
    match = _HEADING.fullmatch(first.rstrip())
    if match is None or not rest.strip():
        return None, body
    return match.group("title").rstrip("#").rstrip() or match.group("title"), rest.strip()


def _split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    """(front matter mapping, body). No front matter -> ({}, text)."""
    lines = text.split("\n")
    if lines[0].rstrip() != _FRONT_MATTER_OPEN:
        return {}, text
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in _FRONT_MATTER_CLOSE:
            meta = _load_yaml("\n".join(lines[1:index]), source)
            return meta, "\n".join(lines[index + 1:])
    raise MalformedRecord(source, "the YAML front matter opened on line 1 is never closed",
                          "end the front matter with a line '---', or remove the first line")


def _load_yaml(block: str, source: str) -> dict[str, Any]:
    """The front matter as a mapping; MalformedRecord when it is not YAML or not a mapping."""
    try:
        loaded = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" on line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise MalformedRecord(source, f"the YAML front matter does not parse{where}: {problem}",
                              "fix the front matter (quote values that contain ': '), "
                              "or remove it") from None
    except (ValueError, RecursionError) as exc:  # e.g. "date: 2021-02-30", deep nesting
        raise MalformedRecord(source, f"the YAML front matter has an invalid value: {exc}",
                              "fix the value (dates as YYYY-MM-DD), or remove it") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise MalformedRecord(source, "the YAML front matter is not a mapping of keys to values",
                              "write the front matter as 'key: value' lines")
    return {str(key): value for key, value in loaded.items()}


def _front_matter_date(meta: dict[str, Any], source: str, doc_id: str,
                       notes: list[Failure] | None) -> dt.date | None:
    """``date``, else the date part of ``published_time``; None with a warning if not a date."""
    for key in ("date", "published_time"):
        value = meta.get(key)
        if value is None or value == "":
            continue
        parsed = _parse_date(value)
        if parsed is None and notes is not None:
            notes.append(_undated(doc_id, source, f"front matter {key!r}", value))
        return parsed
    return None


def _undated(doc_id: str, source: str, what: str, value: object) -> Failure:
    """The warning for a document coded without its invalid publication date."""
    return warning(doc_id, source, f"{source}: {what} is not a date: {value!r}; the document "
                   "is coded without a publication date", _DATE_HINT)


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader without implicit timestamps: a date stays text, so that an invalid
    one (2025-02-30) costs the date, not the whole front matter."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_date(value: object) -> dt.date | None:
    """A date from a date, a datetime, "YYYY-MM-DD" or an ISO 8601 date-time; else None.

    The date part of a date-time is taken as written (no conversion to UTC).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def _optional_str(value: object) -> str | None:
    """``value`` as a stripped string, or None when missing or blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _attr(result: object, name: str) -> str | None:
    """A string attribute of a trafilatura result (None when missing or not a string)."""
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value if isinstance(value, str) and value.strip() else None


def _load_record(line: str, where: str) -> dict[str, Any]:
    """One JSONL line as a JSON object; MalformedRecord when it is not one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(where, f"line is not valid JSON: {exc.msg} "
                              f"(column {exc.colno})") from None
    except RecursionError:
        raise MalformedRecord(where, "line is nested too deeply to parse") from None
    if not isinstance(record, dict):
        raise MalformedRecord(where, f"line is a JSON {type(record).__name__}, not an object")
    return record


def _record_document(record: dict[str, Any], doc_id: str, where: str,
                     notes: list[Failure]) -> Document:
    """A JSONL record -> Document; MalformedRecord or EmptyDocument when it is not usable."""
    text = record.get("text")
    if not isinstance(text, str):
        what = "has no 'text'" if text is None else "has a 'text' that is not a string"
        raise MalformedRecord(where, f"record {doc_id!r} {what}",
                              "give every record a 'text' string with the article")
    text = _normalise(text, where)
    if not text.strip():
        raise EmptyDocument(where, f"record {doc_id!r} has an empty 'text'",
                            "add the article text, or drop the record")
    published = _parse_date(record.get("published"))
    if published is None and record.get("published") not in (None, ""):
        notes.append(_undated(doc_id, where, "'published'", record.get("published")))
    return Document(id=doc_id, text=text, title=_record_str(record, "title", where),
                    published=published, url=_record_str(record, "url", where), source=where)


def _record_id(value: object, where: str, fallback_id: str) -> str:
    """The record's id as a string; ``fallback_id`` when missing or blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return fallback_id
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise MalformedRecord(where, f"the 'id' must be a string or an integer, not {value!r}")


def _record_str(record: dict[str, Any], key: str, where: str) -> str | None:
    """An optional string field; MalformedRecord when it is present but not a string."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedRecord(where, f"the {key!r} must be a string, not {value!r}")
    return value.strip() or None

