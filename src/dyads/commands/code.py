"""`dyads code`: documents in, PLOVER JSON lines out (exit codes: :mod:`dyads.cli`)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dyads.commands.exits import EXIT_INTERRUPTED, EXIT_PARTIAL, EXIT_STOPPED, fail
from dyads.errors import DyadsError, RunStopped
from dyads.settings import DatePolicy, Settings

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from dyads.journal import Journal
    from dyads.models import CodingResult, Document, Failure
    from dyads.output import RunSummary
    from dyads.pipeline import Coder
    from dyads.progress import Progress
    from dyads.scale import Format


def register(app: typer.Typer) -> None:
    app.command()(code)


def code(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    output: Annotated[str, typer.Option("-o", "--output",
                                        help="PLOVER JSONL, or - for stdout.")] = "-",
    statements: Annotated[bool, typer.Option(help="Also code CAMEO 01x statements.")] = False,
    errors: Annotated[Path | None, typer.Option(help="Where to write failures and warnings "
                                                "(JSONL). Default: OUTPUT.errors.jsonl")] = None,
    commitments: Annotated[Path | None, typer.Option(help="Write commitments (JSONL).")] = None,
    encoding: Annotated[str, typer.Option(help="Encoding of text inputs (a UTF-16/32 "
                                          "byte-order mark is always followed).")] = "utf-8",
    max_bytes: Annotated[int, typer.Option(help="Largest input file read.")] = 20_000_000,
    max_chars: Annotated[int, typer.Option(help="Longer documents are coded in pieces of at "
                                           "most this many characters, cut at paragraph "
                                           "breaks (bounds memory).")] = Settings.max_chars,
    resume: Annotated[bool, typer.Option(help="Go on with an earlier run into the same -o: "
                                         "code only documents that are new or changed "
                                         "(OUTPUT.progress.jsonl says what was written), "
                                         "drop the records of removed ones.")] = False,
    kb: Annotated[list[Path] | None,
                  typer.Option(help="Extra actor file (YAML or CAMEO .txt).")] = None,
    model: Annotated[str | None, typer.Option(help="spaCy model package.")] = None,
    engine: Annotated[str, typer.Option(help="local, or dask: shards coded on Dask workers, "
                                        "-o a directory of one file per shard (Parquet when "
                                        "its name ends in .parquet); shards are named by "
                                        "their content, so a re-run codes only what is new "
                                        "or changed.")] = "local",
    workers: Annotated[int, typer.Option(help="Worker processes, each loading the model "
                                         "once (with dask: a LocalCluster).")] = 1,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address "
                                                  "(--engine dask).")] = None,
    batch_size: Annotated[int, typer.Option(help="Documents per spaCy batch (and per chunk "
                                            "sent to a worker).")] = Settings.batch_size,
    shard_size: Annotated[int, typer.Option(help="Documents per Dask shard, on average "
                                            "(--engine dask).")] = 200,
    dates: Annotated[DatePolicy, typer.Option(help="An event's date when the document has a "
                                              "publication date: published (that date; the "
                                              "day the text names goes to date_info.stated) "
                                              "or text (the day the text names).")
                     ] = "published",
    coder_kind: Annotated[str, typer.Option(
        "--coder", help="rules (the default: the rules alone), learned (the rules' records "
                        "reviewed by the shipped model: docs/model.md) or a model directory "
                        "from `dyads train`.")] = "rules",
) -> None:
    """Code documents into PLOVER JSON lines."""
    from dyads.pipeline import Coder
    from dyads.readers import read_inputs

    if max_chars < 1_000:
        typer.echo("error: --max-chars must be 1000 or more", err=True)
        raise typer.Exit(2)
    if batch_size < 1 or shard_size < 1:
        typer.echo("error: --batch-size and --shard-size must be 1 or more", err=True)
        raise typer.Exit(2)
    settings = Settings(statements=statements, kb_extra=tuple(str(p) for p in kb or ()),
                        dates=dates, max_chars=max_chars, batch_size=batch_size,
                        coder=coder_kind)
    if model:
        settings = dataclasses.replace(settings, model=model)
    if engine != "local":
        _code_dask(inputs, output, settings, engine, workers, scheduler, shard_size)
        return
    if resume and output == "-":
        typer.echo("error: --resume needs -o FILE (it goes on with that file)", err=True)
        raise typer.Exit(2)
    coder = Coder(settings)
    progress = _progress(inputs, output, "coding")
    docs = read_inputs(inputs, encoding=encoding, max_bytes=max_bytes)
    err_path = errors or (Path(output + ".errors.jsonl") if output != "-" else None)
    try:
        journal = _journal(output, commitments, resume)
    except OSError as exc:
        fail(DyadsError(f"cannot write {output}: {exc}", "check the path and permissions"))
        return
    summary = _run_code(coder, docs, workers, output, commitments, err_path, journal, progress)
    _report_code(summary, err_path, journal)


def _progress(inputs: list[str], output: str, label: str) -> Progress:
    """A progress display on stderr (none for output to stdout on a terminal)."""
    from dyads.progress import Progress
    from dyads.readers import count_inputs

    tty = sys.stderr.isatty()
    total = count_inputs(inputs) if (tty or output != "-") else None
    return Progress(total, sys.stderr, label=label, tty=tty and output != "-")


def _journal(output: str, commitments: Path | None, resume: bool) -> Journal | None:
    from dyads.journal import Journal

    if output == "-":
        return None
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    return Journal.start(Path(output), commitments, resume=resume)


def _run_code(coder: Coder, docs: Iterable[Document | Failure], workers: int, output: str,
              commitments: Path | None, err_path: Path | None, journal: Journal | None,
              progress: Progress) -> RunSummary:
    """Code and write everything; on Ctrl-C or a dead worker say what was written, exit."""
    from dyads.output import RunSummary, open_output, write_results

    summary = RunSummary()
    if journal is not None:
        docs = journal.select(docs, skipped=progress.update)
    append = journal is not None and journal.resuming
    try:
        with open_output(output, append=append) as out, \
                open_output(commitments, append=append) if commitments else _null() as com:
            err_fh = err_path.open("w", encoding="utf-8") if err_path else None
            try:
                written = (lambda doc_id: journal.done(doc_id, out, com)) if journal else None
                write_results(_counted(_results(coder, docs, workers), progress), out, com,
                              err_fh, summary=summary, written=written)
            finally:
                if err_fh:
                    err_fh.close()
                progress.close()
        if journal is not None:
            journal.finish()
    except KeyboardInterrupt:
        _stopped(summary, output, "interrupted", EXIT_INTERRUPTED)
    except RunStopped as exc:
        typer.echo(f"error: {exc}", err=True)
        _stopped(summary, output, "stopped", EXIT_STOPPED)
    except DyadsError as exc:
        fail(exc)
    finally:
        if journal is not None:
            journal.close()
    return summary


def _counted(results: Iterable[CodingResult | Failure], progress: Progress
             ) -> Iterator[CodingResult | Failure]:
    from dyads.errors import is_warning

    for result in results:
        if not is_warning(result):
            progress.update()
        yield result


def _stopped(summary: RunSummary, output: str, what: str, exit_code: int) -> None:
    where = f" to {output}" if output != "-" else ""
    again = ("run the same command with --resume to code the rest" if output != "-"
             else "run it again with -o FILE and --resume to be able to go on")
    typer.echo(f"{what}: {summary.documents} documents ({summary.events} events) were "
               f"written{where}, {len(summary.failures)} failed; {again}", err=True)
    raise typer.Exit(exit_code)


def _report_code(summary: RunSummary, err_path: Path | None, journal: Journal | None) -> None:
    for f in summary.warnings:
        typer.echo(f"warning: {f.error} ({f.hint})", err=True)
    for f in summary.failures:
        typer.echo(f"error: {f.error} ({f.hint})", err=True)
    resumed = ""
    if journal is not None and journal.resuming:
        c = journal.counts
        resumed = (f" (resumed: {c.new} new, {c.unchanged} unchanged, {c.fixed} changed, "
                   f"{c.removed} removed)")
    typer.echo(f"{summary.documents} documents, {summary.events} events, "
               f"{len(summary.failures)} failed, {len(summary.warnings)} warnings{resumed}",
               err=True)
    if err_path and not summary.failures and not summary.warnings:
        err_path.unlink(missing_ok=True)
    if summary.failures or summary.warnings:
        typer.echo(f"failures and warnings written to {err_path}" if err_path else "", err=True)
    if summary.failures:
        raise typer.Exit(EXIT_PARTIAL)


def _results(coder: Coder, docs: Iterable[Document | Failure], workers: int
             ) -> Iterable[CodingResult | Failure]:
    if workers <= 1:
        return coder.code_documents(docs)
    from dyads.scale import code_parallel

    return code_parallel(docs, coder.settings, workers)


def _code_dask(inputs: list[str], output: str, settings: Settings, engine: str, workers: int,
               scheduler: str | None, shard_size: int) -> None:
    from dyads.scale import code_dask

    if engine != "dask" or output == "-":
        typer.echo("error: --engine is local or dask, and dask needs -o DIRECTORY", err=True)
        raise typer.Exit(2)
    fmt: Format = "parquet" if output.rstrip("/").endswith(".parquet") else "jsonl"
    try:
        summary = code_dask(inputs, output, settings=settings, fmt=fmt, scheduler=scheduler,
                            workers=workers, shard_size=shard_size)
    except KeyboardInterrupt:
        typer.echo(f"interrupted: the shards finished so far are in {output}; run the same "
                   "command again to code the rest", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except DyadsError as exc:
        fail(exc)
        return
    coded = len(summary.shards) - summary.skipped
    typer.echo(f"{len(summary.shards)} shards: {coded} new or changed ({summary.documents} "
               f"documents, {summary.events} events, {summary.failures} failed), "
               f"{summary.skipped} unchanged, {summary.stale} stale removed", err=True)
    if summary.failures:
        typer.echo(f"failures written to {output}/*.errors.jsonl", err=True)
        raise typer.Exit(EXIT_PARTIAL)


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
