"""`dyads serve`: options, a wrong or missing database, a port in use, handing the app to
uvicorn."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyads.cli import app


def test_serve_builds_the_app_and_runs_uvicorn(small_db: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []

    def run(server: Any, sockets: list[socket.socket]) -> None:
        calls.append({"app": server.config.app, "address": sockets[0].getsockname()})
        sockets[0].close()

    monkeypatch.setattr(uvicorn.Server, "run", run)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(app, ["serve", "--db", str(small_db), "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert calls[0]["address"] == ("127.0.0.1", port)
    assert calls[0]["app"].state.store_url == str(small_db)
    assert f"http://127.0.0.1:{port}/" in result.output


def test_serve_says_the_port_is_in_use_before_serving(small_db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(small_db), "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "another --port" in result.output and "serving" not in result.output


def test_serve_with_a_missing_database_exits_and_creates_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(typo)])
    assert result.exit_code == 1
    assert "no database at" in result.output and "dyads ingest" in result.output
    assert not typo.exists() and list(tmp_path.iterdir()) == []


def test_serve_with_a_wrong_database_url_says_what_to_do() -> None:
    result = CliRunner().invoke(app, ["serve", "--db", "mysql://localhost/x"])
    assert result.exit_code == 1
    assert "unsupported database URL" in result.output and "postgresql://" in result.output


def test_serve_help_lists_its_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert all(option in result.output
               for option in ("--db", "--host", "--port", "--workers", "--allow-host"))
