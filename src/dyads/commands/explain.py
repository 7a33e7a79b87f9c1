"""`dyads explain`: the parse, the stages' extensions and the records of a sentence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from dyads.commands.exits import fail
from dyads.errors import DyadsError


def register(app: typer.Typer) -> None:
    app.command()(explain)


def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or short text.")],
    date: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    statements: Annotated[bool, typer.Option(help="Also code statements.")] = False,
    coder_kind: Annotated[str, typer.Option(
        "--coder", help="rules, learned or a model directory (as for `dyads code`).")
    ] = "rules",
) -> None:
    """Show the parse, actors, rules and records for a sentence."""
    from dyads.explain import explain as run_explain
    from dyads.pipeline import Coder
    from dyads.settings import Settings

    published = dt.date.fromisoformat(date) if date else None
    try:
        typer.echo(run_explain(Coder(Settings(statements=statements, coder=coder_kind)),
                               sentence, published))
    except DyadsError as exc:
        fail(exc)
