"""Docs stay true: every command has help and a place in docs/cli.md; data files are listed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer.main

from watchfloor.cli.main import app

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from cli_reference import is_group, iter_commands, subcommand  # noqa: E402


def test_docs_every_command_has_help_with_example() -> None:
    root = typer.main.get_command(app)
    missing = []
    for path in iter_commands(root):
        command = root
        for name in path:
            command = subcommand(command, name)
        if is_group(command):
            if not (command.help or "").strip():
                missing.append(" ".join(path))
        elif "Example" not in (command.help or ""):
            missing.append(" ".join(path))
    assert missing == []


def test_docs_cli_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "docs/cli.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        "docs/cli.md is stale: run `cog -r docs/cli.md`\n" + result.stderr
    )


def test_docs_every_data_file_is_listed() -> None:
    data = REPO / "src" / "watchfloor" / "data"
    listed = "\n".join(p.read_text(encoding="utf-8") for p in data.rglob("README.md"))
    unlisted = [
        p.relative_to(data).as_posix()
        for p in sorted(data.rglob("*"))
        if p.is_file()
        and p.name not in ("README.md", "__init__.py")
        and "__pycache__" not in p.parts
        and p.name not in listed
    ]
    assert unlisted == []
