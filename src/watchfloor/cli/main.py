"""The ``watchfloor`` command: one Typer app, one module per command group."""

from __future__ import annotations

import typer

from watchfloor import __version__
from watchfloor.cli import brief, documents, evaluate, extract, places, resolve

app = typer.Typer(
    name="watchfloor",
    help=(
        "Watchfloor turns English conflict reporting (bulletins, news, translated claims, "
        "feeds, PDFs) into a sourced event database, a knowledge base and weekly briefs.\n\n"
        "Typical session:\n\n"
        "  watchfloor ingest examples/bulletins/ --db watch.db\n\n"
        "  watchfloor extract examples/bulletins/ --db watch.db\n\n"
        "  watchfloor brief --db watch.db --week 2024-03-07 --out brief.html"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

for module in (documents, places, extract, evaluate, resolve, brief):
    module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"watchfloor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Watchfloor command line."""


def main() -> None:
    app()
