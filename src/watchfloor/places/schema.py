"""The gazetteer's SQLite schema and the one function that writes a place.

The bundled gazetteer, an analyst's gazetteer (imports and ``places add``) and the
build script all use these tables, so every writer produces the same keys.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from watchfloor.places.folding import FoldingRules

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,          -- GeoNames id; analyst places are negative
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    fclass TEXT,                     -- GeoNames feature class (P, A, S ...)
    fcode TEXT,                      -- GeoNames feature code (PPL, PPLA2 ...)
    cc TEXT NOT NULL,                -- ISO country code
    admin1 TEXT,                     -- GeoNames admin1 code ('07')
    admin2 TEXT,                     -- GeoNames admin2 code
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,            -- cities15000, cities500, supplement, dump, analyst
    note TEXT
);
CREATE TABLE IF NOT EXISTS names (
    place_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    vkey TEXT NOT NULL               -- variant folding key (exact match is checked on read)
);
CREATE TABLE IF NOT EXISTS countries (
    iso TEXT PRIMARY KEY, name TEXT NOT NULL, capital TEXT, geonameid INTEGER,
    lat REAL, lon REAL
);
CREATE TABLE IF NOT EXISTS admin1 (
    code TEXT PRIMARY KEY,           -- 'SY.07'
    cc TEXT NOT NULL, name TEXT NOT NULL, asciiname TEXT NOT NULL, geonameid INTEGER,
    lat REAL, lon REAL,              -- seat (PPLA) or most populous place
    min_lat REAL, max_lat REAL, min_lon REAL, max_lon REAL
);
CREATE TABLE IF NOT EXISTS admin2 (
    code TEXT PRIMARY KEY,           -- 'SY.07.170794'
    cc TEXT NOT NULL, admin1 TEXT NOT NULL, name TEXT NOT NULL, asciiname TEXT NOT NULL,
    geonameid INTEGER
);
"""

INDEXES = """
CREATE INDEX IF NOT EXISTS names_vkey ON names (vkey);
CREATE INDEX IF NOT EXISTS names_place ON names (place_id);
CREATE INDEX IF NOT EXISTS places_cc ON places (cc, admin1);
"""
"""Indexes are left out of the shipped file (smaller) and built in the user cache."""

MAX_NAME_CHARS = 120


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place to write, with every name it is known by."""

    id: int
    name: str
    lat: float
    lon: float
    cc: str
    fclass: str | None = None
    fcode: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    source: str = "dump"
    note: str | None = None
    names: tuple[str, ...] = ()


def create_schema(conn: sqlite3.Connection, *, indexes: bool = True) -> None:
    """Create the tables (and, unless told not to, the indexes) if missing."""
    conn.executescript(SCHEMA)
    if indexes:
        conn.executescript(INDEXES)
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
    )


def is_latin_name(name: str) -> bool:
    """Tell whether every letter of ``name`` is Latin script (keeps transliterations)."""
    for ch in name:
        if ch.isalpha() and not ch.isascii():
            try:
                if "LATIN" not in unicodedata.name(ch):
                    return False
            except ValueError:
                return False
    return any(ch.isalpha() for ch in name)


def write_places(
    conn: sqlite3.Connection,
    rows: Iterable[PlaceRow],
    rules: FoldingRules,
    *,
    latin_only: bool = False,
) -> int:
    """Insert or replace ``rows`` and their names; return how many places were written.

    Re-running with the same rows replaces them: a place id is never duplicated. A name
    whose variant key repeats one already written for the same place is skipped.
    """
    count = 0
    for row in rows:
        conn.execute(
            "INSERT OR REPLACE INTO places (id, name, lat, lon, fclass, fcode, cc, admin1, "
            "admin2, population, source, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                row.id,
                row.name,
                row.lat,
                row.lon,
                row.fclass,
                row.fcode,
                row.cc,
                row.admin1,
                row.admin2,
                row.population,
                row.source,
                row.note,
            ),
        )
        conn.execute("DELETE FROM names WHERE place_id = ?", (row.id,))
        seen: set[str] = set()
        for name in (row.name, *row.names):
            name = name.strip()
            if not name or len(name) > MAX_NAME_CHARS:
                continue
            if latin_only and name != row.name and not is_latin_name(name):
                continue
            key = rules.fold(name)
            vkey = rules.variant_key(name)
            if not key or vkey in seen:
                continue
            seen.add(vkey)
            conn.execute(
                "INSERT INTO names (place_id, name, vkey) VALUES (?,?,?)",
                (row.id, name, vkey),
            )
        count += 1
    return count
