"""Print the reference of every ``watchfloor`` command (used by cog to build docs/cli.md)."""

from __future__ import annotations

import os
from typing import Any

import typer.main
from typer.testing import CliRunner

from watchfloor.cli.main import app


def is_group(command: Any) -> bool:
    return hasattr(command, "list_commands")


def subcommand(group: Any, name: str) -> Any:
    return group.get_command(group.context_class(group), name)


def iter_commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path of the app (a click-style group), depth first, sorted by name."""
    paths: list[tuple[str, ...]] = []
    for name in sorted(group.list_commands(group.context_class(group))):
        command = subcommand(group, name)
        if command is None or command.hidden:
            continue
        paths.append((*prefix, name))
        if is_group(command):
            paths.extend(iter_commands(command, (*prefix, name)))
    return paths


def render_reference() -> str:
    """Markdown with the ``--help`` text of the root app and of each command."""
    os.environ["COLUMNS"] = "100"
    os.environ["TERMINAL_WIDTH"] = "100"
    runner = CliRunner()
    root = typer.main.get_command(app)
    parts = []
    for path in [(), *iter_commands(root)]:
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
        title = " ".join(("watchfloor", *path))
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(render_reference())
