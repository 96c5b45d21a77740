"""Numbered SQL migrations: ``migrations/NNNN_name.sql``, applied in order, each once.

Each file runs in its own transaction and is recorded in ``schema_migrations``,
so a database of any age is brought up to date on open.
"""

from __future__ import annotations

import sqlite3
from importlib import resources

from watchfloor.errors import StoreError


def list_migrations() -> list[tuple[int, str, str]]:
    """Return ``(number, name, sql)`` for every bundled migration, in order."""
    found = []
    for entry in resources.files("watchfloor.store").joinpath("migrations").iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        number = int(name.split("_", 1)[0])
        found.append((number, name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [n for n, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise StoreError("duplicate-migration", f"two migrations share a number: {numbers}")
    return found


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; return the names applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    done = {row[0] for row in conn.execute("SELECT number FROM schema_migrations")}
    applied = []
    for number, name, sql in list_migrations():
        if number in done:
            continue
        try:
            conn.execute("BEGIN")
            for statement in _split_statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(number, name) VALUES (?, ?)", (number, name)
            )
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            conn.execute("ROLLBACK")
            raise StoreError("migration-failed", f"{name}: {err}") from err
        applied.append(name)
    return applied


def _split_statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
