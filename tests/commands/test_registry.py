"""The command registry (dyads/commands/__init__.py): one way to add a command, all shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from dyads.cli import app
from dyads.commands import MODULES

COMMANDS = Path(__file__).resolve().parents[2] / "src" / "dyads" / "commands"
HELPERS = {"__init__", "exits"}  # modules of the package that define no command


def _registered() -> list[str]:
    """The names of the commands and command groups the app has."""
    return list(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_module_is_in_the_registry() -> None:
    modules = {p.stem for p in COMMANDS.glob("*.py")} - HELPERS
    assert modules == set(MODULES)


@pytest.mark.parametrize("name", sorted(_registered()))
def test_every_registered_command_is_in_help(name: str) -> None:
    result = CliRunner().invoke(app, ["--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    listed = {line.split()[1] for line in result.output.splitlines()
              if line.startswith("│ ") and len(line.split()) > 1}
    assert name in listed, f"{name} is registered but not listed in dyads --help"


def test_the_registry_holds_the_commands_of_every_interface() -> None:
    assert {"code", "explain", "kb", "evaluate", "ingest", "bench", "serve"} <= set(_registered())
