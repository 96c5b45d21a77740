"""Add places to the analyst gazetteer: GeoNames dumps and the analyst's own TSV.

Both are re-runnable: a GeoNames record keeps its id, an analyst place gets a stable
negative id from its name and country, so running an import twice never duplicates.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from watchfloor.errors import DataFileError, GazetteerError
from watchfloor.places.context import _admin1_code_of
from watchfloor.places.folding import load_folding_rules
from watchfloor.places.gazetteer import Gazetteer, default_analyst_path, open_analyst_db
from watchfloor.places.schema import PlaceRow, write_places

GEONAMES_COLUMNS = 19
ANALYST_COLUMNS = ("name", "other_spellings", "lat", "lon", "country", "admin1", "note")
BATCH = 5000


@dataclass(frozen=True, slots=True)
class ImportResult:
    """How many places an import wrote, and where."""

    path: str
    written: int
    skipped: int
    db_path: str


def _dump_lines(path: Path) -> Iterator[str]:
    if path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as err:
            raise GazetteerError(
                "bad-zip", f"{err}; expected a GeoNames XX.zip", path=str(path)
            ) from err
        with archive:
            members = [
                n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()
            ]
            if not members:
                raise GazetteerError("no-dump", "the zip holds no XX.txt dump", path=str(path))
            with archive.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8")
        return
    try:
        with path.open(encoding="utf-8") as handle:
            yield from handle
    except (OSError, UnicodeDecodeError) as err:
        raise GazetteerError("cannot-read", str(err), path=str(path)) from err


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


def read_geonames_dump(path: Path) -> Iterator[PlaceRow | None]:
    """Yield a PlaceRow per line of a 19-column GeoNames dump (None for a skipped line)."""
    for lineno, line in enumerate(_dump_lines(path), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\r\n").split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            raise DataFileError(
                "bad-dump-line",
                f"expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, got {len(cols)}",
                path=f"{path}:{lineno}",
            )
        try:
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
                source="dump",
                names=(cols[2], *cols[3].split(",")),
            )
        except ValueError as err:
            raise DataFileError("bad-dump-line", str(err), path=f"{path}:{lineno}") from err


def import_geonames(path: Path, *, db_path: Path | None = None) -> ImportResult:
    """Add every record of a GeoNames dump (XX.zip, XX.txt, allCountries.zip)."""
    if not path.is_file():
        raise GazetteerError("cannot-read", "no such file; give a GeoNames dump", path=str(path))
    target = db_path or default_analyst_path()
    rules = load_folding_rules()
    conn = open_analyst_db(target)
    written = skipped = 0
    try:
        batch: list[PlaceRow] = []
        for row in read_geonames_dump(path):
            if row is None:
                skipped += 1
                continue
            batch.append(row)
            if len(batch) >= BATCH:
                written += write_places(conn, batch, rules)
                batch = []
        written += write_places(conn, batch, rules)
        conn.commit()
    finally:
        conn.close()
    return ImportResult(str(path), written, skipped, str(target))


def analyst_place_id(name: str, country: str) -> int:
    """Return the stable negative id of an analyst place."""
    rules = load_folding_rules()
    return -(zlib.crc32(f"{rules.fold(name)}|{country.upper()}".encode()) + 1)


def read_analyst_places(path: Path, *, gazetteer: Gazetteer) -> list[PlaceRow]:
    """Read an analyst TSV (name, other_spellings, lat, lon, country, admin1, note).

    ``country`` is an ISO code or a country name; ``admin1`` a GeoNames admin1 code or
    name (kept as written when unknown). A first line starting with 'name' is a header.
    """
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise GazetteerError("cannot-read", str(err), path=str(path)) from err
    rows: list[PlaceRow] = []
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    for lineno, cols in enumerate(reader, start=1):
        if not cols or not "".join(cols).strip() or cols[0].startswith("#"):
            continue
        if lineno == 1 and cols[0].strip().lower() == "name":
            continue
        cols = [c.strip() for c in cols] + [""] * (len(ANALYST_COLUMNS) - len(cols))
        name, others, lat, lon, country, admin1, note = cols[:7]
        cc = gazetteer.country_code(country)
        try:
            lat_f, lon_f = float(lat), float(lon)
        except ValueError as err:
            raise DataFileError(
                "bad-coordinates", f"lat/lon must be numbers: {err}", path=f"{path}:{lineno}"
            ) from err
        if not name or cc is None or not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
            raise DataFileError(
                "bad-row",
                "need name, lat, lon in range and a known country (code or name); columns: "
                + ", ".join(ANALYST_COLUMNS),
                path=f"{path}:{lineno}",
            )
        rows.append(
            PlaceRow(
                id=analyst_place_id(name, cc),
                name=name,
                lat=lat_f,
                lon=lon_f,
                fclass="P",
                fcode="PPL",
                cc=cc,
                admin1=(_admin1_code_of(gazetteer, admin1, cc) or admin1) if admin1 else None,
                source="analyst",
                note=note or None,
                names=tuple(s.strip() for s in others.replace(";", ",").split(",") if s.strip()),
            )
        )
    return rows


def add_places(path: Path, *, gazetteer: Gazetteer, db_path: Path | None = None) -> ImportResult:
    """Merge an analyst TSV into the analyst gazetteer; analyst rows win at look-up."""
    target = db_path or default_analyst_path()
    rows = read_analyst_places(path, gazetteer=gazetteer)
    target = db_path or gazetteer.analyst_path or target
    conn = open_analyst_db(target)
    try:
        written = write_places(conn, rows, load_folding_rules())
        conn.commit()
    finally:
        conn.close()
    return ImportResult(str(path), written, 0, str(target))
