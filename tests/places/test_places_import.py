"""GeoNames dump import and analyst places (a real SQLite file, real GeoNames format)."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from watchfloor.cli.main import app
from watchfloor.errors import DataFileError
from watchfloor.places import Gazetteer, PlaceContext, add_places, import_geonames, resolve_place

# Rows in the 19-column GeoNames dump format; facts (names, coordinates, codes) of
# Syrian villages from the GeoNames SY dump (CC BY 4.0).
DUMP_ROWS = [
    ["170150", "Ḩaḑar", "Hadar", "Hadar,hdr,Ḩaḑar", "33.28098", "35.83043", "P", "PPL", "SY",
     "", "03", "", "", "", "0", "", "1000", "Asia/Damascus", "2020-06-10"],
    ["171564", "Bayt Jinn", "Bayt Jinn", "Beit Jann,Beit Jenn,Beit Jinn", "33.31376",
     "35.87972", "P", "PPL", "SY", "", "08", "", "", "", "0", "", "1200", "Asia/Damascus",
     "2012-09-06"],
    ["163279", "Ţayyānī", "Tayyani", "Taiyane,Tayyanah,Tayyani", "34.97839", "40.54149", "P",
     "PPL", "SY", "", "07", "", "", "", "0", "", "190", "Asia/Damascus", "2015-03-08"],
]  # fmt: skip


def _write_dump(path: Path) -> Path:
    path.write_text("".join("\t".join(row) + "\n" for row in DUMP_ROWS), encoding="utf-8")
    return path


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608
    finally:
        conn.close()


def test_import_geonames_txt_is_rerunnable(tmp_path: Path) -> None:
    db = tmp_path / "places.sqlite"
    dump = _write_dump(tmp_path / "SY.txt")
    first = import_geonames(dump, db_path=db)
    names = _count(db, "names")
    second = import_geonames(dump, db_path=db)
    assert first.written == second.written == 3
    assert _count(db, "places") == 3 and _count(db, "names") == names
    gazetteer = Gazetteer.open(db)
    try:
        cands = gazetteer.lookup("Beit Jann", country="SY")
        assert cands[0].geonames_id == 171564 and cands[0].source == "dump"
        assert len([c for c in gazetteer.lookup("Bayt Jinn") if c.geonames_id == 171564]) == 1
    finally:
        gazetteer.close()


def test_import_geonames_zip(tmp_path: Path) -> None:
    dump = _write_dump(tmp_path / "SY.txt")
    archive = tmp_path / "SY.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(dump, "SY.txt")
        handle.writestr("readme.txt", "not data")
    result = import_geonames(archive, db_path=tmp_path / "g.sqlite")
    assert result.written == 3


def test_import_geonames_bad_line_names_file_and_line(tmp_path: Path) -> None:
    dump = _write_dump(tmp_path / "SY.txt")
    dump.write_text(dump.read_text("utf-8") + "1\tbroken\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        import_geonames(dump, db_path=tmp_path / "g.sqlite")
    assert info.value.path == f"{dump}:4" and info.value.reason == "bad-dump-line"


def test_add_analyst_places_win_and_rerun(tmp_path: Path) -> None:
    db = tmp_path / "places.sqlite"
    tsv = tmp_path / "my-places.tsv"
    tsv.write_text(
        "name\tother_spellings\tlat\tlon\tcountry\tadmin1\tnote\n"
        "Tell Zaytuniyah\tTal Zaytouniya, Tell Zeitouniye\t35.2\t40.3\tSyria\tDeir ez-Zor\t"
        "hamlet from our own map\n",
        encoding="utf-8",
    )
    gazetteer = Gazetteer.open(db)
    add_places(tsv, gazetteer=gazetteer, db_path=db)
    add_places(tsv, gazetteer=gazetteer, db_path=db)
    gazetteer.close()
    assert _count(db, "places") == 1
    gazetteer = Gazetteer.open(db)
    try:
        place = resolve_place(
            "5 km north of Tal Zaytouniya",
            gazetteer=gazetteer,
            context=PlaceContext(country="Syria", admin1="Deir ez-Zor"),
        )
        assert place.resolved and place.geonames_id is not None and place.geonames_id < 0
        assert place.admin1 == "Deir ez-Zor"
        assert "analyst place" in place.note
    finally:
        gazetteer.close()


def test_add_rejects_bad_row(tmp_path: Path) -> None:
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("Somewhere\t\tnorth\t40\tSY\t\t\n", encoding="utf-8")
    gazetteer = Gazetteer.open(tmp_path / "g.sqlite")
    try:
        with pytest.raises(DataFileError) as info:
            add_places(tsv, gazetteer=gazetteer, db_path=tmp_path / "g.sqlite")
    finally:
        gazetteer.close()
    assert info.value.path == f"{tsv}:1"


def test_cli_places_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "places.sqlite")
    dump = _write_dump(tmp_path / "SY.txt")
    result = runner.invoke(app, ["places", "import-geonames", str(dump), "--gazetteer", db])
    assert result.exit_code == 0, result.output
    assert "3 places written" in result.output
    result = runner.invoke(
        app, ["places", "lookup", "Deir al-Zor", "--country", "SY", "--gazetteer", db]
    )
    assert result.exit_code == 0 and "170794" in result.output
    result = runner.invoke(
        app,
        [
            "places",
            "resolve",
            "14 km north of Al-Mayadeen",
            "--country",
            "Syria",
            "--gazetteer",
            db,
        ],
    )
    assert result.exit_code == 0 and "35.14572" in result.output
    result = runner.invoke(
        app, ["places", "import-geonames", str(tmp_path / "none.txt"), "--gazetteer", db]
    )
    assert result.exit_code == 1 and "cannot-read" in result.output
    result = runner.invoke(app, ["places", "unresolved", "--db", str(tmp_path / "watch.db")])
    assert result.exit_code == 0 and "No unresolved places" in result.output
