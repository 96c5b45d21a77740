"""Commands of incidents and the knowledge base: resolve, incidents, incident, actors, kb."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from watchfloor import resolve
from watchfloor.cli._util import DEFAULT_DB, DbOpt, DebugOpt, console, err_console, report_errors
from watchfloor.store import Store

ByOpt = Annotated[str, typer.Option("--by", help="Who makes this decision (kept in the audit).")]


def _num(value: int | None) -> str:
    return "-" if value is None else str(value)


def resolve_cmd(
    db: DbOpt = DEFAULT_DB,
    full: Annotated[
        bool, typer.Option("--full", help="Redo automatic links (manual ones are kept).")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Merge reports into incidents (idempotent, incremental).

    Example: watchfloor resolve --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=err_console, transient=True,
        ) as progress:  # fmt: skip
            task = progress.add_task("resolving", total=None)

            def on_progress(done: int, total: int, label: str) -> None:
                progress.update(task, completed=done, total=total, description=label)

            summary = resolve.merge_incidents(store, full=full, on_progress=on_progress)
    table = Table(title=f"resolve (operation {summary.operation})")
    table.add_column("outcome")
    table.add_column("count", justify="right")
    for label, value in (
        ("reports processed", summary.processed), ("joined an incident", summary.linked),
        ("new incidents", summary.new_incidents), ("vague, several candidates", summary.ambiguous),
        ("undated (kept alone)", summary.undated), ("re-extracted", summary.relinked_stale),
        ("new actor proposals", summary.proposals),
    ):  # fmt: skip
        table.add_row(label, str(value))
    console.print(table)


def incidents_cmd(
    db: DbOpt = DEFAULT_DB,
    since: Annotated[str | None, typer.Option("--since", help="ISO date, inclusive.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="ISO date, inclusive.")] = None,
    debug: DebugOpt = False,
) -> None:
    """List incidents with their reports and headline figures.

    Example: watchfloor incidents --db watch.db --since 2020-02-13 --until 2020-02-19
    """
    with report_errors(debug), Store.open(db) as store:
        views = resolve.list_incidents(store, since=_date(since), until=_date(until))
    table = Table(title=f"{len(views)} incident(s)")
    for col in ("id", "date", "type", "place", "actor1", "reports", "killed", "wounded", "claimed"):
        table.add_column(col)
    for view in views:
        head = view.headline
        claimed = f"{head.claimed_killed} ({head.claimed_by})" if head.claimed_killed else "-"
        table.add_row(
            str(view.id), str(view.event_date or "?"), escape(view.sub_event_type),
            escape(view.location), escape(view.actor1 or "-"), str(len(view.reports)),
            _num(head.killed), _num(head.wounded), escape(claimed),
        )  # fmt: skip
    console.print(table)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise typer.BadParameter(f"expected an ISO date, got {value!r}") from err


incident_app = typer.Typer(help="One incident: show, split, merge, move a report, undo.")


@incident_app.command("show")
def incident_show_cmd(
    incident_id: Annotated[int, typer.Argument(help="Incident id (see: watchfloor incidents).")],
    db: DbOpt = DEFAULT_DB,
    debug: DebugOpt = False,
) -> None:
    """Show every report of an incident side by side, with figures per source.

    Example: watchfloor incident show 12 --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        view = resolve.get_incident(store, incident_id)
    console.print(
        f"Incident {view.id}: {escape(view.sub_event_type)} at {escape(view.location)}, "
        f"{view.event_date or '?'}",
        highlight=False,
    )
    table = Table(title="Reports and figures per source")
    for col in ("report", "date"):
        table.add_column(col, no_wrap=True)
    for col in ("source(s)", "claim", "killed", "wounded", "k-or-w", "link"):
        table.add_column(col)
    for fig in view.figures:
        table.add_row(
            escape(fig.event_id), str(fig.event_date or "?"), escape("; ".join(fig.sources)),
            escape(f"claimed by {fig.claimed_by}") if fig.is_claim else "independent",
            (fig.casualty_qualifier + " " if fig.casualty_qualifier else "") + _num(fig.killed),
            _num(fig.wounded), _num(fig.killed_or_wounded), f"{fig.method} {fig.score:.2f}",
        )  # fmt: skip
    console.print(table)
    head = view.headline
    console.print(f"Headline: killed {_num(head.killed)}, wounded {_num(head.wounded)}",
                  highlight=False)  # fmt: skip
    if head.claimed_by and (head.claimed_killed is not None or head.claimed_wounded is not None):
        console.print(
            f"Claimed by {escape(head.claimed_by)}: killed {_num(head.claimed_killed)}, "
            f"wounded {_num(head.claimed_wounded)}",
            highlight=False,
        )
    console.print(f"Rule: {resolve.HEADLINE_RULE}", highlight=False)
    for _link, event in view.reports:
        console.print(f"[bold]{escape(event.id)}[/bold] {escape(event.evidence[:400])}")


@incident_app.command("split")
def incident_split_cmd(
    incident_id: Annotated[int, typer.Argument(help="The incident to split.")],
    reports: Annotated[list[str], typer.Argument(help="Event ids to move to a new incident.")],
    db: DbOpt = DEFAULT_DB,
    by: ByOpt = "analyst",
    debug: DebugOpt = False,
) -> None:
    """Move reports out of an incident into a new one (kept apart by later runs).

    Example: watchfloor incident split 12 "bulletin-0214#3" --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        new_id = resolve.split_incident(store, incident_id, reports, by=by)
    console.print(f"split: new incident {new_id}")


@incident_app.command("merge")
def incident_merge_cmd(
    incident_ids: Annotated[list[int], typer.Argument(help="Two or more incident ids.")],
    db: DbOpt = DEFAULT_DB,
    by: ByOpt = "analyst",
    debug: DebugOpt = False,
) -> None:
    """Merge incidents into the lowest id (kept together by later runs).

    Example: watchfloor incident merge 12 15 --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        target = resolve.merge_incidents_manual(store, incident_ids, by=by)
    console.print(f"merged into incident {target}")


@incident_app.command("move")
def incident_move_cmd(
    report: Annotated[str, typer.Argument(help="Event id of the report.")],
    incident_id: Annotated[int, typer.Argument(help="The incident it belongs to.")],
    db: DbOpt = DEFAULT_DB,
    by: ByOpt = "analyst",
    debug: DebugOpt = False,
) -> None:
    """Move one report to another incident.

    Example: watchfloor incident move "bulletin-0214#3" 15 --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        resolve.move_report(store, report, incident_id, by=by)
    console.print(f"moved {escape(report)} to incident {incident_id}")


@incident_app.command("undo")
def incident_undo_cmd(
    operation: Annotated[int, typer.Argument(help="Operation id (see: incident history).")],
    db: DbOpt = DEFAULT_DB,
    by: ByOpt = "analyst",
    debug: DebugOpt = False,
) -> None:
    """Undo a split, merge, move or resolve run.

    Example: watchfloor incident undo 42 --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        op = resolve.undo_operation(store, operation, by=by)
    console.print(f"undone operation {operation} (as operation {op})")


@incident_app.command("history")
def incident_history_cmd(
    incident_id: Annotated[int, typer.Argument(help="Incident id.")],
    db: DbOpt = DEFAULT_DB,
    debug: DebugOpt = False,
) -> None:
    """List the audited operations on an incident (ids for incident undo).

    Example: watchfloor incident history 12 --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        rows = resolve.incident_history(store, incident_id)
    table = Table(title=f"history of incident {incident_id}")
    for col in ("operation", "at", "by", "action", "after"):
        table.add_column(col)
    for row in rows:
        table.add_row(str(row.id), row.at, escape(row.actor), row.action, escape(str(row.after)))
    console.print(table)


actors_app = typer.Typer(help="Organisations of the knowledge base, and proposals to review.")


@actors_app.command("list")
def actors_list_cmd(db: DbOpt = DEFAULT_DB, debug: DebugOpt = False) -> None:
    """List the organisations of the knowledge base.

    Example: watchfloor actors list --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        kb = resolve.KnowledgeBase.from_store(store)
    table = Table(title=f"{len(kb.orgs)} organisation(s)")
    for col in ("canonical", "kind", "parent", "aliases"):
        table.add_column(col)
    for org in sorted(kb.orgs.values(), key=lambda o: o.canonical.lower()):
        table.add_row(escape(org.canonical), org.kind, escape(org.parent or "-"),
                      escape(", ".join(a.name for a in org.aliases[:6])))  # fmt: skip
    console.print(table)


@actors_app.command("show")
def actors_show_cmd(
    name: Annotated[str, typer.Argument(help="Any name or alias of the organisation.")],
    db: DbOpt = DEFAULT_DB,
    debug: DebugOpt = False,
) -> None:
    """Show an organisation: aliases with dates, branches, relations, people, events.

    Example: watchfloor actors show "Islamic State" --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        view = resolve.show_actor(store, name)
    org = view.org
    console.print(f"[bold]{escape(org.canonical)}[/bold] ({org.kind})"
                  + (f", branch of {escape(org.parent)}" if org.parent else ""))  # fmt: skip
    for alias in org.aliases:
        when = f" {alias.valid_from or '…'} to {alias.valid_to or '…'}" if (
            alias.valid_from or alias.valid_to) else ""  # fmt: skip
        lang = escape(f" [{alias.lang}]") if alias.lang else ""
        console.print(f"  alias: {escape(alias.name)}{when}{lang}", highlight=False)
    for rel in org.relations:
        console.print(f"  {rel.relation} {escape(rel.other)}", highlight=False)
    if view.branches:
        console.print("  branches: " + escape(", ".join(view.branches)), highlight=False)
    if view.people:
        console.print("  people: " + escape(", ".join(view.people)), highlight=False)
    console.print(f"  events: {view.events}, first seen {view.first_seen or '-'}, "
                  f"last seen {view.last_seen or '-'}", highlight=False)  # fmt: skip


@actors_app.command("review")
def actors_review_cmd(
    name: Annotated[str | None, typer.Argument(help="The proposed name to decide.")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="Add as a new organisation.")] = False,
    into: Annotated[
        str | None, typer.Option("--merge-into", help="Add as an alias of this organisation.")
    ] = None,
    reject: Annotated[bool, typer.Option("--reject", help="Never propose it again.")] = False,
    db: DbOpt = DEFAULT_DB,
    by: ByOpt = "analyst",
    debug: DebugOpt = False,
) -> None:
    """List names seen in events but not in the KB, or decide one.

    Example: watchfloor actors review "Ansar al-Islam" --merge-into "Islamic State" --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        if name is None:
            proposals = resolve.pending_proposals(store)
            table = Table(title=f"{len(proposals)} pending proposal(s)")
            for col in ("name", "seen", "first event"):
                table.add_column(col)
            for p in proposals:
                table.add_row(escape(p.name), str(p.seen), escape(p.first_event or "-"))
            console.print(table)
            return
        if sum((accept, into is not None, reject)) != 1:
            raise typer.BadParameter("give one of --accept, --merge-into NAME, --reject")
        decision = "accept" if accept else "merge" if into else "reject"
        result = resolve.review_proposal(store, name, decision, into=into, actor=by)
    console.print(f"{escape(result.name)}: {result.status}"
                  + (f" ({escape(result.target)})" if result.target else ""))  # fmt: skip


people_app = typer.Typer(help="People of the knowledge base.")


@people_app.command("show")
def people_show_cmd(
    name: Annotated[str, typer.Argument(help="A name or kunya of the person.")],
    db: DbOpt = DEFAULT_DB,
    debug: DebugOpt = False,
) -> None:
    """Show a person: names, roles over time with sources, fates, mentions in events.

    Example: watchfloor people show "Abu Ibrahim al-Hashemi al-Qurashi" --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        view = resolve.show_person(store, name)
    person = view.person
    org = f" ({escape(person.organisation)})" if person.organisation else ""
    console.print(f"[bold]{escape(person.name)}[/bold]{org}")
    for written, kind in person.names:
        console.print(f"  {kind}: {escape(written)}", highlight=False)
    table = Table(title="roles")
    for col in ("role", "organisation", "start", "end", "source"):
        table.add_column(col)
    for role in person.roles:
        table.add_row(escape(role.role), escape(role.organisation or "-"), role.start or "-",
                      role.end or "-", escape(role.source or "-"))  # fmt: skip
    console.print(table)
    for fate in person.fates:
        console.print(f"  {fate.fate} {fate.date or '(date unknown)'} {escape(fate.place or '')}"
                      f" — {escape(fate.source or '')}", highlight=False)  # fmt: skip
    for event_id, date, mention in view.mentions:
        console.print(f"  in {escape(event_id)} ({date or '?'}): {escape(mention.role or '-')}"
                      f" {escape(mention.fate or '')}", highlight=False)  # fmt: skip


kb_app = typer.Typer(help="Export and import the knowledge base.")


@kb_app.command("export")
def kb_export_cmd(
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="json (JSON Lines) or csv.")] = "json",
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Export the knowledge base (JSON Lines re-imports with kb import).

    Example: watchfloor kb export --format json --out kb.jsonl --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        text = resolve.export_kb(store, fmt)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}")


@kb_app.command("import")
def kb_import_cmd(
    path: Annotated[Path, typer.Argument(help="A KB JSON Lines file (the export format).")],
    db: DbOpt = DEFAULT_DB,
    by: ByOpt = "analyst",
    debug: DebugOpt = False,
) -> None:
    """Add organisations and people from a file (nothing is removed).

    Example: watchfloor kb import my-actors.jsonl --db watch.db
    """
    with report_errors(debug), Store.open(db) as store:
        orgs, people = resolve.import_kb(store, path, actor=by)
    console.print(f"imported {orgs} organisation(s) and {people} person(s)")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
    app.command("resolve")(resolve_cmd)
    app.command("incidents")(incidents_cmd)
    app.add_typer(incident_app, name="incident")
    app.add_typer(actors_app, name="actors")
    app.add_typer(people_app, name="people")
    app.add_typer(kb_app, name="kb")
