"""The `dyads` command line: a thin layer over the library.

Exit codes: 0 all inputs coded; 1 a fatal error (model missing, invalid data file);
2 a usage error; 3 some inputs failed (listed in the error file), the rest were coded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dyads.errors import DyadsError
from dyads.settings import DatePolicy

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dyads.models import CodingResult, Document, Failure
    from dyads.pipeline import Coder
    from dyads.scale import Format
    from dyads.settings import Settings

app = typer.Typer(help="Political event data (PLOVER/CAMEO) from diplomatic news.",
                  no_args_is_help=True, add_completion=False)
kb_app = typer.Typer(help="Inspect and check the actor knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")

EXIT_PARTIAL = 3


def _fail(exc: DyadsError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    output: Annotated[str, typer.Option("-o", "--output",
                                        help="PLOVER JSONL, or - for stdout.")] = "-",
    statements: Annotated[bool, typer.Option(help="Also code CAMEO 01x statements.")] = False,
    errors: Annotated[Path | None, typer.Option(help="Where to write failures (JSONL). "
                                                "Default: OUTPUT.errors.jsonl")] = None,
    commitments: Annotated[Path | None, typer.Option(help="Write commitments (JSONL).")] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of text inputs.")] = "utf-8",
    max_bytes: Annotated[int, typer.Option(help="Largest input file read.")] = 20_000_000,
    kb: Annotated[list[Path] | None,
                  typer.Option(help="Extra actor file (YAML or CAMEO .txt).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
    engine: Annotated[str, typer.Option(help="local, or dask: shards coded on Dask workers, "
                                        "-o a directory of one file per shard (Parquet when "
                                        "its name ends in .parquet); a re-run skips shards "
                                        "already written.")] = "local",
    workers: Annotated[int, typer.Option(help="Worker processes, each loading the model "
                                         "once (with dask: a LocalCluster).")] = 1,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address "
                                                  "(--engine dask).")] = None,
    dates: Annotated[DatePolicy, typer.Option(help="An event's date when the document has a "
                                              "publication date: published (that date; the "
                                              "day the text names goes to date_info.stated) "
                                              "or text (the day the text names).")
                     ] = "published",
) -> None:
    """Code documents into PLOVER JSON lines."""
    from dyads.output import open_output, write_results
    from dyads.pipeline import Coder
    from dyads.readers import read_inputs
    from dyads.settings import Settings

    settings = Settings(statements=statements, kb_extra=tuple(str(p) for p in kb or ()),
                        dates=dates)
    if model:
        settings = dataclasses.replace(settings, model=model)
    if engine != "local":
        _code_dask(inputs, output, settings, engine, workers, scheduler)
        return
    coder = Coder(settings)
    docs = read_inputs(inputs, encoding=encoding, max_bytes=max_bytes)
    if output != "-" and sys.stderr.isatty():
        from tqdm import tqdm

        docs = tqdm(docs, unit="doc", desc="coding", leave=False)
    err_path = errors or (Path(output + ".errors.jsonl") if output != "-" else None)
    try:
        with open_output(output) as out, \
                open_output(commitments) if commitments else _null() as com:
            err_fh = err_path.open("w", encoding="utf-8") if err_path else None
            try:
                summary = write_results(_results(coder, docs, workers), out, com, err_fh)
            finally:
                if err_fh:
                    err_fh.close()
    except DyadsError as exc:
        _fail(exc)
        return
    for f in summary.warnings:
        typer.echo(f"warning: {f.error} ({f.hint})", err=True)
    for f in summary.failures:
        typer.echo(f"error: {f.error} ({f.hint})", err=True)
    typer.echo(f"{summary.documents} documents, {summary.events} events, "
               f"{len(summary.failures)} failed, {len(summary.warnings)} warnings", err=True)
    if err_path and not summary.failures and not summary.warnings:
        err_path.unlink(missing_ok=True)
    if summary.failures:
        typer.echo(f"failures written to {err_path}" if err_path else "", err=True)
        raise typer.Exit(EXIT_PARTIAL)


def _results(coder: Coder, docs: Iterable[Document | Failure], workers: int
             ) -> Iterable[CodingResult | Failure]:
    if workers <= 1:
        return coder.code_documents(docs)
    from dyads.scale import code_parallel

    return code_parallel(docs, coder.settings, workers)


def _code_dask(inputs: list[str], output: str, settings: Settings, engine: str, workers: int,
               scheduler: str | None) -> None:
    from dyads.scale import code_dask

    if engine != "dask" or output == "-":
        typer.echo("error: --engine is local or dask, and dask needs -o DIRECTORY", err=True)
        raise typer.Exit(2)
    fmt: Format = "parquet" if output.rstrip("/").endswith(".parquet") else "jsonl"
    try:
        summary = code_dask(inputs, output, settings=settings, fmt=fmt, scheduler=scheduler,
                            workers=workers)
    except DyadsError as exc:
        _fail(exc)
        return
    typer.echo(f"{len(summary.shards)} shards ({summary.skipped} already done), "
               f"{summary.documents} documents, {summary.events} events, "
               f"{summary.failures} failed", err=True)
    if summary.failures:
        typer.echo(f"failures written to {output}/*.errors.jsonl", err=True)
        raise typer.Exit(EXIT_PARTIAL)


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or short text.")],
    date: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    statements: Annotated[bool, typer.Option(help="Also code statements.")] = False,
) -> None:
    """Show the parse, actors, rules and records for a sentence."""
    from dyads.explain import explain as run_explain
    from dyads.pipeline import Coder
    from dyads.settings import Settings

    published = dt.date.fromisoformat(date) if date else None
    try:
        typer.echo(run_explain(Coder(Settings(statements=statements)), sentence, published))
    except DyadsError as exc:
        _fail(exc)


@kb_app.command("validate")
def kb_validate() -> None:
    """Check every knowledge-base and codebook file against its schema."""
    from dyads.kb.validate import validate

    try:
        report = validate()
    except DyadsError as exc:
        _fail(exc)
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
        _fail(exc)
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


def _register_commands() -> None:
    import importlib

    from dyads.commands import MODULES

    for name in MODULES:
        importlib.import_module(f"dyads.commands.{name}").register(app)


_register_commands()

if __name__ == "__main__":  # pragma: no cover
    app()
