"""A schema change without a migration fails here: compare a fresh database to the snapshot.

Regenerate after adding a migration:
    python -c "import sys; sys.path.insert(0, 'tests'); from store.test_store_schema import dump; dump()"
"""

from __future__ import annotations

from pathlib import Path

from watchfloor.store import Store

SNAPSHOT = Path(__file__).with_name("schema.sql")


def fresh_schema(path: Path) -> str:
    with Store.open(path) as store:
        rows = store.conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
            " AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
    return "\n".join(f"-- {r[0]} {r[1]}\n{r[2].strip()};\n" for r in rows)


def dump(path: Path = Path("/tmp/watchfloor-schema.db")) -> None:
    path.unlink(missing_ok=True)
    SNAPSHOT.write_text(fresh_schema(path), encoding="utf-8")


def test_store_schema_matches_snapshot(db_path: Path) -> None:
    assert fresh_schema(db_path) == SNAPSHOT.read_text(encoding="utf-8"), (
        "the schema changed: add a migration in src/watchfloor/store/migrations/ and "
        "regenerate tests/store/schema.sql (see this module's docstring)"
    )
