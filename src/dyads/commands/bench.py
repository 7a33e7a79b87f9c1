"""`dyads bench`: dyads end to end against bare spaCy, on the same documents."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from dyads.errors import DyadsError

DEFAULT_CORPUS = "../shared/corpus/whitehouse/readouts"


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)


def bench(
    inputs: Annotated[list[str] | None, typer.Argument(
        help=f"Files or directories to code. Default: {DEFAULT_CORPUS}.")] = None,
    limit: Annotated[int | None, typer.Option(help="Use the first N documents.")] = None,
    repeat: Annotated[int, typer.Option(help="Time each stage R times; keep the best.")] = 1,
    workers: Annotated[list[int] | None, typer.Option(
        help="Also time dyads on N worker processes (repeatable).")] = None,
    dask: Annotated[list[int] | None, typer.Option(
        help="Also time dyads on a Dask LocalCluster of N workers (repeatable).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Also write the Markdown here.")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
    coder_kind: Annotated[str, typer.Option(
        "--coder", help="rules, learned or a model directory (as for `dyads code`).")
    ] = "rules",
) -> None:
    """Measure docs, sentences and words per second and peak RSS: bare spaCy nlp.pipe (same
    model and components), dyads on one process, and dyads on several workers."""
    from dyads.bench import run_bench, to_markdown
    from dyads.settings import Settings

    settings = Settings(coder=coder_kind)
    if model:
        settings = dataclasses.replace(settings, model=model)
    try:
        report = run_bench(inputs or [DEFAULT_CORPUS], limit=limit, repeat=max(1, repeat),
                           settings=settings, workers=workers or (), dask_workers=dask or ())
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    text = to_markdown(report)
    if output:
        output.write_text(text, encoding="utf-8")
    typer.echo(text, nl=False)
