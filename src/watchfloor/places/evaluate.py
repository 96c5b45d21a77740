"""Geocoding accuracy on gold events (geocoding only: gold place fields in, points out)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from watchfloor.errors import DataFileError
from watchfloor.places.context import PlaceContext
from watchfloor.places.gazetteer import Gazetteer
from watchfloor.places.relative import haversine_km
from watchfloor.places.resolver import resolve_event_place


@dataclass(frozen=True, slots=True)
class GeoMiss:
    """One gold event placed too far away (or not at all)."""

    event_id: str
    location_text: str | None
    anchor: str | None
    error_km: float | None
    note: str


@dataclass(frozen=True, slots=True)
class GeocodingReport:
    """Share of gold events placed within 25 km and 5 km, and what went wrong."""

    events: int
    with_coordinates: int
    within_25km: int
    within_5km: int
    misses: tuple[GeoMiss, ...] = ()
    lacking: tuple[str, ...] = field(default=())  # gold names the gazetteer lacks

    @property
    def share_25km(self) -> float:
        return self.within_25km / self.with_coordinates if self.with_coordinates else 0.0

    @property
    def share_5km(self) -> float:
        return self.within_5km / self.with_coordinates if self.with_coordinates else 0.0


def _read_gold(path: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise DataFileError("bad-json", str(err), path=f"{path}:{lineno}") from err
    return rows


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def evaluate_geocoding(
    gold_events_path: Path, seeds_dir: Path | None = None, *, gazetteer: Gazetteer | None = None
) -> GeocodingReport:
    """Geocode each gold event from its gold place fields and country/admin1 context.

    ``seeds_dir`` is accepted for symmetry with the extraction evaluation; geocoding
    only needs the gold fields. Events without gold coordinates are counted apart.
    """
    del seeds_dir
    gazetteer = gazetteer or Gazetteer.open()
    rows = _read_gold(gold_events_path)
    scored = near25 = near5 = 0
    misses: list[GeoMiss] = []
    lacking: set[str] = set()
    for row in rows:
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        location, anchor = _str(row.get("location_text")), _str(row.get("anchor"))
        context = PlaceContext(country=_str(row.get("country")), admin1=_str(row.get("admin1")))
        place = resolve_event_place(
            gazetteer=gazetteer,
            context=context,
            location_text=location,
            anchor=anchor,
            distance_km=_float(row.get("distance_km")),
            bearing=_str(row.get("bearing")),
        )
        note = place.note if place else "no place text"
        for name in (location, anchor):
            if name and not _found(gazetteer, name, PlaceContext(country=context.country)):
                lacking.add(name)
        if lat is None or lon is None:
            continue
        scored += 1
        error = None
        if place and place.latitude is not None and place.longitude is not None:
            error = haversine_km(lat, lon, place.latitude, place.longitude)
        near25 += error is not None and error <= 25.0
        near5 += error is not None and error <= 5.0
        if error is None or error > 5.0:
            misses.append(GeoMiss(str(row.get("id")), location, anchor, error, note))
    return GeocodingReport(len(rows), scored, near25, near5, tuple(misses), tuple(sorted(lacking)))


def _found(gazetteer: Gazetteer, name: str, context: PlaceContext) -> bool:
    place = resolve_event_place(gazetteer=gazetteer, context=context, location_text=name)
    return place is not None and place.resolved
