"""Exports of the event table, read back with real parsers."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest
from factories import make_event, make_tree

from watchfloor.errors import StoreError
from watchfloor.store import Store
from watchfloor.store.export import CSV_COLUMNS, export_events


@pytest.fixture()
def events(db_path: Path) -> list:
    hostile = dataclasses.replace(
        make_event(2), evidence='=HYPERLINK("http://x") <b>"q"</b>', latitude=33.9, longitude=44.4
    )
    with Store.open(db_path) as store:
        store.save_document(make_tree(), events=[make_event(1), hostile])
        return store.query_events()


def test_export_csv_has_acled_columns_and_defuses_formulas(events: list, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export_events(events, out, "csv") == 2
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["source"] == "Shafaq, 2024-03-02; Telegram"
    assert rows[0]["year"] == "2024"
    assert rows[1]["notes"].startswith("'=HYPERLINK")


def test_export_jsonl_keeps_guide_fields(events: list, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    export_events(events, out, "jsonl")
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    for name in (
        "event_date",
        "sub_event_type",
        "actor1",
        "killed_or_wounded",
        "sources",
        "provenance",
        "also_in",
        "claimed_by",
    ):
        assert name in first
    assert first["sources"][0] == {"name": "Shafaq", "date": "2024-03-02"}


def test_export_geojson_points_and_null_geometry(events: list, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    export_events(events, out, "geojson")
    data = json.loads(out.read_text(encoding="utf-8"))
    geometries = [f["geometry"] for f in data["features"]]
    assert geometries[0] is None
    assert geometries[1] == {"type": "Point", "coordinates": [44.4, 33.9]}


def test_export_parquet_round_trip(events: list, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    export_events(events, out, "parquet")
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert table.column("event_id").to_pylist() == ["bulletin#1", "bulletin#2"]


def test_export_rejects_unknown_format(events: list, tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        export_events(events, tmp_path / "x", "xml")  # type: ignore[arg-type]
    assert info.value.reason == "bad-format"
