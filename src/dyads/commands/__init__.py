"""The command registry: every `dyads` command, one module each.

Each module listed in ``MODULES`` defines ``register(app: typer.Typer) -> None`` and stays thin:
it parses options and calls one library function. :mod:`dyads.cli` calls
:func:`register_commands`; nothing else adds commands. A new command is a new module here and
its name in ``MODULES`` (tests/test_cli.py checks that each one shows in ``dyads --help``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

MODULES: tuple[str, ...] = ("code", "explain", "kb", "evaluate", "store", "bench", "web", "train")


def register_commands(app: typer.Typer) -> None:
    """Add the commands of every module of ``MODULES`` to ``app``, in that order."""
    import importlib

    for name in MODULES:
        importlib.import_module(f"dyads.commands.{name}").register(app)
