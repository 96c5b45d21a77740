"""Commands of the extraction stage: extract, events, uncoded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from watchfloor import pipeline
from watchfloor.cli._util import DEFAULT_DB, DebugOpt, console, print_error, report_errors
from watchfloor.errors import GazetteerError, WatchfloorError
from watchfloor.ingest import iter_inputs
from watchfloor.models import Event

FORMATS = ("jsonl", "table")


def event_to_json(event: Event) -> dict[str, Any]:
    """One event as the guide's JSON object: every field, dates ISO, spans as lists."""
    row = dataclasses.asdict(event)
    row["event_date"] = event.event_date.isoformat() if event.event_date else None
    row["sources"] = [
        {"name": s.name, "date": s.date.isoformat() if s.date else None} for s in event.sources
    ]
    row["also_in"] = list(event.also_in)
    row["evidence_span"] = list(event.evidence_span) if event.evidence_span else None
    row["provenance"] = {name: list(span) for name, span in event.provenance.items()}
    return row


def _events_table(events: list[Event], title: str) -> Table:
    table = Table(title=title)
    for column in ("id", "date", "type", "actor1", "actor2", "place", "k", "w", "claimed"):
        table.add_column(column)
    for event in events:
        place = event.location_text or event.admin1 or event.country or ""
        table.add_row(
            escape(event.id), str(event.event_date or ""), escape(event.sub_event_type),
            escape(event.actor1 or ""), escape(event.actor2 or ""), escape(place),
            "" if event.killed is None else str(event.killed),
            "" if event.wounded is None else str(event.wounded),
            escape(event.claimed_by or ""),
        )  # fmt: skip
    return table


def _open_gazetteer() -> Any:
    from watchfloor.places import Gazetteer

    try:
        return Gazetteer.open()
    except GazetteerError:
        return None  # events keep their place names; coordinates stay empty


def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    output: Annotated[
        str, typer.Option("--format", help="jsonl (one event per line) or table.")
    ] = "jsonl",
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Store the events in this SQLite file instead of printing.", dir_okay=False
        ),
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Code the events of reports: ingest, segment, extract and geocode them.

    Without --db the events go to stdout, one JSON object per line with every field
    of the event guide; with --db they are stored (re-running skips unchanged files).

    Example: watchfloor extract bulletin.txt --format jsonl
    """
    if output not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if db is not None:
        from watchfloor.cli.documents import run_batch

        summary = run_batch(paths, db, extract=True, period=None, debug=debug)
        if summary.failures:
            raise typer.Exit(1)
        return
    events: list[Event] = []
    failed = 0
    with report_errors(debug):
        gazetteer = _open_gazetteer()
        files = list(iter_inputs(paths))
    for path in files:
        try:  # one bad file is reported and skipped: the batch goes on
            coded_docs = pipeline.code_path(path, gazetteer=gazetteer)
        except WatchfloorError as err:
            if debug:
                raise
            failed += 1
            print_error(err)
            continue
        for coded in coded_docs:
            if output == "jsonl":  # stream: what was coded is out even if a later file fails
                for event in coded.extraction.events:
                    typer.echo(json.dumps(event_to_json(event), ensure_ascii=False))
            events.extend(coded.extraction.events)
    if output == "table":
        console.print(_events_table(events, f"{len(events)} event(s)"))
    if failed:
        raise typer.Exit(1)


def events_cmd(
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.", dir_okay=False)] = (
        DEFAULT_DB
    ),
    country: Annotated[str | None, typer.Option("--country", help="Only this country.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only events on or after this ISO date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only events on or before this ISO date.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many.")] = None,
    output: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """List stored events, filtered by country and date.

    Example: watchfloor events --db watch.db --country Iraq --since 2020-02-01
    """
    from watchfloor.store import Store

    start, end = _iso(since, "--since"), _iso(until, "--until")
    with report_errors(), Store.open(db) as store:
        events = store.query_events(country=country, since=start, until=end, limit=limit)
    if output == "jsonl":
        for event in events:
            typer.echo(json.dumps(event_to_json(event), ensure_ascii=False))
        return
    console.print(_events_table(events, f"{len(events)} event(s)"))


def uncoded_cmd(
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.", dir_okay=False)] = (
        DEFAULT_DB
    ),
) -> None:
    """List sentences with attack wording or casualty figures that produced no event.

    Example: watchfloor uncoded --db watch.db
    """
    from watchfloor.store import Store

    with report_errors(), Store.open(db) as store:
        rows = store.list_uncoded()
    table = Table(title=f"{len(rows)} uncoded sentence(s)")
    table.add_column("document")
    table.add_column("sentence")
    for name, sentence in rows:
        table.add_row(escape(name), escape(sentence))
    console.print(table)


def _iso(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(f"{option} expects an ISO date, got {value!r}") from err


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
    app.command("extract")(extract_cmd)
    app.command("events")(events_cmd)
    app.command("uncoded")(uncoded_cmd)
