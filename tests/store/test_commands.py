"""The CLI of the event database (dyads.commands.store): thin commands over dyads.store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyads.cli import app
from dyads.commands.store import render_table
from dyads.store import Store, read_plover

from .conftest import populate

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with Store.open(path) as store:
        populate(store)
    return str(path)


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_events_as_jsonl_with_filters(db: str) -> None:
    code, out, _ = run("events", "--db", db, "--dyad", "CHN-VNM", "--type", "ACCUSE",
                       "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["date"], r["actor"], r["recipient"]) for r in rows] == [
        ("2025-06-01", "CHN", "VNM")]


def test_events_table_and_csv(db: str) -> None:
    code, out, _ = run("events", "--db", db, "--since", "2025-04-01", "--limit", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["date", "event_type", "cameo"]
    assert len(lines) == 3 and "ASSAULT" in lines[1]
    code, out, _ = run("events", "--db", db, "--text", "railway", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,date,event_type")
    assert len(out.splitlines()) == 2


def test_timeline_actors_commitments(db: str) -> None:
    code, out, _ = run("timeline", "CHN", "VNM", "--db", db, "--by", "year", "-f", "jsonl")
    assert code == 0
    assert json.loads(out) == {"period": "2025", "events": 6, "quad1": 3, "quad2": 1,
                               "quad3": 2, "quad4": 0, "mean_scale": 1.333}
    code, out, _ = run("actors", "--db", db, "--format", "csv", "--limit", "1")
    assert (code, out.splitlines()) == (0, ["code,events,as_actor,as_recipient,mentions",
                                            "CHN,6,4,3,7"])
    code, out, _ = run("commitments", "--db", db)
    assert (code, out.strip()) == (0, "(no rows)")


def test_export(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, _, err = run("export", "--db", db, "-f", "plover", "-o", str(target),
                       "--actor", "UKR")
    assert code == 0 and "3 records" in err
    assert {r["event"][0] for r in read_plover(target)} == {"ASSAULT", "ACCUSE", "AID"}


@pytest.mark.parametrize(("args", "exit_code", "message"), [
    (("events", "--actor", "U S"), 1, "is not an actor code"),
    (("events", "--since", "last week"), 2, "YYYY-MM-DD"),
    (("timeline", "USA", "CHN", "--by", "decade"), 1, "use one of day, week"),
    (("export", "-f", "xml", "-o", "x.xml"), 1, "use one of plover"),
    (("events", "--format", "yaml"), 2, "use table, jsonl or csv"),
])
def test_errors_say_what_to_do(db: str, args: tuple[str, ...], exit_code: int,
                               message: str) -> None:
    code, out, err = run(*args, "--db", db)
    assert code == exit_code
    assert message in " ".join((out + err).split())


@pytest.mark.model
def test_ingest_reports_failures_and_goes_on(tmp_path: Path, coder: object,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dyads.pipeline.Coder", lambda settings: coder)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "call.txt").write_text(
        "Call\n\nPresident Biden spoke with Prime Minister Kishida of Japan on Monday.",
        encoding="utf-8")
    (docs / "empty.txt").write_text("\n", encoding="utf-8")
    db = str(tmp_path / "ing.db")
    code, _, err = run("ingest", str(docs), "--db", db)
    assert code == 3
    assert "1 documents stored" in err and "1 failed" in err and "empty.txt" in err
    code, _, err = run("ingest", str(docs / "call.txt"), "--db", db)
    assert code == 0 and "1 unchanged" in err


def test_render_table_cuts_long_text() -> None:
    table = render_table([{"a": 1, "text": "x" * 200}, {"a": 22, "text": None}])
    lines = table.splitlines()
    assert lines[0] == "a   text" and lines[1].endswith("…") and len(lines[1]) < 80
    assert render_table([]) == "(no rows)"
