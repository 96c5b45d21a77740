"""Commands that bring documents in and take events out: ingest, docs, export, search."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from watchfloor import pipeline
from watchfloor.cli._util import DEFAULT_DB, DbOpt, DebugOpt, console, err_console, report_errors
from watchfloor.store import Store
from watchfloor.store.export import FORMATS, export_events

PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        help="Reporting period START:END (ISO dates) for documents whose title gives none.",
    ),
]


def parse_period_option(value: str | None) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    try:
        start, end = value.split(":", 1)
        return dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError as err:
        raise typer.BadParameter(f"expected START:END as ISO dates, got {value!r}") from err


def run_batch(
    paths: list[Path], db: Path, *, extract: bool, period: str | None, debug: bool
) -> pipeline.RunSummary:
    """Run the pipeline over ``paths`` with a progress bar, then print the summary table."""
    from watchfloor.places import Gazetteer

    window = parse_period_option(period)
    with report_errors(debug), Store.open(db) as store:
        gazetteer = Gazetteer.open() if extract else None
        with Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(),
            MofNCompleteColumn(), TimeElapsedColumn(), console=err_console, transient=True,
        ) as progress:  # fmt: skip
            task = progress.add_task("reading", total=None)

            def on_progress(done: int, total: int, label: str) -> None:
                progress.update(task, completed=done, total=total, description=escape(label))

            summary = pipeline.run(
                paths, store, gazetteer=gazetteer, extract=extract, period=window,
                on_progress=on_progress, debug=debug,
            )  # fmt: skip
    for failure in summary.failures:
        err_console.print(
            f"{failure.origin}: {failure.reason}: {failure.detail}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    table = Table(title=f"{len(summary.outcomes)} document(s) into {db}")
    table.add_column("status")
    table.add_column("count", justify="right")
    for status, count in sorted(summary.counts.items()):
        table.add_row(status, str(count))
    if extract:
        table.add_row("events", str(summary.events))
    console.print(table)
    return summary


def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    db: DbOpt = DEFAULT_DB,
    period: PeriodOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Read reports in any mix of formats into the database, with their structure.

    Text, Markdown, HTML, PDF, Telegram Desktop exports (result.json) and RSS/Atom
    feeds. Re-ingesting the same content changes nothing; a changed file is stored
    as a new version. A file that cannot be read is reported on one line and the
    batch goes on; the exit code is 1 when any file failed.

    Example: watchfloor ingest reports/ --db watch.db
    """
    summary = run_batch(paths, db, extract=False, period=period, debug=debug)
    if summary.failures:
        raise typer.Exit(1)


docs_app = typer.Typer(help="Browse ingested documents.", no_args_is_help=True)


@docs_app.command("list")
def docs_list_cmd(db: DbOpt = DEFAULT_DB) -> None:
    """List ingested documents with their period and counts.

    Example: watchfloor docs list --db watch.db
    """
    with report_errors(), Store.open(db) as store:
        documents = store.list_documents()
    table = Table(title=f"{len(documents)} document(s)")
    for column in ("id", "period", "sent.", "events"):
        table.add_column(column, no_wrap=True)
    table.add_column("document (file · format · version · title)")
    for d in documents:
        period = f"{d.period_start} – {d.period_end}" if d.period_start else ""
        about = f"{d.name} · {d.format} · v{d.version}\n{d.title[:120]}"
        table.add_row(d.id[:8], period, str(d.sentences), str(d.events), escape(about))
    console.print(table)


@docs_app.command("show")
def docs_show_cmd(
    ref: Annotated[str, typer.Argument(help="Document id (or a prefix of it) or file name.")],
    db: DbOpt = DEFAULT_DB,
    structure: Annotated[
        bool, typer.Option("--structure", help="Show sections and sentences with their flags.")
    ] = False,
) -> None:
    """Show one document: its metadata, and with --structure its section tree and sentences.

    Example: watchfloor docs show 3fa2 --structure --db watch.db
    """
    with report_errors(), Store.open(db) as store:
        document = store.get_document(ref)
        sentences = store.document_sentences(document.id) if structure else []
    console.print(f"[bold]{escape(document.title)}[/bold]")
    console.print(
        f"id {document.id} · {document.format} · {escape(document.origin)} · period "
        f"{document.period_start or '?'} – {document.period_end or '?'}",
        highlight=False,
    )
    if not structure:
        return
    current = None
    for sent in sentences:
        if sent.section_path != current:
            current = sent.section_path
            console.print(f"\n[bold cyan]§ {escape(current or '(no section)')}[/bold cyan]")
        flags = f" [magenta]{' '.join(sent.flags)}[/magenta]" if sent.flags else ""
        console.print(f"  [dim]{sent.n:>4} {sent.block_kind:<9}[/dim]{flags} {escape(sent.text)}")
        for citation in sent.citations:
            console.print(f"         [green]↳ {escape(citation)}[/green]")


def export_cmd(
    out: Annotated[Path, typer.Option("--out", help="File to write.", dir_okay=False)],
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}.")] = "csv",
    country: Annotated[str | None, typer.Option(help="Only events in this country.")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after (ISO date).")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before (ISO date).")] = None,
) -> None:
    """Export events as ACLED-style CSV, JSON Lines, GeoJSON or Parquet.

    Example: watchfloor export --db watch.db --format geojson --out events.geojson
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    with report_errors(), Store.open(db) as store:
        try:
            events = store.iter_events(
                country=country,
                since=dt.date.fromisoformat(since) if since else None,
                until=dt.date.fromisoformat(until) if until else None,
            )
        except ValueError as err:
            raise typer.BadParameter(str(err)) from err
        n = export_events(events, out, fmt)
    console.print(f"{n} event(s) written to {escape(str(out))}")


def search_cmd(
    query: Annotated[str, typer.Argument(help="Words to find (full-text, as a phrase).")],
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="At most this many sentences.")] = 20,
) -> None:
    """Search every ingested sentence (SQLite FTS5).

    Example: watchfloor search "car bomb" --db watch.db
    """
    with report_errors(), Store.open(db) as store:
        hits = store.search_sentences(query, limit=limit)
    for name, text in hits:
        console.print(f"[dim]{escape(name)}[/dim] {escape(text)}")


def register(app: typer.Typer) -> None:
    """Add ingest, docs, export and search to the root app."""
    app.command("ingest")(ingest_cmd)
    app.add_typer(docs_app, name="docs")
    app.command("export")(export_cmd)
    app.command("search")(search_cmd)
