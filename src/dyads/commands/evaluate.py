"""`dyads evaluate`: score coded events against a gold folder or PLOVER gold records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dyads.errors import DyadsError

if TYPE_CHECKING:
    from dyads.pipeline import Coder


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate)


def evaluate(
    gold: Annotated[Path, typer.Argument(help="A gold folder (docs.jsonl + gold.jsonl) or a "
                                         "JSON/JSONL file of PLOVER gold records.")],
    pred: Annotated[Path | None, typer.Option(help="PLOVER JSONL to score. Default: code the "
                                              "gold documents now.")] = None,
    misses: Annotated[int, typer.Option(help="Misses to show per task (task event: per "
                                         "cause).")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    save: Annotated[Path | None, typer.Option(help="Write the events coded for the gold "
                                              "documents here (PLOVER JSONL).")] = None,
    statements: Annotated[bool, typer.Option(help="Also code CAMEO 01x statements.")] = False,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
) -> None:
    """Score PLOVER events against a gold standard: the reference figures per task, precision,
    recall and F1 per type, a confusion matrix, and the misses with their sentences."""
    from dyads.checks.report import format_report
    from dyads.checks.run import run

    try:
        report = run(gold, pred, coder=None if pred else _coder(statements, model), save=save)
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        typer.echo(format_report(report, misses))


def _coder(statements: bool, model: str | None) -> Coder:
    from dyads.pipeline import Coder
    from dyads.settings import Settings

    settings = Settings(statements=statements)
    return Coder(Settings(model, statements) if model else settings)
