"""Commands of the 'brief' group: ``brief``, ``trends``, ``alerts``."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from watchfloor.cli._util import DEFAULT_DB, DbOpt, DebugOpt, console, report_errors

WeekOpt = Annotated[
    dt.datetime,
    typer.Option("--week", formats=["%Y-%m-%d"], help="First day of the week (7 days from it)."),
]


LatestWeekOpt = Annotated[
    dt.datetime | None,
    typer.Option(
        "--week",
        formats=["%Y-%m-%d"],
        help="First day of the week (7 days from it); default: the newest document's period.",
    ),
]


def brief_cmd(
    out: Annotated[
        Path, typer.Option("--out", help="Output file; its suffix picks the format: .html .md .pdf")
    ],
    week: LatestWeekOpt = None,
    db: DbOpt = DEFAULT_DB,
    weeks_back: Annotated[int, typer.Option(help="Weeks of history in the charts.")] = 8,
    containing: Annotated[
        bool, typer.Option("--containing", help="Use the Monday-to-Sunday week holding --week.")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Write the weekly brief for the week starting at --week.

    Example: watchfloor brief --db watch.db --week 2020-02-13 --out brief.html
    """
    from watchfloor.brief import BriefFormat, render_brief, week_containing
    from watchfloor.errors import BriefError
    from watchfloor.store import Store

    with report_errors(debug):
        formats: dict[str, BriefFormat] = {".html": "html", ".md": "md", ".pdf": "pdf"}
        fmt = formats.get(out.suffix.lower())
        if fmt is None:
            raise BriefError("bad-format", f"{out.name}: use a .html, .md or .pdf file name")
        with Store.open(db) as store:
            start = week.date() if week else store.latest_period_start()
            if start is None:
                raise BriefError("empty-database", f"{db}: no documents or events to brief on")
            if containing:
                start = week_containing(start)
            data = render_brief(store, week_start=start, fmt=fmt, weeks_back=weeks_back)
        if isinstance(data, bytes):
            out.write_bytes(data)
        else:
            out.write_text(data, encoding="utf-8")
        console.print(f"Wrote {out} ({out.stat().st_size:,} bytes), week from {start.isoformat()}")


def trends_cmd(
    db: DbOpt = DEFAULT_DB,
    by: Annotated[
        str,
        typer.Option(
            help="Comma-separated: week, month, country, admin1, actor, unit, "
            "event_type, sub_event_type."
        ),
    ] = "week",
    actor: Annotated[
        str | None, typer.Option(help="Only events with this actor1 or actor2.")
    ] = None,
    country: Annotated[str | None, typer.Option(help="Only events in this country.")] = None,
    weeks: Annotated[
        int, typer.Option(help="Weeks to show, ending at the last event; 0: all.")
    ] = 12,
    csv_path: Annotated[
        Path | None, typer.Option("--csv", help="Also write the table as CSV.")
    ] = None,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also write an SVG bar chart.")
    ] = None,
    debug: DebugOpt = False,
) -> None:
    """Count events and fatalities by period and group, with change and baseline.

    Example: watchfloor trends --db watch.db --by week,admin1 --actor "Islamic State" --weeks 12
    """
    from watchfloor.analyse import trends
    from watchfloor.brief.charts import PALETTE, Series, bar_chart
    from watchfloor.store import Store

    with report_errors(debug):
        with Store.open(db) as store:
            table = trends(
                store, by=by.split(","), actor=actor, country=country, weeks=weeks or None
            )
        head, records = table.header(), table.records()
        if csv_path:
            with csv_path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(head)
                writer.writerows(records)
        if chart:
            labels = [" / ".join(r[: len(head) - (6 if table.period else 2)]) for r in records]
            values = tuple(float(r.count) for r in table.rows)
            svg = bar_chart(
                labels[:60],
                [Series("events", values[:60], PALETTE[0])],
                title=f"Events by {', '.join(table.by)} (first 60 rows)",
                width=max(640, 14 * len(labels[:60])),
            )
            chart.write_text(svg, encoding="utf-8")
        view = Table(*head)
        for record in records[:200]:
            view.add_row(*record)
        console.print(view)
        if len(records) > 200:
            console.print(f"... {len(records) - 200} more rows (use --csv)")


def alerts_cmd(week: WeekOpt, db: DbOpt = DEFAULT_DB, debug: DebugOpt = False) -> None:
    """List what is new or rising in the week starting at --week.

    Example: watchfloor alerts --db watch.db --week 2020-02-13
    """
    from watchfloor.analyse import alerts
    from watchfloor.store import Store

    with report_errors(debug):
        with Store.open(db) as store:
            found = alerts(store, week_start=week.date())
        view = Table("kind", "subject", "detail", "events")
        for alert in found:
            view.add_row(alert.kind, alert.subject, alert.detail, ", ".join(alert.event_ids[:5]))
        console.print(view)
        console.print(f"{len(found)} alert(s)")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the root app."""
    app.command("brief")(brief_cmd)
    app.command("trends")(trends_cmd)
    app.command("alerts")(alerts_cmd)
