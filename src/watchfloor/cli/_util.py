"""Options shared by commands, the console, and the one place errors become exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from watchfloor.errors import WatchfloorError

DEFAULT_DB = Path("watch.db")

DbOpt = Annotated[
    Path,
    typer.Option(
        "--db", help="SQLite database file (created and migrated if missing).", dir_okay=False
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Re-raise errors with their traceback.")]

console = Console()
err_console = Console(stderr=True)


def print_error(err: WatchfloorError) -> None:
    """One ``Error: ...`` line on stderr, the message printed as plain text (never markup)."""
    err_console.print(f"Error: {err.message}", markup=False, highlight=False, soft_wrap=True)


@contextmanager
def report_errors(debug: bool = False) -> Iterator[None]:
    """Turn a WatchfloorError into one ``Error: ...`` line on stderr and exit code 1."""
    try:
        yield
    except WatchfloorError as err:
        if debug:
            raise
        print_error(err)
        raise typer.Exit(1) from err
