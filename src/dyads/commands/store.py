"""CLI for the event database: ingest, events, timeline, actors, commitments, export.

Each command opens the store named by ``--db`` (default ``$DYADS_DB`` or ``dyads.db``) and calls
one function of :mod:`dyads.store`. Exit codes as for ``dyads code``: 0 done, 1 an error,
3 some inputs failed (recorded in the ``failures`` table and listed), the rest were stored,
4 the run stopped (the database connection was lost), 130 interrupted (Ctrl-C); after 4 or
130 the message says how many documents were stored, and the same command goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from dyads.commands.exits import EXIT_INTERRUPTED, EXIT_PARTIAL, EXIT_STOPPED
from dyads.errors import DyadsError

TEXT_WIDTH = 70

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Database: a SQLite file, sqlite:///path.db or postgresql://... "
    "Default: $DYADS_DB, else dyads.db.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")]
LimitOption = Annotated[int | None, typer.Option(help="At most this many rows.")]


def register(app: typer.Typer) -> None:
    for command in (ingest, events, timeline, actors, commitments, export):
        app.command()(command)


@contextmanager
def _open(db: str | None) -> Iterator[Any]:
    from dyads.store import Store

    try:
        with Store.open(db) as store:
            yield store
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date; write YYYY-MM-DD") from None


def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    db: DbOption = None,
    statements: Annotated[bool, typer.Option(help="Also code CAMEO 01x statements.")] = False,
    encoding: Annotated[str, typer.Option(help="Encoding of text inputs.")] = "utf-8",
    max_bytes: Annotated[int, typer.Option(help="Largest input file read.")] = 20_000_000,
    batch_size: Annotated[int, typer.Option(help="Documents per spaCy batch.")] = 32,
    max_chars: Annotated[int, typer.Option(help="Longer documents are coded in pieces of at "
                                           "most this many characters.")] = 50_000,
    kb: Annotated[list[Path] | None, typer.Option(help="Extra actor file.")] = None,
) -> None:
    """Code documents and store them, their events and commitments in the database."""
    from dyads.pipeline import Coder
    from dyads.progress import Progress
    from dyads.readers import count_inputs, read_inputs
    from dyads.settings import Settings
    from dyads.store import IngestReport

    settings = Settings(statements=statements, batch_size=batch_size,
                        kb_extra=tuple(str(p) for p in kb or ()), max_chars=max_chars)
    report = IngestReport()
    progress = Progress(count_inputs(inputs), sys.stderr, label="ingesting")
    with _open(db) as store:
        docs: Any = read_inputs(inputs, encoding=encoding, max_bytes=max_bytes)
        try:
            _ingest(store, docs, Coder(settings), report, progress)
        finally:
            progress.close()
        counts = store.counts()
    for f in report.warnings:
        typer.echo(f"warning: {f.error} ({f.hint})", err=True)
    for f in report.failures:
        typer.echo(f"error: {f.error} ({f.hint})", err=True)
    typer.echo(f"{report.documents} documents stored ({report.replaced} replaced), "
               f"{report.unchanged} unchanged, {report.mentions} event mentions, "
               f"{report.new_events} new events, {len(report.failures)} failed; database: "
               f"{counts['documents']} documents, {counts['events']} events, "
               f"{counts['mentions']} mentions", err=True)
    if report.failures:
        raise typer.Exit(EXIT_PARTIAL)


def _ingest(store: Any, docs: Any, coder: Any, report: Any, progress: Any) -> None:
    """Run the ingest, feeding ``progress``; on a lost connection or Ctrl-C say how many
    documents were stored and how to go on, and exit."""
    from dyads.errors import RunStopped
    from dyads.store import ingest_documents

    class Counted:
        def code_documents(self, items: Any) -> Any:
            for result in coder.code_documents(items):
                if getattr(result, "kind", None) != "warning":
                    progress.update()
                yield result

    try:
        ingest_documents(store, _skipped(docs, report, progress), Counted(), report)
    except KeyboardInterrupt:
        _stopped(report, "interrupted", EXIT_INTERRUPTED)
    except RunStopped as exc:
        typer.echo(f"error: {exc}", err=True)
        _stopped(report, "stopped", EXIT_STOPPED)
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _skipped(docs: Any, report: Any, progress: Any) -> Any:
    """``docs``, counting documents found stored already as done."""
    seen = report.unchanged
    for doc in docs:
        yield doc
        if report.unchanged > seen:
            progress.update(report.unchanged - seen)
            seen = report.unchanged


def _stopped(report: Any, what: str, exit_code: int) -> None:
    typer.echo(f"{what}: {report.documents} documents were stored in this run "
               f"({report.unchanged} found stored already, {len(report.failures)} failed); "
               "every stored document is whole: run the same command again to ingest the "
               "rest", err=True)
    raise typer.Exit(exit_code)


def events(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code, on either side.")] = None,
    dyad: Annotated[str | None, typer.Option(help="A-B: A acts on B (either way for "
                                             "CONSULT, AGREE, COOPERATE).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="To this date, inclusive.")] = None,
    text: Annotated[str | None, typer.Option(help="Words that must all appear.")] = None,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
) -> None:
    """List fused events, oldest first."""
    from dyads.store import EventFilter
    from dyads.store import events as query_events

    flt = EventFilter(actor=actor, dyad=dyad, event_type=event_type, since=_date(since),
                      until=_date(until), text=text, limit=limit)
    with _open(db) as store:
        rows = _run(lambda: query_events(store, flt))
    _emit([r.to_dict() for r in rows], fmt, ("date", "event_type", "cameo", "actor",
                                            "recipient", "quad_code", "event_scale",
                                            "n_mentions", "n_documents", "text"))


def timeline(
    a: Annotated[str, typer.Argument(help="Actor code.")],
    b: Annotated[str, typer.Argument(help="The other actor code.")],
    db: DbOption = None,
    by: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    since: Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="To this date, inclusive.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """Events between A and B per period: counts by quad class and mean intensity."""
    from dyads.store import timeline as query_timeline

    with _open(db) as store:
        rows = _run(lambda: query_timeline(store, a, b, by,  # type: ignore[arg-type]
                                           since=_date(since), until=_date(until)))
    _emit([r.to_dict() for r in rows], fmt, None)


def actors(
    db: DbOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
) -> None:
    """Actor codes with the number of events they take part in."""
    from dyads.store import actors as query_actors

    with _open(db) as store:
        rows = _run(lambda: query_actors(store, limit=limit))
    _emit([r.to_dict() for r in rows], fmt, None)


def commitments(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor code, on either side.")] = None,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
) -> None:
    """Stored commitments: pledges, targets, agreements, planned visits."""
    from dyads.store import commitments as query_commitments

    with _open(db) as store:
        rows = _run(lambda: query_commitments(store, actor=actor, limit=limit))
    _emit([r.to_dict() for r in rows], fmt, None)


def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="plover, cameo, csv or parquet.")] = "plover",
    db: DbOption = None,
    mentions: Annotated[bool, typer.Option(help="PLOVER: one record per coded mention "
                                           "instead of per fused event.")] = False,
    actor: Annotated[str | None, typer.Option(help="Actor code, on either side.")] = None,
    dyad: Annotated[str | None, typer.Option(help="A-B.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="To this date, inclusive.")] = None,
) -> None:
    """Export the events: PLOVER JSONL, CAMEO (Phoenix columns), CSV or Parquet."""
    from dyads.store import EventFilter
    from dyads.store import export as run_export

    flt = EventFilter(actor=actor, dyad=dyad, since=_date(since), until=_date(until))
    with _open(db) as store:
        n = _run(lambda: run_export(store, fmt, output, flt=flt,  # type: ignore[arg-type]
                                    level="mentions" if mentions else "events"))
    typer.echo(f"{n} records written to {output}", err=True)


# ---------------------------------------------------------------------------- output


def _run(fn: Any) -> Any:
    try:
        return fn()
    except DyadsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _emit(rows: list[dict[str, Any]], fmt: str, columns: Sequence[str] | None) -> None:
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    elif fmt == "table":
        typer.echo(render_table(rows, columns))
    else:
        typer.echo(f"error: unknown format {fmt!r} (use table, jsonl or csv)", err=True)
        raise typer.Exit(2)


def render_table(rows: list[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Rows as an aligned text table; long text is cut to fit."""
    if not rows:
        return "(no rows)"
    names = list(columns or rows[0])
    cells = [[_cell(row.get(n)) for n in names] for row in rows]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
              for row in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= TEXT_WIDTH else text[:TEXT_WIDTH - 1] + "…"
