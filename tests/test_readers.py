"""Tests for dyads.readers: every input format, directories, stdin, ids and bad inputs."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads import readers
from dyads.errors import DyadsError, EmptyDocument, InputError, MalformedRecord
from dyads.models import Document, Failure
from dyads.readers import parse_html, parse_jsonl, parse_markdown, read_file, read_inputs

SAMPLES = Path(readers.__file__).parent / "samples"

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><title>Ministers meet | Test Times</title>
<meta property="article:published_time" content="2024-05-03T09:00:00+02:00">
<link rel="canonical" href="https://example.org/news/ministers-meet">
<script>var tracking = {id: 42};</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Ministers meet in Hanoi</h1>
<p>The foreign ministers of Vietnam and Laos met in Hanoi on Friday and agreed to widen
cooperation on power lines, border crossings and rail links between the two countries.</p>
<p>They also signed a memorandum on customs inspection and said their deputies would meet again
before the end of the year to review progress on the projects.</p></article>
<footer>Copyright Test Times. All rights reserved. Contact us.</footer>
<script>trackPage();</script></body></html>
"""

SCRIPT_ONLY_HTML = """<html><head><script src="/app.js"></script></head>
<body><div id="root"></div><script>render(document.getElementById("root"));</script></body>
</html>
"""


def _docs(results: list[Document | Failure]) -> list[Document]:
    """The Documents in ``results``."""
    return [r for r in results if isinstance(r, Document)]


def _failures(results: list[Document | Failure]) -> list[Failure]:
    """The Failures in ``results``."""
    return [r for r in results if isinstance(r, Failure)]


def _only_doc(path: Path, **kwargs: Any) -> Document:
    """The single Document read from ``path`` (fails the test otherwise)."""
    results = list(read_file(path, **kwargs))
    assert len(results) == 1, results
    assert isinstance(results[0], Document), results[0]
    return results[0]


# --------------------------------------------------------------------------- formats

FORMAT_CASES: list[tuple[str, bytes, dict[str, Any]]] = [
    (
        "call.txt",
        b"Leaders hold phone talks\n\nThe two leaders spoke on Monday.\n\nThey agreed to meet.\n",
        {"id": "call", "title": "Leaders hold phone talks",
         "text": "The two leaders spoke on Monday.\n\nThey agreed to meet.", "published": None},
    ),
    (
        "sentence-first.txt",
        b"The two leaders spoke on Monday.\n\nThey agreed to meet.\n",
        {"id": "sentence-first", "title": None,
         "text": "The two leaders spoke on Monday.\n\nThey agreed to meet."},
    ),
    (
        "one-line.txt",
        b"Vietnam and China agreed to meet\n",
        {"id": "one-line", "title": None, "text": "Vietnam and China agreed to meet"},
    ),
    (
        "windows.TXT",
        b"\xef\xbb\xbfHeadline\r\n\r\nFirst line.\r\nSecond line.\rThird.\r\n",
        {"id": "windows", "title": "Headline", "text": "First line.\nSecond line.\nThird."},
    ),
    (
        "readout.md",
        b"---\ndate: '2021-01-22'\ntitle: Readout of a call\n"
        b"source_url: https://example.org/readout\n---\n\nThe President spoke with the Prime "
        b"Minister.\n",
        {"id": "readout", "title": "Readout of a call", "published": dt.date(2021, 1, 22),
         "url": "https://example.org/readout",
         "text": "The President spoke with the Prime Minister."},
    ),
    (
        "timed.markdown",
        b"---\npublished_time: 2021-01-21 23:12:47-05:00\ntitle: Late call\n---\nBody text.\n",
        {"id": "timed", "title": "Late call", "published": dt.date(2021, 1, 21),
         "text": "Body text."},
    ),
    (
        "both-dates.md",
        b"---\ndate: 2022-03-04\npublished_time: '2022-03-05T01:00:00Z'\n---\nBody.\n",
        {"published": dt.date(2022, 3, 4), "title": None, "text": "Body."},
    ),
    (
        "no-front-matter.md",
        b"# A heading\n\nThe ministers met.\n",
        {"id": "no-front-matter", "title": "A heading", "text": "The ministers met.",
         "published": None},
    ),
    (
        "repeated-title.md",
        b"---\ntitle: Talks end\n---\n# Talks end\n\nThe talks ended on Friday.\n",
        {"title": "Talks end", "text": "The talks ended on Friday."},
    ),
    (
        "page.html",
        ARTICLE_HTML.encode(),
        {"id": "page", "title": "Ministers meet in Hanoi", "published": dt.date(2024, 5, 3),
         "url": "https://example.org/news/ministers-meet"},
    ),
    (
        "page2.htm",
        ARTICLE_HTML.encode(),
        {"id": "page2", "title": "Ministers meet in Hanoi"},
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), FORMAT_CASES,
                         ids=[case[0] for case in FORMAT_CASES])
def test_single_document_formats(
    tmp_path: Path, name: str, content: bytes, expected: dict[str, Any]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    doc = _only_doc(path)
    assert doc.source == str(path)
    for field, value in expected.items():
        assert getattr(doc, field) == value, field


def test_html_drops_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = _only_doc(path)
    assert "widen\ncooperation" in doc.text or "widen cooperation" in doc.text
    assert "signed a memorandum" in doc.text
    for junk in ("Home", "Copyright", "tracking", "trackPage", "Sport"):
        assert junk not in doc.text


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_jsonl_records(tmp_path: Path, suffix: str) -> None:
    records = [
        {"id": "a1", "text": "First story.", "title": "One", "published": "2020-01-16"},
        {"text": "No id here.", "published": "2020-01-17T08:30:00+07:00",
         "url": "https://example.org/2", "source": "Example Wire"},
        {"id": 7, "text": "Numeric id.", "published": None},
    ]
    path = tmp_path / f"batch{suffix}"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    docs = list(read_file(path))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in _docs(docs)] == ["a1", "batch-2", "7"]
    first, second, third = _docs(docs)
    assert (first.title, first.published) == ("One", dt.date(2020, 1, 16))
    assert (second.published, second.url) == (dt.date(2020, 1, 17), "https://example.org/2")
    assert third.published is None
    assert [d.source for d in _docs(docs)] == [f"{path}:1", f"{path}:2", f"{path}:3"]


@pytest.mark.parametrize(
    ("record", "doc_id"),
    [
        ({"text": "x"}, "src-1"),
        ({"id": "", "text": "x"}, "src-1"),
        ({"id": "   ", "text": "x"}, "src-1"),
        ({"id": None, "text": "x"}, "src-1"),
        ({"id": 12, "text": "x"}, "12"),
        ({"id": "given", "text": "x"}, "given"),
    ],
)
def test_jsonl_ids(record: dict[str, Any], doc_id: str) -> None:
    (doc,) = parse_jsonl([json.dumps(record)], "data/src.jsonl")
    assert isinstance(doc, Document)
    assert doc.id == doc_id


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x", "text": ', "not valid JSON"),
        ('["a list"]', "not an object"),
        ('{"id": "x"}', "has no 'text'"),
        ('{"id": "x", "text": 5}', "not a string"),
        ('{"id": "x", "text": "  \\n "}', "empty 'text'"),
        ('{"id": "x", "text": "a\\u0000b"}', "NUL"),
        ('{"id": ["x"], "text": "ok"}', "'id' must be"),
        ('{"id": "x", "text": "ok", "title": 3}', "'title' must be a string"),
    ],
)
def test_jsonl_bad_record_is_named_and_others_survive(line: str, message: str) -> None:
    lines = ['{"id": "before", "text": "Good one."}', line, '{"id": "after", "text": "Good two."}']
    results = list(parse_jsonl(lines, "in/batch.jsonl"))
    assert [d.id for d in _docs(results)] == ["before", "after"]
    (failure,) = _failures(results)
    assert failure.source == "in/batch.jsonl:2"
    assert failure.error.startswith("in/batch.jsonl:2: ")
    assert message in failure.error
    assert failure.hint


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("---\ntitle: x\nNo closing line.\n", MalformedRecord, "never closed"),
        ("---\ntitle: [unclosed\n---\nBody.\n", MalformedRecord, "does not parse"),
        ("---\n- a\n- b\n---\nBody.\n", MalformedRecord, "not a mapping"),
        ("---\ntitle: Only a title\n---\n\n", EmptyDocument, "empty"),
    ],
)
def test_parse_markdown_errors(text: str, error: type[InputError], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        parse_markdown(text, "doc", "notes/doc.md")
    assert "notes/doc.md" in str(info.value)


def test_parse_markdown_empty_front_matter() -> None:
    doc = parse_markdown("---\n---\nJust text.", "doc", "doc.md")
    assert (doc.text, doc.title, doc.published) == ("Just text.", None, None)


def test_parse_html_without_article_raises() -> None:
    with pytest.raises(EmptyDocument, match="no article text") as info:
        parse_html(SCRIPT_ONLY_HTML, "app", "site/app.html")
    assert "site/app.html" in str(info.value)


def test_parse_html_direct() -> None:
    doc = parse_html(ARTICLE_HTML, "p", "p.html")
    assert doc.id == "p"
    assert doc.text.startswith("The foreign ministers")


# --------------------------------------------------------------------------- directories, ids


def test_directory_is_read_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b-sub" / "deeper").mkdir(parents=True)
    (root / ".hidden-dir").mkdir()
    (root / "c.txt").write_text("C text.", encoding="utf-8")
    (root / "a.md").write_text("A text.", encoding="utf-8")
    (root / "b-sub" / "b1.txt").write_text("B1 text.", encoding="utf-8")
    (root / "b-sub" / "deeper" / "b2.jsonl").write_text(
        '{"id": "rec", "text": "R."}\n{"text": "S."}\n', encoding="utf-8")
    (root / ".secret.txt").write_text("hidden", encoding="utf-8")
    (root / ".hidden-dir" / "x.txt").write_text("hidden too", encoding="utf-8")
    (root / "README.md").write_text("About this corpus.", encoding="utf-8")
    results = list(read_inputs([root]))
    assert _failures(results) == []
    assert [d.id for d in _docs(results)] == ["a", "b1", "rec", "b2-2", "c"]
    assert _docs(results)[2].source == f"{root / 'b-sub' / 'deeper' / 'b2.jsonl'}:1"


def test_inputs_keep_their_order_and_accept_str_and_path(tmp_path: Path) -> None:
    (tmp_path / "z.txt").write_text("Z.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    results = list(read_inputs([str(tmp_path / "z.txt"), tmp_path / "a.txt"]))
    assert [d.id for d in _docs(results)] == ["z", "a"]


def test_explicit_readme_is_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Read me.", encoding="utf-8")
    (doc,) = read_inputs([tmp_path / "README.md"])
    assert isinstance(doc, Document)
    assert doc.id == "README"


def test_latin1_file_reads_with_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "accents.txt"
    path.write_bytes("Réunion à Hà Nội".encode().replace(b"\xc3\xa9", b"\xe9"))
    (failure,) = read_inputs([path])
    assert isinstance(failure, Failure)
    path.write_bytes("Réunion à Paris".encode("latin-1"))
    doc = _only_doc(path, encoding="latin-1")
    assert doc.text == "Réunion à Paris"


def test_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(DyadsError, match="unknown text encoding"):
        list(read_inputs([tmp_path], encoding="no-such-codec"))


# --------------------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("data", "ids", "texts"),
    [
        ("A plain story from a pipe.\n", ["stdin"], ["A plain story from a pipe."]),
        ('\n  {"id": "p1", "text": "One."}\n{"text": "Two."}\n', ["p1", "stdin-3"],
         ["One.", "Two."]),
        ("Headline\r\n\r\nBody.\r\n", ["stdin"], ["Body."]),
    ],
)
def test_stdin(data: str, ids: list[str], texts: list[str]) -> None:
    results = list(read_inputs(["-"], stdin=io.StringIO(data)))
    assert [d.id for d in _docs(results)] == ids
    assert [d.text for d in _docs(results)] == texts
    assert _failures(results) == []


def test_stdin_empty_is_a_failure() -> None:
    (failure,) = read_inputs(["-"], stdin=io.StringIO("  \n"))
    assert isinstance(failure, Failure)
    assert failure.doc_id == "stdin"
    assert "stdin" in failure.error


def test_stdin_bytes_from_sys_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.TextIOWrapper(io.BytesIO("Caf\u00e9 talks.".encode("latin-1")), encoding="latin-1")
    monkeypatch.setattr("sys.stdin", raw)
    (doc,) = read_inputs(["-"], encoding="latin-1")
    assert isinstance(doc, Document)
    assert doc.text == "Caf\u00e9 talks."


def test_stdin_over_the_limit() -> None:
    (failure,) = read_inputs(["-"], stdin=io.StringIO("x" * 50), max_bytes=10)
    assert isinstance(failure, Failure)
    assert "--max-bytes" in failure.hint


# --------------------------------------------------------------------------- bad inputs


@pytest.fixture
def bad_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory with one good file and one file of each bad kind."""
    root = tmp_path / "bad"
    root.mkdir()
    (root / "good.txt").write_text("The ministers met in Jakarta on Monday.", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text("  \n\t\n", encoding="utf-8")
    (root / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    (root / "nul.txt").write_bytes(b"Some text\x00\x00with NULs")
    (root / "noise.txt").write_bytes(bytes(range(1, 32)) * 20)
    (root / "latin1.txt").write_bytes("Réunion".encode("latin-1"))
    (root / "huge.txt").write_text("word " * 400, encoding="utf-8")
    (root / "mixed.jsonl").write_text(
        '{"id": "kept", "text": "Good line."}\n{"id": broken\n{"id": "no-text"}\n',
        encoding="utf-8")
    (root / "app.html").write_text(SCRIPT_ONLY_HTML, encoding="utf-8")
    (root / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (root / "locked.txt").write_text("secret", encoding="utf-8")
    (root / "dangling.txt").symlink_to(root / "gone.txt")
    real_open = Path.open

    def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    yield root


EXPECTED_BAD: dict[str, str] = {
    "empty.txt": "empty",
    "blank.md": "empty",
    "blank.jsonl": "empty",
    "nul.txt": "binary",
    "noise.txt": "binary",
    "latin1.txt": "not valid utf-8",
    "huge.txt": "larger than the limit",
    "mixed.jsonl:2": "not valid json",
    "mixed.jsonl:3": "has no 'text'",
    "app.html": "no article text",
    "table.csv": "cannot read extension '.csv'",
    "locked.txt": "permission denied",
    "dangling.txt": "not found",
    "missing.md": "not found",
}


def test_bad_inputs_yield_one_failure_each(bad_corpus: Path) -> None:
    results = list(read_inputs([bad_corpus, bad_corpus / "missing.md"], max_bytes=1000))
    assert sorted(d.id for d in _docs(results)) == ["good", "kept"]
    failures = _failures(results)
    by_name = {Path(f.source).name: f for f in failures}
    assert len(failures) == len(by_name) == len(EXPECTED_BAD)
    for name, message in EXPECTED_BAD.items():
        failure = by_name[name]
        assert failure.error.startswith(f"{bad_corpus / name}: "), failure
        assert message in failure.error.lower(), failure
        assert failure.hint, failure


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("latin1.txt", "--encoding latin-1"),
        ("huge.txt", "--max-bytes"),
        ("table.csv", ".jsonl"),
        ("nul.txt", "--encoding utf-16"),
    ],
)
def test_bad_input_hints(bad_corpus: Path, name: str, hint: str) -> None:
    (failure,) = read_inputs([bad_corpus / name], max_bytes=1000)
    assert isinstance(failure, Failure)
    assert hint in failure.hint
    assert failure.doc_id == Path(name).stem


def test_jsonl_failures_have_line_ids(bad_corpus: Path) -> None:
    results = list(read_file(bad_corpus / "mixed.jsonl"))
    assert [r.doc_id if isinstance(r, Failure) else r.id for r in results] == [
        "kept", "mixed-2", "no-text"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root can read files without read permission")
def test_real_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "private.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        (failure,) = read_inputs([path])
    finally:
        path.chmod(0o644)
    assert isinstance(failure, Failure)
    assert "permission denied" in failure.error


# --------------------------------------------------------------------------- properties

_IDS = st.one_of(st.text(min_size=1).filter(str.strip), st.integers(min_value=0))
_TEXTS = st.text(
    alphabet=st.characters(exclude_characters="\r\x00\ufeff"),
    min_size=1,
).filter(str.strip)


@given(records=st.lists(st.tuples(_IDS, _TEXTS), max_size=20), ascii_only=st.booleans())
def test_parse_jsonl_round_trips_ids_and_texts(
    records: list[tuple[str | int, str]], ascii_only: bool
) -> None:
    lines = [json.dumps({"id": doc_id, "text": text}, ensure_ascii=ascii_only)
             for doc_id, text in records]
    docs = list(parse_jsonl(lines, "gen.jsonl"))
    assert all(isinstance(d, Document) for d in docs)
    assert [(d.id, d.text) for d in _docs(docs)] == [(str(i), t) for i, t in records]
    assert [d.source for d in _docs(docs)] == [f"gen.jsonl:{n}" for n in range(1, len(docs) + 1)]


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), encoding=st.sampled_from(["utf-8", "latin-1"]))
def test_arbitrary_bytes_never_raise(data: bytes, encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.txt"
        path.write_bytes(data)
        results = list(read_inputs([path], encoding=encoding))
    assert len(results) == 1
    (result,) = results
    if isinstance(result, Document):
        assert result.text.strip()
        assert "\x00" not in result.text and "\r" not in result.text
    else:
        assert isinstance(result, Failure)
        assert str(path) in result.error and result.hint


# --------------------------------------------------------------------------- samples


def test_samples_read_without_failures() -> None:
    results = list(read_inputs([SAMPLES]))
    assert _failures(results) == []
    docs = _docs(results)
    assert 6 <= len({Path(d.source or "").name.split(":")[0] for d in docs}) <= 8
    suffixes = {Path((d.source or "").rsplit(":", 1)[0]).suffix for d in docs}
    assert {".txt", ".md", ".html", ".jsonl"} <= suffixes
    assert "README" not in {d.id for d in docs}
    assert len({d.id for d in docs}) == len(docs)
    for doc in docs:
        assert len(doc.text) > 80, doc.id


def test_sample_readout_front_matter() -> None:
    doc = _only_doc(SAMPLES / "us-india-call-readout.md")
    assert doc.published == dt.date(2025, 6, 10)
    assert doc.url is not None and doc.url.startswith("https://example.org/")
    assert doc.title is not None and "Modi" in doc.title


# --------------------------------------------------------------------------- identity (issue 15)


def _warnings(results: list[Document | Failure]) -> list[Failure]:
    return [r for r in results if isinstance(r, Failure) and r.kind == "warning"]


def test_same_stem_in_two_folders_is_kept_under_distinct_ids(tmp_path: Path) -> None:
    for sub, text in (("a", "Vietnam and Laos met."), ("b", "Japan and Korea met.")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.md").write_text(text, encoding="utf-8")
    results = list(read_inputs([tmp_path]))
    assert [(d.id, d.text) for d in _docs(results)] == [
        ("report", "Vietnam and Laos met."), ("report~2", "Japan and Korea met.")]
    (warning,) = _warnings(results)
    assert str(tmp_path / "a" / "report.md") in warning.error
    assert str(tmp_path / "b" / "report.md") in warning.error
    assert "'report~2'" in warning.error


def test_same_text_from_two_paths_is_one_document(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.md").write_text("Vietnam and Laos met.", encoding="utf-8")
    results = list(read_inputs([tmp_path]))
    assert [d.id for d in _docs(results)] == ["report"]
    (warning,) = _warnings(results)
    assert "one document with two sources" in warning.error


def test_repeated_jsonl_ids_never_share_an_id(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "x", "text": "One."}\n{"id": "x", "text": "Two."}\n'
                    '{"id": "x", "text": "Three."}\n{"id": "x", "text": "Two."}\n',
                    encoding="utf-8")
    docs = _docs(list(read_inputs([path])))
    assert [(d.id, d.text) for d in docs] == [("x", "One."), ("x~2", "Two."), ("x~3", "Three.")]


# --------------------------------------------------------------------------- walking safely


def _read_in_thread(inputs: list[Path], **kwargs: Any) -> list[Document | Failure]:
    """read_inputs in a daemon thread: a hang fails the test instead of stopping the suite."""
    import threading

    out: list[Document | Failure] = []
    worker = threading.Thread(target=lambda: out.extend(read_inputs(inputs, **kwargs)),
                              daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "reading the folder hangs"
    return out


def test_symlink_loops_fifos_and_sockets_are_skipped_with_a_failure(tmp_path: Path) -> None:
    import socket

    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text("Vietnam and Laos met.", encoding="utf-8")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "dirloop").symlink_to(root)
    os.mkfifo(root / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock_path = Path(tempfile.mkdtemp()) / "s.txt"  # AF_UNIX paths are short
    sock.bind(str(sock_path))
    (root / "sock.txt").symlink_to(sock_path)
    try:
        results = _read_in_thread([root])
    finally:
        sock.close()
    assert [d.id for d in _docs(results)] == ["a"]
    failures = {Path(f.source).name: f.error for f in _failures(results)}
    assert set(failures) == {"loop.txt", "pipe.txt", "sock.txt"}
    assert "symbolic link loop" in failures["loop.txt"]
    assert "FIFO" in failures["pipe.txt"]
    assert "socket" in failures["sock.txt"]


def test_explicitly_named_fifo_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (failure,) = _read_in_thread([tmp_path / "pipe.txt"])
    assert isinstance(failure, Failure) and "FIFO" in failure.error


def test_reading_a_file_has_a_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    path = tmp_path / "slow.txt"
    path.write_text("Vietnam and Laos met.", encoding="utf-8")
    release = threading.Event()

    def stuck(handle: Any, size: int) -> bytes:
        release.wait(30)
        return b""

    monkeypatch.setattr(readers, "_read_handle", stuck)
    try:
        (failure,) = _read_in_thread([path], read_timeout=0.2)
    finally:
        release.set()
    assert isinstance(failure, Failure)
    assert "did not finish within 0.2 s" in failure.error


# --------------------------------------------------------------------------- encodings, dates


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_with_bom_is_read(tmp_path: Path, codec: str) -> None:
    import codecs

    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32": b""}[codec]
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + "Réunion à Hà Nội.".encode(codec))
    assert _only_doc(path).text == "Réunion à Hà Nội."                # detected by its BOM
    assert _only_doc(path, encoding=codec.split("-")[0] + "-" + codec.split("-")[1]).text \
        == "Réunion à Hà Nội."


def test_utf16_without_bom_reads_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Réunion à Hà Nội.".encode("utf-16-le"))
    assert _only_doc(path, encoding="utf-16-le").text == "Réunion à Hà Nội."
    (failure,) = read_file(path)
    assert isinstance(failure, Failure) and "--encoding utf-16" in failure.hint


@pytest.mark.parametrize(("name", "content"), [
    ("bad.jsonl", '{"id": "bad", "text": "Vietnam and Laos met.", "published": "2025-02-30"}\n'),
    ("bad.md", "---\ndate: 2025-02-30\n---\nVietnam and Laos met.\n"),
    ("bad2.md", "---\ndate: not a date\n---\nVietnam and Laos met.\n"),
])
def test_invalid_published_date_codes_the_document_undated(tmp_path: Path, name: str,
                                                           content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    results = list(read_file(path))
    (doc,) = _docs(results)
    assert doc.published is None and doc.text.strip() == "Vietnam and Laos met."
    (warning,) = _warnings(results)
    assert "coded without a publication date" in warning.error
    assert warning.doc_id == doc.id
