"""`dyads kb`: inspect and check the actor knowledge base and the codebook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from dyads.commands.exits import fail
from dyads.errors import DyadsError

kb_app = typer.Typer(help="Inspect and check the actor knowledge base.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")


@kb_app.command("validate")
def kb_validate() -> None:
    """Check every knowledge-base and codebook file against its schema."""
    from dyads.events.validate import validate as validate_codebook
    from dyads.kb.validate import validate

    try:
        report = validate_codebook() + validate()
    except DyadsError as exc:
        fail(exc)
        return
    for line in report:
        typer.echo(line)


@kb_app.command("import-cameo")
def kb_import_cameo(
    source: Annotated[Path, typer.Argument(help="A PETRARCH/Phoenix .actors dictionary.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="People YAML to write.")],
) -> None:
    """Convert a CAMEO actor dictionary to a people YAML file (use it with --kb)."""
    from dyads.kb.cameo_import import write_people_yaml

    try:
        count = write_people_yaml(source, output)
    except DyadsError as exc:
        fail(exc)
        return
    typer.echo(f"{count} actors written to {output}; use them with `dyads code --kb {output}`")


@kb_app.command("lookup")
def kb_lookup(
    name: Annotated[str, typer.Argument(help="A name, alias, demonym, capital or title.")],
    date: Annotated[str | None, typer.Option(help="Date for offices, YYYY-MM-DD.")] = None,
) -> None:
    """What the knowledge base knows about NAME (on DATE)."""
    from dyads.kb.loader import KnowledgeBase
    from dyads.kb.validate import lookup

    day = dt.date.fromisoformat(date) if date else None
    hits = lookup(KnowledgeBase.load(), name, day)
    if not hits:
        typer.echo(f"no entry for {name!r}", err=True)
        raise typer.Exit(1)
    for hit in hits:
        typer.echo(json.dumps(hit, ensure_ascii=False, default=str))
