"""`dyads serve`: options, a wrong database URL, and handing the app to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dyads.cli import app


def test_serve_builds_the_app_and_runs_uvicorn(small_db: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda web_app, **kw: calls.append({"app": web_app, **kw}))
    result = CliRunner().invoke(app, ["serve", "--db", str(small_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8123
    assert calls[0]["app"].state.store_url == str(small_db)
    assert "http://127.0.0.1:8123/" in result.output


def test_serve_with_a_wrong_database_url_says_what_to_do() -> None:
    result = CliRunner().invoke(app, ["serve", "--db", "mysql://localhost/x"])
    assert result.exit_code == 1
    assert "unsupported database URL" in result.output and "postgresql://" in result.output


def test_serve_help_lists_its_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert all(option in result.output for option in ("--db", "--host", "--port"))
