"""Exports of the event table: ACLED-style CSV, JSON Lines, GeoJSON and Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from watchfloor.errors import MissingExtraError, StoreError
from watchfloor.models import Event
from watchfloor.store.rows import event_to_record

ExportFormat = Literal["csv", "jsonl", "geojson", "parquet"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl", "geojson", "parquet")

# ACLED's column order where a column exists in both; ours after it.
CSV_COLUMNS = (
    "event_id", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor1_unit", "actor2", "civilian_targeting", "country", "admin1", "admin2",
    "location", "anchor", "distance_km", "bearing", "latitude", "longitude", "geo_precision",
    "geonames_id", "source", "notes", "fatalities", "killed", "wounded", "killed_or_wounded",
    "casualty_qualifier", "claimed_by", "doc",
)  # fmt: skip


def acled_row(event: Event) -> dict[str, Any]:
    """One CSV row: ACLED names (``notes``, ``source``, ``location``) plus the guide's fields."""
    record = event_to_record(event)
    return {
        "event_id": event.id,
        "event_date": record["event_date"] or "",
        "year": event.event_date.year if event.event_date else "",
        "location": event.location_text or "",
        "source": "; ".join(
            f"{s['name']}, {s['date']}" if s["date"] else s["name"] for s in record["sources"]
        ),
        "notes": event.evidence,
        **{k: _csv_value(record[k]) for k in CSV_COLUMNS if k in record and k != "event_date"},
    }


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _neutralise(value: Any) -> Any:
    """Defuse spreadsheet formulas in text that came from documents (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_events(events: Iterable[Event], out: Path, fmt: ExportFormat) -> int:
    """Write ``events`` to ``out`` in ``fmt``; return how many were written."""
    if fmt == "csv":
        return _write_csv(events, out)
    if fmt == "jsonl":
        return _write_jsonl(events, out)
    if fmt == "geojson":
        return _write_geojson(events, out)
    if fmt == "parquet":
        return _write_parquet(events, out)
    raise StoreError("bad-format", f"unknown export format {fmt!r}; use one of {FORMATS}")


def _write_csv(events: Iterable[Event], out: Path) -> int:
    n = 0
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for event in events:
            writer.writerow({k: _neutralise(v) for k, v in acled_row(event).items()})
            n += 1
    return n


def _write_jsonl(events: Iterable[Event], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(event_to_record(event), ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_geojson(events: Iterable[Event], out: Path) -> int:
    features = []
    for event in events:
        record = event_to_record(event)
        geometry = (
            {"type": "Point", "coordinates": [event.longitude, event.latitude]}
            if event.latitude is not None and event.longitude is not None
            else None
        )
        features.append({"type": "Feature", "id": event.id, "geometry": geometry,
                         "properties": record})  # fmt: skip
    out.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
        encoding="utf-8",
    )
    return len(features)


def _write_parquet(events: Iterable[Event], out: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise MissingExtraError("export", "pyarrow") from err
    rows = [acled_row(e) for e in events]
    table = pa.Table.from_pylist(
        [{k: ("" if r.get(k) is None else str(r.get(k, ""))) for k in CSV_COLUMNS} for r in rows]
    )
    pq.write_table(table, out)
    return len(rows)
