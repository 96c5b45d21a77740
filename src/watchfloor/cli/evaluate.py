"""``watchfloor eval``: precision, recall, F1 and field accuracy against a gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from watchfloor.cli._util import DebugOpt, console, report_errors
from watchfloor.evaluate import EvalReport, EventRecord, evaluate_gold

EVIDENCE_CHARS = 240


def _pct(value: float) -> str:
    return f"{value:.3f}"


def _counts_table(report: EvalReport) -> Table:
    table = Table(title="Events (guide section 6 matching)")
    for name in ("document", "gold", "predicted", "matched", "precision", "recall", "F1"):
        table.add_column(name, justify="left" if name == "document" else "right")
    rows = [*sorted(report.per_doc.items()), ("overall", report.overall)]
    for doc, counts in rows:
        table.add_row(
            doc,
            str(counts.gold),
            str(counts.predicted),
            str(counts.matched),
            _pct(counts.precision),
            _pct(counts.recall),
            _pct(counts.f1),
            style="bold" if doc == "overall" else None,
        )
    return table


def _fields_table(report: EvalReport) -> Table:
    table = Table(title=f"Field accuracy on {report.overall.matched} matched pairs")
    table.add_column("field")
    table.add_column("correct", justify="right")
    table.add_column("accuracy", justify="right")
    for item in report.fields:
        table.add_row(item.name, f"{item.correct}/{item.total}", _pct(item.accuracy))
    return table


def _evidence(record: EventRecord) -> str:
    text = " ".join(record.evidence.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def _render_show(report: EvalReport) -> None:
    console.rule(f"Misses ({len(report.misses)}): gold events with no prediction")
    for record in report.misses:
        console.print(f"[bold]{record.id}[/bold] {_evidence(record)}", highlight=False)
    console.rule(f"Extras ({len(report.extras)}): predictions with no gold event")
    for record in report.extras:
        console.print(f"[bold]{record.id}[/bold] {_evidence(record)}", highlight=False)
    wrong = [pair for pair in report.pairs if pair.wrong]
    console.rule(f"Matched pairs with wrong fields ({len(wrong)})")
    for pair in wrong:
        console.print(f"[bold]{pair.gold.id}[/bold] <- {pair.predicted.id} ({pair.how})")
        for name in pair.wrong:
            console.print(
                f"    {name}: gold={pair.gold.get(name)!r} predicted={pair.predicted.get(name)!r}",
                highlight=False,
                markup=False,
            )


def _render(report: EvalReport, failures: dict[str, str], *, show: bool) -> None:
    console.print(_counts_table(report))
    console.print(_fields_table(report))
    if report.location is not None:
        loc = report.location
        console.print(
            f"Location error over {loc.pairs} pairs with coordinates: median "
            f"{loc.median_km:.1f} km; within 25 km {_pct(loc.within_25km)}, "
            f"within 5 km {_pct(loc.within_5km)}"
        )
    else:
        console.print("Location error: no matched pair has coordinates on both sides.")
    if report.statistics is not None:
        stat = report.statistics
        console.print(
            f"Statistics (matched on document and value): gold {stat.gold}, predicted "
            f"{stat.predicted}, matched {stat.matched}; P {_pct(stat.precision)} "
            f"R {_pct(stat.recall)} F1 {_pct(stat.f1)}"
        )
    for doc, reason in sorted(failures.items()):
        console.print(f"[red]not coded[/red] {doc}: {reason}", highlight=False)
    if show:
        _render_show(report)


def eval_cmd(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold events JSONL (guide section 3).", dir_okay=False, exists=True),
    ],
    docs: Annotated[
        Path | None,
        typer.Option(
            "--docs", help="Folder holding the documents the gold names.", file_okay=False
        ),
    ] = None,
    pred: Annotated[
        Path | None,
        typer.Option("--pred", help="Score this events JSONL instead of running the pipeline."),
    ] = None,
    stats_gold: Annotated[
        Path | None,
        typer.Option("--stats-gold", help="Gold statistics JSONL (default: beside GOLD)."),
    ] = None,
    stats_pred: Annotated[
        Path | None, typer.Option("--stats-pred", help="Predicted statistics JSONL (with --pred).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    show: Annotated[
        bool, typer.Option("--show", help="List misses, extras and wrong fields with evidence.")
    ] = False,
    no_geocode: Annotated[
        bool, typer.Option("--no-geocode", help="Do not open the gazetteer (no coordinates).")
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Score extraction against a gold file: event P/R/F1 and per-field accuracy.

    Example: watchfloor eval ../shared/gold/events.jsonl --docs ../shared/seeds --show
    """
    if docs is None and pred is None:
        raise typer.BadParameter("give --docs DIR (run the pipeline) or --pred FILE")
    with report_errors(debug):
        evaluation = evaluate_gold(
            gold,
            docs_dir=docs,
            pred_path=pred,
            gold_statistics_path=stats_gold,
            pred_statistics_path=stats_pred,
            geocode=not no_geocode,
        )
    if as_json:
        out = evaluation.report.to_json(show=show)
        out["failures"] = dict(evaluation.failures)
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    _render(evaluation.report, evaluation.failures, show=show)


def register(app: typer.Typer) -> None:
    """Add ``eval`` to the root app."""
    app.command("eval")(eval_cmd)
